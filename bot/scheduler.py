"""The planner's periodic tick in `troly run`: APScheduler 3 (no job store) calls it every
``TROLY_PLANNER_INTERVAL`` seconds; the database is the source of truth, so a tick is
idempotent and a restart, or a second instance ticking too, sends nothing twice.

The scheduler is healthy while ticks succeed and keep coming; ``/healthz`` says otherwise.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Awaitable, Callable

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot.health import Health
from bot.logs import request
from handlers.clock import Clock

log = logging.getLogger(__name__)
PART = "scheduler"
LATE_TICKS = 3  # the scheduler is failing once this many ticks have not come


class PlannerSchedule:
    def __init__(self, tick: Callable[[dt.datetime], Awaitable[object]], clock: Clock,
                 interval: float, health: Health) -> None:
        self.tick = tick
        self.clock = clock
        self.interval = interval
        self.health = health
        self.last_tick: float | None = None  # monotonic time of the last tick that worked
        self._scheduler = AsyncIOScheduler(timezone=dt.UTC)

    def start(self) -> None:
        self._scheduler.add_job(
            self._run, IntervalTrigger(seconds=self.interval), next_run_time=self.clock.now(),
            max_instances=1, coalesce=True, misfire_grace_time=int(self.interval) + 1)
        self._scheduler.start()
        self.health.probe(PART, self.on_time)

    def on_time(self) -> bool:
        started = self.last_tick is not None or self._scheduler.running
        late = LATE_TICKS * self.interval + 5
        return started and (self.last_tick is None or time.monotonic() - self.last_tick < late)

    def age(self) -> float | None:
        """Seconds since the last tick that worked, for /healthz."""
        return None if self.last_tick is None else time.monotonic() - self.last_tick

    async def _run(self) -> None:
        with request("tick-"):
            try:
                await self.tick(self.clock.now())
            except Exception as error:
                log.exception("planner tick failed")
                self.health.failing(PART, type(error).__name__)
                return
        self.last_tick = time.monotonic()
        self.health.ok(PART)

    def stop(self) -> None:
        if self._scheduler.running:
            self._scheduler.shutdown(wait=False)
