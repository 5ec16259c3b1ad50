"""Prompt text and tool schemas for the Claude adapter.

The static part of every request (the rules, the task guides and the knowledge base) comes first
and never varies, so it can be cached; the per-request part goes last, as tagged data. User text
is always HTML-escaped inside ``<user_message>`` tags, so it cannot close the tag or pose as our
own markup.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from bot.core.facts import (
    ChangeRate,
    DataAmount,
    DocsChange,
    FactName,
    Facts,
    Goal,
    Lang,
    PromptingStatus,
    Quality,
    Urgency,
    Volume,
    normalise,
)
from bot.core.ports import Extraction
from bot.core.state import Usage
from bot.knowledge.base import Section

PROMPT_VERSION = 1
PROMPTS_DIR = Path(__file__).resolve().parents[2] / "prompts" / "claude"
TASKS = ("extract", "phrase", "answer", "rationale")
LANGUAGE_NAMES: dict[Lang, str] = {"ko": "Korean", "en": "English"}

EXTRACT_TOOL = "extract_facts"
PHRASE_TOOL = "phrase_question"
NOT_COVERED = "NOT_COVERED"
SOURCE_PREFIX = "kb:"
FLAGS = ("side_question", "skip", "decide_now")
MAX_USE_CASE_CHARS = 120
MAX_QUESTION_CHARS = 300


@cache
def instructions(version: int = PROMPT_VERSION) -> str:
    """The rules and every task guide: the first, static part of the system prompt."""
    parts = [(PROMPTS_DIR / f"system.v{version}.md").read_text(encoding="utf-8").strip()]
    parts += [
        (PROMPTS_DIR / f"{task}.v{version}.md").read_text(encoding="utf-8").strip()
        for task in TASKS
    ]
    return "\n\n".join(parts)


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


def _enum(values: Iterable[str], description: str) -> dict[str, Any]:
    return {"type": "string", "enum": list(values), "description": description}


def _values(kind: Iterable[Any]) -> list[str]:
    return [member.value for member in kind]


def extract_tool() -> dict[str, Any]:
    """The fact-extraction tool; its properties mirror ``Facts`` plus the three flags.

    Strict tool use takes no numeric or length bounds in the schema, so those live in the
    descriptions and in :class:`ExtractPayload`, which validates every call.
    """
    props: dict[str, Any] = {
        "goals": {
            "type": "array",
            "items": {"type": "string", "enum": _values(Goal)},
            "description": "What the user says matters.",
        },
        "top_goal": _enum(_values(Goal), "The goal the user ranks first."),
        "change_rate": _enum(_values(ChangeRate), "How often the use case itself changes."),
        "urgency": _enum(_values(Urgency), "fast: first results needed within a week or two."),
        "data_amount": _enum(_values(DataAmount), "Labelled examples; plenty = 1,000 or more."),
        "data_quality": _enum(_values(Quality), "high: reviewed and clean; low: noisy or mixed."),
        "data_examples": {"type": "integer", "description": "Number of labelled examples (>= 0)."},
        "volume": _enum(_values(Volume), "high: the same kind of request repeats at volume."),
        "prompting": _enum(_values(PromptingStatus), "How far prompting alone has got them."),
        "docs_change": _enum(_values(DocsChange), "Must answers reflect documents; how often."),
        "eval_set": {"type": "boolean", "description": "They have an evaluation set."},
        "cost_tracked": {"type": "boolean", "description": "They measure cost and latency."},
        "languages": {
            "type": "array",
            "items": {"type": "string"},
            "description": 'ISO 639-1 codes of the languages served, or "multi".',
        },
        "use_case": {"type": "string", "description": "What they build, at most 60 characters."},
        "side_question": {"type": "boolean", "description": "The user asks a question."},
        "skip": {"type": "boolean", "description": "The user skips the pending question."},
        "decide_now": {"type": "boolean", "description": "The user wants the decision now."},
    }
    return {
        "name": EXTRACT_TOOL,
        "description": "Record the facts the user stated about their project. Never a verdict.",
        "strict": True,
        "input_schema": {
            "type": "object",
            "properties": props,
            "required": list(FLAGS),
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


def _language_code(value: str) -> str:
    code = value.strip().lower()
    if code != "multi" and not (len(code) == 2 and code.isascii() and code.isalpha()):
        raise ValueError("languages must be ISO 639-1 codes or 'multi'")
    return code


class ExtractPayload(BaseModel):
    """The extraction tool's input, validated: it can only ever set facts and the three flags."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    goals: list[Goal] | None = None
    top_goal: Goal | None = None
    change_rate: ChangeRate | None = None
    urgency: Urgency | None = None
    data_amount: DataAmount | None = None
    data_quality: Quality | None = None
    data_examples: int | None = Field(default=None, ge=0, le=1_000_000_000)
    volume: Volume | None = None
    prompting: PromptingStatus | None = None
    docs_change: DocsChange | None = None
    eval_set: bool | None = None
    cost_tracked: bool | None = None
    languages: list[str] | None = Field(default=None, max_length=12)
    use_case: str | None = Field(default=None, max_length=MAX_USE_CASE_CHARS)
    side_question: bool = False
    skip: bool = False
    decide_now: bool = False

    @field_validator("languages")
    @classmethod
    def _codes(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else [_language_code(v) for v in value]

    @field_validator("use_case")
    @classmethod
    def _use_case(cls, value: str | None) -> str | None:
        value = " ".join(value.split()) if value is not None else None
        return value or None

    def to_extraction(self, usage: Usage) -> Extraction:
        data = self.model_dump(exclude=set(FLAGS), exclude_none=True)
        # An empty list says nothing: it stays unknown rather than "no goals".
        data = {k: v for k, v in data.items() if v != []}
        facts = normalise(Facts.model_validate(data))
        return Extraction(
            facts=facts,
            side_question=self.side_question,
            skip=self.skip,
            decide_now=self.decide_now,
            usage=usage,
        )


class PhrasePayload(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str = Field(min_length=2, max_length=MAX_QUESTION_CHARS)
    why: str = Field(min_length=2, max_length=MAX_QUESTION_CHARS)
    kb: list[str] = Field(default_factory=list, max_length=4)

    @field_validator("text", "why")
    @classmethod
    def _one_paragraph(cls, value: str) -> str:
        return " ".join(value.split())
