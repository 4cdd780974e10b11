"""Whether a date a question names falls in a period the plan sets, or is in time for a date
it sets ("thành tích tháng 4/2024
có được tính xét khen thưởng không?" of "Mốc thời gian tính thành tích: từ tháng 01/2023 -
3/2024"): the plan's period is the answer, with whether the date lies inside it or outside.
A date that lies partly in it, or a period the plan does not bound, is not answered.
"""

from __future__ import annotations

import datetime as dt

from handlers.answers.constraints import Constraint, Kind
from handlers.answers.describe import cite_task
from handlers.answers.draft import Answer, Draft
from handlers.answers.phrases import has
from handlers.answers.question import Intent, Question
from handlers.texts import answers as texts
from knowledge.deadlines import last_day_of_month
from knowledge.loader import KnowledgeBase, TaskRecord
from knowledge.schema import DeadlineKind, TaskKind

# Times a date can be late for: a day, a month, a quarter ("hoàn thành trong quý I/2024").
_DUE_KINDS = frozenset({DeadlineKind.EXACT_DATE, DeadlineKind.MONTH, DeadlineKind.QUARTER})
_NOW = (("hom", "nay"), ("bay", "gio"), ("gio", "moi"), ("nay", "moi"))


def _span(constraint: Constraint, year: int | None = None) -> tuple[dt.date, dt.date] | None:
    """The days a date constraint names: one day, or a whole month ("4/2024"); with
    ``year``, a day without its year ("15/11") is in that year."""
    parts = [int(w) for w in constraint.words if w.isdigit()]
    try:
        if len(parts) == 2 and parts[1] <= 12 and year is not None:
            parts.append(year)
        if len(parts) == 3:
            day = dt.date(parts[2], parts[1], parts[0])
            return day, day
        if len(parts) == 2 and parts[1] > 31:
            return (dt.date(parts[1], parts[0], 1),
                    dt.date(parts[1], parts[0], last_day_of_month(parts[1], parts[0]).day))
    except ValueError:
        return None
    return None


def in_window(kb: KnowledgeBase, question: Question, record: TaskRecord,
              failed: Constraint | None) -> Answer | None:
    """The answer when the question asks, yes or no, whether the date it names lies in the
    period the task sets; None when it asks anything else."""
    deadline = record.deadline
    if (failed is None or failed.kind is not Kind.DATE or "yes_no" not in question.cues
            or record.task.kind is not TaskKind.WINDOW or deadline is None
            or deadline.kind is not DeadlineKind.RANGE
            or deadline.start is None or deadline.end is None):
        return None
    span = _span(failed)
    if span is None:
        return None
    first, last = span
    if deadline.start <= first and last <= deadline.end:
        template = texts.IN_WINDOW
    elif last < deadline.start or first > deadline.end:
        template = texts.OUT_OF_WINDOW
    else:
        return None
    draft = Draft()
    named = failed.phrase if first == last else texts.MONTH_NAME.format(month=failed.phrase)
    draft.lines.append(template.format(date=named, phrase=deadline.phrase))
    draft.lines.append(texts.TASK_LINE.format(summary=record.task.summary.rstrip(".")))
    draft.lines.append(cite_task(draft, kb, record))
    return draft.done(Intent.FACT)


def on_time(kb: KnowledgeBase, question: Question, record: TaskRecord,
            failed: Constraint | None) -> Answer | None:
    """"Gửi báo cáo ngày 28/3/2024 có bị trễ hạn không?", "tháng 3/2024 mới phát hành có
    đúng hạn không" of a task due by a date, a month or a quarter: late or in time, from the
    plan's time. A day or month that touches the plan's own last day is not answered
    ("trước ngày 25/3" may or may not include the 25th)."""
    deadline = record.deadline
    if (failed is None or failed.kind is not Kind.DATE or "late" not in question.cues
            or not _due_by(record)):
        return None
    assert deadline is not None and deadline.end is not None
    span = _span(failed, deadline.end.year)
    if span is None:
        return None
    named = texts.DAY_NAMED if span[0] == span[1] else texts.MONTH_NAMED
    return _verdict(kb, record, span, named.format(date=failed.phrase))


def late_today(kb: KnowledgeBase, question: Question, record: TaskRecord) -> Answer | None:
    """"Hôm nay em mới nộp … có bị trễ không?": today against the plan's time."""
    if ("late" not in question.cues or not any(has(question.keys, w) for w in _NOW)
            or not _due_by(record)):
        return None
    today = question.today
    return _verdict(kb, record, (today, today), texts.TODAY_NAMED.format(
        day=f"{today.day}/{today.month}/{today.year}"))


def _due_by(record: TaskRecord) -> bool:
    """A time something must be done by (not one foreseen: "dự kiến tháng 5/2024")."""
    deadline = record.deadline
    return (deadline is not None and deadline.kind in _DUE_KINDS and deadline.end is not None
            and not deadline.tentative)


def _verdict(kb: KnowledgeBase, record: TaskRecord, span: tuple[dt.date, dt.date],
             named: str) -> Answer | None:
    deadline = record.deadline
    assert deadline is not None and deadline.end is not None
    first, last = span
    if first > deadline.end:
        template = texts.LATE
    elif last < deadline.end:
        template = texts.IN_TIME
    else:
        return None  # the plan's own last day, or a month that holds it
    draft = Draft()
    draft.lines.append(template.format(date=named, phrase=deadline.phrase))
    draft.lines.append(texts.TASK_LINE.format(summary=record.task.summary.rstrip(".")))
    draft.lines.append(cite_task(draft, kb, record))
    return draft.done(Intent.DEADLINE)
