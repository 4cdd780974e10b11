"""What the format readers hand on: pages of lines and tables, still raw.

A ``Line`` is one line as the format gives it: a paragraph for .txt/.md/.docx, a visual line
for PDF (``Page.wrapped``). ``columns`` holds the pieces of a line laid out in columns (a
two-column letterhead, a table drawn as text), each with its x position, when the format
tells them apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Line:
    text: str
    bold: bool = False
    heading: int = 0  # a markdown or Word heading level; 0 when none
    columns: tuple[tuple[float, str], ...] = ()


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[str, ...], ...]


Piece = Line | Table


@dataclass(frozen=True)
class Page:
    pieces: tuple[Piece, ...]
    wrapped: bool = False  # lines are visual lines of a paragraph (PDF): rejoin them


@dataclass(frozen=True)
class Block:
    """A paragraph, heading or table of the document, after cleaning."""

    text: str
    bold: bool = False
    heading: int = 0
    rows: tuple[tuple[str, ...], ...] = ()  # a table's rows when the block is a table
    side: bool = False  # the right-hand column of a two-column line (letterhead, signature)
    notes: tuple[str, ...] = field(default=())  # footnote markers stripped from the text

    @property
    def is_table(self) -> bool:
        return bool(self.rows)
