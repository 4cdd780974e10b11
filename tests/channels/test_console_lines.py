"""The terminal channel line by line: no line stops it, every line gets one output line and a
refusal is journaled; "id" drops a line re-sent, "now" sets the clock and "tick" runs the
scheduler's tick; files are only regular ones."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from bot.channels.console import ConsoleChannel, ConsoleSender, LongLine, lines_of
from handlers.clock import FixedClock, ManualClock
from handlers.core import Core
from handlers.messages import Reply
from handlers.texts import channels as texts
from handlers.texts import core as core_texts
from storage.database import Database
from storage.uow import UnitOfWork
from tests.conftest import NOW, CoreFactory

BIN = Path(sys.executable).parent


def troly(args: Sequence[str], stdin: bytes, env: dict[str, str]
          ) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([str(BIN / "troly"), *args], input=stdin, capture_output=True,
                          timeout=180, env={**os.environ, **env}, check=False)


@pytest.fixture
def chat_env(tmp_path: Path) -> dict[str, str]:
    return {"TROLY_DATABASE_URL": f"sqlite:///{tmp_path / 'lines.sqlite3'}",
            "TROLY_EXPORT_DIR": str(tmp_path / "exports")}


HOSTILE = [
    b"[" * 1000 + b"]" * 1000,  # nesting deeper than the parser's recursion
    b'{"from": "\\ud800", "text": "/vaitro"}',  # a lone surrogate in the sender
    b'{"from": "btg", "text": "/donvi nhap", "file": "\\udcff.csv"}',
    b'{"from": "a\xff\xfe", "text": "h\xc3"}',  # bytes that are not UTF-8
    b'{"text": ' + b'"' + b"x" * 5_000_000 + b'"}',  # a 5 MB text
    b'{"from": "' + b"u" * 5_000_000 + b'", "text": "hi"}',  # a 5 MB sender id
    b'"just a string"', b"null", b"{oops", b'{"text": 12}', b'{"from": ["x"]}',
    b'{"text": "\\u0000NUL\\u0000"}',
    b'{"from": "btg", "text": "/vaitro"}',  # still answered after everything above
]


def test_no_line_stops_the_terminal_and_every_line_is_answered(
        chat_env: dict[str, str], tmp_path: Path) -> None:
    result = troly(["chat", "--jsonl"], b"\n".join(HOSTILE) + b"\n", chat_env)
    assert result.returncode == 0, result.stderr[-2000:]
    outputs = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert len(outputs) == len(HOSTILE)
    assert all(o["replies"] for o in outputs)
    assert "quản trị viên" in outputs[-1]["replies"][0]["text"]  # /vaitro, answered
    assert max(len(line) for line in result.stdout.splitlines()) < 20_000  # no echo of 5 MB
    with sqlite3.connect(tmp_path / "lines.sqlite3") as db:
        rows = db.execute("select sender, length(text), outcome from exchanges").fetchall()
        size = db.execute("select max(length(text)) + max(length(sender)) from exchanges")
        biggest = size.fetchone()[0]
    assert len(rows) == len(HOSTILE)  # every line is in the journal, refused or not
    assert biggest < 20_000  # the 5 MB fields are kept cut, with their length and hash
    outcomes = [outcome for _, _, outcome in rows]
    assert outcomes.count("malformed") >= 5 and "too_long" in outcomes
    assert "bad_sender" in outcomes


def test_ask_jsonl_survives_hostile_lines(chat_env: dict[str, str]) -> None:
    lines = [b"[" * 1000 + b"]" * 1000, b'{"q": "\\ud800 h\xff\xfe"}', b'{"q": "\\u0000"}',
             b'{"q": "Ai ky Ke hoach 107?", "today": "\\udcff"}', b'{"q": "Ai ky 107?"}']
    result = troly(["ask", "--jsonl"], b"\n".join(lines) + b"\n", chat_env)
    assert result.returncode == 0, result.stderr[-2000:]
    replies = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert len(replies) == len(lines) and "Đặng Quang Chung" in replies[-1]["text"]


def test_lines_of_reads_long_lines_without_holding_them() -> None:
    stream = io.BytesIO(b"short\n" + b"y" * 100 + b"\nlast")
    lines = list(lines_of(stream, limit=10))
    assert lines[0] == "short\n" and lines[2] == "last"
    assert isinstance(lines[1], LongLine) and lines[1].size == 101


@pytest.fixture
async def console(make_core: CoreFactory) -> tuple[ConsoleChannel, ManualClock]:
    clock = ManualClock(NOW)
    core = await make_core(clock=clock)
    return ConsoleChannel(core, clock, "btg"), clock


async def exchanges(database: Database, sender: str = "btg") -> list[tuple[str, str]]:
    async with UnitOfWork(database.session()) as uow:
        rows = await uow.exchanges.recent("console", sender, limit=100)
    return [(row.text, row.outcome) for row in reversed(rows)]


async def test_a_malformed_line_is_journaled_as_its_reply_says(
        console: tuple[ConsoleChannel, ManualClock], database: Database) -> None:
    channel, _ = console
    output = await channel.answer_line("{oops")
    [reply] = output["replies"]
    assert "{{" not in str(reply["text"]) and '{"from": ..., "text": ...}' in str(reply["text"])
    assert core_texts.REFUSAL_RECORDED in str(reply["text"])
    assert await exchanges(database) == [("{oops", "malformed")]


async def test_a_line_resent_with_the_same_id_is_handled_once(
        console: tuple[ConsoleChannel, ManualClock], database: Database) -> None:
    channel, _ = console
    line = json.dumps({"from": "btg", "text": "/vaitro", "id": "line-1"})
    first = await channel.answer_line(line)
    again = await channel.answer_line(line)  # re-sent after a crash
    other = await channel.answer_line(json.dumps({"text": "/vaitro", "id": 2}))
    assert first["replies"] and again == {"replies": [], "sent": []} and other["replies"]
    assert [outcome for _, outcome in await exchanges(database)] == ["vaitro", "vaitro"]


async def test_now_sets_the_clock_for_this_line_and_the_next(
        console: tuple[ConsoleChannel, ManualClock], database: Database) -> None:
    channel, clock = console
    await channel.answer_line(json.dumps({"text": "/vaitro", "now": "2024-03-25T08:00:00+07:00"}))
    assert clock.now() == dt.datetime(2024, 3, 25, 1, 0, tzinfo=dt.UTC)
    await channel.answer_line(json.dumps({"text": "/vaitro"}))
    assert clock.now() == dt.datetime(2024, 3, 25, 1, 0, tzinfo=dt.UTC)
    for bad in ("2024-03-25T08:00:00", "hôm qua", 17, "2024-02-30T08:00:00+07:00"):
        [reply] = (await channel.answer_line(json.dumps({"text": "/vaitro", "now": bad})))[
            "replies"]
        assert "ISO 8601" in str(reply["text"]) and "giữ nguyên" in str(reply["text"])
        assert clock.now() == dt.datetime(2024, 3, 25, 1, 0, tzinfo=dt.UTC)
    async with UnitOfWork(database.session()) as uow:
        rows = await uow.exchanges.recent("console", "btg", limit=10)
    assert {row.received_at for row in rows if row.outcome == "vaitro"} == {clock.now()}
    assert sum(1 for row in rows if row.outcome == "bad_now") == 4


async def test_a_tick_line_runs_the_tick_at_its_moment_and_shows_what_was_sent(
        make_core: CoreFactory) -> None:
    clock = ManualClock(NOW)
    core = await make_core(clock=clock)
    sender = ConsoleSender()
    ticks: list[dt.datetime] = []

    async def tick(now: dt.datetime) -> None:
        ticks.append(now)
        await sender.send_text("vp", "Nhắc hạn: báo cáo quý I", ["Đã xong", "Đang làm"])

    async def deliver() -> list[Reply]:
        return sender.take()

    channel = ConsoleChannel(core, clock, "btg", deliver=deliver, tick=tick)
    out = io.StringIO()
    await channel.run_jsonl([json.dumps({"tick": True, "now": "2024-03-20T08:00:00+07:00"}),
                             json.dumps({"text": "/vaitro"})], out)
    first, second = (json.loads(line) for line in out.getvalue().splitlines())
    assert ticks == [dt.datetime(2024, 3, 20, 1, 0, tzinfo=dt.UTC)]
    assert first == {"replies": [], "sent": [
        {"to": "vp", "text": "Nhắc hạn: báo cáo quý I", "options": ["Đã xong", "Đang làm"]}]}
    assert second["sent"] == [] and second["replies"][0]["to"] == "btg"


async def test_a_fixed_clock_refuses_now_politely(make_core: CoreFactory) -> None:
    core: Core = await make_core()
    channel = ConsoleChannel(core, FixedClock(NOW), "btg")
    [reply] = (await channel.answer_line(json.dumps({"now": "2024-03-20T08:00:00+07:00"})))[
        "replies"]
    assert texts.CLOCK_NOT_SETTABLE in str(reply["text"])


async def test_only_regular_files_are_read(console: tuple[ConsoleChannel, ManualClock],
                                           database: Database, tmp_path: Path) -> None:
    channel, _ = console
    link = tmp_path / "don-vi.csv"
    link.symlink_to("/proc/self/environ")
    fifo = tmp_path / "fifo.csv"
    os.mkfifo(fifo)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    for path, problem in ((link, "không phải một tệp dữ liệu thông thường"),
                          (fifo, "không phải một tệp dữ liệu thông thường"),
                          (Path("/dev/zero"), "không phải một tệp dữ liệu thông thường"),
                          (tmp_path, "không phải một tệp dữ liệu thông thường"),
                          (empty, "không có nội dung"),
                          (tmp_path / "missing.csv", "Không tìm thấy")):
        line = json.dumps({"text": "/donvi nhap", "file": str(path)})
        [reply] = (await channel.answer_line(line))["replies"]
        assert problem in str(reply["text"]), path
        assert "PATH=" not in str(reply["text"]) and "TROLY" not in str(reply["text"])
    journal = await exchanges(database)
    assert [outcome for _, outcome in journal] == ["file_refused"] * 6
    assert not any("PATH=" in text for text, _ in journal)
