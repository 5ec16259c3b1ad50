"""The persisted consultation: a versioned, compact pydantic model."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from bot.core.decision import Outcome
from bot.core.facts import FactName, Facts, Lang

SCHEMA_VERSION = 1
MAX_APPLIED_OPS = 16

Surface = Literal["slash", "mention", "dm", "assistant", "terminal", "eval"]


class Status(StrEnum):
    ACTIVE = "active"
    DECIDED = "decided"


class Place(BaseModel):
    """Where a consultation lives: a Slack thread, the terminal, or an eval run."""

    model_config = ConfigDict(frozen=True)

    surface: Surface
    team: str = ""
    channel: str = ""
    thread_ts: str = ""
    # An Enterprise Grid org's id (E…) when the app was installed org-wide; not part of the key.
    enterprise: str = ""

    def key(self) -> str:
        """Where replies go; the surface is left out so any reply in a thread finds it.

        Each part is escaped so that no two places share a key, while a part without ':' or
        '%' (every real Slack id and ts) stays as it is: keys stored before escaping still match.
        """
        return ":".join(_escape_key_part(p) for p in (self.team, self.channel, self.thread_ts))


def _escape_key_part(part: str) -> str:
    # '%' first, so the '%' of an escaped ':' is not escaped again.
    return part.replace("%", "%25").replace(":", "%3A")


class Revision(BaseModel):
    """One decision the consultation reached, and which facts changed since the previous one."""

    model_config = ConfigDict(frozen=True)

    outcome: Outcome
    turn: int
    changed: tuple[FactName, ...] = ()


class TurnKind(StrEnum):
    TEXT = "text"
    CHOICE = "choice"
    SKIP = "skip"
    DECIDE_NOW = "decide_now"
    RESTART = "restart"
    # A one-click correction of something read from the user's words.
    CORRECT = "correct"


class Turn(BaseModel):
    """One user action. ``op_id`` makes it idempotent: the same op applies once."""

    model_config = ConfigDict(frozen=True)

    op_id: str = Field(min_length=1, max_length=200)
    kind: TurnKind
    text: str = ""
    fact: FactName | None = None
    choice: str | None = None
    # When the user wrote it (a Slack ts); a late delivery of an older message must not
    # override what a newer one said.
    at: str = Field(default="", max_length=40)


class Usage(BaseModel):
    """Language-model usage, added up per consultation."""

    model_config = ConfigDict(frozen=True)

    calls: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    cache_read_tokens: int = 0
    cache_write_tokens: int = 0
    cost_usd: float = Field(default=0.0, ge=0)

    def billed_tokens(self) -> int:
        """Tokens weighted by what they cost: a cache read is billed at about a tenth."""
        return (
            self.input_tokens
            + self.output_tokens
            + self.cache_write_tokens
            + self.cache_read_tokens // 10
        )

    def plus(self, other: Usage) -> Usage:
        return Usage(
            calls=self.calls + other.calls,
            input_tokens=self.input_tokens + other.input_tokens,
            output_tokens=self.output_tokens + other.output_tokens,
            cache_read_tokens=self.cache_read_tokens + other.cache_read_tokens,
            cache_write_tokens=self.cache_write_tokens + other.cache_write_tokens,
            cost_usd=round(self.cost_usd + other.cost_usd, 6),
        )


class Consultation(BaseModel):
    model_config = ConfigDict(frozen=True)

    schema_version: int = SCHEMA_VERSION
    id: str
    version: int = 0
    # Set afresh by every save attempt, so a writer can tell its own write from another's.
    write_token: str = ""
    place: Place
    user: str
    lang: Lang = "en"
    facts: Facts = Facts()
    sources: dict[FactName, int] = {}
    # The Slack ts of the message each fact came from, where known (orders late deliveries).
    source_at: dict[FactName, str] = {}
    # The user's words each fact was read from ("" for a button or a correction).
    evidence: dict[FactName, str] = {}
    # Readings the reader was unsure of, not applied: fact -> (value, quote), asked to confirm.
    hints: dict[FactName, tuple[str, str]] = {}
    # Facts the user set by correcting what was read (until a later message says otherwise).
    corrected: tuple[FactName, ...] = ()
    asked: tuple[FactName, ...] = ()
    skipped: tuple[FactName, ...] = ()
    pending: FactName | None = None
    turns: int = 0
    status: Status = Status.ACTIVE
    revisions: tuple[Revision, ...] = ()
    applied: tuple[str, ...] = ()
    usage: Usage = Usage()
    max_questions: int = 5
    created_at: float = 0.0
    updated_at: float = 0.0

    @property
    def outcome(self) -> Outcome | None:
        return self.revisions[-1].outcome if self.revisions else None

    def to_blob(self) -> bytes:
        """Compact JSON: defaults are left out, the schema version always stays in (last, when
        it is the current one and so a default)."""
        # Serialised by pydantic in one pass, rather than dumped to dicts for ``json``: half the
        # CPU of a save. The same bytes, but for small floats ("1e-05" is "0.00001" here).
        blob = self.model_dump_json(exclude_defaults=True).encode()
        if self.schema_version != SCHEMA_VERSION:
            return blob
        return b'%s,"schema_version":%d}' % (blob[:-1], self.schema_version)

    @classmethod
    def from_blob(cls, blob: bytes | str) -> Consultation:
        return cls.model_validate_json(blob)
