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
from redis.exceptions import WatchError
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.oauth.installation_store.models.bot import Bot
from slack_sdk.oauth.installation_store.models.installation import Installation
from slack_sdk.oauth.state_store.async_state_store import AsyncOAuthStateStore

STATE_TTL_SECONDS = 600
# What a revoked bot or user token takes with it from every stored copy of an installation.
_BOT_FIELDS = (
    "bot_token",
    "bot_id",
    "bot_user_id",
    "bot_scopes",
    "bot_refresh_token",
    "bot_token_expires_at",
)
_USER_FIELDS = ("user_token", "user_scopes", "user_refresh_token", "user_token_expires_at")
_REWRITE_ATTEMPTS = 5


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
        """The bot token goes, and with it every copy inside the stored installations.

        An org-wide install is the one found with no team (``team_id=None``).
        """
        await self._revoke(self._key(_scope(enterprise_id, team_id, False)), bot=True)

    async def async_delete_installation(
        self, *, enterprise_id: str | None, team_id: str | None, user_id: str | None = None
    ) -> None:
        """With ``user_id``: that user's token (their installation and any copy of their token);
        without: the whole installation, bot included."""
        key = self._key(_scope(enterprise_id, team_id, False))
        if user_id:
            await self._revoke(key, user=user_id)
        else:
            await self._client.delete(key)

    async def async_delete_all(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        await self._client.delete(self._key(_scope(enterprise_id, team_id, False)))

    async def _revoke(self, key: str, *, bot: bool = False, user: str = "") -> None:
        """Drop the bot's (or a user's) token from every field of ``key``, atomically: a save
        that lands in between makes the rewrite start over."""
        async with self._client.pipeline(transaction=True) as pipe:
            for _ in range(_REWRITE_ATTEMPTS):
                try:
                    await pipe.watch(key)
                    stored: dict[Any, Any] = await pipe.hgetall(key)
                    drop, keep = _without_tokens(stored, bot=bot, user=user)
                    pipe.multi()  # type: ignore[no-untyped-call]
                    if drop:
                        pipe.hdel(key, *drop)
                    if keep:
                        pipe.hset(key, mapping=keep)
                    await pipe.execute()
                    return
                except WatchError:
                    continue
        raise RuntimeError("installation changed during revocation; try again")


async def find_bot_token(
    store: AsyncInstallationStore, team: str, enterprise: str = ""
) -> str | None:
    """The bot token for a workspace: its own install (saved under its Enterprise Grid org when
    it has one), else the org-wide install of its org, else an install saved without the org."""
    tries: list[tuple[str | None, str | None, bool]] = []
    if enterprise and team:
        tries.append((enterprise, team, False))
    if enterprise:
        tries.append((enterprise, None, True))
    if team:
        tries.append((None, team, False))
    for enterprise_id, team_id, org_wide in tries:
        bot = await store.async_find_bot(
            enterprise_id=enterprise_id, team_id=team_id, is_enterprise_install=org_wide
        )
        if bot is not None and bot.bot_token:
            return str(bot.bot_token)
    return None


def _without_tokens(
    stored: dict[Any, Any], *, bot: bool, user: str
) -> tuple[list[str], dict[Any, Any]]:
    """Fields to delete, and fields to write back without the revoked tokens."""
    drop: list[str] = []
    keep: dict[Any, Any] = {}
    for raw_field, raw in stored.items():
        field = raw_field.decode() if isinstance(raw_field, bytes) else str(raw_field)
        if (bot and field == "bot") or (user and field == f"user:{user}"):
            drop.append(field)
            continue
        if field != "installation" and not field.startswith("user:"):
            continue
        data = _load(raw)
        gone = [
            *(_BOT_FIELDS if bot else ()),
            *(_USER_FIELDS if data.get("user_id") == user else ()),
        ]
        if any(data.get(name) is not None for name in gone):
            keep[field] = json.dumps({**data, **dict.fromkeys(gone)}, default=str)
    return drop, keep


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
