"""Pick the sentences of a long text that answer a question best."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise

from knowledge.index import QueryTerms
from knowledge.lexicon import Lexicon

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[A-ZĐÀ-Ỹ(\"“])|\n+")


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
