"""A fake Zalo Bot API server: aiohttp on 127.0.0.1 (random port), spoken to over real HTTP.

    async with FakeZalo(token="12345:secret") as zalo:
        api = ZaloBotApi("12345:secret", base_url=zalo.base_url)
        zalo.push_text("chat-1", "Xin chào")
        message = await api.get_update(timeout=1)

It follows /work/shared/notes/zalo-bot-api.md: routes ``/bot{token}/{method}`` (a wrong token
gets a 401 envelope), replies ``{"ok": true, "result": ...}`` or ``{"ok": false, "error_code":
N, "description": ...}`` with the HTTP status equal to the error code, and implements getMe,
getUpdates (long poll, one update per call, 408 after ``timeout`` seconds, refused with 409
while a webhook is set — the real code for that is unknown), setWebhook, deleteWebhook and
getWebhookInfo (404 when none is set), sendMessage (chat_id required, text 1..2000 UTF-16 code
units, else 400), sendPhoto, sendSticker and sendChatAction.

Every call is recorded (``calls``, ``sent()``, ``sent_texts()``, ``wait_for()``); successful
text sends are counted in ``delivered`` to spot duplicates. Faults: ``fail_next``, ``block``,
and an optional rate cap (``rate`` per ``rate_window`` seconds overall, ``per_chat_rate`` per
chat) answered with 429 and counted in ``rate_violations``. The access log is off: request
paths contain the token.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import time
import uuid
from collections import Counter, deque
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Literal, Self

import aiohttp
from aiohttp import web

__all__ = [
    "DEFAULT_NAME",
    "Call",
    "FakeZalo",
    "SentMessage",
    "event_update",
    "text_update",
]

DEFAULT_NAME = "Nguyễn Văn A"
MAX_TEXT = 2000
SEND_METHODS = frozenset({"sendMessage", "sendPhoto", "sendSticker"})
CHAT_METHODS = SEND_METHODS | {"sendChatAction"}
SECRET_HEADER = "X-Bot-Api-Secret-Token"
RetryAfterSource = Literal["body", "header", "both"]


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _now_ms() -> int:
    return int(time.time() * 1000)


def _event_name(name: str) -> str:
    """``"image"`` → ``"message.image.received"``; full names pass through."""
    return name if "." in name else f"message.{name}.received"


def event_update(event_name: str, chat_id: str, *, sender_id: str | None = None,
                 display_name: str | None = DEFAULT_NAME, chat_type: str = "PRIVATE",
                 message_id: str | None = None, date_ms: int | None = None,
                 text: str | None = None, extra: dict[str, Any] | None = None
                 ) -> dict[str, Any]:
    """A bare update as Zalo sends it. ``sender_id`` defaults to ``chat_id`` (a private chat)."""
    sender: dict[str, Any] = {"id": sender_id or chat_id, "is_bot": False}
    if display_name is not None:
        sender["display_name"] = display_name
    message: dict[str, Any] = {
        "message_id": message_id or uuid.uuid4().hex,
        "date": _now_ms() if date_ms is None else date_ms,
        "chat": {"id": chat_id, "chat_type": chat_type},
        "from": sender,
    }
    if text is not None:
        message["text"] = text
    message.update(extra or {})
    return {"event_name": _event_name(event_name), "message": message}


def text_update(chat_id: str, text: str, **kwargs: Any) -> dict[str, Any]:
    """A bare ``message.text.received`` update; keywords as for ``event_update``."""
    return event_update("message.text.received", chat_id, text=text, **kwargs)


def _default_extra(event_name: str) -> dict[str, Any]:
    if event_name == "message.image.received":
        return {"photo_url": "https://example.invalid/photo.jpg", "caption": ""}
    if event_name == "message.sticker.received":
        return {"sticker": "sticker-1", "url": "https://example.invalid/sticker.webp"}
    if event_name == "message.voice.received":
        return {"url": "https://example.invalid/voice.aac"}
    return {}


@dataclass
class Call:
    """One request as the fake saw it; ``status`` is ``None`` until it was answered."""

    method: str
    body: Any  # the parsed JSON body, or the raw text when it was not JSON
    token_ok: bool
    at: float = field(default_factory=time.monotonic)
    status: int | None = None


@dataclass(frozen=True)
class SentMessage:
    """A message the fake accepted (sendMessage, sendPhoto or sendSticker)."""

    method: str
    chat_id: str
    message_id: str
    text: str | None = None  # sendMessage text, or the photo caption
    photo: str | None = None
    sticker: str | None = None


@dataclass
class _Fault:
    status: int
    times: int
    retry_after: float | None
    retry_after_source: RetryAfterSource
    timeout: bool
    malformed: bool
    http_status: int | None
    body: str | None
    description: str | None


def _envelope(code: int, description: str, *, http_status: int | None = None,
              parameters: dict[str, Any] | None = None,
              headers: dict[str, str] | None = None) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
    if parameters:
        body["parameters"] = parameters
    return _json(body, status=http_status or code, headers=headers)


def _json(body: Any, *, status: int = 200, headers: dict[str, str] | None = None
          ) -> web.Response:
    return web.json_response(body, status=status, headers=headers,
                             dumps=lambda value: json.dumps(value, ensure_ascii=False))


def _ok(result: Any) -> web.Response:
    return _json({"ok": True, "result": result})


class FakeZalo:
    """The fake server; use as ``async with FakeZalo(...) as zalo``."""

    def __init__(self, token: str = "12345:secret", *, rate: int | None = None,
                 per_chat_rate: int | None = None, rate_window: float = 1.0,
                 account_name: str = "Trợ lý Kế hoạch", max_poll: float = 60.0,
                 hang_seconds: float = 30.0) -> None:
        self.token = token
        self.bot_id = token.partition(":")[0] or "bot"
        self.account_name = account_name
        self.rate = rate
        self.per_chat_rate = per_chat_rate
        self.rate_window = rate_window
        self.max_poll = max_poll
        self.hang_seconds = hang_seconds
        self.calls: list[Call] = []
        self.delivered: Counter[tuple[str, str]] = Counter()
        self.rate_violations = 0
        self.webhook: dict[str, Any] | None = None  # {"url", "updated_at", "secret_token"}
        self.webhook_deliveries: list[tuple[str, int]] = []  # (message_id or "", status)
        self._sent: list[SentMessage] = []
        self._updates: deque[Any] = deque()  # full getUpdates reply bodies
        self._update_ready = asyncio.Event()
        self._changed = asyncio.Event()
        self._closing = asyncio.Event()
        self._faults: dict[str, list[_Fault]] = {}
        self._blocked: set[str] = set()
        self._send_times: deque[float] = deque()
        self._chat_send_times: dict[str, deque[float]] = {}
        self._runner: web.AppRunner | None = None
        self._base_url: str | None = None

    # ------------------------------------------------------------------ lifecycle

    @property
    def base_url(self) -> str:
        if self._base_url is None:
            raise RuntimeError("FakeZalo is not running; use `async with FakeZalo() as zalo`")
        return self._base_url

    async def __aenter__(self) -> Self:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._handle)
        # No access log: the request path holds the token. Handlers are cancelled when the
        # client hangs up, so a client-side timeout ends a hung request here too.
        self._runner = web.AppRunner(app, access_log=None, handler_cancellation=True,
                                     shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        host, port = self._runner.addresses[0][:2]
        self._base_url = f"http://{host}:{port}"
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None,
                        exc: BaseException | None, tb: TracebackType | None) -> None:
        self._closing.set()
        self._update_ready.set()
        if self._runner is not None:
            await self._runner.cleanup()
        self._runner = None
        self._base_url = None

    # ------------------------------------------------------------------ inspection

    def calls_to(self, method: str) -> list[Call]:
        return [call for call in self.calls if call.method == method]

    def sent(self, chat_id: str | None = None) -> list[SentMessage]:
        """Messages accepted, oldest first, optionally for one chat."""
        return [sent for sent in self._sent if chat_id is None or sent.chat_id == chat_id]

    def sent_texts(self, chat_id: str | None = None) -> list[str]:
        """The texts of accepted sendMessage calls, oldest first."""
        return [sent.text for sent in self.sent(chat_id)
                if sent.method == "sendMessage" and sent.text is not None]

    async def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """Wait until ``count`` calls to ``method`` have arrived; return them all."""
        deadline = time.monotonic() + timeout
        while len(calls := self.calls_to(method)) < count:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(
                    f"waited {timeout}s for {count} {method} call(s), saw {len(calls)}")
            changed = self._changed
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(changed.wait(), remaining)
        return calls

    def _notify(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    # ------------------------------------------------------------------ injection

    def push_text(self, chat_id: str, text: str, *, sender_id: str | None = None,
                  display_name: str | None = DEFAULT_NAME, chat_type: str = "PRIVATE",
                  message_id: str | None = None, wrapped: bool = True) -> dict[str, Any]:
        """Queue a text message for getUpdates; return the bare update.

        ``wrapped`` (the documented form) answers ``{"ok": true, "result": update}``;
        ``wrapped=False`` answers the bare update as the whole body.
        """
        update = text_update(chat_id, text, sender_id=sender_id, display_name=display_name,
                             chat_type=chat_type, message_id=message_id)
        self.push_raw(update, wrapped=wrapped)
        return update

    def push_event(self, event_name: str, chat_id: str, *, sender_id: str | None = None,
                   display_name: str | None = DEFAULT_NAME, chat_type: str = "PRIVATE",
                   message_id: str | None = None, wrapped: bool = True,
                   extra: dict[str, Any] | None = None) -> dict[str, Any]:
        """Queue a non-text event (``"image"``, ``"sticker"``, ``"voice"``, ``"unsupported"``
        or a full event name); return the bare update."""
        name = _event_name(event_name)
        update = event_update(name, chat_id, sender_id=sender_id, display_name=display_name,
                              chat_type=chat_type, message_id=message_id,
                              extra=_default_extra(name) if extra is None else extra)
        self.push_raw(update, wrapped=wrapped)
        return update

    def push_raw(self, payload: Any, *, wrapped: bool = True) -> None:
        """Queue anything: ``{"ok": true, "result": payload}``, or ``payload`` as the body."""
        self._updates.append({"ok": True, "result": payload} if wrapped else payload)
        self._update_ready.set()

    @property
    def pending_updates(self) -> int:
        return len(self._updates)

    async def deliver_webhook(self, url: str, update: Any, secret: str | None, *,
                              wrapped: bool = False, timeout: float = 10.0) -> int:
        """POST ``update`` to our webhook as Zalo would (``secret`` in the
        ``X-Bot-Api-Secret-Token`` header, none when ``None``); return the HTTP status."""
        body = {"ok": True, "result": update} if wrapped else update
        headers = {} if secret is None else {SECRET_HEADER: secret}
        data = json.dumps(body, ensure_ascii=False).encode()
        async with (
            aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=timeout)) as http,
            http.post(url, data=data,
                      headers={"Content-Type": "application/json", **headers}) as response,
        ):
            await response.read()
            status = response.status
        message = update.get("message") if isinstance(update, dict) else None
        message_id = message.get("message_id") if isinstance(message, dict) else None
        self.webhook_deliveries.append((str(message_id or ""), status))
        return status

    # ------------------------------------------------------------------ faults

    def fail_next(self, method: str, status: int = 500, *, retry_after: float | None = None,
                  times: int = 1, timeout: bool = False, malformed: bool = False,
                  description: str | None = None, http_status: int | None = None,
                  body: str | None = None,
                  retry_after_source: RetryAfterSource = "both") -> None:
        """Make the next ``times`` calls to ``method`` fail.

        By default with an error envelope ``status`` (HTTP status ``http_status or status``),
        ``retry_after`` put in ``parameters.retry_after`` and/or the ``Retry-After`` header.
        ``timeout``: hang without answering (until the client gives up). ``malformed``: answer
        broken JSON. ``body``: answer this text as ``text/html`` (e.g. a proxy's error page).
        """
        self._faults.setdefault(method, []).append(_Fault(
            status=status, times=times, retry_after=retry_after,
            retry_after_source=retry_after_source, timeout=timeout, malformed=malformed,
            http_status=http_status, body=body, description=description))

    def block(self, chat_id: str) -> None:
        """Answer 403 to every send and chat action to ``chat_id`` (the user blocked the bot)."""
        self._blocked.add(chat_id)

    def unblock(self, chat_id: str) -> None:
        self._blocked.discard(chat_id)

    def _take_fault(self, method: str) -> _Fault | None:
        queue = self._faults.get(method)
        if not queue:
            return None
        fault = queue[0]
        fault.times -= 1
        if fault.times <= 0:
            queue.pop(0)
        return fault

    async def _apply_fault(self, fault: _Fault) -> web.Response:
        status = fault.http_status or fault.status
        if fault.timeout:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._closing.wait(), self.hang_seconds)
            return _envelope(504, "Gateway Timeout")
        if fault.malformed:
            return web.Response(status=status, text='{"ok": tru', content_type="application/json")
        if fault.body is not None:
            return web.Response(status=status, text=fault.body, content_type="text/html")
        parameters: dict[str, Any] = {}
        headers: dict[str, str] = {}
        if fault.retry_after is not None:
            if fault.retry_after_source in ("body", "both"):
                parameters["retry_after"] = fault.retry_after
            if fault.retry_after_source in ("header", "both"):
                headers["Retry-After"] = str(math.ceil(fault.retry_after))
        default = {400: "Bad Request", 401: "Unauthorized", 403: "Forbidden",
                   404: "Not Found", 429: "Too Many Requests", 500: "Internal Server Error",
                   502: "Bad Gateway", 503: "Service Unavailable"}
        return _envelope(fault.status, fault.description or default.get(fault.status, "Error"),
                         http_status=status, parameters=parameters, headers=headers)

    def _rate_limited(self, chat_id: str) -> float | None:
        """Seconds to wait when this send breaks the rate cap, else record it and ``None``."""
        now = time.monotonic()
        horizon = now - self.rate_window
        chat_times = self._chat_send_times.setdefault(chat_id, deque())
        for times in (self._send_times, chat_times):
            while times and times[0] <= horizon:
                times.popleft()
        waits = [times[0] + self.rate_window - now
                 for times, cap in ((self._send_times, self.rate),
                                    (chat_times, self.per_chat_rate))
                 if cap is not None and len(times) >= cap]
        if waits:
            self.rate_violations += 1
            return max(0.001, *waits)
        self._send_times.append(now)
        chat_times.append(now)
        return None

    # ------------------------------------------------------------------ requests

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        prefix, _, method = request.path.lstrip("/").partition("/")
        token_ok = prefix == f"bot{self.token}" and "/" not in method
        raw = await request.text()
        body: Any
        try:
            body = json.loads(raw) if raw.strip() else {}
        except ValueError:
            body = raw
        call = Call(method=method, body=body, token_ok=token_ok)
        self.calls.append(call)
        self._notify()
        try:
            response = await self._respond(request, call)
        except asyncio.CancelledError:
            call.status = 499  # the client hung up
            self._notify()
            raise
        call.status = response.status
        self._notify()
        return response

    async def _respond(self, request: web.Request, call: Call) -> web.Response:
        if not call.token_ok:
            return _envelope(401, "Unauthorized")
        if request.method != "POST":
            return _envelope(405, "Method Not Allowed")
        fault = self._take_fault(call.method)
        if fault is not None:
            return await self._apply_fault(fault)
        if not isinstance(call.body, dict):
            return _envelope(400, "Bad Request: the body must be a JSON object")
        body: dict[str, Any] = call.body
        handlers = {
            "getMe": self._get_me,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
        }
        if call.method in handlers:
            return handlers[call.method](body)
        if call.method == "getUpdates":
            return await self._get_updates(body)
        if call.method in CHAT_METHODS:
            return self._chat_method(call.method, body)
        return _envelope(404, "Not Found: unknown method")

    def _get_me(self, body: dict[str, Any]) -> web.Response:
        return _ok({"id": self.bot_id, "account_name": self.account_name,
                    "account_type": "BASIC", "can_join_groups": False})

    async def _get_updates(self, body: dict[str, Any]) -> web.Response:
        if self.webhook is not None:
            return _envelope(409, "Conflict: getUpdates is disabled while a webhook is set")
        try:
            timeout = float(body.get("timeout", 30))
        except (TypeError, ValueError):
            return _envelope(400, "Bad Request: timeout must be a number")
        deadline = time.monotonic() + min(max(timeout, 0.0), self.max_poll)
        while True:
            if self._updates:
                return _json(self._updates.popleft())
            remaining = deadline - time.monotonic()
            if remaining <= 0 or self._closing.is_set():
                return _json({"ok": False, "error_code": 408, "description": "Request timeout"},
                             status=408)
            self._update_ready.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._update_ready.wait(), remaining)

    def _set_webhook(self, body: dict[str, Any]) -> web.Response:
        url, secret = body.get("url"), body.get("secret_token")
        # Zalo wants public HTTPS; the fake also takes this machine's own address, where the
        # assistant under test listens.
        if not isinstance(url, str) or not url.startswith(
                ("https://", "http://127.0.0.1:", "http://localhost:")):
            return _envelope(400, "Bad Request: url must be a public https URL")
        if not isinstance(secret, str) or not 8 <= len(secret) <= 256:
            return _envelope(400, "Bad Request: secret_token must be 8-256 characters")
        self.webhook = {"url": url, "updated_at": _now_ms(), "secret_token": secret}
        return _ok({"url": url, "updated_at": self.webhook["updated_at"]})

    def _delete_webhook(self, body: dict[str, Any]) -> web.Response:
        if self.webhook is None:
            return _envelope(404, "Not Found: no webhook is set")
        url, self.webhook = self.webhook["url"], None
        return _ok({"url": url, "updated_at": _now_ms()})

    def _get_webhook_info(self, body: dict[str, Any]) -> web.Response:
        if self.webhook is None:
            return _envelope(404, "Not Found: no webhook is set")
        return _ok({"url": self.webhook["url"], "updated_at": self.webhook["updated_at"]})

    def _chat_method(self, method: str, body: dict[str, Any]) -> web.Response:
        chat_id = body.get("chat_id")
        if not isinstance(chat_id, str) or not chat_id:
            return _envelope(400, "Bad Request: chat_id is required")
        if method == "sendMessage":
            text = body.get("text")
            if not isinstance(text, str) or not 1 <= _utf16_len(text) <= MAX_TEXT:
                return _envelope(400, f"Bad Request: text must be 1-{MAX_TEXT} characters")
        elif method == "sendPhoto":
            photo, caption = body.get("photo"), body.get("caption")
            if not isinstance(photo, str) or not photo.startswith(("http://", "https://")):
                return _envelope(400, "Bad Request: photo must be a public URL")
            if caption is not None and (not isinstance(caption, str)
                                        or _utf16_len(caption) > MAX_TEXT):
                return _envelope(400, f"Bad Request: caption must be at most {MAX_TEXT}")
        elif method == "sendSticker":
            if not isinstance(body.get("sticker"), str) or not body["sticker"]:
                return _envelope(400, "Bad Request: sticker is required")
        elif not isinstance(body.get("action"), str) or not body["action"]:
            return _envelope(400, "Bad Request: action is required")
        if chat_id in self._blocked:
            return _envelope(403, "Forbidden: the user has blocked the bot")
        if method == "sendChatAction":
            return _ok({})
        wait = self._rate_limited(chat_id)
        if wait is not None:
            return _envelope(429, "Too Many Requests", parameters={"retry_after": wait},
                             headers={"Retry-After": str(math.ceil(wait))})
        sent = SentMessage(
            method=method, chat_id=chat_id, message_id=uuid.uuid4().hex,
            text=body.get("text") if method == "sendMessage" else body.get("caption"),
            photo=body.get("photo"), sticker=body.get("sticker"))
        self._sent.append(sent)
        if method == "sendMessage" and sent.text is not None:
            self.delivered[(chat_id, sent.text)] += 1
        return _ok({"message_id": sent.message_id, "date": _now_ms()})
