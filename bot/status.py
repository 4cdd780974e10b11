"""What `troly run` says of itself: ``/healthz`` (JSON, 503 while any part fails) and
``/metrics`` (Prometheus), both from one look at the parts.

The parts: the database (it answers a query), each channel (its polling works, its task runs),
the scheduler (the last planner tick is recent), the outbox (its dispatcher runs, and no
message has been due longer than ``TROLY_OUTBOX_MAX_AGE``).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field

from aiohttp import web
from sqlalchemy import case, func, select

from bot.health import Health
from bot.metrics import CONTENT_TYPE, Metrics
from bot.scheduler import PART as SCHEDULER
from bot.scheduler import PlannerSchedule
from handlers.clock import Clock, SystemClock
from storage.database import Database
from storage.models import OutboxRow

log = logging.getLogger(__name__)
OUTBOX = "outbox"
DATABASE = "database"
PENDING = "pending"


@dataclass(frozen=True)
class Backlog:
    pending: int  # not sent nor given up yet
    due: int  # of which due now
    oldest_due_age: float  # seconds the oldest due one has waited (0 when none)


async def outbox_backlog(database: Database, now: dt.datetime) -> Backlog:
    due = OutboxRow.next_attempt_at <= now
    query = select(func.count(), func.coalesce(func.sum(case((due, 1), else_=0)), 0),
                   func.min(case((due, OutboxRow.next_attempt_at)))
                   ).where(OutboxRow.state == PENDING)
    async with database.session() as session:
        pending, due_count, oldest = (await session.execute(query)).one()
    if isinstance(oldest, str):  # SQLite keeps no type for an expression's result
        oldest = dt.datetime.fromisoformat(oldest)
    if isinstance(oldest, dt.datetime) and oldest.tzinfo is None:
        oldest = oldest.replace(tzinfo=dt.UTC)
    age = max(0.0, (now - oldest).total_seconds()) if oldest is not None else 0.0
    return Backlog(int(pending), int(due_count), age)


@dataclass
class Status:
    """The parts of one `troly run`, as ``/healthz`` and ``/metrics`` see them."""

    database: Database
    channels: Iterable[str]
    health: Health = field(default_factory=Health)
    schedule: PlannerSchedule | None = None
    metrics: Metrics | None = None
    clock: Clock = field(default_factory=SystemClock)
    outbox_max_age: float = 0.0  # seconds; 0: the backlog's age never fails the outbox

    async def report(self) -> tuple[bool, dict[str, object]]:
        """Whether every part works, and what ``/healthz`` says of each."""
        failing = self.health.problems()
        body: dict[str, object] = {}
        try:
            backlog: Backlog | None = await outbox_backlog(self.database, self.clock.now())
            body[DATABASE] = {"status": "ok"}
        except Exception as error:
            log.warning("health check: the database does not answer (%s)", type(error).__name__)
            backlog = None
            failing[DATABASE] = type(error).__name__
            body[DATABASE] = {"status": "failing", "reason": type(error).__name__}
        if backlog is not None and self.outbox_max_age and (
                backlog.oldest_due_age > self.outbox_max_age):
            failing.setdefault(OUTBOX, f"a message due {backlog.oldest_due_age:.0f}s ago")
        body["channels"] = {name: _part(name, failing) for name in sorted(self.channels)}
        if self.schedule is not None:
            age = self.schedule.age()
            body["scheduler"] = {**_part(SCHEDULER, failing), "last_tick_age_seconds":
                                 None if age is None else round(age, 1)}
        outbox = _part(OUTBOX, failing)
        if backlog is not None:
            outbox.update(pending=backlog.pending, due=backlog.due,
                          oldest_due_age_seconds=round(backlog.oldest_due_age, 1))
        body[OUTBOX] = outbox
        self._measure(backlog, failing)
        healthy = not failing
        head: dict[str, object] = {"status": "ok" if healthy else "failing"}
        if failing:
            head["failing"] = failing
        return healthy, {**head, **body}

    def _measure(self, backlog: Backlog | None, failing: dict[str, str]) -> None:
        if self.metrics is None:
            return
        if backlog is not None:
            self.metrics.outbox_pending.set(backlog.pending)
            self.metrics.outbox_due.set(backlog.due)
            self.metrics.outbox_oldest.set(backlog.oldest_due_age)
        if self.schedule is not None:
            age = self.schedule.age()
            self.metrics.tick_age.set(-1 if age is None else age)
        parts = [DATABASE, OUTBOX, *self.channels]
        if self.schedule is not None:
            parts.append(SCHEDULER)
        for part in parts:
            self.metrics.healthy.labels(part).set(0 if part in failing else 1)

    async def healthz(self, _request: web.Request) -> web.Response:
        """200 while everything works, 503 naming what fails, so that an orchestrator or a
        proxy stops routing to this instance (or restarts it)."""
        healthy, body = await self.report()
        return web.json_response(body, status=200 if healthy else 503)

    async def metrics_page(self, _request: web.Request) -> web.Response:
        await self.report()  # the gauges read at scrape time
        exposition = self.metrics.exposition() if self.metrics is not None else b""
        return web.Response(body=exposition, headers={"Content-Type": CONTENT_TYPE})


def _part(name: str, failing: dict[str, str]) -> dict[str, object]:
    if name in failing:
        return {"status": "failing", "reason": failing[name]}
    return {"status": "ok"}


def health_endpoint(database: Database, channels: Iterable[str], health: Health | None = None
                    ) -> Callable[[web.Request], Awaitable[web.Response]]:
    """``/healthz`` over the database, the channels and what ``health`` knows."""
    return Status(database, channels, health or Health()).healthz
