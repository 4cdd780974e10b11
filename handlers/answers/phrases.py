"""Finding phrases (tuples of diacritic-free words) in a question's words, and numerals."""

from __future__ import annotations

from collections.abc import Callable

from knowledge.cues import PhraseList
from knowledge.lexicon import Phrase

_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50}


def find(keys: tuple[str, ...], phrase: Phrase, start: int = 0) -> int:
    """Where ``phrase`` first occurs in ``keys`` from ``start``, or -1."""
    if not phrase or phrase[0] not in keys:  # a scan in C rules out most phrases first
        return -1
    size = len(phrase)
    for index in range(start, len(keys) - size + 1):
        if keys[index : index + size] == phrase:
            if phrase == ("han",) and keys[index + 1 : index + 2] == ("che",):
                continue  # "hạn chế" (shortcoming) is not "hạn" (deadline)
            return index
    return -1


def mark(keys: tuple[str, ...], cues: tuple[Phrase, ...], used: list[bool],
         accept: Callable[[int, Phrase], bool] | None = None) -> bool:
    """Mark every word of every occurrence of the cues (that ``accept`` accepts, if given);
    True if any occurs."""
    found = False
    present = set(keys)
    for cue in cues:
        if cue[0] not in present:
            continue
        start = 0
        while (index := find(keys, cue, start)) >= 0:
            if accept is not None and not accept(index, cue):
                start = index + 1
                continue
            found = True
            for i in range(index, index + len(cue)):
                used[i] = True
            start = index + 1
    return found


def has(keys: tuple[str, ...], phrase: Phrase) -> bool:
    return find(keys, phrase) >= 0


def any_of(keys: tuple[str, ...], phrases: tuple[Phrase, ...],
           accept: Callable[[int, Phrase], bool] | None = None) -> Phrase | None:
    """The first of ``phrases`` that occurs (where ``accept`` accepts it, if given)."""
    for phrase in phrases:
        start = 0
        while (index := find(keys, phrase, start)) >= 0:
            if accept is None or accept(index, phrase):
                return phrase
            start = index + 1
    return None


def at(keys: tuple[str, ...], index: int, phrases: tuple[Phrase, ...]) -> Phrase | None:
    """The longest of ``phrases`` that starts at ``index``."""
    if isinstance(phrases, PhraseList) and (index >= len(keys)
                                            or keys[index] not in phrases.firsts):
        return None
    for phrase in phrases:  # phrases come longest first
        if keys[index : index + len(phrase)] == phrase:
            return phrase
    return None


def numeral(word: str) -> int | None:
    """The value of "iii", "xv" or "05"; None for anything else."""
    if word.isdigit():
        return int(word) if len(word) <= 3 else None
    if not word or any(c not in _ROMAN for c in word) or len(word) > 6:
        return None
    total = 0
    for char, nxt in zip(word, [*word[1:], ""], strict=True):
        value = _ROMAN[char]
        total += -value if nxt and _ROMAN[nxt] > value else value
    return total if total > 0 else None
