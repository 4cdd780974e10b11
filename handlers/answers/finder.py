"""Task search for the other features: the answers' own reader and index, restricted to tasks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from handlers.answers.engine import AnswerEngine
from handlers.tasks import TASK_MATCH_COVERAGE
from knowledge.index import EntryKind
from knowledge.loader import TaskRecord

TASK_MATCH_RATIO = 0.85  # tasks scoring this close to the best are offered together
MAX_TASK_CHOICES = 6


class TaskFinder:
    """Implements :class:`handlers.tasks.TaskSearch` over one answer engine."""

    def __init__(self, engine: AnswerEngine) -> None:
        self.use(engine)

    def use(self, engine: AnswerEngine) -> None:
        """Search the plans of ``engine`` from now on (an approved import replaced them)."""
        self.engine = engine
        # What a unit can be given and report on: each obligation once, under its first
        # statement (windows are facts of the plan; a restated duty is the duty).
        self._tasks = {key: o.record for key, o in engine.kb.obligations.items()}

    @property
    def tasks(self) -> Mapping[str, TaskRecord]:
        return self._tasks

    def find(self, text: str, today: dt.date, among: set[str] | None = None,
             coverage: float = TASK_MATCH_COVERAGE) -> list[TaskRecord]:
        question = self.engine.reader.read(text, today)
        terms = self.engine.index.terms(question.content)
        hits = self.engine.index.search(terms, kinds=[EntryKind.TASK], plans=question.plans,
                                        limit=200 if among is not None else 20)
        found: list[TaskRecord] = []
        best = 0.0
        for hit in hits:
            matched = hit.entry.record
            if not isinstance(matched, TaskRecord) or hit.coverage < coverage:
                continue
            record = self._tasks.get(matched.obligation_key or "")
            if record is None:
                continue
            if among is not None and record.key not in among:
                continue
            best = max(best, hit.score)
            if hit.score >= TASK_MATCH_RATIO * best and record not in found:
                found.append(record)
        return found[:MAX_TASK_CHOICES]

    def plans_named(self, text: str, today: dt.date) -> set[str] | None:
        return self.engine.reader.read(text, today).plans
