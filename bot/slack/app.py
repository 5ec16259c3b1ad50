"""The Bolt app: thin handlers that translate a Slack payload, persist it, and ack.

Everything after the ack runs in :mod:`bot.slack.worker`, from Redis.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from redis.exceptions import RedisError
from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltContext
from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped
from slack_bolt.oauth.async_oauth_flow import AsyncOAuthFlow
from slack_bolt.response import BoltResponse
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.web.async_client import AsyncWebClient

from bot.logs import library_logger
from bot.metrics import Metrics
from bot.settings import Settings
from bot.slack.ack import ACK_DEADLINE_SECONDS, AckPath
from bot.slack.inbound import (
    envelope_ids,
    from_assistant_started,
    from_home_opened,
    from_shortcut,
    greeting,
)
from bot.store.inbox import Inbox
from bot.store.inbox_scripts import InboxFull

GREETING_TTL = 90 * 24 * 3600
COMMAND = "/explainer"
# Every block action: an action id of at least one character, as Bolt matches it.
ACTION_ID = re.compile(".+")
# The message shortcut "Decide with Explainer" (both manifests declare it).
SHORTCUT_CALLBACK = "decide_with_explainer"
# What a 503 asks for; Slack delivers events again on its own schedule either way.
RETRY_AFTER_SECONDS = 60
# Event and payload types named in metrics; any other is counted as "other".
KNOWN_TYPES = frozenset(
    {
        "app_mention",
        "app_home_opened",
        "app_rate_limited",
        "app_uninstalled",
        "assistant_thread_context_changed",
        "assistant_thread_started",
        "block_suggestion",
        "channel_left",
        "file_shared",
        "group_left",
        "interactive_message",
        "member_joined_channel",
        "member_left_channel",
        "message",
        "message_action",
        "pin_added",
        "reaction_added",
        "reaction_removed",
        "shortcut",
        "team_join",
        "tokens_revoked",
        "user_change",
        "view_closed",
        "view_submission",
    }
)


def type_label(kind: object) -> str:
    """A metric label for a Slack event or payload type: a known type, or ``other``."""
    return kind if isinstance(kind, str) and kind in KNOWN_TYPES else "other"


def payload_kind(body: Mapping[str, Any]) -> str:
    """``command``, ``event``, ``action`` or ``other``: the ack path's metric label."""
    if "command" in body:
        return "command"
    if body.get("type") == "event_callback":
        return "event"
    if "actions" in body or body.get("type") in ("block_actions", "view_submission"):
        return "action"
    return "other"


log = logging.getLogger(__name__)


class _TokenInClient(logging.Filter):
    """Drops Bolt's "`token` will be unused" warning: Bolt reads SLACK_BOT_TOKEN from the
    environment and warns when a client is given too, but the client carries that same token,
    so every start logged a warning that says nothing."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != warning_client_prioritized_and_token_skipped()


def _bolt_logger() -> logging.Logger:
    logger = library_logger()
    if not any(isinstance(f, _TokenInClient) for f in logger.filters):
        logger.addFilter(_TokenInClient())
    return logger


@dataclass(frozen=True)
class Front:
    """The Bolt app, and the ack path its listeners share with the fast lane."""

    app: AsyncApp
    acks: AckPath


def create_app(
    settings: Settings,
    inbox: Inbox,
    client: AsyncWebClient,
    metrics: Metrics | None = None,
    oauth: AsyncOAuthFlow | None = None,
    *,
    thread_binding: Callable[[str], str] | None = None,
) -> Front:
    """A Bolt app whose every listener persists its work before the HTTP response goes out.

    With ``oauth`` the app serves any workspace that installed it (tokens per team from the
    installation store); without, the single workspace of SLACK_BOT_TOKEN. ``thread_binding``
    names the key that marks a thread (by its place key) as one the bot holds a consultation
    in: replies elsewhere then use nobody's rate budget.
    """
    secret = settings.slack_signing_secret
    m = metrics or Metrics()
    app = AsyncApp(
        client=client,
        signing_secret=secret.get_secret_value() if secret else None,
        process_before_response=True,
        request_verification_enabled=secret is not None,
        raise_error_for_unhandled_request=False,
        oauth_flow=oauth,
        # Bolt's loggers copy this one's level and filter: no request body in any record.
        logger=_bolt_logger(),
        attaching_conversation_kwargs_enabled=False,
    )
    acks = AckPath(inbox, m, thread_binding)
    _listen_for_messages(app, acks)
    _listen_for_installs(app, oauth.settings.installation_store if oauth is not None else None)

    # Registered after every event the app handles: any other is answered 200 and counted,
    # so Slack does not retry it.
    @app.event(re.compile(".*"))
    async def on_other_event(event: dict[str, Any]) -> None:
        m.unhandled.labels(type_label(event.get("type"))).inc()

    _listen_for_interactions(app, acks)
    _answer_errors(app, m)
    return Front(app, acks)


def _listen_for_messages(app: AsyncApp, acks: AckPath) -> None:
    @app.event("app_mention")
    async def on_mention(
        event: dict[str, Any], body: dict[str, Any], context: AsyncBoltContext
    ) -> None:
        await acks.message(event, body, context.bot_user_id, mention=True)

    @app.event("message")
    async def on_message(
        event: dict[str, Any], body: dict[str, Any], context: AsyncBoltContext
    ) -> None:
        await acks.message(event, body, context.bot_user_id, mention=False)

    @app.event("app_home_opened")
    async def on_home(event: dict[str, Any], body: dict[str, Any]) -> None:
        team, enterprise = envelope_ids(body)
        event_id = body.get("event_id")
        await acks.persist(
            acks.translate("home", lambda: from_home_opened(event, event_id, team, enterprise))
        )
        greet = acks.translate("greet", lambda: greeting(event, team, enterprise))
        if greet is not None:
            # Once per user per greeting period, not on every visit: a repeat is the usual case.
            async with asyncio.timeout(ACK_DEADLINE_SECONDS):
                await acks.inbox.accept(greet.key, greet.to_bytes(), dedupe_ttl=GREETING_TTL)

    @app.event("assistant_thread_started")
    async def on_assistant(event: dict[str, Any], body: dict[str, Any]) -> None:
        team, enterprise = envelope_ids(body)
        event_id = body.get("event_id")
        await acks.persist(
            acks.translate(
                "assistant_started",
                lambda: from_assistant_started(event, event_id, team, enterprise),
            )
        )

    @app.event("assistant_thread_context_changed")
    async def on_context_changed() -> None:
        return None


def _listen_for_installs(app: AsyncApp, store: AsyncInstallationStore | None) -> None:
    @app.event("app_uninstalled")
    async def on_uninstalled(body: dict[str, Any]) -> None:
        team, enterprise, org_wide = _installation_of(body)
        log.info("app uninstalled (team=%s, enterprise=%s)", team, enterprise)
        if store is not None:
            await store.async_delete_all(
                enterprise_id=enterprise or None, team_id=None if org_wide else team or None
            )

    @app.event("tokens_revoked")
    async def on_tokens_revoked(event: dict[str, Any], body: dict[str, Any]) -> None:
        team, enterprise, org_wide = _installation_of(body)
        tokens = event.get("tokens")
        tokens = tokens if isinstance(tokens, dict) else {}
        users, bots = _ids(tokens.get("oauth")), _ids(tokens.get("bot"))
        log.info("tokens revoked (team=%s: %d user, %d bot)", team, len(users), len(bots))
        if store is None:
            return
        scope = {"enterprise_id": enterprise or None, "team_id": None if org_wide else team or None}
        for user in users:
            await store.async_delete_installation(**scope, user_id=user)
        if bots:
            await store.async_delete_bot(**scope)


def _listen_for_interactions(app: AsyncApp, acks: AckPath) -> None:
    @app.command(COMMAND)
    async def on_command(ack: AsyncAck, body: dict[str, Any]) -> None:
        notice = await acks.command(body)
        await (ack(text=notice, response_type="ephemeral") if notice is not None else ack())

    @app.action(ACTION_ID)
    async def on_action(ack: AsyncAck, body: dict[str, Any]) -> None:
        await acks.action(body)
        await ack()

    @app.shortcut(SHORTCUT_CALLBACK)
    async def on_shortcut(ack: AsyncAck, body: dict[str, Any]) -> None:
        inbound = acks.translate("shortcut", lambda: from_shortcut(body))
        if inbound is not None:
            await acks.persist_interactive(inbound)
        await ack()


def _answer_errors(app: AsyncApp, m: Metrics) -> None:
    @app.error
    async def on_error(error: Exception, body: dict[str, Any]) -> BoltResponse | None:
        return answer_error(error, body, m)


def answer_error(error: Exception, body: object, m: Metrics) -> BoltResponse | None:
    """A 503 when nothing could be persisted (Slack delivers it again once there is room, or
    Redis); None for any other failure, which Bolt answers with a 500 (Slack delivers the
    event again later, so nothing is lost)."""
    kind = payload_kind(body) if isinstance(body, dict) else "other"
    if isinstance(error, InboxFull | TimeoutError | RedisError | OSError):
        if isinstance(error, InboxFull):
            m.backlog_full.labels(kind).inc()
        log.warning("not accepted (%s): %s", kind, type(error).__name__)
        return BoltResponse(
            status=503,
            body={"error": "busy"},
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )
    # Type only: the exception text may quote the user's message.
    log.error("listener failed: %s", type(error).__name__)
    return None


def _installation_of(body: Mapping[str, Any]) -> tuple[str, str, bool]:
    """The workspace, org, and whether the install is org-wide, of an uninstall or revocation."""
    team, enterprise = envelope_ids(body)
    auth = body.get("authorizations")
    first = auth[0] if isinstance(auth, list) and auth and isinstance(auth[0], dict) else {}
    org_wide = (
        first.get("is_enterprise_install") is True or body.get("is_enterprise_install") is True
    )
    return team, enterprise, org_wide


def _ids(value: object) -> list[str]:
    return [v for v in value if isinstance(v, str) and v] if isinstance(value, list) else []
