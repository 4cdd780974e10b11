"""One message being handled: who sent it, their roles, the time, and the unit of work."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Protocol

from handlers.dialogue import Dialogue
from handlers.messages import Attachment, IncomingMessage, Reply
from handlers.ports import UnitOfWork
from handlers.roles import Role
from storage.records import ContactRecord


class Saved(Protocol):
    """A status report the message saved (``handlers.tasks.SavedReport``; this layer sits
    below the tasks, so it names only the shape)."""

    @property
    def unit(self) -> str: ...
    @property
    def task(self) -> str: ...
    @property
    def status(self) -> str: ...  # done | in_progress | not_started | blocked | extension
    @property
    def percent(self) -> int | None: ...
    @property
    def evidence(self) -> str | None: ...
    @property
    def date(self) -> str | None: ...  # YYYY-MM-DD

    def as_dict(self) -> dict[str, object]: ...


@dataclass
class Turn:
    message: IncomingMessage
    uow: UnitOfWork
    now: dt.datetime  # aware UTC
    today: dt.date  # in the plans' time zone
    roles: frozenset[Role]
    contacts: list[ContactRecord]  # the units the sender answers for
    dialogue: Dialogue | None = None  # the sender's open multi-step exchange
    next_dialogue: Dialogue | None = field(default=None)
    audit: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)
    outcome: str | None = None  # what the journal calls this message, when the handler knows
    saved: list[Saved] = field(default_factory=list)  # the status reports this message saved

    @property
    def user(self) -> str:
        return self.message.user

    def reply(self, text: str, options: tuple[str, ...] = (),
              files: tuple[Attachment, ...] = ()) -> Reply:
        return Reply(self.message.reply_to, text, options, files)

    def ask(self, text: str, options: tuple[str, ...], state: Dialogue) -> Reply:
        """Offer numbered options and remember what they mean for the next message."""
        self.next_dialogue = state.offering(options)
        return self.reply(text, options)

    def wait(self, state: Dialogue) -> None:
        """Keep the dialogue open in ``state`` for the next message (no options)."""
        self.next_dialogue = state.offering(())

    def keep(self) -> None:
        """Keep the open dialogue as it is: the message did not move it on."""
        self.next_dialogue = self.dialogue

    def record(self, action: str, target: str, **details: Any) -> None:
        self.audit.append((action, target, details))
