"""Read a plan's time phrase ("trước ngày 25/3/2024", "trong quý I/2024") into a Deadline.

One reader for the bundled plans, imported documents and status replies. ``parse_deadline``
reads a phrase already known to be a time; ``find_deadlines`` finds the time phrases inside
free text (a task's sentence) and reads each one, keeping the phrase exactly as written. The
cue words live in ``knowledge/data/deadline_cues.yaml``; the shapes of dates are grammar, here.
Anything that cannot be read with certainty stays ``NONE``: an unreadable phrase must never
become a date. ``occurrences`` (from ``knowledge.periods``, re-exported here) lists the due
days of a deadline inside a span of days, for the reminders planner.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from importlib import resources
from typing import Any, NamedTuple

import yaml

from knowledge.periods import Occurrence as Occurrence  # re-exported for the planner
from knowledge.periods import last_day_of_month as last_day_of_month
from knowledge.periods import occurrences as occurrences
from knowledge.periods import quarter_window as quarter_window
from knowledge.schema import Deadline, DeadlineKind
from knowledge.textnorm import canonical, fold, nfc

ROMAN_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
D = DeadlineKind


def _alt(words: Iterable[Any]) -> str:
    keys = sorted({fold(str(w)).strip() for w in words}, key=len, reverse=True)
    return "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in keys)


def _folded_map(mapping: dict[str, Any]) -> dict[str, Any]:
    return {" ".join(fold(k).split()): v for k, v in mapping.items()}


@lru_cache(maxsize=1)
def _cues() -> dict[str, Any]:
    text = resources.files("knowledge").joinpath("data/deadline_cues.yaml").read_text("utf-8")
    return dict(yaml.safe_load(text))


_FULL = (r"(?:(?<![\d/.])\d{1,2}\s?/\s?\d{1,2}\s?/\s?\d{4}(?![\d/])"
         r"|(?<![\d/.-])\d{1,2}-\d{1,2}-\d{4}(?![\d-])"
         r"|(?<![\d/.])\d{1,2}\.\d{1,2}\.\d{4}(?!\d|\.\d)"
         r"|\b\d{1,2}\s+thang\s+\d{1,2}\s+nam\s+\d{4})")
_SHORT = r"(?:(?<![\d/.])\d{1,2}\s?/\s?\d{1,2}(?![\d/]|\s*/))"
_DATE = f"(?:{_FULL}|{_SHORT})"
_Q = r"(?:iv|iii|ii|i|[1-4])\b"
_YEAR = r"(?:\s?/\s?(?P<y>\d{4})|\s+nam\s+(?P<y2>\d{4}))?(?![\d/])"
_ATOM_RE = re.compile(rf"(?P<full>{_FULL})|(?P<short>{_SHORT})")
_CITATION_RE = re.compile(r"(?:\S*\d\S*/\S+|\bso\s+\S*\d\S*)\s*,?\s*$")
_START_WORDS_RE = re.compile(r"(?:\btu|\bke tu|\btinh den|\btinh tu|\bbat dau)\s+$")
_CLAUSE_END_RE = re.compile(r"[.;!?](?!\d)")


class Found(NamedTuple):
    """A time phrase found in a text: where it is (in the NFC text) and how it reads."""

    start: int
    end: int
    deadline: Deadline


class _Ctx(NamedTuple):
    key: str
    year: int
    strict: bool
    text: str


# A reading: the span in the key and the Deadline's fields other than the phrase.
Reading = tuple[int, int, dict[str, Any]]
Builder = Callable[[re.Match[str], _Ctx], Reading | None]


def _date(atom: str, year: int | None) -> dt.date | None:
    numbers = [int(n) for n in re.findall(r"\d+", atom)] + ([year] if year else [])
    try:
        return dt.date(numbers[2], numbers[1], numbers[0]) if len(numbers) >= 3 else None
    except ValueError:
        return None


def _dates(text: str, year: int | None) -> list[dt.date]:
    found = (_date(m.group(0), year) for m in _ATOM_RE.finditer(text))
    return [d for d in found if d is not None]


def _atom_year(atom: str) -> int | None:
    full = _ATOM_RE.fullmatch(atom.strip())
    return int(re.findall(r"\d+", atom)[-1]) if full and full.group("full") else None


def _month(month: int, year: int) -> tuple[dt.date, dt.date] | None:
    return (dt.date(year, month, 1), last_day_of_month(year, month)) if 1 <= month <= 12 else None


def _has_year(m: re.Match[str]) -> bool:
    return bool(m.groupdict().get("y") or m.groupdict().get("y2"))


def _year_of(m: re.Match[str], ctx: _Ctx) -> int:
    return int(m.groupdict().get("y") or m.groupdict().get("y2") or ctx.year)


def _bound(m: re.Match[str], ctx: _Ctx, n: str, year: int) -> tuple[dt.date, dt.date] | None:
    """The window of the range's end ``n`` ("1" or "2"): a date, a month or a quarter."""
    groups = m.groupdict()
    if atom := groups.get("a" if n == "1" else "b"):
        day = _date(atom, _atom_year(atom) or year)
        return (day, day) if day else None
    year = int(groups.get("y1") or year) if n == "1" else year
    if groups.get("q" + n):
        return quarter_window(year, ROMAN_QUARTERS[groups["q" + n]])
    return _month(int(groups["m" + n]), year)


def _range(m: re.Match[str], ctx: _Ctx) -> Reading | None:
    """"từ tháng 7 đến tháng 12/2019": the first end takes its year from the second."""
    last = _bound(m, ctx, "2", _year_of(m, ctx) if not m.groupdict().get("b") else ctx.year)
    first = _bound(m, ctx, "1", last[1].year) if last else None
    if first and last and first[0] <= last[1]:
        return m.start(), m.end(), {"kind": D.RANGE, "start": first[0], "end": last[1]}
    return None


def _recurring(period: str, **due: Any) -> dict[str, Any]:
    return {"kind": D.RECURRING, "recurrence": period, **due}


def _recurring_builder(name: str) -> Builder:
    """"recurring/quarter" and the like: the period, then the due day from the groups."""
    _, *rest = name.split("/")

    def build(m: re.Match[str], ctx: _Ctx) -> Reading | None:
        groups = m.groupdict()
        period = rest[0] if rest else _folded_map(_cues()["recurrences"]).get(groups["p"])
        due: dict[str, Any] = {"due_offset": 1 if rest[1:] == ["next"] else 0}
        if groups.get("d"):
            due["due_day"] = int(groups["d"])
        if groups.get("m"):
            due["due_month"] = int(groups["m"])
        if groups.get("w"):
            due["due_month"] = _folded_map(_cues()["month_of_quarter"])[
                " ".join(groups["w"].split())]
        if period is None or not 1 <= due.get("due_month", 1) <= 12:
            return None
        return m.start(), m.end(), _recurring(period, **due)

    return build


def _occasion(m: re.Match[str], ctx: _Ctx) -> Reading | None:
    """From the cue to the first date of its clause; "(19/5/1890 - 19/5/2024)" reads 2024."""
    tail = ctx.key[m.end():m.end() + 160]
    if stop := _CLAUSE_END_RE.search(tail):
        tail = tail[:stop.start()]
    atom = _ATOM_RE.search(tail)
    if atom is None:
        return None
    end = m.end() + atom.end()
    dates = _dates(atom.group(0), ctx.year)
    opened = tail.rfind("(", 0, atom.start())
    close = tail.find(")", atom.end())
    if opened >= 0 and close >= 0 and ")" not in tail[opened:atom.start()]:
        end = m.end() + close + 1
        dates = _dates(tail[opened:close], ctx.year)
    if not dates:
        return None
    every = re.match(r"\s+(?:hang|moi)\s+nam\b", ctx.key[end:])
    if every and atom.group("short"):
        due = {"due_day": dates[0].day, "due_month": dates[0].month}
        return m.start(), end + every.end(), _recurring("year", **due)
    when = max(dates)
    return m.start(), end, {"kind": D.OCCASION, "start": when, "end": when}


def _exact(m: re.Match[str], ctx: _Ctx) -> Reading | None:
    before = ctx.key[:m.start()]
    if m.group("ngay") and ctx.strict and (_CITATION_RE.search(before[-40:])
                                            or _START_WORDS_RE.search(before[-12:])):
        return None  # "Kế hoạch số 12-KH/TU ngày 05/01/2026", "kể từ ngày ..."
    atom = m.group("d")
    if re.match(r"\s*(?:ngay|buoi|gio|thang|nam|tuan)\b", ctx.key[m.end():]) and "/" in atom \
            and atom.count("/") == 1:
        return None  # "không quá 1/2 ngày": a duration
    day = _date(atom, _atom_year(atom) or ctx.year)
    return (m.start(), m.end(), {"kind": D.EXACT_DATE, "end": day}) if day else None


def _part(m: re.Match[str], ctx: _Ctx, *lists: str) -> int | None:
    """1, 2 or 3 for "đầu", "giữa", "cuối": written as such, or with no diacritics at all
    ("phấn đấu năm 2025" is no "đầu năm")."""
    written = " ".join(ctx.text[m.start("p"):m.end("p")].lower().split())
    words = {canonical(k).lower(): v for name in lists for k, v in _cues()[name].items()}
    if fold(written) != written and canonical(written) not in words:
        return None
    return int(_folded_map(words)[fold(written)])


def _month_part(m: re.Match[str], ctx: _Ctx) -> Reading | None:
    part = _part(m, ctx, "parts", "month_parts")
    window = _month(int(m.group("m")), _year_of(m, ctx))
    if window is None or part is None:
        return None
    first = window[0].replace(day=1 + 10 * (part - 1))
    last = window[1] if part == 3 else window[0].replace(day=10 * part)
    return m.start(), m.end(), {"kind": D.MONTH, "start": first, "end": last}


def _quarter_part(m: re.Match[str], ctx: _Ctx) -> Reading | None:
    if (part := _part(m, ctx, "parts")) is None:
        return None
    start, _ = quarter_window(_year_of(m, ctx), ROMAN_QUARTERS[m.group("q")])
    window = _month(start.month + part - 1, start.year)
    assert window is not None
    return m.start(), m.end(), {"kind": D.QUARTER, "start": window[0], "end": window[1]}


def _year_part(m: re.Match[str], ctx: _Ctx) -> Reading | None:
    if re.search(r"\bthang\s*$", ctx.key[:m.start()]) or (ctx.strict and not _has_year(m)):
        return None  # "6 tháng cuối năm" is a half of the year, not its last third
    if (part := _part(m, ctx, "parts")) is None:
        return None
    year = _year_of(m, ctx)
    first, last = dt.date(year, 4 * part - 3, 1), last_day_of_month(year, 4 * part)
    return m.start(), m.end(), {"kind": D.RANGE, "start": first, "end": last}


def _period(m: re.Match[str], ctx: _Ctx, kind: DeadlineKind,
            window: tuple[dt.date, dt.date] | None) -> Reading | None:
    cue = m.group("cue")
    if window is None or (ctx.strict and not cue and not _has_year(m)):
        return None  # "Quý I:" heading a topic, not a time
    start = m.start("cue") if cue and not cue.startswith("vao") else m.start("w")
    if m.group("v") and cue and cue.startswith("trong"):
        start = m.start("v")
    if cue and cue.startswith("truoc"):
        return start, m.end(), {"kind": D.NONE}  # "trước quý II": which day is meant?
    return start, m.end(), {"kind": kind, "start": window[0], "end": window[1]}


def _quarter(m: re.Match[str], ctx: _Ctx) -> Reading | None:
    window = quarter_window(_year_of(m, ctx), ROMAN_QUARTERS[m.group("q")])
    return _period(m, ctx, D.QUARTER, window)


def _month_phrase(m: re.Match[str], ctx: _Ctx) -> Reading | None:
    return _period(m, ctx, D.MONTH, _month(int(m.group("m")), _year_of(m, ctx)))


def _ongoing(m: re.Match[str], ctx: _Ctx) -> Reading | None:
    cues = _cues()
    before = ctx.key[:m.start()].rstrip(" ,")
    after = ctx.key[m.end():]
    if re.search(rf"(?:{_alt(cues['ongoing_not_after'])})$", before) or re.match(
            rf"\s*,?\s*(?:{_alt(cues['ongoing_not_before'])})\b", after):
        return None
    return m.start(), m.end(), {"kind": D.ONGOING}


def _relative(m: re.Match[str], ctx: _Ctx) -> Reading | None:
    written = canonical(ctx.text[m.start():m.end()]).lower()  # "đề nghị" is no stop "để"
    stops = "|".join(re.escape(canonical(w).lower()) for w in _cues()["relative_stops"])
    stop = re.search(rf"\s(?:{stops})(?!\w)", written)
    text = ctx.text[m.start():m.end()][:stop.start() if stop else None].rstrip()
    return m.start(), m.start() + len(text), {"kind": D.RELATIVE}


def _since(m: re.Match[str], ctx: _Ctx) -> Reading | None:
    window = _bound(m, ctx, "1", _year_of(m, ctx))
    return (m.start(), m.end(), {"kind": "since", "start": window[0]}) if window else None


_BUILDERS: dict[str, Builder] = {
    "occasion": _occasion, "range": _range, "since": _since, "relative": _relative,
    "exact": _exact, "month_part": _month_part, "quarter_part": _quarter_part,
    "year_part": _year_part, "quarter": _quarter, "month": _month_phrase, "ongoing": _ongoing,
}


def _builder(name: str) -> Builder:
    return _recurring_builder(name) if name.startswith("recurring") else _BUILDERS[name]


@lru_cache(maxsize=1)
def _matchers() -> tuple[tuple[re.Pattern[str], Builder], ...]:
    """The grammar of deadline_cues.yaml with its <<NAME>> pieces filled in."""
    c = _cues()
    exact = _alt(c["exact_cues"])
    pieces = {
        "DATE": _DATE, "FULL": _FULL, "SHORT": _SHORT, "Q": _Q, "YEAR": _YEAR, "exact": exact,
        "periods": _alt(c["period_cues"]), "parts": _alt(c["parts"]),
        "mparts": _alt([*c["parts"], *c["month_parts"]]), "occasion": _alt(c["occasion_cues"]),
        "quarter_months": _alt(c["month_of_quarter"]), "day_parts": _alt(c["day_parts"]),
        "lead": rf"(?:(?:{exact})\s+(?:la\s+)?)?",
    }

    def fill(pattern: str) -> str:
        return re.sub(r"<<(\w+)>>", lambda m: pieces[m.group(1)], pattern)

    return tuple((re.compile(fill(p)), _builder(name)) for name, p in c["grammar"])


@lru_cache(maxsize=1)
def _number_words_re() -> re.Pattern[str]:
    words = _alt(_cues()["number_words"])
    return re.compile(rf"(?<=\d)\s*\(\s*(?:(?:{words})\s*)+\)")


@lru_cache(maxsize=4096)
def _key(text: str) -> str:
    """The folded text, one character per character of ``text`` (offsets carry over)."""
    folded = [fold(c) for c in text]
    key = "".join(f if len(f) == 1 else (f[:1] or " ") for f in folded)
    return _number_words_re().sub(lambda m: " " * len(m.group(0)), key)


def _scan(text: str, year: int, strict: bool) -> list[tuple[int, int, dict[str, Any]]]:
    """Every reading in ``text``, earlier matchers first, spans never overlapping."""
    ctx = _Ctx(_key(text), year, strict, text)
    taken: list[tuple[int, int, dict[str, Any]]] = []
    for pattern, builder in _matchers():
        for match in pattern.finditer(ctx.key):
            reading = builder(match, ctx)
            if reading is None or reading[0] >= reading[1]:
                continue
            start, end, _ = reading
            if all(end <= s or start >= e for s, e, _ in taken):
                taken.append(reading)
    return sorted(taken, key=lambda r: r[0])


def _same_clause(text: str, a: int, b: int) -> bool:
    return _CLAUSE_END_RE.search(text[min(a, b):max(a, b)]) is None


def _merge(text: str, readings: list[tuple[int, int, dict[str, Any]]]
           ) -> list[tuple[int, int, dict[str, Any]]]:
    """"bắt đầu từ quý I/2026" dates the recurring phrase of its clause; a plain "hằng quý"
    beside "ngày 20 của tháng cuối quý" is the same time said twice."""
    kept = [r for r in readings if r[2]["kind"] != "since"]
    for s, _, since in (r for r in readings if r[2]["kind"] == "since"):
        for _, _, fields in kept:
            if fields["kind"] is D.RECURRING and _same_clause(text, s, _):
                fields["since"] = since["start"]
    fixed = [r for r in kept if r[2]["kind"] is D.RECURRING
             and (r[2].get("due_day") or r[2].get("due_month"))]
    return [r for r in kept if not (
        r[2]["kind"] is D.RECURRING and not (r[2].get("due_day") or r[2].get("due_month"))
        and any(f[2]["recurrence"] == r[2]["recurrence"] and _same_clause(text, f[0], r[0])
                for f in fixed))]


def _tentative(key: str, start: int) -> bool:
    return "du kien" in _CLAUSE_END_RE.split(key[max(0, start - 40):start])[-1]


def find_deadlines(text: str, plan_year: int) -> list[Found]:
    """The time phrases of a free text, each read; spans index ``nfc(text)``.

    Only phrases with a cue are taken: a bare date in a citation ("Kế hoạch số 12-KH/TU ngày
    05/01/2026"), an anniversary in parentheses or a duration ("không quá 1/2 ngày") is none.
    A phrase that looks like a time but cannot be read comes back with kind ``NONE``.
    """
    text = nfc(text)
    key = _key(text)
    found = []
    for start, end, fields in _merge(text, _scan(text, plan_year, strict=True)):
        phrase = text[start:end].strip()
        tentative = _tentative(key, start) or "du kien" in key[start:end]
        found.append(Found(start, end, Deadline(phrase=phrase, tentative=tentative, **fields)))
    return found


def parse_deadline(phrase: str, plan_year: int) -> Deadline:
    """Normalise one time phrase; ``plan_year`` completes a date or quarter without its year."""
    written = canonical(phrase).strip()
    key = _key(written)
    tentative = "du kien" in key
    readings = _merge(written, _scan(written, plan_year, strict=False))
    conditional = re.match(rf"\s*(?:{_alt(_cues()['conditions'])})\b", key)
    if readings and not conditional:
        fields = max(readings, key=lambda r: r[1] - r[0])[2]
        return Deadline(phrase=written, tentative=tentative, **fields)
    dates = [] if conditional else _dates(key, None)
    if not dates:
        return Deadline(phrase=written, kind=D.NONE, tentative=tentative)
    when = max(dates)  # "(19/5/1890-19/5/2024)": the anniversary's own date is the latest
    occasion = re.search(rf"\b(?:{_alt(_cues()['occasion_words'])})\b", key)
    return Deadline(phrase=written, kind=D.OCCASION if occasion else D.EXACT_DATE,
                    start=when if occasion else None, end=when, tentative=tentative)
