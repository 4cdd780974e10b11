"""The units a duty names, and their roles: the lead (chủ trì) and the support (phối hợp).

A sentence's subject is the words before its first verb, when they start like a unit's name
("Ban Tuyên giáo Huyện ủy chủ trì, phối hợp với Trung tâm Chính trị huyện ..."); verbs
written with a capital are part of a name ("Ban Tổ chức", "Ủy ban Kiểm tra"). A list of
units splits at commas, semicolons and "và" only where the next part starts like a unit's
name too, and never inside a name the rules keep whole ("Ủy ban Mặt trận Tổ quốc và các tổ
chức chính trị - xã hội"). Categories ("Các chi bộ trực thuộc") are kept as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.imports.rules import Rules, accented, folded, key

LEAD, SUPPORT = "lead", "support"
_SEPARATOR_RE = re.compile(r"\s*;\s*|\s*,\s*|\s+và\s+")


@dataclass(frozen=True)
class UnitRef:
    name: str
    role: str


def _protected(text: str, rules: Rules) -> list[tuple[int, int]]:
    """Spans of the names the rules keep whole, where no list splits."""
    pattern = rules.joined_units(plain=not accented(text))
    return [m.span() for m in pattern.finditer(key(text))]


def _starts_unit(text: str, rules: Rules) -> bool:
    return rules.starts("unit_heads", text) is not None


def split_units(text: str, rules: Rules) -> list[str]:
    """"Các chi bộ trực thuộc và chi bộ cơ sở" -> the two; a name keeps its inner commas."""
    text = text.strip(" .,;:")
    keep = _protected(text, rules)
    parts: list[str] = []
    start = 0
    for match in _SEPARATOR_RE.finditer(text):
        inside = any(a < match.start() < b for a, b in keep)
        rest = text[match.end():]
        if not inside and (match.group(0).strip() == ";" or _starts_unit(rest, rules)):
            parts.append(text[start:match.start()])
            start = match.end()
    parts.append(text[start:])
    names = []
    for part in parts:
        if determiner := rules.starts("unit_determiners", part):
            part = part[determiner.end():]
        part = part.strip(" .,;:")
        if part and _starts_unit(part, rules):
            names.append(part[:1].upper() + part[1:])
    return names


def first_verb(text: str, rules: Rules) -> int | None:
    """Where the first verb written in lower case starts (a capital makes it a name)."""
    form = folded(text)
    names = _protected(text, rules)
    for match in rules.finditer("unit_verbs", text):
        inside = any(a <= match.start() < b for a, b in names)
        noun = re.search(r"\b(?:cac|nhung|moi)\s+$", form[:match.start()])
        if not inside and not noun and (match.start() == 0 or text[match.start()].islower()):
            return match.start()
    return None


def subject(text: str, rules: Rules) -> tuple[list[str], int]:
    """The units a clause starts with and where the rest of the clause starts."""
    determiner = rules.starts("unit_determiners", text)
    text_from = determiner.end() if determiner else 0
    clause = text[text_from:]
    if not _starts_unit(clause, rules):
        # "Cuối năm 2025, cấp ủy cơ sở ... đánh giá": the subject after a leading adverbial.
        comma = clause.find(", ", 0, 60)
        if comma < 0 or not _starts_unit(clause[comma + 2:], rules):
            return [], 0
        text_from, clause = text_from + comma + 2, clause[comma + 2:]
    verb = first_verb(clause, rules)
    if not verb or rules.starts("passive_verbs", clause[verb:]):
        return [], 0
    return split_units(clause[:verb], rules), text_from + verb


def _support(rest: str, rules: Rules) -> list[str]:
    """The units after "phối hợp với", up to the next verb."""
    cue = next(rules.finditer("support_cues", rest), None)
    if cue is None:
        return []
    after = rest[cue.end():].lstrip(" ,")
    verb = first_verb(after, rules)
    stop = re.search(r"\s(?:để|nhằm)\s|[(]", after)
    end = min(x for x in (verb, stop.start() if stop else None, len(after)) if x is not None)
    return split_units(after[:end], rules) if end else []


def clause_units(clause: str, rules: Rules) -> list[UnitRef]:
    """Units of one clause: its subject as lead, the units it works with as support.

    An inline label ("Đơn vị thực hiện: X chủ trì; Y phối hợp") is read past; a subject whose
    verb is "phối hợp" supports, it does not lead."""
    labelled = rules.field(clause)
    if labelled is not None and labelled[0] in (LEAD, SUPPORT):
        clause = clause[labelled[1]:]
    leads, rest_at = subject(clause, rules)
    rest = clause[rest_at:]
    cue = rules.starts("support_cues", rest) if leads else None
    if cue is not None and not rules.has("lead_cues", rest):
        after = rest[cue.end():].lstrip(" ,")
        if not _starts_unit(after, rules):  # "các chi bộ trực thuộc phối hợp."
            return [UnitRef(n, SUPPORT) for n in leads]
    supports = _support(rest if leads else clause, rules) if rules.has("support_cues", clause) \
        else []
    found = [UnitRef(n, LEAD) for n in leads]
    found += [UnitRef(n, SUPPORT) for n in supports if n not in leads]
    return found


def paragraph_units(text: str, rules: Rules) -> list[UnitRef]:
    """Units of every clause of a paragraph ("X chủ trì ...; Y xây dựng ..."), in order.

    When a clause names who leads ("X chủ trì"), the subjects of the other clauses (often
    the committee the lead works for) are not leads of the duty.
    """
    found: list[UnitRef] = []
    chaired: list[UnitRef] = []
    for clause in re.split(r";\s+|\.\s+(?=[A-ZĐ])", text):
        units = clause_units(clause, rules)
        _, rest_at = subject(clause, rules)
        if rest_at and rules.has_shape("lead_cues", clause[rest_at:], r"^\s*,?\s*(?:{})(?!\w)"):
            chaired += [u for u in units if u.role == LEAD]
        found += [u for u in units if u not in found]
    if chaired:
        found = [u for u in found if u.role == SUPPORT or u in chaired]
    return found
