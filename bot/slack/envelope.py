"""Envelopes checked for the shapes Slack sends, before the framework or a handler reads them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.slack.inbound import InvalidPayload

_NONE = type(None)
_ID_FIELD = (str, _NONE)
_OBJECT_OR_ID = (dict, str, _NONE)
_OBJECT = (dict, _NONE)
# What Bolt reads from an envelope before any listener runs (ids for its context, which it
# also looks for inside the event, message and item objects), with the types Slack sends.
_FIELDS: dict[str, tuple[type, ...]] = {
    "type": _ID_FIELD,
    "team_id": _ID_FIELD,
    "user_id": _ID_FIELD,
    "channel_id": _ID_FIELD,
    "enterprise_id": _ID_FIELD,
    "thread_ts": _ID_FIELD,
    "user_team": _ID_FIELD,
    "context_team_id": _ID_FIELD,
    "context_enterprise_id": _ID_FIELD,
    "function_execution_id": _ID_FIELD,
    "bot_access_token": _ID_FIELD,
    "bot_id": _ID_FIELD,
    "command": _ID_FIELD,
    "response_url": _ID_FIELD,
    "team": _OBJECT_OR_ID,
    "user": _OBJECT_OR_ID,
    "channel": _OBJECT_OR_ID,
    "enterprise": _OBJECT_OR_ID,
    "event": (dict,),
    "message": _OBJECT,
    "previous_message": _OBJECT,
    "item": _OBJECT,
    "assistant_thread": _OBJECT,
    "function_data": _OBJECT,
    "view": _OBJECT,
    "authorizations": (list, _NONE),
    "response_urls": (list,),
}
# Objects Bolt reads ids from, and where it looks again for the fields above.
_OBJECT_IDS = {
    "team": ("id", "enterprise_id"),
    "user": ("id", "team_id"),
    "channel": ("id",),
    "enterprise": ("id",),
    "view": ("app_installed_team_id", "team_id", "callback_id", "type"),
    "function_data": ("execution_id",),
}
_NESTED = ("event", "message", "previous_message", "item", "assistant_thread")


def check_envelope(body: object) -> Mapping[str, Any]:
    """``body`` if it has the shape Slack sends for what the app handles; else InvalidPayload.

    Only what the framework and the handlers read is checked, so new fields and event types
    pass.
    """
    if not isinstance(body, dict):
        raise InvalidPayload("body is not an object")
    _check_fields(body)
    kind = body.get("type")
    if kind == "event_callback":
        event = body.get("event")
        if not isinstance(event, dict) or not isinstance(event.get("type"), str):
            raise InvalidPayload("event malformed")
    elif kind == "block_actions":
        _check_actions(body.get("actions"))
    elif kind == "message_action" and not isinstance(body.get("callback_id"), str):
        raise InvalidPayload("callback_id malformed")
    elif kind == "url_verification" and not isinstance(body.get("challenge"), str):
        raise InvalidPayload("challenge malformed")
    return body


def _check_actions(actions: object) -> None:
    if not isinstance(actions, list) or not actions:
        raise InvalidPayload("actions malformed")
    if not all(isinstance(action, dict) for action in actions):
        raise InvalidPayload("actions malformed")
    action_id = actions[0].get("action_id")
    if not isinstance(action_id, str) or not action_id:
        raise InvalidPayload("action_id malformed")
    if not isinstance(actions[0].get("block_id"), _ID_FIELD):
        raise InvalidPayload("block_id malformed")


def _check_fields(obj: Mapping[str, Any]) -> None:
    for name, value in obj.items():
        allowed = _FIELDS.get(name)
        if allowed is None:
            continue
        if not isinstance(value, allowed):
            raise InvalidPayload(f"{name} malformed")
        if isinstance(value, dict):
            for field in _OBJECT_IDS.get(name, ()):
                if not isinstance(value.get(field), _ID_FIELD):
                    raise InvalidPayload(f"{name}.{field} malformed")
            if name in _NESTED:
                _check_fields(value)
        elif isinstance(value, list):
            for item in value:
                if not isinstance(item, dict):
                    raise InvalidPayload(f"{name} malformed")
                for field in ("team_id", "enterprise_id", "user_id", "response_url"):
                    if not isinstance(item.get(field), _ID_FIELD):
                        raise InvalidPayload(f"{name}.{field} malformed")
    url = obj.get("response_url")
    if isinstance(url, str) and url and not url.startswith(("https://", "http://")):
        raise InvalidPayload("response_url malformed")
