"""`troly check`: validate the bundled plan files and say what they hold."""

from __future__ import annotations

import sys

from handlers.texts import channels as texts
from knowledge.loader import PlanFileError, load_knowledge


def main() -> int:
    try:
        kb = load_knowledge()
    except PlanFileError as exc:
        print(texts.KNOWLEDGE_ERROR.format(error=exc), file=sys.stderr)
        return 1
    dated = sum(1 for t in kb.tasks if t.deadline and t.deadline.end)
    print(texts.KNOWLEDGE_SUMMARY.format(plans=len(kb.plans), tasks=len(kb.tasks), dated=dated,
                                         outlines=len(kb.outline_sections),
                                         units=len(kb.units)))
    return 0
