"""The occurrences of an obligation: a one-off deadline has one, a recurring one (quarterly,
six-monthly, yearly reports) one per period of the plan's year, each with its own reports and
reminders. Shared by the reminders (what falls due) and the reports (which period a report is
about)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from handlers.tasks import due_date
from knowledge.deadlines import occurrences as periods
from knowledge.loader import TaskRecord
from knowledge.schema import DeadlineKind

YEAR = dt.timedelta(days=366)


@dataclass(frozen=True)
class Occurrence:
    key: str  # "" for a one-off obligation, else the period's due day (YYYY-MM-DD)
    due: dt.date  # the last day on time, as the plan sets it
    period: str | None = None  # "quý I/2026" for a recurring obligation
    next_due: dt.date | None = None  # the next period's due day: chasing this one stops then


def occurrences(record: TaskRecord, first: dt.date, last: dt.date) -> list[Occurrence]:
    """The occurrences whose due day falls within [first, last]. A recurring obligation
    recurs over the periods of the year its plan is for ("hằng quý" in a plan for 2026: the
    four quarters of 2026); the plan says nothing of the years after."""
    deadline = record.deadline
    if deadline is None:
        return []
    if deadline.kind is DeadlineKind.RECURRING:
        year = record.plan.year
        found = [p for p in periods(deadline, first - YEAR, last + YEAR) if p.start.year == year]
        return [Occurrence(p.due.isoformat(), p.due, p.label,
                           found[n + 1].due if n + 1 < len(found) else None)
                for n, p in enumerate(found) if first <= p.due <= last]
    due = due_date(record)
    return [Occurrence("", due)] if due is not None and first <= due <= last else []


def current_occurrence(record: TaskRecord, today: dt.date) -> str:
    """The period a report made today is about: "" for a one-off obligation; for a recurring
    one the first period not yet past, or the last one once the plan's year is over."""
    deadline = record.deadline
    if deadline is None or deadline.kind is not DeadlineKind.RECURRING:
        return ""
    year = record.plan.year
    found = occurrences(record, dt.date(year, 1, 1), dt.date(year + 1, 12, 31))
    coming = [o for o in found if o.due >= today]
    chosen = coming[0] if coming else (found[-1] if found else None)
    return chosen.key if chosen else ""
