"""RedisConsultationStore against a real Redis server."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest
import redis.asyncio as aioredis
from redis.crc import key_slot

from bot.core.decision import Outcome
from bot.core.facts import (
    ChangeRate,
    DataAmount,
    DocsChange,
    FactName,
    Facts,
    Goal,
    PromptingStatus,
    Quality,
    Urgency,
    Volume,
)
from bot.core.state import (
    SCHEMA_VERSION,
    Consultation,
    Place,
    Revision,
    Status,
    Usage,
)
from bot.store import CorruptStateError, RedisConsultationStore, StateVersionError, connect
from bot.store.consultation_scripts import SAVE as _SAVE

if TYPE_CHECKING:
    from testkit.redis_servers import RedisServer

RETENTION = 3600


@pytest.fixture
def store(redis_client: aioredis.Redis, redis_prefix: str) -> RedisConsultationStore:
    return RedisConsultationStore(redis_client, prefix=redis_prefix, retention_seconds=RETENTION)


def new_id() -> str:
    return uuid.uuid4().hex


def make(
    cid: str | None = None,
    *,
    user: str = "U1",
    thread_ts: str | None = None,
    version: int = 1,
    updated_at: float = 1_700_000_000.0,
    **update: Any,
) -> Consultation:
    place = Place(surface="mention", team="T1", channel="C1", thread_ts=thread_ts or new_id())
    return Consultation(
        id=cid or new_id(),
        version=version,
        place=place,
        user=user,
        created_at=updated_at,
        updated_at=updated_at,
        **update,
    )


def bump(c: Consultation, **update: Any) -> Consultation:
    return c.model_copy(update={"version": c.version + 1, **update})


def typical() -> Consultation:
    """A consultation as it looks when a decision is reached: 8+ facts, a few turns."""
    facts = Facts(
        goals=frozenset({Goal.CONSISTENCY, Goal.ACCURACY}),
        top_goal=Goal.CONSISTENCY,
        change_rate=ChangeRate.RARELY,
        urgency=Urgency.NORMAL,
        data_amount=DataAmount.PLENTY,
        data_examples=20_000,
        data_quality=Quality.HIGH,
        volume=Volume.HIGH,
        prompting=PromptingStatus.CEILING,
        docs_change=DocsChange.RARELY,
        eval_set=True,
        use_case="고객지원 봇: 회사 톤과 답변 형식을 항상 일정하게",
    )
    return make(
        "c" + new_id(),
        user="U0123ABCDEF",
        thread_ts="1716200000.123456",
        lang="ko",
        facts=facts,
        sources={FactName.TOP_GOAL: 1, FactName.DATA_EXAMPLES: 2, FactName.VOLUME: 3},
        asked=(FactName.DATA_QUALITY, FactName.VOLUME, FactName.PROMPTING),
        turns=5,
        status=Status.DECIDED,
        revisions=(Revision(outcome=Outcome.FINE_TUNING, turn=5),),
        applied=tuple(f"msg:C0123ABCDEF:17162000{i:02d}.123456" for i in range(6)),
        usage=Usage(calls=9, input_tokens=14_000, output_tokens=1_800, cost_usd=0.0712),
    )


async def zmembers(client: aioredis.Redis, key: str) -> set[str]:
    return {text(m) for m in await client.zrange(key, 0, -1)}


def text(value: object) -> str:
    assert isinstance(value, bytes)
    return value.decode()


async def scan_all(client: aioredis.Redis, prefix: str) -> list[str]:
    return sorted([k.decode() async for k in client.scan_iter(match=f"{prefix}:*", count=500)])


async def test_round_trip(store: RedisConsultationStore) -> None:
    c = typical()
    assert await store.save(c, 0)
    loaded = await store.load(c.id)
    assert loaded == c


async def test_load_missing_is_none(store: RedisConsultationStore) -> None:
    assert await store.load("nope") is None


async def test_save_checks_the_next_version(store: RedisConsultationStore) -> None:
    with pytest.raises(ValueError, match="expected_version"):
        await store.save(make(version=1), 1)
    with pytest.raises(ValueError, match="expected_version"):
        await store.save(make(version=0), 0)
    with pytest.raises(ValueError, match=">= 0"):
        await store.save(make(version=0), -1)


async def test_cas_conflict_returns_false(store: RedisConsultationStore) -> None:
    c1 = make()
    assert await store.save(c1, 0)
    # Creating again over an existing consultation loses.
    assert not await store.save(make(c1.id, turns=9), 0)
    c2 = bump(c1, turns=1)
    assert await store.save(c2, 1)
    # A writer that loaded version 1 before c2 landed must not overwrite it.
    stale = bump(c1, turns=7)
    assert not await store.save(stale, 1)
    # Nor may one that skips ahead.
    assert not await store.save(make(c1.id, version=5, turns=8), 4)
    assert await store.load(c1.id) == c2


async def test_replayed_save_applies_once(
    store: RedisConsultationStore, redis_client: aioredis.Redis
) -> None:
    c1 = make()
    assert await store.save(c1, 0)
    assert not await store.save(c1, 0)
    c2 = bump(c1, turns=1, applied=("op-1",))
    assert await store.save(c2, 1)
    assert not await store.save(c2, 1)
    assert await redis_client.hget(store.state_key(c1.id), "v") == b"2"
    assert await store.load(c1.id) == c2


async def test_concurrent_writers_lose_nothing(store: RedisConsultationStore) -> None:
    writers = 20
    base = make()
    assert await store.save(base, 0)
    attempts = 0

    async def writer(i: int) -> None:
        nonlocal attempts
        op = f"op-{i}"
        while True:
            attempts += 1
            current = await store.load(base.id)
            assert current is not None
            updated = bump(current, turns=current.turns + 1, applied=(*current.applied, op))
            if await store.save(updated, current.version):
                return
            await asyncio.sleep(0)

    await asyncio.gather(*(writer(i) for i in range(writers)))
    final = await store.load(base.id)
    assert final is not None
    assert final.turns == writers
    assert sorted(final.applied) == sorted(f"op-{i}" for i in range(writers))
    assert final.version == writers + 1
    assert attempts > writers  # the writers really did collide


async def test_ttl_is_set_and_refreshed_on_save(
    store: RedisConsultationStore, redis_client: aioredis.Redis
) -> None:
    c1 = make()
    assert await store.save(c1, 0)
    assert await store.bind_place(c1.place.key(), c1.id, c1.user) == c1.id
    keys = [
        store.state_key(c1.id),
        store.place_key(c1.place.key()),
        store.user_key(c1.user),
    ]
    for key in keys:
        assert RETENTION - 5 < await redis_client.ttl(key) <= RETENTION
        await redis_client.expire(key, 10)
    assert await store.save(bump(c1, turns=1), 1)
    for key in keys:
        assert RETENTION - 5 < await redis_client.ttl(key) <= RETENTION


async def test_expired_consultation_loads_as_none(
    store: RedisConsultationStore, redis_client: aioredis.Redis
) -> None:
    c1 = make()
    assert await store.save(c1, 0)
    await redis_client.pexpire(store.state_key(c1.id), 1)
    await asyncio.sleep(0.02)
    assert await store.load(c1.id) is None


async def test_bind_place_race_has_one_winner(
    store: RedisConsultationStore, redis_client: aioredis.Redis
) -> None:
    place = make().place.key()
    a, b = new_id(), new_id()
    bound = await asyncio.gather(store.bind_place(place, a, "UA"), store.bind_place(place, b, "UB"))
    assert bound[0] == bound[1]
    assert bound[0] in {a, b}
    assert await store.find_by_place(place) == bound[0]
    assert RETENTION - 5 < await redis_client.ttl(store.place_key(place)) <= RETENTION
    # The winner is indexed for its user; the loser's index entry points at a stub that loads
    # as nothing, so its history drops it (and forget_user leaves the winner's place alone).
    winner_user, loser_user = ("UA", "UB") if bound[0] == a else ("UB", "UA")
    assert await redis_client.zrange(store.user_key(winner_user), 0, -1) == [bound[0].encode()]
    assert await store.recent_for_user(loser_user) == []
    assert await store.forget_user(loser_user) == 0
    assert await store.find_by_place(place) == bound[0]
    # A later binder sees the same id.
    assert await store.bind_place(place, new_id(), "UC") == bound[0]


async def test_find_by_place_unbound_is_none(store: RedisConsultationStore) -> None:
    assert await store.find_by_place("dm:T1:D1:1.2") is None


async def test_bound_but_unsaved_consultation_loads_as_none(store: RedisConsultationStore) -> None:
    c1 = make()
    assert await store.bind_place(c1.place.key(), c1.id, c1.user) == c1.id
    assert await store.load(c1.id) is None
    # The first save over the stub is a normal create.
    assert await store.save(c1, 0)
    assert await store.load(c1.id) == c1


async def test_recent_for_user_newest_first_skipping_expired(
    store: RedisConsultationStore, redis_client: aioredis.Redis
) -> None:
    made = [make(user="U1", updated_at=1_700_000_000.0 + i) for i in range(5)]
    for c in made:
        assert await store.save(c, 0)
    assert await store.save(make(user="U2"), 0)

    recent = await store.recent_for_user("U1", limit=3)
    assert [c.id for c in recent] == [made[4].id, made[3].id, made[2].id]

    # Later activity moves a consultation to the front.
    assert await store.save(bump(made[0], updated_at=1_800_000_000.0), 1)
    assert (await store.recent_for_user("U1", limit=1))[0].id == made[0].id

    # Expire the two newest ones: they are skipped, the limit is still filled, and the index
    # forgets them.
    for c in (made[0], made[4]):
        await redis_client.pexpire(store.state_key(c.id), 1)
    await asyncio.sleep(0.02)
    recent = await store.recent_for_user("U1", limit=3)
    assert [c.id for c in recent] == [made[3].id, made[2].id, made[1].id]
    assert await zmembers(redis_client, store.user_key("U1")) == {c.id for c in made[1:4]}
    assert await store.recent_for_user("U1", limit=0) == []
    assert await store.recent_for_user("nobody") == []


async def test_recent_for_user_skips_unreadable_blob(
    store: RedisConsultationStore, redis_client: aioredis.Redis
) -> None:
    good, bad = make(updated_at=1.0), make(updated_at=2.0)
    assert await store.save(good, 0)
    assert await store.save(bad, 0)
    await redis_client.hset(store.state_key(bad.id), "b", b'{"schema_version":99}')
    assert [c.id for c in await store.recent_for_user("U1")] == [good.id]


async def test_forget_user_removes_everything(
    store: RedisConsultationStore, redis_client: aioredis.Redis, redis_prefix: str
) -> None:
    user = "U-forget-me"
    saved = [make(user=user, updated_at=float(i)) for i in range(3)]
    for c in saved:
        assert await store.save(c, 0)
    for c in saved[:2]:
        assert await store.bind_place(c.place.key(), c.id, user) == c.id
    stub = make(user=user)  # bound, never saved
    assert await store.bind_place(stub.place.key(), stub.id, user) == stub.id
    other = make(user="U-keep")
    assert await store.save(other, 0)
    assert await store.bind_place(other.place.key(), other.id, other.user) == other.id

    assert await store.forget_user(user) == 3

    mine = {user, *(c.id for c in [*saved, stub]), *(c.place.thread_ts for c in [*saved, stub])}
    keys = await scan_all(redis_client, redis_prefix)
    leftovers = [k for k in keys if any(token in k for token in mine)]
    assert leftovers == []
    # Nor inside the values of what is left (the other user's state, place and index).
    for key in keys:
        kind = await redis_client.type(key)
        if kind == b"hash":
            values = {text(v) for v in (await redis_client.hgetall(key)).values()}
        elif kind == b"zset":
            values = await zmembers(redis_client, key)
        else:
            values = {text(await redis_client.get(key))}
        assert not [v for v in values for token in mine if token in v]
    assert await store.recent_for_user(user) == []
    for c in saved:
        assert await store.load(c.id) is None
        assert await store.find_by_place(c.place.key()) is None
    # Other users' data stays.
    assert await store.load(other.id) == other
    assert await store.find_by_place(other.place.key()) == other.id
    assert await store.forget_user(user) == 0


async def test_forget_user_keeps_a_place_rebound_to_someone_else(
    store: RedisConsultationStore, redis_client: aioredis.Redis
) -> None:
    mine = make(user="U1")
    assert await store.save(mine, 0)
    place = mine.place.key()
    assert await store.find_by_place(place) == mine.id  # the first save bound it
    # The binding expired and another consultation took the place over.
    await redis_client.delete(store.place_key(place))
    theirs = make(user="U2", thread_ts=mine.place.thread_ts)
    assert await store.bind_place(place, theirs.id, "U2") == theirs.id
    assert await store.forget_user("U1") == 1
    assert await store.find_by_place(place) == theirs.id


async def test_typical_blob_is_small(
    store: RedisConsultationStore, redis_client: aioredis.Redis
) -> None:
    c = typical()
    assert len(c.facts.known()) >= 8
    blob = c.to_blob()
    assert len(blob) < 2048, len(blob)
    assert await store.save(c, 0)
    stored = await redis_client.hget(store.state_key(c.id), "b")
    assert stored == blob
    assert json.loads(blob)["schema_version"] == SCHEMA_VERSION


def hash_tag(key: str) -> str:
    start = key.index("{")
    return key[start + 1 : key.index("}", start + 1)]


async def test_keys_use_cluster_hash_tags(store: RedisConsultationStore) -> None:
    # CRC16/XMODEM check value from the Redis Cluster spec.
    assert key_slot(b"123456789") == 12739
    cid = new_id()
    state = store.state_key(cid)
    assert state == f"{store.prefix}:{{c:{cid}}}"
    assert hash_tag(state) == f"c:{cid}"
    # Any further per-consultation key built on the state key lands in the same slot.
    for related in (state, f"{state}:inbox", f"{state}:lock"):
        assert key_slot(related.encode()) == key_slot(f"c:{cid}".encode())
    assert hash_tag(store.place_key("mention:T1:C1:1.2")) == "mention:T1:C1:1.2"
    assert hash_tag(store.user_key("U1")) == "U1"
    # Indexes share their owner's slot: a consultation's reply copies, a user's votes and marks.
    for related in (store.outbox_key(cid, "op"), store.outbox_names_key(cid)):
        assert hash_tag(related) == f"c:{cid}"
    assert hash_tag(store.votes_key("U1")) == hash_tag(store.marks_key("U1")) == "U1"


async def test_newer_schema_raises_state_version_error(
    store: RedisConsultationStore, redis_client: aioredis.Redis
) -> None:
    c = make()
    assert await store.save(c, 0)
    future = json.loads(c.to_blob())
    future.update(schema_version=SCHEMA_VERSION + 1, something_new=[1, 2])
    await redis_client.hset(store.state_key(c.id), "b", json.dumps(future))
    with pytest.raises(StateVersionError, match=r"schema_version 2") as info:
        await store.load(c.id)
    assert info.value.found == SCHEMA_VERSION + 1


@pytest.mark.parametrize("blob", [b"not json", b"[1]", b'{"schema_version":1,"id":"x"}'])
async def test_corrupt_blob_raises(
    store: RedisConsultationStore, redis_client: aioredis.Redis, blob: bytes
) -> None:
    await redis_client.hset(store.state_key("x"), "b", blob)
    with pytest.raises(CorruptStateError):
        await store.load("x")


async def test_works_with_a_decoding_client(redis_url: str, redis_prefix: str) -> None:
    client = aioredis.Redis.from_url(redis_url, decode_responses=True)
    try:
        store = RedisConsultationStore(client, prefix=redis_prefix)
        c = typical()
        assert await store.save(c, 0)
        assert await store.bind_place(c.place.key(), c.id, c.user) == c.id
        assert await store.load(c.id) == c
        assert await store.find_by_place(c.place.key()) == c.id
        assert [x.id for x in await store.recent_for_user(c.user)] == [c.id]
        await store.record_feedback(c.id, c.user, "up")
        await store.record_feedback("someone-elses", c.user, "down")
        await store.remember("root:cmd:1", "1.0", user=c.user)
        assert await store.lookup("root:cmd:1") == "1.0"
        await client.xadd(f"{redis_prefix}:{{inbox}}:dead", {"p": f'{{"user":"{c.user}"}}'})
        assert await store.forget_user(c.user) == 1
        assert [k async for k in client.scan_iter(match=f"{redis_prefix}:*")] == [
            f"{redis_prefix}:{{inbox}}:dead"  # a stream stays, empty
        ]
        assert await client.xlen(f"{redis_prefix}:{{inbox}}:dead") == 0
    finally:
        await client.aclose()


def test_constructor_validates() -> None:
    client = aioredis.Redis()
    with pytest.raises(ValueError, match="braces"):
        RedisConsultationStore(client, prefix="a{b}")
    with pytest.raises(ValueError, match="braces"):
        RedisConsultationStore(client, prefix="")
    with pytest.raises(ValueError, match="positive"):
        RedisConsultationStore(client, retention_seconds=0)


async def test_ping(store: RedisConsultationStore) -> None:
    assert await store.ping()


async def test_ping_is_false_when_redis_is_down(
    redis_server_factory: Callable[..., RedisServer],
) -> None:
    server = redis_server_factory()
    client = aioredis.Redis.from_url(server.url, socket_connect_timeout=0.5)
    try:
        store = RedisConsultationStore(client)
        assert await store.ping()
        server.kill()
        assert not await store.ping()
    finally:
        await client.aclose()


async def test_store_survives_a_redis_crash_and_restart(
    redis_server_factory: Callable[..., RedisServer],
) -> None:
    server = redis_server_factory(appendonly=True)
    client = connect(server.url)
    try:
        store = RedisConsultationStore(client)
        c1 = make()
        assert await store.save(c1, 0)
        c2 = bump(c1, turns=1)
        assert await store.save(c2, 1)
        server.kill()
        server.start()
        # The same client reconnects (connect() retries on a dropped connection); the AOF
        # (fsync always in this server) kept the state, the version field included, so CAS
        # continues where it stopped.
        assert await store.load(c1.id) == c2
        assert not await store.save(c2, 1)
        assert await store.save(bump(c2, turns=2), 2)
    finally:
        await client.aclose()


async def test_save_survives_a_flushed_script_cache(
    redis_client: aioredis.Redis, redis_prefix: str
) -> None:
    """After a Redis restart the scripts are gone; a save loads them and still applies once."""
    store = RedisConsultationStore(redis_client, prefix=redis_prefix)
    first = Consultation(
        id="flush1", place=Place(surface="dm", channel="D1", thread_ts="1"), user="U1", version=1
    )
    assert await store.save(first, expected_version=0)
    await redis_client.script_flush()
    second = first.model_copy(update={"version": 2, "turns": 1})
    assert await store.save(second, expected_version=1)
    loaded = await store.load("flush1")
    assert loaded is not None and loaded.version == 2 and loaded.turns == 1
    assert not await store.save(second, expected_version=1)  # a replay still applies once


async def test_first_save_binds_its_place_even_when_only_that_script_is_missing(
    redis_client: aioredis.Redis, redis_prefix: str
) -> None:
    store = RedisConsultationStore(redis_client, prefix=redis_prefix)
    await redis_client.script_flush()
    await redis_client.script_load(_SAVE)  # loaded by another process; the bind script not
    c = Consultation(
        id="bind1", place=Place(surface="dm", channel="D1", thread_ts="2"), user="U1", version=1
    )
    assert await store.save(c, expected_version=0)
    assert await store.find_by_place(c.place.key()) == "bind1"
    assert (await store.load("bind1")) == c


async def test_bind_place_is_one_round_trip_and_keeps_the_first_binding(
    store: RedisConsultationStore, redis_client: aioredis.Redis
) -> None:
    assert await store.bind_place("slash:T1:C1:9.0", "first", "U1") == "first"  # scripts loaded
    before = await redis_client.info("stats")
    assert await store.bind_place("slash:T1:C1:9.0", "second", "U2") == "first"
    after = await redis_client.info("stats")
    assert after["total_reads_processed"] - before["total_reads_processed"] == 2  # and INFO
    assert await store.find_by_place("slash:T1:C1:9.0") == "first"
    assert await store.load("second") is None  # the loser's stub loads as nothing
    assert [c.id for c in await store.recent_for_user("U2")] == []


async def test_votes_and_markers_survive_a_flushed_script_cache(
    store: RedisConsultationStore, redis_client: aioredis.Redis
) -> None:
    await store.record_feedback("c1", "U1", "up")  # scripts loaded
    await store.remember("root:cmd:1", "1.0", user="U1")
    await redis_client.script_flush()
    await store.record_feedback("c1", "U2", "down")
    await store.remember("root:cmd:2", "2.0", user="U2")
    assert await store.feedback("c1") == {"U1": "up", "U2": "down"}
    await store.forget_user("U2")
    assert await store.feedback("c1") == {"U1": "up"}
    assert await store.lookup("root:cmd:2") is None
    assert await store.lookup("root:cmd:1") == "1.0"
