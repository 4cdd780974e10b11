"""Load and validate the plan and unit files into one read-only KnowledgeBase.

A malformed file fails with :class:`PlanFileError`, whose message names the file and the field
(``sections.1.tasks.0.deadline``), so whoever edits the data knows where to look.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import ValidationError

from knowledge.deadlines import parse_deadline
from knowledge.schema import (
    Deadline,
    DeadlineKind,
    Outline,
    OutlineSection,
    Plan,
    Section,
    Task,
    Unit,
    UnitDirectory,
)

M = TypeVar("M", Plan, UnitDirectory)
_SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DATE_LIKE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{4}\b")


class PlanFileError(ValueError):
    """A data file that does not fit the schema; the message names the file and the field."""

    def __init__(self, path: str, location: str, problem: str) -> None:
        self.path, self.location, self.problem = path, location, problem
        where = f"{path}: {location}" if location else path
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True)
class TaskRecord:
    """A task with what answering needs: its plan, section ref and the parsed deadline."""

    plan: Plan
    task: Task
    section_ref: str
    section_titles: tuple[str, ...]
    deadline: Deadline | None

    @property
    def key(self) -> str:
        return f"{self.plan.id}/{self.task.id}"


@dataclass(frozen=True)
class ParagraphRecord:
    plan: Plan
    section_ref: str
    section_titles: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class OutlineRecord:
    """One section of a report outline, with the numbers of its ancestors."""

    plan: Plan
    outline: Outline
    section: OutlineSection
    path: tuple[str, ...]  # ("II", "6")

    @property
    def ref(self) -> str:
        return ".".join(self.path)


@dataclass(frozen=True)
class KnowledgeBase:
    plans: tuple[Plan, ...]
    units: dict[str, Unit]
    tasks: tuple[TaskRecord, ...]
    paragraphs: tuple[ParagraphRecord, ...]
    outline_sections: tuple[OutlineRecord, ...]
    tasks_by_key: dict[str, TaskRecord] = field(default_factory=dict)

    def plan(self, plan_id: str) -> Plan:
        return next(p for p in self.plans if p.id == plan_id)

    def unit_name(self, unit_id: str) -> str:
        unit = self.units.get(unit_id)
        return unit.name if unit else unit_id


def section_ref(numbers: Iterable[str]) -> str:
    """("II", "1", "1.1") -> "II.1.1": a child written "1.1" already contains its parent "1"."""
    parts: list[str] = []
    for number in numbers:
        if parts and number.startswith(parts[-1] + "."):
            parts[-1] = number
        else:
            parts.append(number)
    return ".".join(parts)


def _location(error: dict[str, Any]) -> str:
    return ".".join(str(part) for part in error["loc"])


def _read_yaml(path: str, text: str) -> Any:
    try:
        return yaml.load(text, Loader=_SafeLoader)
    except yaml.YAMLError as exc:
        raise PlanFileError(path, "", f"YAML không hợp lệ: {exc}") from exc


def _validate(model: type[M], path: str, data: Any) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise PlanFileError(path, _location(dict(first)), first["msg"]) from exc


def _walk(sections: list[Section], numbers: tuple[str, ...] = (), titles: tuple[str, ...] = (),
          loc: str = "sections") -> Iterator[tuple[Section, tuple[str, ...], tuple[str, ...], str]]:
    for index, section in enumerate(sections):
        path, heads = (*numbers, section.number), (*titles, section.title)
        here = f"{loc}.{index}"
        yield section, path, heads, here
        yield from _walk(section.sections, path, heads, f"{here}.sections")


def _walk_outline(sections: list[OutlineSection], path: tuple[str, ...] = ()
                  ) -> Iterator[tuple[OutlineSection, tuple[str, ...]]]:
    for section in sections:
        here = (*path, section.number)
        yield section, here
        yield from _walk_outline(section.sections, here)


def _parse_task_deadline(plan: Plan, task: Task, path: str, loc: str) -> Deadline | None:
    if task.deadline is None:
        return None
    deadline = parse_deadline(task.deadline, plan.year)
    if _DATE_LIKE.search(task.deadline) and deadline.kind is DeadlineKind.NONE:
        raise PlanFileError(path, f"{loc}.deadline", f"ngày không hợp lệ: {task.deadline!r}")
    return deadline


def _check_plan(plan: Plan, path: str, units: dict[str, Unit]) -> list[TaskRecord]:
    records: list[TaskRecord] = []
    seen: set[str] = set()
    for section, numbers, titles, loc in _walk(plan.sections):
        for index, task in enumerate(section.tasks):
            task_loc = f"{loc}.tasks.{index}"
            if task.id in seen:
                raise PlanFileError(path, f"{task_loc}.id", f"mã nhiệm vụ trùng: {task.id!r}")
            seen.add(task.id)
            for field_name, ids in (("units", [a.unit for a in task.units]),
                                    ("reports_to", task.reports_to)):
                for unit_id in ids:
                    if unit_id not in units:
                        raise PlanFileError(path, f"{task_loc}.{field_name}",
                                            f"đơn vị không có trong danh mục: {unit_id!r}")
            deadline = _parse_task_deadline(plan, task, path, task_loc)
            records.append(TaskRecord(plan, task, section_ref(numbers), titles, deadline))
    documents = {d.id for d in plan.documents}
    for index, doc_id in enumerate(plan.implements):
        if doc_id not in documents:
            raise PlanFileError(path, f"implements.{index}", f"văn bản không có: {doc_id!r}")
    for index, outline in enumerate(plan.outlines):
        for task_index, task_id in enumerate(outline.for_tasks):
            if task_id not in seen:
                raise PlanFileError(path, f"outlines.{index}.for_tasks.{task_index}",
                                    f"nhiệm vụ không có: {task_id!r}")
    return records


def _files(folder: Traversable | Path) -> list[tuple[str, str]]:
    entries = sorted((e for e in folder.iterdir() if e.name.endswith(".yaml")),
                     key=lambda e: e.name)
    return [(str(e), e.read_text("utf-8")) for e in entries]


def bundled_data() -> Traversable:
    return resources.files("knowledge").joinpath("data")


def load_knowledge(data_dir: Traversable | Path | None = None) -> KnowledgeBase:
    """Load ``plans/*.yaml`` and ``units/*.yaml`` from ``data_dir`` (default: the bundled data)."""
    root = data_dir if data_dir is not None else bundled_data()
    directories = [
        _validate(UnitDirectory, path, _read_yaml(path, text))
        for path, text in _files(root.joinpath("units"))
    ]
    plans = [
        (path, _validate(Plan, path, _read_yaml(path, text)))
        for path, text in _files(root.joinpath("plans"))
    ]
    return build_knowledge(plans, directories)


def build_knowledge(plans: list[tuple[str, Plan]], directories: list[UnitDirectory]
                    ) -> KnowledgeBase:
    units: dict[str, Unit] = {}
    for directory in directories:
        for unit in directory.units:
            if unit.id in units:
                raise PlanFileError(directory.organisation, f"units.{unit.id}", "mã đơn vị trùng")
            units[unit.id] = unit
    tasks: list[TaskRecord] = []
    paragraphs: list[ParagraphRecord] = []
    outline_sections: list[OutlineRecord] = []
    seen_plans: set[str] = set()
    for path, plan in plans:
        if plan.id in seen_plans:
            raise PlanFileError(path, "id", f"mã kế hoạch trùng: {plan.id!r}")
        seen_plans.add(plan.id)
        tasks.extend(_check_plan(plan, path, units))
        for section, numbers, titles, _ in _walk(plan.sections):
            paragraphs.extend(ParagraphRecord(plan, section_ref(numbers), titles, text)
                              for text in section.paragraphs)
        for outline in plan.outlines:
            outline_sections.extend(OutlineRecord(plan, outline, section, numbers)
                                    for section, numbers in _walk_outline(outline.sections))
    return KnowledgeBase(
        plans=tuple(p for _, p in plans),
        units=units,
        tasks=tuple(tasks),
        paragraphs=tuple(paragraphs),
        outline_sections=tuple(outline_sections),
        tasks_by_key={t.key: t for t in tasks},
    )
