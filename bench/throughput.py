"""Questions per second through the whole stack, beside a bare python-telegram-bot echo bot.

    python bench/throughput.py [--questions 300] [--rounds 3]

Both bots poll the same kind of fake Telegram server over HTTP. The assistant answers real
questions from the dev set (fake Telegram -> PTB -> core: reading, search, answer, journal in
SQLite -> reply); the echo bot sends each text back. A round queues all questions at once and
times until every reply has arrived. Prints the median of the rounds and the ratio.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import yaml
from telegram import Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.app import start_assistant  # noqa: E402
from bot.channels.telegram import TelegramChannel  # noqa: E402
from bot.config import Settings  # noqa: E402
from handlers.answers import AnswerEngine  # noqa: E402
from handlers.clock import SystemClock  # noqa: E402
from knowledge.loader import load_knowledge  # noqa: E402
from tests.fakes.fake_telegram import TOKEN, FakeTelegram  # noqa: E402

QUESTIONS = ROOT.parent / "shared" / "eval" / "dev_questions.yaml"
Runner = Callable[[FakeTelegram], Awaitable[tuple[Callable[[], Awaitable[None]], str]]]


async def echo(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.message is not None and update.message.text:
        await update.message.reply_text(update.message.text)


async def start_echo(fake: FakeTelegram) -> tuple[Callable[[], Awaitable[None]], str]:
    application = (Application.builder().token(TOKEN).base_url(f"{fake.api_url}/bot")
                   .job_queue(None).build())
    application.add_handler(MessageHandler(filters.TEXT, echo))
    await application.initialize()
    await application.start()
    assert application.updater is not None
    await application.updater.start_polling(poll_interval=0.0, timeout=1)

    async def stop() -> None:
        assert application.updater is not None
        await application.updater.stop()
        await application.stop()
        await application.shutdown()
    return stop, "PTB echo bot"


def assistant_starter(engine: AnswerEngine, folder: Path) -> Runner:
    async def start(fake: FakeTelegram) -> tuple[Callable[[], Awaitable[None]], str]:
        settings = Settings(database_url=f"sqlite+aiosqlite:///{folder}/bench.sqlite3")
        assistant = await start_assistant(settings, engine, SystemClock())
        channel = TelegramChannel(assistant.core, SystemClock(), TOKEN, fake.api_url,
                                  poll_timeout=1)
        await channel.start()

        async def stop() -> None:
            await channel.stop()
            await assistant.close()
        return stop, "troly (whole stack)"
    return start


async def one_round(start: Runner, questions: list[str]) -> tuple[str, float]:
    async with FakeTelegram() as fake:
        stop, name = await start(fake)
        try:
            begin = time.perf_counter()
            for number, question in enumerate(questions):
                await fake.push_text(10_000 + number, question)
            await fake.wait_for("sendMessage", len(questions), timeout=600)
            elapsed = time.perf_counter() - begin
        finally:
            await stop()
    return name, len(questions) / elapsed


async def main(args: argparse.Namespace) -> None:
    dev = [str(q["q"]) for q in yaml.safe_load(QUESTIONS.read_text("utf-8"))]
    questions = [dev[n % len(dev)] for n in range(args.questions)]
    engine = AnswerEngine(load_knowledge())
    with tempfile.TemporaryDirectory() as folder:
        systems: list[Runner] = [start_echo, assistant_starter(engine, Path(folder))]
        rates: dict[str, list[float]] = {}
        for _ in range(args.rounds):
            for start in systems:
                name, rate = await one_round(start, questions)
                rates.setdefault(name, []).append(rate)
    print(f"questions={args.questions} rounds={args.rounds} (median of the rounds)")
    medians = {name: statistics.median(values) for name, values in rates.items()}
    for name, median in medians.items():
        spread = ", ".join(f"{v:.0f}" for v in rates[name])
        print(f"{name:<22}{median:>8.1f} questions/s   (rounds: {spread})")
    echo_rate, ours = medians["PTB echo bot"], medians["troly (whole stack)"]
    print(f"ratio troly / echo: {ours / echo_rate:.2f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    asyncio.run(main(parser.parse_args()))
