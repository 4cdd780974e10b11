"""Turn the body's items into tasks (obligations), facts and doubts.

Every item outside the parts that state aims is read for its time phrases and its units. A
phrase in a counting window ("thời gian tính thành tích từ ...") is a fact; one in what the
duty serves ("làm cơ sở cho việc khen thưởng vào dịp 19/5") or dated well before the plan is
no deadline; an unreadable one is a doubt. An item with several deadlines gives one task per
deadline. Labelled lines ("- Đơn vị chủ trì: ...", "- Thời gian: ...") complete the task
above them; a responsibility table gives one task per row, in the section holding it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from knowledge.deadlines import Found, find_deadlines
from knowledge.imports.cleanup import strip_markers
from knowledge.imports.draft import DraftDoubt, DraftFact
from knowledge.imports.model import TaskDraft
from knowledge.imports.rules import Rules, folded
from knowledge.imports.structure import Item, Skeleton
from knowledge.imports.units import LEAD, SUPPORT, UnitRef, paragraph_units, split_units
from knowledge.schema import DeadlineKind

PAST_MARGIN = dt.timedelta(days=45)
_TOPIC_LABEL_RE = re.compile(r"^\s*(?:Quý\s+(?:IV|III|II|I|[1-4])|Tháng\s+\d{1,2})\s*:", re.I)
_DURATION_RE = re.compile(r"(?:không quá|trong|thời gian)\s+\d+(?:/\d+)?\s+(?:ngày|buổi|giờ|phút)"
                          r"(?!\s+(?:làm việc|kể từ|sau))", re.IGNORECASE)


@dataclass
class Reading:
    tasks: list[TaskDraft] = field(default_factory=list)
    facts: list[DraftFact] = field(default_factory=list)
    doubts: list[DraftDoubt] = field(default_factory=list)


def _clause_before(text: str, start: int) -> str:
    return re.split(r"[.;](?:\s|$)", text[:start])[-1]


def _sentence(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start), text.rfind("; ", 0, start))
    right = min((i for i in (text.find(". ", end), text.find("; ", end)) if i >= 0),
                default=len(text))
    return text[left + 2 if left >= 0 else 0:right + 1].strip(" ;")


class _Reader:
    def __init__(self, skeleton: Skeleton, year: int, date: dt.date | None, rules: Rules) -> None:
        self.skeleton, self.year, self.date, self.rules = skeleton, year, date, rules
        self.out = Reading()
        self.lead_in: tuple[str, list[UnitRef]] | None = None  # (section, its units)
        self.title_units: dict[str, list[UnitRef]] = {}
        self.last: TaskDraft | None = None
        # A numbered duty that names neither unit nor time ("1.1. Giám sát việc …"), waiting
        # for the labelled lines below it ("- Đơn vị chủ trì: …", "- Thời gian: …").
        self.pending: tuple[str, Item] | None = None

    # -- time phrases ------------------------------------------------------------------

    def times(self, text: str, ref: str) -> list[Found]:
        """The deadlines of a text; windows become facts, the rest that is no deadline a doubt."""
        kept = []
        for found in find_deadlines(text, self.year):
            deadline = found.deadline
            clause = _clause_before(text, found.start)
            if self.rules.has("window_cues", clause + " " + found.deadline.phrase):
                self.out.facts.append(DraftFact("window", _sentence(text, found.start, found.end),
                                           ref, deadline))
            elif self.rules.has("purpose_cues", clause) and "(" not in clause[-3:]:
                continue
            elif deadline.kind is DeadlineKind.NONE:
                self.out.doubts.append(DraftDoubt("unread_time", found.deadline.phrase, ref))
            elif (self.date and deadline.end and deadline.kind is not DeadlineKind.OCCASION
                  and deadline.end < self.date - PAST_MARGIN):
                self.out.doubts.append(DraftDoubt("past_date", found.deadline.phrase, ref))
            else:
                kept.append(found)
        return kept

    # -- units -------------------------------------------------------------------------

    def context_units(self, item: Item) -> list[UnitRef]:
        if self.lead_in and self.lead_in[0] == item.ref and self.lead_in[1]:
            return self.lead_in[1]
        for ref in sorted(self.title_units, key=len, reverse=True):
            if item.ref == ref or item.ref.startswith(ref + "."):
                return self.title_units[ref]
        return []

    def units_of(self, text: str, item: Item) -> list[UnitRef]:
        units = paragraph_units(text, self.rules)
        if not any(u.role == LEAD for u in units):
            units = [u for u in self.context_units(item) if u.role == LEAD] + units
        return units

    # -- items -------------------------------------------------------------------------

    def add_task(self, text: str, item: Item, units: list[UnitRef], found: Found | None) -> None:
        task = TaskDraft(text, item.ref, list(units), found.deadline if found else None)
        if not units:
            self.out.doubts.append(DraftDoubt("no_unit", text[:120], item.ref))
        self.out.tasks.append(task)
        self.last = task

    def field(self, item: Item, role: str, value: str) -> bool:
        """A labelled line completes the task above it; False when there is none."""
        task = self.last
        if (task is None or task.section != item.ref) and self.pending is not None \
                and self.pending[1].ref == item.ref:
            task = TaskDraft(self.pending[0], item.ref, [], None)
            self.out.tasks.append(task)
            self.last, self.pending = task, None
        if task is None or task.section != item.ref:
            return False
        if role in (LEAD, SUPPORT):
            names = split_units(value, self.rules)
            if role == LEAD and names:
                task.units = [u for u in task.units if u.role == SUPPORT]
            task.units += [UnitRef(n, role) for n in names if UnitRef(n, role) not in task.units]
        elif role == "time":
            times = self.times(value, item.ref)
            if times and task.deadline is None:
                task.deadline = times[0].deadline
            elif times:
                self.add_task(task.text, item, task.units, times[0])
        return True

    def heading(self, item: Item) -> None:
        names = split_units(item.text, self.rules) if not re.search(r"\s(?:về|của)\s",
                                                                    item.text) else []
        if names and not paragraph_units(item.text, self.rules):
            self.title_units[item.ref] = [UnitRef(n, LEAD) for n in names]
        self.lead_in = None
        self.last = None
        # A numbered heading that states a duty ("1.1. Giám sát việc …") may be completed by
        # labelled lines; one that names units leads its section's items instead.
        self.pending = None if names else (strip_markers(item.text), item)

    def paragraph(self, item: Item) -> None:
        text = strip_markers(item.text)
        labelled = self.rules.field(text)
        if labelled is not None:
            role, start = labelled
            if role != "other" and self.field(item, role, text[start:]):
                return
        self.pending = None
        found = self.times(text, item.ref)
        self.facts_of(text, item, bool(found))
        units = self.units_of(text, item)
        if text.endswith(":") and item.marker is None:
            self.lead_in = (item.ref, [u for u in units if u.role == LEAD])
        if len(found) == 1:
            self.add_task(text, item, units, found[0])
        elif found:
            for one in found:
                self.add_task(_sentence(text, one.start, one.end), item, units, one)
        elif text.endswith(":"):
            return  # a lead-in: the items or the table after it hold the duties
        elif paragraph_units(text, self.rules) or (units and item.marker is not None
                                                    and not _TOPIC_LABEL_RE.match(text)):
            self.add_task(text, item, units, None)
        elif labelled is None and not _TOPIC_LABEL_RE.match(text):
            self.pending = (text, item)  # a duty whose units and time may be labelled below

    def facts_of(self, text: str, item: Item, dated: bool) -> None:
        if _TOPIC_LABEL_RE.match(text) or self.rules.starts("topic_cues", text):
            self.out.facts.append(DraftFact("topic", text, item.ref))
        for match in _DURATION_RE.finditer(text):
            self.out.facts.append(DraftFact("duration", _sentence(text, match.start(), match.end()),
                                       item.ref))

    def table(self, item: Item) -> None:
        header = next((i for i, r in enumerate(item.rows) if self.rules.is_table_header(list(r))),
                      None)
        if header is None:
            return
        roles = [self.rules.column_role(c) for c in item.rows[header]]
        for row in item.rows[header + 1:]:
            cells = {role: cell for role, cell in zip(roles, row, strict=False) if role}
            content = strip_markers(cells.get("content", ""))
            if not content:
                continue
            units = [UnitRef(n, LEAD) for n in split_units(cells.get("lead", ""), self.rules)]
            units += [UnitRef(n, SUPPORT) for n in split_units(cells.get("support", ""),
                                                                 self.rules)]
            time = cells.get("time", "")
            found = self.times(time, item.ref) if time else []
            if time and not found:
                self.out.doubts.append(DraftDoubt("unread_time", time, item.ref))
            self.add_task(content, item, units, found[0] if found else None)

    def item(self, item: Item) -> None:
        if any(item.ref == a or item.ref.startswith(a + ".") for a in self.skeleton.aims):
            return
        if item.rows:
            self.table(item)
        elif item.heading:
            self.heading(item)
        else:
            self.paragraph(item)


def mark_restatements(tasks: list[TaskDraft]) -> None:
    """A later task with the same dated deadline and much the same duty restates the first."""
    words = [set(folded(t.text).split()) for t in tasks]
    earlier: dict[tuple[object, ...], list[int]] = {}
    for later, task in enumerate(tasks):
        deadline = task.deadline
        if deadline is None or deadline.end is None:
            continue
        same = earlier.setdefault((deadline.kind, deadline.start, deadline.end), [])
        for first in same:
            shared = len(words[first] & words[later]) / max(1, len(words[first] | words[later]))
            if tasks[first].section != task.section and shared >= 0.3:
                task.restates = first
                break
        same.append(later)


def read_obligations(skeleton: Skeleton, year: int, date: dt.date | None, rules: Rules
                     ) -> Reading:
    reader = _Reader(skeleton, year, date, rules)
    for item in skeleton.body:
        reader.item(item)
    mark_restatements(reader.out.tasks)
    return reader.out
