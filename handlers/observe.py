"""What the core tells whoever watches it (metrics, logs at the edge) about each message.

The core knows no metrics library: after every message it calls an :class:`Observer` with
what happened — the channel, how the message was read, the journal's word for the outcome,
the status reports it saved and how long it took. ``bot/metrics.py`` turns that into
Prometheus counters and a histogram; by default nobody watches (:class:`NoObserver`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from handlers.turn import Saved

# How a message was read (``Handled.route``), besides a feature's reading of a free message,
# which is named by its route's outcome ("question", "report", "small_talk"…).
COMMAND = "command"
FLOW = "flow"  # the next step of an open dialogue
REFUSED = "refused"  # refused before it was read (a sender id or a value the database refuses)
DUPLICATE = "duplicate"  # delivered again: handled once, before
ERROR = "error"  # handling failed; the sender was told


@dataclass(frozen=True)
class Handled:
    channel: str
    route: str
    outcome: str  # what the journal calls it (a command's name, an answer's intent, …)
    seconds: float  # from the core's receiving it to its replies being ready
    saved: tuple[Saved, ...] = field(default=())  # the status reports the message saved

    @property
    def reports(self) -> int:
        return len(self.saved)


class Observer(Protocol):
    def handled(self, event: Handled) -> None:
        """Called once per message, after its unit of work; must not raise, nor block."""


class NoObserver:
    def handled(self, event: Handled) -> None:
        """Nobody watches."""
