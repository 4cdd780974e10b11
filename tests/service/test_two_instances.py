"""Two `troly run` processes on one PostgreSQL schema, behind a round-robin proxy that takes
both channels' webhooks: an admin's broadcast, a reminder falling due while both planners tick
every second, and questions whose updates are each delivered twice (to one instance, then,
as Telegram and Zalo retry, to the other). Each message is delivered once, each incoming
update handled once."""

from __future__ import annotations

import asyncio
import copy
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aiohttp import ClientSession
from sqlalchemy import func, select, update

from handlers.answers import AnswerEngine
from handlers.assistant import assemble
from handlers.clock import PLAN_TIMEZONE, SystemClock
from handlers.reminders.dues import dues
from storage.database import Database
from storage.models import Exchange, PlanRow, ReminderRow
from storage.uow import UnitOfWork
from tests.conftest import drop_postgres, empty_postgres
from tests.fakes.fake_telegram import TOKEN, FakeTelegram
from tests.fakes.webhook_host import free_port
from tests.fakes.zalo_server import FakeZalo, text_update
from tests.service.harness import (
    UNIT,
    Instance,
    add_contacts,
    eventually,
    metric,
    postgres_env,
    seeded,
    start,
)
from tests.service.proxy import RoundRobinProxy

ZALO_TOKEN = "12345:zalo-two-instances"
SECRET = "two-instances-webhook-secret"
ADMIN = 9002
ANNOUNCEMENT = "Nộp báo cáo tổng kết năm trước ngày 15 tháng Mười hai"
PLAN, TASK = "bd-duk-103-2024", "vp-duk-duties"  # the task's lead unit is UNIT
TELEGRAM_CONTACTS = [str(810_000 + n) for n in range(40)]
ZALO_CONTACTS = [f"zc{n:03d}" for n in range(20)]
QUESTIONS = 8


async def due_on(database: Database, engine: AnswerEngine, day: dt.date) -> None:
    """Make the plan's task due on ``day`` (as an admin's import of a new version would), and
    check that the unit now has it due that day."""
    async with UnitOfWork(database.session()) as uow:
        row = (await uow.session.execute(select(PlanRow).where(
            PlanRow.plan_id == PLAN, PlanRow.state == "approved"))).scalar_one()
        content = copy.deepcopy(row.content)
        task = _task(content, TASK)
        task["deadline"] = f"trước ngày {day.day}/{day.month}/{day.year}"
        await uow.session.execute(update(PlanRow).where(PlanRow.id == row.id).values(
            content=content, source="import"))
        await uow.plans.bump_catalog(dt.datetime.now(dt.UTC))
        await uow.commit()
    assembled = assemble(engine, SystemClock(), lambda: UnitOfWork(database.session()))
    await assembled.core.prepare()
    async with UnitOfWork(database.session()) as uow:
        found = await dues(uow, assembled.core.services.kb, day, day)
    assert [(d.unit.key, d.due) for d in found] == [(UNIT, day)]


def _task(node: Any, task_id: str) -> dict[str, Any]:
    if isinstance(node, dict):
        if node.get("id") == task_id and "deadline" in node:
            return node
        children = list(node.values())
    else:
        children = list(node) if isinstance(node, list) else []
    for child in children:
        if isinstance(child, dict | list):
            try:
                return _task(child, task_id)
            except LookupError:
                continue
    raise LookupError(task_id)


def reminder_moment() -> dt.datetime:
    """A local moment some seconds from now, on the same local day (after midnight if need
    be), for the reminder to fall due while both instances run."""
    now = dt.datetime.now(PLAN_TIMEZONE)
    if now.hour == 23 and now.minute >= 55:
        now = (now + dt.timedelta(days=1)).replace(hour=0, minute=1, second=0)
    return now.replace(microsecond=0) + dt.timedelta(seconds=45)


def telegram_update(update_id: int, chat: int, text: str) -> dict[str, Any]:
    return {"update_id": update_id, "message": {
        "message_id": update_id, "date": 1, "chat": {"id": chat, "type": "private"},
        "from": {"id": chat, "is_bot": False, "first_name": "A"}, "text": text}}


async def post_telegram(proxy: RoundRobinProxy, update: dict[str, Any]) -> None:
    async with ClientSession() as http, http.post(
            f"{proxy.url}/webhook/telegram", json=update,
            headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}) as response:
        assert response.status == 200


def contact_messages(delivered: dict[tuple[str, str], int], chats: list[str]
                     ) -> dict[str, list[str]]:
    wanted = set(chats)
    found: dict[str, list[str]] = {chat: [] for chat in chats}
    for (chat, text), count in delivered.items():
        if chat in wanted:
            found[chat].extend([text] * count)
    return found


def all_delivered(telegram: FakeTelegram, zalo: FakeZalo) -> bool:
    """Every contact has the announcement and the reminder, the admin the report."""
    messages = {**contact_messages(telegram.delivered, TELEGRAM_CONTACTS),
                **contact_messages(zalo.delivered, ZALO_CONTACTS)}
    return (all(len(texts) >= 2 for texts in messages.values())
            and any("Kết quả thông báo" in t for t in telegram.texts(ADMIN)))


async def say(proxy: RoundRobinProxy, telegram: FakeTelegram, update_id: int, text: str,
              replies: int) -> str:
    await post_telegram(proxy, telegram_update(update_id, ADMIN, text))
    await eventually(lambda: len(telegram.texts(ADMIN)) >= replies, 120)
    return telegram.texts(ADMIN)[replies - 1]


def answered(telegram: FakeTelegram, zalo: FakeZalo, chat: int, zalo_chat: str
             ) -> Callable[[], bool]:
    return lambda: bool(telegram.texts(chat)) and bool(zalo.sent_texts(zalo_chat))


async def ask_twice(proxy: RoundRobinProxy, telegram: FakeTelegram, zalo: FakeZalo) -> None:
    """Each question's update delivered, answered, then delivered again (to the other
    instance: the proxy goes round)."""
    for n in range(QUESTIONS):
        chat, zalo_chat = 5000 + n, f"zq{n}"
        update = telegram_update(100 + n, chat, "Ai ký Kế hoạch 107-KH/ThU?")
        message = text_update(zalo_chat, "Ai ký Kế hoạch 107-KH/ThU?", message_id=f"zm{n}")
        await post_telegram(proxy, update)
        assert await zalo.deliver_webhook(f"{proxy.url}/webhook/zalo", message, SECRET) == 200
        await eventually(answered(telegram, zalo, chat, zalo_chat), 120)
        # In the other order, so that each goes to the instance that did not have it.
        assert await zalo.deliver_webhook(f"{proxy.url}/webhook/zalo", message, SECRET) == 200
        await post_telegram(proxy, update)


async def test_two_instances_deliver_and_handle_everything_once(
        tmp_path: Path, engine: AnswerEngine) -> None:
    database = await empty_postgres()
    at = reminder_moment()
    try:
        await seeded(database, engine)
        await due_on(database, engine, at.date())
        await add_contacts(database, "telegram", TELEGRAM_CONTACTS)
        await add_contacts(database, "zalo", ZALO_CONTACTS)
        async with FakeTelegram() as telegram, FakeZalo(ZALO_TOKEN) as zalo:
            ports = [free_port(), free_port()]
            async with RoundRobinProxy([f"http://127.0.0.1:{p}" for p in ports]) as proxy:
                env = {**postgres_env(database), "TROLY_TELEGRAM_TOKEN": TOKEN,
                       "TROLY_TELEGRAM_API_URL": telegram.api_url,
                       "TROLY_ZALO_TOKEN": ZALO_TOKEN, "TROLY_ZALO_API_URL": zalo.base_url,
                       "TROLY_PUBLIC_URL": proxy.url, "TROLY_WEBHOOK_SECRET": SECRET,
                       "TROLY_ADMINS": f"telegram:{ADMIN}", "TROLY_PLANNER_INTERVAL": "1",
                       "TROLY_REMINDER_TIME": at.strftime("%H:%M:%S"),
                       "TROLY_WORKING_DAYS": at.date().isoformat(),
                       "TROLY_REMINDER_DAYS_BEFORE": "1", "TROLY_REMINDER_OVERDUE_EVERY": "0",
                       "TROLY_LOG_FORMAT": "json"}
                instances: list[Instance] = []
                try:
                    for n, port in enumerate(ports):
                        instances.append(await start(env, tmp_path / f"troly-{n}.log", port))
                    assert await say(proxy, telegram, 1, f"/thongbao {ANNOUNCEMENT}", 1)
                    await say(proxy, telegram, 2, "1", 2)
                    assert "Đã xếp" in await say(proxy, telegram, 3, "1", 3)
                    await ask_twice(proxy, telegram, zalo)
                    await eventually(lambda: all_delivered(telegram, zalo), 300)
                    await asyncio.sleep(5)  # time for a message sent twice to arrive twice
                    found = [await instance.metrics() for instance in instances]
                finally:
                    codes = [await instance.stop() for instance in instances]
        async with database.session() as session:
            repeated = (await session.execute(
                select(Exchange.channel, Exchange.message_id, func.count())
                .where(Exchange.message_id.is_not(None))
                .group_by(Exchange.channel, Exchange.message_id)
                .having(func.count() > 1))).all()
            reminded = (await session.execute(select(ReminderRow.state))).scalars().all()
    finally:
        await drop_postgres(database)

    assert codes == [0, 0]
    assert all(proxy.calls[f"http://127.0.0.1:{p}"] > 0 for p in ports)  # both took webhooks
    assert max(telegram.delivered.values()) == 1 and max(zalo.delivered.values()) == 1
    for chat, texts in {**contact_messages(telegram.delivered, TELEGRAM_CONTACTS),
                        **contact_messages(zalo.delivered, ZALO_CONTACTS)}.items():
        assert len(texts) == 2, (chat, texts)  # the announcement and the reminder
        assert sum(ANNOUNCEMENT in text for text in texts) == 1, (chat, texts)
    for n in range(QUESTIONS):  # each question answered once, though delivered twice
        assert len(telegram.texts(5000 + n)) == 1 and len(zalo.sent_texts(f"zq{n}")) == 1
    assert "Kết quả thông báo" in "".join(telegram.texts(ADMIN))
    assert sum("Kết quả thông báo" in t for t in telegram.texts(ADMIN)) == 1
    assert repeated == []  # the journal holds each update once
    assert reminded == ["sent"]  # one reminder moment, recorded once by the two planners
    assert sum(metric(m, "troly_reminders_sent_total") for m in found) == 1
    assert all(metric(m, "troly_planner_ticks_total", result="ok") >= 1 for m in found)
    duplicates = sum(metric(m, "troly_messages_in_total", route="duplicate") for m in found)
    assert duplicates == 2 * QUESTIONS  # every second delivery, on either instance
    outbox = sum(metric(m, "troly_messages_out_total", kind="outbox") for m in found)
    assert outbox == 2 * (len(TELEGRAM_CONTACTS) + len(ZALO_CONTACTS)) + (
        len(telegram.texts(ADMIN)) - 3)  # all but the admin's three replies came from it
