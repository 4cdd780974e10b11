"""The admins' reminder commands: /lichnhac (preview), /tamdung and /tieptuc (pause, resume a
task, a unit or a plan), /chinhnhac (a plan's or a task's own policy)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import ClassVar, Literal

from handlers.citations import plan_name
from handlers.clock import PLAN_TIMEZONE
from handlers.commands import split_args
from handlers.dialogue import Dialogue
from handlers.messages import Reply
from handlers.numbers import choice_number
from handlers.reminders.messages import day_label, weekday_label
from handlers.reminders.planner import Planned, Planner
from handlers.reminders.policy import PolicyError, ReminderPolicy
from handlers.services import Services
from handlers.tasks import task_label
from handlers.texts import reminders as texts
from handlers.texts import reports as report_texts
from handlers.turn import Turn
from knowledge.textnorm import fold

DEFAULT_PREVIEW_DAYS = 7
MAX_PREVIEW_DAYS = 60
MAX_PREVIEW_LINES = 40
Scope = Literal["task", "unit", "plan"]


class PickTaskDialogue(Dialogue):
    """Several tasks match what the admin typed: which one to pause, resume or set."""

    FLOW: ClassVar[str] = "reminder_task"

    action: Literal["pause", "resume", "policy"]
    tasks: tuple[str, ...]
    policy: tuple[tuple[int, ...], int] | None = None


class ReminderCommands:
    def __init__(self, services: Services, planner: Planner) -> None:
        self.services = services
        self.planner = planner

    # -- /lichnhac ------------------------------------------------------------------------

    async def preview(self, turn: Turn, args: str) -> Reply:
        days = choice_number(args) if args.strip() else DEFAULT_PREVIEW_DAYS
        if days is None or not 1 <= days <= MAX_PREVIEW_DAYS:
            return turn.reply(texts.PREVIEW_BAD_DAYS.format(limit=MAX_PREVIEW_DAYS))
        end = turn.now + dt.timedelta(days=days)
        planned = await self.planner.preview(turn.uow, turn.now, end)
        start_day, end_day = turn.today, end.astimezone(PLAN_TIMEZONE).date()
        if not planned:
            return turn.reply(texts.PREVIEW_NONE.format(days=days, start=day_label(start_day),
                                                        end=day_label(end_day)))
        contacts: dict[int, int] = defaultdict(int)
        for contact in await turn.uow.contacts.reachable():
            contacts[contact.unit_id] += 1
        lines = [texts.PREVIEW_TITLE.format(days=days, start=day_label(start_day),
                                            end=day_label(end_day))]
        shown_day = None
        for plan in sorted(planned, key=lambda p: (p.at, p.item.unit.name))[:MAX_PREVIEW_LINES]:
            day = plan.at.astimezone(PLAN_TIMEZONE).date()
            if day != shown_day:
                lines.append(texts.PREVIEW_DAY.format(day=weekday_label(day)))
                shown_day = day
            lines.append(_preview_line(plan, contacts.get(plan.item.unit.id, 0)))
        if len(planned) > MAX_PREVIEW_LINES:
            lines.append(texts.PREVIEW_MORE.format(count=len(planned) - MAX_PREVIEW_LINES))
        return turn.reply("\n".join(lines))

    # -- /tamdung, /tieptuc ----------------------------------------------------------------

    async def pause(self, turn: Turn, args: str) -> Reply:
        return await self._pause_or_resume(turn, args, "pause")

    async def resume(self, turn: Turn, args: str) -> Reply:
        return await self._pause_or_resume(turn, args, "resume")

    async def _pause_or_resume(self, turn: Turn, args: str,
                               action: Literal["pause", "resume"]) -> Reply:
        if not args.strip():
            return await self._pauses(turn)
        head, _, rest = args.strip().partition(" ")
        if fold(head) in ("donvi", "don vi") and rest.strip():
            unit = await self.services.directory.resolve(turn, rest, f"/{_command(action)} donvi")
            if isinstance(unit, Reply):
                return unit
            return await self._set_pause(turn, action, "unit", str(unit.id),
                                         texts.PAUSE_UNIT.format(unit=unit.name))
        if fold(head) in ("kehoach", "ke hoach", "kh") and rest.strip():
            return await self._plan_pause(turn, action, rest)
        return await self._task_target(turn, args, action, None)

    async def _plan_pause(self, turn: Turn, action: Literal["pause", "resume"],
                          text: str) -> Reply:
        plan = self._plan(turn, text)
        if plan is None:
            return turn.reply(texts.PAUSE_NOT_FOUND.format(what=texts.PAUSE_WHAT["plan"],
                                                           text=text.strip()))
        return await self._set_pause(turn, action, "plan", plan[0], plan[1])

    async def _set_pause(self, turn: Turn, action: str, scope: Scope, key: str,
                         label: str) -> Reply:
        if action == "pause":
            done = await turn.uow.pauses.add(scope=scope, key=key, label=label, by=turn.user,
                                             now=turn.now)
            if done:
                turn.record("reminders_paused", label, scope=scope, key=key)
            return turn.reply((texts.PAUSED if done else texts.ALREADY_PAUSED).format(
                target=label))
        done = await turn.uow.pauses.remove(scope, key)
        if done:
            turn.record("reminders_resumed", label, scope=scope, key=key)
        return turn.reply((texts.RESUMED if done else texts.NOT_PAUSED).format(target=label))

    async def _pauses(self, turn: Turn) -> Reply:
        paused = await turn.uow.pauses.all()
        if not paused:
            return turn.reply(texts.PAUSE_USAGE)
        lines = [texts.PAUSES_TITLE]
        lines.extend(texts.PAUSES_LINE.format(
            label=p.label, at=day_label(p.paused_at.astimezone(PLAN_TIMEZONE).date()),
            by=p.paused_by) for p in paused)
        lines.append(texts.PAUSE_USAGE)
        return turn.reply("\n".join(lines))

    # -- /chinhnhac ------------------------------------------------------------------------

    async def set_policy(self, turn: Turn, args: str) -> Reply:
        parts = split_args(args)
        if len(parts) != 3 or not parts[0]:
            return turn.reply(texts.POLICY_USAGE)
        try:
            before = tuple(sorted({int(d) for d in parts[1].replace(";", ",").split(",")
                                   if d.strip()}, reverse=True))
            overdue = int(parts[2])
            policy = ReminderPolicy(before, overdue).check()
        except ValueError as error:
            code = str(error) if isinstance(error, PolicyError) else "not_numbers"
            return turn.reply(f"{texts.POLICY_BAD[code]}\n{texts.POLICY_USAGE}")
        plan = self._plan(turn, parts[0]) if _names_a_plan(parts[0]) else None
        if plan is not None:
            return await self._save_policy(turn, "plan", plan[0], plan[1], policy)
        return await self._task_target(turn, parts[0], "policy", policy)

    async def _save_policy(self, turn: Turn, scope: Scope, key: str, label: str,
                           policy: ReminderPolicy) -> Reply:
        await turn.uow.policies.put(scope=scope, key=key, before=policy.before,
                                    overdue_every=policy.overdue_every, by=turn.user,
                                    now=turn.now)
        turn.record("reminder_policy_set", label, scope=scope, key=key,
                    before=list(policy.before), overdue_every=policy.overdue_every)
        overdue = (texts.POLICY_OVERDUE.format(days=policy.overdue_every)
                   if policy.overdue_every else texts.POLICY_NO_OVERDUE)
        before = ", ".join(str(d) for d in policy.before) or "0"
        return turn.reply(texts.POLICY_SET.format(target=label, before=before, overdue=overdue))

    # -- a task, named in words --------------------------------------------------------------

    async def _task_target(self, turn: Turn, text: str, action: Literal["pause", "resume",
                           "policy"], policy: ReminderPolicy | None) -> Reply:
        tasks = self.services.tasks.find(text, turn.today)
        if not tasks:
            if action == "policy":
                return turn.reply(texts.POLICY_NOT_FOUND.format(text=text.strip()))
            return turn.reply(texts.PAUSE_NOT_FOUND.format(what=texts.PAUSE_WHAT["task"],
                                                           text=text.strip()))
        if len(tasks) > 1:
            state = PickTaskDialogue(action=action, tasks=tuple(t.key for t in tasks),
                                     policy=(policy.before, policy.overdue_every)
                                     if policy else None)
            return turn.ask(report_texts.TASK_WHICH, tuple(task_label(t) for t in tasks), state)
        return await self._on_task(turn, action, tasks[0].key, policy)

    async def continue_flow(self, turn: Turn, state: Dialogue, choice: int | None,
                            _text: str) -> Reply | None:
        assert isinstance(state, PickTaskDialogue)
        if choice is None:
            return None
        policy = ReminderPolicy(*state.policy) if state.policy else None
        return await self._on_task(turn, state.action, state.tasks[choice], policy)

    async def _on_task(self, turn: Turn, action: str, key: str,
                       policy: ReminderPolicy | None) -> Reply:
        record = self.services.tasks.tasks.get(key)
        if record is None:
            return turn.reply(report_texts.REPORT_TASK_GONE)
        label = texts.PAUSE_TASK.format(task=task_label(record))
        if action == "policy" and policy is not None:
            return await self._save_policy(turn, "task", key, label, policy)
        return await self._set_pause(turn, action, "task", key, label)

    def _plan(self, turn: Turn, text: str) -> tuple[str, str] | None:
        plans = self.services.tasks.plans_named(text, turn.today)
        if not plans or len(plans) != 1:
            return None
        plan = self.services.kb.plan(next(iter(plans)))
        return plan.id, texts.PAUSE_PLAN.format(plan=plan_name(plan))


def _command(action: str) -> str:
    return "tamdung" if action == "pause" else "tieptuc"


def _names_a_plan(text: str) -> bool:
    key = fold(text).strip()
    return key.startswith(("ke hoach", "kh ", "kehoach"))


def _preview_line(plan: Planned, contacts: int) -> str:
    kind = plan.moment.kind
    if kind.startswith("before:"):
        # the days as the contact reads them: a reminder moved off a weekend is further out
        label = texts.KIND_BEFORE.format(days=(plan.item.due - plan.moment.day).days)
    elif kind.startswith("overdue:"):
        label = texts.KIND_OVERDUE.format(days=kind.partition(":")[2])
    else:
        label = texts.KIND_DUE
    reach = (texts.PREVIEW_CONTACTS.format(count=contacts) if contacts
             else texts.PREVIEW_NO_CONTACT)
    return texts.PREVIEW_LINE.format(unit=plan.item.unit.name,
                                     task=plan.item.obligation.record.task.summary, kind=label,
                                     due=day_label(plan.item.due), contacts=reach)
