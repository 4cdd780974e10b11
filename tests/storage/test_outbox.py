"""The outbox and its dispatcher on SQLite and PostgreSQL: retries, giving up, moved chats,
a dead worker's claims taken over, and two dispatchers sharing one PostgreSQL."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections import Counter
from collections.abc import Sequence

import pytest
from sqlalchemy import select

from bot.delivery import ChatMoved, DeliveryError, RateLimiter, RetryLater, Undeliverable
from bot.dispatcher import Dispatcher, DispatchSettings
from handlers.assistant import delivery_policy
from handlers.clock import SystemClock
from storage.database import Database
from storage.models import OutboxRow
from storage.records import NewMessage
from storage.uow import UnitOfWork

FAST = DispatchSettings(batch=20, backoff_base=0.01, idle_wait=0.01, max_attempts=3,
                        lease=dt.timedelta(seconds=30))


class ScriptedSender:
    """Records what it sent; fails chats as told, a given number of times each."""

    channel = "telegram"

    def __init__(self, failures: dict[str, list[DeliveryError]] | None = None,
                 delay: float = 0.0) -> None:
        self.failures = failures or {}
        self.delay = delay
        self.sent: Counter[tuple[str, str]] = Counter()

    async def send_text(self, chat: str, text: str, options: Sequence[str] = ()) -> None:
        await asyncio.sleep(self.delay)
        queue = self.failures.get(chat)
        if queue:
            raise queue.pop(0)
        self.sent[(chat, text)] += 1


async def enqueue(database: Database, count: int, prefix: str = "m") -> None:
    async with UnitOfWork(database.session()) as uow:
        added = await uow.outbox.enqueue(
            [NewMessage(f"{prefix}{n}", "telegram", str(n), f"tin {n}") for n in range(count)],
            dt.datetime.now(dt.UTC))
        again = await uow.outbox.enqueue([NewMessage(f"{prefix}0", "telegram", "0", "x")],
                                         dt.datetime.now(dt.UTC))
        await uow.commit()
    assert added == count and again == 0  # the same message is never queued twice


def dispatcher(database: Database, sender: ScriptedSender, worker: str = "w1",
               settings: DispatchSettings = FAST) -> Dispatcher:
    return Dispatcher(lambda: UnitOfWork(database.session()), {"telegram": sender},
                      {"telegram": RateLimiter(1000, 0.0)}, SystemClock(), delivery_policy(),
                      settings, worker)


async def drain(database: Database, *dispatchers: Dispatcher) -> None:
    for _ in range(300):
        await asyncio.gather(*(d.run_once() for d in dispatchers))
        async with UnitOfWork(database.session()) as uow:
            if await uow.outbox.pending_count() == 0:
                return
        await asyncio.sleep(0.02)
    raise AssertionError("the outbox did not drain")


async def states(database: Database) -> dict[str, tuple[str, int, str | None, str | None]]:
    """Each row's state, attempts, failure code and technical detail, by chat."""
    async with UnitOfWork(database.session()) as uow:
        rows = (await uow.session.scalars(select(OutboxRow))).all()
    return {row.chat: (row.state, row.attempts, row.failure, row.last_error) for row in rows}


async def test_retries_give_up_and_moved_chats(database: Database) -> None:
    await enqueue(database, 4)
    sender = ScriptedSender({
        "1": [RetryLater("Telegram 502"), RetryLater("Telegram 429", 0.01)],
        "2": [RetryLater("Telegram 502")] * 5,
        "3": [ChatMoved("-1003")],
    })
    sender.failures["0"] = [Undeliverable("Telegram 400: chat not found")]
    await drain(database, dispatcher(database, sender))
    found = await states(database)
    assert found["0"][:3] == ("failed", 1, "refused") and "chat not found" in (found["0"][3] or "")
    assert found["1"][:3] == ("sent", 3, None)
    assert found["2"][:3] == ("failed", 3, "exhausted") and "Telegram 502" in (found["2"][3] or "")
    assert found["-1003"][0] == "sent"
    assert sender.sent == Counter({("1", "tin 1"): 1, ("-1003", "tin 3"): 1})


async def test_a_dead_workers_claims_are_taken_over(database: Database) -> None:
    await enqueue(database, 10)
    async with UnitOfWork(database.session()) as uow:  # a worker claims, then dies
        claimed = await uow.outbox.claim("dead", dt.datetime.now(dt.UTC),
                                         dt.timedelta(milliseconds=200), 5, ["telegram"])
        await uow.commit()
    assert len(claimed) == 5
    sender = ScriptedSender()
    live = dispatcher(database, sender, "live")
    await live.run_once()
    assert len(sender.sent) == 5  # the claimed rows wait for their lease
    await asyncio.sleep(0.25)
    await drain(database, live)
    assert len(sender.sent) == 10 and max(sender.sent.values()) == 1


async def test_dispatchers_sharing_postgresql_send_each_row_once(postgres: Database) -> None:
    await enqueue(postgres, 300)
    sender = ScriptedSender(delay=0.002)
    workers = [dispatcher(postgres, sender, f"w{n}") for n in range(3)]
    await drain(postgres, *workers)
    assert len(sender.sent) == 300 and max(sender.sent.values()) == 1


async def test_run_sends_every_row_once_and_finishes_what_is_in_flight(
        database: Database) -> None:
    await enqueue(database, 120)
    sender = ScriptedSender(delay=0.001)
    stop = asyncio.Event()
    running = asyncio.create_task(dispatcher(database, sender).run(stop))
    for _ in range(500):
        async with UnitOfWork(database.session()) as uow:
            if await uow.outbox.pending_count() == 0:
                break
        await asyncio.sleep(0.02)
    stop.set()
    await asyncio.wait_for(running, 10)
    assert len(sender.sent) == 120 and max(sender.sent.values()) == 1
    assert {state for state, *_ in (await states(database)).values()} == {"sent"}


async def test_a_long_broadcast_tells_its_admin_how_far_it_got_ahead_of_the_backlog(
        database: Database) -> None:
    started = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
    async with UnitOfWork(database.session()) as uow:
        broadcast = await uow.broadcasts.add(created_by="telegram:1", notify_chat="telegram:1",
                                             text="Họp", audience="tất cả đầu mối", now=started)
        await uow.outbox.enqueue([NewMessage(f"b{n}", "telegram", str(100 + n), "Họp",
                                             broadcast_id=broadcast.id) for n in range(5)],
                                 started)
        await uow.commit()
    sender = ScriptedSender()
    settings = DispatchSettings(batch=2, idle_wait=0.01)
    worker = dispatcher(database, sender, settings=settings)
    await worker.run_once()  # two sent; the progress notice is queued
    await worker.run_once()
    sent = list(sender.sent)
    notice = next(text for chat, text in sent if chat == "1")
    assert "đã gửi 2/5, còn chờ 3" in notice and f"/thongbao huy {broadcast.id}" in notice
    assert [chat for chat, _ in sent].index("1") == 2  # ahead of the three still waiting
    await drain(database, worker)
    to_admin = [text for chat, text in sender.sent if chat == "1"]
    assert len(to_admin) == 2 and to_admin[1].startswith(f"Kết quả thông báo số {broadcast.id}")


async def test_a_server_error_gives_its_sending_slot_back() -> None:
    limiter = RateLimiter(per_second=10, chat_interval=0.0)
    for chat in "abc":
        await limiter.acquire(chat)
    before = limiter._next_slot
    limiter.refund()
    assert limiter._next_slot == pytest.approx(before - 0.1, abs=0.01)


async def test_a_stalled_loop_does_not_bunch_more_than_the_rate_into_one_second() -> None:
    limiter = RateLimiter(per_second=20, chat_interval=0.0)
    released: list[float] = []

    async def send(chat: str) -> None:
        await limiter.acquire(chat)
        released.append(time.monotonic())

    sends = [asyncio.create_task(send(str(n))) for n in range(45)]
    await asyncio.sleep(0.3)
    time.sleep(0.5)  # the event loop is blocked: every send due meanwhile wakes late, at once
    await asyncio.gather(*sends)
    busiest = max(sum(1 for t in released if start <= t < start + 0.99) for start in released)
    assert len(released) == 45 and busiest <= 20


def test_a_dead_processes_claims_run_out_within_seconds() -> None:
    assert DispatchSettings().lease <= dt.timedelta(seconds=15)


async def test_a_live_dispatcher_keeps_its_claims_while_a_send_takes_long(
        database: Database) -> None:
    await enqueue(database, 3)
    slow = ScriptedSender(delay=1.2)  # each send outlasts the lease below twice over
    short = DispatchSettings(batch=3, idle_wait=0.05, lease=dt.timedelta(milliseconds=500))
    stop = asyncio.Event()
    running = asyncio.create_task(dispatcher(database, slow, "slow", short).run(stop))
    await asyncio.sleep(0.3)  # the slow one has claimed everything
    other = ScriptedSender()
    rival = dispatcher(database, other, "rival", short)
    for _ in range(12):  # 1.2 s of a rival looking for rows whose lease ran out
        await rival.run_once()
        await asyncio.sleep(0.1)
    stop.set()
    await asyncio.wait_for(running, 10)
    assert len(slow.sent) == 3 and not other.sent  # renewed: nobody took them over


async def test_options_travel_with_an_outbox_message(database: Database) -> None:
    async with UnitOfWork(database.session()) as uow:
        await uow.outbox.enqueue([NewMessage("o1", "telegram", "5", "Đã nộp báo cáo chưa?",
                                             options=("Đã nộp", "Chưa"))],
                                 dt.datetime.now(dt.UTC))
        await uow.commit()

    class Recording(ScriptedSender):
        def __init__(self) -> None:
            super().__init__()
            self.options: list[tuple[str, ...]] = []

        async def send_text(self, chat: str, text: str, options: Sequence[str] = ()) -> None:
            self.options.append(tuple(options))
            await super().send_text(chat, text, options)

    sender = Recording()
    await dispatcher(database, sender).run_once()
    assert sender.options == [("Đã nộp", "Chưa")]
