"""Settings are checked at start, naming the setting; a wrong token, an unreachable service or
database is one clear line and a non-zero exit (no traceback, no token); once running,
failures are retried while /healthz names the failing part."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest
from aiohttp.test_utils import make_mocked_request

from bot.channels.zalo import ZaloChannel
from bot.channels.zalo_api import ZaloBotApi
from bot.config import Settings
from bot.health import Health
from bot.runner import health_endpoint
from handlers.clock import SystemClock
from storage.database import Database
from tests.conftest import CoreFactory
from tests.fakes.fake_telegram import TOKEN, FakeTelegram
from tests.fakes.webhook_host import free_port
from tests.fakes.zalo_server import FakeZalo

TROLY = str(Path(sys.executable).parent / "troly")
ZALO_TOKEN = "12345:secret"


async def troly(*args: str, env: dict[str, str], timeout: float = 90) -> tuple[int, str]:
    process = await asyncio.create_subprocess_exec(
        TROLY, *args, env={**os.environ, **env}, stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    try:
        _, stderr = await asyncio.wait_for(process.communicate(), timeout)
    except TimeoutError:
        process.kill()
        await process.wait()
        raise
    assert process.returncode is not None
    return process.returncode, stderr.decode()


def one_clear_line(stderr: str, *secrets: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr[-3000:]
    assert "Traceback" not in stderr and all(s not in stderr for s in secrets)
    return lines[0]


@pytest.fixture
def base(tmp_path: Path) -> dict[str, str]:
    return {"TROLY_DATABASE_URL": f"sqlite:///{tmp_path / 'start.db'}",
            "TROLY_LISTEN_HOST": "127.0.0.1", "TROLY_LISTEN_PORT": str(free_port())}


async def test_a_webhook_secret_telegram_refuses_stops_the_start_before_anything_is_set(
        base: dict[str, str]) -> None:
    async with FakeTelegram() as telegram, FakeZalo(ZALO_TOKEN) as zalo:
        env = {**base, "TROLY_TELEGRAM_TOKEN": TOKEN, "TROLY_TELEGRAM_API_URL": telegram.api_url,
               "TROLY_ZALO_TOKEN": ZALO_TOKEN, "TROLY_ZALO_API_URL": zalo.base_url,
               "TROLY_PUBLIC_URL": "https://troly.example.vn"}
        for secret in ("abc", "có dấu cách", "x" * 257):
            code, stderr = await troly("run", env={**env, "TROLY_WEBHOOK_SECRET": secret})
            line = one_clear_line(stderr, secret)
            assert code == 2 and "TROLY_WEBHOOK_SECRET" in line
        assert telegram.calls == [] and zalo.webhook is None  # nothing was registered


async def test_settings_name_what_is_wrong(base: dict[str, str]) -> None:
    code, stderr = await troly("run", env={**base, "TROLY_TELEGRAM_TOKEN": TOKEN,
                                           "TROLY_LISTEN_PORT": "http",
                                           "TROLY_DATABASE_URL": "mysql://db/troly"})
    assert code == 2 and "Traceback" not in stderr
    assert "TROLY_LISTEN_PORT" in stderr and "TROLY_DATABASE_URL" in stderr


def test_plain_database_urls_get_the_async_driver(monkeypatch: pytest.MonkeyPatch) -> None:
    for written, used in (("sqlite:///file.db", "sqlite+aiosqlite:///file.db"),
                          ("postgresql://troly@db:5432/troly",
                           "postgresql+asyncpg://troly@db:5432/troly")):
        monkeypatch.setenv("TROLY_DATABASE_URL", written)
        assert Settings().database_url == used


async def test_ask_uses_no_database_and_ignores_its_setting() -> None:
    code, stderr = await troly("ask", "Ai ký Kế hoạch 107-KH/ThU?",
                               env={"TROLY_DATABASE_URL": "mysql://nowhere/x"})
    assert code == 0, stderr


async def test_a_wrong_telegram_token_is_one_clear_line(base: dict[str, str]) -> None:
    wrong = "999999:WRONG-token-abcdef"
    async with FakeTelegram() as telegram:
        code, stderr = await troly("run", env={**base, "TROLY_TELEGRAM_TOKEN": wrong,
                                               "TROLY_TELEGRAM_API_URL": telegram.api_url})
    assert code == 1 and "TROLY_TELEGRAM_TOKEN" in one_clear_line(stderr, wrong, "WRONG")


async def test_a_wrong_zalo_token_is_one_clear_line(base: dict[str, str]) -> None:
    wrong = "54321:not-the-token"
    async with FakeZalo(ZALO_TOKEN) as zalo:
        code, stderr = await troly("run", env={**base, "TROLY_ZALO_TOKEN": wrong,
                                               "TROLY_ZALO_API_URL": zalo.base_url})
    assert code == 1 and "TROLY_ZALO_TOKEN" in one_clear_line(stderr, wrong, "not-the-token")


async def test_an_unreachable_api_at_start_is_one_clear_line(base: dict[str, str]) -> None:
    nowhere = f"http://127.0.0.1:{free_port()}"
    code, stderr = await troly("run", env={**base, "TROLY_TELEGRAM_TOKEN": TOKEN,
                                           "TROLY_TELEGRAM_API_URL": nowhere})
    assert code == 1 and "TROLY_TELEGRAM_API_URL" in one_clear_line(stderr, TOKEN)


@pytest.mark.parametrize(("url", "reason"), [
    ("postgresql://postgres@127.0.0.1:1/test", "máy chủ không trả lời"),
    ("postgresql://postgres@127.0.0.1:5432/troly_no_such_database", "chưa được tạo"),
])
async def test_a_database_that_cannot_be_opened_is_one_clear_line(
        base: dict[str, str], url: str, reason: str) -> None:
    code, stderr = await troly("run", env={**base, "TROLY_TELEGRAM_TOKEN": TOKEN,
                                           "TROLY_DATABASE_URL": url})
    line = one_clear_line(stderr, TOKEN)
    assert code == 1 and "TROLY_DATABASE_URL" in line and reason in line


async def test_once_running_a_refused_token_is_retried_and_health_says_so(
        make_core: CoreFactory, database: Database) -> None:
    health = Health()
    check = health_endpoint(database, ["zalo"], health)
    async with FakeZalo(ZALO_TOKEN) as zalo, \
            ZaloBotApi(ZALO_TOKEN, base_url=zalo.base_url, timeout=5) as api:
        channel = ZaloChannel(await make_core(clock=SystemClock()), api, SystemClock(),
                              health=health)
        zalo.fail_next("deleteWebhook", 401)  # the very first call, outside the old try
        zalo.fail_next("getUpdates", 401, times=2)
        stop = asyncio.Event()
        task = asyncio.create_task(channel.run_polling(stop))
        health.watch("zalo", task)
        await asyncio.sleep(0.5)
        response = await check(make_mocked_request("GET", "/healthz"))
        assert response.status == 503 and b'"zalo"' in (response.body or b"")  # type: ignore[operator]
        zalo.push_text("z1", "/trogiup", message_id="h1")
        await zalo.wait_for("sendMessage", 1, timeout=20)  # retried with backoff, recovered
        assert (await check(make_mocked_request("GET", "/healthz"))).status == 200
        stop.set()
        await asyncio.wait_for(task, 10)
    dead = await check(make_mocked_request("GET", "/healthz"))  # the task is over: never ok
    assert dead.status == 503 and b"stopped" in (dead.body or b"")  # type: ignore[operator]
