"""The bundled plans load and validate; a malformed file is refused with file and field named."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from knowledge.loader import KnowledgeBase, PlanFileError, bundled_data, load_knowledge, section_ref
from knowledge.schema import DeadlineKind


def test_bundled_plans_are_complete(kb: KnowledgeBase) -> None:
    assert {p.number for p in kb.plans} == {"103-KH/ĐUK", "107-KH/ThU", None}
    assert len(kb.tasks) >= 40
    dated = [t for t in kb.tasks if t.deadline and t.deadline.end]
    assert len(dated) >= 20
    for record in kb.tasks:
        for assignment in record.task.units:
            assert assignment.unit in kb.units
    outline = next(p for p in kb.plans if p.outlines).outlines[0]
    assert [s.number for s in outline.sections] == ["I", "II", "III", "IV"]


def test_every_written_date_is_read(kb: KnowledgeBase) -> None:
    for record in kb.tasks:
        if record.task.deadline and any(ch.isdigit() for ch in record.task.deadline):
            assert record.deadline is not None
            assert record.deadline.kind is not DeadlineKind.NONE or "năm" in record.task.deadline


def test_section_refs() -> None:
    assert section_ref(["II", "1", "1.1"]) == "II.1.1"
    assert section_ref(["III", "5"]) == "III.5"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(Path(str(bundled_data())), target)
    return target


def _edit_first_plan(data: Path, change: Any) -> Path:
    path = sorted((data / "plans").glob("*.yaml"))[0]
    plan = yaml.safe_load(path.read_text("utf-8"))
    change(plan)
    path.write_text(yaml.safe_dump(plan, allow_unicode=True), "utf-8")
    return path


def _first_task(plan: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    def walk(sections: list[dict[str, Any]], loc: str) -> tuple[str, dict[str, Any]] | None:
        for index, section in enumerate(sections):
            here = f"{loc}.{index}"
            if section.get("tasks"):
                return f"{here}.tasks.0", section["tasks"][0]
            found = walk(section.get("sections", []), f"{here}.sections")
            if found:
                return found
        return None

    found = walk(plan["sections"], "sections")
    assert found
    return found


def test_missing_field_names_file_and_field(data_copy: Path) -> None:
    location: list[str] = []

    def drop_summary(plan: dict[str, Any]) -> None:
        loc, task = _first_task(plan)
        location.append(loc)
        del task["summary"]

    path = _edit_first_plan(data_copy, drop_summary)
    with pytest.raises(PlanFileError) as error:
        load_knowledge(data_copy)
    assert path.name in str(error.value)
    assert f"{location[0]}.summary" in str(error.value)


def test_unknown_unit_is_refused(data_copy: Path) -> None:
    def bad_unit(plan: dict[str, Any]) -> None:
        _, task = _first_task(plan)
        task["units"] = [{"unit": "khong-co.don-vi", "role": "lead"}]

    _edit_first_plan(data_copy, bad_unit)
    with pytest.raises(PlanFileError, match=r"units: đơn vị không có trong danh mục"):
        load_knowledge(data_copy)


def test_impossible_date_is_refused(data_copy: Path) -> None:
    def bad_date(plan: dict[str, Any]) -> None:
        _, task = _first_task(plan)
        task["deadline"] = "trước ngày 31/2/2024"

    _edit_first_plan(data_copy, bad_date)
    with pytest.raises(PlanFileError, match=r"deadline: ngày không hợp lệ"):
        load_knowledge(data_copy)


def test_broken_yaml_names_the_file(data_copy: Path) -> None:
    path = sorted((data_copy / "plans").glob("*.yaml"))[0]
    path.write_text("id: [unclosed\n", "utf-8")
    with pytest.raises(PlanFileError, match=path.name):
        load_knowledge(data_copy)


def test_unknown_field_is_an_error(data_copy: Path) -> None:
    _edit_first_plan(data_copy, lambda plan: plan.update(deadline_typo="x"))
    with pytest.raises(PlanFileError, match="deadline_typo"):
        load_knowledge(data_copy)
