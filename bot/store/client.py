"""Redis clients for the three ``REDIS_URL`` forms: one server, Redis Cluster, Sentinel."""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
from collections.abc import AsyncIterator
from typing import Any, cast

import redis.asyncio as aioredis
from redis.asyncio.cluster import ClusterNode, ClusterPipeline, RedisCluster
from redis.asyncio.connection import SSLConnection, parse_url
from redis.asyncio.retry import Retry
from redis.asyncio.sentinel import Sentinel, SentinelConnectionPool
from redis.backoff import ExponentialWithJitterBackoff, NoBackoff
from redis.driver_info import DriverInfo
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import MaxConnectionsError, RedisClusterException
from redis.exceptions import TimeoutError as RedisTimeoutError

from bot.settings import RedisTarget, RedisTopology, parse_redis_url

__all__ = ["connect", "topology"]


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
    # from_pool: the client owns the pool, so closing the client closes its connections too.
    return aioredis.Redis.from_pool(pool)


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
    # redis-py types Sentinel() from 8.2 on and not before: called through Any, it checks
    # against either.
    make_sentinel: Any = Sentinel
    sentinels = make_sentinel(
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
