"""One line of the admins' report (a unit's state on one task), the colours of the four
states, and the short task labels the chart and the workbook share."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from handlers.clock import PLAN_TIMEZONE
from handlers.tasks import OfficeState
from handlers.texts import reports as texts

STATE_COLOURS: dict[OfficeState, str] = {  # soft fills that print well in grey too
    OfficeState.DONE_ON_TIME: "C6EFCE",
    OfficeState.DONE_LATE: "FFEB9C",
    OfficeState.OPEN_IN_TIME: "DDEBF7",
    OfficeState.OPEN_OVERDUE: "FFC7CE",
}
LABEL_WORDS = 7
MAX_LABEL_WORDS = 12
MAX_LABEL_LENGTH = 48
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9,
         "X": 10}


@dataclass(frozen=True)
class StatusRow:
    unit: str
    group: str | None
    plan: str
    task_ref: str
    task: str
    deadline: str
    state: OfficeState
    last_status: str | None
    reported_at: dt.datetime | None  # aware UTC
    note: str | None
    evidence: str | None


def as_of_line(moment: dt.datetime) -> str:
    local = moment.astimezone(PLAN_TIMEZONE)
    return texts.EXPORT_AS_OF.format(time=f"{local:%H:%M}", date=f"{local:%d/%m/%Y}")


def short_label(ref: str, task: str, words: int = LABEL_WORDS) -> str:
    """"II.1.1 Gửi báo cáo sơ kết 03 năm…": the section and the first words."""
    head = " ".join(task.split()[:words])
    if len(head) > MAX_LABEL_LENGTH:
        head = head[:MAX_LABEL_LENGTH - 1].rstrip()
    tail = "…" if head != task else ""
    return f"{ref.removeprefix('mục ')} {head}{tail}"


def task_labels(rows: Sequence[StatusRow]) -> dict[tuple[str, str, str], str]:
    """A label for each (plan, section, task) of the rows, distinct within its plan: tasks
    whose labels clash get more of their words, then a number."""
    keys = list(dict.fromkeys((row.plan, row.task_ref, row.task) for row in rows))
    words = dict.fromkeys(keys, LABEL_WORDS)
    labels = {key: short_label(key[1], key[2]) for key in keys}
    for _ in range(MAX_LABEL_WORDS - LABEL_WORDS):
        seen = Counter((key[0], label) for key, label in labels.items())
        clashing = [key for key, label in labels.items() if seen[(key[0], label)] > 1]
        if not clashing:
            return labels
        for key in clashing:
            words[key] += 1
            labels[key] = short_label(key[1], key[2], words[key])
    used: Counter[tuple[str, str]] = Counter()
    for key, label in labels.items():
        used[(key[0], label)] += 1
        if used[(key[0], label)] > 1:
            labels[key] = f"{label} ({used[(key[0], label)]})"
    return labels


def section_order(ref: str) -> tuple[int, ...]:
    """"mục II.1.2" -> (2, 1, 2): sections in the plan's own order."""
    parts = ref.removeprefix("mục ").split(".")
    return tuple(ROMAN.get(part, int(part) if part.isdigit() else 99) for part in parts)
