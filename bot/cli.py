"""The `troly` command: ask one question, chat in the terminal, or check the plan data."""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import logging
import sys
from collections.abc import Iterable, Sequence
from typing import TextIO

from bot.app import console_outbox, start_assistant
from bot.channels.console import ConsoleChannel, render
from bot.config import Settings
from bot.runner import run, stop_on_signals
from handlers.answers import Answer, AnswerEngine
from handlers.clock import Clock, FixedClock, SystemClock, local_today
from handlers.messages import Reply
from handlers.texts import channels as texts
from handlers.texts import core as core_texts
from knowledge.loader import PlanFileError, load_knowledge

log = logging.getLogger("troly")


def _day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(texts.BAD_DATE.format(value=value)) from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="troly", description="Trợ lý Kế hoạch")
    commands = parser.add_subparsers(dest="command", required=True)
    ask = commands.add_parser("ask", help="hỏi một câu về các kế hoạch")
    ask.add_argument("question", nargs="*", help="câu hỏi bằng tiếng Việt")
    ask.add_argument("--today", type=_day, help="ngày hôm nay (YYYY-MM-DD), để thử và kiểm tra")
    ask.add_argument("--json", action="store_true", help="in câu trả lời dạng JSON")
    ask.add_argument("--jsonl", action="store_true",
                     help='đọc mỗi dòng stdin một yêu cầu {"q": ..., "today": ...}')
    chat = commands.add_parser("chat", help="trò chuyện trong cửa sổ dòng lệnh")
    chat.add_argument("--today", type=_day, help="ngày hôm nay (YYYY-MM-DD)")
    chat.add_argument("--jsonl", action="store_true",
                      help='mỗi dòng stdin {"from": ..., "text": ...}, mỗi dòng stdout các trả lời')
    commands.add_parser("check", help="kiểm tra dữ liệu kế hoạch")
    commands.add_parser("run", help="chạy trợ lý trên Telegram và Zalo (theo token đã cấu hình)")
    return parser


def _clock(today: dt.date | None) -> Clock:
    return FixedClock.on_local_day(today) if today else SystemClock()


def _engine() -> AnswerEngine:
    try:
        return AnswerEngine(load_knowledge())
    except PlanFileError as exc:
        sys.exit(texts.KNOWLEDGE_ERROR.format(error=exc))


def _answer_json(answer: Answer) -> str:
    return json.dumps(answer.as_json(), ensure_ascii=False)


def ask_lines(engine: AnswerEngine, lines: Iterable[str], default_today: dt.date,
              out: TextIO) -> None:
    """``ask --jsonl``: one request a line in, one reply a line out, in order."""
    for line in lines:
        if not line.strip():
            continue
        try:
            request = json.loads(line)
            if not isinstance(request, dict) or not isinstance(request.get("q"), str):
                raise ValueError("missing q")
        except ValueError:
            log.warning("malformed ask request: %.200s", line)
            out.write(_answer_json(Answer(False, texts.MALFORMED_REQUEST)) + "\n")
            continue
        today = default_today
        if request.get("today"):
            try:
                today = dt.date.fromisoformat(str(request["today"]))
            except ValueError:
                message = texts.BAD_DATE.format(value=request["today"])
                out.write(_answer_json(Answer(False, message)) + "\n")
                continue
        out.write(_answer_json(engine.answer(request["q"], today)) + "\n")
    out.flush()


def _ask(args: argparse.Namespace) -> int:
    engine = _engine()
    today = local_today(_clock(args.today))
    if args.jsonl:
        ask_lines(engine, sys.stdin, today, sys.stdout)
        return 0
    question = " ".join(args.question).strip()
    if not question:
        print(core_texts.EMPTY_MESSAGE, file=sys.stderr)
        return 2
    answer = engine.answer(question, today)
    if args.json:
        print(_answer_json(answer))
    else:
        print(render(Reply("", answer.text, answer.options)))
    return 0


async def _chat(args: argparse.Namespace, settings: Settings) -> int:
    engine = _engine()
    clock = _clock(args.today)
    assistant = await start_assistant(settings, engine, clock)
    try:
        channel = ConsoleChannel(assistant.core, clock, settings.console_user,
                                 settings.export_dir, console_outbox(assistant, clock))
        if args.jsonl:
            await channel.run_jsonl(sys.stdin, sys.stdout)
        else:
            await channel.run_interactive(input, print)
    finally:
        await assistant.close()
    return 0


async def _run(settings: Settings) -> int:
    if settings.telegram_token is None and settings.zalo_token is None:
        print(texts.RUN_NO_TOKENS, file=sys.stderr)
        return 2
    engine = _engine()
    clock = SystemClock()
    assistant = await start_assistant(settings, engine, clock)
    stop = asyncio.Event()
    stop_on_signals(stop)
    try:
        await run(settings, assistant, clock, stop)
    finally:
        await assistant.close()
    return 0


def _check() -> int:
    try:
        kb = load_knowledge()
    except PlanFileError as exc:
        print(texts.KNOWLEDGE_ERROR.format(error=exc), file=sys.stderr)
        return 1
    dated = sum(1 for t in kb.tasks if t.deadline and t.deadline.end)
    print(texts.KNOWLEDGE_SUMMARY.format(plans=len(kb.plans), tasks=len(kb.tasks), dated=dated,
                                         outlines=len(kb.outline_sections),
                                         units=len(kb.units)))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    args = _parser().parse_args(argv)
    settings = Settings()
    logging.basicConfig(level=settings.log_level.upper(), stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # httpx logs request URLs at INFO, and Bot API URLs carry the token: never let them out.
    logging.getLogger("httpx").setLevel(max(logging.WARNING, logging.getLogger().level))
    if args.command == "ask":
        return _ask(args)
    if args.command == "chat":
        return asyncio.run(_chat(args, settings))
    if args.command == "run":
        return asyncio.run(_run(settings))
    return _check()


if __name__ == "__main__":
    sys.exit(main())
