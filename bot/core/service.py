"""Load, advance and save a consultation with compare-and-set."""

from __future__ import annotations

from collections.abc import Callable

from bot.core.facts import Lang
from bot.core.ports import ConsultationStore, LanguageModel, Retriever, TextSink
from bot.core.replies import Result, SavedReplies
from bot.core.state import Consultation, Place, Turn, TurnKind
from bot.core.turns import advance

MAX_SAVE_ATTEMPTS = 8
PLACE_CACHE_SIZE = 10_000


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

    async def claim_new(self, place: Place, user: str, lang: Lang = "en") -> Consultation:
        """A new consultation for a place made by the very message that starts it (``open``
        without the lookups). The place is claimed at once, in case a reply in its thread
        reaches another worker before this turn is saved: both then share the one that won."""
        cid = self._new_id()
        bound = await self._store.bind_place(place.key(), cid, user)
        if bound != cid:
            return await self._bound(place, bound, user, lang)
        return self._fresh(place, cid, user, lang)

    async def create_unbound(self, place: Place, user: str, lang: Lang = "en") -> Consultation:
        """A new consultation for a place nothing can be bound to yet (a root message posted
        a moment ago): no Redis trip now, the first save binds the place."""
        return self._fresh(place, self._new_id(), user, lang)

    def _fresh(self, place: Place, cid: str, user: str, lang: Lang) -> Consultation:
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
            outbox = (turn.op_id, SavedReplies(replies=result.replies).model_dump_json().encode())
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
            replies = SavedReplies.model_validate_json(blob).replies
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

    async def find(self, place: Place, *, bound: str = "") -> Consultation | None:
        """A place's binding never changes while it exists, so it is cached in memory.

        ``bound``: the place's binding as the caller already read it, so it need not be read
        again.
        """
        key = place.key()
        if bound and key not in self._places:
            self._remember_place(key, bound)
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

    async def record_feedback(
        self, consultation_id: str, user: str, vote: str, *, about: str = "card"
    ) -> None:
        """A viewer's thumbs up or down on the card or on a side answer."""
        await self._store.record_feedback(consultation_id, user, vote, about=about)

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
