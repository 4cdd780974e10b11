"""The one clock everything reads: aware UTC instants, plan rules in Asia/Ho_Chi_Minh."""

from __future__ import annotations

import datetime as dt
from typing import Protocol
from zoneinfo import ZoneInfo

PLAN_TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")


class Clock(Protocol):
    def now(self) -> dt.datetime:
        """The current instant, timezone-aware, in UTC."""
        ...


class SystemClock:
    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)


class FixedClock:
    """A clock stopped at one instant: for tests, demos and ``--today``."""

    def __init__(self, instant: dt.datetime) -> None:
        if instant.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self._instant = instant.astimezone(dt.UTC)

    @classmethod
    def on_local_day(cls, day: dt.date) -> FixedClock:
        """Noon of ``day`` in Viet Nam: a day given on the command line means that local day."""
        return cls(dt.datetime.combine(day, dt.time(12), tzinfo=PLAN_TIMEZONE))

    def now(self) -> dt.datetime:
        return self._instant


def local_today(clock: Clock) -> dt.date:
    return clock.now().astimezone(PLAN_TIMEZONE).date()
