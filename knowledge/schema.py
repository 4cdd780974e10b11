"""The validated schema of a plan (Kế hoạch) and of the unit directory.

A plan file (``knowledge/data/plans/*.yaml``) holds the plan's identity, the numbered hierarchy
of its sections, the tasks inside those sections, its report outlines (đề cương), study topics
(chuyên đề) and the documents it cites. Deadlines are written in the data exactly as the plan
phrases them; ``knowledge.deadlines`` turns each phrase into a normalized :class:`Deadline`.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator


class Model(BaseModel):
    """Base for every schema type: unknown fields are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class DeadlineKind(StrEnum):
    EXACT_DATE = "exact_date"  # "trước ngày 25/3/2024"
    MONTH = "month"  # "trong tháng 12/2022"
    QUARTER = "quarter"  # "trong quý I/2024"
    OCCASION = "occasion"  # "vào dịp 19/5/2024"
    RANGE = "range"  # "từ tháng 01/2023 - 3/2024"
    RECURRING = "recurring"  # "hằng quý", "hằng năm"
    ONGOING = "ongoing"  # "thường xuyên"
    RELATIVE = "relative"  # "trong vòng 30 ngày làm việc kể từ ...": counted from an event
    NONE = "none"  # no time, or a condition ("sau khi có hướng dẫn...")


class Deadline(Model):
    """A time as the plan writes it, plus its normalized reading.

    ``start``/``end`` are local dates (Asia/Ho_Chi_Minh) bounding the window the phrase
    defines; ``end`` is the last day on which the work is still on time.
    """

    phrase: str
    kind: DeadlineKind
    start: dt.date | None = None
    end: dt.date | None = None
    tentative: bool = False  # "dự kiến"
    recurrence: str | None = None  # "year" | "quarter" | "month" for RECURRING
    # RECURRING only ("week" and "half_year" are recurrences too): where in each period the
    # work falls due. ``due_month`` counts months inside the period (3 = the quarter's last,
    # 11 = November of the year), ``due_day`` is the day of that month (None: its last day),
    # ``due_offset`` moves the due day that many periods on ("trước ngày 10/01 năm sau": 1),
    # ``since`` is a day in the first period ("bắt đầu từ quý I/2026").
    due_day: int | None = None
    due_month: int | None = None
    due_offset: int = 0
    since: dt.date | None = None

    @property
    def has_window(self) -> bool:
        return self.end is not None


class Role(StrEnum):
    LEAD = "lead"  # chủ trì / the unit that must do it
    SUPPORT = "support"  # phối hợp


class TaskKind(StrEnum):
    OBLIGATION = "obligation"  # work a unit must do and report on
    WINDOW = "window"  # a counting or eligibility period: a fact of the plan, never reported


class Assignment(Model):
    unit: str  # a unit id from the directory
    role: Role = Role.LEAD


class Task(Model):
    """One piece of work the plan assigns: who, what, to whom it is reported, by when."""

    id: str
    number: str | None = None  # the plan's own marker inside the section, e.g. "(1)"
    summary: str  # one short line, in the plan's words, used when listing tasks
    text: str  # the full text as written
    units: list[Assignment] = Field(default_factory=list)
    reports_to: list[str] = Field(default_factory=list)  # unit ids, in order ("qua" = via)
    reports_to_text: str | None = None  # as written: "Ban Thường vụ Đảng ủy Khối (qua ...)"
    deadline: str | None = None  # the time phrase exactly as written, or None
    is_report: bool = False  # the task is to send a report
    kind: TaskKind = TaskKind.OBLIGATION
    # The id of the task this one states again in another section: both are one obligation,
    # cited in both places, assigned, reminded and reported once.
    restates: str | None = None


class OutlineSection(Model):
    """A section of a report outline; ``items`` are its bullet points as written."""

    number: str
    title: str
    items: list[str] = Field(default_factory=list)
    sections: list[OutlineSection] = Field(default_factory=list)


class Outline(Model):
    id: str
    title: str
    for_tasks: list[str] = Field(default_factory=list)  # task ids whose report follows it
    sections: list[OutlineSection]


class Section(Model):
    """A numbered section of the plan body (I, 1, 1.1, ...)."""

    number: str
    title: str
    paragraphs: list[str] = Field(default_factory=list)  # text that is not a task
    tasks: list[Task] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)


class DocumentRef(Model):
    """A document the plan cites (Kết luận, Chỉ thị, Hướng dẫn, Kế hoạch...)."""

    id: str
    kind: str  # "Kết luận", "Chỉ thị", "Hướng dẫn", "Kế hoạch", "Quy định", ...
    number: str | None = None  # "01-KL/TW"
    date: dt.date | None = None
    issuer: str | None = None
    title: str | None = None


class StudyTopic(Model):
    """A study topic (chuyên đề): the whole-term topic, a year's topic or a quarter's."""

    period: str  # "toàn khóa", "năm 2023", "quý I/2023"
    title: str
    section: str | None = None  # section ref where the plan states it
    deadline: str | None = None


class Signer(Model):
    name: str
    position: str  # "Phó Bí thư"
    on_behalf_of: str | None = None  # "T/M Ban Thường vụ"


class Plan(Model):
    id: str
    number: str | None = None  # "103-KH/ĐUK"; None when the copy has no printed number
    issuer: str  # full name of the issuing body
    issuer_short: str  # how the citation names it
    locality: str  # province or city the plan belongs to
    organisation: str  # the party organisation whose units the plan addresses (unit scope)
    date: dt.date | None = None
    place: str | None = None
    year: int  # the year the plan is about, used to read phrases without a year
    title: str
    aliases: list[str] = Field(default_factory=list)  # how officials name the plan
    signer: Signer | None = None
    implements: list[str] = Field(default_factory=list)  # DocumentRef ids it carries out
    documents: list[DocumentRef] = Field(default_factory=list)
    recipients: list[str] = Field(default_factory=list)  # "Nơi nhận", as written
    sections: list[Section]
    outlines: list[Outline] = Field(default_factory=list)
    topics: list[StudyTopic] = Field(default_factory=list)

    @field_validator("year")
    @classmethod
    def _plausible_year(cls, year: int) -> int:
        if not 1945 <= year <= 2100:
            raise ValueError("năm không hợp lệ")
        return year


class UnitKind(StrEnum):
    COMMITTEE = "committee"  # Ban Thường vụ, cấp ủy, Thành ủy, Tỉnh ủy
    BOARD = "board"  # ban của cấp ủy: Ban Tuyên giáo, Ban Tổ chức, Văn phòng
    PARTY_CELL = "party_cell"  # chi bộ, đảng bộ cơ sở (often a group of them)
    GOVERNMENT = "government"  # UBND, sở, phòng
    MASS_ORGANISATION = "mass_organisation"  # MTTQ, đoàn thể, Đoàn Thanh niên
    OTHER = "other"  # trung tâm, trường, báo chí


class Unit(Model):
    id: str  # "<organisation>.<slug>", e.g. "sonla.btg"
    name: str
    organisation: str
    kind: UnitKind
    aliases: list[str] = Field(default_factory=list)
    is_group: bool = False  # "các chi, đảng bộ cơ sở": a group of units, not one
    # The groups the plans name that this unit is one of ("Chi bộ trường THPT Quyết Thắng" is
    # one of "Các chi bộ trường THPT…"): their duties are its duties too.
    within: list[str] = Field(default_factory=list)
    # A group's members by the names of their places ("Sông Mã" of "Các huyện ủy, thành ủy"):
    # "Huyện ủy Sông Mã" is one of the group, though no plan names it.
    members: list[str] = Field(default_factory=list)


class UnitDirectory(Model):
    organisation: str  # the scope id, matches Plan.organisation
    name: str  # "Đảng bộ Khối các cơ quan tỉnh Bình Định"
    units: list[Unit]
