"""``/explainer forget``: nothing of the user is left in Redis, and nobody else loses anything.

The check reads every key and every value under the test prefix (the inbox streams included),
so data kept in a place forget_user does not know about shows up here.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import pytest
import redis.asyncio as aioredis
from redis.typing import StreamRangeResponse

from bot.core.service import ConsultationService
from bot.core.state import Consultation, Place, Turn, TurnKind
from bot.llm.offline import OfflineLanguageModel
from bot.logs import short_hash
from bot.slack.inbound import Inbound
from bot.store import RedisConsultationStore
from bot.store.inbox import Inbox
from bot.store.redis import OUTBOX_TTL_SECONDS
from testkit.fakes import ListRetriever

RETENTION = 3600
TEAM = "T0TEAM0001"
CHANNEL = "C0CHAN0001"


@dataclass
class Person:
    user: str
    text: str
    words: tuple[str, ...]  # parts of the text that are theirs alone (the bot quotes them)

    def tokens(self) -> set[str]:
        """What must not survive a forget: their id, their words, the hashes of their id."""
        return {
            self.user,
            self.text,
            *self.words,
            short_hash(self.user),
            short_hash(f"{TEAM}:{self.user}"),
            short_hash(TEAM + self.user),
        }


ALICE = Person(
    "U0ALICE0001",
    "We build a support bot for Quillbrook, tone must stay consistent, we have 20000 reviewed Q&A",
    ("Quillbrook", "tone must stay consistent", "20000 reviewed Q&A"),
)
BOB = Person(
    "U0BOB00002",
    "Our Marrowfield wiki changes weekly and answers must cite the latest documents",
    ("Marrowfield", "wiki changes weekly", "must cite the latest documents"),
)


@pytest.fixture
def store(redis_client: aioredis.Redis, redis_prefix: str) -> RedisConsultationStore:
    return RedisConsultationStore(redis_client, prefix=redis_prefix, retention_seconds=RETENTION)


@pytest.fixture
def inbox(redis_client: aioredis.Redis, redis_prefix: str) -> Inbox:
    return Inbox(redis_client, prefix=redis_prefix, consumer="w1")


@pytest.fixture
def service(store: RedisConsultationStore) -> ConsultationService:
    ids = itertools.count()
    return ConsultationService(
        store,
        OfflineLanguageModel(),
        ListRetriever(),
        clock=lambda: 1_716_200_000.0,
        new_id=lambda: f"c{next(ids):04d}",
    )


@dataclass
class World:
    """What each person has stored, as the worker stores it."""

    consultations: dict[str, list[Consultation]]
    outboxes: dict[str, list[str]]  # outbox key names
    markers: dict[str, str]  # marker name


async def build(service: ConsultationService, store: RedisConsultationStore, inbox: Inbox) -> World:
    world = World({}, {}, {})
    for n, person in enumerate((ALICE, BOB)):
        mine: list[Consultation] = []
        outs: list[str] = []
        # A slash command: a root message is posted and its ts remembered for redelivery.
        trigger = f"cmd:{n}1234.5678.abcdef"
        root_ts = f"17162000{n}0.000100"
        await store.remember(f"root:{trigger}", root_ts, user=person.user)
        world.markers[person.user] = f"root:{trigger}"
        place = Place(surface="slash", team=TEAM, channel=CHANNEL, thread_ts=root_ts)
        c = await service.create_unbound(place, person.user)
        c = (
            await service.handle(c, Turn(op_id=trigger, kind=TurnKind.TEXT, text=person.text))
        ).consultation
        outs.append(store.outbox_key(c.id, trigger))
        # A reply in the thread, and an @mention elsewhere that starts a second consultation.
        op = f"msg:{CHANNEL}:17162000{n}0.000200"
        c = (
            await service.handle(c, Turn(op_id=op, kind=TurnKind.TEXT, text="yes, about 20k"))
        ).consultation
        outs.append(store.outbox_key(c.id, op))
        mine.append(c)
        mention = Place(surface="mention", team=TEAM, channel=CHANNEL, thread_ts=f"9{n}.5")
        m = await service.open(mention, person.user)
        op = f"msg:{CHANNEL}:9{n}.5"
        m = (
            await service.handle(m, Turn(op_id=op, kind=TurnKind.TEXT, text=person.text))
        ).consultation
        outs.append(store.outbox_key(m.id, op))
        mine.append(m)
        world.consultations[person.user] = mine
        world.outboxes[person.user] = outs
        # A message that kept failing was set aside, words and all.
        poison = Inbound(
            kind="message",
            key=f"msg:{CHANNEL}:8{n}.1",
            team=TEAM,
            channel=CHANNEL,
            user=person.user,
            ts=f"8{n}.1",
            thread_ts=root_ts,
            text=person.text,
        ).to_bytes()
        assert await inbox.accept(f"msg:{CHANNEL}:8{n}.1", poison)
        [entry] = await inbox.read(count=10, block_ms=10)
        await inbox.dead_letter(entry.id, entry.payload)
    # Everyone rates their own card and the other's, and the side answers too.
    for person in (ALICE, BOB):
        for owner in (ALICE, BOB):
            for c in world.consultations[owner.user]:
                await store.record_feedback(c.id, person.user, "up")
                await store.record_feedback(c.id, person.user, "down", about="answer")
    return world


def as_bytes(value: object) -> bytes:
    """One item of a reply: the test client is built without ``decode_responses``."""
    assert isinstance(value, bytes), value
    return value


def field_of_each(entries: StreamRangeResponse | None, name: bytes) -> list[bytes | str]:
    """``name`` of every entry of an XRANGE reply, in order (each entry has its fields)."""
    assert entries is not None
    found: list[bytes | str] = []
    for _, fields in entries:
        assert fields is not None
        found.append(fields[name])
    return found


async def everything(client: aioredis.Redis, prefix: str) -> dict[str, str]:
    """Every key under ``prefix`` with everything it holds, as text."""
    found: dict[str, str] = {}
    async for raw in client.scan_iter(match=f"{prefix}:*", count=500):
        key = raw.decode()
        kind = as_bytes(await client.type(key)).decode()
        parts: list[bytes] = []
        if kind == "string":
            parts = [as_bytes(await client.get(key))]
        elif kind == "hash":
            parts = [as_bytes(b) for kv in (await client.hgetall(key)).items() for b in kv]
        elif kind == "set":
            parts = [as_bytes(m) for m in await client.smembers(key)]
        elif kind == "zset":
            parts = [as_bytes(m) for m in await client.zrange(key, 0, -1)]
        elif kind == "list":
            parts = [as_bytes(m) for m in await client.lrange(key, 0, -1)]
        elif kind == "stream":
            entries = await client.xrange(key)
            assert entries is not None
            for _, fields in entries:
                assert fields is not None
                parts += [as_bytes(b) for kv in fields.items() for b in kv]
        else:
            pytest.fail(f"{key} holds a {kind}, which this check cannot read")
        found[key] = "\n".join(p.decode(errors="replace") for p in parts)
    return found


def mentions(data: dict[str, str], person: Person) -> list[str]:
    return [
        f"{key}: {token}"
        for key, value in data.items()
        for token in person.tokens()
        if token in key or token in value
    ]


async def test_forget_leaves_nothing_of_the_user_and_everything_of_others(
    service: ConsultationService,
    store: RedisConsultationStore,
    inbox: Inbox,
    redis_client: aioredis.Redis,
    redis_prefix: str,
) -> None:
    world = await build(service, store, inbox)
    for person in (ALICE, BOB):
        # What the ack path keeps under hashed names: the greeting marker, rate-limit counters.
        await inbox.accept(f"greet:{short_hash(TEAM + person.user)}", b"{}", dedupe_ttl=3600)
        await inbox.accept_interactive(
            f"act:trig.{short_hash(person.text)}", b"{}", user=short_hash(f"{TEAM}:{person.user}")
        )
        await inbox.accept_message(
            f"msg:D1:{short_hash(person.text)[:8]}",
            b"{}",
            b"{}",
            user=short_hash(f"{TEAM}:{person.user}"),
            thread=short_hash(f"{TEAM}:D1:{person.user}"),
        )
    before = await everything(redis_client, redis_prefix)
    # The scan sees both people everywhere their data went, so its silence below means something.
    for person in (ALICE, BOB):
        seen = mentions(before, person)
        assert any(":feedback" in s for s in seen), person.user
        assert any(":out:" in s for s in seen), person.user
        assert any(":{inbox}:dead" in s for s in seen), person.user
        assert any(":seen:greet:" in s for s in seen), person.user
        assert any(":rl:u:" in s for s in seen) and any(":rl:i:" in s for s in seen)
        for key in world.outboxes[person.user]:
            assert key in before
        assert await store.lookup(world.markers[person.user])

    assert await store.forget_user(ALICE.user, TEAM) == 2

    after = await everything(redis_client, redis_prefix)
    assert mentions(after, ALICE) == []
    for key in world.outboxes[ALICE.user]:
        assert key not in after
    assert await store.lookup(world.markers[ALICE.user]) is None
    for c in world.consultations[ALICE.user]:
        assert await store.load(c.id) is None
        assert await store.find_by_place(c.place.key()) is None
    assert await store.recent_for_user(ALICE.user) == []

    # Bob keeps all of his: consultations, places, replies, his votes, marker, dead letter.
    # (Except his votes on Alice's consultations, which went with them.)
    gone = tuple(store.state_key(c.id) for c in world.consultations[ALICE.user])
    assert sorted(mentions(after, BOB)) == sorted(
        s for s in mentions(before, BOB) if not s.startswith(gone)
    )
    for c in world.consultations[BOB.user]:
        assert await store.load(c.id) == c
        assert await store.find_by_place(c.place.key()) == c.id
        assert await store.feedback(c.id) == {BOB.user: "up", f"{BOB.user}|answer": "down"}
    for key in world.outboxes[BOB.user]:
        assert after[key] == before[key]
    assert (
        await store.lookup(world.markers[BOB.user])
        == before[store.once_key(f"m:{world.markers[BOB.user]}")]
    )
    assert len(await redis_client.xrange(f"{redis_prefix}:{{inbox}}:dead") or []) == 1

    # Forgetting again finds nothing, and leaves Bob alone.
    assert await store.forget_user(ALICE.user) == 0
    assert await everything(redis_client, redis_prefix) == after


async def test_every_stored_key_expires(
    service: ConsultationService,
    store: RedisConsultationStore,
    inbox: Inbox,
    redis_client: aioredis.Redis,
    redis_prefix: str,
) -> None:
    await build(service, store, inbox)
    streams = {inbox.stream, f"{redis_prefix}:{{inbox}}:dead"}  # capped instead
    for key in await everything(redis_client, redis_prefix):
        if key in streams:
            continue
        if ":{inbox}:" in key:  # dedupe markers, kept a day
            assert await redis_client.ttl(key) > 0, key
        else:
            assert 0 < await redis_client.ttl(key) <= RETENTION, key


async def ttl(client: aioredis.Redis, key: str) -> int:
    return int(await client.ttl(key))


async def test_vote_index_lives_as_long_as_the_votes_it_lists(
    store: RedisConsultationStore, redis_client: aioredis.Redis
) -> None:
    await store.record_feedback("c1", ALICE.user, "up")
    # Most of the retention passes; then Bob's vote keeps the hash alive for another period.
    for key in (store.feedback_key("c1"), store.votes_key(ALICE.user)):
        await redis_client.expire(key, 60)
    await store.record_feedback("c1", BOB.user, "down")
    assert await ttl(redis_client, store.feedback_key("c1")) > 60
    assert await ttl(redis_client, store.votes_key(ALICE.user)) >= await ttl(
        redis_client, store.feedback_key("c1")
    )
    await store.forget_user(ALICE.user)
    assert await store.feedback("c1") == {BOB.user: "down"}


async def test_a_vote_from_before_the_index_is_listed_by_the_next_vote(
    store: RedisConsultationStore, redis_client: aioredis.Redis
) -> None:
    await redis_client.hset(store.feedback_key("c1"), ALICE.user, "up")  # no index then
    await store.record_feedback("c1", BOB.user, "up")
    await store.forget_user(ALICE.user)
    assert await store.feedback("c1") == {BOB.user: "up"}


async def test_marker_index_is_never_shortened_by_a_shorter_marker(
    store: RedisConsultationStore, redis_client: aioredis.Redis
) -> None:
    await store.remember("root:cmd:1", "1.0", user=ALICE.user)
    await store.remember("greet:x", "1", ttl=30, user=ALICE.user)
    assert await ttl(redis_client, store.marks_key(ALICE.user)) > RETENTION - 5
    assert await ttl(redis_client, store.once_key("m:greet:x")) <= 30
    await store.remember("long", "1", ttl=RETENTION * 2, user=ALICE.user)
    assert await ttl(redis_client, store.marks_key(ALICE.user)) > RETENTION * 2 - 5
    await store.forget_user(ALICE.user)
    for name in ("root:cmd:1", "greet:x", "long"):
        assert await store.lookup(name) is None


async def test_remember_without_a_user_works_as_before(
    store: RedisConsultationStore, redis_client: aioredis.Redis
) -> None:
    await store.remember("root:cmd:9", "9.0")
    assert await store.lookup("root:cmd:9") == "9.0"
    assert 0 < await ttl(redis_client, store.once_key("m:root:cmd:9")) <= RETENTION
    await store.forget_user(ALICE.user)
    assert await store.lookup("root:cmd:9") == "9.0"  # tied to nobody, so nobody's forget


async def test_outbox_names_live_as_long_as_the_copies(
    service: ConsultationService, store: RedisConsultationStore, redis_client: aioredis.Redis
) -> None:
    place = Place(surface="mention", team=TEAM, channel=CHANNEL, thread_ts="5.5")
    c = await service.open(place, ALICE.user)
    await service.handle(c, Turn(op_id="m1", kind=TurnKind.TEXT, text=ALICE.text))
    names = store.outbox_names_key(c.id)
    assert {as_bytes(m).decode() for m in await redis_client.smembers(names)} == {
        store.outbox_key(c.id, "m1")
    }
    assert (
        OUTBOX_TTL_SECONDS - 5
        < await ttl(redis_client, store.outbox_key(c.id, "m1"))
        <= await ttl(redis_client, names)
    )


async def test_outbox_copies_from_before_the_index_are_found_through_recent_ops(
    service: ConsultationService, store: RedisConsultationStore, redis_client: aioredis.Redis
) -> None:
    place = Place(surface="mention", team=TEAM, channel=CHANNEL, thread_ts="6.5")
    c = await service.open(place, ALICE.user)
    await service.handle(c, Turn(op_id="m1", kind=TurnKind.TEXT, text=ALICE.text))
    await redis_client.delete(store.outbox_names_key(c.id))  # as written by an older release
    await store.forget_user(ALICE.user)
    assert await redis_client.exists(store.outbox_key(c.id, "m1")) == 0


async def test_dead_letters_of_others_and_unreadable_ones_of_nobody_stay(
    inbox: Inbox, redis_client: aioredis.Redis, redis_prefix: str
) -> None:
    dead = f"{redis_prefix}:{{inbox}}:dead"
    for payload in (
        Inbound(kind="command", key="cmd:1", user=ALICE.user, text="hi").to_bytes(),
        Inbound(kind="command", key="cmd:2", user=BOB.user, text=f"ask {ALICE.user}").to_bytes(),
        b"\xff not json " + ALICE.user.encode(),
        b"\xff not json at all",
    ):
        await redis_client.xadd(dead, {"p": payload, "id": "0-1"})
    assert await inbox.forget_dead_letters(ALICE.user) == 2
    left = field_of_each(await redis_client.xrange(dead), b"p")
    assert left == [
        Inbound(kind="command", key="cmd:2", user=BOB.user, text=f"ask {ALICE.user}").to_bytes(),
        b"\xff not json at all",
    ]
    assert await inbox.forget_dead_letters("") == 0
