"""The process runtime: one Slack connection pool, a warm Redis pool, start-up objects frozen."""

from __future__ import annotations

import gc
import io
import logging
from collections.abc import Callable

import pytest
import redis.asyncio as aioredis
from redis.driver_info import DriverInfo

from bot.services import runtime
from bot.settings import Settings
from bot.slack.client import make_client
from bot.slack.worker_pool import Handoff
from bot.store.client import connect
from bot.store.health import warm_up
from testkit.redis_servers import RedisServer


def _settings(redis_url: str) -> Settings:
    return Settings(
        _env_file=None,
        REDIS_URL=redis_url,
        SLACK_BOT_TOKEN="xoxb-test",
        SLACK_SIGNING_SECRET="secret",
        SLACK_API_URL="http://127.0.0.1:1/api/",
        EXPLAINER_LLM="offline",
    )


async def _clients(url: str) -> int:
    probe = aioredis.Redis.from_url(url)
    try:
        return int((await probe.info("clients"))["connected_clients"]) - 1
    finally:
        await probe.aclose()


async def test_runtime_shares_one_slack_session_and_opens_the_redis_pool(
    redis_server_factory: Callable[..., RedisServer],
) -> None:
    server = redis_server_factory(appendonly=False)
    async with runtime(_settings(server.url)) as rt:
        session = rt.app.client.session
        assert session is not None and not session.closed
        assert rt.app.client is rt.client and rt.client.session is session
        await rt.warming
        pool = rt.services.redis.connection_pool
        assert await _clients(server.url) == pool.max_connections
        assert gc.get_freeze_count() > 0
    assert session.closed


async def test_warm_up_tolerates_a_missing_redis_and_driver_info_is_resolved_once() -> None:
    client = connect("redis://127.0.0.1:1/0", timeout=0.2, retries=0, max_connections=3)
    try:
        await warm_up(client)  # logs, does not raise: connections open once Redis is there
        info = client.connection_pool.connection_kwargs["driver_info"]
        assert isinstance(info, DriverInfo) and info.lib_version
    finally:
        await client.aclose()


def test_the_slack_client_logger_skips_slack_sdks_per_request_debug_formatting() -> None:
    client = make_client(_settings("redis://127.0.0.1:1/0"))
    # slack_sdk builds a debug line (with the message text) whenever its logger's own level
    # is unset or DEBUG, whether or not anything prints it.
    assert client._logger.level > logging.DEBUG


def test_a_supervised_worker_is_handed_its_settings_on_standard_input() -> None:
    handoff = Handoff("/tmp/explainer-workers-x/worker-0.sock", 4321, "redis://:secret@db:6379/0")
    line = handoff.encode()
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    assert Handoff.read(io.BytesIO(line + b"more input")) == handoff
    # Without a Redis URL (REDIS_URL is then read from the environment, as usual).
    bare = Handoff("/tmp/w.sock", 1)
    assert Handoff.read(io.BytesIO(bare.encode())).redis_url is None
    with pytest.raises(ValueError, match="handoff"):
        Handoff.read(io.BytesIO(b""))
