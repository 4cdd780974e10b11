"""The Zalo channel end to end: the real client over HTTP against the fake Zalo server, the
real core and database; polling, webhooks, numbered options, duplicates, broadcasts."""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections.abc import AsyncIterator

import pytest

from bot.channels.zalo import ZaloChannel, ZaloSender
from bot.channels.zalo_api import ZaloBotApi
from bot.delivery import RateLimiter
from bot.dispatcher import Dispatcher, DispatchSettings
from handlers.assistant import delivery_policy
from handlers.clock import SystemClock
from handlers.core import Core
from handlers.messages import IncomingMessage
from handlers.texts import broadcasts as broadcasts_texts
from handlers.texts import core as core_texts
from storage.database import Database
from storage.uow import UnitOfWork
from tests.conftest import NOW, CoreFactory
from tests.fakes.webhook_host import webhook_url
from tests.fakes.zalo_server import FakeZalo, text_update

TOKEN = "12345:secret"
SECRET = "s3cret-webhook-token"


@pytest.fixture
async def zalo() -> AsyncIterator[FakeZalo]:
    async with FakeZalo(TOKEN) as fake:
        yield fake


@pytest.fixture
async def channel(make_core: CoreFactory, zalo: FakeZalo) -> AsyncIterator[ZaloChannel]:
    core = await make_core(clock=SystemClock())
    async with ZaloBotApi(TOKEN, base_url=zalo.base_url, timeout=5) as api:
        yield ZaloChannel(core, api, SystemClock(), webhook_secret=SECRET)


@contextlib.asynccontextmanager
async def polling(channel: ZaloChannel) -> AsyncIterator[None]:
    stop = asyncio.Event()
    task = asyncio.create_task(channel.run_polling(stop))
    try:
        yield
    finally:
        stop.set()
        await asyncio.wait_for(task, 5)


async def admin(core: Core, text: str) -> str:
    [reply] = await core.handle(IncomingMessage("console", "btg", text, NOW))
    return reply.text


async def test_questions_options_and_duplicates_over_polling(channel: ZaloChannel,
                                                             zalo: FakeZalo) -> None:
    async with polling(channel):
        zalo.push_text("u1", "Hạn nộp báo cáo sơ kết 03 năm là ngày nào?", message_id="m1")
        zalo.push_text("u1", "Hạn nộp báo cáo sơ kết 03 năm là ngày nào?", message_id="m1")
        zalo.push_text("u1", "hội nghị trực tuyến abcd efgh khi nào", message_id="m2")
        await zalo.wait_for("sendMessage", 2)
        zalo.push_text("u1", "1", message_id="m3")
        zalo.push_event("sticker", "u1", message_id="m4")
        await zalo.wait_for("sendMessage", 4)
        await asyncio.sleep(0.2)
    answers = zalo.sent_texts("u1")
    assert len(answers) == 4  # the repeated m1 was answered once
    assert "25/3/2024" in answers[0]
    assert "\n1. " in answers[1] and "trả lời bằng số: 1, 2" in answers[1]
    assert "tháng 12/2022" in answers[2]
    assert answers[3] == core_texts.ONLY_TEXT


async def test_webhook_checks_the_secret_and_answers(channel: ZaloChannel,
                                                     zalo: FakeZalo) -> None:
    async with webhook_url(channel.webhook) as url:
        update = text_update("u2", "/trogiup", message_id="w1")
        assert await zalo.deliver_webhook(url, update, "wrong-secret") == 403
        assert await zalo.deliver_webhook(url, update, None) == 403
        assert await zalo.deliver_webhook(url, {"garbage": True}, SECRET) == 200
        assert await zalo.deliver_webhook(url, update, SECRET, wrapped=True) == 200
        assert await zalo.deliver_webhook(url, update, SECRET) == 200  # a retry: dropped
        await zalo.wait_for("sendMessage", 1)
        await channel.drain()
    assert len(zalo.sent_texts("u2")) == 1 and "Xin chào" in zalo.sent_texts("u2")[0]


async def test_a_webhook_retried_after_a_restart_is_not_answered_twice(
        channel: ZaloChannel, zalo: FakeZalo) -> None:
    update = text_update("u3", "Hạn nộp báo cáo sơ kết 03 năm?", message_id="r1")
    async with webhook_url(channel.webhook) as url:
        assert await zalo.deliver_webhook(url, update, SECRET) == 200
        await zalo.wait_for("sendMessage", 1)
        await channel.drain()
    restarted = ZaloChannel(channel.core, channel.api, SystemClock(), webhook_secret=SECRET)
    async with webhook_url(restarted.webhook) as url:
        assert await zalo.deliver_webhook(url, update, SECRET) == 200  # Zalo retries it
        await restarted.drain()
    assert len(zalo.sent_texts("u3")) == 1 and "25/3/2024" in zalo.sent_texts("u3")[0]


async def test_join_and_broadcast_through_the_outbox(channel: ZaloChannel, zalo: FakeZalo,
                                                     database: Database) -> None:
    core = channel.core
    async with polling(channel):
        for number, chat in enumerate(("z1", "z2", "z3")):
            code = re.search(r"\b[A-Z2-9]{8}\b", await admin(core, "/moi VP ĐUK"))
            assert code is not None
            zalo.push_text(chat, code.group(0), message_id=f"j{number}")
            await zalo.wait_for("sendMessage", number + 1)
    assert all("đầu mối" in zalo.sent_texts(c)[0] for c in ("z1", "z2", "z3"))

    assert broadcasts_texts.BROADCAST_ASK_TEXT in await admin(core, "/thongbao")
    await admin(core, "Họp giao ban lúc 8 giờ sáng thứ Hai.")
    preview = await admin(core, "1")  # all contacts
    assert "3 đầu mối" in preview and "Zalo: 3" in preview
    assert "Đã xếp 3 tin" in await admin(core, "1")

    zalo.block("z2")
    zalo.fail_next("sendMessage", 502)
    dispatcher = Dispatcher(lambda: UnitOfWork(database.session()),
                            {"zalo": ZaloSender(channel.api)},
                            {"zalo": RateLimiter(50, 0.0)}, SystemClock(), delivery_policy(),
                            DispatchSettings(backoff_base=0.05, idle_wait=0.05))
    for _ in range(40):
        await dispatcher.run_once()
        async with UnitOfWork(database.session()) as uow:
            if await uow.outbox.pending_count() == 0:
                break
        await asyncio.sleep(0.05)
    announcement = "THÔNG BÁO\nHọp giao ban lúc 8 giờ sáng thứ Hai."
    assert zalo.delivered[("z1", announcement)] == 1
    assert zalo.delivered[("z3", announcement)] == 1
    assert zalo.delivered[("z2", announcement)] == 0
    async with UnitOfWork(database.session()) as uow:
        blocked = [c for c in await uow.contacts.of_user("zalo:z2")]
        report = await uow.outbox.counts(1)
    assert blocked and blocked[0].blocked_at is not None
    assert report == {"sent": 2, "failed": 1}
    progress = await admin(core, "/thongbao tinhhinh")
    assert "đã gửi 2" in progress and "không gửi được 1" in progress
