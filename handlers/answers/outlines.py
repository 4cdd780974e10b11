"""Answers about report outlines (đề cương): the parts of one, or what one section asks for."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from handlers.answers.constraints import Constraint, Kind
from handlers.answers.draft import Answer, Draft, heading, refusal
from handlers.answers.question import Intent, Question
from handlers.answers.refusals import near_miss
from handlers.answers.selection import of_sources
from handlers.citations import Citation, plan_name
from handlers.texts import answers as texts
from knowledge.index import Entry, EntryKind, QueryTerms, SearchIndex
from knowledge.loader import KnowledgeBase, OutlineRecord
from knowledge.schema import Outline, OutlineSection, Plan
from knowledge.textnorm import Token

MIN_COVERAGE = 0.5
COVERAGE_MARGIN = 0.15  # this much more of the question explained outweighs a title match
NAMED_WORDS = 3  # "phần kiểm tra, giám sát": the words after "phần" that name a section
_PART_WORDS = frozenset({"phan", "muc", "doan"})
TITLE_CHARS = 80  # an item is named by its opening words, as a title is
_ENDS = frozenset({"cuoi", "dau"})  # "phần cuối", "mục đầu tiên"
# Words that say "a part of the outline" rather than which part.
OUTLINE_WORDS = frozenset({"muc", "phan", "doan", "cuong", "noi", "dung", "yeu", "cau"})


@dataclass(frozen=True)
class SectionWords:
    title: list[str]
    items: list[list[str]]


# What a section fails of what the question states (``Checker.failure``), or None.
Check = Callable[[list[Constraint], Entry], Constraint | None]


class OutlineAnswers:
    def __init__(self, kb: KnowledgeBase, index: SearchIndex, check: Check | None = None) -> None:
        self.kb = kb
        self.index = index
        self.check = check
        self._records: dict[str, list[OutlineRecord]] = {}
        for record in kb.outline_sections:
            self._records.setdefault(record.plan.id, []).append(record)
        self._entries = {id(e.record): e for e in index.entries if e.kind is EntryKind.OUTLINE}
        self._named_words: dict[int, SectionWords] = {}
        # Words that name an outline as a whole: they do not point at one of its sections.
        self._title_words: dict[str, set[str]] = {
            plan.id: {token.key for outline in plan.outlines for token in index.lexicon.normalize(
                f"{outline.title} đề cương báo cáo {plan.locality} {plan.issuer_short}")}
            for plan in kb.plans
        }

    def answer(self, question: Question, plans: Sequence[Plan]) -> Answer:
        outlines = [(p, o) for p in plans for o in p.outlines]
        if not outlines:
            having = [plan_name(p) for p in self.kb.plans if p.outlines]
            if len(plans) == 1 and having:
                return refusal(self.kb.plans, texts.NO_OUTLINE.format(
                    plan=plan_name(plans[0]), outlines="; ".join(having)))
            return refusal(self.kb.plans)
        records = [r for plan in plans for r in self._records.get(plan.id, ())]
        chosen = _by_number(question, records) or self._by_words(question, records)
        failed = self._failure(question, [chosen] if chosen else records)
        if failed is not None:
            return near_miss(self.kb, failed, self._entries.get(id(chosen)) if chosen else None)
        draft = Draft()
        if chosen is None:
            plan, outline = outlines[0]
            _describe_outline(draft, plan, outline)
        else:
            describe_section(draft, chosen)
        return draft.done(Intent.OUTLINE)

    def _failure(self, question: Question, records: list[OutlineRecord]) -> Constraint | None:
        """What the question states that no section answered from holds ("lần thứ XV" where
        the outline names the Đại hội lần thứ XIV; "sơ kết 5 năm" where it is 03 năm)."""
        if self.check is None or not records:
            return None
        wanted = of_sources(question.constraints)
        if len(records) == 1 and (records[0].section.sections or records[0].section.items):
            # "Phần IV đề cương gồm mấy ý": its parts, listed, are counted by the reader
            wanted = [c for c in wanted if not _counts_parts(c)]
        failed = None
        for record in records:
            entry = self._entries.get(id(record))
            if entry is None:
                continue
            failed = self.check(wanted, entry)
            if failed is None:
                return None
        return failed

    def _spelling(self, words: tuple[str, ...], plan_ids: set[str]
                  ) -> tuple[list[OutlineRecord], list[OutlineRecord]]:
        """The sections of ``plan_ids`` whose title, and those whose items, spell ``words``,
        read until two are found (one is an answer, two are a doubt), among the few whose
        text holds every word (the search index's postings), not every part of every plan."""
        titled: list[OutlineRecord] = []
        holding: list[OutlineRecord] = []
        for entry in self.index.holding_all(words, EntryKind.OUTLINE):
            record = entry.record
            if not isinstance(record, OutlineRecord) or record.plan.id not in plan_ids:
                continue
            section = self._section_words(record)
            if len(titled) < 2 and _spells(section.title, words):
                titled.append(record)
            if len(holding) < 2 and any(_spells(item, words) for item in section.items):
                holding.append(record)
            if len(titled) == 2 or len(holding) == 2:
                break  # named in two places: a doubt, whatever else names it
        return titled, holding

    def _section_words(self, record: OutlineRecord) -> SectionWords:
        """A section's title and its items' opening words, without stopwords (kept: the same
        sections are named again and again)."""
        words = self._named_words.get(id(record))
        if words is None:
            def keys(text: str) -> list[str]:
                return [t.key for t in self.index.lexicon.normalize(text)
                        if not self.index.is_stopword(t)]
            words = SectionWords(keys(record.section.title), [
                keys(item.split("\n")[0][:TITLE_CHARS]) for item in record.section.items])
            self._named_words[id(record)] = words
        return words

    def _by_words(self, question: Question, records: list[OutlineRecord]
                  ) -> OutlineRecord | None:
        """The outline section the question's own words point at, if they point anywhere."""
        terms = self.index.terms(question.content)
        title_words: set[str] = set()
        plan_ids = {r.plan.id for r in records}
        for plan_id in plan_ids:
            title_words |= self._title_words[plan_id]
        specific = [t for t in terms.terms
                    if not set(t[0].split()) & OUTLINE_WORDS
                    and any(part not in title_words for part in t[0].split())]
        if not specific:
            return None
        specific_terms = QueryTerms(tuple(specific), sum(t[2] for t in specific), terms.unknown)
        hits = self.index.search(specific_terms, kinds=[EntryKind.OUTLINE],
                                 plans={r.plan.id for r in records}, limit=3)
        if not hits:
            return None
        named = _named_section(question, plan_ids, self._spelling, self.index.is_stopword)
        if named is not None:  # "phần công tác lãnh đạo, chỉ đạo": the section so titled
            return named
        # A title that shares a word or two ("đánh giá", "lãnh đạo" recur in many) does not
        # beat a section whose items explain clearly more of the question.
        best = max(hits, key=lambda h: h.coverage)
        if best.coverage - hits[0].coverage < COVERAGE_MARGIN:
            best = hits[0]
        if best.coverage < MIN_COVERAGE:
            return None
        found = best.entry.record
        return found if isinstance(found, OutlineRecord) else None


def _spells(title: list[str], words: tuple[str, ...]) -> bool:
    """``words`` stand together in ``title`` (both without their stopwords)."""
    size = len(words)
    return any(tuple(title[i : i + size]) == words for i in range(len(title) - size + 1))


def _named_section(question: Question, plan_ids: set[str],
                   spelling: Callable[[tuple[str, ...], set[str]],
                                      tuple[list[OutlineRecord], list[OutlineRecord]]],
                   index_stop: Callable[[Token], bool]) -> OutlineRecord | None:
    """The section whose title the words after "phần" or "mục" begin to spell, when one
    does: "phần công tác lãnh đạo, chỉ đạo" names "Công tác lãnh đạo, chỉ đạo thực hiện"."""
    keys = question.keys
    for index, key in enumerate(keys[:-NAMED_WORDS]):
        if key not in _PART_WORDS:
            continue
        named = tuple([t.key for t in question.tokens[index + 1 :]
                       if not index_stop(t)][:NAMED_WORDS])  # "đoạn về tuyên truyền tư tưởng"
        if len(named) < NAMED_WORDS:
            continue
        titled, holding = spelling(named, plan_ids)
        if len(titled) == 1:
            return titled[0]
        # "phần xây dựng và tổ chức thực hiện kế hoạch làm theo Bác": an item's opening words
        if len(holding) == 1:
            return holding[0]
    return None


def _by_number(question: Question, records: list[OutlineRecord]) -> OutlineRecord | None:
    keys = question.keys
    for index, key in enumerate(keys[:-1]):
        if key in _PART_WORDS and keys[index + 1] in _ENDS:
            # "mục cuối cùng", "phần đầu tiên": the outline's last (or first) main part
            tops = [r for r in records if len(r.path) == 1]
            if tops:
                return tops[-1] if keys[index + 1] == "cuoi" else tops[0]
    if not question.section_refs:
        return None
    wanted = [ref.upper() if not ref.isdigit() else ref for ref in question.section_refs]
    # "phần II mục 4" and "mục 4 phần II" both name II.4.
    for order in (wanted, wanted[::-1]):
        for record in records:
            if [n.upper() for n in record.path[-len(order):]] == order:
                return record
    return None


def _describe_outline(draft: Draft, plan: Plan, outline: Outline) -> None:
    draft.lines.append(texts.OUTLINE_PARTS.format(title=outline.title,
                                                  count=len(outline.sections)))
    for section in outline.sections:
        draft.lines.append(f"{section.number}. {heading(section.title)}")
    citation = Citation(plan, None, outline.title)
    draft.lines.append(citation.sentence())
    draft.cite(citation)


def describe_section(draft: Draft, record: OutlineRecord) -> None:
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


_PART_NOUNS = frozenset({"y", "phan", "muc", "noi", "diem"})  # the first word of the noun


def _counts_parts(constraint: Constraint) -> bool:
    """"mấy ý", "mấy phần", "mấy mục": how many parts a section has, not a count it states."""
    return (constraint.kind is Kind.ASKED and constraint.value == "count"
            and bool(constraint.head) and constraint.head[0] in _PART_NOUNS)
