"""What a consultation turn says back: questions, the decision, answers, notices."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from bot.core.decision import Decision, Outcome, Unconfirmed
from bot.core.facts import FactName, Facts, Reading
from bot.core.ports import Answer, QuestionText, Rationale
from bot.core.state import Consultation


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
    # Readings asked to confirm and never confirmed: the card names them instead of its defaults.
    unconfirmed: tuple[Unconfirmed, ...] = ()


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
    # Whether a question phrased ahead of time (see bot.core.speculation) was used: for metrics.
    speculation: Literal["hit", "miss"] | None = None


class SavedReplies(BaseModel):
    """The replies of one turn, kept until they are posted (see ConsultationService)."""

    replies: tuple[Reply, ...] = ()
