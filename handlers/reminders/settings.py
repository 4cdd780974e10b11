"""The reminder settings the core works with (read from TROLY_ settings at the edge)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from handlers.clock import PLAN_TIMEZONE
from handlers.reminders.policy import ReminderPolicy


@dataclass(frozen=True)
class ReminderSettings:
    at: dt.time = dt.time(8, 0)  # local time of reminders and of the daily digest
    policy: ReminderPolicy = field(default_factory=ReminderPolicy)
    stop_after_days: int = 60  # no reminder later than this many days after the due day
    escalate_after: int = 5  # working days overdue before a unit is in the admins' digest
    weekly_at: dt.time = dt.time(7, 30)  # the weekly digest: Monday at this local time
    weekly_weekday: int = 0
    admins: tuple[str, ...] = ()  # "channel:id" of each admin

    def moment(self, day: dt.date, at: dt.time | None = None) -> dt.datetime:
        """The aware UTC instant of ``at`` (the reminder time) on a local day."""
        local = dt.datetime.combine(day, at or self.at, tzinfo=PLAN_TIMEZONE)
        return local.astimezone(dt.UTC)
