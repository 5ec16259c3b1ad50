"""Shared fixtures: Redis for tests.

Tests use the Redis server at 127.0.0.1:6379 with a unique key prefix each, cleaned up after
the test. Tests that kill or restart Redis start their own throwaway server instead.
"""

from __future__ import annotations

import gc
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import pytest
import redis
import redis.asyncio as aioredis

from bot.llm.reader.codecache import install as install_compiled_patterns
from bot.settings import Settings
from testkit.redis_servers import (
    SHARED_REDIS_URL,
    LocalCluster,
    LocalSentinel,
    RedisServer,
    redis_server_binary,
)


@pytest.fixture(scope="session", autouse=True)
def _compiled_rule_patterns() -> None:
    """Rule patterns come from the file ``make`` wrote (``explainer warm``) where it holds
    them, as in every process the product starts; ``test_codecache`` shows they are the
    patterns compiling gives."""
    install_compiled_patterns(Settings(_env_file=None).cache_dir)


@pytest.fixture(autouse=True)
def _leaks_fail_the_test_that_made_them(request: pytest.FixtureRequest) -> Iterator[None]:
    """Collect garbage after each test that talks to servers. An unclosed connection in a
    reference cycle is otherwise found by a later, random collection, and the warnings-as-errors
    guard then fails whichever unrelated test happened to be running."""
    yield
    if "/unit/" not in str(request.node.path):
        gc.collect()


@pytest.fixture
def redis_server_factory(tmp_path: Path) -> Iterator[Callable[..., RedisServer]]:
    """Start throwaway redis-servers in the test's tmp dir; all are stopped afterwards."""
    servers: list[RedisServer] = []

    def make(*, appendonly: bool = True) -> RedisServer:
        server = RedisServer(tmp_path / f"redis-{len(servers)}", appendonly=appendonly)
        servers.append(server)
        server.start()
        return server

    yield make
    for server in servers:
        server.kill()


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The shared Redis at 127.0.0.1:6379; a session-wide throwaway one if that is not up."""
    probe = redis.Redis.from_url(SHARED_REDIS_URL, socket_connect_timeout=0.5)
    try:
        up = bool(probe.ping())
    except (redis.RedisError, OSError):
        up = False
    finally:
        probe.close()
    if up:
        yield SHARED_REDIS_URL
        return
    server = RedisServer(tmp_path_factory.mktemp("shared-redis"), appendonly=False)
    server.start()
    try:
        yield server.url
    finally:
        server.kill()


@pytest.fixture
def redis_prefix() -> str:
    """A key prefix no other test uses."""
    return f"test-{uuid.uuid4().hex[:12]}"


@pytest.fixture
async def redis_client(redis_url: str, redis_prefix: str) -> AsyncIterator[aioredis.Redis]:
    """An async client on the test Redis; every key under ``redis_prefix`` is deleted after."""
    client = aioredis.Redis.from_url(redis_url)
    try:
        yield client
    finally:
        keys = [key async for key in client.scan_iter(match=f"{redis_prefix}:*", count=500)]
        if keys:
            await client.unlink(*keys)
        await client.aclose()


@pytest.fixture(scope="module")
def redis_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalCluster]:
    """A three-master Redis Cluster for the module's tests, stopped after them."""
    cluster = LocalCluster(tmp_path_factory.mktemp("cluster"))
    try:
        cluster.start()
    except (RuntimeError, TimeoutError, redis.RedisError) as exc:
        cluster.stop()
        pytest.skip(f"cannot run a Redis Cluster with {redis_server_binary()}: {exc}")
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="module")
def redis_sentinel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalSentinel]:
    """A master, two replicas and a sentinel for the module's tests, stopped after them."""
    group = LocalSentinel(tmp_path_factory.mktemp("sentinel"))
    try:
        group.start()
    except (RuntimeError, TimeoutError, redis.RedisError) as exc:
        group.stop()
        pytest.skip(f"cannot run Redis Sentinel with {redis_server_binary()}: {exc}")
    try:
        yield group
    finally:
        group.stop()
