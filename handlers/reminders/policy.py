"""When a unit is reminded of one due day: the policy's days before it, the day itself, and
every few working days while it is overdue — each moved to the working day before when it falls
on a day off, two on one day being one reminder."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from handlers.reminders.calendar import WorkingCalendar

DEFAULT_BEFORE = (7, 3, 1)
DEFAULT_OVERDUE_EVERY = 2
MAX_BEFORE_DAYS = 90
MAX_BEFORE_COUNT = 6
MAX_OVERDUE_EVERY = 30
EARLY = 2  # reminders this many days or more before the due day are "early"


class PolicyError(ValueError):
    """A policy an admin asked for that cannot be: the message says why (for the texts)."""


@dataclass(frozen=True)
class Moment:
    day: dt.date  # the working day it is sent on
    kind: str  # "before:7", "due", "overdue:4" (working days late)
    closeness: int  # days from the due day: of two on one day, the closer one is kept


@dataclass(frozen=True)
class ReminderPolicy:
    before: tuple[int, ...] = DEFAULT_BEFORE  # calendar days before the due day
    overdue_every: int = DEFAULT_OVERDUE_EVERY  # working days between overdue reminders; 0: none

    def check(self) -> ReminderPolicy:
        if not self.before and not self.overdue_every:
            raise PolicyError("empty")
        if len(self.before) > MAX_BEFORE_COUNT:
            raise PolicyError("too_many")
        if any(not 1 <= days <= MAX_BEFORE_DAYS for days in self.before):
            raise PolicyError("before_range")
        if not 0 <= self.overdue_every <= MAX_OVERDUE_EVERY:
            raise PolicyError("overdue_range")
        return self

    def moments(self, due: dt.date, calendar: WorkingCalendar, *, overdue_until: dt.date,
                early: bool = True) -> list[Moment]:
        """Every reminder of this due day, soonest first, up to ``overdue_until``."""
        wanted: list[Moment] = [Moment(calendar.on_or_before(due), "due", 0)]
        for days in self.before:
            if early or days < EARLY:
                day = calendar.on_or_before(due - dt.timedelta(days=days))
                wanted.append(Moment(day, f"before:{days}", days))
        if self.overdue_every:
            late = self.overdue_every
            day = calendar.add_working_days(due, late)
            while day <= overdue_until:
                wanted.append(Moment(day, f"overdue:{late}", late))
                late += self.overdue_every
                day = calendar.add_working_days(day, self.overdue_every)
        by_day: dict[dt.date, Moment] = {}
        for moment in wanted:
            kept = by_day.get(moment.day)
            if kept is None or moment.closeness < kept.closeness:
                by_day[moment.day] = moment
        return sorted(by_day.values(), key=lambda m: m.day)
