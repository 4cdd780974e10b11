"""Vietnamese working days: Monday to Friday, except public holidays (Tết included, from the
``holidays`` package) and the extra days off the government announces each year, plus the
make-up working days it announces (a Saturday worked in exchange for a bridge day)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import holidays

ONE_DAY = dt.timedelta(days=1)
MAX_SCAN_DAYS = 60  # no stretch of days off is longer than this (Tết is about ten)


class WorkingCalendar:
    def __init__(self, days_off: Iterable[dt.date] = (),
                 working_days: Iterable[dt.date] = ()) -> None:
        self.days_off = frozenset(days_off)
        self.working_days = frozenset(working_days)
        self._public: dict[int, frozenset[dt.date]] = {}
        self._counted: dict[tuple[dt.date, dt.date], int] = {}

    def _holidays(self, year: int) -> frozenset[dt.date]:
        if year not in self._public:
            self._public[year] = frozenset(holidays.country_holidays("VN", years=year))
        return self._public[year]

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.working_days:
            return True
        return (day.weekday() < 5 and day not in self.days_off
                and day not in self._holidays(day.year))

    def on_or_before(self, day: dt.date) -> dt.date:
        """The working day itself, or the last working day before it."""
        for _ in range(MAX_SCAN_DAYS):
            if self.is_working_day(day):
                return day
            day -= ONE_DAY
        return day

    def on_or_after(self, day: dt.date) -> dt.date:
        for _ in range(MAX_SCAN_DAYS):
            if self.is_working_day(day):
                return day
            day += ONE_DAY
        return day

    def add_working_days(self, day: dt.date, count: int) -> dt.date:
        """The ``count``-th working day after ``day`` (``day`` itself is not counted)."""
        while count > 0:
            day += ONE_DAY
            if self.is_working_day(day):
                count -= 1
        return day

    def working_days_after(self, start: dt.date, end: dt.date) -> int:
        """How many working days fall after ``start`` up to and including ``end``."""
        # A tick asks this for thousands of units sharing a few due days.
        known = self._counted.get((start, end))
        if known is None:
            known, day = 0, start
            while day < end:
                day += ONE_DAY
                known += self.is_working_day(day)
            self._counted[(start, end)] = known
        return known
