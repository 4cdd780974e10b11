"""One message being handled: who sent it, their roles, the time, and the unit of work."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from handlers.messages import Attachment, IncomingMessage, Reply
from handlers.roles import Role
from storage.models import ContactRow
from storage.uow import UnitOfWork


@dataclass
class Turn:
    message: IncomingMessage
    uow: UnitOfWork
    now: dt.datetime  # aware UTC
    today: dt.date  # in the plans' time zone
    roles: frozenset[Role]
    contacts: list[ContactRow]  # the units the sender answers for
    dialogue: dict[str, Any] | None = None  # the sender's open multi-step exchange
    next_dialogue: dict[str, Any] | None = field(default=None)
    audit: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)

    @property
    def user(self) -> str:
        return self.message.user

    def reply(self, text: str, options: tuple[str, ...] = (),
              files: tuple[Attachment, ...] = ()) -> Reply:
        return Reply(self.message.reply_to, text, options, files)

    def ask(self, text: str, options: tuple[str, ...], state: dict[str, Any]) -> Reply:
        """Offer numbered options and remember what they mean for the next message."""
        self.next_dialogue = {**state, "options": list(options)}
        return self.reply(text, options)

    def record(self, action: str, target: str, **details: Any) -> None:
        self.audit.append((action, target, details))
