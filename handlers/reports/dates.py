"""The dates a status reply names, written or said: "20/3", "ngày 18 tháng 3", "mồng 8/4",
"hết ngày 28", "khất đến 25", "hôm qua", "hôm thứ 2", "thứ 6 tuần sau", "đầu tuần sau",
"cuối tháng", "giữa tháng sau", "thêm 1 tuần", "muộn 2 hôm".

Each is read two ways, as a day gone by (the date of a report already sent) and as a day to
come (the date an extension asks for), because a date without its year or month is only
settled by what the reply says of it. Each is replaced in the words by a placeholder; the
date of the plan a reply cites ("KH 103-KH/ĐUK ngày 15/1") by one that is neither.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from handlers.reports.figures import letter
from handlers.reports.wording import Wording, any_of

DATE_PLACEHOLDER = "qqdate"
PLACEHOLDER = re.compile(rf"(?<!\S){DATE_PLACEHOLDER}([a-j]+)(?!\S)")
RECENT_PAST = dt.timedelta(days=60)  # "đến 5/1" written in December is next year's
PLAN_DATE = "qqplandate"  # the date of the plan a reply cites: neither its own nor one asked
_OF_PLAN = re.compile(r"(?:qqplan[a-j]+|hoach(?: so)? \d+)$")  # "KH 103-KH/ĐUK ngày 15/1"

_FULL = r"(?:(?:ngay|mong|mung) )?(?P<d>\d{1,2}) thang (?P<m>\d{1,2})(?: nam (?P<y>\d{4}))?"
_NUMERIC = (r"(?:(?:ngay|mong|mung|hom) )?(?P<d>\d{1,2})[/.\-](?P<m>\d{1,2})"
            r"(?:[/.\-](?P<y>\d{4}|\d{2}))?")
_WEEKDAY = (r"(?:(?P<pre>hom|tu|vao|den|toi|truoc|sang|het|ngay|nop|gui|khat) )?thu (?P<n>[2-8])"
            r"(?: (?:tuan )?(?P<rel>nay|sau|toi|truoc)| (?P<last>vua roi|vua qua)"
            r"|(?= roi(?!\S))(?P<gone>))?")
_WEEKDAY_FULL = rf"thu (?P<n>[2-8])(?: ,)? {_FULL}"
_WEEKDAY_NUMERIC = rf"thu (?P<n>[2-8])(?: ,)? {_NUMERIC}"
_WEEK_EDGE = r"(?P<edge>dau|cuoi|het|giua) tuan(?: (?P<rel>nay|sau|toi|truoc))?"
_MONTH_EDGE = (r"(?P<edge>cuoi|het|dau|giua) thang"
               r"(?: (?P<rel>nay|sau|toi|truoc)| (?P<m>\d{1,2}))?")
_QUARTER_EDGE = r"(?:cuoi|het) quy(?: (?P<rel>nay|sau|toi))?"
_AMOUNT = r"(?:(?P<head>{heads}) )?(?P<n>\d{{1,2}}) (?P<unit>ngay|hom|tuan|thang)(?P<more> nua)?"
_DAY_ONLY = (r"(?:ngay|mong|mung|hom) (?P<d>\d{1,2})(?: thang (?P<rel>sau|toi|nay|truoc))?"
             r"(?! ?(?:thang|/|\d))")
# "khất đến 25 nhé": a bare day after a head, the message (or its clause) ending there.
_DAY_AFTER_HEAD = (r"(?P<pre>den|toi|truoc|het) (?P<d>\d{1,2})(?: thang (?P<rel>sau|toi|nay))?"
                   r"(?=(?: (?:nhe|nha|a|anh|chi|em|duoc|khong|nhi|thang nay))*(?: [,.;!?…]|$))")
_RELATIVE_STEP = {"nay": 0, "sau": 1, "toi": 1, "truoc": -1, None: 0}


@dataclass(frozen=True)
class DateMention:
    past: dt.date | None  # read as a day gone by
    future: dt.date | None  # read as a day to come
    requested: bool  # after "đến", "lùi", "chậm nhất"...: a date asked for, or a deadline
    impossible: bool = False  # "30/2", "thứ Sáu ngày 28/3/2024" (a Thursday): no such day
    later_today: bool = False  # "chiều nay": today, but not yet gone by when said alone


@dataclass(frozen=True)
class DateCues:
    relative_days: tuple[tuple[re.Pattern[str], int], ...]
    later_today: re.Pattern[str]  # "chiều nay", "tối nay"
    request_heads: re.Pattern[str]  # at the end of the words before a date
    own_heads: re.Pattern[str]  # "đúng hạn": the date is when it was done
    amount: re.Pattern[str]  # "thêm 1 tuần", "chậm 3 ngày", "10 ngày nữa"

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], wording: Wording) -> DateCues:
        days = sorted(((wording.words(str(k)), int(v))
                       for k, v in (data.get("relative_days") or {}).items()),
                      key=lambda item: -len(item[0]))
        heads = any_of(wording.words(str(h)) for h in data.get("request_heads") or ())
        own = any_of(wording.words(str(h)) for h in data.get("own_date_heads") or ())
        amounts = "|".join(re.escape(wording.words(str(h)))
                           for h in data.get("amount_heads") or ())
        later = any_of(wording.words(str(h)) for h in data.get("later_today") or ())
        return cls(relative_days=tuple((any_of([w]), v) for w, v in days),
                   later_today=re.compile(rf"^(?:{later.pattern})$"),
                   request_heads=re.compile(rf"{heads.pattern}(?: ngay| la| :)? ?$"),
                   own_heads=re.compile(rf"{own.pattern}(?: ngay| la| :)? ?$"),
                   amount=re.compile(rf"(?<!\S)(?:{_AMOUNT.format(heads=amounts)})(?!\S)"))


def _make(day: int, month: int, year: int | None, today: dt.date, future: bool
          ) -> dt.date | None:
    if year is not None and year < 100:
        year += 2000
    try:
        candidate = dt.date(year or today.year, month, day)
    except ValueError:
        return None
    if year is None:
        try:
            if future and candidate < today - RECENT_PAST:
                candidate = candidate.replace(year=today.year + 1)
            elif not future and candidate > today:
                candidate = candidate.replace(year=today.year - 1)
        except ValueError:
            return None
    return candidate


def _month_day(day: int, today: dt.date, step: int) -> dt.date | None:
    month = today.month + step
    year = today.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _last_day(year: int, month: int) -> dt.date:
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    return dt.date(year, month, calendar.monthrange(year, month)[1])


Reader = Callable[[re.Match[str], dt.date], tuple[dt.date | None, dt.date | None] | None]


def _full(match: re.Match[str], today: dt.date) -> tuple[dt.date | None, dt.date | None]:
    day, month = int(match.group("d")), int(match.group("m"))
    year = int(match.group("y")) if match.group("y") else None
    return _make(day, month, year, today, False), _make(day, month, year, today, True)


def _full_or_impossible(match: re.Match[str], today: dt.date
                        ) -> tuple[dt.date | None, dt.date | None] | None:
    """A day and month; None when no month has that day ("30/2") and the numbers are a day
    and a month, not a count ("45/48 đảng viên")."""
    read = _full(match, today)
    if read == (None, None) and 1 <= int(match.group("d")) <= 31 \
            and 1 <= int(match.group("m")) <= 12:
        return None
    return read


def _weekday_date(match: re.Match[str], today: dt.date
                  ) -> tuple[dt.date | None, dt.date | None] | None:
    """"thứ Sáu ngày 29/3": the date, read only where its weekday is the one named; None
    when it is that weekday in neither reading (the contact is asked which is meant)."""
    read = _full_or_impossible(match, today)
    if read is None:
        return None
    weekday = int(match.group("n")) - 2
    past, future = (d if d is not None and d.weekday() == weekday else None for d in read)
    return None if past is None and future is None else (past, future)


def _weekday(match: re.Match[str], today: dt.date
             ) -> tuple[dt.date | None, dt.date | None] | None:
    opening = not match.string[:match.start()].strip(" ,.;:!?")
    before = match.string[:match.start()].split()[-1:]
    # "gửi sáng thứ Hai rồi": a day gone by, but "lần thứ 2 rồi" counts times
    gone = match.group("gone") is not None and before not in (["lan"], ["dot"], ["lop"],
                                                              ["khoa"])
    if not (match.group("pre") or match.group("rel") or match.group("last") or opening
            or gone):
        return None  # "lần thứ 2" is no day; "thứ 6 em nộp" is
    weekday = int(match.group("n")) - 2
    if gone and not (match.group("pre") or match.group("rel") or match.group("last")):
        day = today - dt.timedelta(days=(today.weekday() - weekday) % 7)
        return day, None
    if match.group("last"):  # "thứ 5 vừa rồi": the latest such day gone by
        day = today - dt.timedelta(days=(today.weekday() - weekday) % 7 or 7)
        return day, day
    if match.group("rel"):
        monday = today - dt.timedelta(days=today.weekday())
        day = monday + dt.timedelta(weeks=_RELATIVE_STEP[match.group("rel")], days=weekday)
        return day, day
    back = (today.weekday() - weekday) % 7
    ahead = (weekday - today.weekday()) % 7
    return today - dt.timedelta(days=back), today + dt.timedelta(days=ahead)


def _week_edge(match: re.Match[str], today: dt.date) -> tuple[dt.date | None, dt.date | None]:
    monday = today - dt.timedelta(days=today.weekday())
    monday += dt.timedelta(weeks=_RELATIVE_STEP[match.group("rel")])
    day = monday + dt.timedelta(days={"dau": 0, "giua": 2}.get(match.group("edge"), 6))
    return day, day


def _month_edge(match: re.Match[str], today: dt.date
                ) -> tuple[dt.date | None, dt.date | None] | None:
    edge = match.group("edge")
    if edge in ("dau", "giua") and not (match.group("m") or match.group("rel")):
        return None  # "đầu tháng" alone says no month

    def on(year: int, month: int) -> dt.date:
        last = _last_day(year, month)
        return last if edge in ("cuoi", "het") else last.replace(day=1 if edge == "dau" else 15)

    if match.group("m"):
        month = int(match.group("m"))
        if not 1 <= month <= 12:
            return None, None
        past = on(today.year - (month > today.month), month)
        future = on(today.year + (month < today.month - 2), month)
        return past, future
    day = on(today.year, today.month + _RELATIVE_STEP[match.group("rel")])
    return day, day


def _quarter_edge(match: re.Match[str], today: dt.date
                  ) -> tuple[dt.date | None, dt.date | None]:
    end = ((today.month - 1) // 3 + 1 + _RELATIVE_STEP[match.group("rel")]) * 3
    day = _last_day(today.year, end)
    return day, day


def _amount(match: re.Match[str], today: dt.date
            ) -> tuple[dt.date | None, dt.date | None] | None:
    if not match.group("head") and not match.group("more"):
        return None  # "báo cáo 6 tháng" is a period, not a date
    unit = {"ngay": 1, "hom": 1, "tuan": 7, "thang": 30}[match.group("unit")]
    days = unit * int(match.group("n"))
    return None, today + dt.timedelta(days=days)


def _day_only(match: re.Match[str], today: dt.date) -> tuple[dt.date | None, dt.date | None]:
    day = int(match.group("d"))
    if match.groupdict().get("rel"):
        named = _month_day(day, today, _RELATIVE_STEP[match.group("rel")])
        return named, named
    this_month = _month_day(day, today, 0)
    if this_month is None:
        return None, None
    past = this_month if this_month <= today else _month_day(day, today, -1)
    future = this_month if this_month >= today else _month_day(day, today, 1)
    return past, future


_READERS: tuple[tuple[re.Pattern[str], Reader], ...] = tuple(
    (re.compile(rf"(?<!\S)(?:{pattern})(?!\S)"), reader) for pattern, reader in (
        (_WEEKDAY_FULL, _weekday_date), (_WEEKDAY_NUMERIC, _weekday_date),
        (_FULL, _full_or_impossible), (_NUMERIC, _full_or_impossible),
        (_WEEKDAY, _weekday), (_WEEK_EDGE, _week_edge),
        (_MONTH_EDGE, _month_edge), (_QUARTER_EDGE, _quarter_edge), (_DAY_ONLY, _day_only),
        (_DAY_AFTER_HEAD, _day_only)))


_CHECKED = (_weekday_date, _full_or_impossible)  # readers that tell a day there is not


def find_dates(words: str, today: dt.date, cues: DateCues) -> tuple[str, list[DateMention]]:
    """The words with each date replaced by a placeholder, and the dates by placeholder."""
    found: list[DateMention] = []

    def keep(text: str, start: int, past: dt.date | None, future: dt.date | None,
             impossible: bool = False, later: bool = False) -> str:
        before = words_before(text, start)
        if _OF_PLAN.search(before):
            return PLAN_DATE
        requested = bool(cues.request_heads.search(before)) and not cues.own_heads.search(before)
        found.append(DateMention(past, future, requested, impossible, later))
        return f"{DATE_PLACEHOLDER}{letter(len(found) - 1)}"

    for pattern, offset in cues.relative_days:
        day = today + dt.timedelta(days=offset)

        def relative(match: re.Match[str], day: dt.date = day) -> str:
            later = bool(cues.later_today.match(match.group(0).strip()))
            return keep(match.string, match.start(), day, day, False, later)

        words = pattern.sub(relative, words)
    for pattern, reader in (*_READERS, (cues.amount, _amount)):

        def written(match: re.Match[str], reader: Reader = reader) -> str:
            return _replace(match, today, reader, keep)

        words = pattern.sub(written, words)
    return words, found


def _replace(match: re.Match[str], today: dt.date, reader: Reader,
             keep: Callable[[str, int, dt.date | None, dt.date | None, bool], str]) -> str:
    read = reader(match, today)
    if read is None and reader in _CHECKED:
        return keep(match.string, match.start(), None, None, True)
    if read is None or read == (None, None):
        return match.group(0)
    if match.group(0).startswith("hom "):
        read = (read[0], None)  # "hôm thứ 2", "hôm 10/1": a day gone by
    prefix = ""
    groups = match.groupdict()
    pre = groups.get("pre") or groups.get("head")
    if pre and (pre in ("nop", "gui", "khat", "den", "toi", "truoc", "sang", "het")
                or "head" in groups):
        prefix = f"{pre} "  # a verb or a head kept for the reading: "nộp thứ 6 tuần sau"
    return prefix + keep(match.string, match.start() + len(prefix), *read, False)


def words_before(text: str, start: int) -> str:
    return " ".join(text[:start].split()[-3:])


def mention(token: str, mentions: list[DateMention]) -> DateMention | None:
    match = PLACEHOLDER.fullmatch(token)
    if match is None:
        return None
    index = int("".join(str(ord(c) - 97) for c in match.group(1)))
    return mentions[index] if index < len(mentions) else None
