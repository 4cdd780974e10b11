"""Questions that ask for each of several duties in turn ("các chuyên đề theo từng quý lần lượt
là gì"): when the closest matches are equally close and several of them are the tasks of one
section, that section's tasks are told one after another, each with its time and citation;
one of them alone would be no answer.
"""

from __future__ import annotations

from collections import Counter

from handlers.answers.checks import Checker
from handlers.answers.constraints import Constraint
from handlers.answers.describe import time_line
from handlers.answers.draft import Answer, Draft
from handlers.answers.phrases import any_of
from handlers.answers.question import Intent, Question
from handlers.answers.selection import of_sources
from handlers.citations import Citation
from handlers.texts import answers as texts
from knowledge.index import Hit
from knowledge.lexicon import Phrase
from knowledge.loader import KnowledgeBase, TaskRecord

TIE = 1e-6  # scores this close are one score
MAX_EACH = 6  # a section with more tasks than this is no list to give in one answer


def each_in_turn(kb: KnowledgeBase, checker: Checker, question: Question, hits: list[Hit],
                 cues: tuple[Phrase, ...]) -> Answer | None:
    """The tasks of the section most of the tied closest matches come from, in the plan's
    order, when the question asks for each and every one of them holds what it states."""
    if not hits or any_of(question.keys, cues) is None:
        return None
    wanted: list[Constraint] = of_sources(question.constraints)
    top = hits[0].score
    tied = [h.entry.record for h in hits if top - h.score <= TIE
            and isinstance(h.entry.record, TaskRecord)
            and checker.failure(wanted, h.entry) is None]
    sections = Counter((r.plan.id, r.section_ref) for r in tied)
    if not sections:
        return None
    (plan_id, section), count = sections.most_common(1)[0]
    if count < 2:
        return None
    tasks = [r for r in kb.tasks if r.plan.id == plan_id and r.section_ref == section]
    if len(tasks) > MAX_EACH:
        return None
    draft = Draft()
    for record in tasks:
        draft.lines.append(texts.EACH_ITEM.format(summary=record.task.summary.rstrip(".")))
        if record.task.text != record.task.summary:
            draft.lines.append(texts.UNIT_TASK_TEXT.format(text=record.task.text))
        if record.task.deadline:
            draft.lines.append(f"  {time_line(record)}")
        draft.cite(Citation(record.plan, record.section_ref, record.task.summary))
    draft.lines.append(texts.CITATION.format(document=Citation(tasks[0].plan).document,
                                             section=section))
    return draft.done(Intent.FACT)
