"""The ports the consultation core talks through; adapters implement them at the edges."""

from __future__ import annotations

from typing import Protocol

from pydantic import BaseModel, ConfigDict

from bot.core.decision import Decision
from bot.core.facts import FactName, Facts, Lang, Reading
from bot.core.state import Consultation, Usage

__all__ = ["Usage"]


class Passage(BaseModel):
    """A retrieved knowledge-base section."""

    model_config = ConfigDict(frozen=True)

    id: str
    title: str
    lang: Lang
    score: float
    text: str


class ModelResult(BaseModel):
    """What every language-model call returns besides its content: what it cost, and whether
    the offline layer stood in for a failing model."""

    model_config = ConfigDict(frozen=True)

    usage: Usage = Usage()
    fallback: bool = False


class Extraction(ModelResult):
    """What a language model read out of one user message."""

    model_config = ConfigDict(frozen=True)

    facts: Facts = Facts()
    side_question: bool = False
    # The sentences that ask, when the message states facts as well; empty when the whole
    # message is the question or when what it asks leans on the rest ("Is that enough?").
    question: str = ""
    skip: bool = False
    decide_now: bool = False
    # What was read and from which words; unsure readings are not in ``facts``.
    readings: tuple[Reading, ...] = ()


class Option(BaseModel):
    model_config = ConfigDict(frozen=True)

    choice: str
    label: str


class QuestionText(ModelResult):
    model_config = ConfigDict(frozen=True)

    fact: FactName
    text: str
    why: str
    options: tuple[Option, ...]
    kb: tuple[str, ...] = ()


class CitedSentence(BaseModel):
    """One sentence of an answer and the knowledge-base section it rests on."""

    model_config = ConfigDict(frozen=True)

    text: str
    source: str


class Answer(ModelResult):
    """An answer to a side question; ``covered`` is false when the knowledge base had nothing."""

    model_config = ConfigDict(frozen=True)

    text: str
    citations: tuple[str, ...] = ()
    covered: bool = True
    # ``text`` sentence by sentence with each one's section, when the answerer knows them.
    sentences: tuple[CitedSentence, ...] = ()


class Rationale(ModelResult):
    """The card's short rationale, written from the engine's reasons; cites KB section ids."""

    model_config = ConfigDict(frozen=True)

    text: str
    citations: tuple[str, ...] = ()


class TextSink(Protocol):
    """Receives an answer's text as it is generated (e.g. a Slack stream); best effort."""

    async def write(self, text: str) -> None: ...


class LanguageModel(Protocol):
    """Language jobs only: the decision itself is never delegated to a model."""

    async def extract(self, text: str, lang: Lang, pending: FactName | None) -> Extraction: ...

    async def phrase_question(self, fact: FactName, lang: Lang, facts: Facts) -> QuestionText: ...

    async def answer(
        self,
        question: str,
        lang: Lang,
        passages: list[Passage],
        sink: TextSink | None = None,
    ) -> Answer: ...

    async def rationale(self, decision: Decision, facts: Facts, lang: Lang) -> Rationale | None: ...


class Retriever(Protocol):
    def search(self, query: str, k: int = 3, lang: Lang | None = None) -> list[Passage]: ...


class ConsultationStore(Protocol):
    """Consultations with compare-and-set writes: a save applies only over ``expected_version``."""

    async def load(self, consultation_id: str) -> Consultation | None: ...

    async def save(
        self,
        consultation: Consultation,
        expected_version: int,
        outbox: tuple[str, bytes] | None = None,
    ) -> bool: ...

    async def outbox(self, consultation_id: str, op_id: str) -> bytes | None: ...

    async def find_by_place(self, place_key: str) -> str | None: ...

    async def bind_place(self, place_key: str, consultation_id: str, user: str) -> str: ...

    async def recent_for_user(self, user: str, limit: int = 10) -> list[Consultation]: ...

    async def forget_user(self, user: str, team: str = "") -> int: ...

    async def record_feedback(
        self, consultation_id: str, user: str, value: str, *, about: str = "card"
    ) -> None: ...

    async def remember(
        self, key: str, value: str, ttl: int | None = None, *, user: str = ""
    ) -> None: ...

    async def lookup(self, key: str) -> str | None: ...

    def outbox_key(self, consultation_id: str, op_id: str) -> str: ...
