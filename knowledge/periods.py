"""The calendar of plan deadlines: the periods a recurring deadline falls due in.

``occurrences(deadline, first, last)`` lists, for the reminders planner, every time a deadline
falls due between two days: its period's label ("quý I/2026"), the day the period opens and
its due day (the last day on time). ``knowledge.deadlines`` reads the phrases; this module
only counts days.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from knowledge.schema import Deadline, DeadlineKind

ROMAN = ("I", "II", "III", "IV")


def last_day_of_month(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def quarter_window(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    first_month = 3 * (quarter - 1) + 1
    return dt.date(year, first_month, 1), last_day_of_month(year, first_month + 2)


@dataclass(frozen=True)
class Occurrence:
    """One time a deadline falls due: the period it is for, when it opens, its due day."""

    label: str  # "quý I/2026", "6 tháng đầu năm 2026", "năm 2026", "tháng 3/2026"
    start: dt.date
    due: dt.date  # the last day on time


_MONTHS_IN = {"month": 1, "quarter": 3, "half_year": 6, "year": 12}


def _period_occurrence(deadline: Deadline, year: int, index: int) -> Occurrence:
    """Period ``index`` of ``year`` (a month, quarter, half or the year) and its due day."""
    size = _MONTHS_IN[deadline.recurrence or "year"]
    start = dt.date(year, (index - 1) * size + 1, 1)
    months = year * 12 + start.month - 2 + (deadline.due_month or size)
    due_year, due_month = divmod(months + deadline.due_offset * size, 12)
    last = last_day_of_month(due_year, due_month + 1)
    due = last.replace(day=min(deadline.due_day, last.day)) if deadline.due_day else last
    if deadline.due_month and not deadline.due_day and not deadline.due_offset:
        start = last.replace(day=1)  # "tháng 11 hằng năm": the work is done in November
    return Occurrence(_label(deadline.recurrence or "year", year, index), start, due)


def _label(period: str, year: int, index: int) -> str:
    if period == "month":
        return f"tháng {index}/{year}"
    if period == "quarter":
        return f"quý {ROMAN[index - 1]}/{year}"
    if period == "half_year":
        return f"6 tháng {'đầu' if index == 1 else 'cuối'} năm {year}"
    return f"năm {year}"


def _recurring_occurrences(deadline: Deadline, first: dt.date, last: dt.date
                           ) -> list[Occurrence]:
    """The conservative reading of "hằng tuần": due each Friday, the last working day."""
    since = deadline.since or dt.date.min
    found: list[Occurrence] = []
    if deadline.recurrence == "week":
        monday = first - dt.timedelta(days=first.weekday())
        for week in range((last - monday).days // 7 + 1):
            start = monday + dt.timedelta(weeks=week)
            due, iso = start + dt.timedelta(days=4), start.isocalendar()
            if first <= due <= last and due >= since:
                found.append(Occurrence(f"tuần {iso.week}/{iso.year}", start, due))
        return found
    size = _MONTHS_IN.get(deadline.recurrence or "", 0)
    for year in range(first.year - 1 - deadline.due_offset, last.year + 1) if size else ():
        for index in range(1, 12 // size + 1):
            occurrence = _period_occurrence(deadline, year, index)
            if first <= occurrence.due <= last and \
                    last_day_of_month(year, index * size) >= since:
                found.append(occurrence)
    return found


def occurrences(deadline: Deadline, first: dt.date, last: dt.date) -> list[Occurrence]:
    """The occurrences of ``deadline`` whose due day falls within ``[first, last]``.

    A recurring deadline has one per period ("hằng quý": the quarter's last day; "ngày 20 của
    tháng cuối quý": the 20th of its last month; "định kỳ 6 tháng": 30/6 and 31/12; "trước
    ngày 10/01 năm sau": 10/01 of the year after the one reported on); a dated one has one,
    labelled with its phrase; an ongoing, relative or unread one has none.
    """
    if deadline.kind is DeadlineKind.RECURRING:
        return _recurring_occurrences(deadline, first, last)
    if deadline.end is None or deadline.kind in (DeadlineKind.NONE, DeadlineKind.ONGOING,
                                                 DeadlineKind.RELATIVE):
        return []
    if not first <= deadline.end <= last:
        return []
    return [Occurrence(deadline.phrase, deadline.start or deadline.end, deadline.end)]
