"""Redis-backed installation and OAuth state stores for multi-workspace distribution.

Bolt's OAuth flow (``/slack/install`` → Slack → ``/slack/oauth_redirect``) saves each
workspace's installation here; the app and the worker find the bot token per team from it.
Tokens are stored as Slack returns them: protect the Redis (TLS, AUTH, private network).
"""

from __future__ import annotations

import json
import secrets
from typing import Any

import redis.asyncio as aioredis
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.oauth.installation_store.models.bot import Bot
from slack_sdk.oauth.installation_store.models.installation import Installation
from slack_sdk.oauth.state_store.async_state_store import AsyncOAuthStateStore

STATE_TTL_SECONDS = 600


def _scope(enterprise_id: str | None, team_id: str | None, is_enterprise: bool | None) -> str:
    # An org-wide install is found by its enterprise alone.
    team = "-" if is_enterprise else (team_id or "-")
    return f"{enterprise_id or '-'}:{team}"


class RedisInstallationStore(AsyncInstallationStore):
    """One hash per workspace (``{inst:<enterprise>:<team>}``): the latest installation and bot."""

    def __init__(self, client: aioredis.Redis, client_id: str, prefix: str = "explainer") -> None:
        self._client = client
        self._prefix = f"{prefix}:{{inst:{client_id}"

    def _key(self, scope: str) -> str:
        return f"{self._prefix}:{scope}}}"

    async def async_save(self, installation: Installation) -> None:
        scope = _scope(
            installation.enterprise_id, installation.team_id, installation.is_enterprise_install
        )
        data = json.dumps(installation.to_dict_for_copying(), default=str)
        bot = installation.to_bot()
        fields: dict[Any, Any] = {"installation": data}
        if installation.user_id:
            fields[f"user:{installation.user_id}"] = data
        if bot is not None:
            fields["bot"] = json.dumps(bot.to_dict_for_copying(), default=str)
        await self._client.hset(self._key(scope), mapping=fields)

    async def async_save_bot(self, bot: Bot) -> None:
        scope = _scope(bot.enterprise_id, bot.team_id, bot.is_enterprise_install)
        await self._client.hset(
            self._key(scope), "bot", json.dumps(bot.to_dict_for_copying(), default=str)
        )

    async def async_find_bot(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        is_enterprise_install: bool | None = False,
    ) -> Bot | None:
        raw = await self._client.hget(
            self._key(_scope(enterprise_id, team_id, is_enterprise_install)), "bot"
        )
        return Bot(**_load(raw)) if raw else None

    async def async_find_installation(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        user_id: str | None = None,
        is_enterprise_install: bool | None = False,
    ) -> Installation | None:
        field = f"user:{user_id}" if user_id else "installation"
        raw = await self._client.hget(
            self._key(_scope(enterprise_id, team_id, is_enterprise_install)), field
        )
        return Installation(**_load(raw)) if raw else None

    async def async_delete_bot(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        await self._client.hdel(self._key(_scope(enterprise_id, team_id, False)), "bot")

    async def async_delete_installation(
        self, *, enterprise_id: str | None, team_id: str | None, user_id: str | None = None
    ) -> None:
        key = self._key(_scope(enterprise_id, team_id, False))
        if user_id:
            await self._client.hdel(key, f"user:{user_id}")
        else:
            await self._client.delete(key)

    async def async_delete_all(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        await self._client.delete(self._key(_scope(enterprise_id, team_id, False)))


class RedisOAuthStateStore(AsyncOAuthStateStore):
    """One-time OAuth ``state`` values that expire after ten minutes."""

    def __init__(self, client: aioredis.Redis, prefix: str = "explainer") -> None:
        self._client = client
        self._prefix = prefix

    async def async_issue(self, *args: Any, **kwargs: Any) -> str:
        state = secrets.token_urlsafe(24)
        await self._client.set(f"{self._prefix}:oauth-state:{{{state}}}", "1", ex=STATE_TTL_SECONDS)
        return state

    async def async_consume(self, state: str) -> bool:
        # GETDEL: a state can be used once.
        return bool(await self._client.getdel(f"{self._prefix}:oauth-state:{{{state}}}"))


def _load(raw: bytes | str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(raw)
    return data
