"""End to end with Claude: `explainer serve` using the real anthropic SDK against the mock API.

Side answers stream into DM threads (chat.startStream/appendStream/stopStream) and fall back to
a plain post when Slack refuses to stream; model text is escaped like user text. What "the model"
reads in each message is scripted in the mock, so these tests are about what the bot does with a
reading, including one that differs from its own quick guess.
"""

from __future__ import annotations

import itertools
import json
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from testkit.bot_process import BotProcess, start_bot
from testkit.mock_anthropic import MockAnthropic, Reply, cite, extraction
from testkit.mock_slack import Call, MockSlack
from testkit.redis_servers import RedisServer
from testkit.slack_client import SlackSender

pytestmark = pytest.mark.e2e


@dataclass
class Stack:
    slack: MockSlack
    claude: MockAnthropic
    bot: BotProcess
    sender: SlackSender


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    tmp = tmp_path_factory.mktemp("claude")
    redis_server = RedisServer(tmp / "redis")
    redis_server.start()
    slack = MockSlack()
    slack.start_in_thread()
    ts = itertools.count(1)
    slack.on(
        "chat.startStream",
        lambda c: {"ok": True, "channel": c.args["channel"], "ts": f"1800000000.{next(ts):06d}"},
    )
    slack.on("chat.appendStream", lambda c: {"ok": True})
    slack.on("chat.stopStream", lambda c: {"ok": True})
    claude = MockAnthropic()
    claude.start_in_thread()
    bot = start_bot(
        tmp,
        slack.url,
        redis_server.url,
        EXPLAINER_LLM="anthropic",
        ANTHROPIC_API_KEY=claude.api_key or "test",
        ANTHROPIC_BASE_URL=claude.url,
        EXPLAINER_LLM_TIMEOUT="5",
    )
    try:
        yield Stack(slack, claude, bot, SlackSender(bot.events_url))
    finally:
        bot.terminate()
        claude.stop()
        slack.stop()
        redis_server.kill()
        assert "xoxb-test" not in bot.logs()


def _dm(channel: str, text: str, thread_ts: str | None = None) -> dict[str, Any]:
    event: dict[str, Any] = {
        "type": "message",
        "channel": channel,
        "channel_type": "im",
        "user": "U1",
        "ts": f"{time.time():.6f}",
        "text": text,
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def _in(thread: str) -> Any:
    return lambda c: c.args.get("thread_ts") == thread


def _asked_in(thread: str) -> Any:
    """A reply in the thread other than "Here is what I understood" alone."""

    def match(c: Call) -> bool:
        return bool(c.args.get("thread_ts") == thread and not c.understood_alone)

    return match


def _streamed(args: dict[str, Any]) -> str:
    """The text a stream call carried, in ``markdown_text`` or markdown chunks."""
    chunks = args.get("chunks") or []
    if isinstance(chunks, str):
        chunks = json.loads(chunks)
    text = str(args.get("markdown_text") or "")
    return text + "".join(
        str(c.get("text", "")) for c in chunks if c.get("type") == "markdown_text"
    )


def _consistent(quote: str) -> dict[str, Any]:
    """What a careful reader takes from a message that only asks for a consistent tone."""
    return extraction(goals=["consistency"], evidence=[cite("goals", "consistency", quote)])


async def test_side_answer_streams_into_the_dm_thread(stack: Stack) -> None:
    stack.claude.script_reading("tone and format must stay consistent", _consistent("consistent"))
    stack.claude.script_reading("What is RAG?", extraction(side_question=True), exact=True)
    first = _dm("D1", "We're building a support bot; tone and format must stay consistent")
    await stack.sender.event(first)
    await stack.slack.wait_for("chat.postMessage", where=_in(first["ts"]), timeout=20)
    await stack.sender.event(_dm("D1", "What is RAG?", thread_ts=first["ts"]))
    started = await stack.slack.wait_for("chat.startStream", where=_in(first["ts"]), timeout=20)
    stream_ts = started[0].response["ts"]
    await stack.slack.wait_for(
        "chat.stopStream", where=lambda c: c.args.get("ts") == stream_ts, timeout=20
    )
    later = [
        c
        for m in ("chat.appendStream", "chat.stopStream")
        for c in stack.slack.calls_to(m)
        if c.args.get("ts") == stream_ts
    ]
    streamed = "".join(_streamed(c.args) for c in [started[0], *later])
    assert "retriev" in streamed.lower()
    # Buffered: far fewer calls than the model's deltas.
    assert len(later) <= len(streamed) // 256 + 2
    # The answer was streamed, not posted a second time; the question was asked again after it.
    posts = [c for c in stack.slack.calls_to("chat.postMessage") if _in(first["ts"])(c)]
    assert not any("retriev" in str(c.args.get("text", "")).lower() for c in posts)
    requests = [r for r in stack.claude.requests if r.stream]
    assert requests, "the answer call streams"


async def test_refused_stream_falls_back_to_a_post_and_model_text_is_escaped(
    stack: Stack,
) -> None:
    stack.slack.on("chat.startStream", lambda c: {"ok": False, "error": "not_allowed"})
    stack.claude.script_reading("consistent tone matters to us", _consistent("consistent tone"))
    stack.claude.script_reading("What is RAG?", extraction(side_question=True), exact=True)
    first = _dm("D2", "Support bot; consistent tone matters to us")
    await stack.sender.event(first)
    await stack.slack.wait_for("chat.postMessage", where=_in(first["ts"]), timeout=20)
    hostile = (
        "RAG adds retrieved documents to the prompt. <!channel> <@U1> "
        "<https://evil|docs> &lt; see the knowledge base."
    )
    stack.claude.handler = lambda body: (
        Reply(
            [
                {
                    "type": "text",
                    "text": hostile,
                    "citations": [
                        {
                            "type": "search_result_location",
                            "source": "rag-basics",
                            "title": "RAG",
                            "cited_text": "RAG",
                            "search_result_index": 0,
                            "start_block_index": 0,
                            "end_block_index": 0,
                        }
                    ],
                }
            ]
        )
        if any("What is RAG" in str(m) for m in body.get("messages", []))
        else None
    )
    try:
        await stack.sender.event(_dm("D2", "What is RAG?", thread_ts=first["ts"]))

        def answer(c: Call) -> bool:
            return _in(first["ts"])(c) and "retrieved documents" in str(c.args.get("blocks"))

        posted = (await stack.slack.wait_for("chat.postMessage", where=answer, timeout=20))[0]
    finally:
        stack.claude.handler = None
    text = str(posted.args.get("blocks")) + posted.args["text"]
    for raw in ("<!channel>", "<@U1>", "<https://evil"):
        assert raw not in text
    assert "&lt;!channel&gt;" in text and "&amp;lt;" in text


def _tool(r: Any) -> str:
    return str((r.body.get("tool_choice") or {}).get("name", ""))


async def test_the_next_question_is_phrased_while_the_model_reads_the_message(
    stack: Stack,
) -> None:
    # The model reads what the bot's own quick guess reads, so the early question is used.
    text = "support bot; the tone and format must always be consistent"
    stack.claude.script_reading(text, _consistent("the tone and format must always be consistent"))
    before = len(stack.claude.requests)
    stack.claude.fail_next("stall", count=2, seconds=1.0)
    first = _dm("D7", text)
    await stack.sender.event(first)
    [posted] = await stack.slack.wait_for(
        "chat.postMessage", where=_asked_in(first["ts"]), timeout=20
    )
    extract, phrase = stack.claude.requests[before : before + 2]
    assert {_tool(extract), _tool(phrase)} == {"extract_facts", "phrase_question"}
    # Both calls were in flight together: the second arrived while the first was held.
    assert abs(phrase.at - extract.at) < 0.5
    # The question the model phrased is the one posted.
    assert phrase.response is not None
    [block] = [b for b in phrase.response["content"] if b["type"] == "tool_use"]
    assert block["input"]["text"][:40] in str(posted.args["blocks"])
    metrics = stack.bot.metrics()
    assert 'explainer_llm_speculation_total{result="hit"}' in metrics


def _speculation(metrics: str, result: str) -> float:
    found = re.search(
        rf'^explainer_llm_speculation_total{{result="{result}"}} (\S+)$', metrics, re.M
    )
    return float(found.group(1)) if found else 0.0


async def test_a_reading_unlike_the_guess_gets_its_own_question(stack: Stack) -> None:
    # The model reads something else than the quick guess (which sees a consistency goal): the
    # early question is dropped, and the question for the model's reading is worded locally
    # rather than in a second model round trip.
    text = "wiki bot; every answer must keep one consistent tone"
    stack.claude.script_reading(
        text,
        extraction(
            goals=["freshness"],
            docs_change="often",
            evidence=[cite("goals", "freshness", "every answer"), cite("docs_change", "often", "")],
        ),
        exact=True,
    )
    misses = _speculation(stack.bot.metrics(), "miss")
    before = len(stack.claude.requests)
    stack.claude.fail_next("stall", count=2, seconds=1.0)
    first = _dm("D8", text)
    await stack.sender.event(first)
    [posted] = await stack.slack.wait_for(
        "chat.postMessage", where=_asked_in(first["ts"]), timeout=20
    )
    calls = stack.claude.requests[before:]
    phrased = [r for r in calls if _tool(r) == "phrase_question"]
    assert [_tool(r) for r in calls].count("extract_facts") == 1 and len(phrased) == 1
    [guess] = phrased
    asked = str(posted.args["blocks"])
    assert guess.response is not None
    [block] = [b for b in guess.response["content"] if b["type"] == "tool_use"]
    assert block["input"]["text"][:40] not in asked
    assert _speculation(stack.bot.metrics(), "miss") == misses + 1
