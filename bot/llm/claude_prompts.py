"""Prompt text and tool schemas for the Claude adapter.

The static part of every request (the rules, the task guides and the knowledge base) comes first
and never varies, so it can be cached; the per-request part goes last, as tagged data. User text
is always HTML-escaped inside ``<user_message>`` tags, so it cannot close the tag or pose as our
own markup.
"""

from __future__ import annotations

import copy
import html
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from bot.core.facts import (
    MAX_QUOTE_CHARS,
    MAX_USE_CASE_CHARS,
    PLENTY_EXAMPLES,
    FactName,
    Facts,
    Lang,
    Reading,
    normalise,
    value_text,
)
from bot.core.ports import Extraction
from bot.core.state import Usage
from bot.knowledge.base import Section

PROMPTS_DIR = Path(__file__).resolve().parents[2] / "prompts" / "claude"
# Each part of the prompt is a versioned file (``<part>.v<N>.md``); a new wording is a new file.
PROMPT_VERSIONS: dict[str, int] = {
    "system": 1,
    "extract": 2,
    "phrase": 1,
    "answer": 1,
    "rationale": 1,
}
TASKS = ("extract", "phrase", "answer", "rationale")
# Figures the guides quote come from the code, so the prompt and the validation cannot disagree.
PROMPT_CONSTANTS: dict[str, str] = {
    "{max_quote_chars}": str(MAX_QUOTE_CHARS),
    "{plenty_examples}": f"{PLENTY_EXAMPLES:,}",
}
LANGUAGE_NAMES: dict[Lang, str] = {"ko": "Korean", "en": "English"}

EXTRACT_TOOL = "extract_facts"
PHRASE_TOOL = "phrase_question"
NOT_COVERED = "NOT_COVERED"
SOURCE_PREFIX = "kb:"
FLAGS = ("side_question", "skip", "decide_now")
EVIDENCE = "evidence"
MAX_QUESTION_CHARS = 300
MAX_EVIDENCE = 32


def prompt_file(part: str) -> Path:
    return PROMPTS_DIR / f"{part}.v{PROMPT_VERSIONS[part]}.md"


@cache
def instructions() -> str:
    """The rules and every task guide: the first, static part of the system prompt."""
    parts = [prompt_file(part).read_text(encoding="utf-8").strip() for part in ("system", *TASKS)]
    text = "\n\n".join(parts)
    for placeholder, value in PROMPT_CONSTANTS.items():
        text = text.replace(placeholder, value)
    return text


def knowledge_text(sections: Iterable[Section]) -> str:
    """Knowledge-base sections as tagged text, in a stable order (so the prefix is cacheable)."""
    out: list[str] = []
    for s in sorted(sections, key=lambda s: (s.lang, s.id)):
        title = html.escape(s.title, quote=True)
        out.append(f'<section id="{s.id}" lang="{s.lang}" title="{title}">\n{s.text}\n</section>')
    langs = ", ".join(sorted({LANGUAGE_NAMES[s.lang] for s in sections}))
    return f"## Knowledge base ({langs})\n\n" + "\n\n".join(out)


def user_message(text: str) -> str:
    """User text as data: escaped, so it cannot close the tag or open one of ours."""
    return f"<user_message>\n{html.escape(text, quote=False)}\n</user_message>"


def _head(task: str, lang: Lang) -> str:
    return f"<task>{task}</task>\n<language>{LANGUAGE_NAMES[lang]}</language>"


def extract_request(text: str, lang: Lang, pending: FactName | None, question: str | None) -> str:
    parts = [_head(EXTRACT_TOOL, lang)]
    if pending is not None:
        asked = html.escape(question or pending.value, quote=False)
        parts.append(f'<pending_question fact="{pending.value}">{asked}</pending_question>')
    parts.append(user_message(text))
    return "\n".join(parts)


def phrase_request(
    fact: FactName,
    lang: Lang,
    reference: str,
    options: Iterable[str],
    known: Mapping[str, Any],
) -> str:
    listed = "; ".join(options)
    facts = "; ".join(f"{k}={_plain(v)}" for k, v in known.items()) or "nothing yet"
    return "\n".join(
        (
            _head(PHRASE_TOOL, lang),
            f'<question fact="{fact.value}" lang="{lang}"/>',
            f"<reference>{html.escape(reference, quote=False)}</reference>",
            f"<options>{html.escape(listed, quote=False)}</options>",
            f"<known>{html.escape(facts, quote=False)}</known>",
        )
    )


def answer_request(question: str, lang: Lang) -> str:
    return f"{_head('answer', lang)}\n{user_message(question)}"


def rationale_request(lang: Lang, outcome: str, label: str, reasons: Iterable[str]) -> str:
    lines = "\n".join(f"- {r}" for r in reasons)
    return "\n".join(
        (
            _head("rationale", lang),
            f'<decision outcome="{outcome}">{html.escape(label, quote=False)}</decision>',
            f"<engine_reasons>\n{lines}\n</engine_reasons>",
        )
    )


def _plain(value: Any) -> str:
    if isinstance(value, list | tuple | set | frozenset):
        return ",".join(str(v) for v in value)
    return str(value).lower() if isinstance(value, bool) else str(value)


def transcript(turns: Iterable[tuple[str, str]]) -> str:
    """The naive baseline's thread history: every turn so far, user turns as escaped data."""
    out: list[str] = []
    for role, text in turns:
        if role == "user":
            out.append(user_message(text))
        else:
            out.append(f"<bot_message>\n{html.escape(text, quote=False)}\n</bot_message>")
    return "<conversation_so_far>\n" + "\n".join(out) + "\n</conversation_so_far>"


# ---------------------------------------------------------------------------------------------
# Tool schemas and the validated shapes behind them

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
        description="True when the user asks a question instead of giving information.",
    )
    skip: bool = Field(
        default=False,
        description="True when the user wants to skip the pending question.",
    )
    decide_now: bool = Field(
        default=False,
        description="True when the user wants the decision now, without more questions.",
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
        own = {k: v for k, v in data.items() if k in (*FLAGS, EVIDENCE)}
        rest = {k: v for k, v in data.items() if k not in own}
        return {**own, "facts": clean_facts(rest)}

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
        return Extraction(
            facts=facts,
            side_question=self.side_question,
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
