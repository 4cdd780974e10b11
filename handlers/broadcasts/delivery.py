"""Who is told what while a broadcast is delivered: progress notices to its admin every few
minutes, a warning when a contact has blocked the bot, and the report once nothing is left."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from handlers.ports import UnitOfWork
from handlers.texts import broadcasts as texts
from storage.records import (
    CANCELLED,
    FAILED,
    NOTICE_PRIORITY,
    PENDING,
    SENT,
    BroadcastRecord,
    ContactRecord,
    FailureCode,
    NewMessage,
    OutboxRecord,
)

PROGRESS_EVERY = dt.timedelta(minutes=2)


def channel_name(channel: str) -> str:
    return texts.CHANNEL_NAMES.get(channel, channel)


def failure_reason(message: OutboxRecord) -> str:
    """Why a message was not delivered, in the admin's words."""
    if message.failure == FailureCode.BLOCKED:
        return texts.DELIVERY_BLOCKED
    if message.failure == FailureCode.EXHAUSTED:
        return texts.DELIVERY_GAVE_UP.format(attempts=message.attempts,
                                             reason=message.last_error or texts.UNKNOWN_REASON)
    if message.failure == FailureCode.REFUSED:
        return texts.DELIVERY_REFUSED.format(reason=message.last_error or texts.UNKNOWN_REASON)
    return texts.UNKNOWN_REASON


def progress_notice(broadcast_id: int, audience: str, counts: dict[str, int]) -> str:
    """The admin's notice while a broadcast is still being sent."""
    return texts.BROADCAST_PROGRESS_NOTICE.format(
        id=broadcast_id, audience=audience, sent=counts.get(SENT, 0),
        total=sum(counts.values()), failed=counts.get(FAILED, 0),
        pending=counts.get(PENDING, 0))


def delivery_report(broadcast_id: int, audience: str, counts: dict[str, int],
                    failures: list[tuple[OutboxRecord, ContactRecord | None]]) -> str:
    """The admin's report once a broadcast has nothing left to send."""
    lines = [texts.BROADCAST_REPORT.format(id=broadcast_id, audience=audience,
                                           sent=counts.get(SENT, 0),
                                           failed=counts.get(FAILED, 0),
                                           cancelled=counts.get(CANCELLED, 0))]
    reasons = Counter(failure_reason(message) for message, _ in failures)
    lines.extend(texts.BROADCAST_REPORT_REASON.format(reason=reason, count=count)
                 for reason, count in reasons.most_common())
    blocked = [contact.display_name or contact.user for message, contact in failures
               if contact is not None and message.failure == FailureCode.BLOCKED]
    if blocked:
        lines.append(texts.BROADCAST_REPORT_BLOCKED.format(names="; ".join(blocked)))
    return "\n".join(lines)


def admin_notice(broadcast: BroadcastRecord, dedupe_key: str, text: str) -> NewMessage:
    """A message to the admin who sent the broadcast, ahead of the broadcast's own backlog."""
    channel, _, chat = broadcast.notify_chat.partition(":")
    return NewMessage(dedupe_key=dedupe_key, channel=channel, chat=chat, text=text,
                      priority=NOTICE_PRIORITY)


class BroadcastDelivery:
    """The broadcasts' :class:`handlers.delivery.DeliveryPolicy`."""

    def __init__(self, progress_every: dt.timedelta = PROGRESS_EVERY) -> None:
        self.progress_every = progress_every

    async def blocked(self, uow: UnitOfWork, message: OutboxRecord,
                      contact: ContactRecord | None, now: dt.datetime) -> None:
        if contact is None or message.broadcast_id is None:
            return
        broadcast = await uow.broadcasts.get(message.broadcast_id)
        if broadcast is None:
            return
        unit = await uow.units.get(contact.unit_id)
        notice = texts.CONTACT_BLOCKED_NOTICE.format(
            user=contact.display_name or contact.user, unit=unit.name if unit else "",
            channel=channel_name(message.channel))
        await uow.outbox.enqueue([admin_notice(broadcast, f"blocked:{message.id}", notice)], now)

    async def review(self, uow: UnitOfWork, now: dt.datetime) -> None:
        await self._progress(uow, now)
        await self._reports(uow, now)

    async def _progress(self, uow: UnitOfWork, now: dt.datetime) -> None:
        """Every ``progress_every`` of a running broadcast, tell its admin how far it got."""
        for broadcast in await uow.broadcasts.sending():
            step = int((now - broadcast.created_at) / self.progress_every)
            key = f"broadcast-progress:{broadcast.id}:{step}"
            if step < 1 or await uow.outbox.known(key):
                continue
            counts = await uow.outbox.counts(broadcast.id)
            progress = progress_notice(broadcast.id, broadcast.audience, counts)
            await uow.outbox.enqueue([admin_notice(broadcast, key, progress)], now)

    async def _reports(self, uow: UnitOfWork, now: dt.datetime) -> None:
        for broadcast in await uow.broadcasts.finished_unreported():
            counts = await uow.outbox.counts(broadcast.id)
            failures = await uow.outbox.failures(broadcast.id)
            report = delivery_report(broadcast.id, broadcast.audience, counts, failures)
            await uow.outbox.enqueue([admin_notice(
                broadcast, f"broadcast-report:{broadcast.id}", report)], now)
            await uow.broadcasts.mark_reported(broadcast.id, now)
