"""Consultations in Redis: compare-and-set saves in Lua, retention TTLs, cluster-ready keys.

Key layout (``P`` is the prefix); every ``{...}`` is a Redis Cluster hash tag:

- ``P:{c:<id>}``            hash: ``v`` version, ``b`` compact blob, ``u`` user, ``p`` place key
- ``P:{c:<id>}:feedback``   hash: user -> vote on the decision card
- ``P:{c:<id>}:out:<hash>`` string: the replies a saved turn produced, kept for re-posting
- ``P:{c:<id>}:outs``       set: the names of those reply copies (so they can be deleted)
- ``P:place:{<place_key>}`` string: the consultation id bound to a Slack thread (or other place)
- ``P:user:{<user>}``       sorted set: the user's consultation ids, score = ``updated_at``
- ``P:user:{<user>}:votes`` set: the consultations the user voted on
- ``P:user:{<user>}:marks`` set: the markers remembered for the user
- ``P:once:{m:<key>}``      string: a small marker, e.g. the ts of a posted root message

A consultation's own keys share one slot, so each state change is one script on one shard.
The place and user keys live in other slots; they are indexes, kept up to date best-effort
next to the atomic state write, and readers tolerate their staleness. Every per-user index
lives at least as long as the data it lists, so forget_user finds all of it.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import time
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import redis.asyncio as aioredis
from pydantic import ValidationError
from redis.asyncio.retry import Retry
from redis.backoff import ExponentialWithJitterBackoff
from redis.driver_info import DriverInfo
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import NoScriptError, RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError

from bot.core.state import SCHEMA_VERSION, Consultation
from bot.store.inbox import Inbox

__all__ = [
    "CorruptStateError",
    "RedisConsultationStore",
    "StateVersionError",
    "StoreError",
    "connect",
]

log = logging.getLogger(__name__)
_T = TypeVar("_T")

DEFAULT_PREFIX = "explainer"
DEFAULT_RETENTION_SECONDS = 30 * 24 * 3600
PING_TIMEOUT_SECONDS = 2.0

# Applies only when the stored version equals ARGV[1] (a missing key counts as version 0), so a
# lost race and a replayed save both return 0 instead of overwriting.
# The outbox (the replies this write produced) is stored in the same step, so a worker that
# dies before posting them leaves them for whoever picks the work up.
# KEYS[1] state, KEYS[2] outbox, KEYS[3] the set of outbox names; ARGV: expected version,
# blob, ttl, user, place key, outbox blob ('' for none), outbox ttl.
_SAVE = """
local current = tonumber(redis.call('HGET', KEYS[1], 'v') or '0')
local expected = tonumber(ARGV[1])
if current ~= expected then
  return 0
end
redis.call('HSET', KEYS[1], 'v', expected + 1, 'b', ARGV[2], 'u', ARGV[4], 'p', ARGV[5])
redis.call('EXPIRE', KEYS[1], ARGV[3])
if ARGV[6] ~= '' then
  redis.call('SET', KEYS[2], ARGV[6], 'EX', ARGV[7])
  redis.call('SADD', KEYS[3], KEYS[2])
  redis.call('EXPIRE', KEYS[3], ARGV[7])
end
return 1
"""

OUTBOX_TTL_SECONDS = 3600

# Returns the id bound to the place after the call: ours if we won, the earlier one otherwise.
# KEYS[1] place; ARGV: consultation id, ttl.
_BIND = """
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'EX', ARGV[2]) then
  return ARGV[1]
end
return redis.call('GET', KEYS[1])
"""

# Refreshes a place binding only while it still points at this consultation.
# KEYS[1] place; ARGV: consultation id, ttl.
_TOUCH_PLACE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('EXPIRE', KEYS[1], ARGV[2])
end
return 0
"""

# Deletes a place binding only while it still points at this consultation.
# KEYS[1] place; ARGV: consultation id.
_DELETE_PLACE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
"""

# Deletes one consultation (or bind stub) of the user; returns {1 if it was saved, place key,
# blob, outbox names...}, or false when there was nothing of this user. The user check keeps a
# stray index entry from deleting someone else's consultation. The outbox copies are deleted
# by the caller, as a script may only touch the keys it is given.
# KEYS[1] state, KEYS[2] its feedback, KEYS[3] its outbox names; ARGV: user.
_FORGET_ONE = """
local fields = redis.call('HMGET', KEYS[1], 'u', 'p', 'b')
if fields[1] ~= ARGV[1] then
  return false
end
local outs = redis.call('SMEMBERS', KEYS[3])
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
return {fields[3] and 1 or 0, fields[2] or '', fields[3] or '', unpack(outs)}
"""

# Records a vote; returns everyone who has voted on the consultation, so that their vote
# indexes can be kept alive as long as this hash.
# KEYS[1] feedback; ARGV: user, vote, ttl.
_VOTE = """
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
return redis.call('HKEYS', KEYS[1])
"""

# Adds a member to an index and makes it live at least ARGV[2] seconds more (never less than
# an earlier member needs).
# KEYS[1] index; ARGV: member, ttl.
_INDEX = """
redis.call('SADD', KEYS[1], ARGV[1])
if redis.call('TTL', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('EXPIRE', KEYS[1], ARGV[2])
end
return 1
"""


def connect(
    url: str,
    *,
    timeout: float = 5.0,
    retries: int = 3,
    max_connections: int = 32,
    pool_timeout: float = 2.0,
) -> aioredis.Redis:
    """A client suited to the store: bounded timeouts and retries on a dropped connection.

    Without retries the first command after a Redis restart fails on a stale pooled
    connection. Every store operation is safe to repeat: a repeated save is refused by the
    version check (the caller reloads and finds its own write), and the rest are idempotent.
    The pool blocks (up to ``pool_timeout``) rather than failing when every connection is in
    use, so a burst of requests queues briefly instead of getting errors. Redis runs one
    command at a time, so a few dozen connections per process are as fast as hundreds, and
    a burst does not pay for hundreds of new connections (see :func:`warm_up`).
    """
    pool = aioredis.BlockingConnectionPool.from_url(
        url,
        max_connections=max_connections,
        timeout=pool_timeout,
        socket_timeout=timeout,
        socket_connect_timeout=min(timeout, 2.0),
        retry=Retry(ExponentialWithJitterBackoff(base=0.05, cap=1.0), retries),
        retry_on_error=[RedisConnectionError, RedisTimeoutError],
        health_check_interval=30,
        # Resolved once here: left to the default, every new pooled connection looks up the
        # installed redis-py version in the package metadata, a scan of sys.path.
        driver_info=DriverInfo(),
    )
    return aioredis.Redis(connection_pool=pool)


async def warm_up(client: aioredis.Redis) -> None:
    """Open the whole pool now: a burst after start-up then finds its connections ready
    instead of paying for the handshakes while Slack waits for an ack."""
    pool = client.connection_pool
    size = getattr(pool, "max_connections", 1)
    results = await asyncio.gather(*(client.ping() for _ in range(size)), return_exceptions=True)
    failed = sum(isinstance(r, BaseException) for r in results)
    if failed:  # Redis not there yet: connections open on demand once it is.
        log.warning("redis warm-up: %d of %d connections not opened", failed, size)


class StoreError(Exception):
    """A consultation could not be read or written as stored."""


class StateVersionError(StoreError):
    """The stored blob was written by a newer schema than this code understands."""

    def __init__(self, consultation_id: str, found: int) -> None:
        super().__init__(
            f"consultation {consultation_id} has schema_version {found}; "
            f"this build reads up to {SCHEMA_VERSION}"
        )
        self.consultation_id = consultation_id
        self.found = found


class CorruptStateError(StoreError):
    """The stored blob is not a valid consultation."""


def _text(value: bytes | str) -> str:
    # The caller may or may not have built the client with decode_responses=True.
    return value.decode() if isinstance(value, bytes) else value


def _ids(members: Iterable[Any]) -> list[str]:
    # zrange without scores yields bare members.
    return [_text(m) for m in members]


def _decode(consultation_id: str, blob: bytes | str) -> Consultation:
    try:
        data = json.loads(blob)
    except ValueError as exc:
        raise CorruptStateError(f"consultation {consultation_id}: blob is not JSON") from exc
    if not isinstance(data, dict):
        raise CorruptStateError(f"consultation {consultation_id}: blob is not an object")
    found = data.get("schema_version", SCHEMA_VERSION)
    if not isinstance(found, int):
        raise CorruptStateError(f"consultation {consultation_id}: bad schema_version")
    # Checked before validation: pydantic would silently drop fields it does not know.
    if found > SCHEMA_VERSION:
        raise StateVersionError(consultation_id, found)
    try:
        return Consultation.model_validate(data)
    except ValidationError as exc:
        # Not chained: the validation error quotes field values, which may be user text.
        raise CorruptStateError(
            f"consultation {consultation_id}: blob does not validate ({exc.error_count()} errors)"
        ) from None


class RedisConsultationStore:
    """``ConsultationStore`` over ``redis.asyncio``; every save is one atomic Lua step."""

    def __init__(
        self,
        client: aioredis.Redis,
        prefix: str = DEFAULT_PREFIX,
        retention_seconds: int = DEFAULT_RETENTION_SECONDS,
    ) -> None:
        if not prefix or "{" in prefix or "}" in prefix:
            # A brace in the prefix would become the hash tag of every key.
            raise ValueError("prefix must be non-empty and contain no braces")
        if retention_seconds <= 0:
            raise ValueError("retention_seconds must be positive")
        self._client = client
        self._prefix = prefix
        self._ttl = int(retention_seconds)
        self._save = client.register_script(_SAVE)
        self._bind = client.register_script(_BIND)
        self._touch_place = client.register_script(_TOUCH_PLACE)
        self._delete_place = client.register_script(_DELETE_PLACE)
        self._forget_one = client.register_script(_FORGET_ONE)
        self._vote = client.register_script(_VOTE)
        self._index = client.register_script(_INDEX)

    @property
    def prefix(self) -> str:
        return self._prefix

    @property
    def retention_seconds(self) -> int:
        return self._ttl

    # Key names. Public so that tests and operators can find a consultation's keys.
    def state_key(self, consultation_id: str) -> str:
        return f"{self._prefix}:{{c:{consultation_id}}}"

    def outbox_key(self, consultation_id: str, op_id: str) -> str:
        digest = hashlib.sha256(op_id.encode()).hexdigest()[:16]
        return f"{self.state_key(consultation_id)}:out:{digest}"

    async def outbox(self, consultation_id: str, op_id: str) -> bytes | None:
        """The replies a saved turn produced (within the outbox TTL), for re-posting."""
        value = await self._client.get(self.outbox_key(consultation_id, op_id))
        return value if isinstance(value, bytes) or value is None else str(value).encode()

    def outbox_names_key(self, consultation_id: str) -> str:
        return f"{self.state_key(consultation_id)}:outs"

    def feedback_key(self, consultation_id: str) -> str:
        return f"{self.state_key(consultation_id)}:feedback"

    def place_key(self, place_key: str) -> str:
        return f"{self._prefix}:place:{{{place_key}}}"

    def user_key(self, user: str) -> str:
        return f"{self._prefix}:user:{{{user}}}"

    def votes_key(self, user: str) -> str:
        return f"{self.user_key(user)}:votes"

    def marks_key(self, user: str) -> str:
        return f"{self.user_key(user)}:marks"

    def once_key(self, key: str) -> str:
        return f"{self._prefix}:once:{{{key}}}"

    async def load(self, consultation_id: str) -> Consultation | None:
        """The stored consultation, or ``None`` when it is missing or expired."""
        blob = await self._client.hget(self.state_key(consultation_id), "b")
        if blob is None:
            return None
        return _decode(consultation_id, blob)

    async def save(
        self,
        consultation: Consultation,
        expected_version: int,
        outbox: tuple[str, bytes] | None = None,
    ) -> bool:
        """Write ``consultation`` if the stored version is ``expected_version`` (0: new).

        ``consultation.version`` must already be ``expected_version + 1``. Returns whether the
        write applied; ``False`` means another writer got there first (or this is a replay):
        reload and retry. ``outbox`` is ``(op id, replies)``, kept for an hour beside the state.
        """
        if expected_version < 0:
            raise ValueError("expected_version must be >= 0")
        if consultation.version != expected_version + 1:
            raise ValueError(
                f"consultation.version is {consultation.version}, "
                f"expected {expected_version + 1} (expected_version + 1)"
            )
        cid = consultation.id
        place = consultation.place.key()
        user_key = self.user_key(consultation.user)
        blob = consultation.to_blob()
        op, replies = outbox if outbox else ("", b"")
        # A first save binds its place (a no-op when open() bound it already); later ones keep
        # the binding alive.
        place_script = self._bind if expected_version == 0 else self._touch_place
        results = await self._pipeline(
            [
                # The index is written before the state so that every stored consultation is
                # findable by forget_user, even if this process dies between the two.
                lambda pipe: pipe.zadd(user_key, {cid: consultation.updated_at}, gt=True),
                lambda pipe: pipe.expire(user_key, self._ttl),
                lambda pipe: pipe.evalsha(
                    self._save.sha,
                    3,
                    self.state_key(cid),
                    self.outbox_key(cid, op),
                    self.outbox_names_key(cid),
                    expected_version,
                    blob,
                    self._ttl,
                    consultation.user,
                    place,
                    replies,
                    OUTBOX_TTL_SECONDS,
                ),
                lambda pipe: pipe.evalsha(
                    place_script.sha, 1, self.place_key(place), cid, self._ttl
                ),
            ]
        )
        applied = bool(results[2])
        if expected_version == 0 and applied and _text(results[3]) != cid:
            log.error("place of consultation %s is bound to another one", cid)
        if not applied:
            log.debug("save conflict: consultation=%s expected_version=%d", cid, expected_version)
        return applied

    async def _pipeline(self, steps: list[Callable[[Any], object]]) -> list[Any]:
        """Run ``steps`` (each adds one command) in one pipeline and return their results.

        EVALSHA goes in directly, as a Script object in a pipeline costs a SCRIPT EXISTS trip.
        After a Redis restart the script cache is empty: the commands refused with NOSCRIPT
        did not run, so the scripts are loaded and exactly those commands run once more.
        """
        results = await self._execute(steps)
        missing = [i for i, r in enumerate(results) if isinstance(r, NoScriptError)]
        if missing:
            for script in (self._save, self._bind, self._touch_place, self._vote, self._index):
                await self._client.script_load(script.script)
            again = await self._execute([steps[i] for i in missing])
            for i, r in zip(missing, again, strict=True):
                results[i] = r
        for r in results:
            if isinstance(r, Exception):
                raise r
        return results

    async def _execute(self, steps: list[Callable[[Any], object]]) -> list[Any]:
        async with self._client.pipeline(transaction=False) as pipe:
            for step in steps:
                step(pipe)
            return list(await pipe.execute(raise_on_error=False))

    async def find_by_place(self, place_key: str) -> str | None:
        value = await self._client.get(self.place_key(place_key))
        return None if value is None else _text(value)

    async def bind_place(self, place_key: str, consultation_id: str, user: str) -> str:
        """Bind a place to a consultation unless one is bound already; returns the bound id.

        ``place_key`` should be the consultation's own ``place.key()``: saves keep that place's
        binding alive and forget_user deletes it, so a binding to any other place would only
        age out with the retention TTL. One round trip: the owner index and the state stub go
        out with the bind whether or not it wins (a stub loads as None, and the index drops ids
        that do not load).
        """
        user_key = self.user_key(user)
        state_key = self.state_key(consultation_id)
        results = await self._pipeline(
            [
                lambda pipe: pipe.evalsha(
                    self._bind.sha, 1, self.place_key(place_key), consultation_id, self._ttl
                ),
                lambda pipe: pipe.zadd(user_key, {consultation_id: time.time()}, gt=True),
                lambda pipe: pipe.expire(user_key, self._ttl),
                # Owner and place go into the state hash now, so forget_user can find the place
                # even if the consultation is never saved. A stub without "b" loads as None.
                lambda pipe: pipe.hset(state_key, mapping={"u": user, "p": place_key}),
                lambda pipe: pipe.expire(state_key, self._ttl),
            ]
        )
        return _text(results[0])

    async def recent_for_user(self, user: str, limit: int = 10) -> list[Consultation]:
        """The user's consultations, newest first; ids that expired are dropped from the index."""
        if limit <= 0:
            return []
        user_key = self.user_key(user)
        found: list[Consultation] = []
        start = 0
        while len(found) < limit:
            want = limit - len(found)
            ids = _ids(await self._client.zrange(user_key, start, start + want - 1, desc=True))
            if not ids:
                break
            async with self._client.pipeline(transaction=False) as pipe:
                for cid in ids:
                    pipe.hmget(self.state_key(cid), ["b", "u"])
                rows: list[list[Any]] = await pipe.execute()
            gone: list[str] = []
            for cid, (blob, owner) in zip(ids, rows, strict=True):
                if blob is None:
                    if owner is None:
                        gone.append(cid)
                    # else: bound but not saved yet; keep it indexed.
                    continue
                if _text(owner) != user:
                    continue
                try:
                    found.append(_decode(cid, blob))
                except StoreError as exc:
                    # One unreadable consultation must not hide the rest of the history.
                    log.warning("skipping unreadable consultation %s: %s", cid, type(exc).__name__)
            if gone:
                await self._client.zrem(user_key, *gone)
            start += len(ids) - len(gone)
            if len(ids) < want:
                break
        return found

    async def forget_user(self, user: str, team: str = "") -> int:
        """Delete everything stored about the user; returns how many consultations went.

        Their consultations with their reply copies and place bindings, their votes on other
        people's consultations, the markers remembered for them, their dead letters, and the
        indexes that listed all of these.
        """
        user_key = self.user_key(user)
        ids = _ids(await self._client.zrange(user_key, 0, -1))
        deleted = 0
        places: list[tuple[str, str]] = []
        outboxes: list[list[str]] = []
        for batch in _chunks(ids, 200):
            async with self._client.pipeline(transaction=False) as pipe:
                for cid in batch:
                    await self._forget_one(
                        keys=[
                            self.state_key(cid),
                            self.feedback_key(cid),
                            self.outbox_names_key(cid),
                        ],
                        args=[user],
                        client=pipe,
                    )
                results = await pipe.execute()
            for cid, result in zip(batch, results, strict=True):
                if result is None:
                    continue
                was_saved, place, blob, *names = result
                # A stub left by bind_place is not counted, but its place binding goes too.
                deleted += int(was_saved)
                place_text = _text(place)
                if place_text:
                    places.append((cid, place_text))
                outboxes.append(self._outbox_keys(cid, blob, names))
        async with self._client.pipeline(transaction=False) as pipe:
            for keys in outboxes:
                if keys:  # one consultation's copies share a slot
                    pipe.delete(*keys)
            for cid, place_text in places:
                await self._delete_place(keys=[self.place_key(place_text)], args=[cid], client=pipe)
            await pipe.execute()
        await self._forget_votes(user)
        await self._forget_marks(user)
        # The owner of an inbox entry is in its payload; the inbox shares this prefix.
        inbox = Inbox(self._client, prefix=self._prefix)
        await inbox.forget_dead_letters(user)
        if team:
            await inbox.forget_marks(team, user)
        # The indexes go last: a forget cut short can be run again and find the rest.
        await self._client.delete(user_key, self.votes_key(user), self.marks_key(user))
        log.info("forgot a user: %d consultations deleted", deleted)
        return deleted

    def _outbox_keys(self, consultation_id: str, blob: bytes | str, names: list[Any]) -> list[str]:
        """The reply copies of a consultation: those listed beside it, and those of its recent
        operations (copies written before the list existed)."""
        keys = {_text(n) for n in names}
        try:
            applied = json.loads(blob).get("applied", []) if blob else []
        except (ValueError, AttributeError):
            applied = []
        if isinstance(applied, list):
            keys.update(self.outbox_key(consultation_id, str(op)) for op in applied)
        return sorted(keys)

    async def _forget_votes(self, user: str) -> None:
        voted = _ids(await self._client.smembers(self.votes_key(user)))
        for batch in _chunks(voted, 200):
            async with self._client.pipeline(transaction=False) as pipe:
                for cid in batch:
                    pipe.hdel(self.feedback_key(cid), user)
                await pipe.execute()

    async def _forget_marks(self, user: str) -> None:
        marks = _ids(await self._client.smembers(self.marks_key(user)))
        for batch in _chunks(marks, 200):
            async with self._client.pipeline(transaction=False) as pipe:
                for mark in batch:
                    pipe.delete(self.once_key(f"m:{mark}"))
                await pipe.execute()

    async def record_feedback(self, consultation_id: str, user: str, value: str) -> None:
        """One vote per user per consultation, kept beside the state (same slot, same TTL).

        The voter's index is written first, so forget_user finds every stored vote; each vote
        keeps every voter's index alive as long as the hash their votes are in.
        """
        results = await self._pipeline(
            [
                *self._vote_index(user, consultation_id),
                lambda pipe: pipe.evalsha(
                    self._vote.sha, 1, self.feedback_key(consultation_id), user, value, self._ttl
                ),
            ]
        )
        others = [v for v in _ids(results[-1]) if v != user]
        if others:
            await self._pipeline([s for v in others for s in self._vote_index(v, consultation_id)])

    def _vote_index(self, user: str, consultation_id: str) -> list[Callable[[Any], object]]:
        """Steps that list a vote under its voter for one more retention period."""
        key = self.votes_key(user)
        return [
            lambda pipe: pipe.sadd(key, consultation_id),
            lambda pipe: pipe.expire(key, self._ttl),
        ]

    async def feedback(self, consultation_id: str) -> dict[str, str]:
        raw = await self._client.hgetall(self.feedback_key(consultation_id))
        return {_text(k): _text(v) for k, v in raw.items()}

    async def remember(
        self, key: str, value: str, ttl: int | None = None, *, user: str = ""
    ) -> None:
        """A small marker (e.g. the ts of a posted root message), kept for the retention time.

        With ``user``, the marker is listed under that user, so forget_user deletes it.
        """
        seconds = ttl or self._ttl
        steps: list[Callable[[Any], object]] = []
        if user:
            marks_key = self.marks_key(user)
            steps.append(lambda pipe: pipe.evalsha(self._index.sha, 1, marks_key, key, seconds))
        steps.append(lambda pipe: pipe.set(self.once_key(f"m:{key}"), value, ex=seconds))
        await self._pipeline(steps)

    async def lookup(self, key: str) -> str | None:
        value = await self._client.get(self.once_key(f"m:{key}"))
        return _text(value) if value is not None else None

    async def ping(self) -> bool:
        """Whether Redis answers within a short deadline; never raises for a down server."""
        try:
            async with asyncio.timeout(PING_TIMEOUT_SECONDS):
                return bool(await self._client.ping())
        except (RedisError, OSError, TimeoutError):
            return False


def _chunks(items: list[_T], size: int) -> Iterable[list[_T]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
