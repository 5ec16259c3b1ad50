"""Web API request bodies: the same JSON as ``json.dumps`` gives, by a faster serialiser."""

from __future__ import annotations

import json

import pytest

from bot.slack.client import json_body, slack_session

BODY = {
    "channel": "C1",
    "text": '데이터가 2만 건 <있어요> & "따옴표"\n',
    "blocks": [
        {"type": "section", "text": {"type": "mrkdwn", "text": "*RAG* ✓", "verbatim": True}},
        {"type": "actions", "elements": [{"type": "button", "value": "c1|docs_change|often"}]},
    ],
    "unfurl_links": False,
    "metadata": {"event_type": "t", "event_payload": {"tag": "ab:0", "n": 3, "p": 0.25}},
    "thread_ts": None,
}


def test_a_body_is_the_same_json() -> None:
    assert json.loads(json_body(BODY)) == json.loads(json.dumps(BODY))
    assert json_body(BODY).isascii() is False  # text as UTF-8, not escaped


def test_text_utf8_cannot_encode_goes_through_json_escaped() -> None:
    body = {"text": "broken \ud800 surrogate"}
    assert json_body(body) == json.dumps(body)


def test_what_json_cannot_serialise_is_refused_as_before() -> None:
    with pytest.raises(TypeError):
        json_body({"x": object()})


async def test_the_slack_session_serialises_bodies_so() -> None:
    session = slack_session()
    try:
        assert session.json_serialize is json_body
    finally:
        await session.close()
