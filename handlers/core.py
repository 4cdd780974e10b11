"""Core.handle: one entry point for every channel, from an incoming message to replies.

Each message is one unit of work: the sender's roles and open dialogue are read, the message
is routed — a command, the next step of the open dialogue, or a free message offered to each
feature's reading in turn — and the dialogue, the audit lines and the exchange itself are
committed together. The role check for every command is here, so it is the same everywhere.
"""

from __future__ import annotations

import dataclasses
import logging
import re
import time
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from typing import Any

from handlers.citations import plans_overview
from handlers.clock import Clock, local_today
from handlers.commands import Registry
from handlers.dialogue import RerunDialogue, decode, encode
from handlers.messages import IncomingMessage, Reply
from handlers.numbers import choice_number
from handlers.observe import COMMAND, DUPLICATE, ERROR, FLOW, REFUSED, Handled, NoObserver, Observer
from handlers.ports import UnitOfWork
from handlers.roles import CONTACTS, Role, may
from handlers.services import Services
from handlers.texts import core as texts
from handlers.turn import Saved, Turn

log = logging.getLogger(__name__)

MAX_MESSAGE_LENGTH = 4000
MAX_SENDER_LENGTH = 64  # channels' user ids are far shorter (Telegram: 20 digits at most)
MAX_NAME_LENGTH = 200  # a display name is kept to this
_UNSAFE = re.compile("[\x00\ud800-\udfff]")  # NUL, lone surrogates: no database takes them
UnitOfWorkFactory = Callable[[], UnitOfWork]
Routed = tuple[Reply, str]
# How the message being handled was read (handlers.observe's routes), for the observer: set
# where the reading is chosen, read when the message is done (each message is one task's).
_READ_AS: ContextVar[str] = ContextVar("troly_read_as", default=ERROR)


class Core:
    """Transport-neutral assistant: the same behaviour on the terminal, Telegram and Zalo."""

    def __init__(self, registry: Registry, services: Services, clock: Clock,
                 unit_of_work: UnitOfWorkFactory, *, admins: Iterable[str] = (),
                 max_length: int = MAX_MESSAGE_LENGTH, observer: Observer | None = None
                 ) -> None:
        self.registry = registry
        self.observer: Observer = observer or NoObserver()
        self.services = services
        self.clock = clock
        self.unit_of_work = unit_of_work
        self.admins = frozenset(admins)
        self.max_length = max_length
        services.help = self.help
        services.audit_names = registry.audit_actions

    async def prepare(self) -> None:
        """Store the bundled plans the database lacks, answer from the plans it holds, and
        seed the units and assignments they name (idempotent)."""
        async with self.unit_of_work() as uow:
            await uow.exclusive("prepare")  # another instance starting now seeds after us
            await self.services.catalog.seed(uow, self.clock.now())
            await self.services.catalog.refresh(uow)
            added = await self.services.obligations.sync_bundled(uow, self.clock.now(),
                                                                 local_today(self.clock))
            await uow.commit()
        if added:
            log.info("seeded %d units and assignments from the plans", added)

    async def refresh(self) -> bool:
        """Answer from the plans as the database holds them now (an approval on another
        instance); whether they changed. Cheap when they did not: one small read."""
        async with self.unit_of_work() as uow:
            changed = await self.services.catalog.refresh(uow)
            if changed:
                await self.services.obligations.sync_bundled(uow, self.clock.now(),
                                                             local_today(self.clock))
                await uow.commit()
        return changed

    def set_bot_link(self, link: str | None) -> None:
        """The channel's public link to the bot, for invite links (``https://t.me/<bot>``)."""
        self.services.bot_link = link

    def greeting(self) -> str:
        examples = "\n".join(f"- {q}" for q in texts.EXAMPLE_QUESTIONS)
        return texts.GREETING.format(plans=plans_overview(self.services.kb.plans),
                                     examples=examples)

    def help(self, roles: Iterable[Role]) -> str:
        return "\n\n".join(part for part in (self.greeting(), self.registry.help(roles)) if part)

    # -- entry point ----------------------------------------------------------------------

    async def handle(self, message: IncomingMessage) -> list[Reply]:
        started = time.perf_counter()
        reading = _READ_AS.set(ERROR)
        outcome = "error"
        saved: tuple[Saved, ...] = ()
        try:
            replies, outcome, saved = await self._handle(message)
            return replies
        finally:
            self._observe(Handled(message.channel, _READ_AS.get(), outcome,
                                  time.perf_counter() - started, saved))
            _READ_AS.reset(reading)

    def _observe(self, event: Handled) -> None:
        try:
            self.observer.handled(event)
        except Exception:  # watching must never break handling
            log.exception("the observer failed channel=%s", event.channel)

    async def _handle(self, message: IncomingMessage
                      ) -> tuple[list[Reply], str, tuple[Saved, ...]]:
        """The replies, the journal's outcome and the status reports saved."""
        message = safe_message(message, self.max_length)
        if not 0 < len(message.sender) <= MAX_SENDER_LENGTH:
            log.warning("refused a message whose sender id is %d characters channel=%s",
                        len(message.sender), message.channel)
            _READ_AS.set(REFUSED)
            return await self.refuse(message, texts.BAD_SENDER.format(limit=MAX_SENDER_LENGTH),
                                     "bad_sender", to=message.chat or ""), "bad_sender", ()
        try:
            async with self.unit_of_work() as uow:
                if message.message_id is not None and await uow.exchanges.handled(
                        message.channel, message.message_id):
                    log.info("dropped a message handled before channel=%s id=%s",
                             message.channel, message.message_id)
                    _READ_AS.set(DUPLICATE)
                    return [], "duplicate", ()
                turn, closed = await self._turn(message, uow)
                reply, outcome = await self._respond(turn, closed)
                await self._finish(turn, [reply], outcome, had_dialogue=closed)
                await uow.commit()
                return [reply], outcome, tuple(turn.saved)
        except Exception as error:
            rejected = _rejected_value(error)
            if rejected is not None:  # the database refused a value: say which kind
                log.warning("a value was refused by the database channel=%s: %s",
                            message.channel, type(error).__name__)
                _READ_AS.set(REFUSED)
                return (await self.refuse(message, rejected, "value_refused"),
                        "value_refused", ())
            log.exception("failed to handle a message channel=%s sender=%s length=%d",
                          message.channel, message.sender, len(message.text))
        _READ_AS.set(ERROR)
        recorded = await self.record(message, [], "error")
        text = texts.INTERNAL_ERROR if recorded else texts.INTERNAL_ERROR_NOT_RECORDED
        return [Reply(message.reply_to, text)], "error", ()

    async def refuse(self, message: IncomingMessage, text: str, outcome: str, *,
                     to: str | None = None) -> list[Reply]:
        """Refuse a message before it is handled: journal it with the refusal, in a unit of
        work of its own, and answer ``text`` followed by whether it was recorded."""
        reply = Reply(message.reply_to if to is None else to, text)
        recorded = await self.record(message, [reply], outcome)
        suffix = texts.REFUSAL_RECORDED if recorded else texts.REFUSAL_NOT_RECORDED
        return [Reply(reply.to, f"{text} {suffix}")]

    async def record(self, message: IncomingMessage, replies: list[Reply], outcome: str) -> bool:
        """Journal a message in a fresh unit of work (the one that handled it may be what
        failed); whether it was written. Values the database cannot take are made safe by the
        journal itself, so only a database that does not answer loses the record."""
        try:
            async with self.unit_of_work() as uow:
                _journal(uow, safe_message(message, self.max_length), replies, outcome)
                await uow.commit()
        except Exception:
            log.exception("failed to journal a message channel=%s outcome=%s",
                          message.channel, outcome)
            return False
        return True

    async def _turn(self, message: IncomingMessage, uow: UnitOfWork) -> tuple[Turn, bool]:
        """The turn, and whether a saved dialogue had to be closed (it no longer fits)."""
        contacts = await uow.contacts.of_user(message.user)
        if contacts:  # a retired unit's contacts no longer answer for it
            units = await uow.units.many(c.unit_id for c in contacts)
            contacts = [c for c in contacts if c.unit_id in units and units[c.unit_id].active]
        roles = {Role.READER}
        if message.user in self.admins:
            roles.add(Role.ADMIN)
        if contacts:
            roles.add(Role.CONTACT)
        saved = await uow.dialogues.get(message.user)
        dialogue = decode(saved, self.registry.dialogue_kinds) if saved is not None else None
        turn = Turn(message=message, uow=uow, now=self.clock.now(),
                    today=local_today(self.clock), roles=frozenset(roles), contacts=contacts,
                    dialogue=dialogue)
        return turn, saved is not None and dialogue is None

    async def _finish(self, turn: Turn, replies: list[Reply], outcome: str, *,
                      had_dialogue: bool) -> None:
        uow = turn.uow
        if turn.next_dialogue is not None:
            await uow.dialogues.put(turn.user, encode(turn.next_dialogue), turn.now)
        elif had_dialogue or turn.dialogue is not None:
            await uow.dialogues.clear(turn.user)
        for action, target, details in turn.audit:
            uow.audit.add(actor=turn.user, action=action, target=target, now=turn.now,
                          details=details)
        _journal(uow, turn.message, replies, outcome)

    # -- routing --------------------------------------------------------------------------

    async def _respond(self, turn: Turn, closed: bool) -> Routed:
        message = turn.message
        text = message.text.strip()
        if message.media is not None and not text and message.attachment is None:
            return turn.reply(texts.ONLY_TEXT), "not_text"
        if not text and message.attachment is None:
            return turn.reply(texts.EMPTY_MESSAGE), "empty"
        if len(text) > self.max_length:
            log.warning("message too long channel=%s sender=%s length=%d",
                        message.channel, message.sender, len(text))
            refusal = texts.TOO_LONG.format(length=len(text), limit=self.max_length)
            return turn.reply(refusal), "too_long"
        if closed and (message.is_choice or choice_number(text) is not None):
            return turn.reply(texts.DIALOGUE_CLOSED), "dialogue_closed"
        if text.startswith("/"):
            return await self._command(turn, text)
        if turn.dialogue is not None:
            answered = await self._continue(turn, text)
            if answered is not None:
                return answered
        if message.is_choice:  # a button from an exchange that is over
            return turn.reply(texts.CHOICE_EXPIRED), "stale_choice"
        reply, outcome = await self._free_text(turn, text)
        if closed:
            reply = Reply(reply.to, f"{texts.DIALOGUE_CLOSED}\n\n{reply.text}", reply.options,
                          reply.files)
        return reply, outcome

    async def _command(self, turn: Turn, text: str) -> Routed:
        head, _, args = text.partition(" ")
        name = head.split("@")[0].lower()
        spec = self.registry.command(name)
        _READ_AS.set(COMMAND)
        if spec is None:
            return turn.reply(texts.UNKNOWN_COMMAND.format(command=name)), "unknown_command"
        _, allowed = spec.permission(args)
        if not may(turn.roles, allowed):
            log.info("refused %s for %s (roles %s)", name, turn.user, sorted(turn.roles))
            refusal = (texts.NOT_A_CONTACT if allowed == CONTACTS
                       else texts.ADMIN_ONLY.format(command=name))
            return turn.reply(refusal), "refused"
        reply = await spec.run(turn, args.strip())
        return reply, turn.outcome or spec.name

    async def _continue(self, turn: Turn, text: str) -> Routed | None:
        """The next step of the sender's open dialogue, or None when the text starts afresh."""
        state = turn.dialogue
        assert state is not None
        options = state.options
        choice = None
        number = choice_number(text)
        if number is not None and options:
            if not 1 <= number <= len(options):
                turn.keep()
                return turn.reply(texts.OPTION_OUT_OF_RANGE.format(count=len(options)),
                                  options), "bad_choice"
            choice = number - 1
        elif text in options:
            choice = options.index(text)
        if isinstance(state, RerunDialogue):
            if choice is None:
                return None
            rerun = options[choice]
            if rerun.startswith("/"):
                return await self._command(turn, rerun)
            return await self._free_text(turn, rerun)
        flow = self.registry.flows.get(state.FLOW)
        if flow is None or not may(turn.roles, flow.roles):
            return None
        if choice is None and not flow.takes_text:
            return None
        _READ_AS.set(FLOW)
        reply = await flow.run(turn, state, choice, text)
        return None if reply is None else (reply, turn.outcome or flow.outcome)

    async def _free_text(self, turn: Turn, text: str) -> Routed:
        for route in self.registry.routes:
            if may(turn.roles, route.roles) and route.accepts(turn, text):
                _READ_AS.set(route.outcome)
                reply = await route.run(turn, text)
                return reply, turn.outcome or route.outcome
        raise LookupError("no feature reads free messages")  # the answers feature always does


def _journal(uow: UnitOfWork, message: IncomingMessage, replies: list[Reply],
             outcome: str) -> None:
    payload: list[dict[str, Any]] = [
        {"to": r.to, "text": r.text, "options": list(r.options),
         "files": [f.name for f in r.files]} for r in replies]
    text = message.text
    if message.attachment is not None:
        text = f"{text}\n[tệp: {message.attachment.name}, {len(message.attachment.content)} byte]"
    elif message.media is not None:
        text = f"{text}\n[{message.media}]"
    uow.exchanges.add(channel=message.channel, sender=message.sender, text=text,
                      received_at=message.received_at, outcome=outcome, replies=payload,
                      message_id=message.message_id)


_TOO_LONG_ERRORS = frozenset({"StringDataRightTruncationError", "StringDataRightTruncation"})
_OUT_OF_RANGE_ERRORS = frozenset({"NumericValueOutOfRangeError", "NumericValueOutOfRange",
                                  "OverflowError"})


def _rejected_value(error: BaseException) -> str | None:
    """The refusal to give when the database rejected a value the user typed (a name longer
    than its column, a number past its range), found by the errors' names: the core knows no
    database library."""
    seen: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in seen and len(seen) < 10:
        seen.append(current)
        current = getattr(current, "orig", None) or current.__cause__ or current.__context__
    names = {type(found).__name__ for found in seen}
    if names & _TOO_LONG_ERRORS:
        return texts.VALUE_TOO_LONG
    if names & _OUT_OF_RANGE_ERRORS:
        return texts.VALUE_OUT_OF_RANGE
    return None


def _safe(value: str) -> str:
    return _UNSAFE.sub("\ufffd", value)


def safe_message(message: IncomingMessage, max_length: int) -> IncomingMessage:
    """The message as the core reads it: NUL and lone surrogates replaced (no database nor
    UTF-8 stream takes them), the display name and a quoted message bounded. The text keeps
    its length: one too long is refused, and the journal keeps it cut, with its hash."""
    def optional(value: str | None, limit: int) -> str | None:
        return None if value is None else _safe(value)[:limit]

    return dataclasses.replace(
        message, text=_safe(message.text), sender=_safe(message.sender),
        chat=optional(message.chat, 200), display_name=optional(message.display_name,
                                                                 MAX_NAME_LENGTH),
        quoted=optional(message.quoted, max_length), message_id=optional(message.message_id,
                                                                         10_000),
        media=optional(message.media, 40))
