"""Read .pdf plans with pypdf: each page's text layer, laid out as a grid of lines.

pypdf is chosen over pdfplumber: it is pure Python with no dependency of its own (pdfplumber
needs pdfminer.six and the pypdfium2 binary), it is actively kept, and its layout mode places
every glyph with the font's real widths on a grid of lines, so columns survive as runs of
spaces and vertical gaps as blank lines. A table drawn as text is found by its header row
("STT | Nội dung | Đơn vị chủ trì | ...", the header's wrapped lines included); each group of
lines between blank lines under it is one row, its parts given to the header's columns by
position, so a wrapped cell ("Từ tháng 8 đến" / "tháng 10/2026") is whole again. Bold comes
from the fonts. A document with no text layer at all is a scan, refused: no OCR engine with
Vietnamese data is installed here.
"""

from __future__ import annotations

import io
import itertools
import re
from typing import Any

from knowledge.imports.errors import ImportErrorCode, PlanImportError
from knowledge.imports.layout import Line, Page, Piece, Table
from knowledge.imports.rules import Rules
from knowledge.textnorm import nfc

MAX_PAGES = 500

_TOLERANCE = 3
HEADER_WORDS = 4  # at most this many words in a wrapped piece of a header cell


def _open(content: bytes) -> Any:
    from pypdf import PdfReader  # imported here: only PDF imports need pypdf loaded
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted and not reader.decrypt(""):
            raise PlanImportError(ImportErrorCode.PASSWORD)
        if len(reader.pages) > MAX_PAGES:
            raise PlanImportError(ImportErrorCode.TOO_LARGE, f"{len(reader.pages)} pages")
    except PlanImportError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError) as exc:
        crypt = "crypt" in repr(exc).lower()
        code = ImportErrorCode.PASSWORD if crypt else ImportErrorCode.CORRUPT
        raise PlanImportError(code, repr(exc)) from exc
    return reader


def _parts(line: str, gap: int) -> list[tuple[float, str]]:
    """The pieces of a layout line set apart by ``gap`` spaces or more, at their columns."""
    pattern = re.compile(rf"\S+(?: {{1,{gap - 1}}}\S+)*")
    return [(float(m.start()), m.group(0)) for m in pattern.finditer(line)]


def _bold_texts(page: Any) -> set[str]:
    bold: set[str] = set()

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        name = str(font.get("/BaseFont", "")) if hasattr(font, "get") else ""
        if "Bold" in name and text.strip():
            bold.add(" ".join(nfc(text).split()))

    page.extract_text(visitor_text=visit)
    return bold


def _column(xs: list[float], x: float) -> int:
    fits = [i for i, start in enumerate(xs) if start <= x + _TOLERANCE]
    return fits[-1] if fits else 0


def _header(lines: list[Line], rules: Rules) -> list[float] | None:
    """The column starts of a header made of ``lines`` (a cell may wrap over them)."""
    parts = sorted(p for line in lines for p in line.columns)
    xs: list[float] = []
    for x, _ in parts:
        if not xs or x - xs[-1] > _TOLERANCE:
            xs.append(x)
    cells = [" ".join(t for x, t in parts if _column(xs, x) == i) for i in range(len(xs))]
    return xs if len(xs) >= 3 and rules.is_table_header(cells) else None


def _find_header(lines: list[Line], rules: Rules) -> tuple[int, int, list[float]] | None:
    """A header line and the wrapped pieces of its cells just above and below it: the
    lines whose text all stands right of the left margin ("Thời gian hoàn" / "thành")."""
    for index, line in enumerate(lines):
        if len(line.columns) < 3:
            continue
        margin = line.columns[0][0] + _TOLERANCE

        def wrapped(other: Line, margin: float = margin) -> bool:
            # a header cell's wrapped end is a word or two; a longer piece is a first row
            return bool(other.columns) and all(x > margin and len(t.split()) <= HEADER_WORDS
                                               for x, t in other.columns)

        first = index
        while first > 0 and index - first < 2 and wrapped(lines[first - 1]):
            first -= 1
        end = index + 1
        while end < len(lines) and end - index <= 2 and wrapped(lines[end]):
            end += 1
        if xs := _header(lines[first:end], rules):
            return first, end, xs
    return None


class _Table:
    """Rows of a table drawn as text, from groups of lines between blank lines."""

    def __init__(self, xs: list[float], header: list[Line], indexed: bool) -> None:
        self.xs, self.indexed = xs, indexed
        self.rows: list[list[str]] = [self.cells(header)]

    def cells(self, lines: list[Line]) -> list[str]:
        parts = [p for line in lines for p in (line.columns or ((0.0, line.text),))]
        return [" ".join(t for x, t in parts if _column(self.xs, x) == i)
                for i in range(len(self.xs))]

    def fits(self, line: Line) -> bool:
        parts = line.columns or ((0.0, line.text),)
        return len(parts) > 1 or parts[0][0] >= self.xs[1] - _TOLERANCE

    def add(self, group: list[Line]) -> None:
        """One row per group; in a numbered table, a group holding several numbers splits."""
        numbers = [i for i, line in enumerate(group) if self.indexed and line.columns
                   and _column(self.xs, line.columns[0][0]) == 0
                   and line.columns[0][1].rstrip(".").isdigit()]
        cuts = [0, *(self.cut(group, above, below) for above, below
                     in itertools.pairwise(numbers)), len(group)]
        for first, end in itertools.pairwise(cuts):
            self.rows.append(self.cells(group[first:end]))

    def cut(self, group: list[Line], above: int, below: int) -> int:
        """Where the row numbered on line ``below`` starts. Cells are centred on their row's
        number, so the lines between two numbers split about evenly, the upper row taking
        the odd one; a row's first line opens its content with a capital letter."""
        def opens(index: int) -> bool:
            content = [t for x, t in group[index].columns if _column(self.xs, x) == 1]
            return bool(content) and content[0][:1].isupper()

        candidates = [p for p in range(above + 1, below) if opens(p)] or [below]
        return min(candidates, key=lambda p: (abs((p - above - 1) - (below - p) - 0.5), -p))

    def piece(self) -> Table:
        return Table(tuple(tuple(r) for r in self.rows))


def _groups(pieces: list[Piece]) -> list[list[Piece]]:
    """The pieces cut at blank lines; each blank line is a group of its own."""
    groups: list[list[Piece]] = []
    for piece in pieces:
        blank = isinstance(piece, Line) and not piece.text
        if blank or not groups or (groups[-1] and isinstance(groups[-1][0], Line)
                                   and not groups[-1][0].text):
            groups.append([])
        groups[-1].append(piece)
    return groups


def join_tables(pages: list[Page], rules: Rules) -> list[Page]:
    """Tables drawn as text become tables, a table running on over a page break included.

    Runs after the running headers and footers are gone, so a table cut by a page break
    meets its next rows at the top of the following page.
    """
    table: _Table | None = None
    joined: list[Page] = []
    for page in pages:
        out: list[Piece] = []
        for group in _groups(list(page.pieces)):
            lines = [p for p in group if isinstance(p, Line)]
            if len(lines) != len(group) or not lines[0].text:
                out.extend(group)
                continue
            if table is not None and all(table.fits(line) for line in lines):
                table.add(lines)
                continue
            if table is not None:
                out.append(table.piece())
                table = None
            found = _find_header(lines, rules)
            if found is None:
                out.extend(group)
                continue
            first, end, xs = found
            out.extend(lines[:first])
            roles = [rules.column_role(c) for c in _Table(xs, lines[first:end], False).rows[0]]
            table = _Table(xs, lines[first:end], roles[0] == "index")
            if lines[end:]:
                table.add(lines[end:])
        if table is not None and page is pages[-1]:
            out.append(table.piece())
            table = None
        joined.append(Page(tuple(out), page.wrapped))
    return joined


def _lines(text: str, bold: set[str]) -> list[Piece]:
    pieces: list[Piece] = []
    for raw in text.split("\n"):
        line = " ".join(raw.split())
        parts = _parts(raw, 3)
        pieces.append(Line(line, bold=bool(line) and line in bold, columns=tuple(parts)))
    return pieces


def read_pdf(content: bytes) -> list[Page]:
    """The pages of a PDF as laid-out lines; a PDF without any text is a scan."""
    reader = _open(content)
    pages = []
    for page in reader.pages:
        try:
            text = nfc(page.extract_text(extraction_mode="layout"))
            bold = _bold_texts(page)
        except Exception as exc:  # a damaged content stream: pypdf raises many kinds
            raise PlanImportError(ImportErrorCode.CORRUPT, repr(exc)) from exc
        pages.append(Page(tuple(_lines(text, bold)), wrapped=True))
    if sum(len(p.text) for page in pages for p in page.pieces if isinstance(p, Line)) < 20:
        raise PlanImportError(ImportErrorCode.SCANNED, f"{len(pages)} pages, no text layer")
    return pages
