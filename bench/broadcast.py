"""A broadcast to many contacts through the outbox, against the fake Telegram server's cap.

    python bench/broadcast.py [--recipients 10000] [--cap 100] [--database URL] [--runs ...]

The admin's own /thongbao flow queues the broadcast (one outbox row per contact, in one
transaction); the real dispatcher sends it through python-telegram-bot to the fake server, which
enforces ``--cap`` messages per second (and one per second per chat) by answering 429. Four
runs, each on a fresh database: clean; with 5% of sends answered 429 or 502 at random; with the
dispatcher process killed (SIGKILL) halfway and a new one started; the same with a graceful stop
(SIGTERM). Each prints the delivery rate as a ratio of the cap, duplicates and losses.
Telegram's real cap is about 25/s; the default (100/s) is higher only to keep a run short.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import signal
import socket
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiohttp
from sqlalchemy import insert
from telegram.request import HTTPXRequest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.channels.telegram import TelegramSender, TolerantBot  # noqa: E402
from bot.delivery import RateLimiter  # noqa: E402
from bot.dispatcher import Dispatcher, DispatchSettings  # noqa: E402
from handlers.answers import AnswerEngine  # noqa: E402
from handlers.assistant import build_core, delivery_policy  # noqa: E402
from handlers.clock import SystemClock  # noqa: E402
from handlers.messages import IncomingMessage  # noqa: E402
from knowledge.loader import load_knowledge  # noqa: E402
from storage.database import Database  # noqa: E402
from storage.models import ContactRow  # noqa: E402
from storage.uow import UnitOfWork  # noqa: E402
from tests.fakes.fake_telegram import TOKEN  # noqa: E402

ANNOUNCEMENT = "Họp giao ban toàn Đảng bộ lúc 8 giờ sáng thứ Hai"
PACE = 0.98  # the dispatcher aims just under the cap, so that jitter does not cross it
LEASE = DispatchSettings().lease  # what `troly run` uses: short, renewed while sending


async def queue_broadcast(database: Database, recipients: int) -> None:
    """Contacts for one unit, then the admin's /thongbao conversation through the core."""
    core = build_core(AnswerEngine(load_knowledge()), SystemClock(),
                      lambda: UnitOfWork(database.session()), admins=["console:admin"])
    await core.prepare()
    now = dt.datetime.now(dt.UTC)
    async with UnitOfWork(database.session()) as uow:
        unit = await uow.units.by_key("bd-duk.vp-duk")
        assert unit is not None
        await uow.session.execute(insert(ContactRow), [
            {"unit_id": unit.id, "user": f"telegram:{700000 + n}", "chat": str(700000 + n),
             "display_name": None, "is_primary": n == 0, "joined_at": now}
            for n in range(recipients)])
        await uow.commit()
    for line in (f"/thongbao {ANNOUNCEMENT}", "1", "1"):
        [reply] = await core.handle(IncomingMessage("console", "admin", line, now))
    assert "Đã xếp" in reply.text, reply.text


async def sender_for(api_url: str) -> tuple[TelegramSender, TolerantBot]:
    bot = TolerantBot(TOKEN, base_url=f"{api_url}/bot",
                      request=HTTPXRequest(connection_pool_size=32))
    await bot.initialize()
    return TelegramSender(bot), bot


def dispatcher(database: Database, sender: TelegramSender, cap: float) -> Dispatcher:
    return Dispatcher(lambda: UnitOfWork(database.session()), {"telegram": sender},
                      {"telegram": RateLimiter(cap * PACE, 1.0)}, SystemClock(), delivery_policy(),
                      DispatchSettings(batch=100, lease=LEASE, idle_wait=0.05, in_flight=16,
                                       max_attempts=10))


async def pending(database: Database) -> int:
    async with UnitOfWork(database.session()) as uow:
        return await uow.outbox.pending_count("telegram")  # the admin's report waits on console


async def drain(database: Database, api_url: str, cap: float, stop: asyncio.Event) -> None:
    sender, bot = await sender_for(api_url)
    try:
        await dispatcher(database, sender, cap).run(stop)
    finally:
        await bot.shutdown()


async def worker(database_url: str, schema: str | None, api_url: str, cap: float) -> None:
    """The dispatcher as its own process, for the kill-and-restart runs."""
    database = Database(database_url, schema=schema)
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    await drain(database, api_url, cap, stop)
    await database.close()


async def fresh_database(url: str | None, folder: Path, name: str) -> tuple[Database, str]:
    """A new SQLite file, or a schema of this run's own on the PostgreSQL server (dropped by
    :func:`close`), so that a bench never touches another run's tables."""
    slug = "".join(c if c.isalnum() else "_" for c in name).lower()
    if url is None:
        database = Database(f"sqlite+aiosqlite:///{folder / slug}.sqlite3")
    else:
        database = Database(url, schema=f"bench_{os.getpid()}_{slug}"[:60])
    await database.migrate()
    return database, url or database.url


async def close(database: Database) -> None:
    if database.schema is not None:
        await database.drop_schema()
    await database.close()


class RemoteFake:
    """The fake Telegram server in its own process, so that its work is not on the CPU of the
    dispatcher being measured; ``stats()`` asks it what it delivered."""

    def __init__(self, cap: float, chaos: float) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.command = [sys.executable, "-m", "tests.fakes.fake_telegram", "--port",
                        str(self.port), "--rate", str(cap), "--per-chat-interval", "1",
                        "--chaos", str(chaos)]
        self.api_url = f"http://127.0.0.1:{self.port}"

    async def stats(self, brief: bool = False) -> dict[str, Any]:
        query = "?brief=1" if brief else ""
        async with aiohttp.ClientSession() as http, \
                http.get(f"{self.api_url}/_fake/stats{query}") as response:
            result: dict[str, Any] = await response.json()
            return result


@asynccontextmanager
async def remote_fake(cap: float, chaos: float = 0.0) -> AsyncIterator[RemoteFake]:
    fake = RemoteFake(cap, chaos)
    process = await asyncio.create_subprocess_exec(*fake.command, cwd=ROOT)
    try:
        for _ in range(200):
            try:
                await fake.stats(brief=True)
                break
            except aiohttp.ClientError:
                await asyncio.sleep(0.05)
        yield fake
    finally:
        process.terminate()
        await process.wait()


async def report(name: str, fake: RemoteFake, recipients: int, cap: float,
                 after_restart: float | None = None) -> None:
    stats = await fake.stats()
    received = sum(1 for _, text in stats["delivered"] if ANNOUNCEMENT in text)
    busy = stats["busy_seconds"]
    rate = received / busy if busy else 0.0
    restart = "" if after_restart is None else f"{after_restart:>9.1f}"
    print(f"{name:<22}{received:>9}{busy:>9.1f}{rate:>9.1f}{rate / cap:>8.3f}"
          f"{stats['duplicates']:>6}{recipients - received:>6}{stats['rate_violations']:>7}"
          f"{restart}", flush=True)


async def until_done(database: Database) -> None:
    while await pending(database):
        await asyncio.sleep(0.2)


async def in_process(name: str, args: argparse.Namespace, folder: Path, chaos: float) -> None:
    database, _ = await fresh_database(args.database, folder, name)
    await queue_broadcast(database, args.recipients)
    async with remote_fake(args.cap, chaos) as fake:
        stop = asyncio.Event()
        task = asyncio.create_task(drain(database, fake.api_url, args.cap, stop))
        await until_done(database)
        stop.set()
        await task
        await report(name, fake, args.recipients, args.cap)
    await close(database)


async def with_restart(name: str, args: argparse.Namespace, folder: Path,
                       how: signal.Signals) -> None:
    database, url = await fresh_database(args.database, folder, name)
    await queue_broadcast(database, args.recipients)
    async with remote_fake(args.cap) as fake:
        command = [sys.executable, __file__, "--worker", "--database", url, "--api", fake.api_url,
                   "--cap", str(args.cap), *(["--schema", database.schema] if database.schema
                                             else [])]
        first = await asyncio.create_subprocess_exec(*command)
        while (await fake.stats(brief=True))["received"] < args.recipients // 2:
            await asyncio.sleep(0.1)
        # At a random moment, not right after a poll, which briefly holds up the fake.
        await asyncio.sleep(random.uniform(0.0, 0.1))
        first.send_signal(how)
        await first.wait()
        # Restarted at once, as an orchestrator would: after a SIGKILL the dead worker's claims
        # are taken over when their lease (not renewed any more) runs out.
        restarted = time.monotonic()
        second = await asyncio.create_subprocess_exec(*command)
        await until_done(database)
        after_restart = time.monotonic() - restarted
        second.send_signal(signal.SIGTERM)
        await second.wait()
        await report(name, fake, args.recipients, args.cap, after_restart)
    await close(database)


async def main(args: argparse.Namespace) -> None:
    print(f"recipients={args.recipients} cap={args.cap}/s (and 1/s per chat) "
          f"database={'PostgreSQL' if args.database else 'SQLite'}")
    print(f"{'run':<22}{'received':>9}{'seconds':>9}{'msg/s':>9}{'of cap':>8}"
          f"{'dup':>6}{'lost':>6}{'429s':>7}{'restart':>9}")
    runs = {
        "clean": lambda folder: in_process("clean", args, folder, 0.0),
        "chaos": lambda folder: in_process("5% 429/5xx injected", args, folder, 0.05),
        "kill": lambda folder: with_restart("SIGKILL and restart", args, folder,
                                            signal.SIGKILL),
        "stop": lambda folder: with_restart("SIGTERM and restart", args, folder,
                                            signal.SIGTERM),
    }
    with tempfile.TemporaryDirectory() as folder:
        for name in args.runs.split(","):
            await runs[name](Path(folder))
    print("(seconds: time the fake spent receiving, less pauses over 1 s such as a restart; "
          "429s: sends it refused for going over its cap; restart: seconds from the restart "
          f"to the last message, with a lease of {LEASE.total_seconds():.0f} s)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=10_000)
    parser.add_argument("--cap", type=float, default=100.0)
    parser.add_argument("--database", help="PostgreSQL URL (default: a fresh SQLite file)")
    parser.add_argument("--runs", default="clean,chaos,kill,stop",
                        help="which runs, comma-separated (default: all four)")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--api", help=argparse.SUPPRESS)
    parser.add_argument("--schema", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.worker:
        asyncio.run(worker(arguments.database, arguments.schema, arguments.api, arguments.cap))
    else:
        os.environ.setdefault("TROLY_LOG_LEVEL", "WARNING")
        asyncio.run(main(arguments))
