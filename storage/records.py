"""The plain values that cross from storage into the core: frozen records of what the database
holds, what the core asks to add, and the codes of an outbox row's state and failure.

Nothing here imports SQLAlchemy: ``handlers/`` reads these and never sees an ORM row. A record
is a snapshot; to change what the database holds the core calls a repository method, which
returns the record as it is afterwards.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class OutboxState(StrEnum):
    PENDING = "pending"  # waiting to be sent (or claimed and being sent)
    SENT = "sent"
    FAILED = "failed"  # given up; ``OutboxRecord.failure`` says why
    CANCELLED = "cancelled"  # its broadcast was cancelled before it went out


PENDING, SENT, FAILED, CANCELLED = (OutboxState.PENDING, OutboxState.SENT, OutboxState.FAILED,
                                    OutboxState.CANCELLED)


class FailureCode(StrEnum):
    """Why an outbox row was given up; the technical detail is kept beside it."""

    BLOCKED = "blocked"  # the recipient blocked the bot (Telegram 403)
    REFUSED = "refused"  # a permanent refusal: a 400, an unknown chat
    EXHAUSTED = "exhausted"  # every try was used up on errors worth retrying


NOTICE_PRIORITY = 1  # what admins are told about a delivery goes ahead of the bulk it is about


# -- what the core asks storage to add ---------------------------------------------------------

@dataclass(frozen=True, slots=True)
class NewMessage:
    dedupe_key: str
    channel: str
    chat: str
    text: str
    contact_id: int | None = None
    broadcast_id: int | None = None
    priority: int = 0
    options: tuple[str, ...] = ()  # numbered choices, rendered as each channel renders a reply's


@dataclass(frozen=True, slots=True)
class NewReport:
    task_key: str
    unit_id: int
    status: str
    raw_text: str
    author: str
    channel: str
    reported_at: dt.datetime
    percent: int | None = None
    evidence_number: str | None = None
    evidence_date: dt.date | None = None
    requested_date: dt.date | None = None
    note: str | None = None
    corrects_id: int | None = None
    occurrence: str | None = None  # a recurring obligation's period (its due day)


# -- what storage holds ------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class UnitRecord:
    id: int
    key: str  # directory id or "local.<n>"
    name: str
    name_key: str  # folded, for lookups
    kind: str
    is_group: bool
    organisation: str | None
    group_name: str | None
    parent_id: int | None
    origin: str  # plan, admin, import
    created_at: dt.datetime
    retired_at: dt.datetime | None

    @property
    def active(self) -> bool:
        return self.retired_at is None


@dataclass(frozen=True, slots=True)
class UnitAliasRecord:
    unit_id: int
    alias: str
    alias_key: str


@dataclass(frozen=True, slots=True)
class ContactRecord:
    id: int
    unit_id: int
    user: str  # "channel:id"
    chat: str  # where messages to them go
    display_name: str | None
    is_primary: bool
    joined_at: dt.datetime
    left_at: dt.datetime | None
    blocked_at: dt.datetime | None

    @property
    def channel(self) -> str:
        return self.user.partition(":")[0]


@dataclass(frozen=True, slots=True)
class InviteRecord:
    code: str
    unit_id: int
    created_by: str
    created_at: dt.datetime
    expires_at: dt.datetime
    used_at: dt.datetime | None
    used_by: str | None


@dataclass(frozen=True, slots=True)
class AssignmentRecord:
    id: int
    task_key: str
    unit_id: int
    role: str  # lead, support
    source: str  # plan, admin
    assigned_by: str | None
    assigned_at: dt.datetime


@dataclass(frozen=True, slots=True)
class StatusReportRecord:
    id: int
    task_key: str
    unit_id: int
    status: str
    percent: int | None
    evidence_number: str | None
    evidence_date: dt.date | None
    requested_date: dt.date | None
    note: str | None
    raw_text: str
    author: str
    channel: str
    reported_at: dt.datetime
    corrects_id: int | None
    occurrence: str | None = None


@dataclass(frozen=True, slots=True)
class AuditRecord:
    id: int
    at: dt.datetime
    actor: str
    action: str
    target: str
    details: dict[str, Any]


@dataclass(frozen=True, slots=True)
class BroadcastRecord:
    id: int
    created_by: str
    notify_chat: str  # "channel:chat" where progress and the report go
    text: str
    audience: str  # as the admin chose it, for reports
    created_at: dt.datetime
    cancelled_at: dt.datetime | None
    reported_at: dt.datetime | None


@dataclass(frozen=True, slots=True)
class OutboxRecord:
    id: int
    dedupe_key: str
    channel: str
    chat: str
    text: str
    contact_id: int | None
    broadcast_id: int | None
    state: OutboxState
    priority: int  # higher first
    attempts: int
    next_attempt_at: dt.datetime
    claimed_by: str | None
    claimed_until: dt.datetime | None
    last_error: str | None  # technical detail of the last failure, never shown as is
    failure: FailureCode | None  # why it was given up, once state is FAILED
    created_at: dt.datetime
    sent_at: dt.datetime | None
    options: tuple[str, ...] = ()  # numbered choices offered with the text

    def __post_init__(self) -> None:
        # The database hands back plain strings and lists; the record always carries the codes.
        object.__setattr__(self, "state", OutboxState(self.state))
        object.__setattr__(self, "options", tuple(self.options or ()))
        if self.failure is not None:
            object.__setattr__(self, "failure", FailureCode(self.failure))


@dataclass(frozen=True, slots=True)
class ExchangeRecord:
    id: int
    channel: str
    sender: str
    text: str
    received_at: dt.datetime
    outcome: str
    replies: list[dict[str, Any]]
    message_id: str | None  # the channel's id of the message, when it has one


# -- reminders ---------------------------------------------------------------------------------

class ReminderState(StrEnum):
    SENT = "sent"  # its messages were queued in the outbox
    SKIPPED = "skipped"  # it fell due while the planner was down and a later one went instead


class ExtensionState(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REFUSED = "refused"


@dataclass(frozen=True, slots=True)
class NewReminder:
    assignment_id: int
    occurrence: str  # "" for a one-off obligation, else the period's due day (YYYY-MM-DD)
    moment: dt.datetime  # aware UTC
    kind: str  # before:7, due, overdue:4
    state: ReminderState
    due_date: dt.date


@dataclass(frozen=True, slots=True)
class ReminderRecord:
    id: int
    assignment_id: int
    occurrence: str
    moment: dt.datetime
    kind: str
    state: str
    due_date: dt.date
    created_at: dt.datetime


@dataclass(frozen=True, slots=True)
class NewExtension:
    assignment_id: int
    occurrence: str
    requested_by: str
    current_due: dt.date
    requested_date: dt.date
    report_id: int | None = None


@dataclass(frozen=True, slots=True)
class ExtensionRecord:
    id: int
    assignment_id: int
    occurrence: str
    requested_by: str
    report_id: int | None
    current_due: dt.date
    requested_date: dt.date
    state: str
    decided_by: str | None
    decided_at: dt.datetime | None
    created_at: dt.datetime


@dataclass(frozen=True, slots=True)
class ReminderPolicyRecord:
    scope: str  # plan, task
    key: str
    before: list[int]
    overdue_every: int
    updated_by: str
    updated_at: dt.datetime


@dataclass(frozen=True, slots=True)
class PauseRecord:
    scope: str  # task, unit, plan
    key: str
    label: str
    paused_by: str
    paused_at: dt.datetime


# -- plans ---------------------------------------------------------------------------------------

class PlanState(StrEnum):
    DRAFT = "draft"  # read from a document, waiting for an admin's review
    APPROVED = "approved"  # answered from, assigned and reminded of
    REPLACED = "replaced"  # an older version of an approved plan
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class NewPlan:
    plan_id: str
    number: str | None
    issuer: str
    source: str  # bundled, import
    content: dict[str, Any]
    units: dict[str, Any]
    created_by: str
    draft: dict[str, Any] | None = None
    file_name: str | None = None


@dataclass(frozen=True, slots=True)
class PlanRecord:
    id: int
    plan_id: str
    version: int
    number: str | None
    issuer: str
    source: str
    state: str
    content: dict[str, Any]
    units: dict[str, Any]
    draft: dict[str, Any] | None
    file_name: str | None
    created_by: str
    created_at: dt.datetime
    decided_by: str | None
    decided_at: dt.datetime | None

