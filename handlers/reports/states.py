"""Every assignment with its task, unit and latest report: what the admins' views are made of."""

from __future__ import annotations

from dataclasses import dataclass

from handlers.ports import UnitOfWork
from handlers.tasks import TaskSearch
from knowledge.loader import TaskRecord
from storage.records import StatusReportRecord, UnitRecord


@dataclass(frozen=True)
class AssignmentState:
    record: TaskRecord
    unit: UnitRecord
    latest: StatusReportRecord | None


async def assignment_states(uow: UnitOfWork, tasks: TaskSearch) -> list[AssignmentState]:
    """Active units' assignments of known tasks, each with the unit's latest report."""
    assignments = await uow.assignments.all()
    units = {u.id: u for u in await uow.units.all()}
    latest = await uow.reports.latest()
    known = tasks.tasks
    rows = []
    for assignment in assignments:
        record = known.get(assignment.task_key)
        unit = units.get(assignment.unit_id)
        if record is not None and unit is not None:
            rows.append(AssignmentState(record, unit, latest.get((record.key, unit.id))))
    return rows
