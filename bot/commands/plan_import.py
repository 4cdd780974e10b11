"""`troly import FILE`: read a plan document into a draft. With ``--json`` the draft is printed
in the maintainers' contract and nothing is stored; otherwise it is stored for review as if the
terminal's admin had sent the file (``--approve`` approves it at once)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from bot.app import start_assistant
from bot.channels.console import CHANNEL, read_attachment, render
from bot.commands.common import bundled_engine
from bot.config import Settings
from handlers.clock import SystemClock
from handlers.messages import IncomingMessage
from handlers.texts import channels as texts
from handlers.texts import plans as plan_texts
from knowledge.imports import PlanImportError, draft_json, read_plan


def print_json(path: Path) -> int:
    try:
        content = read_attachment(str(path)).content
        draft = read_plan(path.name, content)
    except ValueError as error:  # a missing file, or a PlanImportError
        code = error.code.value if isinstance(error, PlanImportError) else None
        message = (plan_texts.REFUSED[code].format(file=path.name, limit=10) if code
                   else str(error))
        print(message, file=sys.stderr)
        return 1
    print(json.dumps(draft_json(draft), ensure_ascii=False, indent=2))
    return 0


async def main(args: argparse.Namespace, settings: Settings) -> int:
    path = Path(args.file)
    if args.json:
        return print_json(path)
    try:
        attachment = read_attachment(str(path))
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    clock = SystemClock()
    assistant = await start_assistant(settings, bundled_engine(), clock)
    user = settings.console_user.removeprefix(f"{CHANNEL}:")
    try:
        replies = await assistant.core.handle(IncomingMessage(
            CHANNEL, user, "/kehoach nhap", clock.now(), attachment=attachment))
        for reply in replies:
            print(render(reply))
        if args.approve and replies and replies[0].options:
            approved = await assistant.core.handle(IncomingMessage(
                CHANNEL, user, plan_texts.DRAFT_CHOICES[0], clock.now() + dt.timedelta(0)))
            for reply in approved:
                print(render(reply))
    finally:
        await assistant.close()
    print(texts.IMPORT_STORED_HINT, file=sys.stderr)
    return 0
