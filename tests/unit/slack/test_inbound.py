"""Translating Slack payloads into persisted work: what is ours, what is ignored, dedupe keys."""

from __future__ import annotations

from bot.slack.inbound import from_action, from_command, from_message_event

BOT = "UBOT"


def _event(**kw: object) -> dict[str, object]:
    return {
        "type": "message",
        "channel": "C1",
        "user": "U1",
        "ts": "1.000100",
        "text": "hello",
        **kw,
    }


def test_channel_chatter_is_not_persisted_but_threads_mentions_and_dms_are() -> None:
    assert from_message_event(_event(), "T1", BOT, mention=False) is None
    assert from_message_event(_event(thread_ts="1.0"), "T1", BOT, mention=False) is not None
    dm = from_message_event(_event(channel="D1", channel_type="im"), "T1", BOT, mention=False)
    assert dm is not None and dm.surface == "dm"
    tagged = from_message_event(_event(text=f"<@{BOT}> hi"), "T1", BOT, mention=False)
    assert tagged is not None and tagged.value == "mention" and tagged.text == "hi"


def test_bots_edits_and_our_own_messages_are_ignored() -> None:
    assert (
        from_message_event(_event(bot_id="B1", thread_ts="1.0"), "T1", BOT, mention=False) is None
    )
    assert (
        from_message_event(
            _event(subtype="message_changed", thread_ts="1.0"), "T1", BOT, mention=False
        )
        is None
    )
    assert from_message_event(_event(user=BOT, thread_ts="1.0"), "T1", BOT, mention=True) is None


def test_a_mention_and_its_message_copy_share_one_dedupe_key() -> None:
    a = from_message_event(_event(text=f"<@{BOT}> hi"), "T1", BOT, mention=True)
    b = from_message_event(_event(text=f"<@{BOT}> hi"), "T1", BOT, mention=False)
    assert a is not None and b is not None and a.key == b.key == "msg:C1:1.000100"


def test_command_and_action_keys_carry_no_user_id() -> None:
    cmd = from_command(
        {
            "trigger_id": "t.1",
            "user_id": "U123",
            "channel_id": "C1",
            "team_id": "T1",
            "text": "help",
        }
    )
    assert "U123" not in cmd.key
    act = from_action(
        {
            "trigger_id": "t.2",
            "user": {"id": "U123"},
            "team": {"id": "T1"},
            "channel": {"id": "C1"},
            "actions": [{"action_id": "decide_now", "value": "abc"}],
        }
    )
    assert act is not None and "U123" not in act.key and act.value == "abc"


def _pressed(blocks: object) -> dict[str, object]:
    return {
        "trigger_id": "t.3",
        "user": {"id": "U1"},
        "team": {"id": "T1"},
        "channel": {"id": "C1"},
        "message": {"ts": "1700000000.000100", "blocks": blocks},
        "actions": [{"action_id": "decide_now", "value": "abc"}],
    }


def test_an_action_keeps_what_was_understood_of_the_message_it_was_taken_on() -> None:
    understood = [
        {"type": "section", "block_id": "understood:0", "text": {"type": "mrkdwn", "text": "*x*"}},
        {"type": "context", "block_id": "understood:1", "elements": []},
    ]
    question = [{"type": "actions", "block_id": "q", "elements": []}]
    act = from_action(_pressed([*understood, {"type": "divider"}, *question]))
    assert act is not None and list(act.kept) == understood
    assert type(act).from_bytes(act.to_bytes()).kept == act.kept  # survives the inbox
    for blocks in (question, None, "blocks", [{"block_id": "understood:0", "text": "x" * 20_000}]):
        act = from_action(_pressed(blocks))
        assert act is not None and act.kept == ()
    act = from_action(_pressed([{"type": "section", "block_id": "understood:0", "t": "\ud800"}]))
    assert act is not None and act.kept == ()
