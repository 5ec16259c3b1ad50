"""Whether the store's Redis can take writes now, and opening its pool ahead of a burst."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

import redis.asyncio as aioredis
from redis.asyncio.cluster import ClusterNode, RedisCluster
from redis.exceptions import RedisClusterException, RedisError, ResponseError

from bot.settings import RedisTopology
from bot.store.client import topology
from bot.store.codec import as_text
from bot.store.steps import master_moved, replicas_to_wait

__all__ = ["PING_TIMEOUT_SECONDS", "Readiness", "check_ready", "warm_up"]

log = logging.getLogger(__name__)

PING_TIMEOUT_SECONDS = 2.0


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
    await master_moved(client)  # with Sentinel: check the master it names now
    try:
        role = await client.execute_command("ROLE")  # type: ignore[no-untyped-call]
    except ResponseError:  # ROLE not allowed (ACL, managed service): reachable is all we know
        return Readiness(bool(await client.ping()), kind)
    if as_text(role[0]) != "master":
        return Readiness(False, kind, "the server is a replica (read-only)")
    if kind == "server" and await _cluster_enabled(client):
        # Every key outside this node's slots would be answered with MOVED.
        return Readiness(False, kind, "a Redis Cluster node: use a redis+cluster:// URL")
    needed = replicas_to_wait(client)
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
            lines = as_text(info).splitlines()
            state = next(
                (ln.split(":", 1)[1] for ln in lines if ln.startswith("cluster_state:")), ""
            )
        if as_text(state).strip() != "ok":
            return f"{node.name}: cluster_state {as_text(state).strip() or 'unknown'}"
        role = await client.execute_command("ROLE", target_nodes=node)
        if as_text(role[0]) != "master":
            return f"{node.name}: not a master"
        return ""

    problems = [p for p in await asyncio.gather(*(problem(n) for n in primaries)) if p]
    return Readiness(not problems, "cluster", "; ".join(problems))
