"""Read .txt and .md plans: decode, split pages on form feeds, undo the little markdown.

Offices save text as UTF-8 (with or without a BOM) or UTF-16; anything else is read as UTF-8
with replacement characters, which the cleaning step then repairs from the document's own
words where it can. Markdown is undone line by line: headings (``#``), ``**bold**`` (a line
that is bold throughout is marked so), ``*italics*``, ``\\*`` escapes, ``<sup>n</sup>``
footnote markers and ``| pipe | tables |``. A line whose parts are set apart by tabs or runs
of spaces (a two-column letterhead) keeps its parts as columns.
"""

from __future__ import annotations

import codecs
import re

from knowledge.imports.layout import Line, Page, Piece, Table
from knowledge.textnorm import nfc

_SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_HEADING_RE = re.compile(r"^(#{1,6})\s+(.*)$")
_GLUED_BOLD_RE = re.compile(r"\*\*\*\*(?=\S)")
_SUP_RE = re.compile(r"<sup>\s*(\d{1,3})\s*</sup>", re.IGNORECASE)
_ITALIC_RE = re.compile(r"(?<![\w*\\])\*(?=[^\s*])(.+?)(?<=[^\s*\\])\*(?![\w*])")
_COLUMN_GAP_RE = re.compile(r"\t+|\s{3,}")
_TABLE_RULE_RE = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)+\|?$|^\|\s*:?-{2,}:?\s*\|$")


def decode(content: bytes) -> str:
    """The text of a plain-text file: BOMs first, then UTF-16 by its zero bytes, then UTF-8."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if content.startswith(bom):
            return content.decode(encoding, errors="replace")
    head = content[:4096]
    if head[1::2].count(0) > len(head) // 3:
        return content.decode("utf-16-le", errors="replace")
    if head[0::2].count(0) > len(head) // 3:
        return content.decode("utf-16-be", errors="replace")
    return content.decode("utf-8", errors="replace")


def _unmark(text: str) -> tuple[str, bool]:
    """The line without its emphasis marks, and whether it was bold throughout."""
    text = _SUP_RE.sub(lambda m: m.group(1).translate(_SUPERSCRIPTS), text)
    text = re.sub(r"<br\s*/?>", " ", text, flags=re.IGNORECASE)
    stripped = text.strip()
    bold = stripped.startswith("**") and stripped.endswith("**") and len(stripped) > 4
    text = text.replace("**", "").replace("__", "")
    text = _ITALIC_RE.sub(r"\1", text)
    return text.replace("\\*", "*").replace("\\_", "_").replace("\\", ""), bold


def _cells(line: str) -> tuple[str, ...]:
    inner = line.strip().strip("|")
    return tuple(_unmark(cell)[0].strip() for cell in inner.split("|"))


def _columns(raw: str) -> tuple[tuple[float, str], ...]:
    """The parts of a line set apart by tabs or 3+ spaces, at their expanded offsets."""
    expanded = raw.rstrip().expandtabs(8)
    parts = []
    position = 0
    for piece in _COLUMN_GAP_RE.split(expanded):
        where = expanded.find(piece, position) if piece else position
        if piece.strip():
            parts.append((float(where), piece.strip()))
        position = where + len(piece)
    return tuple(parts) if len(parts) > 1 else ()


def _line(raw: str) -> Line:
    heading = 0
    text = raw.strip()
    if match := _HEADING_RE.match(text):
        heading, text = len(match.group(1)), match.group(2)
    columns = _columns(raw) if not heading else ()
    clean, bold = _unmark(text)
    if columns:
        columns = tuple((x, _unmark(part)[0].strip()) for x, part in columns)
    return Line(" ".join(clean.split()), bold=bold, heading=heading, columns=columns)


def _table_starts(lines: list[str], index: int) -> bool:
    """A pipe table: a row of cells followed by a rule ("|---|---|"; outer pipes optional)."""
    line = lines[index].strip()
    following = lines[index + 1].strip() if index + 1 < len(lines) else ""
    return "|" in line and "-" in following and bool(_TABLE_RULE_RE.match(following))


def _page(text: str) -> Page:
    pieces: list[Piece] = []
    rows: list[tuple[str, ...]] = []
    lines = _GLUED_BOLD_RE.sub("**\n**", text).split("\n")
    for index, raw in enumerate(lines):
        stripped = raw.strip()
        if (rows and "|" in stripped) or _table_starts(lines, index) or (
                stripped.startswith("|") and stripped.count("|") >= 2):
            if not _TABLE_RULE_RE.match(stripped):
                rows.append(_cells(stripped))
            continue
        if rows:
            pieces.append(Table(tuple(rows)))
            rows = []
        pieces.append(_line(raw) if stripped else Line(""))
    if rows:
        pieces.append(Table(tuple(rows)))
    return Page(tuple(pieces))


def read_text(content: bytes) -> list[Page]:
    """The pages of a .txt or .md file (form feeds separate pages), NFC."""
    text = nfc(decode(content)).replace("\r\n", "\n").replace("\r", "\n")
    return [_page(page) for page in text.split("\f")]
