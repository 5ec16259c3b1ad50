"""Consultations in Redis: compare-and-set saves in Lua, retention TTLs, cluster-ready keys.

The key layout is in :mod:`bot.store.keys`; the client comes from :func:`connect`
(:mod:`bot.store.client`), and every write goes out through :func:`run_steps`
(:mod:`bot.store.steps`), so that the rest of the program is unaware of the topology.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

import redis.asyncio as aioredis
from redis.exceptions import RedisClusterException, RedisError

from bot.core.state import Consultation
from bot.store.codec import StoreError, as_ids, as_text, decode
from bot.store.consultation_scripts import (
    BIND,
    DELETE_PLACE,
    FORGET_ONE,
    INDEX,
    SAVE,
    TOUCH_PLACE,
    VOTE,
)
from bot.store.forget import UserForgetting
from bot.store.health import PING_TIMEOUT_SECONDS, Readiness, check_ready
from bot.store.keys import VOTE_SEPARATOR, vote_field
from bot.store.steps import ScriptCall, Step, run_steps

# connect and warm_up are imported from here by the services, the Slack server and the benchmark.
log = logging.getLogger(__name__)

DEFAULT_PREFIX = "explainer"
DEFAULT_RETENTION_SECONDS = 30 * 24 * 3600
OUTBOX_TTL_SECONDS = 3600


class RedisConsultationStore(UserForgetting):
    """``ConsultationStore`` over ``redis.asyncio``; every save is one atomic Lua step."""

    def __init__(
        self,
        client: aioredis.Redis,
        prefix: str = DEFAULT_PREFIX,
        retention_seconds: int = DEFAULT_RETENTION_SECONDS,
    ) -> None:
        super().__init__(prefix, retention_seconds)
        self._client = client
        self._save = client.register_script(SAVE)
        self._bind = client.register_script(BIND)
        self._touch_place = client.register_script(TOUCH_PLACE)
        self._delete_place = client.register_script(DELETE_PLACE)
        self._forget_one = client.register_script(FORGET_ONE)
        self._vote = client.register_script(VOTE)
        self._index = client.register_script(INDEX)

    async def outbox(self, consultation_id: str, op_id: str) -> bytes | None:
        """The replies a saved turn produced (within the outbox TTL), for re-posting."""
        value = await self._client.get(self.outbox_key(consultation_id, op_id))
        return value if isinstance(value, bytes) or value is None else str(value).encode()

    async def load(self, consultation_id: str) -> Consultation | None:
        """The stored consultation, or ``None`` when it is missing or expired."""
        blob = await self._client.hget(self.state_key(consultation_id), "b")
        if blob is None:
            return None
        return decode(consultation_id, blob)

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
        results = await run_steps(
            self._client,
            [
                # The index is written before the state so that every stored consultation is
                # findable by forget_user, even if this process dies between the two.
                lambda pipe: pipe.zadd(user_key, {cid: consultation.updated_at}, gt=True),
                lambda pipe: pipe.expire(user_key, self._ttl),
                ScriptCall(
                    self._save,
                    [self.state_key(cid), self.outbox_key(cid, op), self.outbox_names_key(cid)],
                    [
                        expected_version,
                        blob,
                        self._ttl,
                        consultation.user,
                        place,
                        replies,
                        OUTBOX_TTL_SECONDS,
                    ],
                ),
                ScriptCall(place_script, [self.place_key(place)], [cid, self._ttl]),
            ],
        )
        applied = bool(results[2])
        if expected_version == 0 and applied and as_text(results[3]) != cid:
            log.error("place of consultation %s is bound to another one", cid)
        if not applied:
            log.debug("save conflict: consultation=%s expected_version=%d", cid, expected_version)
        return applied

    async def find_by_place(self, place_key: str) -> str | None:
        value = await self._client.get(self.place_key(place_key))
        return None if value is None else as_text(value)

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
        results = await run_steps(
            self._client,
            [
                ScriptCall(self._bind, [self.place_key(place_key)], [consultation_id, self._ttl]),
                lambda pipe: pipe.zadd(user_key, {consultation_id: time.time()}, gt=True),
                lambda pipe: pipe.expire(user_key, self._ttl),
                # Owner and place go into the state hash now, so forget_user can find the place
                # even if the consultation is never saved. A stub without "b" loads as None.
                lambda pipe: pipe.hset(state_key, mapping={"u": user, "p": place_key}),
                lambda pipe: pipe.expire(state_key, self._ttl),
            ],
        )
        return as_text(results[0])

    async def recent_for_user(self, user: str, limit: int = 10) -> list[Consultation]:
        """The user's consultations, newest first; ids that expired are dropped from the index."""
        if limit <= 0:
            return []
        user_key = self.user_key(user)
        found: list[Consultation] = []
        start = 0
        while len(found) < limit:
            want = limit - len(found)
            ids = as_ids(await self._client.zrange(user_key, start, start + want - 1, desc=True))
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
                if as_text(owner) != user:
                    continue
                try:
                    found.append(decode(cid, blob))
                except StoreError as exc:
                    # One unreadable consultation must not hide the rest of the history.
                    log.warning("skipping unreadable consultation %s: %s", cid, type(exc).__name__)
            if gone:
                await self._client.zrem(user_key, *gone)
            start += len(ids) - len(gone)
            if len(ids) < want:
                break
        return found

    async def record_feedback(
        self, consultation_id: str, user: str, value: str, *, about: str = "card"
    ) -> None:
        """One vote per user per consultation and per thing voted on (the card, side answers),
        kept beside the state (same slot, same TTL).

        The voter's index is written first, so forget_user finds every stored vote; each vote
        keeps every voter's index alive as long as the hash their votes are in.
        """
        field = vote_field(user, about)
        results = await run_steps(
            self._client,
            [
                *self._vote_index(user, consultation_id),
                ScriptCall(
                    self._vote, [self.feedback_key(consultation_id)], [field, value, self._ttl]
                ),
            ],
        )
        voters = {v.partition(VOTE_SEPARATOR)[0] for v in as_ids(results[-1])}
        others = sorted(voters - {user})
        if others:
            await run_steps(
                self._client, [s for v in others for s in self._vote_index(v, consultation_id)]
            )

    def _vote_index(self, user: str, consultation_id: str) -> list[Step]:
        """Steps that list a vote under its voter for one more retention period."""
        key = self.votes_key(user)
        return [
            lambda pipe: pipe.sadd(key, consultation_id),
            lambda pipe: pipe.expire(key, self._ttl),
        ]

    async def feedback(self, consultation_id: str) -> dict[str, str]:
        raw = await self._client.hgetall(self.feedback_key(consultation_id))
        return {as_text(k): as_text(v) for k, v in raw.items()}

    async def remember(
        self, key: str, value: str, ttl: int | None = None, *, user: str = ""
    ) -> None:
        """A small marker (e.g. the ts of a posted root message), kept for the retention time.

        With ``user``, the marker is listed under that user, so forget_user deletes it.
        """
        seconds = ttl or self._ttl
        steps: list[Step] = []
        if user:
            steps.append(ScriptCall(self._index, [self.marks_key(user)], [key, seconds]))
        steps.append(lambda pipe: pipe.set(self.once_key(f"m:{key}"), value, ex=seconds))
        await run_steps(self._client, steps)

    async def lookup(self, key: str) -> str | None:
        value = await self._client.get(self.once_key(f"m:{key}"))
        return as_text(value) if value is not None else None

    async def ping(self) -> bool:
        """Whether Redis answers within a short deadline; never raises for a down server."""
        try:
            async with asyncio.timeout(PING_TIMEOUT_SECONDS):
                return bool(await self._client.ping())
        except (RedisError, RedisClusterException, OSError, TimeoutError):
            return False

    async def ready(self) -> Readiness:
        """Whether writes can go through now, checked for the topology (see check_ready)."""
        return await check_ready(self._client)
