"""Repositories of assignments (which unit must do which task) and of status reports.

Status reports are append-only: history is never overwritten, a correction is a new row that
names the one it corrects. Neither repository commits; both return frozen records
(storage.records), never rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import asdict

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import AssignmentRow, StatusReportRow, to_record
from storage.records import AssignmentRecord, NewReport, StatusReportRecord

__all__ = ["AssignmentRepository", "NewReport", "StatusReportRepository"]


def _assignment(row: AssignmentRow) -> AssignmentRecord:
    return to_record(AssignmentRecord, row)


def _report(row: StatusReportRow) -> StatusReportRecord:
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

    async def of_unit(self, unit_id: int) -> list[AssignmentRecord]:
        query = (select(AssignmentRow).where(AssignmentRow.unit_id == unit_id)
                 .order_by(AssignmentRow.id))
        return [_assignment(row) for row in await self.session.scalars(query)]

    async def of_task(self, task_key: str) -> list[AssignmentRecord]:
        query = (select(AssignmentRow).where(AssignmentRow.task_key == task_key)
                 .order_by(AssignmentRow.id))
        return [_assignment(row) for row in await self.session.scalars(query)]

    async def all(self) -> list[AssignmentRecord]:
        return [_assignment(row) for row in await self.session.scalars(
            select(AssignmentRow).order_by(AssignmentRow.id))]


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
        rows = await self.session.scalars(
            select(StatusReportRow).where(StatusReportRow.id.in_(newest)))
        wanted = None if pairs is None else set(pairs)
        return {(r.task_key, r.unit_id): _report(r) for r in rows
                if wanted is None or (r.task_key, r.unit_id) in wanted}

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
