"""Rebuild paragraphs and tables from cleaned lines.

PDF lines are visual lines: they join into a paragraph until a wider gap, a numbered or
bulleted line, or a change between heading and body text. Lines of the other formats are
paragraphs already; a paragraph is only continued when a page break (or a blank line) cut a
sentence: it does not end with a stop and the next line starts in lower case. A line set out
in two halves (a two-column letterhead or signature) keeps its first half in the text and
gives the others as side blocks; tables drawn as text were made tables before this step.
"""

from __future__ import annotations

import itertools
import re

from knowledge.imports.cleanup import is_decoration
from knowledge.imports.layout import Block, Line, Page, Table
from knowledge.imports.rules import Rules
from knowledge.textnorm import fold

MARKER_RE = re.compile(r"^(?:[IVXLC]+\s*[.\-–:)]\s|\d{1,2}(?:\.\d{1,2})*\s*[.\-–)]\s"
                       r"|\d{1,2}(?:\.\d{1,2})*\.(?=[^\W\d_])|\d{1,2}(?:\.\d{1,2})+\s|\(\d{1,2}\)|[a-zđ]\)|[-–•+]\s|[A-Z]\.\s)")
_STOP_RE = re.compile(r"[.;:!?…]['\"”’)]*$")
LONG_LINE = 60  # characters: a line this long that stops mid-sentence runs on
SIDE_GAP = 8  # spaces between the halves of a PDF line (letterhead, signature) at least


def ends_sentence(text: str) -> bool:
    return bool(_STOP_RE.search(text.rstrip()))


def starts_lower(text: str) -> bool:
    letters = [c for c in text[:6] if c.isalpha()]
    return bool(letters) and letters[0].islower()


def is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


class _Builder:
    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self.blocks: list[Block] = []
        self.lines: list[Line] = []
        self.wrapped = False
        self.after_gap = False

    def flush(self) -> None:
        if self.lines:
            text = " ".join(line.text for line in self.lines)
            first = self.lines[0]
            self.blocks.append(Block(text, bold=all(li.bold for li in self.lines),
                                     heading=first.heading))
            self.lines = []

    def _continues(self, line: Line) -> bool:
        last = self.lines[-1]
        if MARKER_RE.match(line.text) or line.heading or last.heading:
            return False
        # A sentence cut by a page break or a blank line goes on in lower case; one cut by a
        # hard line break may go on with a name, when the cut line is as long as body lines.
        cut = not ends_sentence(last.text) and starts_lower(line.text)
        if self.after_gap or is_upper(last.text) or is_upper(line.text):
            return cut and not is_upper(last.text)
        long_cut = not ends_sentence(last.text) and len(last.text) >= LONG_LINE and not last.bold
        return (self.wrapped and last.bold == line.bold) or cut or long_cut

    def line(self, line: Line) -> None:
        if self.lines and not self._continues(line):
            self.flush()
        self.lines.append(line)
        self.after_gap = False

    def gap(self) -> None:
        """A blank line or a page break: the paragraph ends unless its sentence runs on."""
        if self.lines and ends_sentence(self.lines[-1].text):
            self.flush()
        self.after_gap = True

    def columns(self, line: Line) -> None:
        """A line in two halves: the first stays in the text, the others go aside. A PDF
        line counts as halves only with a wide gap; narrower ones are justified text."""
        parts = line.columns
        gaps = [x - (px + len(pt)) for (px, pt), (x, _) in itertools.pairwise(parts)]
        if self.wrapped and max(gaps, default=0) < SIDE_GAP:
            self.line(Line(line.text, line.bold, line.heading))
            return
        self.line(Line(parts[0][1], line.bold, line.heading))
        self.flush()
        self.blocks.extend(Block(text, bold=line.bold, side=True) for _, text in parts[1:])

    def page(self, page: Page) -> None:
        self.wrapped = page.wrapped
        for piece in page.pieces:
            if isinstance(piece, Table):
                self.flush()
                self.blocks.append(Block(" | ".join(piece.rows[0]) if piece.rows else "",
                                         rows=piece.rows))
            elif is_decoration(piece.text):
                self.flush()  # "-----" under a title, "*" in a letterhead: a hard break
            elif not piece.text.strip():
                self.gap()
            elif piece.columns:
                self.columns(piece)
            else:
                self.line(piece)
        self.gap()


def build_blocks(pages: list[Page], rules: Rules) -> list[Block]:
    builder = _Builder(rules)
    for page in pages:
        builder.page(page)
    builder.flush()
    return [b for b in builder.blocks if b.is_table or fold(b.text).strip()]
