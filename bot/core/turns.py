"""One turn of a consultation: interpret it, record where the facts came from, respond.

Pure apart from the language model and retriever it is handed.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from bot.core.caveats import unconfirmed_for
from bot.core.engine import decide
from bot.core.facts import CLEAR, FactName, Facts, Lang, Reading, apply_choice, correct
from bot.core.language import clean_text, detect_language
from bot.core.metering import Metered
from bot.core.planner import about_told, next_question
from bot.core.ports import LanguageModel, QuestionText, Retriever, TextSink
from bot.core.provenance import (
    changed_facts,
    hint_of,
    just_an_answer,
    not_older,
    provenance,
    without_hint,
)
from bot.core.replies import (
    AnswerReply,
    DecisionReply,
    NoticeReply,
    QuestionReply,
    Reply,
    Result,
    UnderstoodReply,
)
from bot.core.speculation import Speculation
from bot.core.state import (
    MAX_APPLIED_OPS,
    Consultation,
    Revision,
    Status,
    Turn,
    TurnKind,
    Usage,
)

# Short replies ("네", "ok") say too little to switch the conversation's language.
_MIN_LETTERS_TO_SWITCH_LANG = 12
# How many decisions a consultation remembers.
_MAX_REVISIONS = 8

PhraseNext = Callable[[FactName, Lang, Facts], Awaitable[QuestionText]]


@dataclass
class Interpretation:
    """What one turn says, before anything is recorded."""

    c: Consultation
    kind: TurnKind
    facts: Facts
    lang: Lang
    skipped: list[FactName]
    replies: list[Reply] = field(default_factory=list)
    readings: tuple[Reading, ...] = ()
    decide_requested: bool = False
    # The turn was about something else (a side question, nothing usable): the open
    # question is shown again.
    side_answered: bool = False
    repeat_pending: bool = False


# How many sections a side question is answered from.
SIDE_QUESTION_SECTIONS = 3


class _Turn:
    """The collaborators of one turn: the metered model, the retriever, the guessed question."""

    def __init__(
        self,
        lm: Metered,
        retriever: Retriever,
        sink: TextSink | None,
        predictor: LanguageModel | None,
    ) -> None:
        self.lm = lm
        self.retriever = retriever
        self.sink = sink
        self.predictor = predictor
        self.guess: Speculation | None = None

    async def phrase_next(self, fact: FactName, lang: Lang, facts: Facts) -> QuestionText:
        """The next question: the one phrased ahead of time if it fits, else phrased now."""
        early = await self.guess.take(fact, lang, facts) if self.guess else None
        return early if early is not None else await self.phrase_now(fact, lang, facts)

    async def phrase_now(self, fact: FactName, lang: Lang, facts: Facts) -> QuestionText:
        """A question phrased after the model has read the message: with a predictor, in the
        local phraser's words (the offline product's), since a second model round trip only
        to word it would double the user's wait."""
        return await (self.predictor or self.lm).phrase_question(fact, lang, facts)


async def advance(
    c: Consultation,
    turn: Turn,
    lm: LanguageModel,
    retriever: Retriever,
    now: float,
    sink: TextSink | None = None,
    predictor: LanguageModel | None = None,
) -> Result:
    """Apply one turn.

    With a ``predictor`` (a fast local reader), the likely next question is phrased while
    ``lm`` reads the message (see :class:`bot.core.speculation.Speculation`).
    """
    if turn.op_id in c.applied:
        return Result(consultation=c, duplicate=True)
    meter = Metered(lm)
    run = _Turn(meter, retriever, sink, predictor)
    try:
        if turn.kind is TurnKind.RESTART:
            result = _restart(c, turn, now)
        else:
            read = await _INTERPRET[turn.kind](c, turn, run)
            recorded, understood = record_provenance(read, turn, now)
            result = await respond(recorded, read, understood, run)
        if run.guess is not None:
            result = result.model_copy(update={"speculation": await run.guess.settle(meter)})
    finally:
        if run.guess is not None:
            run.guess.cancel()
    if meter.usage == Usage() and not meter.fallback:
        return result
    replies = result.replies
    if meter.fallback:
        replies = (NoticeReply(key="llm_fallback"), *replies)
    spent = result.consultation.model_copy(
        update={"usage": result.consultation.usage.plus(meter.usage)}
    )
    return result.model_copy(update={"consultation": spent, "replies": replies})


def _restart(c: Consultation, turn: Turn, now: float) -> Result:
    """Back to a blank consultation in the same place; the next message starts it."""
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


# -- interpret: one small function per kind of turn ------------------------------------------


def _start(c: Consultation, turn: Turn) -> Interpretation:
    return Interpretation(
        c=c,
        kind=turn.kind,
        facts=c.facts,
        lang=c.lang,
        skipped=list(c.skipped),
        decide_requested=turn.kind is TurnKind.DECIDE_NOW,
    )


async def _text(c: Consultation, turn: Turn, run: _Turn) -> Interpretation:
    read = _start(c, turn)
    text, trimmed = clean_text(turn.text)
    if trimmed:
        read.replies.append(NoticeReply(key="trimmed"))
    if text and (c.turns == 0 or _letters(text) >= _MIN_LETTERS_TO_SWITCH_LANG):
        read.lang = detect_language(text, default=c.lang)
    if not text:
        read.replies.append(NoticeReply(key="empty"))
        read.side_answered = True
        return read
    if run.predictor is not None:
        run.guess = await Speculation.start(c, turn, text, read.lang, run.lm.model, run.predictor)
    ex = await run.lm.extract(text, read.lang, c.pending)
    read.facts = c.facts.merge(not_older(ex.facts, c.source_at, turn.at))
    read.readings = ex.readings
    if ex.decide_now:
        read.decide_requested = True
    elif ex.skip and c.pending is not None:
        read.skipped.append(c.pending)
    elif ex.side_question:
        told = changed_facts(c.facts, read.facts)
        if c.pending in told:
            told = (c.pending,)
        asked = about_told(ex.question or text, told, read.lang)
        passages = run.retriever.search(asked, k=SIDE_QUESTION_SECTIONS, lang=read.lang)
        answer = await run.lm.answer(asked, read.lang, passages, run.sink)
        read.replies.append(AnswerReply(answer=answer))
        # "About 200, but what is RAG?" answers as well as asks: then the consultation goes on.
        read.side_answered = not changed_facts(c.facts, read.facts)
    elif not changed_facts(c.facts, read.facts) and c.turns > 0:
        read.replies.append(NoticeReply(key="not_understood"))
        read.side_answered = True
    # A first message without facts just describes the project: ask away.
    return read


async def _choice(c: Consultation, turn: Turn, run: _Turn) -> Interpretation:
    read = _start(c, turn)
    try:
        if turn.fact is None or turn.choice is None:
            raise ValueError("a choice names a fact and an option")
        read.facts = apply_choice(c.facts, turn.fact, turn.choice)
    except ValueError:
        read.replies.append(NoticeReply(key="invalid_choice"))
    return read


async def _skip(c: Consultation, turn: Turn, run: _Turn) -> Interpretation:
    read = _start(c, turn)
    target = turn.fact or c.pending
    if target is not None:
        read.skipped.append(target)
    return read


async def _correct(c: Consultation, turn: Turn, run: _Turn) -> Interpretation:
    read = _start(c, turn)
    try:
        if turn.fact is None or turn.choice is None:
            raise ValueError("a correction names a fact and a choice")
        read.facts = correct(c.facts, turn.fact, turn.choice)
        if turn.choice == CLEAR:
            # "That's not right" about an unsure reading: stop asking to confirm it.
            read.c = c.model_copy(update={"hints": without_hint(c.hints, turn.fact)})
    except ValueError:
        read.replies.append(NoticeReply(key="invalid_choice"))
    # Correcting one reading does not answer the question still open.
    pending = c.pending
    read.repeat_pending = pending is not None and pending not in changed_facts(c.facts, read.facts)
    return read


async def _decide_now(c: Consultation, turn: Turn, run: _Turn) -> Interpretation:
    return _start(c, turn)


_INTERPRET: dict[TurnKind, Callable[[Consultation, Turn, _Turn], Awaitable[Interpretation]]] = {
    TurnKind.TEXT: _text,
    TurnKind.CHOICE: _choice,
    TurnKind.SKIP: _skip,
    TurnKind.CORRECT: _correct,
    TurnKind.DECIDE_NOW: _decide_now,
}


# -- record: the new facts and where they came from ------------------------------------------


def record_provenance(
    read: Interpretation, turn: Turn, now: float
) -> tuple[Consultation, UnderstoodReply | None]:
    """The consultation with the turn's facts, their sources and words; and what to show."""
    c = read.c
    turn_no = c.turns + 1
    changed = changed_facts(c.facts, read.facts)
    sources = dict(c.sources)
    source_at = dict(c.source_at)
    for name in changed:
        sources[name] = turn_no
        if turn.at:
            source_at[name] = turn.at
    evidence, hints, shown = provenance(c, read.facts, changed, read.readings)
    corrected = tuple(n for n in c.corrected if n not in changed and read.facts.get(n) is not None)
    if turn.kind is TurnKind.CORRECT:
        corrected += tuple(n for n in changed if read.facts.get(n) is not None)
    understood = (
        UnderstoodReply(consultation_id=c.id, readings=shown)
        if shown and not just_an_answer(shown, c.pending, turn.text)
        else None
    )
    recorded = c.model_copy(
        update={
            "facts": read.facts,
            "sources": sources,
            "source_at": source_at,
            "evidence": evidence,
            "hints": hints,
            "corrected": corrected,
            "skipped": tuple(dict.fromkeys(read.skipped)),
            "lang": read.lang,
            "turns": turn_no,
            "updated_at": now,
            "applied": (*c.applied, turn.op_id)[-MAX_APPLIED_OPS:],
        }
    )
    return recorded, understood


# -- respond: the next question, the open one again, or the card -----------------------------


async def respond(
    c: Consultation, read: Interpretation, understood: UnderstoodReply | None, run: _Turn
) -> Result:
    replies = [*read.replies, *([understood] if understood else [])]
    changed = changed_facts(read.c.facts, c.facts)
    if c.status is Status.DECIDED:
        if changed or read.decide_requested:
            c, card = await _decide(c, run.lm, changed)
            replies.append(card)
        elif not read.side_answered and read.kind is not TurnKind.SKIP:
            replies.append(NoticeReply(key="already_decided"))
        return Result(consultation=c, replies=tuple(replies))
    pending = c.pending
    again = read.side_answered or read.repeat_pending
    if again and pending is not None and not read.decide_requested:
        # The user asked or fixed something else; show the open question again, uncounted.
        q = await run.phrase_now(pending, c.lang, c.facts)
        replies.append(
            QuestionReply(
                question=q,
                number=len(c.asked),
                max_questions=c.max_questions,
                repeat=True,
                **hint_of(c, pending),
            )
        )
        return Result(consultation=c, replies=tuple(replies))
    nxt = (
        None
        if read.decide_requested
        else next_question(c.facts, c.asked, c.skipped, c.max_questions, prefer=c.hints)
    )
    if nxt is None:
        c, card = await _decide(c, run.lm, changed)
        replies.append(card)
        return Result(consultation=c, replies=tuple(replies))
    q = await run.phrase_next(nxt, c.lang, c.facts)
    c = c.model_copy(update={"pending": nxt, "asked": (*c.asked, nxt)})
    replies.append(
        QuestionReply(
            question=q, number=len(c.asked), max_questions=c.max_questions, **hint_of(c, nxt)
        )
    )
    return Result(consultation=c, replies=tuple(replies))


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
            "revisions": (*c.revisions, revision)[-_MAX_REVISIONS:],
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
        unconfirmed=unconfirmed_for(c.facts, c.hints),
    )


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)
