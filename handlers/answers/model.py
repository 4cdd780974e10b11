"""What a question is read into: its kind (:class:`Intent`), the period it asks about
(:class:`Window`) and everything else it names (:class:`Question`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from handlers.answers.constraints import Constraint
from handlers.answers.references import Known, Reference
from knowledge.lexicon import Phrase
from knowledge.textnorm import Token


class Intent(StrEnum):
    DEADLINE = "deadline"
    OUTLINE = "outline"
    UNIT = "unit"
    UPCOMING = "upcoming"
    SIGNER = "signer"
    BASIS = "basis"
    ISSUED = "issued"
    NUMBER = "number"
    RECIPIENTS = "recipients"
    FACT = "fact"


@dataclass(frozen=True)
class Window:
    """A period of local dates a question asks about, and how to name it."""

    start: dt.date
    end: dt.date
    kind: str

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


@dataclass
class Question:
    text: str
    tokens: list[Token]
    keys: tuple[str, ...]
    today: dt.date
    intent: Intent = Intent.FACT
    plans: set[str] | None = None
    unknown_document: str | None = None  # a document no plan holds or cites, as written
    unknown_place: str | None = None
    unknown_body: str | None = None  # a body the directory does not know, as written
    units: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)  # units named as where it is sent
    window: Window | None = None
    window_span: tuple[int, int] | None = None  # the words that named it ("tháng 3/2023")
    section_refs: list[str] = field(default_factory=list)
    content: list[Token | None] = field(default_factory=list)
    cues: set[str] = field(default_factory=set)
    constraints: list[Constraint] = field(default_factory=list)
    # Whether a cue found at a place is typed as written (None: the question has no diacritics).
    spelled: Callable[[int, Phrase], bool] | None = None
    documents: list[Known] = field(default_factory=list)  # the documents it names that we know
    references: list[tuple[Reference, list[Known]]] = field(default_factory=list)
