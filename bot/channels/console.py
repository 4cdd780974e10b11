"""The terminal channel: an interactive chat, or one JSON line in and one out per message.

A line may act as any user (``"from"``) and carry a file (``"file": "path"``), so whole
conversations (an invite, a join, reports, an import, a broadcast) can be scripted. Files the
assistant sends back are written to the export folder and named in the output. Messages the
assistant sends on its own initiative to terminal users (a broadcast, its delivery report) go
through the outbox like on any channel and are shown after the line that caused them.
"""

from __future__ import annotations

import asyncio
import json
import logging
import mimetypes
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path
from typing import TextIO

from handlers.clock import Clock
from handlers.core import Core
from handlers.messages import Attachment, IncomingMessage, Reply
from handlers.texts import channels as texts

log = logging.getLogger(__name__)
CHANNEL = "console"
MAX_FILE_BYTES = 20 * 1024 * 1024
FILE_MARK = " < "  # "/donvi nhap < don-vi.xlsx": the file after the mark goes with the line


def _sender(value: str) -> str:
    return value.removeprefix(f"{CHANNEL}:")


def render(reply: Reply, saved: Iterable[Path] = ()) -> str:
    """A reply as the terminal shows it: options become numbered lines, files their paths."""
    lines = [reply.text]
    lines.extend(f"  {number}. {option}" for number, option in enumerate(reply.options, 1))
    lines.extend(texts.CONSOLE_FILE_SAVED.format(path=path) for path in saved)
    return "\n".join(lines)


def attached_file(line: str) -> tuple[str, str | None]:
    """The text of an interactive line and the path of the file it sends, if any: a file goes
    with any message, after ``" < "`` (a line may also be just ``"< path"``)."""
    padded = f" {line.strip()}"
    text, mark, path = padded.rpartition(FILE_MARK)
    if not mark or not path.strip():
        return line.strip(), None
    return text.strip(), path.strip()


def read_attachment(path: str) -> Attachment:
    file = Path(path).expanduser()
    if not file.is_file():
        raise ValueError(texts.CONSOLE_FILE_MISSING.format(path=path))
    if file.stat().st_size > MAX_FILE_BYTES:
        raise ValueError(texts.CONSOLE_FILE_TOO_BIG.format(path=path))
    mime = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    return Attachment(file.name, file.read_bytes(), mime)


class ConsoleSender:
    """The outbox's sender for terminal users: a message waits here until the chat shows it."""

    channel = CHANNEL

    def __init__(self) -> None:
        self._waiting: list[Reply] = []

    async def send_text(self, chat: str, text: str) -> None:
        self._waiting.append(Reply(chat, text))

    def take(self) -> list[Reply]:
        waiting, self._waiting = self._waiting, []
        return waiting


async def _nothing_sent() -> list[Reply]:
    return []


class ConsoleChannel:
    def __init__(self, core: Core, clock: Clock, default_user: str,
                 export_dir: Path = Path("exports"),
                 deliver: Callable[[], Awaitable[list[Reply]]] = _nothing_sent) -> None:
        self.core = core
        self.clock = clock
        self.default_user = _sender(default_user)
        self.export_dir = export_dir
        self.deliver = deliver  # sends what the outbox holds for terminal users

    def _message(self, sender: str, text: str,
                 attachment: Attachment | None = None) -> IncomingMessage:
        return IncomingMessage(channel=CHANNEL, sender=sender, text=text,
                               received_at=self.clock.now(), attachment=attachment)

    def _save(self, reply: Reply) -> list[Path]:
        if not reply.files:
            return []
        self.export_dir.mkdir(parents=True, exist_ok=True)
        paths = []
        for file in reply.files:
            path = self.export_dir / Path(file.name).name
            path.write_bytes(file.content)
            paths.append(path)
        return paths

    def _reply_json(self, reply: Reply) -> dict[str, object]:
        return {"to": reply.to, "text": reply.text, "options": list(reply.options),
                "files": [str(p) for p in self._save(reply)]}

    async def run_jsonl(self, lines: Iterable[str], out: TextIO) -> None:
        for line in lines:
            if not line.strip():
                continue
            replies = await self._handle_line(line)
            sent = await self.deliver()
            out.write(json.dumps({"replies": [self._reply_json(r) for r in replies],
                                  "sent": [{"to": m.to, "text": m.text} for m in sent]},
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
        attachment = None
        if data.get("file"):
            try:
                attachment = read_attachment(str(data["file"]))
            except ValueError as error:
                return [Reply(sender, str(error))]
        return await self.core.handle(self._message(sender, text, attachment))

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
            text, path = attached_file(text)
            attachment = None
            if path is not None:
                try:
                    attachment = read_attachment(path)
                except ValueError as error:
                    write(str(error))
                    continue
            message = self._message(self.default_user, text, attachment)
            for reply in await self.core.handle(message):
                write(render(reply, self._save(reply)))
            for sent in await self.deliver():
                write(texts.CONSOLE_DELIVERED.format(to=f"{CHANNEL}:{sent.to}", text=sent.text))
