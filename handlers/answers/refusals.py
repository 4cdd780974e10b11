"""Saying plainly what the plans do not hold, and, marked as not the answer, what they say
nearby (``"answered": false``)."""

from __future__ import annotations

from collections.abc import Sequence

from handlers.answers.constraints import Constraint, Kind
from handlers.answers.describe import short_citation
from handlers.answers.draft import Answer
from handlers.citations import Citation, plan_name
from handlers.texts import answers as texts
from knowledge.index import Entry, TopicRecord
from knowledge.loader import KnowledgeBase, OutlineRecord, ParagraphRecord, TaskRecord
from knowledge.schema import Plan

_ASKED = {"money": texts.NOT_HELD_MONEY, "contact": texts.NOT_HELD_CONTACT,
          "place": texts.NOT_HELD_PLACE, "start": texts.NOT_HELD_START,
          "frequency": texts.NOT_HELD_FREQUENCY, "duration": texts.NOT_HELD_DURATION,
          "outcome": texts.NOT_HELD_OUTCOME, "sanction": texts.NOT_HELD_SANCTION,
          "form": texts.NOT_HELD_FORM}


def missing(constraint: Constraint | None) -> str:
    """The sentence that says what the plans do not hold."""
    if constraint is None:
        return texts.NOT_HELD_TIME
    kind, phrase = constraint.kind, constraint.phrase
    if kind is Kind.YEAR:
        return texts.NOT_HELD_YEAR.format(phrase=phrase)
    if kind is Kind.NAME:
        return texts.NOT_HELD_NAME.format(phrase=phrase)
    if kind is Kind.DOCUMENT:
        return texts.NOT_HELD_DOCUMENT.format(phrase=phrase)
    if kind is Kind.ASKED:
        if constraint.value == "count":
            return texts.NOT_HELD_COUNT.format(phrase=phrase)
        if constraint.value == "person":
            return texts.NOT_HELD_PERSON.format(position=phrase)
        return _ASKED.get(constraint.value, texts.NOT_HELD_PHRASE.format(phrase=phrase))
    return texts.NOT_HELD_PHRASE.format(phrase=phrase)


def nearby_line(kb: KnowledgeBase, entry: Entry) -> str | None:
    record = entry.record
    if isinstance(record, TaskRecord):
        citation = short_citation(kb, record)
        if record.task.deadline:
            return texts.NEARBY_ITEM.format(summary=record.task.summary,
                                            phrase=record.task.deadline, citation=citation)
        return texts.NEARBY_ITEM_NO_TIME.format(summary=record.task.summary, citation=citation)
    if isinstance(record, TopicRecord):
        citation = Citation(record.plan, record.topic.section).short()
        title = texts.TOPIC_LINE.format(period=record.topic.period, title=record.topic.title)
        return texts.NEARBY_ITEM_NO_TIME.format(summary=title, citation=citation)
    if isinstance(record, OutlineRecord):
        citation = Citation(record.plan, f"{record.ref} của đề cương").short()
        return texts.NEARBY_ITEM_NO_TIME.format(summary=record.section.title, citation=citation)
    if isinstance(record, ParagraphRecord):
        return None  # a paragraph is no one thing to point at
    return None


def not_held(first: str, nearby: Sequence[str] = ()) -> Answer:
    lines = [f"{first} {texts.NOT_HELD_TAIL}"]
    if nearby:
        lines.append(texts.NEARBY)
        lines.extend(nearby)
    return Answer(False, "\n".join(lines))


def near_miss(kb: KnowledgeBase, constraint: Constraint | None, entry: Entry | None) -> Answer:
    line = nearby_line(kb, entry) if entry is not None else None
    return not_held(missing(constraint), [line] if line else [])


def signer_nearby(plans: Sequence[Plan]) -> list[str]:
    return [texts.NEARBY_SIGNER.format(plan=plan_name(p), name=p.signer.name,
                                       position=p.signer.position)
            for p in plans if p.signer is not None]
