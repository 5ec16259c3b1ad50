"""The mock Messages API, driven by the real ``anthropic`` SDK over loopback HTTP."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any, TypedDict

import anthropic
import pytest
from anthropic import Anthropic, AsyncAnthropic
from anthropic.types import (
    DocumentBlockParam,
    Message,
    MessageParam,
    SearchResultBlockParam,
    TextBlockParam,
    ToolChoiceToolParam,
    ToolParam,
)

import testkit.mock_anthropic as mock_module
from testkit.mock_anthropic import (
    API_KEY,
    DefaultBrain,
    MockAnthropic,
    Reply,
    block_tokens,
    cite,
    estimate_tokens,
    extraction,
    min_cache_tokens,
)
from testkit.paths import ROOT

HAIKU = "claude-haiku-4-5"
SONNET = "claude-sonnet-4-6"
LONG = "Retrieval brings current documents into each answer. " * 120  # ~1,600 tokens
EXTRACT_PROPS: dict[str, Any] = {
    "goals": {"type": "array", "items": {"type": "string"}},
    "data_examples": {"type": "integer"},
    "data_quality": {"type": "string"},
    "side_question": {"type": "boolean"},
}
EXTRACT_TOOL: ToolParam = {
    "name": "extract_facts",
    "input_schema": {"type": "object", "properties": EXTRACT_PROPS},
}
# Field shapes as the adapter's tool has them (enums and booleans), written out here so the
# mock's tests stand on their own.
EXTRACT_TOOL_FIELDS = tuple(EXTRACT_PROPS)
ADAPTER_PROPS: dict[str, Any] = {
    "goals": {"type": "array", "items": {"enum": ["accuracy", "consistency", "freshness"]}},
    "change_rate": {"enum": ["often", "sometimes", "rarely"]},
    "urgency": {"enum": ["fast", "normal"]},
    "data_amount": {"enum": ["none", "some", "plenty"]},
    "data_quality": {"enum": ["low", "high"]},
    "data_examples": {"type": "integer"},
    "volume": {"enum": ["low", "high"]},
    "prompting": {"enum": ["not_tried", "working", "ceiling"]},
    "docs_change": {"enum": ["none", "rarely", "often"]},
    "eval_set": {"type": "boolean"},
    "cost_tracked": {"type": "boolean"},
    "use_case": {"type": "string"},
    "side_question": {"type": "boolean"},
    "skip": {"type": "boolean"},
    "decide_now": {"type": "boolean"},
    "evidence": {"type": "array"},
}


class Body(TypedDict):
    """The arguments every Messages request has."""

    model: str
    max_tokens: int
    messages: list[MessageParam]


class ExtractBody(Body):
    """A request that forces the extraction tool."""

    tools: list[ToolParam]
    tool_choice: ToolChoiceToolParam


_clients: list[AsyncAnthropic] = []


@pytest.fixture(autouse=True)
async def _close_clients() -> AsyncIterator[None]:
    yield
    # Closed on the test's own loop, so no pooled connection outlives it.
    while _clients:
        await _clients.pop().close()


@pytest.fixture
async def mock() -> AsyncIterator[MockAnthropic]:
    async with MockAnthropic() as server:
        yield server


def client(mock: MockAnthropic, **kw: Any) -> AsyncAnthropic:
    kw.setdefault("max_retries", 0)
    kw.setdefault("timeout", 5.0)
    c = AsyncAnthropic(api_key=kw.pop("api_key", API_KEY), base_url=mock.url, **kw)
    _clients.append(c)
    return c


def user(text: str) -> list[MessageParam]:
    return [{"role": "user", "content": text}]


def cached_system(text: str = LONG) -> list[TextBlockParam]:
    return [{"type": "text", "text": text, "cache_control": {"type": "ephemeral"}}]


def extract_body(
    text: str, pending: str | None = None, tool: ToolParam | None = None
) -> ExtractBody:
    """A request that forces the extraction tool on ``text``, as the adapter sends it."""
    asked = f'<pending_question fact="{pending}">?</pending_question>\n' if pending else ""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;")
    return {
        "model": HAIKU,
        "max_tokens": 600,
        "tools": [tool or EXTRACT_TOOL],
        "tool_choice": {"type": "tool", "name": "extract_facts"},
        "messages": user(f"{asked}<user_message>\n{escaped}\n</user_message>"),
    }


def search_result(source: str, *texts: str) -> SearchResultBlockParam:
    return {
        "type": "search_result",
        "source": source,
        "title": source.upper(),
        "content": [{"type": "text", "text": t} for t in texts],
        "citations": {"enabled": True},
    }


# -- wire format ----------------------------------------------------------------------------------


async def test_json_message_shape_and_recorded_request(mock: MockAnthropic) -> None:
    c = client(mock)
    raw = await c.messages.with_raw_response.create(
        model=SONNET, max_tokens=50, messages=user("hello")
    )
    msg = await raw.parse()
    assert raw.headers["request-id"].startswith("req_")
    assert msg.type == "message" and msg.role == "assistant" and msg.model == SONNET
    assert msg.stop_reason == "end_turn" and msg.stop_sequence is None
    assert msg.content[0].type == "text"
    assert msg.usage.cache_creation_input_tokens == 0 and msg.usage.cache_read_input_tokens == 0
    (req,) = mock.requests
    assert req.headers["Authorization"] == f"Bearer {API_KEY}"
    assert req.body["messages"] == user("hello") and not req.stream
    assert req.response is not None and req.response["id"] == msg.id


async def test_missing_or_wrong_key_is_401(mock: MockAnthropic) -> None:
    c = client(mock, api_key="wrong")
    with pytest.raises(anthropic.AuthenticationError) as info:
        await c.messages.create(model=SONNET, max_tokens=5, messages=user("x"))
    assert info.value.status_code == 401
    assert info.value.body == {
        "type": "error",
        "error": {"type": "authentication_error", "message": "invalid x-api-key"},
        "request_id": "req_mock_error",
    }


async def test_stream_events_in_api_order_with_citations(mock: MockAnthropic) -> None:
    c = client(mock)
    stream = await c.messages.create(
        model=SONNET,
        max_tokens=200,
        stream=True,
        messages=[
            {
                "role": "user",
                "content": [
                    search_result("kb:rag", "RAG retrieves documents. It keeps answers fresh."),
                    {"type": "text", "text": "what is rag?"},
                ],
            }
        ],
    )
    events = [e async for e in stream]
    kinds = [e.type for e in events]
    assert kinds[0] == "message_start" and kinds[-2:] == ["message_delta", "message_stop"]
    deltas = [e.delta.type for e in events if e.type == "content_block_delta"]
    assert deltas[0] == "citations_delta" and "text_delta" in deltas
    assert "content_block_start" in kinds and "content_block_stop" in kinds
    async with c.messages.stream(
        model=SONNET,
        max_tokens=200,
        messages=[
            {
                "role": "user",
                "content": [search_result("kb:rag", "RAG retrieves documents. More text.")],
            }
        ],
    ) as s:
        final = await s.get_final_message()
    block = final.content[0]
    assert block.type == "text" and block.text == "RAG retrieves documents."
    (cite,) = block.citations or []
    assert cite.type == "search_result_location"
    assert (cite.source, cite.search_result_index, cite.start_block_index) == ("kb:rag", 0, 0)


async def test_document_blocks_get_char_location_citations(mock: MockAnthropic) -> None:
    doc: DocumentBlockParam = {
        "type": "document",
        "source": {
            "type": "text",
            "media_type": "text/plain",
            "data": "Fine-tuning sets tone. Yes.",
        },
        "title": "FT",
        "citations": {"enabled": True},
    }
    msg = await client(mock).messages.create(
        model=SONNET, max_tokens=100, messages=[{"role": "user", "content": [doc]}]
    )
    block = msg.content[0]
    assert block.type == "text"
    (cite,) = block.citations or []
    assert cite.type == "char_location" and cite.document_index == 0
    assert cite.cited_text == "Fine-tuning sets tone."
    assert (cite.start_char_index, cite.end_char_index) == (0, len("Fine-tuning sets tone."))


@pytest.mark.parametrize("stream", [False, True])
async def test_a_scripted_reading_is_returned_verbatim(mock: MockAnthropic, stream: bool) -> None:
    text = "Tone & format must be consistent; we have 20,000 reviewed examples"
    scripted = extraction(
        goals=["consistency"],
        data_examples=20000,
        evidence=[cite("goals", "consistency", "Tone & format must be consistent")],
        made_up_field="kept",  # verbatim, even what the schema has no room for
    )
    mock.script_reading("20,000 reviewed", scripted)
    body = extract_body(text)
    c = client(mock)
    msg: Message
    if stream:
        async with c.messages.stream(**body) as s:
            events = [e.type async for e in s]
            msg = await s.get_final_message()
        assert "input_json" in events  # the helper's event for input_json_delta
    else:
        msg = await c.messages.create(**body)
    assert msg.stop_reason == "tool_use"
    block = msg.content[0]
    assert block.type == "tool_use" and block.name == "extract_facts"
    assert block.input == scripted


async def test_scripts_match_by_substring_whole_text_regex_and_pending(
    mock: MockAnthropic,
) -> None:
    mock.script_reading("consistent", extraction(goals=["consistency"]))
    mock.script_reading("yes", extraction(eval_set=True), pending="eval_set", exact=True)
    mock.script_reading(re.compile(r"\b\d+ examples\b"), extraction(data_amount="some"))
    # The newest script wins where several match.
    mock.script_reading("tone", extraction(goals=["accuracy"]))

    async def read(text: str, pending: str | None = None) -> Any:
        msg = await client(mock).messages.create(**extract_body(text, pending))
        assert msg.content[0].type == "tool_use"
        return msg.content[0].input

    assert (await read("a   CONSISTENT tone"))["goals"] == ["accuracy"]
    assert (await read("always consistent"))["goals"] == ["consistency"]
    assert (await read("yes", "eval_set"))["eval_set"] is True
    assert "eval_set" not in await read("yes")  # another question: not this script
    assert "eval_set" not in await read("yes, we do", "eval_set")  # exact: the whole text
    assert (await read("about 300 examples"))["data_amount"] == "some"
    mock.clear_readings()
    assert (await read("always consistent"))["goals"] == ["consistency"]  # now the mock's own
    assert "data_amount" not in await read("about 300 examples")


async def test_the_independent_reader_reads_english_and_korean(mock: MockAnthropic) -> None:
    tool: ToolParam = {
        **EXTRACT_TOOL,
        "input_schema": {"type": "object", "properties": ADAPTER_PROPS},
    }

    async def read(text: str, pending: str | None = None) -> Any:
        msg = await client(mock).messages.create(**extract_body(text, pending, tool=tool))
        assert msg.content[0].type == "tool_use"
        return msg.content[0].input

    en = await read("Support bot: policies change weekly, and we have 2k reviewed examples")
    assert (en["docs_change"], en["data_examples"], en["data_quality"]) == ("often", 2000, "high")
    assert en["use_case"] == "Support bot"
    quotes = {e["fact"]: e["quote"] for e in en["evidence"]}
    assert quotes["docs_change"] == "policies change"
    assert quotes["data_examples"] == "2k reviewed examples"
    ko = await read("고객지원 챗봇인데 말투를 통일해야 하고, 검수된 데이터가 2만 건 있어요")
    assert (ko["goals"], ko["data_examples"]) == (["consistency"], 20000)
    assert {e["quote"] for e in ko["evidence"]} >= {"말투", "2만 건", "검수"}
    assert list(ko) == [k for k in ADAPTER_PROPS if k in ko]  # the schema's own order
    assert (await read("what is RAG?"))["side_question"] is True
    assert (await read("skip"))["skip"] is True
    assert (await read("바로 결정해 주세요"))["decide_now"] is True
    assert (await read("yes", "eval_set"))["eval_set"] is True
    assert (await read("about 300", "data_amount"))["data_examples"] == 300
    assert (await read("often, sadly", "docs_change"))["docs_change"] == "often"
    # Plain on purpose: it reads no negation, so it does not always agree with a careful reader.
    assert (await read("a consistent tone doesn't matter to us"))["goals"] == ["consistency"]


async def test_reader_none_reads_nothing() -> None:
    async with MockAnthropic(reader="none") as m:
        msg = await client(m).messages.create(**extract_body("consistent tone, 20k examples"))
        assert msg.content[0].type == "tool_use"
        assert msg.content[0].input == {"side_question": False}
    with pytest.raises(ValueError, match="unknown reader"):
        MockAnthropic(reader="rules")
    with pytest.raises(ValueError, match=r"between 0\.0 and 1\.0"):
        MockAnthropic(disagreement=1.5)


async def _readings(m: MockAnthropic, texts: list[str]) -> list[dict[str, Any]]:
    tool: ToolParam = {
        **EXTRACT_TOOL,
        "input_schema": {"type": "object", "properties": ADAPTER_PROPS},
    }
    out = []
    for text in texts:
        msg = await client(m).messages.create(**extract_body(text, tool=tool))
        assert msg.content[0].type == "tool_use"
        out.append(dict(msg.content[0].input))
    return out


async def test_a_disagreement_rate_makes_readings_differ() -> None:
    texts = [
        "support bot, consistent tone matters",
        "고객 문의 분류 봇이에요. 매일 같은 유형의 요청이 수천 건 들어와요",
        "Our manuals are updated daily and we have no training data",
        "hello there",  # nothing to read: a disagreeing reading adds something
    ] * 10
    async with MockAnthropic() as m:
        plain = await _readings(m, texts)
        assert isinstance(m.brain, DefaultBrain)
        assert (m.brain.readings, m.brain.disagreements) == (len(texts), 0)
    async with MockAnthropic(disagreement=1.0) as m:
        always = await _readings(m, texts)
        assert isinstance(m.brain, DefaultBrain) and m.brain.disagreements == len(texts)
    assert all(a != b for a, b in zip(always, plain, strict=True))
    for reading in always:
        # Still a well-formed tool input: evidence only for facts it still sets.
        flags = ("side_question", "skip", "decide_now", "question", "evidence")
        facts = {k for k in reading if k not in flags}
        assert {e["fact"] for e in reading.get("evidence", [])} <= facts
    runs = []
    for _ in range(2):
        async with MockAnthropic(disagreement=0.3, seed=7) as m:
            runs.append(await _readings(m, texts))
            assert isinstance(m.brain, DefaultBrain)
            assert 4 <= m.brain.disagreements <= 20
    assert runs[0] == runs[1]  # seeded: the same run twice
    differing = sum(a != b for a, b in zip(runs[0], plain, strict=True))
    assert 4 <= differing <= 20


def test_the_mock_never_loads_the_product_s_reader() -> None:
    # Its source imports nothing of the product...
    tree = ast.parse(Path(mock_module.__file__ or "").read_text(encoding="utf-8"))
    imported = {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert not {m for m in imported if m == "bot" or m.startswith("bot.")}
    # ...and reading a message with it, in a fresh interpreter, loads none of the product.
    probe = (
        "import sys\n"
        "from anthropic import Anthropic\n"
        "from testkit.mock_anthropic import MockAnthropic, API_KEY\n"
        "mock = MockAnthropic()\n"
        "url = mock.start_in_thread()\n"
        "msg = Anthropic(api_key=API_KEY, base_url=url, max_retries=0).messages.create(\n"
        "    model='claude-haiku-4-5', max_tokens=300,\n"
        "    tools=[{'name': 'extract_facts', 'input_schema': {'type': 'object',\n"
        "        'properties': {'goals': {}, 'docs_change': {}}}}],\n"
        "    tool_choice={'type': 'tool', 'name': 'extract_facts'},\n"
        "    messages=[{'role': 'user', 'content': '<user_message>\\n'\n"
        "        'Our docs change weekly; tone must be consistent\\n</user_message>'}])\n"
        "mock.stop()\n"
        "print(sorted(msg.content[0].input))\n"
        "print(sorted(m for m in sys.modules if m == 'bot' or m.startswith('bot.')))\n"
    )
    root = ROOT
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG")}
    proc = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=root,
        env={**env, "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    read, loaded = proc.stdout.splitlines()
    assert read == "['docs_change', 'goals']"
    assert loaded == "[]"


async def test_pending_question_reaches_the_reader(mock: MockAnthropic) -> None:
    msg = await client(mock).messages.create(
        model=HAIKU,
        max_tokens=300,
        tools=[
            {**EXTRACT_TOOL, "input_schema": {"type": "object", "properties": {"eval_set": {}}}}
        ],
        tool_choice={"type": "tool", "name": "extract_facts"},
        messages=user(
            '<pending_question fact="eval_set">?</pending_question>\n'
            "<user_message>\nyes\n</user_message>"
        ),
    )
    assert msg.content[0].type == "tool_use" and msg.content[0].input == {"eval_set": True}


async def test_handler_and_queued_replies_come_before_the_brain(mock: MockAnthropic) -> None:
    c = client(mock)
    mock.handler = lambda body: Reply([{"type": "text", "text": "from handler"}])
    mock.reply_next(Reply([{"type": "text", "text": "queued"}]))
    texts = []
    for _ in range(2):
        msg = await c.messages.create(model=SONNET, max_tokens=20, messages=user("x"))
        assert msg.content[0].type == "text"
        texts.append(msg.content[0].text)
    assert texts == ["queued", "from handler"]


async def test_citations_with_structured_output_is_rejected(mock: MockAnthropic) -> None:
    with pytest.raises(anthropic.BadRequestError):
        await client(mock).messages.create(
            model=SONNET,
            max_tokens=50,
            output_config={"format": {"type": "json_schema", "schema": {"type": "object"}}},
            messages=[{"role": "user", "content": [search_result("kb:x", "text")]}],
        )


# -- token counting and prompt caching -----------------------------------------------------------


def test_token_estimate() -> None:
    assert estimate_tokens("") == 0
    assert estimate_tokens("abcd" * 10) == 10
    assert estimate_tokens("가나다") == 2
    assert block_tokens({"type": "text", "text": "abcd", "cache_control": {"type": "x"}}) == 1
    assert min_cache_tokens("claude-haiku-4-5") == 4096
    assert min_cache_tokens("claude-3-5-haiku-latest") == 2048
    assert min_cache_tokens("claude-sonnet-4-6") == 1024
    assert min_cache_tokens("anything", {"anything": 7}) == 7


async def test_cache_write_then_read(mock: MockAnthropic) -> None:
    c = client(mock)
    prefix = block_tokens(cached_system()[0])
    assert prefix >= 1024
    first = await c.messages.create(
        model=SONNET, max_tokens=20, system=cached_system(), messages=user("one")
    )
    second = await c.messages.create(
        model=SONNET, max_tokens=20, system=cached_system(), messages=user("two, longer")
    )
    assert first.usage.cache_creation_input_tokens == prefix
    assert first.usage.cache_read_input_tokens == 0
    assert first.usage.input_tokens == estimate_tokens("one")
    assert second.usage.cache_creation_input_tokens == 0
    assert second.usage.cache_read_input_tokens == prefix
    assert second.usage.input_tokens == estimate_tokens("two, longer")
    # Caches are per model: the same prefix on another model is written afresh.
    other = await c.messages.create(
        model="claude-opus-4-1", max_tokens=20, system=cached_system(), messages=user("one")
    )
    assert other.usage.cache_creation_input_tokens == prefix


async def test_short_prefix_is_not_cached_and_minimum_is_configurable() -> None:
    short = cached_system("short system prompt " * 60)  # ~300 tokens
    async with MockAnthropic() as m:
        c = client(m)
        for _ in range(2):
            msg = await c.messages.create(
                model=HAIKU, max_tokens=5, system=short, messages=user("x")
            )
            assert msg.usage.cache_creation_input_tokens == 0
            assert msg.usage.cache_read_input_tokens == 0
    async with MockAnthropic(min_cache_tokens={"haiku": 100}) as m:
        c = client(m)
        await c.messages.create(model=HAIKU, max_tokens=5, system=short, messages=user("x"))
        msg = await c.messages.create(model=HAIKU, max_tokens=5, system=short, messages=user("y"))
        assert msg.usage.cache_read_input_tokens == block_tokens(short[0])


async def test_changed_prefix_misses_and_ttl_expires() -> None:
    now = [1000.0]
    async with MockAnthropic(clock=lambda: now[0]) as m:
        c = client(m)
        await c.messages.create(
            model=SONNET, max_tokens=5, system=cached_system(), messages=user("a")
        )
        changed = cached_system(LONG + " changed")
        miss = await c.messages.create(
            model=SONNET, max_tokens=5, system=changed, messages=user("a")
        )
        assert miss.usage.cache_read_input_tokens == 0
        assert miss.usage.cache_creation_input_tokens is not None
        assert miss.usage.cache_creation_input_tokens > 0
        now[0] += 299  # a hit refreshes the five-minute TTL
        hit = await c.messages.create(
            model=SONNET, max_tokens=5, system=cached_system(), messages=user("b")
        )
        assert hit.usage.cache_read_input_tokens is not None
        assert hit.usage.cache_read_input_tokens > 0
        now[0] += 301
        expired = await c.messages.create(
            model=SONNET, max_tokens=5, system=cached_system(), messages=user("b")
        )
        assert expired.usage.cache_read_input_tokens == 0
        assert expired.usage.cache_creation_input_tokens is not None
        assert expired.usage.cache_creation_input_tokens > 0


async def test_tools_and_message_breakpoints_and_top_level_cache_control(
    mock: MockAnthropic,
) -> None:
    c = client(mock)
    tools: list[ToolParam] = [
        {**EXTRACT_TOOL, "description": LONG, "cache_control": {"type": "ephemeral"}}
    ]
    body: Body = {"model": SONNET, "max_tokens": 5, "messages": user("x")}
    await c.messages.create(**body, tools=tools)
    hit = await c.messages.create(**body, tools=tools)
    assert hit.usage.cache_read_input_tokens is not None
    assert hit.usage.cache_read_input_tokens > 1024
    # Top-level cache_control marks the last block: here, the long user message.
    auto: Body = {"model": SONNET, "max_tokens": 5, "messages": user(LONG)}
    first = await c.messages.create(**auto, cache_control={"type": "ephemeral"})
    again = await c.messages.create(**auto, cache_control={"type": "ephemeral"})
    assert first.usage.cache_creation_input_tokens == estimate_tokens(LONG)
    assert again.usage.cache_read_input_tokens == estimate_tokens(LONG)
    assert again.usage.input_tokens == 0


async def test_more_than_four_breakpoints_is_rejected(mock: MockAnthropic) -> None:
    blocks: list[TextBlockParam] = [
        {"type": "text", "text": f"b{i}", "cache_control": {"type": "ephemeral"}} for i in range(5)
    ]
    with pytest.raises(anthropic.BadRequestError):
        await client(mock).messages.create(
            model=SONNET, max_tokens=5, system=blocks, messages=user("x")
        )


# -- faults ---------------------------------------------------------------------------------------


async def test_429_has_retry_after_and_error_body(mock: MockAnthropic) -> None:
    mock.fail_next("429", retry_after=3)
    with pytest.raises(anthropic.RateLimitError) as info:
        await client(mock).messages.create(model=SONNET, max_tokens=5, messages=user("x"))
    assert info.value.response.headers["retry-after"] == "3"
    assert isinstance(info.value.body, dict)
    assert info.value.body["type"] == "error"
    assert info.value.body["error"]["type"] == "rate_limit_error"


async def test_sdk_retries_429_honouring_retry_after(mock: MockAnthropic) -> None:
    mock.fail_next("429", count=2, retry_after=0.2)
    started = time.monotonic()
    msg = await client(mock, max_retries=2).messages.create(
        model=SONNET, max_tokens=5, messages=user("x")
    )
    assert msg.stop_reason == "end_turn"
    assert 0.4 <= time.monotonic() - started < 3
    assert len(mock.requests) == 3
    assert mock.requests[-1].headers["x-stainless-retry-count"] == "2"


@pytest.mark.parametrize(
    ("kind", "error", "api_type"),
    [
        ("529", anthropic.OverloadedError, "overloaded_error"),
        ("500", anthropic.InternalServerError, "api_error"),
    ],
)
async def test_server_errors(
    mock: MockAnthropic, kind: str, error: type[anthropic.APIStatusError], api_type: str
) -> None:
    mock.fail_next(kind)
    with pytest.raises(error) as info:
        await client(mock).messages.create(model=SONNET, max_tokens=5, messages=user("x"))
    assert info.value.status_code == int(kind)
    assert isinstance(info.value.body, dict) and info.value.body["error"]["type"] == api_type


async def test_stall_hits_the_client_timeout(mock: MockAnthropic) -> None:
    mock.fail_next("stall", seconds=10)
    started = time.monotonic()
    with pytest.raises(anthropic.APITimeoutError):
        await client(mock, timeout=0.3).messages.create(
            model=SONNET, max_tokens=5, messages=user("x")
        )
    assert time.monotonic() - started < 2


async def test_midstream_error_event(mock: MockAnthropic) -> None:
    mock.fail_next("midstream_error")
    # A non-streaming request leaves a mid-stream fault queued for the next stream.
    ok = await client(mock).messages.create(model=SONNET, max_tokens=5, messages=user("x"))
    assert ok.stop_reason == "end_turn"
    got: list[str] = []

    async def consume() -> None:
        async with client(mock).messages.stream(
            model=SONNET, max_tokens=200, messages=user("x" * 200)
        ) as s:
            async for event in s:
                got.append(event.type)

    with pytest.raises(anthropic.APIStatusError) as info:
        await consume()
    assert "text" in got  # some deltas arrived before the error
    assert (
        isinstance(info.value.body, dict) and info.value.body["error"]["type"] == "overloaded_error"
    )


async def test_max_tokens_truncates_text_and_tool_input(mock: MockAnthropic) -> None:
    c = client(mock)
    mock.fail_next("max_tokens")
    text = await c.messages.create(
        model=SONNET,
        max_tokens=200,
        messages=[{"role": "user", "content": [search_result("kb:a", "A full sentence here.")]}],
    )
    assert text.stop_reason == "max_tokens"
    assert text.content[0].type == "text" and text.content[0].text == "A full sen"
    mock.fail_next("max_tokens")
    reading = extraction(goals=["consistency"], data_examples=20000, data_quality="high")
    mock.script_reading("consistent tone", {k: reading[k] for k in EXTRACT_TOOL_FIELDS})
    body: ExtractBody = {
        **extract_body("consistent tone, 20000 reviewed examples"),
        "max_tokens": 300,
    }
    async with c.messages.stream(**body) as s:
        msg = await s.get_final_message()
    assert msg.stop_reason == "max_tokens"
    assert msg.content[0].type == "tool_use"
    assert "side_question" not in msg.content[0].input  # cut before the last field
    # A reply longer than the request's max_tokens is cut on its own.
    shorter: ExtractBody = {**body, "max_tokens": 3}
    short = await c.messages.create(**shorter)
    assert short.stop_reason == "max_tokens" and short.usage.output_tokens == 3


async def test_refusal(mock: MockAnthropic) -> None:
    mock.fail_next("refusal")
    async with client(mock).messages.stream(model=SONNET, max_tokens=50, messages=user("x")) as s:
        msg = await s.get_final_message()
    assert msg.stop_reason == "refusal" and msg.content == []
    assert msg.stop_details is not None and msg.stop_details.type == "refusal"


def test_unknown_fault_kind() -> None:
    with pytest.raises(ValueError, match="unknown fault"):
        MockAnthropic().fail_next("teapot")


def test_runs_in_a_background_thread() -> None:
    mock = MockAnthropic()
    url = mock.start_in_thread()
    try:
        sync = Anthropic(api_key=API_KEY, base_url=url, max_retries=0, timeout=5)
        msg = sync.messages.create(model=SONNET, max_tokens=5, messages=user("x"))
        assert msg.content[0].type == "text"
        mock.fail_next("stall", seconds=30)
        with pytest.raises(anthropic.APITimeoutError):
            Anthropic(api_key=API_KEY, base_url=url, max_retries=0, timeout=0.2).messages.create(
                model=SONNET, max_tokens=5, messages=user("x")
            )
    finally:
        started = time.monotonic()
        mock.stop()
        assert time.monotonic() - started < 3  # a pending stall does not hold up shutdown
    assert len(mock.requests) == 2
