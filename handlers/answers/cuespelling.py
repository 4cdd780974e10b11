"""Misspelt cue words ("cuối thág này", "han chot"): corrected before the cues are read.

The search index corrects a misspelt subject word to the plans' nearest word, but the cues
(the window, the kind of question) are matched word for word, so "thág" would lose "tháng
này" and with it the question's month. A word that neither the plans nor the cues hold, one
letter away from a word of the cues, is read as that word when no other cue word is as near
and about as common. Proper names are never corrected ("Quảng Ngãi" is no "ngày"). A word
typed with diacritics one letter from the first word of a body's name or of a cue, before its
second ("Thàn ủy", "hôi trường nào"), is read as that word.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from knowledge.cues import QuestionCues
from knowledge.index import SearchIndex
from knowledge.textnorm import Token, fold

MIN_LETTERS = 4  # shorter words are too near too many others to be corrected
CLEAR_LEAD = 2  # the nearest cue word must be used this many times more than the next


class CueSpelling:
    def __init__(self, cues: QuestionCues, index: SearchIndex) -> None:
        self.index = index
        places = {key for place in index.lexicon.places for key in place}
        self._places = frozenset(places)
        self._written = {key: text
                         for phrase, texts in (*cues.spelled.items(), *cues.spelled_lists.items())
                         for key, text in zip(phrase, texts, strict=False)
                         if len(key) >= MIN_LETTERS and key.isalpha() and key not in places}
        self._uses = Counter(key for phrase in (
            *cues.spelled, *cues.spelled_lists, *(cue for cue, _, _ in cues.relative_windows))
            for key in phrase)
        # The first words of two-word names of bodies and of cues, by the word after them
        # ("ủy": "thành", "tỉnh", "huyện"; "trường": "hội", of "hội trường nào").
        self._heads: dict[str, set[str]] = {}
        written = [" ".join(w) for w in (*cues.spelled.values(), *cues.spelled_lists.values())]
        for head in (*cues.written.get("name_heads", ()), *cues.written.get("body_prefixes", ()),
                     *written):
            words = head.lower().split()
            if len(words) >= 2 and len(words[0]) >= MIN_LETTERS - 1:
                self._heads.setdefault(words[1], set()).add(words[0])
        self._one = lru_cache(maxsize=4096)(self._corrected)  # tokens are frozen, and recur
        self._by_first: dict[str, list[str]] = {}
        for word in self._written:
            self._by_first.setdefault(word[0], []).append(word)

    def corrected(self, tokens: list[Token]) -> list[Token]:
        found = [self._one(t) for t in tokens]
        return [self._in_pair(t, found[i + 1]) if i + 1 < len(found) else t
                for i, t in enumerate(found)]

    def _in_pair(self, token: Token, following: Token) -> Token:
        """"Thàn ủy", "hôi trường nào": a word typed with diacritics, one letter from the first
        word of a body's name or a cue that has the next word second ("thành ủy", "hội
        trường"), is that word, when no cue or word of the plans is written so."""
        heads = self._heads.get(following.text)
        if (heads is None or not token.accented or token.text in heads
                or self.index.knows_written(token.text) or self.index.is_stopword(token)):
            return token
        near = [h for h in heads if Levenshtein.distance(token.text, h, score_cutoff=1) <= 1]
        if len(near) != 1:
            return token
        return Token(near[0], fold(near[0]), token.caps, token.capital)

    def _corrected(self, token: Token) -> Token:
        key = token.key
        if (len(key) < MIN_LETTERS or not key.isalpha() or token.capital
                or key in self._written or key in self._places
                or self.index.knows(key) or self.index.may_be_stopword(token)):
            return token
        near = sorted((word for word in self._by_first.get(key[0], ())
                       if Levenshtein.distance(key, word, score_cutoff=1) <= 1),
                      key=self._uses.__getitem__, reverse=True)
        if not near or (len(near) > 1
                        and self._uses[near[1]] * CLEAR_LEAD > self._uses[near[0]]):
            return token
        return Token(self._written[near[0]], near[0], token.caps, token.capital)
