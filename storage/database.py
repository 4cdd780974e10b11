"""Engine, session factory and migrations: an empty or older database is brought up to date.

A PostgreSQL database can be kept in a schema of its own (``Database(url, schema="...")``):
every connection then searches that schema only, so the tables and Alembic's version table live
there and several databases (test runs, instances) share one server without seeing each other.
"""

from __future__ import annotations

import re
from importlib import resources
from typing import Any
from urllib.parse import parse_qsl, urlencode

from alembic import command
from alembic.config import Config
from sqlalchemy import event, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

SQLITE_BUSY_TIMEOUT_S = 30  # concurrent writers wait for the lock rather than fail
SCHEMA_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,62}")  # a plain PostgreSQL identifier
# The URL schemes people write, and the async drivers the project runs them with.
ASYNC_SCHEMES = {"sqlite": "sqlite+aiosqlite", "postgresql": "postgresql+asyncpg",
                 "postgres": "postgresql+asyncpg"}


def async_url(url: str) -> str:
    """``url`` with the async driver: ``sqlite:///file.db`` is ``sqlite+aiosqlite:///file.db``,
    ``postgresql://`` and ``postgres://`` are ``postgresql+asyncpg://`` (libpq's ``sslmode``
    becomes asyncpg's ``ssl``). A URL that names its driver is kept as it is."""
    scheme, separator, rest = url.partition("://")
    if not separator or scheme.lower() not in ASYNC_SCHEMES:
        return url
    driver = ASYNC_SCHEMES[scheme.lower()]
    if driver == "postgresql+asyncpg":
        place, mark, query = rest.partition("?")
        if mark:
            pairs = [("ssl" if key == "sslmode" else key, value)
                     for key, value in parse_qsl(query, keep_blank_values=True)]
            rest = f"{place}?{urlencode(pairs)}"
    return f"{driver}://{rest}"


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location",
                           str(resources.files("storage").joinpath("migrations")))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def _upgrade(connection: Connection, revision: str) -> None:
    command.upgrade(alembic_config(connection), revision)


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    """Foreign keys on; write-ahead logging so readers never wait for the writer, and a sync
    at checkpoints rather than at every commit (the outbox commits once per message sent)."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def upsert(session: AsyncSession, table: Any) -> Any:
    """An INSERT that can say ON CONFLICT, in the session's own dialect."""
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


class Database:
    """``url`` in SQLAlchemy's form or the plain one (see ``async_url``); ``schema``, on
    PostgreSQL only, keeps everything in that schema (``migrate`` creates it if need be)."""

    def __init__(self, url: str, *, schema: str | None = None) -> None:
        self.url = async_url(url)
        self.is_sqlite = self.url.startswith("sqlite")
        self.schema = schema
        options: dict[str, Any] = {}
        if self.is_sqlite:
            options["connect_args"] = {"timeout": SQLITE_BUSY_TIMEOUT_S}
        if schema is not None:
            if not self.url.startswith("postgresql+asyncpg"):
                raise ValueError("a schema needs PostgreSQL with asyncpg")
            if SCHEMA_NAME.fullmatch(schema) is None:
                raise ValueError(f"not a plain schema name: {schema!r}")
            options["connect_args"] = {"server_settings": {"search_path": f'"{schema}"'}}
        self.engine: AsyncEngine = create_async_engine(self.url, **options)
        if self.is_sqlite:
            event.listen(self.engine.sync_engine, "connect", _configure_sqlite)
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False)

    async def migrate(self, revision: str = "head") -> None:
        """Apply every Alembic migration the database lacks (up to ``revision``).

        On PostgreSQL an advisory lock makes instances starting together take turns: the
        first creates the schema and migrates, the others find it done."""
        async with self.engine.begin() as connection:
            if not self.is_sqlite:
                await connection.execute(text("SELECT pg_advisory_xact_lock(hashtext(:name))"),
                                         {"name": f"troly:migrate:{self.schema or ''}"})
            if self.schema is not None:
                await connection.exec_driver_sql(f'create schema if not exists "{self.schema}"')
            await connection.run_sync(_upgrade, revision)

    async def create_schema(self) -> None:
        """Create the database's own schema unless it exists."""
        await self._schema_statement("create schema if not exists {}")

    async def drop_schema(self) -> None:
        """Drop the database's own schema and everything in it (tests clean up with it)."""
        await self._schema_statement("drop schema if exists {} cascade")

    async def _schema_statement(self, statement: str) -> None:
        if self.schema is None:
            raise ValueError("this database has no schema of its own")
        async with self.engine.begin() as connection:
            await connection.exec_driver_sql(statement.format(f'"{self.schema}"'))

    def session(self) -> AsyncSession:
        return self.sessions()

    async def close(self) -> None:
        await self.engine.dispose()
