"""The Zalo channel: Zalo updates in, the core's replies out as plain text.

Zalo has no buttons, so options become numbered lines ("Trả lời 1, 2 hoặc 3") that the core
reads back; long replies are split under 2000 characters; a webhook retry or a repeated poll
result is dropped by its ``message_id``. Nothing else happens here: the core decides.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from collections import OrderedDict
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
from bot.delivery import RecipientBlocked, RetryLater, Undeliverable
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


class ZaloSender:
    """The outbox's way to Zalo: one text, errors in the dispatcher's terms."""

    channel = CHANNEL

    def __init__(self, api: ZaloBotApi) -> None:
        self.api = api

    async def send_text(self, chat: str, text: str) -> None:
        try:
            for part in split_text(text):
                await self.api.send_message(chat, part)
        except ZaloRateLimited as error:
            raise RetryLater("Zalo 429", error.retry_after) from None
        except ZaloForbidden:
            raise RecipientBlocked("Zalo 403") from None
        except ZaloTransientError as error:
            raise RetryLater(f"Zalo {error.error_code or 'network'}",
                             maybe_delivered=error.error_code in (None, 408)) from None
        except ZaloUnauthorized:
            raise RetryLater("Zalo 401: token refused") from None
        except ZaloApiError as error:
            raise Undeliverable(f"Zalo {error.error_code}: {error.description}") from None


class ZaloChannel:
    def __init__(self, core: Core, api: ZaloBotApi, clock: Clock,
                 webhook_secret: str | None = None) -> None:
        self.core = core
        self.api = api
        self.clock = clock
        self.webhook_secret = webhook_secret
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
        text = render(reply)
        if reply.files:
            text = f"{text}\n{texts.ZALO_NO_FILES}"
        try:
            for part in split_text(text):
                await self.api.send_message(reply.to, part)
        except ZaloApiError as error:
            log.warning("could not answer on Zalo chat=%s: %s", reply.to, error)

    # -- polling (development) -------------------------------------------------------------

    async def run_polling(self, stop: asyncio.Event) -> None:
        await self.api.delete_webhook()
        backoff = 1.0
        while not stop.is_set():
            poll = asyncio.ensure_future(self.api.get_update(POLL_TIMEOUT))
            stopped = asyncio.ensure_future(stop.wait())
            done, _ = await asyncio.wait({poll, stopped}, return_when=asyncio.FIRST_COMPLETED)
            if stopped in done:
                poll.cancel()
                return
            stopped.cancel()
            try:
                message = poll.result()
                backoff = 1.0
            except ZaloApiError as error:
                log.warning("Zalo polling failed, retrying in %.0fs: %s", backoff, error)
                await asyncio.sleep(backoff)
                backoff = min(MAX_POLL_BACKOFF, backoff * 2)
                continue
            if message is not None:
                await self._handle_safely(message)

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
            payload: Any = json.loads(await request.read())
        except ValueError:
            log.warning("ignored a Zalo webhook body that is not JSON")
            return web.Response(status=200)
        message = parse_update(payload)
        if message is None:
            log.info("ignored a Zalo webhook update that is not a message")
            return web.Response(status=200)
        task = asyncio.create_task(self._order.run(message.chat_id,
                                                   self._handle_safely(message)))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return web.Response(status=200)

    async def drain(self) -> None:
        """Wait for webhook messages still being handled (at shutdown)."""
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
