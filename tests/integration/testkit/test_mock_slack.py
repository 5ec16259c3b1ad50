"""The mock Slack Web API, driven by the real slack-sdk clients over loopback HTTP."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from testkit.mock_slack import BOT_SCOPES, MockSlack, check_blocks

TS_PATTERN = re.compile(r"^\d{10}\.\d{6}$")

SECTION: dict[str, Any] = {
    "type": "section",
    "text": {"type": "mrkdwn", "text": "Which matters most?"},
}
BUTTONS: dict[str, Any] = {
    "type": "actions",
    "elements": [
        {
            "type": "button",
            "action_id": "decide_now",
            "text": {"type": "plain_text", "text": "Decide now"},
        },
        {"type": "button", "action_id": "pick_a", "text": {"type": "plain_text", "text": "Tone"}},
    ],
}
LONG_SECTION = {"type": "section", "text": {"type": "mrkdwn", "text": "x" * 3001}}
METADATA: dict[str, Any] = {
    "event_type": "explainer_decision",
    "event_payload": {"recommendation": "rag", "consultation_id": "c1", "language": "en"},
}


@pytest.fixture
async def slack() -> AsyncIterator[MockSlack]:
    async with MockSlack() as mock:
        yield mock


@pytest.fixture
def client(slack: MockSlack) -> AsyncWebClient:
    return AsyncWebClient(token="xoxb-test", base_url=slack.url)


async def post_error(call: Any) -> SlackApiError:
    with pytest.raises(SlackApiError) as info:
        await call
    return info.value


# -- basics ------------------------------------------------------------------------------------


async def test_url_shape(slack: MockSlack) -> None:
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/api/", slack.url)
    assert slack.port > 0


async def test_auth_test_answers_like_slack_and_records_bearer(
    slack: MockSlack, client: AsyncWebClient
) -> None:
    response = await client.auth_test()

    assert response["ok"] is True
    assert response["user_id"] == "UBOT"
    assert response["bot_id"] == "BBOT"
    assert response["team_id"] == "T1"
    assert response["team"] and response["url"]
    [call] = slack.calls_to("auth.test")
    assert call.header("authorization") == "Bearer xoxb-test"
    assert call.token == "xoxb-test"
    assert call.ok and call.status == 200


async def test_post_message_json_body_records_parsed_blocks_and_metadata(
    slack: MockSlack, client: AsyncWebClient
) -> None:
    response = await client.chat_postMessage(
        channel="C1",
        thread_ts="1690000000.000001",
        text="fallback",
        blocks=[SECTION, BUTTONS],
        metadata=METADATA,
    )

    [call] = slack.calls_to("chat.postMessage")
    assert call.body_format == "json"
    assert call.args["blocks"] == [SECTION, BUTTONS]
    assert call.args["metadata"] == METADATA
    assert call.landed
    assert response["channel"] == "C1"
    message = response["message"]
    assert message["ts"] == response["ts"]
    assert message["text"] == "fallback"
    assert message["thread_ts"] == "1690000000.000001"
    assert message["blocks"] == [SECTION, BUTTONS]
    assert message["metadata"] == METADATA
    assert (message["bot_id"], message["user"]) == ("BBOT", "UBOT")
    [stored] = slack.messages("C1")
    assert stored.ts == response["ts"]
    assert stored.metadata == METADATA


async def test_form_body_json_string_args_are_parsed_and_raw_is_kept(
    slack: MockSlack, client: AsyncWebClient
) -> None:
    blocks_json = json.dumps([SECTION])
    response = await client.api_call(
        "chat.postMessage",
        data={"channel": "C1", "blocks": blocks_json, "metadata": json.dumps(METADATA)},
    )

    assert response["ok"] is True
    [call] = slack.calls_to("chat.postMessage")
    assert call.body_format == "form"
    assert call.args["blocks"] == [SECTION]
    assert call.args["metadata"] == METADATA
    assert call.raw["blocks"] == blocks_json


async def test_ts_is_fresh_and_increasing(slack: MockSlack, client: AsyncWebClient) -> None:
    stamps = [(await client.chat_postMessage(channel="C1", text=f"m{i}"))["ts"] for i in range(5)]
    ephemeral = await client.chat_postEphemeral(channel="C1", user="U1", text="psst")
    stamps.append(ephemeral["message_ts"])

    assert all(TS_PATTERN.match(ts) for ts in stamps)
    assert stamps[0] == "1700000000.000100"
    assert len(set(stamps)) == len(stamps)
    assert [float(ts) for ts in stamps] == sorted(float(ts) for ts in stamps)


# -- validation --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ({"text": "no channel"}, "channel_not_found"),
        ({"channel": "C1"}, "no_text"),
        ({"channel": "C1", "text": "", "blocks": []}, "no_text"),
        ({"channel": "C1", "text": "x" * 40_001}, "msg_too_long"),
        ({"channel": "C1", "blocks": [SECTION] * 51}, "invalid_blocks"),
        ({"channel": "C1", "blocks": [{"text": "no type"}]}, "invalid_blocks"),
        ({"channel": "C1", "blocks": [LONG_SECTION]}, "invalid_blocks"),
        ({"channel": "C1", "blocks": [BUTTONS, BUTTONS]}, None),  # same action_ids, other block
        (
            {"channel": "C1", "text": "x", "metadata": {"event_type": "e"}},
            "invalid_metadata_format",
        ),
    ],
)
async def test_post_message_validation(
    slack: MockSlack, client: AsyncWebClient, body: dict[str, Any], error: str | None
) -> None:
    if error is None:
        assert (await client.api_call("chat.postMessage", json=body))["ok"] is True
        return
    exc = await post_error(client.api_call("chat.postMessage", json=body))

    assert exc.response.status_code == 200
    assert exc.response["error"] == error
    assert slack.messages() == []
    [call] = slack.calls_to("chat.postMessage")
    assert call.error == error and not call.landed


async def test_invalid_blocks_explains_itself(client: AsyncWebClient) -> None:
    header = {"type": "header", "text": {"type": "mrkdwn", "text": "not plain"}}
    exc = await post_error(
        client.chat_postMessage(channel="C1", text="t", blocks=[SECTION, header])
    )

    messages = exc.response["response_metadata"]["messages"]
    assert any("/blocks/1/text/type" in m for m in messages)


def test_check_blocks_limits() -> None:
    assert check_blocks([SECTION, BUTTONS, {"type": "divider"}]) == []
    long_label = {"type": "plain_text", "text": "x" * 76}
    bad_button = {"type": "actions", "elements": [{"type": "button", "text": long_label}]}
    assert check_blocks([bad_button])
    dup_ids = [{**SECTION, "block_id": "a"}, {**SECTION, "block_id": "a"}]
    assert check_blocks(dup_ids)
    assert check_blocks([SECTION] * 100, limit=100) == []


@pytest.mark.parametrize(
    ("token", "tokens", "error"),
    [
        (None, None, "not_authed"),
        ("bogus", None, "invalid_auth"),
        ("xoxb-other", ["xoxb-good"], "invalid_auth"),
    ],
)
async def test_auth_errors(token: str | None, tokens: list[str] | None, error: str) -> None:
    async with MockSlack(tokens=tokens) as slack:
        client = AsyncWebClient(token=token, base_url=slack.url)
        exc = await post_error(client.chat_postMessage(channel="C1", text="hi"))
        assert exc.response["error"] == error
        assert slack.messages() == []


async def test_unknown_method(slack: MockSlack, client: AsyncWebClient) -> None:
    exc = await post_error(client.api_call("no.suchMethod"))

    assert exc.response.status_code == 200
    assert exc.response["error"] == "unknown_method"
    assert slack.calls_to("no.suchMethod")[0].error == "unknown_method"


# -- faults ------------------------------------------------------------------------------------


async def test_429_without_handler_surfaces_retry_after(
    slack: MockSlack, client: AsyncWebClient
) -> None:
    slack.fail_next("chat.postMessage", "429")
    exc = await post_error(client.chat_postMessage(channel="C1", text="hi"))

    assert exc.response.status_code == 429
    assert exc.response["error"] == "ratelimited"
    assert exc.response.headers["Retry-After"] == "1"


async def test_429_is_retried_by_the_sdk_rate_limit_handler(
    slack: MockSlack, client: AsyncWebClient
) -> None:
    client.retry_handlers.append(AsyncRateLimitErrorRetryHandler(max_retry_count=1))
    slack.fail_next("chat.postMessage", "429")

    started = time.monotonic()
    response = await client.chat_postMessage(channel="C1", text="hi")

    assert time.monotonic() - started >= 1.0  # it honoured Retry-After: 1
    assert response["ok"] is True
    first, second = slack.calls_to("chat.postMessage")
    assert (first.status, first.error, first.landed) == (429, "ratelimited", False)
    assert second.ok and second.landed
    assert [m.ts for m in slack.messages()] == [response["ts"]]


async def test_500_is_retried_by_the_sdk_server_error_handler(
    slack: MockSlack, client: AsyncWebClient
) -> None:
    client.retry_handlers.append(AsyncServerErrorRetryHandler(max_retry_count=1))
    slack.fail_next("chat.postMessage", "500")

    response = await client.chat_postMessage(channel="C1", text="hi")

    assert response["ok"] is True
    first, second = slack.calls_to("chat.postMessage")
    assert (first.status, first.response, first.landed) == (500, "internal error", False)
    assert second.ok
    assert len(slack.messages()) == 1


async def test_500_without_handler_raises(slack: MockSlack, client: AsyncWebClient) -> None:
    slack.fail_next("auth.test", "500")
    exc = await post_error(client.auth_test())

    assert exc.response.status_code == 500
    assert (await client.auth_test())["ok"] is True  # only the next call failed


async def test_500_after_landing_records_the_message(
    slack: MockSlack, client: AsyncWebClient
) -> None:
    slack.fail_next("chat.postMessage", "500_after_landing")
    exc = await post_error(client.chat_postMessage(channel="C1", text="landed", metadata=METADATA))

    assert exc.response.status_code == 500
    [call] = slack.calls_to("chat.postMessage")
    assert call.landed and call.status == 500
    [message] = slack.messages("C1")
    assert message.text == "landed" and TS_PATTERN.match(message.ts)
    assert "(landed; answered HTTP 500)" in slack.transcript()[0]


async def test_500_after_landing_plus_blind_retry_duplicates(
    slack: MockSlack, client: AsyncWebClient
) -> None:
    """What a naive retry does when Slack did post: two messages (the app must dedupe)."""
    client.retry_handlers.append(AsyncServerErrorRetryHandler(max_retry_count=1))
    slack.fail_next("chat.postMessage", "500_after_landing")

    await client.chat_postMessage(channel="C1", text="once?")

    assert [m.text for m in slack.messages("C1")] == ["once?", "once?"]


async def test_ratelimited_200_and_error_strings_queue_in_order(
    slack: MockSlack, client: AsyncWebClient
) -> None:
    slack.fail_next("chat.postMessage", "ratelimited_200", count=2)
    slack.fail_next("chat.postMessage", "msg_too_long")

    errors = []
    for _ in range(3):
        exc = await post_error(client.chat_postMessage(channel="C1", text="hi"))
        assert exc.response.status_code == 200
        errors.append(exc.response["error"])
    assert errors == ["ratelimited", "ratelimited", "msg_too_long"]
    assert (await client.chat_postMessage(channel="C1", text="hi"))["ok"] is True
    assert len(slack.messages()) == 1


async def test_disconnect_is_retried_by_the_default_connection_handler(
    slack: MockSlack, client: AsyncWebClient
) -> None:
    slack.fail_next("chat.postMessage", "disconnect")

    response = await client.chat_postMessage(channel="C1", text="hi")

    assert response["ok"] is True
    first, second = slack.calls_to("chat.postMessage")
    assert not first.answered and second.ok


async def test_delay_holds_the_answer_after_landing(slack: MockSlack) -> None:
    slack.delay("chat.postMessage", 1.5)
    impatient = AsyncWebClient(token="xoxb-test", base_url=slack.url, timeout=1)

    with pytest.raises(TimeoutError):
        await impatient.chat_postMessage(channel="C1", text="slow")
    assert [m.text for m in slack.messages()] == ["slow"]

    slack.delay("chat.postMessage", None)
    started = time.monotonic()
    await impatient.chat_postMessage(channel="C1", text="fast")
    assert time.monotonic() - started < 1.0


# -- the other methods -------------------------------------------------------------------------


@pytest.mark.filterwarnings("ignore:BasicAuth is deprecated:DeprecationWarning")
async def test_oauth_v2_access_returns_a_bot_installation() -> None:
    async with MockSlack(tokens=["xoxb-preexisting"]) as slack:
        client = AsyncWebClient(base_url=slack.url)
        body = (await client.oauth_v2_access(client_id="111.222", client_secret="s", code="c")).data

        assert isinstance(body, dict)
        assert body["ok"] is True
        assert body["access_token"] == "xoxb-test"
        assert body["token_type"] == "bot"
        assert body["scope"] == BOT_SCOPES
        assert body["bot_user_id"] == "UBOT"
        assert body["app_id"]
        assert body["team"] == {"id": "T1", "name": "Test Team"}
        assert body["enterprise"] is None
        assert body["authed_user"]["id"]
        [call] = slack.calls_to("oauth.v2.access")
        assert (call.header("Authorization") or "").startswith("Basic ")
        # the issued token now works
        installed = AsyncWebClient(token=body["access_token"], base_url=slack.url)
        assert (await installed.auth_test())["ok"] is True

        exc = await post_error(client.oauth_v2_access(client_id="1", client_secret="s", code=""))
        assert exc.response["error"] == "invalid_code"


async def test_update_edits_the_held_message(slack: MockSlack, client: AsyncWebClient) -> None:
    posted = await client.chat_postMessage(channel="C1", text="thinking…", blocks=[SECTION])

    updated = await client.chat_update(channel="C1", ts=posted["ts"], text="done", blocks=[])

    assert (updated["channel"], updated["ts"], updated["text"]) == ("C1", posted["ts"], "done")
    message = slack.message("C1", posted["ts"])
    assert message is not None and message.text == "done" and message.blocks is None
    exc = await post_error(client.chat_update(channel="C1", ts="1.000000", text="x"))
    assert exc.response["error"] == "message_not_found"
    user_message = slack.add_message("C1", "mine", user="U1")
    exc = await post_error(client.chat_update(channel="C1", ts=user_message.ts, text="x"))
    assert exc.response["error"] == "cant_update_message"


async def test_replies_read_the_thread_back_with_metadata(
    slack: MockSlack, client: AsyncWebClient
) -> None:
    root = slack.add_message("D1", "should we fine-tune?", user="U1")
    await client.chat_postMessage(channel="D1", thread_ts=root.ts, text="q1", metadata=METADATA)
    await client.chat_postMessage(channel="D1", text="elsewhere")

    replies = await client.conversations_replies(
        channel="D1", ts=root.ts, include_all_metadata=True
    )

    texts = [m["text"] for m in replies["messages"]]
    assert texts == ["should we fine-tune?", "q1"]
    assert replies["messages"][0]["reply_count"] == 1
    assert replies["messages"][1]["metadata"] == METADATA
    plain = await client.conversations_replies(channel="D1", ts=root.ts)
    assert "metadata" not in plain["messages"][1]
    history = await client.conversations_history(channel="D1")
    assert [m["text"] for m in history["messages"]] == ["elsewhere", "should we fine-tune?"]


async def test_ephemeral_views_and_assistant(slack: MockSlack, client: AsyncWebClient) -> None:
    ephemeral = await client.chat_postEphemeral(channel="C1", user="U1", text="only you")
    assert TS_PATTERN.match(ephemeral["message_ts"])
    assert slack.messages("C1") == []
    assert slack.messages("C1", include_ephemeral=True)[0].ephemeral_to == "U1"

    home = {"type": "home", "blocks": [SECTION]}
    published = await client.views_publish(user_id="U1", view=home)
    assert published["view"]["id"].startswith("V")
    assert slack.home_view("U1") == published["view"]
    exc = await post_error(client.views_publish(user_id="U1", view={"type": "home", "blocks": 1}))
    assert exc.response["error"] == "invalid_arguments"

    channel_id, thread_ts = "D1", "1700000000.000001"
    status = await client.assistant_threads_setStatus(
        channel_id=channel_id, thread_ts=thread_ts, status="thinking…"
    )
    assert status["ok"] is True
    title = await client.assistant_threads_setTitle(
        channel_id=channel_id, thread_ts=thread_ts, title="Fine-tune?"
    )
    assert title["ok"] is True
    prompts = [{"title": "Our case", "message": "We need our tone"}]
    suggested = await client.assistant_threads_setSuggestedPrompts(
        channel_id=channel_id, thread_ts=thread_ts, prompts=prompts
    )
    assert suggested["ok"] is True
    [call] = slack.calls_to("assistant.threads.setSuggestedPrompts")
    assert call.args["prompts"] == prompts
    exc = await post_error(
        client.assistant_threads_setSuggestedPrompts(
            channel_id=channel_id, thread_ts=thread_ts, prompts=[]
        )
    )
    assert exc.response["error"] == "invalid_arguments"


async def test_file_upload_v2_round_trip(slack: MockSlack, client: AsyncWebClient) -> None:
    response = await client.files_upload_v2(
        channel="C1", content="decision,rag\n", filename="decision.csv", title="Decision"
    )

    file_id = response["file"]["id"]
    assert slack.upload(file_id) == b"decision,rag\n"
    assert [c.method for c in slack.calls] == [
        "files.getUploadURLExternal",
        "upload",
        "files.completeUploadExternal",
    ]


async def test_on_overrides_a_method(slack: MockSlack, client: AsyncWebClient) -> None:
    slack.on("auth.test", lambda call: {"ok": True, "user_id": "U9", "team_id": "T9"})
    slack.on("team.info", lambda call: {"ok": True, "team": {"id": "T1"}})

    assert (await client.auth_test())["user_id"] == "U9"
    assert (await client.team_info())["team"]["id"] == "T1"
    slack.on("auth.test", None)
    slack.on("team.info", None)
    assert (await client.auth_test())["user_id"] == "UBOT"
    exc = await post_error(client.team_info())
    assert exc.response["error"] == "unknown_method"


async def test_chat_stream_is_scripted_with_on(slack: MockSlack, client: AsyncWebClient) -> None:
    exc = await post_error(client.chat_startStream(channel="D1", thread_ts="1700000000.000001"))
    assert exc.response["error"] == "unknown_method"

    slack.on("chat.startStream", lambda c: {"ok": True, "channel": c.args["channel"], "ts": "9.1"})
    slack.on("chat.appendStream", lambda c: {"ok": True})
    slack.on("chat.stopStream", lambda c: {"ok": True})
    stream = await client.chat_stream(
        buffer_size=4, channel="D1", thread_ts="1700000000.000001", recipient_user_id="U1"
    )
    await stream.append(markdown_text="RAG first")
    await stream.stop()

    _, start, stop = slack.calls
    assert (start.method, stop.method) == ("chat.startStream", "chat.stopStream")
    assert start.ok and start.args["chunks"] == [{"type": "markdown_text", "text": "RAG first"}]
    assert stop.ok and stop.args["ts"] == "9.1"


async def test_response_url_is_recorded(slack: MockSlack) -> None:
    webhook = AsyncWebhookClient(slack.response_url("cmd-1"))

    response = await webhook.send(text="Here is how to use /explainer", response_type="ephemeral")

    assert response.status_code == 200
    [call] = slack.calls_to("response_url")
    assert call.args["_key"] == "cmd-1"
    assert call.args["text"] == "Here is how to use /explainer"
    assert slack.transcript()[0].startswith("[response_url] cmd-1 response_type=ephemeral")


async def test_invalid_json_body(slack: MockSlack) -> None:
    async with (
        aiohttp.ClientSession() as session,
        session.post(
            f"{slack.url}chat.postMessage",
            data=b"{not json",
            headers={"Content-Type": "application/json", "Authorization": "Bearer xoxb-test"},
        ) as response,
    ):
        body = await response.json()
    assert body == {"ok": False, "error": "invalid_json"}


# -- helpers -----------------------------------------------------------------------------------


async def test_transcript_is_readable(slack: MockSlack, client: AsyncWebClient) -> None:
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": "Recommendation: RAG"}},
        SECTION,
        {"type": "context", "elements": [{"type": "mrkdwn", "text": "Sources: kb-rag-01"}]},
        BUTTONS,
    ]
    root = await client.chat_postMessage(channel="C1", text="Let's look at this together")
    await client.chat_postMessage(
        channel="C1", thread_ts=root["ts"], text="card", blocks=blocks, metadata=METADATA
    )
    await client.chat_update(channel="C1", ts=root["ts"], text="Consultation finished")
    slack.fail_next("chat.postMessage", "invalid_blocks")
    with pytest.raises(SlackApiError):
        await client.chat_postMessage(channel="C1", text="rejected")

    lines = slack.transcript()
    text = "\n".join(lines)

    assert lines[0] == f"[chat.postMessage] C1 ts={root['ts']}"
    assert f"thread={root['ts']}" in text
    for expected in [
        "text: Let's look at this together",
        "header: Recommendation: RAG",
        "section: Which matters most?",
        "context: Sources: kb-rag-01",
        "buttons: Decide now | Tone",
        'metadata: explainer_decision {"consultation_id": "c1"',
        f"[chat.update] C1 ts={root['ts']}",
        "text: Consultation finished",
    ]:
        assert expected in text
    assert "rejected" not in text
    assert "✗ HTTP 200 invalid_blocks" in "\n".join(slack.transcript(include_failed=True))


async def test_wait_for_and_reset(slack: MockSlack, client: AsyncWebClient) -> None:
    await client.chat_postMessage(channel="C1", text="a", metadata=METADATA)

    [found] = await slack.wait_for(
        "chat.postMessage",
        where=lambda c: c.args.get("metadata", {}).get("event_type") == "explainer_decision",
        timeout=2,
    )
    assert found.ok
    with pytest.raises(TimeoutError, match=re.escape("calls seen: chat.postMessage:200:ok")):
        await slack.wait_for("chat.postMessage", count=2, timeout=0.1)

    slack.fail_next("auth.test", "500")
    slack.reset()
    assert slack.calls == [] and slack.messages() == []
    assert (await client.auth_test())["ok"] is True


# -- background-thread mode --------------------------------------------------------------------


def test_start_in_thread_serves_a_sync_client_and_a_subprocess() -> None:
    slack = MockSlack()
    url = slack.start_in_thread()
    try:
        assert url == slack.url
        client = WebClient(token="xoxb-test", base_url=url)
        assert client.auth_test()["user_id"] == "UBOT"

        script = (
            "import sys\n"
            "from slack_sdk import WebClient\n"
            "WebClient(token='xoxb-test', base_url=sys.argv[1])"
            ".chat_postMessage(channel='C9', text='from a subprocess')\n"
        )
        subprocess.run([sys.executable, "-c", script, url], check=True, timeout=60)

        [call] = slack.wait_for_sync("chat.postMessage", timeout=5)
        assert call.args["text"] == "from a subprocess"
    finally:
        slack.stop()
    with pytest.raises(Exception, match=r"(?i)refused|connect"):
        WebClient(token="xoxb-test", base_url=url, timeout=2).auth_test()


def test_sync_context_manager() -> None:
    with MockSlack() as slack:
        assert WebClient(token="xoxb-test", base_url=slack.url).auth_test()["ok"] is True
    assert slack.calls_to("auth.test")[0].ok
