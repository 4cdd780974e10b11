"""A date YAML reads as a date but no calendar has (2022-13-26) is refused naming the file, the
field and the line, as the plan format promises, not as a bare ValueError."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from knowledge.loader import PlanFileError, bundled_data, load_knowledge


def test_an_impossible_date_names_the_file_and_the_field(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(Path(str(bundled_data())), data)
    plan = data / "plans" / "lc-tp-107-2023.yaml"
    text = plan.read_text("utf-8")
    assert "\ndate: 2022-12-26\n" in text
    plan.write_text(text.replace("\ndate: 2022-12-26\n", "\ndate: 2022-13-26\n"), "utf-8")
    with pytest.raises(PlanFileError) as error:
        load_knowledge(data)
    assert error.value.path.endswith("lc-tp-107-2023.yaml") and error.value.location == "date"
    assert "2022-13-26" in str(error.value) and "dòng 8" in str(error.value)
