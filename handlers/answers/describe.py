"""How a source is told: a task's time, duty, units and sections; a topic; a paragraph.

The first line is the answer: for a "when" question the time as the plan phrases it, for a
"who" question the units, for any other the plan's own sentences. The citation follows, with
every section that states the duty (a report asked for in mục II.1.1 and again in mục III.2).
"""

from __future__ import annotations

from handlers.answers.draft import Draft
from handlers.answers.passages import best_sentences, dated_part, sentences
from handlers.answers.phrases import has
from handlers.citations import Citation
from handlers.texts import answers as texts
from knowledge.index import QueryTerms, TopicRecord, paragraph_label
from knowledge.lexicon import Lexicon
from knowledge.loader import KnowledgeBase, ParagraphRecord, TaskRecord
from knowledge.schema import DeadlineKind, Role


def time_line(record: TaskRecord) -> str:
    deadline = record.deadline
    if deadline is None or (deadline.kind is DeadlineKind.NONE and not record.task.deadline):
        return texts.NO_DEADLINE
    if deadline.kind is DeadlineKind.RANGE:
        return texts.FACT_TIME.format(phrase=deadline.phrase)
    if deadline.kind in (DeadlineKind.ONGOING, DeadlineKind.RECURRING):
        return texts.ONGOING.format(phrase=deadline.phrase)
    return texts.DEADLINE_LINE.format(phrase=deadline.phrase)


def sections_of(kb: KnowledgeBase, record: TaskRecord) -> tuple[str, ...]:
    """Every section that states the task's duty, the task's own first."""
    obligation = kb.obligation_of(record)
    if obligation is None:
        return (record.section_ref,)
    return (record.section_ref, *(s for s in obligation.sections if s != record.section_ref))


def cite_task(draft: Draft, kb: KnowledgeBase, record: TaskRecord) -> str:
    """Cite every section of the task's duty; the citation sentence."""
    sections = sections_of(kb, record)
    for section in sections:
        draft.cite(Citation(record.plan, section, record.task.summary))
    return texts.CITATION.format(document=Citation(record.plan).document,
                                 section=texts.SECTIONS_JOIN.join(sections))


def short_citation(kb: KnowledgeBase, record: TaskRecord) -> str:
    document = Citation(record.plan).document
    return f"{document}, mục {texts.SECTIONS_JOIN.join(sections_of(kb, record))}"


class Teller:
    """Writes the lines that tell a source."""

    def __init__(self, kb: KnowledgeBase, lexicon: Lexicon) -> None:
        self.kb = kb
        self.lexicon = lexicon
        self._sections: dict[tuple[str, str], list[ParagraphRecord]] | None = None

    def unit_lines(self, record: TaskRecord) -> list[str]:
        task = record.task
        leads = [self.kb.unit_name(a.unit) for a in task.units if a.role is Role.LEAD]
        supports = [self.kb.unit_name(a.unit) for a in task.units if a.role is Role.SUPPORT]
        lines = []
        if leads:
            lines.append(texts.UNITS_LINE.format(units="; ".join(leads)))
        if supports:
            lines.append(texts.SUPPORT_LINE.format(units="; ".join(supports)))
        if task.reports_to_text:
            lines.append(texts.REPORTS_TO_LINE.format(target=task.reports_to_text))
        return lines

    def deadline(self, draft: Draft, record: TaskRecord, terms: QueryTerms, *,
                 with_text: bool) -> None:
        """A "when" answer: the time first, then the duty, its units and its sections."""
        draft.lines.append(time_line(record))
        draft.lines.append(texts.TASK_LINE.format(summary=record.task.summary.rstrip(".")))
        if with_text:
            draft.lines.extend(s for s in best_sentences(record.task.text, terms, self.lexicon)
                               if s != record.task.summary)
        draft.lines.extend(self.unit_lines(record))
        draft.lines.append(cite_task(draft, self.kb, record))

    def condition(self, draft: Draft, record: TaskRecord, terms: QueryTerms,
                  words: set[tuple[str, ...]]) -> bool:
        """The task's sentence saying before or after what ("trước khi tổ chức thực hiện"),
        then the duty; False when it says none."""
        said = [s for s in sentences(record.task.text)
                if any(has(tuple(t.key for t in self.lexicon.normalize(s)), w) for w in words)]
        if not said:
            return False
        draft.lines.extend(best_sentences(" ".join(said), terms, self.lexicon, limit=1))
        draft.lines.append(texts.TASK_LINE.format(summary=record.task.summary.rstrip(".")))
        draft.lines.extend(self.unit_lines(record))
        if record.task.deadline:
            draft.lines.append(time_line(record))
        draft.lines.append(cite_task(draft, self.kb, record))
        return True

    def fact(self, draft: Draft, record: TaskRecord, terms: QueryTerms, *, who: bool) -> None:
        """Any other question on a task: the plan's sentences (or its units) first."""
        units = self.unit_lines(record)
        sentences = best_sentences(record.task.text, terms, self.lexicon)
        if who:
            draft.lines.extend(units)
            draft.lines.append(texts.TASK_LINE.format(summary=record.task.summary.rstrip(".")))
            draft.lines.extend(sentences)
        else:
            draft.lines.extend(sentences)
            draft.lines.append(texts.TASK_LINE.format(summary=record.task.summary.rstrip(".")))
            draft.lines.extend(units)
        if record.task.deadline:
            draft.lines.append(time_line(record))
        draft.lines.append(cite_task(draft, self.kb, record))

    def paragraph(self, draft: Draft, record: ParagraphRecord, terms: QueryTerms, *,
                  when: bool = False) -> bool:
        """The paragraph's best sentences; for a "when" question, only the part of each that
        dates what is asked (False when none does)."""
        chosen = best_sentences(record.text, terms, self.lexicon)
        items = self._listed_after(record) if not when else []
        if items:  # "Hình thức: … phù hợp:" and the paragraphs that list them
            chosen = [record.text, *(texts.LIST_ITEM.format(item=" ".join(
                best_sentences(item, terms, self.lexicon))) for item in items)]
        if when:
            parts = (dated_part(s, terms, self.lexicon) for s in chosen)
            chosen = [p for p in parts if p is not None]
            if not chosen:
                return False
        draft.lines.extend(chosen)
        citation = Citation(record.plan, record.section_ref)
        draft.lines.append(citation.sentence())
        draft.cite(citation)
        return True

    def _listed_after(self, record: ParagraphRecord) -> list[str]:
        """The paragraphs a lead-in paragraph (ending in a colon) introduces: those after it
        in its section, up to the next labelled one ("Nội dung: …")."""
        if not record.text.rstrip().endswith(":"):
            return []
        if self._sections is None:
            self._sections = {}
            for para in self.kb.paragraphs:
                self._sections.setdefault((para.plan.id, para.section_ref), []).append(para)
        siblings = self._sections.get((record.plan.id, record.section_ref), [])
        following = siblings[next((i for i, p in enumerate(siblings) if p is record),
                                  len(siblings)) + 1:]
        items = []
        for para in following:
            if paragraph_label(para.text) or para.text.rstrip().endswith(":"):
                break
            items.append(para.text)
        return items


def describe_topic(draft: Draft, record: TopicRecord) -> None:
    topic = record.topic
    draft.lines.append(texts.TOPIC_LINE.format(period=topic.period, title=topic.title))
    if topic.deadline:
        draft.lines.append(texts.DEADLINE_LINE.format(phrase=topic.deadline))
    citation = Citation(record.plan, topic.section)
    draft.lines.append(citation.sentence())
    draft.cite(citation)
