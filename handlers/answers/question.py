"""Read a Vietnamese question: what kind it is, which plan, unit, period and words it names.

Cue phrases (``knowledge/data/cues.yaml``) are matched on diacritic-free words after the
lexicon has expanded abbreviations, so "khi nao", "khi nào" and "KHI NÀO" are one cue. The cues
are the classifier; the subject words left once cues are cut out go to the search index.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from handlers.answers.constraints import Constraint, ConstraintReader, Kind
from handlers.answers.cuespelling import CueSpelling
from handlers.answers.issuers import IssuerCheck
from handlers.answers.model import Intent, Question, Window
from handlers.answers.phrases import find as _find
from handlers.answers.phrases import mark as _mark
from handlers.answers.references import (
    Known,
    Reference,
    ReferenceReader,
    catalogue,
    compatible,
    number_of,
)
from handlers.answers.units import UnitReader, which_unit
from handlers.answers.windows import explicit_window, relative_window
from knowledge.cues import QuestionCues
from knowledge.deadlines import quarter_window
from knowledge.index import SearchIndex
from knowledge.lexicon import Phrase, phrase_key
from knowledge.loader import KnowledgeBase
from knowledge.textnorm import Token, canonical, has_diacritics

__all__ = ["Intent", "Question", "QuestionReader", "Window", "relative_window"]
_PLAN_WORDS = frozenset({"ke", "hoach", "so"})
_TYPED_WORD = re.compile(r"[^\W\d_]+")
ACCENTED_SHARE = 0.5  # a question with this share of words typed with diacritics is "accented"
_ROMAN_OR_NUMBER = re.compile(r"^(i|ii|iii|iv|v|vi|vii|viii|ix|x|\d{1,2})$")
_REST_OF = frozenset({"cuoi", "den", "tu"})  # "cuối quý này", "đến hết năm": from today on
# Words that lead into a period it names ("từ giờ đến cuối tháng 6"): part of its name.
_LEADING_TO = frozenset({"tu", "nay", "gio", "bay", "den", "toi", "het", "cuoi", "truoc", "giua"})
_BARE_NUMBER = re.compile(r"(?<![\w/.,:-])0*(\d{2,4})(?![\w/.,:%-])")
# Words around a number that make it a date, a count or an ordinal, not a plan's number.
_NOT_PLAN_BEFORE = frozenset({"ngay", "thang", "quy", "nam", "lan", "thu", "khoa", "muc", "phan",
                              "diem", "tuan", "mau", "duoc", "con", "co"})
_NOT_PLAN_AFTER = frozenset({"nam", "ngay", "thang", "tuan", "lan", "phan", "trang"})


# The periods a second one joined to the first may be, with how long "đầu …" of each is.
_EARLY_PART = {"year": dt.timedelta(days=89), "quarter": dt.timedelta(days=30),
               "month": dt.timedelta(days=9), "week": dt.timedelta(days=2),
               "day": dt.timedelta(days=0)}


class QuestionReader:
    """Turns question text into a :class:`Question` against one knowledge base."""

    def __init__(self, kb: KnowledgeBase, index: SearchIndex,
                 cues: QuestionCues | None = None) -> None:
        self.kb = kb
        self.index = index
        self.lexicon = index.lexicon
        self.cues = cues or QuestionCues.bundled(self.lexicon)
        counted = [" ".join(noun) for noun in self.lexicon.counted_nouns]
        self.references = ReferenceReader(self.cues.document_kinds, counted,
                                          self.cues.phrases("numbered_after_so"))
        self.cue_spelling = CueSpelling(self.cues, index)
        self.constraint_reader = ConstraintReader(self.cues, index, self.cue_spelling.corrected)
        # Every document a plan is or cites ("Kế hoạch số 62-KH/TU"): named, but not unknown.
        self.known = catalogue(kb.plans, self.cues.document_kinds)
        self._known_by_number: dict[str, list[Known]] = {}
        for known in self.known:
            self._known_by_number.setdefault(known.number, []).append(known)
        self._plans_by_number: dict[str, set[str]] = {}
        for plan in kb.plans:
            if (number := number_of(plan.number)) is not None:
                self._plans_by_number.setdefault(number, set()).add(plan.id)
        # The words a plan is called by after "kế hoạch": its year, issuer, place, number.
        self._naming_keys: dict[str, frozenset[str]] = {
            plan.id: frozenset(t.key for part in (plan.issuer, plan.issuer_short,
                                                  plan.locality, str(plan.year),
                                                  plan.number or "")
                               for t in self.lexicon.normalize(part))
            for plan in kb.plans}
        self._localities: dict[Phrase, set[str]] = {}
        for plan in kb.plans:
            self._localities.setdefault(phrase_key(plan.locality), set()).add(plan.id)
        self.units = UnitReader(kb, index, self.cues)
        self._window_cues = tuple(cue for cue, _, _ in self.cues.relative_windows)
        self.issuers = IssuerCheck(kb, index, [*self.cues.written.get("name_heads", ()),
                                               *self.cues.written.get("body_prefixes", ())],
                                   list(self.cues.written.get("body_enders", ())))

    def read(self, text: str, today: dt.date) -> Question:
        tokens = self.cue_spelling.corrected(self.lexicon.normalize(text))
        keys = tuple(t.key for t in tokens)
        question = Question(text=text, tokens=tokens, keys=keys, today=today)
        used = [False] * len(keys)
        read = self.references.read(text)
        question.constraints = self.constraint_reader.read(read)
        self._read_documents(question, read.references)
        self._read_plan(question)
        self._read_bare_plan_number(question, used)
        accept = question.spelled = self._spelled_as(text, tokens)
        for name, cues in self.cues.kinds.items():
            if _mark(keys, cues, used, accept):
                question.cues.add(name)
        self._read_window(question, used)
        self._read_section_refs(question)
        self._mark_plan_numbers(question, used)
        self._mark_plan_names(question, used)
        question.content = [None if used[i] else t for i, t in enumerate(tokens)]
        self.units.read(question)
        question.intent = self._intent(question)
        window = question.window
        if (question.intent is Intent.DEADLINE and window is not None
                and window.kind == "year" and "relative" in question.cues):
            # "… tháng nào năm nay": the year said is one the source must hold
            year = str(window.end.year)
            question.constraints.append(Constraint(Kind.YEAR, (year,), year))
        return question

    def _mark_plan_numbers(self, question: Question, used: list[bool]) -> None:
        """"KH 107", "Kế hoạch số 103-KH/ĐUK" choose the plan: they are not what to look for."""
        keys = question.keys
        for reference, known in question.references:
            if not any(k.document_id is None for k in known):
                continue
            for index, key in enumerate(keys):
                if key != reference.number:
                    continue
                used[index] = True
                for step in (-1, -2, -3, 1, 2):
                    near = index + step
                    if 0 <= near < len(keys) and keys[near] in _PLAN_WORDS:
                        used[near] = True

    def _mark_plan_names(self, question: Question, used: list[bool]) -> None:
        """"KH năm 2024 của BTV Tỉnh ủy Sơn La: hạn …": the words after "kế hoạch" that
        name the plan (its year, issuer, place) choose it; they are not what to look for."""
        if not question.plans:
            return
        naming = {"cua", "nam", "so"} | {
            key for plan_id in question.plans for key in self._naming_keys[plan_id]}
        keys = question.keys
        for index in range(len(keys) - 1):
            if keys[index : index + 2] != ("ke", "hoach"):
                continue
            end = index + 2
            while end < len(keys) and keys[end] in naming:
                end += 1
            if end - index > 3:  # more than "kế hoạch của": it names the plan
                for i in range(index, end):
                    used[i] = True

    def _spelled_as(self, text: str, tokens: list[Token]
                    ) -> Callable[[int, Phrase], bool] | None:
        """In a question typed with diacritics, a cue matches only words typed as the cue is
        written: "những việc cần làm ngay nào" asks no date ("ngày nào")."""
        # Counted on the words as typed: an expanded abbreviation ("KH", "DUK") is accented.
        words = _TYPED_WORD.findall(text)
        if sum(has_diacritics(w) for w in words) < ACCENTED_SHARE * len(words):
            return None

        def accept(index: int, cue: Phrase) -> bool:
            written = self.cues.spelled.get(cue) or self.cues.spelled_lists.get(cue)
            if written is None:
                return True
            return all(t.accented or t.text == w
                       for t, w in zip(tokens[index:], written, strict=False))
        return accept

    def content_except(self, question: Question, kinds: set[str]) -> list[Token | None]:
        """The question's subject words when the cues of ``kinds`` are subject words too
        ("theo quy định nào" asked of a task: "quy định" is what to look for)."""
        used = [False] * len(question.keys)
        for name, cues in self.cues.kinds.items():
            if name not in kinds:
                _mark(question.keys, cues, used)
        for cue, _, _ in self.cues.relative_windows:
            _mark(question.keys, (cue,), used)
        return [None if used[i] else t for i, t in enumerate(question.tokens)]

    def _read_documents(self, question: Question, references: tuple[Reference, ...]) -> None:
        """The plans a question names by number, and any document no plan holds or cites."""
        for reference in references:
            known = [k for k in self._known_by_number.get(reference.number, ())
                     if compatible(reference, k)]
            if not known:
                question.unknown_document = question.unknown_document or reference.written
                continue
            after = canonical(question.text)[reference.end:]
            other = next((body for k in known if k.document_id is None
                          and (body := self.issuers.other_body(after, k.plan))), None)
            if other is not None:  # "KH 103 của Tỉnh ủy Bình Định": not the plan we hold
                question.unknown_document = (question.unknown_document
                                             or f"{reference.written} của {other}")
                continue
            question.documents.extend(known)
            question.references.append((reference, known))
            held = {k.plan.id for k in known if k.document_id is None}
            if held:
                question.plans = (question.plans or set()) | held

    def _read_bare_plan_number(self, question: Question, used: list[bool]) -> None:
        """"107 còn hạn bc nào sắp tới": a held plan's number typed alone, when the question
        names no plan otherwise and nothing around it makes it a date, count or ordinal."""
        if question.plans is not None or question.references:
            return
        keys = question.keys
        counted = {noun[0] for noun in self.lexicon.counted_nouns if noun}
        for match in _BARE_NUMBER.finditer(canonical(question.text)):
            plans = self._plans_by_number.get(match.group(1))
            if not plans:
                continue
            for index, key in enumerate(keys):
                before = keys[index - 1] if index else ""
                after = keys[index + 1] if index + 1 < len(keys) else ""
                if (key != match.group(1) or before in _NOT_PLAN_BEFORE
                        or after in _NOT_PLAN_AFTER or after in counted):
                    continue
                question.plans = set(plans)
                used[index] = True
                return

    def _read_plan(self, question: Question) -> None:
        for locality, plan_ids in self._localities.items():
            if _find(question.keys, locality) >= 0:
                question.plans = (question.plans or set()) | plan_ids
        texts = [t.text for t in question.tokens]
        for place, name in self.lexicon.find_places(question.keys, texts):
            if place not in self._localities:
                question.unknown_place = name

    def _joined_window(self, question: Question, after: int) -> Window | None:
        """A second period joined to the first by "và", "với", "hoặc", "đến" ("tuần này với
        tuần sau", "tháng này và đầu năm sau")."""
        keys = question.keys
        if keys[after:after + 1] not in (("va",), ("voi",), ("hoac",), ("den",)):
            return None
        start = after + 1
        early = keys[start:start + 1] == ("dau",)  # "đầu năm sau": its first part
        start += early
        for cue, kind, offset in self.cues.relative_windows:
            if keys[start:start + len(cue)] == cue and kind in _EARLY_PART:
                window = relative_window(kind, offset, question.today)
                if early:
                    window = Window(window.start, min(window.end, window.start + _EARLY_PART[kind]),
                                    window.kind)
                return window
        return None

    def _read_window(self, question: Question, used: list[bool]) -> None:
        numbers = {reference.number for reference, _ in question.references}
        explicit = explicit_window(question.keys, question.today)
        if explicit is None and self._read_year_end(question, used):
            return  # "mấy ngày cuối năm này còn việc gì": not "năm này" as a whole
        for cue, kind, offset in self.cues.relative_windows:
            index = _find(question.keys, cue)
            if index >= 0 and ((kind == "overdue" and any(
                    c.kind is Kind.DATE for c in question.constraints))
                    or (kind == "day" and "late" in question.cues)):
                # "gửi ngày 28/3/2024 có bị trễ hạn không", "hôm nay em mới nộp có bị trễ
                # không": that day against the plan's, not a list of what is due
                continue
            if kind == "soon" and explicit is not None:
                # "sắp hết năm rồi, … còn việc gì trong tháng 12": the month it names
                for i in range(index, index + len(cue) if index >= 0 else index):
                    used[i] = True
                continue
            if index >= 0 and explicit is not None and (
                    explicit[1] < index + len(cue) and index < explicit[2]):
                continue  # "đến hết tháng 3": the month it names, "đến hết tháng" in it
            if index > 0 and question.keys[index - 1].isdigit() and (
                    question.keys[index - 1] not in numbers):
                continue  # "báo cáo 6 tháng trước ngày nào": a count, not "last month"
            if index >= 0:
                window = relative_window(kind, offset, question.today)
                if cue[0] in _REST_OF and window.start < question.today <= window.end:
                    # "cuối quý này có hạn gì": what is still to come in it, not what is past
                    window = Window(question.today, window.end, window.kind)
                joined = self._joined_window(question, index + len(cue))
                if joined is not None:  # "tháng này và tháng sau": both, as one span
                    window = Window(min(window.start, joined.start),
                                    max(window.end, joined.end), "span")
                question.window = window
                question.cues.add("relative")
                _mark(question.keys, self._window_cues, used)  # "hạn gần nhất sắp tới"
                return
        if explicit is not None:
            window, start, end = explicit
            if (start and question.keys[start - 1] in ("het", "cuoi")
                    and window.start < question.today <= window.end):
                window = Window(question.today, window.end, window.kind)  # "đến hết quý 1"
            while start and question.keys[start - 1] in _LEADING_TO:
                start -= 1  # "từ giờ đến cuối tháng 6": all of it names the window
            question.window, question.window_span = window, (start, end)
            return
        self._read_year_end(question, used)

    def _read_year_end(self, question: Question, used: list[bool]) -> bool:
        """"Cuối năm còn việc gì": the last quarter of this year, when the question asks
        what is left or due then (not "báo cáo cuối năm gồm những gì", a kind of report)."""
        if "listing" not in question.cues or not any(
                _find(question.keys, w) >= 0 for w in self.cues.phrases("year_end_asks")):
            return False
        for cue in self.cues.phrases("year_end"):
            index = _find(question.keys, cue)
            if index >= 0:
                first, last = quarter_window(question.today.year, 4)
                if first < question.today <= last:
                    first = question.today  # what is still to come in it
                question.window = Window(first, last, "quarter")
                question.cues.add("relative")
                end = index + len(cue)
                while end < len(question.keys) and question.keys[end] == "nay":
                    end += 1  # "cuối năm này", "cuối năm nay"
                for i in range(max(0, index - 3), end):
                    if i >= index or question.keys[i] in _LEADING_TO | {"may", "nhung", "ngay"}:
                        used[i] = True
                return True
        return False

    def _read_section_refs(self, question: Question) -> None:
        keys = question.keys
        for index, key in enumerate(keys[:-1]):
            if key in ("phan", "muc") and _ROMAN_OR_NUMBER.match(keys[index + 1]):
                question.section_refs.append(keys[index + 1])
                if index + 2 < len(keys) and keys[index + 2].isdigit() and key == "muc":
                    question.section_refs.append(keys[index + 2])  # "mục II.1"

    def _asks_which_document(self, question: Question) -> bool:
        """"báo cáo gì", "hội nghị nào": which of a kind of document, the words kept as the
        subject that narrows the list."""
        keys = question.keys
        for word in self.cues.phrases("document_words"):
            index = _find(keys, word)
            if index >= 0 and keys[index + len(word):][:1] in (("gi",), ("nao",)):
                return True
        return False

    def _period_is_a_name(self, question: Question) -> bool:
        """The period named is what a thing is called ("chuyên đề quý III"), and the question
        asks when: not what falls due in that period."""
        if question.window_span is None or "deadline" not in question.cues:
            return False
        start, end = question.window_span
        named = question.keys[start:end]
        # the period follows the word of what it names, not "trong", "đến" or nothing
        before = question.tokens[start - 1] if start else None
        return (before is not None and before.key not in _LEADING_TO
                and not self.index.may_be_stopword(before)
                and any(c.kind is Kind.ORDINAL and _find(named, c.words) >= 0
                        for c in question.constraints))

    def _asks_outline(self, question: Question) -> bool:
        """An outline cue that asks what a report holds ("gồm những phần nào"), not the bare
        name "đề cương" of the document a report follows."""
        return any(cue != ("de", "cuong") and _find(question.keys, cue) >= 0
                   for cue in self.cues.kinds["outline"])

    def _intent(self, question: Question) -> Intent:
        cues = question.cues
        if "issued" in cues or {"issuing", "deadline"} <= cues or {"issuing", "where"} <= cues:
            return Intent.ISSUED
        if "signer" in cues:
            return Intent.SIGNER
        if "basis" in cues and ("deadline" not in cues or _find(question.keys, ("so", "may")) >= 0):
            return Intent.BASIS  # "thực hiện hướng dẫn số mấy, ngày nào": its number and date
        if "number" in cues:
            return Intent.NUMBER
        if "recipients" in cues:
            return Intent.RECIPIENTS
        unit_question = bool(question.units) and "unit" in cues and not which_unit(question)
        if ("relative" in cues and question.window is not None
                and question.window.kind == "year" and "deadline" in cues
                and "listing" not in cues and not unit_question):
            return Intent.DEADLINE  # "… tổ chức vào tháng nào năm nay": when, this year
        if ("relative" in cues and cues & {"listing", "deadline", "question"}) or (
                "relative" in cues and unit_question):
            return Intent.UNIT if unit_question else Intent.UPCOMING
        if unit_question:
            return Intent.UNIT
        if self._period_is_a_name(question):
            return Intent.DEADLINE  # "chuyên đề quý III năm 2023 … học xong trong thời gian nào"
        if "outline" in cues and "deadline" in cues and not self._asks_outline(question):
            return Intent.DEADLINE  # "viết báo cáo theo đề cương ấy, hạn gửi là ngày nào"
        if "outline" in cues and (
            _find(question.keys, ("de", "cuong")) >= 0
            or any(_find(question.keys, anchor) >= 0 for anchor in self.cues.outline_anchors)
        ):
            return Intent.OUTLINE
        if (question.window is not None and question.window.kind in ("month", "quarter")
                and "late" not in cues  # "họp vào đầu tháng 5 được không": that month checked
                and ("listing" in cues or self._asks_which_document(question))):
            return Intent.UPCOMING  # "Quý IV này còn phải gửi báo cáo gì lên Thành ủy"

        if "deadline" in cues:
            return Intent.DEADLINE
        return Intent.FACT


