"""Two assistants starting at the same moment on one empty PostgreSQL schema: both migrate
and seed it, neither fails, and what they seed is there once."""

from __future__ import annotations

import asyncio
import datetime as dt
from functools import partial

from sqlalchemy import func, select

from handlers.answers import AnswerEngine
from handlers.assistant import assemble
from handlers.clock import FixedClock
from storage.database import Database
from storage.models import PlanRow, UnitRow
from storage.uow import UnitOfWork
from tests.conftest import POSTGRES_URL, RUN_SCHEMA

NOW = dt.datetime(2024, 3, 1, 2, 0, tzinfo=dt.UTC)


async def _counts(database: Database) -> tuple[int | None, int | None]:
    async with database.session() as session:
        return (await session.scalar(select(func.count()).select_from(PlanRow)),
                await session.scalar(select(func.count()).select_from(UnitRow)))


def _unit_of_work(database: Database) -> UnitOfWork:
    return UnitOfWork(database.session())


async def _start(engine: AnswerEngine, *databases: Database) -> None:
    await asyncio.gather(*(database.migrate() for database in databases))
    cores = [assemble(engine, FixedClock(NOW), partial(_unit_of_work, d)).core for d in databases]
    await asyncio.gather(*(core.prepare() for core in cores))


async def test_two_instances_start_together_on_an_empty_schema(engine: AnswerEngine) -> None:
    alone = Database(POSTGRES_URL, schema=f"{RUN_SCHEMA}_alone")
    schema = f"{RUN_SCHEMA}_together"
    first, second = Database(POSTGRES_URL, schema=schema), Database(POSTGRES_URL, schema=schema)
    try:
        await _start(engine, alone)
        await _start(engine, first, second)  # failed with a unique violation before the lock
        assert await _counts(first) == await _counts(alone)
        assert (await _counts(first))[0] == len(engine.kb.plans)
    finally:
        for database in (alone, first):
            await database.drop_schema()
        for database in (alone, first, second):
            await database.close()
