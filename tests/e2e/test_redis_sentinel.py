"""Redis Sentinel as the backend: `redis+sentinel://` URLs, the master followed across
failovers, writes confirmed by a replica before they count, and a failover in the middle of
consultations that loses and duplicates nothing.

A master, two replicas and a sentinel are started once for the module (``redis_sentinel`` in
conftest); the tests run in file order, the failovers last.
"""

from __future__ import annotations

import asyncio
import signal
import threading
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import redis
import redis.asyncio as aioredis

from bot.core.state import Consultation, Place
from bot.services import Services
from bot.settings import Settings, parse_redis_url
from bot.store import NotReplicated, RedisConsultationStore, check_ready, connect
from bot.store.inbox import Inbox
from testkit.bot_process import start_bot
from testkit.consultation_run import ConsultationRun
from testkit.mock_slack import MockSlack
from testkit.redis_servers import LocalSentinel, wait_until
from testkit.slack_client import SlackSender

# -- REDIS_URL forms (no server needed) ---------------------------------------------------------


def test_one_server_urls_pass_through_unchanged() -> None:
    for url in ("redis://h:6380/2", "rediss://:pw@h:6380/0", "unix:///tmp/r.sock?db=1"):
        target = parse_redis_url(url)
        assert (target.topology, target.url, target.nodes) == ("server", url, ())


def test_cluster_url_lists_startup_nodes() -> None:
    target = parse_redis_url("redis+cluster://u:p%40ss@10.0.0.1:7000,10.0.0.2,[::1]:7002")
    assert target.topology == "cluster"
    assert target.nodes == (("10.0.0.1", 7000), ("10.0.0.2", 6379), ("::1", 7002))
    assert target.url == "redis://u:p%40ss@10.0.0.1:7000/0"
    assert parse_redis_url("rediss+cluster://h:1/0?ssl_cert_reqs=none").url == (
        "rediss://h:1/0?ssl_cert_reqs=none"
    )


def test_sentinel_url_names_the_service_and_database() -> None:
    target = parse_redis_url(
        "redis+sentinel://:secret@s1,s2:26380/mymaster/3?sentinel_password=s%26p&socket_timeout=2"
    )
    assert target.topology == "sentinel"
    assert target.nodes == (("s1", 26379), ("s2", 26380))
    assert (target.service, target.sentinel_password) == ("mymaster", "s&p")
    assert target.url == "redis://:secret@s1:26379/3?socket_timeout=2"
    assert "secret" not in repr(target) and "s&p" not in repr(target)
    assert parse_redis_url("rediss+sentinel://s1/m").url == "rediss://s1:26379/0"


@pytest.mark.parametrize(
    "url",
    [
        "http://:secret@h/0",
        "redis+cluster://:secret@h:1/2",
        "redis+sentinel://:secret@h:1",
        "redis+sentinel://:secret@h:1/m/x",
        "redis+sentinel://:secret@h:99999/m",
        "redis+cluster://:secret@:1",
        ":secret@h",
    ],
)
def test_malformed_urls_are_refused_without_quoting_them(url: str) -> None:
    with pytest.raises(ValueError, match="REDIS_URL") as refused:
        parse_redis_url(url)
    assert "secret" not in str(refused.value)


async def test_a_malformed_url_stops_start_up_with_a_one_line_reason() -> None:
    settings = Settings(_env_file=None, REDIS_URL="redis+sentinel://:secret@h:1")
    with pytest.raises(SystemExit) as stopped:
        await Services.start(settings)
    assert "service_name" in str(stopped.value) and "secret" not in str(stopped.value)


# -- against a master, two replicas and a sentinel ----------------------------------------------


@pytest.fixture
def prefix() -> str:
    return f"sn-{uuid.uuid4().hex[:8]}"


@pytest.fixture
async def client(redis_sentinel: LocalSentinel) -> AsyncIterator[aioredis.Redis]:
    c = connect(redis_sentinel.url, max_connections=8)
    try:
        yield c
    finally:
        await c.aclose()


async def test_the_url_reaches_the_master_the_sentinel_names(
    client: aioredis.Redis, redis_sentinel: LocalSentinel, prefix: str
) -> None:
    # The first sentinel in the URL is not running: discovery goes on to the next one.
    store = RedisConsultationStore(client, prefix=prefix)
    c = Consultation(
        id="s1", place=Place(surface="dm", channel="D1", thread_ts="1"), user="U1", version=1
    )
    assert await store.save(c, 0)
    master = redis_sentinel.current_master().client()
    assert master.hget(store.state_key("s1"), "v") == b"1"
    ready = await check_ready(client)
    assert (ready.ok, ready.topology) == (True, "sentinel")


async def test_one_server_url_at_a_replica_is_not_ready(redis_sentinel: LocalSentinel) -> None:
    replica = next(n for n in redis_sentinel.data_nodes if n is not redis_sentinel.current_master())
    direct = connect(f"redis://127.0.0.1:{replica.port}/0")
    try:
        assert await RedisConsultationStore(direct).ping()  # what /readyz used to check
        ready = await check_ready(direct)
        assert (ready.ok, ready.topology) == (False, "server")
        assert "replica" in ready.problem
    finally:
        await direct.aclose()


async def test_a_write_no_replica_confirms_is_not_reported_as_done(
    client: aioredis.Redis, redis_sentinel: LocalSentinel, prefix: str
) -> None:
    inbox = Inbox(client, prefix=prefix)
    assert await inbox.accept("before", b"x")
    stopped = [r for r in redis_sentinel.data_nodes if r is not redis_sentinel.current_master()]
    for replica in stopped:  # frozen: connected, but confirming nothing
        assert replica.proc is not None
        replica.proc.send_signal(signal.SIGSTOP)
    try:
        started = time.monotonic()
        with pytest.raises(NotReplicated):  # a RedisError: the ack path answers 503
            await inbox.accept("during", b"y")
        assert time.monotonic() - started < 1.5  # inside the ack path's two seconds
    finally:
        for replica in stopped:
            assert replica.proc is not None
            replica.proc.send_signal(signal.SIGCONT)
    # Slack's retry of the same delivery is then a duplicate: the entry was on the master all
    # along, and it reached the replicas once they were back.
    assert not await inbox.accept("during", b"y")
    assert await inbox.accept("after", b"z")
    assert await client.xlen(inbox.stream) == 3


async def test_a_write_one_of_two_replicas_lacks_is_not_reported_as_done(
    client: aioredis.Redis, redis_sentinel: LocalSentinel, prefix: str
) -> None:
    # The sentinels may promote either replica, so a write only one of them has could be
    # taken back by a failover.
    inbox = Inbox(client, prefix=prefix)
    assert await inbox.accept("before", b"x")
    lagging = next(r for r in redis_sentinel.data_nodes if r is not redis_sentinel.current_master())
    assert lagging.proc is not None
    lagging.proc.send_signal(signal.SIGSTOP)
    try:
        with pytest.raises(NotReplicated):
            await inbox.accept("during", b"y")
    finally:
        lagging.proc.send_signal(signal.SIGCONT)
    assert not await inbox.accept("during", b"y")


async def test_a_replica_that_leaves_does_not_hold_writes_up(
    client: aioredis.Redis, redis_sentinel: LocalSentinel, prefix: str
) -> None:
    inbox = Inbox(client, prefix=prefix)
    assert await inbox.accept("both", b"x")
    master = redis_sentinel.current_master()
    gone = next(r for r in redis_sentinel.data_nodes if r is not master)
    gone.kill()
    try:
        wait_until(lambda: len(master.client().role()[2]) == 1, what="the master sees one replica")
        # Confirmed by the replica still connected: waiting for the one that left would
        # refuse every write.
        assert all([await inbox.accept(f"one-{n}", b"y") for n in range(5)])
    finally:
        gone.start()
        wait_until(lambda: len(master.client().role()[2]) == 2, what="the replica is back")


async def test_a_burst_waits_for_connections_instead_of_failing(
    redis_sentinel: LocalSentinel, prefix: str
) -> None:
    small = connect(redis_sentinel.url, max_connections=4)
    try:
        inbox = Inbox(small, prefix=prefix)
        accepted = await asyncio.gather(*(inbox.accept(f"b{n}", b"x") for n in range(200)))
        assert accepted == [True] * 200
    finally:
        await small.aclose()


async def test_writes_follow_a_failover_and_never_land_on_the_old_master(
    redis_sentinel: LocalSentinel, prefix: str
) -> None:
    wait_until(lambda: len(redis_sentinel.known_replicas()) == 2, what="two replicas")
    busy = connect(redis_sentinel.url)  # writes right after the failover
    idle = connect(redis_sentinel.url)  # writes once the old master is demoted
    try:
        inbox, later = Inbox(busy, prefix=prefix), Inbox(idle, prefix=prefix)
        # Both pools now hold connections to the master.
        assert await inbox.accept("before", b"x") and await later.accept("before-2", b"x")
        old = redis_sentinel.current_master()
        redis_sentinel.sentinel.client().sentinel_failover(LocalSentinel.SERVICE)
        new = redis_sentinel.wait_for_new_master(old.port)
        # The old master is still up and still a master (the sentinel demotes it seconds
        # later), but its replicas left it: it refuses writes (min-replicas-to-write), no
        # replica confirms them, and the client asks the sentinel again.
        assert old.client().role()[0] == b"master"
        assert await inbox.accept("after", b"y")
        # Demoted, it refuses writes (READONLY) and cannot confirm them: the client that
        # still had connections to it asks the sentinel again.
        old.client().replicaof("127.0.0.1", new.port)
        assert await later.accept("after-2", b"y")
        for key in ("after", "after-2"):
            assert new.client().exists(f"{prefix}:{{inbox}}:seen:{key}") == 1
        assert (await check_ready(busy)).ok and (await check_ready(idle)).ok
    finally:
        await busy.aclose()
        await idle.aclose()


@pytest.fixture
def fresh_sentinel(tmp_path: Path) -> Iterator[LocalSentinel]:
    """A group of its own: the module's has been through failovers."""
    group = LocalSentinel(tmp_path / "group")
    group.start()
    try:
        yield group
    finally:
        group.stop()


@pytest.mark.e2e
async def test_e2e_a_master_crash_mid_consultation_loses_and_duplicates_nothing(
    fresh_sentinel: LocalSentinel, tmp_path: Path
) -> None:
    redis_sentinel = fresh_sentinel
    slack = MockSlack()
    slack.start_in_thread()
    bot = start_bot(tmp_path, slack.url, redis_sentinel.url, EXPLAINER_INBOX_CLAIM_IDLE_MS="5000")
    watching = threading.Event()
    demoted_master_writes: list[int] = []
    try:
        assert bot.get("/readyz") == 200
        run = ConsultationRun(slack, [SlackSender(bot.events_url)])
        n = 6
        threads = await asyncio.gather(
            *(run.start(i, "Support bot: tone must stay consistent") for i in range(n))
        )
        await asyncio.gather(*(run.answered(t, 1) for t in threads))
        old = redis_sentinel.current_master()
        # Half the replies are accepted and being worked on when the master dies; the rest
        # arrive during the failover and are refused until a replica is promoted.
        text = "we have 20k reviewed examples"
        await asyncio.gather(*(run.reply(i, threads[i], text) for i in range(n // 2)))
        killed = time.monotonic()
        old.kill()
        ready, *_ = await asyncio.gather(
            asyncio.to_thread(bot.get, "/readyz"),
            *(run.reply(i, threads[i], text) for i in range(n // 2, n)),
        )
        assert ready == 503
        new = redis_sentinel.wait_for_new_master(old.port)
        failover_s = time.monotonic() - killed
        # The old master comes back empty and, until the sentinel demotes it, a master:
        # nothing may be written to it.
        old.start()

        def watch() -> None:
            c = old.client()
            while watching.is_set():
                try:
                    if c.role()[0] == b"master" and c.dbsize():
                        demoted_master_writes.append(int(c.dbsize()))
                except redis.RedisError:
                    pass
                time.sleep(0.05)

        watching.set()
        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        await asyncio.gather(*(run.decide(i, t) for i, t in enumerate(threads)))
        await run.finished()
        await asyncio.sleep(1.0)  # anything posted twice would be posted by now
        result = run.check()
        print(f"\nsentinel: {result}, failover {failover_s:.1f} s, new master :{new.port}")
        assert result["completed"] == n
        assert (result["lost"], result["duplicated"], result["unexpected"]) == (0, 0, 0)
        assert demoted_master_writes == []
        assert bot.get("/readyz") == 200
        assert bot.proc.poll() is None
    finally:
        watching.clear()
        bot.terminate()
        print(bot.logs()[-4000:])  # shown when the test fails: what the bot saw of the failover
        slack.stop()
