"""Report outlines (đề cương báo cáo) in the annexes: their title and Roman parts.

An outline annex opens with "ĐỀ CƯƠNG BÁO CÁO" or "GỢI Ý ĐỀ CƯƠNG"; the lines up to its
part I complete the title (a "(Kèm theo Kế hoạch ...)" line excepted); each Roman part keeps
its numbered sections and items as written.
"""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.imports.layout import Block
from knowledge.imports.rules import Rules, folded
from knowledge.imports.structure import ROMAN_RE


@dataclass(frozen=True)
class OutlinePart:
    number: str
    heading: str  # as written: "I. ĐẶC ĐIỂM TÌNH HÌNH"
    title: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class Outline:
    title: str
    parts: tuple[OutlinePart, ...]


def _part(block: Block) -> tuple[str, str] | None:
    match = ROMAN_RE.match(block.text)
    if match and match.group("n") and match.group("rest"):
        return match.group("n"), match.group("rest").strip()
    return None


def read_outline(blocks: list[Block], rules: Rules) -> Outline | None:
    if not blocks or not rules.starts("outline_headings", blocks[0].text):
        return None
    title = [blocks[0].text]
    parts: list[tuple[str, str, str, list[str]]] = []
    for block in blocks[1:]:
        if found := _part(block):
            parts.append((found[0], block.text, found[1], []))
        elif parts:
            parts[-1][3].append(block.text)
        elif not folded(block.text).startswith(("(kem theo", "kem theo")):
            title.append(block.text)
    return Outline(" ".join(title), tuple(OutlinePart(n, h, t, tuple(i)) for n, h, t, i in parts))
