"""Compare a draft's JSON with a careful reader's (``NAME.expected.json``) or the curated plans.

A dated obligation matches when its deadline phrase is the same (NFC, case and spaces aside,
one phrase may carry a lead-in the other leaves out: "Hoàn thành trước ngày 14/3/2023" and
"trước ngày 14/3/2023") and its kind and dates are the same. Each expected task is matched
once, a task of the same section first. A dated draft task left unmatched is invented.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

IDENTITY = ("number", "issuer", "date", "title", "signer")


def normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split()).strip(" .;,:()*")


def same_phrase(a: str, b: str) -> bool:
    a, b = normal(a), normal(b)
    return a == b or a.endswith(" " + b) or b.endswith(" " + a)


def same_deadline(expected: dict[str, Any], got: dict[str, Any]) -> bool:
    return (same_phrase(expected["phrase"], got["phrase"]) and expected["kind"] == got["kind"]
            and expected.get("start") == got.get("start") and expected.get("end") == got.get("end"))


@dataclass
class Score:
    name: str
    expected: int = 0
    matched: int = 0
    invented: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    identity: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # field -> (want, got)

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    def line(self) -> str:
        wrong = ", ".join(self.identity) or "ok"
        return (f"{self.name}: recall {self.matched}/{self.expected} = {self.recall:.2f}, "
                f"invented {len(self.invented)}, identity {wrong}")


def score_tasks(name: str, expected: list[dict[str, Any]], got: list[dict[str, Any]]) -> Score:
    score = Score(name)
    wanted = [t for t in expected if t.get("deadline")]
    dated = [t for t in got if t.get("deadline")]
    used: set[int] = set()
    score.expected = len(wanted)
    for want in wanted:
        candidates = [i for i, t in enumerate(dated) if i not in used
                      and same_deadline(want["deadline"], t["deadline"])]
        candidates.sort(key=lambda i: dated[i].get("section") != want.get("section"))
        if candidates:
            used.add(candidates[0])
            score.matched += 1
        else:
            score.missed.append(f"{want.get('section')}: {want['deadline']}")
    score.invented = [f"{t.get('section')}: {t['deadline']}" for i, t in enumerate(dated)
                      if i not in used]
    return score


def score_draft(name: str, expected: dict[str, Any], got: dict[str, Any]) -> Score:
    score = score_tasks(name, expected["tasks"], got["tasks"])
    for key in IDENTITY:
        want, have = expected["document"].get(key), got["document"].get(key)
        if normal(str(want)) != normal(str(have)):
            score.identity[key] = (want, have)
    return score
