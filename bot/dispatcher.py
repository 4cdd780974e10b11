"""The outbox dispatcher: claims due rows, sends them at each channel's pace, records why not.

Each row is claimed in one short transaction (with a lease, so a row whose process died is taken
over once the lease runs out) and its outcome is committed right after its send (together with
the sends that finished meanwhile), so a restart resends at most the few rows that were in
flight when the process died. Timeouts and server errors are retried with exponential backoff,
a 429 delays that message by ``retry_after``, a 403 marks the contact blocked and tells the
admin, a moved Telegram group is followed, and a row is given up after ``max_attempts`` with
the reason kept. While a broadcast runs, its admin is told how far it got every
``progress_every``, and gets the delivery report once nothing is left to send.
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
    Undeliverable,
)
from handlers import texts
from handlers.broadcasts import broadcast_progress, delivery_report
from handlers.clock import Clock
from storage.models import BroadcastRow, OutboxRow
from storage.outbox import NOTICE_PRIORITY, NewMessage
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DispatchSettings:
    batch: int = 50
    lease: dt.timedelta = dt.timedelta(minutes=2)
    max_attempts: int = 6
    backoff_base: float = 1.0  # seconds; doubled per attempt
    backoff_cap: float = 300.0
    idle_wait: float = 0.5  # seconds between polls when nothing is due
    in_flight: int = 8  # concurrent sends per dispatcher
    report_every: float = 1.0  # seconds between looks for broadcasts to report on
    progress_every: dt.timedelta = dt.timedelta(minutes=2)  # progress notices to the admin


class Dispatcher:
    def __init__(self, unit_of_work: Callable[[], UnitOfWork], senders: Mapping[str, Sender],
                 limiters: Mapping[str, RateLimiter], clock: Clock,
                 settings: DispatchSettings = DispatchSettings(),
                 worker: str | None = None) -> None:
        self.unit_of_work = unit_of_work
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
        self._told_at = -float("inf")

    async def run(self, stop: asyncio.Event) -> None:
        """Send until ``stop`` is set; sends in flight are finished, not abandoned.

        The next rows are claimed while the last claim is still being sent (once fewer than
        half a batch is left), so the channel's pace never waits for a batch's slowest send.
        """
        in_flight: set[asyncio.Task[None]] = set()
        while not stop.is_set():
            if len(in_flight) > self.settings.batch // 2:
                await asyncio.wait(in_flight, return_when=asyncio.FIRST_COMPLETED)
                continue
            rows: list[OutboxRow] = []
            try:
                rows = await self._claim()
                for row in rows:
                    task = asyncio.create_task(self._deliver(row))
                    in_flight.add(task)
                    task.add_done_callback(self._finished(in_flight))
                await self._tell_admins()
            except Exception:
                log.exception("outbox dispatch round failed worker=%s", self.worker)
            if not rows:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), self.settings.idle_wait)
        if in_flight:
            await asyncio.wait(in_flight)

    def _finished(self, in_flight: set[asyncio.Task[None]]) -> Callable[[asyncio.Task[None]],
                                                                          None]:
        def forget(task: asyncio.Task[None]) -> None:
            in_flight.discard(task)
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
        await self._tell_admins(force=True)
        return len(rows)

    async def _claim(self) -> list[OutboxRow]:
        async with self.unit_of_work() as uow:
            rows = await uow.outbox.claim(self.worker, self.clock.now(), self.settings.lease,
                                          self.settings.batch, list(self.senders))
            await uow.commit()
        return rows

    async def _deliver(self, row: OutboxRow) -> None:
        async with self._slots:
            limiter = self.limiters.get(row.channel)
            if limiter is not None:
                await limiter.acquire(row.chat)
            try:
                await self.senders[row.channel].send_text(row.chat, row.text)
            except RetryLater as error:  # a 429 delays this message by its retry_after
                if limiter is not None and not error.maybe_delivered:
                    limiter.refund()
                await self._retry(row, str(error), error.retry_after)
            except ChatMoved as error:
                await self._moved(row, error.new_chat)
            except RecipientBlocked as error:
                await self._blocked(row, str(error))
            except Undeliverable as error:
                await self._give_up(row, str(error))
            except DeliveryError as error:
                await self._retry(row, str(error), None)
            except Exception as error:  # a bug in a sender must not lose the row
                log.exception("sender failed outbox=%s channel=%s", row.id, row.channel)
                await self._retry(row, type(error).__name__, None)
            else:
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

    async def _retry(self, row: OutboxRow, reason: str, after: float | None,
                     chat: str | None = None) -> None:
        if row.attempts >= self.settings.max_attempts:
            await self._give_up(row, texts.DELIVERY_GAVE_UP.format(attempts=row.attempts,
                                                                   reason=reason))
            return
        delay = after if after is not None else min(
            self.settings.backoff_cap, self.settings.backoff_base * 2 ** (row.attempts - 1))
        log.info("outbox retry id=%s channel=%s attempt=%d in %.1fs: %s", row.id, row.channel,
                 row.attempts, delay, reason)
        async with self._writes, self.unit_of_work() as uow:
            await uow.outbox.retry(row.id, self.clock.now() + dt.timedelta(seconds=delay),
                                   reason, chat)
            await uow.commit()

    async def _give_up(self, row: OutboxRow, reason: str) -> None:
        log.warning("outbox gave up id=%s channel=%s: %s", row.id, row.channel, reason)
        async with self._writes, self.unit_of_work() as uow:
            await uow.outbox.fail(row.id, reason)
            await uow.commit()

    async def _moved(self, row: OutboxRow, new_chat: str) -> None:
        async with self.unit_of_work() as uow:
            await uow.contacts.move_chat(row.chat, row.channel, new_chat)
            await uow.commit()
        await self._retry(row, texts.DELIVERY_MOVED, 0.0, new_chat)

    async def _blocked(self, row: OutboxRow, reason: str) -> None:
        """Mark the contact blocked, give the row up, and tell the admins who sent it."""
        now = self.clock.now()
        async with self.unit_of_work() as uow:
            await uow.outbox.fail(row.id, texts.DELIVERY_BLOCKED)
            contact = (await uow.contacts.mark_blocked(row.contact_id, now)
                       if row.contact_id is not None else None)
            broadcast = (await uow.broadcasts.get(row.broadcast_id)
                         if row.broadcast_id is not None else None)
            if contact is not None and broadcast is not None:
                unit = await uow.units.get(contact.unit_id)
                notice = texts.CONTACT_BLOCKED_NOTICE.format(
                    user=contact.display_name or contact.user, unit=unit.name if unit else "",
                    channel=texts.CHANNEL_NAMES.get(row.channel, row.channel))
                await uow.outbox.enqueue([_admin_notice(broadcast, f"blocked:{row.id}",
                                                        notice)], now)
            await uow.commit()
        log.info("contact blocked the bot outbox=%s channel=%s: %s", row.id, row.channel,
                 reason)

    async def _tell_admins(self, force: bool = False) -> None:
        """Queue the admins' progress notices and delivery reports, at most once a second
        unless forced (a report is only due once a broadcast's last row is settled)."""
        now = time.monotonic()
        if not force and now - self._told_at < self.settings.report_every:
            return
        self._told_at = now
        await self._report_progress()
        await self._report_finished_broadcasts()

    async def _report_progress(self) -> None:
        """Every ``progress_every`` of a running broadcast, tell its admin how far it got."""
        async with self.unit_of_work() as uow:
            now = self.clock.now()
            for broadcast in await uow.broadcasts.sending():
                step = int((now - broadcast.created_at) / self.settings.progress_every)
                key = f"broadcast-progress:{broadcast.id}:{step}"
                if step < 1 or await uow.outbox.known(key):
                    continue
                counts = await uow.outbox.counts(broadcast.id)
                progress = broadcast_progress(broadcast.id, broadcast.audience, counts)
                await uow.outbox.enqueue([_admin_notice(broadcast, key, progress)], now)
            await uow.commit()

    async def _report_finished_broadcasts(self) -> None:
        async with self.unit_of_work() as uow:
            finished = await uow.broadcasts.finished_unreported()
            now = self.clock.now()
            for broadcast in finished:
                counts = await uow.outbox.counts(broadcast.id)
                failures = await uow.outbox.failures(broadcast.id)
                blocked = [contact.display_name or contact.user for row, contact in failures
                           if contact is not None and row.last_error == texts.DELIVERY_BLOCKED]
                report = delivery_report(broadcast.id, broadcast.audience, counts,
                                         [(r.chat, r.last_error) for r, _ in failures], blocked)
                await uow.outbox.enqueue([_admin_notice(
                    broadcast, f"broadcast-report:{broadcast.id}", report)], now)
                broadcast.reported_at = now
            await uow.commit()


def _admin_notice(broadcast: BroadcastRow, dedupe_key: str, text: str) -> NewMessage:
    """A message to the admin who sent the broadcast, ahead of the broadcast's own backlog."""
    channel, _, chat = broadcast.notify_chat.partition(":")
    return NewMessage(dedupe_key=dedupe_key, channel=channel, chat=chat, text=text,
                      priority=NOTICE_PRIORITY)
