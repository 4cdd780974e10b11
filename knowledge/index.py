"""Search index over the knowledge base: what in the plans a question is about, and how surely.

Every task, section paragraph, outline section and study topic is an :class:`Entry`. A question
is scored against entries by the IDF mass of its words and two-word phrases that the entry
contains; ``coverage`` is the share of the question's mass an entry explains. A word typed with
diacritics matches fully only the same word; without them (or misspelt) it matches its
diacritic-free key at a discount. Words the plans never use keep their full weight in the
question's mass, which is what makes "giá vàng", "thuế thu nhập" find nothing worth answering.

Scoring is vectorised with NumPy over posting lists, so a question costs a few array additions
per word whatever the number of plans.
"""

from __future__ import annotations

import math
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import pairwise

import numpy as np
import numpy.typing as npt
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from knowledge.lexicon import Lexicon
from knowledge.loader import KnowledgeBase, OutlineRecord, ParagraphRecord, TaskRecord
from knowledge.schema import Plan, StudyTopic
from knowledge.textnorm import Token, fold

FOLD_ONLY = 0.6  # a word typed with diacritics that matches only without them
CORRECTED = 0.8  # a misspelt word matched through its nearest known word
PHRASE_WEIGHT = 0.8  # a two-word phrase weighs this much of its words' mean IDF
MAYBE_STOPWORD = 0.3  # a bare word typed without diacritics that may be a stopword
TYPO_CUTOFF = 0.79  # normalised Levenshtein similarity to accept a correction
# Stopwords that still make a phrase with their neighbour: "năm 2023", "6 tháng", "quý ii".
JOINING_STOPWORDS = frozenset({"nam", "thang", "quy", "ngay", "han"})
DENSE_SHARE = 1 / 4  # a word in this share of entries is scored with a dense row
DENSE_MIN_ENTRIES = 2048  # below this, scattering is as fast and rows are not worth keeping
ALLOWED_CACHE_SIZE = 256  # kind and plan filters a search is asked for, kept as masks
TITLE_BOOST = 0.5  # ranking weight of a term also found in the entry's title (task summary)
# Among equals, the entry whose title the question fills best ("chuyên đề năm 2023" is the
# topic itself, not one of the tasks that mention it).
TITLE_PRECISION_BOOST = 1.0
MAX_LABEL_WORDS = 5  # "Hình thức:", "Thời gian thực hiện:": a paragraph's label is short


class EntryKind(StrEnum):
    TASK = "task"
    PARAGRAPH = "paragraph"
    OUTLINE = "outline"
    TOPIC = "topic"


@dataclass(frozen=True)
class TopicRecord:
    plan: Plan
    topic: StudyTopic


Record = TaskRecord | ParagraphRecord | OutlineRecord | TopicRecord


@dataclass(frozen=True)
class Entry:
    kind: EntryKind
    plan: Plan
    record: Record
    units: frozenset[str]  # unit ids that must do it (lead or support)
    position: int = 0  # its place in the index: ``SearchIndex.texts[position]`` is its text


@dataclass(frozen=True)
class Hit:
    entry: Entry
    score: float
    coverage: float
    title: float = 0.0  # the share of the question its title (a task's summary) explains


@dataclass(frozen=True)
class QueryTerms:
    """The weighted terms of one question, ready to score."""

    terms: tuple[tuple[str, str, float, float], ...]  # (fold key, accented key, idf, factor)
    mass: float
    unknown: tuple[str, ...]  # words no plan uses, even after correction


def _task_text(record: TaskRecord, kb: KnowledgeBase) -> str:
    task = record.task
    units = [kb.unit_name(a.unit) for a in task.units]
    parts = [*record.section_titles[-2:], task.summary, task.text, *units,
             task.reports_to_text or "", task.deadline or ""]
    return "\n".join(parts)


def _outline_text(record: OutlineRecord) -> str:
    section = record.section
    return "\n".join([record.outline.title, "đề cương báo cáo", section.title, *section.items,
                      *(child.title for child in section.sections)])


def paragraph_label(text: str) -> str:
    """What a paragraph says it is about, when it begins with a short label ("Hình thức: …",
    "Nội dung: …"); empty otherwise."""
    head, colon, _ = text.partition(":")
    if not colon or len(head.split()) > MAX_LABEL_WORDS or any(c.isdigit() for c in head):
        return ""
    return head.strip()


def _plan_context(plan: Plan) -> str:
    return " ".join([plan.locality, plan.issuer_short, plan.number or "", f"năm {plan.year}"])


def _entries(kb: KnowledgeBase) -> list[tuple[Entry, str, str]]:
    """Every entry with its searchable text and its title (what it is called)."""
    out: list[tuple[Entry, str, str]] = []
    for task in kb.tasks:
        units = frozenset(a.unit for a in task.task.units)
        out.append((Entry(EntryKind.TASK, task.plan, task, units, len(out)),
                    _task_text(task, kb), task.task.summary))
    for para in kb.paragraphs:
        text = "\n".join([*para.section_titles[-2:], para.text])
        title = " ".join(filter(None, (para.section_titles[-1], paragraph_label(para.text))))
        out.append((Entry(EntryKind.PARAGRAPH, para.plan, para, frozenset(), len(out)), text,
                    title))
    for outline in kb.outline_sections:
        out.append((Entry(EntryKind.OUTLINE, outline.plan, outline, frozenset(), len(out)),
                    _outline_text(outline), outline.section.title))
    for plan in kb.plans:
        for topic in plan.topics:
            text = f"chuyên đề {topic.period}\n{topic.title}\n{topic.deadline or ''}"
            record = TopicRecord(plan, topic)
            out.append((Entry(EntryKind.TOPIC, plan, record, frozenset(), len(out)),
                        text, f"chuyên đề {topic.period}"))
    return out


def _bigrams(tokens: Sequence[Token | None]) -> Iterable[tuple[Token, Token]]:
    for left, right in pairwise(tokens):
        if left is not None and right is not None:
            yield left, right


def _dense_rows(postings: dict[str, npt.NDArray[np.int32]],
                size: int) -> dict[str, npt.NDArray[np.float64]]:
    rows: dict[str, npt.NDArray[np.float64]] = {}
    for key, positions in postings.items():
        if size >= DENSE_MIN_ENTRIES and len(positions) >= DENSE_SHARE * size:
            row = np.zeros(size, dtype=np.float64)
            row[positions] = 1.0
            rows[key] = row
    return rows


def _arrays(postings: dict[str, set[int]]) -> dict[str, npt.NDArray[np.int32]]:
    return {k: np.fromiter(sorted(v), dtype=np.int32) for k, v in postings.items()}


class SearchIndex:
    """Inverted index of the knowledge base, scored with IDF-weighted coverage."""

    def __init__(self, kb: KnowledgeBase, lexicon: Lexicon) -> None:
        self.kb = kb
        self.lexicon = lexicon
        stop_tokens = [t for w in lexicon.stopwords for t in lexicon.normalize(w)]
        self._stop_texts = frozenset(t.text for t in stop_tokens)
        pairs = _entries(kb)
        self.entries: list[Entry] = [entry for entry, _, _ in pairs]
        # What each entry says and what it is called, for the checks made on a few hits.
        self.texts = [f"{text}\n{_plan_context(entry.plan)}" for entry, text, _ in pairs]
        self.titles: list[str] = [title for _, _, title in pairs]
        fold_post: dict[str, set[int]] = defaultdict(set)
        exact_post: dict[str, set[int]] = defaultdict(set)
        title_post: dict[str, set[int]] = defaultdict(set)
        title_keys: list[list[str]] = []
        self.keys: list[tuple[str, ...]] = []  # each entry's words, as read for matching
        for number, title in enumerate(self.titles):
            tokens = lexicon.normalize(self.texts[number])
            self.keys.append(tuple(sys.intern(t.key) for t in tokens))
            for token in tokens:
                fold_post[token.key].add(number)
                exact_post[token.text].add(number)
            for left, right in _bigrams(tokens):
                fold_post[f"{left.key} {right.key}"].add(number)
                exact_post[f"{left.text} {right.text}"].add(number)
            title_tokens = lexicon.normalize(title)
            keys = [t.key for t in title_tokens] + [
                f"{a.key} {b.key}" for a, b in _bigrams(title_tokens)]
            title_keys.append(keys)
            for key in keys:
                title_post[key].add(number)
        self.size = len(self.entries)
        self._fold = _arrays(fold_post)
        self._exact = _arrays(exact_post)
        self._title = _arrays(title_post)
        # Words most entries share ("kế hoạch", "học tập") also get a dense 0/1 row: adding a
        # dense row is several times faster than scattering into thousands of positions.
        self._scratch = np.empty(self.size, dtype=np.float64)  # one search at a time
        self._dense = {table: _dense_rows(postings, self.size)
                       for table, postings in (("fold", self._fold), ("exact", self._exact),
                                               ("title", self._title))}
        self._words = sorted(k for k in fold_post if " " not in k and not k.isdigit())
        # A word typed without diacritics is a stopword only if no other word of the plans
        # shares its key: bare "de" may be "đề" (chuyên đề), not only "để".
        meaningful = {fold_key for text in exact_post if " " not in text
                      and text not in self._stop_texts for fold_key in [fold(text)]}
        self._maybe_stop_keys = frozenset(t.key for t in stop_tokens)
        self._stop_keys = self._maybe_stop_keys - meaningful
        self._plan_index = {plan.id: number for number, plan in enumerate(kb.plans)}
        self._plan_of = np.array([self._plan_index[e.plan.id] for e in self.entries],
                                 dtype=np.int32)
        self._kind_of = np.array([list(EntryKind).index(e.kind) for e in self.entries],
                                 dtype=np.int8)
        AllowedKey = tuple[frozenset[EntryKind] | None, frozenset[str] | None]
        self._allowed_cache: dict[AllowedKey, npt.NDArray[np.bool_]] = {}
        units: dict[str, set[int]] = defaultdict(set)
        for number, entry in enumerate(self.entries):
            for unit in entry.units:
                units[unit].add(number)
        self._units = _arrays(units)
        self._title_mass = np.array(
            [sum(self._key_weight(k) for k in keys) or 1.0 for keys in title_keys],
            dtype=np.float64)

    def _key_weight(self, key: str) -> float:
        if " " in key:
            left, right = key.split(" ", 1)
            return PHRASE_WEIGHT * (self.idf(left) + self.idf(right)) / 2
        return 0.0 if key in self._stop_keys else self.idf(key)

    # -- vocabulary -----------------------------------------------------------------------

    def idf(self, key: str) -> float:
        postings = self._fold.get(key)
        frequency = 0 if postings is None else len(postings)
        return math.log((self.size + 1) / (frequency + 1)) + 1.0

    def holding_all(self, keys: Sequence[str], kind: EntryKind) -> list[Entry]:
        """The entries of ``kind`` whose words include every one of ``keys``."""
        found: npt.NDArray[np.int32] | None = None
        for key in keys:
            positions = self._fold.get(key)
            if positions is None:
                return []
            found = positions if found is None else np.intersect1d(found, positions,
                                                                   assume_unique=True)
        if found is None:
            return []
        return [self.entries[i] for i in found if self.entries[i].kind is kind]

    def knows(self, key: str) -> bool:
        return key in self._fold

    def knows_written(self, text: str) -> bool:
        """The plans use this word or pair of words as written, diacritics and all."""
        return text in self._exact

    def correct(self, key: str) -> str | None:
        """The known word nearest to a misspelt one, if it is near enough."""
        if len(key) < 3 or key.isdigit():
            return None
        match = process.extractOne(key, self._words, scorer=Levenshtein.normalized_similarity,
                                   score_cutoff=TYPO_CUTOFF)
        return match[0] if match else None

    # -- querying -------------------------------------------------------------------------

    def terms(self, tokens: Sequence[Token | None]) -> QueryTerms:
        """Weighted terms of a question; ``None`` marks a gap where a cue phrase was cut out."""
        terms: list[tuple[str, str, float, float]] = []
        unknown: list[str] = []
        corrected: list[Token | None] = []
        factors: list[float] = []
        for token in tokens:
            if token is None:
                corrected.append(None)
                factors.append(0.0)
                continue
            if self.is_stopword(token) or self.knows(token.key):
                corrected.append(token)
                factors.append(1.0)
                continue
            nearest = self.correct(token.key)
            if nearest is None:
                unknown.append(token.text)
                corrected.append(token)
                factors.append(1.0)
            else:
                corrected.append(Token(nearest, nearest))
                factors.append(CORRECTED)
        mass = 0.0
        for token, factor in zip(corrected, factors, strict=True):
            if token is None or self.is_stopword(token):
                continue
            weight = self.idf(token.key)
            if not token.accented and token.key in self._maybe_stop_keys:
                weight *= MAYBE_STOPWORD  # bare "la": là, or the La of Sơn La
            mass += weight
            exact = token.text if token.accented else ""
            terms.append((token.key, exact, weight, factor))
        pair_factors = self._pair_factors(corrected, factors)
        for (left, right), factor in zip(_bigrams(corrected), pair_factors, strict=True):
            if self._loose(left) or self._loose(right):
                continue  # "của Lai", "2023 của": a stopword joins nothing worth matching
            weight = PHRASE_WEIGHT * (self.idf(left.key) + self.idf(right.key)) / 2
            mass += weight
            accented = left.accented or right.accented
            exact = f"{left.text} {right.text}" if accented else ""
            terms.append((f"{left.key} {right.key}", exact, weight, factor))
        return QueryTerms(tuple(terms), mass, tuple(unknown))

    def _loose(self, token: Token) -> bool:
        return self.is_stopword(token) and token.key not in JOINING_STOPWORDS

    def is_stopword(self, token: Token) -> bool:
        if token.accented:
            return token.text in self._stop_texts
        return token.key in self._stop_keys

    def may_be_stopword(self, token: Token) -> bool:
        """Typed without diacritics, a word that may be a stopword ("con": "còn" or "con")."""
        return self.is_stopword(token) or (not token.accented
                                           and token.key in self._maybe_stop_keys)

    @staticmethod
    def _pair_factors(tokens: Sequence[Token | None], factors: Sequence[float]) -> list[float]:
        return [min(a, b) for (a, b), (x, y) in
                zip(pairwise(factors), pairwise(tokens), strict=True)
                if x is not None and y is not None]

    def score(self, query: QueryTerms) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
        """Per entry: the question's weight it explains, and the weight found in its title."""
        scores = np.zeros(self.size, dtype=np.float64)
        titles = np.zeros(self.size, dtype=np.float64)
        for key, exact, weight, factor in query.terms:
            if key not in self._fold:
                continue
            self._add(titles, "title", self._title, key, weight * factor)
            if not exact:
                self._add(scores, "fold", self._fold, key, weight * factor)
                continue
            self._add(scores, "fold", self._fold, key, weight * factor * FOLD_ONLY)
            self._add(scores, "exact", self._exact, exact, weight * factor * (1.0 - FOLD_ONLY))
        return scores, titles

    def _add(self, target: npt.NDArray[np.float64], table: str,
             postings: dict[str, npt.NDArray[np.int32]], key: str, value: float) -> None:
        dense = self._dense[table].get(key)
        if dense is not None:
            # In place, through one scratch row: no array is allocated per term.
            np.multiply(dense, value, out=self._scratch)
            target += self._scratch
            return
        positions = postings.get(key)
        if positions is not None:
            target[positions] += value

    def covering(self, query: QueryTerms, share: float, *,
                 kinds: Iterable[EntryKind] | None = None,
                 plans: Iterable[str] | None = None) -> list[Entry]:
        """Every entry that explains at least ``share`` of the question, in index order."""
        if query.mass <= 0:
            return []
        scores, _ = self.score(query)
        allowed = self._allowed(kinds, plans) & (scores >= share * query.mass)
        return [self.entries[i] for i in np.flatnonzero(allowed)]

    def _allowed(self, kinds: Iterable[EntryKind] | None,
                 plans: Iterable[str] | None) -> npt.NDArray[np.bool_]:
        """Which entries a search may return; the masks are cached, questions repeat them."""
        key = (None if kinds is None else frozenset(kinds),
               None if plans is None else frozenset(plans))
        mask = self._allowed_cache.get(key)
        if mask is None:
            if len(self._allowed_cache) >= ALLOWED_CACHE_SIZE:
                self._allowed_cache.clear()
            mask = self._build_allowed(*key)
            mask.flags.writeable = False
            self._allowed_cache[key] = mask
        return mask

    def _build_allowed(self, kinds: Iterable[EntryKind] | None,
                       plans: Iterable[str] | None) -> npt.NDArray[np.bool_]:
        allowed = np.ones(self.size, dtype=bool)
        if kinds is not None:
            codes = [list(EntryKind).index(k) for k in kinds]
            allowed &= np.isin(self._kind_of, codes)
        if plans is not None:
            numbers = [self._plan_index[p] for p in plans]
            allowed &= np.isin(self._plan_of, numbers)
        return allowed

    def search(
        self,
        query: QueryTerms,
        *,
        kinds: Iterable[EntryKind] | None = None,
        plans: Iterable[str] | None = None,
        units: Iterable[str] | None = None,
        unit_bonus: float = 0.0,
        limit: int = 10,
    ) -> list[Hit]:
        """Best entries first; ``units`` adds ``unit_bonus`` of the mass to their tasks."""
        if query.mass <= 0:
            return []
        scores, titles = self.score(query)
        if units and unit_bonus:
            bonus = np.zeros(self.size, dtype=bool)
            for unit in units:
                postings = self._units.get(unit)
                if postings is not None:
                    bonus[postings] = True
            scores[bonus] += unit_bonus * query.mass
        scores[~self._allowed(kinds, plans)] = 0.0
        count = min(limit, int(np.count_nonzero(scores)))
        if count == 0:
            return []
        rank = scores + (scores > 0) * (TITLE_BOOST * titles
                                        + TITLE_PRECISION_BOOST * titles / self._title_mass)
        top = np.argpartition(-rank, count - 1)[:count]
        top = top[np.argsort(-rank[top], kind="stable")]
        return [Hit(self.entries[i], float(scores[i]), min(1.0, float(scores[i]) / query.mass),
                    min(1.0, float(titles[i]) / query.mass)) for i in top]
