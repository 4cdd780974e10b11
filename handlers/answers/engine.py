"""The answer engine: a question in, a short cited Vietnamese answer (or an honest "not found").

It never composes a time of its own: every deadline it prints is the plan's phrase, taken from
the task the question matched, and only when the match explains enough of the question.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from handlers.answers import identity
from handlers.answers.draft import Answer, Draft, refusal
from handlers.answers.listing import Listing
from handlers.answers.outlines import OutlineAnswers, describe_section
from handlers.answers.passages import best_sentences
from handlers.answers.question import Intent, Question, QuestionReader
from handlers.citations import Citation, plans_overview
from handlers.texts import answers as texts
from knowledge.index import Entry, EntryKind, Hit, QueryTerms, SearchIndex, TopicRecord
from knowledge.lexicon import Lexicon
from knowledge.loader import KnowledgeBase, OutlineRecord, ParagraphRecord, TaskRecord
from knowledge.schema import DeadlineKind, Plan, Role

MIN_COVERAGE = 0.5  # share of the question a match must explain to be stated
SUGGEST_COVERAGE = 0.3  # below MIN_COVERAGE but above this: offer "Ý bạn là…?"
RELATED_RATIO = 0.85  # a second task this close to the best, with another time, is shown too
OTHER_PLAN_RATIO = 0.95
TIMED_RATIO = 0.9  # a task with a time this close to the best match answers "when" instead
UNIT_BONUS = 0.25
MAX_RELATED = 2
MAX_SUGGESTIONS = 3
_COUNTED = ("mo hinh", "ban", "viec", "lan", "noi dung")


class AnswerEngine:
    """Answers questions about the plans in one knowledge base."""

    def __init__(self, kb: KnowledgeBase, lexicon: Lexicon | None = None) -> None:
        self.kb = kb
        self.lexicon = lexicon or Lexicon.bundled()
        self.index = SearchIndex(kb, self.lexicon)
        self.reader = QuestionReader(kb, self.index)
        self.outlines = OutlineAnswers(kb, self.index)
        self.listing = Listing(kb, self.index)

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
        intent = question.intent
        if intent is Intent.SIGNER:
            return identity.signer(self._plans(question))
        if intent is Intent.ISSUED:
            return identity.issued(self._plans(question))
        if intent is Intent.BASIS:
            return identity.basis(self._plans(question))
        if intent is Intent.UPCOMING:
            return self.listing.upcoming(question)
        if intent is Intent.UNIT:
            return self.listing.unit(question) or self._fact(question)
        if intent is Intent.OUTLINE:
            return self.outlines.answer(question, self._plans(question))
        if intent is Intent.DEADLINE:
            return self._deadline(question)
        return self._fact(question)

    def _overview(self) -> str:
        return plans_overview(self.kb.plans)

    def _refuse(self, text: str | None = None, options: Iterable[str] = ()) -> Answer:
        return refusal(self.kb.plans, text, options)

    def _plans(self, question: Question) -> list[Plan]:
        if question.plans is None:
            return list(self.kb.plans)
        return [p for p in self.kb.plans if p.id in question.plans]

    def _search(self, question: Question, kinds: Iterable[EntryKind] | None,
                limit: int = 10) -> tuple[QueryTerms, list[Hit]]:
        terms = self.index.terms(question.content)
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
        best = _timed_first(hits)
        record = best.entry.record
        assert isinstance(record, TaskRecord)
        draft = Draft()
        self._describe_task(draft, record, terms, with_text=_counts(question))
        _related_times(draft, record, best, [h for h in hits if h is not best], question)
        return draft.done(Intent.DEADLINE)

    def _describe_task(self, draft: Draft, record: TaskRecord, terms: QueryTerms, *,
                       with_text: bool) -> None:
        task = record.task
        draft.lines.append(task.summary)
        if with_text:
            draft.lines.extend(best_sentences(task.text, terms, self.lexicon))
        draft.lines.append(_time_line(record))
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

    # -- facts --------------------------------------------------------------------------

    def _fact(self, question: Question) -> Answer:
        terms, hits = self._search(question, None)
        if not hits or hits[0].coverage < MIN_COVERAGE:
            return self._not_sure(question, hits)
        entry = hits[0].entry
        record = entry.record
        draft = Draft()
        if isinstance(record, TaskRecord):
            self._describe_task(draft, record, terms, with_text=True)
        elif isinstance(record, OutlineRecord):
            describe_section(draft, record)
        elif isinstance(record, TopicRecord):
            _describe_topic(draft, record)
        else:
            self._describe_paragraph(draft, entry, record, terms)
        return draft.done(Intent.FACT)

    def _describe_paragraph(self, draft: Draft, entry: Entry, record: ParagraphRecord | object,
                            terms: QueryTerms) -> None:
        assert isinstance(record, ParagraphRecord)
        draft.lines.extend(best_sentences(record.text, terms, self.lexicon))
        citation = Citation(entry.plan, record.section_ref)
        draft.lines.append(citation.sentence())
        draft.cite(citation)


def _timed_first(hits: list[Hit]) -> Hit:
    """A "when" question is answered by the closest task that states a time, if one is nearly
    as close as the best match."""
    for hit in hits:
        if hit.score < TIMED_RATIO * hits[0].score:
            break
        record = hit.entry.record
        if isinstance(record, TaskRecord) and record.deadline is not None:
            return hit
    return hits[0]


def _counts(question: Question) -> bool:
    keys = " ".join(question.keys)
    return "bao nhieu" in keys or any(f"may {noun}" in keys for noun in _COUNTED)


def _time_line(record: TaskRecord) -> str:
    deadline = record.deadline
    if deadline is None or (deadline.kind is DeadlineKind.NONE and not record.task.deadline):
        return texts.NO_DEADLINE
    if deadline.kind is DeadlineKind.RANGE:
        return texts.FACT_TIME.format(phrase=deadline.phrase)
    if deadline.kind in (DeadlineKind.ONGOING, DeadlineKind.RECURRING):
        return texts.ONGOING.format(phrase=deadline.phrase)
    return texts.DEADLINE_LINE.format(phrase=deadline.phrase)


def _describe_topic(draft: Draft, record: TopicRecord) -> None:
    topic = record.topic
    draft.lines.append(texts.TOPIC_LINE.format(period=topic.period, title=topic.title))
    if topic.deadline:
        draft.lines.append(texts.DEADLINE_LINE.format(phrase=topic.deadline))
    citation = Citation(record.plan, topic.section)
    draft.lines.append(citation.sentence())
    draft.cite(citation)


def _related_times(draft: Draft, record: TaskRecord, best: Hit, others: list[Hit],
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
