"""A stored draft as the admin sees and corrects it: its tasks numbered in the plan's order,
each deadline shown as written beside its reading, the doubts the reader had, and what
changed against the version it replaces."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

from handlers.texts import plans as texts
from knowledge.deadlines import parse_deadline
from knowledge.loader import section_ref
from knowledge.schema import Deadline, DeadlineKind, Plan
from storage.records import PlanRecord

MAX_TASK_TEXT = 220
MAX_DOUBTS = 10


def day(value: Any) -> str:
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


def tasks_of(content: dict[str, Any]) -> list[dict[str, Any]]:
    """The plan's tasks (obligations and windows) in the plan's order, as stored."""
    return list(_walk(content.get("sections", [])))


def _walk(sections: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for section in sections:
        yield from section.get("tasks", [])
        yield from _walk(section.get("sections", []))


def obligations_of(content: dict[str, Any]) -> list[dict[str, Any]]:
    return [t for _, t in numbered(content)]


def numbered(content: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The obligations in the plan's order, each with its section ref ("II.1.2")."""
    return [(ref, t) for ref, t in _refs(content.get("sections", []), ())
            if t.get("kind", "obligation") == "obligation"]


def _refs(sections: list[dict[str, Any]], path: tuple[str, ...]
          ) -> Iterator[tuple[str, dict[str, Any]]]:
    for section in sections:
        here = (*path, str(section.get("number", "")))
        for task in section.get("tasks", []):
            yield section_ref(here), task
        yield from _refs(section.get("sections", []), here)


def reading(deadline: Deadline) -> str:
    if deadline.kind is DeadlineKind.RECURRING:
        return texts.READING_RECURRING.format(
            recurrence=texts.RECURRENCES.get(deadline.recurrence or "", deadline.recurrence))
    if deadline.kind is DeadlineKind.ONGOING:
        return texts.READING_ONGOING
    if deadline.kind is DeadlineKind.RELATIVE:
        return texts.READING_RELATIVE
    if deadline.start and deadline.end and deadline.start != deadline.end:
        return texts.READING_WINDOW.format(start=day(deadline.start), end=day(deadline.end))
    return texts.READING_DATE.format(end=day(deadline.end)) if deadline.end else "?"


def render(record: PlanRecord, replaces: PlanRecord | None, file_name: str) -> str:
    plan = Plan.model_validate(record.content)
    names = {u["id"]: u["name"] for u in record.units.get("units", [])}
    lines = [texts.DRAFT_TITLE.format(id=record.id, file=file_name)]
    if replaces is not None:
        lines.append(texts.DRAFT_NEW_VERSION.format(plan=plan.number or plan.title,
                                                    version=replaces.version))
    lines.extend(_identity(plan))
    obligations = numbered(record.content)
    lines.append(texts.DRAFT_TASKS.format(count=len(obligations)))
    index = {t["id"]: n for n, (_, t) in enumerate(obligations, 1)}
    for number, (ref, task) in enumerate(obligations, 1):
        lines.extend(_task(number, ref, task, plan.year, names, index))
    if plan.outlines:
        lines.append(texts.DRAFT_OUTLINES.format(titles="; ".join(o.title for o in plan.outlines)))
    if plan.topics:
        lines.append(texts.DRAFT_TOPICS.format(titles="; ".join(t.title for t in plan.topics)))
    doubts = (record.draft or {}).get("doubts", [])[:MAX_DOUBTS]
    if doubts:
        lines.append(texts.DRAFT_DOUBTS)
        lines.extend(texts.DRAFT_DOUBT.format(text=d.get("text", "")[:200]) for d in doubts)
    if replaces is not None:
        lines.extend(changes(replaces.content, record.content))
    lines.append(texts.DRAFT_HOW)
    return "\n".join(lines)


def _identity(plan: Plan) -> list[str]:
    when = texts.DRAFT_WHEN.format(date=day(plan.date)) if plan.date else ""
    if plan.place:
        when += texts.DRAFT_PLACE.format(place=plan.place)
    lines = [texts.DRAFT_IDENTITY.format(number=plan.number or texts.DRAFT_NO_NUMBER,
                                         issuer=plan.issuer, when=when),
             texts.DRAFT_TITLE_LINE.format(title=plan.title)]
    if plan.signer:
        capacity = ", ".join(p for p in (plan.signer.on_behalf_of, plan.signer.position) if p)
        lines.append(texts.DRAFT_SIGNER.format(name=plan.signer.name,
                                               capacity=f" ({capacity})" if capacity else ""))
    cited = [d.number for d in plan.documents if d.id in plan.implements and d.number]
    if cited:
        lines.append(texts.DRAFT_BASIS.format(documents="; ".join(cited)))
    return lines


def _task(number: int, section: str, task: dict[str, Any], year: int, names: dict[str, str],
          index: dict[str, int]) -> list[str]:
    text = task["text"] if len(task["text"]) <= MAX_TASK_TEXT else (
        task["text"][:MAX_TASK_TEXT - 1] + "…")
    lines = [texts.DRAFT_TASK.format(n=number, section=section, text=text)]
    leads = [names.get(u["unit"], u["unit"]) for u in task.get("units", [])
             if u.get("role", "lead") == "lead"]
    supports = [names.get(u["unit"], u["unit"]) for u in task.get("units", [])
                if u.get("role") == "support"]
    parts = ([texts.DRAFT_LEAD.format(names="; ".join(leads))] if leads else []) + (
        [texts.DRAFT_SUPPORT.format(names="; ".join(supports))] if supports else [])
    lines.append(texts.DRAFT_TASK_UNITS.format(units=", ".join(parts)) if parts
                 else texts.DRAFT_NO_UNIT)
    if task.get("deadline"):
        deadline = parse_deadline(task["deadline"], year)
        lines.append(texts.DRAFT_TASK_DEADLINE.format(phrase=task["deadline"],
                                                      reading=reading(deadline)))
    else:
        lines.append(texts.DRAFT_NO_DEADLINE)
    if task.get("restates") in index:
        lines.append(texts.DRAFT_TASK_RESTATES.format(n=index[task["restates"]]))
    return lines


def changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """What a new version changes in the obligations and their deadlines."""
    before = {t["id"]: t for t in obligations_of(old)}
    after = obligations_of(new)
    lines = [texts.DRAFT_CHANGES]
    for number, task in enumerate(after, 1):
        earlier = before.pop(task["id"], None)
        if earlier is None:
            lines.append(texts.DRAFT_ADDED.format(n=number, text=task["summary"]))
        elif (earlier.get("deadline") or "") != (task.get("deadline") or ""):
            lines.append(texts.DRAFT_CHANGED.format(n=number, old=earlier.get("deadline") or "—",
                                                    new=task.get("deadline") or "—"))
    lines.extend(texts.DRAFT_REMOVED.format(text=t["summary"]) for t in before.values())
    if len(lines) == 1:
        lines.append(texts.DRAFT_NO_CHANGES)
    return lines


def with_deadline(content: dict[str, Any], number: int, phrase: str) -> dict[str, Any]:
    changed = copy.deepcopy(content)
    obligations_of(changed)[number - 1]["deadline"] = phrase
    return changed


def with_units(content: dict[str, Any], number: int, unit_ids: list[str]) -> dict[str, Any]:
    changed = copy.deepcopy(content)
    obligations_of(changed)[number - 1]["units"] = [{"unit": u, "role": "lead"}
                                                    for u in unit_ids]
    return changed


def without(content: dict[str, Any], number: int) -> dict[str, Any]:
    changed = copy.deepcopy(content)
    target = obligations_of(changed)[number - 1]
    for task in tasks_of(changed):
        if task.get("restates") == target["id"]:
            task.pop("restates")
    _remove(changed.get("sections", []), target)
    return changed


def _remove(sections: list[dict[str, Any]], target: dict[str, Any]) -> None:
    for section in sections:
        section["tasks"] = [t for t in section.get("tasks", []) if t is not target]
        _remove(section.get("sections", []), target)
