"""Whether the body a question gives a plan's number to is the body that issued it.

"KH 103 của Tỉnh ủy Bình Định" names the number of the plan we hold (103-KH/ĐUK of the Đảng ủy
Khối các cơ quan tỉnh Bình Định) but gives it to another body: it is another document, which we
do not hold. The body is read from the words after "của": as far as they go on the plan's own
names (its issuer, its aliases, the units that are its issuer), they are the plan's;
where a word of a body's name breaks that run, the body is another.
"""

from __future__ import annotations

from knowledge.index import SearchIndex
from knowledge.lexicon import Lexicon
from knowledge.loader import KnowledgeBase
from knowledge.schema import Plan
from knowledge.textnorm import fold

MAX_BODY_WORDS = 8


def _within(part: tuple[str, ...], whole: tuple[str, ...]) -> bool:
    size = len(part)
    return any(whole[i : i + size] == part for i in range(len(whole) - size + 1))


class IssuerCheck:
    def __init__(self, kb: KnowledgeBase, index: SearchIndex, heads: list[str],
                 enders: list[str] | None = None) -> None:
        self.index = index
        # Verbs that end a body's name ("của Thành ủy ban hành ngày nào": not "Thành ủy ban").
        self._enders = [t for t in (tuple(t.key for t in index.lexicon.normalize(e))
                                    for e in enders or ()) if t]
        self.lexicon: Lexicon = index.lexicon
        keys = self._keys
        # Each plan's own names: its issuer's, its aliases, and those of the units that are
        # its issuer ("Đảng ủy Khối" is within "Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh").
        self._own: dict[str, list[tuple[str, ...]]] = {}
        for plan in kb.plans:
            names = [keys(n) for n in (plan.issuer, plan.issuer_short, *plan.aliases)]
            issuer = keys(plan.issuer)
            for unit in kb.units.values():
                if unit.organisation != plan.organisation:
                    continue
                aliases = [keys(n) for n in (unit.name, *unit.aliases)]
                if any(len(a) > 1 and _within(a, issuer) for a in aliases):
                    names.extend(aliases)
            self._own[plan.id] = names
        # Words a body's name is made of: the heads and openings of names, the places.
        words = {w for head in heads for w in keys(head)}
        words |= {w for place in self.lexicon.places for w in place}
        self._name_words = frozenset(words)

    def _keys(self, text: str) -> tuple[str, ...]:
        return tuple(t.key for t in self.lexicon.normalize(text))

    def other_body(self, after: str, plan: Plan) -> str | None:
        """The words naming another body, when the text right after the plan's number gives
        it one ("của Tỉnh ủy Bình Định …"); None when it names none or the plan's own."""
        if fold(after.lstrip()[:3]) != "cua":
            return None
        tokens = self.lexicon.normalize(after)
        if not tokens or tokens[0].key != "cua":
            return None
        body = []
        following = tokens[1 : 1 + MAX_BODY_WORDS]
        for position, token in enumerate(following):
            if token.key.isdigit() or (self.index.is_stopword(token)
                                       and token.key not in self._name_words):
                break
            ahead = tuple(t.key for t in following[position:])
            if any(ahead[:len(e)] == e for e in self._enders):
                break
            body.append(token)
        keys = tuple(t.key for t in body)
        own = self._own[plan.id]
        reach = 0  # how many of its words, from the first, one of the plan's names holds
        while reach < len(keys) and any(_within(keys[: reach + 1], n) for n in own):
            reach += 1
        if reach == len(keys) or (reach >= 2 and keys[reach] not in self._name_words):
            return None
        if not keys or keys[0] not in self._name_words:
            return None
        end = len(keys)
        while end > reach and keys[end - 1] not in self._name_words:
            end -= 1
        return " ".join(t.text.capitalize() if t.capital else t.text for t in body[:end])
