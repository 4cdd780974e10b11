"""Answers about a plan's identity: who signed it, when it was issued, its number, what it
implements; and a person the question asks for, whom the plans name only as a signer."""

from __future__ import annotations

import re
from collections.abc import Sequence

from handlers.answers.constraints import Constraint
from handlers.answers.draft import Answer, Draft, short_date
from handlers.answers.question import Intent
from handlers.answers.refusals import missing, not_held, signer_nearby
from handlers.citations import Citation, plan_name
from handlers.texts import answers as texts
from knowledge.schema import DocumentRef, Plan, Section
from knowledge.textnorm import fold

MAX_PURPOSE_PARAGRAPHS = 3
_PURPOSE_TITLE = "muc dich"  # "MỤC ĐÍCH, YÊU CẦU": the section that says what a plan is for

_REPORTED = re.compile(r"\(\s*b\s*/\s*c\s*\)", re.IGNORECASE)  # "Ban Tuyên giáo Tỉnh ủy (b/c)"


def _done(draft: Draft, intent: Intent, known: bool) -> Answer:
    """Answered only when the plans say it: a copy without a signer or a date says so plainly,
    with ``answered`` false."""
    answer = draft.done(intent)
    if known:
        return answer
    return Answer(False, answer.text)


def signer(plans: Sequence[Plan]) -> Answer:
    draft = Draft()
    for plan in plans:
        if plan.signer is None:
            draft.lines.append(texts.SIGNER_UNKNOWN.format(plan=plan_name(plan)))
        else:
            on_behalf = (texts.SIGNER_ON_BEHALF.format(on_behalf=plan.signer.on_behalf_of)
                         if plan.signer.on_behalf_of else "")
            draft.lines.append(texts.SIGNER.format(
                plan=plan_name(plan), name=plan.signer.name,
                position=plan.signer.position.lower(), on_behalf=on_behalf))
        draft.cite(Citation(plan))
    return _done(draft, Intent.SIGNER, any(p.signer for p in plans))


def signed_and_issued(plans: Sequence[Plan]) -> Answer:
    """Who signed the plan and when it was issued, asked in one message; answered only when
    both are known (the signer alone is said, but a date the plan lacks is not made up)."""
    parts = (signer(plans), issued(plans))
    citations: list[Citation] = []
    for citation in (c for part in parts for c in part.citations):
        if citation not in citations:
            citations.append(citation)
    return Answer(all(part.answered for part in parts), "\n".join(p.text for p in parts),
                  tuple(citations), intent=Intent.ISSUED.value)


def issued(plans: Sequence[Plan]) -> Answer:
    draft = Draft()
    for plan in plans:
        if plan.date is None:
            draft.lines.append(texts.ISSUED_UNKNOWN.format(plan=plan_name(plan)))
        else:
            place = f" tại {plan.place}" if plan.place else ""
            draft.lines.append(texts.ISSUED_ON.format(
                plan=plan_name(plan), date=short_date(plan.date), place=place,
                written=texts.DATE_WRITTEN.format(day=plan.date.day, month=plan.date.month,
                                                  year=plan.date.year)))
        draft.cite(Citation(plan))
    return _done(draft, Intent.ISSUED, any(p.date for p in plans))


def number(plans: Sequence[Plan]) -> Answer:
    draft = Draft()
    for plan in plans:
        if plan.number is None:
            draft.lines.append(texts.NUMBER_UNKNOWN.format(plan=plan_name(plan)))
        else:
            draft.lines.append(texts.NUMBER.format(number=plan.number, plan=plan_name(plan)))
        draft.cite(Citation(plan))
    return _done(draft, Intent.NUMBER, any(p.number for p in plans))


def recipients(plans: Sequence[Plan], reported: bool = False) -> Answer:
    """Where each plan was sent ("Nơi nhận"), as its last page lists them; ``reported``: only
    those it reports to, marked "(b/c)", when it marks some ("gửi báo cáo lên cơ quan nào")."""
    draft = Draft()
    for plan in plans:
        marked = [r for r in plan.recipients if _REPORTED.search(r)]
        if not plan.recipients:
            draft.lines.append(texts.RECIPIENTS_UNKNOWN.format(plan=plan_name(plan)))
        elif reported and marked:
            draft.lines.append(texts.RECIPIENTS_REPORTED.format(plan=plan_name(plan)))
            draft.lines.extend(texts.LIST_ITEM.format(item=r) for r in marked)
        else:
            draft.lines.append(texts.RECIPIENTS.format(plan=plan_name(plan)))
            draft.lines.extend(texts.LIST_ITEM.format(item=r) for r in plan.recipients)
        draft.cite(Citation(plan, None, texts.RECIPIENTS_LABEL))
    return _done(draft, Intent.RECIPIENTS, any(p.recipients for p in plans))


def document_line(doc: DocumentRef) -> str:
    parts = [f"{doc.kind} số {doc.number}" if doc.number else doc.kind]
    if doc.date:
        parts.append(f"ngày {short_date(doc.date)}")
    if doc.issuer:
        parts.append(f"của {doc.issuer}")
    line = " ".join(parts)
    return f"{line}: {doc.title}" if doc.title else line


def basis(plans: Sequence[Plan], kinds: frozenset[str] = frozenset(),
          issuer: tuple[str, ...] = ()) -> Answer:
    """The documents each plan implements; of the kinds and the issuer asked for, when some
    are ("hướng dẫn nào của Ban Tuyên giáo Tỉnh ủy")."""
    draft = Draft()
    missed: list[str] = []
    # Only the words that name issuers count: "của Thành ủy vậy" asks for the Thành ủy's.
    issuers = {w for p in plans for d in p.documents for w in fold(d.issuer or "").split()}
    issuer = tuple(w for w in issuer if w in issuers)
    for plan in plans:
        documents = {d.id: d for d in plan.documents}
        implemented = [documents[i] for i in plan.implements]
        wanted = [d for d in implemented if fold(d.kind) in kinds] if kinds else []
        if kinds and not wanted:  # "KH 103 thực hiện kết luận nào": the one its title names
            implemented = [d for d in plan.documents if d.number and d.number in plan.title
                           and fold(d.kind) in kinds] or implemented
            wanted = [d for d in implemented if fold(d.kind) in kinds]
        by_issuer = [d for d in (wanted or implemented)
                     if issuer and set(issuer) <= set(fold(d.issuer or "").split())]
        if implemented and ((kinds and not wanted) or (issuer and not by_issuer)):
            # "thực hiện theo chỉ thị số mấy của Thành ủy": none it rests on is one
            missed.extend(f"- {document_line(d)}" for d in implemented)
            continue
        wanted = by_issuer or wanted
        if not implemented:
            draft.lines.append(texts.BASIS_NONE.format(plan=plan_name(plan)))
        elif wanted:
            draft.lines.append(texts.BASIS_SOME.format(plan=plan_name(plan)))
        else:
            draft.lines.append(texts.BASIS_TITLE.format(plan=plan_name(plan)))
        for doc in wanted or implemented:
            draft.lines.append(f"- {document_line(doc)}")
        draft.cite(Citation(plan))
    if not draft.lines:
        return not_held(texts.BASIS_NOT_HELD, missed)
    return draft.done(Intent.BASIS)


def person(asked: Constraint, plans: Sequence[Plan]) -> Answer:
    """The plans name a person only as their signer: the signer when the position asked is
    the signer's, else a plain "not named", with the signers shown as what the plans do say."""
    if not asked.head:  # "do đồng chí nào chủ trì?": a person the plans do not name
        return not_held(texts.NOT_HELD_ANYONE, signer_nearby(plans))
    position = " ".join(asked.head)
    whose = set(asked.words[len(asked.head):])  # "… Đảng ủy Khối các cơ quan tỉnh"
    matching = [p for p in plans if p.signer and fold(p.signer.position) == position
                and whose <= _identity_words(p)]
    if len(matching) == 1:
        return signer(matching)
    return not_held_person(asked, plans)


def _identity_words(plan: Plan) -> set[str]:
    return set(fold(" ".join([plan.issuer, plan.issuer_short, plan.locality, *plan.aliases]))
               .replace(",", " ").split())


def not_held_person(asked: Constraint, plans: Sequence[Plan]) -> Answer:
    return not_held(missing(asked), signer_nearby(plans))


def _purpose_section(plan: Plan) -> Section | None:
    return next((s for s in plan.sections if _PURPOSE_TITLE in fold(s.title)), None)


def _paragraphs(section: Section) -> list[str]:
    found = list(section.paragraphs)
    for part in section.sections:
        found.extend(_paragraphs(part))
    return found


def purpose(plans: Sequence[Plan]) -> Answer:
    """What a plan is for, as its "Mục đích, yêu cầu" section says; asked of several plans at
    once, the question is which one (a page of each would answer none)."""
    if len(plans) > 1:
        return Answer(False, texts.PURPOSE_WHICH_PLAN, options=tuple(
            texts.PURPOSE_OPTION.format(plan=plan_name(p)) for p in plans))
    draft = Draft()
    for plan in plans:
        section = _purpose_section(plan)
        paragraphs = _paragraphs(section) if section is not None else []
        if section is None or not paragraphs:
            draft.lines.append(texts.PURPOSE_UNKNOWN.format(plan=plan_name(plan)))
            continue
        draft.lines.append(texts.PURPOSE_TITLE.format(plan=plan_name(plan)))
        draft.lines.extend(f"- {p}" for p in paragraphs[:MAX_PURPOSE_PARAGRAPHS])
        citation = Citation(plan, section.number, section.title)
        draft.cite(citation)
        draft.lines.append(citation.sentence())
    return _done(draft, Intent.FACT, bool(draft.citations))
