"""The answer engine: a question in, a short cited Vietnamese answer (or an honest "not found").

It never composes a time of its own: every deadline it prints is the plan's phrase, taken from
the task the question matched, and only when the match explains enough of the question.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field

from handlers import texts
from handlers.citations import Citation, plan_name, plans_overview
from handlers.passages import best_sentences
from handlers.question import Intent, Question, QuestionReader, Window
from knowledge.index import Entry, EntryKind, Hit, QueryTerms, SearchIndex, TopicRecord
from knowledge.lexicon import Lexicon
from knowledge.loader import KnowledgeBase, OutlineRecord, ParagraphRecord, TaskRecord
from knowledge.schema import DeadlineKind, Outline, OutlineSection, Plan, Role

MIN_COVERAGE = 0.5  # share of the question a match must explain to be stated
SUGGEST_COVERAGE = 0.3  # below MIN_COVERAGE but above this: offer "Ý bạn là…?"
RELATED_RATIO = 0.85  # a second task this close to the best, with another time, is shown too
OTHER_PLAN_RATIO = 0.95
TIMED_RATIO = 0.9  # a task with a time this close to the best match answers "when" instead
UNIT_BONUS = 0.25
MAX_RELATED = 2
MAX_UNIT_TASKS = 5
MAX_UNITS = 3
MAX_UPCOMING = 6
MAX_SUGGESTIONS = 3
CONTENT_FILTER = 0.5  # an upcoming item must explain this share of the question's subject
# Words that say "a part of the outline" rather than which part.
OUTLINE_WORDS = frozenset({"muc", "phan", "cuong", "noi", "dung", "yeu", "cau"})


@dataclass(frozen=True)
class Answer:
    answered: bool
    text: str
    citations: tuple[Citation, ...] = ()
    options: tuple[str, ...] = ()  # follow-up questions the user may pick
    intent: str = ""

    def as_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "answered": self.answered,
            "text": self.text,
            "citations": [c.as_json() for c in self.citations],
        }
        if self.options:
            data["options"] = list(self.options)
        return data


@dataclass
class _Draft:
    lines: list[str] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)

    def cite(self, citation: Citation) -> None:
        if citation not in self.citations:
            self.citations.append(citation)

    def done(self, intent: Intent) -> Answer:
        return Answer(True, "\n".join(self.lines), tuple(self.citations), intent=intent.value)


def heading(title: str) -> str:
    """A heading the plan prints in capitals ("ĐÁNH GIÁ CHUNG"), written as a sentence."""
    return title[:1] + title[1:].lower() if title.isupper() else title


def _date(day: dt.date) -> str:
    return f"{day.day}/{day.month}/{day.year}"


def window_name(window: Window) -> str:
    if window.kind == "month":
        return texts.WINDOW_MONTH.format(month=window.start.month, year=window.start.year)
    if window.kind == "quarter":
        roman = ("I", "II", "III", "IV")[(window.start.month - 1) // 3]
        return texts.WINDOW_QUARTER.format(quarter=roman, year=window.start.year)
    if window.kind == "year":
        return texts.WINDOW_YEAR.format(year=window.start.year)
    if window.kind == "week":
        return texts.WINDOW_WEEK.format(start=_date(window.start), end=_date(window.end))
    if window.kind == "day":
        return texts.WINDOW_DAY.format(day=_date(window.start))
    if window.kind == "overdue":
        return texts.WINDOW_OVERDUE.format(days=(window.end - window.start).days + 1)
    return texts.WINDOW_SOON.format(days=(window.end - window.start).days, end=_date(window.end))


class AnswerEngine:
    """Answers questions about the plans in one knowledge base."""

    def __init__(self, kb: KnowledgeBase, lexicon: Lexicon | None = None) -> None:
        self.kb = kb
        self.lexicon = lexicon or Lexicon.bundled()
        self.index = SearchIndex(kb, self.lexicon)
        self.reader = QuestionReader(kb, self.index)
        self._tasks_of_unit: dict[str, list[TaskRecord]] = {}
        for record in kb.tasks:
            for assignment in record.task.units:
                self._tasks_of_unit.setdefault(assignment.unit, []).append(record)
        self._outline_records: dict[str, list[OutlineRecord]] = {}
        for outline_record in kb.outline_sections:
            self._outline_records.setdefault(outline_record.plan.id, []).append(outline_record)
        # Tasks with a date to be due by, soonest first, for "what is due" windows.
        self._dated_tasks = sorted(
            (t for t in kb.tasks if t.deadline is not None and t.deadline.end is not None
             and t.deadline.kind is not DeadlineKind.RANGE), key=_by_due_date)
        self._dated_ends = [_end(t) for t in self._dated_tasks]
        # Words that name an outline as a whole: they do not point at one of its sections.
        self._outline_title_words: dict[str, set[str]] = {
            plan.id: {token.key for outline in plan.outlines for token in self.lexicon.normalize(
                f"{outline.title} đề cương báo cáo {plan.locality} {plan.issuer_short}")}
            for plan in kb.plans
        }

    # -- entry point --------------------------------------------------------------------

    def answer(self, text: str, today: dt.date) -> Answer:
        question = self.reader.read(text, today)
        if question.unknown_plan and not question.plans:
            what = texts.UNKNOWN_NUMBER.format(number=question.unknown_plan)
            return self._refuse(texts.UNKNOWN_PLAN.format(what=what, plans=self._overview()))
        if question.unknown_place and not question.plans:
            what = texts.UNKNOWN_PLACE.format(place=question.unknown_place.title())
            what = what.replace(" - ", " – ")
            return self._refuse(texts.UNKNOWN_PLAN.format(what=what, plans=self._overview()))
        handler = {
            Intent.SIGNER: self._signer,
            Intent.ISSUED: self._issued,
            Intent.BASIS: self._basis,
            Intent.UPCOMING: self._upcoming,
            Intent.UNIT: self._unit,
            Intent.OUTLINE: self._outline,
            Intent.DEADLINE: self._deadline,
        }.get(question.intent, self._fact)
        return handler(question)

    def _overview(self) -> str:
        return plans_overview(self.kb.plans)

    def _refuse(self, text: str | None = None, options: Iterable[str] = ()) -> Answer:
        return Answer(False, text or texts.NOT_FOUND.format(plans=self._overview()),
                      options=tuple(options))

    def _plans(self, question: Question) -> list[Plan]:
        if question.plans is None:
            return list(self.kb.plans)
        return [p for p in self.kb.plans if p.id in question.plans]

    def _terms(self, question: Question) -> QueryTerms:
        return self.index.terms(question.content)

    def _search(self, question: Question, kinds: Iterable[EntryKind] | None,
                terms: QueryTerms | None = None, limit: int = 10) -> tuple[QueryTerms, list[Hit]]:
        terms = terms or self._terms(question)
        hits = self.index.search(terms, kinds=kinds, plans=question.plans, units=question.units,
                                 unit_bonus=UNIT_BONUS, limit=limit)
        return terms, hits

    def _not_sure(self, question: Question, hits: list[Hit]) -> Answer:
        """Nothing explains the question well enough: say so, and offer the nearest tasks."""
        options = []
        if hits and hits[0].coverage >= SUGGEST_COVERAGE:
            suffix = " khi nào?" if question.intent is Intent.DEADLINE else ""
            for hit in hits[:MAX_SUGGESTIONS]:
                if isinstance(hit.entry.record, TaskRecord):
                    options.append(f"{hit.entry.record.task.summary}{suffix}")
        return self._refuse(options=options)

    # -- deadlines ----------------------------------------------------------------------

    def _deadline(self, question: Question) -> Answer:
        terms, hits = self._search(question, [EntryKind.TASK])
        if not hits or hits[0].coverage < MIN_COVERAGE:
            return self._not_sure(question, hits)
        best = self._timed_first(hits)
        record = best.entry.record
        assert isinstance(record, TaskRecord)
        draft = _Draft()
        self._describe_task(draft, record, terms, question, with_text=self._counts(question))
        self._related_times(draft, record, best, [h for h in hits if h is not best], question)
        return draft.done(Intent.DEADLINE)

    @staticmethod
    def _timed_first(hits: list[Hit]) -> Hit:
        """A "when" question is answered by the closest task that states a time, if one is
        nearly as close as the best match."""
        for hit in hits:
            if hit.score < TIMED_RATIO * hits[0].score:
                break
            record = hit.entry.record
            if isinstance(record, TaskRecord) and record.deadline is not None:
                return hit
        return hits[0]

    @staticmethod
    def _counts(question: Question) -> bool:
        keys = " ".join(question.keys)
        return "bao nhieu" in keys or any(
            f"may {noun}" in keys for noun in ("mo hinh", "ban", "viec", "lan", "noi dung"))

    def _time_line(self, record: TaskRecord) -> str:
        deadline = record.deadline
        if deadline is None or (deadline.kind is DeadlineKind.NONE and not record.task.deadline):
            return texts.NO_DEADLINE
        if deadline.kind is DeadlineKind.RANGE:
            return texts.FACT_TIME.format(phrase=deadline.phrase)
        if deadline.kind in (DeadlineKind.ONGOING, DeadlineKind.RECURRING):
            return texts.ONGOING.format(phrase=deadline.phrase)
        return texts.DEADLINE_LINE.format(phrase=deadline.phrase)

    def _describe_task(self, draft: _Draft, record: TaskRecord, terms: QueryTerms,
                       question: Question, *, with_text: bool) -> None:
        task = record.task
        draft.lines.append(task.summary)
        if with_text:
            draft.lines.extend(best_sentences(task.text, terms, self.lexicon))
        draft.lines.append(self._time_line(record))
        leads = [self.kb.unit_name(a.unit) for a in task.units if a.role is Role.LEAD]
        supports = [self.kb.unit_name(a.unit) for a in task.units if a.role is Role.SUPPORT]
        if leads:
            draft.lines.append(texts.UNITS_LINE.format(units="; ".join(leads)))
        if supports:
            draft.lines.append(texts.SUPPORT_LINE.format(units="; ".join(supports)))
        if task.reports_to_text:
            draft.lines.append(texts.REPORTS_TO_LINE.format(target=task.reports_to_text))
        citation = Citation(record.plan, record.section_ref, task.summary)
        draft.lines.append(citation.sentence())
        draft.cite(citation)

    def _related_times(self, draft: _Draft, record: TaskRecord, best: Hit, others: list[Hit],
                       question: Question) -> None:
        """Closely matching tasks with a different time: shown with their sections."""
        same_plan: list[TaskRecord] = []
        other_plans: list[TaskRecord] = []
        shown = {record.task.deadline}
        for hit in others:
            other = hit.entry.record
            if not isinstance(other, TaskRecord) or other.deadline is None:
                continue
            if other.task.deadline in shown:
                continue
            if other.plan.id == record.plan.id and hit.score >= RELATED_RATIO * best.score:
                same_plan.append(other)
            elif (other.plan.id != record.plan.id and question.plans is None
                  and hit.score >= OTHER_PLAN_RATIO * best.score):
                other_plans.append(other)
            else:
                continue
            shown.add(other.task.deadline)
            if len(same_plan) + len(other_plans) >= MAX_RELATED:
                break
        for title, group in ((texts.RELATED_TIMES, same_plan), (texts.OTHER_PLANS, other_plans)):
            if not group:
                continue
            draft.lines.append(title)
            for other in group:
                citation = Citation(other.plan, other.section_ref, other.task.summary)
                draft.lines.append(texts.RELATED_ITEM.format(
                    summary=other.task.summary, phrase=other.task.deadline,
                    citation=citation.short()))
                draft.cite(citation)

    # -- facts --------------------------------------------------------------------------

    def _fact(self, question: Question) -> Answer:
        terms, hits = self._search(question, None)
        if not hits or hits[0].coverage < MIN_COVERAGE:
            return self._not_sure(question, hits)
        entry = hits[0].entry
        record = entry.record
        draft = _Draft()
        if isinstance(record, TaskRecord):
            self._describe_task(draft, record, terms, question, with_text=True)
        elif isinstance(record, OutlineRecord):
            self._describe_outline_section(draft, record)
        elif isinstance(record, TopicRecord):
            self._describe_topic(draft, record)
        else:
            self._describe_paragraph(draft, entry, record, terms)
        return draft.done(Intent.FACT)

    def _describe_topic(self, draft: _Draft, record: TopicRecord) -> None:
        topic = record.topic
        draft.lines.append(texts.TOPIC_LINE.format(period=topic.period, title=topic.title))
        if topic.deadline:
            draft.lines.append(texts.DEADLINE_LINE.format(phrase=topic.deadline))
        citation = Citation(record.plan, topic.section)
        draft.lines.append(citation.sentence())
        draft.cite(citation)

    def _describe_paragraph(self, draft: _Draft, entry: Entry, record: ParagraphRecord | object,
                            terms: QueryTerms) -> None:
        assert isinstance(record, ParagraphRecord)
        draft.lines.extend(best_sentences(record.text, terms, self.lexicon))
        citation = Citation(entry.plan, record.section_ref)
        draft.lines.append(citation.sentence())
        draft.cite(citation)

    # -- plan identity ------------------------------------------------------------------

    def _signer(self, question: Question) -> Answer:
        draft = _Draft()
        for plan in self._plans(question):
            if plan.signer is None:
                draft.lines.append(texts.SIGNER_UNKNOWN.format(plan=plan_name(plan)))
            else:
                on_behalf = (texts.SIGNER_ON_BEHALF.format(on_behalf=plan.signer.on_behalf_of)
                             if plan.signer.on_behalf_of else "")
                draft.lines.append(texts.SIGNER.format(
                    plan=plan_name(plan), name=plan.signer.name,
                    position=plan.signer.position.lower(), on_behalf=on_behalf))
            draft.cite(Citation(plan))
        return draft.done(Intent.SIGNER)

    def _issued(self, question: Question) -> Answer:
        draft = _Draft()
        for plan in self._plans(question):
            if plan.date is None:
                draft.lines.append(texts.ISSUED_UNKNOWN.format(plan=plan_name(plan)))
            else:
                place = f" tại {plan.place}" if plan.place else ""
                draft.lines.append(texts.ISSUED_ON.format(plan=plan_name(plan),
                                                          date=_date(plan.date), place=place))
            draft.cite(Citation(plan))
        return draft.done(Intent.ISSUED)

    def _basis(self, question: Question) -> Answer:
        draft = _Draft()
        for plan in self._plans(question):
            documents = {d.id: d for d in plan.documents}
            if not plan.implements:
                draft.lines.append(texts.BASIS_NONE.format(plan=plan_name(plan)))
            else:
                draft.lines.append(texts.BASIS_TITLE.format(plan=plan_name(plan)))
            for doc_id in plan.implements:
                doc = documents[doc_id]
                parts = [f"- {doc.kind} số {doc.number}" if doc.number else f"- {doc.kind}"]
                if doc.date:
                    parts.append(f"ngày {_date(doc.date)}")
                if doc.issuer:
                    parts.append(f"của {doc.issuer}")
                line = " ".join(parts)
                draft.lines.append(f"{line}: {doc.title}" if doc.title else line)
            draft.cite(Citation(plan))
        return draft.done(Intent.BASIS)

    # -- outlines -----------------------------------------------------------------------

    def _outline(self, question: Question) -> Answer:
        outlines = [(p, o) for p in self._plans(question) for o in p.outlines]
        if not outlines:
            plans = self._plans(question)
            having = [plan_name(p) for p in self.kb.plans if p.outlines]
            if len(plans) == 1 and having:
                text = texts.NO_OUTLINE.format(plan=plan_name(plans[0]),
                                               outlines="; ".join(having))
                return self._refuse(text)
            return self._refuse()
        records = [r for plan in self._plans(question)
                   for r in self._outline_records.get(plan.id, ())]
        chosen = self._outline_by_number(question, records)
        if chosen is None:
            chosen = self._outline_by_words(question, records)
        draft = _Draft()
        if chosen is None:
            plan, outline = outlines[0]
            self._describe_outline(draft, plan, outline)
        else:
            self._describe_outline_section(draft, chosen)
        return draft.done(Intent.OUTLINE)

    @staticmethod
    def _outline_by_number(question: Question, records: list[OutlineRecord]
                           ) -> OutlineRecord | None:
        if not question.section_refs:
            return None
        wanted = [ref.upper() if not ref.isdigit() else ref for ref in question.section_refs]
        for record in records:
            if [n.upper() for n in record.path[-len(wanted):]] == wanted:
                return record
        return None

    def _outline_by_words(self, question: Question, records: list[OutlineRecord]
                          ) -> OutlineRecord | None:
        """The outline section the question's own words point at, if they point anywhere."""
        terms = self._terms(question)
        title_words: set[str] = set()
        for plan_id in {r.plan.id for r in records}:
            title_words |= self._outline_title_words[plan_id]
        specific = [t for t in terms.terms
                    if not set(t[0].split()) & OUTLINE_WORDS
                    and any(part not in title_words for part in t[0].split())]
        if not specific:
            return None
        specific_terms = QueryTerms(tuple(specific), sum(t[2] for t in specific), terms.unknown)
        hits = self.index.search(specific_terms, kinds=[EntryKind.OUTLINE],
                                 plans={r.plan.id for r in records}, limit=3)
        if not hits or hits[0].coverage < MIN_COVERAGE:
            return None
        found = hits[0].entry.record
        return found if isinstance(found, OutlineRecord) else None

    def _describe_outline(self, draft: _Draft, plan: Plan, outline: Outline) -> None:
        draft.lines.append(texts.OUTLINE_PARTS.format(title=outline.title,
                                                      count=len(outline.sections)))
        for section in outline.sections:
            draft.lines.append(f"{section.number}. {heading(section.title)}")
        citation = Citation(plan, None, outline.title)
        draft.lines.append(citation.sentence())
        draft.cite(citation)

    def _describe_outline_section(self, draft: _Draft, record: OutlineRecord) -> None:
        section: OutlineSection = record.section
        name = record.outline.title
        if section.sections:
            draft.lines.append(texts.OUTLINE_SECTION.format(
                ref=record.ref, title=heading(section.title), outline=name))
            draft.lines.extend(f"{child.number}. {heading(child.title)}"
                               for child in section.sections)
        elif section.items:
            draft.lines.append(texts.OUTLINE_SECTION_ITEMS.format(
                ref=record.ref, title=heading(section.title), outline=name))
        else:
            draft.lines.append(texts.OUTLINE_SECTION_EMPTY.format(
                ref=record.ref, title=heading(section.title), outline=name))
        draft.lines.extend(f"- {item}" for item in section.items)
        citation = Citation(record.plan, f"{record.ref} của đề cương", section.title)
        draft.lines.append(citation.sentence())
        draft.cite(citation)

    # -- units --------------------------------------------------------------------------

    def _unit(self, question: Question) -> Answer:
        window = question.window if question.window and question.window.kind != "year" else None
        by_unit: dict[str, list[TaskRecord]] = {}
        for unit_id in question.units:
            tasks = self._tasks_of_unit.get(unit_id, [])
            if tasks:
                by_unit[unit_id] = tasks
        if not by_unit:
            return self._fact(question)
        draft = _Draft()
        for unit_id, tasks in list(by_unit.items())[:MAX_UNITS]:
            unit = self.kb.units[unit_id].name
            plan = tasks[0].plan
            if window is not None:
                tasks = [t for t in tasks if t.deadline and t.deadline.end
                         and window.contains(t.deadline.end)]
                if not tasks:
                    draft.lines.append(texts.UNIT_NO_TASKS_WINDOW.format(
                        unit=unit, window=window_name(window)))
                    continue
                draft.lines.append(texts.UNIT_TASKS_WINDOW.format(unit=unit,
                                                                  window=window_name(window)))
            else:
                draft.lines.append(texts.UNIT_TASKS.format(unit=unit, count=len(tasks),
                                                           plan=plan_name(plan)))
            ordered = sorted(tasks, key=_by_due_date)
            for record in ordered[:MAX_UNIT_TASKS]:
                draft.lines.append(self._task_item(record))
                draft.cite(Citation(record.plan, record.section_ref, record.task.summary))
            if len(ordered) > MAX_UNIT_TASKS:
                draft.lines.append(texts.MORE_ITEMS.format(count=len(ordered) - MAX_UNIT_TASKS))
            draft.lines.append(texts.CITATION_NO_SECTION.format(document=plan_name(plan)))
        if not draft.citations:
            return Answer(True, "\n".join(draft.lines), intent=Intent.UNIT.value)
        return draft.done(Intent.UNIT)

    @staticmethod
    def _task_item(record: TaskRecord) -> str:
        if record.task.deadline:
            return texts.TASK_ITEM.format(summary=record.task.summary, when=record.task.deadline,
                                          section=record.section_ref)
        return texts.TASK_ITEM_NO_TIME.format(summary=record.task.summary,
                                              section=record.section_ref)

    # -- what is due --------------------------------------------------------------------

    def _upcoming(self, question: Question) -> Answer:
        window = question.window
        assert window is not None
        terms = self._terms(question)
        if terms.unknown:
            return self._refuse()
        allowed = self._matching_tasks(terms, question) if terms.mass > 0 else None

        def wanted(record: TaskRecord) -> bool:
            return ((question.plans is None or record.plan.id in question.plans)
                    and (allowed is None or record.key in allowed))

        first = bisect_left(self._dated_ends, window.start)
        after = bisect_right(self._dated_ends, window.end)
        in_window = [t for t in self._dated_tasks[first:after] if wanted(t)]
        draft = _Draft()
        today = _date(question.today)
        name = window_name(window)
        if not in_window:
            draft.lines.append(texts.UPCOMING_NONE.format(window=name, today=today))
            nxt = next((t for t in self._dated_tasks[after:] if wanted(t)), None)
            if nxt is not None:
                citation = Citation(nxt.plan, nxt.section_ref, nxt.task.summary)
                draft.lines.append(texts.UPCOMING_NEXT.format(
                    when=nxt.task.deadline, summary=nxt.task.summary, citation=citation.short()))
                draft.cite(citation)
            else:
                draft.lines.append(texts.UPCOMING_NOTHING_AFTER)
            return Answer(True, "\n".join(draft.lines), tuple(draft.citations),
                          intent=Intent.UPCOMING.value)
        draft.lines.append(texts.UPCOMING_TITLE.format(window=name, today=today))
        for record in in_window[:MAX_UPCOMING]:
            citation = Citation(record.plan, record.section_ref, record.task.summary)
            draft.lines.append(texts.UPCOMING_ITEM.format(
                when=record.task.deadline, summary=record.task.summary, citation=citation.short()))
            draft.cite(citation)
        if len(in_window) > MAX_UPCOMING:
            draft.lines.append(texts.MORE_ITEMS.format(count=len(in_window) - MAX_UPCOMING))
        return draft.done(Intent.UPCOMING)

    def _matching_tasks(self, terms: QueryTerms, question: Question) -> set[str]:
        entries = self.index.covering(terms, CONTENT_FILTER, kinds=[EntryKind.TASK],
                                      plans=question.plans)
        return {e.record.key for e in entries if isinstance(e.record, TaskRecord)}


def _end(record: TaskRecord) -> dt.date:
    assert record.deadline is not None and record.deadline.end is not None
    return record.deadline.end


def _by_due_date(record: TaskRecord) -> tuple[int, dt.date, str]:
    if record.deadline is None or record.deadline.end is None:
        return (1, dt.date.max, record.section_ref)
    return (0, record.deadline.end, record.section_ref)
