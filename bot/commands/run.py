"""`troly run`: every channel that has a token, until SIGINT or SIGTERM."""

from __future__ import annotations

import asyncio
import sys

from bot.app import start_assistant
from bot.commands.common import bundled_engine
from bot.config import Settings
from bot.runner import run, stop_on_signals
from handlers.clock import SystemClock
from handlers.texts import channels as texts


async def main(settings: Settings) -> int:
    if settings.telegram_token is None and settings.zalo_token is None:
        print(texts.RUN_NO_TOKENS, file=sys.stderr)
        return 2
    engine = bundled_engine()
    clock = SystemClock()
    assistant = await start_assistant(settings, engine, clock)
    stop = asyncio.Event()
    stop_on_signals(stop)
    try:
        await run(settings, assistant, clock, stop)
    finally:
        await assistant.close()
    return 0
