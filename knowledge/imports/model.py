"""A task of the draft while it is being read (its units and time may come on later lines);
facts and doubts are final when found: they are the draft's own ``DraftFact``, ``DraftDoubt``."""

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
