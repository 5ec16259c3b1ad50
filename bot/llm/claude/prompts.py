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

from bot.core.facts import (
    MAX_QUOTE_CHARS,
    PLENTY_EXAMPLES,
    FactName,
    Lang,
)
from bot.knowledge.base import Section
from bot.texts import PROMPTS_DIR

CLAUDE_PROMPTS_DIR = PROMPTS_DIR / "claude"
# Each part of the prompt is a versioned file (``<part>.v<N>.md``); a new wording is a new file.
PROMPT_VERSIONS: dict[str, int] = {
    "system": 1,
    "extract": 4,
    "phrase": 1,
    "answer": 3,
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
ASKED = "question"
MAX_QUESTION_CHARS = 300
MAX_EVIDENCE = 32


def prompt_file(part: str) -> Path:
    return CLAUDE_PROMPTS_DIR / f"{part}.v{PROMPT_VERSIONS[part]}.md"


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


def answer_request(question: str, lang: Lang, sources: Iterable[str] = ()) -> str:
    """The question, and the ids of the search results its sentences may cite."""
    listed = ", ".join(sources)
    return f"{_head('answer', lang)}\n<sources>{listed}</sources>\n{user_message(question)}"


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
