"""The Claude language layer: the ``LanguageModel`` port over the Anthropic Messages API.

Language jobs only. Extraction goes through a strict, forced tool (its schema generated from the
``Facts`` model) whose output is validated and can only set facts, each with the user's words it
came from (checked against the message); the deterministic engine makes every decision, and the
model never sees or writes an outcome except to explain the one the engine made. Any failure
(HTTP errors after the SDK's retries, timeouts, invalid output after one repair, ``max_tokens``,
``refusal``, a stream that breaks) falls back to the offline layer for that call, marked
``fallback=True``.

Cost: the static prefix (rules, task guides, the knowledge base in the user's language) is sent
first with a ``cache_control`` breakpoint at its end, so later calls read it from the cache; the
user's text and the per-call data come last.

Time: the client's timeout is ``llm_timeout_seconds`` (the SDK's default is ten minutes) and the
SDK retries 408/409/429/5xx up to ``llm_max_retries`` times, honouring ``retry-after`` however long
it is; so each job also runs under one deadline, timeout x (retries + 1) + 8 s x retries.

Token budget: the port gives the adapter no view of a consultation, so the service decides when a
consultation has spent enough (see :func:`over_budget`) and switches to the offline layer.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, cast

from anthropic import AsyncAnthropic, DefaultAioHttpClient, Timeout
from anthropic.types import (
    AssistantMessageParam,
    Message,
    MessageParam,
    TextBlockParam,
    ToolChoiceToolParam,
    ToolParam,
    ToolResultBlockParam,
    ToolUseBlock,
    ToolUseBlockParam,
    UserMessageParam,
)
from anthropic.types import Usage as ApiUsage
from pydantic import ValidationError

from bot.core.engine import Decision, facts_payload
from bot.core.facts import ASKABLE, FactName, Facts, Lang
from bot.core.language import detect_language
from bot.core.ports import (
    Answer,
    Extraction,
    Option,
    Passage,
    QuestionText,
    Rationale,
    TextSink,
)
from bot.core.state import Usage
from bot.knowledge.base import KnowledgeBase
from bot.llm import claude_prompts as p
from bot.llm import claude_schema as schema
from bot.llm.offline import MIN_SCORE, OfflineLanguageModel
from bot.settings import Settings
from bot.texts import texts

if TYPE_CHECKING:
    from bot.core.ports import LanguageModel

log = logging.getLogger(__name__)

# Minimum cacheable prompt length (tokens) by model family, from Anthropic's prompt-caching docs;
# a shorter prefix is simply not cached. First substring match wins.
MIN_CACHEABLE_TOKENS: tuple[tuple[str, int], ...] = (
    ("haiku-4", 4096),
    ("opus-4-5", 4096),
    ("opus-4-6", 4096),
    ("haiku", 2048),
    ("sonnet", 1024),
    ("opus", 1024),
)
# The SDK's longest backoff between retries; the per-call deadline leaves room for it.
_MAX_RETRY_WAIT = 8.0
# Extraction quotes the user's words for every fact, so it needs the most room.
_MAX_TOKENS = {"extract": 1000, "phrase": 300, "answer": 500, "rationale": 500}
MAX_ANSWER_CHARS = 1200
MAX_REASONS = 6
MAX_SOURCES = 4


def over_budget(usage: Usage, budget: int) -> bool:
    """Whether a consultation has spent its token budget (``budget <= 0``: no limit).

    Uncached input, cache writes and output count in full; cache reads count a tenth, as they
    are billed at about a tenth of the input price.
    """
    if budget <= 0:
        return False
    spent = (
        usage.input_tokens
        + usage.cache_write_tokens
        + usage.output_tokens
        + usage.cache_read_tokens // 10
    )
    return spent >= budget


def min_cacheable_tokens(model: str) -> int:
    return next((n for key, n in MIN_CACHEABLE_TOKENS if key in model), 1024)


def estimate_tokens(text: str) -> int:
    """A rough count (4 ASCII or 1.5 other characters per token), only to check cacheability."""
    ascii_chars = sum(1 for ch in text if ord(ch) < 128)
    return math.ceil(ascii_chars / 4 + (len(text) - ascii_chars) / 1.5)


def cost_usd(
    model: str, usage: Usage, prices: dict[str, tuple[float, float, float, float]]
) -> float:
    """USD for ``usage`` at ``prices[model]`` (in, out, cache write, cache read per MTok)."""
    price = prices.get(model)
    if price is None:
        return 0.0
    p_in, p_out, p_write, p_read = price
    total = (
        usage.input_tokens * p_in
        + usage.output_tokens * p_out
        + usage.cache_write_tokens * p_write
        + usage.cache_read_tokens * p_read
    )
    return round(total / 1_000_000, 6)


class _Unusable(Exception):
    """The model answered, but not with something we can use (truncated, refused, off-shape)."""


class ClaudeLanguageModel:
    """The ``LanguageModel`` port on Claude: the fast model for extraction, questions and side
    answers, the smart one for the card's rationale.

    ``naive=True`` is the cost baseline only: the whole thread history and the whole knowledge
    base (both languages) in every call, and no cache breakpoints.
    """

    def __init__(
        self,
        settings: Settings,
        kb: KnowledgeBase,
        *,
        naive: bool = False,
        client: AsyncAnthropic | None = None,
        offline: OfflineLanguageModel | None = None,
        deadline_seconds: float | None = None,
    ) -> None:
        if client is None and settings.anthropic_api_key is None:
            raise ValueError("ClaudeLanguageModel needs ANTHROPIC_API_KEY")
        timeout = settings.llm_timeout_seconds
        retries = settings.llm_max_retries
        self._client = client or AsyncAnthropic(
            api_key=settings.anthropic_api_key.get_secret_value()
            if settings.anthropic_api_key
            else None,
            # Given explicitly so the SDK never falls back to reading the environment itself.
            base_url=settings.anthropic_base_url or "https://api.anthropic.com",
            # The SDK's default is ten minutes; a chat turn cannot wait that long.
            timeout=Timeout(timeout, connect=min(timeout, 5.0)),
            max_retries=retries,
            # aiohttp's pool stays cheap with hundreds of calls in flight; httpx's default pool
            # scans every waiting request against every connection on each change.
            http_client=DefaultAioHttpClient(),
            # No OpenTelemetry SDK is set up here (metrics go to Prometheus), so spans would be
            # no-ops whose attributes the SDK still reads out of every request.
            open_telemetry=False,
        )
        # Bounds a whole job (retries, retry-after waits and streams that trickle) in one number.
        self._deadline = deadline_seconds or timeout * (retries + 1) + _MAX_RETRY_WAIT * retries
        self._fast = settings.llm_fast_model
        self._smart = settings.llm_smart_model
        self._prices = dict(settings.llm_prices)
        self._kb = kb
        self._kb_ids = frozenset(kb.ids())
        self._offline = offline or OfflineLanguageModel()
        self._naive = naive
        self._history: list[tuple[str, str]] = []
        self._tools: list[ToolParam] = [
            cast(ToolParam, schema.extract_tool()),
            cast(ToolParam, schema.phrase_tool(self._kb_ids)),
        ]
        self._checked_prefix: set[tuple[str, Lang, bool]] = set()
        self._unpriced: set[str] = set()
        self._leak_probes = _leak_probes(p.instructions())

    async def aclose(self) -> None:
        await self._client.close()

    def new_thread(self) -> None:
        """Naive baseline only: forget the thread history (a new consultation starts)."""
        self._history.clear()

    # -- the static prefix ----------------------------------------------------------------------

    def system_blocks(self, lang: Lang) -> list[TextBlockParam]:
        """The rules and guides, then the knowledge base; the breakpoint closes the prefix."""
        if self._naive:
            everything = p.knowledge_text(self._kb.sections)
            return [{"type": "text", "text": f"{p.instructions()}\n\n{everything}"}]
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
        if self._naive or (model, lang, with_tools) in self._checked_prefix:
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

    def _user_content(self, request: str) -> list[Any]:
        content: list[Any] = []
        if self._naive and self._history:
            content.append({"type": "text", "text": p.transcript(self._history)})
        content.append({"type": "text", "text": request})
        return content

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

    async def _tool_call(
        self, model: str, lang: Lang, messages: list[MessageParam], tool: str
    ) -> Message:
        self._check_prefix(model, lang, with_tools=True)
        choice: ToolChoiceToolParam = {
            "type": "tool",
            "name": tool,
            "disable_parallel_tool_use": True,
        }
        return await self._client.messages.create(
            model=model,
            max_tokens=_MAX_TOKENS["extract" if tool == p.EXTRACT_TOOL else "phrase"],
            system=self.system_blocks(lang),
            tools=self._tools,
            tool_choice=choice,
            messages=messages,
        )

    async def _cited_call(
        self,
        model: str,
        lang: Lang,
        content: list[Any],
        job: str,
        spent: list[Usage],
        forward: _Forward | None = None,
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

    # -- the port -------------------------------------------------------------------------------

    async def extract(self, text: str, lang: Lang, pending: FactName | None) -> Extraction:
        spent: list[Usage] = []
        question = None
        if pending is not None and pending in ASKABLE:
            question = self._offline.templates(lang).questions[pending].text
        request = p.extract_request(text, lang, pending, question)
        messages: list[MessageParam] = [{"role": "user", "content": self._user_content(request)}]
        try:
            async with asyncio.timeout(self._deadline):
                reply = await self._tool_call(self._fast, lang, messages, p.EXTRACT_TOOL)
                spent.append(self._usage(self._fast, reply.usage))
                block = _tool_input(reply, p.EXTRACT_TOOL)
                try:
                    payload = schema.ExtractPayload.model_validate(block.input)
                except ValidationError as err:
                    # One repair: the model sees what was wrong (field and rule, never values).
                    messages += _repair_turn(block, err)
                    reply = await self._tool_call(self._fast, lang, messages, p.EXTRACT_TOOL)
                    spent.append(self._usage(self._fast, reply.usage))
                    payload = schema.ExtractPayload.model_validate(
                        _tool_input(reply, p.EXTRACT_TOOL).input
                    )
        except Exception as err:  # any failure at all: this turn runs offline
            _note_fallback("extract", err)
            offline = await self._offline.extract(text, lang, pending)
            self._remember("user", text)
            return offline.model_copy(update={"usage": _sum(spent), "fallback": True})
        self._remember("user", text)
        return payload.to_extraction(_sum(spent), text)

    async def phrase_question(self, fact: FactName, lang: Lang, facts: Facts) -> QuestionText:
        offline = await self._offline.phrase_question(fact, lang, facts)
        template = self._offline.templates(lang).questions[fact]
        known = {k: v for k, v in facts_payload(facts).items() if k != "use_case"}
        request = p.phrase_request(
            fact, lang, template.text, [o.label for o in offline.options], known
        )
        messages: list[MessageParam] = [{"role": "user", "content": self._user_content(request)}]
        spent: list[Usage] = []
        try:
            async with asyncio.timeout(self._deadline):
                reply = await self._tool_call(self._fast, lang, messages, p.PHRASE_TOOL)
                spent.append(self._usage(self._fast, reply.usage))
                payload = schema.PhrasePayload.model_validate(
                    _tool_input(reply, p.PHRASE_TOOL).input
                )
            if set(payload.kb) - self._kb_ids:
                raise _Unusable("unknown knowledge-base id")
            for line in (payload.text, payload.why):
                self._check_text(line, lang)
        except Exception as err:
            _note_fallback("phrase_question", err)
            self._remember("bot", offline.text)
            return offline.model_copy(update={"usage": _sum(spent), "fallback": True})
        self._remember("bot", payload.text)
        # Only the wording comes from the model; the fact and the buttons stay the planner's.
        return QuestionText(
            fact=fact,
            text=payload.text,
            why=payload.why,
            options=tuple(Option(choice=o.choice, label=o.label) for o in offline.options),
            kb=tuple(dict.fromkeys(payload.kb)) or template.kb,
            usage=_sum(spent),
        )

    async def answer(
        self,
        question: str,
        lang: Lang,
        passages: list[Passage],
        sink: TextSink | None = None,
    ) -> Answer:
        relevant = [x for x in passages if x.score >= MIN_SCORE and x.id in self._kb_ids][
            :MAX_SOURCES
        ]
        if not relevant:
            # Nothing to ground an answer in: say so without spending a call.
            return Answer(text=self._offline.templates(lang).not_covered, covered=False)
        sources = [x.id for x in relevant]
        content = [_search_result(x.id, x.title, x.text) for x in relevant]
        content += self._user_content(p.answer_request(question, lang))
        spent: list[Usage] = []
        try:
            async with asyncio.timeout(self._deadline):
                reply = await self._cited_call(
                    self._fast, lang, content, "answer", spent, _Forward(sink) if sink else None
                )
            text, cited = self._cited_text(reply, sources, "answer")
            if text.strip().startswith(p.NOT_COVERED) or not cited:
                # No grounded answer: say the knowledge base doesn't cover it, never guess.
                self._remember("bot", p.NOT_COVERED)
                return Answer(
                    text=self._offline.templates(lang).not_covered,
                    covered=False,
                    usage=_sum(spent),
                )
            self._check_text(text, lang)
        except Exception as err:
            _note_fallback("answer", err)
            offline = await self._offline.answer(question, lang, passages)
            return offline.model_copy(update={"usage": _sum(spent), "fallback": True})
        self._remember("bot", text)
        return Answer(text=_clip(text), citations=cited, covered=True, usage=_sum(spent))

    async def rationale(self, decision: Decision, facts: Facts, lang: Lang) -> Rationale | None:
        t = texts(lang)
        reasons = decision.reasons[:MAX_REASONS]
        lines = [f"{t.get(r.key)} [kb: {', '.join(r.kb)}]" for r in reasons]
        ids = [i for i in dict.fromkeys(k for r in reasons for k in r.kb) if i in self._kb_ids]
        sections = [s for i in ids[:MAX_SOURCES] if (s := self._kb.get(i, lang)) is not None]
        if not sections:
            return None
        request = p.rationale_request(
            lang, decision.outcome.value, t.get(f"outcome.{decision.outcome.value}"), lines
        )
        content = [_search_result(s.id, s.title, s.text) for s in sections]
        content += self._user_content(request)
        spent: list[Usage] = []
        try:
            async with asyncio.timeout(self._deadline):
                reply = await self._cited_call(self._smart, lang, content, "rationale", spent)
            text, cited = self._cited_text(reply, [s.id for s in sections], "rationale")
            self._check_text(text, lang)
        except Exception as err:
            _note_fallback("rationale", err)
            # The card keeps its template reasons; the empty rationale only carries the cost.
            return Rationale(text="", usage=_sum(spent), fallback=True)
        self._remember("bot", text)
        return Rationale(text=_clip(text), citations=cited, usage=_sum(spent))

    # -- checks ---------------------------------------------------------------------------------

    def _cited_text(
        self, reply: Message, sources: Sequence[str], job: str
    ) -> tuple[str, tuple[str, ...]]:
        """The reply's text and the knowledge-base ids it cites; unknown citations are dropped."""
        if reply.stop_reason != "end_turn":
            raise _Unusable(str(reply.stop_reason))
        parts: list[str] = []
        cited: list[str] = []
        dropped = 0
        for block in reply.content:
            if block.type != "text":
                continue
            parts.append(block.text)
            for c in block.citations or []:
                sid = _citation_id(c, sources)
                if sid is not None and sid in self._kb_ids:
                    cited.append(sid)
                else:
                    dropped += 1
        if dropped:
            log.warning("claude %s dropped %d citations to unknown sources", job, dropped)
        text = "".join(parts).strip()
        if not text:
            raise _Unusable("empty")
        return text, tuple(dict.fromkeys(cited))

    def _check_text(self, text: str, lang: Lang) -> None:
        if detect_language(text, default=lang) != lang:
            raise _Unusable("wrong language")
        folded = " ".join(text.split())
        if any(probe in folded for probe in self._leak_probes):
            # The model quoted its instructions; nothing of it reaches the user.
            raise _Unusable("prompt leak")

    def _remember(self, role: str, text: str) -> None:
        if self._naive:
            self._history.append((role, text))


# ---------------------------------------------------------------------------------------------
# Helpers


def _sum(usages: Iterable[Usage]) -> Usage:
    total = Usage()
    for u in usages:
        total = total.plus(u)
    return total


def _note_fallback(job: str, err: BaseException) -> None:
    # The type name only: exception text can carry user input or response bodies.
    log.warning("claude %s fell back to offline (%s)", job, type(err).__name__)


def _tool_input(reply: Message, name: str) -> ToolUseBlock:
    if reply.stop_reason != "tool_use":
        raise _Unusable(str(reply.stop_reason))
    for block in reply.content:
        if block.type == "tool_use" and block.name == name:
            return block
    raise _Unusable("no tool call")


def _repair_turn(block: ToolUseBlock, err: ValidationError) -> list[MessageParam]:
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


def _search_result(section_id: str, title: str, text: str) -> dict[str, Any]:
    """A knowledge-base section as a citable search result, one text block per paragraph."""
    paragraphs = [x.strip() for x in text.split("\n\n") if x.strip()] or [text]
    return {
        "type": "search_result",
        "source": f"{p.SOURCE_PREFIX}{section_id}",
        "title": title,
        "content": [{"type": "text", "text": x} for x in paragraphs],
        "citations": {"enabled": True},
    }


def _citation_id(citation: Any, sources: Sequence[str]) -> str | None:
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


def _clip(text: str) -> str:
    return text if len(text) <= MAX_ANSWER_CHARS else text[: MAX_ANSWER_CHARS - 1].rstrip() + "…"


def _leak_probes(instructions: str, width: int = 60) -> tuple[str, ...]:
    """Distinctive runs of the instructions; one of them in an output means the prompt leaked."""
    probes = []
    for line in instructions.splitlines():
        folded = " ".join(line.lstrip("-# ").split())
        if len(folded) >= width:
            probes.append(folded[:width])
    return tuple(probes)


if TYPE_CHECKING:
    _conforms: LanguageModel = cast(ClaudeLanguageModel, None)


class _Forward:
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
