"""The terminal chat for a person: a prompt, the replies, what the outbox sends to terminal
users, and the terminal's own commands — /thoat to leave (Ctrl-D and Ctrl-C too), /homnay to
answer as of a day inside plans that are past."""

from __future__ import annotations

import asyncio
import logging
import re
import signal
from collections.abc import Callable

from bot.channels.console import (
    CHANNEL,
    ConsoleChannel,
    attached_file,
    read_attachment,
    render,
)
from handlers.clock import local_today
from handlers.texts import channels as texts
from handlers.texts import core as core_texts
from knowledge.textnorm import fold

log = logging.getLogger(__name__)
EXIT_WORDS = frozenset({"/thoat", "/exit", "/quit", "thoat", "exit", "quit"})
_SURROGATES = re.compile("[\ud800-\udfff]")


class ConsoleChat:
    def __init__(self, channel: ConsoleChannel) -> None:
        self.channel = channel

    async def run(self, read: Callable[[str], str], write: Callable[[str], None]) -> None:
        """A chat at the terminal until /thoat, Ctrl-D or Ctrl-C, each ending with the goodbye.

        The prompt is read on the event loop's own thread, so that Ctrl-C interrupts it at
        once (asyncio's own SIGINT handling would only cancel the task, and the prompt would
        wait for Enter first)."""
        write(self.channel.core.greeting())
        write(self._intro())
        previous = signal.getsignal(signal.SIGINT)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        try:
            while True:
                try:
                    text = read(texts.CHAT_PROMPT)
                except (EOFError, KeyboardInterrupt):
                    write(f"\n{texts.CHAT_BYE}")
                    return
                except UnicodeDecodeError:
                    text = "\ufffd"
                if fold(text).strip() in EXIT_WORDS:
                    write(texts.CHAT_BYE)
                    return
                if not text.strip():
                    continue
                try:
                    await self._interactive_line(text, write)
                except Exception:
                    log.exception("failed to answer an interactive line")
                    write(core_texts.INTERNAL_ERROR_NOT_RECORDED)
        finally:
            signal.signal(signal.SIGINT, previous)

    def _intro(self) -> str:
        """How to leave, and — when every plan held is past — how to try a day inside them."""
        lines = [texts.CHAT_HOW_TO_LEAVE]
        kb = self.channel.core.services.kb
        ends = [t.deadline.end for t in kb.tasks if t.deadline and t.deadline.end]
        today = local_today(self.channel.clock)
        if ends and max(ends) < today:
            sample = sorted(ends)[len(ends) // 2]
            lines.append(texts.CHAT_DEMO_DAY.format(
                first=min(ends).year, last=max(ends).year, day=sample.isoformat()))
        return "\n".join(lines)

    async def _interactive_line(self, text: str, write: Callable[[str], None]) -> None:
        answered = self.channel.today_command(text)
        if answered is not None:
            write(answered)
            return
        text, path = attached_file(_SURROGATES.sub("\ufffd", text))
        attachment = None
        if path is not None:
            try:
                attachment = await asyncio.to_thread(read_attachment, path)
            except ValueError as error:
                write(str(error))
                return
        message = self.channel.message(self.channel.default_user, text, attachment)
        for reply in await self.channel.core.handle(message):
            write(render(reply, self.channel.save(reply)))
        for sent in await self.channel.deliver():
            write(texts.CONSOLE_DELIVERED.format(to=f"{CHANNEL}:{sent.to}",
                                                 text=render(sent)))
