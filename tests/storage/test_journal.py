"""The exchange journal and the migrations, on real SQLite and real PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import (
    JSON,
    Column,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    column,
    insert,
    inspect,
    select,
    table,
    text,
)
from sqlalchemy.engine import Connection

from storage.database import Database, alembic_config
from storage.models import Base
from storage.records import ExchangeRecord, FailureCode
from storage.types import UTCDateTime
from storage.uow import UnitOfWork
from tests.conftest import drop_postgres, empty_postgres

# The journal as the first release created it, before any migration existed.
FIRST_RELEASE = MetaData()
Table("exchanges", FIRST_RELEASE,
      Column("id", Integer, primary_key=True), Column("channel", String(20), nullable=False),
      Column("sender", String(100), nullable=False), Column("text", Text, nullable=False),
      Column("received_at", UTCDateTime(), nullable=False),
      Column("outcome", String(40), nullable=False), Column("replies", JSON, nullable=False),
      Index("ix_exchanges_user", "channel", "sender", "received_at"))
HEAD = ScriptDirectory.from_config(alembic_config()).get_current_head()
SENT = dt.datetime(2024, 3, 1, 2, 30, tzinfo=dt.timezone(dt.timedelta(hours=7)))
# The outbox as revision 0005 left it (the columns a row needs).
OUTBOX_0005 = table("outbox", column("dedupe_key", String()), column("channel", String()),
                    column("chat", String()), column("text", Text()), column("state", String()),
                    column("attempts", Integer()), column("next_attempt_at", UTCDateTime()),
                    column("last_error", Text()), column("created_at", UTCDateTime()))
OLD_BLOCKED = "người nhận đã chặn trợ lý"  # what releases before 0006 wrote for a 403


async def test_every_exchange_is_kept_with_aware_utc_time(database: Database) -> None:
    async with UnitOfWork(database.session()) as uow:
        uow.exchanges.add(channel="console", sender="btg", text="Hạn nộp báo cáo?",
                          received_at=SENT, outcome="deadline",
                          replies=[{"to": "btg", "text": "trước ngày 25/3/2024"}])
        uow.exchanges.add(channel="console", sender="btg", text="x" * 5000, received_at=SENT,
                          outcome="too_long", replies=[])
        await uow.commit()
    async with UnitOfWork(database.session()) as uow:
        rows = await uow.exchanges.recent("console", "btg")
    assert all(isinstance(r, ExchangeRecord) for r in rows)
    assert sorted(r.outcome for r in rows) == ["deadline", "too_long"]
    first = next(r for r in rows if r.outcome == "deadline")
    assert first.received_at == SENT and first.received_at.utcoffset() == dt.timedelta(0)
    assert first.replies == [{"to": "btg", "text": "trước ngày 25/3/2024"}]


async def test_naive_times_are_refused(database: Database) -> None:
    async with UnitOfWork(database.session()) as uow:
        uow.exchanges.add(channel="console", sender="btg", text="hỏi", outcome="deadline",
                          received_at=dt.datetime(2024, 3, 1, 9, 0), replies=[])
        with pytest.raises(Exception, match="naive"):
            await uow.commit()


async def test_nothing_is_committed_without_commit(database: Database) -> None:
    async with UnitOfWork(database.session()) as uow:
        uow.exchanges.add(channel="console", sender="btg", text="hỏi", received_at=SENT,
                          outcome="deadline", replies=[])
    async with UnitOfWork(database.session()) as uow:
        assert await uow.exchanges.recent("console", "btg") == []


async def _empty(backend: str, tmp_path: Path) -> Database:
    if backend == "sqlite":
        return Database(f"sqlite+aiosqlite:///{tmp_path / 'old.sqlite3'}")
    return await empty_postgres()


async def _dispose(database: Database) -> None:
    await (database.close() if database.schema is None else drop_postgres(database))


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
async def test_a_first_release_database_is_migrated_keeping_its_rows(
        backend: str, tmp_path: Path) -> None:
    database = await _empty(backend, tmp_path)
    try:
        # The first release created the journal with create_all and knew no Alembic.
        async with database.engine.begin() as connection:
            await connection.run_sync(FIRST_RELEASE.create_all)
            await connection.execute(text(
                "insert into exchanges (channel, sender, text, received_at, outcome, replies) "
                "values ('console', 'btg', 'cũ', '2024-03-01 02:00:00+00:00', 'help', '[]')"))
        await database.migrate()
        await database.migrate()  # a second start changes nothing
        async with database.engine.connect() as connection:
            tables = await connection.run_sync(lambda c: set(inspect(c).get_table_names()))
            version = await connection.scalar(text("select version_num from alembic_version"))
            kept = await connection.scalar(text("select text from exchanges"))
        assert {"units", "contacts", "status_reports", "outbox", "alembic_version"} <= tables
        assert version == HEAD and kept == "cũ"
    finally:
        await _dispose(database)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
async def test_failure_sentences_of_old_outbox_rows_become_codes(
        backend: str, tmp_path: Path) -> None:
    database = await _empty(backend, tmp_path)
    try:
        await database.migrate("0005")
        old = {"blocked": ("failed", OLD_BLOCKED),
               "gave-up": ("failed", "đã thử 6 lần, lần cuối: Telegram 502"),
               "refused": ("failed", "Telegram 400: Bad Request: chat not found"),
               "no-error": ("failed", None),
               "sent": ("sent", None),
               "waiting": ("pending", "Telegram 502")}
        async with database.engine.begin() as connection:
            await connection.execute(insert(OUTBOX_0005), [
                {"dedupe_key": key, "channel": "telegram", "chat": "1", "text": "Họp",
                 "state": state, "attempts": 1, "next_attempt_at": SENT, "last_error": error,
                 "created_at": SENT} for key, (state, error) in old.items()])
        await database.migrate()
        async with UnitOfWork(database.session()) as uow:
            found = {row.dedupe_key: (row.failure, row.last_error)
                     for row in await uow.outbox.claim("w", SENT, dt.timedelta(minutes=1), 10,
                                                       ["telegram"])}
            failures = {key: failure for key, failure in await uow.session.execute(text(
                "select dedupe_key, failure from outbox"))}
        assert failures == {"blocked": "blocked", "gave-up": "exhausted", "refused": "refused",
                            "no-error": "refused", "sent": None, "waiting": None}
        assert found == {"waiting": (None, "Telegram 502")}  # claimed records read the column

        # Going back down, a row blocked since is told the old way again.
        async with UnitOfWork(database.session()) as uow:
            [waiting] = (await uow.session.execute(text(
                "select id from outbox where dedupe_key = 'waiting'"))).scalars().all()
            await uow.outbox.fail(waiting, FailureCode.BLOCKED, "Telegram 403")
            await uow.commit()
        async with database.engine.begin() as connection:
            await connection.run_sync(
                lambda c: command.downgrade(alembic_config(c), "0005"))
        async with database.engine.connect() as connection:
            errors = {key: error for key, error in await connection.execute(
                select(OUTBOX_0005.c.dedupe_key, OUTBOX_0005.c.last_error))}
        assert errors["waiting"] == OLD_BLOCKED and errors["gave-up"].startswith("đã thử")
    finally:
        await _dispose(database)


async def test_the_migrations_build_exactly_the_models(database: Database) -> None:
    def differences(connection: Connection) -> list[object]:
        return list(compare_metadata(MigrationContext.configure(connection), Base.metadata))

    async with database.engine.connect() as connection:
        assert await connection.run_sync(differences) == []
