"""What is due: every occurrence of every dated obligation for every unit that must do it,
with its due day (moved by an approved extension) and the unit's latest report on it.

Windows, undated and ongoing tasks are not here (they are answered about and reported on, never
reminded); nor are paused tasks, units or plans, retired units, or categories of units (their
member units are assigned instead).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from handlers.occurrences import Occurrence, occurrences
from handlers.ports import UnitOfWork
from handlers.tasks import ReportStatus
from knowledge.loader import KnowledgeBase, Obligation
from storage.records import StatusReportRecord, UnitRecord


@dataclass(frozen=True)
class Due:
    assignment: int  # its id
    obligation: Obligation
    unit: UnitRecord
    occurrence: Occurrence
    due: dt.date  # the last day on time for this unit: the plan's, or its extension
    extended: bool
    latest: StatusReportRecord | None

    @property
    def done(self) -> bool:
        return self.latest is not None and self.latest.status == ReportStatus.DONE

    @property
    def in_progress(self) -> bool:
        return self.latest is not None and self.latest.status == ReportStatus.IN_PROGRESS


@dataclass(frozen=True)
class Pauses:
    tasks: frozenset[str]
    units: frozenset[str]
    plans: frozenset[str]

    def __bool__(self) -> bool:
        return bool(self.tasks or self.units or self.plans)

    def stop(self, obligation: Obligation, unit: UnitRecord) -> bool:
        return (obligation.key in self.tasks or str(unit.id) in self.units
                or obligation.record.plan.id in self.plans)


async def pauses(uow: UnitOfWork) -> Pauses:
    found = await uow.pauses.all()
    return Pauses(*(frozenset(p.key for p in found if p.scope == scope)
                    for scope in ("task", "unit", "plan")))


async def dues(uow: UnitOfWork, kb: KnowledgeBase, first: dt.date, last: dt.date
               ) -> list[Due]:
    """Every due occurrence whose due day (as extended) falls within [first, last]."""
    units = {u.id: u for u in await uow.units.all() if not u.is_group}
    stopped = await pauses(uow)
    latest = await uow.reports.latest_by_occurrence()
    extended: dict[tuple[int, str], dt.date] = {}
    for extension in await uow.extensions.approved():  # in order: the last one decided wins
        extended[(extension.assignment_id, extension.occurrence)] = extension.requested_date
    found: list[Due] = []
    periods: dict[str, list[Occurrence]] = {}
    for assignment, task_key, unit_id in await uow.assignments.compact():
        obligation = kb.obligations.get(task_key)
        unit = units.get(unit_id)
        if obligation is None or unit is None or (stopped and stopped.stop(obligation, unit)):
            continue
        if obligation.key not in periods:
            periods[obligation.key] = list(_around(obligation, first, last))
        for occurrence in periods[obligation.key]:
            due = extended.get((assignment, occurrence.key), occurrence.due)
            if first <= due <= last:
                report = latest.get((obligation.key, unit.id, occurrence.key))
                found.append(Due(assignment, obligation, unit, occurrence, due,
                                 due != occurrence.due, report))
    return found


def _around(obligation: Obligation, first: dt.date, last: dt.date) -> Iterator[Occurrence]:
    # An extension can move a due day into [first, last]; a year's margin finds those.
    margin = dt.timedelta(days=366)
    yield from occurrences(obligation.record, first - margin, last + margin)
