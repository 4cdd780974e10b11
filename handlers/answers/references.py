"""Documents, dates and spans of years a question names, read from its written form.

A reference keeps its punctuation ("14-KL/TW", "1654/UBND-NC", "19/5/2024", "2021 - 2025"),
which words lose, so these are read from the text itself, on a diacritic-free copy of the same
length; each span read is then blanked, and the rest of the question is read as words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from knowledge.lexicon import Phrase
from knowledge.schema import Plan
from knowledge.textnorm import canonical, fold, unify_i_y

# "103-KH/ĐUK", "1654/UBND-NC", "27/CT-TTg", "08-QĐi/TW": a number, then letters.
_FULL = re.compile(r"(?<![\w/])0*(\d{1,4})\s*[-/]\s*([a-z]{1,8})((?:\s*[-/]\s*[a-z]{1,8})?)"
                   r"(?![\w/])")
_DATE = re.compile(r"(?<![\d/])0*(\d{1,2})/0*(\d{1,2})(?:/(\d{4}))?(?![\d/])")
_MONTH = re.compile(r"(?<![\d/])0*(\d{1,2})/((?:19|20)\d{2})(?![\d/])")
_SPAN = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})(?!\d)")
_WORD = re.compile(r"[a-z]+")
_QUARTER_BEFORE = re.compile(r"\b(?:quy|q)\s*$")
_YEAR_MIN = 1900


@dataclass(frozen=True)
class Reference:
    """A document named by kind and number ("Kết luận 14", "62-KH/TU")."""

    code: str | None  # the kind's code ("kl", "kh"), None when the text does not say
    number: str  # without leading zeros
    written: str  # as the question writes it
    end: int = 0  # where it ends in the question's text
    start: int = 0
    suffix: str | None = None  # the issuer's letters after the kind ("duk" in "103-KH/ĐUK")


@dataclass(frozen=True)
class Read:
    references: tuple[Reference, ...]
    dates: tuple[tuple[str, ...], ...]  # ("19", "5", "2024"), ("12", "2022"), ("19", "5")
    spans: tuple[tuple[str, str], ...]  # ("2021", "2025")
    rest: str  # the text with every span read blanked out


def _folded(text: str) -> str:
    """Lower case without diacritics, one character for each of ``text``'s."""
    flat = "".join((fold(c) or " ")[0] for c in text)
    return _WORD.sub(lambda m: unify_i_y(m.group(0)), flat)


def _blank(chars: list[str], start: int, end: int) -> None:
    chars[start:end] = " " * (end - start)


class ReferenceReader:
    """Reads references with the kinds of document named in ``cues.yaml``."""

    def __init__(self, kinds: Mapping[str, tuple[Phrase, ...]], counted: Iterable[str],
                 after_so: Iterable[Phrase] = ()) -> None:
        self._codes = set(kinds)
        forms = sorted({" ".join(f) for fs in kinds.values() for f in fs}, key=len, reverse=True)
        self._form_code = {" ".join(f): code for code, fs in kinds.items() for f in fs}
        pattern = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms)
        counted_words = "|".join(sorted({re.escape(w).replace(r"\ ", r"\s+") for w in counted},
                                        key=len, reverse=True))
        # "kế hoạch 5 năm" is a kind of plan; "KL 01 năm 2023", "KH 107 ngày nào", "KH 103
        # phần II", "KH 107 ban hành" are not, nor is any number from 20 ("KH 107 phần nội
        # dung": no plan has 107 parts).
        self._word = re.compile(rf"\b({pattern})\s*(so\s*)?0*(\d{{1,4}})(?![\d/])"
                                rf"(?:(?<=\d\d\d)|(?<=[2-9]\d)|"
                                rf"(?!\s*(?:{counted_words})\b(?!\s*(?:(?:19|20)\d\d|nao|may|gi"
                                rf"|[ivx]{{1,4}}|\d{{1,2}}|hanh)\b)))")
        self._before = re.compile(rf"\b({pattern})\s*(?:so\s*)?$")
        self._after_so = {" ".join(p) for p in after_so}

    def read(self, text: str) -> Read:
        written = canonical(text)
        flat = _folded(written)
        chars = list(written)
        references = self._full(written, flat, chars) + self._words(written, flat, chars)
        dates: list[tuple[str, ...]] = []
        spans: list[tuple[str, str]] = []
        for regex in (_DATE, _MONTH):
            for match in regex.finditer(flat):
                if chars[match.start()] == " " and not flat[match.start()].isspace():
                    continue  # already read as part of a reference
                if regex is _MONTH and _QUARTER_BEFORE.search(flat[:match.start()]):
                    continue  # "quý 3/2023" is a quarter, read with the words
                groups = tuple(g for g in match.groups() if g)
                if regex is _DATE and len(groups) == 3 and int(groups[2]) < _YEAR_MIN:
                    continue
                dates.append(groups)
                _blank(chars, match.start(), match.end())
        for match in _SPAN.finditer("".join(chars).lower()):
            spans.append((match.group(1), match.group(2)))
            _blank(chars, match.start(), match.end())
        return Read(tuple(references), tuple(dates), tuple(spans), "".join(chars))

    def _full(self, written: str, flat: str, chars: list[str]) -> list[Reference]:
        found = []
        for match in _FULL.finditer(flat):
            first = match.group(2)
            code = first if first in self._codes else None
            start = match.start()
            before = self._before.search(flat[:start])
            if before is not None:
                code = code or self._form_code.get(re.sub(r"\s+", " ", before.group(1)))
                start = before.start()
            found.append(Reference(code, match.group(1), written[start:match.end()].strip(),
                                   match.end(), start, _suffix(match)))
            _blank(chars, start, match.end())
        return found

    def _words(self, written: str, flat: str, chars: list[str]) -> list[Reference]:
        found = []
        for match in self._word.finditer(flat):
            if chars[match.start()] == " ":
                continue
            number = match.group(3)
            if len(number) == 4 and int(number) >= _YEAR_MIN:
                continue  # "kế hoạch 2024" names a year
            code = self._form_code.get(re.sub(r"\s+", " ", match.group(1)))
            if code in self._after_so and not match.group(2):
                continue  # "bc 6 tháng" is a kind of report, not report number 6
            found.append(Reference(code, number, written[match.start():match.end()].strip(),
                                   match.end(), match.start()))
            _blank(chars, match.start(), match.end())
        return found


def document_code(kind: str, number: str | None,
                  kinds: Mapping[str, tuple[Phrase, ...]]) -> str | None:
    """The code of a cited document: from its number's letters ("14-KL/TW"), else its kind."""
    if number:
        match = _FULL.match(_folded(number))
        if match and match.group(2) in kinds:
            return match.group(2)
    key = tuple(_folded(kind).split())
    return next((code for code, forms in kinds.items() if key in forms), None)


def _suffix(match: re.Match[str]) -> str | None:
    letters = re.sub(r"[\s/-]", "", match.group(3))
    return letters or None


def document_suffix(number: str | None) -> str | None:
    """The issuer's letters of a document's number: "duk" of "103-KH/ĐUK", None of "1654"."""
    match = _FULL.match(_folded(number or ""))
    return _suffix(match) if match else None


def number_of(text: str | None) -> str | None:
    match = re.match(r"0*(\d+)", text or "")
    return match.group(1) if match else None


@dataclass(frozen=True)
class Known:
    """A document the plans hold (a plan itself) or cite."""

    code: str | None
    number: str
    plan: Plan
    document_id: str | None  # None: the plan itself
    suffix: str | None = None


def catalogue(plans: Iterable[Plan], kinds: Mapping[str, tuple[Phrase, ...]]) -> list[Known]:
    known = []
    for plan in plans:
        own = number_of(plan.number)
        if own:
            known.append(Known(document_code("Kế hoạch", plan.number, kinds), own, plan, None,
                               document_suffix(plan.number)))
        for doc in plan.documents:
            number = number_of(doc.number)
            if number:
                known.append(Known(document_code(doc.kind, doc.number, kinds), number, plan,
                                   doc.id, document_suffix(doc.number)))
    return known


def compatible(reference: Reference, known: Known) -> bool:
    if reference.number != known.number:
        return False
    if reference.suffix and known.suffix and reference.suffix != known.suffix:
        return False  # "103-KH/TU" of a Tỉnh ủy is not "103-KH/ĐUK"
    if reference.code is None or known.code is None:
        return True
    return reference.code[:2] == known.code[:2]  # "qd" and "qdi" are both a Quy định
