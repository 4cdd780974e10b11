"""Whether a question is about a plan as a whole (who signed it, its number, its basis) or
about something in it, and which kinds of document it asks for."""

from __future__ import annotations

import re

from handlers.answers.phrases import find
from handlers.answers.question import Question
from handlers.texts import answers as texts
from knowledge.cues import QuestionCues
from knowledge.index import SearchIndex
from knowledge.loader import KnowledgeBase
from knowledge.textnorm import Token, fold

_ASKING_AFTER = (("nao",), ("gi",), ("so", "may"), ("so", "bao"))


class Subjects:
    def __init__(self, kb: KnowledgeBase, index: SearchIndex, cues: QuestionCues) -> None:
        self.index = index
        self.cues = cues
        normalize = index.lexicon.normalize
        # Words that name a plan or the documents it rests on: its number, issuer, place,
        # title and aliases, the kinds of document and who issued those it cites.
        words: set[str] = set()
        self._words_of: dict[str, frozenset[str]] = {}
        self._texts_of: dict[str, frozenset[str]] = {}
        for plan in kb.plans:
            parts = [plan.number or "", plan.issuer, plan.locality, plan.title, *plan.aliases]
            own = {t.key for part in parts for t in normalize(part)}
            self._words_of[plan.id] = frozenset(own | {"ke", "hoach"})
            self._texts_of[plan.id] = frozenset(
                {t.text for part in parts for t in normalize(part)} | {"kế", "hoạch"})
            cited = [f"{d.kind} {d.issuer or ''}" for d in plan.documents]
            words |= own | {t.key for part in cited for t in normalize(part)}
        words |= {w for forms in cues.document_kinds.values() for f in forms for w in f}
        words |= {w for phrase in cues.phrases("plan_making") for w in phrase}
        self._plan_words = frozenset(words)

    def has_subject(self, question: Question) -> bool:
        """The question's own words name something other than a plan and its documents."""
        for token in question.content:
            if token is None or self.index.is_stopword(token) or token.key.isdigit():
                continue
            key = token.key if self.index.knows(token.key) else self.index.correct(token.key)
            if key is not None and key not in self._plan_words:
                return True
        return False

    def subject_content(self, question: Question) -> list[Token | None]:
        """The question's words but those naming the plans it names ("KH 103 bên khối")."""
        if question.plans is None:
            return question.content
        naming = frozenset().union(*(self._words_of[p] for p in question.plans))
        # Typed with diacritics, a word names the plan only as written: "sơ kết" is not the
        # "số" and "Kết luận" of its title.
        written = frozenset().union(*(self._texts_of[p] for p in question.plans))
        return [None if t is None or (t.text in written if t.accented else t.key in naming)
                else t for t in question.content]

    def kinds_asked(self, question: Question) -> frozenset[str]:
        """Kinds of document the question asks for ("hướng dẫn nào", "kế hoạch số mấy")."""
        kinds = set()
        for forms in self.cues.document_kinds.values():
            for form in forms:
                start = 0
                while (index := find(question.keys, form, start)) >= 0:
                    start = index + 1
                    after = question.keys[index + len(form):]
                    if any(after[:len(a)] == a for a in _ASKING_AFTER):
                        kinds.add(" ".join(form))
        return frozenset(kinds)

    def issuer_asked(self, question: Question) -> tuple[str, ...]:
        """Whose documents the question asks for: the words after the "của" that follows what
        is asked ("theo hướng dẫn nào của Ban Tuyên giáo Tỉnh ủy"), up to the next cue; not
        the plan's own ("KH của Tỉnh ủy Sơn La căn cứ văn bản nào")."""
        keys = question.keys
        asked = [index + len(cue) for cue in self.cues.kinds.get("basis", ())
                 if (index := find(keys, cue)) >= 0]
        asked += [index + len(form) for forms in self.cues.document_kinds.values()
                  for form in forms if (index := find(keys, form)) >= 0
                  and any(keys[index + len(form):][:len(a)] == a for a in _ASKING_AFTER)]
        if not asked:
            return ()
        start = find(keys, ("cua",), min(asked))
        if start < 0:
            return ()
        words = []
        for token in question.content[start + 1 :]:
            if token is None:
                break
            words.append(token.key)
        return tuple(words)

    def document_name(self, written: str) -> str:
        """A document no plan names, as the reply names it: "Kế hoạch số 250-KH/TU"."""
        match = re.search(r"\d", written)
        if match is None:
            return written
        head = written[:match.start()].strip()
        number = written[match.start():]
        head = re.sub(r"\s*(số|so)$", "", head, flags=re.IGNORECASE).strip()
        kind = self._kind_name(head, number)
        return texts.UNKNOWN_DOCUMENT.format(kind=kind, number=number) if kind else written

    def _kind_name(self, head: str, number: str) -> str:
        key = tuple(t.key for t in self.index.lexicon.normalize(head))
        letters = re.search(r"[-/]\s*([A-Za-zĐđ]+)", number)
        code = fold(letters.group(1)) if letters and not key else None
        for kind, forms in self.cues.document_kinds.items():
            if key in forms or kind == code:
                return self.cues.document_names[kind].capitalize()
        return ""
