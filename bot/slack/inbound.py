"""Slack payloads translated into one persisted unit of work (pure; no Slack client here).

Translation is where Slack's wire format stops: ids are checked for Slack's id shapes (the
envelope around them already was, by :mod:`bot.slack.envelope`), and text loses control
characters and Slack's markup (mentions, channel links, links, entities), so the worker and the
core see what people typed.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, field_validator

from bot.core.state import Surface
from bot.logs import short_hash
from bot.slack.blocks_thread import understood_part

Kind = Literal[
    "command", "message", "action", "home", "greet", "assistant_started", "slow_down", "shortcut"
]

# Message subtypes that are a person writing something new. Everything else (edits, deletions,
# joins, topic changes, bots, tombstones, and subtypes Slack adds later) is not for the bot.
PERSON_SUBTYPES: frozenset[str | None] = frozenset(
    {None, "thread_broadcast", "file_share", "me_message"}
)

# Slack's id shapes: a type letter and upper-case letters and digits.
_TEAM = re.compile(r"[TE][A-Z0-9]{1,31}")
_ENTERPRISE = re.compile(r"E[A-Z0-9]{1,31}")
_CHANNEL = re.compile(r"[CDG][A-Z0-9]{1,31}")
_USER = re.compile(r"[UW][A-Z0-9]{1,31}")
_TS = re.compile(r"[0-9]{1,16}\.[0-9]{1,16}")
# Trigger and event ids become part of key names: only these shapes are taken as they are.
_TRIGGER = re.compile(r"[A-Za-z0-9._-]{1,100}")
MAX_ACTION_ID_CHARS = 255
# Far above what "Here is what I understood" takes (about 4 KB at most).
_MAX_KEPT_CHARS = 16_000

# C0 controls other than tab and newline, and lone UTF-16 surrogates (which cannot be encoded).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\ud800-\udfff]")
_MARKUP = re.compile(r"<([^<>]*)>")
_LINK = re.compile(r"(?:https?|mailto|tel):", re.IGNORECASE)
_ENTITY = re.compile(r"&(amp|lt|gt);")
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">"}


class InvalidPayload(ValueError):
    """A payload that does not have the shape Slack sends; it is dropped, never stored.

    The message names the field only: the value may be anything a sender chose.
    """


class Inbound(BaseModel):
    """What a handler stores before acking; the worker does the rest from this alone."""

    model_config = ConfigDict(frozen=True)

    kind: Kind
    key: str
    team: str = ""
    # The Enterprise Grid org (E…) of an org-wide install; "" otherwise.
    enterprise: str = ""
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
    # Of the message an action was taken on, the blocks that say what was understood: they
    # stay when the question posted with them turns into its answer.
    kept: tuple[dict[str, Any], ...] = ()

    @field_validator("*", mode="before")
    @classmethod
    def _clean_strings(cls, value: Any) -> Any:
        # Whatever built it, a stored unit of work always serialises.
        return clean(value) if isinstance(value, str) else value

    def to_bytes(self) -> bytes:
        return self.model_dump_json(exclude_defaults=True).encode()

    @classmethod
    def from_bytes(cls, raw: bytes) -> Inbound:
        return cls.model_validate_json(raw)


def clean(text: str) -> str:
    """``text`` without lone surrogates and control characters (tab and newline stay)."""
    return _CONTROL.sub("", text)


def plain_text(text: str) -> str:
    """What the person typed, from Slack's markup.

    Mentions and broadcasts (``<@U…>``, ``<!here>``) go, a channel link becomes ``#name``, a
    link its label (or its URL), and ``&amp;`` ``&lt;`` ``&gt;`` the characters they stand for;
    the entities last, so that markup a person typed literally stays text.
    """
    text = _MARKUP.sub(_unmark, clean(text))
    return _ENTITY.sub(lambda m: _ENTITIES[m[1]], text).strip()


def _unmark(m: re.Match[str]) -> str:
    target, _, label = m[1].partition("|")
    if target.startswith("@"):
        return " "
    if target.startswith("#"):
        return f"#{label}" if label else ""
    if target.startswith("!"):
        return ""
    if _LINK.match(target):
        return label or target
    return m[0]


def _digest(body: Mapping[str, Any]) -> str:
    """A stable key for a payload without a trigger id; no user id ends up in key names."""
    raw = "|".join(str(body.get(k, "")) for k in ("team_id", "channel_id", "user_id", "text"))
    return hashlib.sha256(clean(raw).encode()).hexdigest()[:24]


def _obj(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _id(value: object, shape: re.Pattern[str], field: str, *, required: bool = False) -> str:
    """``value`` when it has Slack's shape for ``field``; "" when absent and optional."""
    if value is None or value == "":
        if required:
            raise InvalidPayload(f"{field} missing")
        return ""
    if not isinstance(value, str) or not shape.fullmatch(value):
        raise InvalidPayload(f"{field} malformed")
    return value


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _url(value: object) -> str:
    url = clean(_text(value))
    return url if url.startswith(("https://", "http://")) else ""


def _trigger(value: object) -> str:
    return value if isinstance(value, str) and _TRIGGER.fullmatch(value) else ""


def _event_id(value: object) -> str:
    """An event's id, its dedupe key: without one, retries could not be told apart."""
    found = _trigger(value)
    if not found:
        raise InvalidPayload("event_id malformed")
    return found


def envelope_ids(body: Mapping[str, Any]) -> tuple[str, str]:
    """The workspace and Enterprise Grid org an Events API envelope is for (unchecked).

    The authorization comes first: in a channel shared between organisations the envelope's
    own ``team_id`` may be the other side's.
    """
    auth = body.get("authorizations")
    first = _obj(auth[0]) if isinstance(auth, list) and auth else {}
    team = first.get("team_id") or body.get("team_id") or ""
    enterprise = first.get("enterprise_id") or body.get("enterprise_id") or ""
    return _as_text(team), _as_text(enterprise)


def _as_text(value: object) -> str:
    # Anything but a string fails the id check it is headed for.
    return value if isinstance(value, str) else repr(value)


def from_command(body: Mapping[str, Any]) -> Inbound:
    return Inbound(
        kind="command",
        key=f"cmd:{_trigger(body.get('trigger_id')) or _digest(body)}",
        team=_id(body.get("team_id"), _TEAM, "team", required=True),
        enterprise=_id(body.get("enterprise_id"), _ENTERPRISE, "enterprise"),
        channel=_id(body.get("channel_id"), _CHANNEL, "channel", required=True),
        user=_id(body.get("user_id"), _USER, "user", required=True),
        surface="slash",
        text=plain_text(_text(body.get("text"))),
        response_url=_url(body.get("response_url")),
    )


def from_message_event(
    event: Mapping[str, Any],
    team: str,
    bot_user_id: str | None,
    *,
    mention: bool,
    enterprise: str = "",
) -> Inbound | None:
    """A person's new message, or ``None`` for edits, deletions, bots and our own posts."""
    subtype = event.get("subtype")
    person = subtype is None or (isinstance(subtype, str) and subtype in PERSON_SUBTYPES)
    if not person or event.get("bot_id") or event.get("bot_profile"):
        return None
    raw_user, raw_channel, raw_ts = event.get("user"), event.get("channel"), event.get("ts")
    if not raw_user or not raw_channel or not raw_ts:
        return None
    user = _id(raw_user, _USER, "user")
    if bot_user_id and user == bot_user_id:
        return None
    channel = _id(raw_channel, _CHANNEL, "channel")
    ts = _id(raw_ts, _TS, "ts")
    thread_ts = _id(event.get("thread_ts"), _TS, "thread_ts")
    team = _id(team, _TEAM, "team", required=True)
    enterprise = _id(enterprise, _ENTERPRISE, "enterprise")
    raw_text = _text(event.get("text"))
    dm = event.get("channel_type") == "im" or channel.startswith("D")
    # The message copy of a mention may arrive before the app_mention event; both count.
    mention = mention or bool(bot_user_id and f"<@{bot_user_id}" in raw_text)
    if not (dm or mention or thread_ts):
        return None  # top-level channel chatter is never ours: don't even persist it
    surface: Surface = "dm" if dm else "mention" if mention else "slash"
    return Inbound(
        kind="message",
        # A mention arrives as both app_mention and message: one key for both.
        key=f"msg:{channel}:{ts}",
        team=team,
        enterprise=enterprise,
        channel=channel,
        user=user,
        ts=ts,
        thread_ts=thread_ts,
        surface=surface,
        text=plain_text(raw_text),
        value="mention" if mention else "",
    )


def from_action(body: Mapping[str, Any]) -> Inbound | None:
    actions = body.get("actions")
    if not isinstance(actions, list) or not actions:
        return None
    action = _obj(actions[0])
    action_id = clean(_text(action.get("action_id")))[:MAX_ACTION_ID_CHARS]
    if not action_id:
        return None
    value = action.get("value")
    if value is None:
        selected = _obj(action.get("selected_option")).get("value")
        value = selected if selected is not None else action.get("selected_conversation")
    container = _obj(body.get("container"))
    message = _obj(body.get("message"))
    team_obj = _obj(body.get("team"))
    user_obj = _obj(body.get("user"))
    # An org-wide install's actions may come without a team; the user's team stands in.
    team = team_obj.get("id") or user_obj.get("team_id")
    enterprise = _obj(body.get("enterprise")).get("id") or team_obj.get("enterprise_id")
    channel = _obj(body.get("channel")).get("id") or container.get("channel_id")
    trigger = _trigger(body.get("trigger_id")) or _trigger(action.get("action_ts"))
    if not trigger:
        raise InvalidPayload("trigger_id malformed")
    return Inbound(
        kind="action",
        key=f"act:{trigger}:{action_id}",
        team=_id(team, _TEAM, "team", required=True),
        enterprise=_id(enterprise, _ENTERPRISE, "enterprise"),
        channel=_id(channel, _CHANNEL, "channel"),
        user=_id(user_obj.get("id"), _USER, "user", required=True),
        thread_ts=_id(message.get("thread_ts") or container.get("thread_ts"), _TS, "thread_ts"),
        message_ts=_id(message.get("ts") or container.get("message_ts"), _TS, "message_ts"),
        action=action_id,
        value=_text(value) if value is not None else "",
        response_url=_url(body.get("response_url")),
        kept=_kept(message.get("blocks")),
    )


def _kept(blocks: object) -> tuple[dict[str, Any], ...]:
    """What was understood, as the message showed it; nothing when it is implausibly large or
    would not serialise (a lone surrogate)."""
    part = understood_part(blocks)
    try:
        size = len(json.dumps(part, ensure_ascii=False).encode())
    except UnicodeEncodeError:
        return ()
    return tuple(part) if part and size <= _MAX_KEPT_CHARS else ()


def from_shortcut(body: Mapping[str, Any]) -> Inbound:
    """A message shortcut used on a message: the consultation goes in that message's thread."""
    message = _obj(body.get("message"))
    team_obj = _obj(body.get("team"))
    user_obj = _obj(body.get("user"))
    trigger = _trigger(body.get("trigger_id")) or _trigger(body.get("action_ts"))
    if not trigger:
        raise InvalidPayload("trigger_id malformed")
    return Inbound(
        kind="shortcut",
        key=f"sc:{trigger}",
        team=_id(team_obj.get("id") or user_obj.get("team_id"), _TEAM, "team", required=True),
        enterprise=_id(team_obj.get("enterprise_id"), _ENTERPRISE, "enterprise"),
        channel=_id(_obj(body.get("channel")).get("id"), _CHANNEL, "channel", required=True),
        user=_id(user_obj.get("id"), _USER, "user", required=True),
        thread_ts=_id(message.get("thread_ts"), _TS, "thread_ts"),
        message_ts=_id(message.get("ts"), _TS, "message_ts", required=True),
        surface="mention",
        response_url=_url(body.get("response_url")),
    )


def from_home_opened(
    event: Mapping[str, Any], event_id: object, team: str, enterprise: str = ""
) -> Inbound | None:
    """The App Home tab opened (``home``); ``None`` for other tabs."""
    if event.get("tab") != "home":
        return None
    return Inbound(
        kind="home",
        key=f"ev:{_event_id(event_id)}",
        team=_id(team, _TEAM, "team", required=True),
        enterprise=_id(enterprise, _ENTERPRISE, "enterprise"),
        user=_id(event.get("user"), _USER, "user", required=True),
    )


def greeting(event: Mapping[str, Any], team: str, enterprise: str = "") -> Inbound | None:
    """A greeting for the Messages tab, once per user (its key has no event id)."""
    if event.get("tab") != "messages" or not event.get("channel"):
        return None
    team = _id(team, _TEAM, "team", required=True)
    user = _id(event.get("user"), _USER, "user", required=True)
    return Inbound(
        kind="greet",
        key=f"greet:{short_hash(team + user)}",
        team=team,
        enterprise=_id(enterprise, _ENTERPRISE, "enterprise"),
        user=user,
        channel=_id(event.get("channel"), _CHANNEL, "channel"),
        surface="dm",
    )


def from_assistant_started(
    event: Mapping[str, Any], event_id: object, team: str, enterprise: str = ""
) -> Inbound:
    thread = _obj(event.get("assistant_thread"))
    return Inbound(
        kind="assistant_started",
        key=f"ev:{_event_id(event_id)}",
        team=_id(team, _TEAM, "team", required=True),
        enterprise=_id(enterprise, _ENTERPRISE, "enterprise"),
        user=_id(thread.get("user_id"), _USER, "user", required=True),
        channel=_id(thread.get("channel_id"), _CHANNEL, "channel", required=True),
        thread_ts=_id(thread.get("thread_ts"), _TS, "thread_ts", required=True),
        surface="assistant",
    )
