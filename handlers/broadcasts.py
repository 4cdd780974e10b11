"""/thongbao: an admin writes an announcement, picks who gets it, sees a preview with the count
per channel, confirms, and the messages go into the outbox in the same transaction.

``/thongbao tinhhinh`` shows the progress of recent broadcasts, ``/thongbao huy N`` stops one;
the delivery report is sent by the dispatcher when nothing is left to send.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from handlers import texts
from handlers.directory import UnitDirectory
from handlers.messages import Reply
from handlers.progress import TaskFinder
from handlers.turn import Turn
from handlers.units_admin import UnitsAdmin
from knowledge.textnorm import fold
from storage.models import ContactRow
from storage.outbox import CANCELLED, FAILED, PENDING, SENT, NewMessage

MAX_BROADCAST_LENGTH = 2000  # Zalo's limit for one message; Telegram's is larger
AUDIENCES = ("all", "group", "plan", "units")


class Broadcasts:
    def __init__(self, finder: TaskFinder, directory: UnitDirectory, units: UnitsAdmin) -> None:
        self.finder = finder
        self.directory = directory
        self.units = units

    async def command(self, turn: Turn, args: str) -> Reply:
        sub, _, rest = args.partition(" ")
        if fold(sub) == "tinhhinh":
            return await self.progress(turn)
        if fold(sub) == "huy":
            return await self.cancel(turn, rest.strip())
        text = args.strip() or (turn.message.quoted or "").strip()
        if not text:
            turn.next_dialogue = {"flow": "broadcast", "step": "text"}
            return turn.reply(texts.BROADCAST_ASK_TEXT)
        return self._ask_audience(turn, text)

    def _ask_audience(self, turn: Turn, text: str) -> Reply:
        if len(text) > MAX_BROADCAST_LENGTH:
            turn.next_dialogue = {"flow": "broadcast", "step": "text"}
            return turn.reply(texts.BROADCAST_TOO_LONG.format(limit=MAX_BROADCAST_LENGTH,
                                                              length=len(text)))
        return turn.ask(texts.BROADCAST_ASK_AUDIENCE, texts.BROADCAST_AUDIENCES,
                        {"flow": "broadcast", "step": "audience", "text": text})

    async def continue_flow(self, turn: Turn, state: dict[str, Any], choice: int | None,
                            text: str) -> Reply:
        step = state.get("step")
        if step == "text":
            return self._ask_audience(turn, text)
        if step == "audience" and choice is not None:
            audience = AUDIENCES[choice]
            if audience == "all":
                return await self._preview(turn, state, await turn.uow.contacts.reachable(),
                                           texts.BROADCAST_ALL)
            turn.next_dialogue = {**state, "step": "target", "audience": audience,
                                  "options": []}
            return turn.reply(texts.BROADCAST_ASK_TARGET[audience])
        if step == "target":
            return await self._target(turn, state, text)
        if step == "confirm" and choice is not None:
            if choice == 0:
                return await self._send(turn, state)
            return turn.reply(texts.BROADCAST_DROPPED)
        turn.next_dialogue = state
        return turn.reply(texts.REPORT_CHOOSE_OR_CANCEL, tuple(state.get("options", ())))

    async def _target(self, turn: Turn, state: dict[str, Any], text: str) -> Reply:
        audience = state["audience"]
        unit_ids: list[int]
        if audience == "group":
            units = await self.directory.in_group(turn.uow, text)
            if not units:
                return self._retry(turn, state, texts.GROUP_EMPTY.format(group=text))
            unit_ids = [u.id for u in units]
            label = texts.BROADCAST_GROUP.format(group=text)
        elif audience == "plan":
            plans = self.finder.engine.reader.read(text, turn.today).plans
            if not plans or len(plans) != 1:
                return self._retry(turn, state, texts.BROADCAST_PLAN_UNKNOWN.format(text=text))
            plan_id = next(iter(plans))
            assigned = {a.unit_id for a in await turn.uow.assignments.all()
                        if a.task_key.startswith(f"{plan_id}/")}
            unit_ids = sorted(assigned)
            label = texts.BROADCAST_PLAN.format(
                plan=next(p for p in self.finder.engine.kb.plans if p.id == plan_id).title)
        else:
            unit_ids = []
            for name in (n for n in text.split(";") if n.strip()):
                found = await self.directory.lookup(turn.uow, name)
                if len(found.exact) != 1:
                    return self._retry(turn, state,
                                       texts.ASSIGN_UNKNOWN_UNIT.format(name=name.strip()))
                unit_ids.append(found.exact[0].id)
            label = texts.BROADCAST_UNITS.format(count=len(unit_ids))
        contacts = await turn.uow.contacts.reachable(unit_ids)
        return await self._preview(turn, state, contacts, label)

    @staticmethod
    def _retry(turn: Turn, state: dict[str, Any], problem: str) -> Reply:
        turn.next_dialogue = state
        return turn.reply(f"{problem}\n{texts.BROADCAST_TRY_AGAIN}")

    async def _preview(self, turn: Turn, state: dict[str, Any], contacts: list[ContactRow],
                       label: str) -> Reply:
        if not contacts:
            return turn.reply(texts.BROADCAST_NOBODY.format(audience=label))
        per_channel = Counter(c.user.split(":", 1)[0] for c in contacts)
        channels = ", ".join(f"{texts.CHANNEL_NAMES.get(ch, ch)}: {n}"
                             for ch, n in sorted(per_channel.items()))
        units = len({c.unit_id for c in contacts})
        preview = texts.BROADCAST_PREVIEW.format(text=state["text"], audience=label,
                                                 count=len(contacts), units=units,
                                                 channels=channels)
        return turn.ask(preview, texts.BROADCAST_CONFIRM,
                        {**state, "step": "confirm", "label": label,
                         "contacts": [c.id for c in contacts]})

    async def _send(self, turn: Turn, state: dict[str, Any]) -> Reply:
        wanted = set(state["contacts"])
        contacts = [c for c in await turn.uow.contacts.reachable() if c.id in wanted]
        broadcast = await turn.uow.broadcasts.add(
            created_by=turn.user, notify_chat=f"{turn.message.channel}:{turn.message.reply_to}",
            text=state["text"], audience=state["label"], now=turn.now)
        queued = await turn.uow.outbox.enqueue([
            NewMessage(dedupe_key=f"broadcast:{broadcast.id}:contact:{c.id}",
                       channel=c.user.split(":", 1)[0], chat=c.chat,
                       text=texts.BROADCAST_MESSAGE.format(text=state["text"]),
                       contact_id=c.id, broadcast_id=broadcast.id) for c in contacts], turn.now)
        turn.record("broadcast_queued", state["label"], broadcast=broadcast.id, count=queued)
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
        if not args.isdigit():
            return turn.reply(texts.BROADCAST_CANCEL_USAGE)
        broadcast = await turn.uow.broadcasts.get(int(args))
        if broadcast is None:
            return turn.reply(texts.BROADCAST_NOT_FOUND.format(id=args))
        stopped = await turn.uow.outbox.cancel_broadcast(broadcast.id)
        if broadcast.cancelled_at is None:
            broadcast.cancelled_at = turn.now
        turn.record("broadcast_cancelled", broadcast.audience, broadcast=broadcast.id,
                    stopped=stopped)
        return turn.reply(texts.BROADCAST_CANCELLED.format(id=broadcast.id, count=stopped))


def broadcast_progress(broadcast_id: int, audience: str, counts: dict[str, int]) -> str:
    """The admin's notice while a broadcast is still being sent."""
    return texts.BROADCAST_PROGRESS_NOTICE.format(
        id=broadcast_id, audience=audience, sent=counts.get(SENT, 0),
        total=sum(counts.values()), failed=counts.get(FAILED, 0),
        pending=counts.get(PENDING, 0))


def delivery_report(broadcast_id: int, audience: str, counts: dict[str, int],
                    failures: list[tuple[str, str | None]], blocked: list[str]) -> str:
    """The admin's report once a broadcast has nothing left to send."""
    lines = [texts.BROADCAST_REPORT.format(id=broadcast_id, audience=audience,
                                           sent=counts.get(SENT, 0),
                                           failed=counts.get(FAILED, 0),
                                           cancelled=counts.get(CANCELLED, 0))]
    reasons = Counter(reason or texts.UNKNOWN_REASON for _, reason in failures)
    lines.extend(texts.BROADCAST_REPORT_REASON.format(reason=reason, count=count)
                 for reason, count in reasons.most_common())
    if blocked:
        lines.append(texts.BROADCAST_REPORT_BLOCKED.format(names="; ".join(blocked)))
    return "\n".join(lines)
