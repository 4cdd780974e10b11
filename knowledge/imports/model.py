"""The draft's pieces while they are being read: tasks, facts and doubts."""

from __future__ import annotations

from dataclasses import dataclass, field

from knowledge.imports.units import UnitRef
from knowledge.schema import Deadline


@dataclass
class TaskDraft:
    text: str
    section: str
    units: list[UnitRef] = field(default_factory=list)
    deadline: Deadline | None = None
    restates: int | None = None  # index of the task this one states again


@dataclass(frozen=True)
class Fact:
    kind: str  # "basis" | "topic" | "window" | "duration"
    text: str
    section: str | None = None
    deadline: Deadline | None = None


@dataclass(frozen=True)
class Doubt:
    kind: str  # "ambiguous_date" | "unread_time" | "no_unit" | "past_date" | ...
    text: str
    section: str | None = None
