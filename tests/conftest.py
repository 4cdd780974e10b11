"""Shared fixtures: the bundled knowledge base, one answer engine per session, and a fresh,
migrated database for each test on both SQLite and the machine's PostgreSQL (in a schema of
the test's own, so runs sharing the server never meet)."""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import os
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path

import pytest

from handlers.answers import AnswerEngine
from handlers.assistant import build_core
from handlers.clock import Clock, FixedClock
from handlers.core import Core
from knowledge.loader import KnowledgeBase, load_knowledge
from storage.database import Database
from storage.uow import UnitOfWork

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("TROLY_SHARED_DIR", ROOT.parent / "shared"))
POSTGRES_URL = os.environ.get("TROLY_TEST_POSTGRES_URL",
                              "postgresql+asyncpg://postgres@127.0.0.1:5432/test")
NOW = dt.datetime(2024, 3, 1, 3, 0, tzinfo=dt.UTC)  # 10:00 in Hà Nội
ADMIN = "console:btg"


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge()


@pytest.fixture(scope="session")
def engine(kb: KnowledgeBase) -> AnswerEngine:
    return AnswerEngine(kb)


@pytest.fixture
def today() -> dt.date:
    return dt.date(2024, 3, 1)


# Every schema this run makes is named t_<pid>_<random hex>_<n>: unique on a shared server.
RUN_SCHEMA = f"t_{os.getpid()}_{secrets.token_hex(4)}"
_schema_numbers = itertools.count(1)
_schemas_left: set[str] = set()  # made and not dropped yet


async def empty_postgres() -> Database:
    """The machine's PostgreSQL, in a new empty schema of its own in the ``test`` database;
    ``drop_postgres`` drops it. The server must be running: .ci/run starts it, and a missing
    server fails the test rather than skipping it."""
    database = Database(POSTGRES_URL, schema=f"{RUN_SCHEMA}_{next(_schema_numbers)}")
    try:
        await database.create_schema()
    except Exception:
        await database.close()
        raise
    assert database.schema is not None
    _schemas_left.add(database.schema)
    return database


async def drop_postgres(database: Database) -> None:
    """Drop the schema ``empty_postgres`` made, with everything in it, and close."""
    try:
        await database.drop_schema()
        _schemas_left.discard(database.schema or "")
    finally:
        await database.close()


@pytest.fixture(scope="session", autouse=True)
def _drop_forgotten_schemas() -> Iterator[None]:
    """A test that did not drop its schema has it dropped when the run ends."""
    yield
    if _schemas_left:
        asyncio.run(_drop_all(sorted(_schemas_left)))


async def _drop_all(schemas: list[str]) -> None:
    for schema in schemas:
        await drop_postgres(Database(POSTGRES_URL, schema=schema))


@pytest.fixture
async def postgres() -> AsyncIterator[Database]:
    """A migrated PostgreSQL database of the test's own, dropped afterwards."""
    database = await empty_postgres()
    try:
        await database.migrate()
        yield database
    finally:
        await drop_postgres(database)


@pytest.fixture(params=["sqlite", "postgresql"])
async def database(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    if request.param == "sqlite":
        db = Database(f"sqlite+aiosqlite:///{tmp_path / 'troly.sqlite3'}")
    else:
        db = await empty_postgres()
    try:
        await db.migrate()
        yield db
    finally:
        await (db.close() if db.schema is None else drop_postgres(db))


CoreFactory = Callable[..., Awaitable[Core]]


@pytest.fixture
def make_core(engine: AnswerEngine, database: Database) -> CoreFactory:
    async def make(clock: Clock | None = None, admins: tuple[str, ...] = (ADMIN,),
                   **options: object) -> Core:
        core = build_core(engine, clock or FixedClock(NOW),
                          lambda: UnitOfWork(database.session()), admins=admins,
                          **options)  # type: ignore[arg-type]
        await core.prepare()
        return core
    return make
