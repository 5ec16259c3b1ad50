"""Slack payloads translated into one persisted unit of work (pure; no Slack client here)."""

from __future__ import annotations

import hashlib
import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from bot.core.state import Surface

Kind = Literal["command", "message", "action", "home", "greet", "assistant_started", "slow_down"]

_MENTION = re.compile(r"<@[UW][A-Z0-9]+(?:\|[^>]*)?>")
# Message subtypes that are not a person writing something new.
_IGNORED_SUBTYPES = frozenset(
    {
        "bot_message",
        "message_changed",
        "message_deleted",
        "message_replied",
        "channel_join",
        "channel_leave",
        "channel_topic",
        "channel_purpose",
        "channel_name",
        "thread_broadcast",
        "assistant_app_thread",
        "group_join",
        "group_leave",
        "ekm_access_denied",
        "tombstone",
    }
)


class Inbound(BaseModel):
    """What a handler stores before acking; the worker does the rest from this alone."""

    model_config = ConfigDict(frozen=True)

    kind: Kind
    key: str
    team: str = ""
    channel: str = ""
    user: str = ""
    ts: str = ""
    thread_ts: str = ""
    surface: Surface = "slash"
    text: str = ""
    action: str = ""
    value: str = ""
    message_ts: str = ""
    response_url: str = ""

    def to_bytes(self) -> bytes:
        return self.model_dump_json(exclude_defaults=True).encode()

    @classmethod
    def from_bytes(cls, raw: bytes) -> Inbound:
        return cls.model_validate_json(raw)


def short_hash(value: str) -> str:
    """Stands in for a user id in key names and logs."""
    return hashlib.sha256(value.encode()).hexdigest()[:16]


def _digest(body: dict[str, Any]) -> str:
    """A stable key for a payload without a trigger id; no user id ends up in key names."""
    raw = "|".join(str(body.get(k, "")) for k in ("team_id", "channel_id", "user_id", "text"))
    return hashlib.sha256(raw.encode()).hexdigest()[:24]


def strip_mentions(text: str) -> str:
    return _MENTION.sub(" ", text).strip()


def from_command(body: dict[str, Any]) -> Inbound:
    return Inbound(
        kind="command",
        key=f"cmd:{body.get('trigger_id') or _digest(body)}",
        team=str(body.get("team_id", "")),
        channel=str(body.get("channel_id", "")),
        user=str(body.get("user_id", "")),
        surface="slash",
        text=str(body.get("text", "")),
        response_url=str(body.get("response_url", "")),
    )


def from_message_event(
    event: dict[str, Any], team: str, bot_user_id: str | None, *, mention: bool
) -> Inbound | None:
    """A person's new message, or ``None`` for edits, deletions, bots and our own posts."""
    if event.get("subtype") in _IGNORED_SUBTYPES or event.get("bot_id") or event.get("bot_profile"):
        return None
    user = str(event.get("user") or "")
    channel = str(event.get("channel") or "")
    ts = str(event.get("ts") or "")
    if not user or not channel or not ts or (bot_user_id and user == bot_user_id):
        return None
    dm = event.get("channel_type") == "im" or channel.startswith("D")
    # The message copy of a mention may arrive before the app_mention event; both count.
    mention = mention or bool(bot_user_id and f"<@{bot_user_id}" in str(event.get("text") or ""))
    if not (dm or mention or event.get("thread_ts")):
        return None  # top-level channel chatter is never ours: don't even persist it
    surface: Surface = "dm" if dm else "mention" if mention else "slash"
    return Inbound(
        kind="message",
        # A mention arrives as both app_mention and message: one key for both.
        key=f"msg:{channel}:{ts}",
        team=team,
        channel=channel,
        user=user,
        ts=ts,
        thread_ts=str(event.get("thread_ts") or ""),
        surface=surface,
        text=strip_mentions(str(event.get("text") or "")),
        value="mention" if mention else "",
    )


def from_action(body: dict[str, Any]) -> Inbound | None:
    actions = body.get("actions") or []
    if not actions:
        return None
    action = actions[0]
    action_id = str(action.get("action_id", ""))
    value = action.get("value")
    if value is None:
        selected = action.get("selected_option") or {}
        value = selected.get("value") or action.get("selected_conversation") or ""
    container = body.get("container") or {}
    message = body.get("message") or {}
    channel = (body.get("channel") or {}).get("id") or container.get("channel_id") or ""
    return Inbound(
        kind="action",
        key=f"act:{body.get('trigger_id') or action.get('action_ts', '')}:{action_id}",
        team=str((body.get("team") or {}).get("id", "")),
        channel=str(channel),
        user=str((body.get("user") or {}).get("id", "")),
        thread_ts=str(message.get("thread_ts") or container.get("thread_ts") or ""),
        message_ts=str(message.get("ts") or container.get("message_ts") or ""),
        action=action_id,
        value=str(value),
        response_url=str(body.get("response_url") or ""),
    )
