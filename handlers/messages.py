"""The core's own message types, the same for every channel."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Attachment:
    """A file a user sent or the assistant sends back (an .xlsx, a chart)."""

    name: str
    content: bytes
    mime: str = "application/octet-stream"


@dataclass(frozen=True)
class IncomingMessage:
    """What a user sent, already out of its channel's wire format."""

    channel: str  # "console", "telegram", "zalo"
    sender: str  # the user's id on that channel
    text: str
    received_at: dt.datetime  # aware, UTC
    chat: str | None = None  # where replies go; the sender's own chat when None
    display_name: str | None = None
    attachment: Attachment | None = None
    quoted: str | None = None  # the text of the message this one replies to, if any
    is_choice: bool = False  # a button press standing for one of the options offered
    message_id: str | None = None  # the channel's id for it: one delivered twice is handled once
    media: str | None = None  # what a message without text carries: "photo", "sticker", "voice"

    @property
    def user(self) -> str:
        """The user as written in settings: ``channel:id``."""
        return f"{self.channel}:{self.sender}"

    @property
    def reply_to(self) -> str:
        return self.chat or self.sender


@dataclass(frozen=True)
class Reply:
    to: str
    text: str
    options: tuple[str, ...] = field(default_factory=tuple)
    files: tuple[Attachment, ...] = field(default_factory=tuple)
