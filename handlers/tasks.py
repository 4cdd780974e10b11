"""Tasks as units see them: due dates, the four office states, and labels for lists.

The four states offices use are derived, never stored: from the task's due date, the unit's
latest report and today. A report counts as on time when it was made (or, when it cites a
document, the document is dated) no later than the due date. Finding a task by its words is a
port (:class:`TaskSearch`) that the answers feature implements.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Protocol

from handlers.citations import plan_name
from handlers.clock import PLAN_TIMEZONE
from handlers.texts import reports as texts
from knowledge.loader import TaskRecord
from knowledge.schema import DeadlineKind
from storage.records import StatusReportRecord

TASK_MATCH_COVERAGE = 0.5  # share of the words that must point at a task
CLEARLY_NAMED = 0.75  # coverage at which a reply clearly names a task, ours or not
# Kinds whose window ends on a day a unit is due by (a range: its last day).
_DATED = frozenset({DeadlineKind.EXACT_DATE, DeadlineKind.MONTH, DeadlineKind.QUARTER,
                    DeadlineKind.OCCASION, DeadlineKind.RANGE})


class ReportStatus(StrEnum):
    DONE = "done"
    IN_PROGRESS = "in_progress"
    NOT_STARTED = "not_started"
    BLOCKED = "blocked"
    EXTENSION = "extension_requested"


class OfficeState(StrEnum):
    DONE_ON_TIME = "done_on_time"
    DONE_LATE = "done_late"
    OPEN_IN_TIME = "open_in_time"
    OPEN_OVERDUE = "open_overdue"


STATE_LABELS: dict[OfficeState, str] = {
    OfficeState.DONE_ON_TIME: texts.STATE_DONE_ON_TIME,
    OfficeState.DONE_LATE: texts.STATE_DONE_LATE,
    OfficeState.OPEN_IN_TIME: texts.STATE_OPEN_IN_TIME,
    OfficeState.OPEN_OVERDUE: texts.STATE_OPEN_OVERDUE,
}
STATUS_LABELS: dict[ReportStatus, str] = {
    ReportStatus.DONE: texts.STATUS_DONE,
    ReportStatus.IN_PROGRESS: texts.STATUS_IN_PROGRESS,
    ReportStatus.NOT_STARTED: texts.STATUS_NOT_STARTED,
    ReportStatus.BLOCKED: texts.STATUS_BLOCKED,
    ReportStatus.EXTENSION: texts.STATUS_EXTENSION,
}
STATUS_CHOICES: tuple[ReportStatus, ...] = tuple(STATUS_LABELS)
# How a status is named to the maintainers' checks (storage says "extension_requested").
CONTRACT_STATUS: dict[ReportStatus, str] = {ReportStatus.EXTENSION: "extension"}


@dataclass(frozen=True)
class SavedReport:
    """A status report one message saved, as the channels show it (``troly chat --jsonl``
    prints each under ``"saved"``)."""

    unit: str
    task: str  # the task's summary
    status: str  # done | in_progress | not_started | blocked | extension
    percent: int | None
    evidence: str | None  # the report's own document number
    date: str | None  # YYYY-MM-DD: the report's own date, or the new date an extension asks

    @classmethod
    def of(cls, unit: str, task: str, status: ReportStatus, percent: int | None,
           evidence: str | None, evidence_date: dt.date | None,
           requested_date: dt.date | None) -> SavedReport:
        day = requested_date if status is ReportStatus.EXTENSION else evidence_date
        return cls(unit=unit, task=task, status=CONTRACT_STATUS.get(status, status.value),
                   percent=percent, evidence=evidence, date=day.isoformat() if day else None)

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


class TaskSearch(Protocol):
    """Finds the task a short phrase means ("sơ kết 3 năm", "báo cáo 6 tháng ĐUK")."""

    @property
    def tasks(self) -> Mapping[str, TaskRecord]: ...

    def find(self, text: str, today: dt.date, among: set[str] | None = None,
             coverage: float = TASK_MATCH_COVERAGE) -> list[TaskRecord]: ...

    def plans_named(self, text: str, today: dt.date) -> set[str] | None:
        """The plans a phrase names ("Kế hoạch 103", "Sơn La"), None when it names none."""
        ...


def due_date(record: TaskRecord) -> dt.date | None:
    """The last local day the task is on time, for tasks with a dated deadline."""
    deadline = record.deadline
    if deadline is None or deadline.kind not in _DATED:
        return None
    return deadline.end


def by_due(record: TaskRecord) -> tuple[int, str, str]:
    """Sort key: dated tasks soonest first, then the undated ones."""
    due = due_date(record)
    return (0 if due else 1, due.isoformat() if due else "", record.key)


def local_date(moment: dt.datetime) -> dt.date:
    return moment.astimezone(PLAN_TIMEZONE).date()


def office_state(record: TaskRecord, latest: StatusReportRecord | None,
                 today: dt.date, due: dt.date | None = None) -> OfficeState:
    """The state of one unit on one task; ``due`` is the unit's own due day when an
    extension moved it."""
    due = due or due_date(record)
    if latest is not None and latest.status == ReportStatus.DONE:
        done_on = local_date(latest.reported_at)
        if latest.evidence_date is not None and latest.evidence_date < done_on:
            done_on = latest.evidence_date
        return OfficeState.DONE_LATE if due and done_on > due else OfficeState.DONE_ON_TIME
    return OfficeState.OPEN_OVERDUE if due and today > due else OfficeState.OPEN_IN_TIME


def task_label(record: TaskRecord) -> str:
    """A task in one line for lists and choices: summary, where it is, and its time."""
    when = record.task.deadline or texts.NO_TIME_SHORT
    return texts.TASK_LABEL.format(summary=record.task.summary, plan=plan_name(record.plan),
                                   section=record.section_ref, when=when)


def report_label(report: StatusReportRecord) -> str:
    status = STATUS_LABELS.get(ReportStatus(report.status), report.status)
    parts = [status]
    if report.percent is not None:
        parts.append(f"{report.percent}%")
    if report.evidence_number:
        parts.append(texts.EVIDENCE.format(number=report.evidence_number))
    if report.evidence_date:
        parts.append(texts.EVIDENCE_DATE.format(date=f"{report.evidence_date:%d/%m/%Y}"))
    if report.requested_date:
        parts.append(texts.REQUESTED_DATE.format(date=f"{report.requested_date:%d/%m/%Y}"))
    return ", ".join(parts)
