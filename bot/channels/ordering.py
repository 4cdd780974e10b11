"""Messages from one chat are handled one at a time, in the order they arrived; different chats
do not wait for each other. A user's "/baocao" and the "1" that follows it must not race for
the same dialogue, while one admin's slow export must not hold up everyone else."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from dataclasses import dataclass, field
from typing import TypeVar

T = TypeVar("T")


@dataclass
class _Turn:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    waiting: int = 0


class PerChatOrder:
    def __init__(self) -> None:
        self._turns: dict[str, _Turn] = {}

    async def run(self, chat: str, work: Awaitable[T]) -> T:
        """Await ``work`` once the chat's earlier messages are done (asyncio locks are FIFO)."""
        turn = self._turns.setdefault(chat, _Turn())
        turn.waiting += 1
        try:
            async with turn.lock:
                return await work
        finally:
            turn.waiting -= 1
            if turn.waiting == 0:
                del self._turns[chat]

    def __len__(self) -> int:
        return len(self._turns)
