"""Zalo updates: a webhook body or a ``getUpdates`` result read into a :class:`ZaloMessage`.

Anything that is not a readable message is ``None``, never an exception: the channel logs it
(by its shape, never its content) and moves on.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)
TEXT_EVENT = "message.text.received"

@dataclass(frozen=True)
class ZaloMessage:
    """One incoming message. ``text`` is ``None`` for images, stickers, voice and the like."""

    message_id: str
    chat_id: str
    chat_type: str  # "PRIVATE" or "GROUP"
    sender_id: str
    sender_name: str | None
    text: str | None
    event_name: str
    date: dt.datetime  # aware, UTC

    @property
    def is_text(self) -> bool:
        return self.text is not None

    @property
    def media(self) -> str | None:
        """What a message without text carries, from its event: "image", "sticker", …"""
        if self.is_text:
            return None
        kind = self.event_name.removeprefix("message.").removesuffix(".received")
        return kind[:40] or "other"


def opaque_id(value: object) -> str | None:
    """Ids are opaque strings; integers are accepted and turned into strings."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str) and value.strip():
        return value
    return None


def _epoch_ms(value: object) -> dt.datetime | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            return None
    if not isinstance(value, int | float) or not math.isfinite(value) or value < 0:
        return None
    try:
        return dt.datetime.fromtimestamp(value / 1000, tz=dt.UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _unwrap(payload: object) -> dict[str, Any] | None:
    """The bare update, from either the bare form or ``{"ok": true, "result": {...}}``."""
    if not isinstance(payload, dict):
        return None
    if "event_name" not in payload and "result" in payload:
        if payload.get("ok", True) is not True:
            return None
        payload = payload["result"]
        if not isinstance(payload, dict):
            return None
    return payload


def parse_update(payload: object) -> ZaloMessage | None:
    """A webhook body or ``getUpdates`` result as a ``ZaloMessage``; ``None`` when it is not one.

    Never raises. Any ``message.<kind>.received`` event is a message; only
    ``message.text.received`` carries text (a text event without a string ``text`` is
    rejected), the others (image, sticker, voice, unsupported, …) come back with ``text=None``
    so the caller can say that it only reads text. A missing ``chat_type`` is inferred
    (``PRIVATE`` when the chat id is the sender id, as in every private chat).
    """
    try:
        return _parse_update(payload)
    except Exception:  # pragma: no cover - defensive: a parser bug must not kill the poller
        log.exception("Zalo update parser failed")
        return None


def _parse_update(payload: object) -> ZaloMessage | None:
    update = _unwrap(payload)
    if update is None:
        return None
    event_name = update.get("event_name")
    message = update.get("message")
    if (not isinstance(event_name, str) or not event_name.startswith("message.")
            or not event_name.endswith(".received") or not isinstance(message, dict)):
        return None
    chat = message.get("chat")
    sender = message.get("from")
    if not isinstance(chat, dict) or not isinstance(sender, dict):
        return None
    message_id = opaque_id(message.get("message_id"))
    chat_id = opaque_id(chat.get("id"))
    sender_id = opaque_id(sender.get("id"))
    date = _epoch_ms(message.get("date"))
    if message_id is None or chat_id is None or sender_id is None or date is None:
        return None
    chat_type = chat.get("chat_type")
    if isinstance(chat_type, str) and chat_type.strip():
        chat_type = chat_type.strip().upper()
    else:
        chat_type = "PRIVATE" if chat_id == sender_id else "GROUP"
    name = sender.get("display_name")
    text: str | None = None
    if event_name == TEXT_EVENT:
        raw_text = message.get("text")
        if not isinstance(raw_text, str):
            return None
        text = raw_text
    return ZaloMessage(
        message_id=message_id, chat_id=chat_id, chat_type=chat_type, sender_id=sender_id,
        sender_name=name if isinstance(name, str) and name.strip() else None,
        text=text, event_name=event_name, date=date,
    )


def describe(payload: object) -> str:
    """A payload's shape for the log, without its content (messages are personal data)."""
    if isinstance(payload, dict):
        keys = ",".join(sorted(str(key)[:32] for key in payload)[:12])
        event = payload.get("event_name")
        suffix = f" event_name={event[:64]!r}" if isinstance(event, str) else ""
        return f"dict keys=[{keys}]{suffix}"
    return type(payload).__name__
