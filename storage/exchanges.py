"""Repository of exchanges: every message received and the replies sent, one row each."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Exchange


class ExchangeRepository:
    """Reads and adds exchanges inside the caller's session; never commits."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add(self, *, channel: str, sender: str, text: str, received_at: dt.datetime,
            outcome: str, replies: list[dict[str, Any]]) -> Exchange:
        row = Exchange(channel=channel, sender=sender, text=text, received_at=received_at,
                       outcome=outcome, replies=replies)
        self.session.add(row)
        return row

    async def recent(self, channel: str, sender: str, limit: int = 20) -> list[Exchange]:
        query = (select(Exchange)
                 .where(Exchange.channel == channel, Exchange.sender == sender)
                 .order_by(Exchange.received_at.desc(), Exchange.id.desc())
                 .limit(limit))
        return list((await self.session.scalars(query)).all())
