"""An answer as it is built (lines and citations) and as it is returned."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from handlers.citations import Citation, plans_overview
from handlers.texts import answers as texts
from knowledge.schema import Plan


@dataclass(frozen=True)
class Answer:
    answered: bool
    text: str
    citations: tuple[Citation, ...] = ()
    options: tuple[str, ...] = ()  # follow-up questions the user may pick
    intent: str = ""

    def as_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "answered": self.answered,
            "text": self.text,
            "citations": [c.as_json() for c in self.citations],
        }
        if self.options:
            data["options"] = list(self.options)
        return data


@dataclass
class Draft:
    lines: list[str] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)

    def cite(self, citation: Citation) -> None:
        if citation not in self.citations:
            self.citations.append(citation)

    def done(self, intent: str) -> Answer:
        return Answer(True, "\n".join(self.lines), tuple(self.citations), intent=str(intent))


def refusal(plans: Sequence[Plan], text: str | None = None, options: Iterable[str] = ()
            ) -> Answer:
    """Not answered: ``text``, or the plain "not found" with the plans held."""
    return Answer(False, text or texts.NOT_FOUND.format(plans=plans_overview(plans)),
                  options=tuple(options))


def heading(title: str) -> str:
    """A heading the plan prints in capitals ("ĐÁNH GIÁ CHUNG"), written as a sentence."""
    return title[:1] + title[1:].lower() if title.isupper() else title


def short_date(day: dt.date) -> str:
    return f"{day.day}/{day.month}/{day.year}"
