"""Shared fixtures: the bundled knowledge base, one answer engine per session, and a fresh,
migrated database for each test on both SQLite and the machine's PostgreSQL."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest
from sqlalchemy import text

from handlers.answers import AnswerEngine
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


async def empty_postgres() -> Database:
    """The machine's PostgreSQL with an empty public schema. It must be running: .ci/run
    starts it, and a missing server fails the test rather than skipping it."""
    database = Database(POSTGRES_URL)
    try:
        async with database.engine.begin() as connection:
            await connection.execute(text("drop schema public cascade"))
            await connection.execute(text("create schema public"))
    except Exception:
        await database.close()
        raise
    return database


@pytest.fixture(params=["sqlite", "postgresql"])
async def database(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    if request.param == "sqlite":
        db = Database(f"sqlite+aiosqlite:///{tmp_path / 'troly.sqlite3'}")
    else:
        db = await empty_postgres()
    await db.migrate()
    yield db
    await db.close()


CoreFactory = Callable[..., Awaitable[Core]]


@pytest.fixture
def make_core(engine: AnswerEngine, database: Database) -> CoreFactory:
    async def make(clock: Clock | None = None, admins: tuple[str, ...] = (ADMIN,),
                   **options: object) -> Core:
        core = Core(engine, clock or FixedClock(NOW), lambda: UnitOfWork(database.session()),
                    admins=admins, **options)  # type: ignore[arg-type]
        await core.prepare()
        return core
    return make
