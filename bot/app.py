"""The composition root: knowledge, database and core assembled once, for any channel."""

from __future__ import annotations

from dataclasses import dataclass

from bot.config import Settings
from handlers.answers import AnswerEngine
from handlers.clock import Clock
from handlers.core import Core
from storage.database import Database
from storage.uow import UnitOfWork


@dataclass
class Assistant:
    core: Core
    database: Database

    async def close(self) -> None:
        await self.database.close()


async def start_assistant(settings: Settings, engine: AnswerEngine, clock: Clock,
                          bot_link: str | None = None) -> Assistant:
    """Migrate the database, seed the bundled units, and return a ready core."""
    database = Database(settings.database_url)
    try:
        await database.migrate()
        core = Core(engine, clock, lambda: UnitOfWork(database.session()),
                    admins=settings.admin_users(), max_length=settings.max_message_length,
                    bot_link=bot_link)
        await core.prepare()
    except BaseException:
        await database.close()
        raise
    return Assistant(core, database)
