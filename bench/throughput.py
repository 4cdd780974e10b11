"""Time from an incoming update to its reply at a steady rate, through a real `troly run`.

    python bench/throughput.py [--rate 50] [--seconds 20] [--rounds 3] [--chats 200]
                               [--database postgresql://postgres@127.0.0.1:5432/test]

Each system runs as its own process and polls a fake Telegram server in this process: a bare
python-telegram-bot echo bot (the baseline: what PTB and the fake cost), then `troly run` on
SQLite and, with --database, on PostgreSQL (a schema of the run's own, dropped at the end).
Updates — questions from the dev set, from ``--chats`` different chats — are pushed at a steady
``--rate`` per second for ``--seconds``; each reply is matched to its update (the k-th reply to
a chat answers its k-th message) and timed from the push to the fake's receiving the reply.
Printed per round: p50, p99 and max in ms, and how many replies arrived; a round that loses a
reply (none within 30 s of the last push) says so and the benchmark ends there. Then the
median of the rounds per system and the ratios to the echo bot. The reply pace is raised
(TROLY_TELEGRAM_RATE) above the offered rate so that pacing is not what is measured.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import yaml
from aiohttp import ClientError, ClientSession, ClientTimeout

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from storage.database import Database  # noqa: E402
from tests.fakes.fake_telegram import TOKEN, FakeTelegram  # noqa: E402
from tests.fakes.webhook_host import free_port  # noqa: E402

QUESTIONS = ROOT.parent / "shared" / "eval" / "dev_questions.yaml"
BIN = Path(sys.executable).parent
LOSS_WAIT = 30.0  # seconds after the last push before a missing reply counts as lost
READY_TIMEOUT = 180.0
FIRST_CHAT = 10_000
ECHO = """
import sys
from telegram.ext import Application, MessageHandler, filters

async def echo(update, _context):
    await update.message.reply_text(update.message.text)

app = (Application.builder().token(sys.argv[1]).base_url(sys.argv[2] + "/bot")
       .concurrent_updates(256).job_queue(None).build())
app.add_handler(MessageHandler(filters.TEXT, echo))
app.run_polling(poll_interval=0.0, timeout=1, drop_pending_updates=False)
"""


@dataclass
class Round:
    latencies: list[float]  # seconds, one per reply that arrived
    pushed: int

    @property
    def lost(self) -> int:
        return self.pushed - len(self.latencies)

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000

    def line(self) -> str:
        return (f"p50 {self.percentile(0.50):7.1f} ms  p99 {self.percentile(0.99):7.1f} ms  "
                f"max {max(self.latencies) * 1000:7.1f} ms  replies {len(self.latencies)}/"
                f"{self.pushed}")


Starter = Callable[[FakeTelegram, Path], Awaitable[asyncio.subprocess.Process]]


async def start_echo(fake: FakeTelegram, log: Path) -> asyncio.subprocess.Process:
    with log.open("ab") as stderr:
        return await asyncio.create_subprocess_exec(
            sys.executable, "-c", ECHO, TOKEN, fake.api_url,
            stdout=asyncio.subprocess.DEVNULL, stderr=stderr)


def troly_starter(env: dict[str, str]) -> Starter:
    async def start(fake: FakeTelegram, log: Path) -> asyncio.subprocess.Process:
        port = free_port()
        full = {**os.environ, **env, "TROLY_TELEGRAM_TOKEN": TOKEN,
                "TROLY_TELEGRAM_API_URL": fake.api_url, "TROLY_LISTEN_HOST": "127.0.0.1",
                "TROLY_LISTEN_PORT": str(port), "TROLY_TELEGRAM_RATE": "1000",
                "TROLY_LOG_LEVEL": "WARNING"}
        with log.open("ab") as stderr:
            process = await asyncio.create_subprocess_exec(
                str(BIN / "troly"), "run", env=full, stdout=asyncio.subprocess.DEVNULL,
                stderr=stderr)
        await _healthy(process, f"http://127.0.0.1:{port}/healthz", log)
        return process
    return start


async def _healthy(process: asyncio.subprocess.Process, url: str, log: Path) -> None:
    deadline = time.monotonic() + READY_TIMEOUT
    async with ClientSession(timeout=ClientTimeout(total=5)) as http:
        while time.monotonic() < deadline:
            if process.returncode is not None:
                raise SystemExit(f"troly run ended with {process.returncode}; see {log}")
            try:
                async with http.get(url) as response:
                    if response.status == 200:
                        return
            except (ClientError, OSError):
                pass
            await asyncio.sleep(0.3)
    raise SystemExit(f"troly run never became healthy; see {log}")


def _replies(fake: FakeTelegram) -> dict[int, list[float]]:
    found: dict[int, list[float]] = defaultdict(list)
    for call in fake.calls_to("sendMessage"):
        found[int(call.params["chat_id"])].append(call.at)
    return found


async def _warm_up(fake: FakeTelegram, question: str) -> None:
    """A few updates before the clock starts: the process has polled and answered once."""
    for chat in range(5):
        await fake.push_text(chat + 1, question)
    deadline = time.monotonic() + READY_TIMEOUT
    while len(fake.calls_to("sendMessage")) < 5:
        if time.monotonic() > deadline:
            raise SystemExit("the bot never answered its warm-up messages")
        await asyncio.sleep(0.1)


async def one_round(start: Starter, questions: list[str], args: argparse.Namespace,
                    log: Path) -> Round:
    async with FakeTelegram() as fake:
        process = await start(fake, log)
        try:
            await _warm_up(fake, questions[0])
            count = int(args.rate * args.seconds)
            pushed: dict[int, list[float]] = defaultdict(list)
            begin = time.monotonic()
            for number in range(count):
                await asyncio.sleep(max(0.0, begin + number / args.rate - time.monotonic()))
                chat = FIRST_CHAT + number % args.chats
                pushed[chat].append(time.monotonic())
                await fake.push_text(chat, questions[number % len(questions)])
            last = time.monotonic()
            while sum(len(v) for c, v in _replies(fake).items() if c >= FIRST_CHAT) < count:
                if time.monotonic() - last > LOSS_WAIT:
                    break
                await asyncio.sleep(0.05)
            replies = _replies(fake)
            latencies = [reply - sent for chat, times in pushed.items()
                         for sent, reply in zip(times, replies.get(chat, []), strict=False)]
            return Round(latencies, count)
        finally:
            if process.returncode is None:
                process.terminate()
            await process.wait()


async def main(args: argparse.Namespace) -> None:
    questions = [str(q["q"]) for q in yaml.safe_load(QUESTIONS.read_text("utf-8"))]
    schema = f"bench_throughput_{os.getpid()}"
    with tempfile.TemporaryDirectory() as folder:
        print(f"rate={args.rate}/s seconds={args.seconds} chats={args.chats} "
              f"rounds={args.rounds}; logs in {folder} while running")
        results: dict[str, list[Round]] = defaultdict(list)
        try:
            for number in range(args.rounds):
                # A fresh database each round: each fake server numbers its updates from 1,
                # and the assistant rightly handles an update id it has seen only once.
                systems: list[tuple[str, Starter]] = [
                    ("PTB echo bot", start_echo),
                    ("troly run, SQLite", troly_starter(
                        {"TROLY_DATABASE_URL": f"sqlite:///{folder}/bench-{number}.sqlite3"}))]
                if args.database:
                    systems.append(("troly run, PostgreSQL", troly_starter(
                        {"TROLY_DATABASE_URL": args.database,
                         "TROLY_DATABASE_SCHEMA": f"{schema}_{number}"})))
                for name, start in systems:
                    found = await one_round(start, questions, args, Path(folder) / "bench.log")
                    print(f"round {number + 1}  {name:<24}{found.line()}", flush=True)
                    if found.lost:
                        print(f"{name}: {found.lost} replies lost (none within "
                              f"{LOSS_WAIT:.0f} s of the last update); stopping here")
                        return
                    results[name].append(found)
        finally:
            for number in range(args.rounds) if args.database else ():
                database = Database(args.database, schema=f"{schema}_{number}")
                await database.drop_schema()
                await database.close()
    print("median of the rounds:")
    medians = {name: (statistics.median(r.percentile(0.50) for r in rounds),
                      statistics.median(r.percentile(0.99) for r in rounds))
               for name, rounds in results.items()}
    echo_p50, echo_p99 = medians["PTB echo bot"]
    for name, (p50, p99) in medians.items():
        print(f"{name:<24} p50 {p50:7.1f} ms  p99 {p99:7.1f} ms  "
              f"(x{p50 / echo_p50:.1f} / x{p99 / echo_p99:.1f} the echo bot)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=50.0, help="updates per second")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--chats", type=int, default=200)
    parser.add_argument("--database", help="PostgreSQL URL (default: SQLite only)")
    asyncio.run(main(parser.parse_args()))
