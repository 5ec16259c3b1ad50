"""Redis Cluster as the backend: `redis+cluster://` URLs, scripts per slot, forget across
slots, bursts that queue, readiness per master, and two `explainer serve` replicas finishing
interleaved consultations while the inbox's slot migrates.

A three-master cluster is started once for the module (``redis_cluster`` in conftest).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import threading
import time
import uuid
import warnings
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import redis
import redis.asyncio as aioredis
from redis.asyncio.cluster import RedisCluster
from redis.crc import key_slot
from redis.exceptions import MaxConnectionsError
from slack_sdk.oauth.installation_store.models.installation import Installation

from bot.core.state import Consultation, Place
from bot.slack.oauth import RedisInstallationStore
from bot.store import RedisConsultationStore, check_ready, connect
from bot.store.health import warm_up
from bot.store.inbox import Inbox
from testkit.bot_process import start_bot
from testkit.consultation_run import ConsultationRun
from testkit.mock_slack import MockSlack
from testkit.redis_servers import LocalCluster, RedisProcess
from testkit.slack_client import SlackSender


def _keyslot(key: str) -> int:
    return int(key_slot(key.encode()))


def _owner(cluster: LocalCluster, key: str) -> RedisProcess:
    return cluster.owner(_keyslot(key))


@pytest.fixture
def prefix() -> str:
    return f"cl-{uuid.uuid4().hex[:8]}"


@pytest.fixture
async def client(redis_cluster: LocalCluster) -> AsyncIterator[aioredis.Redis]:
    c = connect(redis_cluster.url, max_connections=8)
    try:
        yield c
    finally:
        await c.aclose()


def _keys(cluster: LocalCluster, pattern: str) -> list[bytes]:
    return [k for node in cluster.nodes for k in node.client().scan_iter(match=pattern)]


def _consultation(cid: str, user: str, thread: str) -> Consultation:
    return Consultation(
        id=cid, place=Place(surface="dm", channel="D1", thread_ts=thread), user=user, version=1
    )


async def test_the_url_builds_a_cluster_client_from_any_node(
    redis_cluster: LocalCluster, prefix: str
) -> None:
    # Only the node that does NOT own the inbox's slot is named: the client finds the rest
    # (before, a standalone client got MOVED on every request).
    inbox_node = _owner(redis_cluster, f"{prefix}:{{inbox}}:stream")
    other = next(n for n in redis_cluster.nodes if n is not inbox_node)
    c = connect(f"redis+cluster://127.0.0.1:{other.port}")
    try:
        assert isinstance(c, RedisCluster)
        inbox = Inbox(c, prefix=prefix)
        assert await inbox.accept("k1", b"one")
        assert not await inbox.accept("k1", b"again")
        assert [e.payload for e in await inbox.read(block_ms=100)] == [b"one"]
    finally:
        await c.aclose()


async def test_store_round_trip_with_keys_on_several_masters(
    client: aioredis.Redis, redis_cluster: LocalCluster, prefix: str
) -> None:
    store = RedisConsultationStore(client, prefix=prefix)
    ids = [f"c{n}" for n in range(12)]
    for n, cid in enumerate(ids):
        c = _consultation(cid, "U1", f"{n}.0")
        assert await store.save(c, 0)
        assert not await store.save(c, 0)  # a replay applies once
        assert await store.save(c.model_copy(update={"version": 2, "turns": 1}), 1)
        assert await store.find_by_place(c.place.key()) == cid
    # The consultations' slots are spread over the masters, and each save also wrote the
    # user index and the place binding, in other slots.
    owners = {_owner(redis_cluster, store.state_key(cid)).port for cid in ids}
    assert len(owners) >= 2
    assert {c.id for c in await store.recent_for_user("U1", limit=20)} == set(ids)
    assert await store.bind_place("slash:T1:C1:9.0", "first", "U2") == "first"
    assert await store.bind_place("slash:T1:C1:9.0", "second", "U3") == "first"
    await store.record_feedback("c1", "U2", "up")
    await store.record_feedback("c1", "U3", "down")
    assert await store.feedback("c1") == {"U2": "up", "U3": "down"}
    await store.remember("root:1", "1.0", user="U1")
    assert await store.lookup("root:1") == "1.0"


async def test_scripts_are_loaded_again_on_every_master_after_a_flush(
    client: aioredis.Redis, redis_cluster: LocalCluster, prefix: str
) -> None:
    store = RedisConsultationStore(client, prefix=prefix)
    inbox = Inbox(client, prefix=prefix)
    first = [_consultation(f"f{n}", "U1", f"{n}.0") for n in range(6)]
    for c in first:
        assert await store.save(c, 0)
    assert await inbox.accept("before", b"x")
    for node in redis_cluster.nodes:  # what a restarted or new master looks like
        node.client().script_flush()
    for c in first:
        assert await store.save(c.model_copy(update={"version": 2}), 1)
        assert not await store.save(c.model_copy(update={"version": 2}), 1)
    assert await inbox.accept("after", b"y")
    await store.record_feedback("f1", "U2", "up")
    await store.remember("m", "v", user="U2")
    assert await store.forget_user("U1") == 6
    assert await store.feedback("f1") == {}


async def test_forget_user_deletes_across_slots_and_keeps_others(
    client: aioredis.Redis, redis_cluster: LocalCluster, prefix: str
) -> None:
    store = RedisConsultationStore(client, prefix=prefix)
    inbox = Inbox(client, prefix=prefix)
    mine = [_consultation(f"m{n}", "U1", f"{n}.0") for n in range(15)]
    for c in mine:
        assert await store.save(c, 0, outbox=(f"op-{c.id}", b"replies"))
    await store.bind_place("slash:T1:C9:1.0", "stub", "U1")  # bound, never saved
    theirs = _consultation("o1", "U2", "99.0")
    assert await store.save(theirs, 0)
    await store.record_feedback("o1", "U1", "up")
    await store.record_feedback("o1", "U2", "down")
    await store.remember("root:x", "1.0", user="U1")
    await inbox.dead_letter("0-1", b'{"user": "U1", "text": "words"}')
    assert await store.forget_user("U1") == 15
    left = [
        k
        for k in _keys(redis_cluster, f"{prefix}:*")
        if b"U1" in k or any(f"{{c:m{n}}}".encode() in k for n in range(15))
    ]
    assert left == []
    assert await store.find_by_place("slash:T1:C9:1.0") is None
    assert await store.load("o1") == theirs
    assert await store.feedback("o1") == {"U2": "down"}
    assert await client.xlen(f"{prefix}:{{inbox}}:dead") == 0


async def test_a_thread_binding_in_another_slot_is_read_before_the_accept(
    client: aioredis.Redis, redis_cluster: LocalCluster, prefix: str
) -> None:
    inbox = Inbox(client, prefix=prefix, per_user=2, per_thread=2)
    inbox_node = _owner(redis_cluster, inbox.stream)
    # A binding whose slot is on another master: one script reading it would be cross-slot.
    binding = next(
        k
        for n in range(200)
        if _owner(redis_cluster, k := f"{prefix}:place:{{T1:C1:{n}.0}}") is not inbox_node
    )
    for n in range(4):
        status = await inbox.accept_message(
            f"msg:C1:{n}", b"chatter", b"notice", user="u", thread="t", thread_binding=binding
        )
        assert status == "accepted"  # not the bot's thread: no budget used
    await client.set(binding, "c1")
    statuses = [
        await inbox.accept_message(
            f"msg:C1:1{n}", b"turn", b"notice", user="u", thread="t", thread_binding=binding
        )
        for n in range(3)
    ]
    assert statuses == ["accepted", "accepted", "limited:user"]


async def test_a_burst_waits_for_connections_instead_of_failing(
    redis_cluster: LocalCluster, prefix: str
) -> None:
    plain = RedisCluster.from_url(
        f"redis://127.0.0.1:{redis_cluster.nodes[0].port}", max_connections=4
    )
    queued = connect(redis_cluster.url, max_connections=4)
    try:
        with warnings.catch_warnings():
            # What the client alone does: a node out of connections fails the command at once,
            # and on a busy machine it may drop a connection it was opening without closing it.
            # That is the failure shown here, not a leak of the product's.
            warnings.simplefilter("ignore", ResourceWarning)
            try:
                results = await asyncio.gather(
                    *(plain.set(f"{prefix}:{{inbox}}:x{n}", 1) for n in range(200)),
                    return_exceptions=True,
                )
            finally:
                await plain.aclose()
                gc.collect()
        assert any(isinstance(r, MaxConnectionsError) for r in results)
        inbox = Inbox(queued, prefix=prefix)
        accepted = await asyncio.gather(*(inbox.accept(f"b{n}", b"x") for n in range(200)))
        assert accepted == [True] * 200
    finally:
        await queued.aclose()


async def test_warm_up_opens_the_pool_on_every_master(redis_cluster: LocalCluster) -> None:
    def ours() -> list[int]:
        return [
            sum(c.get("name") == "warm" for c in n.client().client_list())
            for n in redis_cluster.nodes
        ]

    # Query options reach every node's connections (here, the name they give themselves).
    c = connect(redis_cluster.url + "?client_name=warm", max_connections=5)
    try:
        await warm_up(c)
        # (plus, on the first node named, the connection that discovered the cluster)
        assert all(count >= 5 for count in ours()), ours()
    finally:
        await c.aclose()


async def test_readiness_says_when_a_cluster_node_is_named_as_one_server(
    redis_cluster: LocalCluster,
) -> None:
    single = connect(f"redis://127.0.0.1:{redis_cluster.nodes[0].port}/0")
    try:
        ready = await check_ready(single)  # a PING would pass; most keys would get MOVED
        assert not ready.ok and "redis+cluster://" in ready.problem
    finally:
        await single.aclose()


async def test_installations_revoke_in_one_slot_transaction(
    client: aioredis.Redis, prefix: str
) -> None:
    store = RedisInstallationStore(client, "111.222", prefix=prefix)
    await store.async_save(
        Installation(
            app_id="A1",
            team_id="T1",
            user_id="U1",
            bot_token="xoxb-1",
            bot_id="B1",
            bot_user_id="UB1",
            installed_at=time.time(),
        )
    )
    found = await store.async_find_bot(enterprise_id=None, team_id="T1")
    assert found is not None and found.bot_token == "xoxb-1"
    await store.async_delete_bot(enterprise_id=None, team_id="T1")  # WATCH/MULTI on one slot
    assert await store.async_find_bot(enterprise_id=None, team_id="T1") is None


@pytest.mark.e2e
async def test_e2e_two_replicas_finish_interleaved_consultations_while_the_inbox_slot_moves(
    redis_cluster: LocalCluster, tmp_path: Path
) -> None:
    slack = MockSlack()
    slack.start_in_thread()
    bots = []
    try:
        inbox_slot = _keyslot("explainer:{inbox}:stream")
        source = redis_cluster.owner(inbox_slot)
        # One replica names only a node without the inbox's slot.
        elsewhere = next(n for n in redis_cluster.nodes if n is not source)
        for name, url in (
            ("a", redis_cluster.url),
            ("b", f"redis+cluster://127.0.0.1:{elsewhere.port}"),
        ):
            bots.append(start_bot(tmp_path, slack.url, url, name))
        for bot in bots:
            assert bot.get("/readyz") == 200
        run = ConsultationRun(slack, [SlackSender(b.events_url) for b in bots])
        n = 6
        threads = await asyncio.gather(
            *(run.start(i, "Support bot: tone must stay consistent") for i in range(n))
        )
        await asyncio.gather(*(run.answered(t, 1) for t in threads))
        # The second turns arrive while the inbox's slot is moving to another master.
        target = next(x for x in redis_cluster.nodes if x is not source)
        migrating = threading.Event()
        started = time.monotonic()
        moving = asyncio.create_task(
            asyncio.to_thread(
                redis_cluster.migrate, inbox_slot, target, batch=5, hold=1.5, migrating=migrating
            )
        )
        await asyncio.to_thread(migrating.wait, 10)
        await asyncio.gather(
            *(run.reply(i, t, "we have 20k reviewed examples") for i, t in enumerate(threads))
        )
        await moving
        migration_s = time.monotonic() - started
        assert redis_cluster.owner(inbox_slot) is target
        assert run.check()["refused"] > 0  # the moving slot was in the way (503, delivered again)
        await asyncio.gather(*(run.decide(i, t) for i, t in enumerate(threads)))
        await run.finished()
        await asyncio.sleep(1.0)  # anything posted twice would be posted by now
        result = run.check()
        print(f"\ncluster: {result}, inbox slot migration {migration_s:.1f} s")
        assert result["completed"] == n
        assert (result["lost"], result["duplicated"], result["unexpected"]) == (0, 0, 0)
        for bot in bots:
            assert bot.proc.poll() is None
            assert bot.get("/readyz") == 200
    finally:
        for bot in bots:
            bot.terminate()
        slack.stop()


async def test_zz_readiness_fails_while_a_master_is_down(redis_cluster: LocalCluster) -> None:
    """Last in the module: it stops one master (and starts it again)."""
    c = connect(redis_cluster.url)
    try:
        ready = await check_ready(c)
        assert ready.ok and ready.topology == "cluster"
        down = redis_cluster.nodes[2]
        down.kill()
        ready = await check_ready(c)
        assert not ready.ok
        assert str(down.port) in ready.problem
        down.start()  # its nodes.conf brings it back with its slots
        deadline = time.monotonic() + 15
        while not (await check_ready(c)).ok:
            assert time.monotonic() < deadline, (await check_ready(c)).problem
            await asyncio.sleep(0.2)
    finally:
        await c.aclose()


@pytest.fixture(autouse=True)
def _no_leftover_prefix_keys(redis_cluster: LocalCluster, prefix: str) -> Iterator[None]:
    yield
    for node in redis_cluster.nodes:
        with contextlib.suppress(redis.RedisError):
            c = node.client()
            for key in list(c.scan_iter(match=f"{prefix}:*")):
                c.delete(key)
