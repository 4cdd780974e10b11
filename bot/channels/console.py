"""The terminal channel: an interactive chat, or one JSON line in and one out per message."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable, Iterable
from typing import TextIO

from handlers import texts
from handlers.clock import Clock
from handlers.core import Core
from handlers.messages import IncomingMessage, Reply

log = logging.getLogger(__name__)
CHANNEL = "console"


def _sender(value: str) -> str:
    return value.removeprefix(f"{CHANNEL}:")


def _reply_json(reply: Reply) -> dict[str, object]:
    return {"to": reply.to, "text": reply.text, "options": list(reply.options)}


def render(reply: Reply) -> str:
    """A reply as the terminal shows it: options become numbered lines."""
    lines = [reply.text]
    lines.extend(f"  {number}. {option}" for number, option in enumerate(reply.options, 1))
    return "\n".join(lines)


class ConsoleChannel:
    def __init__(self, core: Core, clock: Clock, default_user: str) -> None:
        self.core = core
        self.clock = clock
        self.default_user = _sender(default_user)

    def _message(self, sender: str, text: str) -> IncomingMessage:
        return IncomingMessage(channel=CHANNEL, sender=sender, text=text,
                               received_at=self.clock.now())

    async def run_jsonl(self, lines: Iterable[str], out: TextIO) -> None:
        for line in lines:
            if not line.strip():
                continue
            replies = await self._handle_line(line)
            out.write(json.dumps({"replies": [_reply_json(r) for r in replies]},
                                 ensure_ascii=False) + "\n")
            out.flush()

    async def _handle_line(self, line: str) -> list[Reply]:
        try:
            data = json.loads(line)
            if not isinstance(data, dict) or not isinstance(data.get("text", ""), str):
                raise ValueError("not an object with a text")
            sender = _sender(str(data.get("from") or self.default_user))
            text = data.get("text") or ""
        except ValueError:
            log.warning("malformed console line: %.200s", line)
            return [Reply(self.default_user, texts.MALFORMED_LINE)]
        return await self.core.handle(self._message(sender, text))

    async def run_interactive(self, read: Callable[[str], str], write: Callable[[str], None]
                              ) -> None:
        write(self.core.greeting())
        while True:
            try:
                text = await asyncio.to_thread(read, texts.CHAT_PROMPT)
            except (EOFError, KeyboardInterrupt):
                write(texts.CHAT_BYE)
                return
            if not text.strip():
                continue
            for reply in await self.core.handle(self._message(self.default_user, text)):
                write(render(reply))
