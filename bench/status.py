"""The status reader beside a plain keyword baseline, on the independent reply sets.

    python bench/status.py

The baseline is what a first attempt would be: "gia hạn / lùi / hoãn" is an extension,
"chưa" not started, "đang" in progress, "xong / rồi / đã gửi / nộp" done, a question mark
no report; it reads no percent, number or date. Both are judged as in
tests/unit/test_status_fresh.py; printed: the share read right, replies saved as done when
they were not, and questions or small talk saved as a report.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from knowledge.textnorm import fold  # noqa: E402
from tests.unit.test_status_fresh import judge  # noqa: E402

SETS = [*(ROOT / "tests" / "data" / folder / f"status_{part}.yaml"
          for folder in ("fresh", "fresh2", "fresh3", "fresh4", "fresh6", "fresh7", "fresh8",
                         "fresh10")
          for part in ("tune", "holdout")),
        ROOT / "tests" / "data" / "fresh11" / "status_tune.yaml",  # a tune part only
        *(ROOT / "tests" / "data" / folder / "status.yaml"
          for folder in ("fresh5", "fresh9"))]  # all of each set aside
RULES = [("extension", r"gia han|\blui\b|\bhoan\b"), ("not_started", r"\bchua\b"),
         ("in_progress", r"\bdang\b"), ("done", r"\bxong\b|\broi\b|\br\b|da gui|\bnop\b")]


def baseline(text: str) -> str | None:
    folded = fold(text).lower()
    if "?" in text:
        return None
    return next((status for status, pattern in RULES if re.search(pattern, folded)), None)


def baseline_right(case: dict[str, Any]) -> tuple[bool, str | None]:
    got = baseline(str(case["text"]))
    fields = any(key in case and case[key] is not None for key in ("percent", "evidence", "date"))
    return got == case["status"] and not (got and fields), got


def main() -> None:
    print(f"{'set':28} {'reader':>8} {'done?':>6} {'saved':>6}   {'baseline':>8} {'done?':>6} "
          f"{'saved':>6}")
    for path in SETS:
        cases: list[dict[str, Any]] = yaml.safe_load(path.read_text("utf-8"))
        ours = theirs = ours_done = theirs_done = ours_saved = theirs_saved = 0
        for case in cases:
            right, reading = judge(case)
            ours += right
            ours_done += bool(reading.saves and reading.status is not None
                              and reading.status.value == "done" and case["status"] != "done")
            ours_saved += bool(reading.saves and case["status"] is None)
            plain, got = baseline_right(case)
            theirs += plain
            theirs_done += got == "done" and case["status"] != "done"
            theirs_saved += got is not None and case["status"] is None
        name = f"{path.parent.name}/{path.stem}"
        total = len(cases)
        print(f"{name:28} {ours / total:8.3f} {ours_done:6} {ours_saved:6}   "
              f"{theirs / total:8.3f} {theirs_done:6} {theirs_saved:6}   ({total} replies)")


if __name__ == "__main__":
    main()
