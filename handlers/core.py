"""Core.handle: one entry point for every channel, from an incoming message to replies.

Each message is one unit of work: the sender's roles and open dialogue are read, the command or
text is handled, and the dialogue, the audit lines and the exchange itself are committed
together. The role check for every command is here, so it is the same on every channel.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Any

from handlers import texts
from handlers.answers import Answer, AnswerEngine
from handlers.broadcasts import Broadcasts
from handlers.citations import plans_overview
from handlers.clock import Clock, local_today
from handlers.directory import UnitDirectory
from handlers.invites import looks_like_code, redeem
from handlers.messages import IncomingMessage, Reply
from handlers.progress import TaskFinder
from handlers.reporting import Reporting
from handlers.roles import Action, Role, may
from handlers.status_admin import StatusAdmin
from handlers.status_reading import is_probably_status
from handlers.turn import Turn
from handlers.units_admin import UnitsAdmin
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)

MAX_MESSAGE_LENGTH = 4000
Handler = Callable[[Turn, str], Awaitable[Reply]]
UnitOfWorkFactory = Callable[[], UnitOfWork]
_UNIT_VIEWS = frozenset({"", "ds", "xem"})


@dataclass(frozen=True)
class Command:
    action: Action
    run: Handler


class Core:
    """Transport-neutral assistant: the same behaviour on the terminal, Telegram and Zalo."""

    def __init__(self, engine: AnswerEngine, clock: Clock, unit_of_work: UnitOfWorkFactory,
                 *, admins: Iterable[str] = (), max_length: int = MAX_MESSAGE_LENGTH,
                 bot_link: str | None = None) -> None:
        self.engine = engine
        self.clock = clock
        self.unit_of_work = unit_of_work
        self.admins = frozenset(admins)
        self.max_length = max_length
        self.directory = UnitDirectory(engine.kb, engine.lexicon)
        finder = TaskFinder(engine)
        self.reporting = Reporting(finder)
        self.units = UnitsAdmin(self.directory, bot_link)
        self.status = StatusAdmin(finder, self.directory, self.units)
        self.broadcasts = Broadcasts(finder, self.directory, self.units)
        self.commands: dict[str, Command] = {
            "/start": Command(Action.HELP, self._start),
            "/trogiup": Command(Action.HELP, self._help),
            "/help": Command(Action.HELP, self._help),
            "/huongdan": Command(Action.HELP, self._help),
            "/vaitro": Command(Action.WHOAMI, self._whoami),
            "/huy": Command(Action.HELP, self._cancel),
            "/baocao": Command(Action.REPORT, lambda t, _: self.reporting.start(t)),
            "/sua": Command(Action.CORRECT, lambda t, _: self.reporting.correct(t)),
            "/moi": Command(Action.INVITE, self.units.invite),
            "/donvi": Command(Action.UNITS_MANAGE, self.units.handle),
            "/giao": Command(Action.ASSIGN, self.status.assign),
            "/tinhhinh": Command(Action.STATUS_VIEW, self.status.status),
            "/xuat": Command(Action.EXPORT, self.status.export),
            "/nhatky": Command(Action.AUDIT_VIEW, self.status.audit),
            "/thongbao": Command(Action.BROADCAST, self.broadcasts.command),
        }

    async def prepare(self) -> None:
        """Seed the units and assignments the bundled plans name (idempotent)."""
        async with self.unit_of_work() as uow:
            added = await self.directory.sync_bundled(uow, self.clock.now())
            await uow.commit()
        if added:
            log.info("seeded %d units and assignments from the bundled plans", added)

    def greeting(self) -> str:
        examples = "\n".join(f"- {q}" for q in texts.EXAMPLE_QUESTIONS)
        return texts.GREETING.format(plans=plans_overview(self.engine.kb.plans),
                                     examples=examples)

    # -- entry point ----------------------------------------------------------------------

    async def handle(self, message: IncomingMessage) -> list[Reply]:
        try:
            async with self.unit_of_work() as uow:
                if message.message_id is not None and await uow.exchanges.handled(
                        message.channel, message.message_id):
                    log.info("dropped a message handled before channel=%s id=%s",
                             message.channel, message.message_id)
                    return []
                turn = await self._turn(message, uow)
                reply, outcome = await self._respond(turn)
                await self._finish(turn, [reply], outcome)
                await uow.commit()
                return [reply]
        except Exception:
            log.exception("failed to handle a message channel=%s sender=%s length=%d",
                          message.channel, message.sender, len(message.text))
        replies = [Reply(message.reply_to, texts.INTERNAL_ERROR)]
        try:
            async with self.unit_of_work() as uow:
                _journal(uow, message, replies, "error")
                await uow.commit()
        except Exception:
            log.exception("failed to journal a message channel=%s sender=%s",
                          message.channel, message.sender)
        return replies

    async def _turn(self, message: IncomingMessage, uow: UnitOfWork) -> Turn:
        now = self.clock.now()
        contacts = await uow.contacts.of_user(message.user)
        roles = {Role.READER}
        if message.user in self.admins:
            roles.add(Role.ADMIN)
        if contacts:
            roles.add(Role.CONTACT)
        dialogue = await uow.dialogues.get(message.user)
        return Turn(message=message, uow=uow, now=now, today=local_today(self.clock),
                    roles=frozenset(roles), contacts=contacts, dialogue=dialogue)

    async def _finish(self, turn: Turn, replies: list[Reply], outcome: str) -> None:
        uow = turn.uow
        if turn.next_dialogue is not None:
            await uow.dialogues.put(turn.user, turn.next_dialogue, turn.now)
        elif turn.dialogue is not None:
            await uow.dialogues.clear(turn.user)
        for action, target, details in turn.audit:
            uow.audit.add(actor=turn.user, action=action, target=target, now=turn.now,
                          details=details)
        _journal(uow, turn.message, replies, outcome)

    # -- routing --------------------------------------------------------------------------

    async def _respond(self, turn: Turn) -> tuple[Reply, str]:
        text = turn.message.text.strip()
        if not text and turn.message.attachment is None:
            return turn.reply(texts.EMPTY_MESSAGE), "empty"
        if len(text) > self.max_length:
            log.warning("message too long channel=%s sender=%s length=%d",
                        turn.message.channel, turn.message.sender, len(text))
            reply = texts.TOO_LONG.format(length=len(text), limit=self.max_length)
            return turn.reply(reply), "too_long"
        if text.startswith("/"):
            return await self._command(turn, text)
        if turn.dialogue is not None:
            answered = await self._continue(turn, text)
            if answered is not None:
                return answered
        if turn.message.is_choice:  # a button from an exchange that is over
            return turn.reply(texts.CHOICE_EXPIRED), "stale_choice"
        if looks_like_code(text):
            return await redeem(turn, text), "join"
        if Role.CONTACT in turn.roles and is_probably_status(text):
            return await self.reporting.free_text(turn, text), "report"
        return self._answer(turn, text)

    async def _command(self, turn: Turn, text: str) -> tuple[Reply, str]:
        head, _, args = text.partition(" ")
        name = head.split("@")[0].lower()
        command = self.commands.get(name)
        if command is None:
            return turn.reply(texts.UNKNOWN_COMMAND.format(command=name)), "unknown_command"
        action = command.action
        if name == "/donvi" and args.strip().split(" ")[0].lower() in _UNIT_VIEWS:
            action = Action.UNITS_VIEW
        if not may(turn.roles, action):
            log.info("refused %s for %s (roles %s)", name, turn.user, sorted(turn.roles))
            refusal = (texts.NOT_A_CONTACT if action in (Action.REPORT, Action.CORRECT)
                       else texts.ADMIN_ONLY.format(command=name))
            return turn.reply(refusal), "refused"
        reply = await command.run(turn, args.strip())
        return reply, name.lstrip("/")

    async def _continue(self, turn: Turn, text: str) -> tuple[Reply, str] | None:
        """The next step of the sender's open dialogue, or None when the text starts afresh."""
        state = turn.dialogue or {}
        options: list[str] = state.get("options", [])
        flow = state.get("flow")
        choice = None
        if text.isdigit() and options:
            number = int(text)
            if not 1 <= number <= len(options):
                turn.next_dialogue = state
                return turn.reply(texts.OPTION_OUT_OF_RANGE.format(count=len(options)),
                                  tuple(options)), "bad_choice"
            choice = number - 1
        elif text in options:
            choice = options.index(text)
        if flow == "report" and Role.CONTACT in turn.roles:
            return await self.reporting.continue_flow(turn, state, choice, text), "report"
        if flow == "broadcast" and Role.ADMIN in turn.roles:
            return await self.broadcasts.continue_flow(turn, state, choice, text), "thongbao"
        if choice is None:
            return None
        if flow == "assign" and Role.ADMIN in turn.roles:
            return await self.status.continue_assign(turn, state, choice), "assign"
        if flow == "status_task" and Role.ADMIN in turn.roles:
            return await self.status.continue_task_view(turn, state, choice), "tinhhinh"
        rerun = options[choice]
        if rerun.startswith("/"):
            return await self._command(turn, rerun)
        return self._answer(turn, rerun)

    def _answer(self, turn: Turn, text: str) -> tuple[Reply, str]:
        answer = self.engine.answer(text, turn.today)
        return self._answer_reply(turn, answer), answer.intent or "not_found"

    @staticmethod
    def _answer_reply(turn: Turn, answer: Answer) -> Reply:
        if answer.options:
            return turn.ask(f"{answer.text}\n{texts.CHOICE_PROMPT}", answer.options,
                            {"flow": "rerun"})
        return turn.reply(answer.text)

    # -- small commands ---------------------------------------------------------------------

    async def _start(self, turn: Turn, args: str) -> Reply:
        if args:
            return await redeem(turn, args.split()[0])
        return await self._help(turn, args)

    async def _help(self, turn: Turn, _args: str) -> Reply:
        lines = [self.greeting()]
        if Role.CONTACT in turn.roles:
            lines.append(texts.HELP_CONTACT)
        if Role.ADMIN in turn.roles:
            lines.append(texts.HELP_ADMIN)
        return turn.reply("\n\n".join(lines))

    async def _cancel(self, turn: Turn, _args: str) -> Reply:
        return turn.reply(texts.CANCELLED if turn.dialogue else texts.NOTHING_TO_CANCEL)

    async def _whoami(self, turn: Turn, _args: str) -> Reply:
        units = await turn.uow.units.many(c.unit_id for c in turn.contacts)
        names = [units[c.unit_id].name for c in turn.contacts if c.unit_id in units]
        roles = ", ".join(texts.ROLE_NAMES[r] for r in sorted(turn.roles))
        lines = [texts.WHOAMI.format(user=turn.user, roles=roles)]
        if names:
            lines.append(texts.WHOAMI_UNITS.format(units="; ".join(names)))
        return turn.reply("\n".join(lines))


def _journal(uow: UnitOfWork, message: IncomingMessage, replies: list[Reply],
             outcome: str) -> None:
    payload: list[dict[str, Any]] = [
        {"to": r.to, "text": r.text, "options": list(r.options),
         "files": [f.name for f in r.files]} for r in replies]
    text = message.text
    if message.attachment is not None:
        text = f"{text}\n[tệp: {message.attachment.name}, {len(message.attachment.content)} byte]"
    uow.exchanges.add(channel=message.channel, sender=message.sender, text=text,
                      received_at=message.received_at, outcome=outcome, replies=payload,
                      message_id=message.message_id)
