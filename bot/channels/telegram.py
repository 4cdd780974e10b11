"""The Telegram channel on python-telegram-bot 22: native updates in, the core's replies out.

The PTB ``Application`` is built with ``job_queue(None)`` and run inside the assistant's own
asyncio lifecycle (``start``/``stop``, never ``run_polling``). Options become inline buttons
whose press stands for the option's number; text is HTML-escaped and split on line boundaries
under 4096 characters; in groups the assistant answers only when addressed.
"""

from __future__ import annotations

import datetime as dt
import functools
import hmac
import json
import logging
import os
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from aiohttp import web
from telegram import Bot, BotCommand, Message, Update
from telegram.constants import ChatType, ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.ext import Application, BaseUpdateProcessor, ContextTypes, ExtBot, TypeHandler
from telegram.request import HTTPXRequest

from bot.channels.ordering import PerChatOrder
from bot.channels.telegram_format import (
    CHOICE_PREFIX,
    MAX_TEXT,
    html_chunks,
    keyboard,
    plain_and_html_chunks,
)
from bot.channels.text_split import split_text
from bot.delivery import ChatMoved, DeliveryError, RecipientBlocked, RetryLater, Undeliverable
from bot.health import Health
from bot.logs import request
from bot.replies import Part, ReplySender
from handlers.clock import Clock
from handlers.core import Core
from handlers.messages import Attachment, IncomingMessage, Reply
from handlers.texts import channels as texts

__all__ = ["CHOICE_PREFIX", "TelegramChannel", "TelegramSender", "html_chunks", "keyboard"]
log = logging.getLogger(__name__)
# PTB 22 moves time periods (a 429's retry_after) from seconds to timedelta and warns at every
# 429 until a program opts in; this channel reads both forms, so it opts in.
os.environ.setdefault("PTB_TIMEDELTA", "1")
CHANNEL = "telegram"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_FILE_BYTES = 20 * 1024 * 1024  # what the Bot API lets a bot download
IMAGE_TYPES = frozenset({"image/png", "image/jpeg"})


def retry_seconds(error: RetryAfter) -> float:
    value = error.retry_after  # a timedelta once PTB_TIMEDELTA is on, else seconds
    return value.total_seconds() if isinstance(value, dt.timedelta) else float(value)


def delivery_error(error: TelegramError) -> DeliveryError:
    """A Bot API error in the terms the outbox and the replies handle."""
    if isinstance(error, RetryAfter):
        return RetryLater("Telegram 429", retry_seconds(error))
    if isinstance(error, Forbidden):
        return RecipientBlocked("Telegram 403")
    if isinstance(error, ChatMigrated):
        return ChatMoved(str(error.new_chat_id))
    if isinstance(error, BadRequest):
        return Undeliverable(f"Telegram 400: {error.message}")
    if isinstance(error, TimedOut):
        return RetryLater("Telegram: TimedOut", maybe_delivered=True)
    if isinstance(error, NetworkError):  # 5xx, a refused connection
        return RetryLater(f"Telegram: {type(error).__name__}")
    return Undeliverable(f"Telegram: {error.message}")


def call(send: Callable[[], Awaitable[object]]) -> Callable[[], Awaitable[None]]:
    """One Bot API call whose errors come out as ``bot.delivery`` errors."""
    async def run() -> None:
        try:
            await send()
        except TelegramError as error:
            raise delivery_error(error) from None
    return run


_MEDIA_KINDS = ("photo", "sticker", "voice", "audio", "video", "video_note", "animation",
                "contact", "location", "poll")


def _media(message: Message) -> str | None:
    """What a message without text carries ("photo", "sticker", …), for the core to answer."""
    if message.text or message.caption or message.document:
        return None
    return next((kind for kind in _MEDIA_KINDS if getattr(message, kind, None)), "other")


class TolerantBot(ExtBot[None]):
    """PTB parses a whole getUpdates batch at once and fails on one malformed update, then
    asks for the same batch again, forever. Here an update PTB cannot read is replaced by its
    bare ``update_id``: the offset moves past it and the handler logs and ignores it."""

    health: Health | None = None  # told whether polling works

    async def _post(self, endpoint: str, data: dict[str, Any] | None = None, *args: Any,
                    **kwargs: Any) -> Any:
        try:
            result = await super()._post(endpoint, data, *args, **kwargs)
        except TelegramError as error:
            if endpoint == "getUpdates" and self.health is not None:
                self.health.failing(CHANNEL, f"getUpdates: {type(error).__name__}")
            raise
        if endpoint == "getUpdates" and self.health is not None:
            self.health.ok(CHANNEL)
        if endpoint != "getUpdates" or not isinstance(result, list):
            return result
        readable = []
        for item in result:
            try:
                Update.de_json(item, self)
                readable.append(item)
            except Exception:
                update_id = item.get("update_id") if isinstance(item, dict) else None
                log.warning("replaced a malformed Telegram update id=%s", update_id)
                if isinstance(update_id, int):
                    readable.append({"update_id": update_id})
        return readable


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """python-telegram-bot's update processor with :class:`PerChatOrder`: updates run
    concurrently up to ``max_concurrent_updates``, those of one chat in order."""

    def __init__(self, max_concurrent_updates: int = 256) -> None:
        super().__init__(max_concurrent_updates)
        self.order = PerChatOrder()

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        chat = update.effective_chat if isinstance(update, Update) else None
        await self.order.run(str(chat.id) if chat is not None else "", coroutine)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""


class TelegramSender:
    """The outbox's way to Telegram: plain text with its options as buttons, errors in the
    dispatcher's terms."""

    channel = CHANNEL

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def send_text(self, chat: str, text: str, options: Sequence[str] = ()) -> None:
        parts = split_text(text, MAX_TEXT)
        for index, part in enumerate(parts):
            markup = keyboard(tuple(options)) if index == len(parts) - 1 else None
            try:
                await self.bot.send_message(chat_id=chat, text=part, reply_markup=markup)
            except TelegramError as error:
                raise delivery_error(error) from None


class TelegramChannel:
    def __init__(self, core: Core, clock: Clock, token: str, api_url: str, *,
                 webhook_secret: str | None = None, read_timeout: float = 10.0,
                 poll_timeout: int = 30, replies: ReplySender | None = None,
                 health: Health | None = None) -> None:
        self.core = core
        self.clock = clock
        self.webhook_secret = webhook_secret
        self.replies = replies or ReplySender(CHANNEL)
        self.health = health
        self.poll_timeout = poll_timeout  # a stop waits for the poll in flight to return
        base = api_url.rstrip("/")
        bot = TolerantBot(token, base_url=f"{base}/bot", base_file_url=f"{base}/file/bot",
                          request=HTTPXRequest(connection_pool_size=16,
                                               read_timeout=read_timeout),
                          get_updates_request=HTTPXRequest(read_timeout=poll_timeout + 10))
        with bot._unfrozen():  # PTB objects are frozen once built
            bot.health = health
        self.application = (Application.builder().bot(bot).job_queue(None)
                            .concurrent_updates(PerChatUpdateProcessor()).build())
        self.application.add_handler(TypeHandler(Update, self._on_update))
        self.application.add_error_handler(self._on_error)
        self.username: str | None = None

    # -- lifecycle -------------------------------------------------------------------------

    async def start(self, *, polling: bool = True) -> None:
        await self.application.initialize()
        self.username = self.application.bot.username
        if self.username:
            self.core.set_bot_link(f"https://t.me/{self.username}")
        await self.application.bot.set_my_commands(
            [BotCommand(name, description) for name, description in self.core.registry.menu()])
        await self.application.start()
        if polling and self.application.updater is not None:
            await self.application.updater.start_polling(
                allowed_updates=Update.ALL_TYPES, poll_interval=0.0, timeout=self.poll_timeout,
                error_callback=self._on_poll_error)

    def _on_poll_error(self, error: TelegramError) -> None:
        """PTB retries getUpdates with a growing pause; the health says it fails meanwhile."""
        log.warning("Telegram polling failed, retrying: %s", type(error).__name__)
        if self.health is not None:
            self.health.failing(CHANNEL, f"getUpdates: {type(error).__name__}")

    async def stop(self) -> None:
        if self.application.updater is not None and self.application.updater.running:
            await self.application.updater.stop()
        if self.application.running:
            await self.application.stop()
        await self.application.shutdown()

    async def webhook(self, request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "")
        if not self.webhook_secret or not hmac.compare_digest(given.encode(),
                                                              self.webhook_secret.encode()):
            log.warning("refused a Telegram webhook call without the right secret")
            return web.Response(status=403)
        try:
            body = await request.read()
        except web.HTTPRequestEntityTooLarge:
            await self._unreadable(b"", "update_too_large")
            return web.Response(status=413)
        try:
            data = json.loads(body)
            if not isinstance(data, dict):
                raise TypeError("not an object")
            update = Update.de_json(data, self.application.bot)
        except Exception:  # whatever the body is, the call is answered and the body journaled
            log.warning("ignored a Telegram webhook body that is not an update (%d bytes)",
                        len(body))
            await self._unreadable(body, "malformed_update")
            return web.Response(status=200)
        await self.application.update_queue.put(update)
        return web.Response(status=200)

    async def _unreadable(self, body: bytes, outcome: str) -> None:
        text = body[:20_000].decode("utf-8", "replace")
        await self.core.record(IncomingMessage(CHANNEL, "?", text, self.clock.now()), [],
                               outcome)

    # -- updates ---------------------------------------------------------------------------

    async def _on_update(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        with request("tg-"):  # every line this update causes says so
            log.info("Telegram update id=%s", update.update_id)
            if update.callback_query is not None:
                await self._on_choice(update)
            elif update.message is not None:
                await self._on_message(update.message)
            elif update.edited_message is not None:
                log.info("ignored an edited Telegram message chat=%s",
                         update.edited_message.chat_id)
            else:
                log.info("ignored a Telegram update of another kind id=%s", update.update_id)

    async def _on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        log.error("Telegram update failed: %s", type(context.error).__name__,
                  exc_info=context.error)

    def _addressed(self, message: Message) -> tuple[bool, str]:
        """Whether a message is for the assistant, and its text without the mention."""
        text = message.text or message.caption or ""
        if message.chat.type == ChatType.PRIVATE:
            return True, text
        mention = f"@{self.username}" if self.username else None
        replying = (message.reply_to_message is not None
                    and message.reply_to_message.from_user is not None
                    and message.reply_to_message.from_user.id == self.application.bot.id)
        if mention and mention.lower() in text.lower():
            start = text.lower().index(mention.lower())
            return True, (text[:start] + text[start + len(mention):]).strip()
        command = text.startswith("/") and "@" not in text.split(" ")[0]
        return replying or command, text

    async def _on_message(self, message: Message) -> None:
        addressed, text = self._addressed(message)
        if not addressed or message.from_user is None:
            return
        try:
            attachment = await self._attachment(message)
        except TelegramError as error:
            log.warning("could not download a Telegram file: %s", type(error).__name__)
            incoming = IncomingMessage(CHANNEL, str(message.from_user.id), text,
                                       self.clock.now(), chat=str(message.chat_id),
                                       message_id=f"{message.chat_id}:{message.message_id}")
            for reply in await self.core.refuse(incoming, texts.TELEGRAM_FILE_UNREADABLE,
                                                "file_refused"):
                await self._send(reply)
            return
        quoted = message.reply_to_message.text if message.reply_to_message else None
        incoming = IncomingMessage(
            channel=CHANNEL, sender=str(message.from_user.id), text=text,
            received_at=self.clock.now(), chat=str(message.chat_id),
            display_name=message.from_user.full_name, attachment=attachment, quoted=quoted,
            message_id=f"{message.chat_id}:{message.message_id}", media=_media(message))
        for reply in await self.core.handle(incoming):
            await self._send(reply)

    async def _attachment(self, message: Message) -> Attachment | None:
        document = message.document
        if document is None:
            return None
        if document.file_size and document.file_size > MAX_FILE_BYTES:
            await self._send(Reply(str(message.chat_id), texts.TELEGRAM_FILE_TOO_BIG))
            return None
        content = await (await document.get_file()).download_as_bytearray()
        return Attachment(document.file_name or "tep", bytes(content),
                          document.mime_type or "application/octet-stream")

    async def _on_choice(self, update: Update) -> None:
        query = update.callback_query
        assert query is not None
        await query.answer()
        data = query.data or ""
        message = query.message
        if not data.startswith(CHOICE_PREFIX) or not isinstance(message, Message):
            log.info("ignored a Telegram button press with unknown data")
            return
        await message.edit_reply_markup(None)  # the choice is made: no second press
        incoming = IncomingMessage(
            channel=CHANNEL, sender=str(query.from_user.id), text=data[len(CHOICE_PREFIX):],
            received_at=self.clock.now(), chat=str(message.chat_id),
            display_name=query.from_user.full_name, is_choice=True,
            message_id=f"button:{query.id}")
        for reply in await self.core.handle(incoming):
            await self._send(reply)

    async def _send(self, reply: Reply) -> None:
        """Send a reply at the channel's pace, retried; what cannot be sent is kept."""
        bot = self.application.bot
        chunks = plain_and_html_chunks(reply.text)
        parts: list[Part] = []
        for index, (plain, formatted) in enumerate(chunks):
            markup = keyboard(reply.options) if index == len(chunks) - 1 else None
            parts.append(Part(plain, call(functools.partial(
                bot.send_message, chat_id=reply.to, text=formatted, parse_mode=ParseMode.HTML,
                reply_markup=markup))))
        for file in reply.files:
            if file.mime in IMAGE_TYPES:
                send = call(functools.partial(bot.send_photo, chat_id=reply.to,
                                              photo=file.content))
            else:
                send = call(functools.partial(bot.send_document, chat_id=reply.to,
                                              document=file.content, filename=file.name))
            parts.append(Part(f"[tệp: {file.name}]", send, is_file=True))
        await self.replies.send(reply.to, parts, reply.options)
