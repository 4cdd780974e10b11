"""The officials' vocabulary (abbreviations, synonyms, number words) applied to token streams.

The table lives in ``knowledge/data/lexicon.yaml``. The same rewriting runs over questions and
over plan text, so "BTG TU", "Ban Tuyên giáo Tỉnh uỷ" and "ban tuyen giao tinh uy" meet.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml

from knowledge.textnorm import Token, tokenize

Phrase = tuple[str, ...]


def phrase_key(text: str) -> Phrase:
    return tuple(token.key for token in tokenize(text))


def _phrases(mapping: Mapping[str, str]) -> dict[Phrase, list[Token]]:
    return {phrase_key(key): tokenize(value) for key, value in mapping.items()}


def _number_words(mapping: Mapping[str, Any], written_only: Iterable[str]) -> dict[str, str]:
    """The word and, unless it is read only as written, its diacritic-free key -> digits."""
    exact = {tokenize(w)[0].text for w in written_only}
    words: dict[str, str] = {}
    for word, digits in mapping.items():
        token = tokenize(word)[0]
        words[token.text] = str(digits)
        if token.text not in exact:
            words.setdefault(token.key, str(digits))
    return words


@dataclass(frozen=True, eq=False)
class Lexicon:
    abbreviations: dict[Phrase, list[Token]]
    ambiguous: frozenset[str]
    contexts: dict[str, list[Phrase]]
    before_number: frozenset[str]
    after_number: dict[str, list[Token]]  # "6th": a unit glued after a number
    synonyms: dict[Phrase, list[Token]]
    number_words: dict[str, str]  # the word and its diacritic-free key -> digits
    number_words_written: dict[str, str]  # the word as written -> digits
    # Keys of number words read only before themselves ("năm năm": 5 years) -> digits.
    number_words_before_themselves: dict[str, str]
    counted_nouns: list[Phrase]
    # Pairs, without diacritics, whose second word is no number ("quang ba": "quảng bá").
    not_numbers: frozenset[Phrase]
    places: dict[Phrase, str]  # key -> the name as written
    stopwords: list[str]
    # First word of a phrase in either table -> the longest such phrase: most words start none.
    _reach: dict[str, int] = field(default_factory=dict)
    _places_by_first: dict[str, list[Phrase]] = field(default_factory=dict)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Lexicon:
        abbreviations = _phrases(data.get("abbreviations", {}))
        synonyms = _phrases(data.get("synonyms", {}))
        reach: dict[str, int] = {}
        for phrase in [*abbreviations, *synonyms]:
            reach[phrase[0]] = max(reach.get(phrase[0], 0), len(phrase))
        places = {phrase_key(p): str(p) for p in data.get("places", [])}
        places_by_first: dict[str, list[Phrase]] = {}
        for place in places:
            places_by_first.setdefault(place[0], []).append(place)
        return cls(
            abbreviations=abbreviations,
            ambiguous=frozenset(data.get("ambiguous_abbreviations", [])),
            contexts={
                word: [phrase_key(c) for c in contexts]
                for word, contexts in data.get("ambiguous_abbreviation_contexts", {}).items()
            },
            before_number=frozenset(data.get("expand_before_number", [])),
            after_number={tokenize(str(k))[0].key: tokenize(str(v))
                          for k, v in (data.get("expand_after_number") or {}).items()},
            synonyms=synonyms,
            number_words=_number_words(data.get("number_words", {}),
                                       data.get("number_words_written_only", [])),
            number_words_written={tokenize(str(w))[0].text: str(d)
                                  for w, d in (data.get("number_words") or {}).items()},
            number_words_before_themselves={
                tokenize(str(w))[0].key: str(d)
                for w, d in (data.get("number_words_before_themselves") or {}).items()},
            counted_nouns=[phrase_key(n) for n in data.get("counted_nouns", [])],
            not_numbers=frozenset(
                (*phrase_key(str(p).removesuffix("*")), "*") if str(p).endswith("*")
                else phrase_key(str(p)) for p in data.get("not_number_words", [])),
            places=places,
            stopwords=[str(w) for w in data.get("stopwords", [])],
            _reach=reach,
            _places_by_first=places_by_first,
        )

    @classmethod
    def bundled(cls) -> Lexicon:
        text = resources.files("knowledge").joinpath("data/lexicon.yaml").read_text("utf-8")
        return cls.from_mapping(yaml.safe_load(text))

    # -- rewriting ------------------------------------------------------------------------

    def normalize(self, text: str) -> list[Token]:
        """Tokenize, expand abbreviations and number words, then apply synonyms."""
        tokens = self._expand_abbreviations(tokenize(text))
        tokens = self._read_number_words(tokens)
        return self._apply(tokens, self.synonyms)

    def _expand_abbreviations(self, tokens: list[Token]) -> list[Token]:
        out: list[Token] = []
        index = 0
        while index < len(tokens):
            unit = self.after_number.get(tokens[index].key)
            if unit is not None and out and out[-1].key.isdigit():
                out.extend(unit)  # "bc 6th": "6 tháng"
                index += 1
                continue
            match = self._longest_match(tokens, index, self.abbreviations)
            if match is not None:
                key, replacement = match
                if len(key) > 1 or self._reads_as_abbreviation(tokens, index, out):
                    out.extend(replacement)
                    index += len(key)
                    continue
            out.append(tokens[index])
            index += 1
        return out

    def _reads_as_abbreviation(self, tokens: list[Token], index: int, before: list[Token]) -> bool:
        token = tokens[index]
        if token.accented:
            # "tư", "từ" are words; an abbreviation carries no diacritic but đ ("ĐUK", "HĐND").
            return token.key not in self.ambiguous and token.text.replace("đ", "d") == token.key
        if token.key not in self.ambiguous:
            return True
        nxt = tokens[index + 1] if index + 1 < len(tokens) else None
        if token.key in self.before_number and nxt is not None and nxt.key.isdigit():
            return True
        if token.caps:
            return True
        return any(
            tuple(t.key for t in before[-len(ctx) :]) == ctx
            for ctx in self.contexts.get(token.key, [])
        )

    def _read_number_words(self, tokens: list[Token]) -> list[Token]:
        out = list(tokens)
        # In a text typed with diacritics, a bare word is as written: "sau ngày 20" is
        # "after", which would be written "sáu" if it were six.
        marked = any(t.accented for t in tokens)
        for index, token in enumerate(tokens[:-1]):
            digits = (self.number_words_written.get(token.text) if marked or token.accented
                      else self.number_words.get(token.key))
            if digits is None and token.key == tokens[index + 1].key:
                digits = self.number_words_before_themselves.get(token.key)
            if digits is None or (index and not token.accented and (
                    (tokens[index - 1].key, token.key) in self.not_numbers
                    or (tokens[index - 1].key, "*") in self.not_numbers)):
                continue
            noun = self._counted_noun_at(tokens, index + 1)
            if noun is None:
                continue
            after = index + 1 + len(noun)
            if after < len(tokens) and tokens[after].key.isdigit():
                continue  # "sau tháng 5": "sau" is "after", not "six"
            out[index] = Token(digits, digits)
        return out

    def _counted_noun_at(self, tokens: Sequence[Token], index: int) -> Phrase | None:
        for noun in self.counted_nouns:
            if tuple(t.key for t in tokens[index : index + len(noun)]) == noun:
                return noun
        return None

    def _longest_match(
        self, tokens: Sequence[Token], index: int, table: Mapping[Phrase, list[Token]]
    ) -> tuple[Phrase, list[Token]] | None:
        longest = self._reach.get(tokens[index].key)
        if longest is None:
            return None
        for size in range(min(longest, len(tokens) - index), 0, -1):
            key = tuple(t.key for t in tokens[index : index + size])
            if key in table:
                return key, table[key]
        return None

    def _apply(self, tokens: list[Token], table: Mapping[Phrase, list[Token]]) -> list[Token]:
        out: list[Token] = []
        index = 0
        while index < len(tokens):
            match = self._longest_match(tokens, index, table)
            if match is None:
                out.append(tokens[index])
                index += 1
            else:
                out.extend(match[1])
                index += len(match[0])
        return out

    def find_places(self, keys: Iterable[str], texts: Sequence[str] | None = None
                    ) -> list[tuple[Phrase, str]]:
        """Places named in a word sequence: (key, name as written in the table). With the
        words as typed (``texts``), a word typed with diacritics must have the place's own:
        "diễn biến" is not "Điện Biên"."""
        sequence = tuple(keys)
        found = []
        for start, key in enumerate(sequence):
            for place in self._places_by_first.get(key, ()):
                if sequence[start : start + len(place)] != place:
                    continue
                if texts is not None and not self._written_as(place, texts[start:]):
                    continue
                if (place, self.places[place]) not in found:
                    found.append((place, self.places[place]))
        return found

    def _written_as(self, place: Phrase, texts: Sequence[str]) -> bool:
        own = [t.text for t in tokenize(self.places[place])]
        return all(text in (key, word)
                   for text, key, word in zip(texts, place, own, strict=False))
