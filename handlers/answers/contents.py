"""Answers about how a plan itself is laid out: its parts ("KH 107 gồm mấy phần"), or the
sections of one part ("phần II KH 107 gồm những nội dung nào", "KH Sơn La phần nội dung thực
hiện gồm những mục nào"). A report outline (đề cương) is ``outlines.py``'s.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from handlers.answers.draft import Answer, Draft, heading
from handlers.answers.question import Intent, Question
from handlers.citations import Citation, plan_name
from handlers.texts import answers as texts
from knowledge.index import SearchIndex
from knowledge.loader import section_ref
from knowledge.schema import Plan, Section
from knowledge.textnorm import Token

MIN_TITLE_WORDS = 2  # a part named by its title: at least this many of its words
MAX_LISTED = 24  # a part's sections and theirs, listed together when they are this few
MAX_START = 4  # "phần nội dung …": how many words after "phần" may begin a part's title


def _order(path: tuple[str, ...]) -> tuple[tuple[int, str], ...]:
    """Document order of section numbers ("II", "3", "1"), numerals by value."""
    return tuple((int(n), "") if n.isdigit() else (0, n) for n in path)


def _begins(title: Sequence[Token], named: list[str]) -> bool:
    """The title's first words (at least ``MIN_TITLE_WORDS``) are the words named."""
    keys = [t.key for t in title]
    return len(keys) >= MIN_TITLE_WORDS and keys[:MIN_TITLE_WORDS] == named[:MIN_TITLE_WORDS]


def _walk(sections: Sequence[Section], numbers: tuple[str, ...] = ()
          ) -> Iterator[tuple[Section, tuple[str, ...]]]:
    for section in sections:
        path = (*numbers, section.number)
        yield section, path
        yield from _walk(section.sections, path)


def _title(section: Section) -> str:
    """A section's title; for one the plan leaves untitled, what its tasks are."""
    if section.title:
        return heading(section.title)
    return "; ".join(t.summary for t in section.tasks)


class PlanContents:
    def __init__(self, index: SearchIndex) -> None:
        self.index = index
        self._title_words: dict[int, frozenset[str]] = {}
        self._plan_words: dict[str, frozenset[str]] = {}

    def answer(self, question: Question, plans: Sequence[Plan]) -> Answer | None:
        """The parts of the one plan the question names, or of the part it names; None when
        it names no single plan, or a part that has no sections of its own."""
        if len(plans) != 1:
            return None
        plan = plans[0]
        found = (self._by_ref(plan, question.section_refs) or self._by_title(plan, question)
                 or self._by_title_start(plan, question))
        draft = Draft()
        if found is None:
            if question.section_refs or self._names_other(question, plan):
                return None
            draft.lines.append(texts.PLAN_PARTS.format(plan=plan_name(plan),
                                                       count=len(plan.sections)))
            draft.lines.extend(f"{s.number}. {heading(s.title)}" for s in plan.sections)
            citation = Citation(plan)
        else:
            section, path = found
            if not section.sections:
                return None
            ref = section_ref(path)
            template = texts.PLAN_SECTION_PARTS if len(path) == 1 else texts.PLAN_ITEM_PARTS
            draft.lines.append(template.format(ref=ref, title=heading(section.title),
                                               plan=plan_name(plan)))
            children = [(s, (*path, s.number)) for s in section.sections]
            deeper = [(c, (*p, c.number)) for s, p in children for c in s.sections]
            if len(children) + len(deeper) <= MAX_LISTED:  # the items of each part, too
                children = sorted([*children, *deeper], key=lambda item: _order(item[1]))
            draft.lines.extend(f"{section_ref(p)}. {_title(s)}" for s, p in children)
            citation = Citation(plan, ref, section.title)
        draft.lines.append(citation.sentence())
        draft.cite(citation)
        return draft.done(Intent.OUTLINE)

    @staticmethod
    def _by_ref(plan: Plan, refs: list[str]) -> tuple[Section, tuple[str, ...]] | None:
        if not refs:
            return None
        wanted = [r.upper() for r in refs]
        for section, path in _walk(plan.sections):
            if [n.upper() for n in path] == wanted:
                return section, path
        return None

    def _words(self, section: Section) -> frozenset[str]:
        words = self._title_words.get(id(section))
        if words is None:
            words = frozenset(t.key for t in self.index.lexicon.normalize(section.title)
                              if not self.index.is_stopword(t))
            self._title_words[id(section)] = words
        return words

    def _by_title(self, plan: Plan, question: Question
                  ) -> tuple[Section, tuple[str, ...]] | None:
        """The part whose title the question's words give in full ("phần nội dung thực
        hiện" is "II. NỘI DUNG THỰC HIỆN"), the one with the most words if several do."""
        # The question's words, cue words too ("gồm những nội dung thực hiện chính nào"),
        # but those naming the plan ("của BTV Tỉnh ủy Sơn La" names no part "Ban Thường vụ
        # Tỉnh ủy").
        asked = set(question.keys) - self._naming(plan)
        best: tuple[int, tuple[Section, tuple[str, ...]]] | None = None
        for section, path in _walk(plan.sections):
            words = self._words(section)
            if len(words) < MIN_TITLE_WORDS or not words <= asked:
                continue
            if best is None or len(words) > best[0]:
                best = (len(words), (section, path))
        return best[1] if best else None

    def _by_title_start(self, plan: Plan, question: Question
                        ) -> tuple[Section, tuple[str, ...]] | None:
        """"Phần nội dung của KH 107": the one main part whose title begins with the words
        after "phần" ("II. NỘI DUNG, HÌNH THỨC VÀ THỜI GIAN THỰC HIỆN")."""
        keys = question.keys
        for index, key in enumerate(keys):
            if key not in ("phan", "muc"):
                continue
            named = [t.key for t in question.tokens[index + 1 : index + 1 + MAX_START]
                     if t is not None]
            found = [(s, (s.number,)) for s in plan.sections
                     if _begins(self.index.lexicon.normalize(s.title), named)]
            if len(found) == 1:
                return found[0]
        return None

    def _naming(self, plan: Plan) -> frozenset[str]:
        """The words that name the plan itself (kept: asked of again and again)."""
        naming = self._plan_words.get(plan.id)
        if naming is None:
            naming = frozenset(t.key for t in self.index.lexicon.normalize(
                f"{plan.locality} {plan.issuer} {plan.number or ''} kế hoạch phần mục"))
            self._plan_words[plan.id] = naming
        return naming

    def _names_other(self, question: Question, plan: Plan) -> bool:
        """Words beyond the plan's name and the asking: the question is about something in
        the plan, not its layout."""
        naming = self._naming(plan)
        return any(t is not None and not self.index.is_stopword(t) and t.key not in naming
                   and not t.key.isdigit() for t in question.content)
