"""The cue phrases that classify a question (``knowledge/data/cues.yaml``), read once.

Cues are kept as word sequences on the diacritic-free keys the lexicon produces (read through
the lexicon, so "sẽ nộp" is matched as the question is read, "sẽ gửi"), longest first, so
that "trước ngày nào" is matched before "trước ngày". Besides the kinds of question,
the file holds what the constraint reader needs: small talk, kinds of document, the words that
make a number a name, the nouns that take an ordinal, the attributes a question may ask for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml

from knowledge.lexicon import Lexicon, Phrase, phrase_key
from knowledge.textnorm import tokenize

WINDOW_KINDS = frozenset({"day", "week", "month", "quarter", "year", "soon", "next", "overdue"})
_STRUCTURED = frozenset({"question_cues", "outline_anchors", "relative_windows",
                         "document_kinds", "asked"})
# Lists matched on the written text, not on the words as read: kept as plain keys.
_WRITTEN = frozenset({"numbered_after_so", "document_words_written", "person_words"})
Key = Callable[[str], Phrase]


class PhraseList(tuple[Phrase, ...]):
    """Phrases, longest first, with the set of their first words: most words start none."""

    firsts: frozenset[str]

    def __new__(cls, phrases: Iterable[Phrase]) -> PhraseList:
        made = super().__new__(cls, sorted(phrases, key=len, reverse=True))
        made.firsts = frozenset(p[0] for p in made if p)
        return made


def _phrases(items: Any, key: Key = phrase_key) -> PhraseList:
    return PhraseList(key(str(p)) for p in items or ())


@dataclass(frozen=True)
class Asked:
    """An attribute a question may ask for, and what a source must carry to state it."""

    cues: tuple[Phrase, ...]
    evidence: tuple[Phrase, ...]
    together: tuple[tuple[Phrase, ...], ...] = ()  # phrases that ask it when all stand
    instead_of: tuple[str, ...] = ()  # attributes it is asked instead of, when both are read


@dataclass(frozen=True)
class QuestionCues:
    kinds: Mapping[str, tuple[Phrase, ...]]  # "deadline" -> its cues
    outline_anchors: tuple[Phrase, ...]
    relative_windows: tuple[tuple[Phrase, str, int], ...]  # (cue, kind, offset)
    # Every other list of phrases in the file, by its name ("small_talk", "positions", ...).
    lists: Mapping[str, tuple[Phrase, ...]] = field(default_factory=dict)
    written: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # the same, as written
    document_kinds: Mapping[str, tuple[Phrase, ...]] = field(default_factory=dict)
    document_names: Mapping[str, str] = field(default_factory=dict)  # "kh" -> "kế hoạch"
    asked: Mapping[str, Asked] = field(default_factory=dict)
    # How each cue of a kind is written ("ngay nao" is "ngày nào"): in a question typed with
    # diacritics, "làm ngay" is no "ngày".
    spelled: Mapping[Phrase, tuple[str, ...]] = field(default_factory=dict)
    spelled_lists: Mapping[Phrase, tuple[str, ...]] = field(default_factory=dict)  # the lists'

    def phrases(self, name: str) -> tuple[Phrase, ...]:
        return self.lists.get(name, ())

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], lexicon: Lexicon | None = None
                     ) -> QuestionCues:
        """The cues of ``data``; with ``lexicon``, each read as the lexicon reads questions."""
        key: Key = phrase_key if lexicon is None else (
            lambda text: tuple(t.key for t in lexicon.normalize(text)))
        windows = []
        for cue, kind, offset in data.get("relative_windows", ()):
            if kind not in WINDOW_KINDS:
                raise ValueError(f"cues.yaml: unknown window kind {kind!r} for {cue!r}")
            windows.append((key(str(cue)), str(kind), int(offset)))
        asked_items = list((data.get("asked") or {}).values())
        asked = {name: Asked(_phrases(item.get("cues"), key),
                             _phrases(item.get("evidence"), key),
                             tuple(_phrases(pair, key) for pair in item.get("together") or ()),
                             tuple(str(n) for n in item.get("instead_of") or ()))
                 for name, item in (data.get("asked") or {}).items()}
        spell: Callable[[str], tuple[str, ...]] = (
            (lambda text: tuple(t.text for t in tokenize(text))) if lexicon is None else
            (lambda text: tuple(t.text for t in lexicon.normalize(text))))
        spelled = {key(str(cue)): spell(str(cue))
                   for cues in (*data.get("question_cues", {}).values(),
                                *((item.get("cues") or ()) for item in asked_items))
                   for cue in cues}
        spelled_lists = {key(str(item)): spell(str(item)) for name, items in data.items()
                         if name not in _STRUCTURED and isinstance(items, list)
                         for item in items}
        listed = {name: items for name, items in data.items()
                  if name not in _STRUCTURED and isinstance(items, list)}
        kinds = data.get("document_kinds") or {}
        return cls(
            kinds={name: _phrases(cues, key)
                   for name, cues in data.get("question_cues", {}).items()},
            outline_anchors=_phrases(data.get("outline_anchors"), key),
            relative_windows=tuple(windows),
            lists={name: _phrases(items, phrase_key if name in _WRITTEN else key)
                   for name, items in listed.items()},
            written={name: tuple(str(i) for i in items) for name, items in listed.items()},
            document_kinds={str(code): _phrases(forms) for code, forms in kinds.items()},
            document_names={str(code): str(forms[0]) for code, forms in kinds.items()},
            asked=asked,
            spelled=spelled,
            spelled_lists=spelled_lists,
        )

    @classmethod
    def bundled(cls, lexicon: Lexicon | None = None) -> QuestionCues:
        text = resources.files("knowledge").joinpath("data/cues.yaml").read_text("utf-8")
        return cls.from_mapping(yaml.safe_load(text), lexicon)
