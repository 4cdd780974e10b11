"""The units a question names, from the directory's names and aliases ("BTG ĐUK", "chi bộ",
"Văn phòng Thành ủy"), read as constraints too: the source must concern them. A name the
directory does not hold ("Ban Dân vận Thành ủy", "Ủy ban Kiểm tra Đảng ủy Khối") is kept as
the name of a body the plans do not know."""

from __future__ import annotations

import itertools
from functools import lru_cache

from handlers.answers.constraints import Constraint, Kind
from handlers.answers.model import Question
from handlers.answers.phrases import find
from knowledge.cues import QuestionCues
from knowledge.index import SearchIndex
from knowledge.lexicon import Phrase, phrase_key
from knowledge.loader import KnowledgeBase
from knowledge.textnorm import Token, fold

OTHER_BODY_WORDS = 3  # "Ban Dân vận | Thành ủy": words of another body's name before a unit's
WHICH_REACH = 6  # "chi bộ trường THPT nào": how far after a unit's name "nào" asks which
MIN_BODY_WORDS = 3  # "Ban Dân vận Thành ủy": a body's name has at least its prefix and a word


def _at_prefix(keys: tuple[str, ...], index: int, prefixes: tuple[Phrase, ...]) -> bool:
    return any(keys[index : index + len(p)] == p for p in prefixes)


def which_unit(question: Question) -> bool:
    """The question asks which of the units it names ("những chi bộ trường THPT nào")."""
    for constraint in question.constraints:
        if constraint.kind is Kind.BODY:
            end = find(question.keys, constraint.words) + len(constraint.words)
            if "nao" in question.keys[end : end + WHICH_REACH]:
                return True
    return False


# "bên ĐUK", "chi bộ thuộc ĐUK": the organisation, not the one body of that name.
_SIDE_WORDS = frozenset({"ben", "thuoc"})
# "hạn của Đảng ủy Khối": the body that set the time, whose plan is asked of, not the one
# that does the work.
_ISSUER_OF = (("han", "cua"), ("yeu", "cau", "cua"), ("quy", "dinh", "cua"),
              ("thoi", "han", "cua"), ("han", "chot", "cua"))


def _inside_spans(constraint: Constraint, keys: tuple[str, ...],
                  spans: list[tuple[int, int, list[str]]]) -> bool:
    """A name constraint whose words all lie within named units' words ("chi bộ | Trường Cao
    đẳng")."""
    if constraint.kind is not Kind.NAME or not constraint.words:
        return False
    start = find(keys, constraint.words)
    return start >= 0 and all(any(s <= i < e for s, e, _ in spans)
                              for i in range(start, start + len(constraint.words)))


class UnitReader:
    def __init__(self, kb: KnowledgeBase, index: SearchIndex, cues: QuestionCues) -> None:
        self.kb = kb
        self.index = index
        self.cues = cues
        self.lexicon = index.lexicon
        self._unit_aliases: dict[Phrase, list[str]] = {}
        for unit in kb.units.values():
            for alias in [unit.name, *unit.aliases]:
                # as typed and as a question reads it ("THPT": "trung học phổ thông")
                read = tuple(t.key for t in self.lexicon.normalize(alias))
                for key in dict.fromkeys((phrase_key(alias), read)):
                    ids = self._unit_aliases.setdefault(key, [])
                    if unit.id not in ids:
                        ids.append(unit.id)
        self._longest_alias = max((len(a) for a in self._unit_aliases), default=0)
        # The same few names are asked again and again: their groups, found once.
        self._with_groups = lru_cache(maxsize=512)(
            lambda ids: tuple(kb.with_groups(ids)))
        # Each plan's issuer, as a question reads it ("ban thuong vu tinh uy son la").
        self._issuers = {plan.id: " ".join(t.key for t in self.lexicon.normalize(plan.issuer))
                         for plan in kb.plans}
        self._members: dict[Phrase, list[str]] = {}
        for unit in kb.units.values():
            for member in unit.members:
                self._members.setdefault(
                    tuple(t.key for t in self.lexicon.normalize(member)), []).append(unit.id)
        # How the directory's names open, and in which organisations ("ban tuyên giáo tỉnh
        # ủy" opens "Ban Tuyên giáo Tỉnh ủy Bình Định"; "ủy ban kiểm tra" opens "Ủy ban kiểm
        # tra các cấp": a body of that name before another committee is one not held).
        self._opens_in: dict[Phrase, set[str]] = {}
        self._openings: set[Phrase] = set()  # openings shorter than the whole name
        for name, named in self._unit_aliases.items():
            for size in range(2, len(name) + 1):
                self._opens_in.setdefault(name[:size], set()).update(
                    kb.units[u].organisation for u in named)
                if size < len(name):
                    self._openings.add(name[:size])
        # Pairs of words the directory's names are made of ("doanh nghiệp", "huyện ủy").
        self._name_pairs = {pair for alias in self._unit_aliases
                            for pair in itertools.pairwise(alias)}
        self._not_in_names = frozenset(cues.phrases("not_qualifiers"))
        # Party committees a body's name may end in ("… Tỉnh ủy", "… Đảng ủy Khối").
        self._committees = tuple(sorted((h for h in cues.phrases("name_heads") if len(h) > 1
                                         and h[-1] in ("uy", "khoi")), key=len, reverse=True))

    def read(self, question: Question) -> None:
        """Units named in the question, longest name first; a span of words that names units
        of several organisations ("Ban Tuyên giáo Tỉnh ủy") keeps them all."""
        organisations = (None if question.plans is None
                         else {self.kb.plan(p).organisation for p in question.plans})
        keys = question.keys
        spans: list[tuple[int, int, list[str]]] = []
        foreign: list[tuple[int, int]] = []  # a body of another organisation's directory
        for size in range(min(self._longest_alias, len(keys)), 0, -1):
            for start in range(len(keys) - size + 1):
                ids = self._unit_aliases.get(keys[start : start + size])
                if not ids or (size == 1 and keys[start] in self.lexicon.ambiguous
                               and not question.tokens[start].caps):
                    continue  # "thu hoạch" is not "ThU"
                named_plan = all(question.content[i] is None  # "KH … của BTV Tỉnh ủy"
                                 for i in range(start, start + size))
                overlaps = any(s < start + size and start < e for s, e, _ in spans)
                kept = [u for u in ids if organisations is None
                        or self.kb.units[u].organisation in organisations]
                if kept and not named_plan and not overlaps:
                    spans.append((start, start + size, kept))
                elif not kept and size > 2 and not named_plan and not overlaps and _at_prefix(
                        keys, start, self.cues.phrases("body_prefixes")) and not (
                        self._opens_in.get(keys[start:start + size], set()) & (
                            organisations or set())):
                    foreign.append((start, start + size))
        activities = self.cues.phrases("activities_of_units")
        spans = [s for s in spans  # "học trong sinh hoạt chi bộ": a meeting, not who does it
                 if not any(keys[max(0, s[0] - len(a)):s[0]] == a for a in activities)]
        spans = self._of_whom(question, sorted(spans))
        spans = self._sides(question, spans)
        # the groups each is one of too: their duties are its own
        question.units = list(self._with_groups(tuple(u for _, _, ids in spans for u in ids)))
        sent_to = self.cues.phrases("recipient_verbs")
        question.recipients = [u for start, _, ids in spans
                               if any(keys[max(0, start - len(v)):start] == v for v in sent_to)
                               for u in ids]
        # "Sở Giao thông vận tải": the capitals read as a name ("Sở Giao") are the unit's own
        # name, checked as the unit itself.
        question.constraints = [c for c in question.constraints
                                if not _inside_spans(c, keys, spans)]
        for start, end, ids in spans:
            written = " ".join(t.text for t in question.tokens[start:end])
            question.constraints.append(Constraint(Kind.BODY, keys[start:end], written,
                                                   value=" ".join(ids)))
            # "chi bộ | trường học": the words after are a unit of their own, not a narrower name
            narrowed = None if any(s == end for s, _, _ in spans) else self._narrowed(question, end)
            if narrowed is not None:
                question.constraints.append(narrowed)
            other = self._other_body(question, start, spans)
            if other is not None:
                phrase = " ".join(t.text for t in question.tokens[other:end])
                question.constraints.append(Constraint(Kind.NAME, keys[other:end], phrase))
                question.unknown_body = question.unknown_body or phrase
        for start, end in foreign:  # "KH 103 … gửi Ban Tuyên giáo Trung ương": not its body
            if not any(s < end and start < e for s, e, _ in spans) and not any(
                    c.kind is Kind.NAME and find(keys[start:end], c.words) >= 0
                    and len(c.words) >= end - start for c in question.constraints):
                phrase = " ".join(t.text for t in question.tokens[start:end])
                question.constraints.append(Constraint(Kind.NAME, keys[start:end], phrase))
                question.unknown_body = question.unknown_body or phrase
                break
        unnamed = None if question.unknown_body else self._unnamed_body(question, spans)
        if unnamed is not None:
            start, end = unnamed
            phrase = " ".join(t.text for t in question.tokens[start:end])
            question.constraints.append(Constraint(Kind.NAME, keys[start:end], phrase))
            question.unknown_body = phrase
        self._read_members(question)

    def _read_members(self, question: Question) -> None:
        """"Huyện ủy Sông Mã": a name no plan uses that is one of a group's members is that
        group, for the plans of its organisation."""
        organisations = (None if question.plans is None
                         else {self.kb.plan(p).organisation for p in question.plans})
        kept: list[Constraint] = []
        for constraint in question.constraints:
            groups = [] if constraint.kind is not Kind.NAME else [
                g for member, ids in self._members.items()
                if find(constraint.words, member) >= 0 for g in ids
                if organisations is None or self.kb.units[g].organisation in organisations]
            if not groups:
                kept.append(constraint)
                continue
            if question.unknown_body == constraint.phrase:
                question.unknown_body = None
            question.units = list(self._with_groups((*question.units, *groups)))
            kept.append(Constraint(Kind.BODY, constraint.words, constraint.phrase,
                                   value=" ".join(groups)))
        question.constraints = kept

    def body_named(self, question: Question) -> str | None:
        """The words of a body's name the question opens a subject with ("UBKT Tỉnh ủy Sơn
        La phải làm gì"), when no unit of the directory was read there."""
        keys, tokens = question.keys, question.tokens
        for start in range(len(keys)):
            if question.content[start] is None or not _at_prefix(
                    keys, start, self.cues.phrases("body_prefixes")):
                continue
            end = start
            while (end < len(keys) and question.content[end] is not None
                   and not self.index.is_stopword(tokens[end])):
                end += 1
            if end - start >= MIN_BODY_WORDS:
                return " ".join(t.text for t in tokens[start:end])
        return None

    def _sides(self, question: Question, spans: list[tuple[int, int, list[str]]]
               ) -> list[tuple[int, int, list[str]]]:
        """"Có việc gì bên ĐUK đang quá hạn": "bên" names a side, the organisation and its
        plans, not the duties of the one body so called."""
        kept = []
        keys = question.keys
        for start, end, ids in spans:
            issuer = any(keys[max(0, start - len(p)):start] == p for p in _ISSUER_OF) or (
                start and keys[start - 1] == "cua"  # "KH năm 2024 của Tỉnh ủy"
                and ("ke", "hoach") in itertools.pairwise(keys[max(0, start - 5):start]))
            if start and (keys[start - 1] in _SIDE_WORDS or issuer) and question.plans is None:
                organisations = {self.kb.units[u].organisation for u in ids}
                plans = {p.id for p in self.kb.plans if p.organisation in organisations}
                # "ĐUK" is also the mark on one plan's number (103-KH/ĐUK): that plan's side
                typed = {"".join(keys[start:end]), "".join(k[0] for k in keys[start:end])}
                marked = {p.id for p in self.kb.plans if p.id in plans and p.number
                          and fold(p.number.rpartition("/")[2]) in typed}
                # the plans this body issued, whichever organisation's directory names it
                named = " ".join(keys[start:end])
                issued = {plan for plan, issuer in self._issuers.items() if named in issuer}
                plans = marked or (issued if issuer and issued else plans)
                if plans:
                    question.plans = plans
                    if issuer:  # the body is the plan's; its words are not the subject
                        for index in range(start, end):
                            question.content[index] = None
                    continue
            kept.append((start, end, ids))
        return kept

    def _unnamed_body(self, question: Question, spans: list[tuple[int, int, list[str]]]
                      ) -> tuple[int, int] | None:
        """"Ban Dân vận Tỉnh ủy Sơn La": a body's opening, its own words and a party
        committee, with no unit of the directory named there and words the plans do not use
        together: a body the plans do not know."""
        keys, tokens = question.keys, question.tokens
        for start in range(len(keys)):
            if any(s <= start < e for s, e, _ in spans) or not _at_prefix(
                    keys, start, self.cues.phrases("body_prefixes")):
                continue
            for end in range(start + 2, min(len(keys), start + 2 + OTHER_BODY_WORDS)):
                if self.index.is_stopword(tokens[end - 1]) or (
                        (keys[end - 1],) in self._not_in_names):
                    break
                if _at_prefix(keys, end, self._committees):
                    if self._plans_say(tokens[start:end]) and keys[start:end] not in self._openings:
                        break  # a thing the plans speak of, unless a body's name opens so
                    committee = next(c for c in self._committees if _at_prefix(keys, end, (c,)))
                    return start, end + len(committee)
        return None

    def _narrowed(self, question: Question, end: int) -> Constraint | None:
        """A unit's name followed by a compound the plans use ("đảng ủy khối | doanh
        nghiệp"): a longer name, typed without capitals, that the source must carry too."""
        tokens = question.tokens
        if end + 1 >= len(tokens) or any(
                question.content[i] is None or self.index.may_be_stopword(tokens[i])
                for i in (end, end + 1)):  # "… cơ sở | trong Khối": "trong" joins no name
            return None
        pair = (tokens[end].key, tokens[end + 1].key)
        if pair not in self._name_pairs or tokens[end].capital:
            return None  # capitals are read as names already
        return Constraint(Kind.NAME, pair, " ".join(t.text for t in tokens[end : end + 2]))

    def _of_whom(self, question: Question, spans: list[tuple[int, int, list[str]]]
                 ) -> list[tuple[int, int, list[str]]]:
        """"Ủy ban Kiểm tra | Đảng ủy Khối": a unit named right before a committee is that
        committee's own; when the committee has no such unit, the body is one we do not know."""
        kept: list[tuple[int, int, list[str]]] = []
        for number, (start, end, ids) in enumerate(spans):
            following = spans[number + 1] if number + 1 < len(spans) else None
            if following is None or following[0] != end:
                kept.append((start, end, ids))
                continue
            organisations = {self.kb.units[u].organisation for u in following[2]}
            own = [u for u in ids if self.kb.units[u].organisation in organisations]
            if own:
                kept.append((start, end, own))
                continue
            phrase = " ".join(t.text for t in question.tokens[start : following[1]])
            question.constraints.append(Constraint(Kind.NAME, question.keys[start:following[1]],
                                                   phrase))
            question.unknown_body = question.unknown_body or phrase
        return kept

    def _other_body(self, question: Question, start: int,
                    spans: list[tuple[int, int, list[str]]]) -> int | None:
        """Where a longer name begins that ends in a known unit's ("Ban Dân vận | Thành ủy
        Lai Châu"): words that carry a subject, the first of them beginning a body's name."""
        begin = start
        while begin > max(0, start - OTHER_BODY_WORDS) and not any(
                s <= begin - 1 < e for s, e, _ in spans):
            token = question.tokens[begin - 1]
            if (self.index.is_stopword(token) or token.key.isdigit()
                    or (token.key,) in self._not_in_names):
                break  # "sơ kết gửi | BTG ĐUK": a body's name has no "gửi" in it
            begin -= 1
        for index in range(begin, start):
            if _at_prefix(question.keys, index, self.cues.phrases("body_prefixes")):
                if self._plans_say(question.tokens[index:start]):
                    return None  # "đoàn giám sát | Huyện ủy Bắc Yên": what the plans speak of
                return index
        return None

    def _plans_say(self, words: list[Token]) -> bool:
        """The plans use these words together, each next to the next, as typed (diacritics
        and all, when typed with them): a thing they speak of, not the name of a body they do
        not know ("đoàn giám sát", not "Ban Dân vận")."""
        def said(a: Token, b: Token) -> bool:
            if a.accented or b.accented:
                return self.index.knows_written(f"{a.text} {b.text}")
            return self.index.knows(f"{a.key} {b.key}")
        return len(words) > 1 and all(said(a, b) for a, b in itertools.pairwise(words))
