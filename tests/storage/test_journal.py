"""The conversation journal on real SQLite and real PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.journal import SqlJournal
from handlers.messages import IncomingMessage, Reply
from storage.database import Database
from storage.exchanges import ExchangeRepository
from tests.conftest import POSTGRES_URL


async def _postgres() -> Database:
    database = Database(POSTGRES_URL)
    try:
        async with database.engine.connect() as connection:
            await connection.execute(text("select 1"))
    except OSError:
        await database.close()
        raise  # the machine runs PostgreSQL; .ci/run starts it when it is stopped
    return database


@pytest.fixture(params=["sqlite", "postgresql"])
async def database(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    if request.param == "sqlite":
        db = Database(f"sqlite+aiosqlite:///{tmp_path / 'journal.sqlite3'}")
    else:
        db = await _postgres()
        async with db.engine.begin() as connection:
            await connection.execute(text("drop table if exists exchanges"))
    await db.create_schema()
    yield db
    await db.close()


async def test_every_exchange_is_kept_with_aware_utc_time(database: Database) -> None:
    journal = SqlJournal(database)
    sent = dt.datetime(2024, 3, 1, 2, 30, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    message = IncomingMessage("console", "btg", "Hạn nộp báo cáo?", sent)
    await journal.record(message, [Reply("btg", "trước ngày 25/3/2024", ("a", "b"))], "deadline")
    await journal.record(IncomingMessage("console", "btg", "x" * 5000, sent), [], "too_long")

    async with database.session() as session:
        rows = await ExchangeRepository(session).recent("console", "btg")
    assert [r.outcome for r in rows] == ["too_long", "deadline"]
    first = rows[1]
    assert first.received_at == sent and first.received_at.tzinfo is not None
    assert first.received_at.utcoffset() == dt.timedelta(0)
    assert first.replies == [{"to": "btg", "text": "trước ngày 25/3/2024", "options": ["a", "b"]}]
    assert len(rows[0].text) == 5000


async def test_naive_times_are_refused(database: Database) -> None:
    journal = SqlJournal(database)
    naive = IncomingMessage("console", "btg", "hỏi", dt.datetime(2024, 3, 1, 9, 0))
    with pytest.raises(Exception, match="naive"):
        await journal.record(naive, [], "deadline")
