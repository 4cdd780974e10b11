"""What every `troly` command shares: the clock a command runs on, the bundled plans."""

from __future__ import annotations

import datetime as dt
import sys

from handlers.answers import AnswerEngine
from handlers.clock import Clock, FixedClock, SystemClock
from handlers.texts import channels as texts
from knowledge.loader import PlanFileError, load_knowledge


def clock_for(today: dt.date | None) -> Clock:
    return FixedClock.on_local_day(today) if today else SystemClock()


def bundled_engine() -> AnswerEngine:
    try:
        return AnswerEngine(load_knowledge())
    except PlanFileError as exc:
        sys.exit(texts.KNOWLEDGE_ERROR.format(error=exc))
