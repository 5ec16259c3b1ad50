"""EmbeddedRedis: a real redis-server started by the program, data kept across restarts."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
import redis.asyncio as aioredis

from bot.core.state import Consultation, Place
from bot.store import EmbeddedRedis, EmbeddedRedisError, RedisConsultationStore
from bot.store.embedded import find_redis_server
from testkit.bot_process import alive


@pytest.fixture
def started() -> Iterator[list[EmbeddedRedis]]:
    """Servers a test started; stopped afterwards even if the test failed."""
    servers: list[EmbeddedRedis] = []
    yield servers
    for server in reversed(servers):
        server.stop()


def start(data_dir: Path, started: list[EmbeddedRedis], **kwargs: object) -> EmbeddedRedis:
    server = EmbeddedRedis(data_dir, **kwargs)  # type: ignore[arg-type]
    started.append(server)
    return server.start()


def consultation() -> Consultation:
    return Consultation(
        id="c-embedded",
        version=1,
        place=Place(surface="terminal"),
        user="local",
        turns=2,
        applied=("op-1", "op-2"),
    )


async def test_data_survives_a_restart(tmp_path: Path, started: list[EmbeddedRedis]) -> None:
    data_dir = tmp_path / "redis"
    server = start(data_dir, started)
    assert server.url == f"unix://{data_dir / 'redis.sock'}"
    client = aioredis.Redis.from_url(server.url)
    c = consultation()
    assert await RedisConsultationStore(client).save(c, 0)
    await client.aclose()
    pid = server.pid
    assert pid is not None
    server.stop()
    assert not alive(pid)

    again = start(data_dir, started)
    assert again.pid != pid
    assert not again.reused
    client = aioredis.Redis.from_url(again.url)
    try:
        assert await RedisConsultationStore(client).load(c.id) == c
    finally:
        await client.aclose()


def test_reuses_a_live_server(tmp_path: Path, started: list[EmbeddedRedis]) -> None:
    first = start(tmp_path, started)
    second = start(tmp_path, started)
    assert second.reused
    assert second.pid is None
    assert second.url == first.url
    with redis.Redis.from_url(second.url) as client:
        client.set("k", "v")
    # Stopping the one that only attached leaves the server to its owner.
    second.stop()
    assert first.pid is not None and alive(first.pid)
    with redis.Redis.from_url(first.url) as client:
        assert client.get("k") == b"v"


def test_concurrent_starts_run_one_server(tmp_path: Path, started: list[EmbeddedRedis]) -> None:
    servers = [EmbeddedRedis(tmp_path) for _ in range(4)]
    started.extend(servers)
    errors: list[BaseException] = []

    def run(server: EmbeddedRedis) -> None:
        try:
            server.start()
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(s,)) for s in servers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sum(1 for s in servers if not s.reused) == 1


def test_outlives_the_thread_that_started_it(tmp_path: Path, started: list[EmbeddedRedis]) -> None:
    server = EmbeddedRedis(tmp_path)
    started.append(server)
    thread = threading.Thread(target=server.start)
    thread.start()
    thread.join()
    pid = server.pid
    assert pid is not None
    # Linux signals a death-signal child when the forking *thread* exits; give it time to land.
    time.sleep(0.5)
    assert alive(pid)
    with redis.Redis.from_url(server.url) as client:
        assert client.ping()
    server.stop()
    assert not alive(pid)


def test_stop_is_clean_and_idempotent(tmp_path: Path, started: list[EmbeddedRedis]) -> None:
    server = start(tmp_path, started)
    pid = server.pid
    assert pid is not None
    server.stop()
    assert not alive(pid)  # exited and reaped
    assert not server.socket_path.exists()
    assert (tmp_path / "appendonly.aof").exists() or (tmp_path / "appendonlydir").exists()
    log = (tmp_path / "redis.log").read_text()
    assert "ready to exit" in log
    server.stop()
    assert server.pid is None


def test_context_manager(tmp_path: Path) -> None:
    with EmbeddedRedis(tmp_path) as server:
        pid = server.pid
        assert pid is not None
        with redis.Redis.from_url(server.url) as client:
            assert client.ping()
    assert not alive(pid)


async def test_async_context_manager(tmp_path: Path) -> None:
    async with EmbeddedRedis(tmp_path) as server:
        pid = server.pid
        assert pid is not None
        client = aioredis.Redis.from_url(server.url)
        assert await client.ping()
        await client.aclose()
    assert not alive(pid)


def test_stale_socket_file_is_replaced(tmp_path: Path, started: list[EmbeddedRedis]) -> None:
    (tmp_path / "redis.sock").write_text("left over from a crash")
    server = start(tmp_path, started)
    assert not server.reused
    with redis.Redis.from_url(server.url) as client:
        assert client.ping()


def test_creates_the_data_directory(tmp_path: Path, started: list[EmbeddedRedis]) -> None:
    data_dir = tmp_path / "a" / "b"
    start(data_dir, started)
    assert data_dir.is_dir()
    assert (data_dir.stat().st_mode & 0o777) == 0o700


def test_a_server_that_dies_at_start_is_reported(tmp_path: Path) -> None:
    with pytest.raises(EmbeddedRedisError, match="exited with code"):
        EmbeddedRedis(tmp_path, executable="/bin/false").start()


def test_a_server_that_never_answers_times_out(tmp_path: Path) -> None:
    # Stands in for a server that hangs before listening.
    script = tmp_path / "silent-redis"
    script.write_text("#!/bin/sh\nexec sleep 30\n")
    script.chmod(0o755)
    server = EmbeddedRedis(tmp_path, executable=str(script), startup_timeout=0.3)
    with pytest.raises(EmbeddedRedisError, match="did not answer PING"):
        server.start()
    assert server.pid is None


def test_missing_executable_is_reported(tmp_path: Path) -> None:
    with pytest.raises(EmbeddedRedisError, match="cannot run"):
        EmbeddedRedis(tmp_path, executable=str(tmp_path / "nope")).start()


def test_too_long_socket_path_is_reported(tmp_path: Path) -> None:
    with pytest.raises(EmbeddedRedisError, match="too long"):
        EmbeddedRedis(tmp_path / ("x" * 120)).start()


def test_finds_a_redis_server_binary() -> None:
    assert os.access(find_redis_server(), os.X_OK)


def test_nothing_runs_at_construction(tmp_path: Path) -> None:
    server = EmbeddedRedis(tmp_path / "later")
    assert server.pid is None
    assert not (tmp_path / "later").exists()
