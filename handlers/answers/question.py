"""Read a Vietnamese question: what kind it is, which plan, unit, period and words it names.

Cue phrases (``knowledge/data/cues.yaml``) are matched on diacritic-free words after the
lexicon has expanded abbreviations, so "khi nao", "khi nào" and "KHI NÀO" are one cue. The cues
are the classifier; the subject words left once cues are cut out go to the search index.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum

from knowledge.cues import QuestionCues
from knowledge.deadlines import ROMAN_QUARTERS, last_day_of_month, quarter_window
from knowledge.index import SearchIndex
from knowledge.lexicon import Phrase, phrase_key
from knowledge.loader import KnowledgeBase
from knowledge.textnorm import Token, fold


class Intent(StrEnum):
    DEADLINE = "deadline"
    OUTLINE = "outline"
    UNIT = "unit"
    UPCOMING = "upcoming"
    SIGNER = "signer"
    BASIS = "basis"
    ISSUED = "issued"
    FACT = "fact"


SOON_DAYS = 30
OVERDUE_DAYS = 90
# After the lexicon, "103-KH/ĐUK" and "KH 103" both read "... 103 ke hoach ..." or "ke hoach 103".
_PLAN_NUMBER_RE = re.compile(r"\b(\d{1,4}) ke hoach\b|\bke hoach(?: so)? (\d{1,4})\b")
_ROMAN_OR_NUMBER = re.compile(r"^(i|ii|iii|iv|v|vi|vii|viii|ix|x|\d{1,2})$")


@dataclass(frozen=True)
class Window:
    """A period of local dates a question asks about, and how to name it."""

    start: dt.date
    end: dt.date
    kind: str

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


@dataclass
class Question:
    text: str
    tokens: list[Token]
    keys: tuple[str, ...]
    today: dt.date
    intent: Intent = Intent.FACT
    plans: set[str] | None = None
    unknown_plan: str | None = None
    unknown_place: str | None = None
    units: list[str] = field(default_factory=list)
    window: Window | None = None
    section_refs: list[str] = field(default_factory=list)
    content: list[Token | None] = field(default_factory=list)
    cues: set[str] = field(default_factory=set)


def _find(keys: tuple[str, ...], phrase: Phrase, start: int = 0) -> int:
    if phrase[0] not in keys:  # a scan in C rules out most phrases before the loop below
        return -1
    size = len(phrase)
    for index in range(start, len(keys) - size + 1):
        if keys[index : index + size] == phrase:
            if phrase == ("han",) and keys[index + 1 : index + 2] == ("che",):
                continue  # "hạn chế" (shortcoming) is not "hạn" (deadline)
            return index
    return -1


def _mark(keys: tuple[str, ...], cues: tuple[Phrase, ...], used: list[bool]) -> bool:
    found = False
    for cue in cues:
        start = 0
        while (index := _find(keys, cue, start)) >= 0:
            found = True
            for i in range(index, index + len(cue)):
                used[i] = True
            start = index + 1
    return found


def _shift_month(day: dt.date, months: int) -> dt.date:
    total = day.year * 12 + day.month - 1 + months
    return dt.date(total // 12, total % 12 + 1, 1)


def relative_window(kind: str, offset: int, today: dt.date) -> Window:
    if kind == "month":
        first = _shift_month(today, offset)
        return Window(first, last_day_of_month(first.year, first.month), kind)
    if kind == "quarter":
        first = _shift_month(today.replace(day=1), 3 * offset - (today.month - 1) % 3)
        start, end = quarter_window(first.year, (first.month - 1) // 3 + 1)
        return Window(start, end, kind)
    if kind == "week":
        monday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(weeks=offset)
        return Window(monday, monday + dt.timedelta(days=6), kind)
    if kind == "year":
        year = today.year + offset
        return Window(dt.date(year, 1, 1), dt.date(year, 12, 31), kind)
    if kind == "day":
        day = today + dt.timedelta(days=offset)
        return Window(day, day, kind)
    if kind == "overdue":
        return Window(today - dt.timedelta(days=OVERDUE_DAYS), today - dt.timedelta(days=1), kind)
    return Window(today, today + dt.timedelta(days=SOON_DAYS), "soon")


def _explicit_window(keys: tuple[str, ...]) -> tuple[Window, int, int] | None:
    """'tháng 3/2024', 'tháng 3 năm 2024', 'quý I/2024', 'năm 2024': window and token span."""
    for index, key in enumerate(keys):
        rest = keys[index + 1 :]
        if key in ("thang", "quy") and len(rest) >= 2:
            number = rest[0]
            year_at = 2 if rest[1] == "nam" and len(rest) >= 3 else 1
            year = rest[year_at]
            if not (year.isdigit() and len(year) == 4):
                continue
            if key == "thang" and number.isdigit() and 1 <= int(number) <= 12:
                first = dt.date(int(year), int(number), 1)
                end = last_day_of_month(first.year, first.month)
                return Window(first, end, "month"), index, index + 2 + year_at
            if key == "quy" and number in ROMAN_QUARTERS:
                start, end = quarter_window(int(year), ROMAN_QUARTERS[number])
                return Window(start, end, "quarter"), index, index + 2 + year_at
        if key == "nam" and rest and rest[0].isdigit() and len(rest[0]) == 4:
            first = dt.date(int(rest[0]), 1, 1)
            return Window(first, first.replace(month=12, day=31), "year"), index, index + 2
    return None


class QuestionReader:
    """Turns question text into a :class:`Question` against one knowledge base."""

    def __init__(self, kb: KnowledgeBase, index: SearchIndex,
                 cues: QuestionCues | None = None) -> None:
        self.kb = kb
        self.index = index
        self.lexicon = index.lexicon
        self.cues = cues or QuestionCues.bundled()
        self._plan_numbers = {
            re.match(r"\d+", p.number).group(0): p.id  # type: ignore[union-attr]
            for p in kb.plans if p.number and re.match(r"\d+", p.number)
        }
        # Plans the held plans cite ("Kế hoạch số 62-KH/TU"): named, but not unknown.
        self._cited_numbers = {
            m.group(0) for p in kb.plans for d in p.documents
            if d.number and fold(d.kind).startswith("ke hoach")
            and (m := re.match(r"\d+", d.number))
        }
        self._localities: dict[Phrase, set[str]] = {}
        for plan in kb.plans:
            self._localities.setdefault(phrase_key(plan.locality), set()).add(plan.id)
        self._unit_aliases: dict[Phrase, list[str]] = {}
        for unit in kb.units.values():
            for alias in [unit.name, *unit.aliases]:
                ids = self._unit_aliases.setdefault(phrase_key(alias), [])
                if unit.id not in ids:
                    ids.append(unit.id)
        self._longest_alias = max((len(a) for a in self._unit_aliases), default=0)
        self._units_with_tasks = {a.unit for t in kb.tasks for a in t.task.units}

    def read(self, text: str, today: dt.date) -> Question:
        tokens = self.lexicon.normalize(text)
        keys = tuple(t.key for t in tokens)
        question = Question(text=text, tokens=tokens, keys=keys, today=today)
        used = [False] * len(keys)
        self._read_plan(question)
        self._read_units(question)
        for name, cues in self.cues.kinds.items():
            if _mark(keys, cues, used):
                question.cues.add(name)
        self._read_window(question, used)
        self._read_section_refs(question)
        question.content = [None if used[i] else t for i, t in enumerate(tokens)]
        question.intent = self._intent(question)
        return question

    def _read_plan(self, question: Question) -> None:
        joined = " ".join(question.keys)
        for match in _PLAN_NUMBER_RE.finditer(joined):
            number = match.group(1) or match.group(2)
            if number in self._plan_numbers:
                question.plans = {self._plan_numbers[number]}
            elif number not in self._cited_numbers:
                question.unknown_plan = number
        for locality, plan_ids in self._localities.items():
            if _find(question.keys, locality) >= 0:
                question.plans = (question.plans or set()) | plan_ids
        for place, name in self.lexicon.find_places(question.keys):
            if place not in self._localities:
                question.unknown_place = name

    def _read_units(self, question: Question) -> None:
        """Units named in the question, longest name first; a span of words that names units
        of several organisations ("Ban Tuyên giáo Tỉnh ủy") keeps them all."""
        organisations = (None if question.plans is None
                         else {self.kb.plan(p).organisation for p in question.plans})
        keys = question.keys
        spans: list[tuple[int, int, list[str]]] = []
        for size in range(min(self._longest_alias, len(keys)), 0, -1):
            for start in range(len(keys) - size + 1):
                ids = self._unit_aliases.get(keys[start : start + size])
                if not ids:
                    continue
                ids = [u for u in ids if organisations is None
                       or self.kb.units[u].organisation in organisations]
                if ids and not any(s < start + size and start < e for s, e, _ in spans):
                    spans.append((start, start + size, ids))
        question.units = [u for _, _, ids in sorted(spans) for u in ids]

    def _read_window(self, question: Question, used: list[bool]) -> None:
        for cue, kind, offset in self.cues.relative_windows:
            index = _find(question.keys, cue)
            if index >= 0:
                question.window = relative_window(kind, offset, question.today)
                question.cues.add("relative")
                for i in range(index, index + len(cue)):
                    used[i] = True
                return
        explicit = _explicit_window(question.keys)
        if explicit is not None:
            question.window = explicit[0]

    def _read_section_refs(self, question: Question) -> None:
        keys = question.keys
        for index, key in enumerate(keys[:-1]):
            if key in ("phan", "muc") and _ROMAN_OR_NUMBER.match(keys[index + 1]):
                question.section_refs.append(keys[index + 1])

    def _intent(self, question: Question) -> Intent:
        cues = question.cues
        if "signer" in cues:
            return Intent.SIGNER
        if "issued" in cues:
            return Intent.ISSUED
        if "basis" in cues and "deadline" not in cues:
            return Intent.BASIS
        unit_question = bool(question.units) and "unit" in cues
        if ("relative" in cues and cues & {"listing", "deadline", "question"}) or (
                "relative" in cues and unit_question):
            return Intent.UNIT if unit_question else Intent.UPCOMING
        if unit_question:
            return Intent.UNIT
        if "outline" in cues and (
            _find(question.keys, ("de", "cuong")) >= 0
            or any(_find(question.keys, anchor) >= 0 for anchor in self.cues.outline_anchors)
        ):
            return Intent.OUTLINE
        if (question.window is not None and question.window.kind in ("month", "quarter")
                and "listing" in cues and "deadline" not in cues):
            return Intent.UPCOMING
        if "deadline" in cues:
            return Intent.DEADLINE
        return Intent.FACT


