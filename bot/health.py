"""What `troly run` knows of its own health: each part (a channel, the outbox) says whether it
works, and a task that stopped (a channel's polling) is failing whatever it said last.

``/healthz`` (``bot.runner.health_endpoint``) answers 503 with the failing parts while there
are any, so an orchestrator sees which one, and 200 once they recover.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

log = logging.getLogger(__name__)


class Health:
    def __init__(self) -> None:
        self._failing: dict[str, str] = {}
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._probes: dict[str, Callable[[], bool]] = {}
        self.stopping = False  # a stop was asked for: tasks ending are expected

    def ok(self, part: str) -> None:
        if self._failing.pop(part, None) is not None:
            log.warning("%s works again", part)

    def failing(self, part: str, reason: str) -> None:
        if self._failing.get(part) != reason:
            log.warning("%s is failing: %s", part, reason)
        self._failing[part] = reason

    def watch(self, part: str, task: asyncio.Task[None]) -> None:
        """``part`` runs in ``task``: once the task is over, the part is failing."""
        self._tasks[part] = task

    def probe(self, part: str, running: Callable[[], bool]) -> None:
        """``part`` works only while ``running()`` says so (PTB's updater, say)."""
        self._probes[part] = running

    def problems(self) -> dict[str, str]:
        """Each failing part and why (a short technical reason, never a secret)."""
        found = dict(self._failing)
        for part, task in self._tasks.items():
            if task.done() and not self.stopping:
                found[part] = "stopped"
        for part, running in self._probes.items():
            if not running() and not self.stopping:
                found[part] = "stopped"
        return found
