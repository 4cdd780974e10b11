"""What the outbox dispatcher asks the core: who is told what about a delivery.

The dispatcher (``bot/dispatcher.py``) only claims, paces, sends and records outcomes; each
feature that sends messages on its own initiative decides, through a :class:`DeliveryPolicy`,
what follows from them (progress notices, reports, a warning that a contact blocked the bot).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Protocol

from handlers.ports import UnitOfWork
from storage.records import ContactRecord, OutboxRecord


class DeliveryPolicy(Protocol):
    async def blocked(self, uow: UnitOfWork, message: OutboxRecord,
                      contact: ContactRecord | None, now: dt.datetime) -> None:
        """``message`` could not be sent: its recipient blocked the bot (already recorded)."""
        ...

    async def review(self, uow: UnitOfWork, now: dt.datetime) -> None:
        """A regular look at what is being delivered (about once a second): queue whatever
        the people concerned must be told now, in the caller's transaction."""
        ...


class Policies:
    """Several policies as one, each asked in turn."""

    def __init__(self, policies: Sequence[DeliveryPolicy]) -> None:
        self.policies = tuple(policies)

    async def blocked(self, uow: UnitOfWork, message: OutboxRecord,
                      contact: ContactRecord | None, now: dt.datetime) -> None:
        for policy in self.policies:
            await policy.blocked(uow, message, contact, now)

    async def review(self, uow: UnitOfWork, now: dt.datetime) -> None:
        for policy in self.policies:
            await policy.review(uow, now)
