"""The Messages API calls behind the Claude adapter: the cached static prefix, the two call
skeletons (a forced tool call, a streamed reply over citable search results), the price of each
call, and the checks on the text that comes back.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, cast

from anthropic import AsyncAnthropic
from anthropic.types import (
    Message,
    MessageParam,
    TextBlockParam,
    ToolChoiceToolParam,
    ToolParam,
)
from anthropic.types import Usage as ApiUsage

from bot.core.facts import Lang
from bot.core.language import detect_language
from bot.core.state import Usage
from bot.knowledge.base import KnowledgeBase
from bot.llm.claude import prompts as p
from bot.llm.claude import schema
from bot.llm.claude.pricing import cost_usd, estimate_tokens, min_cacheable_tokens
from bot.llm.claude.wire import Forward, Unusable, citation_id, leak_probes, log

# Extraction quotes the user's words for every fact, so it needs the most room.
_MAX_TOKENS = {"extract": 1000, "phrase": 300, "answer": 500, "rationale": 500}


class ClaudeCalls:
    """Sends one job's request on the static prefix and prices and reads what comes back."""

    def __init__(
        self,
        client: AsyncAnthropic,
        kb: KnowledgeBase,
        prices: dict[str, tuple[float, float, float, float]],
    ) -> None:
        self._client = client
        self._kb = kb
        self.kb_ids = frozenset(kb.ids())
        self._prices = prices
        self._tools: list[ToolParam] = [
            cast(ToolParam, schema.extract_tool()),
            cast(ToolParam, schema.phrase_tool(self.kb_ids)),
        ]
        self._checked_prefix: set[tuple[str, Lang, bool]] = set()
        self._unpriced: set[str] = set()
        self._leak_probes = leak_probes(p.instructions())

    async def aclose(self) -> None:
        await self._client.close()

    # -- the static prefix ----------------------------------------------------------------------

    def system_blocks(self, lang: Lang) -> list[TextBlockParam]:
        """The rules and guides, then the knowledge base; the breakpoint closes the prefix."""
        sections = [s for s in self._kb.sections if s.lang == lang]
        return [
            {"type": "text", "text": p.instructions()},
            {
                "type": "text",
                "text": p.knowledge_text(sections),
                "cache_control": {"type": "ephemeral"},
            },
        ]

    def prefix_tokens(self, lang: Lang, with_tools: bool = True) -> int:
        """Estimated tokens of the cached prefix (tools, then system) for ``lang``."""
        text = "".join(b["text"] for b in self.system_blocks(lang))
        if with_tools:
            text += "".join(json.dumps(t, ensure_ascii=False) for t in self._tools)
        return estimate_tokens(text)

    def _check_prefix(self, model: str, lang: Lang, with_tools: bool) -> None:
        if (model, lang, with_tools) in self._checked_prefix:
            return
        self._checked_prefix.add((model, lang, with_tools))
        tokens, minimum = self.prefix_tokens(lang, with_tools), min_cacheable_tokens(model)
        if tokens < minimum:
            # Still correct, just dearer: the API ignores a breakpoint on a too-short prefix.
            log.info(
                "claude prefix for %s/%s is ~%d tokens, under the %d-token caching minimum",
                model,
                lang,
                tokens,
                minimum,
            )

    # -- calls ----------------------------------------------------------------------------------

    def _usage(self, model: str, u: ApiUsage | None) -> Usage:
        if u is None:
            return Usage()
        if model not in self._prices and model not in self._unpriced:
            self._unpriced.add(model)
            log.warning("claude model %s has no price in llm_prices; its cost counts as 0", model)
        usage = Usage(
            calls=1,
            input_tokens=u.input_tokens,
            output_tokens=u.output_tokens,
            cache_read_tokens=u.cache_read_input_tokens or 0,
            cache_write_tokens=u.cache_creation_input_tokens or 0,
        )
        return usage.model_copy(update={"cost_usd": cost_usd(model, usage, self._prices)})

    async def tool_call(
        self,
        model: str,
        lang: Lang,
        messages: list[MessageParam],
        tool: str,
        spent: list[Usage],
    ) -> Message:
        """Forces one call of ``tool``; the reply's usage, priced, goes to ``spent``."""
        self._check_prefix(model, lang, with_tools=True)
        choice: ToolChoiceToolParam = {
            "type": "tool",
            "name": tool,
            "disable_parallel_tool_use": True,
        }
        reply = await self._client.messages.create(
            model=model,
            max_tokens=_MAX_TOKENS["extract" if tool == p.EXTRACT_TOOL else "phrase"],
            system=self.system_blocks(lang),
            tools=self._tools,
            tool_choice=choice,
            messages=messages,
        )
        spent.append(self._usage(model, reply.usage))
        return reply

    async def cited_call(
        self,
        model: str,
        lang: Lang,
        content: list[Any],
        job: str,
        spent: list[Usage],
        forward: Forward | None = None,
    ) -> Message:
        """Streams a reply over citable search results; no tools, no output format here."""
        self._check_prefix(model, lang, with_tools=False)
        messages: list[MessageParam] = [{"role": "user", "content": content}]
        async with self._client.messages.stream(
            model=model,
            max_tokens=_MAX_TOKENS[job],
            system=self.system_blocks(lang),
            messages=messages,
        ) as stream:
            started: ApiUsage | None = None
            try:
                # Text deltas arrive here; a streaming surface can forward them as they come.
                async for event in stream:
                    if event.type == "message_start":
                        started = event.message.usage
                    elif (
                        forward is not None
                        and event.type == "content_block_delta"
                        and event.delta.type == "text_delta"
                    ):
                        await forward.text(event.delta.text)
                final = await stream.get_final_message()
            except BaseException:
                # A stream that broke after it started was still billed for its input.
                spent.append(self._usage(model, started))
                raise
        spent.append(self._usage(model, final.usage))
        return final

    # -- checks ---------------------------------------------------------------------------------

    def cited_text(
        self, reply: Message, sources: Sequence[str], job: str
    ) -> tuple[str, tuple[str, ...]]:
        """The reply's text and the knowledge-base ids it cites; unknown citations are dropped."""
        if reply.stop_reason != "end_turn":
            raise Unusable(str(reply.stop_reason))
        parts: list[str] = []
        cited: list[str] = []
        dropped = 0
        for block in reply.content:
            if block.type != "text":
                continue
            parts.append(block.text)
            for c in block.citations or []:
                sid = citation_id(c, sources)
                if sid is not None and sid in self.kb_ids:
                    cited.append(sid)
                else:
                    dropped += 1
        if dropped:
            log.warning("claude %s dropped %d citations to unknown sources", job, dropped)
        text = "".join(parts).strip()
        if not text:
            raise Unusable("empty")
        return text, tuple(dict.fromkeys(cited))

    def check_text(self, text: str, lang: Lang) -> None:
        """Rejects text in the wrong language or quoting the instructions."""
        if detect_language(text, default=lang) != lang:
            raise Unusable("wrong language")
        folded = " ".join(text.split())
        if any(probe in folded for probe in self._leak_probes):
            # The model quoted its instructions; nothing of it reaches the user.
            raise Unusable("prompt leak")
