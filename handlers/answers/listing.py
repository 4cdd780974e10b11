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
from knowledge.index import FOLD_ONLY, EntryKind, QueryTerms, SearchIndex
from knowledge.loader import KnowledgeBase, TaskRecord
from knowledge.schema import DeadlineKind
from knowledge.textnorm import Token

MAX_UNIT_TASKS = 5
MAX_UNITS = 3
FULL_TEXT_TASKS = 1  # a unit with this few duties is told each in the plan's words
MAX_UPCOMING = 6
MIN_SOON_ITEMS = 3  # "sắp tới" shows this many times at least, the next ones after its month
CONTENT_FILTER = 0.5  # an upcoming item must explain this share of the question's subject
WRITTEN_FILTER = FOLD_ONLY + 0.1  # …more than a match without diacritics alone gives


def window_name(window: Window) -> str:
    if window.kind in ("month", "quarter", "year") and window.start != _period_start(window):
        # "từ nay đến cuối năm": what is left of the period, from the day asked
        whole = Window(_period_start(window), window.end, window.kind)
        return texts.WINDOW_REST.format(start=short_date(window.start),
                                        period=window_name(whole).removeprefix("trong "))
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
    if window.kind == "span":
        return texts.WINDOW_SPAN.format(start=short_date(window.start),
                                        end=short_date(window.end))
    if window.kind == "next":
        return texts.WINDOW_NEXT
    if window.kind == "overdue":
        return texts.WINDOW_OVERDUE.format(days=(window.end - window.start).days + 1)
    return texts.WINDOW_SOON.format(days=(window.end - window.start).days,
                                    end=short_date(window.end))


def _period_start(window: Window) -> dt.date:
    """The first day of the month, quarter or year a window ends in."""
    end = window.end
    if window.kind == "month":
        return end.replace(day=1)
    if window.kind == "quarter":
        return end.replace(month=(end.month - 1) // 3 * 3 + 1, day=1)
    return end.replace(month=1, day=1)


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


def _first_due(records: list[TaskRecord]) -> list[TaskRecord]:
    """"Mốc tiếp theo": the first time due among ``records`` (soonest first), with its ties."""
    return [t for t in records if _end(t) == _end(records[0])] if records else []


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
        # a unit itself before the groups it is one of ("Chi bộ trường THPT chuyên Lê Quý
        # Đôn", then "Các chi bộ trường THPT…")
        named = sorted(question.units, key=lambda u: self.kb.units[u].is_group)
        by_unit = {u: self.tasks_of_unit[u] for u in named if self.tasks_of_unit.get(u)}
        if not by_unit:
            return None
        if window is not None and not any(
                t.deadline and t.deadline.end and window.contains(t.deadline.end)
                for tasks in by_unit.values() for t in tasks):
            # "Tuần này chi bộ phải hoàn thành việc gì": none of the bodies so named has a
            # time then, which is not "nothing is due": what is due then is shown, marked.
            first = bisect_left(self._dated_ends, window.start)
            after = bisect_right(self._dated_ends, window.end)
            others = [t for t in self._dated[first:after]
                      if question.plans is None or t.plan.id in question.plans]
            return self._none_about(question, window_name(window), short_date(question.today),
                                    others, None)
        if window is not None:  # "chi bộ" names a body of each plan: those with a time then
            by_unit = {u: tasks for u, tasks in by_unit.items() if any(
                t.deadline and t.deadline.end and window.contains(t.deadline.end)
                for t in tasks)}
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
            own = len(ordered) <= FULL_TEXT_TASKS or len(record.task.units) == 1
            if own and record.task.text != record.task.summary:
                # A duty of this unit alone: what the plan says of it, not only its name.
                draft.lines.append(texts.UNIT_TASK_TEXT.format(text=record.task.text))
            draft.cite(Citation(record.plan, record.section_ref, record.task.summary))
        if len(ordered) > MAX_UNIT_TASKS:
            draft.lines.append(core_texts.MORE_ITEMS.format(count=len(ordered) - MAX_UNIT_TASKS))
        draft.lines.append(texts.CITATION_NO_SECTION.format(document=plan_name(plan)))

    # -- what is due ----------------------------------------------------------------------

    def upcoming(self, question: Question) -> Answer:
        window = question.window
        assert window is not None
        # Only words that surely carry a subject narrow the list: unaccented "con" may be
        # "còn" ("107 con han bc nao sap toi"), which asks for everything still due.
        # Nor do the words that named the window: every task in it is "of tháng 3/2023".
        start, end = question.window_span or (0, 0)
        subject = [t if t is not None and not self.index.may_be_stopword(t)
                   and not start <= i < end else None
                   for i, t in enumerate(self.subject(question))]
        terms = self.index.terms(subject)
        if terms.unknown:
            return refusal(self.kb.plans)
        allowed = self._matching_tasks(terms, question) if terms.mass > 0 else None

        def of_plan(record: TaskRecord) -> bool:
            return question.plans is None or record.plan.id in question.plans

        def wanted(record: TaskRecord) -> bool:
            return of_plan(record) and (allowed is None or record.key in allowed)

        first = bisect_left(self._dated_ends, window.start)
        after = bisect_right(self._dated_ends, window.end)
        in_window = _one_per_duty([t for t in self._dated[first:after] if wanted(t)])
        if window.kind == "next":
            in_window = _first_due(in_window)
        today = short_date(question.today)
        name = window_name(window)
        if not in_window:
            later = next((t for t in self._dated[after:] if wanted(t)), None)
            if allowed is not None:
                return self._none_about(question, name, today,
                                        [t for t in self._dated[first:after] if of_plan(t)],
                                        later)
            return self._none(question, name, today, later)
        draft = Draft()
        draft.lines.append(texts.UPCOMING_TITLE.format(window=name, today=today))
        self._items(draft, in_window)
        if window.kind == "soon" and len(in_window) < MIN_SOON_ITEMS:
            # "còn những hạn nào sắp tới": the window is a month; what follows it is shown
            # too, marked, so that one near time does not hide the next
            following = _one_per_duty([t for t in self._dated[after:] if wanted(t)])
            following = following[:MIN_SOON_ITEMS - len(in_window)]
            if following:
                draft.lines.append(texts.UPCOMING_AFTER.format(end=short_date(window.end)))
                self._items(draft, following)
        return draft.done(Intent.UPCOMING)

    def _items(self, draft: Draft, records: list[TaskRecord]) -> None:
        for record in records[:MAX_UPCOMING]:
            for section in sections_of(self.kb, record):
                draft.cite(Citation(record.plan, section, record.task.summary))
            draft.lines.append(texts.UPCOMING_ITEM.format(
                when=record.task.deadline, summary=record.task.summary,
                citation=short_citation(self.kb, record)))
        if len(records) > MAX_UPCOMING:
            draft.lines.append(core_texts.MORE_ITEMS.format(count=len(records) - MAX_UPCOMING))

    def _none(self, question: Question, name: str, today: str,
              nxt: TaskRecord | None) -> Answer:
        """Nothing at all is due in the window: said so, with the next time due after it."""
        draft = Draft()
        draft.lines.append(texts.UPCOMING_NONE.format(window=name, today=today))
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

    def _none_about(self, question: Question, name: str, today: str,
                    others: list[TaskRecord], later: TaskRecord | None) -> Answer:
        """Nothing the question is about falls in the window. That is not "nothing is due":
        what is due then is shown, marked as not the answer, or the next such time after."""
        others = _one_per_duty(others)
        if question.window is not None and question.window.kind == "next":
            others = _first_due(others)
        if others:
            draft = Draft()
            draft.lines.append(texts.UPCOMING_NONE_ABOUT.format(window=name, today=today))
            draft.lines.append(texts.UPCOMING_OTHERS.format(window=name))
            self._items(draft, others)
            return Answer(False, "\n".join(draft.lines), tuple(draft.citations),
                          intent=Intent.UPCOMING.value)
        if later is not None:
            return self._none(question, name, today, later)
        return Answer(False, texts.UPCOMING_NONE_ABOUT.format(window=name, today=today),
                      intent=Intent.UPCOMING.value)

    def _matching_tasks(self, terms: QueryTerms, question: Question) -> set[str]:
        # Typed with diacritics, the subject must match as written, not only once folded:
        # "sơ kết" is not the "số … Kết luận" of every report ("spelled" is None unaccented).
        share = CONTENT_FILTER if question.spelled is None else WRITTEN_FILTER
        entries = self.index.covering(terms, share, kinds=[EntryKind.TASK],
                                      plans=question.plans)
        return {e.record.key for e in entries if isinstance(e.record, TaskRecord)}
