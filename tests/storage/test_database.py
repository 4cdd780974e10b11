"""Database URLs as people write them, and PostgreSQL databases kept in schemas of their own so
that several share one server (two test runs, two instances) without seeing each other."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import text

from storage.database import Database, async_url
from storage.uow import UnitOfWork
from tests.conftest import POSTGRES_URL, drop_postgres, empty_postgres

NOW = dt.datetime(2024, 3, 1, 3, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(("written", "used"), [
    ("sqlite:///troly.db", "sqlite+aiosqlite:///troly.db"),
    ("sqlite:////var/lib/troly/troly.db", "sqlite+aiosqlite:////var/lib/troly/troly.db"),
    ("sqlite://", "sqlite+aiosqlite://"),
    ("postgresql://troly:p%40ss@db:5432/troly", "postgresql+asyncpg://troly:p%40ss@db:5432/troly"),
    ("postgres://troly@db/troly", "postgresql+asyncpg://troly@db/troly"),
    ("postgresql://db/troly?sslmode=require", "postgresql+asyncpg://db/troly?ssl=require"),
    ("sqlite+aiosqlite:///troly.db", "sqlite+aiosqlite:///troly.db"),
    ("postgresql+asyncpg://db/troly", "postgresql+asyncpg://db/troly"),
])
def test_plain_urls_get_the_async_driver(written: str, used: str) -> None:
    assert async_url(written) == used


async def test_a_plain_url_opens_the_database(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path}/plain.db")
    try:
        assert database.url.startswith("sqlite+aiosqlite:///") and database.is_sqlite
        await database.migrate()
        async with UnitOfWork(database.session()) as uow:
            assert await uow.outbox.pending_count() == 0
    finally:
        await database.close()


def test_a_schema_needs_postgresql_and_a_plain_name() -> None:
    with pytest.raises(ValueError, match="PostgreSQL"):
        Database("sqlite+aiosqlite:///x.db", schema="t_1")
    with pytest.raises(ValueError, match="schema name"):
        Database(POSTGRES_URL, schema='t"; drop schema public cascade; --')


async def _add_unit(database: Database, key: str) -> None:
    async with UnitOfWork(database.session()) as uow:
        await uow.units.add(key=key, name=key, name_key=key, kind="chi_bo", origin="admin",
                            now=NOW)
        await uow.commit()


async def test_databases_in_two_schemas_of_one_server_do_not_see_each_other() -> None:
    first, second = await empty_postgres(), await empty_postgres()
    try:
        assert first.schema != second.schema
        await first.migrate()
        await second.migrate()
        await _add_unit(first, "first")
        await _add_unit(second, "second")
        for database, key in ((first, "first"), (second, "second")):
            async with UnitOfWork(database.session()) as uow:
                assert await uow.units.keys() == {key}
            async with database.engine.connect() as connection:
                where = await connection.scalar(text(
                    "select table_schema from information_schema.tables "
                    "where table_name = 'alembic_version' and table_schema = current_schema()"))
            assert where == database.schema  # migrations and their version live in it
    finally:
        await drop_postgres(first)
        await drop_postgres(second)
    check = Database(POSTGRES_URL)
    try:
        async with check.engine.connect() as connection:
            left = await connection.scalar(text(
                "select count(*) from information_schema.schemata where schema_name in "
                "(:first, :second)"), {"first": first.schema, "second": second.schema})
            public = await connection.scalar(text(
                "select count(*) from information_schema.schemata "
                "where schema_name = 'public'"))
        assert left == 0 and public == 1  # dropped; public untouched
    finally:
        await check.close()


async def test_migrate_creates_a_missing_schema() -> None:
    database = await empty_postgres()
    try:
        await database.drop_schema()
        await database.migrate()
        await _add_unit(database, "again")
    finally:
        await drop_postgres(database)
