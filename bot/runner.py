"""`troly run`: every channel that has a token, the outbox dispatcher and the web server for
webhooks and health checks, in one asyncio lifecycle that stops cleanly on SIGINT or SIGTERM.

Start-up checks everything it can before it registers anything: a token the service refuses,
a service that cannot be reached, a port that cannot be opened or a webhook address refused
ends the start with a :class:`StartupError` (one Vietnamese line, no traceback, no token).
Once running, failures are retried with a growing pause while ``/healthz`` names the part that
fails (503); a channel whose task ended is never reported healthy.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import secrets
import signal
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from aiohttp import web
from telegram.error import InvalidToken, TelegramError

from bot.app import Assistant, StartupError, reply_keeper
from bot.channels.telegram import TelegramChannel, TelegramSender
from bot.channels.zalo import ZaloChannel, ZaloSender
from bot.channels.zalo_api import ZaloApiError, ZaloBotApi, ZaloUnauthorized
from bot.config import Settings
from bot.delivery import RateLimiter, Sender
from bot.dispatcher import Dispatcher, DispatchSettings
from bot.health import Health
from bot.logs import add_secret
from bot.metrics import Metrics
from bot.replies import ReplySender
from bot.scheduler import PlannerSchedule
from bot.status import Status, health_endpoint
from handlers.assistant import delivery_policy
from handlers.clock import Clock
from handlers.reminders import TickResult
from handlers.texts import channels as texts
from storage.uow import UnitOfWork

__all__ = ["health_endpoint", "run", "stop_on_signals"]
log = logging.getLogger(__name__)
TELEGRAM_PATH = "/webhook/telegram"
ZALO_PATH = "/webhook/zalo"
PLANS_POLL = 2.0  # seconds between two looks at the catalog's version


@dataclass
class Running:
    """What `troly run` started, so that it can all be stopped in reverse order."""

    telegram: TelegramChannel | None = None
    zalo: ZaloChannel | None = None
    zalo_api: ZaloBotApi | None = None
    web: web.AppRunner | None = None
    tasks: list[asyncio.Task[None]] = field(default_factory=list)
    health: Health = field(default_factory=Health)


async def run(settings: Settings, assistant: Assistant, clock: Clock,
              stop: asyncio.Event) -> None:
    secret = (settings.webhook_secret.get_secret_value() if settings.webhook_secret
              else secrets.token_urlsafe(32))
    add_secret(secret)
    running = Running()
    metrics = Metrics()
    assistant.core.observer = metrics
    senders: dict[str, Sender] = {}
    limiters: dict[str, RateLimiter] = {}
    status = Status(assistant.database, senders, running.health, metrics=metrics, clock=clock,
                    outbox_max_age=settings.outbox_max_age)
    app = web.Application()
    app.router.add_get("/healthz", status.healthz)
    app.router.add_get("/metrics", status.metrics_page)
    try:
        _build_channels(settings, assistant, clock, secret, running, senders, limiters, app,
                        metrics)
        await _listen(settings, running, app)  # before any webhook is registered
        await _start_channels(settings, running, secret, stop)
        dispatcher = Dispatcher(lambda: UnitOfWork(assistant.database.session()), senders,
                                limiters, clock, delivery_policy(),
                                DispatchSettings(max_attempts=settings.outbox_max_attempts),
                                health=running.health, watcher=metrics)
        running.tasks.append(asyncio.create_task(dispatcher.run(stop)))
        running.health.watch("outbox", running.tasks[-1])
        schedule = PlannerSchedule(counted(assistant.tick, metrics), clock,
                                   settings.planner_interval, running.health)
        status.schedule = schedule
        schedule.start()
        running.tasks.append(asyncio.create_task(follow_plans(assistant, stop)))
        try:
            await stop.wait()
        finally:
            schedule.stop()
    finally:
        running.health.stopping = True
        await _shutdown(running)
        log.info("stopped: the sends in flight were finished")


def counted(tick: Callable[[dt.datetime], Awaitable[TickResult]], metrics: Metrics
            ) -> Callable[[dt.datetime], Awaitable[TickResult]]:
    """The planner's tick, its results counted in the metrics."""
    async def run(now: dt.datetime) -> TickResult:
        try:
            result = await tick(now)
        except Exception:
            metrics.ticked(None)
            raise
        metrics.ticked(result)
        return result
    return run


def _build_channels(settings: Settings, assistant: Assistant, clock: Clock, secret: str,
                    running: Running, senders: dict[str, Sender],
                    limiters: dict[str, RateLimiter], app: web.Application,
                    metrics: Metrics) -> None:
    """The channels with a token, each with one rate limiter for its replies and its outbox
    messages alike."""
    keep = reply_keeper(assistant, clock)
    if settings.telegram_token is not None:
        limiters["telegram"] = RateLimiter(settings.telegram_rate,
                                           settings.telegram_chat_interval)
        running.telegram = TelegramChannel(
            assistant.core, clock, settings.telegram_token.get_secret_value(),
            settings.telegram_api_url, webhook_secret=secret, health=running.health,
            replies=ReplySender("telegram", limiters["telegram"], keep, watcher=metrics))
        app.router.add_post(TELEGRAM_PATH, running.telegram.webhook)
        senders["telegram"] = TelegramSender(running.telegram.application.bot)
    if settings.zalo_token is not None:
        limiters["zalo"] = RateLimiter(settings.zalo_rate, settings.zalo_chat_interval)
        running.zalo_api = ZaloBotApi(settings.zalo_token.get_secret_value(),
                                      base_url=settings.zalo_api_url)
        running.zalo = ZaloChannel(assistant.core, running.zalo_api, clock,
                                   webhook_secret=secret, health=running.health,
                                   replies=ReplySender("zalo", limiters["zalo"], keep,
                                                       watcher=metrics))
        app.router.add_post(ZALO_PATH, running.zalo.webhook)
        senders["zalo"] = ZaloSender(running.zalo_api)


async def _listen(settings: Settings, running: Running, app: web.Application) -> None:
    running.web = web.AppRunner(app, access_log=None)
    await running.web.setup()
    try:
        await web.TCPSite(running.web, settings.listen_host, settings.listen_port).start()
    except OSError as error:
        raise StartupError(texts.START_LISTEN.format(
            host=settings.listen_host, port=settings.listen_port,
            reason=error.strerror or type(error).__name__)) from None


async def _start_channels(settings: Settings, running: Running, secret: str,
                          stop: asyncio.Event) -> None:
    webhooks = settings.public_url is not None
    if running.telegram is not None:
        await _start_telegram(settings, running.telegram, secret, webhooks)
        updater = running.telegram.application.updater
        if not webhooks and updater is not None:
            running.health.probe("telegram", lambda: updater.running)
    if running.zalo is not None and running.zalo_api is not None:
        await _start_zalo(settings, running.zalo_api, secret, webhooks)
        if not webhooks:
            running.tasks.append(asyncio.create_task(running.zalo.run_polling(stop)))
            running.health.watch("zalo", running.tasks[-1])
        log.info("Zalo channel started")


async def _start_telegram(settings: Settings, channel: TelegramChannel, secret: str,
                          webhooks: bool) -> None:
    try:
        await channel.start(polling=not webhooks)
    except InvalidToken:
        raise StartupError(texts.START_TELEGRAM_TOKEN) from None
    except TelegramError as error:
        raise StartupError(texts.START_UNREACHABLE.format(
            service="Telegram", setting="TROLY_TELEGRAM_API_URL",
            reason=type(error).__name__)) from None
    if webhooks:
        try:
            await channel.application.bot.set_webhook(
                f"{settings.public_url}{TELEGRAM_PATH}", secret_token=secret,
                allowed_updates=["message", "callback_query", "edited_message"])
        except TelegramError as error:
            raise StartupError(texts.START_WEBHOOK.format(
                service="Telegram", reason=type(error).__name__)) from None
    log.info("Telegram channel started as @%s", channel.username)


async def _start_zalo(settings: Settings, api: ZaloBotApi, secret: str, webhooks: bool) -> None:
    try:
        await api.get_me()  # the token is checked before anything is registered
        if webhooks:
            await api.set_webhook(f"{settings.public_url}{ZALO_PATH}", secret)
    except ZaloUnauthorized:
        raise StartupError(texts.START_ZALO_TOKEN) from None
    except (ZaloApiError, ValueError) as error:
        service = "Zalo"
        if (webhooks and not isinstance(error, ZaloApiError)) or (
                isinstance(error, ZaloApiError) and error.method == "setWebhook"):
            raise StartupError(texts.START_WEBHOOK.format(service=service,
                                                          reason=str(error))) from None
        raise StartupError(texts.START_UNREACHABLE.format(
            service=service, setting="TROLY_ZALO_API_URL", reason=str(error))) from None


async def _shutdown(running: Running) -> None:
    if running.tasks:
        await asyncio.gather(*running.tasks, return_exceptions=True)
    if running.web is not None:
        await running.web.cleanup()
    if running.telegram is not None:
        with contextlib.suppress(Exception):
            await running.telegram.stop()
    if running.zalo is not None:
        await running.zalo.drain()
    if running.zalo_api is not None:
        await running.zalo_api.aclose()


async def follow_plans(assistant: Assistant, stop: asyncio.Event,
                       every: float = PLANS_POLL) -> None:
    """Answer from a plan approved on another instance within seconds: a small read every
    ``every`` seconds, a reload when the catalog moved."""
    while not stop.is_set():
        try:
            await assistant.core.refresh()
        except Exception:
            log.exception("could not check the plans for changes")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), every)


def stop_on_signals(stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
