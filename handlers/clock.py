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


class ManualClock:
    """A clock that stays where it was last set (the terminal's scripted ``"now"`` moves it).

    Until it is first set it reads ``start``: an instant, or another clock to follow.
    """

    def __init__(self, start: dt.datetime | Clock) -> None:
        self._start: Clock | None = None
        self._instant: dt.datetime | None = None
        if isinstance(start, dt.datetime):
            self._instant = _aware_utc(start)
        else:
            self._start = start

    def set(self, instant: dt.datetime) -> None:
        """Move the clock to ``instant`` (aware, any offset; read back in UTC). A naive
        instant raises ``ValueError`` and leaves the clock as it was."""
        self._instant = _aware_utc(instant)

    def now(self) -> dt.datetime:
        if self._instant is not None:
            return self._instant
        assert self._start is not None
        return self._start.now()


def _aware_utc(instant: dt.datetime) -> dt.datetime:
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError("the clock needs an aware datetime")
    return instant.astimezone(dt.UTC)
