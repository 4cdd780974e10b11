"""Numbers typed by users: a choice among options or an id, in any Unicode digits."""

from __future__ import annotations

import unicodedata

MAX_DIGITS = 6  # more than any list of options or any id in a small office's database


def choice_number(text: str) -> int | None:
    """The number a reply gives ("2", "²", "②", "٢"); None when it is not a number, and 0 (out
    of every range) when it has more digits than any real choice or id."""
    word = text.strip()
    if not word:
        return None
    try:
        digits = [unicodedata.digit(c) for c in word]
    except ValueError:
        return None
    if len(digits) > MAX_DIGITS:
        return 0
    return int("".join(str(d) for d in digits))
