"""Answers about a plan's identity: who signed it, when it was issued, what it implements."""

from __future__ import annotations

from collections.abc import Sequence

from handlers.answers.draft import Answer, Draft, short_date
from handlers.answers.question import Intent
from handlers.citations import Citation, plan_name
from handlers.texts import answers as texts
from knowledge.schema import Plan


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
    return draft.done(Intent.SIGNER)


def issued(plans: Sequence[Plan]) -> Answer:
    draft = Draft()
    for plan in plans:
        if plan.date is None:
            draft.lines.append(texts.ISSUED_UNKNOWN.format(plan=plan_name(plan)))
        else:
            place = f" tại {plan.place}" if plan.place else ""
            draft.lines.append(texts.ISSUED_ON.format(plan=plan_name(plan),
                                                      date=short_date(plan.date), place=place))
        draft.cite(Citation(plan))
    return draft.done(Intent.ISSUED)


def basis(plans: Sequence[Plan]) -> Answer:
    draft = Draft()
    for plan in plans:
        documents = {d.id: d for d in plan.documents}
        if not plan.implements:
            draft.lines.append(texts.BASIS_NONE.format(plan=plan_name(plan)))
        else:
            draft.lines.append(texts.BASIS_TITLE.format(plan=plan_name(plan)))
        for doc_id in plan.implements:
            doc = documents[doc_id]
            parts = [f"- {doc.kind} số {doc.number}" if doc.number else f"- {doc.kind}"]
            if doc.date:
                parts.append(f"ngày {short_date(doc.date)}")
            if doc.issuer:
                parts.append(f"của {doc.issuer}")
            line = " ".join(parts)
            draft.lines.append(f"{line}: {doc.title}" if doc.title else line)
        draft.cite(Citation(plan))
    return draft.done(Intent.BASIS)
