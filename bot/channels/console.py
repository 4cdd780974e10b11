"""The terminal channel: an interactive chat, or one JSON line in and one out per message.

A line may act as any user (``"from"``), carry a file (``"file": "path"``), the channel's id of
the message (``"id"``: a line re-sent after a crash is handled once) and the time it is handled
at (``"now"``: ISO 8601 with an offset; it holds for the following lines too). A line
``{"tick": true, "now": "…"}`` runs one scheduler tick and one dispatch at that moment. Files
the assistant sends back are written to the export folder and named in the output. Messages the
assistant sends on its own initiative to terminal users (a broadcast, its delivery report, a
reminder) go through the outbox like on any channel and are shown after the line that caused
them.

No line stops the channel: whatever it holds (any JSON, nesting past the parser's depth, lone
surrogates, bytes that are not UTF-8, fields of megabytes), it gets exactly one output line, and
a line that is refused is journaled with the refusal.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import json
import logging
import mimetypes
import os
import re
import stat
from collections.abc import Awaitable, Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, TextIO

from handlers.clock import Clock, FixedClock, ManualClock, local_today
from handlers.core import MAX_SENDER_LENGTH, Core
from handlers.messages import Attachment, IncomingMessage, Reply
from handlers.observe import Handled, Observer
from handlers.texts import channels as texts
from handlers.texts import core as core_texts

log = logging.getLogger(__name__)
CHANNEL = "console"
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_LINE_BYTES = 8 * 1024 * 1024  # a longer line is refused (its head, length and hash kept)
MAX_ID_LENGTH = 200
FILE_MARK = " < "  # "/donvi nhap < don-vi.xlsx": the file after the mark goes with the line
SYSTEM_DIRS = (Path("/proc"), Path("/sys"), Path("/dev"))  # never read, even through a link
_SURROGATES = re.compile("[\ud800-\udfff]")
Tick = Callable[[dt.datetime], Awaitable[object]]


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
    """Read a file the user names, blocking (call it off the event loop): only a regular,
    non-empty file of at most ``MAX_FILE_BYTES``, never one of the system's pseudo-files
    (``/proc/self/environ`` holds the tokens), even when ``path`` is a link to it. Every
    refusal is a ``ValueError`` whose message says what is wrong, in Vietnamese."""
    shown = _SURROGATES.sub("\ufffd", path)[:300]
    try:
        file = Path(path).expanduser()
        real = Path(os.path.realpath(file))
        if any(real.is_relative_to(system) for system in SYSTEM_DIRS):
            raise ValueError(texts.CONSOLE_FILE_NOT_REGULAR.format(path=shown))
        flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0)
        descriptor = os.open(real, flags)
    except (FileNotFoundError, NotADirectoryError):
        raise ValueError(texts.CONSOLE_FILE_MISSING.format(path=shown)) from None
    except (OSError, UnicodeError) as error:
        reason = getattr(error, "strerror", None) or type(error).__name__
        raise ValueError(texts.CONSOLE_FILE_UNREADABLE.format(path=shown,
                                                              reason=reason)) from None
    info = os.fstat(descriptor)
    if not stat.S_ISREG(info.st_mode):  # a directory, a FIFO, a device, a socket
        os.close(descriptor)
        raise ValueError(texts.CONSOLE_FILE_NOT_REGULAR.format(path=shown))
    with os.fdopen(descriptor, "rb") as handle:
        if info.st_size == 0:
            raise ValueError(texts.CONSOLE_FILE_EMPTY.format(path=shown))
        if info.st_size > MAX_FILE_BYTES:
            raise ValueError(texts.CONSOLE_FILE_TOO_BIG.format(path=shown))
        content = handle.read(MAX_FILE_BYTES + 1)
    if len(content) > MAX_FILE_BYTES:
        raise ValueError(texts.CONSOLE_FILE_TOO_BIG.format(path=shown))
    name = _SURROGATES.sub("\ufffd", file.name)
    return Attachment(name, content, mimetypes.guess_type(name)[0] or "application/octet-stream")


@dataclass(frozen=True)
class LongLine:
    """A line longer than ``MAX_LINE_BYTES``: its beginning, its length and its hash."""

    head: str
    size: int
    sha256: str


def lines_of(stream: IO[bytes], limit: int = MAX_LINE_BYTES) -> Iterator[str | LongLine]:
    """The lines of a byte stream, decoded (bytes that are not UTF-8 become U+FFFD), with no
    line held in memory beyond ``limit`` bytes: a longer one is read through and given as a
    :class:`LongLine`."""
    while True:
        chunk = stream.readline(limit + 1)
        if not chunk:
            return
        if len(chunk) <= limit or chunk.endswith(b"\n"):
            yield chunk.decode("utf-8", "replace")
            continue
        digest = hashlib.sha256(chunk)
        size = len(chunk)
        head = chunk[:4096].decode("utf-8", "replace")
        while not chunk.endswith(b"\n"):
            chunk = stream.readline(limit)
            if not chunk:
                break
            digest.update(chunk)
            size += len(chunk)
        yield LongLine(head, size, digest.hexdigest())


class ConsoleSender:
    """The outbox's sender for terminal users: a message waits here until the chat shows it."""

    channel = CHANNEL

    def __init__(self) -> None:
        self._waiting: list[Reply] = []

    async def send_text(self, chat: str, text: str, options: Sequence[str] = ()) -> None:
        self._waiting.append(Reply(chat, text, tuple(options)))

    def take(self) -> list[Reply]:
        waiting, self._waiting = self._waiting, []
        return waiting


async def _nothing_sent() -> list[Reply]:
    return []


async def _no_tick(_now: dt.datetime) -> None:
    return None


class LineError(Exception):
    """A line that cannot be handled as it is: ``reply`` says why (journaled with it)."""

    def __init__(self, reply: str, outcome: str = "malformed") -> None:
        super().__init__(outcome)
        self.reply = reply
        self.outcome = outcome


def _when(value: object) -> dt.datetime:
    """A line's ``"now"``: ISO 8601 with an offset, else a ``LineError`` (naive is refused)."""
    shown = _SURROGATES.sub("\ufffd", str(value))[:80]
    if isinstance(value, str) and len(value) <= 64:
        try:
            instant = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            pass
        else:
            if instant.tzinfo is not None and instant.utcoffset() is not None:
                return instant
    raise LineError(texts.BAD_NOW.format(value=shown), "bad_now")


def _identity(data: dict[str, Any]) -> tuple[str | None, str | None]:
    """The line's ``"from"`` (without ``console:``) and ``"id"``, checked."""
    sender = data.get("from")
    if (sender is not None and not isinstance(sender, str | int)) or isinstance(sender, bool):
        raise LineError(texts.MALFORMED_LINE)
    message_id = data.get("id")
    if message_id is not None and (isinstance(message_id, bool)
                                   or not isinstance(message_id, str | int)
                                   or len(str(message_id)) > MAX_ID_LENGTH):
        raise LineError(texts.MALFORMED_LINE)
    return (_sender(str(sender)) if sender not in (None, "") else None,
            None if message_id is None else str(message_id))


class _SavedReports:
    """Watches the core for the status reports each line saved (``"saved"`` in the JSON
    output), passing every event on to whoever watched before."""

    def __init__(self, inner: Observer) -> None:
        self.inner = inner
        self.saved: list[dict[str, object]] = []

    def handled(self, event: Handled) -> None:
        self.saved.extend(report.as_dict() for report in event.saved)
        self.inner.handled(event)


class ConsoleChannel:
    def __init__(self, core: Core, clock: Clock, default_user: str,
                 export_dir: Path = Path("exports"),
                 deliver: Callable[[], Awaitable[list[Reply]]] = _nothing_sent,
                 tick: Tick = _no_tick) -> None:
        self.core = core
        self.clock = clock  # a ManualClock lets lines carry "now"
        self.default_user = _sender(default_user)
        self.export_dir = export_dir
        self.deliver = deliver  # sends what the outbox holds for terminal users
        self.tick = tick  # one planner tick and one dispatch at the given moment
        self._saved = _SavedReports(core.observer)
        core.observer = self._saved

    def message(self, sender: str, text: str, attachment: Attachment | None = None,
                 message_id: str | None = None) -> IncomingMessage:
        return IncomingMessage(channel=CHANNEL, sender=sender, text=text,
                               received_at=self.clock.now(), attachment=attachment,
                               message_id=message_id)

    def today_command(self, text: str) -> str | None:
        """/homnay [YYYY-MM-DD]: the day the chat answers as of (a demo inside old plans)."""
        head, _, value = text.strip().partition(" ")
        if head.lower() != "/homnay":
            return None
        if not value.strip():
            return texts.TODAY_IS.format(day=f"{local_today(self.clock):%d/%m/%Y}")
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError:
            return texts.BAD_DATE.format(value=value.strip()[:40])
        if not isinstance(self.clock, ManualClock):
            return texts.CLOCK_NOT_SETTABLE
        self.clock.set(FixedClock.on_local_day(day).now())
        return texts.TODAY_SET.format(day=f"{day:%d/%m/%Y}")

    def save(self, reply: Reply) -> list[Path]:
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
                "files": [str(p) for p in self.save(reply)]}

    async def run_jsonl(self, lines: Iterable[str | bytes | LongLine], out: TextIO) -> None:
        for line in lines:
            if isinstance(line, bytes):
                line = line.decode("utf-8", "replace")
            if isinstance(line, str) and not line.strip():
                continue
            output = await self.answer_line(line)
            text = json.dumps(output, ensure_ascii=False)
            out.write(_SURROGATES.sub("\ufffd", text) + "\n")
            out.flush()

    async def answer_line(self, line: str | LongLine) -> dict[str, list[dict[str, object]]]:
        """One input line's output: ``{"replies": [...], "sent": [...]}``, and ``"saved":
        [...]`` when it saved status reports; never raises."""
        self._saved.saved = []
        try:
            if isinstance(line, LongLine):
                replies = await self._refuse(
                    f"{line.head}…[{line.size} bytes, sha256 {line.sha256}]",
                    texts.LINE_TOO_LONG.format(size=line.size, limit=MAX_LINE_BYTES),
                    "line_too_long")
            else:
                replies = await self._handle_line(line)
            output = [self._reply_json(r) for r in replies]
            sent = await self.deliver()
        except Exception:
            log.exception("failed to answer a console line")
            error = Reply(self.default_user, core_texts.INTERNAL_ERROR_NOT_RECORDED)
            return self._with_saved({"replies": [self._reply_json(error)], "sent": []})
        return self._with_saved({
            "replies": output,
            "sent": [{"to": m.to, "text": m.text, "options": list(m.options)} for m in sent]})

    def _with_saved(self, output: dict[str, list[dict[str, object]]]
                    ) -> dict[str, list[dict[str, object]]]:
        """``"saved"`` only on a line that saved reports: every other line keeps its shape."""
        if self._saved.saved:
            output["saved"] = self._saved.saved
        return output

    async def _refuse(self, line: str, reply: str, outcome: str,
                      sender: str | None = None) -> list[Reply]:
        message = self.message(sender or self.default_user, line)
        return await self.core.refuse(message, reply, outcome, to=self.default_user)

    async def _handle_line(self, line: str) -> list[Reply]:
        try:
            data = json.loads(line)
        except (ValueError, RecursionError):
            log.warning("malformed console line (%d characters)", len(line))
            return await self._refuse(line, texts.MALFORMED_LINE, "malformed")
        try:
            return await self._handle_data(data, line)
        except LineError as error:
            log.warning("refused a console line: %s", error.outcome)
            return await self._refuse(line, error.reply, error.outcome)

    async def _handle_data(self, data: object, line: str) -> list[Reply]:
        if not isinstance(data, dict):
            raise LineError(texts.MALFORMED_LINE)
        text, path, tick = data.get("text", ""), data.get("file"), data.get("tick", False)
        if ((text is not None and not isinstance(text, str)) or not isinstance(tick, bool)
                or (path is not None and not isinstance(path, str))):
            raise LineError(texts.MALFORMED_LINE)
        sender, message_id = _identity(data)
        if "now" in data:
            self._set_clock(_when(data["now"]))
        if tick:
            return await self._tick()
        sender = sender or self.default_user
        if len(sender) > MAX_SENDER_LENGTH:
            return await self._refuse(
                line, core_texts.BAD_SENDER.format(limit=MAX_SENDER_LENGTH), "bad_sender",
                sender)
        text = text or ""
        attachment = None
        if path:
            try:
                attachment = await asyncio.to_thread(read_attachment, path)
            except ValueError as error:
                return await self.core.refuse(self.message(sender, f"{text}\n[tệp: {path}]",
                                                            message_id=message_id),
                                              str(error), "file_refused")
        answered = self.today_command(text)
        if answered is not None:
            return [Reply(sender, answered)]
        return await self.core.handle(self.message(sender, text, attachment, message_id))

    def _set_clock(self, instant: dt.datetime) -> None:
        if not isinstance(self.clock, ManualClock):
            raise LineError(texts.CLOCK_NOT_SETTABLE, "clock_fixed")
        self.clock.set(instant)

    async def _tick(self) -> list[Reply]:
        now = self.clock.now()
        try:
            await self.tick(now)
        except Exception:
            log.exception("the scheduled tick failed at %s", now.isoformat())
            return [Reply(self.default_user, texts.TICK_FAILED.format(now=now.isoformat()))]
        return []

