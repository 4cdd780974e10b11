"""Telling small talk from everything else: thanks, greetings, "dạ rõ", "ok", 🙏, wishes,
apologies, goodbyes and "để em hỏi lại rồi báo anh sau".

A message is small talk only when it is made of nothing else: its words, folded, are the
phrases of one or more kinds (``small_talk`` in ``knowledge/data/status_cues.yaml``), their
tails and the fillers ("ạ", "anh", "nhé"), or emoji alone. "ok xong rồi" and "chào anh, cho
hỏi hạn nộp…" are not: a word left over, a question mark or a question word says so.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from knowledge.textnorm import canonical, fold, nfc

Words = tuple[str, ...]
_WORD = re.compile(r"[^\W_]+")
# Kinds in the order their reply is preferred when a message mixes them ("vâng, em cảm ơn").
PREFERENCE = ("thanks", "wish", "later", "apology", "greeting", "goodbye", "ack")


@dataclass(frozen=True)
class Kind:
    name: str
    leads: tuple[Words, ...]  # longest first
    tails: tuple[Words, ...]
    any_tail: bool  # "chúc …": whatever follows the lead


@dataclass(frozen=True)
class SmallTalk:
    kinds: tuple[Kind, ...]
    fillers: frozenset[str]
    aliases: Mapping[str, str]
    questions: tuple[Words, ...]

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> SmallTalk:
        aliases = {fold(str(k)): fold(str(v)) for k, v in (data.get("aliases") or {}).items()}
        plain = cls((), frozenset(), aliases, ())
        small = data.get("small_talk") or {}
        kinds = tuple(Kind(name=str(name), leads=plain.phrases(spec.get("leads")),
                           tails=plain.phrases(spec.get("tails")),
                           any_tail=bool(spec.get("any_tail")))
                      for name, spec in (small.get("kinds") or {}).items())
        fillers = frozenset(w for p in plain.phrases(small.get("fillers")) for w in p)
        return cls(kinds, fillers | {"da"}, aliases, plain.phrases(data.get("question_words")))

    def words(self, text: str) -> Words:
        folded = fold(canonical(nfc(text)))
        return tuple(w for word in _WORD.findall(folded)
                     for w in self.aliases.get(word, word).split())

    def phrases(self, items: Sequence[Any] | None) -> tuple[Words, ...]:
        found = {self.words(str(item)) for item in items or ()}
        return tuple(sorted((p for p in found if p), key=len, reverse=True))

    def kind_of(self, text: str) -> str | None:
        """The kind of small talk ``text`` is, or None when it is anything more."""
        if "?" in text or "/" in text.strip()[:1]:
            return None
        words = self.words(text)
        if not words:
            return "ack" if text.strip() else None  # emoji alone: 👍, 🙏
        seen = self._kinds_in(words)
        if not seen:
            return None
        return next(name for name in PREFERENCE if name in seen) if any(
            name in PREFERENCE for name in seen) else sorted(seen)[0]

    def _kinds_in(self, words: Words) -> set[str]:
        seen: list[Kind] = []
        index = 0
        while index < len(words):
            lead = self._at(words, index, [p for k in self.kinds for p in k.leads])
            if lead:
                kind = next(k for k in self.kinds if lead in k.leads)
                seen.append(kind)
                index += len(lead)
                if kind.any_tail:
                    rest = words[index:]
                    return set() if self._asks(rest) else {k.name for k in seen}
                continue
            tail = self._at(words, index, [t for k in seen for t in k.tails])
            if tail:
                index += len(tail)
            elif words[index] in self.fillers:
                index += 1
            else:
                return set()  # a word that is no small talk
        return {k.name for k in seen}

    @staticmethod
    def _at(words: Words, index: int, phrases: Sequence[Words]) -> Words | None:
        for phrase in sorted(phrases, key=len, reverse=True):
            if words[index:index + len(phrase)] == phrase:
                return phrase
        return None

    def _asks(self, words: Words) -> bool:
        return any(words[i:i + len(q)] == q for q in self.questions
                   for i in range(len(words)))


@cache
def small_talk() -> SmallTalk:
    text = resources.files("knowledge").joinpath("data/status_cues.yaml").read_text("utf-8")
    return SmallTalk.from_mapping(yaml.safe_load(text))


def small_talk_kind(text: str) -> str | None:
    return small_talk().kind_of(text)
