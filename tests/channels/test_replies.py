"""Replies share the outbox's pacing (one rate limiter per channel, replies first), a 429 is
waited out and retried, and a reply that still cannot be sent is kept in the outbox with its
reason: the real PTB Application and Zalo client against the fake servers, real databases."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import select

from bot.app import Assistant, reply_keeper
from bot.channels.telegram import TelegramChannel, TelegramSender
from bot.channels.zalo import ZaloChannel
from bot.channels.zalo_api import ZaloBotApi
from bot.delivery import RateLimiter
from bot.dispatcher import Dispatcher, DispatchSettings
from bot.replies import ReplySender
from handlers.answers import AnswerEngine
from handlers.assistant import assemble, delivery_policy
from handlers.clock import SystemClock
from storage.database import Database
from storage.models import OutboxRow
from storage.uow import UnitOfWork
from tests.conftest import ADMIN
from tests.fakes.fake_telegram import TOKEN, FakeTelegram
from tests.fakes.zalo_server import FakeZalo

QUESTION = "Hạn nộp báo cáo sơ kết 03 năm là ngày nào?"
CHOICES = "hội nghị trực tuyến abcd efgh khi nào"  # answered with options


async def outbox_rows(database: Database) -> list[OutboxRow]:
    async with UnitOfWork(database.session()) as uow:
        return list((await uow.session.scalars(select(OutboxRow).order_by(OutboxRow.id))).all())


async def texts_for(telegram: FakeTelegram, chat: int, count: int, timeout: float = 15
                    ) -> list[str]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and len(telegram.texts(chat)) < count:
        await asyncio.sleep(0.05)
    return telegram.texts(chat)


@pytest.fixture
async def assistant(engine: AnswerEngine, database: Database) -> Assistant:
    assembled = assemble(engine, SystemClock(), lambda: UnitOfWork(database.session()),
                         admins=(ADMIN,))
    await assembled.core.prepare()
    return Assistant(assembled.core, database, assembled.planner)


@pytest.fixture
async def limiter() -> RateLimiter:
    return RateLimiter(25, 1.0)


@pytest.fixture
async def telegram() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram(per_chat_interval=1.0) as fake:  # 429 for two sends within 1 s
        yield fake


@pytest.fixture
async def channel(assistant: Assistant, telegram: FakeTelegram, limiter: RateLimiter
                  ) -> AsyncIterator[TelegramChannel]:
    replies = ReplySender("telegram", limiter, reply_keeper(assistant, SystemClock()), tries=3)
    channel = TelegramChannel(assistant.core, SystemClock(), TOKEN, telegram.api_url,
                              read_timeout=2, poll_timeout=1, replies=replies)
    await channel.start()
    yield channel
    await channel.stop()


async def test_replies_close_together_to_one_chat_all_arrive(
        channel: TelegramChannel, telegram: FakeTelegram) -> None:
    for _ in range(3):
        await telegram.push_text(5, QUESTION)
    answers = await texts_for(telegram, 5, 3)
    assert len(answers) == 3 and all("25/3/2024" in a for a in answers)
    assert telegram.rate_violations == 0  # paced, not refused and dropped


async def test_a_429_is_waited_out_and_the_reply_sent(channel: TelegramChannel,
                                                      telegram: FakeTelegram) -> None:
    telegram.fail_next("sendMessage", 429, retry_after=1)
    started = time.monotonic()
    await telegram.push_text(6, QUESTION)
    [answer] = await texts_for(telegram, 6, 1)
    assert "25/3/2024" in answer and time.monotonic() - started >= 1.0


async def test_a_reply_that_cannot_be_sent_is_kept_in_the_outbox_and_sent_from_there(
        channel: TelegramChannel, telegram: FakeTelegram, database: Database,
        limiter: RateLimiter) -> None:
    telegram.fail_next("sendMessage", 429, retry_after=1, times=3)  # every try of the reply
    await telegram.push_text(7, CHOICES)
    for _ in range(200):
        if await outbox_rows(database):
            break
        await asyncio.sleep(0.05)
    [kept] = await outbox_rows(database)
    assert (kept.channel, kept.chat, kept.state) == ("telegram", "7", "pending")
    assert "Tôi chưa tìm thấy" in kept.text and len(kept.options) >= 2
    assert telegram.texts(7) == []
    dispatcher = Dispatcher(lambda: UnitOfWork(database.session()),
                            {"telegram": TelegramSender(channel.application.bot)},
                            {"telegram": limiter}, SystemClock(), delivery_policy(),
                            DispatchSettings(idle_wait=0.05))
    await dispatcher.run_once()
    [sent] = telegram.sent(7)
    assert "Tôi chưa tìm thấy" in sent.params["text"]
    assert sent.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "c:1"


async def test_a_reply_to_a_user_who_blocked_the_bot_is_kept_as_given_up(
        channel: TelegramChannel, telegram: FakeTelegram, database: Database) -> None:
    telegram.block(8)
    await telegram.push_text(8, QUESTION)
    for _ in range(200):
        if await outbox_rows(database):
            break
        await asyncio.sleep(0.05)
    [kept] = await outbox_rows(database)
    assert (kept.state, kept.failure) == ("failed", "blocked") and "25/3/2024" in kept.text


async def test_replies_go_ahead_of_outbox_messages_waiting_for_the_same_pace() -> None:
    limiter = RateLimiter(per_second=20, chat_interval=0.0)
    order: list[str] = []

    async def send(name: str, urgent: bool) -> None:
        await limiter.acquire(name, urgent=urgent)
        order.append(name)

    bulk = [asyncio.create_task(send(f"outbox{n}", False)) for n in range(10)]
    await asyncio.sleep(0.01)
    reply = asyncio.create_task(send("reply", True))
    await asyncio.gather(reply, *bulk)
    assert order.index("reply") <= 2  # not behind the eight still waiting


async def test_a_zalo_reply_refused_with_429_is_retried(assistant: Assistant) -> None:
    async with FakeZalo("12345:secret") as zalo, \
            ZaloBotApi("12345:secret", base_url=zalo.base_url, timeout=5) as api:
        replies = ReplySender("zalo", RateLimiter(10, 1.0), reply_keeper(assistant, SystemClock()))
        channel = ZaloChannel(assistant.core, api, SystemClock(), replies=replies)
        stop = asyncio.Event()
        polling = asyncio.create_task(channel.run_polling(stop))
        try:
            zalo.fail_next("sendMessage", 429, retry_after=1)
            zalo.push_text("z1", QUESTION, message_id="q1")
            await zalo.wait_for("sendMessage", 2, timeout=15)
        finally:
            stop.set()
            await asyncio.wait_for(polling, 10)
    [answer] = zalo.sent_texts("z1")
    assert "25/3/2024" in answer
