"""What a feature declares, and the one table built from all of them.

A feature is a package under ``handlers/`` that exposes a :class:`Feature`: its commands (name
and aliases, the action and who may run it, its help line and Telegram menu entry, its
handler), its dialogue flows and the free-text readings it offers. The :class:`Registry` builds
from these the command table, the permission table, the help text and the Telegram menu, so
adding a command is a change to one feature package.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from handlers.dialogue import Dialogue, RerunDialogue
from handlers.messages import Reply
from handlers.roles import ADMINS, CONTACTS, EVERYONE, Role
from handlers.texts import basics as texts
from handlers.turn import Turn
from knowledge.textnorm import fold

Handler = Callable[[Turn, str], Awaitable[Reply]]
# The next step of a flow: the state, the option chosen (if the text picked one), the text.
# None when the text does not continue the flow and should be read afresh.
FlowHandler = Callable[[Turn, Dialogue, int | None, str], Awaitable[Reply | None]]
Accepts = Callable[[Turn, str], bool]


@dataclass(frozen=True)
class Subcommand:
    """A first argument that needs its own permission ("/donvi xem" is only a view)."""

    words: tuple[str, ...]  # folded first arguments, "" for none
    action: str
    roles: frozenset[Role]


@dataclass(frozen=True)
class CommandSpec:
    name: str  # without the slash: "donvi"
    run: Handler
    action: str
    roles: frozenset[Role] = EVERYONE
    help: str | None = None  # its line in /trogiup; None keeps it out of the help
    menu: str | None = None  # its Telegram menu description; None keeps it out of the menu
    aliases: tuple[str, ...] = ()
    subcommands: tuple[Subcommand, ...] = ()

    def permission(self, args: str) -> tuple[str, frozenset[Role]]:
        """The action and roles that running it with these arguments needs."""
        first = fold(args.strip().split(" ")[0]) if args.strip() else ""
        for sub in self.subcommands:
            if first in sub.words:
                return sub.action, sub.roles
        return self.action, self.roles


@dataclass(frozen=True)
class FlowSpec:
    state: type[Dialogue]
    run: FlowHandler
    roles: frozenset[Role]
    outcome: str  # what the journal calls a message handled by this flow
    takes_text: bool = False  # free text continues it (not only a choice among its options)


@dataclass(frozen=True)
class TextRoute:
    """A reading of a free message a feature offers, tried in ``order`` (lowest first)."""

    outcome: str
    order: int
    roles: frozenset[Role]
    accepts: Accepts
    run: Handler


@dataclass(frozen=True)
class Feature:
    name: str
    commands: tuple[CommandSpec, ...] = ()
    flows: tuple[FlowSpec, ...] = ()
    routes: tuple[TextRoute, ...] = ()
    help_notes: Mapping[Role, str] = field(default_factory=dict)  # a paragraph per section
    audit_actions: Mapping[str, str] = field(default_factory=dict)  # code -> how /nhatky says it


def split_args(text: str) -> list[str]:
    """'a | b' -> ['a', 'b']: two-part commands separate their parts with a bar."""
    return [part.strip() for part in text.split("|")]


_HELP_SECTIONS: tuple[tuple[frozenset[Role], Role, str], ...] = (
    (EVERYONE, Role.READER, texts.HELP_EVERYONE),
    (CONTACTS, Role.CONTACT, texts.HELP_CONTACT),
    (ADMINS, Role.ADMIN, texts.HELP_ADMIN),
)


class Registry:
    """Every feature's commands, flows and readings, checked for clashes once at start."""

    def __init__(self, features: Sequence[Feature]) -> None:
        self.features = tuple(features)
        self.commands: dict[str, CommandSpec] = {}
        self.permissions: dict[str, frozenset[Role]] = {}
        self.flows: dict[str, FlowSpec] = {}
        for feature in self.features:
            for spec in feature.commands:
                self._add_command(spec)
            for flow in feature.flows:
                if flow.state.FLOW in self.flows or flow.state.FLOW == RerunDialogue.FLOW:
                    raise ValueError(f"two flows named {flow.state.FLOW!r}")
                self.flows[flow.state.FLOW] = flow
        self.routes = tuple(sorted((r for f in self.features for r in f.routes),
                                   key=lambda r: r.order))
        self.audit_actions = {code: name for f in self.features
                              for code, name in f.audit_actions.items()}
        self.dialogue_kinds: dict[str, type[Dialogue]] = {
            RerunDialogue.FLOW: RerunDialogue,
            **{name: flow.state for name, flow in self.flows.items()}}

    def _add_command(self, spec: CommandSpec) -> None:
        for name in (spec.name, *spec.aliases):
            if name in self.commands:
                raise ValueError(f"two commands named /{name}")
            self.commands[name] = spec
        for action, roles in ((spec.action, spec.roles),
                              *((s.action, s.roles) for s in spec.subcommands)):
            if self.permissions.setdefault(action, roles) != roles:
                raise ValueError(f"action {action!r} is declared with two sets of roles")

    def command(self, name: str) -> CommandSpec | None:
        return self.commands.get(name.lstrip("/").split("@")[0].lower())

    def help(self, roles: Iterable[Role]) -> str:
        """The commands this user may run, one section per role, with each section's notes."""
        held = set(roles)
        sections = []
        for allowed, role, title in _HELP_SECTIONS:
            if role not in held:
                continue
            lines = [spec.help for spec in self._specs() if spec.roles == allowed and spec.help]
            notes = [f.help_notes[role] for f in self.features if role in f.help_notes]
            if lines or notes:
                sections.append("\n".join([title, *lines, *notes]))
        return "\n\n".join(sections)

    def menu(self) -> list[tuple[str, str]]:
        """The Telegram command menu: (name, description), everyone's commands first."""
        specs = [s for s in self._specs() if s.menu]
        order = {EVERYONE: 0, CONTACTS: 1, ADMINS: 2}
        return [(s.name, s.menu) for s in sorted(specs, key=lambda s: order.get(s.roles, 3))
                if s.menu]

    def _specs(self) -> list[CommandSpec]:
        return [spec for feature in self.features for spec in feature.commands]
