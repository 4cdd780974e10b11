"""Core.handle: one entry point for every channel, from an incoming message to replies."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from typing import Protocol

from handlers import texts
from handlers.answers import Answer, AnswerEngine
from handlers.citations import plans_overview
from handlers.clock import Clock, local_today
from handlers.messages import IncomingMessage, Reply

log = logging.getLogger(__name__)

MAX_MESSAGE_LENGTH = 4000
HELP_COMMANDS = frozenset({"/start", "/trogiup", "/help", "/huongdan"})


class Journal(Protocol):
    """Where every exchange is kept, so nothing a user sent is lost."""

    async def record(self, message: IncomingMessage, replies: Sequence[Reply],
                     outcome: str) -> None: ...


class Core:
    """Transport-neutral assistant: the same behaviour on the terminal, Telegram and Zalo."""

    def __init__(self, engine: AnswerEngine, clock: Clock, journal: Journal | None = None,
                 *, max_length: int = MAX_MESSAGE_LENGTH) -> None:
        self.engine = engine
        self.clock = clock
        self.journal = journal
        self.max_length = max_length
        self._pending: dict[str, tuple[str, ...]] = {}  # user -> options last offered

    def greeting(self) -> str:
        examples = "\n".join(f"- {q}" for q in texts.EXAMPLE_QUESTIONS)
        return texts.GREETING.format(plans=plans_overview(self.engine.kb.plans),
                                     examples=examples)

    async def handle(self, message: IncomingMessage) -> list[Reply]:
        outcome = "error"
        try:
            replies, outcome = self._respond(message)
        except Exception:
            log.exception("failed to answer channel=%s sender=%s length=%d",
                          message.channel, message.sender, len(message.text))
            replies = [Reply(message.reply_to, texts.INTERNAL_ERROR)]
        if self.journal is not None:
            try:
                await self.journal.record(message, replies, outcome)
            except Exception:
                log.exception("failed to journal a message channel=%s sender=%s",
                              message.channel, message.sender)
        return replies

    def _respond(self, message: IncomingMessage) -> tuple[list[Reply], str]:
        text = message.text.strip()
        to = message.reply_to
        if not text:
            return [Reply(to, texts.EMPTY_MESSAGE)], "empty"
        if len(text) > self.max_length:
            log.warning("message too long channel=%s sender=%s length=%d",
                        message.channel, message.sender, len(text))
            reply = texts.TOO_LONG.format(length=len(text), limit=self.max_length)
            return [Reply(to, reply)], "too_long"
        if text.startswith("/"):
            command = text.split()[0].split("@")[0].lower()
            if command in HELP_COMMANDS:
                return [Reply(to, self.greeting())], "help"
            return [Reply(to, texts.UNKNOWN_COMMAND.format(command=command))], "unknown_command"
        pending = self._pending.pop(message.user, ())
        if pending and text.isdigit():
            choice = int(text)
            if not 1 <= choice <= len(pending):
                self._pending[message.user] = pending
                reply = texts.OPTION_OUT_OF_RANGE.format(count=len(pending))
                return [Reply(to, reply, pending)], "bad_choice"
            text = pending[choice - 1]
        answer = self.engine.answer(text, self._today(message))
        if answer.options:
            self._pending[message.user] = answer.options
        return [self._reply(to, answer)], answer.intent or "not_found"

    def _today(self, message: IncomingMessage) -> dt.date:
        return local_today(self.clock)

    @staticmethod
    def _reply(to: str, answer: Answer) -> Reply:
        if answer.options:
            return Reply(to, f"{answer.text}\n{texts.CHOICE_PROMPT}", answer.options)
        return Reply(to, answer.text)
