"""The Slack Web API client and its connection pool, and the OAuth install flow."""

from __future__ import annotations

import json
import logging
from typing import Any

import aiohttp
from pydantic_core import PydanticSerializationError, to_json
from redis.asyncio import Redis
from slack_bolt.oauth.async_oauth_flow import AsyncOAuthFlow
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from bot.logs import library_logger
from bot.settings import Settings
from bot.slack.oauth import RedisInstallationStore, RedisOAuthStateStore

# What the app asks for at install time; deploy/slack-manifest.yaml lists the same scopes.
BOT_SCOPES = (
    "app_mentions:read",
    "assistant:write",
    "canvases:write",
    "channels:history",
    "chat:write",
    "commands",
    "files:read",
    "files:write",
    "groups:history",
    "im:history",
)
SLACK_TIMEOUT_SECONDS = 10


def slack_session() -> aiohttp.ClientSession:
    """One connection pool for every Web API call of a process (call inside the event loop)."""
    return aiohttp.ClientSession(
        timeout=aiohttp.ClientTimeout(total=SLACK_TIMEOUT_SECONDS), json_serialize=json_body
    )


def json_body(value: Any) -> str:
    """A request's JSON body: pydantic's serialiser, a third of ``json.dumps``' CPU on a card's
    blocks. The same JSON, with text as UTF-8 rather than escaped; text Python's own UTF-8
    cannot encode (a lone surrogate) goes through ``json``, which escapes it."""
    try:
        return to_json(value).decode()
    except PydanticSerializationError:
        return json.dumps(value)


def make_oauth_flow(settings: Settings, redis: Redis) -> AsyncOAuthFlow:
    """The install flow (``/slack/install`` → ``/slack/oauth_redirect``) with Redis stores."""
    if not (settings.slack_client_id and settings.slack_client_secret):
        raise ValueError("SLACK_CLIENT_ID and SLACK_CLIENT_SECRET are needed for OAuth")
    return AsyncOAuthFlow(
        client=make_client(settings, with_token=False),
        logger=library_logger(),
        settings=AsyncOAuthSettings(
            client_id=settings.slack_client_id,
            client_secret=settings.slack_client_secret.get_secret_value(),
            scopes=list(BOT_SCOPES),
            installation_store=RedisInstallationStore(redis, settings.slack_client_id),
            state_store=RedisOAuthStateStore(redis),
            install_path="/slack/install",
            redirect_uri_path="/slack/oauth_redirect",
            logger=library_logger(),
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
    # level is unset, even if nothing prints it; a logger with a level skips that work. Its
    # messages quote API arguments (message text), so they are cut to their fixed wording.
    api_log = library_logger("bot.slack.api")
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
