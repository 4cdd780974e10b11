"""A unit of work: one session and every repository on it, committed once per message. It is the
SQLAlchemy implementation of the core's port, handlers.ports.UnitOfWork (structurally: storage
does not import handlers; tests/storage/test_ports.py has mypy prove the match)."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from storage.database import Database
from storage.exchanges import ExchangeRepository
from storage.journal_rows import AuditRepository, DialogueRepository
from storage.outbox import BroadcastRepository, OutboxRepository
from storage.plans import PlanRepository
from storage.reminders import (
    ExtensionRepository,
    PauseRepository,
    PlannerStateRepository,
    ReminderPolicyRepository,
    ReminderRepository,
)
from storage.reports import AssignmentRepository, StatusReportRepository
from storage.units import ContactRepository, InviteRepository, UnitRepository


class UnitOfWork:
    """``async with database_uow(db) as uow: ...; await uow.commit()``; rolled back otherwise."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.units = UnitRepository(session)
        self.contacts = ContactRepository(session)
        self.invites = InviteRepository(session)
        self.assignments = AssignmentRepository(session)
        self.reports = StatusReportRepository(session)
        self.audit = AuditRepository(session)
        self.dialogues = DialogueRepository(session)
        self.exchanges = ExchangeRepository(session)
        self.outbox = OutboxRepository(session)
        self.broadcasts = BroadcastRepository(session)
        self.reminders = ReminderRepository(session)
        self.extensions = ExtensionRepository(session)
        self.policies = ReminderPolicyRepository(session)
        self.pauses = PauseRepository(session)
        self.planner = PlannerStateRepository(session)
        self.plans = PlanRepository(session)

    async def exclusive(self, name: str) -> None:
        """A transaction-scoped lock on ``name`` across processes: an advisory lock on
        PostgreSQL; on SQLite, one file has one writer at a time anyway."""
        if self.session.get_bind().dialect.name == "postgresql":
            await self.session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:name))"),
                                       {"name": f"troly:{name}"})

    async def commit(self) -> None:
        await self.session.commit()

    async def rollback(self) -> None:
        await self.session.rollback()

    async def __aenter__(self) -> UnitOfWork:
        return self

    async def __aexit__(self, kind: type[BaseException] | None, error: BaseException | None,
                        trace: TracebackType | None) -> None:
        # Closing rolls back whatever was not committed; objects read stay readable.
        await self.session.close()


def unit_of_work(database: Database) -> UnitOfWork:
    return UnitOfWork(database.session())
