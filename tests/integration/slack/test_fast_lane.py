"""The fast lane answers the common requests exactly as Bolt's listeners do.

Each request is sent over HTTP to a real runtime twice, on an emptied Redis: once with the
fast lane and once without it (Bolt dispatches it). The status, the body, the headers that
matter, what was persisted in the inbox and every metric's change must be the same, and the
lane must have answered the kinds it is for (and only those).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode

import aiohttp
import pytest
import pytest_asyncio
from redis import asyncio as aioredis
from slack_bolt.authorization import AuthorizeResult
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.response import BoltResponse

from bot.metrics import Metrics
from bot.slack.ack import AckPath
from bot.slack.fast_lane import FastLane
from bot.store.inbox import Inbox
from testkit.edge import FORM, Edge, dm, envelope_for, serving, sign
from testkit.mock_slack import BOT_ID, BOT_USER_ID

pytestmark = pytest.mark.asyncio(loop_scope="module")

JSON = "application/json"


class CountingLane(FastLane):
    """The product's lane, counting the requests it answered itself."""

    answered = 0

    async def dispatch(self, body: dict[str, Any]) -> BoltResponse | None:
        answer = await super().dispatch(body)
        self.answered += answer is not None
        return answer


@dataclass
class Seen:
    status: int
    body: str
    content_type: str
    retry_after: str | None
    queued: list[dict[str, Any]]
    metrics: dict[str, float]


@dataclass
class Lanes:
    edge: Edge
    lane: CountingLane


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def lanes(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Lanes]:
    async with serving(tmp_path_factory.mktemp("lane")) as e:
        product = e.rt.lane
        assert product is not None  # a single workspace: the lane is on
        lane = CountingLane(product.acks, e.rt.metrics)
        e.rt.lane = lane
        # Until Bolt has authorised one request the lane knows no bot identity: it declines.
        assert not lane.ready
        first = await _send(e, json.dumps(envelope_for(dm("hello", "U900"))), JSON)
        assert first[0] == 200 and lane.answered == 0 and lane.ready
        yield Lanes(e, lane)


def _command(text: str, user: str = "U201", **extra: str) -> tuple[str, str]:
    fields = {
        "command": "/explainer",
        "team_id": "T1",
        "channel_id": "C1",
        "user_id": user,
        "text": text,
        "response_url": "https://hooks.slack.com/commands/T1/1/x",
        "trigger_id": "trig.201",
        **extra,
    }
    return urlencode(fields), FORM


def _action(action_id: str = "decide_now", value: str = "cid|decide") -> tuple[str, str]:
    payload = {
        "type": "block_actions",
        "team": {"id": "T1"},
        "user": {"id": "U202", "team_id": "T1"},
        "channel": {"id": "C1"},
        "container": {"message_ts": "1700000000.000100", "thread_ts": "1700000000.000001"},
        "message": {"ts": "1700000000.000100", "thread_ts": "1700000000.000001"},
        "trigger_id": "trig.202",
        "response_url": "https://hooks.slack.com/actions/T1/2/y",
        "actions": [{"action_id": action_id, "block_id": "b1", "value": value}],
    }
    return urlencode({"payload": json.dumps(payload)}), FORM


def _event(event: dict[str, Any]) -> tuple[str, str]:
    return json.dumps(envelope_for(event, event_id="Ev0LANE0001")), JSON


TS = "1700000000.000200"
# name -> (body, content type), whether the lane answers it
REQUESTS: dict[str, tuple[Callable[[], tuple[str, str]], bool]] = {
    "direct message": (lambda: _event(dm("support bot, tone matters", "U203", ts=TS)), True),
    "mention": (
        lambda: _event(
            {
                "type": "app_mention",
                "channel": "C1",
                "user": "U204",
                "ts": TS,
                "text": f"<@{BOT_USER_ID}> help us decide",
            }
        ),
        True,
    ),
    "thread reply": (
        lambda: _event(
            {
                "type": "message",
                "channel": "C1",
                "channel_type": "channel",
                "user": "U205",
                "ts": TS,
                "thread_ts": "1700000000.000001",
                "text": "we have 20k pairs",
            }
        ),
        True,
    ),
    "the bot's own message": (lambda: _event(dm("a question", BOT_USER_ID, ts=TS)), True),
    "a bot message of ours": (
        lambda: _event(dm("a question", "U206", ts=TS, bot_id=BOT_ID)),
        True,
    ),
    "an edit": (lambda: _event(dm("edited", "U207", ts=TS, subtype="message_changed")), True),
    "a malformed user id": (lambda: _event(dm("hi", "u-not-an-id", ts=TS)), True),
    "command": (lambda: _command("our plan: a support bot"), True),
    "command help": (lambda: _command("help"), True),
    "command without a team": (lambda: _command("x", team_id=""), True),
    "button": (lambda: _action(), True),
    "button with a newline for an id": (lambda: _action("\n"), False),
    "another command": (lambda: _command("x", command="/other"), False),
    "another event": (
        lambda: _event({"type": "reaction_added", "user": "U208", "reaction": "+1"}),
        False,
    ),
    "a signed certificate check": (lambda: _command("x", ssl_check="1"), False),
}


async def _send(e: Edge, body: str, content_type: str) -> tuple[int, str, str, str | None]:
    raw = body.encode()
    stamp = str(int(time.time()))
    headers = {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": sign(stamp, raw),
    }
    async with aiohttp.ClientSession() as s, s.post(e.url, data=raw, headers=headers) as r:
        return r.status, await r.text(), r.headers["Content-Type"], r.headers.get("Retry-After")


def _samples(metrics: Metrics) -> dict[str, float]:
    """Every counter and histogram count (durations differ from run to run)."""
    found = {}
    for family in metrics.registry.collect():
        for s in family.samples:
            if s.name.endswith(("_sum", "_bucket", "_created")):
                continue
            found[f"{s.name}{sorted(s.labels.items())}"] = s.value
    return found


async def _seen(x: Lanes, request: tuple[str, str], *, lane: bool, again: bool = False) -> Seen:
    """What one request did, on an empty Redis; with ``again``, what its second delivery
    did."""
    e = x.edge
    await e.rt.services.redis.flushdb()
    e.rt.lane = x.lane if lane else None
    try:
        if again:
            await _send(e, *request)
        before = _samples(e.rt.metrics)
        status, body, content_type, retry_after = await _send(e, *request)
        after = _samples(e.rt.metrics)
    finally:
        e.rt.lane = x.lane
    changed = {k: v - before.get(k, 0.0) for k, v in after.items() if v != before.get(k, 0.0)}
    queued = [u.model_dump() for u in await e.queued()]
    return Seen(status, body, content_type, retry_after, queued, changed)


@pytest.mark.parametrize("name", list(REQUESTS))
async def test_the_lane_answers_as_bolt_does(lanes: Lanes, name: str) -> None:
    make, for_the_lane = REQUESTS[name]
    request = make()
    by_bolt = await _seen(lanes, request, lane=False)
    answered = lanes.lane.answered
    by_lane = await _seen(lanes, request, lane=True)
    assert by_lane == by_bolt
    assert lanes.lane.answered - answered == (1 if for_the_lane else 0)


@pytest.mark.parametrize("name", ["direct message", "command", "button"])
async def test_a_second_delivery_is_a_duplicate_either_way(lanes: Lanes, name: str) -> None:
    request = REQUESTS[name][0]()
    by_bolt = await _seen(lanes, request, lane=False, again=True)
    by_lane = await _seen(lanes, request, lane=True, again=True)
    assert by_lane == by_bolt
    assert by_lane.status == 200 and len(by_lane.queued) == 1
    assert any(k.startswith("explainer_dedupe_hits_total") for k in by_lane.metrics)


async def test_what_each_kind_persisted(lanes: Lanes) -> None:
    """The comparisons above compare something: the lane's own answers, spelt out."""
    seen = await _seen(lanes, REQUESTS["direct message"][0](), lane=True)
    assert (seen.status, seen.body) == (200, "")
    [unit] = seen.queued
    assert (unit["kind"], unit["user"], unit["surface"]) == ("message", "U203", "dm")
    seen = await _seen(lanes, REQUESTS["the bot's own message"][0](), lane=True)
    assert (seen.status, seen.queued) == (200, [])
    seen = await _seen(lanes, REQUESTS["a malformed user id"][0](), lane=True)
    assert seen.queued == []
    assert seen.metrics == {
        "explainer_slack_rejected_total[('reason', 'ids')]": 1.0,
        "explainer_ack_seconds_count[('kind', 'event')]": 1.0,
    }
    seen = await _seen(lanes, REQUESTS["button"][0](), lane=True)
    [unit] = seen.queued
    assert (unit["kind"], unit["action"], unit["value"]) == ("action", "decide_now", "cid|decide")


@pytest.mark.parametrize("text", ["our plan: a support bot", "상담 봇을 만들려고 해요"])
async def test_a_command_over_the_rate_limit_is_acked_with_the_same_notice(
    lanes: Lanes, text: str
) -> None:
    inbox = lanes.lane.acks.inbox
    limit, inbox.per_user_interactive = inbox.per_user_interactive, 0
    try:
        by_bolt = await _seen(lanes, _command(text), lane=False)
        by_lane = await _seen(lanes, _command(text), lane=True)
    finally:
        inbox.per_user_interactive = limit
    assert by_lane == by_bolt
    assert by_lane.status == 200 and by_lane.queued == []
    assert json.loads(by_lane.body)["response_type"] == "ephemeral"
    assert by_lane.content_type.startswith(JSON)


@pytest.mark.parametrize("name", ["command", "button", "thread reply"])
async def test_a_full_inbox_answers_503_the_same_way(lanes: Lanes, name: str) -> None:
    inbox = lanes.lane.acks.inbox
    limit, inbox.backlog_limit = inbox.backlog_limit, 0
    try:
        by_bolt = await _seen(lanes, REQUESTS[name][0](), lane=False)
        by_lane = await _seen(lanes, REQUESTS[name][0](), lane=True)
    finally:
        inbox.backlog_limit = limit
    assert by_lane == by_bolt
    assert (by_lane.status, by_lane.retry_after, json.loads(by_lane.body)) == (
        503,
        "60",
        {"error": "busy"},
    )


class BrokenInbox(Inbox):
    """An inbox whose accept fails the way no store error does (a bug, say)."""

    async def accept_interactive(self, key: str, payload: bytes, *, user: str) -> str:
        raise ValueError("not a store error")


async def test_any_other_failure_is_a_500_with_the_type_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    client = aioredis.Redis()  # never reached
    lane = CountingLane(AckPath(BrokenInbox(client), Metrics(), None), Metrics())
    lane.learn(_authorised())
    action = json.loads(parse_qs(_action()[0])["payload"][0])
    with caplog.at_level(logging.ERROR, logger="bot.slack.app"):
        answer = await lane.dispatch(action)
    assert answer is not None and (answer.status, answer.body) == (500, "")
    assert [r.getMessage() for r in caplog.records] == ["listener failed: ValueError"]
    await client.aclose()


def _authorised() -> AsyncBoltContext:
    context = AsyncBoltContext()
    context["authorize_result"] = AuthorizeResult(
        enterprise_id=None, team_id="T1", bot_user_id=BOT_USER_ID, bot_id=BOT_ID
    )
    return context


async def test_with_oauth_every_request_goes_through_bolt(tmp_path: Path) -> None:
    oauth = {
        "SLACK_BOT_TOKEN": None,
        "SLACK_CLIENT_ID": "111.222",
        "SLACK_CLIENT_SECRET": "client-secret",
    }
    async with serving(tmp_path, **oauth) as e:
        assert e.rt.lane is None
