"""The assistant assembled: every feature, the registry built from them, and the core.

This is the one module that knows all the features; it sits above them, as they sit above the
shared core. A new feature is added to ``features`` below and to nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from handlers.answers import AnswerEngine, TaskFinder, answers_feature
from handlers.basics import basics_feature
from handlers.broadcasts import BroadcastDelivery, broadcasts_feature
from handlers.catalog import Catalog, Swap
from handlers.clock import Clock
from handlers.commands import Feature, Registry
from handlers.core import MAX_MESSAGE_LENGTH, Core, UnitOfWorkFactory
from handlers.delivery import DeliveryPolicy, Policies
from handlers.directory import UnitDirectory
from handlers.obligations import Obligations
from handlers.plans import plans_feature
from handlers.reminders import Planner, ReminderSettings, WorkingCalendar, reminders_feature
from handlers.reports import reports_feature
from handlers.services import Services
from handlers.smalltalk import smalltalk_feature
from handlers.units import units_feature
from knowledge.loader import KnowledgeBase


@dataclass(frozen=True)
class Assembled:
    core: Core
    planner: Planner  # the reminders' tick, for the scheduler at the edge


class Engines:
    """The answer engine over the plans as they are now, and task search over the same: both
    rebuilt (off the event loop) when the catalog changes, and swapped in together."""

    def __init__(self, engine: AnswerEngine, catalog: Catalog) -> None:
        self.engine = engine
        self.finder = TaskFinder(engine)
        catalog.on_change(self._rebuild)

    def current(self) -> AnswerEngine:
        return self.engine

    def _rebuild(self, kb: KnowledgeBase) -> Swap:
        engine = AnswerEngine(kb, self.engine.lexicon)

        def swap() -> None:
            self.engine = engine
            self.finder.use(engine)
        return swap


def features(services: Services, engines: Engines, planner: Planner) -> list[Feature]:
    """Every feature, in the order their commands appear in the help and the menu."""
    return [basics_feature(services), units_feature(services), reports_feature(services),
            reminders_feature(services, planner), plans_feature(services),
            broadcasts_feature(services), smalltalk_feature(),
            answers_feature(engines.current)]


def assemble(engine: AnswerEngine, clock: Clock, unit_of_work: UnitOfWorkFactory, *,
             admins: Iterable[str] = (), max_length: int = MAX_MESSAGE_LENGTH,
             reminders: ReminderSettings | None = None,
             calendar: WorkingCalendar | None = None, extra: Iterable[Feature] = ()
             ) -> Assembled:
    """The core over one knowledge base; ``extra`` features are added after the bundled ones."""
    admins = frozenset(admins)
    directory = UnitDirectory(engine.lexicon)
    catalog = Catalog(engine.kb)
    engines = Engines(engine, catalog)
    services = Services(catalog=catalog, lexicon=engine.lexicon, directory=directory,
                        tasks=engines.finder, obligations=Obligations(catalog, directory),
                        admins=admins)
    settings = reminders or ReminderSettings(admins=tuple(sorted(admins)))
    planner = Planner(services, settings, calendar or WorkingCalendar())
    registry = Registry([*features(services, engines, planner), *extra])
    core = Core(registry, services, clock, unit_of_work, admins=admins, max_length=max_length)
    return Assembled(core, planner)


def build_core(engine: AnswerEngine, clock: Clock, unit_of_work: UnitOfWorkFactory, *,
               admins: Iterable[str] = (), max_length: int = MAX_MESSAGE_LENGTH,
               extra: Iterable[Feature] = ()) -> Core:
    return assemble(engine, clock, unit_of_work, admins=admins, max_length=max_length,
                    extra=extra).core


def delivery_policy() -> DeliveryPolicy:
    """What the outbox dispatcher asks about deliveries: every feature that sends on its own."""
    return Policies([BroadcastDelivery()])
