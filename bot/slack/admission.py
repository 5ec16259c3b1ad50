"""Admission of a request to ``/slack/events``: signature, nesting depth and envelope shape,
checked cheapest first so a hostile body costs little."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from itertools import accumulate
from typing import Any

from slack_sdk.signature import SignatureVerifier
from yarl import URL

from bot.slack.envelope import check_envelope

# Slack's payloads nest a dozen levels at most; the JSON parser recurses, so depth is bounded
# before it runs.
MAX_JSON_DEPTH = 48
_TIMESTAMP = re.compile(r"[0-9]{1,12}")
_SIGNATURE = re.compile(r"v0=[0-9a-f]{64}")
# A JSON string, or an unterminated one up to the end; possessive, so scanning stays linear.
_JSON_STRING = re.compile(r'"(?:[^"\\]++|\\.)*+"?', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_BRACKET_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


class _Refused(Exception):
    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def _admit(
    raw: bytes, headers: Mapping[str, str], verifier: SignatureVerifier | None
) -> tuple[str, dict[str, Any]]:
    """The body as text and as a dict, if it is a signed, well-formed Slack request; else
    :class:`_Refused`, checked cheapest first so a hostile body costs little.

    Headers that cannot be a signature are refused before the body is looked at; a body
    nested deeper than Slack's payloads before it is parsed; the signature before parsing.
    """
    stamp = headers.get("X-Slack-Request-Timestamp", "")
    signature = headers.get("X-Slack-Signature", "")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise _Refused(400, "malformed") from None
    content_type = headers.get("Content-Type", "").split(";")[0].strip().lower()
    # Read as Bolt reads it: JSON when it says so or looks like it, else a form whose
    # ``payload`` field (interactivity) is JSON.
    is_json = content_type == "application/json" or text.startswith("{")
    form = {} if is_json else form_fields(text)
    if form.get("ssl_check") == "1" and not form.keys() & {"command", "payload"}:
        return text, form  # Slack's certificate check: answered unsigned, as Bolt does
    well_formed = _TIMESTAMP.fullmatch(stamp) and _SIGNATURE.fullmatch(signature)
    if verifier is not None and not well_formed:
        raise _Refused(401, "signature")
    document = text if is_json else form.get("payload")
    if document is not None and not nesting_within(document, MAX_JSON_DEPTH):
        raise _Refused(400, "too_deep")
    if verifier is not None and not verifier.is_valid(raw, stamp, signature):
        raise _Refused(401, "signature")
    try:
        body = json.loads(document) if document is not None else form
        return text, dict(check_envelope(body))
    except (ValueError, RecursionError):  # InvalidPayload is a ValueError
        raise _Refused(400, "malformed") from None


def form_fields(text: str) -> dict[str, str]:
    """A form body's fields as ``dict(parse_qsl(text, keep_blank_values=True))`` reads them
    (the last of a repeated name wins), decoded in C by yarl, which aiohttp already uses: a
    button's payload is kilobytes of percent escapes, which ``parse_qsl`` decodes one by one
    in Python."""
    return dict(URL.build(query_string=text, encoded=True).query.items())


def nesting_within(document: str, limit: int) -> bool:
    """Whether JSON ``document`` nests at most ``limit`` deep, found without parsing it.

    Strings are set aside, then the running count of open brackets is taken, in C-speed
    steps; a megabyte of brackets takes tens of milliseconds. Unbalanced brackets are left
    to the parser, which refuses them.
    """
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub("", document))
    return max(accumulate(map(_BRACKET_STEP.__getitem__, brackets)), default=0) <= limit
