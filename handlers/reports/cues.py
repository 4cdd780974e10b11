"""Every cue the status reader uses, compiled once from ``knowledge/data/status_cues.yaml``."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from handlers.reports.clauses import ClauseCues
from handlers.reports.dates import DateCues
from handlers.reports.figures import FigureCues
from handlers.reports.wording import Wording, any_of, load_cue_data, wording

# Cue groups whose words say how the work stands, never which task it is.
_STATUS_GROUPS = ("finish_verbs", "work_verbs", "completive", "perfective", "in_progress",
                  "not_started", "blocked", "negators", "extension", "hedges", "merged",
                  "partial_objects",
                  "unknowing", "bare_done", "bare_not_yet", "question_words", "requests",
                  "deferrals", "submit_verbs", "future", "irony", "ignore",
                  "not_task_words", "irony_done", "irony_not_started", "late_start", "waiting",
                  "almost_there", "approval", "pending", "doubts", "lacking",
                  "check_requests")


@dataclass(frozen=True)
class StatusCues:
    wording: Wording
    figures: FigureCues
    dates: DateCues
    clauses: ClauseCues
    report_prefix: re.Pattern[str]  # "báo cáo:" opening a message
    question_prefix: re.Pattern[str]  # "hỏi:"
    status_phrases: frozenset[tuple[str, ...]]  # folded phrases that name no task
    corrections: re.Pattern[str]  # "à không, em nhầm"
    correction_words: Mapping[str, str]  # what each stands for ("à mà chưa": "chua")
    part_words: frozenset[str]  # folded words naming a part of a work ("phần", "chi bộ")
    false_friends: re.Pattern[str]  # "chữa": typed with diacritics, not the "chưa" it folds to

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], words: Wording) -> StatusCues:
        prefixes = data.get("prefixes") or {}

        def prefix(kind: str) -> re.Pattern[str]:
            heads = any_of(words.words(str(p)) for p in prefixes.get(kind) or ())
            return re.compile(rf"^{heads.pattern} :")

        small = data.get("small_talk") or {}
        phrases = [str(p) for group in _STATUS_GROUPS for p in data.get(group) or ()]
        phrases += [str(p) for p in small.get("fillers") or ()]
        phrases += [str(p) for kind in (small.get("kinds") or {}).values()
                    for p in (*(kind.get("leads") or ()), *(kind.get("tails") or ()))]
        corrections = {words.words(str(k)): words.words(str(v or ""))
                       for k, v in (data.get("corrections") or {}).items()}
        phrases += [*corrections]
        status_phrases = frozenset(tuple(w for w in words.words(p).split() if w != "…")
                                   for p in phrases) - {()}
        part_words = frozenset(w for key in ("members", "partial_objects")
                               for p in data.get(key) or () for w in words.words(str(p)).split())
        return cls(words, FigureCues.from_mapping(data, words),
                   DateCues.from_mapping(data, words), ClauseCues.from_mapping(data, words),
                   prefix("report"), prefix("question"), status_phrases,
                   any_of(corrections), corrections, part_words,
                   _written_words(data.get("false_friends") or ()))


    def naming(self, words: Sequence[str]) -> list[bool]:
        """For each folded word, whether it may name a task: the words of a status phrase
        ("hoàn thành", "hình như") do not, each phrase taken whole, longest first."""
        keep = [True] * len(words)
        longest = max(map(len, self.status_phrases), default=1)
        index = 0
        while index < len(words):
            for size in range(min(longest, len(words) - index), 0, -1):
                if tuple(words[index:index + size]) in self.status_phrases:
                    keep[index:index + size] = [False] * size
                    index += size
                    break
            else:
                index += 1
        return keep


def _written_words(items: Any) -> re.Pattern[str]:
    """Whole words as typed, diacritics and all, in any case."""
    words = sorted((re.escape(str(w)) for w in items), key=len, reverse=True)
    if not words:
        return re.compile(r"(?!x)x")  # matches nothing
    return re.compile(rf"(?<!\w)(?:{'|'.join(words)})(?!\w)", re.IGNORECASE)


@cache
def status_cues() -> StatusCues:
    return StatusCues.from_mapping(load_cue_data(), wording())
