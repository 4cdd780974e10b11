"""One clause of a status reply, read for what it says: a status, an extension asked for, a
question, a request, a promise to tell later, small talk, a correction — or nothing.

A message is cut into clauses at its punctuation, at "nhưng", "mà" and at the "còn" of "còn X
thì"; each is read alone, and ``reading.py`` puts the clauses together. Cues come from
``status_cues.yaml``; the order in which they are tried is the grammar: an extension asked for
wins, a question or a request is no report, a negation or irony denies the "done" it scopes
("làm gì mà chưa" affirms it), a hedge or a doubt makes a statement unsure, and a wait is an
obstacle only when nothing goes on beside it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from handlers.reports.dates import PLACEHOLDER as DATE_WORD
from handlers.reports.dates import DateMention, mention
from handlers.reports.figures import PERCENT_PLACEHOLDER
from handlers.reports.wording import Wording, any_of
from handlers.tasks import ReportStatus

NOT_DONE = "qqnotdone"  # stands for an ironic "done" ("xong đâu mà xong")
NOT_STARTED = "qqnotstarted"  # stands for an ironic "done it" ("có làm đâu mà xong")
_IRONY_TAIL = re.compile(rf"(?<!\S)({NOT_DONE}|{NOT_STARTED}) ma \S+")
# "còn X thì Y" sets another work against the one before ("cái này gửi rồi còn cái kia thì
# chưa"): a clause of its own.
_SPLIT = re.compile(r"(?<!\S)(?:[.,;!?…:]|nhung|ma|tuy nhien"
                    r"|con(?= (?:\S+ ){1,4}thi(?!\S)))(?!\S)")
_NOT_YET_TAIL = re.compile(r"(?<!\S)(?:thi |van |cung )?chua(?: (?:a|anh|chi|em|nhe|nha|ca))*$")
_PERCENT_WORD = re.compile(rf"(?<!\S){PERCENT_PLACEHOLDER}([a-j]+)(?!\S)")
UNSURE_DONE = (ReportStatus.DONE, ReportStatus.IN_PROGRESS)
UNSURE_NOT_YET = (ReportStatus.IN_PROGRESS, ReportStatus.NOT_STARTED)
UNSURE_NOT_DONE = (ReportStatus.IN_PROGRESS, ReportStatus.DONE)  # "hình như chưa gửi"
UNSURE_NONE = (ReportStatus.NOT_STARTED, ReportStatus.IN_PROGRESS)  # "hình như chưa làm gì"


class Said(StrEnum):
    STATUS = "status"
    UNSURE = "unsure"
    DOUBT = "doubt"  # "em không chắc": the contact doubts the rest of the message
    EXTENSION = "extension"
    QUESTION = "question"
    REQUEST = "request"
    LATER = "later"  # "để em hỏi lại rồi báo anh sau"
    SMALL_TALK = "small_talk"
    NOTHING = "nothing"


@dataclass(frozen=True)
class Clause:
    words: str
    said: Said
    status: ReportStatus | None = None
    candidates: tuple[ReportStatus, ...] = ()  # for an unsure reading, most likely first
    weak: bool = False  # irony alone, a check asked for: any other statement of it wins
    waiting: bool = False  # blocked only by a wait: work going on beside it wins
    promise: bool = False  # a day the contact means to send by, not one asked for


@dataclass(frozen=True)
class ClauseCues:
    patterns: Mapping[str, re.Pattern[str]]
    tails: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...]  # (tail at the end, its heads)
    fillers: frozenset[str]

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], wording: Wording) -> ClauseCues:
        def phrases(key: str) -> list[str]:
            return [wording.words(str(p)) for p in data.get(key) or ()]

        groups = ("ignore", "irony", "irony_not_started", "irony_done", "hypothetical",
                  "first_person", "late_start", "waiting", "waiting_unaccented",
                  "almost_there", "reasons", "approval", "approval_unaccented", "doubts",
                  "reasons_unaccented", "not_reasons_unaccented", "away", "event_verbs",
                  "pending", "issued", "members", "lacking", "check_requests",
                  "finish_verbs", "work_verbs", "completive",
                  "perfective", "partial_objects", "in_progress", "not_started", "blocked",
                  "blocked_unaccented", "extension", "submit_verbs", "future", "hedges",
                  "unknowing", "merged", "not_hedges", "bare_done", "bare_not_yet",
                  "question_words", "requests", "deferrals", "negators", "permission",
                  "vague_future", "back_references", "receipt_questions", "echo_questions")
        patterns = {key: any_of(phrases(key)) for key in groups}
        # "cho em hỏi", "xin hỏi": leave asked to ask, not for time
        patterns["asking"] = any_of(p for p in phrases("question_words") if "hoi" in p.split())
        negators = patterns["negators"].pattern
        finish, work = patterns["finish_verbs"].pattern, patterns["work_verbs"].pattern
        patterns["negated_finish"] = re.compile(
            rf"{negators}(?: \S+){{0,2}} {finish}|{finish} khong (?:kip|duoc|xong)(?!\S)")
        patterns["negated_work"] = re.compile(rf"{negators}(?: \S+){{0,2}} {work}")
        patterns["unable"] = re.compile(rf"{negators}(?: \S+){{1,3}} duoc(?!\S)")
        patterns["cannot"] = re.compile(  # "không gửi được", "gửi không được"
            rf"(?<!\S)khong(?: \S+){{1,3}} duoc(?!\S)"
            rf"|(?:{finish}|{work})(?: \S+)? khong duoc(?!\S)")
        completive, partial = patterns["completive"].pattern, patterns["partial_objects"].pattern
        # "xong dự thảo", "dự thảo bc đã xong", "gửi bản nháp"
        patterns["partial_done"] = re.compile(
            rf"{completive} {partial}|{partial}(?: \S+){{0,2}}(?: da| cung)? {completive}"
            rf"|{finish}(?: \S+)? {partial}")
        patterns["work_done"] = re.compile(rf"{work} (?:roi|xong)(?!\S)")
        # "đã trình ký và gửi Ban Tuyên giáo": sent, not waiting for the signature
        patterns["pending_sent"] = re.compile(
            rf"{patterns['pending'].pattern} va (?:da )?{patterns['submit_verbs'].pattern}")
        # "bc gửi qua mail rồi thì có cần …": a report said as a question's premise
        patterns["premise"] = re.compile(rf"{finish}(?: \S+){{0,4}} roi thi(?!\S)")
        # "nộp gì mà nộp", "làm đâu mà làm": the verb said twice, denied
        patterns["echo_finish"] = re.compile(rf"({finish}) (?:gi|dau) ma \1(?!\S)")
        patterns["echo_work"] = re.compile(rf"({work}) (?:gi|dau) ma \1(?!\S)")
        heads = any_of(phrases("remainder_heads")).pattern
        parts = any_of([*phrases("members"), *phrases("partial_objects")]).pattern
        counted = any_of(phrases("count_nouns")).pattern
        # "còn 1 buổi", "còn buổi cuối": what is left of this work; "còn 2 bản": maybe another
        patterns["remainder_part"] = re.compile(rf"{heads} (?:\d+(?!\S)|{parts})")
        patterns["remainder"] = re.compile(rf"{heads} (?:\d+(?!\S)|{parts}|{counted})")
        small = data.get("small_talk") or {}
        leads = [wording.words(str(p)) for kind in (small.get("kinds") or {}).values()
                 for p in kind.get("leads") or ()]
        patterns["small_talk"] = re.compile(rf"^{any_of(leads).pattern}")
        particles = any_of(phrases("question_particles")).pattern
        verbs = f"{finish}|{work}"
        tails = []
        for tail, heads in (data.get("question_tails") or {}).items():
            head_words = any_of(wording.words(str(h)) for h in heads or ()).pattern
            if wording.words(str(tail)) == "chua":
                head_words = f"{head_words}|{verbs}"
            tails.append((re.compile(rf"(?<!\S){wording.words(str(tail))}(?: {particles})*$"),
                          re.compile(head_words)))
        patterns["question_openers"] = re.compile(
            rf"^{any_of(phrases('question_openers')).pattern}")
        fillers = frozenset(w for p in small.get("fillers") or () for w in
                            wording.words(str(p)).split())
        return cls(patterns, tuple(tails), fillers)

    def has(self, group: str, words: str) -> bool:
        return bool(self.patterns[group].search(words))

    def deny(self, words: str) -> str:
        """The words with each ironic "done" replaced by what it means."""
        words = self.patterns["irony_done"].sub("roi", words)
        words = self.patterns["irony_not_started"].sub(NOT_STARTED, words)
        words = self.patterns["irony"].sub(NOT_DONE, words)
        words = self.patterns["echo_work"].sub(NOT_STARTED, words)
        words = self.patterns["echo_finish"].sub(NOT_DONE, words)
        return _IRONY_TAIL.sub(r"\1", words)


def split_clauses(words: str) -> list[tuple[str, bool]]:
    """The clauses of a message, each with whether a question mark ends it."""
    clauses: list[tuple[str, bool]] = []
    start = 0
    for match in _SPLIT.finditer(words):
        clauses.append((words[start:match.start()].strip(), match.group(0) == "?"))
        start = match.end()
    clauses.append((words[start:].strip(), False))
    merged: list[tuple[str, bool]] = []
    for text, asked in clauses:
        if text:
            merged.append((text, asked))
        elif asked and merged:  # "???": the question mark belongs to the clause before
            merged[-1] = (merged[-1][0], True)
    return merged


@dataclass(frozen=True)
class Context:
    """What a clause is read against: the message's dates and percents, and today."""

    today: dt.date
    dates: list[DateMention]
    percents: list[int]
    accented: bool  # the message has diacritics: "cho" is not "chờ"


_NOT_UNTIL = re.compile(rf"{DATE_WORD.pattern}(?: \S+)? moi(?: \S+){{0,3}} "
                        r"(?:xong|hoan thanh|gui|nop|to chuc)(?!\S)")
_WHEN = re.compile(r"(?<!\S)(?:khi|luc|hom|ngay) nao(?!\S)")
_ALTERNATIVE = re.compile(r"(?<!\S)(?:hoac|hay) (?:la )?chua(?!\S)")


def read_clause(words: str, asked: bool, cues: ClauseCues, context: Context) -> Clause:
    has = cues.has
    if has("hypothetical", words):  # "nếu nộp muộn thì sao": supposes, reports nothing
        return Clause(words, Said.QUESTION if asked or _asks(words, cues) else Said.NOTHING)
    if has("extension", words) and not re.search(
            rf"{cues.patterns['negators'].pattern} (?:can |xin )?"
            rf"{cues.patterns['extension'].pattern}", words):
        if _asks_about_extension(words, asked, cues):
            return Clause(words, Said.QUESTION)
        return Clause(words, Said.EXTENSION, ReportStatus.EXTENSION)
    if has("permission", words) and not has("asking", words) \
            and _promises(words, cues, context, leave=True):
        return Clause(words, Said.EXTENSION, ReportStatus.EXTENSION)
    if has("check_requests", words) and not (asked or _asks(words, cues)):
        return Clause(words, Said.REQUEST, weak=True)  # "anh kiểm tra giúp em nhé"
    if has("requests", words) and not has("perfective", words):
        return Clause(words, Said.REQUEST)
    if has("deferrals", words):
        return Clause(words, Said.LATER)
    if (has("unknowing", words) or has("doubts", words)) and not (
            has("blocked", words) or has("waiting", words) or has("lacking", words)):
        # "không biết văn thư đã gửi chưa", "chưa chắc đã xong đâu"; not "chưa nhận được
        # công văn nên chưa biết làm thế nào", an obstacle
        if has("finish_verbs", words) or "qqnot" in words:
            return Clause(words, Said.UNSURE, candidates=UNSURE_DONE)
        # "không biết anh hỏi cái nào"; not "chưa biết khi nào có" (when something comes)
        which = f" {words} ".find(" nao ") >= 0 and not _WHEN.search(words)
        return Clause(words, Said.DOUBT if has("doubts", words) or which else Said.NOTHING)
    if has("hedges", words) and has("finish_verbs", words) and _ALTERNATIVE.search(words):
        # "hình như đ/c Hùng gửi rồi hoặc chưa": the contact unsure, not asking
        return Clause(words, Said.UNSURE, candidates=UNSURE_DONE)
    if asked or _asks(words, cues):
        return Clause(words, Said.QUESTION)
    if _promises(words, cues, context, leave=False):
        return Clause(words, Said.EXTENSION, ReportStatus.EXTENSION, promise=True)
    status = _status(words, cues, context)
    if status is not None:
        return status
    if cues.patterns["small_talk"].search(words):
        return Clause(words, Said.SMALL_TALK)
    return Clause(words, Said.NOTHING)


def _asks_about_extension(words: str, asked: bool, cues: ClauseCues) -> bool:
    """"hạn 25/3 có lùi không chị?", "em nộp muộn có bị sao không": a question about more
    time, not a request for it (no leave asked, no date named)."""
    if not (asked or _asks(words, cues)):
        return False
    if cues.has("asking", words):
        return True  # "cho em hỏi có được gia hạn không"
    if cues.has("permission", words):
        return False
    whether = re.search(rf"(?<!\S)co(?: \S+){{0,2}} {cues.patterns['extension'].pattern}", words)
    return bool(whether) or not DATE_WORD.search(words)


def _promises(words: str, cues: ClauseCues, context: Context, leave: bool) -> bool:
    """"cho em nộp thứ 6 tuần sau", "đầu tuần sau em nộp", "tuần sau em gửi": a day to come
    for sending, said of work not yet sent, asks for time (until that day, when it has one).
    Tomorrow is time asked for only when leave is asked ("cho em nộp ngày mai"): "chắc chiều
    mai gửi" says how the work stands."""
    if cues.has("perfective", words):
        return False
    today = context.today
    found_dates = [mention(f"qqdate{t}", context.dates) for t in DATE_WORD.findall(words)]
    asked_for = leave and cues.has("vague_future", words) and not cues.has("requests", words)
    # "chắc phải mùng 5/3 mới tổng hợp xong": done no sooner than that day
    not_until = bool(_NOT_UNTIL.search(words)) and not leave
    # "em xin sinh hoạt chuyên đề vào ngày 5/5": leave asked to hold the work on a day
    held = leave and cues.has("event_verbs", words) and bool(DATE_WORD.search(words))
    if not cues.has("submit_verbs", words) and not (asked_for or not_until or held) and not any(
            d and (d.past is None or (leave and d.requested)) for d in found_dates):
        return False  # sending, time asked for ("thêm 2 ngày", "xin tuần sau", "xin đến 25")
    if cues.has("vague_future", words):
        return True
    soonest = today if leave else today + dt.timedelta(days=1)
    for found in found_dates:
        if found is None or found.future is None or found.future <= soonest:
            continue
        if leave or found.past is None or found.past >= today or (
                found.future - today < today - found.past):  # nearer to come than gone by
            return True
    return False


def _asks(words: str, cues: ClauseCues) -> bool:
    """A question without its question mark: a question word outside a negation, or a yes/no
    tail after its head."""
    for match in cues.patterns["question_words"].finditer(words):
        before, after = words[:match.start()], words[match.end():]
        if cues.has("negators", before) or after.startswith(" cung") or "qqnot" in before:
            continue
        return True
    if cues.patterns["question_openers"].search(words):
        return True
    for tail, heads in cues.tails:
        ending = tail.search(words)
        before = words[:ending.start()] if ending else ""
        if ending and heads.search(before) and not before.endswith("thi "):  # "X thì chưa"
            return True
    return False


def _status(words: str, cues: ClauseCues, context: Context) -> Clause | None:
    has = cues.has

    def said(status: ReportStatus, weak: bool = False) -> Clause:
        return Clause(words, Said.STATUS, status, weak=weak)

    def either(group: str) -> bool:
        """The group's cue, or when the message has no diacritics its twin read without."""
        return has(group, words) or (not context.accented and has(f"{group}_unaccented", words))

    def reason() -> bool:
        """"vì", "do", "nên"; typed without diacritics, "vi" too, but in "đơn vị"."""
        return has("reasons", words) or (not context.accented and has(
            "reasons_unaccented", cues.patterns["not_reasons_unaccented"].sub(" ", words)))

    hedged = has("hedges", words) and not has("not_hedges", words)
    if has("almost_there", words) and not has("perfective", words) \
            and not has("reasons", words):  # "còn thiếu 1 chi bộ nữa là xong"
        return said(ReportStatus.IN_PROGRESS)
    if either("blocked") or has("cannot", words) or (
            has("unable", words) and reason()):
        return said(ReportStatus.BLOCKED)  # "chưa làm được vì ..."
    if either("waiting") or has("lacking", words):
        return _waiting(words, cues, either("approval"), reason())
    if has("not_started", words) or NOT_STARTED in words or _not_begun(words, cues):
        if hedged:
            return Clause(words, Said.UNSURE, candidates=UNSURE_NONE)
        return said(ReportStatus.NOT_STARTED)
    if has("late_start", words) and not has("perfective", words) and (
            has("future", words) or has("vague_future", words) or _ahead(words, context)):
        return said(ReportStatus.NOT_STARTED)  # "tuần sau mới bắt tay vào làm"
    if has("negated_finish", words):
        if hedged:  # "hình như chưa gửi"
            return Clause(words, Said.UNSURE, candidates=UNSURE_NOT_DONE)
        return said(ReportStatus.IN_PROGRESS)
    if has("negated_work", words):
        return said(ReportStatus.NOT_STARTED)
    shares = [context.percents[_index(m.group(1))] for m in _PERCENT_WORD.finditer(words)]
    # "đang trình ký"; not "đã trình ký và gửi Ban Tuyên giáo", sent
    pending = has("pending", words) and not has("issued", words) \
        and not has("pending_sent", words)
    if has("in_progress", words) or has("partial_done", words) or has("remainder", words) \
            or pending or any(s < 100 for s in shares):
        return said(ReportStatus.IN_PROGRESS)
    if NOT_DONE in words:
        return said(ReportStatus.IN_PROGRESS, weak=True)
    if has("submit_verbs", words) and (has("future", words) or _ahead(words, context)) \
            and not has("perfective", words):
        return said(ReportStatus.IN_PROGRESS)  # "chiều nay em gửi": not sent yet
    if _says_done(words, cues, context) or 100 in shares:
        if (has("future", words) or _ahead(words, context)) and not has("perfective", words) \
                and "qqdoc" not in words:
            return said(ReportStatus.IN_PROGRESS)  # "chắc cuối tuần này xong": expected
        if hedged or has("merged", words):
            return Clause(words, Said.UNSURE, candidates=UNSURE_DONE)
        return said(ReportStatus.DONE)
    bare = " ".join(w for w in words.split() if w not in cues.fillers)
    for group, candidates in (("bare_done", UNSURE_DONE), ("bare_not_yet", UNSURE_NOT_YET)):
        if cues.patterns[group].fullmatch(words) or cues.patterns[group].fullmatch(bare):
            # A lone "rồi", "chưa": unsure, and any other statement of the message wins.
            return Clause(words, Said.UNSURE, candidates=candidates, weak=True)
    tail = _NOT_YET_TAIL.search(bare)
    if tail and tail.start() > 0:  # "1 bản chưa ạ", "còn cái kia thì chưa": one part not yet
        if has("partial_objects", words) or has("members", words):
            return said(ReportStatus.IN_PROGRESS)  # "còn phần kiến nghị thì chưa", "một số chưa"
        return Clause(words, Said.UNSURE, candidates=UNSURE_NOT_YET)
    return None


def _not_begun(words: str, cues: ClauseCues) -> bool:
    """"chưa kịp làm", "chưa tổ chức được": the work itself denied, nothing finished after."""
    found = cues.patterns["negated_work"].search(words)
    if found is None:
        return False
    after = words[found.end():]
    return not cues.has("completive", after) and not cues.has("finish_verbs", after)


def _waiting(words: str, cues: ClauseCues, approval: bool, reason: bool) -> Clause:
    """A clause waiting for someone else: blocked when the wait is why the work stopped
    ("chưa gửi được vì còn chờ chữ ký"); in progress when it is all that is left ("chờ 2
    chi bộ nữa là xong", "đang chờ bí thư ký"); otherwise blocked, unless the message says
    the work goes on beside it."""
    if reason:
        return Clause(words, Said.STATUS, ReportStatus.BLOCKED)
    rest = cues.patterns["lacking"].sub(" ", cues.patterns["waiting"].sub(" ", words))
    if approval or cues.has("almost_there", words) or cues.has("in_progress", rest):
        return Clause(words, Said.STATUS, ReportStatus.IN_PROGRESS)
    return Clause(words, Said.STATUS, ReportStatus.BLOCKED, waiting=True)


def _ahead(words: str, context: Context) -> bool:
    """Whether the clause names a day to come (and only to come)."""
    for token in DATE_WORD.findall(words):
        found = mention(f"qqdate{token}", context.dates)
        if found and found.later_today:
            return True  # "em gửi chiều nay"
        if found and found.future and found.future > context.today \
                and found.past in (None, found.future):
            return True
    return False


def _says_done(words: str, cues: ClauseCues, context: Context) -> bool:
    has = cues.has
    if has("completive", words) or has("work_done", words):
        return True
    if not (has("finish_verbs", words) or has("event_verbs", words)):
        return False
    if has("perfective", words) or "qqdoc" in words:
        return True
    for token in DATE_WORD.findall(words):
        found = mention(f"qqdate{token}", context.dates)
        if found and found.past and found.past <= context.today and not found.requested \
                and found.future in (None, found.past) and not found.later_today:
            return True  # "gửi hôm qua", "gửi sáng nay": sent on a day gone by
    return False


def _index(letters: str) -> int:
    return int("".join(str(ord(c) - 97) for c in letters))
