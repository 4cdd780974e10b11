"""The answer engine: a question in, a short cited Vietnamese answer (or an honest "not found").

It never composes a time of its own: every deadline it prints is the plan's phrase, taken from
the source the question matched, and only when that source explains enough of the question and
satisfies everything the question states (its year, period, count, ordinal, body, place,
document, the attribute asked: ``constraints.py``, ``checks.py``). When it does not, the answer
says what the plans do not hold and shows, marked as such, what they say nearby.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import replace

from handlers.answers import identity, messages
from handlers.answers.checks import Checker, contains
from handlers.answers.constraints import Constraint, Kind, asked
from handlers.answers.contents import PlanContents
from handlers.answers.describe import Teller, cite_task, describe_topic, short_citation
from handlers.answers.documents import CitedDocuments
from handlers.answers.draft import Answer, Draft
from handlers.answers.each import each_in_turn
from handlers.answers.inwindow import in_window, late_today, on_time
from handlers.answers.listing import Listing
from handlers.answers.outlines import OutlineAnswers, describe_section
from handlers.answers.passages import dates_in
from handlers.answers.phrases import has
from handlers.answers.question import Intent, Question, QuestionReader
from handlers.answers.references import ReferenceReader, number_of
from handlers.answers.refusals import missing, near_miss, not_held
from handlers.answers.selection import MIN_COVERAGE, Choice, Selector
from handlers.answers.sentto import sent_to
from handlers.answers.subjects import Subjects
from handlers.citations import plans_overview
from handlers.texts import answers as texts
from knowledge.index import EntryKind, Hit, QueryTerms, SearchIndex, TopicRecord
from knowledge.lexicon import Lexicon
from knowledge.loader import KnowledgeBase, OutlineRecord, ParagraphRecord, TaskRecord
from knowledge.schema import DeadlineKind, Plan, UnitKind
from knowledge.textnorm import Token, fold, nfc, number_key

SUGGEST_COVERAGE = 0.3  # below MIN_COVERAGE but above this: offer "Ý bạn là…?"
UNIT_BONUS = 0.25
MAX_SUGGESTIONS = 3
MAX_ANSWER_DATES = 4  # the start and end of one time, and of one competing time
_ABOUT_PLAN_CUES = {"basis", "number", "issued", "issuing", "signer", "recipients"}
_DATED = re.compile(r"\d{1,2}/\d{1,2}/\d{4}")


class AnswerEngine:
    """Answers questions about the plans in one knowledge base."""

    def __init__(self, kb: KnowledgeBase, lexicon: Lexicon | None = None) -> None:
        self.kb = kb
        self.lexicon = lexicon or Lexicon.bundled()
        self.index = SearchIndex(kb, self.lexicon)
        self.reader = QuestionReader(kb, self.index)
        self.cues = self.reader.cues

        self.subjects = Subjects(kb, self.index, self.cues)
        self.listing = Listing(kb, self.index, self.subjects.subject_content)
        self.teller = Teller(kb, self.lexicon)
        self.cited = CitedDocuments(self.cues, self.lexicon)
        evidence = {name: a.evidence for name, a in self.cues.asked.items()}
        self.checker = Checker(self.index, self._implied(), evidence)
        self.selector = Selector(self.checker)
        self.outlines = OutlineAnswers(  # an outline asks for figures the report must give
            kb, self.index, lambda wanted, entry: self.checker.failure(wanted, entry,
                                                                        figures=True))
        self.contents = PlanContents(self.index)
        self._plans_overview: str | None = None

    def _implied(self) -> dict[str, frozenset[str]]:
        """Per plan, the documents every part of it carries out: the plan itself, those it
        implements and those its title names (Kết luận 01, Chỉ thị 05)."""
        references = ReferenceReader(self.cues.document_kinds, ())
        implied = {}
        for plan in self.kb.plans:
            documents = {d.id: d for d in plan.documents}
            # Another plan it implements is not implied: its deadlines are not this plan's.
            numbers = {number_of(documents[i].number) for i in plan.implements
                       if documents[i].kind.lower() != "kế hoạch"}
            numbers |= {r.number for r in references.read(plan.title).references}
            numbers.add(number_of(plan.number))
            implied[plan.id] = frozenset(n for n in numbers if n)
        return implied

    # -- entry point --------------------------------------------------------------------

    def answer(self, text: str, today: dt.date) -> Answer:
        text = nfc(text)  # typed NFD (decomposed), every reader below sees the same words
        asked = messages.without_plan_lead_in(
            messages.without_today_remark(text, self.cues), self.cues)
        asked = messages.without_self_introduction(messages.without_purpose(asked, self.cues),
                                                   self.cues)
        asked = messages.without_courtesy(asked, self.cues, self.index)
        # "Alo, tôi là bí thư chi bộ …, …": who asks, once the greeting before it is gone
        asked = messages.without_self_introduction(asked, self.cues)
        asked = messages.focus(messages.without_introduction(asked, self.cues), self.cues)
        if asked != text:
            focused = self._read(asked, today)
            if focused.plans is None:
                named = self.reader.read(text, today).plans  # "…KH 103. Hạn bc ngày nào?"
                if named:
                    focused.plans = set(named)
                    return self._reply(focused)
        parts = messages.split(asked, self.cues)
        if len(parts) > 1:
            parts = [p for p in parts if not messages.small_talk(p, self.cues, self.index)]
        if len(parts) <= 1:
            return self._reply(self._read(parts[0] if parts else text, today))
        answers: list[Answer] = []
        context: set[str] | None = None
        subject = ""  # the first part's words, for a part that names nothing of its own
        for part in parts:
            question = self._read(part, today, context)
            if not subject:  # its words but what it states of its own ("một lần", "2024")
                stated = {w for c in question.constraints for w in c.words}
                subject = " ".join(t.text for t in question.content if t is not None
                                   and t.key not in stated and not t.key.isdigit())
            elif not any(t is not None and not self.index.may_be_stopword(t)
                         for t in question.content):
                # "…làm theo hướng dẫn số mấy, bao lâu một lần?": of the same thing
                question = self._read(f"{subject} {part}", today, context)
            named = set(question.plans) if context is None and question.plans else None
            answer = self._reply(question)
            if context is None:
                # "…, còn hội nghị ở cơ sở xong trước ngày nào": the plan the first asked of,
                # named in it ("KH 103 ký ngày nào, ai ký?") or, when answered, cited.
                cited = {c.plan.id for c in answer.citations}
                if named:
                    context = named
                elif answer.answered and len(cited) == 1:
                    context = cited
            answers.append(answer)
        return _together(answers)

    def _read(self, text: str, today: dt.date, context: set[str] | None = None) -> Question:
        """The question ``text`` asks; of the plans ``context`` names when it names none."""
        question = self.reader.read(text, today)
        if question.plans is None and context is not None:
            question.plans = set(context)
        return question

    def _reply(self, question: Question) -> Answer:
        if messages.small_talk_tokens(question.tokens, self.cues, self.index):
            return Answer(False, texts.SMALL_TALK)
        refused = self._outside(question)
        if refused is not None:
            return refused
        intent = question.intent
        person = asked(question.constraints, "person")
        if person is not None and intent is not Intent.SIGNER and "signer" not in question.cues:
            return identity.person(person, self._plans(question))
        if "purpose" in question.cues and not self.subjects.has_subject(question):
            return identity.purpose(self._plans_of_units(question))  # "mục đích của KH 103"
        if question.plans is not None:  # "KH 107 có gửi Chi hội văn học nghệ thuật không"
            sent = sent_to(question.text, self._plans(question), self.lexicon)
            if sent is not None:
                return sent
        subject = self.cited.subject(question)
        if subject is not None:
            return self.cited.answer(question, *subject)
        if intent in (Intent.SIGNER, Intent.ISSUED, Intent.BASIS, Intent.NUMBER,
                      Intent.RECIPIENTS):
            cited = self.cited.only_cited(question)
            if cited is not None:  # "ai ký Kế hoạch 62-KH/TU": a document the plans only cite
                return self.cited.answer(question, *cited)
            kind = (self.cited.other_kind(question)
                    if intent in (Intent.NUMBER, Intent.ISSUED) else None)
            if intent in (Intent.NUMBER, Intent.ISSUED) and not self._names_held_plan(question):
                # "Hướng dẫn sơ kết của Ban Tuyên giáo Tỉnh ủy số mấy": a document the plans
                # cite, named by its title, before the plan's own number
                titled = self.cited.by_title(question, self._plans(question),
                                             self.index.is_stopword, plans_too=kind is None)
                if titled is not None:
                    return titled
            about_plan = None if kind else self._about_plan(question, intent)
            if about_plan is not None:
                return about_plan
            if kind is not None and intent is Intent.NUMBER:
                # "giám sát … theo quy định số mấy": told by the source that cites it, whose
                # answer must then carry a number of that kind
                question.content = self.reader.content_except(question, _ABOUT_PLAN_CUES)
                answer = self._fact(question)
                if answer.answered and self.cited.numbers_of_kind(answer.text, kind):
                    return answer
                return not_held(texts.NOT_HELD_CITED.format(kind=kind.lower()))
            intent = Intent.FACT
            question.content = self.reader.content_except(question, _ABOUT_PLAN_CUES)
        if question.unknown_body and intent in (Intent.UPCOMING, Intent.UNIT):
            return not_held(texts.NOT_HELD_BODY.format(phrase=question.unknown_body))
        if "unit" in question.cues and not question.units and intent is Intent.FACT:
            body = self.reader.units.body_named(question)
            if body is not None:  # "UBKT Tỉnh ủy Sơn La phải làm gì": a body no plan tasks
                return not_held(texts.NOT_HELD_BODY.format(phrase=body))
        if intent is Intent.UPCOMING:  # "Đảng ủy Khối còn hạn nào": the committee's plans
            return self.listing.upcoming(self._of_committees_plans(question) or question)
        if intent is Intent.UNIT:
            listed = self.listing.unit(question)
            if listed is not None and not listed.answered and question.window is not None:
                of_issuer = self._of_committees_plans(question)
                if of_issuer is not None:  # "Quý II này Thành ủy Lai Châu còn việc gì"
                    return self.listing.upcoming(of_issuer)
            return listed or self._fact(question)
        if intent is Intent.OUTLINE:
            plans = self._plans(question)
            if not has(question.keys, ("de", "cuong")):
                # "Kế hoạch năm 2024 của BTV Tỉnh ủy Sơn La gồm những nội dung …": the plan of
                # the body named, when the question names no plan by its number
                laid_out = self.contents.answer(question, self._plans_of_units(question))
                if laid_out is not None:
                    return laid_out
            return self.outlines.answer(question, plans)
        if intent is Intent.DEADLINE:
            remembered = [c for c in question.constraints
                          if c.kind is Kind.DATE] if "confirm" in question.cues else []
            if remembered:  # "hạn là 30/3 đúng không": the plan's time, and whether it is that
                return self._confirmed(replace(
                    question, constraints=[c for c in question.constraints
                                           if c not in remembered],
                    content=_without_dates(question.content, remembered)), remembered)
            return self._one_time(question, self._deadline(question))
        return self._one_time(question, self._fact(question))

    def _one_time(self, question: Question, answer: Answer) -> Answer:
        """A "when" asked of one thing is answered with its time, not a page of dates: an
        answer naming more than a few is no answer."""
        if (answer.answered and "deadline" in question.cues
                and len(dates_in(answer.text)) > MAX_ANSWER_DATES):
            return self._refuse()
        return answer

    def _outside(self, question: Question) -> Answer | None:
        """A document or a place no plan we hold names: said so, with the plans we hold."""
        if question.unknown_document:
            what = self.subjects.document_name(question.unknown_document)
            return self._refuse(texts.UNKNOWN_PLAN.format(what=what, plans=self._overview()))
        if question.unknown_place and not question.plans:
            what = texts.UNKNOWN_PLACE.format(place=question.unknown_place.title())
            what = what.replace(" - ", " – ")
            return self._refuse(texts.UNKNOWN_PLAN.format(what=what, plans=self._overview()))
        return None

    def _about_plan(self, question: Question, intent: Intent) -> Answer | None:
        """Who signed, when, which number, on what basis: of the plan itself, unless the
        question's words are about something in it ("theo hướng dẫn số mấy")."""
        subject = intent is not Intent.SIGNER and self.subjects.has_subject(question)
        named = self._plan_named_by_title(question)
        if named is not None and intent is Intent.RECIPIENTS:
            return identity.recipients(  # "Kế hoạch sơ kết của Đảng ủy Khối gửi …"
                [named], reported=has(question.keys, ("bao", "cao")))
        if intent is Intent.RECIPIENTS and (subject or any(
                t is not None and not self.index.is_stopword(t) and not t.key.isdigit()
                for t in self.subjects.subject_content(question))):
            # "báo cáo … gửi cho những nơi nào" asks a task's; only a plan has a "nơi nhận"
            return not_held(texts.NOT_HELD_RECIPIENTS) if has(
                question.keys, ("noi", "nhan")) else None
        if subject:
            return None
        plans = self._plans_of_units(question)  # "Kế hoạch sơ kết 3 năm của ĐUK số mấy"
        year = next((c for c in question.constraints if c.kind is Kind.YEAR), None)
        if year is not None:
            plans = [p for p in plans if str(p.year) in year.words or (
                p.date is not None and str(p.date.year) in year.words)]
            if not plans:
                return self._refuse(texts.NOT_HELD_YEAR.format(phrase=year.phrase))
        for dated in (c for c in question.constraints if c.kind is Kind.DATE):
            if not any(contains(self.checker.plan_profile(p).identity, dated.words)
                       for p in plans):  # "ký ngày 26/12/2023": not the date it bears
                return not_held(missing(dated), [identity.issued(plans).text])
        if intent is Intent.SIGNER:
            return identity.signer(plans)
        if intent is Intent.ISSUED and "signer" in question.cues:
            return identity.signed_and_issued(plans)  # "ai ký KH 107 và ký ngày nào"
        if intent is Intent.ISSUED:
            return identity.issued(plans)
        if intent is Intent.NUMBER:
            return identity.number(plans)
        if intent is Intent.RECIPIENTS:
            return identity.recipients(plans, reported=has(question.keys, ("bao", "cao")))
        return identity.basis(plans, self.subjects.kinds_asked(question),
                              self.subjects.issuer_asked(question))

    @staticmethod
    def _names_held_plan(question: Question) -> bool:
        """"KH 107": a plan we hold, named by its number."""
        return any(k.document_id is None for _, known in question.references for k in known)

    def _of_committees_plans(self, question: Question) -> Question | None:
        """A question naming only committees (Thành ủy, Tỉnh ủy) whose own duties do not
        fall in its window asks of their plans: the same question over those plans."""
        units = [self.kb.units[u] for u in question.units]
        if not units or any(u.kind is not UnitKind.COMMITTEE for u in units):
            return None
        candidates = [p for p in self._plans(question)
                      if p.organisation in {u.organisation for u in units}]
        # The plans these committees issued ("Đảng ủy Khối": 103-KH/ĐUK, not the Sơn La plan
        # that names a Đảng ủy Khối among its units), else those of their organisations.
        issued = [p for p in candidates if any(_issued_by(u.name, p) for u in units)]
        plans = {p.id for p in issued or candidates}
        return replace(question, plans=plans, units=[]) if plans else None

    def _overview(self) -> str:
        if self._plans_overview is None:
            self._plans_overview = plans_overview(self.kb.plans)
        return self._plans_overview

    def _refuse(self, text: str | None = None, options: Iterable[str] = ()) -> Answer:
        return Answer(False, text or texts.NOT_FOUND.format(plans=self._overview()),
                      options=tuple(options))

    def _plans(self, question: Question) -> list[Plan]:
        if question.plans is None:
            return list(self.kb.plans)
        return [p for p in self.kb.plans if p.id in question.plans]

    def _plan_named_by_title(self, question: Question) -> Plan | None:
        """"Kế hoạch sơ kết của Đảng ủy Khối …": a question that opens with "kế hoạch" and
        whose other words all name one plan (its title, issuer, place) is about that plan."""
        if question.keys[:2] != ("ke", "hoach"):
            return None
        plans = self._plans_of_units(question)
        if len(plans) != 1:
            return None
        plan = plans[0]
        naming = [t for part in (plan.title, plan.issuer, plan.locality, *plan.aliases)
                  for t in self.lexicon.normalize(part)]
        words = [t for t in question.content if t is not None and not self.index.is_stopword(t)
                 and t.key not in ("ke", "hoach")]
        return plan if words and all(_names(t, naming) for t in words) else None

    def _plans_of_units(self, question: Question) -> list[Plan]:
        """The plans a question names, or else those of the bodies it names whose titles
        share most of its words ("kế hoạch sơ kết 3 năm của Đảng ủy Khối": the bloc
        committee's plan on the three-year review)."""
        plans = self._plans(question)
        if question.plans is not None or not question.units:
            return plans
        organisations = {self.kb.units[u].organisation for u in question.units}
        plans = [p for p in plans if p.organisation in organisations] or plans
        words = [t for t in question.content if t is not None and not self.index.is_stopword(t)]
        shared = {p.id: sum(_names(t, self.lexicon.normalize(p.title)) for t in words)
                  for p in plans}
        best = max(shared.values(), default=0)
        return [p for p in plans if shared[p.id] == best] if best else plans

    def _search(self, question: Question, kinds: Iterable[EntryKind] | None,
                limit: int = 10) -> tuple[QueryTerms, list[Hit]]:
        content = question.content
        if "late" in question.cues:  # "nộp 15/11 có trễ không": the day checked, not a subject
            content = _without_dates(content, question.constraints)
            if question.window_span is not None:  # "họp vào đầu tháng 5 có kịp không"
                start, end = question.window_span
                content = [None if start <= i < end else t for i, t in enumerate(content)]
        terms = self.index.terms(content)
        # "Ai tham mưu, đề xuất BTV ĐUK khen thưởng": a body named in a "who" question is
        # not who is asked for; its own duties get no lead.
        bonus = 0.0 if "who" in question.cues else UNIT_BONUS
        # "gửi về Ban Tuyên giáo ĐUK": where a report goes is not who does the work
        doers = [u for u in question.units if u not in question.recipients]
        hits = self.index.search(terms, kinds=kinds, plans=question.plans, units=doers,
                                 unit_bonus=bonus, limit=limit)
        return terms, hits

    def _not_sure(self, question: Question, hits: list[Hit]) -> Answer:
        """Nothing explains the question well enough: say so, and offer the nearest tasks."""
        options = []
        if hits and hits[0].coverage >= SUGGEST_COVERAGE:
            suffix = " khi nào?" if question.intent is Intent.DEADLINE else ""
            for hit in hits[:MAX_SUGGESTIONS]:
                if isinstance(hit.entry.record, TaskRecord):
                    options.append(f"{hit.entry.record.task.summary}{suffix}")
        return self._refuse(options=options)

    def _choose(self, question: Question, hits: list[Hit], *, timed: bool) -> Choice:
        return self.selector.choose(question.constraints, hits, timed=timed,
                                    any_plan=question.plans is None)

    # -- deadlines ----------------------------------------------------------------------

    def _deadline(self, question: Question) -> Answer:
        terms, hits = self._search(question, [EntryKind.TASK])
        if not hits or hits[0].coverage < MIN_COVERAGE:
            return self._dated_fact(question) or self._not_sure(question, hits)
        choice = self._choose(question, hits, timed=True)
        if choice.hit is None:
            nearest = choice.nearest.entry.record if choice.nearest else None
            if isinstance(nearest, TaskRecord):
                timely = on_time(self.kb, question, nearest, choice.failed)
                if timely is not None:
                    return timely
            return self._dated_fact(question) or near_miss(
                self.kb, choice.failed, choice.nearest.entry if choice.nearest else None)
        record = choice.hit.entry.record
        assert isinstance(record, TaskRecord)
        if "condition" in question.cues:
            conditioned = self._condition(question, record, terms)
            if conditioned is not None:
                return conditioned
        if record.deadline is None:
            return self._dated_fact(question) or near_miss(self.kb, None, choice.hit.entry)
        today = late_today(self.kb, question, record)
        if today is not None:
            return today
        if self._day_within_named(question, record):
            # "chốt tổ chức ngày mấy tháng 5": the plan gives only the month named
            assert record.deadline is not None
            return not_held(texts.NOT_HELD_DAY.format(phrase=record.deadline.phrase),
                            [texts.RELATED_ITEM.format(
                                summary=record.task.summary, phrase=record.task.deadline,
                                citation=short_citation(self.kb, record))])
        draft = Draft()
        with_text = bool(question.cues & {"content"}) or asked(question.constraints,
                                                               "count") is not None
        self.teller.deadline(draft, record, terms, with_text=with_text)
        self._competing(draft, record, choice.competitors)
        return draft.done(Intent.DEADLINE)

    def _confirmed(self, question: Question, remembered: list[Constraint]) -> Answer:
        """The time the plan gives, first saying whether it is the day the asker remembers."""
        answer = self._one_time(question, self._deadline(question))
        if not answer.answered:
            return answer
        named = {(d, m) for d, m, _ in dates_in(answer.text)}
        days = [c.words for c in remembered]
        same = all((number_key(w[0]), number_key(w[1])) in named for w in days)
        lead = texts.CONFIRM_YES if same else texts.CONFIRM_NO.format(
            day=", ".join(c.phrase for c in remembered))
        return replace(answer, text=f"{lead}\n{answer.text}")

    def _day_within_named(self, question: Question, record: TaskRecord) -> bool:
        """The question names a month or quarter and asks which day in it, and the task's
        time is only that month or quarter."""
        window, deadline = question.window, record.deadline
        if (window is None or window.kind not in ("month", "quarter")
                or "relative" in question.cues or deadline is None or deadline.end is None
                or deadline.kind not in (DeadlineKind.MONTH, DeadlineKind.QUARTER)):
            return False
        end = deadline.end  # "tháng 5" said without its year: the month, whatever the year
        named = window.contains(end) or (
            asked(question.constraints, "year") is None
            and not any(c.kind is Kind.YEAR for c in question.constraints)
            and window.start.month <= end.month <= window.end.month)
        return named and any(has(question.keys, cue) for cue in self.cues.phrases("day_asked"))

    def _condition(self, question: Question, record: TaskRecord,
                   terms: QueryTerms) -> Answer | None:
        """"Phải được thông qua trước khi nào?": the plan's sentence that says before (or
        after) what, when the task has one; else "trước khi nào" is said for "by when", and
        the task's time answers it."""
        words = {cue[:-1] for cue in self.cues.kinds["condition"] if has(question.keys, cue)}
        draft = Draft()
        if not self.teller.condition(draft, record, terms, words):
            return None
        return draft.done(Intent.DEADLINE)

    def _competing(self, draft: Draft, record: TaskRecord, competitors: list[Hit]) -> None:
        """Other obligations that answer the question as well, each with its time and
        sections."""
        if not competitors:
            return
        same = all(h.entry.plan.id == record.plan.id for h in competitors)
        draft.lines.append(texts.RELATED_TIMES if same else texts.OTHER_PLANS)
        for hit in competitors:
            other = hit.entry.record
            assert isinstance(other, TaskRecord)
            draft.lines.append(texts.RELATED_ITEM.format(
                summary=other.task.summary, phrase=other.task.deadline,
                citation=short_citation(self.kb, other)))
            cite_task(draft, self.kb, other)

    def _dated_fact(self, question: Question) -> Answer | None:
        """No task answers "when": the date of an event a section states ("kỷ niệm 133 năm
        ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 - 19/5/2023)"), if its sentence says one."""
        terms, hits = self._search(question, [EntryKind.PARAGRAPH, EntryKind.TOPIC])
        choice = self._choose(question, hits, timed=False)
        if choice.hit is None:
            return None
        record = choice.hit.entry.record
        draft = Draft()
        if isinstance(record, TopicRecord) and record.topic.deadline:
            describe_topic(draft, record)
        elif isinstance(record, ParagraphRecord):
            if not self.teller.paragraph(draft, record, terms, when=True):
                return None
            if not _DATED.search(draft.lines[0]):
                return None
        else:
            return None
        return draft.done(Intent.FACT)

    # -- facts --------------------------------------------------------------------------

    def _fact(self, question: Question) -> Answer:
        if "name" in question.cues:  # "chuyên đề năm 2023 … có tên là gì": a topic's title
            named = self._named_topic(question)
            if named is not None:
                return named
        terms, hits = self._search(question, None)
        if not hits or hits[0].coverage < MIN_COVERAGE:
            return self._not_sure(question, hits)
        choice = self._choose(question, hits, timed=False)
        turns = each_in_turn(self.kb, self.checker, question, hits,
                             self.cues.phrases("each_in_turn"))
        if turns is not None:
            return turns
        if choice.hit is None:
            nearest = choice.nearest.entry if choice.nearest else None
            others = [c for c in question.constraints if c is not choice.failed]
            if (nearest is not None and isinstance(nearest.record, TaskRecord)
                    and self.checker.failure(others, nearest) is None):  # all but the date
                inside = (in_window(self.kb, question, nearest.record, choice.failed)
                          or on_time(self.kb, question, nearest.record, choice.failed))
                if inside is not None:
                    return inside
            return near_miss(self.kb, choice.failed,
                             choice.nearest.entry if choice.nearest else None)
        entry = choice.hit.entry
        record = entry.record
        draft = Draft()
        if isinstance(record, TaskRecord):
            today = late_today(self.kb, question, record)
            if today is not None:
                return today
            self.teller.fact(draft, record, terms, who="who" in question.cues)
        elif isinstance(record, OutlineRecord):
            describe_section(draft, record)
        elif isinstance(record, TopicRecord):
            describe_topic(draft, record)
        elif isinstance(record, ParagraphRecord) and not self.teller.paragraph(
                draft, record, terms, when="deadline" in question.cues):
            return self._not_sure(question, hits)
        return draft.done(Intent.FACT)


    def _named_topic(self, question: Question) -> Answer | None:
        _, hits = self._search(question, [EntryKind.TOPIC])
        choice = self._choose(question, hits, timed=False)
        if choice.hit is None or not isinstance(choice.hit.entry.record, TopicRecord):
            return None
        draft = Draft()
        describe_topic(draft, choice.hit.entry.record)
        return draft.done(Intent.FACT)


def _without_dates(content: list[Token | None],
                   constraints: list[Constraint]) -> list[Token | None]:
    """The question's words but the days it states ("25/6" of "báo cáo 6 tháng … 25/6")."""
    content = list(content)
    for date in (c for c in constraints if c.kind is Kind.DATE):
        size = len(date.words)
        for start in range(len(content) - size + 1):
            if tuple(t.key if t else "" for t in content[start:start + size]) == date.words:
                content[start:start + size] = [None] * size
    return content


def _issued_by(name: str, plan: Plan) -> bool:
    """Whether the body called ``name`` is, or is within, the plan's issuer."""
    issuer = fold(f"{plan.issuer} {plan.issuer_short}").lower()
    return fold(name).lower() in issuer


def _names(word: Token, naming: list[Token]) -> bool:
    """``word`` is one of ``naming``: as written when typed with diacritics ("sơ kết" is not
    the "số … Kết luận" of a title), else diacritics aside."""
    if word.accented:
        return any(word.text == t.text for t in naming)
    return any(word.key == t.key for t in naming)


def _together(answers: list[Answer]) -> Answer:
    """Two questions in one message: both answers, one after the other; answered only when
    each is (half an answer to "hạn lần lượt là ngày nào" is not the answer)."""
    answered = [a for a in answers if a.answered]
    if not answered:
        return answers[0]
    if len(answered) < len(answers):
        return Answer(False, "\n\n".join([texts.PARTLY_ANSWERED, *(a.text for a in answers)]))
    unique = {repr(c.as_json()): c for a in answered for c in a.citations}
    citations = tuple(unique.values())
    text = "\n\n".join(a.text for a in answers)
    return Answer(True, text, citations, intent=answered[0].intent)
