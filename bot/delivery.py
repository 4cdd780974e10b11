"""What a channel's sender promises the outbox dispatcher: send one text to one chat, or say
why not in one of a few ways the dispatcher knows how to handle."""

from __future__ import annotations

import asyncio
import time
from collections import deque
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

    async def send_text(self, chat: str, text: str) -> None: ...


class RateLimiter:
    """Paces sends: at most ``per_second`` overall, and one per ``chat_interval`` per chat.

    Sends are spread evenly; and since a coroutine can wake later than asked, which bunches
    the sends after it, the times sends really went out are kept for a second so that no
    second ever holds more than ``per_second`` of them.
    """

    def __init__(self, per_second: float, chat_interval: float) -> None:
        self.spacing = 1.0 / per_second
        self.chat_interval = chat_interval
        self._per_window = max(1, int(per_second))
        self._next_slot = 0.0
        self._next_for_chat: dict[str, float] = {}
        self._recent: deque[float] = deque()  # when the sends of the last second went out

    async def acquire(self, chat: str) -> None:
        now = time.monotonic()
        overall = max(now, self._next_slot)
        self._next_slot = overall + self.spacing
        slot = max(overall, self._next_for_chat.get(chat, 0.0))
        self._next_for_chat[chat] = slot + self.chat_interval
        if len(self._next_for_chat) > 50_000:  # forget chats whose interval has long passed
            self._next_for_chat = {c: t for c, t in self._next_for_chat.items() if t > now}
        if slot > now:
            await asyncio.sleep(slot - now)
        while True:
            now = time.monotonic()
            while self._recent and now - self._recent[0] >= 1.0:
                self._recent.popleft()
            if len(self._recent) < self._per_window:
                break
            await asyncio.sleep(self._recent[0] + 1.0 - now)
        self._recent.append(now)

    def refund(self) -> None:
        """Give back the last slot taken: the server refused the send it was for, and the
        rate counts messages the server took, not attempts."""
        self._next_slot = max(time.monotonic(), self._next_slot - self.spacing)
        if self._recent:
            self._recent.pop()
