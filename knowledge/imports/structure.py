"""The skeleton of a plan: its zones, its parts and sections, its items and its annexes.

Blocks fall into four zones: the head (letterhead, title and basis, up to part I), the body
(parts I, II, III ... and their numbered sections), the tail ("Nơi nhận" and the signature)
and the annexes after it (a report outline, a programme). In the body every block gets the
path of the Roman part and numbered sections it sits in (``II.1.2``); items marked (1), a),
- or + are not part of that path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from knowledge.imports.blocks import ends_sentence, is_upper
from knowledge.imports.layout import Block
from knowledge.imports.rules import Rules
from knowledge.loader import section_ref

ROMAN_RE = re.compile(r"^(?P<n>(?:X{0,2})(?:IX|IV|V?I{0,3}))\s*[.\-–:)]\s*(?P<rest>.*)$")
NUMBER_RE = re.compile(r"^(?P<n>\d{1,2}(?:\.\d{1,2})*)(?:\s*[.\-–)]\s*|\.(?=\w)|\s+)(?P<rest>.*)$")
ITEM_RE = re.compile(r"^(?P<m>\(\d{1,2}\)|[a-zđ]\)|[-–•+])\s*(?P<rest>.*)$")
TITLE_LIMIT = 160


@dataclass(frozen=True)
class Item:
    """A paragraph, list item or table of the body, with where it stands."""

    text: str
    ref: str  # "II.1.2"
    titles: tuple[str, ...]  # the titles of the part and sections above it
    marker: str | None = None  # "(1)", "a)", "-", "+"; None for a plain paragraph
    rows: tuple[tuple[str, ...], ...] = ()
    heading: bool = False  # the text of a numbered heading ("1.1. Ban Tuyên giáo ...")


@dataclass
class Section:
    number: str
    title: str
    items: list[Item] = field(default_factory=list)


@dataclass
class Skeleton:
    head: list[Block]
    body: list[Item]
    sections: list[tuple[str, str]]  # (ref, title) in order
    tail: list[Block]
    annexes: list[list[Block]]
    aims: set[str]  # refs of the parts that state aims, not duties


def _is_heading_text(block: Block, rest: str) -> bool:
    if block.heading or (block.bold and len(rest) < TITLE_LIMIT):
        return True
    return len(rest) < 120 and not ends_sentence(rest) and ":" not in rest


def _split_title(rest: str) -> tuple[str, str]:
    """"Chế độ báo cáo: Cấp ủy cơ sở báo cáo ..." -> the title and the text after it."""
    head, colon, tail = rest.partition(":")
    if colon and tail.strip() and len(head) < 90 and not re.search(r"\d$", head):
        return head.strip(), tail.strip()
    return "", rest


def _roman(block: Block) -> re.Match[str] | None:
    match = ROMAN_RE.match(block.text)
    return match if match and match.group("n") and match.group("rest") else None


def _zones(blocks: list[Block], rules: Rules) -> tuple[int, int, int]:
    """Indexes where the body, the tail and the annexes start."""
    body = next((i for i, b in enumerate(blocks) if not b.side and _roman(b)), None)
    if body is None:
        body = next((i for i, b in enumerate(blocks) if NUMBER_RE.match(b.text)), len(blocks))
    marks = r"^\s*(?:{})\s*[./]?\s"
    tail = next((i for i in range(body, len(blocks)) if rules.starts("recipients", blocks[i].text)
                 or rules.has_shape("signature_marks", blocks[i].text, marks)), len(blocks))
    annex = next((i for i in range(tail + 1, len(blocks)) if not blocks[i].side
                  and is_upper(blocks[i].text) and rules.starts("annex_headings", blocks[i].text)),
                 len(blocks))
    return body, tail, annex


def _annexes(blocks: list[Block], rules: Rules) -> list[list[Block]]:
    groups: list[list[Block]] = []
    for block in blocks:
        if (is_upper(block.text) and rules.starts("annex_headings", block.text)) or not groups:
            groups.append([])
        groups[-1].append(block)
    return groups


class _Walker:
    """Keeps the path of headings while the body's blocks go by."""

    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self.path: list[tuple[str, str]] = []  # (number, title) from the part down
        self.items: list[Item] = []
        self.sections: list[tuple[str, str]] = []
        self.aims: set[str] = set()

    @property
    def ref(self) -> str:
        return section_ref(n for n, _ in self.path)

    def enter(self, number: str, title: str, depth: int) -> None:
        del self.path[depth:]
        self.path.append((number, title))
        self.sections.append((self.ref, title))
        if depth == 0 and self.rules.has("no_obligation_parts", title):
            self.aims.add(self.ref)

    def add(self, text: str, block: Block, marker: str | None = None, heading: bool = False
            ) -> None:
        titles = tuple(t for _, t in self.path)
        self.items.append(Item(text, self.ref, titles, marker, block.rows, heading))

    def numbered(self, block: Block, match: re.Match[str]) -> None:
        number, rest = match.group("n"), match.group("rest").strip()
        in_part = bool(self.path) and self.path[0][0].isalpha()
        depth = len(number.split(".")) - 1 + (1 if in_part else 0)
        if _is_heading_text(block, rest):
            self.enter(number, rest, depth)
            self.add(rest, block, heading=True)
            return
        title, text = _split_title(rest)
        self.enter(number, title, depth)
        if title:
            self.add(title, block, heading=True)
        self.add(text, block)

    def block(self, block: Block) -> None:
        if block.is_table:
            self.add(block.text, block)
        elif match := _roman(block):
            self.enter(match.group("n"), match.group("rest").strip(), 0)
        elif match := NUMBER_RE.match(block.text):
            self.numbered(block, match)
        elif match := ITEM_RE.match(block.text):
            self.add(match.group("rest").strip(), block, match.group("m"))
        else:
            self.add(block.text, block)


def skeleton(blocks: list[Block], rules: Rules) -> Skeleton:
    body, tail, annex = _zones(blocks, rules)
    walker = _Walker(rules)
    for block in blocks[body:tail]:
        if not block.side:
            walker.block(block)
    return Skeleton(blocks[:body], walker.items, walker.sections, blocks[tail:annex],
                    _annexes(blocks[annex:], rules) if annex < len(blocks) else [], walker.aims)
