"""/thongbao: an admin writes an announcement, picks who gets it, sees a preview with the count
per channel, confirms, and the messages go into the outbox in the same transaction.

``/thongbao tinhhinh`` shows the progress of recent broadcasts, ``/thongbao huy N`` stops one;
the delivery report is sent by the dispatcher when nothing is left to send.
"""

from __future__ import annotations

from collections import Counter
from typing import ClassVar, Literal

from handlers.dialogue import Dialogue
from handlers.messages import Reply
from handlers.numbers import choice_number
from handlers.services import Services
from handlers.texts import broadcasts as texts
from handlers.texts import core as core_texts
from handlers.texts import units as units_texts
from handlers.turn import Turn
from knowledge.textnorm import fold
from storage.records import CANCELLED, FAILED, PENDING, SENT, ContactRecord, NewMessage

MAX_BROADCAST_LENGTH = 2000  # Zalo's limit for one message; Telegram's is larger
Audience = Literal["all", "group", "plan", "units"]
AUDIENCES: tuple[Audience, ...] = ("all", "group", "plan", "units")


class BroadcastDialogue(Dialogue):
    """An announcement being written: its text, then its audience, then the confirmation."""

    FLOW: ClassVar[str] = "broadcast"

    step: Literal["text", "audience", "target", "confirm"]
    text: str = ""
    audience: Audience | None = None
    label: str = ""  # the audience as the admin will read it in reports
    contacts: tuple[int, ...] = ()

    def at(self, step: str, **changes: object) -> BroadcastDialogue:
        return self.model_copy(update={"step": step, **changes})


class Broadcasts:
    def __init__(self, services: Services) -> None:
        self.services = services
        self.directory = services.directory

    async def command(self, turn: Turn, args: str) -> Reply:
        sub, _, rest = args.partition(" ")
        if fold(sub) == "tinhhinh":
            return await self.progress(turn)
        if fold(sub) == "huy":
            return await self.cancel(turn, rest.strip())
        text = args.strip() or (turn.message.quoted or "").strip()
        if not text:
            turn.wait(BroadcastDialogue(step="text"))
            return turn.reply(texts.BROADCAST_ASK_TEXT)
        return self._ask_audience(turn, text)

    def _ask_audience(self, turn: Turn, text: str) -> Reply:
        if len(text) > MAX_BROADCAST_LENGTH:
            turn.wait(BroadcastDialogue(step="text"))
            return turn.reply(texts.BROADCAST_TOO_LONG.format(limit=MAX_BROADCAST_LENGTH,
                                                              length=len(text)))
        return turn.ask(texts.BROADCAST_ASK_AUDIENCE, texts.BROADCAST_AUDIENCES,
                        BroadcastDialogue(step="audience", text=text))

    async def continue_flow(self, turn: Turn, state: Dialogue, choice: int | None,
                            text: str) -> Reply:
        assert isinstance(state, BroadcastDialogue)
        if state.step == "text":
            return self._ask_audience(turn, text)
        if state.step == "audience" and choice is not None:
            audience = AUDIENCES[choice]
            if audience == "all":
                return await self._preview(turn, state, await turn.uow.contacts.reachable(),
                                           texts.BROADCAST_ALL)
            turn.wait(state.at("target", audience=audience))
            return turn.reply(texts.BROADCAST_ASK_TARGET[audience])
        if state.step == "target":
            return await self._target(turn, state, text)
        if state.step == "confirm" and choice is not None:
            if choice == 0:
                return await self._send(turn, state)
            return turn.reply(texts.BROADCAST_DROPPED)
        turn.keep()
        return turn.reply(core_texts.CHOOSE_OR_CANCEL, state.options)

    async def _target(self, turn: Turn, state: BroadcastDialogue, text: str) -> Reply:
        audience = state.audience
        unit_ids: list[int]
        if audience == "group":
            units = await self.directory.in_group(turn.uow, text)
            if not units:
                return self._retry(turn, units_texts.GROUP_EMPTY.format(group=text))
            unit_ids = [u.id for u in units]
            label = texts.BROADCAST_GROUP.format(group=text)
        elif audience == "plan":
            plans = self.services.tasks.plans_named(text, turn.today)
            if not plans or len(plans) != 1:
                return self._retry(turn, texts.BROADCAST_PLAN_UNKNOWN.format(text=text))
            plan_id = next(iter(plans))
            assigned = {a.unit_id for a in await turn.uow.assignments.all()
                        if a.task_key.startswith(f"{plan_id}/")}
            unit_ids = sorted(assigned)
            label = texts.BROADCAST_PLAN.format(plan=self.services.kb.plan(plan_id).title)
        else:
            unit_ids = []
            for name in (n for n in text.split(";") if n.strip()):
                found = await self.directory.lookup(turn.uow, name)
                if len(found.exact) != 1:
                    return self._retry(turn, texts.BROADCAST_UNKNOWN_UNIT.format(
                        name=name.strip()))
                unit_ids.append(found.exact[0].id)
            label = texts.BROADCAST_UNITS.format(count=len(unit_ids))
        contacts = await turn.uow.contacts.reachable(unit_ids)
        return await self._preview(turn, state, contacts, label)

    @staticmethod
    def _retry(turn: Turn, problem: str) -> Reply:
        turn.keep()
        return turn.reply(f"{problem}\n{texts.BROADCAST_TRY_AGAIN}")

    async def _preview(self, turn: Turn, state: BroadcastDialogue,
                       contacts: list[ContactRecord], label: str) -> Reply:
        if not contacts:
            return turn.reply(texts.BROADCAST_NOBODY.format(audience=label))
        per_channel = Counter(c.channel for c in contacts)
        channels = ", ".join(f"{texts.CHANNEL_NAMES.get(ch, ch)}: {n}"
                             for ch, n in sorted(per_channel.items()))
        units = len({c.unit_id for c in contacts})
        preview = texts.BROADCAST_PREVIEW.format(text=state.text, audience=label,
                                                 count=len(contacts), units=units,
                                                 channels=channels)
        return turn.ask(preview, texts.BROADCAST_CONFIRM,
                        state.at("confirm", label=label, contacts=tuple(c.id for c in contacts)))

    async def _send(self, turn: Turn, state: BroadcastDialogue) -> Reply:
        wanted = set(state.contacts)
        contacts = [c for c in await turn.uow.contacts.reachable() if c.id in wanted]
        broadcast = await turn.uow.broadcasts.add(
            created_by=turn.user, notify_chat=f"{turn.message.channel}:{turn.message.reply_to}",
            text=state.text, audience=state.label, now=turn.now)
        queued = await turn.uow.outbox.enqueue([
            NewMessage(dedupe_key=f"broadcast:{broadcast.id}:contact:{c.id}",
                       channel=c.channel, chat=c.chat,
                       text=texts.BROADCAST_MESSAGE.format(text=state.text),
                       contact_id=c.id, broadcast_id=broadcast.id) for c in contacts], turn.now)
        turn.record("broadcast_queued", state.label, broadcast=broadcast.id, count=queued)
        return turn.reply(texts.BROADCAST_QUEUED.format(count=queued, id=broadcast.id))

    async def progress(self, turn: Turn) -> Reply:
        recent = await turn.uow.broadcasts.recent()
        if not recent:
            return turn.reply(texts.BROADCAST_NONE)
        lines = [texts.BROADCAST_PROGRESS_TITLE]
        for broadcast in recent:
            counts = await turn.uow.outbox.counts(broadcast.id)
            lines.append(texts.BROADCAST_PROGRESS_LINE.format(
                id=broadcast.id, audience=broadcast.audience, sent=counts.get(SENT, 0),
                pending=counts.get(PENDING, 0), failed=counts.get(FAILED, 0),
                cancelled=counts.get(CANCELLED, 0)))
        return turn.reply("\n".join(lines))

    async def cancel(self, turn: Turn, args: str) -> Reply:
        number = choice_number(args)
        if number is None:
            return turn.reply(texts.BROADCAST_CANCEL_USAGE)
        broadcast = await turn.uow.broadcasts.get(number) if number else None
        if broadcast is None:
            return turn.reply(texts.BROADCAST_NOT_FOUND.format(id=args))
        stopped = await turn.uow.outbox.cancel_broadcast(broadcast.id)
        await turn.uow.broadcasts.cancel(broadcast.id, turn.now)
        turn.record("broadcast_cancelled", broadcast.audience, broadcast=broadcast.id,
                    stopped=stopped)
        return turn.reply(texts.BROADCAST_CANCELLED.format(id=broadcast.id, count=stopped))
