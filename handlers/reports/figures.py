"""The numbers in a status reply: document numbers, percents and counts.

A document number ("27-BC/CB", "12/BC-UBND") is the report's own evidence unless its kind is a
plan's or a directive's ("103-KH/ĐUK") or it follows "theo", "thực hiện"... (the plan the report
answers). A percent is a share of the work ("khoảng 62%"); a count is part of a whole ("mới thu
được 3/7 đơn vị", "2 phần/4 phần") and is never a date. Each is replaced in the text by a
placeholder word, so that what is left is read for its words alone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from handlers.reports.wording import Wording, any_of
from knowledge.textnorm import fold

DOC_PLACEHOLDER = "qqdoc"
PLAN_PLACEHOLDER = "qqplan"
PERCENT_PLACEHOLDER = "qqpct"
PART_PLACEHOLDER = "qqpart"  # a count short of the whole
WHOLE_PLACEHOLDER = "qqall"  # a count that is the whole ("7/7 đơn vị")

_DOC_NUMBER = re.compile(
    r"(?<![\w/])(\d{1,5}\s*[-/]\s*([^\W\d_]{1,10})(?:\s*[-/]\s*[^\W_]{1,12}){0,3})(?!\w)")
_PERCENT = re.compile(r"(?<!\S)(\d{1,3}(?:[.,]\d+)?) ?%")


def letter(index: int) -> str:
    """A placeholder's index as letters (placeholders are words: no digits)."""
    return "".join(chr(97 + int(d)) for d in str(index))


@dataclass(frozen=True)
class FigureCues:
    plan_kinds: frozenset[str]  # folded upper-case kinds: "KH", "QD"
    plan_references: re.Pattern[str]  # ends the text before a plan's number
    evidence_heads: re.Pattern[str]  # "báo cáo số" before a bare number
    issued: re.Pattern[str]  # "đã nộp", "đã ban hành": the clause sends or issues its own
    following: re.Pattern[str]  # "theo", "thực hiện": the clause follows someone's plan
    superior: frozenset[str]  # issuers of the plans units follow ("ThU" of "107-KH/ThU")
    count: re.Pattern[str]
    attendance: re.Pattern[str]  # "45/48 đảng viên dự": who came, not how far the work is

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], wording: Wording) -> FigureCues:
        def words(key: str) -> list[str]:
            return [wording.words(str(p)) for p in data.get(key) or ()]

        nouns = "|".join(sorted((re.escape(n) for n in words("count_nouns")), key=len,
                                reverse=True))
        verbs = "|".join(sorted((re.escape(v) for v in words("count_verbs")), key=len,
                                reverse=True))
        count = re.compile(
            rf"(?:(?<!\S)(?P<verb>{verbs}) )?(?<!\S)(?P<part>\d{{1,4}})(?: (?P<noun1>{nouns}))?"
            rf" ?(?:/|tren|trong) ?(?P<whole>\d{{1,4}})(?: (?P<noun2>{nouns}))?(?!\S)")
        heads = any_of(words("evidence_heads"))
        return cls(
            plan_kinds=frozenset(fold(str(k)).upper() for k in data.get("plan_document_kinds")
                                 or ()),
            plan_references=re.compile(rf"(?:{any_of(words('plan_references')).pattern})"
                                       r"(?: \S+){0,2} ?$"),
            evidence_heads=re.compile(rf"{heads.pattern} (\d{{1,5}})(?!\S)"),
            issued=any_of(words("own_document_verbs")),
            following=any_of(words("plan_following")),
            superior=frozenset(fold(str(k)).upper() for k in data.get("superior_issuers") or ()),
            count=count,
            attendance=re.compile(rf"^ ?(?:{any_of(words('attendance')).pattern})(?!\S)"))


@dataclass(frozen=True)
class Documents:
    text: str  # the message with every document number replaced by a placeholder
    evidence: tuple[str, ...]  # the report's own numbers, as typed
    plans: tuple[str, ...]  # the plan's numbers


def documents(text: str, cues: FigureCues) -> Documents:
    evidence: list[str] = []
    plans: list[str] = []
    parts: list[str] = []
    last = 0
    for match in _DOC_NUMBER.finditer(text):
        number = re.sub(r"\s+", "", match.group(1))  # as written: the report's own number
        kind = fold(match.group(2)).upper()
        before = " ".join(fold(text[:match.start()]).split()[-4:])
        # its sentence, before and after it ("Thông báo số 31-TB/ĐU bọn em cũng gửi rồi")
        clause = fold(re.split(r"[.;!?\n]", text[:match.start()])[-1] + " "
                      + re.split(r"[.;!?\n]", text[match.end():])[0]).lower()
        # "Đã nộp kế hoạch tập thể: Kế hoạch số 15-KH/CB": a unit's own plan, sent
        issuer = fold(re.split(r"\s*[-/]\s*", match.group(1))[-1]).upper()
        # its own document, said issued or had by no body above it ("có Thông báo số
        # 34-TB/ĐU", "đã ban hành Nghị quyết … số 45-NQ/HU")
        own = issuer not in cues.superior and bool(cues.issued.search(clause)) \
            and not cues.following.search(before)
        is_plan = not own and (kind in cues.plan_kinds or (kind != "BC" and bool(
            cues.plan_references.search(before))))
        if is_plan:
            placeholder = PLAN_PLACEHOLDER + letter(len(plans))
            plans.append(number)
        else:
            placeholder = DOC_PLACEHOLDER + letter(len(evidence))
            evidence.append(number)
        parts.extend((text[last:match.start()], f" {placeholder} "))
        last = match.end()
    parts.append(text[last:])
    return Documents("".join(parts), tuple(evidence), tuple(plans))


def bare_evidence(words: str, cues: FigureCues) -> str | None:
    """"báo cáo số 45" -> "45"."""
    match = cues.evidence_heads.search(words)
    return match.group(1) if match else None


def percents(words: str) -> tuple[str, list[int]]:
    """The words with each percent replaced by a placeholder, and the percents (0-100)."""
    found: list[int] = []

    def replace(match: re.Match[str]) -> str:
        share = float(match.group(1).replace(",", "."))
        if not 0 <= share <= 100:
            return " "
        found.append(int(share))
        return PERCENT_PLACEHOLDER + letter(len(found) - 1)

    return _PERCENT.sub(replace, words), found


def counts(words: str, cues: FigureCues) -> str:
    """The words with each count ("3/7 đơn vị") replaced by a part or whole placeholder."""
    def replace(match: re.Match[str]) -> str:
        part, whole = int(match.group("part")), int(match.group("whole"))
        counted = match.group("noun1") or match.group("noun2") or match.group("verb") \
            or re.search(r" (?:tren|trong) ", f" {match.group(0)} ")
        if not counted or part > whole or whole == 0:
            return match.group(0)
        if cues.attendance.match(match.string[match.end():]):
            return ""  # "45/48 đảng viên dự": attendance says nothing of progress
        verb = f"{match.group('verb')} " if match.group("verb") else ""
        return verb + (PART_PLACEHOLDER if part < whole else WHOLE_PLACEHOLDER)

    return cues.count.sub(replace, words)
