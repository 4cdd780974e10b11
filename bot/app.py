"""The composition root: knowledge, database and core assembled once, for any channel."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.channels.console import CHANNEL as CONSOLE
from bot.channels.console import ConsoleSender
from bot.config import Settings
from bot.dispatcher import Dispatcher, DispatchSettings
from handlers.answers import AnswerEngine
from handlers.assistant import build_core, delivery_policy
from handlers.clock import Clock
from handlers.core import Core
from handlers.messages import Reply
from storage.database import Database
from storage.uow import UnitOfWork


@dataclass
class Assistant:
    core: Core
    database: Database

    async def close(self) -> None:
        await self.database.close()


async def start_assistant(settings: Settings, engine: AnswerEngine, clock: Clock) -> Assistant:
    """Migrate the database, seed the bundled units, and return a ready core."""
    database = Database(settings.database_url)
    try:
        await database.migrate()
        core = build_core(engine, clock, lambda: UnitOfWork(database.session()),
                          admins=settings.admin_users(), max_length=settings.max_message_length)
        await core.prepare()
    except BaseException:
        await database.close()
        raise
    return Assistant(core, database)


def console_outbox(assistant: Assistant, clock: Clock) -> Callable[[], Awaitable[list[Reply]]]:
    """What the terminal calls after each line: send whatever the outbox holds for terminal
    users (a broadcast to them, its delivery report) and return it for the chat to show."""
    sender = ConsoleSender()
    dispatcher = Dispatcher(lambda: UnitOfWork(assistant.database.session()), {CONSOLE: sender},
                            {}, clock, delivery_policy(), DispatchSettings(batch=500))

    async def deliver() -> list[Reply]:
        while await dispatcher.run_once():  # a finished broadcast's report is queued last
            pass
        return sender.take()

    return deliver
