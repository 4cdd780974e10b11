"""Clean the raw pages: running headers and footers, page numbers, footnotes, stray marks.

A line that comes back at the top or bottom of most pages (digits aside) is a running header
or footer, and "Trang n/m" or a bare page number there is a page number: both go. Footnote
bodies ("¹ Sau đây viết tắt là ...", "[2] Quy định số ...") are set apart, and their markers
are cut from the text. A replacement character (U+FFFD) is repaired from the document's own
words when exactly one of them fits ("Ch� tịch" -> "Chủ tịch"), else dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from knowledge.imports.layout import Line, Page, Piece
from knowledge.textnorm import fold

_PAGE_NUMBER_RE = re.compile(
    r"^(?:trang\s+\d+(?:\s*/\s*\d+)?|-?\s*\d{1,3}\s*-?|\d{1,3}\s*/\s*\d{1,3})$",
    re.IGNORECASE)
_DECORATION_RE = re.compile(r"^[\s*_\-–—=~.·]+$")
_FOOTNOTE_BODY_RE = re.compile(r"^(?:[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\[\d{1,2}\]|\(\ufffd\))\s*(?=\S)")
_MARKERS_RE = re.compile(r"(?<=[^\s\d])[¹²³⁴⁵⁶⁷⁸⁹⁰]+|(?<=[^\s\d\[])\[\d{1,2}\](?!\S)"
                         r"|\(\ufffd\)|\(\(\)|\(\s?\)")
_EDGE = 2  # lines at the top and at the bottom of a page looked at for headers and footers


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", fold(text).strip())


def _edges(page: Page) -> list[int]:
    lines = [i for i, p in enumerate(page.pieces) if isinstance(p, Line) and p.text.strip()]
    return lines[:_EDGE] + lines[-_EDGE:]


def _running_lines(pages: list[Page]) -> set[str]:
    """Shapes of the lines repeated at the edge of at least half the pages (two at least)."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for page in pages:
        counts.update({_shape(page.pieces[i].text) for i in _edges(page)  # type: ignore[union-attr]
                       if len(page.pieces[i].text) > 3})  # type: ignore[union-attr]
    return {shape for shape, n in counts.items() if n >= max(2, len(pages) // 2)}


def strip_page_furniture(pages: list[Page]) -> list[Page]:
    """Pages without running headers, footers and page numbers."""
    running = _running_lines(pages)
    cleaned = []
    for page in pages:
        edges = set(_edges(page))
        kept: list[Piece] = []
        for index, piece in enumerate(page.pieces):
            if isinstance(piece, Line) and index in edges and piece.text.strip() and (
                    _shape(piece.text) in running or _PAGE_NUMBER_RE.match(piece.text.strip())):
                continue
            kept.append(piece)
        cleaned.append(Page(tuple(kept), page.wrapped))
    return cleaned


def split_footnotes(pages: list[Page]) -> tuple[list[Page], list[str]]:
    """Footnote bodies (and the rule above them) leave the text; their texts come back."""
    notes: list[str] = []
    cleaned = []
    for page in pages:
        kept: list[Piece] = []
        for piece in page.pieces:
            if isinstance(piece, Line) and _FOOTNOTE_BODY_RE.match(piece.text):
                notes.append(_FOOTNOTE_BODY_RE.sub("", piece.text).strip())
                continue
            kept.append(piece)
        cleaned.append(Page(tuple(kept), page.wrapped))
    return cleaned, notes


def strip_markers(text: str) -> str:
    """Text without footnote markers ("Minh"¹, "nêu gương[2]")."""
    return " ".join(_MARKERS_RE.sub("", text).split())


def is_decoration(text: str) -> bool:
    return bool(_DECORATION_RE.match(text)) and len(text.strip()) >= 1


def repair_replacements(texts: list[str]) -> tuple[list[str], list[str]]:
    """Replace U+FFFD from the words of the document; returns the texts and the doubts."""
    damaged = [t for t in texts if "\ufffd" in t]
    if not damaged:
        return texts, []
    words = Counter(w for t in texts if "\ufffd" not in t for w in t.split())
    vocabulary = " ".join(t for t in texts if "\ufffd" not in t)
    doubts: list[str] = []

    def fix(match: re.Match[str]) -> str:
        before, word, after = match.group(1) or "", match.group(2), match.group(3) or ""
        pattern = re.escape(word).replace("\ufffd", r"\w{1,2}")
        for context in (rf"{pattern}\s+{re.escape(after)}", rf"{re.escape(before)}\s+{pattern}",
                        pattern):
            found = {m.group(0) for m in re.finditer(rf"(?<!\w){context}(?!\w)", vocabulary)}
            candidates = {re.split(r"\s+", f)[0 if context.startswith(pattern) else -1]
                          for f in found}
            if len(candidates) == 1 and (context != pattern or words[next(iter(candidates))] > 1):
                return f"{before} {next(iter(candidates))} {after}".strip()
        doubts.append(word)
        return f"{before} {word.replace(chr(0xFFFD), '')} {after}".strip()

    regex = re.compile(r"(?:(\w+)\s+)?(\S*\ufffd\S*)(?:\s+(\w+))?")
    return [regex.sub(fix, t) if "\ufffd" in t else t for t in texts], doubts


def replace_text(line: Line, text: str) -> Line:
    return replace(line, text=text)
