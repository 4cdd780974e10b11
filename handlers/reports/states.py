"""Every assignment with its task, unit and latest report: what the admins' views are made of."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from handlers.ports import UnitOfWork
from handlers.tasks import OfficeState, TaskSearch, office_state
from knowledge.loader import TaskRecord
from storage.records import StatusReportRecord, UnitRecord


@dataclass(frozen=True)
class AssignmentState:
    record: TaskRecord
    unit: UnitRecord
    latest: StatusReportRecord | None
    due: dt.date | None = None  # the unit's own due day, when an extension moved it

    def state(self, today: dt.date) -> OfficeState:
        return office_state(self.record, self.latest, today, self.due)


async def assignment_states(uow: UnitOfWork, tasks: TaskSearch) -> list[AssignmentState]:
    """Active units' assignments of known tasks, each with the unit's latest report."""
    assignments = await uow.assignments.all()
    units = {u.id: u for u in await uow.units.all()}
    latest = await uow.reports.latest()
    extended = {e.assignment_id: e.requested_date for e in await uow.extensions.approved()
                if not e.occurrence}  # in the order decided: the last one wins
    known = tasks.tasks
    rows = []
    for assignment in assignments:
        record = known.get(assignment.task_key)
        unit = units.get(assignment.unit_id)
        if record is None or unit is None:
            continue
        report = latest.get((record.key, unit.id))
        if unit.is_group and report is None:
            continue  # a category: its member units report, each for itself
        rows.append(AssignmentState(record, unit, report, extended.get(assignment.id)))
    return rows
