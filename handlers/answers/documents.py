"""Questions about a document the plans only cite: who issued it, when, about what — which the
plans hold — or what it says, which they do not ("Kết luận 14-KL/TW có nội dung gì?")."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from handlers.answers.constraints import Kind
from handlers.answers.draft import Answer, Draft
from handlers.answers.identity import document_line
from handlers.answers.phrases import any_of, at, find, has
from handlers.answers.question import Intent, Question
from handlers.answers.references import Known, Reference
from handlers.answers.refusals import not_held
from handlers.citations import Citation, plan_name
from handlers.texts import answers as texts
from knowledge.cues import QuestionCues
from knowledge.lexicon import Lexicon
from knowledge.schema import DocumentRef, Plan
from knowledge.textnorm import Token, canonical, fold

_PLAN = ("ke", "hoach")


_NUMBERED = re.compile(r"\d+\s*-\s*([^\W\d_]+)\s*/")  # "124-QĐ/TW": its kind's mark
MIN_TITLE_SHARED = 3  # a cited document named by its title: at least this many of its words
TITLE_SHARE = 0.7  # …and this share of the words the question says of it
MAX_RELATIVE = 6  # "97-HD/BTGTU mà KH 103 căn cứ | ban hành ngày nào": words of the clause


def _past_relative(after: tuple[str, ...], predicates: tuple[tuple[str, ...], ...]
                   ) -> tuple[str, ...]:
    """What is asked of a document past a relative clause that says how the plan uses it
    ("mà KH 103 căn cứ"): the words from the first predicate after "mà"."""
    if not after or after[0] != "ma":
        return after
    for start in range(2, min(len(after), MAX_RELATIVE + 2)):
        if at(after, start, predicates) is not None:
            return after[start:]
    return after


class CitedDocuments:
    def __init__(self, cues: QuestionCues, lexicon: Lexicon) -> None:
        self.cues = cues
        self.lexicon = lexicon

    def subject(self, question: Question) -> tuple[Reference, list[Known]] | None:
        """The cited document the question is about: it stands first (after its part, "Mẫu 05
        của", or a courtesy), and what is asked of it follows it directly."""
        for reference, known in question.references:
            cited = [k for k in known if k.document_id is not None]
            if not cited or len(cited) < len(known):
                continue  # a plan we hold is answered from the plan
            before = tuple(t.key for t in self.lexicon.normalize(question.text[:reference.start]))
            after = _past_relative(tuple(
                t.key for t in self.lexicon.normalize(question.text[reference.end:])),
                self.cues.phrases("document_predicates"))
            if self._only_part_or_opening(before) and at(
                    after, 0, self.cues.phrases("document_predicates")) is not None:
                return reference, cited
        return None

    def other_kind(self, question: Question) -> str | None:
        """The kind of document other than a plan the question names ("hướng dẫn",
        "chương trình"), as written in full."""
        keys = question.keys
        for code, forms in self.cues.document_kinds.items():
            for form in (f for f in forms if len(f) > 1 and code != "kh"):
                at_ = find(keys, form)
                if at_ >= 0 and not _numbered(keys, at_ + len(form)):
                    return self.cues.document_names[code]
        return None

    def numbers_of_kind(self, text: str, kind: str) -> bool:
        """Whether ``text`` gives a number of a document of this kind ("124-QĐ/TW" of a
        "Quy định", "23-CTr/TU" of a "Chương trình")."""
        codes = {c for c, forms in self.cues.document_kinds.items()
                 if self.cues.document_names[c] == kind}
        marks = {f[0] for c in codes for f in self.cues.document_kinds[c] if len(f) == 1}
        found = {fold(m.group(1)).lower() for m in _NUMBERED.finditer(text)}
        return bool(found & marks)

    def by_title(self, question: Question, plans: Sequence[Plan],
                 stopword: Callable[[Token], bool], *, plans_too: bool = True) -> Answer | None:
        """"Chương trình kiểm tra, giám sát năm 2024 của Tỉnh ủy là chương trình số mấy": a
        document the plans cite, named by its kind and most of its title's words, not by its
        number; its number, date and issuer, as the plan gives them."""
        keys = question.keys
        kinds = {form: code for code, forms in self.cues.document_kinds.items() for form in forms
                 if len(form) > 1 or len(form[0]) > 3}  # "chương trình", not "ctr" alone
        named = [form for form in kinds if find(keys, form) >= 0
                 and (plans_too or kinds[form] != "kh")]
        if not named:
            return None
        kind_words = {w for form in named for w in form}
        words = {t.key for t in question.content if t is not None and not stopword(t)
                 and t.key not in kind_words}
        counted = {w for c in question.constraints if c.kind in (Kind.YEAR, Kind.COUNT)
                   for w in c.words}
        names = [c.words for c in question.constraints
                 if c.kind in (Kind.BODY, Kind.NAME) and c.words]
        best: tuple[int, DocumentRef, Plan] | None = None
        tied = False
        for plan in plans:
            for doc in plan.documents:
                kind = tuple(t.key for t in self.lexicon.normalize(doc.kind))
                if kind not in named or not doc.number or not doc.title:
                    continue
                told = tuple(t.key for t in self.lexicon.normalize(  # issuer of the plan's place
                    f"{doc.issuer or ''} {plan.locality} {doc.title}"))
                said = set(told)
                shared = len(said & words)
                # most of what the question says of it is what the plan calls it; every body
                # and name it states, as written there ("của Ban Tuyên giáo Trung ương"), and
                # its years and counts
                if (shared < MIN_TITLE_SHARED or shared < TITLE_SHARE * len(words)
                        or (counted - said) or any(find(told, n) < 0 for n in names)):
                    continue
                if best is not None and shared == best[0]:
                    tied = True
                elif best is None or shared > best[0]:
                    best, tied = (shared, doc, plan), False
        if best is None or tied:
            return None
        _, doc, plan = best
        draft = Draft()
        draft.lines.append(document_line(doc))
        draft.cite(Citation(plan, None, doc.number))
        draft.lines.append(texts.CITATION_NO_SECTION.format(document=plan_name(plan)))
        return draft.done(Intent.FACT)

    def only_cited(self, question: Question) -> tuple[Reference, list[Known]] | None:
        """The document a question names when it names no plan we hold, only one they cite
        ("ai ký Kế hoạch 62-KH/TU"); not when it also speaks of a plan ("ai ký kế hoạch sơ
        kết Kết luận 01")."""
        if any(k.document_id is None for _, known in question.references for k in known):
            return None  # a plan we hold is named by its number: it is the one asked of
        written = canonical(question.text)
        for reference, known in question.references:
            if known and all(k.document_id is not None for k in known):
                rest = written[:reference.start] + " " + written[reference.end:]
                if not has(tuple(t.key for t in self.lexicon.normalize(rest)), _PLAN):
                    return reference, known
        return None

    def _only_part_or_opening(self, keys: tuple[str, ...]) -> bool:
        allowed = (*self.cues.phrases("document_parts"), *self.cues.phrases("openings"),
                   ("cua",))
        index = 0
        while index < len(keys):
            if keys[index].isdigit() or set(keys[index]) <= set("ivxl"):
                index += 1
                continue
            phrase = at(keys, index, tuple(sorted(allowed, key=len, reverse=True)))
            if phrase is None:
                return False
            index += len(phrase)
        return True

    def answer(self, question: Question, reference: Reference, cited: list[Known]) -> Answer:
        documents = [d for k in cited for d in k.plan.documents if d.id == k.document_id]
        best = max(documents, key=_detail)
        plans = list({k.plan.id: k.plan for k in cited}.values())
        keys = question.keys
        part_asked = any(k in (p[0] for p in self.cues.phrases("document_parts"))
                         for k in tuple(t.key for t in self.lexicon.normalize(
                             question.text[:reference.start])))
        spelled = question.spelled
        held = (any_of(keys, self.cues.phrases("document_issuer"), spelled)
                or any_of(keys, self.cues.phrases("document_date"), spelled)
                or any_of(keys, self.cues.phrases("document_title"), spelled))
        content = "outline" in question.cues or ("content" in question.cues and not held)
        if held is not None and ("signer" in question.cues
                                 or self._asks_within(question, reference, best, cited)):
            held = None  # who signed it, or what it says: its text, which we do not hold
        if part_asked or content or held is None:
            nearby = [texts.DOCUMENT_CITED.format(plan=plan_name(plans[0])),
                      texts.DOCUMENT_ITEM.format(document=document_line(best))]
            return not_held(texts.DOCUMENT_TEXT_NOT_HELD.format(document=reference.written),
                            nearby)
        draft = Draft()
        draft.lines.append(document_line(best))
        for plan in plans:
            draft.cite(Citation(plan, None, best.number))
        draft.lines.append(texts.CITATION_NO_SECTION.format(
            document="; ".join(plan_name(p) for p in plans)))
        return draft.done(Intent.FACT)

    def _asks_within(self, question: Question, reference: Reference, doc: DocumentRef,
                     cited: list[Known]) -> bool:
        """Words between the document and what is asked of it that name something in it: "KH
        129-KH/TU quy định hạn báo cáo 6 tháng là ngày nào" asks a date its text sets, not the
        date it bears; only its issuer and linking words may stand there."""
        after = _past_relative(tuple(
            t.key for t in self.lexicon.normalize(question.text[reference.end:])),
            self.cues.phrases("document_predicates"))
        asked = (*self.cues.phrases("document_issuer"), *self.cues.phrases("document_date"),
                 *self.cues.phrases("document_title"))
        where = [i for phrase in asked if (i := find(after, phrase)) >= 0]
        if not where:
            return False
        names = [doc.kind, doc.issuer or "", *(f"{k.plan.issuer} {k.plan.locality}" for k in cited)]
        issuer = {t.key for t in self.lexicon.normalize(" ".join(names))}
        links = {w for phrase in self.cues.phrases("document_links") for w in phrase}
        return any(k not in issuer and k not in links for k in after[:min(where)])


def _numbered(keys: tuple[str, ...], after: int) -> bool:
    """A number follows ("KL 01", "Quy định số 124"): a document named, not one asked for."""
    rest = keys[after:after + 2]
    return bool(rest) and (rest[0].isdigit() or (rest[0] == "so" and rest[1:2] != ("may",)
                                                 and rest[1:2] != () and rest[1].isdigit()))


def _detail(doc: DocumentRef) -> int:
    return sum(1 for part in (doc.date, doc.issuer, doc.title) if part)
