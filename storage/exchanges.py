"""Repository of exchanges: every message received and the replies sent, one row each. It
never commits and returns frozen records (storage.records), never rows.

Whatever a message holds, its row can be written: characters no database column takes (NUL,
lone surrogates) are replaced, and a value longer than its column (or than ``TEXT_LIMIT`` for
the text) is cut, with its full length and SHA-256 kept beside the part that is kept, so what
was sent can still be told apart and matched, however large it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import MESSAGE_ID_LENGTH, Exchange, to_record
from storage.records import ExchangeRecord

TEXT_LIMIT = 16_000  # characters of a message kept whole; a longer one is cut
CHANNEL_LENGTH, SENDER_LENGTH, OUTCOME_LENGTH = 20, 100, 40
REPLIES_LIMIT = 50  # replies kept per exchange
INT_RANGE = (-(2**63), 2**63 - 1)  # what a JSON number in either database round-trips as
_UNSAFE = re.compile("[\x00\ud800-\udfff]")


def safe_text(value: str) -> str:
    """``value`` with NUL and lone surrogates (which no database or UTF-8 stream takes)
    replaced by U+FFFD."""
    return _UNSAFE.sub("\ufffd", value)


def bounded(value: str, limit: int) -> str:
    """``value`` made safe and, when longer than ``limit``, cut with a note of its full length
    and SHA-256 (of the text as sent), all within ``limit`` characters."""
    value_safe = safe_text(value)
    if len(value_safe) <= limit:
        return value_safe
    digest = hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()
    note = f"…[{len(value)} chars, sha256 {digest}]"
    if len(note) >= limit:  # a short column: the hash alone, as much of it as fits
        return f"…{digest}"[:limit]
    return value_safe[:limit - len(note)] + note


def safe_json(value: Any, limit: int = TEXT_LIMIT) -> Any:
    """A JSON value whose strings are safe and bounded and whose integers fit the databases."""
    if isinstance(value, str):
        return bounded(value, limit)
    if isinstance(value, bool) or value is None or isinstance(value, float):
        return value
    if isinstance(value, int):
        return value if INT_RANGE[0] <= value <= INT_RANGE[1] else str(value)
    if isinstance(value, dict):
        return {bounded(str(key), 200): safe_json(item, limit) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [safe_json(item, limit) for item in value]
    return bounded(repr(value), 200)


class ExchangeRepository:
    """Reads and adds exchanges inside the caller's session; never commits."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add(self, *, channel: str, sender: str, text: str, received_at: dt.datetime,
            outcome: str, replies: list[dict[str, Any]],
            message_id: str | None = None) -> None:
        """Journal the exchange; it is written with the rest of the unit of work."""
        self.session.add(Exchange(
            channel=bounded(channel, CHANNEL_LENGTH), sender=bounded(sender, SENDER_LENGTH),
            text=bounded(text, TEXT_LIMIT), received_at=received_at,
            outcome=bounded(outcome, OUTCOME_LENGTH),
            replies=safe_json(replies[:REPLIES_LIMIT]),
            message_id=_message_id(message_id)))

    async def handled(self, channel: str, message_id: str) -> bool:
        """Whether the channel's message with this id is already in the journal."""
        return await self.session.scalar(select(Exchange.id).where(
            Exchange.channel == channel,
            Exchange.message_id == _message_id(message_id))) is not None

    async def recent(self, channel: str, sender: str, limit: int = 20
                     ) -> list[ExchangeRecord]:
        query = (select(Exchange)
                 .where(Exchange.channel == channel, Exchange.sender == sender)
                 .order_by(Exchange.received_at.desc(), Exchange.id.desc())
                 .limit(limit))
        return [to_record(ExchangeRecord, row) for row in await self.session.scalars(query)]


def _message_id(message_id: str | None) -> str | None:
    """The id as kept: a longer one is cut to the column with its hash, the same every time, so
    a repeat of it is still recognised."""
    return bounded(message_id, MESSAGE_ID_LENGTH) if message_id else None
