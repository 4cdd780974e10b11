"""The composition root: knowledge, database and core assembled once, for any channel."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.channels.console import CHANNEL as CONSOLE
from bot.channels.console import ConsoleSender
from bot.config import Settings
from bot.dispatcher import Dispatcher, DispatchSettings
from bot.replies import Keep
from handlers.answers import AnswerEngine
from handlers.assistant import assemble, delivery_policy
from handlers.clock import Clock
from handlers.core import Core
from handlers.messages import Reply
from handlers.reminders import Planner, TickResult
from handlers.texts import channels as texts
from storage.database import Database
from storage.outbox import OutboxUpkeep
from storage.records import FailureCode, NewMessage
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)


class StartupError(Exception):
    """The assistant cannot start; the message says why, in one line, for the operator (no
    traceback, no token, no database password)."""


@dataclass
class Assistant:
    core: Core
    database: Database
    planner: Planner

    async def tick(self, now: dt.datetime) -> TickResult:
        """One planner tick: the reminders and digests due by ``now``, into the outbox."""
        async with UnitOfWork(self.database.session()) as uow:
            result = await self.planner.tick(uow, now)
            await uow.commit()
        if result.sent or result.digests:
            log.info("planner tick at %s: %d reminders, %d skipped, %d messages, %d digests",
                     now.isoformat(), result.sent, result.skipped, result.messages,
                     result.digests)
        return result

    async def close(self) -> None:
        await self.database.close()


def database_problem(error: BaseException) -> str:
    """Why a database could not be opened, in a few Vietnamese words (never the URL)."""
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in chain:
        chain.append(current)
        current = getattr(current, "orig", None) or current.__cause__ or current.__context__
    names = {type(e).__name__ for e in chain}
    for found in chain:
        if isinstance(found, ModuleNotFoundError):
            return texts.REASON_NO_DRIVER.format(module=found.name or "?")
    if "InvalidCatalogNameError" in names:
        return texts.REASON_NO_DATABASE
    if names & {"InvalidPasswordError", "InvalidAuthorizationSpecificationError"}:
        return texts.REASON_LOGIN
    if names & {"TimeoutError", "CancelledError"}:
        return texts.REASON_TIMEOUT
    if any(isinstance(e, OSError) for e in chain) or "ConnectionDoesNotExistError" in names:
        return texts.REASON_NOT_ANSWERING
    if any("unable to open database file" in str(e) for e in chain):
        return texts.REASON_FILE
    return texts.REASON_OTHER.format(kind=type(chain[-1]).__name__)


async def start_assistant(settings: Settings, engine: AnswerEngine, clock: Clock) -> Assistant:
    """Migrate the database, seed the bundled units, and return a ready core; a database
    that cannot be opened is a :class:`StartupError`."""
    try:
        database = Database(settings.database_url, schema=settings.database_schema)
    except Exception as error:  # a driver that is not installed, a malformed URL
        raise StartupError(texts.START_DATABASE.format(reason=database_problem(error))) from None
    try:
        await database.migrate()
        assembled = assemble(engine, clock, lambda: UnitOfWork(database.session()),
                             admins=settings.admin_users(),
                             max_length=settings.max_message_length,
                             reminders=settings.reminders(), calendar=settings.calendar())
        await assembled.core.prepare()
    except Exception as error:
        await database.close()
        raise StartupError(texts.START_DATABASE.format(reason=database_problem(error))) from None
    except BaseException:
        await database.close()
        raise
    return Assistant(assembled.core, database, assembled.planner)


def reply_keeper(assistant: Assistant, clock: Clock) -> Keep:
    """Where a reply that could not be sent is kept: the outbox, pending (it goes on trying
    at the channel's pace) or given up with its reason."""
    async def keep(message: NewMessage, failure: tuple[FailureCode, str] | None) -> None:
        async with UnitOfWork(assistant.database.session()) as uow:
            if failure is None:
                await uow.outbox.enqueue([message], clock.now())
            else:
                OutboxUpkeep(uow.session).keep_failed(message, clock.now(), *failure)
            await uow.commit()
    return keep


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
