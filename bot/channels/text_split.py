"""Cutting a long reply into messages a channel accepts: on line boundaries, never inside a
word or a character (lengths in UTF-16 code units, as the Bot APIs count them)."""

from __future__ import annotations

import unicodedata

# Zalo's sendMessage limit, the smaller of the channels' (counted in UTF-16 code units).
MAX_TEXT_UNITS = 2000


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units (characters outside the BMP, e.g. most emoji, count 2)."""
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def _units(char: str) -> int:
    return 2 if ord(char) > 0xFFFF else 1


def _joins_previous(text: str, index: int) -> bool:
    """Whether cutting before ``text[index]`` would tear a character apart (a combining mark,
    a variation selector or a zero-width joiner sequence)."""
    char, previous = text[index], text[index - 1]
    return (unicodedata.combining(char) != 0 or char in "\u200d\ufe0e\ufe0f"
            or previous == "\u200d" or 0x1F3FB <= ord(char) <= 0x1F3FF)


def _split_line(line: str, limit: int) -> list[str]:
    """Cut one over-long line: at the last whitespace that fits (kept at the end of the
    piece), else hard, but not inside a combining sequence when that can be helped."""
    pieces: list[str] = []
    start, remaining = 0, utf16_len(line)
    while remaining > limit:
        used, fit = 0, start
        while used + _units(line[fit]) <= limit:  # stops before the end: remaining > limit
            used += _units(line[fit])
            fit += 1
        cut = fit
        space = next((i for i in range(fit - 1, start - 1, -1) if line[i].isspace()), -1)
        if space >= 0 and line[start:space + 1].strip():
            cut = space + 1
        else:
            soft = fit
            while soft > start + 1 and _joins_previous(line, soft):
                soft -= 1
            if not _joins_previous(line, soft):
                cut = soft
        piece = line[start:cut]
        pieces.append(piece)
        remaining -= utf16_len(piece)
        start = cut
    if start < len(line):
        pieces.append(line[start:])
    return pieces


def split_text(text: str, limit: int = MAX_TEXT_UNITS) -> list[str]:
    """Cut ``text`` into chunks of at most ``limit`` UTF-16 code units, for ``send_message``.

    Lines are packed greedily and chunks end at line boundaries. A single line longer than
    ``limit`` is cut at word boundaries (the space stays at the end of the earlier chunk), or
    hard when a word alone is too long, avoiding cuts inside a combining sequence. A text
    that fits comes back unchanged as one chunk (an empty text gives ``[]``); once it is cut,
    the newlines at the edges of each chunk (the one at the cut, and blank lines there) are
    dropped and nothing else is, so no chunk is empty or only newlines.
    """
    if limit < 2:
        raise ValueError("limit must be at least 2 UTF-16 code units")
    chunks: list[str] = []
    current: list[str] = []
    current_units = -1  # units of "\n".join(current); -1 while empty
    for line in text.split("\n"):
        line_units = utf16_len(line)
        if current and current_units + 1 + line_units <= limit:
            current.append(line)
            current_units += 1 + line_units
            continue
        if current:
            joined = "\n".join(current)
            if joined:
                chunks.append(joined)
            current, current_units = [], -1
        if line_units <= limit:
            current, current_units = [line], line_units
        else:
            pieces = _split_line(line, limit)
            chunks.extend(pieces[:-1])
            current, current_units = [pieces[-1]], utf16_len(pieces[-1])
    if current:
        joined = "\n".join(current)
        if joined:
            chunks.append(joined)
    if len(chunks) < 2:
        return chunks
    # Each chunk is a message of its own: blank lines at its edges would only pad it.
    return [trimmed for chunk in chunks if (trimmed := chunk.strip("\n"))]
