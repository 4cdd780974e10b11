"""The Telegram channel end to end: the real python-telegram-bot Application, polling the fake
Telegram server over HTTP, with the real core and database."""

from __future__ import annotations

import asyncio
import io
import re
from collections.abc import AsyncIterator

import pytest
from aiohttp import ClientSession
from openpyxl import Workbook

from bot.channels.telegram import TelegramChannel, TelegramSender, html_chunks
from bot.delivery import ChatMoved, RecipientBlocked, RetryLater, Undeliverable
from handlers.clock import SystemClock
from handlers.texts import core as core_texts
from tests.conftest import CoreFactory
from tests.fakes.fake_telegram import BOT_USERNAME, TOKEN, FakeTelegram, html_error
from tests.fakes.webhook_host import webhook_url

ADMIN_ID = 9001
SECRET = "telegram-webhook-secret"


@pytest.fixture
async def telegram() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram() as fake:
        yield fake


@pytest.fixture
async def channel(make_core: CoreFactory, telegram: FakeTelegram
                  ) -> AsyncIterator[TelegramChannel]:
    core = await make_core(clock=SystemClock(), admins=(f"telegram:{ADMIN_ID}",))
    channel = TelegramChannel(core, SystemClock(), TOKEN, telegram.api_url,
                              webhook_secret=SECRET, read_timeout=2, poll_timeout=1)
    await channel.start()
    yield channel
    await channel.stop()


async def replies(telegram: FakeTelegram, chat: int, count: int) -> list[str]:
    for _ in range(100):
        if len(telegram.texts(chat)) >= count:
            break
        await asyncio.sleep(0.05)
    return telegram.texts(chat)


async def test_start_menu_and_html_answers(channel: TelegramChannel,
                                           telegram: FakeTelegram) -> None:
    commands = {c["command"]: c["description"] for c in telegram.commands}
    assert commands["baocao"].startswith("Báo cáo") and "thongbao" in commands
    await telegram.push_text(1, "/start")
    await telegram.push_text(1, "Hạn nộp báo cáo sơ kết 03 năm là ngày nào? <b>&")
    answers = await replies(telegram, 1, 2)
    assert "Xin chào" in answers[0]
    assert "25/3/2024" in answers[1] and "<i>Nguồn:" in answers[1]
    assert all(html_error(a) is None for a in answers)


async def test_options_become_buttons_and_stale_presses_are_told(
        channel: TelegramChannel, telegram: FakeTelegram) -> None:
    await telegram.push_text(2, "hội nghị trực tuyến abcd efgh khi nào")
    await replies(telegram, 2, 1)
    markup = telegram.sent(2)[0].params["reply_markup"]
    assert markup["inline_keyboard"][0][0]["callback_data"] == "c:1"
    await telegram.push_callback(2, "c:1")
    answers = await replies(telegram, 2, 2)
    assert "tháng 12/2022" in answers[1]
    assert telegram.calls_to("answerCallbackQuery")
    await telegram.push_callback(2, "c:1")
    assert (await replies(telegram, 2, 3))[2] == core_texts.CHOICE_EXPIRED
    await telegram.push_callback(2, "garbage")  # data we never sent: logged, not answered
    await asyncio.sleep(0.2)
    assert len(telegram.texts(2)) == 3


async def test_invite_deep_link_join_import_and_export(channel: TelegramChannel,
                                                       telegram: FakeTelegram) -> None:
    await telegram.push_text(ADMIN_ID, "/moi Văn phòng Đảng ủy Khối")
    invite = (await replies(telegram, ADMIN_ID, 1))[0]
    link = re.search(rf"https://t\.me/{BOT_USERNAME}\?start=([A-Z2-9]{{8}})", invite)
    assert link, invite
    await telegram.push_text(77, f"/start {link.group(1)}")
    assert "đầu mối chính" in (await replies(telegram, 77, 1))[0]

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Tên đơn vị", "Nhóm"])
    sheet.append(["Chi bộ Phòng Tổng hợp", "Khối cơ quan"])
    data = io.BytesIO()
    book.save(data)
    await telegram.push_document(ADMIN_ID, "don-vi.xlsx", data.getvalue(),
                                 "application/vnd.openxmlformats-officedocument."
                                 "spreadsheetml.sheet", caption="/donvi nhap")
    assert "thêm mới 1 đơn vị" in (await replies(telegram, ADMIN_ID, 2))[1]
    await telegram.push_text(ADMIN_ID, "/xuat")
    await telegram.wait_for("sendPhoto")
    [document] = telegram.calls_to("sendDocument")
    name, content = next(iter(document.files.values()))
    assert name.endswith(".xlsx") and content[:2] == b"PK"


async def test_groups_answer_only_when_addressed(channel: TelegramChannel,
                                                telegram: FakeTelegram) -> None:
    await telegram.push_text(-100, "Hạn nộp báo cáo sơ kết là khi nào?", user_id=5,
                             chat_type="group")
    await telegram.push_text(-100, f"@{BOT_USERNAME} Hạn nộp báo cáo sơ kết 03 năm?",
                             user_id=5, chat_type="group")
    answers = await replies(telegram, -100, 1)
    await asyncio.sleep(0.2)
    assert len(telegram.texts(-100)) == 1 and "25/3/2024" in answers[0]


async def test_odd_updates_are_answered_or_logged_never_crash(
        channel: TelegramChannel, telegram: FakeTelegram) -> None:
    await telegram.push_edited(3, "sửa lại")
    await telegram.push({"poll": {"id": "p"}})
    await telegram.push({"message": {"chat": {"id": 3}}})  # no date, no sender: malformed
    await telegram.push_sticker(3)
    await telegram.push_photo(3)
    await telegram.push_text(3, "x" * 100_000)
    await telegram.push_text(3, "   ")
    answers = await replies(telegram, 3, 4)
    assert answers[:2] == [core_texts.ONLY_TEXT, core_texts.ONLY_TEXT]
    assert "vượt quá giới hạn" in answers[2] and answers[3] == core_texts.EMPTY_MESSAGE
    await telegram.push_text(3, "/trogiup")
    assert "Xin chào" in (await replies(telegram, 3, 5))[4]  # still running


async def test_long_answers_are_split_on_lines_and_escaped() -> None:
    text = "\n".join(f"Dòng {n}: <b> & {'x' * 60}" for n in range(300))
    chunks = html_chunks(text)
    assert len(chunks) > 1 and all(len(c) <= 4096 and html_error(c) is None for c in chunks)
    assert "".join(chunks).count("Dòng") == 300


async def test_sender_maps_api_failures(channel: TelegramChannel,
                                        telegram: FakeTelegram) -> None:
    sender = TelegramSender(channel.application.bot)
    await sender.send_text("10", "Thông báo")
    telegram.fail_next("sendMessage", 429, retry_after=7)
    with pytest.raises(RetryLater) as flood:
        await sender.send_text("10", "Thông báo")
    assert flood.value.retry_after == 7 and not flood.value.maybe_delivered
    telegram.fail_next("sendMessage", 502)
    with pytest.raises(RetryLater) as refused:
        await sender.send_text("10", "Thông báo")
    assert not refused.value.maybe_delivered  # the server answered: it took nothing
    telegram.fail_next("sendMessage", 200, malformed=True)
    with pytest.raises(RetryLater):
        await sender.send_text("10", "Thông báo")
    telegram.fail_next("sendMessage", 200, delay=3)
    with pytest.raises(RetryLater) as timed_out:
        await sender.send_text("10", "Thông báo")
    assert timed_out.value.maybe_delivered  # no answer: it may have gone through
    telegram.block("11")
    with pytest.raises(RecipientBlocked):
        await sender.send_text("11", "Thông báo")
    telegram.migrate("-12", -10012)
    with pytest.raises(ChatMoved) as moved:
        await sender.send_text("-12", "Thông báo")
    assert moved.value.new_chat == "-10012"
    with pytest.raises(Undeliverable):
        await sender.send_text("10", " ")


async def test_webhook_refuses_calls_without_the_secret(channel: TelegramChannel,
                                                        telegram: FakeTelegram) -> None:
    await channel.application.updater.stop()  # type: ignore[union-attr]
    update = {"update_id": 99, "message": {
        "message_id": 1, "date": 1, "chat": {"id": 4, "type": "private"},
        "from": {"id": 4, "is_bot": False, "first_name": "A"}, "text": "/trogiup",
        "entities": [{"type": "bot_command", "offset": 0, "length": 8}]}}
    async with webhook_url(channel.webhook) as url, ClientSession() as http:
        async with http.post(url, json=update) as response:
            assert response.status == 403
        async with http.post(url, json=update,
                             headers={"X-Telegram-Bot-Api-Secret-Token": "nope"}) as wrong:
            assert wrong.status == 403
        await asyncio.sleep(0.2)
        assert telegram.texts(4) == []
        async with http.post(url, json=update,
                             headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}) as right:
            assert right.status == 200
        assert "Xin chào" in (await replies(telegram, 4, 1))[0]


async def test_updates_run_concurrently_but_one_chats_replies_keep_their_order(
        channel: TelegramChannel, telegram: FakeTelegram) -> None:
    for number in range(1, 6):
        await telegram.push_text(7, f"/lenh{number}")
        await telegram.push_text(8, f"/khac{number}")
    in_order = await replies(telegram, 7, 5)
    assert [f"/lenh{n}" in answer for n, answer in zip(range(1, 6), in_order, strict=True)] \
        == [True] * 5
    assert len(await replies(telegram, 8, 5)) == 5
