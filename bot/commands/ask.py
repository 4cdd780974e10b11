"""`troly ask`: one question, or one JSON request a line (`--jsonl`), answered from the plans."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import re
import sys
from collections.abc import Iterable
from typing import TextIO

from bot.channels.console import LongLine, lines_of, render
from bot.commands.common import bundled_engine, clock_for
from handlers.answers import Answer, AnswerEngine
from handlers.clock import local_today
from handlers.messages import Reply
from handlers.texts import channels as texts
from handlers.texts import core as core_texts

log = logging.getLogger("troly")


def _answer_json(answer: Answer) -> str:
    return json.dumps(answer.as_json(), ensure_ascii=False)


_SURROGATES = re.compile("[\ud800-\udfff]")


def ask_lines(engine: AnswerEngine, lines: Iterable[str | LongLine], default_today: dt.date,
              out: TextIO) -> None:
    """``ask --jsonl``: one request a line in, one reply a line out, in order; no line, however
    malformed, stops it."""
    for line in lines:
        if isinstance(line, str) and not line.strip():
            continue
        try:
            answer = _ask_line(engine, line, default_today)
        except Exception:
            log.exception("failed to answer an ask request")
            answer = Answer(False, core_texts.INTERNAL_ERROR_NOT_RECORDED)
        out.write(_SURROGATES.sub("\ufffd", _answer_json(answer)) + "\n")
        out.flush()


def _ask_line(engine: AnswerEngine, line: str | LongLine, default_today: dt.date) -> Answer:
    try:
        if isinstance(line, LongLine):
            raise ValueError("line too long")
        request = json.loads(line)
        if not isinstance(request, dict) or not isinstance(request.get("q"), str):
            raise ValueError("missing q")
    except (ValueError, RecursionError):
        log.warning("malformed ask request")
        return Answer(False, texts.MALFORMED_REQUEST)
    today = default_today
    if request.get("today"):
        try:
            today = dt.date.fromisoformat(str(request["today"]))
        except ValueError:
            shown = _SURROGATES.sub("\ufffd", str(request["today"]))[:40]
            return Answer(False, texts.BAD_DATE.format(value=shown))
    question = _SURROGATES.sub("\ufffd", request["q"].replace("\x00", ""))
    return engine.answer(question, today)


def main(args: argparse.Namespace) -> int:
    engine = bundled_engine()
    today = local_today(clock_for(args.today))
    if args.jsonl:
        ask_lines(engine, lines_of(sys.stdin.buffer), today, sys.stdout)
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
