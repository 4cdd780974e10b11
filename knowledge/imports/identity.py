"""Who issued the plan, its number, place and date, its title, basis and signature.

The letterhead is the upper-case lines above the title, left column first; the issuer is its
last body ("HUYỆN ỦY NÔNG CỐNG"), completed from the lines above it when it is a board of a
committee ("TỈNH ỦY QUẢNG TRỊ / BAN TUYÊN GIÁO VÀ DÂN VẬN") or ends with a bare locality word
("ĐẢNG BỘ TỈNH HÀ TĨNH / ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH"), then cased as the text writes it.
The signature block is its capacity lines (T/M, K/T, "BÍ THƯ") and the signer's name.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from knowledge.imports.blocks import is_upper
from knowledge.imports.casing import restore_case
from knowledge.imports.citations import Citation, basis
from knowledge.imports.layout import Block
from knowledge.imports.rules import Rules, folded
from knowledge.imports.structure import NUMBER_RE, ROMAN_RE

NUMBER_LINE_RE = re.compile(r"^\s*S[ốố]\s*[:.]?\s*(?P<number>\d+[^\s,;]*)", re.IGNORECASE)
DATE_LINE_RE = re.compile(r"(?:(?P<place>[^\d,]{2,60}?)\s*,\s*)?ngày\s+(?P<d>\d{1,2}|[.…\s]+)"
                          r"\s*tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})", re.IGNORECASE)
_INTRO_RE = re.compile(r"(?:^|[,;]\s*)([^,;]+?)\s+(?:xây dựng|ban hành)\s+"
                       r"(?:Kế hoạch|Chương trình)")
_NAME_RE = re.compile(r"^(?:[A-ZĐÀ-Ỹ][^\s\d]*\s+){1,5}[A-ZĐÀ-Ỹ][^\s\d]*$")


@dataclass(frozen=True)
class Identity:
    number: str | None = None
    issuer: str | None = None
    place: str | None = None
    date: dt.date | None = None
    title: str | None = None
    signer: str | None = None
    capacity: str | None = None
    basis: tuple[tuple[str, Citation], ...] = ()
    recipients: tuple[str, ...] = ()
    letterhead: tuple[str, ...] = ()


def _title_index(head: list[Block], rules: Rules) -> int | None:
    return next((i for i, b in enumerate(head) if not b.side and is_upper(b.text.split()[0])
                 and rules.starts("document_titles", b.text)), None)


def _title(head: list[Block], start: int, rules: Rules) -> str:
    first = head[start].text
    words = rules.starts("document_titles", first)
    assert words is not None
    kind = first[:words.end()].strip()
    parts = [first[words.end():].strip()]
    for block in head[start + 1:start + 5]:
        text = block.text
        if block.side or NUMBER_LINE_RE.match(text) or ROMAN_RE.match(text) or (
                text[:1].isupper() and rules.starts("basis_starts", text)) or NUMBER_RE.match(text):
            break
        parts.append(text)
        if text.endswith("."):
            break
    return " ".join([kind[:1].upper() + kind[1:].lower(), *filter(None, parts)])


def _compose_issuer(lines: list[str], rules: Rules) -> str | None:
    if not lines:
        return None
    last = lines[-1]
    above = [line for line in lines[:-1] if not folded(line).startswith("dang bo ")] or lines[:-1]
    if rules.starts("sub_bodies", last) and above:
        return f"{last} {' '.join(above)}"
    if rules.starts("locality_words", last) and not rules.starts("unit_heads", last) and above:
        return f"{above[-1]} {last}"
    locality = next(rules.finditer("locality_words", last, r"(?<!\w)(?:{})\s*$"), None)
    if locality and len(lines) > 1:
        place = next(rules.finditer("locality_words", lines[-2], r"(?<!\w)(?:{})\s+"), None)
        if place:
            return f"{last} {lines[-2][place.end():].strip()}"
    return last


def _issuer_from_intro(head: list[Block], rules: Rules) -> str | None:
    """A copy without a letterhead: "..., Ban Thường vụ Tỉnh ủy ban hành Kế hoạch ..."."""
    for block in head:
        match = _INTRO_RE.search(block.text)
        if match and rules.starts("unit_heads", match.group(1)):
            return match.group(1).strip()
    return None


def _letterhead(head: list[Block], end: int, rules: Rules) -> list[str]:
    national = {folded(line) for line in rules.words("national_lines")}
    lines = []
    for block in head[:end]:
        for text in ([c for row in zip(*block.rows, strict=False) for c in row] if block.is_table
                     else [block.text]):
            if (text and is_upper(text) and folded(text).strip() not in national
                    and not NUMBER_LINE_RE.match(text) and not DATE_LINE_RE.search(text)
                    and not block.side):
                lines.append(text)
    return lines


def _signature(tail: list[Block], rules: Rules) -> tuple[str | None, str | None]:
    lines = [b.text for b in tail]
    capacity = [i for i, t in enumerate(lines) if is_upper(t) and (
        rules.has_shape("signature_marks", t, r"^\s*(?:{})\s*[./]?\s")
        or rules.has_shape("capacities", t, r"^\s*(?:{})\s*$"))]
    if not capacity:
        return None, None
    names = [t for t in lines[capacity[-1] + 1:] + lines if _NAME_RE.match(t)
             and not is_upper(t) and not t.startswith(("-", "+"))]
    return (names[0] if names else None), ", ".join(lines[i].strip() for i in capacity)


def _recipients(tail: list[Block], rules: Rules) -> list[str]:
    start = next((i for i, b in enumerate(tail) if rules.starts("recipients", b.text)), None)
    found = []
    for block in tail[start + 1:] if start is not None else []:
        if block.side:
            continue
        if not block.text.startswith(("-", "–", "+")):
            break
        found.append(block.text.lstrip("-–+ ").rstrip(",.; "))
    return found


def identity(head: list[Block], tail: list[Block], corpus: str, rules: Rules) -> Identity:
    """Read the head and the tail of the plan; ``corpus`` (the body) gives names their case."""
    title_at = _title_index(head, rules)
    lines = [c for b in head for c in ([c for row in b.rows for c in row] or [b.text])]
    number = next((m.group("number").rstrip(".") for t in lines
                   if (m := NUMBER_LINE_RE.match(t))), None)
    dated = next((m for t in lines if (m := DATE_LINE_RE.search(t))), None)
    date = None
    if dated and dated.group("d").strip(" .…").isdigit():
        try:
            date = dt.date(int(dated.group("y")), int(dated.group("m")), int(dated.group("d")))
        except ValueError:
            date = None
    letterhead = _letterhead(head, title_at if title_at is not None else len(head), rules)
    issuer = _compose_issuer(letterhead, rules)
    cited = [c for b in head[(title_at or 0) + 1:] if rules.starts("basis_starts", b.text)
             and b.text[:1].isupper() for c in basis(b.text, rules)]
    signer, capacity = _signature(tail, rules)
    issuer = restore_case(issuer, corpus, rules) if issuer else _issuer_from_intro(head, rules)
    return Identity(
        number=number, issuer=issuer,
        place=(dated.group("place") or "").strip(" *") or None if dated else None, date=date,
        title=_title(head, title_at, rules) if title_at is not None else None, signer=signer,
        capacity=capacity, basis=tuple(cited), recipients=tuple(_recipients(tail, rules)),
        letterhead=tuple(letterhead))
