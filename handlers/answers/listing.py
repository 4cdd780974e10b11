"""Answers that list tasks: a unit's duties, and what falls due in a window of dates."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Callable

from handlers.answers.describe import sections_of, short_citation
from handlers.answers.draft import Answer, Draft, refusal, short_date
from handlers.answers.question import Intent, Question, Window
from handlers.citations import Citation, plan_name
from handlers.texts import answers as texts
from handlers.texts import core as core_texts
from knowledge.index import EntryKind, QueryTerms, SearchIndex
from knowledge.loader import KnowledgeBase, TaskRecord
from knowledge.schema import DeadlineKind
from knowledge.textnorm import Token

MAX_UNIT_TASKS = 5
MAX_UNITS = 3
MAX_UPCOMING = 6
CONTENT_FILTER = 0.5  # an upcoming item must explain this share of the question's subject


def window_name(window: Window) -> str:
    if window.kind == "month":
        return texts.WINDOW_MONTH.format(month=window.start.month, year=window.start.year)
    if window.kind == "quarter":
        roman = ("I", "II", "III", "IV")[(window.start.month - 1) // 3]
        return texts.WINDOW_QUARTER.format(quarter=roman, year=window.start.year)
    if window.kind == "year":
        return texts.WINDOW_YEAR.format(year=window.start.year)
    if window.kind == "week":
        return texts.WINDOW_WEEK.format(start=short_date(window.start),
                                        end=short_date(window.end))
    if window.kind == "day":
        return texts.WINDOW_DAY.format(day=short_date(window.start))
    if window.kind == "overdue":
        return texts.WINDOW_OVERDUE.format(days=(window.end - window.start).days + 1)
    return texts.WINDOW_SOON.format(days=(window.end - window.start).days,
                                    end=short_date(window.end))


def by_due_date(record: TaskRecord) -> tuple[int, dt.date, str]:
    if record.deadline is None or record.deadline.end is None:
        return (1, dt.date.max, record.section_ref)
    return (0, record.deadline.end, record.section_ref)


def _end(record: TaskRecord) -> dt.date:
    assert record.deadline is not None and record.deadline.end is not None
    return record.deadline.end


def _one_per_duty(records: list[TaskRecord]) -> list[TaskRecord]:
    """A duty restated in another section is listed once (its citation names both)."""
    seen: set[str] = set()
    kept = []
    for record in records:
        key = record.obligation_key or record.key
        if key not in seen:
            seen.add(key)
            kept.append(record)
    return kept


def _task_item(record: TaskRecord) -> str:
    if record.task.deadline:
        return texts.TASK_ITEM.format(summary=record.task.summary, when=record.task.deadline,
                                      section=record.section_ref)
    return texts.TASK_ITEM_NO_TIME.format(summary=record.task.summary,
                                          section=record.section_ref)


class Listing:
    def __init__(self, kb: KnowledgeBase, index: SearchIndex,
                 subject: Callable[[Question], list[Token | None]] | None = None) -> None:
        self.kb = kb
        self.index = index
        # The words of a question that say what it is about, once the plan is named.
        self.subject = subject or (lambda question: question.content)
        self.tasks_of_unit: dict[str, list[TaskRecord]] = {}
        for record in kb.tasks:
            for assignment in record.task.units:
                self.tasks_of_unit.setdefault(assignment.unit, []).append(record)
        # Tasks with a date to be due by, soonest first, for "what is due" windows.
        self._dated = sorted(
            (t for t in kb.tasks if t.deadline is not None and t.deadline.end is not None
             and t.deadline.kind is not DeadlineKind.RANGE), key=by_due_date)
        self._dated_ends = [_end(t) for t in self._dated]

    # -- a unit's duties ------------------------------------------------------------------

    def unit(self, question: Question) -> Answer | None:
        """The tasks of the units the question names; None when none of them has any."""
        window = question.window if question.window and question.window.kind != "year" else None
        by_unit = {u: self.tasks_of_unit[u] for u in question.units if self.tasks_of_unit.get(u)}
        if not by_unit:
            return None
        draft = Draft()
        for unit_id, tasks in list(by_unit.items())[:MAX_UNITS]:
            self._unit_tasks(draft, self.kb.units[unit_id].name, tasks, window)
        if not draft.citations:
            return Answer(True, "\n".join(draft.lines), intent=Intent.UNIT.value)
        return draft.done(Intent.UNIT)

    def _unit_tasks(self, draft: Draft, unit: str, tasks: list[TaskRecord],
                    window: Window | None) -> None:
        plan = tasks[0].plan
        if window is not None:
            tasks = [t for t in tasks if t.deadline and t.deadline.end
                     and window.contains(t.deadline.end)]
            if not tasks:
                draft.lines.append(texts.UNIT_NO_TASKS_WINDOW.format(
                    unit=unit, window=window_name(window)))
                return
            draft.lines.append(texts.UNIT_TASKS_WINDOW.format(unit=unit,
                                                              window=window_name(window)))
        else:
            draft.lines.append(texts.UNIT_TASKS.format(unit=unit, count=len(tasks),
                                                       plan=plan_name(plan)))
        ordered = sorted(tasks, key=by_due_date)
        for record in ordered[:MAX_UNIT_TASKS]:
            draft.lines.append(_task_item(record))
            draft.cite(Citation(record.plan, record.section_ref, record.task.summary))
        if len(ordered) > MAX_UNIT_TASKS:
            draft.lines.append(core_texts.MORE_ITEMS.format(count=len(ordered) - MAX_UNIT_TASKS))
        draft.lines.append(texts.CITATION_NO_SECTION.format(document=plan_name(plan)))

    # -- what is due ----------------------------------------------------------------------

    def upcoming(self, question: Question) -> Answer:
        window = question.window
        assert window is not None
        terms = self.index.terms(self.subject(question))
        if terms.unknown:
            return refusal(self.kb.plans)
        allowed = self._matching_tasks(terms, question) if terms.mass > 0 else None

        def wanted(record: TaskRecord) -> bool:
            return ((question.plans is None or record.plan.id in question.plans)
                    and (allowed is None or record.key in allowed))

        first = bisect_left(self._dated_ends, window.start)
        after = bisect_right(self._dated_ends, window.end)
        in_window = _one_per_duty([t for t in self._dated[first:after] if wanted(t)])
        draft = Draft()
        today = short_date(question.today)
        name = window_name(window)
        if not in_window:
            draft.lines.append(texts.UPCOMING_NONE.format(window=name, today=today))
            nxt = next((t for t in self._dated[after:] if wanted(t)), None)
            if nxt is not None:
                for section in sections_of(self.kb, nxt):
                    draft.cite(Citation(nxt.plan, section, nxt.task.summary))
                draft.lines.append(texts.UPCOMING_NEXT.format(
                    when=nxt.task.deadline, summary=nxt.task.summary,
                    citation=short_citation(self.kb, nxt)))
            else:
                draft.lines.append(texts.UPCOMING_NOTHING_AFTER)
                if self._dated_ends and self._dated_ends[-1] < question.today:
                    # Every plan held is over (the bundled ones are from 2022–2024): offer a
                    # day inside them instead of an empty answer.
                    ends = self._dated_ends
                    draft.lines.append(texts.UPCOMING_ALL_PAST.format(
                        first=ends[0].year, last=ends[-1].year,
                        day=ends[len(ends) // 2].isoformat()))
            return Answer(True, "\n".join(draft.lines), tuple(draft.citations),
                          intent=Intent.UPCOMING.value)
        draft.lines.append(texts.UPCOMING_TITLE.format(window=name, today=today))
        for record in in_window[:MAX_UPCOMING]:
            sections = sections_of(self.kb, record)
            for section in sections:
                draft.cite(Citation(record.plan, section, record.task.summary))
            draft.lines.append(texts.UPCOMING_ITEM.format(
                when=record.task.deadline, summary=record.task.summary,
                citation=short_citation(self.kb, record)))
        if len(in_window) > MAX_UPCOMING:
            draft.lines.append(core_texts.MORE_ITEMS.format(count=len(in_window) - MAX_UPCOMING))
        return draft.done(Intent.UPCOMING)

    def _matching_tasks(self, terms: QueryTerms, question: Question) -> set[str]:
        entries = self.index.covering(terms, CONTENT_FILTER, kinds=[EntryKind.TASK],
                                      plans=question.plans)
        return {e.record.key for e in entries if isinstance(e.record, TaskRecord)}
