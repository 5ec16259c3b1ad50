"""Hand-written fakes for the core's ports (no mock.patch)."""

from __future__ import annotations

import asyncio

from bot.core.decision import Decision
from bot.core.facts import ASKABLE, FactName, Facts, Lang
from bot.core.ports import (
    Answer,
    ConsultationStore,
    Extraction,
    LanguageModel,
    Option,
    Passage,
    QuestionText,
    Rationale,
    Retriever,
    TextSink,
)
from bot.core.state import Consultation


class ScriptedLanguageModel:
    """Extracts what a script says each exact message means; counts every call."""

    def __init__(self, script: dict[str, Extraction] | None = None) -> None:
        self.script = script or {}
        self.calls: list[str] = []
        self.sinks: list[TextSink | None] = []

    async def extract(self, text: str, lang: Lang, pending: FactName | None) -> Extraction:
        self.calls.append("extract")
        return self.script.get(text, Extraction())

    async def phrase_question(self, fact: FactName, lang: Lang, facts: Facts) -> QuestionText:
        self.calls.append("phrase")
        return QuestionText(
            fact=fact,
            text=f"{lang}:{fact.value}?",
            why="because",
            options=tuple(Option(choice=c, label=c) for c in ASKABLE[fact]),
        )

    async def answer(
        self,
        question: str,
        lang: Lang,
        passages: list[Passage],
        sink: TextSink | None = None,
    ) -> Answer:
        self.calls.append("answer")
        self.sinks.append(sink)
        if not passages:
            return Answer(text="not covered", covered=False)
        return Answer(text=passages[0].text[:40], citations=(passages[0].id,))

    async def rationale(self, decision: Decision, facts: Facts, lang: Lang) -> Rationale | None:
        return None


class ListRetriever:
    def __init__(self, passages: list[Passage] | None = None) -> None:
        self.passages = passages or []
        self.queries: list[str] = []

    def search(self, query: str, k: int = 3, lang: Lang | None = None) -> list[Passage]:
        self.queries.append(query)
        words = [w.strip("?!.,") for w in query.split()]
        return [p for p in self.passages if any(w and w in p.text for w in words)][:k]


class MemoryStore:
    """Compare-and-set semantics like the Redis store, in memory; can inject write conflicts."""

    def __init__(self) -> None:
        self.blobs: dict[str, bytes] = {}
        self.outboxes: dict[tuple[str, str], bytes] = {}
        self.places: dict[str, str] = {}
        self.users: dict[str, list[str]] = {}
        self.votes: dict[str, dict[str, str]] = {}
        self.markers: dict[str, tuple[str, str]] = {}
        self.saves = 0
        self.conflicts_to_inject = 0
        self.acks_to_lose = 0
        self._lock = asyncio.Lock()

    async def load(self, consultation_id: str) -> Consultation | None:
        blob = self.blobs.get(consultation_id)
        return Consultation.from_blob(blob) if blob else None

    async def outbox(self, consultation_id: str, op_id: str) -> bytes | None:
        return self.outboxes.get((consultation_id, op_id))

    async def save(
        self,
        consultation: Consultation,
        expected_version: int,
        outbox: tuple[str, bytes] | None = None,
    ) -> bool:
        async with self._lock:
            if self.conflicts_to_inject:
                self.conflicts_to_inject -= 1
                return False
            cur = self.blobs.get(consultation.id)
            cur_version = Consultation.from_blob(cur).version if cur else 0
            if cur_version != expected_version:
                return False
            self.blobs[consultation.id] = consultation.to_blob()
            if expected_version == 0:
                self.places.setdefault(consultation.place.key(), consultation.id)
            if outbox:
                self.outboxes[(consultation.id, outbox[0])] = outbox[1]
            self.saves += 1
            if self.acks_to_lose:
                self.acks_to_lose -= 1
                return False
            return True

    async def find_by_place(self, place_key: str) -> str | None:
        return self.places.get(place_key)

    async def bind_place(self, place_key: str, consultation_id: str, user: str) -> str:
        bound = self.places.setdefault(place_key, consultation_id)
        self.users.setdefault(user, []).append(bound)
        return bound

    async def recent_for_user(self, user: str, limit: int = 10) -> list[Consultation]:
        found = [await self.load(i) for i in self.users.get(user, [])]
        return [c for c in found if c][-limit:][::-1]

    async def forget_user(self, user: str, team: str = "") -> int:
        ids = self.users.pop(user, [])
        for i in ids:
            self.blobs.pop(i, None)
        self.places = {k: v for k, v in self.places.items() if v not in ids}
        self.outboxes = {k: v for k, v in self.outboxes.items() if k[0] not in ids}
        for cid in ids:
            self.votes.pop(cid, None)
        for votes in self.votes.values():
            votes.pop(user, None)
            votes.pop(f"{user}|answer", None)
        self.markers = {k: v for k, v in self.markers.items() if v[1] != user}
        return len(ids)

    async def record_feedback(
        self, consultation_id: str, user: str, value: str, *, about: str = "card"
    ) -> None:
        field = user if about == "card" else f"{user}|{about}"
        self.votes.setdefault(consultation_id, {})[field] = value

    async def remember(
        self, key: str, value: str, ttl: int | None = None, *, user: str = ""
    ) -> None:
        self.markers[key] = (value, user)

    async def lookup(self, key: str) -> str | None:
        found = self.markers.get(key)
        return found[0] if found else None

    def outbox_key(self, consultation_id: str, op_id: str) -> str:
        return f"out:{consultation_id}:{op_id}"


# The fakes stand in for the real adapters, so they must keep the ports' exact signatures.
_LM: type[LanguageModel] = ScriptedLanguageModel
_RETRIEVER: type[Retriever] = ListRetriever
_STORE: type[ConsultationStore] = MemoryStore
