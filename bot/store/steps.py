"""How every write goes out, whatever the topology: pipelined steps, scripts per slot, WAIT."""

from __future__ import annotations

import asyncio
import logging
import math
import time
import weakref
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from redis.asyncio.cluster import RedisCluster
from redis.asyncio.sentinel import SentinelConnectionPool
from redis.commands.core import AsyncScript
from redis.exceptions import (
    ClusterDownError,
    MasterDownError,
    NoScriptError,
    ReadOnlyError,
    RedisClusterException,
    RedisError,
    ResponseError,
    TryAgainError,
)
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from bot.store.client import topology
from bot.store.codec import as_text

__all__ = [
    "NotReplicated",
    "ScriptCall",
    "Step",
    "StoreUnavailable",
    "master_moved",
    "replicas_to_wait",
    "run_script",
    "run_steps",
    "store_unreachable",
]

log = logging.getLogger(__name__)

# With Sentinel, a write is confirmed only once every replica connected to the master has it
# (WAIT), so a failover cannot take back what was confirmed: the sentinels promote the replica
# they judge most up to date from what it last reported, which need not be the first one to
# confirm. At least one replica must confirm (a master alone confirms nothing). Replication on
# a healthy network takes well under a millisecond; the deadline stays inside the ack path's
# two seconds.
SENTINEL_REPLICAS_TO_WAIT = 1
WAIT_TIMEOUT_MS = 500
# How long the count of connected replicas is trusted before ROLE is asked again (a replica
# that leaves is noticed sooner: a shortfall asks at once).
REPLICA_COUNT_TTL_SECONDS = 1.0


class StoreUnavailable(RedisConnectionError):
    """The cluster could not take the command now (no node for its slot, or the topology is
    changing); nothing was written, and the caller may try again."""


class NotReplicated(RedisError):
    """The write reached the master but no replica confirmed it in time: it may be lost in a
    failover, so it is not reported as done (the caller tries again later)."""


def store_unreachable(exc: BaseException) -> bool:
    """``exc`` says the store could not take a command just now (down, failing over, read
    only, a write no replica confirmed), not that the command itself is at fault."""
    # redis-py's own errors only: a builtin TimeoutError is the entry's time running out (a
    # turn that hangs), which must count towards setting it aside.
    if isinstance(
        exc,
        RedisConnectionError
        | RedisTimeoutError
        | NotReplicated
        | ReadOnlyError
        | TryAgainError
        | ClusterDownError
        | MasterDownError,
    ):
        return True
    # A master that lost its replicas refuses writes (min-replicas-to-write) until one is back,
    # e.g. for the seconds after a failover while the other replica resyncs; redis-py has no
    # class of its own for that refusal.
    return isinstance(exc, ResponseError) and str(exc).startswith("NOREPLICAS")


def replicas_to_wait(client: Any) -> int:
    """The fewest replicas that must be connected for writes to be confirmed."""
    return SENTINEL_REPLICAS_TO_WAIT if topology(client) == "sentinel" else 0


@dataclass
class _ReplicaCount:
    count: int = SENTINEL_REPLICAS_TO_WAIT
    checked: float = -math.inf


# Per connection pool, so that every client of one master shares the count.
_replica_counts: weakref.WeakKeyDictionary[Any, _ReplicaCount] = weakref.WeakKeyDictionary()


async def replicas_to_confirm(client: Any, *, fresh: bool = False) -> int:
    """How many replicas a durable write waits for: with Sentinel, every replica connected to
    the master (at least one), as ROLE last reported; 0 otherwise."""
    if topology(client) != "sentinel":
        return 0
    known = _replica_counts.setdefault(client.connection_pool, _ReplicaCount())
    if fresh or time.monotonic() - known.checked > REPLICA_COUNT_TTL_SECONDS:
        try:
            role = await client.execute_command("ROLE")
        except ResponseError:  # ROLE not allowed (ACL): one replica is all that can be asked
            connected = SENTINEL_REPLICAS_TO_WAIT
        else:
            connected = len(role[2]) if as_text(role[0]) == "master" else 0
        known.count = max(SENTINEL_REPLICAS_TO_WAIT, connected)
        known.checked = time.monotonic()
    return known.count


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
        wait = await replicas_to_confirm(client) if durable else 0
        return await _run_in_pipeline(client, steps, wait)
    except RedisClusterException as exc:
        # Not a RedisError: callers (the ack path among them) treat it as Redis unavailable.
        raise StoreUnavailable(type(exc).__name__) from exc


async def run_script(client: Any, call: ScriptCall, *, durable: bool = True) -> Any:
    """One script call, as :func:`run_steps` runs it.

    On one server with no replica to wait for (the ack path's accept, say), the call goes
    as a plain EVALSHA rather than a pipeline of one: the same round trip for less CPU.
    """
    if isinstance(client, RedisCluster) or (durable and await replicas_to_confirm(client)):
        return (await run_steps(client, [call], durable=durable))[0]
    command = (call.script.sha, len(call.keys), *call.keys, *call.args)
    try:
        return await client.evalsha(*command)
    except NoScriptError:
        # A restarted or new server has an empty script cache: load it, run it once more.
        await client.script_load(call.script.script)
        return await client.evalsha(*command)


async def _run_in_pipeline(client: Any, steps: Sequence[Step], wait: int) -> list[Any]:
    try:
        return await _run_once(client, steps, wait)
    except NotReplicated:
        # After a failover the old master may still take writes on the connections it had
        # (until the sentinels demote it, seconds later), but none of its replicas follow
        # it any more. If the sentinels name another master, the steps (all safe to repeat)
        # go there.
        if not await master_moved(client):
            raise
        log.warning("redis master moved; writing to the new one")
        return await _run_once(client, steps, wait)


async def master_moved(client: Any) -> bool:
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
        # Fewer than expected: a replica may have left since the count was taken. Every
        # replica still connected must have the write.
        if int(confirmed) < wait and int(confirmed) < await replicas_to_confirm(client, fresh=True):
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
