"""A reviewed draft turned into the validated plan the knowledge base holds (schema.Plan) and
the directory of the units it names, so an imported plan is answered about, assigned and
reminded of exactly like a bundled one.

Pure: the caller says what the plan is called (its id and organisation), how a unit name maps
to a unit the office already has, and which task ids to keep from an earlier version (so its
assignments and reports carry over).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from knowledge.imports.draft import DraftTask, PlanDraft
from knowledge.schema import DeadlineKind, Plan, UnitDirectory
from knowledge.textnorm import fold, nfc

MAX_SUMMARY = 120
_SENTENCE = re.compile(r"(?<=[.;:])\s")
_CATEGORY = ("cac ", "nhung ", "cap uy cac", "toan the", "moi ")
_KINDS = (("chi bo", "party_cell"), ("dang bo", "party_cell"), ("dang uy", "committee"),
          ("ban thuong vu", "committee"), ("huyen uy", "committee"), ("tinh uy", "committee"),
          ("thanh uy", "committee"), ("ban ", "board"), ("van phong", "board"),
          ("uy ban nhan dan", "government"), ("ubnd", "government"), ("so ", "government"),
          ("phong ", "government"), ("mat tran", "mass_organisation"),
          ("doan ", "mass_organisation"), ("hoi ", "mass_organisation"),
          ("cong doan", "mass_organisation"))
UnitResolver = Callable[[str], str | None]


def summary_of(text: str) -> str:
    first = _SENTENCE.split(text.strip(), maxsplit=1)[0].rstrip(" .;:")
    return first if len(first) <= MAX_SUMMARY else first[:MAX_SUMMARY - 1].rstrip() + "…"


def unit_kind(name: str) -> str:
    key = fold(name)
    key = key.removeprefix("cac ").removeprefix("cap uy cac ")
    return next((kind for prefix, kind in _KINDS if key.startswith(prefix)), "other")


def is_category(name: str) -> bool:
    return fold(name).startswith(_CATEGORY)


def to_plan(draft: PlanDraft, *, plan_id: str, organisation: str,
            known_unit: UnitResolver = lambda _name: None,
            keep_ids: Mapping[int, str] | None = None) -> tuple[Plan, UnitDirectory]:
    """The plan and its units. ``known_unit`` gives the id of a unit the office already has
    for a name (or None: the unit is added under ``organisation``); ``keep_ids`` the task id
    an earlier version gave to the draft task at that index."""
    doc = draft.document
    year = doc.year or (doc.date.year if doc.date else 2000)
    units: dict[str, dict[str, Any]] = {}
    tasks_by_section: dict[str, list[dict[str, Any]]] = {}
    ids = _task_ids(draft.tasks, keep_ids or {})
    for index, task in enumerate(draft.tasks):
        entry = _task(task, ids[index], ids, lambda name: _unit_id(
            name, units, organisation, known_unit))
        tasks_by_section.setdefault(task.section or "I", []).append(entry)
    for number, fact in enumerate(f for f in draft.facts if f.kind == "window"):
        window = {"id": f"w{number + 1}", "summary": summary_of(fact.text), "text": fact.text,
                  "kind": "window", "deadline": fact.deadline.phrase if fact.deadline else None}
        tasks_by_section.setdefault(fact.section or "I", []).append(window)
    documents = [{"id": f"d{n + 1}", "kind": d.kind, "number": d.number, "date": d.date,
                  "issuer": d.issuer} for n, d in enumerate(draft.documents)]
    plan = Plan.model_validate({
        "id": plan_id, "number": doc.number, "issuer": doc.issuer or "",
        "issuer_short": doc.issuer or "", "locality": doc.place or "",
        "organisation": organisation, "date": doc.date, "place": doc.place, "year": year,
        "title": doc.title or "", "aliases": _aliases(doc.number),
        "signer": _signer(doc.signer, doc.signer_capacity),
        "implements": [d["id"] for d, cited in zip(documents, draft.documents, strict=True)
                       if cited.basis],
        "documents": documents, "recipients": list(doc.recipients),
        "sections": _sections(tasks_by_section),
        "outlines": [{"id": f"o{n + 1}", "title": o.title, "sections": [
            {"number": p.number, "title": p.title, "items": list(p.items)} for p in o.parts]}
            for n, o in enumerate(draft.outlines)],
        "topics": [{"period": f"năm {year}", "title": f.text, "section": f.section}
                   for f in draft.facts if f.kind == "topic"],
    })
    directory = UnitDirectory.model_validate({
        "organisation": organisation, "name": doc.issuer or organisation,
        "units": list(units.values())})
    return plan, directory


def _task_ids(tasks: tuple[DraftTask, ...], keep: Mapping[int, str]) -> list[str]:
    used = set(keep.values())
    ids, counter = [], 0
    for index in range(len(tasks)):
        if index in keep:
            ids.append(keep[index])
            continue
        counter += 1
        while f"t{counter}" in used:
            counter += 1
        used.add(f"t{counter}")
        ids.append(f"t{counter}")
    return ids


# Words a reader can take for a unit's name that name no unit ("Đơn vị thực hiện: …").
_NOT_UNITS = frozenset({"don vi", "don vi thuc hien", "don vi chu tri", "don vi phoi hop",
                        "co quan", "co quan, don vi", "thoi gian", "noi dung"})


def _task(task: DraftTask, task_id: str, ids: list[str],
          unit: Callable[[str], str]) -> dict[str, Any]:
    deadline = task.deadline
    phrase = deadline.phrase if deadline and deadline.kind is not DeadlineKind.NONE else None
    entry: dict[str, Any] = {
        "id": task_id, "summary": summary_of(task.text), "text": task.text,
        "units": [{"unit": unit(u.name), "role": u.role} for u in task.units
                  if " ".join(fold(u.name).split()) not in _NOT_UNITS],
        "deadline": phrase, "is_report": "bao cao" in fold(task.text)}
    if task.restates is not None and 0 <= task.restates < len(ids):
        entry["restates"] = ids[task.restates]
    return entry


def _unit_id(name: str, units: dict[str, dict[str, Any]], organisation: str,
             known_unit: UnitResolver) -> str:
    key = fold(nfc(name))
    if key not in units:
        known = known_unit(name)
        units[key] = {"id": known or f"{organisation}.u{len(units) + 1}", "name": nfc(name),
                      "organisation": organisation, "kind": unit_kind(name),
                      "is_group": is_category(name)}
    return str(units[key]["id"])


def _sections(tasks_by_section: Mapping[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """The section tree the tasks' refs ("II.1.2") describe, in the plan's order."""
    root: dict[str, Any] = {"sections": []}
    for ref, tasks in tasks_by_section.items():
        node = root
        for depth, number in enumerate(ref.split(".")):
            path = ".".join(ref.split(".")[:depth + 1])
            child = next((s for s in node["sections"] if s["path"] == path), None)
            if child is None:
                child = {"number": number, "title": f"Mục {path}", "path": path,
                         "tasks": [], "sections": []}
                node["sections"].append(child)
            node = child
        node["tasks"].extend(tasks)
    return _strip(root["sections"])


def _strip(sections: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"number": s["number"], "title": s["title"], "tasks": s["tasks"],
             "sections": _strip(s["sections"])} for s in sections]


def _aliases(number: str | None) -> list[str]:
    if not number:
        return []
    digits = re.match(r"\d+", number)
    short = [f"Kế hoạch {digits.group(0)}", f"KH {digits.group(0)}"] if digits else []
    return [number, f"Kế hoạch {number}", f"Kế hoạch số {number}", *short]


def _signer(name: str | None, capacity: str | None) -> dict[str, Any] | None:
    if not name:
        return None
    parts = [p.strip() for p in (capacity or "").split(",") if p.strip()]
    behalf = next((p for p in parts if p.upper().startswith(("T/M", "K/T", "TM.", "KT."))), None)
    positions = [p for p in parts if p is not behalf]
    position = positions[-1].capitalize() if positions else ""
    return {"name": name, "position": position, "on_behalf_of": behalf}
