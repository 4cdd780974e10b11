"""Plans: an admin imports a plan document (.docx, .pdf, .txt, .md) — sent as a file, or with
/kehoach nhap — reviews the draft, corrects it and approves it; only then is it answered about,
assigned and reminded of. /kehoach lists the plans in use and the drafts waiting.
"""

from __future__ import annotations

from handlers.commands import CommandSpec, Feature, FlowSpec, TextRoute
from handlers.messages import Reply
from handlers.numbers import choice_number
from handlers.plans.draft import render
from handlers.plans.importing import PlanImports, is_plan_file
from handlers.plans.review import PlanReview, PlanReviewDialogue
from handlers.roles import ADMINS
from handlers.services import Services
from handlers.texts import plans as texts
from handlers.turn import Turn
from knowledge.textnorm import fold

FILE_ORDER = 50  # a plan file an admin sends is read before any other reading of a message


def plans_feature(services: Services) -> Feature:
    imports = PlanImports(services)
    review = PlanReview(services)

    async def command(turn: Turn, args: str) -> Reply:
        sub, _, rest = args.partition(" ")
        if fold(sub) == "nhap":
            attachment = turn.message.attachment
            if not is_plan_file(attachment) or attachment is None:
                return turn.reply(texts.IMPORT_NEEDS_FILE)
            return await imports.receive(turn, attachment)
        if fold(sub) == "xem":
            number = choice_number(rest)
            record = await turn.uow.plans.get(number) if number else None
            if record is None or record.state != "draft":
                return turn.reply(texts.DRAFT_GONE.format(id=rest.strip()[:20]))
            old = await turn.uow.plans.approved_of(record.plan_id)
            return turn.ask(render(record, old, record.file_name or ""), texts.DRAFT_CHOICES,
                            PlanReviewDialogue(draft=record.id))
        return await listing(turn)

    async def listing(turn: Turn) -> Reply:
        approved = await turn.uow.plans.approved()
        lines = [texts.PLANS_TITLE.format(count=len(approved))]
        for record in approved:
            version = (texts.PLANS_VERSION.format(version=record.version)
                       if record.version > 1 else "")
            lines.append(texts.PLANS_LINE.format(
                plan=record.number or record.plan_id, title=record.content.get("title", ""),
                source=texts.PLANS_SOURCE.get(record.source, record.source), version=version))
        drafts = await turn.uow.plans.drafts()
        if drafts:
            lines.append(texts.PLANS_DRAFTS.format(ids=", ".join(str(d.id) for d in drafts)))
        lines.append(texts.PLANS_USAGE)
        return turn.reply("\n".join(lines))

    async def receive(turn: Turn, _text: str) -> Reply:
        assert turn.message.attachment is not None
        return await imports.receive(turn, turn.message.attachment)

    return Feature(
        name="plans",
        commands=(CommandSpec("kehoach", command, action="plans", roles=ADMINS,
                              help=texts.HELP_PLANS, menu=texts.MENU_PLANS),),
        flows=(FlowSpec(PlanReviewDialogue, review.continue_flow, ADMINS, "kehoach",
                        takes_text=True),),
        routes=(TextRoute(outcome="kehoach", order=FILE_ORDER, roles=ADMINS,
                          accepts=lambda turn, _text: is_plan_file(turn.message.attachment),
                          run=receive),),
        audit_actions=texts.AUDIT_ACTIONS,
    )
