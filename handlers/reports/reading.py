"""Reading a unit contact's short status reply into a status, a percent, evidence and a date.

"đã gửi báo cáo số 45-BC/ĐU ngày 20/3", "xong rồi", "đang làm, khoảng 70%", "chưa làm được,
đang chờ số liệu", "xin gia hạn đến 5/4". The reply is folded (no diacritics, đ -> d), common
chat abbreviations are expanded, and cue phrases decide the status in a fixed order of
precedence: a question is no report; an extension request wins; a negated or partial "done" is
never done. When nothing decides, the status is None and the core asks.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from handlers.tasks import ReportStatus
from knowledge.textnorm import canonical, fold, nfc


@dataclass(frozen=True)
class StatusReading:
    status: ReportStatus | None
    percent: int | None
    evidence_number: str | None
    evidence_date: dt.date | None
    requested_date: dt.date | None
    note: str
    ambiguous: bool


# Chat spellings and abbreviations, on folded words.
_WORD_ALIASES = {
    "ko": "khong", "k": "khong", "kg": "khong", "hok": "khong", "hong": "khong", "kh": "khong",
    "khg": "khong", "r": "roi", "rui": "roi", "dc": "duoc", "dk": "duoc", "bc": "bao cao",
    "ht": "hoan thanh", "xog": "xong", "xg": "xong", "xonq": "xong", "vs": "voi",
    "hoanthanh": "hoan thanh", "hoan thanh": "hoan thanh", "da~": "da", "dag": "dang",
    "dangg": "dang", "lam`": "lam", "ok": "ok", "oke": "ok", "okie": "ok", "done": "xong",
    "tr": "trien", "cv": "cong viec", "sl": "so lieu", "t": "thang",
}
_NUMBER_WORDS = {
    "khong": 0, "mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "nam": 5, "lam": 5, "sau": 6,
    "bay": 7, "tam": 8, "chin": 9, "muoi": 10,
}

_QUESTION = re.compile(
    r"\b(khi nao|bao gio|ngay nao|la gi|gom nhung|the nao|ra sao|bao nhieu|o dau|"
    r"co phai|phai khong|duoc khong|cho hoi|xin hoi|hoi ve)\b")
_EXTENSION = re.compile(
    r"\b(gia han|lui (han|thoi han|den|toi|lai)|them thoi gian|keo dai|nop (muon|cham|tre)|"
    r"cho (nop|gui) (muon|cham|sau)|hoan (nop|gui) (den|toi))\b")
_NEGATION = r"(chua|khong|chang|chua the|khong the|van chua)"
_WORK_VERBS = r"(lam|trien khai|thuc hien|bat dau|xay dung|to chuc|soan|tong hop)"
_FINISH_VERBS = r"(xong|hoan thanh|gui|nop|bao cao|kip|trinh|ban hanh|hoan tat)"
_NEGATED_FINISH = re.compile(rf"\b{_NEGATION}( \w+){{0,3}} {_FINISH_VERBS}\b|"
                             rf"\b{_FINISH_VERBS} khong (kip|duoc|xong)\b")
_NEGATED_WORK = re.compile(rf"\b{_NEGATION}( \w+){{0,2}} {_WORK_VERBS}\b")
_CANNOT = re.compile(rf"\b{_NEGATION} ({_WORK_VERBS} )?duoc\b|\bkhong the\b")
_BLOCKERS = re.compile(
    r"\b(vuong|vuong mac|kho khan|cho so lieu|dang cho|con cho|phai cho|thieu|chua co (so lieu|"
    r"kinh phi|huong dan|y kien)|khong lien he|chua nhan duoc|chua lien he|bi (ket|tac|dung)|"
    r"chua thong nhat|dang doi|doi y kien|doi so lieu)\b")
_IN_PROGRESS = re.compile(
    r"\b(dang (lam|thuc hien|trien khai|tong hop|hoan thien|xay dung|du thao|soan|chuan bi|"
    r"xin y kien|chinh sua|to chuc|bao cao|lay y kien|ra soat|hoan chinh|gap rut|lam dở)|"
    r"sap xong|gan xong|sap hoan thanh|gan hoan thanh|mot phan|xong phan|hoan thanh phan|"
    r"xong buoc|con lai|con (mot|1|vai|may)|chua xong het|chua hoan tat)\b")
_DONE = re.compile(
    r"\b(da (duoc )?(gui|nop|hoan thanh|xong|bao cao|trinh|ban hanh|to chuc|thuc hien xong|"
    r"lam xong|trien khai xong|hoan tat|chuyen|gui xong)|xong (roi|het|ca|xuoi)|"
    r"hoan thanh (roi|xong|het|100)|xong|hoan thanh|hoan tat|gui roi|nop roi|ok roi|ok xong|"
    r"da xong)\b")
_PARTIAL_DONE = re.compile(r"\b(sap|gan|chua|dang|chua het|mot phan|phan) (xong|hoan thanh)\b")
_NO_PROBLEM = re.compile(r"\b(khong|chua) (co |gap |bi )?(vuong mac|vuong|kho khan|van de)( gi)?\b")
_BUT = re.compile(r"\b(nhung|ma|tuy nhien|song)\b")

_PERCENT = re.compile(r"(\d{1,3}(?:[.,]\d+)?)\s*(%|phan tram|ph tram)")
_WORD_PERCENT = re.compile(r"\b((?:\w+ ){1,4})phan tram\b")
_HALF = re.compile(r"\b(mot nua|nua chung)\b")
_DOC_NUMBER = re.compile(
    r"(?<![\w/])(\d{1,5}\s*[-/]\s*[A-Za-zĐđ]{1,10}(?:\s*[-/]\s*[A-Za-zĐđ0-9]{1,12}){0,3})(?![\w])")
_BARE_NUMBER = re.compile(r"\b(?:bao cao|van ban|cong van|to trinh) so (\d{1,5})\b")
_DATE = re.compile(
    r"(?<![\d/])(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}|\d{2}))?(?![\d%])")
_DATE_WORDS = re.compile(r"\bngay (\d{1,2}) thang (\d{1,2})(?:,? nam (\d{4}))?\b")
_REQUEST_CUE = re.compile(r"\b(den|toi|lui|sang|truoc|han)( ngay| la)?[\s:,]*$")
_MORE_TIME = re.compile(r"\bthem (\d{1,2}|mot|hai|ba|bon|nam|bay|muoi) (ngay|tuan|thang)\b")
_END_OF = re.compile(r"\b(cuoi|het) (thang|tuan|quy)( nay| sau| toi)?\b")


def _marked(text: str) -> str:
    """Folded, with punctuation kept: dates and percents are read here."""
    return fold(canonical(nfc(text)))


def _fold_words(text: str) -> str:
    folded = _marked(text)
    words = re.findall(r"[a-z0-9%]+|\?", folded)
    return " ".join(_WORD_ALIASES.get(word, word) for word in words)


def _number_words(words: str) -> int | None:
    total, seen = 0, False
    tokens = words.split()
    for index, word in enumerate(tokens):
        value = _NUMBER_WORDS.get(word)
        if value is None:
            continue
        seen = True
        if value == 10:
            total = (total or 1) * 10
        elif word in ("lam", "nam") and index and tokens[index - 1] == "muoi":
            total += 5
        else:
            total += value
    return total if seen else None


def _percent(marked: str, folded: str) -> int | None:
    match = _PERCENT.search(marked)
    if match:
        share = float(match.group(1).replace(",", "."))
        return int(share) if 0 <= share <= 100 else None
    worded = _WORD_PERCENT.search(folded)
    if worded:
        words: list[str] = []
        for word in reversed(worded.group(1).split()):  # the number words just before
            if word not in _NUMBER_WORDS:
                break
            words.insert(0, word)
        value = _number_words(" ".join(words))
        return value if value is not None and 0 <= value <= 100 else None
    return 50 if _HALF.search(folded) else None


def _evidence_number(text: str, folded: str) -> str | None:
    for match in _DOC_NUMBER.finditer(nfc(text)):
        raw = re.sub(r"\s+", "", match.group(1))
        letters = re.sub(r"[^A-Za-zĐđ]", "", raw)
        if letters and not re.fullmatch(r"\d{1,2}[-/.]\d{1,2}([-/.]\d{2,4})?", raw):
            return raw.upper()
    bare = _BARE_NUMBER.search(folded)
    return bare.group(1) if bare else None


def _make_date(day: int, month: int, year: int | None, today: dt.date,
               future: bool) -> dt.date | None:
    if year is not None and year < 100:
        year += 2000
    try:
        candidate = dt.date(year or today.year, month, day)
    except ValueError:
        return None
    if year is None:
        if future and candidate < today:
            candidate = candidate.replace(year=today.year + 1)
        elif not future and candidate > today:
            try:
                candidate = candidate.replace(year=today.year - 1)
            except ValueError:
                return None
    return candidate


def _dates(folded: str, today: dt.date, future: bool) -> list[tuple[int, dt.date]]:
    """(position, date) for every date written in the folded text."""
    found = []
    for pattern in (_DATE, _DATE_WORDS):
        for match in pattern.finditer(folded):
            year = int(match.group(3)) if match.group(3) else None
            day = _make_date(int(match.group(1)), int(match.group(2)), year, today, future)
            if day is not None:
                found.append((match.start(), day))
    return sorted(found)


def _relative_request(folded: str, today: dt.date) -> dt.date | None:
    more = _MORE_TIME.search(folded)
    if more:
        amount = int(more.group(1)) if more.group(1).isdigit() else _number_words(more.group(1))
        days = {"ngay": 1, "tuan": 7, "thang": 30}[more.group(2)] * (amount or 0)
        return today + dt.timedelta(days=days) if days else None
    end = _END_OF.search(folded)
    if end:
        later = bool(end.group(3) and end.group(3).strip() in ("sau", "toi"))
        if end.group(2) == "tuan":
            sunday = today + dt.timedelta(days=6 - today.weekday())
            return sunday + dt.timedelta(weeks=1) if later else sunday
        month = today.month + (1 if later else 0)
        year = today.year + (month - 1) // 12
        month = (month - 1) % 12 + 1
        if end.group(2) == "quy":
            month = min(12, ((month - 1) // 3 + 1) * 3)
        return dt.date(year, month, calendar.monthrange(year, month)[1])
    return None


def _requested_date(marked: str, today: dt.date) -> dt.date | None:
    for position, day in _dates(marked, today, future=True):
        if _REQUEST_CUE.search(marked[:position]):
            return day
    return None


def _evidence_date(folded: str, today: dt.date) -> dt.date | None:
    for position, day in _dates(folded, today, future=False):
        before = folded[:position]
        if not _REQUEST_CUE.search(before):
            return day
    return None


def is_question(folded: str) -> bool:
    return folded.endswith("?") or bool(_QUESTION.search(folded))


def _status(folded: str, percent: int | None) -> tuple[ReportStatus | None, bool]:
    """The status and whether the reply also says something that contradicts it."""
    if not folded or is_question(folded):
        return None, False
    if _EXTENSION.search(folded):
        return ReportStatus.EXTENSION, False
    folded = _NO_PROBLEM.sub(" ", folded)
    negated_finish = bool(_NEGATED_FINISH.search(folded))
    negated_work = bool(_NEGATED_WORK.search(folded)) or bool(_CANNOT.search(folded))
    blocked = bool(_BLOCKERS.search(folded))
    if blocked:
        return ReportStatus.BLOCKED, False
    if negated_work and not _IN_PROGRESS.search(folded):
        return ReportStatus.NOT_STARTED, False
    partial = percent is not None and percent < 100
    if negated_finish or partial or _PARTIAL_DONE.search(folded) or _IN_PROGRESS.search(folded):
        return ReportStatus.IN_PROGRESS, False
    if _DONE.search(folded):
        return ReportStatus.DONE, bool(_BUT.search(folded) and re.search(_NEGATION, folded))
    if percent == 100:
        return ReportStatus.DONE, False
    return None, False


def read_status(text: str, today: dt.date) -> StatusReading:
    """The reading of one reply; never raises, whatever the text."""
    note = nfc(text).strip()
    folded = _fold_words(note)
    marked = _marked(note)
    percent = _percent(marked, folded)
    status, conflicting = _status(folded, percent)
    if status is ReportStatus.DONE and conflicting:
        status = None
    requested = None
    evidence_date = None
    if status is ReportStatus.EXTENSION:
        requested = _requested_date(marked, today) or _relative_request(folded, today)
    else:
        evidence_date = _evidence_date(marked, today)
    return StatusReading(status=status, percent=percent,
                         evidence_number=_evidence_number(note, folded),
                         evidence_date=evidence_date, requested_date=requested, note=note,
                         ambiguous=conflicting)


def is_probably_status(text: str) -> bool:
    """Whether a free message from a contact reads as a status report, not a question."""
    folded = _fold_words(text)
    if not folded or is_question(folded):
        return False
    percent = _percent(_marked(text), folded)
    status, conflicting = _status(folded, percent)
    return status is not None or percent is not None or conflicting
