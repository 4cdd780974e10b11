"""Vietnamese text normalisation: NFC, one tone-mark placement, a diacritic-free key, tokens.

Users type with and without diacritics, in NFC or NFD, with the old ("hòa", "thủy") or the new
("hoà", "thuỷ") tone placement. Every text goes through :func:`canonical` (NFC, old placement,
the form the plans mostly use) and, for matching, through :func:`fold` (no diacritics, đ -> d).
Tokens also write one spelling of the words officials spell two ways ("lí"/"lý", "qui"/"quy"),
by the rules in ``knowledge/data/spelling.yaml``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import yaml

# Combining marks that carry a tone, and those that change a letter (breve, circumflex, horn).
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_MODIFIED_VOWELS = frozenset("ăâêôơư")
_VOWELS = frozenset("aăâeêioôơuưy")
_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
_TOKEN_RE = re.compile(r"\d+|[^\W\d_]+", re.UNICODE)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case, strip every diacritic (đ -> d): the key used for matching."""
    lowered = text.lower().replace("đ", "d").replace("Đ", "d")
    decomposed = unicodedata.normalize("NFD", lowered)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _split_tone(word: str) -> tuple[str, str | None]:
    """Return the word without its tone mark (NFC) and the tone mark, if any."""
    tone = None
    kept = []
    for char in unicodedata.normalize("NFD", word):
        if char in _TONE_MARKS:
            tone = char
        else:
            kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept)), tone


def _nucleus(lower: str) -> tuple[int, int] | None:
    """Index range [start, end) of the vowel nucleus, skipping the 'qu' and 'gi' onsets."""
    gi_onset = lower.startswith("gi") and len(lower) > 2 and lower[2] in _VOWELS
    start = 2 if lower.startswith("qu") or gi_onset else 0
    index = start
    while index < len(lower) and lower[index] not in _VOWELS:
        index += 1
    if index == len(lower):
        # "gì", "quỳ": the onset letter is the only vowel there is.
        index = start - 1 if start and lower[start - 1] in _VOWELS else -1
        return (index, index + 1) if index >= 0 else None
    end = index
    while end < len(lower) and lower[end] in _VOWELS:
        end += 1
    return index, end


def _tone_position(lower: str) -> int | None:
    span = _nucleus(lower)
    if span is None:
        return None
    start, end = span
    vowels = lower[start:end]
    modified = [i for i, c in enumerate(vowels) if c in _MODIFIED_VOWELS]
    if modified:
        return start + modified[-1]
    if end < len(lower):  # a final consonant: the last vowel carries the tone ("hoàn")
        return end - 1
    if len(vowels) == 3:  # "ngoài", "khuỷu"
        return start + 1
    return start  # open syllable: "hòa", "thủy", "mùa"


@lru_cache(maxsize=65536)
def canonical_word(word: str) -> str:
    """Place the tone mark of one syllable by the traditional rule (hoà -> hòa, thuỷ -> thủy)."""
    bare, tone = _split_tone(word)
    if tone is None:
        return bare
    position = _tone_position(bare.lower())
    if position is None:
        return nfc(word)
    marked = unicodedata.normalize("NFD", bare[position]) + tone
    return bare[:position] + unicodedata.normalize("NFC", marked) + bare[position + 1 :]


def canonical(text: str) -> str:
    """NFC with one tone-mark placement; everything else is left as it is."""
    return _WORD_RE.sub(lambda m: canonical_word(m.group(0)), nfc(text))


@cache
def _i_y_onsets() -> frozenset[str]:
    text = resources.files("knowledge").joinpath("data/spelling.yaml").read_text("utf-8")
    return frozenset(str(o) for o in (yaml.safe_load(text) or {}).get("i_y_onsets", ()))


@lru_cache(maxsize=65536)
def unify_i_y(word: str) -> str:
    """One spelling of a syllable written with a final "i" or "y" (lí -> lý, qui -> quy)."""
    lower = word.lower()
    if len(lower) < 2 or fold(lower[-1]) not in ("i", "y"):
        return word
    if fold(lower[:-1]) not in _i_y_onsets():
        return word
    bare, tone = _split_tone(lower[-1])
    if bare == "i":
        vowel = "y" if tone is None else unicodedata.normalize("NFC", "y" + tone)
        return word[:-1] + (vowel.upper() if word[-1].isupper() else vowel)
    return word


def has_diacritics(word: str) -> bool:
    return fold(word) != word.lower()


@dataclass(frozen=True, slots=True)
class Token:
    """One word or number: its canonical lower-case form and its diacritic-free key.

    ``caps`` records a word typed with more than one capital ("TU", "ThU", "BTG"), which is how
    an abbreviation that is also an ordinary word gets recognised; ``capital`` a word typed with
    a capital first letter ("Mộc Châu"), which is how a proper name is told.
    """

    text: str
    key: str
    caps: bool = False
    capital: bool = False

    @property
    def accented(self) -> bool:
        return self.text != self.key


def number_key(digits: str) -> str:
    """"03" -> "3": a number as the words of a text are keyed."""
    stripped = digits.lstrip("0")
    return stripped or "0"


def tokenize(text: str) -> list[Token]:
    """Split into words and numbers ("ct05" -> "ct", "5"; "03" -> "3"), canonical and folded."""
    tokens = []
    for match in _TOKEN_RE.finditer(canonical(text)):
        written = match.group(0)
        if written.isdigit():
            number = number_key(written)
            tokens.append(Token(number, number))
            continue
        word = unify_i_y(written.lower())
        caps = sum(c.isupper() for c in written) >= 2
        tokens.append(Token(word, fold(word), caps, written[0].isupper()))
    return tokens
