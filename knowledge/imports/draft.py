"""The draft of an imported plan (frozen) and its JSON, in the contract the maintainers read.

``draft_json`` gives ``{"document": {"number", "issuer", "date", "title", "signer"}, "tasks":
[{"text", "section", "units": [{"name", "role"}], "deadline": {"phrase", "kind", "start",
"end", "recurrence"} or null}], "outlines": [{"title", "sections": [...]}]}`` with dates as
"YYYY-MM-DD", plus keys of its own: the document's place, year, signer capacity, basis and
recipients, each task's restatement, the facts, the cited documents and the doubts. A
recurring deadline shows its first occurrence due on or after the plan's date when the
phrase fixes its day ("ngày 20 của tháng cuối quý") or its month ("tháng 11 hằng năm").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from knowledge.deadlines import occurrences
from knowledge.imports.outlines import Outline
from knowledge.schema import Deadline, DeadlineKind


@dataclass(frozen=True)
class DraftUnit:
    name: str  # as the plan writes it, categories included ("Các chi bộ trực thuộc")
    role: str  # "lead" | "support"


@dataclass(frozen=True)
class DraftTask:
    text: str
    section: str  # "II.1.2"
    units: tuple[DraftUnit, ...]
    deadline: Deadline | None  # kind NONE: a condition or a time that could not be read
    restates: int | None = None  # index of the task this one states again


@dataclass(frozen=True)
class DraftFact:
    kind: str  # "basis" | "topic" | "window" | "duration"
    text: str
    section: str | None = None
    deadline: Deadline | None = None


@dataclass(frozen=True)
class DraftDoubt:
    kind: str  # "unread_time" | "no_unit" | "past_date" | "no_date" | "replacement_character"…
    text: str
    section: str | None = None


@dataclass(frozen=True)
class CitedDocument:
    kind: str  # "Kết luận"
    number: str  # "01-KL/TW"
    date: dt.date | None
    issuer: str | None
    basis: bool  # named by a "Căn cứ" / "Thực hiện" paragraph: what the plan carries out


@dataclass(frozen=True)
class DraftDocument:
    number: str | None
    issuer: str | None
    date: dt.date | None
    title: str | None
    signer: str | None
    place: str | None = None
    signer_capacity: str | None = None
    year: int | None = None  # the year phrases without a year are read in
    recipients: tuple[str, ...] = ()


@dataclass(frozen=True)
class PlanDraft:
    document: DraftDocument
    tasks: tuple[DraftTask, ...]
    outlines: tuple[Outline, ...]
    facts: tuple[DraftFact, ...] = ()
    documents: tuple[CitedDocument, ...] = ()
    doubts: tuple[DraftDoubt, ...] = ()
    footnotes: tuple[str, ...] = ()


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _window(deadline: Deadline, after: dt.date) -> tuple[dt.date | None, dt.date | None]:
    if deadline.kind is not DeadlineKind.RECURRING:
        return deadline.start, deadline.end
    if not (deadline.due_day or deadline.due_month):
        return None, None
    start = max(after, deadline.since or after)
    found = occurrences(deadline, start, start.replace(year=start.year + 3))
    if not found:
        return None, None
    first = found[0]
    return (first.start if deadline.due_month and not deadline.due_day else None), first.due


def deadline_json(deadline: Deadline | None, after: dt.date) -> dict[str, Any] | None:
    if deadline is None or deadline.kind is DeadlineKind.NONE:
        return None
    start, end = _window(deadline, after)
    return {"phrase": deadline.phrase, "kind": deadline.kind.value, "start": _day(start),
            "end": _day(end), "recurrence": deadline.recurrence,
            "tentative": deadline.tentative}


def draft_json(draft: PlanDraft) -> dict[str, Any]:
    doc = draft.document
    after = doc.date or dt.date(doc.year or dt.date.today().year, 1, 1)
    tasks = []
    for task in draft.tasks:
        entry: dict[str, Any] = {
            "text": task.text, "section": task.section,
            "units": [{"name": u.name, "role": u.role} for u in task.units],
            "deadline": deadline_json(task.deadline, after), "restates": task.restates}
        if task.deadline is not None and task.deadline.kind is DeadlineKind.NONE:
            entry["condition"] = task.deadline.phrase
        tasks.append(entry)
    return {
        "document": {"number": doc.number, "issuer": doc.issuer, "date": _day(doc.date),
                     "title": doc.title, "signer": doc.signer, "place": doc.place,
                     "signer_capacity": doc.signer_capacity, "year": doc.year,
                     "recipients": list(doc.recipients),
                     "implements": [d.number for d in draft.documents if d.basis]},
        "tasks": tasks,
        "outlines": [{"title": o.title, "sections": [p.heading for p in o.parts],
                      "parts": [{"number": p.number, "title": p.title, "items": list(p.items)}
                                for p in o.parts]} for o in draft.outlines],
        "facts": [{"kind": f.kind, "text": f.text, "section": f.section,
                   "deadline": deadline_json(f.deadline, after)} for f in draft.facts],
        "documents": [{"kind": d.kind, "number": d.number, "date": _day(d.date),
                       "issuer": d.issuer, "basis": d.basis} for d in draft.documents],
        "doubts": [{"kind": d.kind, "text": d.text, "section": d.section} for d in draft.doubts],
        "footnotes": list(draft.footnotes),
    }
