"""Property-based fuzzing (Hypothesis) of the terminal channel's lines and of both webhooks:
arbitrary JSON, deep nesting, lone surrogates, bytes that are not UTF-8, huge fields. Nothing
crashes, every line gets its output line, every webhook call an answer other than 500, and
whatever was refused is in the journal. Bounded so that it takes seconds."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import ClientSession
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from bot.channels.console import ConsoleChannel
from bot.channels.telegram import TelegramChannel
from bot.channels.zalo import ZaloChannel
from bot.channels.zalo_api import ZaloBotApi
from bot.channels.zalo_updates import parse_update
from handlers.answers import AnswerEngine
from handlers.assistant import build_core
from handlers.clock import ManualClock, SystemClock
from handlers.core import Core
from storage.database import Database
from storage.models import Exchange
from storage.uow import UnitOfWork
from tests.conftest import NOW
from tests.fakes.fake_telegram import TOKEN, FakeTelegram
from tests.fakes.webhook_host import webhook_url
from tests.fakes.zalo_server import FakeZalo

FUZZ = settings(max_examples=100, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow, HealthCheck.data_too_large])
SECRET = "fuzz-webhook-secret"
# Any code point, lone surrogates included.
ANY_TEXT = st.text(st.characters(codec=None, categories=None), max_size=40)
SCALARS = (st.none() | st.booleans() | st.integers(min_value=-(2**80), max_value=2**80)
           | st.floats(allow_nan=False) | ANY_TEXT)
JSON_VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(ANY_TEXT, inner, max_size=4), max_leaves=12)
FIELDS = st.sampled_from(["from", "text", "file", "id", "now", "tick"])
LINE_OBJECTS = st.dictionaries(FIELDS | ANY_TEXT, JSON_VALUES | ANY_TEXT, max_size=5)


def _nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


LINES = st.one_of(
    LINE_OBJECTS.map(lambda d: json.dumps(d).encode()),  # surrogates travel as \\udXXX
    JSON_VALUES.map(lambda v: json.dumps(v).encode()),
    st.integers(min_value=100, max_value=5000).map(_nested),
    st.binary(max_size=200),
    st.builds(lambda n, key: json.dumps({key: "x" * n}).encode(),
              st.integers(min_value=10_000, max_value=400_000),
              st.sampled_from(["text", "from", "file", "id", "now"])),
)
BODIES = st.one_of(
    JSON_VALUES.map(lambda v: json.dumps(v).encode()),
    st.binary(max_size=300),
    st.integers(min_value=100, max_value=5000).map(_nested),
    st.builds(lambda text, sender, event: json.dumps({
        "update_id": 1, "event_name": event,
        "message": {"message_id": text[:8], "date": 1750316131602, "text": text,
                    "chat": {"id": sender, "type": "private"},
                    "from": {"id": sender, "is_bot": False, "first_name": text}}}).encode(),
              ANY_TEXT, ANY_TEXT | st.integers(), st.sampled_from(
                  ["message.text.received", "message.image.received", "other"])),
)


async def _journal_size(database: Database) -> int:
    async with UnitOfWork(database.session()) as uow:
        return int(await uow.session.scalar(select(func.count()).select_from(Exchange)) or 0)


@pytest.fixture
async def sqlite(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(f"sqlite:///{tmp_path / 'fuzz.sqlite3'}")
    await database.migrate()
    yield database
    await database.close()


@pytest.fixture
async def core(engine: AnswerEngine, sqlite: Database) -> Core:
    made = build_core(engine, ManualClock(NOW), lambda: UnitOfWork(sqlite.session()),
                      admins=["console:btg"])
    await made.prepare()
    return made


@FUZZ
@given(line=LINES)
async def test_every_terminal_line_is_answered_and_refusals_are_journaled(
        core: Core, sqlite: Database, line: bytes) -> None:
    assert isinstance(core.clock, ManualClock)
    channel = ConsoleChannel(core, core.clock, "btg")
    before = await _journal_size(sqlite)
    output = await channel.answer_line(line.decode("utf-8", "replace"))
    text = json.dumps(output, ensure_ascii=False)
    assert set(output) == {"replies", "sent"}  # a fuzzed line saves no report
    text.encode("utf-8")  # nothing a UTF-8 stream refuses (the channel cleans surrogates)
    written = await _journal_size(sqlite) - before
    if output["replies"]:
        assert written == 1  # answered, and kept: handled or refused
    else:  # a tick, or a line whose id was handled before
        data = json.loads(line)
        assert isinstance(data, dict) and (data.get("tick") is True or "id" in data)


@pytest.fixture
async def telegram_channel(core: Core) -> AsyncIterator[TelegramChannel]:
    async with FakeTelegram() as telegram:
        channel = TelegramChannel(core, SystemClock(), TOKEN, telegram.api_url,
                                  webhook_secret=SECRET, read_timeout=2, poll_timeout=1)
        await channel.start(polling=False)
        yield channel
        await channel.stop()


def _not_a_telegram_update(body: bytes) -> bool:
    try:
        data: Any = json.loads(body)
    except (ValueError, RecursionError):
        return True
    return not isinstance(data, dict)


@FUZZ
@given(body=BODIES)
@example(body=b"[1,2]")  # what the probe found answered with HTTP 500
@example(body=b"null")
async def test_the_telegram_webhook_answers_every_body(
        telegram_channel: TelegramChannel, sqlite: Database, body: bytes) -> None:
    before = await _journal_size(sqlite)
    async with webhook_url(telegram_channel.webhook) as url, ClientSession() as http, \
            http.post(url, data=body,
                      headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}) as response:
        assert response.status == 200
    if _not_a_telegram_update(body):
        assert await _journal_size(sqlite) == before + 1


@pytest.fixture
async def zalo_channel(core: Core) -> AsyncIterator[ZaloChannel]:
    async with FakeZalo("12345:secret") as zalo, \
            ZaloBotApi("12345:secret", base_url=zalo.base_url, timeout=5) as api:
        yield ZaloChannel(core, api, SystemClock(), webhook_secret=SECRET)


@FUZZ
@given(body=BODIES)
async def test_the_zalo_webhook_answers_every_body(
        zalo_channel: ZaloChannel, sqlite: Database, body: bytes) -> None:
    before = await _journal_size(sqlite)
    async with webhook_url(zalo_channel.webhook) as url, ClientSession() as http, \
            http.post(url, data=body, headers={"X-Bot-Api-Secret-Token": SECRET}) as response:
        assert response.status == 200
    await zalo_channel.drain()
    written = await _journal_size(sqlite) - before
    try:
        readable = parse_update(json.loads(body)) is not None
    except (ValueError, RecursionError):
        readable = False
    assert written <= 1 and (readable or written == 1)  # a repeated message id: dropped
