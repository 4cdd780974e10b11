"""Repositories of assignments (which unit must do which task) and of status reports.

Status reports are append-only: history is never overwritten, a correction is a new row that
names the one it corrects. Neither repository commits; both return frozen records
(storage.records), never rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any

from sqlalchemy import Select, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import AssignmentRow, StatusReportRow, record_columns, to_record
from storage.records import AssignmentRecord, NewReport, StatusReportRecord

__all__ = ["AssignmentRepository", "NewReport", "StatusReportRepository"]


def _assignment(row: object) -> AssignmentRecord:
    return to_record(AssignmentRecord, row)


def _report(row: object) -> StatusReportRecord:
    return to_record(StatusReportRecord, row)


class AssignmentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def existing(self) -> set[tuple[str, int]]:
        rows = await self.session.execute(select(AssignmentRow.task_key, AssignmentRow.unit_id))
        return {(task_key, unit_id) for task_key, unit_id in rows}

    async def add(self, *, task_key: str, unit_id: int, role: str, source: str,
                  assigned_by: str | None, now: dt.datetime) -> bool:
        """Assign the task; False when the unit already has it."""
        found = await self.session.scalar(select(AssignmentRow.id).where(
            AssignmentRow.task_key == task_key, AssignmentRow.unit_id == unit_id))
        if found is not None:
            return False
        self.session.add(AssignmentRow(task_key=task_key, unit_id=unit_id, role=role,
                                       source=source, assigned_by=assigned_by, assigned_at=now))
        return True

    async def get(self, assignment_id: int) -> AssignmentRecord | None:
        row = await self.session.get(AssignmentRow, assignment_id)
        return None if row is None else _assignment(row)

    async def rekey(self, old_key: str, new_key: str) -> int:
        """Move the assignments of ``old_key`` to ``new_key`` (one obligation stated twice);
        where the unit already has ``new_key`` the duplicate goes. How many were moved."""
        rows = list((await self.session.scalars(
            select(AssignmentRow).where(AssignmentRow.task_key == old_key))).all())
        have = set((await self.session.scalars(select(AssignmentRow.unit_id).where(
            AssignmentRow.task_key == new_key))).all())
        for row in rows:
            if row.unit_id in have:
                await self.session.delete(row)
            else:
                row.task_key = new_key
        return len(rows)

    async def of_unit(self, unit_id: int) -> list[AssignmentRecord]:
        query = (select(AssignmentRow).where(AssignmentRow.unit_id == unit_id)
                 .order_by(AssignmentRow.id))
        return [_assignment(row) for row in await self.session.scalars(query)]

    async def of_task(self, task_key: str) -> list[AssignmentRecord]:
        query = (select(AssignmentRow).where(AssignmentRow.task_key == task_key)
                 .order_by(AssignmentRow.id))
        return [_assignment(row) for row in await self.session.scalars(query)]

    async def compact(self) -> list[tuple[int, str, int]]:
        """(id, task key, unit id) of every assignment: what the reminder planner needs of
        each of an office's 100,000, read without building records."""
        table = AssignmentRow.__table__
        rows = await self.session.execute(
            select(table.c.id, table.c.task_key, table.c.unit_id).order_by(table.c.id))
        return [(row[0], row[1], row[2]) for row in rows]

    async def all(self) -> list[AssignmentRecord]:
        # Plain rows, not ORM objects: a large office has 100,000 of them, and objects kept in
        # the session would make every later flush in the unit of work look at each one.
        table = AssignmentRow.__table__
        rows = await self.session.execute(
            select(*record_columns(AssignmentRecord, table)).order_by(table.c.id))
        return [AssignmentRecord(*row) for row in rows]


class StatusReportRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, report: NewReport) -> StatusReportRecord:
        row = StatusReportRow(**asdict(report))
        self.session.add(row)
        await self.session.flush()
        return _report(row)

    async def latest(self, pairs: Iterable[tuple[str, int]] | None = None
                     ) -> dict[tuple[str, int], StatusReportRecord]:
        """The newest report per (task, unit); all pairs when ``pairs`` is None."""
        newest = (select(func.max(StatusReportRow.id))
                  .group_by(StatusReportRow.task_key, StatusReportRow.unit_id))
        wanted = None if pairs is None else set(pairs)
        return {(r.task_key, r.unit_id): r for r in await self._reports(newest)
                if wanted is None or (r.task_key, r.unit_id) in wanted}

    async def rekey(self, old_key: str, new_key: str) -> int:
        """Move reports made on ``old_key`` to ``new_key``: the same obligation, stated twice."""
        result = await self.session.execute(update(StatusReportRow).where(
            StatusReportRow.task_key == old_key).values(task_key=new_key))
        return int(getattr(result, "rowcount", 0) or 0)

    async def latest_by_occurrence(self, unit_id: int | None = None
                                   ) -> dict[tuple[str, int, str], StatusReportRecord]:
        """The newest report per (task, unit, occurrence), "" for a one-off obligation; of
        one unit, or of all."""
        newest = (select(func.max(StatusReportRow.id))
                  .group_by(StatusReportRow.task_key, StatusReportRow.unit_id,
                            StatusReportRow.occurrence))
        if unit_id is not None:
            newest = newest.where(StatusReportRow.unit_id == unit_id)
        return {(r.task_key, r.unit_id, r.occurrence or ""): r
                for r in await self._reports(newest)}

    async def _reports(self, ids: Select[Any]) -> list[StatusReportRecord]:
        """The reports of these ids, read as plain rows (see AssignmentRepository.all)."""
        table = StatusReportRow.__table__
        rows = await self.session.execute(select(*record_columns(StatusReportRecord, table))
                                          .where(table.c.id.in_(ids)))
        return [StatusReportRecord(*row) for row in rows]

    async def last_by_author(self, author: str) -> StatusReportRecord | None:
        query = (select(StatusReportRow).where(StatusReportRow.author == author)
                 .order_by(StatusReportRow.id.desc()).limit(1))
        row = await self.session.scalar(query)
        return None if row is None else _report(row)

    async def history(self, task_key: str, unit_id: int) -> list[StatusReportRecord]:
        query = (select(StatusReportRow)
                 .where(StatusReportRow.task_key == task_key, StatusReportRow.unit_id == unit_id)
                 .order_by(StatusReportRow.id))
        return [_report(row) for row in await self.session.scalars(query)]

    async def count(self) -> int:
        return int(await self.session.scalar(
            select(func.count()).select_from(StatusReportRow)) or 0)
