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

The client comes from :func:`connect`, which reads the three ``REDIS_URL`` forms (one server,
Redis Cluster, Sentinel); :func:`run_steps` and :func:`run_script` are how every write goes
out, so that the rest of the program is unaware of the topology.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import hashlib
import json
import logging
import time
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar, cast

import redis.asyncio as aioredis
from pydantic import ValidationError
from redis.asyncio.cluster import ClusterNode, ClusterPipeline, RedisCluster
from redis.asyncio.connection import SSLConnection, parse_url
from redis.asyncio.retry import Retry
from redis.asyncio.sentinel import Sentinel, SentinelConnectionPool
from redis.backoff import ExponentialWithJitterBackoff, NoBackoff
from redis.commands.core import AsyncScript
from redis.driver_info import DriverInfo
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import (
    MaxConnectionsError,
    NoScriptError,
    RedisClusterException,
    RedisError,
    ResponseError,
)
from redis.exceptions import TimeoutError as RedisTimeoutError

from bot.core.state import SCHEMA_VERSION, Consultation
from bot.settings import RedisTarget, RedisTopology, parse_redis_url

__all__ = [
    "CorruptStateError",
    "NotReplicated",
    "Readiness",
    "RedisConsultationStore",
    "ScriptCall",
    "StateVersionError",
    "StoreError",
    "StoreUnavailable",
    "check_ready",
    "connect",
    "run_script",
    "run_steps",
    "topology",
    "warm_up",
]

log = logging.getLogger(__name__)
_T = TypeVar("_T")

DEFAULT_PREFIX = "explainer"
DEFAULT_RETENTION_SECONDS = 30 * 24 * 3600
PING_TIMEOUT_SECONDS = 2.0
# With Sentinel, a write is confirmed only once a replica has it (WAIT), so a failover, which
# promotes a replica, cannot take back what was confirmed. Replication on a healthy network
# takes well under a millisecond; the deadline stays inside the ack path's two seconds.
SENTINEL_REPLICAS_TO_WAIT = 1
WAIT_TIMEOUT_MS = 500

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


class StoreUnavailable(RedisConnectionError):
    """The cluster could not take the command now (no node for its slot, or the topology is
    changing); nothing was written, and the caller may try again."""


class NotReplicated(RedisError):
    """The write reached the master but no replica confirmed it in time: it may be lost in a
    failover, so it is not reported as done (the caller tries again later)."""


def connect(
    url: str,
    *,
    timeout: float = 5.0,
    retries: int = 3,
    max_connections: int = 32,
    pool_timeout: float = 2.0,
) -> aioredis.Redis:
    """A client suited to the store: bounded timeouts and retries on a dropped connection.

    ``url`` is one of the ``REDIS_URL`` forms (``bot.settings.parse_redis_url``); a malformed
    one raises ``ValueError``. Without retries the first command after a Redis restart fails
    on a stale pooled connection. Every store operation is safe to repeat: a repeated save is
    refused by the version check (the caller reloads and finds its own write), and the rest
    are idempotent. Callers wait (up to ``pool_timeout``) rather than fail when every
    connection is in use, so a burst of requests queues briefly instead of getting errors.
    Redis runs one command at a time, so a few dozen connections per process (per node, in a
    cluster) are as fast as hundreds, and a burst does not pay for hundreds of new
    connections (see :func:`warm_up`).

    A cluster client is returned typed as ``Redis``: it takes the same commands, and the
    store's helpers handle what differs (scripts per slot, pipelines split by node).
    """
    target = parse_redis_url(url)
    options: dict[str, Any] = {
        "socket_timeout": timeout,
        "socket_connect_timeout": min(timeout, 2.0),
        "retry": Retry(ExponentialWithJitterBackoff(base=0.05, cap=1.0), retries),
        "health_check_interval": 30,
        # Resolved once here: left to the default, every new connection looks up the
        # installed redis-py version in the package metadata, a scan of sys.path.
        "driver_info": DriverInfo(),
    }
    if target.topology == "cluster":
        return cast(aioredis.Redis, _cluster(target, options, max_connections, pool_timeout))
    if target.topology == "sentinel":
        return _sentinel_master(target, options, max_connections, pool_timeout)
    pool = aioredis.BlockingConnectionPool.from_url(
        url,
        max_connections=max_connections,
        timeout=pool_timeout,
        retry_on_error=[RedisConnectionError, RedisTimeoutError],
        **options,
    )
    return aioredis.Redis(connection_pool=pool)


def _node_options(target: RedisTarget) -> dict[str, Any]:
    """What every data node shares (credentials, database, TLS, query options)."""
    shared: dict[str, Any] = dict(parse_url(target.url))
    shared.pop("host", None)
    shared.pop("port", None)
    if shared.pop("connection_class", None) is SSLConnection:
        shared["ssl"] = True
    return shared


def _cluster(target: RedisTarget, options: dict[str, Any], size: int, wait: float) -> RedisCluster:
    shared = _node_options(target)
    shared.pop("db", None)  # parse_redis_url allows only 0
    return _QueuedCluster(
        startup_nodes=[ClusterNode(host, port) for host, port in target.nodes],
        queue_size=size,
        queue_timeout=wait,
        **{**options, **shared},  # options in the URL win, as redis-py has them
    )


def _sentinel_master(
    target: RedisTarget, options: dict[str, Any], size: int, wait: float
) -> aioredis.Redis:
    shared = _node_options(target)
    tls = {k: v for k, v in shared.items() if k == "ssl" or k.startswith("ssl_")}
    sentinels = Sentinel(  # type: ignore[no-untyped-call]
        list(target.nodes),
        sentinel_kwargs={
            **tls,
            "username": target.sentinel_username,
            "password": target.sentinel_password,
            # A sentinel that does not answer is skipped for the next one, at once.
            "socket_timeout": min(float(options["socket_timeout"]), 1.0),
            "socket_connect_timeout": min(float(options["socket_connect_timeout"]), 1.0),
            "retry": Retry(NoBackoff(), 0),
        },
    )
    client = sentinels.master_for(
        target.service,
        redis_class=_SentinelMaster,
        connection_pool_class=_BlockingSentinelPool,
        max_connections=size,
        timeout=wait,
        # A connection to a demoted master answers writes with READONLY, which the
        # Sentinel-managed connection turns into a connection error: retried, it asks the
        # sentinels again and reaches the new master.
        retry_on_error=[RedisConnectionError, RedisTimeoutError],
        **{**options, **shared},
    )
    return cast(aioredis.Redis, client)


class _BlockingSentinelPool(SentinelConnectionPool, aioredis.BlockingConnectionPool):
    """Sentinel's pool (each new connection asks the sentinels where the master is) that
    waits for a free connection instead of failing when all are in use."""


class _SentinelMaster(aioredis.Redis):
    """The master Sentinel names; closing it closes the connections to the sentinels too."""

    async def aclose(self, close_connection_pool: bool | None = None) -> None:
        await super().aclose(close_connection_pool)
        manager = getattr(self.connection_pool, "sentinel_manager", None)
        if isinstance(manager, Sentinel):
            await manager.aclose()


# Set while a task holds one of the cluster client's slots, so that what runs inside (a
# pipeline's redirected commands, a command sent to several nodes) does not queue again.
_HOLDING: contextvars.ContextVar[bool] = contextvars.ContextVar("holding", default=False)


class _QueuedCluster(RedisCluster):
    """A cluster client whose callers queue for one of ``queue_size`` slots.

    redis-py's cluster nodes fail with ``MaxConnectionsError`` once their connections are in
    use. A caller holds at most one connection per node, so with as many slots as
    connections per node no node runs out: a burst waits its turn, as with a blocking pool.
    """

    def __init__(self, *, queue_size: int, queue_timeout: float, **kwargs: Any) -> None:
        super().__init__(
            # A few spare connections per node: one being reconnected after an error is not free.
            max_connections=queue_size + 4,
            # Follow each MOVED by updating that slot only. Left to redis-py's default, every
            # fifth MOVED (a reshard makes many) closes every connection to rebuild the map,
            # under the commands other tasks are running on them.
            reinitialize_steps=0,
            **kwargs,
        )
        self.queue_size = queue_size
        self._queue_timeout = queue_timeout
        self._slots = asyncio.Semaphore(queue_size)

    @contextlib.asynccontextmanager
    async def queued(self) -> AsyncIterator[None]:
        if _HOLDING.get():
            yield
            return
        try:
            async with asyncio.timeout(self._queue_timeout):
                await self._slots.acquire()
        except TimeoutError:
            raise MaxConnectionsError("no Redis connection free in time") from None
        token = _HOLDING.set(True)
        try:
            yield
        finally:
            _HOLDING.reset(token)
            self._slots.release()

    async def execute_command(self, *args: Any, **kwargs: Any) -> Any:
        async with self.queued():
            return await super().execute_command(*args, **kwargs)

    def pipeline(self, transaction: Any | None = None, shard_hint: Any | None = None) -> Any:
        if shard_hint:
            raise RedisClusterException("shard_hint is not supported in cluster mode")
        return _QueuedPipeline(self, transaction)  # type: ignore[abstract]


class _QueuedPipeline(ClusterPipeline):
    async def execute(
        self, raise_on_error: bool = True, allow_redirections: bool = True
    ) -> list[Any]:
        client = cast(_QueuedCluster, self.cluster_client)
        async with client.queued():
            return await super().execute(raise_on_error, allow_redirections)


def topology(client: Any) -> RedisTopology:
    """Which of the ``REDIS_URL`` forms the client was built for."""
    if isinstance(client, RedisCluster):
        return "cluster"
    if isinstance(getattr(client, "connection_pool", None), SentinelConnectionPool):
        return "sentinel"
    return "server"


def _replicas_to_wait(client: Any) -> int:
    return SENTINEL_REPLICAS_TO_WAIT if topology(client) == "sentinel" else 0


@dataclass(frozen=True)
class ScriptCall:
    """One run of a registered script; all its keys share a slot."""

    script: AsyncScript
    keys: Sequence[Any]
    args: Sequence[Any] = ()


# A step adds one command to a pipeline, or is a script call.
Step = Callable[[Any], object] | ScriptCall


async def run_steps(client: Any, steps: Sequence[Step], *, durable: bool = True) -> list[Any]:
    """Run ``steps`` in order and return their results, raising the first error.

    One server: one pipeline, scripts included (a round trip in all); every step is tried
    before an error is raised. Scripts refused with NOSCRIPT (a restarted or new master has
    an empty script cache) did not run: they are loaded and exactly those run once more.
    With Sentinel and ``durable``, the same trip ends with WAIT, and a write no replica
    confirmed raises :class:`NotReplicated` (after one more try if the sentinels name a new
    master by then).

    Cluster: each run of plain commands goes as one pipeline (split by node), and each
    script as its own command to the node of its slot, where NOSCRIPT is handled too (runs
    of scripts concurrently). A run starts once the one before it succeeded, so an index
    written before its data stays so.
    """
    try:
        if isinstance(client, RedisCluster):
            return await _run_on_cluster(client, steps)
        return await _run_in_pipeline(client, steps, durable and _replicas_to_wait(client))
    except RedisClusterException as exc:
        # Not a RedisError: callers (the ack path among them) treat it as Redis unavailable.
        raise StoreUnavailable(type(exc).__name__) from exc


async def run_script(client: Any, call: ScriptCall, *, durable: bool = True) -> Any:
    """One script call, as :func:`run_steps` runs it."""
    return (await run_steps(client, [call], durable=durable))[0]


async def _run_in_pipeline(client: Any, steps: Sequence[Step], wait: int) -> list[Any]:
    try:
        return await _run_once(client, steps, wait)
    except NotReplicated:
        # After a failover the old master may still take writes on the connections it had
        # (until the sentinels demote it, seconds later), but none of its replicas follow
        # it any more. If the sentinels name another master, the steps (all safe to repeat)
        # go there.
        if not await _master_moved(client):
            raise
        log.warning("redis master moved; writing to the new one")
        return await _run_once(client, steps, wait)


async def _master_moved(client: Any) -> bool:
    """Ask the sentinels for the master again; True when it is not the one in use. The pool
    then drops its connections to the old one."""
    pool = getattr(client, "connection_pool", None)
    if not isinstance(pool, SentinelConnectionPool):
        return False
    before = pool.master_address
    try:
        after = await pool.get_master_address()  # type: ignore[no-untyped-call]
    except RedisError:
        return False
    return bool(after != before)


async def _run_once(client: Any, steps: Sequence[Step], wait: int) -> list[Any]:
    results = await _pipelined(client, steps, wait)
    missing = [i for i, r in enumerate(results) if isinstance(r, NoScriptError)]
    if missing:
        scripts = {id(s.script): s.script for i in missing if isinstance(s := steps[i], ScriptCall)}
        for script in scripts.values():
            await client.script_load(script.script)
        again = await _pipelined(client, [steps[i] for i in missing], wait)
        for i, r in zip(missing, again, strict=True):
            results[i] = r
    _raise_first(results)
    return results


async def _pipelined(client: Any, steps: Sequence[Step], wait: int) -> list[Any]:
    # EVALSHA goes in directly: a Script object in a pipeline costs a SCRIPT EXISTS trip.
    async with client.pipeline(transaction=False) as pipe:
        for step in steps:
            if isinstance(step, ScriptCall):
                pipe.evalsha(step.script.sha, len(step.keys), *step.keys, *step.args)
            else:
                step(pipe)
        if wait:
            pipe.execute_command("WAIT", wait, WAIT_TIMEOUT_MS)
        results = list(await pipe.execute(raise_on_error=False))
    if wait:
        confirmed = results.pop()
        if isinstance(confirmed, Exception):  # e.g. a demoted master: WAIT is for masters
            raise NotReplicated("the server cannot confirm writes") from confirmed
        if int(confirmed) < wait:
            raise NotReplicated(f"{confirmed} of {wait} replicas confirmed the write")
    return results


async def _run_on_cluster(client: RedisCluster, steps: Sequence[Step]) -> list[Any]:
    results: list[Any] = []
    i = 0
    while i < len(steps):
        scripts = isinstance(steps[i], ScriptCall)
        j = i
        while j < len(steps) and isinstance(steps[j], ScriptCall) == scripts:
            j += 1
        if scripts:
            batch = [cast(ScriptCall, s) for s in steps[i:j]]
            out = await asyncio.gather(
                *(s.script(keys=s.keys, args=s.args) for s in batch), return_exceptions=True
            )
        else:
            out = await _cluster_pipeline(
                client, cast(Sequence[Callable[[Any], object]], steps[i:j])
            )
        results.extend(out)
        _raise_first(results)
        i = j
    return results


async def _cluster_pipeline(
    client: RedisCluster, steps: Sequence[Callable[[Any], object]]
) -> list[Any]:
    """One result per step: a multi-key command is split by slot, its last part answers."""
    async with client.pipeline(transaction=False) as pipe:
        ends: list[int] = []
        for step in steps:
            step(pipe)
            ends.append(len(pipe))
        raw = list(await pipe.execute(raise_on_error=False))
    out: list[Any] = []
    start = 0
    for end in ends:
        part = raw[start:end]
        errors = [r for r in part if isinstance(r, Exception)]
        out.append(errors[0] if errors else (part[-1] if part else None))
        start = end
    return out


def _raise_first(results: Iterable[Any]) -> None:
    for r in results:
        if isinstance(r, BaseException):
            raise r


async def warm_up(client: aioredis.Redis) -> None:
    """Open the whole pool now (each master's, in a cluster): a burst after start-up then
    finds its connections ready instead of paying for the handshakes while Slack waits."""
    try:
        if isinstance(client, RedisCluster):
            await client.initialize()
            size = int(getattr(client, "queue_size", 1))
            targets: list[ClusterNode | None] = list(client.get_primaries())
        else:
            size = int(getattr(client.connection_pool, "max_connections", 1))
            targets = [None]
    except (RedisError, RedisClusterException, OSError) as exc:
        log.warning("redis warm-up: not connected yet (%s)", type(exc).__name__)
        return
    for node in targets:
        pings = (
            client.ping() if node is None else client.ping(target_nodes=node) for _ in range(size)
        )
        results = await asyncio.gather(*pings, return_exceptions=True)
        failed = sum(isinstance(r, BaseException) for r in results)
        if failed:  # Redis not there yet: connections open on demand once it is.
            log.warning("redis warm-up: %d of %d connections not opened", failed, size)


@dataclass(frozen=True)
class Readiness:
    """Whether writes can go through now; ``problem`` says why not (fixed wording and node
    addresses only)."""

    ok: bool
    topology: RedisTopology
    problem: str = ""


async def check_ready(client: aioredis.Redis) -> Readiness:
    """More than a PING: one server must be a master (a demoted one is read-only); with
    Sentinel the master must also have a replica to confirm writes; in a cluster every master
    must answer, as a master, with ``cluster_state:ok``. Never raises."""
    kind = topology(client)
    try:
        async with asyncio.timeout(PING_TIMEOUT_SECONDS):
            if isinstance(client, RedisCluster):
                return await _cluster_ready(client)
            return await _server_ready(client, kind)
    except (RedisError, RedisClusterException, OSError, TimeoutError) as exc:
        return Readiness(False, kind, f"unreachable ({type(exc).__name__})")


async def _server_ready(client: aioredis.Redis, kind: RedisTopology) -> Readiness:
    await _master_moved(client)  # with Sentinel: check the master it names now
    try:
        role = await client.execute_command("ROLE")  # type: ignore[no-untyped-call]
    except ResponseError:  # ROLE not allowed (ACL, managed service): reachable is all we know
        return Readiness(bool(await client.ping()), kind)
    if _text(role[0]) != "master":
        return Readiness(False, kind, "the server is a replica (read-only)")
    if kind == "server" and await _cluster_enabled(client):
        # Every key outside this node's slots would be answered with MOVED.
        return Readiness(False, kind, "a Redis Cluster node: use a redis+cluster:// URL")
    needed = _replicas_to_wait(client)
    if len(role[2]) < needed:
        return Readiness(False, kind, "no replica connected to confirm writes")
    return Readiness(True, kind)


async def _cluster_enabled(client: aioredis.Redis) -> bool:
    try:
        return bool((await client.info("cluster")).get("cluster_enabled"))
    except ResponseError:  # INFO not allowed: nothing to tell
        return False


async def _cluster_ready(client: RedisCluster) -> Readiness:
    await client.initialize()
    primaries = client.get_primaries()
    if not primaries:
        return Readiness(False, "cluster", "no master known")

    async def problem(node: ClusterNode) -> str:
        try:
            return await node_problem(node)
        except (RedisError, OSError) as exc:
            return f"{node.name}: unreachable ({type(exc).__name__})"

    async def node_problem(node: ClusterNode) -> str:
        info = await client.execute_command("CLUSTER INFO", target_nodes=node)
        state = info.get("cluster_state") if isinstance(info, dict) else None
        if state is None:
            lines = _text(info).splitlines()
            state = next(
                (ln.split(":", 1)[1] for ln in lines if ln.startswith("cluster_state:")), ""
            )
        if _text(state).strip() != "ok":
            return f"{node.name}: cluster_state {_text(state).strip() or 'unknown'}"
        role = await client.execute_command("ROLE", target_nodes=node)
        if _text(role[0]) != "master":
            return f"{node.name}: not a master"
        return ""

    problems = [p for p in await asyncio.gather(*(problem(n) for n in primaries)) if p]
    return Readiness(not problems, "cluster", "; ".join(problems))


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
        if expected_version == 0 and applied and _text(results[3]) != cid:
            log.error("place of consultation %s is bound to another one", cid)
        if not applied:
            log.debug("save conflict: consultation=%s expected_version=%d", cid, expected_version)
        return applied

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
            results = await run_steps(
                self._client,
                [
                    ScriptCall(
                        self._forget_one,
                        [self.state_key(cid), self.feedback_key(cid), self.outbox_names_key(cid)],
                        [user],
                    )
                    for cid in batch
                ],
            )
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
        # One consultation's copies share a slot; each binding is in a slot of its own.
        cleanup: list[Step] = [_deleting(keys) for keys in outboxes if keys]
        cleanup += [
            ScriptCall(self._delete_place, [self.place_key(place_text)], [cid])
            for cid, place_text in places
        ]
        for steps in _chunks(cleanup, 200):
            await run_steps(self._client, steps)
        await self._forget_votes(user)
        await self._forget_marks(user)
        # The owner of an inbox entry is in its payload; the inbox shares this prefix.
        from bot.store.inbox import Inbox  # the inbox builds on this module

        inbox = Inbox(self._client, prefix=self._prefix)
        await inbox.forget_dead_letters(user)
        if team:
            await inbox.forget_marks(team, user)
        # The indexes go last: a forget cut short can be run again and find the rest. They
        # share the user's slot.
        await run_steps(
            self._client, [_deleting([user_key, self.votes_key(user), self.marks_key(user)])]
        )
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
            await run_steps(
                self._client,
                [
                    _hdel(self.feedback_key(cid), _vote_field(user, about))
                    for cid in batch
                    for about in VOTE_SUBJECTS
                ],
            )

    async def _forget_marks(self, user: str) -> None:
        marks = _ids(await self._client.smembers(self.marks_key(user)))
        for batch in _chunks(marks, 200):
            await run_steps(
                self._client, [_deleting([self.once_key(f"m:{mark}")]) for mark in batch]
            )

    async def record_feedback(
        self, consultation_id: str, user: str, value: str, *, about: str = "card"
    ) -> None:
        """One vote per user per consultation and per thing voted on (the card, side answers),
        kept beside the state (same slot, same TTL).

        The voter's index is written first, so forget_user finds every stored vote; each vote
        keeps every voter's index alive as long as the hash their votes are in.
        """
        field = _vote_field(user, about)
        results = await run_steps(
            self._client,
            [
                *self._vote_index(user, consultation_id),
                ScriptCall(
                    self._vote, [self.feedback_key(consultation_id)], [field, value, self._ttl]
                ),
            ],
        )
        voters = {v.partition(_VOTE_SEPARATOR)[0] for v in _ids(results[-1])}
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
        return {_text(k): _text(v) for k, v in raw.items()}

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
        return _text(value) if value is not None else None

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


def _deleting(keys: Sequence[str]) -> Callable[[Any], object]:
    return lambda pipe: pipe.delete(*keys)


# What a vote can be about; a card vote's field is the user id, others carry the subject.
VOTE_SUBJECTS = ("card", "answer")
_VOTE_SEPARATOR = "|"


def _vote_field(user: str, about: str) -> str:
    if about not in VOTE_SUBJECTS:
        raise ValueError(f"no vote about {about!r}")
    return user if about == "card" else f"{user}{_VOTE_SEPARATOR}{about}"


def _hdel(key: str, field: str) -> Callable[[Any], object]:
    return lambda pipe: pipe.hdel(key, field)


def _chunks(items: list[_T], size: int) -> Iterable[list[_T]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
