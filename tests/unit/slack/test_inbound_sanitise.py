"""Translation is where Slack's wire format stops: clean text, plain words, checked ids."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.slack.envelope import check_envelope
from bot.slack.inbound import (
    Inbound,
    InvalidPayload,
    envelope_ids,
    from_action,
    from_command,
    from_message_event,
    plain_text,
)

BOT = "UBOT"


def _event(**kw: object) -> dict[str, Any]:
    return {
        "type": "message",
        "channel": "D1",
        "channel_type": "im",
        "user": "U1",
        "ts": "1700000000.000100",
        "text": "hello",
        **kw,
    }


def _command(**kw: object) -> dict[str, Any]:
    return {
        "team_id": "T1",
        "channel_id": "C1",
        "user_id": "U1",
        "command": "/explainer",
        "text": "help",
        "trigger_id": "1.2.abc",
        "response_url": "https://hooks.slack.com/commands/T1/1/x",
        **kw,
    }


def _action(**kw: object) -> dict[str, Any]:
    return {
        "type": "block_actions",
        "trigger_id": "1.2.abc",
        "team": {"id": "T1"},
        "user": {"id": "U1"},
        "channel": {"id": "C1"},
        "message": {"ts": "1700000000.000200", "thread_ts": "1700000000.000100"},
        "actions": [{"action_id": "decide_now", "value": "c1", "action_ts": "1.2"}],
        **kw,
    }


def test_surrogates_nul_and_controls_are_removed_and_every_unit_serialises() -> None:
    dirty = "tone\ud800 \x00matters\x1b[31m\r\n\tok\udfff"
    msg = from_message_event(_event(text=dirty), "T1", BOT, mention=False)
    assert msg is not None and msg.text == "tone matters[31m\n\tok"
    cmd = from_command(_command(text=dirty))
    act = from_action(_action(actions=[{"action_id": "a\x00\ud800", "value": dirty}]))
    assert act is not None and act.action == "a" and "\x00" not in act.value
    for unit in (msg, cmd, act):
        assert Inbound.from_bytes(unit.to_bytes()) == unit  # pydantic could not encode \ud800
    # Built by hand, the unit cleans itself all the same.
    assert "\ud800" not in Inbound(kind="home", key="k", text="a\ud800").to_bytes().decode()


@pytest.mark.parametrize(
    ("wire", "typed"),
    [
        ("R&amp;D budget", "R&D budget"),
        ("a &lt; b &gt; c", "a < b > c"),
        ("&amp;lt; stays literal", "&lt; stays literal"),
        ("<@UBOT> hi <@W123|bob>", "hi"),
        ("see <#C123|general> now", "see #general now"),
        ("docs at <https://example.com/a?x=1&amp;y=2|the guide>", "docs at the guide"),
        ("docs at <https://example.com/a?x=1&amp;y=2>", "docs at https://example.com/a?x=1&y=2"),
        ("<mailto:a@b.c|a@b.c> wrote", "a@b.c wrote"),
        ("<!here> <!channel> <!subteam^S1|@team> <!date^1|Feb 18> go", "go"),
        ("&lt;!channel&gt; typed by hand", "<!channel> typed by hand"),
    ],
)
def test_slack_markup_becomes_what_the_person_typed(wire: str, typed: str) -> None:
    assert plain_text(wire) == typed
    msg = from_message_event(_event(text=wire), "T1", BOT, mention=False)
    assert msg is not None and msg.text == typed
    assert from_command(_command(text=wire)).text == typed


@pytest.mark.parametrize("subtype", ["thread_broadcast", "file_share", "me_message"])
def test_subtypes_that_are_a_person_writing_are_persisted(subtype: str) -> None:
    msg = from_message_event(
        _event(channel="C1", channel_type="channel", thread_ts="1.0", subtype=subtype),
        "T1",
        BOT,
        mention=False,
    )
    assert msg is not None and msg.thread_ts == "1.0"


@pytest.mark.parametrize(
    "subtype",
    ["message_changed", "bot_message", "channel_join", "channel_archive", "huddle_thread", ["x"]],
)
def test_every_other_subtype_is_not_for_the_bot(subtype: object) -> None:
    # Not on any list: subtypes Slack adds later are ignored rather than read as a person.
    event = _event(channel="C1", channel_type="channel", thread_ts="1.0", subtype=subtype)
    assert from_message_event(event, "T1", BOT, mention=False) is None


@pytest.mark.parametrize(
    "change",
    [
        {"channel": "c1"},
        {"channel": "X1"},
        {"user": "U1:x"},
        {"user": "bob"},
        {"ts": "12"},
        {"ts": "1.2.3"},
        {"thread_ts": "now"},
        {"user": 5},
    ],
)
def test_message_ids_of_the_wrong_shape_are_refused(change: dict[str, object]) -> None:
    with pytest.raises(InvalidPayload):
        from_message_event(_event(**change), "T1", BOT, mention=False)


def test_team_enterprise_and_command_and_action_ids_are_checked() -> None:
    with pytest.raises(InvalidPayload):
        from_message_event(_event(), "T1:C2", BOT, mention=False)
    with pytest.raises(InvalidPayload):
        from_message_event(_event(), "T1", BOT, mention=False, enterprise="T1")
    for bad in ({"team_id": "t1"}, {"channel_id": ""}, {"user_id": "U 1"}, {"enterprise_id": 7}):
        with pytest.raises(InvalidPayload):
            from_command(_command(**bad))
    for bad_action in ({"user": {"id": "x"}}, {"channel": {"id": "C1%"}}, {"trigger_id": "a b"}):
        with pytest.raises(InvalidPayload):
            from_action(_action(**bad_action, actions=[{"action_id": "a", "action_ts": "?"}]))


def test_the_enterprise_is_carried_from_every_kind_of_payload() -> None:
    envelope = {
        "team_id": "T9",
        "enterprise_id": "E0",
        "authorizations": [{"team_id": "T1", "enterprise_id": "E1"}],
    }
    team, enterprise = envelope_ids(envelope)
    assert (team, enterprise) == ("T1", "E1")  # the authorization is the installing side
    msg = from_message_event(_event(), team, BOT, mention=False, enterprise=enterprise)
    assert msg is not None and msg.enterprise == "E1" and msg.team == "T1"
    assert from_command(_command(enterprise_id="E2")).enterprise == "E2"
    by_team = from_action(_action(team={"id": "T1", "enterprise_id": "E3"}))
    by_org = from_action(
        _action(team=None, user={"id": "U1", "team_id": "T2"}, enterprise={"id": "E4"})
    )
    assert by_team is not None and by_team.enterprise == "E3"
    assert by_org is not None and (by_org.team, by_org.enterprise) == ("T2", "E4")


@pytest.mark.parametrize(
    "body",
    [
        [],
        {"type": "event_callback", "event": []},
        {"type": "event_callback", "event": {"type": 5}},
        {"type": "event_callback", "team_id": 5, "event": {"type": "message"}},
        {"type": "event_callback", "authorizations": "x", "event": {"type": "message"}},
        {"type": "event_callback", "authorizations": [1], "event": {"type": "message"}},
        {"type": "event_callback", "event": {"type": "message", "user": ["U1"]}},
        {"type": "event_callback", "event": {"type": "message", "thread_ts": 1.5}},
        {"type": "block_actions", "actions": {"action_id": "a"}},
        {"type": "block_actions", "actions": []},
        {"type": "block_actions", "actions": [{"action_id": 3}]},
        {"type": "block_actions", "actions": [{"action_id": "a"}], "team": {"id": 1}},
        {"type": "block_actions", "actions": [{"action_id": "a"}], "response_url": "file:///x"},
        {"type": "block_actions", "actions": [{"action_id": "a"}], "response_urls": None},
        {"command": ["/explainer"]},
    ],
)
def test_envelopes_of_the_wrong_shape_are_refused(body: object) -> None:
    with pytest.raises(InvalidPayload):
        check_envelope(body)


def test_envelopes_of_every_real_shape_pass() -> None:
    check_envelope(
        {"type": "event_callback", "event": {"type": "user_change", "user": {"id": "U1"}}}
    )
    check_envelope({"type": "event_callback", "event": {"type": "reaction_added", "item": {}}})
    check_envelope(_action(team=None, enterprise=None, view={"id": "V1", "team_id": "T1"}))
    check_envelope(_command())


_json = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=20)
    | st.sampled_from(["\ud800", "U1", "C1", "T1", "1.2", "<@U1>", "&amp;"]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dictionaries(
        st.sampled_from(["user", "channel", "ts", "thread_ts", "text", "subtype", "bot_id"]), _json
    ),
    st.dictionaries(
        st.sampled_from(
            ["team", "user", "channel", "message", "container", "actions", "trigger_id"]
        ),
        _json,
    ),
    st.dictionaries(
        st.sampled_from(["team_id", "channel_id", "user_id", "text", "trigger_id"]), _json
    ),
)
def test_translation_either_refuses_or_yields_a_unit_that_serialises(
    event_change: dict[str, Any], action_change: dict[str, Any], command_change: dict[str, Any]
) -> None:
    attempts: list[Callable[[], Inbound | None]] = [
        lambda: from_message_event(_event(**event_change), "T1", BOT, mention=False),
        lambda: from_action(_action(**action_change)),
        lambda: from_command(_command(**command_change)),
    ]
    for attempt in attempts:
        try:
            unit = attempt()
        except InvalidPayload:
            continue
        if unit is not None:
            assert json.loads(unit.to_bytes())["key"]
