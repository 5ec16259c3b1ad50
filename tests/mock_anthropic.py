"""A local mock of the Anthropic Messages API that speaks its wire format.

The real ``anthropic`` SDK talks to it over HTTP on 127.0.0.1: pass ``base_url=mock.url`` (or set
``ANTHROPIC_BASE_URL``) and it posts to ``<url>/v1/messages`` exactly as it would to the API.

Two ways to run it::

    async with MockAnthropic() as mock:         # on the test's own event loop
        client = AsyncAnthropic(api_key="test", base_url=mock.url)

    mock = MockAnthropic()
    url = mock.start_in_thread()                 # own loop in a background thread, e.g. for a
    try:                                         # subprocess that reads ANTHROPIC_BASE_URL
        ...
    finally:
        mock.stop()

What it does, like the API:

* ``POST /v1/messages`` answers with a ``message`` JSON object, or with server-sent events when the
  body says ``"stream": true`` (``message_start``, ``ping``, ``content_block_start``,
  ``content_block_delta`` with ``text_delta`` / ``input_json_delta`` / ``citations_delta``,
  ``content_block_stop``, ``message_delta``, ``message_stop``); errors use the API's
  ``{"type": "error", "error": {"type", "message"}}`` body;
* needs ``Authorization: Bearer <key>`` or ``x-api-key`` (401 ``authentication_error`` otherwise)
  and rejects a request that enables citations together with a structured output format (400),
  as the API does;
* records every request (:attr:`MockAnthropic.requests`: body and headers);
* counts tokens **approximately**: :func:`estimate_tokens` (4 ASCII characters or 1.5 other
  characters, such as Hangul, per token), over every string in a block; no real tokenizer;
* simulates prompt caching: each ``cache_control`` breakpoint (on tools, system blocks or message
  blocks; a top-level ``cache_control`` marks the last block) closes a prefix; a prefix of at least
  the model's minimum cacheable length is written on first sight
  (``cache_creation_input_tokens``) and read on later identical prefixes
  (``cache_read_input_tokens``) until its TTL (5 min, or 1 h) lapses; ``input_tokens`` counts only
  the rest. The minimums follow Anthropic's prompt-caching docs (see :data:`MIN_CACHE_TOKENS`);
* plays scripted faults per request (:meth:`MockAnthropic.fail_next`).

The "brain" that writes the content is pluggable (:attr:`MockAnthropic.handler`,
:meth:`MockAnthropic.reply_next`, or a custom :class:`DefaultBrain`). The default brain is **not a
language model**: for a request that forces the ``extract_facts`` tool it runs the project's
offline rules (:func:`bot.llm.extract_rules.extract_facts`) over the text it finds between
``<user_message>`` tags (HTML-unescaped; the pending question comes from a
``<pending_question fact="...">`` tag) and returns those facts in the tool's schema, so a
consultation against the mock reaches exactly the decisions the offline layer reaches. Questions
are phrased with the offline templates; side answers and rationales quote and cite the
``search_result`` / ``document`` blocks the request provides.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import functools
import hashlib
import html
import itertools
import json
import math
import re
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Final

from aiohttp import web

from bot.core.facts import FactName
from bot.llm.extract_rules import extract_facts
from bot.llm.offline import OfflineLanguageModel
from tests.loopback import ThreadedServer

API_KEY: Final = "test"

#: Fault kinds for :meth:`MockAnthropic.fail_next`.
FAULT_KINDS: Final = frozenset(
    {"429", "529", "500", "stall", "midstream_error", "max_tokens", "refusal"}
)

#: Minimum cacheable prompt length by model family, from Anthropic's prompt-caching docs
#: (Opus 4.5/4.6 and Haiku 4.5: 4096; Sonnet 4.x and Opus 4/4.1: 1024; Haiku 3/3.5: 2048).
#: Matched by substring, first match wins; anything else gets :data:`DEFAULT_MIN_CACHE_TOKENS`.
MIN_CACHE_TOKENS: Final[tuple[tuple[str, int], ...]] = (
    ("haiku-4", 4096),
    ("opus-4-5", 4096),
    ("opus-4-6", 4096),
    ("haiku", 2048),
    ("sonnet", 1024),
    ("opus", 1024),
)
DEFAULT_MIN_CACHE_TOKENS: Final = 1024
MAX_BREAKPOINTS: Final = 4
TTL_SECONDS: Final = {"5m": 300.0, "1h": 3600.0}

EXTRACT_TOOL: Final = "extract_facts"
PHRASE_TOOL: Final = "phrase_question"
NOT_COVERED: Final = "NOT_COVERED"

_USER_MESSAGE = re.compile(r"<user_message>\n?(.*?)\n?</user_message>", re.DOTALL)
_PENDING = re.compile(r'<pending_question fact="([a-z_]+)"')
_QUESTION = re.compile(r'<question fact="([a-z_]+)" lang="(ko|en)"')
_REASONS = re.compile(r"<engine_reasons>\n?(.*?)</engine_reasons>", re.DOTALL)
_REASON_LINE = re.compile(r"^-\s*(.+?)\s*\[kb:\s*([^\]]*)\]\s*$")
_SENTENCE_END = re.compile(r"(?<=[.!?。])\s+")


@functools.lru_cache(maxsize=4096)  # the same long prefix comes back on every request
def estimate_tokens(text: str) -> int:
    """Rough token count: 4 ASCII characters, or 1.5 other characters (Hangul...), per token."""
    if not text:
        return 0
    ascii_chars = sum(1 for ch in text if ord(ch) < 128)
    return math.ceil(ascii_chars / 4 + (len(text) - ascii_chars) / 1.5)


def _strings(node: Any) -> Iterator[str]:
    """Every string (and number) in a block, leaving out type tags and cache markers."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, bool | int | float):
        yield str(node)
    elif isinstance(node, Mapping):
        for key, value in node.items():
            if key not in ("type", "cache_control"):
                yield from _strings(value)
    elif isinstance(node, list | tuple):
        for item in node:
            yield from _strings(item)


def block_tokens(block: Any) -> int:
    return estimate_tokens(" ".join(_strings(block)))


def min_cache_tokens(model: str, table: Mapping[str, int] | None = None) -> int:
    if table:
        for key, value in table.items():
            if key in model:
                return value
    for key, value in MIN_CACHE_TOKENS:
        if key in model:
            return value
    return DEFAULT_MIN_CACHE_TOKENS


# ---------------------------------------------------------------------------------------------
# Requests, replies, faults


@dataclass
class Recorded:
    """One request as received, and the message it was answered with (``None`` for errors)."""

    body: dict[str, Any]
    headers: dict[str, str]
    at: float
    response: dict[str, Any] | None = None

    @property
    def stream(self) -> bool:
        return bool(self.body.get("stream"))

    @property
    def model(self) -> str:
        return str(self.body.get("model", ""))

    def texts(self) -> list[str]:
        """All text of the request: system blocks and every text in every message block."""
        out: list[str] = []
        system = self.body.get("system")
        if isinstance(system, str):
            out.append(system)
        elif isinstance(system, list):
            out += [b.get("text", "") for b in system if isinstance(b, dict)]
        for message in self.body.get("messages", []):
            out += list(_strings(message.get("content")))
        return out


@dataclass
class Reply:
    """What the brain says: content blocks as the API returns them, and why it stopped."""

    content: list[dict[str, Any]]
    stop_reason: str = "end_turn"
    stop_details: dict[str, Any] | None = None


@dataclass
class Fault:
    kind: str
    seconds: float = 5.0
    retry_after: float = 1.0


Handler = Callable[[dict[str, Any]], Reply | None]


# ---------------------------------------------------------------------------------------------
# The default brain


def _user_texts(body: Mapping[str, Any]) -> list[str]:
    out: list[str] = []
    for message in body.get("messages", []):
        if message.get("role") != "user":
            continue
        content = message.get("content")
        if isinstance(content, str):
            out.append(content)
        elif isinstance(content, list):
            out += [b["text"] for b in content if isinstance(b, dict) and b.get("type") == "text"]
    return out


def _forced_tool(body: Mapping[str, Any]) -> dict[str, Any] | None:
    choice = body.get("tool_choice") or {}
    tools = [t for t in body.get("tools") or [] if isinstance(t, dict)]
    if choice.get("type") == "tool":
        return next((t for t in tools if t.get("name") == choice.get("name")), None)
    if choice.get("type") == "any" and len(tools) == 1:
        return tools[0]
    return None


@dataclass
class Source:
    """A citable block of the request: a ``search_result`` or a ``document``."""

    kind: str  # "search_result" | "document"
    index: int  # among blocks of its kind, in request order
    source: str
    title: str
    blocks: list[str]


def _sources(body: Mapping[str, Any]) -> list[Source]:
    found: list[Source] = []
    counters = {"search_result": 0, "document": 0}
    for message in body.get("messages", []):
        content = message.get("content")
        if not isinstance(content, list):
            continue
        for block in content:
            kind = block.get("type") if isinstance(block, dict) else None
            if kind not in counters:
                continue
            index = counters[kind]
            counters[kind] += 1
            if not (block.get("citations") or {}).get("enabled"):
                continue
            if kind == "search_result":
                texts = [b.get("text", "") for b in block.get("content", [])]
                found.append(
                    Source(kind, index, block.get("source", ""), block.get("title", ""), texts)
                )
            else:
                src = block.get("source") or {}
                data = src.get("data", "") if src.get("type") == "text" else ""
                found.append(Source(kind, index, "", block.get("title", ""), [data]))
    return found


def _first_sentence(text: str) -> str:
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return _SENTENCE_END.split(line)[0].lstrip("-*# ").strip() or line


def _citation(src: Source, sentence: str) -> dict[str, Any]:
    if src.kind == "search_result":
        return {
            "type": "search_result_location",
            "cited_text": src.blocks[0] if src.blocks else "",
            "source": src.source,
            "title": src.title,
            "search_result_index": src.index,
            "start_block_index": 0,
            "end_block_index": 1,
        }
    doc = src.blocks[0] if src.blocks else ""
    start = max(0, doc.find(sentence))
    return {
        "type": "char_location",
        "cited_text": doc[start : start + len(sentence)],
        "document_index": src.index,
        "document_title": src.title,
        "start_char_index": start,
        "end_char_index": start + len(sentence),
    }


class DefaultBrain:
    """Rule-based stand-ins for the model's jobs (see the module docstring); no language model."""

    def __init__(self) -> None:
        self._offline = OfflineLanguageModel()

    def __call__(self, body: dict[str, Any]) -> Reply:
        tool = _forced_tool(body)
        if tool is not None and tool.get("name") == EXTRACT_TOOL:
            return self.extract(body, tool)
        if tool is not None and tool.get("name") == PHRASE_TOOL:
            return self.phrase(body, tool)
        if tool is not None:
            return _tool_reply(tool, {})
        sources = _sources(body)
        if sources:
            text = "\n".join(_user_texts(body))
            if _REASONS.search(text):
                return self.rationale(text, sources)
            return self.answer(sources)
        return Reply([{"type": "text", "text": "OK"}])

    def extract(self, body: Mapping[str, Any], tool: Mapping[str, Any]) -> Reply:
        texts = _user_texts(body)
        joined = "\n".join(texts)
        found = _USER_MESSAGE.findall(joined)
        user_text = html.unescape(found[-1]) if found else ""
        pending_match = _PENDING.findall(joined)
        pending = FactName(pending_match[-1]) if pending_match else None
        ex = extract_facts(user_text, pending)
        values: dict[str, Any] = ex.facts.model_dump(mode="json", exclude_none=True)
        values |= {"side_question": ex.side_question, "skip": ex.skip, "decide_now": ex.decide_now}
        allowed = (tool.get("input_schema") or {}).get("properties") or {}
        # Only what the tool's schema has room for, in the schema's own order.
        tool_input = {k: values[k] for k in allowed if k in values}
        return _tool_reply(tool, tool_input)

    def phrase(self, body: Mapping[str, Any], tool: Mapping[str, Any]) -> Reply:
        found = _QUESTION.findall("\n".join(_user_texts(body)))
        if not found:
            return _tool_reply(tool, {"text": "?", "why": "?", "kb": []})
        fact, lang = FactName(found[-1][0]), found[-1][1]
        template = self._offline.templates("ko" if lang == "ko" else "en").questions[fact]
        schema = (tool.get("input_schema") or {}).get("properties") or {}
        allowed = set(((schema.get("kb") or {}).get("items") or {}).get("enum") or template.kb)
        kb = [k for k in template.kb if k in allowed]
        return _tool_reply(tool, {"text": template.text, "why": template.why, "kb": kb})

    def answer(self, sources: list[Source]) -> Reply:
        blocks: list[dict[str, Any]] = []
        for src in sources[:2]:
            sentence = _first_sentence(src.blocks[0] if src.blocks else "")
            if sentence:
                blocks.append(
                    {"type": "text", "text": sentence, "citations": [_citation(src, sentence)]}
                )
        for block in blocks[:-1]:
            block["text"] += " "  # as the API does: the spacing lives inside the blocks
        return Reply(blocks or [{"type": "text", "text": NOT_COVERED}])

    def rationale(self, text: str, sources: list[Source]) -> Reply:
        match = _REASONS.search(text)
        lines = match.group(1).splitlines() if match else []
        by_source = {s.source: s for s in sources}
        blocks: list[dict[str, Any]] = []
        for line in lines:
            m = _REASON_LINE.match(line.strip())
            if not m:
                continue
            sentence, ids = m.group(1), [i.strip() for i in m.group(2).split(",") if i.strip()]
            src = next((by_source[f"kb:{i}"] for i in ids if f"kb:{i}" in by_source), None)
            block: dict[str, Any] = {"type": "text", "text": sentence}
            if src is not None:
                block["citations"] = [_citation(src, sentence)]
            blocks.append(block)
            if len(blocks) == 4:
                break
        # Separate blocks read as one paragraph only with a space between them.
        for block in blocks[1:]:
            block["text"] = " " + block["text"]
        return Reply(blocks or [{"type": "text", "text": "OK"}])


def _tool_reply(tool: Mapping[str, Any], tool_input: dict[str, Any]) -> Reply:
    return Reply(
        [{"type": "tool_use", "id": "", "name": tool.get("name", ""), "input": tool_input}],
        stop_reason="tool_use",
    )


# ---------------------------------------------------------------------------------------------
# Prompt caching


@dataclass
class _Breakpoint:
    key: str
    tokens: int
    ttl: float


@dataclass
class _Segment:
    block: Any
    role: str  # "" for tools and system blocks
    marked: bool
    ttl: str


def _segments(body: Mapping[str, Any]) -> list[_Segment]:
    """The prefix blocks in cache order: tools, system, then every message's blocks."""
    out: list[_Segment] = []

    def add(block: Any, role: str = "") -> None:
        cc = block.get("cache_control") if isinstance(block, dict) else None
        out.append(_Segment(block, role, bool(cc), (cc or {}).get("ttl", "5m")))

    for tool in body.get("tools") or []:
        add(tool)
    system = body.get("system")
    if isinstance(system, str):
        add({"type": "text", "text": system})
    elif isinstance(system, list):
        for block in system:
            add(block)
    for message in body.get("messages") or []:
        content = message.get("content")
        blocks = [{"type": "text", "text": content}] if isinstance(content, str) else content or []
        for block in blocks:
            add(block, str(message.get("role", "")))
    top = body.get("cache_control")
    if top and out:
        out[-1].marked, out[-1].ttl = True, top.get("ttl", "5m")
    return out


def _canonical(block: Any) -> str:
    def strip(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: strip(v) for k, v in node.items() if k != "cache_control"}
        if isinstance(node, list):
            return [strip(v) for v in node]
        return node

    return json.dumps(strip(block), sort_keys=True, ensure_ascii=False)


# ---------------------------------------------------------------------------------------------
# The server


class MockAnthropic(ThreadedServer):
    """The Messages API on 127.0.0.1; see the module docstring."""

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        api_key: str | None = API_KEY,
        brain: Handler | None = None,
        min_cache_tokens: Mapping[str, int] | None = None,
        chunk_chars: int = 24,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._host = host
        self._want_port = port
        self._port: int | None = None
        self.api_key = api_key
        self.brain: Handler = brain or DefaultBrain()
        #: Consulted before the brain; return ``None`` to let the brain answer.
        self.handler: Handler | None = None
        self.min_cache_tokens = dict(min_cache_tokens or {})
        self.chunk_chars = chunk_chars
        self.clock = clock
        self._lock = threading.RLock()
        self._requests: list[Recorded] = []
        self._faults: deque[Fault] = deque()
        self._replies: deque[Reply] = deque()
        self._cache: dict[str, float] = {}  # prefix key -> expiry
        self._ids = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self._closing: asyncio.Event | None = None
        self._thread: threading.Thread | None = None
        self._thread_loop: asyncio.AbstractEventLoop | None = None

    # -- lifecycle ------------------------------------------------------------------------------

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("MockAnthropic is not running")
        return self._port

    @property
    def url(self) -> str:
        """The base URL for the SDK: ``http://127.0.0.1:<port>`` (it adds ``/v1/messages``)."""
        return f"http://{self._host}:{self.port}"

    async def start(self) -> str:
        if self._runner is not None:
            raise RuntimeError("MockAnthropic is already running")
        app = web.Application(client_max_size=32 * 1024 * 1024)
        app.router.add_post("/v1/messages", self._handle)
        runner = web.AppRunner(
            app, access_log=None, handler_cancellation=True, shutdown_timeout=0.5
        )
        await runner.setup()
        site = web.TCPSite(runner, self._host, self._want_port)
        await site.start()
        self._runner = runner
        self._closing = asyncio.Event()
        self._port = int(runner.addresses[0][1])
        return self.url

    async def aclose(self) -> None:
        runner, self._runner = self._runner, None
        if self._closing is not None:
            self._closing.set()  # ends any stall at once
        if runner is not None:
            await runner.cleanup()

    # -- scripting ------------------------------------------------------------------------------

    @property
    def requests(self) -> list[Recorded]:
        with self._lock:
            return list(self._requests)

    def clear(self) -> None:
        """Forget recorded requests (the cache stays)."""
        with self._lock:
            self._requests.clear()

    def reset_cache(self) -> None:
        with self._lock:
            self._cache.clear()

    def fail_next(
        self, kind: str, count: int = 1, *, seconds: float = 5.0, retry_after: float = 1.0
    ) -> None:
        """Play ``kind`` on the next ``count`` requests.

        ``"429"`` (with ``retry-after: <retry_after>``), ``"529"``, ``"500"``: the API's error
        bodies. ``"stall"``: hold the request ``seconds`` before answering normally.
        ``"midstream_error"``: on the next *streaming* request, an ``event: error`` after a few
        deltas (non-streaming requests leave it queued). ``"max_tokens"``: the normal reply cut
        in half (text or tool input), ``stop_reason: "max_tokens"``. ``"refusal"``: no content,
        ``stop_reason: "refusal"``.
        """
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault {kind!r}; expected one of {sorted(FAULT_KINDS)}")
        with self._lock:
            self._faults.extend(Fault(kind, seconds, retry_after) for _ in range(count))

    def reply_next(self, *replies: Reply) -> None:
        """Answer the next requests with these replies, in order, before the brain is asked."""
        with self._lock:
            self._replies.extend(replies)

    # -- handling -------------------------------------------------------------------------------

    def _next_fault(self, stream: bool) -> Fault | None:
        with self._lock:
            for i, fault in enumerate(self._faults):
                if fault.kind == "midstream_error" and not stream:
                    continue
                del self._faults[i]
                return fault
        return None

    def _reply_for(self, body: dict[str, Any]) -> Reply:
        with self._lock:
            queued = self._replies.popleft() if self._replies else None
        if queued is not None:
            return copy.deepcopy(queued)
        if self.handler is not None:
            handled = self.handler(body)
            if handled is not None:
                return handled
        return self.brain(body)

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        raw = await request.read()
        try:
            body = json.loads(raw)
        except ValueError:
            return _error(400, "invalid_request_error", "The request body is not valid JSON.")
        if not isinstance(body, dict):
            return _error(400, "invalid_request_error", "The request body must be an object.")
        recorded = Recorded(body, dict(request.headers), self.clock())
        with self._lock:
            self._requests.append(recorded)
        auth = request.headers.get("Authorization", "")
        key = auth.removeprefix("Bearer ") if auth.startswith("Bearer ") else None
        key = key or request.headers.get("x-api-key")
        if not key or (self.api_key is not None and key != self.api_key):
            return _error(401, "authentication_error", "invalid x-api-key")
        problem = _validate(body)
        if problem:
            return _error(400, "invalid_request_error", problem)
        stream = bool(body.get("stream"))
        fault = self._next_fault(stream)
        if fault is not None:
            if fault.kind == "429":
                return _error(
                    429,
                    "rate_limit_error",
                    "Number of request tokens has exceeded your per-minute rate limit.",
                    {"retry-after": _num(fault.retry_after)},
                )
            if fault.kind == "529":
                return _error(529, "overloaded_error", "Overloaded")
            if fault.kind == "500":
                return _error(500, "api_error", "Internal server error")
            if fault.kind == "stall":
                assert self._closing is not None
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._closing.wait(), fault.seconds)
        reply = self._reply_for(body)
        kind = fault.kind if fault is not None else None
        limit = int(body.get("max_tokens", 0))
        if kind == "refusal":
            reply = Reply(
                [],
                stop_reason="refusal",
                stop_details={"type": "refusal", "category": None, "explanation": None},
            )
        elif kind == "max_tokens" or _output_tokens(reply.content) > limit:
            reply = _truncate(reply, limit, halve=kind == "max_tokens")
        message, partials = self._message(body, reply)
        recorded.response = copy.deepcopy(message)
        if not stream:
            return web.json_response(message, headers={"request-id": _request_id(message)})
        return await self._stream(request, message, partials, fail=kind == "midstream_error")

    def _message(
        self, body: Mapping[str, Any], reply: Reply
    ) -> tuple[dict[str, Any], dict[int, str]]:
        """The message object, and the cut-off tool-input JSON a truncated stream would send."""
        n = next(self._ids)
        content = copy.deepcopy(reply.content)
        partials: dict[int, str] = {}
        for i, block in enumerate(content):
            if "_partial_json" in block:
                partials[i] = block.pop("_partial_json")
            if block.get("type") == "tool_use" and not block.get("id"):
                block["id"] = f"toolu_mock_{n:06d}_{i}"
        usage = self._usage(body)
        usage["output_tokens"] = _output_tokens(content)
        if reply.stop_reason == "max_tokens":
            usage["output_tokens"] = max(1, min(usage["output_tokens"], int(body["max_tokens"])))
        return {
            "id": f"msg_mock_{n:06d}",
            "type": "message",
            "role": "assistant",
            "model": body.get("model"),
            "content": content,
            "stop_reason": reply.stop_reason,
            "stop_sequence": None,
            "stop_details": reply.stop_details,
            "usage": usage,
        }, partials

    def _usage(self, body: Mapping[str, Any]) -> dict[str, Any]:
        """Input tokens split into cache reads, cache writes and the uncached rest."""
        model = str(body.get("model", ""))
        minimum = min_cache_tokens(model, self.min_cache_tokens)
        digest = hashlib.sha256(model.encode())
        total = 0
        points: list[_Breakpoint] = []
        for seg in _segments(body):
            digest.update(f"{seg.role}:{_canonical(seg.block)}".encode())
            total += block_tokens(seg.block)
            if seg.marked:
                ttl = TTL_SECONDS.get(seg.ttl, 300.0)
                points.append(_Breakpoint(digest.hexdigest(), total, ttl))
        now = self.clock()
        read = written = 0
        with self._lock:
            hit = -1
            for i in range(len(points) - 1, -1, -1):
                expiry = self._cache.get(points[i].key)
                if expiry is not None and expiry > now:
                    hit, read = i, points[i].tokens
                    self._cache[points[i].key] = now + points[i].ttl  # a hit refreshes the TTL
                    break
            for point in points[hit + 1 :]:
                if point.tokens >= minimum:
                    self._cache[point.key] = now + point.ttl
                    written = point.tokens - read
        return {
            "input_tokens": total - read - written,
            "cache_creation_input_tokens": written,
            "cache_read_input_tokens": read,
            "output_tokens": 0,
        }

    async def _stream(
        self,
        request: web.Request,
        message: dict[str, Any],
        partials: dict[int, str],
        *,
        fail: bool,
    ) -> web.StreamResponse:
        response = web.StreamResponse(
            headers={
                "Content-Type": "text/event-stream; charset=utf-8",
                "Cache-Control": "no-cache",
                "request-id": _request_id(message),
            }
        )
        await response.prepare(request)
        for event, data in self._events(message, partials, fail=fail):
            payload = json.dumps(data, ensure_ascii=False)
            await response.write(f"event: {event}\ndata: {payload}\n\n".encode())
        await response.write_eof()
        return response

    def _events(
        self, message: dict[str, Any], partials: dict[int, str], *, fail: bool
    ) -> Iterator[tuple[str, Any]]:
        usage = message["usage"]
        start = {**message, "content": [], "stop_reason": None, "stop_details": None}
        start["usage"] = {**usage, "output_tokens": 1}
        yield "message_start", {"type": "message_start", "message": start}
        yield "ping", {"type": "ping"}
        deltas = 0
        for index, block in enumerate(message["content"]):
            kind = block.get("type")
            if kind == "tool_use":
                first = {**block, "input": {}}
                pieces = [
                    {"type": "input_json_delta", "partial_json": p}
                    for p in self._chunks(partials.get(index) or _json(block["input"]))
                ]
            elif kind == "text":
                first = {"type": "text", "text": ""}
                if block.get("citations"):
                    first["citations"] = []
                pieces = [
                    {"type": "citations_delta", "citation": c} for c in block.get("citations") or []
                ]
                pieces += [{"type": "text_delta", "text": t} for t in self._chunks(block["text"])]
            else:
                first, pieces = block, []
            yield (
                "content_block_start",
                {"type": "content_block_start", "index": index, "content_block": first},
            )
            for delta in pieces:
                yield (
                    "content_block_delta",
                    {"type": "content_block_delta", "index": index, "delta": delta},
                )
                deltas += 1
                if fail and deltas >= 2:
                    yield "error", _error_body("overloaded_error", "Overloaded")
                    return
            yield "content_block_stop", {"type": "content_block_stop", "index": index}
        if fail:
            yield "error", _error_body("overloaded_error", "Overloaded")
            return
        yield (
            "message_delta",
            {
                "type": "message_delta",
                "delta": {
                    "stop_reason": message["stop_reason"],
                    "stop_sequence": None,
                    "stop_details": message.get("stop_details"),
                },
                "usage": {"output_tokens": usage["output_tokens"]},
            },
        )
        yield "message_stop", {"type": "message_stop"}

    def _chunks(self, text: str) -> list[str]:
        size = max(1, self.chunk_chars)
        return [text[i : i + size] for i in range(0, len(text), size)] or [""]


def _validate(body: Mapping[str, Any]) -> str | None:
    """The API's own checks that matter for the adapter's requests."""
    if not body.get("model"):
        return "model: Field required"
    if not isinstance(body.get("max_tokens"), int):
        return "max_tokens: Field required"
    if not body.get("messages"):
        return "messages: at least one message is required"
    marks = sum(seg.marked for seg in _segments(body))
    if marks > MAX_BREAKPOINTS:
        return f"A maximum of {MAX_BREAKPOINTS} blocks with cache_control may be provided."
    fmt = (body.get("output_config") or {}).get("format")
    if fmt and _sources(body):
        return (
            "Citations cannot be enabled together with structured outputs (output_config.format)."
        )
    return None


def _output_tokens(content: list[dict[str, Any]]) -> int:
    # Even an empty reply bills one output token, as the API's does; cited text is not billed.
    return max(
        1,
        sum(
            estimate_tokens(_json(b["input"]) if b.get("type") == "tool_use" else b.get("text", ""))
            for b in content
        ),
    )


def _truncate(reply: Reply, max_tokens: int, *, halve: bool) -> Reply:
    """Cut the reply where ``max_tokens`` (or, for the scripted fault, half of it) runs out."""
    content = copy.deepcopy(reply.content)
    for block in content:
        if block.get("type") == "text":
            text = block["text"]
            keep = len(text) // 2 if halve else min(len(text), max(1, max_tokens) * 4)
            block["text"] = text[:keep]
        elif block.get("type") == "tool_use":
            raw = _json(block["input"])
            cut = raw[: len(raw) // 2] if halve else raw[: max(1, max_tokens) * 4]
            block["_partial_json"] = cut
            # The non-streaming body holds what the partial JSON had completed.
            items = list(block["input"].items())
            block["input"] = dict(items[: len(items) // 2])
    return Reply(content, stop_reason="max_tokens")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _request_id(message: Mapping[str, Any]) -> str:
    return "req_" + str(message["id"]).removeprefix("msg_")


def _error_body(kind: str, message: str) -> dict[str, Any]:
    return {"type": "error", "error": {"type": kind, "message": message}}


def _error(
    status: int, kind: str, message: str, headers: Mapping[str, str] | None = None
) -> web.Response:
    body = {**_error_body(kind, message), "request_id": "req_mock_error"}
    return web.json_response(
        body, status=status, headers={"request-id": "req_mock_error", **(headers or {})}
    )


__all__ = [
    "API_KEY",
    "EXTRACT_TOOL",
    "FAULT_KINDS",
    "NOT_COVERED",
    "PHRASE_TOOL",
    "DefaultBrain",
    "Fault",
    "Handler",
    "MockAnthropic",
    "Recorded",
    "Reply",
    "Source",
    "block_tokens",
    "estimate_tokens",
    "min_cache_tokens",
]
