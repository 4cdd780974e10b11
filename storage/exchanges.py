"""Repository of exchanges: every message received and the replies sent, one row each. It
never commits and returns frozen records (storage.records), never rows."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import MESSAGE_ID_LENGTH, Exchange, to_record
from storage.records import ExchangeRecord


class ExchangeRepository:
    """Reads and adds exchanges inside the caller's session; never commits."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add(self, *, channel: str, sender: str, text: str, received_at: dt.datetime,
            outcome: str, replies: list[dict[str, Any]],
            message_id: str | None = None) -> None:
        """Journal the exchange; it is written with the rest of the unit of work."""
        self.session.add(Exchange(
            channel=channel, sender=sender, text=text, received_at=received_at,
            outcome=outcome, replies=replies,
            message_id=message_id[:MESSAGE_ID_LENGTH] if message_id else None))

    async def handled(self, channel: str, message_id: str) -> bool:
        """Whether the channel's message with this id is already in the journal."""
        return await self.session.scalar(select(Exchange.id).where(
            Exchange.channel == channel,
            Exchange.message_id == message_id[:MESSAGE_ID_LENGTH])) is not None

    async def recent(self, channel: str, sender: str, limit: int = 20
                     ) -> list[ExchangeRecord]:
        query = (select(Exchange)
                 .where(Exchange.channel == channel, Exchange.sender == sender)
                 .order_by(Exchange.received_at.desc(), Exchange.id.desc())
                 .limit(limit))
        return [to_record(ExchangeRecord, row) for row in await self.session.scalars(query)]
