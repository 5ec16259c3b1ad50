"""The facts a consultation gathers, and how new facts merge into known ones."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_serializer

Lang = Literal["ko", "en"]


class Goal(StrEnum):
    ACCURACY = "accuracy"
    CONSISTENCY = "consistency"
    FRESHNESS = "freshness"


class ChangeRate(StrEnum):
    """How often the use case itself (task, audience, format) changes."""

    OFTEN = "often"
    SOMETIMES = "sometimes"
    RARELY = "rarely"


class Urgency(StrEnum):
    FAST = "fast"
    NORMAL = "normal"


class DataAmount(StrEnum):
    NONE = "none"
    SOME = "some"
    PLENTY = "plenty"


class Quality(StrEnum):
    LOW = "low"
    HIGH = "high"


class Volume(StrEnum):
    LOW = "low"
    HIGH = "high"


class PromptingStatus(StrEnum):
    NOT_TRIED = "not_tried"
    WORKING = "working"
    CEILING = "ceiling"


class DocsChange(StrEnum):
    """Whether answers must reflect documents, and how often those documents change."""

    NONE = "none"
    RARELY = "rarely"
    OFTEN = "often"


class FactName(StrEnum):
    GOALS = "goals"
    TOP_GOAL = "top_goal"
    CHANGE_RATE = "change_rate"
    URGENCY = "urgency"
    DATA_AMOUNT = "data_amount"
    DATA_QUALITY = "data_quality"
    DATA_EXAMPLES = "data_examples"
    VOLUME = "volume"
    PROMPTING = "prompting"
    DOCS_CHANGE = "docs_change"
    EVAL_SET = "eval_set"
    COST_TRACKED = "cost_tracked"
    CITATIONS = "citations"
    LANGUAGES = "languages"
    USE_CASE = "use_case"


# Each fact's field name (an enum member's ``value`` is a slow property, read all through a turn).
FIELD_NAMES: dict[FactName, str] = {n: n.value for n in FactName}

# Thresholds for turning a stated count of labelled examples into an amount.
PLENTY_EXAMPLES = 1_000
MAX_USE_CASE_CHARS = 120


class Facts(BaseModel):
    """What is known about the user's situation. ``None`` means unknown."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # The descriptions are what a language model reads about each fact (the extraction tool's
    # schema is generated from this model), so they say what counts, not how it is stored.
    goals: frozenset[Goal] | None = Field(
        default=None,
        description=(
            "What the user says matters for their own project: accuracy (correct answers), "
            "consistency (the same output format and tone every time), freshness (answers "
            "reflect the latest documents)."
        ),
    )
    top_goal: Goal | None = Field(
        default=None,
        description="The goal the user ranks above the others; only when they rank one first.",
    )
    change_rate: ChangeRate | None = Field(
        default=None,
        description="How often the use case itself (task, audience, output format) changes.",
    )
    urgency: Urgency | None = Field(
        default=None,
        description="fast: first results are needed within a week or two; normal: no rush.",
    )
    data_amount: DataAmount | None = Field(
        default=None,
        description=(
            "Labelled examples (inputs paired with good outputs) they could train on: none; "
            f"some (fewer than {PLENTY_EXAMPLES:,}); plenty ({PLENTY_EXAMPLES:,} or more)."
        ),
    )
    data_quality: Quality | None = Field(
        default=None,
        description="high: reviewed and clean; low: noisy, mixed or inconsistent.",
    )
    data_examples: int | None = Field(
        default=None, ge=0, description="How many labelled examples, when the user gives a count."
    )
    volume: Volume | None = Field(
        default=None,
        description="high: the same kind of request repeats at large volume; low: it does not.",
    )
    prompting: PromptingStatus | None = Field(
        default=None,
        description=(
            "How far prompting alone has got them: not_tried; working; ceiling (it stopped "
            "improving however the prompt is tuned)."
        ),
    )
    docs_change: DocsChange | None = Field(
        default=None,
        description=(
            "Whether answers must reflect documents, and how often those documents change: "
            "often; rarely; none (no documents needed)."
        ),
    )
    eval_set: bool | None = Field(
        default=None,
        description="Whether they have an evaluation set to compare versions before and after.",
    )
    cost_tracked: bool | None = Field(
        default=None, description="Whether they measure cost per request and latency."
    )
    citations: bool | None = Field(
        default=None,
        description=(
            "Whether every answer must cite, or rest only on, the source documents it comes "
            "from (the manual page, policy section or clause behind it)."
        ),
    )
    languages: frozenset[str] | None = Field(
        default=None,
        description=(
            'ISO 639-1 codes of the languages the product serves, or "multi" for several '
            "unnamed ones."
        ),
    )
    use_case: str | None = Field(
        default=None,
        max_length=MAX_USE_CASE_CHARS,
        description="What they are building: a short noun phrase, in the user's words.",
    )

    @field_serializer("goals", "languages")
    def _sorted(self, value: frozenset[str] | None) -> list[str] | None:
        # Sorted so the same facts always serialise to the same bytes.
        return None if value is None else sorted(value)

    def known(self) -> set[FactName]:
        """Names of the facts that have a value."""
        return {n for n, field in FIELD_NAMES.items() if getattr(self, field) is not None}

    def get(self, name: FactName) -> Any:
        return getattr(self, FIELD_NAMES[name])

    def with_value(self, name: FactName, value: Any) -> Facts:
        """A copy with one fact set (or cleared with ``None``), normalised."""
        return normalise(self.model_copy(update={name.value: value}))

    def merge(self, update: Facts) -> Facts:
        """Newer facts win, except goals, which accumulate."""
        data = self.model_dump(exclude_none=True)
        new = update.model_dump(exclude_none=True)
        if "goals" in new and "goals" in data:
            new["goals"] = frozenset(data["goals"]) | frozenset(new["goals"])
        if "languages" in new and "languages" in data:
            new["languages"] = frozenset(data["languages"]) | frozenset(new["languages"])
        # A new count decides the amount; a new "none" drops an old count.
        if "data_examples" in new and "data_amount" not in new:
            data.pop("data_amount", None)
        if new.get("data_amount") is DataAmount.NONE and "data_examples" not in new:
            data.pop("data_examples", None)
        data.update(new)
        return normalise(Facts.model_validate(data))


def amount_for_examples(count: int) -> DataAmount:
    if count <= 0:
        return DataAmount.NONE
    return DataAmount.PLENTY if count >= PLENTY_EXAMPLES else DataAmount.SOME


def normalise(facts: Facts) -> Facts:
    """Keep derived facts consistent: the top goal is one of the goals; counts imply amounts."""
    update: dict[str, Any] = {}
    goals = set(facts.goals or ())
    if facts.top_goal is not None and facts.top_goal not in goals:
        goals.add(facts.top_goal)
        update["goals"] = frozenset(goals)
    if facts.data_examples is not None and facts.data_amount is None:
        update["data_amount"] = amount_for_examples(facts.data_examples)
    return facts.model_copy(update=update) if update else facts


# The facts the planner may ask about, and the answers it offers for each.
ASKABLE: dict[FactName, tuple[str, ...]] = {
    FactName.TOP_GOAL: ("accuracy", "consistency", "freshness", "all"),
    FactName.DOCS_CHANGE: ("often", "rarely", "none"),
    FactName.CHANGE_RATE: ("often", "sometimes", "rarely"),
    FactName.DATA_AMOUNT: ("plenty", "some", "none"),
    FactName.DATA_QUALITY: ("high", "low"),
    FactName.URGENCY: ("fast", "normal"),
    FactName.VOLUME: ("high", "low"),
    FactName.PROMPTING: ("ceiling", "working", "not_tried"),
    FactName.EVAL_SET: ("yes", "no"),
}


# What "what would change this" tries: every quick answer, and whether answers must cite their
# sources (never asked, but a team that has not said so should know what it would change).
FLIPPABLE: dict[FactName, tuple[str, ...]] = {**ASKABLE, FactName.CITATIONS: ("yes", "no")}
# The facts that are a plain yes or no.
YES_NO_FACTS = frozenset({FactName.EVAL_SET, FactName.COST_TRACKED, FactName.CITATIONS})


# The type of each multiple-choice fact's value.
_CHOICE_TYPES: dict[FactName, type[StrEnum]] = {
    FactName.DOCS_CHANGE: DocsChange,
    FactName.CHANGE_RATE: ChangeRate,
    FactName.DATA_AMOUNT: DataAmount,
    FactName.DATA_QUALITY: Quality,
    FactName.URGENCY: Urgency,
    FactName.VOLUME: Volume,
    FactName.PROMPTING: PromptingStatus,
}


def apply_choice(facts: Facts, name: FactName, choice: str) -> Facts:
    """Apply a quick-answer choice from ``ASKABLE``; raises ``ValueError`` for an unknown one."""
    if name not in ASKABLE or choice not in ASKABLE[name]:
        raise ValueError(f"unknown choice {choice!r} for {name}")
    return _chosen(facts, name, choice)


def _chosen(facts: Facts, name: FactName, choice: str) -> Facts:
    """``facts`` with a known ``FLIPPABLE`` choice applied."""
    if name is FactName.TOP_GOAL:
        top = None if choice == "all" else Goal(choice)
        return facts.merge(Facts(goals=goals_answered(choice), top_goal=top))
    return facts.with_value(name, answer_value(name, choice))


def goals_answered(choice: str) -> frozenset[Goal]:
    """The goals a top-goal answer names: every goal for "all", else the one picked."""
    return frozenset(Goal) if choice == "all" else frozenset({Goal(choice)})


def answer_value(name: FactName, choice: str) -> Any:
    """The value ``with_choice_replacing`` sets ``name`` to (not for the top goal, whose answer
    sets the goals too); raises ``ValueError`` for an unknown choice as it does."""
    if name is FactName.TOP_GOAL or choice not in FLIPPABLE.get(name, ()):
        raise ValueError(f"unknown choice {choice!r} for {name}")
    return choice == "yes" if name in YES_NO_FACTS else _CHOICE_TYPES[name](choice)


def is_known(facts: Facts, name: FactName) -> bool:
    """Whether a question about ``name`` would be a re-ask."""
    if name is FactName.TOP_GOAL:
        return facts.top_goal is not None or bool(facts.goals)
    return facts.get(name) is not None


MAX_QUOTE_CHARS = 80


class Reading(BaseModel):
    """One fact read from the user's words: the value, the words it came from, and how sure.

    ``value`` is the fact's value as text: a quick-answer choice, a goal, a count, ``true`` or
    ``false``. An unsure reading (a cue next to a negation, two readings that contradict each
    other) is not applied: it becomes a question to confirm.
    """

    model_config = ConfigDict(frozen=True)

    fact: FactName
    value: str = Field(max_length=MAX_USE_CASE_CHARS)
    quote: str = Field(default="", max_length=MAX_QUOTE_CHARS)
    rule: str = Field(default="", max_length=80)
    sure: bool = True


CLEAR = "clear"


def correction_choices(reading: Reading) -> tuple[str, ...]:
    """What a reading can be corrected to: the fact's other answers, and forgetting it.

    A goal reading is dropped (``drop:<goal>``) or made the top goal (``top:<goal>``).
    """
    name = reading.fact
    if name is FactName.GOALS:
        return (f"top:{reading.value}", f"drop:{reading.value}")
    if name in YES_NO_FACTS:
        return (*(c for c in ("yes", "no") if c != _yes_no_code(reading.value)), CLEAR)
    lookup = FactName.DATA_AMOUNT if name is FactName.DATA_EXAMPLES else name
    options = tuple(c for c in ASKABLE.get(lookup, ()) if c not in (reading.value, "all"))
    return (*options, CLEAR)


def _yes_no_code(value: str) -> str:
    return "yes" if value in ("true", "yes") else "no"


def correct(facts: Facts, name: FactName, choice: str) -> Facts:
    """Apply a one-click correction of what was read; raises ``ValueError`` for a bad one."""
    if name is FactName.GOALS:
        action, _, goal = choice.partition(":")
        if action not in ("top", "drop") or goal not in {g.value for g in Goal}:
            raise ValueError(f"unknown correction {choice!r} for {name}")
        if action == "top":
            return facts.merge(Facts(goals=frozenset({Goal(goal)}), top_goal=Goal(goal)))
        goals = frozenset(g for g in facts.goals or () if g.value != goal)
        top = (
            None if facts.top_goal is not None and facts.top_goal.value == goal else facts.top_goal
        )
        return normalise(facts.model_copy(update={"goals": goals or None, "top_goal": top}))
    if choice == CLEAR:
        if name in (FactName.DATA_AMOUNT, FactName.DATA_EXAMPLES):
            return facts.model_copy(update={"data_amount": None, "data_examples": None})
        if name is FactName.TOP_GOAL:
            return facts.model_copy(update={"top_goal": None})
        return facts.model_copy(update={name.value: None})
    if name in YES_NO_FACTS:
        if choice not in ("yes", "no"):
            raise ValueError(f"unknown correction {choice!r} for {name}")
        return facts.with_value(name, choice == "yes")
    if name is FactName.DATA_EXAMPLES:
        cleared = facts.model_copy(update={"data_examples": None, "data_amount": None})
        return apply_choice(cleared, FactName.DATA_AMOUNT, choice)
    if name is FactName.DATA_AMOUNT:
        cleared = facts.model_copy(update={"data_examples": None})
        return apply_choice(cleared, name, choice)
    return apply_choice(facts, name, choice)


def value_text(value: Any) -> str:
    """A fact value as a reading's text: enum codes, ``true``/``false``, numbers, labels."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, StrEnum):
        return value.value
    return str(value)


def readings_of(facts: Facts, names: tuple[FactName, ...], quote: str = "") -> list[Reading]:
    """Readings for facts that came without their own (e.g. from a model that cites no words)."""
    out: list[Reading] = []
    for name in names:
        value = facts.get(name)
        if value is None:
            continue
        if isinstance(value, frozenset):
            out.extend(Reading(fact=name, value=value_text(v), quote=quote) for v in sorted(value))
        else:
            out.append(
                Reading(fact=name, value=value_text(value)[:MAX_USE_CASE_CHARS], quote=quote)
            )
    return out


def with_choice_replacing(f: Facts, name: FactName, choice: str) -> Facts:
    """Like ``apply_choice`` but a goal answer replaces the goals instead of adding to them:
    the facts as they would be had the user picked ``choice`` (any ``FLIPPABLE`` one)."""
    if name not in FLIPPABLE or choice not in FLIPPABLE[name]:
        raise ValueError(f"unknown choice {choice!r} for {name}")
    if name is FactName.TOP_GOAL:
        f = f.model_copy(update={"goals": None, "top_goal": None})
    return _chosen(f, name, choice)
