"""Load and validate the plan and unit files into one read-only KnowledgeBase.

A malformed file fails with :class:`PlanFileError`, whose message names the file and the field
(``sections.1.tasks.0.deadline``), so whoever edits the data knows where to look.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
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
    TaskKind,
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

    @cached_property
    def key(self) -> str:
        return f"{self.plan.id}/{self.task.id}"

    @cached_property
    def obligation_key(self) -> str | None:
        """The obligation this task states: its own key, the key of the task it restates, or
        None for a window (a fact of the plan, never assigned or reported on)."""
        if self.task.kind is TaskKind.WINDOW:
            return None
        return f"{self.plan.id}/{self.task.restates}" if self.task.restates else self.key


@dataclass(frozen=True)
class Obligation:
    """What a unit must do, once: the first statement of the duty and every section that states
    it (a report asked for in mục II.1.1 and again in mục III.2 is one obligation)."""

    record: TaskRecord
    sections: tuple[str, ...]

    @property
    def key(self) -> str:
        return self.record.key


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
    obligations: dict[str, Obligation] = field(default_factory=dict)  # by the first task's key
    directories: tuple[UnitDirectory, ...] = ()  # the unit files the units came from

    def obligation_of(self, record: TaskRecord) -> Obligation | None:
        key = record.obligation_key
        return self.obligations.get(key) if key else None

    def plan(self, plan_id: str) -> Plan:
        return next(p for p in self.plans if p.id == plan_id)

    def with_groups(self, ids: Iterable[str]) -> list[str]:
        """The units with the groups the directory says each is one of, and theirs ("Chi bộ
        trường THPT Quyết Thắng": "Các chi bộ trường THPT…", "Các chi bộ, đảng bộ cơ sở",
        "Các tổ chức đảng"): the duties the plans give those groups are its own."""
        found = list(dict.fromkeys(ids))
        seen = set(found)
        for unit_id in found:  # grows as it goes: the groups of the groups
            unit = self.units.get(unit_id)
            for group in unit.within if unit else ():
                if group not in seen:
                    seen.add(group)
                    found.append(group)
        return found

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
    """The file's data. A value YAML reads as a date but no calendar has (``2022-13-26``)
    fails while the data is built, naming nothing; it is then found in the file's node tree,
    and the error names the file, the field and the line."""
    def impossible(node: yaml.Node, where: str) -> tuple[str, yaml.Node] | None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                found = impossible(value, f"{where}.{key.value}" if where else str(key.value))
                if found:
                    return found
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                found = impossible(item, f"{where}.{index}" if where else str(index))
                if found:
                    return found
        elif node.tag == "tag:yaml.org,2002:timestamp":
            try:
                yaml.SafeLoader("").construct_yaml_timestamp(node)  # type: ignore[arg-type]
            except ValueError:
                return where, node
        return None

    try:
        return yaml.load(text, Loader=_SafeLoader)
    except yaml.YAMLError as exc:
        raise PlanFileError(path, "", f"YAML không hợp lệ: {exc}") from exc
    except ValueError as exc:  # a date YAML recognises that does not exist
        try:
            tree = yaml.compose(text, Loader=_SafeLoader)
            found = impossible(tree, "") if tree is not None else None
        except yaml.YAMLError:
            found = None
        if found is None:
            raise PlanFileError(path, "", f"giá trị không hợp lệ: {exc}") from exc
        where, node = found
        raise PlanFileError(path, where, f"ngày không có thật: {node.value!r} (dòng "
                                         f"{node.start_mark.line + 1})") from exc


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
    _check_restatements(plan, path, records)
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


def _check_restatements(plan: Plan, path: str, records: list[TaskRecord]) -> None:
    tasks = {r.task.id: r.task for r in records}
    for record in records:
        target = record.task.restates
        if target is None:
            continue
        restated = tasks.get(target)
        if restated is None or target == record.task.id:
            raise PlanFileError(path, f"tasks.{record.task.id}.restates",
                                f"nhiệm vụ được nhắc lại không có: {target!r}")
        if restated.restates is not None or restated.kind is not TaskKind.OBLIGATION:
            raise PlanFileError(path, f"tasks.{record.task.id}.restates",
                                f"phải trỏ tới nhiệm vụ gốc: {target!r}")


def obligations_of(tasks: Iterable[TaskRecord]) -> dict[str, Obligation]:
    """Each obligation once, under its first statement, with every section that states it."""
    records = list(tasks)
    sections: dict[str, list[str]] = {}
    for record in records:
        key = record.obligation_key
        if key is not None:
            sections.setdefault(key, []).append(record.section_ref)
    by_key = {r.key: r for r in records}
    return {key: Obligation(by_key[key], tuple(dict.fromkeys(refs)))
            for key, refs in sections.items()}


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
    for unit in units.values():
        for group in unit.within:
            if group not in units or not units[group].is_group:
                raise PlanFileError(unit.organisation, f"units.{unit.id}.within",
                                    f"không có nhóm đơn vị {group}")
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
        obligations=obligations_of(tasks),
        directories=tuple(directories),
    )
