"""Back-pressure instead of loss: nothing accepted is trimmed; a full inbox answers 503.

And the budgets on the ack path: commands and presses have their own, over which a command is
told to slow down instead of being queued; replies in threads the bot does not hold count
against nobody's.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import aiohttp
import pytest
import redis.asyncio as aioredis

from bot.core.state import Place
from bot.store.inbox import Inbox
from bot.store.inbox_scripts import InboxFull
from testkit.edge import dm, envelope_for, serving, sign

# Fills a stream server-side: a hundred thousand entries in a fraction of a second.
_FILL = "for i = 1, tonumber(ARGV[1]) do redis.call('XADD', KEYS[1], '*', 'p', 'old') end"


async def test_nothing_accepted_is_ever_trimmed(
    redis_client: aioredis.Redis, redis_prefix: str
) -> None:
    inbox = Inbox(redis_client, prefix=redis_prefix, backlog_limit=1_000_000)
    # More than a stream cap of 100 000 would keep: the oldest entries were acked to Slack.
    await redis_client.eval(_FILL, 1, inbox.stream, 100_500)
    [(first, _)] = await redis_client.xrange(inbox.stream, count=1) or []
    assert first is not None
    assert await inbox.accept("k-new", b"new")
    assert await inbox.accept_message("m-new", b"new", b"notice", user="u", thread="t") == (
        "accepted"
    )
    assert await inbox.accept_interactive("i-new", b"new", user="u") == "accepted"
    assert await redis_client.xlen(inbox.stream) == 100_503
    assert await redis_client.xrange(inbox.stream, min=first, max=first)


async def test_a_full_backlog_refuses_without_marking_the_delivery_seen(
    redis_client: aioredis.Redis, redis_prefix: str
) -> None:
    inbox = Inbox(redis_client, prefix=redis_prefix, backlog_limit=2, consumer="w")
    assert await inbox.accept("k1", b"one")
    assert await inbox.accept("k2", b"two")
    assert await inbox.backlog() == 2
    with pytest.raises(InboxFull):
        await inbox.accept("k3", b"three")
    with pytest.raises(InboxFull):
        await inbox.accept_message("m3", b"three", b"n", user="u", thread="t")
    with pytest.raises(InboxFull):
        await inbox.accept_interactive("i3", b"three", user="u")
    assert await redis_client.xlen(inbox.stream) == 2
    # A worker finishes one; Slack's retry of the refused delivery is accepted, not a duplicate.
    [entry, _] = await inbox.read(count=2, block_ms=100)
    inbox.ack_soon(entry.id)
    await inbox.flush()
    assert await inbox.accept("k3", b"three")
    assert not await inbox.accept("k3", b"three")


async def test_a_full_inbox_answers_503_with_retry_after_and_slack_retries_later(
    tmp_path: Path,
) -> None:
    async with serving(tmp_path, EXPLAINER_INBOX_BACKLOG_LIMIT="2") as e:
        for user in ("U201", "U202"):
            assert (await e.event(dm("hello", user))).status == 200
        third = json.dumps(envelope_for(dm("hello", "U203")))
        refused = await e.post(third, "application/json")
        assert refused.status == 503
        assert e.metric("explainer_inbox_backlog_full_total", kind="event") == 1
        command = await e.sender.command(
            "help", channel="C1", user="U204", response_url=e.slack.response_url()
        )
        assert command.status == 503
        assert e.metric("explainer_inbox_backlog_full_total", kind="command") == 1
        # A worker catches up; Slack delivers the refused event again and it is accepted.
        worker = Inbox(e.rt.services.redis, consumer="w")
        for entry in await worker.read(count=10, block_ms=100):
            worker.ack_soon(entry.id)
        await worker.flush()
        assert (await e.post(third, "application/json")).status == 200
        assert [u.user for u in await e.queued()] == ["U203"]


async def test_the_refusal_carries_retry_after(tmp_path: Path) -> None:
    async with serving(tmp_path, EXPLAINER_INBOX_BACKLOG_LIMIT="1") as e:
        assert (await e.event(dm("hello", "U205"))).status == 200
        body = json.dumps(envelope_for(dm("hello", "U206"))).encode()
        stamp = str(int(time.time()))
        headers = {
            "Content-Type": "application/json",
            "X-Slack-Request-Timestamp": stamp,
            "X-Slack-Signature": sign(stamp, body),
        }
        async with aiohttp.ClientSession() as s, s.post(e.url, data=body, headers=headers) as r:
            assert r.status == 503
            assert int(r.headers["Retry-After"]) > 0


async def test_commands_over_their_budget_are_told_to_slow_down_and_not_queued(
    tmp_path: Path,
) -> None:
    async with serving(tmp_path) as e:
        answers = [
            await e.sender.command(
                f"support bot {n}", channel="C1", user="U207", response_url=e.slack.response_url()
            )
            for n in range(61)
        ]
        assert {a.status for a in answers} == {200}
        assert all(a.body == "" for a in answers[:60])
        slow = json.loads(answers[60].body)
        assert slow["response_type"] == "ephemeral" and "faster" in slow["text"]
        assert len([u for u in await e.queued() if u.user == "U207"]) == 60
        assert e.metric("explainer_rate_limited_total", scope="interactive") == 1


async def test_only_threads_the_bot_holds_count_against_a_users_budget(tmp_path: Path) -> None:
    async with serving(tmp_path) as e:

        def reply(thread: str) -> dict[str, object]:
            return {
                "type": "message",
                "channel": "C3",
                "channel_type": "channel",
                "user": "U208",
                "ts": f"{time.time():.6f}",
                "thread_ts": thread,
                "text": "chatter",
            }

        theirs, ours = "1700000000.000001", "1700000000.000002"
        for _ in range(25):
            assert (await e.event(reply(theirs))).status == 200
        assert e.metric("explainer_rate_limited_total", scope="user") == 0
        place = Place(surface="slash", team="T1", channel="C3", thread_ts=ours)
        await e.rt.services.store.bind_place(place.key(), "c-ours", "U208")
        for _ in range(21):
            assert (await e.event(reply(ours))).status == 200
        assert e.metric("explainer_rate_limited_total", scope="user") == 1
        queued = [u.kind for u in await e.queued() if u.user == "U208"]
        assert queued.count("message") == 45 and queued.count("slow_down") == 1
