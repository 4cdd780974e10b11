"""Reading a unit contact's free message: what it is (a status report, a question, a request,
small talk) and, for a report, its status, percent, evidence and date.

"đã gửi báo cáo số 45-BC/ĐU ngày 20/3", "đang làm, khoảng 70%", "xin gia hạn đến mồng 8/4",
"xong đâu mà xong, mới có cái khung thôi", "đơn vị mình nộp bc này chưa nhỉ?". The steps:

1. document numbers, then the words (``wording.py``), percents, counts and dates
   (``figures.py``, ``dates.py``) — each number read once, for what it is;
2. the clauses, each read alone (``clauses.py``);
3. the clauses put together: a correction ("à không, em nhầm") drops what came before; an
   extension asked for wins; otherwise the last status wins, unless two statements conflict
   or one is unsure — then the reading is unsure and carries its candidate statuses, for the
   caller to offer as options. A wait beside work going on is part of it; a share under 100%
   makes "done" in progress; a doubt ("em không chắc") makes any status unsure. A report that
   also asks a question is neither, until the contact says which.

Nothing is saved on a guess: an unsure reading, or a message that reads as no report, never
becomes a report without the contact's answer.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from handlers.reports.clauses import (
    UNSURE_DONE,
    Clause,
    Context,
    Said,
    read_clause,
    split_clauses,
)
from handlers.reports.cues import StatusCues, status_cues
from handlers.reports.dates import PLACEHOLDER as DATE_WORD
from handlers.reports.dates import DateMention, find_dates, mention
from handlers.reports.figures import (
    DOC_PLACEHOLDER,
    bare_evidence,
    counts,
    documents,
    letter,
    percents,
)
from handlers.tasks import ReportStatus
from knowledge.textnorm import canonical, fold, has_diacritics, nfc

# Words a message cannot end on when it has said all; not "mà" ("đã gửi rồi mà!").
_DANGLING = frozenset({"thi", "con", "nhung", "va", "voi", "la", "vi", "nen"})
_PART_OF_DAY = re.compile(r"(?<!\w)(?:sáng|chiều|tối|trưa)\s+(?=(?:thứ|hôm|ngày|mùng|mồng|\d))",
                          re.IGNORECASE)
_HALF = re.compile(r"(?<!\S)(?:(?:mot|1) nua|nua chung)(?!\S)")
_REPORTS = (Said.STATUS, Said.UNSURE, Said.EXTENSION)
_PLEA = frozenset({"em", "minh", "toi", "giup", "ho", "nhe", "nha", "anh", "chi"})  # "… em với"
_PARTICLES = frozenset({"a", "nhe", "nha", "ak", "ah", "ngay", "hom"})  # "5/4 ạ", "ngày 5/4"
_DAY_WORDS = frozenset({"tu", "hom", "vao", "ngay", "luc"})  # "từ hôm", "vào ngày"
_WORD = re.compile(r"[^\W_]+(?:[/\-][^\W_]+)*|%")
# A correction that only gives another day or document number, with words that say so.
_DATE_IN_WORDS = (r"(?:(?:ngay|mong|mung) )?\d{1,2}(?:/| thang )\d{1,2}"
                  r"(?:(?:/| nam )\d{2,4})?")
_WEEKDAY_IN_WORDS = r"(?:hom )?thu [2-8](?: tuan (?:nay|truoc))?"
_DAY_IN_WORDS = re.compile(rf"(?<!\S)(?:{_DATE_IN_WORDS}|{_WEEKDAY_IN_WORDS})(?!\S)")
_DOC_IN_WORDS = re.compile(rf"(?<!\S){DOC_PLACEHOLDER}[a-j]+(?!\S)")
_DETAIL = re.compile(rf"{_DAY_IN_WORDS.pattern}|{_DOC_IN_WORDS.pattern}")
_FILLER_WORDS = frozenset({"moi", "la", "dung", "chinh", "xac", "cho", "chac", "so", "ngay",
                           "nhe", "nha", "a", "anh", "chi", "em", "sua", "lai", "xin", "loi",
                           "gui", "nop", "hom"})


class Intent(StrEnum):
    REPORT = "report"
    QUESTION = "question"
    REQUEST = "request"  # "gửi giúp em file đề cương"
    SMALL_TALK = "small_talk"  # thanks, greetings, "để em hỏi lại rồi báo anh sau"
    REPORT_OR_QUESTION = "report_or_question"  # asked about, never guessed
    NONE = "none"  # nothing the reader recognises


@dataclass(frozen=True)
class StatusReading:
    status: ReportStatus | None
    percent: int | None
    evidence_number: str | None
    evidence_date: dt.date | None
    requested_date: dt.date | None
    note: str
    ambiguous: bool  # unsure: ``candidates`` are the readings to offer
    intent: Intent = Intent.REPORT
    candidates: tuple[ReportStatus, ...] = ()
    subject: str = ""  # the words that may name a task ("báo cáo sơ kết"), status words out
    # An extension only by a day promised ("thứ Năm này em gửi"), asked for in no words:
    # by the task's time, that is work going on (see ``within_time``).
    promised: bool = False
    asks_aside: bool = False  # beside the report, a question or request of its own
    asks_receipt: bool = False  # …which is only whether the report was received

    @property
    def saves(self) -> bool:
        """Whether this reading, on a known task, is saved without asking."""
        return self.intent is Intent.REPORT and self.status is not None and not self.ambiguous

    @property
    def date(self) -> dt.date | None:
        """The report's own date, or the new date an extension asks for."""
        if self.status is ReportStatus.EXTENSION:
            return self.requested_date
        return self.evidence_date


@dataclass(frozen=True)
class _Prepared:
    words: str
    forced: Intent | None
    evidence: tuple[str, ...]
    percents: list[int]
    dates: list[DateMention]
    subject: str


def _prepare(note: str, today: dt.date, cues: StatusCues) -> _Prepared:
    # "gửi từ sáng thứ Tư": the time of day before a day says nothing of the day, and once
    # folded "sáng" would be "sang" ("lùi sang thứ 2"), a day asked for
    note = _PART_OF_DAY.sub("", note)
    note = cues.false_friends.sub(lambda m: f"{m.group(0)}x", note)  # "sửa chữa" ≠ "chưa"
    docs = documents(canonical(note), cues.figures)
    words = cues.wording.words(docs.text)
    forced = None
    for intent, prefix in ((Intent.REPORT, cues.report_prefix),
                           (Intent.QUESTION, cues.question_prefix)):
        opening = prefix.match(words)
        if opening:
            forced, words = intent, words[opening.end():].strip()
            break
    words = " ".join(cues.clauses.patterns["ignore"].sub(" ", words).split())
    words = cues.clauses.deny(words)
    words = _corrected(words, cues)
    words, shares = percents(words)
    words = counts(words, cues.figures)
    words, dates = find_dates(words, today, cues.dates)
    return _Prepared(words, forced, docs.evidence, shares, dates,
                     _subject(docs.text, cues))


def _corrected(words: str, cues: StatusCues) -> str:
    """The words after the last correction ("à không, em nhầm"), with what it stands for;
    when all it gives is another day or number ("xin đến 28/3, à không, 30/3 cho chắc",
    "gửi hôm thứ Hai, à nhầm, thứ Ba mới đúng, số 31-BC/CB"), what came before with each
    in place of its own."""
    found = list(cues.corrections.finditer(words))
    if not found:
        return words
    last = found[-1]
    before, after = words[:last.start()], words[last.end():]
    details = list(_DETAIL.finditer(after))
    rest = _DETAIL.sub(" ", after).split()
    if details and not cues.correction_words.get(last.group(0)) and all(
            w in _FILLER_WORDS or not w.isalnum() for w in rest):
        for detail in details:
            wanted = detail.group(0)
            pattern = _DOC_IN_WORDS if wanted.startswith(DOC_PLACEHOLDER) else _DAY_IN_WORDS
            olds = list(pattern.finditer(before))
            if olds:
                old = olds[-1]
                if old.group(0).startswith("hom ") and not wanted.startswith("hom "):
                    wanted = f"hom {wanted}"  # "hôm thứ Hai, à nhầm, thứ Ba": a day gone by
                before = f"{before[:old.start()]}{wanted}{before[old.end():]}"
            else:
                before = f"{before} {wanted}"
        return before.strip(" ,.;")
    kept = cues.correction_words.get(last.group(0), "")
    return f"{kept} {after}".strip()


def _subject(text: str, cues: StatusCues) -> str:
    """The message's words that may name a task: status phrases, numbers read as dates or
    percents, and placeholders left out."""
    tokens = _WORD.findall(text)
    flat: list[str] = []
    owner: list[int] = []
    for index, token in enumerate(tokens):
        key = fold(token)
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        if key.startswith("qq") or key == "%" or following == "%" or not key[0].isalnum() \
                or (key[0].isdigit() and not key.isdigit()):  # "20/3", "62%", placeholders
            continue
        for word in cues.wording.words(token).split():
            flat.append(word)
            owner.append(index)
    keep = cues.naming(flat)
    kept = {i for i in owner if all(k for k, o in zip(keep, owner, strict=True) if o == i)}
    return " ".join(tokens[i] for i in sorted(kept))


@lru_cache(maxsize=512)
def within_time(status: ReportStatus | None, promised: bool, requested: dt.date | None,
                due: dt.date | None) -> bool:
    """"Dự kiến thứ Năm này gửi" when the task is due on Monday: no extension asked, work
    going on. A day promised on the task's last day or after it is an extension ("trước
    ngày 25/3": the 25th is already late)."""
    return (status is ReportStatus.EXTENSION and promised and requested is not None
            and due is not None and requested < due)


def _event_on_a_day(words: str, cues: StatusCues) -> bool:
    """"dự kiến ngày 25/4 sẽ tổ chức": the day an event is held, promised; of a task whose
    time is not known, the work going on, not time asked for."""
    return bool(re.search(r"(?<!\S)to chuc(?!\S)", words)) and not cues.clauses.has(
        "extension", words)


def read_status(text: str, today: dt.date, due: dt.date | None = None) -> StatusReading:
    """The reading of one message; never raises, whatever the text. ``due``: the time of
    the task it answers, when known."""
    cues = status_cues()
    note = nfc(text).strip()
    prepared = _prepare(note, today, cues)
    if prepared.forced is not None and ":" in note:  # "Báo cáo: …": the message is the rest
        note = note.split(":", 1)[1].strip()
    context = Context(today, prepared.dates, prepared.percents,
                      accented=any(has_diacritics(w) for w in note.split()))
    clauses = [read_clause(words, asked, cues.clauses, context)
               for words, asked in split_clauses(prepared.words)]
    intent, asks_aside = _intent(clauses, prepared.forced, cues)
    receipt = asks_aside and all(cues.clauses.has("receipt_questions", c.words)
                                 for c in clauses if c.said in (Said.QUESTION, Said.REQUEST))
    if intent is Intent.NONE and _of_own_work(prepared.words, cues):
        intent = Intent.REPORT_OR_QUESTION  # "em xin nộp bổ sung sau": asked, not dropped
    premise = (cues.clauses.patterns["premise"].search(prepared.words)
               if intent is Intent.QUESTION else None)
    if premise and not cues.clauses.has("hypothetical", prepared.words) and (
            cues.clauses.has("first_person", prepared.words)
            or "bao cao" in prepared.words[:premise.end()]):
        # "bc gửi qua mail rồi thì có cần gửi bản giấy không": a report said as the premise
        intent = Intent.REPORT_OR_QUESTION
    reports = [c for c in clauses if c.said in _REPORTS]
    if intent is Intent.REPORT and reports and any(c.said is Said.LATER for c in clauses) \
            and all(c.status is ReportStatus.BLOCKED and cues.clauses.has("away", c.words)
                    for c in reports):
        # "Đ/c Thủy phụ trách đang nghỉ phép, tuần sau đ/c ấy đi làm sẽ báo lại": deferred
        intent, reports = Intent.SMALL_TALK, []
    status, candidates = _statuses(reports, cues)
    if intent is Intent.NONE and _only_dates(prepared.words):
        # "5/4" alone: the day it was sent, or the day asked for? Asked, not guessed.
        intent, candidates = Intent.REPORT, (ReportStatus.DONE, ReportStatus.EXTENSION)
    if candidates == UNSURE_DONE and all(c.weak for c in reports) and any(
            _past_day(c.words, prepared.dates, today, cues) for c in clauses):
        status, candidates = ReportStatus.DONE, ()  # "rồi ạ, hôm 18/3"
    percent = prepared.percents[0] if prepared.percents else (
        50 if _HALF.search(prepared.words) else None)
    if percent == 100 and status is ReportStatus.IN_PROGRESS:
        # "Xong 100% rồi ạ, còn thiếu phần kiến nghị": done and not, both said
        status, candidates = None, (ReportStatus.DONE, ReportStatus.IN_PROGRESS)
    if percent == 0 and (status is ReportStatus.IN_PROGRESS or not candidates):
        status, candidates = ReportStatus.NOT_STARTED, ()  # "0% nha anh, chưa động tới"
    elif percent is not None and percent < 100 and (status is ReportStatus.DONE or (
            candidates and set(candidates) <= {ReportStatus.DONE, ReportStatus.IN_PROGRESS})):
        status, candidates = ReportStatus.IN_PROGRESS, ()  # "đã có số liệu, đạt tầm 80%"
    if status is ReportStatus.EXTENSION and _undecided(clauses, reports, cues):
        # "chắc tuần sau hoặc tuần sau nữa em gửi, giờ chưa biết được": no day is promised
        status, candidates = None, (ReportStatus.EXTENSION, ReportStatus.IN_PROGRESS)
    if any(c.said is Said.DOUBT for c in clauses) and status is not None \
            and status is not ReportStatus.EXTENSION:  # "gửi rồi, mà em cũng không chắc"
        other = ReportStatus.IN_PROGRESS if status is ReportStatus.DONE else ReportStatus.DONE
        candidates, status = (status, other), None
    if status is not None and _cut_short(prepared.words):
        # "Sơ kết thì xong rồi còn báo cáo thì": the message stops before it says all
        candidates = tuple(dict.fromkeys([status, *candidates])) if candidates else (
            status, ReportStatus.IN_PROGRESS if status is not ReportStatus.IN_PROGRESS
            else ReportStatus.DONE)
        status = None
    if status is not None and any(d.impossible for d in prepared.dates):
        # "gia hạn đến 30/2", "thứ Sáu ngày 28/3" (a Thursday): the day is asked, not guessed
        candidates = (status, ReportStatus.IN_PROGRESS) if status is ReportStatus.DONE \
            else (status,)
        status = None
    if intent is not Intent.REPORT and intent is not Intent.REPORT_OR_QUESTION:
        status, candidates = None, ()
    evidence = _evidence_kept(prepared) or bare_evidence(
        prepared.words, cues.figures)
    requested = evidence_date = None
    promised = status is ReportStatus.EXTENSION and all(
        c.promise for c in reports if c.said is Said.EXTENSION)
    if status is ReportStatus.EXTENSION:
        requested = _requested(prepared.words, clauses, prepared.dates)
        if requested is None and any(
                c.status is ReportStatus.BLOCKED or cues.clauses.has("cannot", c.words)
                or cues.clauses.has("unable", c.words) for c in clauses):
            # "phải hoãn do hội trường đang sửa, chưa tìm được địa điểm": no day, stuck
            status = ReportStatus.BLOCKED
        if within_time(status, promised, requested, due) or (
                due is None and promised and _event_on_a_day(prepared.words, cues)):
            status, requested, promised = ReportStatus.IN_PROGRESS, None, False
    elif status is ReportStatus.DONE or evidence or ReportStatus.DONE in candidates:
        evidence_date = _own_date(prepared.words, prepared.dates, today)
    return StatusReading(status=status, percent=percent, evidence_number=evidence,
                         evidence_date=evidence_date, requested_date=requested, note=note,
                         ambiguous=bool(candidates), intent=intent, candidates=candidates,
                         subject=prepared.subject, promised=promised,
                         asks_aside=asks_aside and intent is Intent.REPORT and not receipt,
                         asks_receipt=receipt and intent is Intent.REPORT)


def _cut_short(words: str) -> bool:
    """The message ends on a word that needs more after it ("… còn báo cáo thì"); not the
    "với" of a plea ("gửi lại giúp em với")."""
    split = [w for w in words.split() if w.isalnum()]
    if len(split) > 1 and split[-1] == "voi" and split[-2] in _PLEA:
        return False
    return len(split) > 1 and split[-1] in _DANGLING


def _undecided(clauses: list[Clause], reports: list[Clause], cues: StatusCues) -> bool:
    """A day only promised, with the contact saying they do not know, or naming two days
    to choose from."""
    promises = [c for c in reports if c.said is Said.EXTENSION]
    if not promises or not all(c.promise for c in promises):
        return False
    return any(cues.clauses.has("unknowing", c.words) or cues.clauses.has("doubts", c.words)
               for c in clauses) or any(" hoac " in f" {c.words} " for c in promises)


def _evidence_kept(prepared: _Prepared) -> str | None:
    """The report's number: the first one its words still hold once a correction has
    taken back what came before ("số 19-BC/CB — à sửa lại số là 91-BC/CB")."""
    for index, number in enumerate(prepared.evidence):
        if f"{DOC_PLACEHOLDER}{letter(index)}" in prepared.words.split():
            return number
    return prepared.evidence[0] if prepared.evidence else None


def _only_dates(words: str) -> bool:
    split = [w for w in words.split() if w.isalnum()]
    return bool(split) and all(DATE_WORD.fullmatch(w) or w in _PARTICLES
                               for w in split)


def _intent(clauses: list[Clause], forced: Intent | None, cues: StatusCues
            ) -> tuple[Intent, bool]:
    """What the message is, and whether beside a report it asks something of its own
    ("Báo cáo … gửi ngày 24/3. Nhận được chưa ạ?": the report, and a question aside). A
    question about the report itself ("…, như vậy được chưa anh?") leaves it undecided."""
    said = {c.said for c in clauses}
    if forced is Intent.QUESTION:
        return Intent.QUESTION, False
    if said & set(_REPORTS) or forced is Intent.REPORT:
        asking = [c for c in clauses
                  if (c.said is Said.QUESTION and not cues.clauses.has("echo_questions", c.words))
                  or (c.said is Said.REQUEST and not c.weak)]
        if asking and Said.EXTENSION not in said and forced is None:
            # Aside only after the report ("chị gửi lại giúp em KH 103, em làm mất file
            # rồi" asks first; its report, if one, is undecided).
            if clauses[0].said not in _REPORTS or any(
                    cues.clauses.has("back_references", c.words) for c in asking):
                return Intent.REPORT_OR_QUESTION, False
            return Intent.REPORT, True
        return Intent.REPORT, False
    if Said.QUESTION in said:
        return Intent.QUESTION, False
    if Said.REQUEST in said:
        return Intent.REQUEST, False
    if said & {Said.LATER, Said.SMALL_TALK}:
        return Intent.SMALL_TALK, False
    return Intent.NONE, False


def _of_own_work(words: str, cues: StatusCues) -> bool:
    has = cues.clauses.has
    return has("first_person", words) and (has("finish_verbs", words)
                                           or has("work_verbs", words))


def _topic(words: str, cues: StatusCues) -> frozenset[str]:
    """The words of a clause that say what it is about ("báo cáo quý I"), status words and
    the words naming a part of one work ("phần", "một số chi bộ") out."""
    split = words.split()
    return frozenset(w for w, keep in zip(split, cues.naming(split), strict=True)
                     if keep and w.isalnum() and not w.startswith("qq")
                     and w not in cues.part_words)


def _statuses(reports: list[Clause], cues: StatusCues
              ) -> tuple[ReportStatus | None, tuple[ReportStatus, ...]]:
    """The status several statements make together, or the candidates when unsure."""
    if not reports:
        return None, ()
    if any(c.said is Said.EXTENSION for c in reports):
        return ReportStatus.EXTENSION, ()
    strong = [c for c in reports if not c.weak] or reports
    # A wait beside work going on is part of it; beside work done, it is the reply awaited.
    working = any(c.status is ReportStatus.IN_PROGRESS for c in strong)
    done = any(c.status is ReportStatus.DONE for c in strong)
    statuses = [ReportStatus.IN_PROGRESS if c.waiting and working else c.status
                for c in strong if c.status is not None and not (c.waiting and done)]
    unsure = [s for c in strong if c.said is Said.UNSURE for s in c.candidates]
    if unsure and len(set(statuses)) == 1 and statuses[0] in unsure \
            and statuses[0] is not ReportStatus.DONE and all(
            c.weak or c.said is not Said.UNSURE or cues.clauses.has("bare_not_yet", c.words)
            for c in strong):
        # "Chưa đâu, còn chưa mở file ra nữa": a bare "chưa", then what it means
        return statuses[0], ()
    if unsure:
        return None, tuple(dict.fromkeys([*unsure, *statuses]))
    if set(statuses) == {ReportStatus.BLOCKED, ReportStatus.NOT_STARTED}:
        # "đồng chí phụ trách nghỉ ốm, chưa ai làm": the obstacle is why not; "chưa có gì,
        # đang đợi họp chi ủy xong mới phân công": a wait that is the plan, not yet begun
        waits = all(c.waiting for c in strong if c.status is ReportStatus.BLOCKED)
        return (ReportStatus.NOT_STARTED if waits else ReportStatus.BLOCKED), ()
    topics = {_topic(c.words, cues) for c in strong if c.status is not None
              and not cues.clauses.has("remainder_part", c.words)}  # "còn buổi tổng kết"
    if len(set(statuses)) > 1 and len(topics) > 1 and all(len(t) > 1 for t in topics):
        # "Báo cáo quý I đã gửi, báo cáo 6 tháng đang làm": two works, two statuses
        return None, tuple(dict.fromkeys(statuses))
    if ReportStatus.BLOCKED in statuses:
        # "xong rồi nhưng không gửi được": the work done, the sending stuck
        unsent = any(c.status is ReportStatus.BLOCKED
                     and cues.clauses.has("negated_finish", c.words) for c in strong)
        if ReportStatus.DONE in statuses and not unsent:
            return None, (ReportStatus.DONE, ReportStatus.BLOCKED)
        return ReportStatus.BLOCKED, ()
    if ReportStatus.DONE in statuses and ReportStatus.NOT_STARTED in statuses:
        return None, (ReportStatus.DONE, ReportStatus.NOT_STARTED)
    return statuses[-1], ()


def _past_day(words: str, dates: list[DateMention], today: dt.date, cues: StatusCues) -> bool:
    """Whether a clause is only a day gone by ("hôm 18/3", "từ hôm qua")."""
    left = [w for w in words.split() if w not in cues.clauses.fillers and w not in _DAY_WORDS]
    found = mention(left[0], dates) if len(left) == 1 else None
    return bool(found and found.past and found.past <= today and not found.requested)


def _mentions(words: str, dates: list[DateMention]) -> list[tuple[str, DateMention]]:
    """The dates in the order the message names them, each with its placeholder."""
    found = []
    for match in DATE_WORD.finditer(words):
        date = mention(match.group(0), dates)
        if date is not None:
            found.append((match.group(0), date))
    return found


def _requested(words: str, clauses: list[Clause], dates: list[DateMention]) -> dt.date | None:
    """The new date an extension asks for: one after "đến", "lùi", "chậm nhất"... first, in
    the clause that asks first, then the first named; a day made precise ("đầu tháng 5, cụ
    thể là ngày 7/5") stands for the period before it."""
    asking = {m.group(0) for c in clauses if c.said is Said.EXTENSION
              for m in DATE_WORD.finditer(c.words)}
    named = [(token, date) for token, date in _mentions(words, dates) if date.future]
    precise = [item for item in named if re.search(rf"cu the (?:la )?(?:\S+ )?{item[0]}", words)]
    if precise:
        return precise[0][1].future
    named.sort(key=lambda item: (not item[1].requested, item[0] not in asking))
    return named[0][1].future if named else None


def _own_date(words: str, dates: list[DateMention], today: dt.date) -> dt.date | None:
    """The report's own date: the first day gone by it names that is no deadline."""
    for _, date in _mentions(words, dates):
        if date.past is not None and date.past <= today and not date.requested:
            return date.past
    return None


def read_date(text: str, today: dt.date) -> dt.date | None:
    """The date an answer to "until when?" gives: written ("5/4", "05-04-2024", "ngày 5 tháng
    4", "mồng 8/4"), or said ("cuối tháng", "thêm 10 ngày", "thứ 6 tuần sau")."""
    cues = status_cues()
    words, _ = percents(cues.wording.words(canonical(nfc(text))))
    words, dates = find_dates(words, today, cues.dates)
    for _, date in _mentions(words, dates):
        if date.future is not None:
            return date.future
    return None


def reads_as_report(text: str, today: dt.date) -> bool:
    """Whether a free message from a contact is for the reports: a status report, or a
    message that could be a report or a question (the contact is asked which)."""
    return read_status(text, today).intent in (Intent.REPORT, Intent.REPORT_OR_QUESTION)


def is_probably_status(text: str, today: dt.date | None = None) -> bool:
    """Whether a free message reads as a status report (not a question, request or thanks)."""
    return read_status(text, today or dt.date.today()).intent is Intent.REPORT
