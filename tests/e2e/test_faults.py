"""Faults across processes: crashes, replicas, Redis outages, Slack errors, shutdown.

Each test runs real `explainer serve` processes against a throwaway Redis and the mock Slack.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import redis

from testkit.bot_process import BotProcess, start_bot
from testkit.mock_slack import Call, MockSlack
from testkit.redis_servers import RedisServer
from testkit.slack_client import SlackSender, slack_ts

pytestmark = pytest.mark.e2e


@pytest.fixture
def slack() -> Iterator[MockSlack]:
    mock = MockSlack()
    mock.start_in_thread()
    try:
        yield mock
    finally:
        mock.stop()


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path / "redis", appendonly=True)
    server.start()
    try:
        yield server
    finally:
        server.kill()


def _dm(channel: str, user: str, text: str, thread_ts: str | None = None) -> dict[str, object]:
    event: dict[str, object] = {
        "type": "message",
        "channel": channel,
        "channel_type": "im",
        "user": user,
        "ts": slack_ts(),
        "text": text,
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def _understood(c: Call) -> bool:
    """What was understood, posted alone before the card of a message with facts (before a
    question it is posted with the question, which makes it a question)."""
    return c.understood_alone


def _in_thread(c: Call, root: dict[str, object]) -> bool:
    """Whether ``c`` posted in ``root``'s thread: a thread is its channel and its ts."""
    return c.args.get("channel") == root["channel"] and c.args.get("thread_ts") == root["ts"]


def _thread_posts(
    slack: MockSlack, root: dict[str, object], *, understood: bool = False
) -> list[Call]:
    """What landed in the thread: the questions, cards and notices, or what was understood."""
    return [
        c
        for c in slack.calls_to("chat.postMessage")
        if _in_thread(c, root) and c.landed and _understood(c) is understood
    ]


def _reply_in(root: dict[str, object]) -> Callable[[Call], bool]:
    return lambda c: _in_thread(c, root) and not _understood(c)


async def _settle(seconds: float = 1.0) -> None:
    await asyncio.sleep(seconds)


async def _until(check: Callable[[], bool], timeout: float = 15.0) -> None:  # noqa: ASYNC109
    """Poll ``check`` (it may block briefly) until true or the deadline passes."""
    deadline = time.monotonic() + timeout
    while not await asyncio.to_thread(check):
        if time.monotonic() > deadline:
            raise TimeoutError("condition not met")
        await asyncio.sleep(0.1)


async def test_worker_killed_after_ack_is_picked_up_by_another(
    tmp_path: Path, slack: MockSlack, redis_server: RedisServer
) -> None:
    a = start_bot(
        tmp_path,
        slack.url,
        redis_server.url,
        "a",
        EXPLAINER_INBOX_CLAIM_IDLE_MS="1000",
        EXPLAINER_STATUS_DELAY="0",  # the status call is where the turn is made to hang
    )
    b: BotProcess | None = None
    try:
        slack.delay("assistant.threads.setStatus", 30)  # A hangs just before the turn
        event = _dm("D1", "U1", "support bot, tone must stay consistent")
        sent = await SlackSender(a.events_url).event(event)
        assert sent.status == 200
        await _until(lambda: bool(slack.calls_to("assistant.threads.setStatus")))
        a.kill()  # acked and persisted, never processed
        slack.delay("assistant.threads.setStatus", None)
        assert _thread_posts(slack, event) == []
        b = start_bot(
            tmp_path, slack.url, redis_server.url, "b", EXPLAINER_INBOX_CLAIM_IDLE_MS="1000"
        )
        await slack.wait_for("chat.postMessage", timeout=15, where=_reply_in(event))
        await _settle(2.0)
        assert len(_thread_posts(slack, event)) == 1
        assert len(_thread_posts(slack, event, understood=True)) <= 1
    finally:
        a.kill()
        if b:
            b.terminate()


async def test_two_replicas_complete_interleaved_consultations(
    tmp_path: Path, slack: MockSlack, redis_server: RedisServer
) -> None:
    a = start_bot(tmp_path, slack.url, redis_server.url, "a")
    b = start_bot(tmp_path, slack.url, redis_server.url, "b")
    try:
        senders = [SlackSender(a.events_url), SlackSender(b.events_url)]
        roots = [_dm(f"D{i}", f"U{i}", "support bot, consistent tone matters") for i in range(6)]
        await asyncio.gather(*(senders[i % 2].event(e) for i, e in enumerate(roots)))
        for e in roots:
            await slack.wait_for("chat.postMessage", timeout=15, where=_reply_in(e))
        # Answers arrive at the other replica than the first message did.
        replies = [
            _dm(
                str(e["channel"]),
                str(e["user"]),
                "we have 30k reviewed examples",
                thread_ts=str(e["ts"]),
            )
            for e in roots
        ]
        await asyncio.gather(*(senders[(i + 1) % 2].event(r) for i, r in enumerate(replies)))
        for e in roots:
            await slack.wait_for("chat.postMessage", count=2, timeout=15, where=_reply_in(e))
        await _settle()
        for e in roots:
            posts = _thread_posts(slack, e)
            assert len(posts) == 2, [p.args.get("text") for p in posts]
    finally:
        a.terminate()
        b.terminate()


async def test_redis_outage_gives_non_2xx_then_recovers_without_loss(
    tmp_path: Path, slack: MockSlack, redis_server: RedisServer
) -> None:
    bot = start_bot(tmp_path, slack.url, redis_server.url)
    sender = SlackSender(bot.events_url)
    try:
        first = _dm("D9", "U9", "support bot, consistent tone matters")
        assert (await sender.event(first)).status == 200
        await slack.wait_for("chat.postMessage", timeout=15, where=_reply_in(first))
        redis_server.kill()
        reply = _dm("D9", "U9", "we have 30k reviewed examples", thread_ts=str(first["ts"]))
        started = time.monotonic()
        down = await sender.event(reply, event_id="EvOutage")
        assert down.status >= 500  # Slack will deliver it again
        assert time.monotonic() - started < 10
        assert bot.get("/readyz") == 503
        assert bot.proc.poll() is None  # still up
        redis_server.start()  # same dir: the AOF brings back what was acked
        await _until(lambda: bot.get("/readyz") == 200)
        again = await sender.event(reply, event_id="EvOutage", retry=1)
        assert again.status == 200
        await slack.wait_for("chat.postMessage", count=2, timeout=15, where=_reply_in(first))
        texts = [str(c.args.get("blocks")) for c in _thread_posts(slack, first)]
        assert "2" in texts[-1]  # the second question: the first turn survived the restart
    finally:
        bot.terminate()


async def test_stalled_redis_fails_fast(
    tmp_path: Path, slack: MockSlack, redis_server: RedisServer
) -> None:
    proxy = await TcpProxy.start("127.0.0.1", redis_server.port)
    bot = start_bot(tmp_path, slack.url, f"redis://127.0.0.1:{proxy.port}/0")
    try:
        sender = SlackSender(bot.events_url)
        ok = await sender.event(_dm("D5", "U5", "hello"))
        assert ok.status == 200
        proxy.blackhole = True
        stalled = await sender.event(_dm("D5", "U5", "hello again"))
        assert stalled.status >= 500
        assert stalled.elapsed < 3.5  # ≈2 s deadline, never a slow 200
    finally:
        bot.kill()
        proxy.close()


async def test_redis_restarted_empty_says_expired_and_starts_over(
    tmp_path: Path, slack: MockSlack
) -> None:
    server = RedisServer(tmp_path / "volatile", appendonly=False)
    server.start()
    bot = start_bot(tmp_path, slack.url, server.url)
    try:
        sender = SlackSender(bot.events_url)
        first = _dm("D7", "U7", "support bot, consistent tone matters")
        await sender.event(first)
        await slack.wait_for("chat.postMessage", timeout=15, where=_reply_in(first))
        server.kill()
        server.start()  # no AOF: empty
        await _until(lambda: bot.get("/readyz") == 200)
        reply = _dm("D7", "U7", "we have 30k reviewed examples", thread_ts=str(first["ts"]))
        assert (await sender.event(reply)).status == 200
        await slack.wait_for("chat.postMessage", count=3, timeout=15, where=_reply_in(first))
        posted = " ".join(str(c.args.get("text")) for c in _thread_posts(slack, first))
        assert "expired" in posted
        assert bot.proc.poll() is None
    finally:
        bot.terminate()
        server.kill()


async def test_slack_429_waits_and_posts_once_and_500_after_landing_is_not_repeated(
    tmp_path: Path, slack: MockSlack, redis_server: RedisServer
) -> None:
    bot = start_bot(tmp_path, slack.url, redis_server.url)
    try:
        sender = SlackSender(bot.events_url)
        slack.fail_next("chat.postMessage", "429")
        first = _dm("D8", "U8", "support bot, consistent tone matters")
        await sender.event(first)
        await slack.wait_for(
            "chat.postMessage", timeout=15, where=lambda c: _reply_in(first)(c) and c.ok
        )
        attempts = [
            c for c in slack.calls_to("chat.postMessage") if c.args.get("thread_ts") == first["ts"]
        ]
        # The first post waited once and went out; what follows it went out as is.
        assert [c.status for c in attempts][:2] == [429, 200]
        assert [c.status for c in attempts].count(429) == 1
        slack.fail_next("chat.postMessage", "500_after_landing")
        second = _dm("D8", "U8", "we have 30k reviewed examples", thread_ts=str(first["ts"]))
        await sender.event(second)
        await slack.wait_for(
            "chat.postMessage",
            count=2,
            timeout=15,
            where=lambda c: _reply_in(first)(c) and c.landed,
        )
        await _settle(2.0)
        assert len(_thread_posts(slack, first)) == 2  # landed once each, no repeat
        landed = [
            str(c.args.get("text"))
            for c in slack.calls_to("chat.postMessage")
            if c.args.get("thread_ts") == first["ts"] and c.landed
        ]
        assert len(landed) == len(set(landed))
    finally:
        bot.terminate()


async def test_sigterm_finishes_started_work_and_exits_cleanly(
    tmp_path: Path, slack: MockSlack, redis_server: RedisServer
) -> None:
    bot = start_bot(tmp_path, slack.url, redis_server.url, EXPLAINER_STATUS_DELAY="0")
    slack.delay("assistant.threads.setStatus", 1.5)
    event = _dm("D6", "U6", "support bot, consistent tone matters")
    assert (await SlackSender(bot.events_url).event(event)).status == 200
    await _until(lambda: bool(slack.calls_to("assistant.threads.setStatus")))
    code = await asyncio.to_thread(bot.terminate)
    assert code == 0
    assert len(_thread_posts(slack, event)) == 1
    # Acknowledgements that were waiting for the next read went out before the exit.
    r = redis.Redis.from_url(redis_server.url)
    try:
        pending = r.xpending("explainer:{inbox}:stream", "workers")
        assert pending["pending"] == 0
        assert r.xlen("explainer:{inbox}:stream") == 0
    finally:
        r.close()


class TcpProxy:
    """Forwards TCP to Redis until told to blackhole: then it reads and never answers."""

    def __init__(self, server: asyncio.Server, target: tuple[str, int]) -> None:
        self.server = server
        self.target = target
        self.blackhole = False

    @property
    def port(self) -> int:
        return int(self.server.sockets[0].getsockname()[1])

    @classmethod
    async def start(cls, host: str, port: int) -> TcpProxy:
        proxy: TcpProxy

        async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            up_r, up_w = await asyncio.open_connection(*proxy.target)

            async def pump(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
                try:
                    while data := await src.read(65536):
                        if not proxy.blackhole:
                            dst.write(data)
                            await dst.drain()
                except (ConnectionError, OSError):
                    pass
                finally:
                    dst.close()

            await asyncio.gather(pump(reader, up_w), pump(up_r, writer))

        server = await asyncio.start_server(handle, "127.0.0.1", 0)
        proxy = cls(server, (host, port))
        return proxy

    def close(self) -> None:
        self.server.close()


async def test_acking_and_working_in_separate_processes(
    tmp_path: Path, slack: MockSlack, redis_server: RedisServer
) -> None:
    front = start_bot(tmp_path, slack.url, redis_server.url, "front", args=("--no-worker",))
    sender = SlackSender(front.events_url)
    event = _dm("D11", "U11", "support bot, consistent tone matters")
    assert (await sender.event(event)).status == 200
    await _settle(1.0)
    assert _thread_posts(slack, event) == []  # persisted, not processed here
    worker = start_bot(tmp_path, slack.url, redis_server.url, "worker", command="worker")
    try:
        await slack.wait_for(
            "chat.postMessage", timeout=15, where=lambda c: c.args.get("thread_ts") == event["ts"]
        )
        assert worker.get("/metrics") == 200 and worker.get("/readyz") == 200
        assert worker.get("/slack/events") in (404, 405)
    finally:
        front.terminate()
        worker.terminate()


async def test_a_slash_command_redone_after_a_failure_keeps_its_first_root_message(
    tmp_path: Path, slack: MockSlack, redis_server: RedisServer
) -> None:
    failed: list[Call] = []

    def post(call: Call) -> dict[str, object]:
        # The first question in a thread fails once, after the root message went out.
        if call.args.get("thread_ts") and not failed:
            failed.append(call)
            return {"ok": False, "error": "internal_error"}
        return slack._chat_post_message(call)

    slack.on("chat.postMessage", post)
    bot = start_bot(tmp_path, slack.url, redis_server.url, EXPLAINER_INBOX_CLAIM_IDLE_MS="500")
    try:
        sent = await SlackSender(bot.events_url).command(
            "support bot, consistent tone matters",
            channel="C77",
            user="U77",
            response_url=slack.response_url("slash"),
        )
        assert sent.status == 200
        await _until(lambda: len(slack.calls_to("chat.postMessage")) >= 3, timeout=20)
        await _settle(1.5)
        posts = [c for c in slack.calls_to("chat.postMessage") if c.args.get("channel") == "C77"]
        roots = [c for c in posts if not c.args.get("thread_ts")]
        assert len(roots) == 1  # the redo found the root it had posted
        root_ts = roots[0].response["ts"] if roots[0].response else ""
        in_thread = [c for c in posts if c.args.get("thread_ts") == root_ts and c not in failed]
        assert len([c for c in in_thread if not _understood(c)]) == 1
        assert len([c for c in in_thread if _understood(c)]) <= 1
    finally:
        bot.terminate()
