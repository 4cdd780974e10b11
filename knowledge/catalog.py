"""The knowledge base built from the plans the database holds (each plan with the directory of
the units it names), as the loader builds it from the bundled files: the same validation, so a
stored plan that no longer fits the schema is refused with its name and field."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import ValidationError

from knowledge.loader import KnowledgeBase, PlanFileError, build_knowledge
from knowledge.schema import Plan, Unit, UnitDirectory


def build_from_stored(plans: Iterable[tuple[str, Mapping[str, Any], Mapping[str, Any]]]
                      ) -> KnowledgeBase:
    """``plans``: (a name for messages, the plan's data, its units' directory data). Plans of
    one organisation share its directory, and a unit several plans name (an office's own unit
    in two imported plans) is one unit: units are merged by id."""
    validated: list[tuple[str, Plan]] = []
    directories: dict[str, tuple[str, dict[str, Unit]]] = {}
    seen: set[str] = set()
    for name, content, units in plans:
        try:
            plan = Plan.model_validate(content)
            directory = UnitDirectory.model_validate(units)
        except ValidationError as error:
            first = error.errors()[0]
            raise PlanFileError(name, ".".join(str(p) for p in first["loc"]), first["msg"]
                                ) from error
        validated.append((name, plan))
        _, known = directories.setdefault(directory.organisation, (directory.name, {}))
        for unit in directory.units:
            if unit.id not in seen:
                seen.add(unit.id)
                known[unit.id] = unit
    merged = [UnitDirectory(organisation=org, name=title, units=list(units.values()))
              for org, (title, units) in directories.items()]
    return build_knowledge(validated, merged)


def stored_form(plan: Plan, kb: KnowledgeBase) -> tuple[dict[str, Any], dict[str, Any]]:
    """A plan of ``kb`` and its organisation's directory, as the database keeps them."""
    directory = next((d for d in kb.directories if d.organisation == plan.organisation),
                     UnitDirectory(organisation=plan.organisation, name=plan.issuer, units=[]))
    return plan.model_dump(mode="json"), directory.model_dump(mode="json")
