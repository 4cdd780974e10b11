"""`troly run` as a real process on PostgreSQL (a schema of the test's own) and the fake
Telegram server: /healthz and /metrics, an admin's broadcast sent from Telegram, SIGTERM while
it is being delivered, a second start that finishes it — a clean stop each time, and every
message delivered exactly once."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from handlers.answers import AnswerEngine
from storage.models import OutboxRow
from tests.conftest import drop_postgres, empty_postgres
from tests.fakes.fake_telegram import TOKEN, FakeTelegram
from tests.service.harness import (
    Instance,
    add_contacts,
    eventually,
    json_lines,
    metric,
    postgres_env,
    seeded,
    start,
)

ANNOUNCEMENT = "Họp giao ban toàn Đảng bộ lúc 8 giờ sáng thứ Hai, phòng họp số 2"
CONTACTS = 180
ADMIN = 9001
RATE = "15"  # messages per second to Telegram: 180 contacts take twelve seconds at least


def announcements(telegram: FakeTelegram) -> dict[str, int]:
    """How many times each contact's chat got the announcement (the admin saw it too, in the
    preview)."""
    return {chat: count for (chat, text), count in telegram.delivered.items()
            if ANNOUNCEMENT in text and chat != str(ADMIN)}


async def say(telegram: FakeTelegram, text: str, replies: int) -> str:
    """The admin writes ``text``; the reply that makes their ``replies``-th."""
    await telegram.push_text(ADMIN, text)
    await eventually(lambda: len(telegram.texts(ADMIN)) >= replies, 120)
    return telegram.texts(ADMIN)[replies - 1]


def assert_clean_log(instance: Instance) -> None:
    """A clean run: every line JSON, nothing at ERROR, no traceback, a request id on each
    handled message, and no message text (the announcement) at INFO."""
    lines = json_lines(instance)
    assert lines and all({"time", "level", "logger", "message"} <= set(line) for line in lines)
    assert not [line for line in lines if line["level"] in ("ERROR", "CRITICAL")]
    assert not [line for line in lines if "exception" in line]
    handled = [line for line in lines if line["message"].startswith("handled a message")]
    assert all(line.get("request_id", "").startswith("tg-") for line in handled)
    assert len({line["request_id"] for line in handled}) == len(handled)
    assert ANNOUNCEMENT not in instance.log.read_text("utf-8")
    assert lines[-1]["message"].startswith("stopped")


async def test_a_broadcast_stopped_by_sigterm_is_finished_by_the_next_start_once(
        tmp_path: Path, engine: AnswerEngine) -> None:
    database = await empty_postgres()
    try:
        await seeded(database, engine)
        chats = [str(700_000 + n) for n in range(CONTACTS)]
        await add_contacts(database, "telegram", chats)
        async with FakeTelegram() as telegram:
            env = {**postgres_env(database), "TROLY_TELEGRAM_TOKEN": TOKEN,
                   "TROLY_TELEGRAM_API_URL": telegram.api_url, "TROLY_ADMINS": f"telegram:{ADMIN}",
                   "TROLY_TELEGRAM_RATE": RATE, "TROLY_LOG_FORMAT": "json"}
            first = await start(env, tmp_path / "first.log")
            try:
                status, health = await first.health()
                assert status == 200 and health["status"] == "ok"
                assert health["database"] == {"status": "ok"}
                assert health["channels"] == {"telegram": {"status": "ok"}}
                assert health["scheduler"]["status"] == "ok"
                assert health["outbox"]["pending"] == 0

                assert "THÔNG BÁO" not in await say(telegram, f"/thongbao {ANNOUNCEMENT}", 1)
                await say(telegram, "1", 2)  # all contacts: the preview
                assert "Đã xếp" in await say(telegram, "1", 3)  # send
                await eventually(lambda: len(announcements(telegram)) >= 40, 120)
                status, health = await first.health()
                assert status == 200 and health["outbox"]["pending"] > 0
                found = await first.metrics()
            finally:
                assert await first.stop() == 0
            stopped_at = len(announcements(telegram))
            assert 40 <= stopped_at < CONTACTS  # stopped mid-broadcast
            async with database.session() as session:
                pending = (await session.execute(select(func.count()).where(
                    OutboxRow.state == "pending", OutboxRow.chat != str(ADMIN)))).scalar_one()
            assert pending == CONTACTS - stopped_at  # what was in flight was finished

            second = await start(env, tmp_path / "second.log")
            try:
                await eventually(lambda: len(announcements(telegram)) == CONTACTS, 240)
                await eventually(lambda: any("Kết quả thông báo" in t
                                             for t in telegram.texts(ADMIN)), 120)
                after = await second.metrics()
            finally:
                assert await second.stop() == 0
    finally:
        await drop_postgres(database)

    assert set(announcements(telegram)) == set(chats)
    assert max(telegram.delivered.values()) == 1  # nothing delivered twice, to anyone
    assert sum("Kết quả thông báo" in t for t in telegram.texts(ADMIN)) == 1
    for run in (first, second):
        assert_clean_log(run)

    assert metric(found, "troly_messages_in_total", channel="telegram", route="command") == 1
    assert metric(found, "troly_messages_in_total", channel="telegram", route="flow") == 2
    assert metric(found, "troly_messages_out_total", channel="telegram", kind="reply") == 3
    assert metric(found, "troly_messages_out_total", channel="telegram", kind="outbox") >= 40
    assert metric(found, "troly_message_handling_seconds_count", channel="telegram") == 3
    assert metric(found, "troly_outbox_pending") > 0
    assert metric(found, "troly_part_healthy", part="database") == 1
    assert metric(found, "troly_planner_ticks_total", result="ok") >= 1
    sent_by_second = metric(after, "troly_messages_out_total", kind="outbox")
    assert sent_by_second >= CONTACTS - stopped_at  # the rest, and the admin's report
    assert metric(after, "troly_outbox_pending") >= 0
