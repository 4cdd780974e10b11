"""The cue phrases that classify a question (``knowledge/data/cues.yaml``), read once.

Cues are kept as word sequences on the diacritic-free keys the lexicon produces, longest
first, so that "trước ngày nào" is matched before "trước ngày".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from knowledge.lexicon import Phrase, phrase_key

WINDOW_KINDS = frozenset({"day", "week", "month", "quarter", "year", "soon", "overdue"})


def _phrases(items: Any) -> tuple[Phrase, ...]:
    return tuple(sorted((phrase_key(str(p)) for p in items or ()), key=len, reverse=True))


@dataclass(frozen=True)
class QuestionCues:
    kinds: Mapping[str, tuple[Phrase, ...]]  # "deadline" -> its cues
    outline_anchors: tuple[Phrase, ...]
    relative_windows: tuple[tuple[Phrase, str, int], ...]  # (cue, kind, offset)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> QuestionCues:
        windows = []
        for cue, kind, offset in data.get("relative_windows", ()):
            if kind not in WINDOW_KINDS:
                raise ValueError(f"cues.yaml: unknown window kind {kind!r} for {cue!r}")
            windows.append((phrase_key(str(cue)), str(kind), int(offset)))
        return cls(
            kinds={name: _phrases(cues) for name, cues in data.get("question_cues", {}).items()},
            outline_anchors=_phrases(data.get("outline_anchors")),
            relative_windows=tuple(windows),
        )

    @classmethod
    def bundled(cls) -> QuestionCues:
        text = resources.files("knowledge").joinpath("data/cues.yaml").read_text("utf-8")
        return cls.from_mapping(yaml.safe_load(text))
