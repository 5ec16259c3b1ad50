"""What every Block Kit message is built from: action ids, Slack's limits, the message type,
and the text objects, blocks and elements the ``blocks_*`` builders share (the underscored
helpers are for those modules only).

Blocks are built as the JSON Slack takes, keys in the order slack_sdk's ``to_dict`` gives them:
building its model objects and converting them cost more than a whole turn's logic, and every
text is already clipped to Slack's limits here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.slack.blocks_text import ELLIPSIS, _md, _nonblank, _one_line, clip, escape
from bot.texts import Texts

# Public contract (DESIGN.md section 2).
DECIDE_NOW_ACTION = "decide_now"
EVENT_TYPE = "explainer_decision"

# Action ids the interactivity handlers route on.
SKIP_ACTION = "skip"
REVISE_ACTION = "revise"
RESTART_ACTION = "restart"
EXPORT_ACTION = "export"
FEEDBACK_UP_ACTION = "feedback_up"
FEEDBACK_DOWN_ACTION = "feedback_down"
# Slack's native thumbs (feedback_buttons); the value is ``id|up`` or ``id|down``.
FEEDBACK_ACTION = "feedback"
# The same thumbs under a side answer (a vote about the answers, not the card).
ANSWER_FEEDBACK_ACTION = "answer_feedback"
SHARE_ACTION = "share"
# On a card shared into a channel: act for whoever presses, never on the original.
SHARED_EXPORT_ACTION = "shared_export"
SHARED_NEW_ACTION = "shared_new"
ANSWER_ACTION_PREFIX = "answer"
# One per reading of "Here is what I understood"; the value is ``id|fact|choice``.
CORRECT_ACTION = "correct"

# Slack's limits (https://docs.slack.dev/reference/block-kit).
MAX_BLOCKS = 50
# The block ids of "Here is what I understood" start so.
UNDERSTOOD_BLOCK = "understood:"
MAX_VIEW_BLOCKS = 100
MAX_SECTION_TEXT = 3000
MAX_CONTEXT_TEXT = 3000
MAX_CONTEXT_ELEMENTS = 10
MAX_HEADER_TEXT = 150
MAX_BUTTON_TEXT = 75
MAX_ACTION_ELEMENTS = 25
MAX_ACTION_ID = 255
MAX_OPTION_TEXT = 75
MAX_OPTION_VALUE = 150
MAX_SELECT_OPTIONS = 100
MIN_OVERFLOW_OPTIONS = 2
MAX_OVERFLOW_OPTIONS = 5
MAX_GROUP_LABEL = 75
MAX_PLACEHOLDER = 150
MAX_CONFIRM_TITLE = 100
MAX_CONFIRM_TEXT = 300
MAX_CONFIRM_BUTTON = 30
# The fallback ``text`` may be 40,000 characters, but notifications only ever show the start.
MAX_FALLBACK_TEXT = 3000

# Ours: a consultation id travels in button values and in ``id|fact|choice`` select values.
MAX_CONSULTATION_ID = 100
REVISE_SEPARATOR = "|"
MAX_ROOT_QUOTE = 500
MAX_HISTORY_ITEMS = 20
# More lines than this stop being a glance; the rest are still used, just not listed.
MAX_READINGS = 10

_USER_ID = re.compile(r"^[UW][A-Z0-9]+$")


@dataclass(frozen=True)
class SlackMessage:
    """What ``chat.postMessage`` needs: fallback ``text``, ``blocks`` and optional ``metadata``."""

    text: str
    blocks: list[dict[str, Any]]
    metadata: dict[str, Any] | None = None


# A Block Kit block, element or composition object, as Slack's JSON.
Block = dict[str, Any]


def _mrkdwn(text: str) -> Block:
    return {"text": _nonblank(text), "type": "mrkdwn", "verbatim": True}


def _plain(text: str, limit: int) -> Block:
    return {"emoji": True, "text": clip(_nonblank(_one_line(text)), limit), "type": "plain_text"}


def _section(text: str, accessory: Block | None = None) -> Block:
    """A section from already-escaped mrkdwn, clipped to Slack's limit."""
    block: Block = {"text": _mrkdwn(clip(text, MAX_SECTION_TEXT)), "type": "section"}
    return block if accessory is None else {"accessory": accessory, **block}


def _context(*parts: str) -> Block:
    """A context block from already-escaped mrkdwn parts (empty ones dropped)."""
    elements = [_mrkdwn(clip(p, MAX_CONTEXT_TEXT)) for p in parts if p.strip()] or [
        _mrkdwn(ELLIPSIS)
    ]
    return {"elements": elements[:MAX_CONTEXT_ELEMENTS], "type": "context"}


def _header(text: str) -> Block:
    return {"text": _plain(text, MAX_HEADER_TEXT), "type": "header"}


def _actions(elements: list[Block]) -> Block:
    return {"elements": elements, "type": "actions"}


def _divider() -> Block:
    return {"type": "divider"}


def _button(
    text: str,
    action_id: str,
    value: str,
    *,
    style: str | None = None,
    confirm: Block | None = None,
) -> Block:
    button: Block = {"action_id": action_id}
    if confirm:
        button["confirm"] = confirm
    if style:
        button["style"] = style
    button["text"] = _plain(text, MAX_BUTTON_TEXT)
    button["type"] = "button"
    if value:
        button["value"] = value
    return button


def _option(text: str, value: str) -> Block:
    return {"text": _plain(text, MAX_OPTION_TEXT), "value": value}


def _fallback(text: str) -> str:
    return _md(_nonblank(_one_line(text)), MAX_FALLBACK_TEXT)


def _feedback(t: Texts, cid: str, action_id: str = FEEDBACK_ACTION) -> Block:
    """Slack's own thumbs up and down, under the message."""
    thumbs = {
        "action_id": action_id,
        "negative_button": {
            "text": _plain(t.get("ui.feedback_down"), MAX_BUTTON_TEXT),
            "value": f"{cid}{REVISE_SEPARATOR}down",
        },
        "positive_button": {
            "text": _plain(t.get("ui.feedback_up"), MAX_BUTTON_TEXT),
            "value": f"{cid}{REVISE_SEPARATOR}up",
        },
        "type": "feedback_buttons",
    }
    return {"elements": [thumbs], "type": "context_actions"}


def _check_consultation_id(consultation_id: str) -> str:
    if (
        not consultation_id
        or len(consultation_id) > MAX_CONSULTATION_ID
        or REVISE_SEPARATOR in consultation_id
    ):
        raise ValueError(f"unusable consultation id {consultation_id!r}")
    return consultation_id


def _sources_line(t: Texts, items: Sequence[str]) -> str:
    """``*Sources*: a; b`` from already-escaped items, or "" when there are none."""
    if not items:
        return ""
    return f"*{escape(t.get('heading.sources'))}*: " + "; ".join(items)


def _from(quote: str, t: Texts) -> str:
    """`` — from “quote”`` as escaped mrkdwn, or "" without words to quote."""
    quote = _one_line(quote)
    return f" — {_md(t.get('ui.understood_from', quote=quote), 400)}" if quote else ""


def _titled(heading: str, lines: Sequence[str]) -> str:
    """``*heading*`` over already-escaped lines."""
    return f"*{escape(heading)}*\n" + "\n".join(lines)
