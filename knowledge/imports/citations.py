"""The documents a plan cites: "Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị".

Each citation gives the kind of document, its number, its date and its issuer as written. The
basis of a plan is the list of documents its "Căn cứ ..." and "Thực hiện ..." paragraphs name
first in each of their clauses; a document named inside another's title ("... về tiếp tục
thực hiện Chỉ thị số 05-CT/TW") is cited, not a basis.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from knowledge.imports.rules import Rules

_NUMBER = r"\d+[\w./-]*?[A-Za-zĐđ][\w./-]*"
_STOPS = (r"(?=\s+(?:về|khóa|khoá|nhiệm kỳ|hướng dẫn|năm|trong|tại|theo|đối với|giai đoạn)\b"
          r"|\s*[,;()“\"”]|\s*$)")


@dataclass(frozen=True)
class Citation:
    kind: str
    number: str | None
    date: dt.date | None
    issuer: str | None
    text: str  # as written, from the kind to the issuer


@lru_cache(maxsize=4)
def _pattern(kinds: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(k) for k in sorted(kinds, key=len, reverse=True))
    return re.compile(
        rf"(?P<kind>{alternatives})\s+(?:số\s*:?\s*)?(?P<number>{_NUMBER})"
        rf"(?:\s*,?\s*ngày\s+(?P<date>\d{{1,2}}\s?/\s?\d{{1,2}}\s?/\s?\d{{4}}))?"
        rf"(?:\s*,?\s*của\s+(?P<issuer>[^,;()“\"”]+?){_STOPS})?", re.IGNORECASE)


def _date(text: str | None) -> dt.date | None:
    if not text:
        return None
    day, month, year = (int(n) for n in re.findall(r"\d+", text))
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def citations(text: str, rules: Rules) -> list[Citation]:
    found = []
    for match in _pattern(tuple(rules.words("document_kinds"))).finditer(text):
        kind = match.group("kind")
        found.append(Citation(kind[:1].upper() + kind[1:], match.group("number").rstrip(".,"),
                              _date(match.group("date")), (match.group("issuer") or "").strip()
                              or None, match.group(0).strip()))
    return found


def basis(paragraph: str, rules: Rules) -> list[tuple[str, Citation]]:
    """The documents a basis paragraph rests on, each with its lead word ("Căn cứ")."""
    lead_match = rules.starts("basis_starts", paragraph)
    lead = paragraph[:lead_match.end()].strip() if lead_match else ""
    clauses = re.split(r";|\s+và\s+(?=(?:" + "|".join(rules.words("document_kinds")) + r")\b)",
                       paragraph)
    found = []
    for index, clause in enumerate(clauses):
        start = len(lead) if index == 0 else 0
        cited = citations(clause, rules)
        # The document a clause rests on is named at its start, not deep inside it.
        if cited and cited[0].number and clause.find(cited[0].text) - start <= 20:
            found.append((lead, cited[0]))
    return found
