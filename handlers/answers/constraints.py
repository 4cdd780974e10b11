"""What a question states, read as constraints the source of its answer must satisfy.

"Báo cáo 9 tháng thực hiện KL 01 của Thành ủy Lai Châu năm 2023 hạn khi nào?" states a kind of
report (9 months), a document (Kết luận 01), a body (Thành ủy Lai Châu) and a year (2023); an
answer may cite only a source for which every one holds (``checks.py``). The reader is general:
the words it looks for are the kinds of constraint (``knowledge/data/cues.yaml``), never the
near misses themselves.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from itertools import pairwise

from handlers.answers.phrases import any_of, at, find, mark, numeral
from handlers.answers.references import Read, Reference, number_of
from knowledge.cues import PhraseList, QuestionCues
from knowledge.index import SearchIndex
from knowledge.lexicon import Phrase
from knowledge.textnorm import Token, fold, tokenize

YEAR_MIN, YEAR_MAX = 1945, 2100
# Two dates read out of the text leave runs of blanks: "15/1 hay 15/2" is "    hay    ".
_CHOICE_OF_DATES = re.compile(r"\s{3}(?:hay la|hay|hoac)\s{3}")
_TIME_UNITS = frozenset({("ngay",), ("tuan",), ("thang",)})
# Words before a held plan's bare number that make it the plan's ("đề cương 103", "KH 103").
_NAMING_BEFORE = frozenset({"cuong", "hoach", "kh", "theo", "cua", "so"})
MAX_NAME = 4  # words after a name head read as the name ("Huyện ủy Mường Tè")
YEAR_REACH = 7  # how far before a year the word it belongs to may stand
MAX_TITLE = 8  # words of a position and the body it belongs to ("Bí thư Thành ủy Lai Châu")
_ASKING = (("bao", "nhieu"), ("may",), ("so", "luong"))


class Kind(StrEnum):
    YEAR = "year"  # "năm 2023"
    SPAN = "span"  # "giai đoạn 2021 - 2025"
    DATE = "date"  # "19/5/2024", "tháng 12/2022"
    COUNT = "count"  # "9 tháng", "05 năm", "02 mô hình"
    ORDINAL = "ordinal"  # "quý III", "đợt II", "lần thứ XV"
    DOCUMENT = "document"  # "Kết luận 14-KL/TW"
    NAME = "name"  # "Mộc Châu", "Đảng ủy Khối Doanh nghiệp"
    BODY = "body"  # a unit the directory knows: "Ban Tuyên giáo Thành ủy", "Đoàn Khối"
    QUALIFIER = "qualifier"  # "báo cáo năm", "báo cáo kiểm điểm", "hội nghị trực tuyến"
    ASKED = "asked"  # the attribute asked: an amount of money, a person, a count...


@dataclass(frozen=True)
class Constraint:
    kind: Kind
    words: tuple[str, ...]  # the keys the source must carry, in order
    phrase: str  # as the question puts it, for the reply
    head: tuple[str, ...] = ()  # the noun a count, an ordinal or a qualifier belongs to
    value: str = ""  # an ordinal's number; the attribute asked ("money", "count", ...)
    reference: Reference | None = None


def _text(tokens: list[Token], start: int, end: int) -> str:
    return " ".join(t.text for t in tokens[start:end])


class ConstraintReader:
    """Reads the constraints of one question (after its references are read)."""

    def __init__(self, cues: QuestionCues, index: SearchIndex,
                 respell: Callable[[list[Token]], list[Token]] | None = None) -> None:
        self.cues = cues
        self.index = index
        self._respell = respell or (lambda tokens: tokens)  # misspelt cue words, corrected
        normalize = index.lexicon.normalize
        # Pairs of words that name a plan ("Sơn La", "thực hiện"): "kế hoạch thực hiện…" is
        # the plan itself, not a kind of plan.
        self._naming = frozenset(
            f"{a.key} {b.key}" for plan in index.kb.plans
            for text in (plan.title, plan.issuer, plan.locality, *plan.aliases)
            for a, b in pairwise(normalize(text)))
        written = [t for w in cues.written.get("document_words_written", ()) for t in tokenize(w)]
        self._written_keys = {t.key for t in written}
        self._written = {t.text for t in written}
        self._places = {*index.lexicon.places, *(tuple(t.key for t in normalize(p.locality))
                                                 for p in index.kb.plans)}
        self._counted = PhraseList(index.lexicon.counted_nouns)
        self._articles = frozenset(cues.phrases("article_nouns"))
        self._plan_numbers = frozenset(number for plan in index.kb.plans
                                       if (number := number_of(plan.number)) is not None)
        self._enders = frozenset(p for p in cues.phrases("body_enders") if len(p) == 1)
        self._question_cues = tuple(p for ps in cues.kinds.values() for p in ps)
        self._cue_phrases = frozenset(p for ps in cues.kinds.values() for p in ps)
        self._window_cues = tuple(cue for cue, _, _ in cues.relative_windows)
        people = "|".join(re.escape(" ".join(p)) for p in cues.phrases("person_words"))
        self._person_cue = re.compile(rf"\b(?:{people})\b") if people else re.compile("(?!)")
        self._cue_words = frozenset(
            word for phrases in (*cues.kinds.values(), *cues.lists.values(),
                                 *(a.cues for a in cues.asked.values()))
            for phrase in phrases for word in phrase) | {
            word for cue, _, _ in cues.relative_windows for word in cue}

    def read(self, read: Read) -> list[Constraint]:
        written = self._respell(self.index.lexicon.normalize(read.rest))
        tokens = [self._corrected(t) for t in written]
        keys = tuple(t.key for t in tokens)
        used = [False] * len(keys)
        mark(keys, self._question_cues, used)
        mark(keys, self._window_cues, used)
        found: list[Constraint] = []
        found += [Constraint(Kind.DOCUMENT, (r.number,), r.written, value=r.code or "",
                             reference=r) for r in read.references]
        if len(read.dates) < 2 or not _CHOICE_OF_DATES.search(fold(read.rest)):
            # "là 15/1 hay 15/2": a choice asked, answered with the plan's own date
            found += [Constraint(Kind.DATE, d, "/".join(d)) for d in read.dates]
        found += [Constraint(Kind.SPAN, s, f"{s[0]} - {s[1]}") for s in read.spans]
        found += self._numbers(tokens, keys)
        found += self._qualifiers(tokens, keys, used)
        found += self._names(written, tuple(t.key for t in written), used)  # as typed
        asked = self._asked(tokens, keys, used)
        cues = [f" {' '.join(p)} " for c in asked if c.value in self.cues.asked
                for p in (*self.cues.asked[c.value].cues,
                          *(w for pair in self.cues.asked[c.value].together for w in pair))
                if find(keys, p) >= 0]
        # "bao lâu một lần": the "một lần" of how often is not a count the source must state
        found = [c for c in found if c.kind is not Kind.COUNT
                 or not any(f" {' '.join(c.words)} " in cue for cue in cues)]
        found += asked
        if self._person_cue.search(fold(read.rest)) and not any(
                c.value == "person" for c in found):  # "do đồng chí nào chủ trì?"
            found.append(Constraint(Kind.ASKED, (), "", value="person"))
        return found

    def _corrected(self, token: Token) -> Token:
        """A misspelt word as the word of the plans it stands for; a word the cues know
        ("chánh văn phòng", "giám đốc") is no misspelling, though no plan uses it."""
        if (token.key.isdigit() or self.index.knows(token.key) or token.key in self._cue_words
                or self.index.is_stopword(token)):
            return token
        nearest = self.index.correct(token.key)
        return token if nearest is None else Token(nearest, nearest, capital=token.capital)

    # -- years, counts, ordinals --------------------------------------------------------------

    def _numbers(self, tokens: list[Token], keys: tuple[str, ...]) -> list[Constraint]:
        found: list[Constraint] = []
        identifiers = self.cues.phrases("identifier_words")
        for index, key in enumerate(keys):
            if not key.isdigit():
                ordinal = self._ordinal(tokens, keys, index)
                if ordinal is not None:
                    found.append(ordinal)
                continue
            if len(key) == 4 and YEAR_MIN <= int(key) <= YEAR_MAX:
                found.append(Constraint(Kind.YEAR, (key,), key,
                                        head=self._year_anchor(keys, index)))
                continue
            noun = at(keys, index + 1, self._counted)
            if noun is None or any(keys[max(0, index - len(w)):index] == w for w in identifiers):
                continue
            after = index + 1 + len(noun)
            if after < len(keys) and numeral(keys[after]) is not None:
                continue  # "5 phần II": a list of parts, not a count
            if key == "1" and noun in self._articles:
                continue  # "1 người kiêm nhiều chức danh": someone, not a count
            if key in self._plan_numbers and index and keys[index - 1] in _NAMING_BEFORE:
                continue  # "đề cương 103: phần …": the plan it is of, not 103 parts
            found.append(Constraint(Kind.COUNT, (key, *noun), _text(tokens, index, after),
                                    head=noun, value=key))
        return found

    def _year_anchor(self, keys: tuple[str, ...], index: int) -> tuple[str, ...]:
        """The word a year belongs to, a few words before it ("chuyên đề học tập năm 2024")."""
        for start in range(index - 1, max(-1, index - 1 - YEAR_REACH), -1):
            anchor = at(keys, start, self.cues.phrases("year_anchors"))
            if anchor is not None:
                return anchor
        return ()

    def _ordinal(self, tokens: list[Token], keys: tuple[str, ...],
                 index: int) -> Constraint | None:
        noun = at(keys, index, self.cues.phrases("ordinal_nouns"))
        if noun is None:
            return None
        after = index + len(noun)
        value = numeral(keys[after]) if after < len(keys) else None
        if value is None:
            return None
        return Constraint(Kind.ORDINAL, (*noun, keys[after]), _text(tokens, index, after + 1),
                          head=noun, value=str(value))

    # -- kinds of document ---------------------------------------------------------------------

    def _qualifiers(self, tokens: list[Token], keys: tuple[str, ...],
                    used: list[bool]) -> list[Constraint]:
        found: list[Constraint] = []
        plan_words = self.cues.phrases("plan_words")
        for index in range(len(keys)):
            word = self._document_word(tokens, keys, index)
            if word is None:
                continue
            if word not in plan_words:  # the source must speak of a report, a conference…
                found.append(Constraint(Kind.QUALIFIER, (), _text(tokens, index,
                                                                  index + len(word)), head=word))
            qualifier = (None if word in self.cues.phrases("bare_words")
                         else self._qualifier(tokens, keys, used, index + len(word)))
            if qualifier is not None:
                found.append(Constraint(Kind.QUALIFIER, qualifier, _text(
                    tokens, index, index + len(word) + len(qualifier)), head=word))
        return found

    def _qualifier(self, tokens: list[Token], keys: tuple[str, ...], used: list[bool],
                   after: int) -> tuple[str, ...] | None:
        """The word that narrows a document noun standing before ``after``, if one does."""
        if after >= len(keys) or used[after] or at(
                keys, after, self.cues.phrases("not_qualifiers")) or at(
                keys, after, self.cues.phrases("document_parts")):
            return None  # "báo cáo gửi về đâu", "báo cáo, mục 3": not a kind of report
        if at(keys, after, self.cues.phrases("body_prefixes")):
            return None  # "biên tập tài liệu — Ban Tuyên giáo …": who, not which document
        if keys[after - 2 : after] == ("ke", "hoach") and \
                " ".join(keys[after : after + 2]) in self._naming:
            return None  # "kế hoạch thực hiện Kết luận 01", "kế hoạch Sơn La": the plan
        token = tokens[after]
        if self.index.is_stopword(token) and token.key not in ("nam", "thang", "quy"):
            return None
        if token.key in self._plan_numbers:
            return None  # "đề cương báo cáo 103": the plan it is of, not a kind of report
        if (len(token.key) == 4 and token.key.isdigit()) or self._document_word(
                tokens, keys, after):
            return None  # a year; "hội thảo kỷ niệm 55 năm": the second is narrowed in turn
        size = 1
        if (token.key.isdigit() and after + 1 < len(keys)
                and (not self.index.is_stopword(tokens[after + 1])
                     or at(keys, after + 1, self._counted))) or at(
                keys, after, self.cues.phrases("ordinal_nouns")):
            size = 2  # "báo cáo 6 tháng", "báo cáo quý I"; "lớp 12 ở TP" is "lớp 12"
        return keys[after : after + size]

    def _document_word(self, tokens: list[Token], keys: tuple[str, ...],
                       index: int) -> Phrase | None:
        word = at(keys, index, self.cues.phrases("document_words"))
        if word is not None and len(word) == 1 and word[0] in self._written_keys \
                and tokens[index].text not in self._written:
            return None  # "ban", "so" typed bare are not "bản", "sổ"
        return word

    # -- names of bodies and places ------------------------------------------------------------

    def _names(self, tokens: list[Token], keys: tuple[str, ...],
               used: list[bool]) -> list[Constraint]:
        """Proper names: a run of capitalised words past the first ("Huyện ủy Mộc Châu"), and
        words the plans never use after a name head ("huyện ủy mường tè")."""
        found: list[Constraint] = []
        runs: list[tuple[int, int]] = []
        index = 1
        while index < len(tokens):
            if tokens[index].capital and not tokens[index].caps:
                end = index
                while end < len(tokens) and tokens[end].capital and not tokens[end].caps:
                    end += 1
                runs.append((index, end))
                index = end
            else:
                index += 1
        heads = self.cues.phrases("name_heads")
        for index in range(len(keys)):
            head = at(keys, index, heads)
            if head is None or (len(head) == 1 and index > 0
                                and not self.index.is_stopword(tokens[index - 1])
                                and self.index.knows(f"{keys[index - 1]} {head[0]}")):
                continue  # "đảng bộ cơ sở trong Khối": "sở" ends "cơ sở", it heads no name
            start = end = index + len(head)
            while end < len(keys) and end - start < MAX_NAME and not used[end] and (
                    self._named(tokens[end]) or self._bridge(tokens, end)):
                end += 1
            if end == start and self._unheard_pair(tokens, keys, used, start):
                # "huyen uy tam duong": two words the plans never join, named with the head
                runs.append((index, start + 2))
                continue
            if end > start and keys[start:end] not in self._places:
                runs.append((start - 1, end))  # "huyện ủy | Mường Tè": the name after its head
        head_words = {w for head in heads for w in head}
        for start, end in runs:
            words = keys[start:end]
            if self._locality(words, head_words):
                continue  # "Đảng bộ tỉnh Sơn La": a province or city, the plans' own
            if all(self.index.is_stopword(t) for t in tokens[start:end]):
                continue
            if end - start == 1 and self.index.knows(words[0]):
                continue  # one capitalised word the plans use: emphasis, not a name
            found.append(Constraint(Kind.NAME, words, _title(tokens, start, end)))
        return found

    def _unheard_pair(self, tokens: list[Token], keys: tuple[str, ...], used: list[bool],
                      start: int) -> bool:
        """Two plain words after a committee's name that no plan puts together: typed
        without diacritics, a place ("tam duong") reads as ordinary words one by one."""
        if start + 1 >= len(keys) or used[start] or used[start + 1]:
            return False
        pair = tokens[start : start + 2]
        if any(t.accented or t.capital or self.index.may_be_stopword(t) or not t.key.isalpha()
               or (t.key,) in self._cue_phrases for t in pair):
            return False
        return not self.index.knows(f"{keys[start]} {keys[start + 1]}")

    def _locality(self, words: tuple[str, ...], head_words: set[str]) -> bool:
        """A place, after words that only say what kind of body or place it is."""
        for cut in range(len(words)):
            if words[cut:] in self._places:
                return all(w in head_words for w in words[1:cut])
        return False

    def _named(self, token: Token) -> bool:
        return not self._plain(token) or (token.capital and not token.caps)

    def _bridge(self, tokens: list[Token], index: int) -> bool:
        """A plain word between two words of a name ("Sở Nội vụ Sơn La"); not a verb that
        ends one ("Tỉnh ủy Bình Định | gửi Ban Tuyên giáo")."""
        return (index + 1 < len(tokens) and not self.index.is_stopword(tokens[index])
                and (tokens[index].key,) not in self._enders
                and tokens[index + 1].capital and not tokens[index + 1].caps)

    def _plain(self, token: Token) -> bool:
        """A word that cannot be part of a name read after a head: one the plans use, or
        one of the cues ("ThU hôm 3/4": "hôm" names no one)."""
        return (self.index.knows(token.key) or self.index.is_stopword(token)
                or token.key.isdigit() or token.key in self._cue_words)

    def _counted_noun(self, tokens: list[Token], keys: tuple[str, ...],
                      index: int) -> Phrase | None:
        """What "bao nhiêu", "mấy" counts: a counted noun, or else the word after it
        ("bao nhiêu trang", "bao nhiêu đại biểu")."""
        noun = at(keys, index, self._counted)
        if noun is not None:
            return noun
        if index >= len(keys) or self.index.is_stopword(tokens[index]) or keys[index].isdigit():
            return None
        return (keys[index],)

    # -- attributes asked ----------------------------------------------------------------------

    def _typed_as(self, tokens: list[Token], start: int, cue: Phrase) -> bool:
        """The cue at ``start`` is typed as the cue is written, or without diacritics."""
        written = self.cues.spelled.get(cue)
        typed = tokens[start : start + len(cue)]
        return (start < 0 or not written or not any(t.accented for t in typed)
                or tuple(t.text for t in typed) == written)

    def _asked(self, tokens: list[Token], keys: tuple[str, ...],
               used: list[bool]) -> list[Constraint]:
        found = []
        spans: dict[str, tuple[int, int]] = {}
        for name, attribute in self.cues.asked.items():
            cue = any_of(keys, attribute.cues)
            if cue is None:
                pair = next((p for p in attribute.together
                             if all(find(keys, word) >= 0 for word in p)), None)
                cue = pair[0] if pair else None
            if cue is not None:
                start = find(keys, cue)
                if not self._typed_as(tokens, start, cue):
                    continue  # "ở đầu đề cương" is no "ở đâu"
                found.append(Constraint(Kind.ASKED, (), " ".join(cue), value=name))
                spans[name] = (start, start + len(cue))
        # "bao lâu (bình xét) một lần" asks how often, not how long
        replaced = {n for name in spans for n in self.cues.asked[name].instead_of}
        found = [c for c in found if c.value not in replaced]
        position = any_of(keys, self.cues.phrases("positions"))
        if position is not None and any_of(keys, self.cues.phrases("person_cues")):
            start = find(keys, position)
            end = start + len(position)
            while end < len(keys) and not used[end] and end - start < MAX_TITLE:
                end += 1  # "Bí thư Thành ủy Lai Châu": the position and whose it is
            found.append(Constraint(Kind.ASKED, keys[start:end], _title(tokens, start, end),
                                    head=position, value="person"))
        for asking in _ASKING:
            start = 0
            while (index := find(keys, asking, start)) >= 0:
                start = index + 1
                if any(keys[max(0, index - len(w)) : index] == w
                       for w in self.cues.phrases("identifier_words")):
                    continue  # "tháng mấy", "số mấy", "lần thứ mấy": which one, not how many
                noun = self._counted_noun(tokens, keys, index + len(asking))
                if noun is None or noun in self.cues.phrases("uncounted"):
                    continue
                after = index + len(asking) + len(noun)
                if noun in _TIME_UNITS and ((index and keys[index - 1] == "con")
                                            or keys[after:after + 1] == ("nua",)):
                    continue  # "còn mấy ngày nữa là hết hạn": the time left, which its date tells
                found.append(Constraint(Kind.ASKED, noun, _text(
                    tokens, index, index + len(asking) + len(noun)), head=noun, value="count"))
        return found


def _title(tokens: list[Token], start: int, end: int) -> str:
    """The words as typed: capitalised where the question capitalises them."""
    return " ".join(t.text[:1].upper() + t.text[1:] if t.capital else t.text
                    for t in tokens[start:end])


def asked(constraints: list[Constraint], value: str) -> Constraint | None:
    return next((c for c in constraints if c.kind is Kind.ASKED and c.value == value), None)


def kinds_of(constraints: list[Constraint]) -> set[Kind]:
    return {c.kind for c in constraints}


def named(phrase: Phrase, constraints: list[Constraint]) -> bool:
    return any(c.words == phrase for c in constraints)
