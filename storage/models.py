"""SQLAlchemy models: exchanges, units and their contacts, invites, assignments, status reports,
the audit log and each user's open dialogue. Alembic migrations (storage/migrations) create them.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import fields
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from storage.types import UTCDateTime

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

MESSAGE_ID_LENGTH = 160  # channels' message ids are far shorter
FAILURE_LENGTH = 20

R = TypeVar("R", bound="DataclassInstance")


class Base(DeclarativeBase):
    pass


def to_record(cls: type[R], row: object) -> R:
    """The frozen record of a row (see storage.records): each field read from the row's
    attribute of the same name — an ORM object, or a plain result row of its table's columns
    (what large reads use: nothing is kept in the session). Repositories hand these out, never
    the row."""
    return cls(**{name: getattr(row, name) for name in _field_names(cls)})


def record_columns(cls: type[DataclassInstance], table: Any) -> list[Any]:
    """The table's columns in the order of the record's fields, so that a plain result row of
    them builds the record positionally (the fast path for large reads)."""
    return [table.c[name] for name in _field_names(cls)]


@functools.cache
def _field_names(cls: type[DataclassInstance]) -> tuple[str, ...]:
    return tuple(field.name for field in fields(cls))


class Exchange(Base):
    """One message a user sent and what the assistant replied: kept whatever happened."""

    __tablename__ = "exchanges"
    __table_args__ = (Index("ix_exchanges_user", "channel", "sender", "received_at"),
                      Index("ux_exchanges_message", "channel", "message_id", unique=True))

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(20))
    sender: Mapped[str] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(Text)
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    outcome: Mapped[str] = mapped_column(String(40))
    replies: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    # The channel's id of the message, when it has one.
    message_id: Mapped[str | None] = mapped_column(String(MESSAGE_ID_LENGTH))


class UnitRow(Base):
    """A unit that gets tasks and reports on them: from a bundled plan or added by an admin."""

    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(120), unique=True)  # directory id or "local.<n>"
    name: Mapped[str] = mapped_column(String(300))
    name_key: Mapped[str] = mapped_column(String(300), index=True)  # folded, for lookups
    kind: Mapped[str] = mapped_column(String(30))
    is_group: Mapped[bool] = mapped_column(Boolean, default=False)
    organisation: Mapped[str | None] = mapped_column(String(60))
    group_name: Mapped[str | None] = mapped_column(String(200))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    origin: Mapped[str] = mapped_column(String(20))  # plan, admin, import
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    retired_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())


class UnitAliasRow(Base):
    __tablename__ = "unit_aliases"
    __table_args__ = (UniqueConstraint("unit_id", "alias_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(String(300))
    alias_key: Mapped[str] = mapped_column(String(300), index=True)


class ContactRow(Base):
    """A person who answers for a unit on one channel; the first to join is the primary."""

    __tablename__ = "contacts"
    __table_args__ = (UniqueConstraint("unit_id", "user"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    user: Mapped[str] = mapped_column(String(120), index=True)  # "channel:id"
    chat: Mapped[str] = mapped_column(String(120))  # where messages to them go
    display_name: Mapped[str | None] = mapped_column(String(200))
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)
    joined_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    left_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    blocked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())


class InviteRow(Base):
    """A one-time code that makes whoever sends it a contact of the unit."""

    __tablename__ = "invites"

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    used_by: Mapped[str | None] = mapped_column(String(120))


class FailedCodeRow(Base):
    """A wrong invite code someone sent; too many in a short time slows them down."""

    __tablename__ = "failed_codes"
    __table_args__ = (Index("ix_failed_codes_user_at", "user", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user: Mapped[str] = mapped_column(String(120))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class AssignmentRow(Base):
    """A unit that must do a task: named by the plan, or assigned by an admin."""

    __tablename__ = "assignments"
    __table_args__ = (UniqueConstraint("task_key", "unit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    task_key: Mapped[str] = mapped_column(String(200), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))  # lead, support
    source: Mapped[str] = mapped_column(String(20))  # plan, admin
    assigned_by: Mapped[str | None] = mapped_column(String(120))
    assigned_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class StatusReportRow(Base):
    """One status a unit reported on a task. Never updated: a correction is a new row."""

    __tablename__ = "status_reports"
    __table_args__ = (Index("ix_status_reports_task_unit", "task_key", "unit_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    task_key: Mapped[str] = mapped_column(String(200))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    status: Mapped[str] = mapped_column(String(30))
    percent: Mapped[int | None] = mapped_column(Integer)
    evidence_number: Mapped[str | None] = mapped_column(String(100))
    evidence_date: Mapped[dt.date | None] = mapped_column(Date)
    requested_date: Mapped[dt.date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    raw_text: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(120))
    channel: Mapped[str] = mapped_column(String(20))
    reported_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("status_reports.id"))
    # For a recurring obligation, the period the report is about (its due day, YYYY-MM-DD).
    occurrence: Mapped[str | None] = mapped_column(String(20))


class AuditRow(Base):
    """An admin action or a status change: who, what, on what, when."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), index=True)
    actor: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(40))
    target: Mapped[str] = mapped_column(String(300))
    details: Mapped[dict[str, Any]] = mapped_column(JSON)


class DialogueRow(Base):
    """Where a user is in a multi-step exchange (options offered, a guided report)."""

    __tablename__ = "dialogues"

    user: Mapped[str] = mapped_column(String(120), primary_key=True)
    state: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class BroadcastRow(Base):
    """An announcement an admin sent to a set of contacts, delivered through the outbox."""

    __tablename__ = "broadcasts"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_by: Mapped[str] = mapped_column(String(120))
    notify_chat: Mapped[str] = mapped_column(String(120))  # where progress and the report go
    text: Mapped[str] = mapped_column(Text)
    audience: Mapped[str] = mapped_column(String(300))  # as the admin chose it, for reports
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    cancelled_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    reported_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())


class OutboxRow(Base):
    """One message the assistant sends on its own initiative, until it is sent or given up.

    A dispatcher claims due rows (``FOR UPDATE SKIP LOCKED`` on PostgreSQL), sends them and
    records the outcome; ``claimed_until`` lets another process take over a row whose claimer
    died. ``dedupe_key`` makes enqueueing the same message twice a no-op.
    """

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "state", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True)
    channel: Mapped[str] = mapped_column(String(20))
    chat: Mapped[str] = mapped_column(String(120))
    text: Mapped[str] = mapped_column(Text)
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"))
    broadcast_id: Mapped[int | None] = mapped_column(ForeignKey("broadcasts.id"), index=True)
    state: Mapped[str] = mapped_column(String(20))  # pending, sent, failed, cancelled
    priority: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # higher first
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    claimed_by: Mapped[str | None] = mapped_column(String(80))
    claimed_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(Text)  # technical detail, never shown as is
    # Why the row was given up: a storage.records.FailureCode, once state is failed.
    failure: Mapped[str | None] = mapped_column(String(FAILURE_LENGTH))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    # Numbered choices sent with the text (Telegram buttons, Zalo numbered lines).
    options: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")


class ReminderRow(Base):
    """One reminder moment of one assignment: sent (its messages queued) or skipped. The unique
    key makes planning idempotent: two ticks, two processes, a restart — each moment once."""

    __tablename__ = "reminders"
    __table_args__ = (UniqueConstraint("assignment_id", "occurrence", "moment"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignments.id", ondelete="CASCADE"))
    occurrence: Mapped[str] = mapped_column(String(20))  # "" for a one-off obligation
    moment: Mapped[dt.datetime] = mapped_column(UTCDateTime(), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # before:7, due, overdue:4
    state: Mapped[str] = mapped_column(String(10))  # sent, skipped
    due_date: Mapped[dt.date] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class ExtensionRow(Base):
    """A unit's request for more time on one obligation, and the admin's decision on it."""

    __tablename__ = "extensions"

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignments.id", ondelete="CASCADE"),
                                               index=True)
    occurrence: Mapped[str] = mapped_column(String(20))
    requested_by: Mapped[str] = mapped_column(String(120))
    report_id: Mapped[int | None] = mapped_column(ForeignKey("status_reports.id"))
    current_due: Mapped[dt.date] = mapped_column(Date)
    requested_date: Mapped[dt.date] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(10))  # pending, approved, refused
    decided_by: Mapped[str | None] = mapped_column(String(120))
    decided_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class ReminderPolicyRow(Base):
    """An admin's reminder policy for one plan or one task, instead of the default."""

    __tablename__ = "reminder_policies"

    scope: Mapped[str] = mapped_column(String(10), primary_key=True)  # plan, task
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    before: Mapped[list[int]] = mapped_column(JSON)  # days before the due day
    overdue_every: Mapped[int] = mapped_column(Integer)  # working days; 0 = not while overdue
    updated_by: Mapped[str] = mapped_column(String(120))
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class ReminderPauseRow(Base):
    """Reminders stopped for a task, a unit or a plan until an admin resumes them."""

    __tablename__ = "reminder_pauses"

    scope: Mapped[str] = mapped_column(String(10), primary_key=True)  # task, unit, plan
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    label: Mapped[str] = mapped_column(String(300))
    paused_by: Mapped[str] = mapped_column(String(120))
    paused_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class PlannerStateRow(Base):
    """When the reminder planner last looked: a restart plans what fell due since then."""

    __tablename__ = "planner_state"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    last_tick: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class PlanRow(Base):
    """A plan the assistant answers from: seeded from the bundled files, or imported from a
    document and approved by an admin. A plan imported again is a new version of it; the old
    one is kept (replaced), so its history stays readable."""

    __tablename__ = "plans"
    __table_args__ = (UniqueConstraint("plan_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[str] = mapped_column(String(120), index=True)  # its id in the knowledge
    version: Mapped[int] = mapped_column(Integer)
    number: Mapped[str | None] = mapped_column(String(60))
    issuer: Mapped[str] = mapped_column(String(300))
    source: Mapped[str] = mapped_column(String(20))  # bundled, import
    state: Mapped[str] = mapped_column(String(12))  # draft, approved, replaced, rejected
    content: Mapped[dict[str, Any]] = mapped_column(JSON)  # the plan, as schema.Plan data
    units: Mapped[dict[str, Any]] = mapped_column(JSON)  # the units it names (UnitDirectory)
    draft: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # what the import read
    file_name: Mapped[str | None] = mapped_column(String(300))
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    decided_by: Mapped[str | None] = mapped_column(String(120))
    decided_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())


class CatalogRow(Base):
    """The version of the set of approved plans: every instance compares it with the one it
    answers from, and reloads when it moved (an approval on another instance)."""

    __tablename__ = "catalog"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())

