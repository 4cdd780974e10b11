"""Periods a question names: relative ones ("tháng này", "sắp tới") and explicit ones
("tháng 3/2024", "quý I/2024", "năm 2024")."""

from __future__ import annotations

import datetime as dt

from handlers.answers.model import Window
from knowledge.deadlines import ROMAN_QUARTERS, last_day_of_month, quarter_window

SOON_DAYS = 30
OVERDUE_DAYS = 90
NEXT_DAYS = 3 * 366  # "mốc tiếp theo": the next time due, however far; plans span a few years


def _shift_month(day: dt.date, months: int) -> dt.date:
    total = day.year * 12 + day.month - 1 + months
    return dt.date(total // 12, total % 12 + 1, 1)


def relative_window(kind: str, offset: int, today: dt.date) -> Window:
    if kind == "month":
        first = _shift_month(today, offset)
        return Window(first, last_day_of_month(first.year, first.month), kind)
    if kind == "quarter":
        first = _shift_month(today.replace(day=1), 3 * offset - (today.month - 1) % 3)
        start, end = quarter_window(first.year, (first.month - 1) // 3 + 1)
        return Window(start, end, kind)
    if kind == "week":
        monday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(weeks=offset)
        return Window(monday, monday + dt.timedelta(days=6), kind)
    if kind == "year":
        year = today.year + offset
        return Window(dt.date(year, 1, 1), dt.date(year, 12, 31), kind)
    if kind == "day":
        day = today + dt.timedelta(days=offset)
        return Window(day, day, kind)
    if kind == "next":  # the listing keeps only the first time due in it
        return Window(today, today + dt.timedelta(days=NEXT_DAYS), kind)
    if kind == "overdue":
        return Window(today - dt.timedelta(days=OVERDUE_DAYS), today - dt.timedelta(days=1), kind)
    return Window(today, today + dt.timedelta(days=SOON_DAYS), "soon")


def explicit_window(keys: tuple[str, ...], today: dt.date | None = None
                    ) -> tuple[Window, int, int] | None:
    """'tháng 3/2024', 'tháng 3 năm 2024', 'quý I/2024', 'năm 2024': window and token span.
    With ``today``, a month named without its year ('tháng 3 này') is in today's year."""
    found = _dated_window(keys)
    if found is not None or today is None:
        return found
    for index, key in enumerate(keys[:-1]):
        number = keys[index + 1]
        if (key == "thang" and number.isdigit() and 1 <= int(number) <= 12
                and not (index and keys[index - 1].isdigit())):  # "6 tháng 12…" is a count
            first = dt.date(today.year, int(number), 1)
            window = Window(first, last_day_of_month(first.year, first.month), "month")
            return window, index, index + 2
        this = keys[index + 2] if index + 2 < len(keys) else ""
        if key == "quy" and number in ROMAN_QUARTERS and (
                (index and keys[index - 1] in ("het", "cuoi")) or this == "nay"):
            # "đến hết quý 1", "quý II này": this year's
            start, end = quarter_window(today.year, ROMAN_QUARTERS[number])
            return Window(start, end, "quarter"), index, index + 2
    return None


def _dated_window(keys: tuple[str, ...]) -> tuple[Window, int, int] | None:
    for index, key in enumerate(keys):
        rest = keys[index + 1 :]
        if key in ("thang", "quy") and len(rest) >= 2:
            number = rest[0]
            year_at = 2 if rest[1] == "nam" and len(rest) >= 3 else 1
            year = rest[year_at]
            if not (year.isdigit() and len(year) == 4):
                continue
            if key == "thang" and number.isdigit() and 1 <= int(number) <= 12:
                first = dt.date(int(year), int(number), 1)
                end = last_day_of_month(first.year, first.month)
                return Window(first, end, "month"), index, index + 2 + year_at
            if key == "quy" and number in ROMAN_QUARTERS:
                start, end = quarter_window(int(year), ROMAN_QUARTERS[number])
                return Window(start, end, "quarter"), index, index + 2 + year_at
        if key == "nam" and rest and rest[0].isdigit() and len(rest[0]) == 4:
            first = dt.date(int(rest[0]), 1, 1)
            return Window(first, first.replace(month=12, day=31), "year"), index, index + 2
    return None
