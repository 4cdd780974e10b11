"""What the shared core gives every feature: the plans (the catalog, which an approved import
replaces), the words, the unit directory and task search. Features get these here rather than
from each other."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from handlers.catalog import Catalog
from handlers.directory import UnitDirectory
from handlers.obligations import Obligations
from handlers.roles import Role
from handlers.tasks import TaskSearch
from knowledge.lexicon import Lexicon
from knowledge.loader import KnowledgeBase


@dataclass
class Services:
    catalog: Catalog
    lexicon: Lexicon
    directory: UnitDirectory
    tasks: TaskSearch
    obligations: Obligations
    bot_link: str | None = None  # "https://t.me/<bot>", once the Telegram channel knows it
    admins: frozenset[str] = frozenset()  # "channel:id" of every admin
    # Set by the core once every feature is known: the help text, and how /nhatky names
    # each feature's audited actions.
    help: Callable[[Iterable[Role]], str] = lambda _roles: ""
    audit_names: Mapping[str, str] = field(default_factory=dict)

    @property
    def kb(self) -> KnowledgeBase:
        """The plans as they are now (read it each time: an approval replaces them)."""
        return self.catalog.kb
