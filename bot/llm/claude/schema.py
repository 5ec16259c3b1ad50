"""Tool schemas for the Claude adapter and the validated shapes behind them.

The extraction tool's input schema is generated from the ``Facts`` model, so a new fact, a new
value or a changed length limit reaches the model without touching this file.
"""

from __future__ import annotations

import copy
import html
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from bot.core.facts import (
    MAX_QUOTE_CHARS,
    MAX_USE_CASE_CHARS,
    FactName,
    Facts,
    Reading,
    normalise,
    value_text,
)
from bot.core.ports import Extraction
from bot.core.state import Usage
from bot.llm.claude.prompts import (
    ASKED,
    EVIDENCE,
    EXTRACT_TOOL,
    FLAGS,
    MAX_EVIDENCE,
    MAX_QUESTION_CHARS,
    PHRASE_TOOL,
)

# Strict tool schemas take no numeric or length bounds, so a bound becomes words in the
# field's description (the validation below still enforces it).
_BOUND_WORDS = {
    "minimum": "at least {}",
    "maximum": "at most {}",
    "exclusiveMinimum": "more than {}",
    "exclusiveMaximum": "less than {}",
    "minLength": "at least {} characters",
    "maxLength": "at most {} characters",
    "minItems": "at least {} items",
    "maxItems": "at most {} items",
}
# Pydantic's bookkeeping that a tool schema has no use for.
_DROPPED = frozenset({"title", "default", "uniqueItems", "examples", "$defs"})


def strict_schema(model: type[BaseModel]) -> dict[str, Any]:
    """``model``'s JSON schema in the shape strict tool use accepts.

    References are inlined (the field's own description wins over its type's), optional
    fields lose their ``null`` branch (absent means unknown), bounds move into descriptions,
    and every object forbids other properties. The output depends only on the model, so the
    tools, and with them the cached prefix, are byte-for-byte the same on every request.
    """
    raw = model.model_json_schema()
    defs: dict[str, Any] = {}
    _collect_defs(raw, defs)
    return _strict(raw, defs)


def _collect_defs(node: Any, defs: dict[str, Any]) -> None:
    if isinstance(node, dict):
        defs.update(node.get("$defs") or {})
        for value in node.values():
            _collect_defs(value, defs)
    elif isinstance(node, list):
        for item in node:
            _collect_defs(item, defs)


def _strict(node: dict[str, Any], defs: Mapping[str, Any]) -> dict[str, Any]:
    node = dict(node)
    ref = node.pop("$ref", None)
    if ref is not None:
        node = {**defs[str(ref).rsplit("/", 1)[-1]], **node}
    branches = node.pop("anyOf", None)
    if branches is not None:
        kept = [b for b in branches if b != {"type": "null"}]
        if len(kept) != 1:
            raise ValueError("a tool field must have one type (optional is fine)")
        # The branch may itself be a reference; the field's own keys still win.
        return _strict({**kept[0], **node}, defs)
    out: dict[str, Any] = {}
    bounds: list[str] = []
    for key, value in node.items():
        if key in _DROPPED:
            continue
        if key in _BOUND_WORDS:
            bounds.append(_BOUND_WORDS[key].format(value))
        elif key == "properties":
            out[key] = {name: _strict(field, defs) for name, field in value.items()}
        elif key == "items" and isinstance(value, dict):
            out[key] = _strict(value, defs)
        else:
            out[key] = value
    if bounds:
        described = str(out.get("description", "")).rstrip(".")
        note = "; ".join(bounds)
        out["description"] = (
            f"{described} ({note})." if described else f"{note[:1].upper()}{note[1:]}."
        )
    if "properties" in out:
        out["additionalProperties"] = False
    return out


class Evidence(BaseModel):
    """One fact the model read, with the user's words it read it from."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    fact: FactName = Field(description="The field this evidence is for.")
    value: str = Field(
        description=(
            "The value as text: the enum code, one goal or language code, the count in "
            "digits, true or false, or the use case."
        )
    )
    # No length bound here: a long quote is clipped, not a reason to lose the reading.
    quote: str = Field(
        description=(
            "The user's exact words the value came from, copied verbatim from the message, "
            f"at most {MAX_QUOTE_CHARS} characters."
        )
    )
    unsure: bool = Field(
        description=(
            "True when the words are ambiguous or contradict something else the user said; "
            "such a fact is left out of its field and confirmed with the user."
        )
    )


class ExtractPayload(BaseModel):
    """The extraction tool's input, validated: it can only ever set facts and the three flags.

    The tool's fields are ``Facts``' fields plus the ones below; the fact fields arrive at the
    top level and are validated by ``Facts`` itself, so a new fact needs no change here.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    facts: Facts = Facts()
    side_question: bool = Field(
        default=False,
        description=(
            "True when the user asks the bot something, even when the same message also "
            "gives information."
        ),
    )
    skip: bool = Field(
        default=False,
        description="True when the user wants to skip the pending question.",
    )
    decide_now: bool = Field(
        default=False,
        description="True when the user wants the decision now, without more questions.",
    )
    question: str = Field(
        default="",
        description="When the message both informs and asks: the words that ask, copied "
        'exactly. Empty otherwise, or when they lean on the rest ("is that enough?").',
    )
    evidence: tuple[Evidence, ...] = Field(
        default=(),
        description="For every value set above, the user's words it came from (one item each).",
    )

    @model_validator(mode="before")
    @classmethod
    def _split(cls, data: Any) -> Any:
        if not isinstance(data, Mapping):
            return data
        own = {k: v for k, v in data.items() if k in (*FLAGS, ASKED, EVIDENCE)}
        rest = {k: v for k, v in data.items() if k not in own}
        return {**own, "facts": clean_facts(rest)}

    @field_validator(ASKED, mode="before")
    @classmethod
    def _short_question(cls, value: Any) -> Any:
        # A long "question" is no narrower than the message: look the message up instead.
        return "" if not isinstance(value, str) or len(value) > MAX_QUESTION_CHARS else value

    @field_validator(EVIDENCE, mode="before")
    @classmethod
    def _usable_evidence(cls, value: Any) -> Any:
        # One bad item costs that reading, never the whole extraction.
        if not isinstance(value, list | tuple):
            return value
        kept: list[Evidence] = []
        for item in value[:MAX_EVIDENCE]:
            try:
                kept.append(Evidence.model_validate(item))
            except ValidationError:
                continue
        return kept

    def to_extraction(self, usage: Usage, text: str) -> Extraction:
        """The extraction, with readings for the evidence that holds up against ``text``.

        Evidence whose value is not a valid value of its fact is dropped, a quote that is not
        in the user's message becomes empty, an unsure reading takes its fact out of the facts
        (the planner asks to confirm it), and a sure reading must match the fact it supports.
        """
        said = _folded(text)
        readings = [r for ev in self.evidence if (r := _reading(ev, said)) is not None]
        facts = normalise(self.facts)
        sure = {r.fact for r in readings if r.sure}
        for r in readings:
            if not r.sure:
                facts = _without(facts, r, sure)
        facts = normalise(facts)
        kept = [r for r in readings if not r.sure or _holds(facts, r)]
        # The asked words are looked up instead of the message only if they are the user's own.
        asked = self.side_question and facts.known() and _own_words(self.question, said)
        return Extraction(
            facts=facts,
            side_question=self.side_question,
            question=" ".join(self.question.split()) if asked else "",
            skip=self.skip,
            decide_now=self.decide_now,
            readings=tuple(dict.fromkeys(kept)),
            usage=usage,
        )


def extract_tool(facts_model: type[BaseModel] = Facts) -> dict[str, Any]:
    """The fact-extraction tool: the fact model's fields, the three flags and the evidence.

    Generated from the models, so a new fact (with its description) reaches the model
    without touching this code. A fresh copy each call; the generation itself is cached.
    """
    return copy.deepcopy(_extract_tool(facts_model))


@cache
def _extract_tool(facts_model: type[BaseModel]) -> dict[str, Any]:
    facts = strict_schema(facts_model)["properties"]
    own = {k: v for k, v in strict_schema(ExtractPayload)["properties"].items() if k != "facts"}
    return {
        "name": EXTRACT_TOOL,
        "description": (
            "Record the facts the user stated about their project, each with the words it "
            "came from. Never a verdict."
        ),
        "strict": True,
        "input_schema": {
            "type": "object",
            "properties": {**facts, **own},
            "required": list(own),
            "additionalProperties": False,
        },
    }


def phrase_tool(kb_ids: Iterable[str]) -> dict[str, Any]:
    return {
        "name": PHRASE_TOOL,
        "description": "The question to show the user, and one line on why it matters.",
        "strict": True,
        "input_schema": {
            "type": "object",
            "properties": {
                "text": {"type": "string", "description": "The question, at most 200 characters."},
                "why": {"type": "string", "description": "Why it matters, one sentence."},
                "kb": {
                    "type": "array",
                    "items": {"type": "string", "enum": sorted(kb_ids)},
                    "description": "Ids of the sections that support the why line.",
                },
            },
            "required": ["text", "why", "kb"],
            "additionalProperties": False,
        },
    }


def _language_code(value: Any) -> Any:
    if not isinstance(value, str):
        return value  # Facts rejects it with a proper error
    code = value.strip().lower()
    if code != "multi" and not (len(code) == 2 and code.isascii() and code.isalpha()):
        raise ValueError("languages must be ISO 639-1 codes or 'multi'")
    return code


def clean_facts(data: Mapping[str, Any]) -> dict[str, Any]:
    """Fact fields as the model sent them, tidied for ``Facts``: nulls and empty lists say
    nothing (unknown, not "none"), language codes are lower case, the use case is one line."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        if value is None or value == []:
            continue
        if key == FactName.LANGUAGES.value and isinstance(value, list):
            value = [_language_code(v) for v in value]
        if key == FactName.USE_CASE.value and isinstance(value, str):
            value = " ".join(value.split())
            if not value:
                continue
        out[key] = value
    return out


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def _quote(quote: str, said: str) -> str:
    """The quote if it is really the user's words (spacing and case aside), else ``""``."""
    for candidate in (quote, html.unescape(quote)):
        clipped = " ".join(candidate.split())[:MAX_QUOTE_CHARS].strip()
        if clipped and clipped.casefold() in said:
            return clipped
    return ""


def _own_words(text: str, said: str) -> bool:
    """Whether ``text`` is a span of the user's message (spacing and case aside)."""
    spans = {_folded(text), _folded(html.unescape(text))} - {""}
    return any(span in said for span in spans)


def _fact_value(fact: FactName, raw: str) -> Any:
    """``raw`` as a valid value of ``fact`` (one member, for a set-valued fact), or ``None``."""
    for candidate in (raw, [raw]):
        try:
            parsed = Facts.model_validate(clean_facts({fact.value: candidate}))
        except ValueError:  # pydantic's ValidationError included
            continue
        value = parsed.get(fact)
        if isinstance(value, frozenset):
            value = next(iter(value), None)
        if value is not None:
            return value
    return None


def _reading(ev: Evidence, said: str) -> Reading | None:
    value = _fact_value(ev.fact, ev.value)
    if value is None:
        return None
    return Reading(
        fact=ev.fact,
        value=value_text(value)[:MAX_USE_CASE_CHARS],
        quote=_quote(ev.quote, said),
        sure=not ev.unsure,
    )


def _holds(facts: Facts, r: Reading) -> bool:
    current = facts.get(r.fact)
    if isinstance(current, frozenset):
        return r.value in {value_text(v) for v in current}
    return current is not None and value_text(current) == r.value


_DATA = (FactName.DATA_AMOUNT, FactName.DATA_EXAMPLES)


def _without(facts: Facts, r: Reading, sure: set[FactName]) -> Facts:
    """``facts`` without what an unsure reading says."""
    current = facts.get(r.fact)
    if current is None:
        return facts
    update: dict[str, Any] = {r.fact.value: None}
    if isinstance(current, frozenset):
        rest = frozenset(v for v in current if value_text(v) != r.value)
        update[r.fact.value] = rest or None
    top = facts.top_goal
    if r.fact is FactName.GOALS and top is not None and value_text(top) == r.value:
        update[FactName.TOP_GOAL.value] = None
    if r.fact in _DATA:
        # A count and an amount describe the same data: doubt about one is doubt about both,
        # unless the other was read on its own.
        other = _DATA[1] if r.fact is _DATA[0] else _DATA[0]
        if other not in sure:
            update[other.value] = None
    return facts.model_copy(update=update)


class PhrasePayload(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str = Field(min_length=2, max_length=MAX_QUESTION_CHARS)
    why: str = Field(min_length=2, max_length=MAX_QUESTION_CHARS)
    kb: list[str] = Field(default_factory=list, max_length=4)

    @field_validator("text", "why")
    @classmethod
    def _one_paragraph(cls, value: str) -> str:
        return " ".join(value.split())
