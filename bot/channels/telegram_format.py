"""Telegram's side of a reply's text: HTML-escaped chunks that fit a message, and options as
inline buttons whose press stands for the option's number."""

from __future__ import annotations

import html

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.channels.text_split import split_text

MAX_TEXT = 4096
MAX_BUTTON_LABEL = 60
CHOICE_PREFIX = "c:"


def format_html(text: str) -> str:
    """Escape everything the plans or users wrote; set the source line in italics."""
    lines = []
    for line in text.split("\n"):
        escaped = html.escape(line, quote=False)
        lines.append(f"<i>{escaped}</i>" if line.startswith("Nguồn:") else escaped)
    return "\n".join(lines)


def plain_and_html_chunks(text: str) -> list[tuple[str, str]]:
    """Split plain text on line boundaries so that each chunk, once escaped, fits: each
    chunk as written and as sent."""
    chunks: list[tuple[str, str]] = []
    for part in split_text(text, MAX_TEXT):
        formatted = format_html(part)
        while len(formatted) > MAX_TEXT:  # escaping made it longer: split the plain part finer
            halves = split_text(part, max(2, len(part) // 2))
            chunks.extend((h, format_html(h)) for h in halves[:-1])
            part = halves[-1]
            formatted = format_html(part)
        chunks.append((part, formatted))
    return chunks


def html_chunks(text: str) -> list[str]:
    """Split plain text on line boundaries so that each chunk, once escaped, fits."""
    return [formatted for _, formatted in plain_and_html_chunks(text)]


def keyboard(options: tuple[str, ...]) -> InlineKeyboardMarkup | None:
    if not options:
        return None
    rows = []
    for number, option in enumerate(options, 1):
        label = option if len(option) <= MAX_BUTTON_LABEL else option[:MAX_BUTTON_LABEL - 1] + "…"
        rows.append([InlineKeyboardButton(f"{number}. {label}",
                                          callback_data=f"{CHOICE_PREFIX}{number}")])
    return InlineKeyboardMarkup(rows)
