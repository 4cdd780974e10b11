"""Whether a source (a task, a paragraph, an outline section, a study topic) satisfies what a
question states.

Each source has a profile: the words of everything it says, with its plan's identity (its
*context*), and the words of what it is called and when it falls due (its *own* words: a task's
summary and deadline, a topic's period). A constraint holds when the context carries it and the
source's own words do not say otherwise: "báo cáo năm" does not hold for the task "Gửi báo cáo
06 tháng…" even though the paragraph both tasks come from speaks of both reports.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from handlers.answers.constraints import Constraint, Kind
from handlers.answers.phrases import numeral
from knowledge.index import Entry, SearchIndex, TopicRecord
from knowledge.lexicon import Phrase
from knowledge.loader import OutlineRecord, TaskRecord
from knowledge.schema import Plan

QUALIFIER_WINDOW = 3  # "báo cáo sơ kết 03 năm": how far from the noun its period may stand
NEAR_WINDOW = 6  # "tiếp sóng hội nghị trực tuyến": how far from the noun another word may
LIST_WINDOW = 60  # "kỷ niệm 133 năm …, 115 năm …": how far a listed count may follow its head
YEAR_WINDOW = 6  # "chuyên đề học tập năm 2022, 2023": how far after its word a year stands
_ASKING_COUNTS = frozenset({("bao", "nhieu"), ("so", "luong")})  # "số lượng Bản cam kết"
_PERIOD_WORDS = frozenset({"nam", "thang", "quy"})
_PERIODS = frozenset((w,) for w in _PERIOD_WORDS)
NO_YEAR = "-"  # the own year of a topic for the whole term: no year matches it
_IMPLIED = (Kind.DOCUMENT, Kind.NAME, Kind.SPAN, Kind.DATE)
_TELLING = (Kind.ASKED, Kind.YEAR, Kind.COUNT, Kind.ORDINAL, Kind.DATE, Kind.SPAN, Kind.DOCUMENT,
            Kind.NAME, Kind.BODY, Kind.QUALIFIER)
_YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_SPAN_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})(?!\d)")


def _spans(text: str) -> set[tuple[str, ...]]:
    return {(m.group(1), m.group(2)) for m in _SPAN_RE.finditer(text)}


def _grams(keys: Iterable[str]) -> frozenset[str]:
    words = list(keys)
    return frozenset([*words, *(f"{a} {b}" for a, b in pairwise(words))])


def contains(grams: frozenset[str], words: tuple[str, ...]) -> bool:
    if len(words) == 1:
        return words[0] in grams
    return all(f"{a} {b}" in grams for a, b in pairwise(words))


def _years(keys: Iterable[str]) -> frozenset[str]:
    return frozenset(k for k in keys if len(k) == 4 and k.isdigit())


@dataclass(frozen=True)
class Profile:
    keys: tuple[str, ...]  # everything the source says, with its plan's identity
    grams: frozenset[str]
    own: tuple[str, ...]  # what it is called and when it falls due
    own_years: frozenset[str]
    years: frozenset[str]  # the years it names, but as the ends of a span ("2019 - 2025")
    spans: frozenset[tuple[str, ...]]
    plan: Plan
    at: dict[str, list[int]]  # where each of its words stands in ``keys``


@dataclass(frozen=True)
class PlanProfile:
    identity: frozenset[str]  # the plan's number, issuer, place, title and aliases
    spans: frozenset[tuple[str, ...]]  # every span of years it states ("2021 - 2025")
    documents: frozenset[str]  # numbers of the documents every part of the plan carries out


class Checker:
    """Checks constraints against the sources of one index."""

    def __init__(self, index: SearchIndex, implied: Mapping[str, frozenset[str]],
                 evidence: Mapping[str, tuple[Phrase, ...]]) -> None:
        self.index = index
        self.evidence = evidence
        normalize = index.lexicon.normalize
        spans: dict[str, set[tuple[str, ...]]] = {}
        for entry, text in zip(index.entries, index.texts, strict=True):
            spans.setdefault(entry.plan.id, set()).update(_spans(text))
        self._plans: dict[str, PlanProfile] = {}
        for plan in index.kb.plans:
            date = f"{plan.date.day}/{plan.date.month}/{plan.date.year}" if plan.date else ""
            identity = " ".join([plan.number or "", plan.issuer, plan.locality, plan.title,
                                 plan.place or "", date, *plan.aliases])
            self._plans[plan.id] = PlanProfile(
                _grams(t.key for t in normalize(identity)),
                frozenset(spans.get(plan.id, ())), implied.get(plan.id, frozenset()))
        self._at = lru_cache(maxsize=4096)(self._profile)
        self._names_of = lru_cache(maxsize=1024)(self._unit_spellings)
        self._with_groups = lru_cache(maxsize=1024)(
            lambda ids: frozenset(index.kb.with_groups(ids.split())))
        self._unit_names = {
            unit.id: tuple(tuple(t.key for t in normalize(name))
                           for name in (unit.name, *unit.aliases))
            for unit in index.kb.units.values()}

    def _unit_spellings(self, ids: str) -> tuple[tuple[str, ...], ...]:
        """Every way the directory writes these units (the same few, however many copies)."""
        return tuple(dict.fromkeys(n for unit in ids.split()
                                   for n in self._unit_names.get(unit, ())))

    def plan_profile(self, plan: Plan) -> PlanProfile:
        return self._plans[plan.id]

    def profile(self, entry: Entry) -> Profile:
        return self._at(entry.position)

    def _profile(self, position: int) -> Profile:
        normalize = self.index.lexicon.normalize
        entry = self.index.entries[position]
        keys = self.index.keys[position]
        record = entry.record
        own_years: frozenset[str] | None = None
        if isinstance(record, TaskRecord):
            own_text = f"{record.task.summary}\n{record.task.deadline or ''}"
        elif isinstance(record, TopicRecord):
            own_text = f"chuyên đề {record.topic.period}\n{record.topic.deadline or ''}"
            period_years = _years(t.key for t in normalize(record.topic.period))
            own_years = period_years or frozenset({NO_YEAR})
        elif isinstance(record, OutlineRecord):
            own_text = record.section.title
            # An outline is the outline of a report: what that report is called holds for it.
            reports = [self.index.kb.tasks_by_key[f"{record.plan.id}/{task}"].task.summary
                       for task in record.outline.for_tasks
                       if f"{record.plan.id}/{task}" in self.index.kb.tasks_by_key]
            keys = (*keys, *(t.key for text in reports for t in normalize(text)))
        else:
            own_text = ""
        own = tuple(t.key for t in normalize(own_text))
        text = self.index.texts[position]
        years = frozenset(_YEAR_RE.findall(_SPAN_RE.sub(" ", text)))
        where: dict[str, list[int]] = {}
        for number, key in enumerate(keys):
            where.setdefault(key, []).append(number)
        return Profile(keys, _grams(keys), own,
                       _years(own) if own_years is None else own_years, years,
                       frozenset(_spans(text)), entry.plan, where)

    # -- checking ----------------------------------------------------------------------------

    def own_fit(self, constraints: Iterable[Constraint], entry: Entry) -> int:
        """How many of the kinds, counts and ordinals the question states the source's own
        words carry: of tasks sharing one paragraph, the one that is called so."""
        own = self.profile(entry).own
        return sum(1 for c in constraints
                   if c.kind in (Kind.QUALIFIER, Kind.COUNT, Kind.ORDINAL)
                   and _starts(own, c.words) and (not c.head or _starts(own, c.head)))

    def failure(self, constraints: Iterable[Constraint], entry: Entry, *,
                figures: bool = False) -> Constraint | None:
        """The first constraint the entry does not satisfy, or None; the attribute asked is
        checked first, then the most telling (a year before a kind of report). With
        ``figures``, a count asked holds where the source asks for it ("bao nhiêu buổi" of a
        report outline: what the report must state)."""
        profile = self.profile(entry)
        plan = self._plans[entry.plan.id]
        for constraint in sorted(constraints, key=lambda c: _TELLING.index(c.kind)):
            if constraint.kind is Kind.BODY:
                if not self._body(constraint, entry, profile, plan):
                    return constraint
            elif not self.holds(constraint, profile, plan, figures=figures):
                return constraint
        return None

    def _body(self, constraint: Constraint, entry: Entry, profile: Profile,
              plan: PlanProfile) -> bool:
        """A unit the question names does the work, receives its report, or is named by it."""
        ids = constraint.value.split()
        record = entry.record
        # a task of a group the unit is one of is its own; the group's name is not its name
        if not entry.units.isdisjoint(self._with_groups(constraint.value)) or (
                isinstance(record, TaskRecord) and set(record.task.reports_to) & set(ids)):
            return True
        return any(contains(profile.grams, n) or contains(plan.identity, n)
                   or _listed_under_kind(profile.grams, n)
                   for n in (constraint.words, *self._names_of(constraint.value)) if n)

    def holds(self, constraint: Constraint, profile: Profile, plan: PlanProfile, *,
              figures: bool = False) -> bool:
        kind, words = constraint.kind, constraint.words
        if kind in _IMPLIED and self._implied(constraint, plan):
            return True
        if kind is Kind.YEAR:
            return words[0] in profile.years and (
                not profile.own_years or words[0] in profile.own_years) and not \
                _other_years(profile, constraint.head, words[0])
        if kind is Kind.SPAN:  # its own span, or, when it states none, one its plan states
            return words in profile.spans or (not profile.spans and words in plan.spans)
        if kind in (Kind.DATE, Kind.NAME, Kind.DOCUMENT):
            return contains(profile.grams, words)
        if kind is Kind.COUNT:
            return contains(profile.grams, words) and not _conflict(
                profile.own, constraint.head, constraint.value, after=False)
        if kind is Kind.ORDINAL:
            return _has_numbered(profile, constraint.head, constraint.value) and not \
                _conflict(profile.own, constraint.head, constraint.value, after=True)
        if kind is Kind.QUALIFIER:
            return _qualified(profile, constraint)
        return self._asked(constraint, profile, figures)

    @staticmethod
    def _implied(constraint: Constraint, plan: PlanProfile) -> bool:
        if constraint.kind is Kind.DOCUMENT:
            return constraint.words[0] in plan.documents
        if constraint.kind in (Kind.NAME, Kind.DATE):  # the plan's own name, place or date
            return contains(plan.identity, constraint.words)
        return False

    def _asked(self, constraint: Constraint, profile: Profile, figures: bool) -> bool:
        if constraint.value == "count":
            keys = profile.keys
            return any(keys[i - 1].isdigit()
                       or (figures and keys[max(0, i - 2):i] in _ASKING_COUNTS)
                       for i in _starts(keys, constraint.head, profile.at) if i)
        evidence = self.evidence.get(constraint.value)
        if evidence is None:
            return True  # asked of the plan itself (a person): answered elsewhere
        return any(contains(profile.grams, phrase) for phrase in evidence)


def _listed_under_kind(grams: frozenset[str], name: tuple[str, ...]) -> bool:
    """"Sở Giao thông vận tải" in "Đảng ủy các sở Kế hoạch và Đầu tư, Giao thông vận tải":
    the name's own words after its kind, listed under that kind in the plural."""
    return any(f"cac {name[i - 1]}" in grams and contains(grams, name[i:])
               for i in range(1, len(name) - 1))


def _starts(keys: tuple[str, ...], words: tuple[str, ...],
            where: dict[str, list[int]] | None = None) -> list[int]:
    """Where ``words`` stand in ``keys`` (``where``: the positions of each word, if known)."""
    size = len(words)
    if not words:
        return []
    if where is not None:
        return [i for i in where.get(words[0], ()) if keys[i : i + size] == words]
    return [i for i in range(len(keys) - size + 1) if keys[i : i + size] == words]


def _has_numbered(profile: Profile, noun: tuple[str, ...], value: str) -> bool:
    keys = profile.keys
    for start in _starts(keys, noun, profile.at):
        after = start + len(noun)
        if after < len(keys) and str(numeral(keys[after])) == value:
            return True
    return False


def _conflict(own: tuple[str, ...], noun: tuple[str, ...], value: str, *, after: bool) -> bool:
    """The source's own words give the noun another number ("06 tháng" for "9 tháng")."""
    others = set()
    for start in _starts(own, noun):
        at = start + len(noun) if after else start - 1
        if 0 <= at < len(own) and (number := numeral(own[at])) is not None:
            others.add(str(number))
    return bool(others) and value not in others


def _other_years(profile: Profile, anchor: tuple[str, ...], year: str) -> bool:
    """The word the year belongs to is missing from the source, or comes with other years
    only ("chuyên đề năm 2022, 2023" for "chuyên đề năm 2024")."""
    if not anchor:
        return False
    keys = profile.keys
    starts = _starts(keys, anchor, profile.at)
    found: set[str] = set()
    for start in starts:
        after = start + len(anchor)
        found |= _years(keys[after : after + YEAR_WINDOW])
    return not starts or (bool(found) and year not in found)


def _near(keys: tuple[str, ...], head: tuple[str, ...], words: tuple[str, ...],
          reach: int, where: dict[str, list[int]] | None = None) -> bool:
    for start in _starts(keys, head, where):
        after = start + len(head)
        window = (*keys[max(0, start - reach) : start], "", *keys[after : after + reach])
        if _starts(window, words):
            return True
    return False


def _qualified(profile: Profile, constraint: Constraint) -> bool:
    """The source speaks of the document the question names ("đại hội" is no "hội nghị"),
    and of the kind it gives it, next to it. A period ("báo cáo năm", "báo cáo 6 tháng") must
    be the source's own when its own words name the document; any other word ("tiếp sóng
    hội nghị") may stand anywhere near it."""
    if not constraint.words:
        return bool(_starts(profile.keys, constraint.head, profile.at))
    if not (constraint.words[0] in _PERIOD_WORDS or numeral(constraint.words[0]) is not None
            or len(constraint.words) > 1):
        return _near(profile.keys, constraint.head, constraint.words[:1], NEAR_WINDOW,
                     profile.at)
    if constraint.words in _PERIODS:
        # "báo cáo tháng" (monthly) is not "báo cáo 06 tháng": the period word comes first.
        keys, where = (profile.own, None) if _starts(profile.own, constraint.head) else (
            profile.keys, profile.at)
        return any(keys[s + len(constraint.head) : s + len(constraint.head) + 1]
                   == constraint.words for s in _starts(keys, constraint.head, where))
    reach = QUALIFIER_WINDOW + len(constraint.words) - 1
    if _starts(profile.own, constraint.head):
        return _near(profile.own, constraint.head, constraint.words, reach)
    return (_near(profile.keys, constraint.head, constraint.words, reach, profile.at)
            or _listed(profile, constraint.head, constraint.words))


def _listed(profile: Profile, head: tuple[str, ...], words: tuple[str, ...]) -> bool:
    """"kỷ niệm 133 năm …, 70 năm …, 115 năm thành lập tỉnh": a count listed after the
    head's own count of the same unit is the head's too."""
    if len(words) != 2 or numeral(words[0]) is None:
        return False
    keys = profile.keys
    for start in _starts(keys, head, profile.at):
        after = start + len(head)
        own = keys[after : after + 2]
        if (len(own) == 2 and numeral(own[0]) is not None and own[1] == words[1]
                and _starts(keys[after : after + LIST_WINDOW], words)):
            return True
    return False
