"""`troly run` as a process: both channels at once against the fake servers, health, webhooks
registered when a public URL is set, a clean stop on SIGTERM, and help when no token is set."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

from aiohttp import ClientSession
from aiohttp.test_utils import make_mocked_request

from bot.runner import health_endpoint
from storage.database import Database
from tests.fakes.fake_telegram import TOKEN, FakeTelegram
from tests.fakes.webhook_host import free_port
from tests.fakes.zalo_server import FakeZalo

TROLY = str(Path(sys.executable).parent / "troly")
ZALO_TOKEN = "12345:secret"


async def start(env: dict[str, str]) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        TROLY, "run", env={**os.environ, **env}, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE)


async def test_without_tokens_it_explains_and_points_to_chat(tmp_path: Path) -> None:
    process = await start({"TROLY_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/t.db"})
    _, stderr = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 2
    assert "TROLY_TELEGRAM_TOKEN" in stderr.decode() and "troly chat" in stderr.decode()


async def test_both_channels_in_one_process(tmp_path: Path) -> None:
    port = free_port()
    async with FakeTelegram() as telegram, FakeZalo(ZALO_TOKEN) as zalo:
        process = await start({
            "TROLY_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/run.db",
            "TROLY_TELEGRAM_TOKEN": TOKEN, "TROLY_TELEGRAM_API_URL": telegram.api_url,
            "TROLY_ZALO_TOKEN": ZALO_TOKEN, "TROLY_ZALO_API_URL": zalo.base_url,
            "TROLY_LISTEN_HOST": "127.0.0.1", "TROLY_LISTEN_PORT": str(port),
            "TROLY_LOG_LEVEL": "INFO"})
        try:
            await telegram.push_text(5, "Hạn nộp báo cáo sơ kết 03 năm là ngày nào?")
            zalo.push_text("z5", "Ai ký Kế hoạch 107-KH/ThU?")
            await telegram.wait_for("sendMessage", 1, timeout=90)
            await zalo.wait_for("sendMessage", 1, timeout=30)
            async with ClientSession() as http, \
                    http.get(f"http://127.0.0.1:{port}/healthz") as health:
                assert health.status == 200
                body = await health.json()
            assert body["status"] == "ok" and body["database"] == {"status": "ok"}
            assert body["channels"] == {"telegram": {"status": "ok"}, "zalo": {"status": "ok"}}
            assert body["outbox"] == {"status": "ok", "pending": 0, "due": 0,
                                      "oldest_due_age_seconds": 0.0}
            assert body["scheduler"]["status"] == "ok"
        finally:
            process.send_signal(signal.SIGTERM)
            _, stderr = await asyncio.wait_for(process.communicate(), 60)
        assert process.returncode == 0, stderr.decode()[-2000:]
    assert "25/3/2024" in telegram.texts(5)[0]
    assert "Đặng Quang Chung" in zalo.sent_texts("z5")[0]
    logged = stderr.decode()
    assert TOKEN not in logged and ZALO_TOKEN not in logged  # tokens never reach the log
    assert "Telegram channel started" in logged


async def test_webhooks_are_registered_with_a_secret(tmp_path: Path) -> None:
    port = free_port()
    async with FakeTelegram() as telegram, FakeZalo(ZALO_TOKEN) as zalo:
        process = await start({
            "TROLY_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/hook.db",
            "TROLY_TELEGRAM_TOKEN": TOKEN, "TROLY_TELEGRAM_API_URL": telegram.api_url,
            "TROLY_ZALO_TOKEN": ZALO_TOKEN, "TROLY_ZALO_API_URL": zalo.base_url,
            "TROLY_PUBLIC_URL": f"http://127.0.0.1:{port}", "TROLY_WEBHOOK_SECRET": "hook-secret-1",
            "TROLY_LISTEN_HOST": "127.0.0.1", "TROLY_LISTEN_PORT": str(port)})
        try:
            await telegram.wait_for("setWebhook", 1, timeout=90)
            for _ in range(100):
                if zalo.webhook is not None:
                    break
                await asyncio.sleep(0.1)
            assert telegram.webhook == {"url": f"http://127.0.0.1:{port}/webhook/telegram",
                                        "secret": "hook-secret-1"}
            update = {"event_name": "message.text.received", "message": {
                "message_id": "h1", "date": 1750316131602, "text": "/trogiup",
                "chat": {"id": "z9", "chat_type": "PRIVATE"},
                "from": {"id": "z9", "display_name": "A", "is_bot": False}}}
            url = f"http://127.0.0.1:{port}/webhook/zalo"
            assert await zalo.deliver_webhook(url, update, "wrong") == 403
            assert await zalo.deliver_webhook(url, update, "hook-secret-1") == 200
            await zalo.wait_for("sendMessage", 1, timeout=30)
        finally:
            process.send_signal(signal.SIGTERM)
            await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 0
    assert len(zalo.sent_texts("z9")) == 1


async def test_health_is_503_while_the_database_does_not_answer() -> None:
    gone = Database("postgresql+asyncpg://postgres@127.0.0.1:1/test")  # nothing listens there
    try:
        response = await health_endpoint(gone, ["telegram"])(
            make_mocked_request("GET", "/healthz"))
    finally:
        await gone.close()
    assert response.status == 503
