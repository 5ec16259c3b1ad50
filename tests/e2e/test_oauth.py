"""Multi-workspace install: the OAuth flow stores an installation in Redis and the bot uses it."""

from __future__ import annotations

import re
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest
import redis.asyncio as aioredis

from bot.slack.oauth import RedisInstallationStore
from testkit.bot_process import BotProcess, start_bot
from testkit.mock_slack import MockSlack
from testkit.redis_servers import RedisServer
from testkit.slack_client import SlackSender

pytestmark = pytest.mark.e2e


@pytest.fixture
def stack(tmp_path: Path) -> Iterator[tuple[MockSlack, RedisServer, BotProcess]]:
    server = RedisServer(tmp_path / "redis")
    server.start()
    slack = MockSlack()
    slack.start_in_thread()
    bot = start_bot(
        tmp_path,
        slack.url,
        server.url,
        SLACK_BOT_TOKEN="",
        SLACK_CLIENT_ID="111.222",
        SLACK_CLIENT_SECRET="client-secret",
    )
    try:
        yield slack, server, bot
    finally:
        bot.terminate()
        slack.stop()
        server.kill()


async def test_oauth_install_stores_an_installation_and_the_bot_uses_its_token(
    stack: tuple[MockSlack, RedisServer, BotProcess],
) -> None:
    slack, server, bot = stack
    async with aiohttp.ClientSession() as s:
        async with s.get(f"{bot.base}/slack/install", allow_redirects=False) as r:
            assert r.status in (200, 302)
            page = await r.text()
            cookie = r.headers.get("Set-Cookie", "")
        url = r.headers.get("Location") or re.search(r'href="([^"]+oauth[^"]+)"', page)[1]  # type: ignore[index]
        query = urllib.parse.parse_qs(urllib.parse.urlparse(url.replace("&amp;", "&")).query)
        assert query["client_id"] == ["111.222"]
        assert "chat:write" in query["scope"][0]
        state = query["state"][0]
        state_cookie = cookie.split(";")[0]
        async with s.get(
            f"{bot.base}/slack/oauth_redirect?code=bad&state=forged",
            headers={"Cookie": state_cookie},
        ) as r:
            assert 400 <= r.status < 500
        async with s.get(
            f"{bot.base}/slack/oauth_redirect?code=c0de&state={state}",
            headers={"Cookie": state_cookie},
        ) as r:
            assert r.status == 200, await r.text()
    assert slack.calls_to("oauth.v2.access")[-1].ok

    client = aioredis.Redis.from_url(server.url)
    try:
        store = RedisInstallationStore(client, "111.222")
        found = await store.async_find_installation(enterprise_id=None, team_id="T1")
        assert found is not None and found.bot_token == "xoxb-test"
        assert (await store.async_find_bot(enterprise_id=None, team_id="T1")) is not None
    finally:
        await client.aclose()

    ts = f"{time.time():.6f}"
    await SlackSender(bot.events_url).event(
        {
            "type": "message",
            "channel": "D1",
            "channel_type": "im",
            "user": "U1",
            "ts": ts,
            "text": "support bot, consistent tone matters",
        }
    )
    posted = await slack.wait_for(
        "chat.postMessage", timeout=15, where=lambda c: c.args.get("thread_ts") == ts
    )
    assert posted[0].token == "xoxb-test"


async def test_single_workspace_mode_has_no_install_route(tmp_path: Path) -> None:
    server = RedisServer(tmp_path / "redis")
    server.start()
    slack = MockSlack()
    slack.start_in_thread()
    bot = start_bot(tmp_path, slack.url, server.url)
    try:
        assert bot.get("/slack/install") == 404
    finally:
        bot.terminate()
        slack.stop()
        server.kill()
