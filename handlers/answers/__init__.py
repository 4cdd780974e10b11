"""Answers: questions about the plans, read and answered with a citation, or honestly not.

The feature declares no command: its reading of a free message is the last one tried, after
every other feature's. The engine (``engine.py``) is also what other features find tasks with,
through :class:`handlers.tasks.TaskSearch` (``finder.py``).
"""

from __future__ import annotations

from collections.abc import Callable

from handlers.answers.draft import Answer
from handlers.answers.engine import AnswerEngine
from handlers.answers.finder import TaskFinder
from handlers.commands import Feature, TextRoute
from handlers.dialogue import RerunDialogue
from handlers.messages import Reply
from handlers.roles import EVERYONE
from handlers.texts import core as core_texts
from handlers.turn import Turn

__all__ = ["Answer", "AnswerEngine", "TaskFinder", "answers_feature", "reply_to_answer"]
QUESTION_ORDER = 1000  # after every other reading of a free message


def reply_to_answer(turn: Turn, answer: Answer) -> Reply:
    if answer.options:
        return turn.ask(f"{answer.text}\n{core_texts.CHOICE_PROMPT}", answer.options,
                        RerunDialogue())
    return turn.reply(answer.text)


def answers_feature(engine: Callable[[], AnswerEngine]) -> Feature:
    """``engine()`` is the engine over the plans as they are now."""
    async def ask(turn: Turn, text: str) -> Reply:
        answer = engine().answer(text, turn.today)
        turn.outcome = answer.intent or "not_found"
        return reply_to_answer(turn, answer)

    return Feature(
        name="answers",
        routes=(TextRoute(outcome="question", order=QUESTION_ORDER, roles=EVERYONE,
                          accepts=lambda _turn, _text: True, run=ask),),
    )
