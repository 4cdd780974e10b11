"""Repositories of reminders, extension requests, reminder policies, pauses and the planner's
clock. They never commit and return frozen records.

Reminders are inserted with ON CONFLICT DO NOTHING on their unique (assignment, occurrence,
moment): whoever inserts a moment first sends it, a second tick or a second process inserting
the same moment learns it was already there and sends nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.database import upsert
from storage.models import (
    ExtensionRow,
    PlannerStateRow,
    ReminderPauseRow,
    ReminderPolicyRow,
    ReminderRow,
    record_columns,
    to_record,
)
from storage.records import (
    ExtensionRecord,
    ExtensionState,
    NewExtension,
    NewReminder,
    PauseRecord,
    ReminderPolicyRecord,
    ReminderRecord,
)

_BATCH = 500


class ReminderRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def record(self, reminders: Sequence[NewReminder],
                     now: dt.datetime) -> list[ReminderRecord]:
        """Insert the reminders not already there; the ones this call inserted."""
        inserted: list[ReminderRecord] = []
        statement = (upsert(self.session, ReminderRow.__table__)  # Core: no ORM bookkeeping
                     .on_conflict_do_nothing(index_elements=["assignment_id", "occurrence",
                                                             "moment"])
                     .returning(*record_columns(ReminderRecord, ReminderRow.__table__)))
        for start in range(0, len(reminders), _BATCH):
            values = [{"assignment_id": r.assignment_id, "occurrence": r.occurrence,
                       "moment": r.moment, "kind": r.kind, "state": r.state.value,
                       "due_date": r.due_date, "created_at": now}
                      for r in reminders[start:start + _BATCH]]
            rows = await self.session.execute(statement, values)
            inserted.extend(ReminderRecord(*row) for row in rows)
        return inserted

    async def between(self, start: dt.datetime, end: dt.datetime) -> list[ReminderRecord]:
        query = (select(ReminderRow).where(ReminderRow.moment > start, ReminderRow.moment <= end)
                 .order_by(ReminderRow.moment, ReminderRow.id))
        return [to_record(ReminderRecord, r) for r in await self.session.scalars(query)]

    async def count(self, state: str | None = None) -> int:
        query = select(func.count()).select_from(ReminderRow)
        if state is not None:
            query = query.where(ReminderRow.state == state)
        return int(await self.session.scalar(query) or 0)


class ExtensionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, request: NewExtension, now: dt.datetime) -> ExtensionRecord:
        row = ExtensionRow(**asdict(request), state=ExtensionState.PENDING.value,
                           created_at=now)
        self.session.add(row)
        await self.session.flush()
        return to_record(ExtensionRecord, row)

    async def get(self, extension_id: int) -> ExtensionRecord | None:
        row = await self.session.get(ExtensionRow, extension_id)
        return None if row is None else to_record(ExtensionRecord, row)

    async def pending(self) -> list[ExtensionRecord]:
        query = (select(ExtensionRow).where(ExtensionRow.state == ExtensionState.PENDING.value)
                 .order_by(ExtensionRow.id))
        return [to_record(ExtensionRecord, r) for r in await self.session.scalars(query)]

    async def approved(self) -> list[ExtensionRecord]:
        query = (select(ExtensionRow).where(ExtensionRow.state == ExtensionState.APPROVED.value)
                 .order_by(ExtensionRow.id))
        return [to_record(ExtensionRecord, r) for r in await self.session.scalars(query)]

    async def decide(self, extension_id: int, state: ExtensionState, by: str,
                     now: dt.datetime) -> ExtensionRecord | None:
        """Approve or refuse a pending request; None when it is not (or no longer) pending, so
        that two admins deciding at once decide it once."""
        result = await self.session.execute(update(ExtensionRow).where(
            ExtensionRow.id == extension_id,
            ExtensionRow.state == ExtensionState.PENDING.value).values(
            state=state.value, decided_by=by, decided_at=now))
        if not getattr(result, "rowcount", 0):
            return None
        return await self.get(extension_id)


class ReminderPolicyRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def all(self) -> list[ReminderPolicyRecord]:
        rows = await self.session.scalars(select(ReminderPolicyRow))
        return [to_record(ReminderPolicyRecord, r) for r in rows]

    async def put(self, *, scope: str, key: str, before: Sequence[int], overdue_every: int,
                  by: str, now: dt.datetime) -> None:
        row = await self.session.get(ReminderPolicyRow, (scope, key))
        if row is None:
            self.session.add(ReminderPolicyRow(scope=scope, key=key, before=list(before),
                                               overdue_every=overdue_every, updated_by=by,
                                               updated_at=now))
        else:
            row.before, row.overdue_every = list(before), overdue_every
            row.updated_by, row.updated_at = by, now


class PauseRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def all(self) -> list[PauseRecord]:
        rows = await self.session.scalars(select(ReminderPauseRow))
        return [to_record(PauseRecord, r) for r in rows]

    async def add(self, *, scope: str, key: str, label: str, by: str,
                  now: dt.datetime) -> bool:
        """Pause; False when it was paused already."""
        if await self.session.get(ReminderPauseRow, (scope, key)) is not None:
            return False
        self.session.add(ReminderPauseRow(scope=scope, key=key, label=label[:300], paused_by=by,
                                          paused_at=now))
        return True

    async def remove(self, scope: str, key: str) -> bool:
        """Resume; False when it was not paused."""
        result = await self.session.execute(delete(ReminderPauseRow).where(
            ReminderPauseRow.scope == scope, ReminderPauseRow.key == key))
        return bool(getattr(result, "rowcount", 0))


class PlannerStateRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def last_tick(self, name: str = "reminders") -> dt.datetime | None:
        row = await self.session.get(PlannerStateRow, name)
        return None if row is None else row.last_tick

    async def advance(self, at: dt.datetime, name: str = "reminders") -> None:
        """Record a tick at ``at``; the clock never moves back (a slower process's tick)."""
        row = await self.session.get(PlannerStateRow, name)
        if row is None:
            self.session.add(PlannerStateRow(name=name, last_tick=at))
        elif row.last_tick < at:
            row.last_tick = at
