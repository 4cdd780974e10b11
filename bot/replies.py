"""Direct replies, paced and retried like the outbox, and never lost.

A channel turns a reply into parts, one Bot API call each (a text chunk, a file). Each part
takes a slot of the channel's :class:`~bot.delivery.RateLimiter`, the one the outbox dispatcher
uses, ahead of the outbox's messages; a 429 is waited out (its ``retry_after``) and a timeout or
a server error retried with backoff, a few times. What still cannot be sent is kept: the text
that did not go out is put in the outbox, which goes on trying at the channel's pace (a reply
refused for good, such as to a user who blocked the bot, is kept there as given up, with its
reason), so nothing the assistant answered is only logged.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from bot.delivery import (
    ChatMoved,
    DeliveryError,
    RateLimiter,
    RecipientBlocked,
    RetryLater,
    SendWatcher,
    Unwatched,
)
from storage.records import NOTICE_PRIORITY, FailureCode, NewMessage

log = logging.getLogger(__name__)
REPLY_PRIORITY = NOTICE_PRIORITY + 1  # a reply kept for later goes ahead of everything else
# Keep: the message to keep, and why it was given up (None: still to be sent by the outbox).
Keep = Callable[[NewMessage, tuple[FailureCode, str] | None], Awaitable[None]]


@dataclass(frozen=True)
class Part:
    """One Bot API call of a reply. ``text`` is what it says in plain words, kept if it cannot
    be sent; ``is_file`` parts cannot be resent as text, so they are kept as given up."""

    text: str
    send: Callable[[], Awaitable[None]]  # raises bot.delivery's errors
    is_file: bool = False


async def _log_only(message: NewMessage, failure: tuple[FailureCode, str] | None) -> None:
    log.error("a reply could not be sent and nothing keeps it channel=%s chat=%s",
              message.channel, message.chat)


class ReplySender:
    """Sends one channel's replies: ``tries`` calls per part at most, waiting at most
    ``max_wait`` seconds for a 429 before the rest is kept for the outbox."""

    def __init__(self, channel: str, limiter: RateLimiter | None = None,
                 keep: Keep = _log_only, *, tries: int = 4, backoff: float = 0.5,
                 max_wait: float = 30.0, watcher: SendWatcher | None = None) -> None:
        self.channel = channel
        self.watcher: SendWatcher = watcher or Unwatched()
        self.limiter = limiter
        self.keep = keep
        self.tries = tries
        self.backoff = backoff
        self.max_wait = max_wait

    async def send(self, chat: str, parts: Sequence[Part], options: Sequence[str] = ()) -> bool:
        """Send the parts in order; whether all went out (what did not is kept)."""
        for index, part in enumerate(parts):
            try:
                await self._send_part(chat, part)
            except DeliveryError as error:
                await self._keep(chat, parts[index:], tuple(options), error)
                return False
            except Exception as error:  # a bug in a channel must not lose the reply
                log.exception("a reply failed channel=%s chat=%s", self.channel, chat)
                await self._keep(chat, parts[index:], tuple(options),
                                 RetryLater(type(error).__name__))
                return False
        return True

    async def _send_part(self, chat: str, part: Part) -> None:
        for attempt in range(1, self.tries + 1):
            if self.limiter is not None:
                await self.limiter.acquire(chat, urgent=True)
            try:
                await part.send()
            except DeliveryError as error:
                self.watcher.failed(self.channel, "reply", error)
                if not isinstance(error, RetryLater):
                    raise
                if self.limiter is not None and not error.maybe_delivered:
                    self.limiter.refund()
                wait = (error.retry_after if error.retry_after is not None
                        else self.backoff * 2 ** (attempt - 1))
                if attempt == self.tries or wait > self.max_wait:
                    raise
                log.info("reply retried channel=%s chat=%s attempt=%d in %.1fs: %s",
                         self.channel, chat, attempt, wait, error)
                if self.limiter is not None:
                    self.limiter.defer(chat, wait)
                await asyncio.sleep(wait)
            else:
                self.watcher.sent(self.channel, "reply")
                return

    async def _keep(self, chat: str, parts: Sequence[Part], options: tuple[str, ...],
                    error: DeliveryError) -> None:
        """Keep what did not go out: the text for the outbox to send (or as given up when it
        cannot be), each file as given up."""
        log.warning("reply kept for later channel=%s chat=%s parts=%d: %s", self.channel, chat,
                    len(parts), error)
        failure: tuple[FailureCode, str] | None = None
        if isinstance(error, RecipientBlocked):
            failure = (FailureCode.BLOCKED, str(error))
        elif not isinstance(error, RetryLater | ChatMoved):
            failure = (FailureCode.REFUSED, str(error))
        if isinstance(error, ChatMoved):
            chat = error.new_chat
        texts = [p.text for p in parts if not p.is_file and p.text]
        kept: list[tuple[NewMessage, tuple[FailureCode, str] | None]] = []
        if texts:
            kept.append((self._message(chat, "\n".join(texts), options), failure))
        for part in parts:
            if part.is_file:
                kept.append((self._message(chat, part.text, ()),
                             failure or (FailureCode.EXHAUSTED, f"file not sent: {error}")))
        for message, why in kept:
            try:
                await self.keep(message, why)
            except Exception:
                log.exception("could not keep a reply channel=%s chat=%s", self.channel, chat)

    def _message(self, chat: str, text: str, options: tuple[str, ...]) -> NewMessage:
        return NewMessage(dedupe_key=f"reply:{self.channel}:{uuid.uuid4().hex}",
                          channel=self.channel, chat=chat, text=text, options=options,
                          priority=REPLY_PRIORITY)
