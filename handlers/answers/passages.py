"""Pick the sentences of a long text that answer a question best, and, when one sentence dates
many things ("kỷ niệm 133 năm ngày sinh Bác (19/5/1890 - 19/5/2023), 115 năm thành lập tỉnh
(28/6/1909 - 28/6/2024), …"), the part of it that answers a "when" question."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise

from handlers.texts import answers as texts
from knowledge.index import QueryTerms
from knowledge.lexicon import Lexicon

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[A-ZĐÀ-Ỹ(\"“])|\n+")
_DATE = re.compile(r"(?<![\d/])0*(\d{1,2})/0*(\d{1,2})/(\d{4})(?![\d/])")
COUNT_PAIRS = 3  # "115 năm", "năm thành", "thành lập": a count and what it counts
MAX_LINE_DATES = 2  # a line of a "when" answer dates one thing: its start and end at most


def sentences(text: str) -> list[str]:
    return [s.strip(" -+") for s in _SENTENCE_END.split(text) if s.strip(" -+")]


@lru_cache(maxsize=8192)
def _sentence_keys(sentence: str, lexicon: Lexicon) -> frozenset[str]:
    tokens = lexicon.normalize(sentence)
    return frozenset([t.key for t in tokens] + [f"{a.key} {b.key}" for a, b in pairwise(tokens)])


def best_sentences(text: str, query: QueryTerms, lexicon: Lexicon, limit: int = 2) -> list[str]:
    """Up to ``limit`` sentences carrying most of the question's weight, in text order."""
    parts = sentences(text)
    if len(parts) <= limit:
        return parts
    scored = []
    for position, sentence in enumerate(parts):
        keys = _sentence_keys(sentence, lexicon)
        weight = sum(w * f for key, _, w, f in query.terms if key in keys)
        scored.append((weight, -position, sentence))
    top = sorted(scored, reverse=True)[:limit]
    best = top[0][0]
    chosen = [item for item in top if item[0] >= 0.5 * best] if best > 0 else top[:1]
    return [s for _, _, s in sorted(chosen, key=lambda item: -item[1])]


def dates_in(text: str) -> set[tuple[str, str, str]]:
    """The distinct full dates a text names (01/01/2024 and 1/1/2024 are one)."""
    return {(m.group(1), m.group(2), m.group(3)) for m in _DATE.finditer(text)}


def clauses(sentence: str) -> list[str]:
    """The parts of a sentence between its commas and semicolons outside brackets."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(sentence):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif char in ",;" and depth == 0:
            parts.append(sentence[start:index].strip())
            start = index + 1
    parts.append(sentence[start:].strip())
    return [p for p in parts if p]


def dated_part(sentence: str, query: QueryTerms, lexicon: Lexicon) -> str | None:
    """The clause of a sentence dating many things that the question asks the date of; the
    whole sentence when it dates few; None when no dated clause matches the question."""
    if len(dates_in(sentence)) <= MAX_LINE_DATES:
        return sentence
    scored = []
    for position, clause in enumerate(clauses(sentence)):
        if not dates_in(clause):
            continue
        keys = _sentence_keys(clause, lexicon)
        weight = sum(w * f for key, _, w, f in query.terms if key in keys)
        scored.append((weight, -position, clause))
    if not scored:
        return None
    weight, position, clause = max(scored)
    if weight <= 0 or len(dates_in(clause)) > MAX_LINE_DATES:
        return None
    # The question's count and the words right after it, where the dated parts carry them,
    # must all be the chosen part's: "75 năm thành lập tỉnh" is neither "75 năm ngày thành
    # lập Đảng bộ tỉnh" nor "115 năm thành lập tỉnh".
    pairs = [key for key, _, _, _ in query.terms if " " in key]
    count = next((i for i, key in enumerate(pairs) if key.split()[0].isdigit()), None)
    if count is not None:
        near = set(pairs[count : count + COUNT_PAIRS])
        dated = set().union(*(_sentence_keys(c, lexicon) for _, _, c in scored))
        if not (near & dated) <= _sentence_keys(clause, lexicon):
            return None
    return clause if position == 0 else texts.CLAUSE_EXCERPT.format(clause=clause)
