"""The Claude language layer: the ``LanguageModel`` port over the Anthropic Messages API.

Language jobs only. Extraction goes through a strict, forced tool (its schema generated from the
``Facts`` model) whose output is validated and can only set facts, each with the user's words it
came from (checked against the message); the deterministic engine makes every decision, and the
model never sees or writes an outcome except to explain the one the engine made. Any failure
(HTTP errors after the SDK's retries, timeouts, invalid output after one repair, ``max_tokens``,
``refusal``, a stream that breaks) raises :class:`ModelFailed` with what the call spent;
:class:`~bot.llm.fallback.FallbackLanguageModel` answers that call offline instead.

Cost: the static prefix (rules, task guides, the knowledge base in the user's language) is sent
first with a ``cache_control`` breakpoint at its end, so later calls read it from the cache; the
user's text and the per-call data come last.

Time: the client (:func:`~bot.llm.claude.client.claude_client`) times out after
``llm_timeout_seconds`` and the SDK retries 408/409/429/5xx up to ``llm_max_retries`` times,
honouring ``retry-after`` however long it is; so each job also runs under one deadline,
timeout x (retries + 1) + 8 s x retries.

Token budget: the port gives the adapter no view of a consultation, so the service decides when a
consultation has spent enough (see :func:`over_budget`) and switches to the offline layer.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

from anthropic import AsyncAnthropic
from anthropic.types import Message, MessageParam, TextBlockParam
from pydantic import ValidationError

from bot.core.decision import Decision
from bot.core.engine import facts_payload
from bot.core.facts import ASKABLE, FactName, Facts, Lang
from bot.core.ports import (
    Answer,
    CitedSentence,
    Extraction,
    Option,
    Passage,
    QuestionText,
    Rationale,
    TextSink,
)
from bot.core.state import Usage
from bot.knowledge.answer import NOT_COVERED
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.citations import Span, check
from bot.knowledge.figures import lacks_figure
from bot.llm.claude import prompts as p
from bot.llm.claude import schema
from bot.llm.claude.calls import ClaudeCalls
from bot.llm.claude.client import ClaudeConfig
from bot.llm.claude.wire import (
    Unusable,
    citation_id,
    log,
    repair_turn,
    search_result,
    sum_usage,
    tool_input,
)
from bot.llm.fallback import ModelFailed
from bot.llm.offline import OfflineLanguageModel
from bot.texts import texts

if TYPE_CHECKING:
    from bot.core.ports import LanguageModel

MAX_ANSWER_CHARS = 1200
MAX_REASONS = 6
MAX_SOURCES = 4


class ClaudeLanguageModel:
    """The ``LanguageModel`` port on Claude: the fast model for extraction, questions and side
    answers, the smart one for the card's rationale.

    ``offline`` supplies the question templates and buttons that a phrased question keeps.
    """

    def __init__(
        self,
        client: AsyncAnthropic,
        kb: KnowledgeBase,
        offline: OfflineLanguageModel,
        config: ClaudeConfig,
    ) -> None:
        self._deadline = config.deadline_seconds
        self._fast = config.fast_model
        self._smart = config.smart_model
        self._calls = self._make_calls(client, kb, config.prices)
        self._kb = kb
        self._kb_ids = self._calls.kb_ids
        # What the knowledge base talks about: a question mostly about something else is
        # declined before any call, as the offline layer declines it.
        self._offline = offline

    def _make_calls(
        self,
        client: AsyncAnthropic,
        kb: KnowledgeBase,
        prices: dict[str, tuple[float, float, float, float]],
    ) -> ClaudeCalls:
        return ClaudeCalls(client, kb, prices)

    async def aclose(self) -> None:
        await self._calls.aclose()

    def system_blocks(self, lang: Lang) -> list[TextBlockParam]:
        """The rules and guides, then the knowledge base; the breakpoint closes the prefix."""
        return self._calls.system_blocks(lang)

    def prefix_tokens(self, lang: Lang, with_tools: bool = True) -> int:
        """Estimated tokens of the cached prefix (tools, then system) for ``lang``."""
        return self._calls.prefix_tokens(lang, with_tools)

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
                reply = await self._calls.tool_call(
                    self._fast, lang, messages, p.EXTRACT_TOOL, spent
                )
                block = tool_input(reply, p.EXTRACT_TOOL)
                try:
                    payload = schema.ExtractPayload.model_validate(block.input)
                except ValidationError as err:
                    # One repair: the model sees what was wrong (field and rule, never values).
                    messages += repair_turn(block, err)
                    reply = await self._calls.tool_call(
                        self._fast, lang, messages, p.EXTRACT_TOOL, spent
                    )
                    payload = schema.ExtractPayload.model_validate(
                        tool_input(reply, p.EXTRACT_TOOL).input
                    )
        except Exception as err:  # any failure at all: the caller answers this call otherwise
            self._remember("user", text)
            raise ModelFailed("extract", sum_usage(spent)) from err
        self._remember("user", text)
        return payload.to_extraction(sum_usage(spent), text)

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
                reply = await self._calls.tool_call(
                    self._fast, lang, messages, p.PHRASE_TOOL, spent
                )
                payload = schema.PhrasePayload.model_validate(
                    tool_input(reply, p.PHRASE_TOOL).input
                )
            if set(payload.kb) - self._kb_ids:
                raise Unusable("unknown knowledge-base id")
            for line in (payload.text, payload.why):
                self._calls.check_text(line, lang)
        except Exception as err:
            self._remember("bot", offline.text)
            raise ModelFailed("phrase_question", sum_usage(spent)) from err
        self._remember("bot", payload.text)
        # Only the wording comes from the model; the fact and the buttons stay the planner's.
        return QuestionText(
            fact=fact,
            text=payload.text,
            why=payload.why,
            options=tuple(Option(choice=o.choice, label=o.label) for o in offline.options),
            kb=tuple(dict.fromkeys(payload.kb)) or template.kb,
            usage=sum_usage(spent),
        )

    async def answer(
        self,
        question: str,
        lang: Lang,
        passages: list[Passage],
        sink: TextSink | None = None,
    ) -> Answer:
        """Grounded in the sections the offline answer draws on: every sentence must cite one
        of them, and a sentence whose citations are all unverified is dropped. Nothing is shown
        before that check, so the answer reaches ``sink`` whole, once checked."""
        # The knowledge base's own choice of where the answer lives (the search, the section
        # model, the sentences that answer) decides what the model is sent: given more, a model
        # quotes whatever it is given, and a section beside the question gets cited. A question
        # the offline answer declines is declined here too, without spending a call.
        plan = await self._offline.answer(question, lang, passages)
        by_id = {x.id: x for x in passages if x.id in self._kb_ids}
        relevant = [by_id[c] for c in plan.citations if c in by_id][:MAX_SOURCES]
        if not plan.covered or not relevant:
            return Answer(text=NOT_COVERED[lang], covered=False)
        sources = [x.id for x in relevant]
        content = [search_result(x.id, x.title, x.text) for x in relevant]
        content += self._user_content(p.answer_request(question, lang, sources))
        spent: list[Usage] = []
        try:
            async with asyncio.timeout(self._deadline):
                reply = await self._calls.cited_call(self._fast, lang, content, "answer", spent)
            if reply.stop_reason != "end_turn":
                raise Unusable(str(reply.stop_reason))
            spans = _spans(reply, sources, self._kb_ids)
            if "".join(x.text for x in spans).strip().startswith(p.NOT_COVERED):
                # The model found nothing in the sections: say so, never guess.
                self._remember("bot", p.NOT_COVERED)
                return Answer(text=NOT_COVERED[lang], covered=False, usage=sum_usage(spent))
            checked = check(spans, frozenset(sources) & self._kb_ids)
            if checked.dropped_citations or checked.dropped_sentences:
                # Counts only: the sentences are the model's words about the user's question.
                log.warning(
                    "claude answer dropped %d citations and %d sentences",
                    checked.dropped_citations,
                    checked.dropped_sentences,
                )
            sentences = _fit(checked.sentences)
            if not sentences:
                raise Unusable("no verified sentence")
            if lacks_figure(question, (x.text for x in sentences)):
                # Asked for a figure the sections do not give: whatever was said instead is no
                # answer to it.
                self._remember("bot", p.NOT_COVERED)
                return Answer(text=NOT_COVERED[lang], covered=False, usage=sum_usage(spent))
            text = " ".join(x.text for x in sentences)
            self._calls.check_text(text, lang)
        except Exception as err:
            raise ModelFailed("answer", sum_usage(spent)) from err
        self._remember("bot", text)
        if sink is not None:
            with contextlib.suppress(Exception):
                await sink.write(text)
        return Answer(
            text=text,
            citations=tuple(dict.fromkeys(c for cs in checked.cited[: len(sentences)] for c in cs)),
            covered=True,
            sentences=sentences,
            usage=sum_usage(spent),
        )

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
        content = [search_result(s.id, s.title, s.text) for s in sections]
        content += self._user_content(request)
        spent: list[Usage] = []
        try:
            async with asyncio.timeout(self._deadline):
                reply = await self._calls.cited_call(self._smart, lang, content, "rationale", spent)
            text, cited = self._calls.cited_text(reply, [s.id for s in sections], "rationale")
            self._calls.check_text(text, lang)
        except Exception as err:
            raise ModelFailed("rationale", sum_usage(spent)) from err
        self._remember("bot", text)
        return Rationale(text=_clip(text), citations=cited, usage=sum_usage(spent))

    # -- hooks for a baseline that sends the whole thread -----------------------------------

    def _user_content(self, request: str) -> list[Any]:
        return [{"type": "text", "text": request}]

    def _remember(self, role: str, text: str) -> None:
        """Called with every turn's text; the production design keeps no thread history."""


def _spans(reply: Message, sources: Sequence[str], kb_ids: frozenset[str]) -> list[Span]:
    """The reply's text blocks with the sections their citations point at (the sections sent,
    known to the knowledge base) and how many point anywhere else."""
    spans: list[Span] = []
    for block in reply.content:
        if block.type != "text":
            continue
        cited: list[str] = []
        unknown = 0
        for c in block.citations or []:
            sid = citation_id(c, sources)
            if sid is not None and sid in kb_ids:
                cited.append(sid)
            else:
                unknown += 1
        spans.append(Span(block.text, tuple(cited), unknown))
    return spans


def _fit(sentences: Sequence[CitedSentence]) -> tuple[CitedSentence, ...]:
    """Whole sentences up to ``MAX_ANSWER_CHARS``; a first one that is longer is clipped."""
    out: list[CitedSentence] = []
    used = 0
    for x in sentences:
        if out and used + 1 + len(x.text) > MAX_ANSWER_CHARS:
            break
        out.append(x if out else x.model_copy(update={"text": _clip(x.text)}))
        used += len(out[-1].text) + (1 if len(out) > 1 else 0)
    return tuple(out)


def _clip(text: str) -> str:
    return text if len(text) <= MAX_ANSWER_CHARS else text[: MAX_ANSWER_CHARS - 1].rstrip() + "…"


if TYPE_CHECKING:
    _conforms: LanguageModel = cast(ClaudeLanguageModel, None)
