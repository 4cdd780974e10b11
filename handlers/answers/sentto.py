"""Whether a plan was sent to a body ("KH 107 có gửi Chi hội văn học nghệ thuật không"): yes,
with the line of its "Nơi nhận" that names the body, or no, with the list as it stands."""

from __future__ import annotations

import re
from collections.abc import Sequence

from handlers.answers.draft import Answer, Draft
from handlers.answers.question import Intent
from handlers.citations import Citation, plan_name
from handlers.texts import answers as texts
from knowledge.lexicon import Lexicon
from knowledge.schema import Plan
from knowledge.textnorm import fold

# "có gửi (báo cáo) lên/cho/tới <nơi> không"
_SENT_TO = re.compile(r"(?<!\S)co\s+gui(?:\s+(?:bao\s+cao|ke\s+hoach|kh|b/c))?"
                      r"(?:\s+(?:len|cho|toi|ve|den|qua))?\s+(?P<body>[^,;?]+?)\s+"
                      r"(?:khong|ko|chua)(?!\w)")
_PARTICLES = frozenset({"a", "nhe", "nhi", "nha", "vay", "the", "anh", "chi", "em", "ban", "ak",
                        "dong"})  # after "không": nothing more is asked
_GLUE = frozenset({"va", "cac", "cua", "nhung", "the", "nay"})  # no part of a body's name
MIN_BODY_WORDS = 2


def sent_to(text: str, plans: Sequence[Plan], lexicon: Lexicon) -> Answer | None:
    """The answer when ``text`` asks whether the one plan in ``plans`` went to a body."""
    if len(plans) != 1 or not plans[0].recipients:
        return None
    folded = fold(text).lower()
    match = _SENT_TO.search(folded) if len(folded) == len(text) else None
    if match is None:
        return None
    if any(w not in _PARTICLES for w in re.findall(r"[^\W_]+", folded[match.end():])):
        return None  # "…, có gửi Chi hội … không, ai kí?": more is asked than this
    body = text[match.start("body"):match.end("body")]  # as typed
    wanted = _keys(body, lexicon)
    if len(wanted) < MIN_BODY_WORDS:
        return None
    plan = plans[0]
    found = [r for r in plan.recipients if wanted <= _keys(r, lexicon)]
    draft = Draft()
    if found:
        draft.lines.append(texts.SENT_TO_YES.format(plan=plan_name(plan)))
        draft.lines.extend(texts.LIST_ITEM.format(item=r) for r in found)
    else:
        draft.lines.append(texts.SENT_TO_NO.format(plan=plan_name(plan), body=body))
        draft.lines.extend(texts.LIST_ITEM.format(item=r) for r in plan.recipients)
    citation = Citation(plan, None, texts.RECIPIENTS_LABEL)
    draft.lines.append(citation.sentence())
    draft.cite(citation)
    return draft.done(Intent.RECIPIENTS)


def _keys(text: str, lexicon: Lexicon) -> frozenset[str]:
    return frozenset(t.key for t in lexicon.normalize(re.sub(r"\(.*?\)", " ", text))
                     if t.key.isalnum() and t.key not in _GLUE)
