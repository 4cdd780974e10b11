"""The words of a contact's message as the status reader matches them, and its cue phrases.

A message becomes one string of folded words (lower case, no diacritics, đ -> d) separated by
single spaces, punctuation kept as words of its own: "Dạ, đã gửi BC rồi ạ!" -> "vang , da gui
bao cao roi a !". Before folding, the words that need their diacritics are replaced
("dạ" is a polite yes, not "đã"), upper-case abbreviations are expanded ("KH" is a plan, "kh"
is "không") and spelled numbers become digits ("hai mươi tám" -> "28"). Every table is data:
``knowledge/data/status_cues.yaml``, read once; cue phrases go through the same steps, so a
cue written with diacritics matches a message typed without them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from knowledge.textnorm import canonical, fold, has_diacritics, nfc

GAP = "…"  # in a cue phrase: up to three words in between
_GAP_PATTERN = r"(?: \S+){0,3}"
_TOKEN = re.compile(r"\d+(?:\s*[/.\-]\s*\d+)*|[^\W\d_]+(?:/[^\W\d_]+)?|\d+|%|[?!.,;:…]|\S")
_PUNCTUATION = frozenset("?!.,;:…%/")


def load_cue_data() -> Mapping[str, Any]:
    text = resources.files("knowledge").joinpath("data/status_cues.yaml").read_text("utf-8")
    data: Mapping[str, Any] = yaml.safe_load(text)
    return data


@dataclass(frozen=True)
class Numbers:
    """Spelled numbers: unit words, the tens and hundreds words, the words after which a lone
    number word is read as a number, and the folded words that are also other words."""

    units: Mapping[str, int]  # "tám" -> 8, and folded "tam" -> 8
    tens: frozenset[str]
    hundreds: frozenset[str]
    contexts: frozenset[str]  # folded words
    ambiguous: frozenset[str]  # folded words that are also other words ("sau", "nam")
    counted: frozenset[str] = frozenset()  # folded nouns a number word counts ("sáu tháng")

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Numbers:
        units = {nfc(str(word)): int(value) for word, value in (data.get("units") or {}).items()}
        for word, value in list(units.items()):
            units.setdefault(fold(word), value)

        def both(key: str) -> frozenset[str]:
            words = [nfc(str(w)) for w in data.get(key) or ()]
            return frozenset(words) | frozenset(fold(w) for w in words)

        return cls(units=units, tens=both("tens"), hundreds=both("hundreds"),
                   contexts=frozenset(fold(str(w)) for w in data.get("contexts") or ()),
                   ambiguous=frozenset(fold(str(w)) for w in data.get("ambiguous_folded") or ()),
                   counted=frozenset(fold(str(w)) for w in data.get("counted") or ()))

    def is_number_word(self, word: str) -> bool:
        return word in self.units or word in self.tens or word in self.hundreds

    def value(self, words: Sequence[str]) -> int:
        """"hai mươi tám" -> 28, "mười tám" -> 18, "một trăm" -> 100."""
        total = current = 0
        for word in words:
            if word in self.hundreds:
                total += (current or 1) * 100
                current = 0
            elif word in self.tens:  # "mười" adds ten; "mươi" multiplies what came before
                current = current * 10 if current and word != "mười" else current + 10
            else:
                current += self.units[word]
        return total + current


@dataclass(frozen=True)
class Wording:
    """How a text is turned into folded words."""

    accented: Mapping[str, str]  # "dạ" -> "vâng"
    acronyms: Mapping[str, str]  # "KH" -> "kế hoạch"
    aliases: Mapping[str, str]  # folded word -> folded words
    phrase_aliases: tuple[tuple[re.Pattern[str], str], ...]
    numbers: Numbers

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Wording:
        plain = cls({nfc(str(k)).lower(): nfc(str(v)).lower()
                     for k, v in (data.get("accented_words") or {}).items()},
                    {str(k): nfc(str(v)).lower() for k, v in (data.get("acronyms") or {}).items()},
                    {fold(str(k)): fold(str(v)) for k, v in (data.get("aliases") or {}).items()},
                    (), Numbers.from_mapping(data.get("numbers") or {}))
        phrases = tuple((phrase_pattern(plain.words(str(k))), plain.words(str(v)))
                        for k, v in (data.get("phrase_aliases") or {}).items())
        return cls(plain.accented, plain.acronyms, plain.aliases, phrases, plain.numbers)

    def words(self, text: str) -> str:
        """The folded words of ``text``, punctuation kept as words of its own."""
        tokens: list[str] = []
        for token in _TOKEN.findall(canonical(nfc(text))):
            if token in self.acronyms:
                tokens.extend(self.acronyms[token].split())
                continue
            lower = token.lower()
            if lower[0].isdigit():
                tokens.append(re.sub(r"\s+", "", lower))
            elif lower[0].isalpha() or lower in _PUNCTUATION:
                tokens.extend(self.accented.get(lower, lower).split())
        tokens = self._spelled_numbers(tokens)
        folded: list[str] = []
        for token in tokens:
            key = fold(token)
            folded.extend(self.aliases.get(key, key).split())
        joined = " ".join(folded)
        for pattern, replacement in self.phrase_aliases:
            joined = pattern.sub(replacement, joined)
        return joined

    def _spelled_numbers(self, tokens: list[str]) -> list[str]:
        numbers = self.numbers
        out: list[str] = []
        index = 0
        while index < len(tokens):
            end = index
            while end < len(tokens) and numbers.is_number_word(tokens[end]):
                end += 1
            run = tokens[index:end]
            if run and self._reads_as_number(run, out, tokens[end:end + 2]):
                out.append(str(numbers.value(run)))
                index = end
            else:
                out.append(tokens[index])
                index += 1
        return out

    def _reads_as_number(self, run: list[str], before: list[str], after: list[str]) -> bool:
        numbers = self.numbers
        if any(w in numbers.tens or w in numbers.hundreds for w in run):
            return len(run) > 1 or run[0] == "mười"
        if len(run) != 1:
            return False
        if not has_diacritics(run[0]) and fold(run[0]) in numbers.ambiguous:
            return False
        if after and fold(after[0]) in numbers.counted:
            return True  # "báo cáo sáu tháng": six months (not "báo cáo sau", report later)
        if not before:
            return False
        previous = fold(before[-1])
        percent = [fold(w) for w in after] == ["phan", "tram"] or after[:1] == ["%"]
        return previous in numbers.contexts or percent


def phrase_pattern(words: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\S){_phrase_body(words)}(?!\S)")


def _phrase_body(words: str) -> str:
    parts = [_GAP_PATTERN if w == GAP else " " + re.escape(w) for w in words.split()]
    return "".join(parts).removeprefix(" ")


def any_of(phrases: Iterable[str]) -> re.Pattern[str]:
    """One pattern for several phrases of folded words (longest first)."""
    bodies = sorted({_phrase_body(p) for p in phrases if p.strip()}, key=len, reverse=True)
    if not bodies:
        return re.compile(r"(?!x)x")
    return re.compile(rf"(?<!\S)(?:{'|'.join(bodies)})(?!\S)")


@cache
def wording() -> Wording:
    return Wording.from_mapping(load_cue_data())
