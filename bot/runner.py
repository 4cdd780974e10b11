"""`troly run`: every channel that has a token, the outbox dispatcher and the web server for
webhooks and health checks, in one asyncio lifecycle that stops cleanly on SIGINT or SIGTERM."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import signal
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field

from aiohttp import web

from bot.app import Assistant
from bot.channels.telegram import TelegramChannel, TelegramSender
from bot.channels.zalo import ZaloChannel, ZaloSender
from bot.channels.zalo_api import ZaloBotApi
from bot.config import Settings
from bot.delivery import RateLimiter, Sender
from bot.dispatcher import Dispatcher, DispatchSettings
from handlers.assistant import delivery_policy
from handlers.clock import Clock
from storage.database import Database
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)
TELEGRAM_PATH = "/webhook/telegram"
ZALO_PATH = "/webhook/zalo"


@dataclass
class Running:
    """What `troly run` started, so that it can all be stopped in reverse order."""

    telegram: TelegramChannel | None = None
    zalo: ZaloChannel | None = None
    zalo_api: ZaloBotApi | None = None
    web: web.AppRunner | None = None
    tasks: list[asyncio.Task[None]] = field(default_factory=list)


def health_endpoint(database: Database,
                    channels: Iterable[str]) -> Callable[[web.Request], Awaitable[web.Response]]:
    """``/healthz``: 200 with the channels and the outbox backlog while the database answers,
    503 when it does not (so an orchestrator restarts or stops routing to this instance)."""
    async def health(_request: web.Request) -> web.Response:
        try:
            async with UnitOfWork(database.session()) as uow:
                pending = await uow.outbox.pending_count()
        except Exception:
            log.exception("health check: the database does not answer")
            return web.json_response({"status": "database unavailable"}, status=503)
        return web.json_response({"status": "ok", "channels": sorted(channels),
                                  "outbox_pending": pending})
    return health


async def run(settings: Settings, assistant: Assistant, clock: Clock,
              stop: asyncio.Event) -> None:
    secret = (settings.webhook_secret.get_secret_value() if settings.webhook_secret
              else secrets.token_urlsafe(32))
    webhooks = settings.public_url is not None
    running = Running()
    senders: dict[str, Sender] = {}
    limiters: dict[str, RateLimiter] = {}
    app = web.Application()
    app.router.add_get("/healthz", health_endpoint(assistant.database, senders))
    try:
        if settings.telegram_token is not None:
            running.telegram = TelegramChannel(
                assistant.core, clock, settings.telegram_token.get_secret_value(),
                settings.telegram_api_url, webhook_secret=secret)
            app.router.add_post(TELEGRAM_PATH, running.telegram.webhook)
            senders["telegram"] = TelegramSender(running.telegram.application.bot)
            limiters["telegram"] = RateLimiter(settings.telegram_rate,
                                               settings.telegram_chat_interval)
        if settings.zalo_token is not None:
            running.zalo_api = ZaloBotApi(settings.zalo_token.get_secret_value(),
                                          base_url=settings.zalo_api_url)
            running.zalo = ZaloChannel(assistant.core, running.zalo_api, clock,
                                       webhook_secret=secret)
            app.router.add_post(ZALO_PATH, running.zalo.webhook)
            senders["zalo"] = ZaloSender(running.zalo_api)
            limiters["zalo"] = RateLimiter(settings.zalo_rate, settings.zalo_chat_interval)
        # The web server listens before any webhook is registered, so no call is refused.
        running.web = web.AppRunner(app, access_log=None)
        await running.web.setup()
        await web.TCPSite(running.web, settings.listen_host, settings.listen_port).start()
        if running.telegram is not None:
            await running.telegram.start(polling=not webhooks)
            if webhooks:
                await running.telegram.application.bot.set_webhook(
                    f"{settings.public_url}{TELEGRAM_PATH}", secret_token=secret,
                    allowed_updates=["message", "callback_query", "edited_message"])
            log.info("Telegram channel started as @%s", running.telegram.username)
        if running.zalo is not None and running.zalo_api is not None:
            if webhooks:
                await running.zalo_api.set_webhook(f"{settings.public_url}{ZALO_PATH}", secret)
            else:
                running.tasks.append(asyncio.create_task(running.zalo.run_polling(stop)))
            log.info("Zalo channel started")
        dispatcher = Dispatcher(lambda: UnitOfWork(assistant.database.session()), senders,
                                limiters, clock, delivery_policy(),
                                DispatchSettings(max_attempts=settings.outbox_max_attempts))
        running.tasks.append(asyncio.create_task(dispatcher.run(stop)))
        await stop.wait()
    finally:
        await _shutdown(running)


async def _shutdown(running: Running) -> None:
    if running.tasks:
        await asyncio.gather(*running.tasks, return_exceptions=True)
    if running.web is not None:
        await running.web.cleanup()
    if running.telegram is not None:
        await running.telegram.stop()
    if running.zalo is not None:
        await running.zalo.drain()
    if running.zalo_api is not None:
        await running.zalo_api.aclose()


def stop_on_signals(stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
