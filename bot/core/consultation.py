"""The consultation state machine: one user turn in, a new state and what to say out."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from bot.core.engine import Decision, Outcome, decide
from bot.core.facts import (
    CLEAR,
    FactName,
    Facts,
    Lang,
    Reading,
    apply_choice,
    correct,
    readings_of,
)
from bot.core.language import clean_text, detect_language
from bot.core.planner import next_question
from bot.core.ports import (
    Answer,
    ConsultationStore,
    Extraction,
    LanguageModel,
    Passage,
    QuestionText,
    Rationale,
    Retriever,
    TextSink,
)
from bot.core.state import (
    MAX_APPLIED_OPS,
    Consultation,
    Place,
    Revision,
    Status,
    Turn,
    TurnKind,
    Usage,
)

MAX_SAVE_ATTEMPTS = 8
PLACE_CACHE_SIZE = 10_000
# Short replies ("네", "ok") say too little to switch the conversation's language.
_MIN_LETTERS_TO_SWITCH_LANG = 12


class QuestionReply(BaseModel):
    model_config = ConfigDict(frozen=True)

    kind: Literal["question"] = "question"
    question: QuestionText
    number: int
    max_questions: int
    repeat: bool = False
    # The user's words an unsure reading of this fact came from: the question confirms it.
    hint: str = ""
    suggested: str | None = None


class DecisionReply(BaseModel):
    model_config = ConfigDict(frozen=True)

    kind: Literal["decision"] = "decision"
    decision: Decision
    facts: Facts
    previous: Outcome | None = None
    changed: tuple[FactName, ...] = ()
    revision: int = 1
    rationale: Rationale | None = None
    # The user's words each fact was read from ("" for a button), for "From your answers".
    evidence: dict[FactName, str] = {}
    corrected: tuple[FactName, ...] = ()


class UnderstoodReply(BaseModel):
    """What one free-text message was read as, each reading with its words; correctable."""

    model_config = ConfigDict(frozen=True)

    kind: Literal["understood"] = "understood"
    consultation_id: str
    readings: tuple[Reading, ...]


class AnswerReply(BaseModel):
    model_config = ConfigDict(frozen=True)

    kind: Literal["answer"] = "answer"
    answer: Answer


class NoticeReply(BaseModel):
    """A short fixed message, by template key (``notice.<key>``)."""

    model_config = ConfigDict(frozen=True)

    kind: Literal["notice"] = "notice"
    key: str


Reply = Annotated[
    QuestionReply | DecisionReply | AnswerReply | NoticeReply | UnderstoodReply,
    Field(discriminator="kind"),
]


class Result(BaseModel):
    """``replies`` to post now; for a duplicate, ``replies`` are those its first run saved
    and may not have posted (a crashed worker), so the caller can finish the job."""

    model_config = ConfigDict(frozen=True)

    consultation: Consultation
    replies: tuple[Reply, ...] = ()
    duplicate: bool = False
    # Whether a question phrased ahead of time (see _Speculation) was used: for metrics.
    speculation: Literal["hit", "miss"] | None = None


class _Outbox(BaseModel):
    replies: tuple[Reply, ...] = ()


class ConflictError(RuntimeError):
    """Too many concurrent writers on one consultation."""


class NotFoundError(LookupError):
    """The consultation expired or was forgotten."""


def new_consultation(
    consultation_id: str, place: Place, user: str, lang: Lang, now: float, max_questions: int
) -> Consultation:
    return Consultation(
        id=consultation_id,
        place=place,
        user=user,
        lang=lang,
        max_questions=max_questions,
        created_at=now,
        updated_at=now,
    )


def _changed(old: Facts, new: Facts) -> tuple[FactName, ...]:
    return tuple(n for n in FactName if old.get(n) != new.get(n))


class _Metered:
    """Adds up what each language-model call of one turn cost and whether any fell back."""

    def __init__(self, lm: LanguageModel) -> None:
        self._lm = lm
        self.usage = Usage()
        self.fallback = False

    @property
    def model(self) -> LanguageModel:
        return self._lm

    def note(self, usage: Usage, fallback: bool) -> None:
        self.usage = self.usage.plus(usage)
        self.fallback = self.fallback or fallback

    async def extract(self, text: str, lang: Lang, pending: FactName | None) -> Extraction:
        r = await self._lm.extract(text, lang, pending)
        self.note(r.usage, r.fallback)
        return r

    async def phrase_question(self, fact: FactName, lang: Lang, facts: Facts) -> QuestionText:
        r = await self._lm.phrase_question(fact, lang, facts)
        self.note(r.usage, r.fallback)
        return r

    async def answer(
        self,
        question: str,
        lang: Lang,
        passages: list[Passage],
        sink: TextSink | None = None,
    ) -> Answer:
        r = await self._lm.answer(question, lang, passages, sink)
        self.note(r.usage, r.fallback)
        return r

    async def rationale(self, decision: Decision, facts: Facts, lang: Lang) -> Rationale | None:
        r = await self._lm.rationale(decision, facts, lang)
        if r is not None:
            self.note(r.usage, r.fallback)
        return r


class _Speculation:
    """The next question, phrased while the model is still reading the user's message.

    A fast local reader (the offline rules) guesses the message's facts; the planner picks the
    question it would ask next, and the model starts phrasing that question at once. If the
    model's own reading leads the planner to the same question with the same facts, the turn
    costs one model round trip instead of two; if not, the guess is dropped (see ``settle``)
    and the question is phrased again. The use case is left out of the comparison: it is a
    free-text label that two readers word differently.
    """

    def __init__(self, lm: LanguageModel, fact: FactName, lang: Lang, facts: Facts) -> None:
        self._meter = _Metered(lm)
        self._key = (fact, lang, _without_label(facts))
        self._task = asyncio.create_task(self._meter.phrase_question(fact, lang, facts))
        self.used = False

    @classmethod
    async def start(
        cls,
        c: Consultation,
        turn: Turn,
        text: str,
        lang: Lang,
        lm: LanguageModel,
        predictor: LanguageModel,
    ) -> _Speculation | None:
        if c.status is not Status.ACTIVE:
            return None
        guess = await predictor.extract(text, lang, c.pending)
        if guess.decide_now or guess.skip or guess.side_question:
            return None
        facts = c.facts.merge(_not_older(guess.facts, c.source_at, turn.at))
        if not _changed(c.facts, facts) and c.turns > 0:
            return None
        # The same hints the turn itself will prefer, so a confirm question is guessed too.
        fact = next_question(facts, c.asked, c.skipped, c.max_questions, prefer=c.hints)
        return None if fact is None else cls(lm, fact, lang, facts)

    async def take(self, fact: FactName, lang: Lang, facts: Facts) -> QuestionText | None:
        if self._key != (fact, lang, _without_label(facts)):
            return None
        self.used = True
        return await self._task

    async def settle(self, meter: _Metered) -> Literal["hit", "miss"]:
        """Count what the guess cost; an unused guess's fallback is no concern of the user.

        An unused guess still under way (say, waiting out a rate limit) is cancelled rather
        than awaited: no reply waits for a question nobody will ask. Its cost is then unknown
        and not counted.
        """
        if not self.used:
            if not self._task.done():
                self._task.cancel()
                return "miss"
            with contextlib.suppress(Exception, asyncio.CancelledError):
                self._task.result()
        meter.note(self._meter.usage, self._meter.fallback and self.used)
        return "hit" if self.used else "miss"

    def cancel(self) -> None:
        self._task.cancel()


def _without_label(facts: Facts) -> Facts:
    return facts.model_copy(update={"use_case": None})


async def advance(
    c: Consultation,
    turn: Turn,
    lm: LanguageModel,
    retriever: Retriever,
    now: float,
    sink: TextSink | None = None,
    predictor: LanguageModel | None = None,
) -> Result:
    """Apply one turn. Pure apart from the language model and retriever it is handed.

    With a ``predictor`` (a fast local reader), the likely next question is phrased while
    ``lm`` reads the message (see :class:`_Speculation`).
    """
    if turn.op_id in c.applied:
        return Result(consultation=c, duplicate=True)
    meter = _Metered(lm)
    spec: list[_Speculation] = []
    try:
        result = await _advance(c, turn, meter, retriever, now, sink, predictor, spec)
        if spec:
            result = result.model_copy(update={"speculation": await spec[0].settle(meter)})
    finally:
        for s in spec:
            s.cancel()
    if meter.usage == Usage() and not meter.fallback:
        return result
    replies = result.replies
    if meter.fallback:
        replies = (NoticeReply(key="llm_fallback"), *replies)
    spent = result.consultation.model_copy(
        update={"usage": result.consultation.usage.plus(meter.usage)}
    )
    return result.model_copy(update={"consultation": spent, "replies": replies})


async def _advance(
    c: Consultation,
    turn: Turn,
    lm: _Metered,
    retriever: Retriever,
    now: float,
    sink: TextSink | None,
    predictor: LanguageModel | None,
    spec: list[_Speculation],
) -> Result:
    replies: list[Reply] = []
    facts = c.facts
    lang = c.lang
    skipped = list(c.skipped)
    decide_requested = turn.kind is TurnKind.DECIDE_NOW
    side_answered = False
    repeat_pending = False
    readings: tuple[Reading, ...] = ()
    turn_no = c.turns + 1

    if turn.kind is TurnKind.RESTART:
        # Back to a blank consultation in the same place; the next message starts it.
        fresh = c.model_copy(
            update={
                "facts": Facts(),
                "sources": {},
                "evidence": {},
                "hints": {},
                "corrected": (),
                "asked": (),
                "skipped": (),
                "pending": None,
                "status": Status.ACTIVE,
                "revisions": (),
                "turns": 0,
                "updated_at": now,
                "applied": (*c.applied, turn.op_id)[-MAX_APPLIED_OPS:],
            }
        )
        return Result(consultation=fresh, replies=(NoticeReply(key="restarted"),))
    if turn.kind is TurnKind.TEXT:
        text, trimmed = clean_text(turn.text)
        if trimmed:
            replies.append(NoticeReply(key="trimmed"))
        if text and (c.turns == 0 or _letters(text) >= _MIN_LETTERS_TO_SWITCH_LANG):
            lang = detect_language(text, default=c.lang)
        if not text:
            replies.append(NoticeReply(key="empty"))
            side_answered = True
        else:
            if predictor is not None:
                guess = await _Speculation.start(c, turn, text, lang, lm.model, predictor)
                spec.extend([guess] if guess else [])
            ex = await lm.extract(text, lang, c.pending)
            facts = facts.merge(_not_older(ex.facts, c.source_at, turn.at))
            readings = ex.readings
            if ex.decide_now:
                decide_requested = True
            elif ex.skip and c.pending is not None:
                skipped.append(c.pending)
            elif not _changed(c.facts, facts):
                if ex.side_question:
                    passages = retriever.search(text, k=3, lang=lang)
                    answer = await lm.answer(text, lang, passages, sink)
                    replies.append(AnswerReply(answer=answer))
                    side_answered = True
                elif c.turns > 0:
                    replies.append(NoticeReply(key="not_understood"))
                    side_answered = True
                # A first message without facts just describes the project: ask away.
    elif turn.kind is TurnKind.CHOICE:
        if turn.fact is None or turn.choice is None:
            replies.append(NoticeReply(key="invalid_choice"))
        else:
            try:
                facts = apply_choice(facts, turn.fact, turn.choice)
            except ValueError:
                replies.append(NoticeReply(key="invalid_choice"))
    elif turn.kind is TurnKind.SKIP:
        target = turn.fact or c.pending
        if target is not None:
            skipped.append(target)
    elif turn.kind is TurnKind.CORRECT:
        try:
            if turn.fact is None or turn.choice is None:
                raise ValueError("a correction names a fact and a choice")
            facts = correct(facts, turn.fact, turn.choice)
            if turn.choice == CLEAR:
                # "That's not right" about an unsure reading: stop asking to confirm it.
                c = c.model_copy(update={"hints": _without(c.hints, turn.fact)})
        except ValueError:
            replies.append(NoticeReply(key="invalid_choice"))
        # Correcting one reading does not answer the question still open.
        repeat_pending = c.pending is not None and c.pending not in _changed(c.facts, facts)

    changed = _changed(c.facts, facts)
    sources = dict(c.sources)
    source_at = dict(c.source_at)
    for name in changed:
        sources[name] = turn_no
        if turn.at:
            source_at[name] = turn.at
    evidence, hints, shown = _provenance(c, facts, changed, readings)
    corrected = tuple(n for n in c.corrected if n not in changed and facts.get(n) is not None)
    if turn.kind is TurnKind.CORRECT:
        corrected += tuple(n for n in changed if facts.get(n) is not None)
    if shown and not _just_an_answer(shown, c.pending, turn.text):
        replies.append(UnderstoodReply(consultation_id=c.id, readings=shown))
    c = c.model_copy(
        update={
            "facts": facts,
            "sources": sources,
            "source_at": source_at,
            "evidence": evidence,
            "hints": hints,
            "corrected": corrected,
            "skipped": tuple(dict.fromkeys(skipped)),
            "lang": lang,
            "turns": turn_no,
            "updated_at": now,
            "applied": (*c.applied, turn.op_id)[-MAX_APPLIED_OPS:],
        }
    )

    if c.status is Status.DECIDED:
        if changed or decide_requested:
            c, reply = await _decide(c, lm, changed)
            replies.append(reply)
        elif not side_answered and turn.kind is not TurnKind.SKIP:
            replies.append(NoticeReply(key="already_decided"))
        return Result(consultation=c, replies=tuple(replies))

    if (side_answered or repeat_pending) and c.pending is not None and not decide_requested:
        # The user asked or fixed something else; show the open question again, uncounted.
        q = await lm.phrase_question(c.pending, c.lang, c.facts)
        replies.append(
            QuestionReply(
                question=q,
                number=len(c.asked),
                max_questions=c.max_questions,
                repeat=True,
                **_hint(c, c.pending),
            )
        )
        return Result(consultation=c, replies=tuple(replies))

    nxt = (
        None
        if decide_requested
        else next_question(c.facts, c.asked, c.skipped, c.max_questions, prefer=c.hints)
    )
    if nxt is None:
        c, reply = await _decide(c, lm, changed)
        replies.append(reply)
    else:
        early = await spec[0].take(nxt, c.lang, c.facts) if spec else None
        q = early or await lm.phrase_question(nxt, c.lang, c.facts)
        c = c.model_copy(update={"pending": nxt, "asked": (*c.asked, nxt)})
        replies.append(
            QuestionReply(
                question=q,
                number=len(c.asked),
                max_questions=c.max_questions,
                **_hint(c, nxt),
            )
        )
    return Result(consultation=c, replies=tuple(replies))


# Derived or free-form facts that a "here is what I understood" line would only repeat.
_UNSHOWN = frozenset({FactName.DATA_AMOUNT, FactName.USE_CASE, FactName.LANGUAGES})


def _just_an_answer(shown: tuple[Reading, ...], pending: FactName | None, text: str) -> bool:
    """A short reply to the open question ("yes", "매주요") needs no "here is what I read"."""
    answers = {pending, FactName.DATA_AMOUNT} if pending is FactName.DATA_EXAMPLES else {pending}
    return len(text.split()) <= 3 and all(r.sure and r.fact in answers for r in shown)


def _without(
    hints: dict[FactName, tuple[str, str]], fact: FactName
) -> dict[FactName, tuple[str, str]]:
    return {k: v for k, v in hints.items() if k is not fact}


def _hint(c: Consultation, fact: FactName) -> dict[str, str]:
    """The unsure reading a question confirms, if there is one for its fact."""
    if fact not in c.hints:
        return {}
    value, quote = c.hints[fact]
    return {"hint": quote, "suggested": value}


def _provenance(
    c: Consultation,
    facts: Facts,
    changed: tuple[FactName, ...],
    readings: tuple[Reading, ...],
) -> tuple[dict[FactName, str], dict[FactName, tuple[str, str]], tuple[Reading, ...]]:
    """Where each changed fact came from, what is left to confirm, and what to show the user.

    A fact that changed without a reading of its own (a button, a correction, a model that
    quotes nothing) keeps no words; a reading for a fact that did not change (already known,
    or older than what a newer message said) is not shown.
    """
    evidence = {k: v for k, v in c.evidence.items() if facts.get(k) is not None}
    hints = {k: v for k, v in c.hints.items() if facts.get(k) is None}
    quoted = {r.fact: r for r in readings if r.sure and r.quote}
    data = (FactName.DATA_EXAMPLES, FactName.DATA_AMOUNT)
    for name in changed:
        if facts.get(name) is None:
            evidence.pop(name, None)
            continue
        r = quoted.get(name) or (
            quoted.get(data[0]) or quoted.get(data[1]) if name in data else None
        )
        evidence[name] = r.quote if r else ""
    for r in readings:
        if not r.sure and facts.get(r.fact) is None and r.fact not in changed:
            hints[r.fact] = (r.value, r.quote)
    if not readings:
        return evidence, hints, ()
    shown = [r for r in readings if not r.sure and r.fact in hints]
    sure = [r for r in readings if r.sure and r.fact in changed]
    covered = {r.fact for r in sure}
    if FactName.TOP_GOAL in covered:
        # The top goal is one of the goals: a separate "goals" line would only repeat it.
        covered.add(FactName.GOALS)
    # A model's reading may come without a per-fact reading; show what changed all the same.
    extra = tuple(n for n in changed if n not in covered and n not in _UNSHOWN)
    return evidence, hints, (*sure, *readings_of(facts, extra), *shown)


async def _decide(
    c: Consultation, lm: LanguageModel, changed: tuple[FactName, ...]
) -> tuple[Consultation, DecisionReply]:
    decision = decide(c.facts)
    previous = c.outcome
    revision = Revision(
        outcome=decision.outcome, turn=c.turns, changed=changed if previous is not None else ()
    )
    c = c.model_copy(
        update={
            "status": Status.DECIDED,
            "pending": None,
            "revisions": (*c.revisions, revision)[-8:],
        }
    )
    rationale = await lm.rationale(decision, c.facts, c.lang)
    return c, DecisionReply(
        decision=decision,
        facts=c.facts,
        previous=previous,
        changed=revision.changed,
        revision=len(c.revisions),
        rationale=rationale,
        evidence=c.evidence,
        corrected=c.corrected,
    )


# Facts that are set together: a stated count decides the amount and vice versa.
_GROUPS: tuple[frozenset[FactName], ...] = (
    frozenset({FactName.DATA_AMOUNT, FactName.DATA_EXAMPLES}),
)
# Facts that accumulate, so order cannot matter.
_ACCUMULATING = frozenset({FactName.GOALS, FactName.LANGUAGES})


def _not_older(update: Facts, source_at: dict[FactName, str], at: str) -> Facts:
    """Drop from ``update`` what a newer message already said (a late delivery fills gaps)."""
    if not at:
        return update
    keep: dict[str, object] = {}
    for name in update.known():
        group = next((g for g in _GROUPS if name in g), frozenset({name}))
        newest = max((_ts(source_at.get(n, "")) for n in group), default=0.0)
        if name in _ACCUMULATING or newest <= _ts(at):
            keep[name.value] = update.get(name)
    return Facts.model_validate(keep)


def _ts(value: str) -> float:
    try:
        return float(value) if value else 0.0
    except ValueError:
        return 0.0


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


class ConsultationService:
    """Load, advance and save with compare-and-set; the one engine behind every entry point."""

    def __init__(
        self,
        store: ConsultationStore,
        lm: LanguageModel,
        retriever: Retriever,
        *,
        clock: Callable[[], float],
        new_id: Callable[[], str],
        max_questions: int = 5,
        fallback_lm: LanguageModel | None = None,
        token_budget: int = 0,
        predictor: LanguageModel | None = None,
    ) -> None:
        """``predictor``: a fast local reader of messages, given when ``lm`` is a remote model,
        so the likely next question is phrased while the model reads (see ``advance``)."""
        self._store = store
        self._lm = lm
        self._retriever = retriever
        self._clock = clock
        self._new_id = new_id
        self._max_questions = max_questions
        self._fallback_lm = fallback_lm
        self._token_budget = token_budget
        self._predictor = predictor
        self._places: dict[str, str] = {}

    async def open(self, place: Place, user: str, lang: Lang = "en") -> Consultation:
        """The consultation living at ``place``, created if there is none (race-safe)."""
        key = place.key()
        found = await self._cached(key)
        if found is not None:
            return found
        cid = await self._store.find_by_place(key)
        if cid is None:
            cid = await self._store.bind_place(key, self._new_id(), user)
        return await self._bound(place, cid, user, lang)

    async def start(
        self, place: Place, user: str, lang: Lang = "en", *, bind: bool = True
    ) -> Consultation:
        """A new consultation for a place made by the very message that starts it, so there
        is nothing to look up first (``open`` without the lookups).

        ``bind``: claim the place now, in case a reply in its thread reaches another worker
        before this turn is saved (both then share the consultation that won). Without it the
        first save binds the place.
        """
        cid = self._new_id()
        if bind:
            bound = await self._store.bind_place(place.key(), cid, user)
            if bound != cid:
                return await self._bound(place, bound, user, lang)
        self._remember_place(place.key(), cid)
        return new_consultation(cid, place, user, lang, self._clock(), self._max_questions)

    async def _cached(self, key: str) -> Consultation | None:
        """The consultation the in-memory place cache points at, if it still loads."""
        cached = self._places.get(key)
        if cached is None:
            return None
        found = await self._store.load(cached)
        if found is None:
            self._places.pop(key, None)  # forgotten or expired: ask Redis again
        return found

    async def _bound(self, place: Place, cid: str, user: str, lang: Lang) -> Consultation:
        """The consultation bound to ``place`` under ``cid``; a fresh one if never saved."""
        self._remember_place(place.key(), cid)
        found = await self._store.load(cid)
        if found is not None:
            return found
        return new_consultation(cid, place, user, lang, self._clock(), self._max_questions)

    async def handle(
        self, consultation: Consultation, turn: Turn, sink: TextSink | None = None
    ) -> Result:
        """Apply ``turn``; on a concurrent write, reload and apply again (ops apply once)."""
        current: Consultation | None = consultation
        for _ in range(MAX_SAVE_ATTEMPTS):
            if current is None:
                raise NotFoundError(consultation.id)
            lm = self._lm_for(current)
            result = await advance(
                current,
                turn,
                lm,
                self._retriever,
                self._clock(),
                sink,
                self._predictor if lm is self._lm else None,
            )
            if result.duplicate:
                return await self._recover(result, turn)
            saved = result.consultation.model_copy(
                update={"version": current.version + 1, "write_token": self._new_id()}
            )
            outbox = (turn.op_id, _Outbox(replies=result.replies).model_dump_json().encode())
            if await self._store.save(saved, expected_version=current.version, outbox=outbox):
                return result.model_copy(update={"consultation": saved})
            current = await self._store.load(consultation.id)
            if current is not None and current.write_token == saved.write_token:
                # Our write landed but its acknowledgement was lost; the replies still stand.
                return result.model_copy(update={"consultation": current})
        raise ConflictError(consultation.id)

    def _lm_for(self, c: Consultation) -> LanguageModel:
        """Past its token budget (0: none), a consultation continues on the fallback layer."""
        over = self._token_budget and c.usage.billed_tokens() >= self._token_budget
        return self._fallback_lm if over and self._fallback_lm is not None else self._lm

    async def _recover(self, result: Result, turn: Turn) -> Result:
        blob = await self._store.outbox(result.consultation.id, turn.op_id)
        if not blob:
            return result
        try:
            replies = _Outbox.model_validate_json(blob).replies
        except ValueError:
            return result
        return result.model_copy(update={"replies": replies})

    async def persist_new(self, consultation: Consultation) -> Consultation:
        """Save a consultation that has no turn yet, so replies in its place find it."""
        if consultation.version:
            return consultation
        saved = consultation.model_copy(update={"version": 1, "write_token": self._new_id()})
        if await self._store.save(saved, expected_version=0):
            return saved
        return await self._store.load(consultation.id) or consultation

    async def restart(self, consultation: Consultation) -> Consultation:
        """Clear the facts and questions but keep the place, so the thread carries on."""
        turn = Turn(op_id=f"restart:{self._new_id()}", kind=TurnKind.RESTART)
        return (await self.handle(consultation, turn)).consultation

    async def load(self, consultation_id: str) -> Consultation | None:
        return await self._store.load(consultation_id)

    async def find(self, place: Place) -> Consultation | None:
        """A place's binding never changes while it exists, so it is cached in memory."""
        key = place.key()
        found = await self._cached(key)
        if found is not None:
            return found
        cid = await self._store.find_by_place(key)
        found = await self._store.load(cid) if cid else None
        if found is not None:
            self._remember_place(key, found.id)
        return found

    async def history(self, user: str, limit: int = 10) -> list[Consultation]:
        """The user's most recent consultations, newest first."""
        return await self._store.recent_for_user(user, limit)

    async def forget(self, user: str, team: str = "") -> int:
        """Delete everything kept about ``user``; the number of consultations deleted."""
        self._places.clear()
        return await self._store.forget_user(user, team)

    async def record_feedback(self, consultation_id: str, user: str, vote: str) -> None:
        await self._store.record_feedback(consultation_id, user, vote)

    async def note(self, key: str, value: str, *, user: str = "") -> None:
        """A small marker kept as long as consultations are (and forgotten with ``user``)."""
        await self._store.remember(key, value, user=user)

    async def recall(self, key: str) -> str | None:
        return await self._store.lookup(key)

    def receipt(self, consultation_id: str, op_id: str) -> str:
        """What to clear once a turn's replies are posted (the saved copy of them)."""
        return self._store.outbox_key(consultation_id, op_id)

    def _remember_place(self, key: str, consultation_id: str) -> None:
        if len(self._places) >= PLACE_CACHE_SIZE:
            self._places.pop(next(iter(self._places)))
        self._places[key] = consultation_id
