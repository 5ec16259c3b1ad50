"""Wire helpers for the Claude adapter: reading replies, building blocks, passing streams on."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterable, Sequence
from typing import Any

from anthropic.types import (
    AssistantMessageParam,
    Message,
    MessageParam,
    ToolResultBlockParam,
    ToolUseBlock,
    ToolUseBlockParam,
    UserMessageParam,
)
from pydantic import ValidationError

from bot.core.ports import TextSink
from bot.core.state import Usage
from bot.llm.claude import prompts as p

# The whole Claude layer logs under the adapter's name, as it did before it was split in modules,
# so existing log filters and levels keep applying.
log = logging.getLogger("bot.llm.claude")


class Unusable(Exception):
    """The model answered, but not with something we can use (truncated, refused, off-shape)."""


def sum_usage(usages: Iterable[Usage]) -> Usage:
    total = Usage()
    for u in usages:
        total = total.plus(u)
    return total


def note_fallback(job: str, err: BaseException) -> None:
    # The type name only: exception text can carry user input or response bodies.
    log.warning("claude %s fell back to offline (%s)", job, type(err).__name__)


def tool_input(reply: Message, name: str) -> ToolUseBlock:
    """The forced tool call in ``reply``; anything else is unusable."""
    if reply.stop_reason != "tool_use":
        raise Unusable(str(reply.stop_reason))
    for block in reply.content:
        if block.type == "tool_use" and block.name == name:
            return block
    raise Unusable("no tool call")


def repair_turn(block: ToolUseBlock, err: ValidationError) -> list[MessageParam]:
    """The failed call and an error result naming each bad field and rule, never its value."""
    problems = "; ".join(
        f"{_field_path(e['loc'])}: {e['msg']}"
        for e in err.errors(include_url=False, include_input=False)
    )
    call: ToolUseBlockParam = {
        "type": "tool_use",
        "id": block.id,
        "name": block.name,
        "input": dict(block.input),
    }
    result: ToolResultBlockParam = {
        "type": "tool_result",
        "tool_use_id": block.id,
        "is_error": True,
        "content": f"Invalid input ({problems}). Call {block.name} again with valid values.",
    }
    assistant: AssistantMessageParam = {"role": "assistant", "content": [call]}
    user: UserMessageParam = {"role": "user", "content": [result]}
    return [assistant, user]


def _field_path(loc: tuple[int | str, ...]) -> str:
    # Fact fields sit at the top level of the tool's input, not under "facts" as validated.
    parts = [str(x) for x in loc]
    if parts[:1] == ["facts"]:
        parts = parts[1:]
    return ".".join(parts) or "input"


def search_result(section_id: str, title: str, text: str) -> dict[str, Any]:
    """A knowledge-base section as a citable search result, one text block per paragraph."""
    paragraphs = [x.strip() for x in text.split("\n\n") if x.strip()] or [text]
    return {
        "type": "search_result",
        "source": f"{p.SOURCE_PREFIX}{section_id}",
        "title": title,
        "content": [{"type": "text", "text": x} for x in paragraphs],
        "citations": {"enabled": True},
    }


def citation_id(citation: Any, sources: Sequence[str]) -> str | None:
    """The knowledge-base id a citation points at, if it points at one of our sources."""
    kind = getattr(citation, "type", None)
    if kind == "search_result_location":
        source = str(getattr(citation, "source", ""))
        if source.startswith(p.SOURCE_PREFIX):
            sid = source.removeprefix(p.SOURCE_PREFIX)
            return sid if sid in sources else None
        index = getattr(citation, "search_result_index", -1)
    elif kind == "char_location":
        index = getattr(citation, "document_index", -1)
    else:
        return None
    return sources[index] if isinstance(index, int) and 0 <= index < len(sources) else None


def leak_probes(instructions: str, width: int = 60) -> tuple[str, ...]:
    """Distinctive runs of the instructions; one of them in an output means the prompt leaked."""
    probes = []
    for line in instructions.splitlines():
        folded = " ".join(line.lstrip("-# ").split())
        if len(folded) >= width:
            probes.append(folded[:width])
    return tuple(probes)


class Forward:
    """Passes streamed text on to a sink once it is clearly a real answer.

    The first characters are held back: a reply that opens with the not-covered marker is
    never shown, and the caller replaces anything it later rejects. Sink errors are ignored.
    """

    HOLD = 24

    def __init__(self, sink: TextSink) -> None:
        self._sink: TextSink | None = sink
        self._held = ""
        self._open = False

    async def text(self, delta: str) -> None:
        if not self._open:
            self._held += delta
            if len(self._held) < self.HOLD:
                return
            if self._held.lstrip().startswith(p.NOT_COVERED):
                self._sink = None
            self._open = True
            delta, self._held = self._held, ""
        if self._sink is not None:
            with contextlib.suppress(Exception):
                await self._sink.write(delta)
