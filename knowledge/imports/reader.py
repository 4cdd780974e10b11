"""``read_plan``: bytes of a plan document in, a ``PlanDraft`` out, or a typed error.

The steps, each in its own module: tell the format (sniff), read pages (textfile, docxfile,
pdffile), clean them (cleanup), rebuild paragraphs and tables (blocks), find the zones and
sections (structure), read the identity (identity), the obligations (obligations) and the
outlines (outlines), and put the draft together (draft). Nothing here touches the network,
a database or the clock.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import replace

from knowledge.imports.blocks import build_blocks, is_upper
from knowledge.imports.citations import citations
from knowledge.imports.cleanup import (
    repair_replacements,
    split_footnotes,
    strip_markers,
    strip_page_furniture,
)
from knowledge.imports.docxfile import read_docx
from knowledge.imports.draft import (
    CitedDocument,
    DraftDocument,
    DraftDoubt,
    DraftFact,
    DraftTask,
    DraftUnit,
    PlanDraft,
)
from knowledge.imports.errors import ImportErrorCode, PlanImportError
from knowledge.imports.identity import Identity, identity
from knowledge.imports.layout import Block, Page
from knowledge.imports.obligations import Reading, read_obligations
from knowledge.imports.outlines import read_outline
from knowledge.imports.pdffile import join_tables, read_pdf
from knowledge.imports.rules import Rules, bundled_rules
from knowledge.imports.sniff import DEFAULT_MAX_BYTES, Format, sniff
from knowledge.imports.structure import Skeleton, skeleton
from knowledge.imports.textfile import read_text

_YEAR_RE = re.compile(r"(?:/|\bnăm\s+|quý\s+[IV]+/)(20\d\d)\b")


def _pages(fmt: Format, content: bytes, max_bytes: int) -> list[Page]:
    if fmt is Format.PDF:
        return read_pdf(content)
    if fmt is Format.DOCX:
        return read_docx(content, max_bytes)
    return read_text(content)


def _clean(blocks: list[Block]) -> tuple[list[Block], list[str]]:
    """Footnote markers out, replacement characters repaired from the document's words."""
    texts = [strip_markers(b.text) for b in blocks]
    texts, damaged = repair_replacements(texts)
    cleaned = []
    for block, text in zip(blocks, texts, strict=True):
        rows = tuple(tuple(strip_markers(c) for c in row) for row in block.rows)
        cleaned.append(replace(block, text=text, rows=rows))
    return cleaned, damaged


def _plan_year(ident: Identity, skel: Skeleton) -> int:
    """The year the plan is about: its title's "năm 2023" when that is the year of its date
    or the next (a plan of December 2022 for 2023), else the year of its date."""
    titled = [int(y) for y in re.findall(r"\bnăm\s+(20\d\d)\b", ident.title or "")]
    if ident.date:
        return titled[-1] if titled and 0 <= titled[-1] - ident.date.year <= 1 else ident.date.year
    years = Counter(int(y) for item in skel.body for y in _YEAR_RE.findall(item.text))
    if years:
        return max(years.items(), key=lambda kv: (kv[1], kv[0]))[0]
    found = [int(y) for y in re.findall(r"\b(20\d\d)\b", ident.title or "")]
    return max(found) if found else dt.date.today().year


def _documents(skel: Skeleton, ident: Identity, rules: Rules) -> tuple[CitedDocument, ...]:
    basis = {c.number for _, c in ident.basis}
    seen: dict[str, CitedDocument] = {}
    texts = [b.text for b in skel.head] + [i.text for i in skel.body]
    for citation in (c for text in texts for c in citations(text, rules)):
        if citation.number and citation.number not in seen:
            seen[citation.number] = CitedDocument(citation.kind, citation.number, citation.date,
                                                  citation.issuer, citation.number in basis)
    return tuple(seen.values())


def _assemble(ident: Identity, year: int, skel: Skeleton, reading: Reading, rules: Rules,
              extra: tuple[list[str], list[str]]) -> PlanDraft:
    notes, damaged = extra
    tasks = tuple(DraftTask(t.text, t.section, tuple(DraftUnit(u.name, u.role) for u in t.units),
                            t.deadline, t.restates) for t in reading.tasks)
    facts = [DraftFact("basis", f"{lead} {c.text}".strip()) for lead, c in ident.basis]
    facts += reading.facts
    doubts = list(reading.doubts)
    doubts += [DraftDoubt("replacement_character", w) for w in damaged]
    doubts += [DraftDoubt(f"no_{name}", "") for name in ("number", "date", "issuer", "signer")
               if getattr(ident, name) is None]
    outlines = tuple(o for group in skel.annexes if (o := read_outline(group, rules)))
    document = DraftDocument(ident.number, ident.issuer, ident.date, ident.title, ident.signer,
                             ident.place, ident.capacity, year, ident.recipients)
    return PlanDraft(document, tasks, outlines, tuple(facts), _documents(skel, ident, rules),
                     tuple(doubts), tuple(notes))


def read_plan(filename: str, content: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES,
              rules: Rules | None = None) -> PlanDraft:
    """Read a plan document (.txt, .md, .docx, .pdf) into a draft for an admin to review.

    Raises :class:`PlanImportError` with a code for an empty, binary, old (.doc),
    password-protected, damaged, scanned or oversized file, and for one without obligations.
    """
    rules = rules or bundled_rules()
    fmt = sniff(filename, content, max_bytes)
    pages = join_tables(strip_page_furniture(_pages(fmt, content, max_bytes)), rules)
    pages, notes = split_footnotes(pages)
    blocks, damaged = _clean(build_blocks(pages, rules))
    if not blocks:
        raise PlanImportError(ImportErrorCode.EMPTY, "no text")
    skel = skeleton(blocks, rules)
    corpus = "\n".join([i.text for i in skel.body] + [b.text for b in skel.head
                                                      if not is_upper(b.text)])
    ident = identity(skel.head, skel.tail, corpus, rules)
    year = _plan_year(ident, skel)
    reading = read_obligations(skel, year, ident.date, rules)
    if not reading.tasks:
        raise PlanImportError(ImportErrorCode.NO_OBLIGATIONS)
    return _assemble(ident, year, skel, reading, rules, (notes, damaged))
