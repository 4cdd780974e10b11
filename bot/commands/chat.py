"""`troly chat`: a conversation in the terminal, interactive or scripted (`--jsonl`)."""

from __future__ import annotations

import argparse
import sys

from bot.app import console_outbox, start_assistant
from bot.channels.console import ConsoleChannel, lines_of
from bot.channels.console_chat import ConsoleChat
from bot.commands.common import bundled_engine, clock_for
from bot.config import Settings
from handlers.clock import ManualClock


async def main(args: argparse.Namespace, settings: Settings) -> int:
    engine = bundled_engine()
    # Scripted lines may set the time ("now"); until one does, the day given or the real time.
    clock = ManualClock(clock_for(args.today))
    assistant = await start_assistant(settings, engine, clock)
    try:
        channel = ConsoleChannel(assistant.core, clock, settings.console_user,
                                 settings.export_dir, console_outbox(assistant, clock),
                                 tick=assistant.tick)
        if args.jsonl:
            await channel.run_jsonl(lines_of(sys.stdin.buffer), sys.stdout)
        else:
            await ConsoleChat(channel).run(input, print)
    finally:
        await assistant.close()
    return 0
