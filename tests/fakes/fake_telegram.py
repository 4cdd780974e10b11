"""A fake Telegram Bot API server on 127.0.0.1 for driving the real python-telegram-bot.

It speaks the wire format PTB uses (form fields with JSON-encoded values, multipart for files),
records every call, queues updates for long polling, serves files for ``getFile``, and injects
the failures the assistant must survive: 429 with ``retry_after``, 5xx, 403, a group that moved,
timeouts and malformed replies. With ``rate`` set it enforces a send cap, answering 429 over it.
"""

from __future__ import annotations

import asyncio
import contextlib
import html.parser
import itertools
import json
import random
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Self

from aiohttp import BodyPartReader, web

TOKEN = "123456:TEST-token"
BOT_ID = 123456
BOT_USERNAME = "troly_test_bot"
SEND_METHODS = frozenset({"sendmessage", "senddocument", "sendphoto"})
ALLOWED_TAGS = frozenset({"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a",
                          "code", "pre", "tg-spoiler", "span", "blockquote"})


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    at: float = field(default_factory=time.monotonic)


@dataclass
class Fault:
    status: int
    times: int
    retry_after: int | None = None
    new_chat: int | None = None
    delay: float | None = None
    malformed: bool = False


class _HtmlCheck(html.parser.HTMLParser):
    """Telegram's HTML rules, enough to catch unescaped text: known tags, properly nested."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.stack: list[str] = []
        self.error: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.error = f"unsupported start tag \"{tag}\""
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.error = f"unmatched end tag \"{tag}\""


def html_error(text: str) -> str | None:
    checker = _HtmlCheck()
    checker.feed(text)
    checker.close()
    if checker.error is None and checker.stack:
        checker.error = f"unclosed tag \"{checker.stack[-1]}\""
    return checker.error


class FakeTelegram:
    def __init__(self, *, rate: float | None = None, per_chat_interval: float | None = None,
                 username: str = BOT_USERNAME, chaos: float = 0.0, seed: int = 1) -> None:
        self.username = username
        self.chaos = chaos  # share of sends answered 429 or 502 at random
        self._random = random.Random(seed)
        self.rate = rate
        self.per_chat_interval = per_chat_interval
        self.calls: list[Call] = []
        self.delivered: Counter[tuple[str, str]] = Counter()
        self.rate_violations = 0
        self.delivery_times: list[float] = []
        self.webhook: dict[str, Any] | None = None
        self.commands: list[dict[str, str]] = []
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._files: dict[str, bytes] = {}
        self._faults: dict[str, list[Fault]] = {}
        self._blocked: set[str] = set()
        self._moved: dict[str, int] = {}
        self._arrived = asyncio.Condition()
        self._sends: deque[float] = deque()
        self._chat_last: dict[str, float] = {}
        self._runner: web.AppRunner | None = None
        self.port = 0

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def __aenter__(self) -> Self:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.*}", self._file)
        app.router.add_get("/_fake/stats", self._stats)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", self.port)
        await site.start()
        server = site._server
        assert isinstance(server, asyncio.Server)
        self.port = server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, kind: type[BaseException] | None, error: BaseException | None,
                        trace: TracebackType | None) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    # -- what was sent ---------------------------------------------------------------------

    def calls_to(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method.lower()]

    def sent(self, chat_id: str | int | None = None) -> list[Call]:
        return [c for c in self.calls if c.method in SEND_METHODS
                and (chat_id is None or str(c.params.get("chat_id")) == str(chat_id))]

    def texts(self, chat_id: str | int | None = None) -> list[str]:
        return [str(c.params["text"]) for c in self.sent(chat_id) if "text" in c.params]

    async def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        async with self._arrived:
            await asyncio.wait_for(self._arrived.wait_for(
                lambda: len(self.calls_to(method)) >= count), timeout)
        return self.calls_to(method)

    # -- updates ---------------------------------------------------------------------------

    def _user(self, user_id: int, first_name: str) -> dict[str, Any]:
        return {"id": user_id, "is_bot": False, "first_name": first_name, "language_code": "vi"}

    def _chat(self, chat_id: int, chat_type: str) -> dict[str, Any]:
        chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
        if chat_type == "private":
            chat["first_name"] = "Đồng chí"
        else:
            chat["title"] = "Nhóm công tác"
        return chat

    def _message(self, chat_id: int, user_id: int | None, chat_type: str,
                 **content: Any) -> dict[str, Any]:
        sender = user_id if user_id is not None else chat_id
        return {"message_id": next(self._message_ids), "date": int(time.time()),
                "chat": self._chat(chat_id, chat_type),
                "from": self._user(sender, "Nguyễn Văn A"), **content}

    async def push(self, update: dict[str, Any]) -> int:
        update_id = next(self._update_ids)
        async with self._arrived:
            self._updates.append({"update_id": update_id, **update})
            self._arrived.notify_all()
        return update_id

    async def push_text(self, chat_id: int, text: str, *, user_id: int | None = None,
                        chat_type: str = "private",
                        reply_to: dict[str, Any] | None = None) -> int:
        content: dict[str, Any] = {"text": text}
        if text.startswith("/"):
            length = len(text.split(" ")[0])
            content["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        if reply_to is not None:
            content["reply_to_message"] = reply_to
        return await self.push({"message": self._message(chat_id, user_id, chat_type,
                                                         **content)})

    async def push_edited(self, chat_id: int, text: str) -> int:
        message = self._message(chat_id, None, "private", text=text)
        message["edit_date"] = int(time.time())
        return await self.push({"edited_message": message})

    async def push_sticker(self, chat_id: int) -> int:
        sticker = {"file_id": "st1", "file_unique_id": "st1u", "width": 512, "height": 512,
                   "is_animated": False, "is_video": False, "type": "regular"}
        return await self.push({"message": self._message(chat_id, None, "private",
                                                         sticker=sticker)})

    async def push_photo(self, chat_id: int) -> int:
        photo = [{"file_id": "ph1", "file_unique_id": "ph1u", "width": 90, "height": 90}]
        return await self.push({"message": self._message(chat_id, None, "private",
                                                         photo=photo)})

    async def push_document(self, chat_id: int, name: str, content: bytes, mime: str, *,
                            caption: str = "") -> int:
        file_id = f"doc{len(self._files) + 1}"
        self._files[file_id] = content
        document = {"file_id": file_id, "file_unique_id": f"{file_id}u", "file_name": name,
                    "mime_type": mime, "file_size": len(content)}
        extra: dict[str, Any] = {"document": document}
        if caption:
            extra["caption"] = caption
            if caption.startswith("/"):
                extra["caption_entities"] = [{"type": "bot_command", "offset": 0,
                                              "length": len(caption.split(" ")[0])}]
        return await self.push({"message": self._message(chat_id, None, "private", **extra)})

    async def push_callback(self, chat_id: int, data: str, *, message_id: int = 1,
                            user_id: int | None = None) -> int:
        message = self._message(chat_id, BOT_ID, "private", text="…")
        message["message_id"] = message_id
        message["from"] = {"id": BOT_ID, "is_bot": True, "first_name": "Trợ lý",
                           "username": self.username}
        query = {"id": f"cb{next(self._update_ids)}",
                 "from": self._user(user_id or chat_id, "Nguyễn Văn A"),
                 "chat_instance": "ci", "data": data, "message": message}
        return await self.push({"callback_query": query})

    # -- faults ----------------------------------------------------------------------------

    def fail_next(self, method: str, status: int, *, times: int = 1,
                  retry_after: int | None = None, delay: float | None = None,
                  malformed: bool = False) -> None:
        self._faults.setdefault(method.lower(), []).append(
            Fault(status, times, retry_after=retry_after, delay=delay, malformed=malformed))

    def block(self, chat_id: str | int) -> None:
        self._blocked.add(str(chat_id))

    def migrate(self, chat_id: str | int, new_chat: int) -> None:
        self._moved[str(chat_id)] = new_chat

    # -- the server ------------------------------------------------------------------------

    async def _params(self, request: web.Request) -> tuple[dict[str, Any],
                                                           dict[str, tuple[str, bytes]]]:
        params: dict[str, Any] = {}
        files: dict[str, tuple[str, bytes]] = {}
        if request.content_type == "application/json":
            params = dict(await request.json())
        elif request.content_type.startswith("multipart/"):
            reader = await request.multipart()
            async for part in reader:
                if not isinstance(part, BodyPartReader) or part.name is None:
                    continue
                if part.filename:
                    files[part.name] = (part.filename, bytes(await part.read()))
                else:
                    params[part.name] = self._decode(await part.text())
        else:
            for key, value in (await request.post()).items():
                params[key] = self._decode(str(value))
        return params, files

    @staticmethod
    def _decode(value: str) -> Any:
        with contextlib.suppress(ValueError):
            decoded = json.loads(value)
            if isinstance(decoded, dict | list):
                return decoded
        return value

    @staticmethod
    def _error(status: int, description: str, **parameters: Any) -> web.Response:
        body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
        if parameters:
            body["parameters"] = parameters
        return web.json_response(body, status=status)

    def _take_fault(self, method: str) -> Fault | None:
        queue = self._faults.get(method)
        if not queue:
            return None
        fault = queue[0]
        fault.times -= 1
        if fault.times <= 0:
            queue.pop(0)
        return fault

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != TOKEN:
            return self._error(401, "Unauthorized")
        method = request.match_info["method"].lower()
        params, files = await self._params(request)
        call = Call(method, params, files)
        fault = self._take_fault(method)
        if fault is not None:
            return await self._fault(fault)
        response = await self._answer(method, params, files)
        if response.status == 200 or method not in SEND_METHODS:
            async with self._arrived:
                self.calls.append(call)
                self._arrived.notify_all()
        return response

    async def _fault(self, fault: Fault) -> web.StreamResponse:
        if fault.delay is not None:
            await asyncio.sleep(fault.delay)
        if fault.malformed:
            return web.Response(text="<html>Bad Gateway</html>", status=502,
                                content_type="text/html")
        if fault.status == 429:
            return self._error(429, f"Too Many Requests: retry after {fault.retry_after}",
                               retry_after=fault.retry_after or 1)
        if fault.status == 403:
            return self._error(403, "Forbidden: bot was blocked by the user")
        return self._error(fault.status, "Bad Gateway" if fault.status >= 500 else "Bad Request")

    def _over_cap(self, chat: str) -> bool:
        now = time.monotonic()
        if self.per_chat_interval is not None:
            last = self._chat_last.get(chat)
            self._chat_last[chat] = now
            if last is not None and now - last < self.per_chat_interval * 0.9:
                return True
        if self.rate is None:
            return False
        while self._sends and now - self._sends[0] >= 1.0:
            self._sends.popleft()
        if len(self._sends) >= self.rate:
            return True
        self._sends.append(now)
        return False

    async def _answer(self, method: str, params: dict[str, Any],
                      files: dict[str, tuple[str, bytes]]) -> web.Response:
        if method == "getme":
            return self._ok({"id": BOT_ID, "is_bot": True, "first_name": "Trợ lý Kế hoạch",
                             "username": self.username, "can_join_groups": True,
                             "can_read_all_group_messages": False,
                             "supports_inline_queries": False})
        if method == "getupdates":
            return await self._get_updates(params)
        if method in ("deletewebhook", "setmycommands", "answercallbackquery",
                      "sendchataction", "deletemessage"):
            if method == "deletewebhook":
                self.webhook = None
            if method == "setmycommands":
                self.commands = list(params.get("commands", []))
            return self._ok(True)
        if method == "setwebhook":
            self.webhook = {"url": params.get("url"), "secret": params.get("secret_token")}
            return self._ok(True)
        if method == "getfile":
            file_id = str(params.get("file_id"))
            if file_id not in self._files:
                return self._error(400, "Bad Request: invalid file_id")
            return self._ok({"file_id": file_id, "file_unique_id": f"{file_id}u",
                             "file_size": len(self._files[file_id]),
                             "file_path": f"documents/{file_id}"})
        if method in ("editmessagereplymarkup", "editmessagetext"):
            return self._ok(True)
        if method in SEND_METHODS:
            return self._send(method, params, files)
        return self._error(404, "Not Found: method not found")

    def _send(self, method: str, params: dict[str, Any],
              files: dict[str, tuple[str, bytes]]) -> web.Response:
        chat = str(params.get("chat_id", ""))
        if chat in self._moved:
            return self._error(400, "Bad Request: group chat was upgraded to a supergroup chat",
                               migrate_to_chat_id=self._moved[chat])
        if chat in self._blocked:
            return self._error(403, "Forbidden: bot was blocked by the user")
        if self.chaos and self._random.random() < self.chaos:
            if self._random.random() < 0.5:
                return self._error(429, "Too Many Requests: retry after 1", retry_after=1)
            return self._error(502, "Bad Gateway")
        if self._over_cap(chat):
            self.rate_violations += 1
            return self._error(429, "Too Many Requests: retry after 1", retry_after=1)
        result = {"message_id": next(self._message_ids), "date": int(time.time()),
                  "chat": {"id": int(chat) if chat.lstrip("-").isdigit() else 0,
                           "type": "private"}}
        if method == "sendmessage":
            text = str(params.get("text", ""))
            if not text.strip():
                return self._error(400, "Bad Request: message text is empty")
            if len(text.encode("utf-16-le")) // 2 > 4096:
                return self._error(400, "Bad Request: message is too long")
            if params.get("parse_mode") == "HTML" and (problem := html_error(text)):
                return self._error(400, f"Bad Request: can't parse entities: {problem}")
            result["text"] = text
            self.delivered[(chat, text)] += 1
            self.delivery_times.append(time.monotonic())
        else:
            name, content = next(iter(files.values()), ("", b""))
            result["document"] = {"file_id": f"up{len(content)}", "file_unique_id": "u",
                                  "file_name": name, "file_size": len(content)}
        return self._ok(result)

    async def _get_updates(self, params: dict[str, Any]) -> web.Response:
        offset = int(params.get("offset") or 0)
        timeout = float(params.get("timeout") or 0)
        async with self._arrived:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
            if not self._updates and timeout:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._arrived.wait_for(lambda: bool(self._updates)),
                                           timeout)
            ready = [u for u in self._updates if u["update_id"] >= offset]
        limit = int(params.get("limit") or 100)
        return self._ok(ready[:limit])

    def busy_seconds(self, idle: float = 1.0) -> float:
        """Time spent delivering: first to last delivery, less any pause longer than ``idle``
        (a sender that was stopped and started again)."""
        times = self.delivery_times
        return sum(b - a for a, b in itertools.pairwise(times) if b - a <= idle)

    async def _stats(self, request: web.Request) -> web.Response:
        """What was delivered; ``?brief=1`` leaves out the list of messages, which takes long
        enough to build to hold up the sends waiting meanwhile."""
        if request.query.get("brief"):
            return web.json_response({"received": len(self.delivered)})
        counts = Counter(self.delivered.values())
        return web.json_response({
            "received": len(self.delivered), "sends": sum(self.delivered.values()),
            "duplicates": sum((n - 1) * k for n, k in counts.items()),
            "rate_violations": self.rate_violations,
            "busy_seconds": self.busy_seconds(),
            "delivered": [[chat, text] for chat, text in self.delivered]})

    async def _file(self, request: web.Request) -> web.Response:
        file_id = request.match_info["path"].rsplit("/", 1)[-1]
        if request.match_info["token"] != TOKEN or file_id not in self._files:
            return web.Response(status=404)
        return web.Response(body=self._files[file_id])

    @staticmethod
    def _ok(result: Any) -> web.Response:
        return web.json_response({"ok": True, "result": result})


async def serve(port: int, rate: float | None, per_chat_interval: float | None,
                chaos: float) -> None:
    """Run the fake alone, for benchmarks that keep it off the measured process's CPU.
    ``GET /_fake/stats`` reports what it delivered."""
    fake = FakeTelegram(rate=rate, per_chat_interval=per_chat_interval, chaos=chaos)
    fake.port = port
    async with fake:
        await asyncio.Event().wait()


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="a fake Telegram Bot API server")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--rate", type=float)
    parser.add_argument("--per-chat-interval", type=float)
    parser.add_argument("--chaos", type=float, default=0.0)
    options = parser.parse_args()
    asyncio.run(serve(options.port, options.rate, options.per_chat_interval, options.chaos))
