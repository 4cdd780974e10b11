"""Read a plan's time phrase ("trước ngày 25/3/2024", "trong quý I/2024") into a Deadline.

The phrase is kept as written; the reading adds the kind and the window of local dates it
defines. Anything that cannot be read with certainty stays ``NONE``: an unreadable phrase must
never become a date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from knowledge.schema import Deadline, DeadlineKind
from knowledge.textnorm import canonical, fold

ROMAN_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}

_DATE = r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})"
_MONTH = r"(\d{1,2})\s*/\s*(\d{4})"
_DATE_RE = re.compile(rf"(?<![\d/]){_DATE}(?![\d/])")
_RANGE_MONTHS_RE = re.compile(rf"tu\s+thang\s+{_MONTH}\s*(?:-|–|den|toi)\s*(?:thang\s+)?{_MONTH}")
_RANGE_DATES_RE = re.compile(rf"tu\s+(?:ngay\s+)?{_DATE}\s*(?:-|–|den|toi)\s*(?:ngay\s+)?{_DATE}")
_DAY_MONTH_RE = re.compile(r"(?<![\d/])(\d{1,2})\s*/\s*(\d{1,2})(?![\d/])")
_QUARTER_RE = re.compile(r"\bquy\s+(iv|iii|ii|i|[1-4])\b(?:\s*(?:/|nam)\s*(\d{4}))?")
_MONTH_RE = re.compile(rf"\bthang\s+{_MONTH}(?!\s*/)")
_OCCASION_WORDS = ("dip", "ky niem", "sinh nhat", "ngay sinh")
_RECURRENCES = (
    ("hang nam", "year"),
    ("hang quy", "quarter"),
    ("hang thang", "month"),
)


def last_day_of_month(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def quarter_window(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    first_month = 3 * (quarter - 1) + 1
    return dt.date(year, first_month, 1), last_day_of_month(year, first_month + 2)


def _date(day: str, month: str, year: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _month_window(month: str, year: str) -> tuple[dt.date, dt.date] | None:
    m, y = int(month), int(year)
    if not 1 <= m <= 12:
        return None
    return dt.date(y, m, 1), last_day_of_month(y, m)


def parse_deadline(phrase: str, plan_year: int) -> Deadline:
    """Normalise one time phrase; ``plan_year`` completes a quarter written without its year."""
    written = canonical(phrase).strip()
    key = fold(written)
    tentative = "du kien" in key

    def make(kind: DeadlineKind, start: dt.date | None = None, end: dt.date | None = None,
             recurrence: str | None = None) -> Deadline:
        return Deadline(phrase=written, kind=kind, start=start, end=end,
                        tentative=tentative, recurrence=recurrence)

    if "thuong xuyen" in key:
        return make(DeadlineKind.ONGOING)
    for words, period in _RECURRENCES:
        if words in key:  # "hằng năm" and "hàng năm" fold alike
            return make(DeadlineKind.RECURRING, recurrence=period)
    if key.startswith("sau khi") or " sau khi " in f" {key}":
        return make(DeadlineKind.NONE)

    if match := _RANGE_DATES_RE.search(key):
        start = _date(*match.group(1, 2, 3))
        end = _date(*match.group(4, 5, 6))
        if start and end and start <= end:
            return make(DeadlineKind.RANGE, start, end)
    if match := _RANGE_MONTHS_RE.search(key):
        first = _month_window(*match.group(1, 2))
        last = _month_window(*match.group(3, 4))
        if first and last and first[0] <= last[1]:
            return make(DeadlineKind.RANGE, first[0], last[1])

    dates = [d for d in (_date(*m) for m in _DATE_RE.findall(key)) if d is not None]
    if dates:
        # "(19/5/1890 - 19/5/2024)": the anniversary's own date is the latest one.
        when = max(dates)
        if any(word in key for word in _OCCASION_WORDS):
            return make(DeadlineKind.OCCASION, when, when)
        return make(DeadlineKind.EXACT_DATE, None, when)

    occasion = any(word in key for word in _OCCASION_WORDS)
    if occasion and (match := _DAY_MONTH_RE.search(key)):
        # "vào dịp 19/5": the plan's own year.
        day = _date(match.group(1), match.group(2), str(plan_year))
        if day:
            return make(DeadlineKind.OCCASION, day, day)

    if match := _QUARTER_RE.search(key):
        year = int(match.group(2)) if match.group(2) else plan_year
        start, end = quarter_window(year, ROMAN_QUARTERS[match.group(1)])
        return make(DeadlineKind.QUARTER, start, end)
    if match := _MONTH_RE.search(key):
        window = _month_window(*match.group(1, 2))
        if window:
            return make(DeadlineKind.MONTH, *window)
    return make(DeadlineKind.NONE)
