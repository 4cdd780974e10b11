"""No token, secret or message text in the logs of a full `troly run` at DEBUG, polling and
with webhooks, against the fake Bot API servers (python-telegram-bot, httpx, httpcore and
aiohttp all log at that level)."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import Awaitable
from pathlib import Path

import pytest
from aiohttp import ClientSession

from tests.fakes.fake_telegram import TOKEN, FakeTelegram
from tests.fakes.webhook_host import free_port
from tests.fakes.zalo_server import FakeZalo, text_update

TROLY = str(Path(sys.executable).parent / "troly")
ZALO_TOKEN = "12345:zalo-secret-part-0123456789"
SECRET = "hook-secret-for-the-log-test"
PRIVATE = "Câu hỏi riêng số 731946 về hạn nộp báo cáo sơ kết 03 năm"


async def run_at_debug(env: dict[str, str], drive: Awaitable[None], log: Path) -> str:
    """Run `troly run` while ``drive`` talks to it; its log (to a file: at DEBUG it writes
    more than a pipe holds while nobody reads it)."""
    with log.open("wb") as stderr:
        process = await asyncio.create_subprocess_exec(
            TROLY, "run", env={**os.environ, **env, "TROLY_LOG_LEVEL": "DEBUG"},
            stdout=asyncio.subprocess.DEVNULL, stderr=stderr)
        try:
            await drive
        finally:
            process.send_signal(signal.SIGTERM)
            await asyncio.wait_for(process.wait(), 60)
    assert process.returncode == 0
    return log.read_text("utf-8")


def assert_clean(logged: str) -> None:
    assert "DEBUG" in logged and "telegram" in logged and "httpx" in logged  # they did log
    for leak in (TOKEN, TOKEN.partition(":")[2], ZALO_TOKEN, ZALO_TOKEN.partition(":")[2],
                 SECRET, PRIVATE, "riêng số 731946", "Đặng Quang Chung"):
        assert leak not in logged, leak
    assert "http://127.0.0.1" not in logged  # no URL at all


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"TROLY_DATABASE_URL": f"sqlite:///{tmp_path / 'logs.db'}",
            "TROLY_TELEGRAM_TOKEN": TOKEN, "TROLY_ZALO_TOKEN": ZALO_TOKEN,
            "TROLY_WEBHOOK_SECRET": SECRET, "TROLY_LISTEN_HOST": "127.0.0.1",
            "TROLY_LISTEN_PORT": str(free_port())}


async def test_polling_logs_leak_nothing(env: dict[str, str], tmp_path: Path) -> None:
    async with FakeTelegram() as telegram, FakeZalo(ZALO_TOKEN) as zalo:
        async def drive() -> None:
            await telegram.push_text(5, PRIVATE)
            await telegram.push_text(5, "Ai ký Kế hoạch 107-KH/ThU?")
            zalo.push_text("z5", PRIVATE)
            await telegram.wait_for("sendMessage", 2, timeout=90)
            await zalo.wait_for("sendMessage", 1, timeout=30)

        logged = await run_at_debug({**env, "TROLY_TELEGRAM_API_URL": telegram.api_url,
                                     "TROLY_ZALO_API_URL": zalo.base_url}, drive(),
                                    tmp_path / "polling.log")
    assert "25/3/2024" in telegram.texts(5)[0]
    assert_clean(logged)


async def test_webhook_logs_leak_nothing(env: dict[str, str], tmp_path: Path) -> None:
    port = env["TROLY_LISTEN_PORT"]
    async with FakeTelegram() as telegram, FakeZalo(ZALO_TOKEN) as zalo:
        async def drive() -> None:
            await telegram.wait_for("setWebhook", 1, timeout=90)
            for _ in range(100):
                if zalo.webhook is not None:
                    break
                await asyncio.sleep(0.1)
            update = {"update_id": 1, "message": {
                "message_id": 1, "date": 1, "chat": {"id": 4, "type": "private"},
                "from": {"id": 4, "is_bot": False, "first_name": "A"}, "text": PRIVATE}}
            async with ClientSession() as http, http.post(
                    f"http://127.0.0.1:{port}/webhook/telegram", json=update,
                    headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}) as response:
                assert response.status == 200
            url = f"http://127.0.0.1:{port}/webhook/zalo"
            assert await zalo.deliver_webhook(url, text_update("z9", PRIVATE), SECRET) == 200
            await telegram.wait_for("sendMessage", 1, timeout=30)
            await zalo.wait_for("sendMessage", 1, timeout=30)

        logged = await run_at_debug({**env, "TROLY_TELEGRAM_API_URL": telegram.api_url,
                                     "TROLY_ZALO_API_URL": zalo.base_url,
                                     "TROLY_PUBLIC_URL": f"http://127.0.0.1:{port}"}, drive(),
                                    tmp_path / "webhook.log")
    assert telegram.webhook is not None and telegram.webhook["secret"] == SECRET
    assert_clean(logged)
