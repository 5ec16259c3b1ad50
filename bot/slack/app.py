"""The Bolt app: thin handlers that translate a Slack payload, persist it, and ack.

Everything after the ack runs in :mod:`bot.slack.worker`, from Redis.
"""

from __future__ import annotations

import asyncio
import logging
import re
from typing import Any

import aiohttp
from redis.asyncio import Redis
from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltContext
from slack_bolt.oauth.async_oauth_flow import AsyncOAuthFlow
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from bot.metrics import Metrics
from bot.settings import Settings
from bot.slack.inbound import Inbound, from_action, from_command, from_message_event, short_hash
from bot.slack.oauth import RedisInstallationStore, RedisOAuthStateStore
from bot.store.inbox import Inbox

GREETING_TTL = 90 * 24 * 3600
# What the app asks for at install time; deploy/slack-manifest.yaml lists the same scopes.
BOT_SCOPES = (
    "app_mentions:read",
    "assistant:write",
    "channels:history",
    "chat:write",
    "commands",
    "groups:history",
    "im:history",
    "im:read",
    "im:write",
)
ACK_DEADLINE_SECONDS = 2.0
SLACK_TIMEOUT_SECONDS = 10


def slack_session() -> aiohttp.ClientSession:
    """One connection pool for every Web API call of a process (call inside the event loop)."""
    return aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=SLACK_TIMEOUT_SECONDS))


log = logging.getLogger(__name__)


def make_oauth_flow(settings: Settings, redis: Redis) -> AsyncOAuthFlow:
    """The install flow (``/slack/install`` → ``/slack/oauth_redirect``) with Redis stores."""
    if not (settings.slack_client_id and settings.slack_client_secret):
        raise ValueError("SLACK_CLIENT_ID and SLACK_CLIENT_SECRET are needed for OAuth")
    return AsyncOAuthFlow(
        client=make_client(settings, with_token=False),
        settings=AsyncOAuthSettings(
            client_id=settings.slack_client_id,
            client_secret=settings.slack_client_secret.get_secret_value(),
            scopes=list(BOT_SCOPES),
            installation_store=RedisInstallationStore(redis, settings.slack_client_id),
            state_store=RedisOAuthStateStore(redis),
            install_path="/slack/install",
            redirect_uri_path="/slack/oauth_redirect",
        ),
    )


def make_client(
    settings: Settings, *, with_token: bool = True, session: aiohttp.ClientSession | None = None
) -> AsyncWebClient:
    """Retries rate limits (honouring Retry-After) and dropped connections, never a 5xx: a
    server error may come after the message landed, and a retry would post it twice.

    Give it a long-lived ``session``: without one, slack_sdk opens a new connection pool (and a
    new TLS connection) for every API call.
    """
    token = (
        settings.slack_bot_token.get_secret_value()
        if settings.slack_bot_token and with_token
        else None
    )
    # slack_sdk formats a debug line with every request's parameters whenever its logger's own
    # level is unset, even if nothing prints it; a logger with a level skips that work.
    api_log = logging.getLogger("bot.slack.api")
    api_log.setLevel(logging.INFO)
    return AsyncWebClient(
        token=token,
        base_url=settings.slack_api_url,
        timeout=SLACK_TIMEOUT_SECONDS,
        session=session,
        logger=api_log,
        retry_handlers=[
            AsyncRateLimitErrorRetryHandler(max_retry_count=3),
            AsyncConnectionErrorRetryHandler(max_retry_count=1),
        ],
    )


def create_app(
    settings: Settings,
    inbox: Inbox,
    client: AsyncWebClient,
    metrics: Metrics | None = None,
    oauth: AsyncOAuthFlow | None = None,
) -> AsyncApp:
    """A Bolt app whose every listener persists its work before the HTTP response goes out.

    With ``oauth`` the app serves any workspace that installed it (tokens per team from the
    installation store); without, the single workspace of SLACK_BOT_TOKEN.
    """
    secret = settings.slack_signing_secret
    app = AsyncApp(
        client=client,
        signing_secret=secret.get_secret_value() if secret else None,
        process_before_response=True,
        request_verification_enabled=secret is not None,
        raise_error_for_unhandled_request=False,
        oauth_flow=oauth,
    )

    async def persist(inbound: Inbound | None) -> None:
        if inbound is None:
            return
        # Fail fast when Redis stalls: Slack gets a 500 and delivers again, never a slow 200.
        async with asyncio.timeout(ACK_DEADLINE_SECONDS):
            if inbound.kind == "message":
                status = await inbox.accept_message(
                    inbound.key,
                    inbound.to_bytes(),
                    inbound.model_copy(update={"kind": "slow_down", "text": ""}).to_bytes(),
                    user=short_hash(f"{inbound.team}:{inbound.user}"),
                    thread=short_hash(
                        f"{inbound.team}:{inbound.channel}:{inbound.thread_ts or inbound.ts}"
                    ),
                )
            else:
                accepted = await inbox.accept(inbound.key, inbound.to_bytes())
                status = "accepted" if accepted else "duplicate"
        if status.startswith("limited"):
            if metrics is not None:
                metrics.rate_limited.labels(status.removeprefix("limited:")).inc()
            return
        if status == "duplicate":
            log.info("duplicate delivery ignored (%s)", inbound.kind)
            if metrics is not None:
                metrics.dedupe_hits.labels(inbound.kind).inc()

    @app.command("/explainer")
    async def on_command(ack: AsyncAck, body: dict[str, Any]) -> None:
        await persist(from_command(body))
        await ack()

    @app.event("app_mention")
    async def on_mention(event: dict[str, Any], context: AsyncBoltContext) -> None:
        await persist(
            from_message_event(event, context.team_id or "", context.bot_user_id, mention=True)
        )

    @app.event("message")
    async def on_message(event: dict[str, Any], context: AsyncBoltContext) -> None:
        await persist(
            from_message_event(event, context.team_id or "", context.bot_user_id, mention=False)
        )

    @app.event("app_home_opened")
    async def on_home(
        event: dict[str, Any], body: dict[str, Any], context: AsyncBoltContext
    ) -> None:
        user = str(event.get("user", ""))
        team = context.team_id or ""
        if event.get("tab") == "home":
            await persist(
                Inbound(kind="home", key=f"ev:{body.get('event_id', '')}", team=team, user=user)
            )
        elif event.get("tab") == "messages" and event.get("channel"):
            # Greet in the Messages tab once per user (per greeting period), not on every visit.
            greet = Inbound(
                kind="greet",
                key=f"greet:{short_hash(team + user)}",
                team=team,
                user=user,
                channel=str(event["channel"]),
                surface="dm",
            )
            await inbox.accept(greet.key, greet.to_bytes(), dedupe_ttl=GREETING_TTL)

    @app.event("assistant_thread_started")
    async def on_assistant(
        event: dict[str, Any], body: dict[str, Any], context: AsyncBoltContext
    ) -> None:
        thread = event.get("assistant_thread") or {}
        await persist(
            Inbound(
                kind="assistant_started",
                key=f"ev:{body.get('event_id', '')}",
                team=context.team_id or "",
                user=str(thread.get("user_id", "")),
                channel=str(thread.get("channel_id", "")),
                thread_ts=str(thread.get("thread_ts", "")),
                surface="assistant",
            )
        )

    @app.event("assistant_thread_context_changed")
    async def on_context_changed() -> None:
        return None

    @app.action(re.compile(".+"))
    async def on_action(ack: AsyncAck, body: dict[str, Any]) -> None:
        await persist(from_action(body))
        await ack()

    @app.error
    async def on_error(error: Exception) -> None:
        # Type only: the exception text may quote the user's message.
        # Bolt answers 500, so Slack delivers the event again later; nothing is lost.
        log.error("listener failed: %s", type(error).__name__)

    return app
