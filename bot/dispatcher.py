"""The outbox dispatcher: claims due rows, sends them at each channel's pace, records why not.

Each row is claimed in one short transaction (with a short lease, renewed while the row is being
sent, so a row whose process died is taken over within seconds) and its outcome is committed
right after its send (together with the sends that finished meanwhile), so a restart resends at
most the few rows that were in flight when the process died. Timeouts and server errors are
retried with exponential backoff, a 429 delays that message by ``retry_after``, a 403 marks the
contact blocked and tells the admin, a moved Telegram group is followed, and a row is given up
after ``max_attempts`` with the reason kept as a code. Who is told what about all this (progress
notices, delivery reports, a contact who blocked the bot) is the core's decision: a
:class:`handlers.delivery.DeliveryPolicy` is asked after each outcome and about once a second.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from bot.delivery import (
    ChatMoved,
    DeliveryError,
    RateLimiter,
    RecipientBlocked,
    RetryLater,
    Sender,
    SendWatcher,
    Undeliverable,
    Unwatched,
)
from bot.health import Health
from handlers.clock import Clock
from handlers.delivery import DeliveryPolicy
from storage.outbox import OutboxUpkeep
from storage.records import FailureCode, OutboxRecord
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DispatchSettings:
    batch: int = 50
    # A claim lasts this long unless renewed; a live dispatcher renews its claims every third
    # of it, so a dead one's rows are taken over within this much time.
    lease: dt.timedelta = dt.timedelta(seconds=15)
    max_attempts: int = 6
    backoff_base: float = 1.0  # seconds; doubled per attempt
    backoff_cap: float = 300.0
    idle_wait: float = 0.5  # seconds between polls when nothing is due
    in_flight: int = 8  # concurrent sends per dispatcher
    review_every: float = 1.0  # seconds between the delivery policy's looks
    failure_backoff_cap: float = 30.0  # seconds between rounds while the database fails


class Dispatcher:
    def __init__(self, unit_of_work: Callable[[], UnitOfWork], senders: Mapping[str, Sender],
                 limiters: Mapping[str, RateLimiter], clock: Clock, policy: DeliveryPolicy,
                 settings: DispatchSettings = DispatchSettings(),
                 worker: str | None = None, health: Health | None = None,
                 watcher: SendWatcher | None = None) -> None:
        self.unit_of_work = unit_of_work
        self.watcher: SendWatcher = watcher or Unwatched()
        self.policy = policy
        self.senders = dict(senders)
        self.limiters = dict(limiters)
        self.clock = clock
        self.settings = settings
        self.worker = worker or f"dispatcher-{uuid.uuid4().hex[:8]}"
        self._slots = asyncio.Semaphore(settings.in_flight)
        # Outcomes are written by one writer at a time (concurrent writers only make SQLite's
        # lock back off); sends that finish while it writes are recorded together next.
        self._writes = asyncio.Lock()
        self._sent: list[int] = []
        self._reviewed_at = -float("inf")
        self._holding: set[int] = set()  # rows claimed and not yet settled: their lease is kept
        self.health = health

    async def run(self, stop: asyncio.Event) -> None:
        """Send until ``stop`` is set; sends in flight are finished, not abandoned.

        The next rows are claimed while the last claim is still being sent (once fewer than
        half a batch is left), so the channel's pace never waits for a batch's slowest send.
        While the database fails, rounds are retried with a growing pause.
        """
        in_flight: set[asyncio.Task[None]] = set()
        renewing = asyncio.create_task(self._keep_claims(stop))
        failures = 0
        while not stop.is_set():
            if len(in_flight) > self.settings.batch // 2:
                await asyncio.wait(in_flight, return_when=asyncio.FIRST_COMPLETED)
                continue
            rows: list[OutboxRecord] = []
            wait = self.settings.idle_wait
            try:
                rows = await self._claim()
                for row in rows:
                    task = asyncio.create_task(self._deliver(row))
                    in_flight.add(task)
                    task.add_done_callback(self._finished(in_flight, row.id))
                await self._review()
                failures = 0
                self._report(None)
            except Exception as error:
                failures += 1
                wait = min(self.settings.failure_backoff_cap,
                           self.settings.idle_wait * 2 ** failures)
                log.exception("outbox dispatch round failed worker=%s, next in %.1fs",
                              self.worker, wait)
                self._report(f"{type(error).__name__}")
            if not rows:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), wait)
        if in_flight:
            await asyncio.wait(in_flight)
        renewing.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await renewing

    def _report(self, problem: str | None) -> None:
        if self.health is None:
            return
        if problem is None:
            self.health.ok("outbox")
        else:
            self.health.failing("outbox", problem)

    async def _keep_claims(self, stop: asyncio.Event) -> None:
        """Renew the lease of every row this dispatcher holds, every third of the lease."""
        every = self.settings.lease.total_seconds() / 3
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), every)
            holding = sorted(self._holding)
            if not holding:
                continue
            try:
                async with self.unit_of_work() as uow:
                    await OutboxUpkeep(uow.session).renew(
                        self.worker, holding, self.clock.now() + self.settings.lease)
                    await uow.commit()
            except Exception:
                log.exception("could not renew the outbox claims worker=%s", self.worker)

    def _finished(self, in_flight: set[asyncio.Task[None]], row_id: int
                  ) -> Callable[[asyncio.Task[None]], None]:
        def forget(task: asyncio.Task[None]) -> None:
            in_flight.discard(task)
            self._holding.discard(row_id)
            if not task.cancelled() and (error := task.exception()) is not None:
                # The row keeps its claim until the lease runs out, then it is sent again.
                log.error("outbox delivery failed to record worker=%s", self.worker,
                          exc_info=error)
        return forget

    async def run_once(self) -> int:
        """Claim one batch and send all of it; how many rows were handled."""
        rows = await self._claim()
        if rows:
            await asyncio.gather(*(self._deliver(row) for row in rows))
            self._holding.difference_update(row.id for row in rows)
        await self._review(force=True)
        return len(rows)

    async def _claim(self) -> list[OutboxRecord]:
        async with self.unit_of_work() as uow:
            rows = await uow.outbox.claim(self.worker, self.clock.now(), self.settings.lease,
                                          self.settings.batch, list(self.senders))
            await uow.commit()
        self._holding.update(row.id for row in rows)
        return rows

    async def _deliver(self, row: OutboxRecord) -> None:
        async with self._slots:
            limiter = self.limiters.get(row.channel)
            if limiter is not None:
                await limiter.acquire(row.chat)
            try:
                try:
                    await self.senders[row.channel].send_text(row.chat, row.text, row.options)
                except DeliveryError as error:
                    self.watcher.failed(row.channel, "outbox", error)
                    raise
            except RetryLater as error:  # a 429 delays this message by its retry_after
                if limiter is not None and not error.maybe_delivered:
                    limiter.refund()
                if limiter is not None and error.retry_after:
                    limiter.defer(row.chat, error.retry_after)
                await self._retry(row, str(error), error.retry_after)
            except ChatMoved as error:
                await self._moved(row, error.new_chat)
            except RecipientBlocked as error:
                await self._blocked(row, str(error))
            except Undeliverable as error:
                await self._give_up(row, FailureCode.REFUSED, str(error))
            except DeliveryError as error:
                await self._retry(row, str(error), None)
            except Exception as error:  # a bug in a sender must not lose the row
                log.exception("sender failed outbox=%s channel=%s", row.id, row.channel)
                await self._retry(row, type(error).__name__, None)
            else:
                self.watcher.sent(row.channel, "outbox")
                self._sent.append(row.id)
                await self._record_sent()

    async def _record_sent(self) -> None:
        async with self._writes:
            sent, self._sent = self._sent, []
            if not sent:
                return
            async with self.unit_of_work() as uow:
                await uow.outbox.mark_sent(sent, self.clock.now())
                await uow.commit()

    async def _retry(self, row: OutboxRecord, reason: str, after: float | None,
                     chat: str | None = None) -> None:
        if row.attempts >= self.settings.max_attempts:
            await self._give_up(row, FailureCode.EXHAUSTED, reason)
            return
        delay = after if after is not None else min(
            self.settings.backoff_cap, self.settings.backoff_base * 2 ** (row.attempts - 1))
        log.info("outbox retry id=%s channel=%s attempt=%d in %.1fs: %s", row.id, row.channel,
                 row.attempts, delay, reason)
        async with self._writes, self.unit_of_work() as uow:
            await uow.outbox.retry(row.id, self.clock.now() + dt.timedelta(seconds=delay),
                                   reason, chat)
            await uow.commit()

    async def _give_up(self, row: OutboxRecord, failure: FailureCode, detail: str) -> None:
        log.warning("outbox gave up id=%s channel=%s attempts=%d (%s): %s", row.id, row.channel,
                    row.attempts, failure, detail)
        async with self._writes, self.unit_of_work() as uow:
            await uow.outbox.fail(row.id, failure, detail)
            await uow.commit()

    async def _moved(self, row: OutboxRecord, new_chat: str) -> None:
        async with self.unit_of_work() as uow:
            await uow.contacts.move_chat(row.chat, row.channel, new_chat)
            await uow.commit()
        await self._retry(row, "chat moved", 0.0, new_chat)

    async def _blocked(self, row: OutboxRecord, reason: str) -> None:
        """Mark the contact blocked, give the row up, and let the policy tell whom it must."""
        now = self.clock.now()
        async with self._writes, self.unit_of_work() as uow:
            await uow.outbox.fail(row.id, FailureCode.BLOCKED, reason)
            contact = (await uow.contacts.mark_blocked(row.contact_id, now)
                       if row.contact_id is not None else None)
            await self.policy.blocked(uow, row, contact, now)
            await uow.commit()
        log.info("contact blocked the bot outbox=%s channel=%s: %s", row.id, row.channel,
                 reason)

    async def _review(self, force: bool = False) -> None:
        """Let the delivery policy look at what is being sent, at most once a second unless
        forced (a report is only due once a broadcast's last row is settled)."""
        now = time.monotonic()
        if not force and now - self._reviewed_at < self.settings.review_every:
            return
        self._reviewed_at = now
        async with self.unit_of_work() as uow:
            await self.policy.review(uow, self.clock.now())
            await uow.commit()
