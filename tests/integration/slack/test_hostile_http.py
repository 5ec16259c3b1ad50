"""Hostile and odd requests against the real aiohttp app: never a 5xx, never user text in a log.

Requests are signed like Slack signs them and sent over HTTP to ``build_web_app`` on a real
runtime (Redis, Bolt, the mock Slack Web API); the worker does not run, so what a request
persisted stays in the inbox stream to be read back.
"""

from __future__ import annotations

import contextlib
import json
import logging
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
import pytest_asyncio
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from slack_bolt.oauth.async_oauth_flow import AsyncOAuthFlow
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.oauth.installation_store.models.installation import Installation

from bot.services import _bot_tokens
from bot.slack.oauth import RedisInstallationStore
from testkit.edge import FORM, Edge, dm, envelope_for, serving

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def edge(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Edge]:
    async with serving(tmp_path_factory.mktemp("edge")) as e:
        yield e


# -- inputs that used to cost a 500 -----------------------------------------------------------


async def test_a_lone_surrogate_in_text_is_acked_and_persisted_clean(edge: Edge) -> None:
    marker = "surrogate-1"
    body = json.dumps(envelope_for(dm(f"tone \ud800matters {marker}", "U101")))
    assert "\\ud800" in body  # sent as the JSON escape, as Slack would
    sent = await edge.post(body, "application/json")
    assert sent.status == 200
    [unit] = [u for u in await edge.queued() if marker in u.text]
    assert unit.text == f"tone matters {marker}"
    # In a form it arrives percent-encoded: decoded with a replacement character, acked.
    form = urlencode(
        {
            "command": "/explainer",
            "team_id": "T1",
            "channel_id": "C1",
            "user_id": "U102",
            "text": "help\ud800",
            "trigger_id": "surrogate.2",
        },
        encoding="utf-8",
        errors="surrogatepass",
    )
    assert (await edge.post(form, FORM)).status == 200
    [command] = [u for u in await edge.queued() if u.user == "U102"]
    assert command.text.startswith("help\ufffd")
    # Raw bytes that are not UTF-8 are the client's error.
    assert (await edge.post(b'{"type": "\xed\xa0\x80"}', "application/json")).status == 400


@pytest.mark.parametrize("shape", ["json", "form"])
async def test_json_nested_a_thousand_deep_is_refused_before_parsing(
    edge: Edge, shape: str
) -> None:
    deep = '{"type": "event_callback", "event": ' + "[" * 1000 + "]" * 1000 + "}"
    if shape == "json":
        sent = await edge.post(deep, "application/json")
    else:
        sent = await edge.post(urlencode({"payload": deep}), FORM)
    assert sent.status == 400
    assert edge.metric("explainer_slack_rejected_total", reason="too_deep") >= 1


async def test_deep_brackets_inside_strings_are_only_text(edge: Edge) -> None:
    sent = await edge.event(dm("[" * 500 + " {{{ tone matters", "U103"))
    assert sent.status == 200


@pytest.mark.parametrize(
    "headers",
    [
        {"X-Slack-Request-Timestamp": "soon"},
        {"X-Slack-Request-Timestamp": "١٧٠٠٠٠٠٠٠٠"},  # digits int() would take
        {"X-Slack-Request-Timestamp": ""},
        {"X-Slack-Signature": "v0=é" + "0" * 63},
        {"X-Slack-Signature": "v1=" + "0" * 64},
        {"X-Slack-Signature": ""},
        {"X-Slack-Signature": "v0=" + "0" * 64},  # well formed, wrong
        {"X-Slack-Request-Timestamp": "1000000000"},  # well formed, stale
    ],
)
async def test_malformed_or_wrong_signature_headers_get_401(
    edge: Edge, headers: dict[str, str]
) -> None:
    body = json.dumps(envelope_for(dm("hello", "U104")))
    sent = await edge.post(body.encode(), "application/json", **headers)
    assert sent.status == 401


async def test_slacks_certificate_check_is_answered_without_a_signature(edge: Edge) -> None:
    unsigned = {"X-Slack-Signature": "", "X-Slack-Request-Timestamp": ""}
    assert (await edge.post("ssl_check=1&token=legacy", FORM, **unsigned)).status == 200
    smuggled = urlencode({"ssl_check": "1", "command": "/explainer", "user_id": "U1"})
    assert (await edge.post(smuggled, FORM, **unsigned)).status == 401


@pytest.mark.parametrize(
    "change",
    [
        {"event": [1, 2]},
        {"event": {"type": ["message"]}},
        {"team_id": 7},
        {"authorizations": "T1"},
        {"authorizations": [["T1"]]},
        {"event": {"type": "message", "channel": {"id": 5}}},
        {"event": {"type": "message", "user": ["U1"]}},
        {"enterprise": 3},
    ],
)
async def test_events_of_the_wrong_shape_get_400(edge: Edge, change: dict[str, Any]) -> None:
    body = {**envelope_for(dm("hello", "U105")), **change}
    sent = await edge.post(json.dumps(body), "application/json")
    assert sent.status == 400


@pytest.mark.parametrize(
    "change",
    [
        {"actions": {"action_id": "decide_now"}},
        {"actions": []},
        {"actions": ["decide_now"]},
        {"actions": [{"action_id": None}]},
        {"user": ["U1"]},
        {"team": {"id": ["T1"]}},
        {"response_urls": None},
        {"message": "text"},
    ],
)
async def test_actions_of_the_wrong_shape_get_400(edge: Edge, change: dict[str, Any]) -> None:
    payload = {
        "type": "block_actions",
        "team": {"id": "T1"},
        "user": {"id": "U106"},
        "trigger_id": "t.1",
        "actions": [{"action_id": "decide_now", "value": "x"}],
        **change,
    }
    sent = await edge.post(urlencode({"payload": json.dumps(payload)}), FORM)
    assert sent.status == 400


@pytest.mark.parametrize("kind", ["reaction_added", "member_joined_channel", "brand_new_event"])
async def test_events_the_app_does_not_handle_get_200_and_a_count(edge: Edge, kind: str) -> None:
    label = "other" if kind == "brand_new_event" else kind
    before = edge.metric("explainer_slack_unhandled_total", type=label)
    sent = await edge.event({"type": kind, "user": "U107", "item": {"channel": "C1"}})
    assert sent.status == 200
    assert edge.metric("explainer_slack_unhandled_total", type=label) == before + 1


async def test_app_rate_limited_is_answered_logged_and_counted(
    edge: Edge, caplog: pytest.LogCaptureFixture
) -> None:
    body = {
        "token": "legacy",
        "type": "app_rate_limited",
        "team_id": "T1",
        "minute_rate_limited": 1518467820,
        "api_app_id": "A1",
    }
    with caplog.at_level(logging.INFO):
        sent = await edge.post(json.dumps(body), "application/json")
    assert sent.status == 200
    assert edge.metric("explainer_slack_unhandled_total", type="app_rate_limited") == 1
    [line] = [r.getMessage() for r in caplog.records if "app_rate_limited" in r.getMessage()]
    assert "T1" in line and "1518467820" not in line and "A1" not in line


async def test_a_command_whose_text_says_payload_is_handled(edge: Edge) -> None:
    sent = await edge.sender.command(
        "what goes in the payload?",
        channel="C1",
        user="U108",
        response_url=edge.slack.response_url(),
    )
    assert sent.status == 200  # Bolt alone reads this form as an empty body: 404
    assert [u.text for u in await edge.queued() if u.user == "U108"] == [
        "what goes in the payload?"
    ]


# -- what is persisted --------------------------------------------------------------------------


async def test_a_thread_broadcast_reply_is_persisted(edge: Edge) -> None:
    sent = await edge.event(
        {
            "type": "message",
            "subtype": "thread_broadcast",
            "channel": "C2",
            "channel_type": "channel",
            "user": "U109",
            "ts": f"{time.time():.6f}",
            "thread_ts": "1700000000.000100",
            "text": "also sent to the channel",
        }
    )
    assert sent.status == 200
    [unit] = [u for u in await edge.queued() if u.user == "U109"]
    assert unit.thread_ts == "1700000000.000100" and unit.text == "also sent to the channel"


async def test_entities_and_markup_reach_the_worker_as_typed(edge: Edge) -> None:
    await edge.event(dm("<@UBOT> our R&amp;D team, a &lt; b, see <#C9|docs>", "U110"))
    [unit] = [u for u in await edge.queued() if u.user == "U110"]
    assert unit.text == "our R&D team, a < b, see #docs"


async def test_payloads_with_malformed_ids_are_dropped_and_counted(edge: Edge) -> None:
    before = edge.metric("explainer_slack_rejected_total", reason="ids")
    sent = await edge.event(dm("hello", "U111", channel="D1:evil", ts="1.2"))
    assert sent.status == 200  # Slack must not send it again
    sent = await edge.sender.command(
        "hello", channel="c-lower", user="U111", response_url=edge.slack.response_url()
    )
    assert sent.status == 200
    assert not [u for u in await edge.queued() if u.user == "U111"]
    assert edge.metric("explainer_slack_rejected_total", reason="ids") == before + 2


async def test_the_enterprise_of_an_org_install_is_carried(edge: Edge) -> None:
    await edge.event(
        dm("hello", "U112"),
        enterprise_id="E1",
        authorizations=[{"team_id": "T1", "enterprise_id": "E1", "user_id": "UBOT"}],
    )
    [unit] = [u for u in await edge.queued() if u.user == "U112"]
    assert (unit.team, unit.enterprise) == ("T1", "E1")


# -- logs -----------------------------------------------------------------------------------------


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def leaks(self, marker: str) -> list[str]:
        out = []
        for r in self.records:
            shown = logging.Formatter("%(message)s").format(r)
            if marker in shown or marker in repr(vars(r)):
                out.append(f"{r.name}: {shown[:200]}")
        return out


@contextlib.contextmanager
def _root_at_debug() -> Iterator[_Capture]:
    root = logging.getLogger()
    capture = _Capture()
    level = root.level
    root.setLevel(logging.DEBUG)
    root.addHandler(capture)
    try:
        yield capture
    finally:
        root.removeHandler(capture)
        root.setLevel(level)


async def test_no_log_record_at_any_level_carries_a_request_body(tmp_path: Path) -> None:
    marker = "zq-secret-words-7"
    with _root_at_debug() as capture:
        # Built while the root is at DEBUG: Bolt copies the root's level onto its loggers.
        async with serving(tmp_path) as e:
            command = urlencode(
                {
                    "command": "/explainer",
                    "team_id": "T1",
                    "channel_id": "C1",
                    "user_id": "U113",
                    "text": f"our plan {marker}",
                    "response_url": f"https://hooks.slack.com/commands/{marker}",
                    "trigger_id": "t.113",
                }
            )
            bad = {"X-Slack-Signature": "v0=" + "0" * 64}
            assert (await e.post(command, FORM, **bad)).status == 401
            event = json.dumps(envelope_for(dm(f"hi {marker}", "U113")))
            assert (await e.post(event, "application/json", **bad)).status == 401
            # Bolt's own check, as Socket Mode or any other front end would reach it.
            rejected = await e.rt.app.async_dispatch(
                AsyncBoltRequest(
                    body=command,
                    headers={
                        "content-type": FORM,
                        "x-slack-request-timestamp": str(int(time.time())),
                        "x-slack-signature": "v0=" + "0" * 64,
                    },
                )
            )
            assert rejected.status == 401
            # Accepted requests log ids and kinds only.
            assert (await e.post(event, "application/json")).status == 200
            assert (await e.post(event, "application/json")).status == 200  # a duplicate
            assert (await e.post(command, FORM)).status == 200
    assert capture.records, "nothing was captured: the test would prove nothing"
    assert capture.leaks(marker) == []


# -- uninstall and revoked tokens (OAuth mode) ----------------------------------------------------

OAUTH = {
    "SLACK_BOT_TOKEN": None,
    "SLACK_CLIENT_ID": "111.222",
    "SLACK_CLIENT_SECRET": "client-secret",
}


def _install(team: str | None, *, enterprise: str | None = None, org: bool = False) -> Installation:
    name = team or enterprise or "x"
    return Installation(
        app_id="A1",
        enterprise_id=enterprise,
        team_id=team,
        bot_token=f"xoxb-{name}",
        bot_id="BBOT",
        bot_user_id="UBOT",
        bot_scopes=["chat:write"],
        user_id="U1",
        user_token=f"xoxp-{name}",
        is_enterprise_install=org,
    )


def _flow(e: Edge) -> AsyncOAuthFlow:
    flow = e.rt.app.oauth_flow
    assert flow is not None
    return flow


def _store(e: Edge) -> RedisInstallationStore:
    store = _flow(e).settings.installation_store
    assert isinstance(store, RedisInstallationStore)
    return store


async def test_uninstall_deletes_the_installation_and_its_tokens(tmp_path: Path) -> None:
    async with serving(tmp_path, **OAUTH) as e:
        store = _store(e)
        await store.async_save(_install("T1"))
        await store.async_save(_install("T2"))
        sent = await e.event({"type": "app_uninstalled"})
        assert sent.status == 200
        assert await store.async_find_installation(enterprise_id=None, team_id="T1") is None
        assert await store.async_find_bot(enterprise_id=None, team_id="T1") is None
        assert await _bot_tokens(_flow(e))("T1") is None
        assert await store.async_find_bot(enterprise_id=None, team_id="T2") is not None


async def test_revoked_tokens_leave_no_copy_behind(tmp_path: Path) -> None:
    async with serving(tmp_path, **OAUTH) as e:
        store = _store(e)
        await store.async_save(_install("T1"))
        sent = await e.event({"type": "tokens_revoked", "tokens": {"oauth": ["U1"]}})
        assert sent.status == 200
        assert (
            await store.async_find_installation(enterprise_id=None, team_id="T1", user_id="U1")
            is None
        )
        latest = await store.async_find_installation(enterprise_id=None, team_id="T1")
        assert latest is not None and latest.user_token is None and latest.bot_token == "xoxb-T1"
        sent = await e.event({"type": "tokens_revoked", "tokens": {"bot": ["UBOT"]}})
        assert sent.status == 200
        assert await store.async_find_bot(enterprise_id=None, team_id="T1") is None
        latest = await store.async_find_installation(enterprise_id=None, team_id="T1")
        assert latest is not None and latest.bot_token is None
        [key] = [k async for k in e.rt.services.redis.scan_iter(match="*inst*")]
        raw = await e.rt.services.redis.hgetall(key)
        assert not [v for v in raw.values() if b"xoxb-" in v or b"xoxp-" in v]


async def test_tokens_are_found_for_workspaces_and_enterprise_grid_orgs(tmp_path: Path) -> None:
    async with serving(tmp_path, **OAUTH) as e:
        store = _store(e)
        await store.async_save(_install("T1"))
        await store.async_save(_install("T5", enterprise="E2"))  # a workspace of an org
        await store.async_save(_install(None, enterprise="E1", org=True))  # org-wide
        token = _bot_tokens(_flow(e))
        assert await token("T1") == "xoxb-T1"  # the one-argument call still works
        assert await token("T5", "E2") == "xoxb-T5"
        assert await token("T7", "E1") == "xoxb-E1"  # any workspace of the org
        assert await token("T7") is None
        # Uninstalling the org-wide install removes it.
        sent = await e.event(
            {"type": "app_uninstalled"},
            team_id="T7",
            enterprise_id="E1",
            authorizations=[
                {"team_id": None, "enterprise_id": "E1", "is_enterprise_install": True}
            ],
        )
        assert sent.status == 200
        assert await token("T7", "E1") is None and await token("T5", "E2") == "xoxb-T5"


# -- any envelope, correctly signed: never a 5xx --------------------------------------------------

_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=12)
    | st.sampled_from(["\ud800", "", "U1", "C1", "T1", "E1", "D1", "1.2", "message", "<@UBOT>"]),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(["id", "type", "team_id", "value", "x"]), inner, max_size=3
        )
    ),
    max_leaves=6,
)


def _mutated(template: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """``template`` with any of its fields (nested ones too) replaced by any JSON value."""
    fields = {
        key: (_mutated(value) if isinstance(value, dict) else st.just(value)) | _JSON
        for key, value in template.items()
    }
    return st.fixed_dictionaries(fields)


_EVENT = envelope_for(
    {
        "type": "message",
        "channel": "C1",
        "channel_type": "channel",
        "user": "U1",
        "ts": "1700000000.000001",
        "thread_ts": "1700000000.000000",
        "text": "<@UBOT> hello",
        "subtype": "thread_broadcast",
        "team": "T1",
    },
    enterprise_id="E1",
)
_ACTION = {
    "type": "block_actions",
    "team": {"id": "T1", "enterprise_id": "E1"},
    "user": {"id": "U1", "team_id": "T1"},
    "api_app_id": "A1",
    "trigger_id": "1.2.x",
    "channel": {"id": "C1"},
    "response_url": "https://hooks.slack.com/actions/x",
    "container": {"channel_id": "C1", "message_ts": "1.2", "thread_ts": "1.1"},
    "message": {"ts": "1.2", "thread_ts": "1.1", "type": "message"},
    "actions": [
        {
            "action_id": "decide_now",
            "block_id": "b",
            "value": "c1",
            "action_ts": "1.3",
            "selected_option": {"value": "v"},
        }
    ],
}
_SHORTCUT = {
    "type": "message_action",
    "callback_id": "decide_with_explainer",
    "trigger_id": "1.2.y",
    "team": {"id": "T1"},
    "user": {"id": "U1"},
    "channel": {"id": "C1"},
    "message": {"ts": "1.2", "type": "message", "user": "U2", "text": "x"},
    "response_url": "https://hooks.slack.com/actions/y",
}
_COMMAND = {
    "token": "legacy",
    "team_id": "T1",
    "enterprise_id": "E1",
    "channel_id": "C1",
    "user_id": "U1",
    "command": "/explainer",
    "text": "help",
    "response_url": "https://hooks.slack.com/commands/x",
    "trigger_id": "1.2.z",
}
_EVENT_TYPES = st.sampled_from(
    [
        "message",
        "app_mention",
        "app_home_opened",
        "assistant_thread_started",
        "assistant_thread_context_changed",
        "app_uninstalled",
        "tokens_revoked",
        "reaction_added",
    ]
)


def _form(fields: dict[str, Any]) -> str:
    return urlencode(
        {k: v if isinstance(v, str) else json.dumps(v) for k, v in fields.items()},
        encoding="utf-8",
        errors="surrogatepass",
    )


_BODIES = st.one_of(
    st.tuples(
        _mutated(_EVENT),
        st.dictionaries(st.just("type"), _EVENT_TYPES | _JSON),
    ).map(
        lambda p: (
            "json",
            {**p[0], "event": {**p[0]["event"], **p[1]}}
            if isinstance(p[0].get("event"), dict)
            else p[0],
        )
    ),
    _mutated(_ACTION).map(lambda b: ("form", _form({"payload": json.dumps(b)}))),
    _mutated(_SHORTCUT).map(lambda b: ("form", _form({"payload": json.dumps(b)}))),
    _mutated(_COMMAND).map(lambda b: ("form", _form(b))),
)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(_BODIES)
async def test_any_signed_envelope_never_gets_a_5xx(edge: Edge, case: tuple[str, Any]) -> None:
    kind, body = case
    if kind == "json":
        sent = await edge.post(json.dumps(body), "application/json")
    else:
        sent = await edge.post(body, FORM)
    assert sent.status < 500, sent.body
