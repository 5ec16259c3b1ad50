"""The Slack app manifests in deploy/: HTTP mode and Socket Mode, kept in step."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.slack.client import BOT_SCOPES
from testkit.mock_slack import BOT_SCOPES as MOCK_SCOPES
from testkit.paths import ROOT

DEPLOY = ROOT / "deploy"
HTTP_MANIFEST = DEPLOY / "slack-manifest.yaml"
SOCKET_MANIFEST = DEPLOY / "slack-manifest.socket.yaml"

EXPECTED_SCOPES = {
    "app_mentions:read",
    "assistant:write",
    "canvases:write",
    "channels:history",
    "chat:write",
    "commands",
    "files:read",
    "files:write",
    "groups:history",
    "im:history",
}
EXPECTED_EVENTS = {
    "app_mention",
    "message.im",
    "message.channels",
    "message.groups",
    "app_home_opened",
    "assistant_thread_started",
    "assistant_thread_context_changed",
}
#: The scope each subscribed event needs (app_home_opened needs none).
EVENT_SCOPES = {
    "app_mention": "app_mentions:read",
    "message.im": "im:history",
    "message.channels": "channels:history",
    "message.groups": "groups:history",
    "assistant_thread_started": "assistant:write",
    "assistant_thread_context_changed": "assistant:write",
}


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), path
    return data


@pytest.fixture(scope="module")
def http() -> dict[str, Any]:
    return load(HTTP_MANIFEST)


@pytest.fixture(scope="module")
def socket() -> dict[str, Any]:
    return load(SOCKET_MANIFEST)


def walk(node: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """Every (dotted path, value) pair in a loaded YAML tree."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from walk(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from walk(value, f"{path}[{i}]")
    else:
        yield path, node


URL_KEYS = ("url", "request_url", "redirect_urls")


def without_urls(node: Any) -> Any:
    """A copy with every URL-valued key removed."""
    if isinstance(node, dict):
        return {k: without_urls(v) for k, v in node.items() if k not in URL_KEYS}
    if isinstance(node, list):
        return [without_urls(v) for v in node]
    return copy.deepcopy(node)


def test_both_files_start_with_a_which_file_comment() -> None:
    for path in (HTTP_MANIFEST, SOCKET_MANIFEST):
        head = path.read_text(encoding="utf-8").splitlines()[:12]
        assert all(line.startswith("#") for line in head[:3]), path
        text = "\n".join(head)
        assert "slack-manifest.yaml" in text and "slack-manifest.socket.yaml" in text


@pytest.mark.parametrize("manifest_path", [HTTP_MANIFEST, SOCKET_MANIFEST], ids=["http", "socket"])
def test_essentials(manifest_path: Path) -> None:
    manifest = load(manifest_path)
    info = manifest["display_information"]
    assert info["name"] == "Explainer"
    assert 0 < len(info["description"]) <= 140

    features = manifest["features"]
    assert features["bot_user"] == {"display_name": "explainer", "always_online": True}
    assert features["app_home"] == {
        "home_tab_enabled": True,
        "messages_tab_enabled": True,
        "messages_tab_read_only_enabled": False,
    }
    [command] = features["slash_commands"]
    assert command["command"] == "/explainer"
    assert command["description"]
    assert command["usage_hint"] == "[what you're building] | help | history | forget"

    # Slack's manifest calls the side panel agent_view since 2026-06-30.
    assert "assistant_view" not in features
    assistant = features["agent_view"]
    assert set(assistant) == {"assistant_description", "suggested_prompts"}
    assert assistant["assistant_description"]
    prompts = assistant["suggested_prompts"]
    assert 1 <= len(prompts) <= 4
    for prompt in prompts:
        assert set(prompt) == {"title", "message"}
        assert prompt["title"].isascii() and prompt["message"].isascii()  # English

    assert set(manifest["oauth_config"]["scopes"]["bot"]) == EXPECTED_SCOPES
    assert len(manifest["oauth_config"]["scopes"]["bot"]) == len(EXPECTED_SCOPES)
    assert "user" not in manifest["oauth_config"]["scopes"]

    settings = manifest["settings"]
    events = settings["event_subscriptions"]["bot_events"]
    assert set(events) == EXPECTED_EVENTS and len(events) == len(EXPECTED_EVENTS)
    assert settings["interactivity"]["is_enabled"] is True
    assert settings["org_deploy_enabled"] is False
    assert settings["token_rotation_enabled"] is False


def test_every_event_has_its_scope_and_no_scope_is_spare(http: dict[str, Any]) -> None:
    scopes = set(http["oauth_config"]["scopes"]["bot"])
    for event in http["settings"]["event_subscriptions"]["bot_events"]:
        assert EVENT_SCOPES.get(event, "") in scopes | {""}, event
    assert "users:read" not in scopes
    assert "chat:write.public" not in scopes  # only channels the bot is in


def test_http_variant_points_everything_at_slack_events(http: dict[str, Any]) -> None:
    settings = http["settings"]
    assert settings["socket_mode_enabled"] is False
    urls = [
        http["features"]["slash_commands"][0]["url"],
        settings["event_subscriptions"]["request_url"],
        settings["interactivity"]["request_url"],
    ]
    for url in urls:
        assert url.startswith("https://")
        assert url.endswith("/slack/events")
    assert len(set(urls)) == 1


def test_socket_variant_has_no_urls(socket: dict[str, Any]) -> None:
    assert socket["settings"]["socket_mode_enabled"] is True
    for path, value in walk(socket):
        assert not path.split(".")[-1].endswith("url"), path
        assert not (isinstance(value, str) and "://" in value), path


def test_variants_differ_only_in_urls_and_socket_mode(
    http: dict[str, Any], socket: dict[str, Any]
) -> None:
    assert (
        http["settings"]["event_subscriptions"]["bot_events"]
        == (socket["settings"]["event_subscriptions"]["bot_events"])
    )
    stripped = without_urls(http)
    stripped["settings"]["socket_mode_enabled"] = True
    assert stripped == socket


def test_http_variant_declares_the_oauth_redirect_on_the_same_host(http: dict[str, Any]) -> None:
    [redirect] = http["oauth_config"]["redirect_urls"]
    assert redirect.startswith("https://")
    assert redirect.endswith("/slack/oauth_redirect")
    events_url = http["settings"]["event_subscriptions"]["request_url"]
    assert redirect.removesuffix("/slack/oauth_redirect") == events_url.removesuffix(
        "/slack/events"
    )


def test_mock_slack_reports_the_manifest_scopes(http: dict[str, Any]) -> None:
    assert set(MOCK_SCOPES.split(",")) == set(http["oauth_config"]["scopes"]["bot"])


@pytest.mark.parametrize("manifest_path", [HTTP_MANIFEST, SOCKET_MANIFEST], ids=["http", "socket"])
def test_manifest_scopes_are_what_the_oauth_install_asks_for(manifest_path: Path) -> None:
    scopes = load(manifest_path)["oauth_config"]["scopes"]["bot"]
    assert sorted(scopes) == sorted(BOT_SCOPES)
    assert set(BOT_SCOPES) == EXPECTED_SCOPES


def test_no_direct_message_scopes_the_bot_does_not_use() -> None:
    # It answers in DMs users opened (im:history, chat:write); it never opens or lists them.
    assert not {"im:read", "im:write"} & set(BOT_SCOPES)


@pytest.mark.parametrize("path", [HTTP_MANIFEST, SOCKET_MANIFEST], ids=["http", "socket"])
def test_the_message_shortcut_is_declared_with_the_callback_the_app_handles(path: Path) -> None:
    from bot.slack.app import SHORTCUT_CALLBACK

    [shortcut] = load(path)["features"]["shortcuts"]
    assert shortcut["type"] == "message" and shortcut["callback_id"] == SHORTCUT_CALLBACK
    assert 0 < len(shortcut["name"]) <= 25 and 0 < len(shortcut["description"]) <= 80
