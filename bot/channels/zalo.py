"""The Zalo channel: Zalo updates in, the core's replies out as plain text.

Zalo has no buttons, so options become numbered lines ("Trả lời 1, 2 hoặc 3") that the core
reads back; long replies are split under 2000 characters; a webhook retry or a repeated poll
result is dropped by its ``message_id``. Nothing else happens here: the core decides.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import hmac
import json
import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from aiohttp import web

from bot.channels.ordering import PerChatOrder
from bot.channels.text_split import split_text
from bot.channels.zalo_api import (
    ZaloApiError,
    ZaloBotApi,
    ZaloForbidden,
    ZaloRateLimited,
    ZaloTransientError,
    ZaloUnauthorized,
)
from bot.channels.zalo_updates import ZaloMessage, parse_update
from bot.delivery import DeliveryError, RecipientBlocked, RetryLater, Undeliverable
from bot.health import Health
from bot.logs import request
from bot.replies import Part, ReplySender
from handlers.clock import Clock
from handlers.core import Core
from handlers.messages import IncomingMessage, Reply
from handlers.texts import channels as texts

log = logging.getLogger(__name__)
CHANNEL = "zalo"
SECRET_HEADER = "X-Bot-Api-Secret-Token"
SEEN_IDS = 10_000  # message ids remembered for dropping duplicates
POLL_TIMEOUT = 30
MAX_POLL_BACKOFF = 60.0


def render(reply: Reply) -> str:
    """A reply as Zalo shows it: the text, then the options numbered, then how to answer."""
    if not reply.options:
        return reply.text
    lines = [reply.text, *(f"{n}. {option}" for n, option in enumerate(reply.options, 1))]
    numbers = ", ".join(str(n) for n in range(1, len(reply.options) + 1))
    lines.append(texts.ZALO_ANSWER_WITH_NUMBER.format(numbers=numbers))
    return "\n".join(lines)


def delivery_error(error: ZaloApiError) -> DeliveryError:
    """A Zalo API error in the terms the outbox and the replies handle."""
    if isinstance(error, ZaloRateLimited):
        return RetryLater("Zalo 429", error.retry_after)
    if isinstance(error, ZaloForbidden):
        return RecipientBlocked("Zalo 403")
    if isinstance(error, ZaloTransientError):
        return RetryLater(f"Zalo {error.error_code or 'network'}",
                          maybe_delivered=error.error_code in (None, 408))
    if isinstance(error, ZaloUnauthorized):
        return RetryLater("Zalo 401: token refused")
    return Undeliverable(f"Zalo {error.error_code}: {error.description}")


def call(send: Callable[[], Awaitable[object]]) -> Callable[[], Awaitable[None]]:
    """One API call whose errors come out as ``bot.delivery`` errors."""
    async def run() -> None:
        try:
            await send()
        except ZaloApiError as error:
            raise delivery_error(error) from None
        except ValueError as error:  # refused before the call: an empty chat id, say
            raise Undeliverable(f"Zalo: {error}") from None
    return run


class ZaloSender:
    """The outbox's way to Zalo: one text with its options numbered, errors in the
    dispatcher's terms."""

    channel = CHANNEL

    def __init__(self, api: ZaloBotApi) -> None:
        self.api = api

    async def send_text(self, chat: str, text: str, options: Sequence[str] = ()) -> None:
        for part in split_text(render(Reply(chat, text, tuple(options)))):
            await call(functools.partial(self.api.send_message, chat, part))()


class ZaloChannel:
    def __init__(self, core: Core, api: ZaloBotApi, clock: Clock,
                 webhook_secret: str | None = None, *, replies: ReplySender | None = None,
                 health: Health | None = None) -> None:
        self.core = core
        self.api = api
        self.clock = clock
        self.webhook_secret = webhook_secret
        self.replies = replies or ReplySender(CHANNEL)
        self.health = health
        self._seen: OrderedDict[str, None] = OrderedDict()
        self._tasks: set[asyncio.Task[None]] = set()
        self._order = PerChatOrder()  # webhook calls arrive concurrently

    def _first_time(self, message_id: str) -> bool:
        """A quick check of the ids seen lately; the core's journal catches the repeats that
        come after a restart."""
        if message_id in self._seen:
            return False
        self._seen[message_id] = None
        if len(self._seen) > SEEN_IDS:
            self._seen.popitem(last=False)
        return True

    async def handle(self, message: ZaloMessage) -> None:
        with request("zl-"):  # every line this message causes says so
            log.info("Zalo message id=%s", message.message_id)
            if not self._first_time(message.message_id):
                log.info("dropped a repeated Zalo message id=%s", message.message_id)
                return
            incoming = IncomingMessage(channel=CHANNEL, sender=message.sender_id,
                                       text=message.text or "", received_at=self.clock.now(),
                                       chat=message.chat_id, display_name=message.sender_name,
                                       message_id=message.message_id, media=message.media)
            for reply in await self.core.handle(incoming):
                await self._send(reply)

    async def _send(self, reply: Reply) -> None:
        """Send a reply at the channel's pace, retried; what cannot be sent is kept."""
        text = render(reply)
        if reply.files:
            text = f"{text}\n{texts.ZALO_NO_FILES}"
        parts = [Part(part, call(functools.partial(self.api.send_message, reply.to, part)))
                 for part in split_text(text)]
        await self.replies.send(reply.to, parts)

    # -- polling (development) -------------------------------------------------------------

    async def run_polling(self, stop: asyncio.Event) -> None:
        """Poll until ``stop``; every failure (a refused token too) is retried with a growing
        pause, while the health says the channel fails."""
        backoff = 1.0
        webhook_removed = False
        while not stop.is_set():
            try:
                if not webhook_removed:
                    await self.api.delete_webhook()
                    webhook_removed = True
                message = await self._poll(stop)
            except asyncio.CancelledError:
                raise
            except Exception as error:
                reason = str(error) if isinstance(error, ZaloApiError) else type(error).__name__
                log.warning("Zalo polling failed, retrying in %.0fs: %s", backoff, reason)
                self._health(reason)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), backoff)
                backoff = min(MAX_POLL_BACKOFF, backoff * 2)
                continue
            backoff = 1.0
            self._health(None)
            if message is not None:
                await self._handle_safely(message)

    async def _poll(self, stop: asyncio.Event) -> ZaloMessage | None:
        poll = asyncio.ensure_future(self.api.get_update(POLL_TIMEOUT))
        stopped = asyncio.ensure_future(stop.wait())
        done, _ = await asyncio.wait({poll, stopped}, return_when=asyncio.FIRST_COMPLETED)
        if stopped in done:
            poll.cancel()
            return None
        stopped.cancel()
        return poll.result()

    def _health(self, problem: str | None) -> None:
        if self.health is None:
            return
        if problem is None:
            self.health.ok(CHANNEL)
        else:
            self.health.failing(CHANNEL, problem[:200])

    async def _handle_safely(self, message: ZaloMessage) -> None:
        try:
            await self.handle(message)
        except Exception:
            log.exception("failed to handle a Zalo message id=%s", message.message_id)

    # -- webhook (production) --------------------------------------------------------------

    async def webhook(self, request: web.Request) -> web.Response:
        """Answer 200 at once and handle in the background; anything unsigned gets 403."""
        given = request.headers.get(SECRET_HEADER, "")
        if not self.webhook_secret or not hmac.compare_digest(given.encode(),
                                                              self.webhook_secret.encode()):
            log.warning("refused a Zalo webhook call without the right secret")
            return web.Response(status=403)
        try:
            body = await request.read()
        except web.HTTPRequestEntityTooLarge:
            await self._unreadable(b"", "update_too_large")
            return web.Response(status=413)
        try:
            payload: Any = json.loads(body)
        except (ValueError, RecursionError):
            log.warning("ignored a Zalo webhook body that is not JSON (%d bytes)", len(body))
            await self._unreadable(body, "malformed_update")
            return web.Response(status=200)
        message = parse_update(payload)
        if message is None:
            log.info("ignored a Zalo webhook update that is not a message")
            await self._unreadable(body, "not_a_message")
            return web.Response(status=200)
        task = asyncio.create_task(self._order.run(message.chat_id,
                                                   self._handle_safely(message)))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return web.Response(status=200)

    async def _unreadable(self, body: bytes, outcome: str) -> None:
        text = body[:20_000].decode("utf-8", "replace")
        await self.core.record(IncomingMessage(CHANNEL, "?", text, self.clock.now()), [],
                               outcome)

    async def drain(self) -> None:
        """Wait for webhook messages still being handled (at shutdown)."""
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
