"""What a channel's sender promises the outbox dispatcher: send one text to one chat, or say
why not in one of a few ways the dispatcher knows how to handle."""

from __future__ import annotations

import asyncio
import bisect
import itertools
import time
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol


class DeliveryError(Exception):
    """A send that did not go through; ``str()`` is a short reason for reports and logs."""


class RetryLater(DeliveryError):
    """Flood control, a timeout or a server error: try again, after ``retry_after`` if given.

    ``maybe_delivered`` when no answer came (a timeout): the server may have taken the message.
    """

    def __init__(self, reason: str, retry_after: float | None = None, *,
                 maybe_delivered: bool = False) -> None:
        super().__init__(reason)
        self.retry_after = retry_after
        self.maybe_delivered = maybe_delivered


class RecipientBlocked(DeliveryError):
    """The user blocked the bot or can no longer be written to."""


class ChatMoved(DeliveryError):
    """A Telegram group became a supergroup: send to ``new_chat`` instead."""

    def __init__(self, new_chat: str) -> None:
        super().__init__(f"chat moved to {new_chat}")
        self.new_chat = new_chat


class Undeliverable(DeliveryError):
    """A permanent refusal (bad request, unknown chat): retrying will not help."""


class Sender(Protocol):
    channel: str

    async def send_text(self, chat: str, text: str, options: Sequence[str] = ()) -> None:
        """Send ``text`` to ``chat`` with its numbered ``options`` rendered as the channel
        renders a reply's (Telegram buttons, Zalo numbered lines)."""
        ...


class SendWatcher(Protocol):
    """Told of every send, for the metrics: ``kind`` is "reply" or "outbox"."""

    def sent(self, channel: str, kind: str) -> None: ...

    def failed(self, channel: str, kind: str, error: DeliveryError) -> None: ...


class Unwatched:
    def sent(self, channel: str, kind: str) -> None:
        """Nobody counts."""

    def failed(self, channel: str, kind: str, error: DeliveryError) -> None:
        """Nobody counts."""


@dataclass(order=True)
class _Waiter:
    priority: int  # 0: a reply, 1: an outbox message
    sequence: int
    chat: str = field(compare=False)
    future: asyncio.Future[None] = field(compare=False)


class RateLimiter:
    """Paces one channel's sends, replies and outbox messages alike: at most ``per_second``
    overall and one per ``chat_interval`` per chat. Replies (``urgent``) go first: a slot is
    given to the waiting reply whose chat may be written to, else to the oldest such outbox
    message.

    Sends are spread evenly; and since a coroutine can wake later than asked, which would bunch
    the sends after it, the times sends really went out are kept for a second so that no second
    ever holds more than ``per_second`` of them.
    """

    def __init__(self, per_second: float, chat_interval: float) -> None:
        self.spacing = 1.0 / per_second
        self.chat_interval = chat_interval
        self._per_window = max(1, int(per_second))
        self._next_slot = 0.0
        self._next_for_chat: dict[str, float] = {}
        self._recent: deque[float] = deque()  # when the sends of the last second went out
        self._waiters: list[_Waiter] = []  # sorted: replies first, then in arrival order
        self._sequence = itertools.count()
        self._timer: asyncio.TimerHandle | None = None

    @property
    def waiting(self) -> int:
        return len(self._waiters)

    async def acquire(self, chat: str, *, urgent: bool = False) -> None:
        """Wait for the channel's next slot that may go to ``chat``."""
        waiter = _Waiter(0 if urgent else 1, next(self._sequence), chat,
                         asyncio.get_running_loop().create_future())
        bisect.insort(self._waiters, waiter)
        self._grant()
        try:
            await waiter.future
        except asyncio.CancelledError:
            if waiter in self._waiters:
                self._waiters.remove(waiter)
            self._grant()
            raise
        while True:  # counted when the send really goes, which a late wake-up may delay
            now = time.monotonic()
            while self._recent and now - self._recent[0] >= 1.0:
                self._recent.popleft()
            if len(self._recent) < self._per_window:
                break
            await asyncio.sleep(self._recent[0] + 1.0 - now)
        self._recent.append(now)

    def defer(self, chat: str, seconds: float) -> None:
        """Write nothing more to ``chat`` for ``seconds`` (the server said so: a 429)."""
        until = time.monotonic() + max(0.0, seconds)
        self._next_for_chat[chat] = max(self._next_for_chat.get(chat, 0.0), until)
        self._grant()

    def refund(self) -> None:
        """Give back the last slot taken: the server refused the send it was for, and the
        rate counts messages the server took, not attempts."""
        self._next_slot = max(time.monotonic(), self._next_slot - self.spacing)
        if self._recent:
            self._recent.pop()
        self._grant()

    def _grant(self) -> None:
        """Give every slot that is due now; set a timer for the next one."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        while self._waiters:
            now = time.monotonic()
            ready = self._next_slot
            chosen, chat_ready = self._first_ready(now)
            ready = max(ready, chat_ready) if chosen is None else ready
            if ready > now:
                self._timer = asyncio.get_running_loop().call_later(ready - now, self._grant)
                return
            assert chosen is not None
            self._waiters.remove(chosen)
            # On time, slots stay evenly spaced; after a late wake-up they start afresh.
            base = self._next_slot if now - self._next_slot < self.spacing else now
            self._next_slot = base + self.spacing
            self._next_for_chat[chosen.chat] = now + self.chat_interval
            if not chosen.future.done():
                chosen.future.set_result(None)
        if len(self._next_for_chat) > 50_000:  # forget chats whose interval has long passed
            now = time.monotonic()
            self._next_for_chat = {c: t for c, t in self._next_for_chat.items() if t > now}

    def _first_ready(self, now: float) -> tuple[_Waiter | None, float]:
        """The first waiter (in priority order) whose chat may be written to now, or None and
        when the earliest of their chats may be."""
        earliest = float("inf")
        for waiter in self._waiters:
            ready = self._next_for_chat.get(waiter.chat, 0.0)
            if ready <= now:
                return waiter, now
            earliest = min(earliest, ready)
        return None, earliest
