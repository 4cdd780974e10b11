"""Read a plan document (.txt, .md, .docx, .pdf) into a structured draft: pure, bytes in.

``read_plan(filename, content)`` returns a :class:`PlanDraft` (identity, obligations with
units and deadlines, facts, outlines, doubts) or raises :class:`PlanImportError` with an
:class:`ImportErrorCode`; ``draft_json`` renders the draft in the maintainers' contract. No
network, database or clock is touched here.
"""

from knowledge.imports.draft import PlanDraft, draft_json
from knowledge.imports.errors import ImportErrorCode, PlanImportError
from knowledge.imports.reader import read_plan
from knowledge.imports.sniff import DEFAULT_MAX_BYTES, read_limited

__all__ = ["DEFAULT_MAX_BYTES", "ImportErrorCode", "PlanDraft", "PlanImportError", "draft_json",
           "read_limited", "read_plan"]
