"""Tasks as units see them: finding a task by its words, its due date, and the office state.

The four states offices use are derived, never stored: from the task's due date, the unit's
latest report and today. A report counts as on time when it was made (or, when it cites a
document, the document is dated) no later than the due date.
"""

from __future__ import annotations

import datetime as dt

from handlers import texts
from handlers.answers import AnswerEngine
from handlers.citations import plan_name
from handlers.clock import PLAN_TIMEZONE
from handlers.exports import OfficeState
from handlers.status_reading import ReportStatus
from knowledge.index import EntryKind
from knowledge.loader import TaskRecord
from knowledge.schema import DeadlineKind
from storage.models import StatusReportRow

TASK_MATCH_COVERAGE = 0.5  # share of the words that must point at a task
TASK_MATCH_RATIO = 0.85  # tasks scoring this close to the best are offered together
CLEARLY_NAMED = 0.75  # coverage at which a reply clearly names a task, ours or not
MAX_TASK_CHOICES = 6
_DATED = frozenset({DeadlineKind.EXACT_DATE, DeadlineKind.MONTH, DeadlineKind.QUARTER,
                    DeadlineKind.OCCASION})

STATUS_LABELS: dict[ReportStatus, str] = {
    ReportStatus.DONE: texts.STATUS_DONE,
    ReportStatus.IN_PROGRESS: texts.STATUS_IN_PROGRESS,
    ReportStatus.NOT_STARTED: texts.STATUS_NOT_STARTED,
    ReportStatus.BLOCKED: texts.STATUS_BLOCKED,
    ReportStatus.EXTENSION: texts.STATUS_EXTENSION,
}
STATUS_CHOICES: tuple[ReportStatus, ...] = tuple(STATUS_LABELS)


def due_date(record: TaskRecord) -> dt.date | None:
    """The last local day the task is on time, for tasks with a dated deadline."""
    deadline = record.deadline
    if deadline is None or deadline.kind not in _DATED:
        return None
    return deadline.end


def local_date(moment: dt.datetime) -> dt.date:
    return moment.astimezone(PLAN_TIMEZONE).date()


def office_state(record: TaskRecord, latest: StatusReportRow | None,
                 today: dt.date) -> OfficeState:
    due = due_date(record)
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


def report_label(report: StatusReportRow) -> str:
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


class TaskFinder:
    """Finds the task a short phrase means ("sơ kết 3 năm", "báo cáo 6 tháng ĐUK")."""

    def __init__(self, engine: AnswerEngine) -> None:
        self.engine = engine
        self.tasks = {record.key: record for record in engine.kb.tasks}

    def find(self, text: str, today: dt.date, among: set[str] | None = None,
             coverage: float = TASK_MATCH_COVERAGE) -> list[TaskRecord]:
        question = self.engine.reader.read(text, today)
        terms = self.engine.index.terms(question.content)
        hits = self.engine.index.search(terms, kinds=[EntryKind.TASK], plans=question.plans,
                                        limit=200 if among is not None else 20)
        found: list[TaskRecord] = []
        best = 0.0
        for hit in hits:
            record = hit.entry.record
            if not isinstance(record, TaskRecord) or hit.coverage < coverage:
                continue
            if among is not None and record.key not in among:
                continue
            best = max(best, hit.score)
            if hit.score >= TASK_MATCH_RATIO * best and record not in found:
                found.append(record)
        return found[:MAX_TASK_CHOICES]
