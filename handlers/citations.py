"""How an answer names its source: the plan (number and issuer) and the section."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from handlers.texts import answers as texts
from knowledge.schema import Plan


def plan_name(plan: Plan) -> str:
    """'Kế hoạch 103-KH/ĐUK của …', or issuer and year for a copy that prints no number."""
    if plan.number:
        return texts.PLAN_NUMBERED.format(number=plan.number, issuer=plan.issuer_short)
    return texts.PLAN_UNNUMBERED.format(year=plan.year, issuer=plan.issuer_short)


@dataclass(frozen=True)
class Citation:
    plan: Plan
    section: str | None = None
    label: str | None = None  # what the cited part is, e.g. the task's summary

    @property
    def document(self) -> str:
        return plan_name(self.plan)

    def sentence(self) -> str:
        if self.section:
            return texts.CITATION.format(document=self.document, section=self.section)
        return texts.CITATION_NO_SECTION.format(document=self.document)

    def short(self) -> str:
        return f"{self.document}, mục {self.section}" if self.section else self.document

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"document": self.document, "section": self.section or "",
                                "plan_id": self.plan.id}
        if self.plan.number:
            data["number"] = self.plan.number
        if self.label:
            data["label"] = self.label
        return data


def plans_overview(plans: Iterable[Plan]) -> str:
    return "\n".join(texts.PLAN_LIST_ITEM.format(citation=plan_name(p), title=p.title)
                     for p in plans)
