"""Repositories of broadcasts and of the outbox: every message sent on the assistant's own
initiative is a row here until it is sent, given up or cancelled. They never commit, take
plain values and return frozen records (storage.records), never rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import Exists, func, or_, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.database import upsert
from storage.models import BroadcastRow, ContactRow, OutboxRow, to_record
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

# The plain values live in storage.records; these names stay importable from here.
__all__ = ["CANCELLED", "FAILED", "NOTICE_PRIORITY", "PENDING", "SENT", "BroadcastRepository",
           "NewMessage", "OutboxRepository", "OutboxUpkeep"]
ERROR_LENGTH = 500


def _outbox(row: OutboxRow) -> OutboxRecord:
    return to_record(OutboxRecord, row)


def _broadcast(row: BroadcastRow) -> BroadcastRecord:
    return to_record(BroadcastRecord, row)


_BATCH = 500


class OutboxRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def enqueue(self, messages: Sequence[NewMessage], now: dt.datetime) -> int:
        """Add the messages not already queued (by dedupe key); how many were added. One
        INSERT … ON CONFLICT DO NOTHING per batch: two processes queueing the same message at
        once queue it once, and a planner's thousands of reminders go in without the ORM."""
        added = 0
        statement = (upsert(self.session, OutboxRow.__table__)  # Core: no ORM bookkeeping
                     .on_conflict_do_nothing(index_elements=["dedupe_key"])
                     .returning(OutboxRow.__table__.c.id))
        for start in range(0, len(messages), _BATCH):
            values = [{"dedupe_key": m.dedupe_key, "channel": m.channel, "chat": m.chat,
                       "text": m.text, "contact_id": m.contact_id,
                       "broadcast_id": m.broadcast_id, "state": PENDING.value,
                       "priority": m.priority, "attempts": 0, "options": list(m.options),
                       "next_attempt_at": now, "created_at": now}
                      for m in messages[start:start + _BATCH]]
            if values:
                added += len((await self.session.execute(statement, values)).all())
        return added

    async def known(self, dedupe_key: str) -> bool:
        return await self.session.scalar(
            select(OutboxRow.id).where(OutboxRow.dedupe_key == dedupe_key)) is not None

    async def claim(self, worker: str, now: dt.datetime, lease: dt.timedelta, limit: int,
                    channels: Sequence[str]) -> list[OutboxRecord]:
        """Take up to ``limit`` due rows for this worker, counting this attempt in each. On
        PostgreSQL rows another worker is claiming are skipped, not waited for; a claim whose
        lease ran out is taken over."""
        query = (select(OutboxRow)
                 .where(OutboxRow.state == PENDING, OutboxRow.next_attempt_at <= now,
                        OutboxRow.channel.in_(channels),
                        or_(OutboxRow.claimed_until.is_(None), OutboxRow.claimed_until < now))
                 .order_by(OutboxRow.priority.desc(), OutboxRow.next_attempt_at,
                           OutboxRow.id)
                 .limit(limit)
                 .with_for_update(skip_locked=True))
        rows = list((await self.session.scalars(query)).all())
        for row in rows:
            row.claimed_by = worker
            row.claimed_until = now + lease
            row.attempts += 1
        return [_outbox(row) for row in rows]

    async def mark_sent(self, row_ids: Sequence[int], now: dt.datetime) -> None:
        """Record sends. On PostgreSQL the commit does not wait for the disk: should the
        database server itself crash, a lost mark costs a resend, never a loss, and the
        window in which a killed dispatcher has sent a message but not recorded it shrinks."""
        if self.session.get_bind().dialect.name == "postgresql":
            await self.session.execute(text("SET LOCAL synchronous_commit TO OFF"))
        await self.session.execute(update(OutboxRow).where(OutboxRow.id.in_(row_ids)).values(
            state=SENT, sent_at=now, claimed_until=None, last_error=None))

    async def retry(self, row_id: int, at: dt.datetime, error: str,
                    chat: str | None = None) -> None:
        """Send the row again at ``at`` (to ``chat`` when it moved); ``error`` is the
        technical detail of what went wrong."""
        values: dict[str, object] = {"next_attempt_at": at, "claimed_until": None,
                                     "last_error": error[:ERROR_LENGTH]}
        if chat is not None:
            values["chat"] = chat
        await self.session.execute(update(OutboxRow).where(
            OutboxRow.id == row_id, OutboxRow.state == PENDING).values(**values))

    async def fail(self, row_id: int, failure: FailureCode, detail: str) -> None:
        """Give the row up: why, as a code, and the technical detail (such as "Telegram 403"
        or "6 tries, last: Telegram 502"; never a sentence for people)."""
        await self.session.execute(update(OutboxRow).where(OutboxRow.id == row_id).values(
            state=FAILED, claimed_until=None, failure=FailureCode(failure).value,
            last_error=detail[:ERROR_LENGTH]))

    async def cancel_broadcast(self, broadcast_id: int) -> int:
        result = await self.session.execute(update(OutboxRow).where(
            OutboxRow.broadcast_id == broadcast_id, OutboxRow.state == PENDING).values(
            state=CANCELLED, claimed_until=None))
        return int(getattr(result, "rowcount", 0) or 0)

    async def counts(self, broadcast_id: int) -> dict[str, int]:
        rows = await self.session.execute(
            select(OutboxRow.state, func.count()).where(OutboxRow.broadcast_id == broadcast_id)
            .group_by(OutboxRow.state))
        return {state: int(count) for state, count in rows}

    async def failures(self, broadcast_id: int
                       ) -> list[tuple[OutboxRecord, ContactRecord | None]]:
        """The broadcast's rows given up, each with its contact when it had one."""
        rows = await self.session.execute(
            select(OutboxRow, ContactRow)
            .outerjoin(ContactRow, ContactRow.id == OutboxRow.contact_id)
            .where(OutboxRow.broadcast_id == broadcast_id, OutboxRow.state == FAILED)
            .order_by(OutboxRow.id))
        return [(_outbox(outbox), None if contact is None else to_record(ContactRecord, contact))
                for outbox, contact in rows]

    async def pending_count(self, channel: str | None = None) -> int:
        query = select(func.count()).select_from(OutboxRow).where(OutboxRow.state == PENDING)
        if channel is not None:
            query = query.where(OutboxRow.channel == channel)
        return int(await self.session.scalar(query) or 0)


class OutboxUpkeep:
    """What only the edge does with the outbox, beside the core's port: keep a dispatcher's
    claims alive, and keep a reply that could not be sent. Never commits."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def keep_failed(self, message: NewMessage, now: dt.datetime, failure: FailureCode,
                    detail: str) -> None:
        """Keep a message that could not be sent and will not be retried (a reply refused for
        good), given up at once with its reason, so that it is on record and not only logged."""
        self.session.add(OutboxRow(
            dedupe_key=message.dedupe_key, channel=message.channel, chat=message.chat,
            text=message.text, contact_id=message.contact_id, broadcast_id=message.broadcast_id,
            state=FAILED, priority=message.priority, attempts=1, options=list(message.options),
            next_attempt_at=now, created_at=now, failure=FailureCode(failure).value,
            last_error=detail[:ERROR_LENGTH]))

    async def renew(self, worker: str, row_ids: Sequence[int], until: dt.datetime) -> int:
        """Extend this worker's claim on rows it is still sending; how many it still held."""
        if not row_ids:
            return 0
        result = await self.session.execute(update(OutboxRow).where(
            OutboxRow.id.in_(row_ids), OutboxRow.claimed_by == worker,
            OutboxRow.state == PENDING).values(claimed_until=until))
        return int(getattr(result, "rowcount", 0) or 0)


class BroadcastRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, *, created_by: str, notify_chat: str, text: str, audience: str,
                  now: dt.datetime) -> BroadcastRecord:
        row = BroadcastRow(created_by=created_by, notify_chat=notify_chat, text=text,
                           audience=audience[:300], created_at=now)
        self.session.add(row)
        await self.session.flush()
        return _broadcast(row)

    async def get(self, broadcast_id: int) -> BroadcastRecord | None:
        row = await self.session.get(BroadcastRow, broadcast_id)
        return None if row is None else _broadcast(row)

    async def recent(self, limit: int = 5) -> list[BroadcastRecord]:
        return [_broadcast(row) for row in await self.session.scalars(
            select(BroadcastRow).order_by(BroadcastRow.id.desc()).limit(limit))]

    async def cancel(self, broadcast_id: int, now: dt.datetime) -> BroadcastRecord | None:
        """Mark the broadcast cancelled (the first time only); None when there is none. Its
        waiting messages are cancelled by ``OutboxRepository.cancel_broadcast``."""
        row = await self.session.get(BroadcastRow, broadcast_id)
        if row is None:
            return None
        if row.cancelled_at is None:
            row.cancelled_at = now
        return _broadcast(row)

    async def mark_reported(self, broadcast_id: int, now: dt.datetime
                            ) -> BroadcastRecord | None:
        """The broadcast's delivery report is queued; None when there is no such broadcast."""
        row = await self.session.get(BroadcastRow, broadcast_id)
        if row is None:
            return None
        row.reported_at = now
        return _broadcast(row)

    async def sending(self) -> list[BroadcastRecord]:
        """Broadcasts not cancelled that still have messages waiting to be sent."""
        query = select(BroadcastRow).where(BroadcastRow.reported_at.is_(None),
                                           BroadcastRow.cancelled_at.is_(None),
                                           _has_pending_rows())
        return [_broadcast(row) for row in await self.session.scalars(query)]

    async def finished_unreported(self) -> list[BroadcastRecord]:
        """Broadcasts with nothing left to send whose report has not been queued yet. On
        PostgreSQL they stay locked (others skip them) until the transaction ends: report on
        each and ``mark_reported`` it in the same unit of work."""
        query = (select(BroadcastRow)
                 .where(BroadcastRow.reported_at.is_(None), ~_has_pending_rows())
                 .with_for_update(skip_locked=True))
        return [_broadcast(row) for row in await self.session.scalars(query)]


def _has_pending_rows() -> Exists:
    """Whether the broadcast of the enclosing query still has messages waiting."""
    return select(OutboxRow.id).where(OutboxRow.broadcast_id == BroadcastRow.id,
                                      OutboxRow.state == PENDING).exists()
