"""Read .docx plans with python-docx: paragraphs and tables in document order.

Each paragraph becomes a line, marked as a heading when its style is "Heading n" (or "Title")
and as bold when all its text is in bold runs; a line break inside a paragraph starts a new
line. Tables become rows of cell texts, a merged cell counted once. Before parsing, the zip
is checked: what the document part unpacks to must stay under a limit, so a small file that
unpacks to gigabytes is refused without being unpacked.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

from knowledge.imports.errors import ImportErrorCode, PlanImportError
from knowledge.imports.layout import Line, Page, Piece, Table
from knowledge.textnorm import nfc

UNPACKED_FACTOR = 20  # the document part may unpack to 20 times the size limit at most
_HEADING_STYLE_RE = re.compile(r"heading\s*(\d)|^title$", re.IGNORECASE)


def _check_zip(content: bytes, max_bytes: int) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
            if "EncryptedPackage" in names:
                raise PlanImportError(ImportErrorCode.PASSWORD)
            if "word/document.xml" not in names:
                raise PlanImportError(ImportErrorCode.CORRUPT, "no word/document.xml")
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise PlanImportError(ImportErrorCode.CORRUPT, str(exc)) from exc
    if unpacked > UNPACKED_FACTOR * max_bytes:
        raise PlanImportError(ImportErrorCode.TOO_LARGE, f"unpacks to {unpacked} bytes")


def _heading_level(paragraph: Any, styles: dict[str, str]) -> int:
    # The style id from the XML, named from a table made once: python-docx's own
    # ``paragraph.style`` searches the styles part again for every paragraph.
    style = styles.get(paragraph._p.style or "", "")
    match = _HEADING_STYLE_RE.search(style)
    if not match:
        return 0
    return int(match.group(1)) if match.group(1) else 1


def _paragraph_lines(paragraph: Any, styles: dict[str, str]) -> Iterator[Line]:
    runs = [run for run in paragraph.runs if run.text.strip()]
    bold = bool(runs) and all(run.bold for run in runs)
    heading = _heading_level(paragraph, styles)
    for text in paragraph.text.split("\n"):
        yield Line(" ".join(nfc(text).replace("\t", " ").split()), bold=bold, heading=heading)


def _table(table: Any) -> Table:
    rows = []
    for row in table.rows:
        cells: list[str] = []
        seen: list[Any] = []
        for cell in row.cells:
            if any(cell._tc is other for other in seen):
                continue  # a merged cell is listed once per column it spans
            seen.append(cell._tc)
            cells.append(" ".join(nfc(cell.text).split()))
        rows.append(tuple(cells))
    return Table(tuple(rows))


def read_docx(content: bytes, max_bytes: int) -> list[Page]:
    """One page holding the document's lines and tables in order."""
    _check_zip(content, max_bytes)
    import docx  # imported here: reading text files must not need python-docx loaded
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(content))
    except Exception as exc:  # python-docx raises many kinds for a damaged part
        raise PlanImportError(ImportErrorCode.CORRUPT, repr(exc)) from exc
    styles = {style.style_id: style.name or "" for style in document.styles}
    pieces: list[Piece] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            pieces.extend(_paragraph_lines(Paragraph(child, document), styles))
        elif tag == "tbl":
            pieces.append(_table(DocxTable(child, document)))
    return [Page(tuple(pieces))]
