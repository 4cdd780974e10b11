"""The core's Journal kept in the database: one short transaction per message."""

from __future__ import annotations

from collections.abc import Sequence

from handlers.messages import IncomingMessage, Reply
from storage.database import Database
from storage.exchanges import ExchangeRepository


class SqlJournal:
    def __init__(self, database: Database) -> None:
        self.database = database

    async def record(self, message: IncomingMessage, replies: Sequence[Reply],
                     outcome: str) -> None:
        async with self.database.session() as session, session.begin():
            ExchangeRepository(session).add(
                channel=message.channel, sender=message.sender, text=message.text,
                received_at=message.received_at, outcome=outcome,
                replies=[{"to": r.to, "text": r.text, "options": list(r.options)}
                         for r in replies])
