"""Answer latency and throughput of the engine, beside a plain rapidfuzz baseline.

    python bench/answer.py [--questions ../shared/eval/dev_questions.yaml] [--rounds 20]

For the knowledge base as bundled (x1) and scaled x100 with synthetic plans made from the real
ones (renumbered, moved to other provinces), it prints p50/p99 latency per question and
questions per second, for the engine and for the baseline (``rapidfuzz.process.extractOne`` over
every task text, answering with the task it finds). Accuracy on the dev set is measured on x1
with the eval's own judge. Figures are medians of the measured calls, not timed assertions.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import process

from handlers.answers import AnswerEngine
from handlers.citations import plan_name
from knowledge.loader import KnowledgeBase, build_knowledge, bundled_data
from knowledge.schema import Plan, UnitDirectory

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_QUESTIONS = ROOT.parent / "shared" / "eval" / "dev_questions.yaml"
PROVINCES = ["Cao Bằng", "Hà Giang", "Điện Biên", "Yên Bái", "Tuyên Quang", "Phú Thọ",
             "Nghệ An", "Quảng Trị", "Kon Tum", "Gia Lai", "Đắk Lắk", "Lâm Đồng"]


def load_judge(questions: Path) -> Callable[[dict[str, Any], dict[str, Any]], tuple[str, str]]:
    """The eval's own judge: the score.py beside the questions, else the shared one (a set
    written elsewhere, such as tests/data/fresh3, is judged by the same rules)."""
    scorer = questions.parent / "score.py"
    if not scorer.exists():
        scorer = DEFAULT_QUESTIONS.parent / "score.py"
    spec = importlib.util.spec_from_file_location("score", scorer)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    judge: Callable[[dict[str, Any], dict[str, Any]], tuple[str, str]] = module.judge
    return judge


_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load_yaml(text: str) -> Any:
    return yaml.load(text, Loader=_YAML_LOADER)  # a safe loader, in C where libyaml is built


def scaled_knowledge(copies: int) -> KnowledgeBase:
    """The bundled plans and ``copies - 1`` synthetic variants of each, with their units."""
    data = bundled_data()
    plan_texts = [e.read_text("utf-8") for e in data.joinpath("plans").iterdir()
                  if e.name.endswith(".yaml")]
    unit_texts = [e.read_text("utf-8") for e in data.joinpath("units").iterdir()
                  if e.name.endswith(".yaml")]
    plans: list[tuple[str, Plan]] = []
    directories: list[UnitDirectory] = []
    for copy in range(copies):
        for text in unit_texts:
            raw = _load_yaml(text)
            organisation = raw["organisation"]
            renamed = f"{organisation}-s{copy}" if copy else organisation
            raw = _load_yaml(text.replace(f"{organisation}.", f"{renamed}."))
            raw["organisation"] = renamed
            directories.append(UnitDirectory.model_validate(raw))
        for text in plan_texts:
            raw = _load_yaml(text)
            organisation = raw["organisation"]
            if copy:
                raw = _load_yaml(text.replace(f"{organisation}.", f"{organisation}-s{copy}."))
                raw["organisation"] = f"{organisation}-s{copy}"
                raw["id"] = f"{raw['id']}-s{copy}"
                raw["locality"] = PROVINCES[copy % len(PROVINCES)]
                if raw.get("number"):
                    digits, _, rest = raw["number"].partition("-")
                    raw["number"] = f"{int(digits) + 1000 * copy}-{rest}"
                raw["year"] = raw["year"] + copy % 3
            plans.append((raw["id"], Plan.model_validate(raw)))
    return build_knowledge(plans, directories)


class Baseline:
    """Answers with the task whose text rapidfuzz finds closest to the question."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.tasks = list(kb.tasks)
        self.choices = [t.task.text for t in self.tasks]

    def answer(self, question: str, today: dt.date) -> dict[str, Any]:
        _, _, position = process.extractOne(question, self.choices)
        record = self.tasks[position]
        text = f"{record.task.text}\nThời hạn: {record.task.deadline or 'không nêu'}"
        return {"answered": True, "text": text,
                "citations": [{"document": plan_name(record.plan),
                               "section": record.section_ref}]}


def _today(question: dict[str, Any], default: dt.date) -> dt.date:
    """The question's day: a YAML date, or a quoted 'YYYY-MM-DD' as the fresh sets write it."""
    today = question.get("today") or default
    return dt.date.fromisoformat(today) if isinstance(today, str) else today


def measure(answer: Callable[[str, dt.date], object], questions: list[dict[str, Any]],
            rounds: int) -> tuple[float, float, float]:
    timings: list[float] = []
    started = time.perf_counter()
    for _ in range(rounds):
        for question in questions:
            today = _today(question, dt.date(2024, 3, 1))
            begin = time.perf_counter()
            answer(question["q"], today)
            timings.append(time.perf_counter() - begin)
    elapsed = time.perf_counter() - started
    timings.sort()
    p50 = statistics.median(timings) * 1000
    p99 = timings[min(len(timings) - 1, int(0.99 * len(timings)))] * 1000
    return p50, p99, len(timings) / elapsed


def accuracy(answer: Callable[[str, dt.date], dict[str, Any]], questions: list[dict[str, Any]],
             judge: Callable[[dict[str, Any], dict[str, Any]], tuple[str, str]]) -> float:
    correct = 0
    for question in questions:
        today = _today(question, dt.date.today())
        verdict, _ = judge(question, answer(question["q"], today))
        correct += verdict == "correct"
    return correct / len(questions)


def answer_json(engine: AnswerEngine, question: str, today: dt.date) -> dict[str, Any]:
    return engine.answer(question, today).as_json()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=Path, default=DEFAULT_QUESTIONS)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--scale", type=int, default=100)
    args = parser.parse_args()
    questions = yaml.safe_load(args.questions.read_text("utf-8"))
    judge = load_judge(args.questions)

    print(f"questions={len(questions)} rounds={args.rounds}")
    header = (f"{'system':<10}{'scale':>6}{'entries':>9}{'p50 ms':>9}{'p99 ms':>9}"
              f"{'q/s':>9}{'accuracy':>10}")
    print(header)
    for scale in (1, args.scale):
        started = time.perf_counter()
        kb = scaled_knowledge(scale)
        engine = AnswerEngine(kb)
        baseline = Baseline(kb)
        build = time.perf_counter() - started
        systems: list[tuple[str, Callable[[str, dt.date], dict[str, Any]]]] = [
            ("engine", partial(answer_json, engine)),
            ("baseline", baseline.answer),
        ]
        for name, answer in systems:
            # The baseline takes ~0.1 s a question at x100: fewer rounds keep the run short.
            slow = scale > 1 and name == "baseline"
            p50, p99, qps = measure(answer, questions,
                                    max(3, args.rounds // 4) if slow else args.rounds)
            acc = f"{accuracy(answer, questions, judge):.3f}" if scale == 1 else "-"
            print(f"{name:<10}{scale:>6}{engine.index.size:>9}{p50:>9.2f}{p99:>9.2f}"
                  f"{qps:>9.0f}{acc:>10}")
        print(f"(x{scale}: {len(kb.plans)} plans, {len(kb.tasks)} tasks, "
              f"load and index {build:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
