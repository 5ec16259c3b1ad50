"""The naive Claude design the cost measurement compares against: the whole thread history and
the whole knowledge base (both languages) in every call, and no prompt caching."""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

from anthropic import AsyncAnthropic
from anthropic.types import TextBlockParam

from bot.core.facts import Lang
from bot.knowledge.base import KnowledgeBase
from bot.llm.claude import prompts as p
from bot.llm.claude.adapter import ClaudeLanguageModel
from bot.llm.claude.calls import ClaudeCalls


def transcript(turns: Iterable[tuple[str, str]]) -> str:
    """Every turn so far, user turns as escaped data."""
    out: list[str] = []
    for role, text in turns:
        if role == "user":
            out.append(p.user_message(text))
        else:
            out.append(f"<bot_message>\n{html.escape(text, quote=False)}\n</bot_message>")
    return "<conversation_so_far>\n" + "\n".join(out) + "\n</conversation_so_far>"


class NaiveCalls(ClaudeCalls):
    """One system block with everything in it and no cache breakpoint."""

    def system_blocks(self, lang: Lang) -> list[TextBlockParam]:
        everything = p.knowledge_text(self._kb.sections)
        return [{"type": "text", "text": f"{p.instructions()}\n\n{everything}"}]

    def _check_prefix(self, model: str, lang: Lang, with_tools: bool) -> None:
        """Nothing is cached, so there is no minimum to warn about."""


class NaiveClaudeLanguageModel(ClaudeLanguageModel):
    """Sends the conversation so far with every request; ``new_thread`` starts over."""

    _history: list[tuple[str, str]]

    def _make_calls(
        self,
        client: AsyncAnthropic,
        kb: KnowledgeBase,
        prices: dict[str, tuple[float, float, float, float]],
    ) -> ClaudeCalls:
        self._history = []
        return NaiveCalls(client, kb, prices)

    def new_thread(self) -> None:
        self._history.clear()

    def _user_content(self, request: str) -> list[Any]:
        content: list[Any] = []
        if self._history:
            content.append({"type": "text", "text": transcript(self._history)})
        return [*content, *super()._user_content(request)]

    def _remember(self, role: str, text: str) -> None:
        self._history.append((role, text))
