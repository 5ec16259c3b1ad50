"""A local mock of the Slack Web API that speaks Slack's wire format.

The real ``slack_sdk`` (and so ``slack_bolt``) talks to it over HTTP on 127.0.0.1: point the
client's ``base_url`` (or the app's ``SLACK_API_URL``) at :attr:`MockSlack.url` and it posts to
``<url><method>`` exactly as it would to ``https://slack.com/api/``.

Two ways to run it::

    async with MockSlack() as slack:            # on the test's own event loop
        client = AsyncWebClient(token="xoxb-test", base_url=slack.url)
        ...

    slack = MockSlack()
    url = slack.start_in_thread()                # own loop in a background thread, e.g. for a
    try:                                         # subprocess that reads SLACK_API_URL
        ...
    finally:
        slack.stop()

What it does, like Slack:

* reads form-encoded, multipart and JSON bodies plus query-string arguments, and the
  ``Authorization: Bearer`` header; records every call in order as a :class:`Call` (JSON-string
  arguments such as ``blocks`` and ``metadata`` are decoded in ``Call.args``; ``Call.raw`` keeps
  them as sent);
* answers the methods Explainer and Bolt call — ``auth.test``, ``chat.postMessage``,
  ``chat.update``, ``chat.postEphemeral``, ``views.publish``, ``assistant.threads.setStatus``,
  ``assistant.threads.setSuggestedPrompts``, ``assistant.threads.setTitle``,
  ``conversations.replies``, ``conversations.history``, ``canvases.create``, ``files.info``,
  ``files.getUploadURLExternal``, ``files.completeUploadExternal`` and ``oauth.v2.access`` — and
  anything else with ``{"ok": false, "error": "unknown_method"}``. ``chat.startStream``,
  ``chat.appendStream`` and ``chat.stopStream`` (``chat_stream``) are not built in: a test that
  wants streaming scripts them with :meth:`MockSlack.on`; unscripted, they answer
  ``unknown_method`` and Explainer posts the finished answer instead;
* validates like Slack (``channel_not_found``, ``no_text``, ``msg_too_long``, ``invalid_blocks``
  with ``response_metadata.messages``, ``invalid_metadata_format``, ``not_authed``,
  ``invalid_auth``);
* keeps the messages it accepted (``chat.update`` edits them, ``conversations.replies`` reads
  them back);
* plays scripted faults (:meth:`MockSlack.fail_next`) and delays (:meth:`MockSlack.delay`);
* serves ``response_url`` endpoints (:meth:`MockSlack.response_url`) and the upload URLs that
  ``files.getUploadURLExternal`` hands out.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Final, Self

from aiohttp import web

from testkit.loopback import ThreadedServer

BOT_TOKEN: Final = "xoxb-test"
BOT_USER_ID: Final = "UBOT"
BOT_ID: Final = "BBOT"
APP_ID: Final = "A0EXPLAINER"
TEAM_ID: Final = "T1"
TEAM_NAME: Final = "Test Team"
TEAM_URL: Final = "https://t1.slack.com/"
#: The bot scopes ``oauth.v2.access`` reports: the ones in deploy/slack-manifest*.yaml.
BOT_SCOPES: Final = (
    "app_mentions:read,assistant:write,canvases:write,channels:history,chat:write,commands,"
    "files:read,files:write,groups:history,im:history"
)

#: Fault kinds :meth:`MockSlack.fail_next` knows besides plain Slack error strings.
FAULT_KINDS: Final = frozenset({"429", "500", "500_after_landing", "ratelimited_200", "disconnect"})

#: Arguments Slack takes as JSON strings in form bodies; decoded into objects in ``Call.args``.
JSON_ARGS: Final = frozenset({"blocks", "attachments", "metadata", "view", "prompts", "files"})

MESSAGE_METHODS: Final = ("chat.postMessage", "chat.update", "chat.postEphemeral")
RESPONSE_URL_METHOD: Final = "response_url"
UPLOAD_METHOD: Final = "upload"

_NO_AUTH_METHODS: Final = frozenset({"oauth.v2.access"})
_TS_BASE_SECONDS: Final = 1_700_000_000
_TS_STEP_MICROS: Final = 100
MAX_TEXT: Final = 40_000
MAX_MESSAGE_BLOCKS: Final = 50
MAX_VIEW_BLOCKS: Final = 100

Handler = Callable[["Call"], dict[str, Any]]
"""An override for one method: gets the recorded call, returns the JSON body (HTTP 200)."""


@dataclass
class Call:
    """One HTTP request the mock received, in arrival order.

    ``status`` and ``response`` are filled in when the mock answers (``None`` while it is still
    being answered, or when the fault was ``disconnect``).
    """

    method: str
    args: dict[str, Any]
    headers: dict[str, str]
    raw: dict[str, Any] = field(default_factory=dict)
    http_verb: str = "POST"
    body_format: str = "none"  # "json" | "form" | "multipart" | "bytes" | "none"
    token: str | None = None
    status: int | None = None
    response: Any = None
    fault: str | None = None
    landed: bool = False  # the call took effect (a message stored, edited, ...)

    @property
    def answered(self) -> bool:
        return self.status is not None

    @property
    def ok(self) -> bool:
        """Slack would call this a success: HTTP 200 and ``"ok": true``."""
        return (
            self.status == 200
            and isinstance(self.response, dict)
            and self.response.get("ok") is True
        )

    @property
    def understood_alone(self) -> bool:
        """A post that only says what was understood (its lines have menus to correct them),
        not one that asks the next question too (that one has the decide-now button)."""
        blocks = self.args.get("blocks") or []
        corrects = any((b.get("accessory") or {}).get("action_id") == "correct" for b in blocks)
        asks = any(
            e.get("action_id") == "decide_now" for b in blocks for e in b.get("elements") or []
        )
        return corrects and not asks

    @property
    def error(self) -> str | None:
        """The Slack error string answered, if any (``"ratelimited"`` for a 429)."""
        if isinstance(self.response, dict):
            err = self.response.get("error")
            return err if isinstance(err, str) else None
        return None

    def header(self, name: str) -> str | None:
        """A request header, case-insensitively."""
        low = name.lower()
        for key, value in self.headers.items():
            if key.lower() == low:
                return value
        return None


@dataclass
class Message:
    """A message the mock holds, as Slack would show it in ``conversations.replies``."""

    channel: str
    ts: str
    text: str
    user: str
    bot_id: str | None = None
    thread_ts: str | None = None
    blocks: list[dict[str, Any]] | None = None
    metadata: dict[str, Any] | None = None
    ephemeral_to: str | None = None
    edits: int = 0

    def to_slack(self, *, include_metadata: bool = True, reply_count: int = 0) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "message", "user": self.user, "text": self.text}
        if self.bot_id is not None:
            out.update(bot_id=self.bot_id, app_id=APP_ID)
        out.update(ts=self.ts, team=TEAM_ID)
        if self.blocks:
            out["blocks"] = self.blocks
        if self.thread_ts is not None:
            out["thread_ts"] = self.thread_ts
        elif reply_count:
            out.update(thread_ts=self.ts, reply_count=reply_count)
        if self.metadata is not None and include_metadata:
            out["metadata"] = self.metadata
        if self.edits:
            out["edited"] = {"user": self.user, "ts": self.ts}
        return out


@dataclass
class _Reply:
    status: int = 200
    body: Any = None  # dict -> JSON, str -> text/plain
    headers: dict[str, str] = field(default_factory=dict)
    disconnect: bool = False


def _ok(**body: Any) -> dict[str, Any]:
    return {"ok": True, **body}


def _err(error: str, *, messages: list[str] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"ok": False, "error": error}
    if messages:
        body["errors"] = list(messages)
        body["response_metadata"] = {"messages": list(messages)}
    return body


def _truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes"}
    return bool(value)


def _str_arg(args: dict[str, Any], name: str) -> str | None:
    value = args.get(name)
    if value is None:
        return None
    text = str(value)
    return text if text else None


def _ts_key(ts: str) -> tuple[int, int]:
    sec, _, frac = ts.partition(".")
    try:
        return int(sec), int(frac or 0)
    except ValueError:
        return 0, 0


def _decode_json_args(raw: dict[str, Any]) -> dict[str, Any]:
    args = dict(raw)
    for key in JSON_ARGS & args.keys():
        value = args[key]
        if isinstance(value, str):
            with contextlib.suppress(ValueError):
                args[key] = json.loads(value)
    return args


# ---------------------------------------------------------------------------------------------
# Block Kit validation (the limits Slack enforces; problems read like Slack's own messages)


def _check_text_object(
    obj: Any, pointer: str, max_len: int, *, plain_only: bool = False
) -> list[str]:
    if not isinstance(obj, dict):
        return [f"[ERROR] must be an object [json-pointer:{pointer}]"]
    kind = obj.get("type")
    allowed = ("plain_text",) if plain_only else ("plain_text", "mrkdwn")
    if kind not in allowed:
        return [f"[ERROR] must be one of {list(allowed)} [json-pointer:{pointer}/type]"]
    text = obj.get("text")
    if not isinstance(text, str):
        return [f"[ERROR] missing required field: text [json-pointer:{pointer}]"]
    if not text:
        return [f"[ERROR] must be more than 0 characters [json-pointer:{pointer}/text]"]
    if len(text) > max_len:
        return [f"[ERROR] must be less than {max_len + 1} characters [json-pointer:{pointer}/text]"]
    return []


def _check_element(element: Any, pointer: str, action_ids: set[str]) -> list[str]:
    if not isinstance(element, dict) or not isinstance(element.get("type"), str):
        return [f"[ERROR] missing required field: type [json-pointer:{pointer}]"]
    problems: list[str] = []
    action_id = element.get("action_id")
    if action_id is not None:
        if not isinstance(action_id, str) or len(action_id) > 255:
            problems.append(
                f"[ERROR] must be less than 256 characters [json-pointer:{pointer}/action_id]"
            )
        elif action_id in action_ids:
            problems.append(
                f"[ERROR] non-unique action_id '{action_id}' [json-pointer:{pointer}/action_id]"
            )
        else:
            action_ids.add(action_id)
    if element["type"] == "button":
        problems += _check_text_object(element.get("text"), f"{pointer}/text", 75, plain_only=True)
        value = element.get("value")
        if value is not None and (not isinstance(value, str) or len(value) > 2000):
            problems.append(
                f"[ERROR] must be less than 2001 characters [json-pointer:{pointer}/value]"
            )
        url = element.get("url")
        if url is not None and (not isinstance(url, str) or len(url) > 3000):
            problems.append(
                f"[ERROR] must be less than 3001 characters [json-pointer:{pointer}/url]"
            )
        style = element.get("style")
        if style is not None and style not in ("primary", "danger"):
            problems.append(
                f"[ERROR] must be one of ['primary', 'danger'] [json-pointer:{pointer}/style]"
            )
    if element["type"] == "overflow":
        options = element.get("options")
        if not isinstance(options, list) or not 2 <= len(options) <= 5:
            problems.append(f"[ERROR] must have 2 to 5 items [json-pointer:{pointer}/options]")
        else:
            for j, option in enumerate(options):
                problems += _check_option(option, f"{pointer}/options/{j}")
    return problems


def _check_option(option: Any, pointer: str) -> list[str]:
    if not isinstance(option, dict):
        return [f"[ERROR] must be an object [json-pointer:{pointer}]"]
    problems = _check_text_object(option.get("text"), f"{pointer}/text", 75, plain_only=True)
    value = option.get("value")
    if not isinstance(value, str) or not 1 <= len(value) <= 150:
        problems.append(f"[ERROR] must be 1 to 150 characters [json-pointer:{pointer}/value]")
    return problems


def check_blocks(
    blocks: Any, *, limit: int = MAX_MESSAGE_BLOCKS, pointer: str = "/blocks"
) -> list[str]:
    """Problems Slack would report for these blocks (empty when Slack would accept them)."""
    if not isinstance(blocks, list):
        return [f"[ERROR] must be an array [json-pointer:{pointer}]"]
    if len(blocks) > limit:
        return [f"[ERROR] no more than {limit} items allowed [json-pointer:{pointer}]"]
    problems: list[str] = []
    block_ids: set[str] = set()
    for i, block in enumerate(blocks):
        p = f"{pointer}/{i}"
        if not isinstance(block, dict) or not isinstance(block.get("type"), str):
            problems.append(f"[ERROR] missing required field: type [json-pointer:{p}]")
            continue
        block_id = block.get("block_id")
        if block_id is not None:
            if not isinstance(block_id, str) or not block_id or len(block_id) > 255:
                problems.append(f"[ERROR] must be 1 to 255 characters [json-pointer:{p}/block_id]")
            elif block_id in block_ids:
                problems.append(
                    f"[ERROR] non-unique block_id '{block_id}' [json-pointer:{p}/block_id]"
                )
            else:
                block_ids.add(block_id)
        action_ids: set[str] = set()
        kind = block["type"]
        if kind == "section":
            if "text" not in block and "fields" not in block:
                problems.append(f"[ERROR] must provide either text or fields [json-pointer:{p}]")
            if "text" in block:
                problems += _check_text_object(block["text"], f"{p}/text", 3000)
            if "fields" in block:
                fields = block["fields"]
                if not isinstance(fields, list) or not 1 <= len(fields) <= 10:
                    problems.append(f"[ERROR] must have 1 to 10 items [json-pointer:{p}/fields]")
                else:
                    for j, item in enumerate(fields):
                        problems += _check_text_object(item, f"{p}/fields/{j}", 2000)
            if "accessory" in block:
                problems += _check_element(block["accessory"], f"{p}/accessory", action_ids)
        elif kind == "header":
            problems += _check_text_object(block.get("text"), f"{p}/text", 150, plain_only=True)
        elif kind == "context":
            elements = block.get("elements")
            if not isinstance(elements, list) or not 1 <= len(elements) <= 10:
                problems.append(f"[ERROR] must have 1 to 10 items [json-pointer:{p}/elements]")
            else:
                for j, item in enumerate(elements):
                    if isinstance(item, dict) and item.get("type") == "image":
                        continue
                    problems += _check_text_object(item, f"{p}/elements/{j}", 3000)
        elif kind == "actions":
            elements = block.get("elements")
            if not isinstance(elements, list) or not 1 <= len(elements) <= 25:
                problems.append(f"[ERROR] must have 1 to 25 items [json-pointer:{p}/elements]")
            else:
                for j, item in enumerate(elements):
                    problems += _check_element(item, f"{p}/elements/{j}", action_ids)
    return problems


def _check_metadata(metadata: Any) -> bool:
    return (
        isinstance(metadata, dict)
        and isinstance(metadata.get("event_type"), str)
        and bool(metadata["event_type"])
        and isinstance(metadata.get("event_payload"), dict)
    )


# ---------------------------------------------------------------------------------------------
# Transcript rendering


def _plain(obj: Any) -> str:
    """The text of a text object (or of anything with a ``text``)."""
    if isinstance(obj, dict):
        text = obj.get("text")
        if isinstance(text, str):
            return text
        if isinstance(text, dict):
            return _plain(text)
    return ""


def _rich_text(obj: Any) -> str:
    if isinstance(obj, dict):
        if isinstance(obj.get("text"), str):
            return str(obj["text"])
        return "".join(_rich_text(e) for e in obj.get("elements", []) or [])
    if isinstance(obj, list):
        return "".join(_rich_text(e) for e in obj)
    return ""


def _element_label(element: Any) -> str:
    if not isinstance(element, dict):
        return "?"
    label = _plain(element.get("text")) or _plain(element.get("placeholder"))
    return label or str(element.get("type", "?"))


def block_lines(blocks: Any) -> list[str]:
    """Readable one-per-block lines: ``header: ...``, ``section: ...``, ``buttons: A | B``."""
    lines: list[str] = []
    if not isinstance(blocks, list):
        return lines
    for block in blocks:
        if not isinstance(block, dict):
            continue
        kind = block.get("type")
        if kind == "header":
            lines.append(f"header: {_plain(block.get('text'))}")
        elif kind == "section":
            if "text" in block:
                lines.append(f"section: {_plain(block.get('text'))}")
            for item in block.get("fields", []) or []:
                lines.append(f"field: {_plain(item)}")
            accessory = block.get("accessory")
            if isinstance(accessory, dict):
                lines.append(f"buttons: {_element_label(accessory)}")
        elif kind == "context":
            parts = [
                _plain(e) or str(e.get("alt_text", ""))
                for e in block.get("elements", []) or []
                if isinstance(e, dict)
            ]
            lines.append(f"context: {' · '.join(p for p in parts if p)}")
        elif kind == "actions":
            labels = [_element_label(e) for e in block.get("elements", []) or []]
            lines.append(f"buttons: {' | '.join(labels)}")
        elif kind == "divider":
            lines.append("---")
        elif kind == "image":
            lines.append(f"image: {block.get('alt_text', '')}")
        elif kind == "rich_text":
            lines.append(f"rich_text: {_rich_text(block)}")
        elif kind == "markdown":
            lines.append(f"markdown: {block.get('text', '')}")
        else:
            lines.append(f"{kind}: {_plain(block.get('text')) or _plain(block.get('label'))}")
    return lines


def _indent(label: str, text: str) -> list[str]:
    first, *rest = text.split("\n") if text else [""]
    return [f"    {label}{first}", *(f"    {' ' * len(label)}{line}" for line in rest)]


# ---------------------------------------------------------------------------------------------


class MockSlack(ThreadedServer):
    """A Slack Web API on 127.0.0.1 for tests. See the module docstring."""

    def __init__(
        self,
        *,
        tokens: Iterable[str] | None = None,
        retry_after: int = 1,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        """``tokens``: the tokens Slack accepts (default: any ``xox...`` token); ``retry_after``:
        the ``Retry-After`` seconds a scripted 429 carries."""
        self._valid_tokens: set[str] | None = set(tokens) if tokens is not None else None
        self.retry_after = retry_after
        self._host = host
        self._want_port = port
        self._port: int | None = None
        self._lock = threading.RLock()
        self._calls: list[Call] = []
        self._messages: dict[tuple[str, str], Message] = {}
        self._faults: dict[str, deque[str]] = {}
        self._delays: dict[str, float] = {}
        self._overrides: dict[str, Handler] = {}
        self._home_views: dict[str, dict[str, Any]] = {}
        self._uploads: dict[str, bytes] = {}
        self.canvases: dict[str, dict[str, Any]] = {}
        self._counter = 0
        self._ids = 0
        self._runner: web.AppRunner | None = None
        self._thread: threading.Thread | None = None
        self._thread_loop: asyncio.AbstractEventLoop | None = None
        self._builtins: dict[str, Callable[[Call], dict[str, Any]]] = {
            "auth.test": self._auth_test,
            "chat.postMessage": self._chat_post_message,
            "chat.update": self._chat_update,
            "chat.postEphemeral": self._chat_post_ephemeral,
            "views.publish": self._views_publish,
            "assistant.threads.setStatus": self._assistant_set_status,
            "assistant.threads.setSuggestedPrompts": self._assistant_set_prompts,
            "assistant.threads.setTitle": self._assistant_set_title,
            "conversations.replies": self._conversations_replies,
            "conversations.history": self._conversations_history,
            "files.info": self._files_info,
            "canvases.create": self._canvases_create,
            "files.getUploadURLExternal": self._files_get_upload_url,
            "files.completeUploadExternal": self._files_complete_upload,
            "oauth.v2.access": self._oauth_v2_access,
        }

    # -- lifecycle ------------------------------------------------------------------------------

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("MockSlack is not running")
        return self._port

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>`` (no trailing slash)."""
        return f"http://{self._host}:{self.port}"

    @property
    def url(self) -> str:
        """The Web API base URL, ``http://127.0.0.1:<port>/api/``: the sdk posts to url+method."""
        return f"{self.base_url}/api/"

    def response_url(self, key: str = "r") -> str:
        """A ``response_url`` for a slash command or interaction payload; posts to it are
        recorded as calls to method ``"response_url"`` with ``args["_key"] == key``."""
        return f"{self.base_url}/response/{key}"

    async def start(self) -> str:
        """Start serving on the running loop; returns :attr:`url`."""
        if self._runner is not None:
            raise RuntimeError("MockSlack is already running")
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/api/{method}", self._handle_api)
        app.router.add_route("POST", "/response/{key}", self._handle_response_url)
        app.router.add_route("POST", "/upload/{file_id}", self._handle_upload)
        runner = web.AppRunner(
            app, access_log=None, handler_cancellation=True, shutdown_timeout=0.5
        )
        await runner.setup()
        site = web.TCPSite(runner, self._host, self._want_port)
        await site.start()
        self._runner = runner
        self._port = int(runner.addresses[0][1])
        return self.url

    async def aclose(self) -> None:
        """Stop serving (the recorded calls stay readable)."""
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()

    def __enter__(self) -> Self:
        self.start_in_thread()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- scripting ------------------------------------------------------------------------------

    def fail_next(self, method: str, kind: str, count: int = 1) -> None:
        """Make the next ``count`` calls to ``method`` fail.

        ``kind``: ``"429"`` (HTTP 429, ``Retry-After``, ``{"ok": false, "error": "ratelimited"}``),
        ``"500"`` (HTTP 500, text ``internal error``), ``"500_after_landing"`` (the call takes
        effect — a message is stored and gets its ts — but the answer is HTTP 500),
        ``"ratelimited_200"`` (HTTP 200 ``ratelimited``), ``"disconnect"`` (the connection is
        closed without an answer), or any Slack error string, answered as
        ``{"ok": false, "error": kind}`` with HTTP 200. Faults queue up in order per method.
        """
        if count < 1:
            raise ValueError("count must be >= 1")
        if not kind:
            raise ValueError("kind must be a fault kind or a Slack error string")
        with self._lock:
            self._faults.setdefault(method, deque()).extend([kind] * count)

    def delay(self, method: str, seconds: float | None) -> None:
        """Hold every answer to ``method`` for ``seconds`` (after it took effect); ``None`` or 0
        clears it."""
        with self._lock:
            if seconds:
                self._delays[method] = float(seconds)
            else:
                self._delays.pop(method, None)

    def on(self, method: str, handler: Handler | None) -> None:
        """Answer ``method`` with ``handler(call)`` (a JSON body, HTTP 200) instead of the built-in
        answer, after the auth check; ``None`` restores the built-in. Also makes an unknown
        method known."""
        with self._lock:
            if handler is None:
                self._overrides.pop(method, None)
            else:
                self._overrides[method] = handler

    def add_message(
        self,
        channel: str,
        text: str,
        *,
        user: str = "U1",
        ts: str | None = None,
        thread_ts: str | None = None,
    ) -> Message:
        """Seed a message someone else posted (so ``conversations.replies`` and
        ``conversations.history`` see it); returns it with its ts."""
        with self._lock:
            message = Message(
                channel=channel, ts=ts or self._next_ts(), text=text, user=user, thread_ts=thread_ts
            )
            self._messages[(channel, message.ts)] = message
            return message

    def reset(self) -> None:
        """Forget every call, message, view, upload, fault, delay and override."""
        with self._lock:
            self._calls.clear()
            self._messages.clear()
            self._faults.clear()
            self._delays.clear()
            self._overrides.clear()
            self._home_views.clear()
            self._uploads.clear()
            self.canvases.clear()

    # -- inspection -----------------------------------------------------------------------------

    @property
    def calls(self) -> list[Call]:
        """Every call so far, in arrival order (a copy of the list)."""
        with self._lock:
            return list(self._calls)

    def calls_to(self, method: str) -> list[Call]:
        """The calls to one method, in order (failed attempts included)."""
        return [c for c in self.calls if c.method == method]

    def messages(
        self,
        channel: str | None = None,
        *,
        thread_ts: str | None = None,
        include_ephemeral: bool = False,
    ) -> list[Message]:
        """The messages held now (after edits), in ts order. ``thread_ts`` selects a
        thread (its root and its replies)."""
        with self._lock:
            found = [
                m
                for m in self._messages.values()
                if (channel is None or m.channel == channel)
                and (include_ephemeral or m.ephemeral_to is None)
                and (thread_ts is None or m.ts == thread_ts or m.thread_ts == thread_ts)
            ]
        return sorted(found, key=lambda m: _ts_key(m.ts))

    def message(self, channel: str, ts: str) -> Message | None:
        with self._lock:
            return self._messages.get((channel, ts))

    def home_view(self, user_id: str) -> dict[str, Any] | None:
        """The App Home view last published for a user."""
        with self._lock:
            return self._home_views.get(user_id)

    def upload(self, file_id: str) -> bytes | None:
        """The bytes uploaded to a ``files.getUploadURLExternal`` URL."""
        with self._lock:
            return self._uploads.get(file_id)

    async def wait_for(
        self,
        method: str,
        *,
        count: int = 1,
        where: Callable[[Call], bool] | None = None,
        timeout: float = 10.0,  # noqa: ASYNC109 -- a polling deadline, as in wait_for_sync
    ) -> list[Call]:
        """Wait (on the running loop) until ``count`` answered calls to ``method`` match
        ``where``; returns them. Raises ``TimeoutError`` listing the calls seen."""
        deadline = time.monotonic() + timeout
        while True:
            found = self._matching(method, where)
            if len(found) >= count:
                return found
            if time.monotonic() >= deadline:
                raise TimeoutError(self._timeout_message(method, count, found))
            await asyncio.sleep(0.02)

    def wait_for_sync(
        self,
        method: str,
        *,
        count: int = 1,
        where: Callable[[Call], bool] | None = None,
        timeout: float = 10.0,
    ) -> list[Call]:
        """:meth:`wait_for` for a server started with :meth:`start_in_thread` (blocks)."""
        deadline = time.monotonic() + timeout
        while True:
            found = self._matching(method, where)
            if len(found) >= count:
                return found
            if time.monotonic() >= deadline:
                raise TimeoutError(self._timeout_message(method, count, found))
            time.sleep(0.02)

    def _matching(self, method: str, where: Callable[[Call], bool] | None) -> list[Call]:
        return [c for c in self.calls_to(method) if c.answered and (where is None or where(c))]

    def _timeout_message(self, method: str, count: int, found: list[Call]) -> str:
        seen = ", ".join(f"{c.method}:{c.status}:{c.error or 'ok'}" for c in self.calls) or "none"
        return f"waited for {count} x {method}, matched {len(found)}; calls seen: {seen}"

    def transcript(self, *, include_failed: bool = False) -> list[str]:
        """The messages posted (``chat.postMessage``, ``chat.update``, ``chat.postEphemeral``,
        ``response_url``) as readable lines, in call order: a heading per call (method, channel,
        thread, ts), then the text, each block's plain text and button labels, and the
        metadata. Print with ``print("\\n".join(slack.transcript()))``."""
        lines: list[str] = []
        for call in self.calls:
            if call.method not in (*MESSAGE_METHODS, RESPONSE_URL_METHOD):
                continue
            if not call.landed and not include_failed:
                continue
            lines.extend(self._transcript_entry(call))
        return lines

    def _transcript_entry(self, call: Call) -> list[str]:
        args = call.args
        head = [f"[{call.method}]"]
        if call.method == RESPONSE_URL_METHOD:
            head.append(str(args.get("_key", "")))
            for flag in ("response_type", "replace_original", "delete_original"):
                if flag in args:
                    head.append(f"{flag}={args[flag]}")
        else:
            head.append(str(args.get("channel", "?")))
            if call.method == "chat.postEphemeral":
                head.append(f"to={args.get('user', '?')}")
            thread = args.get("thread_ts")
            if thread:
                head.append(f"thread={thread}")
            ts = args.get("ts")
            if isinstance(call.response, dict):
                ts = call.response.get("ts") or call.response.get("message_ts") or ts
            if ts:
                head.append(f"ts={ts}")
        if not call.landed:
            status = f"HTTP {call.status}" if call.answered else "no answer"
            head.append(f"✗ {status} {call.error or call.fault or ''}".rstrip())
        elif call.status != 200:
            head.append(f"(landed; answered HTTP {call.status})")
        out = [" ".join(head)]
        if "text" in args:
            out += _indent("text: ", str(args.get("text") or ""))
        for line in block_lines(args.get("blocks")):
            out += _indent("", line)
        metadata = args.get("metadata")
        if isinstance(metadata, dict):
            payload = json.dumps(metadata.get("event_payload"), ensure_ascii=False, sort_keys=True)
            out.append(f"    metadata: {metadata.get('event_type')} {payload}")
        return out

    # -- HTTP -----------------------------------------------------------------------------------

    async def _read_args(self, request: web.Request) -> tuple[dict[str, Any], str, str | None]:
        """(args, body format, token) from the query string and the body."""
        raw: dict[str, Any] = {k: v for k, v in request.query.items()}
        token = raw.get("token")
        body_format = "none"
        if request.can_read_body:
            ctype = request.content_type
            if ctype == "application/json":
                body_format = "json"
                try:
                    body = await request.json()
                except ValueError:
                    body = None
                if not isinstance(body, dict):
                    raise _InvalidJson
                raw.update(body)  # a token inside a JSON body is not read, as on Slack
            elif ctype in ("application/x-www-form-urlencoded", "multipart/form-data"):
                body_format = "form" if ctype.startswith("application") else "multipart"
                form = await request.post()
                for key, value in form.items():
                    if isinstance(value, web.FileField):
                        raw[key] = {
                            "filename": value.filename,
                            "content_type": value.content_type,
                            "content": value.file.read(),
                        }
                    else:
                        raw[key] = value
                if isinstance(form.get("token"), str):
                    token = str(form["token"])
            else:
                body_format = "bytes"
                raw["_body"] = await request.read()
        auth = request.headers.get("Authorization", "")
        if auth.startswith("Bearer "):
            token = auth[len("Bearer ") :].strip() or None
        return raw, body_format, token

    async def _record(
        self, request: web.Request, method: str, extra: dict[str, Any] | None = None
    ) -> tuple[Call, float, bool]:
        """Read and record one call; pops its scripted fault. Returns (call, delay, bad JSON)."""
        try:
            raw, body_format, token = await self._read_args(request)
            invalid_json = False
        except _InvalidJson:
            raw, body_format, token, invalid_json = {}, "json", None, True
        raw.update(extra or {})
        call = Call(
            method=method,
            args=_decode_json_args(raw),
            headers=dict(request.headers),
            raw=raw,
            http_verb=request.method,
            body_format=body_format,
            token=token,
        )
        with self._lock:
            self._calls.append(call)
            queue = self._faults.get(method)
            call.fault = queue.popleft() if queue else None
            delay = self._delays.get(method, 0.0)
        return call, delay, invalid_json

    async def _handle_api(self, request: web.Request) -> web.StreamResponse:
        call, delay, invalid_json = await self._record(request, request.match_info["method"])
        reply = _Reply(body=_err("invalid_json")) if invalid_json else self._answer(call)
        return await self._send(request, call, reply, delay)

    async def _send(
        self, request: web.Request, call: Call, reply: _Reply, delay: float
    ) -> web.StreamResponse:
        if delay:
            await asyncio.sleep(delay)
        if reply.disconnect:
            if request.transport is not None:
                request.transport.close()
            raise asyncio.CancelledError
        call.status, call.response = reply.status, reply.body
        if isinstance(reply.body, dict):
            return web.json_response(reply.body, status=reply.status, headers=reply.headers)
        return web.Response(text=str(reply.body), status=reply.status, headers=reply.headers)

    def _fault_reply(self, fault: str | None) -> _Reply | None:
        """The answer a scripted fault gives instead of the real one (None: answer for real)."""
        if fault is None or fault == "500_after_landing":
            return None
        if fault == "429":
            return _Reply(
                status=429,
                body=_err("ratelimited"),
                headers={"Retry-After": str(self.retry_after)},
            )
        if fault == "500":
            return _Reply(status=500, body="internal error")
        if fault == "ratelimited_200":
            return _Reply(body=_err("ratelimited"))
        if fault == "disconnect":
            return _Reply(disconnect=True)
        return _Reply(body=_err(fault))

    def _answer(self, call: Call) -> _Reply:
        faulted = self._fault_reply(call.fault)
        if faulted is not None:
            return faulted
        with self._lock:
            handler = self._overrides.get(call.method) or self._builtins.get(call.method)
        if handler is None:
            body = _err("unknown_method")
        elif call.method not in _NO_AUTH_METHODS and (problem := self._auth_problem(call)):
            body = _err(problem)
        else:
            body = handler(call)
            call.landed = body.get("ok") is True
        if call.fault == "500_after_landing":
            return _Reply(status=500, body="internal error")
        return _Reply(body=body)

    def _auth_problem(self, call: Call) -> str | None:
        token = call.token
        if not token:
            return "not_authed"
        with self._lock:
            valid = token in self._valid_tokens if self._valid_tokens is not None else None
        if valid is None:
            valid = token.startswith("xox")
        return None if valid else "invalid_auth"

    async def _handle_response_url(self, request: web.Request) -> web.StreamResponse:
        call, delay, _ = await self._record(
            request, RESPONSE_URL_METHOD, {"_key": request.match_info["key"]}
        )
        reply = self._fault_reply(call.fault)
        if reply is None:
            call.landed = True
            reply = _Reply(body=_ok())
            if call.fault == "500_after_landing":
                reply = _Reply(status=500, body="internal error")
        return await self._send(request, call, reply, delay)

    async def _handle_upload(self, request: web.Request) -> web.StreamResponse:
        data = await request.read()
        file_id = request.match_info["file_id"]
        call = Call(
            method=UPLOAD_METHOD,
            args={"file_id": file_id, "size": len(data)},
            headers=dict(request.headers),
            raw={"_body": data},
            body_format="bytes",
        )
        with self._lock:
            self._calls.append(call)
            self._uploads[file_id] = data
            call.landed = True
        return await self._send(request, call, _Reply(body=f"OK - {len(data)}"), 0.0)

    # -- the methods ----------------------------------------------------------------------------

    def _next_ts(self) -> str:
        with self._lock:
            self._counter += 1
            micros = self._counter * _TS_STEP_MICROS
        return f"{_TS_BASE_SECONDS + micros // 1_000_000}.{micros % 1_000_000:06d}"

    def _next_id(self, prefix: str) -> str:
        with self._lock:
            self._ids += 1
            return f"{prefix}{self._ids:08d}"

    def _auth_test(self, call: Call) -> dict[str, Any]:
        return _ok(
            url=TEAM_URL,
            team=TEAM_NAME,
            user="explainer",
            team_id=TEAM_ID,
            user_id=BOT_USER_ID,
            bot_id=BOT_ID,
            is_enterprise_install=False,
        )

    @staticmethod
    def _message_problem(
        args: dict[str, Any], *, require_content: bool = True
    ) -> dict[str, Any] | None:
        text = args.get("text")
        blocks = args.get("blocks")
        if require_content and not text and not blocks and not args.get("attachments"):
            return _err("no_text")
        if text is not None and len(str(text)) > MAX_TEXT:
            return _err("msg_too_long")
        if "blocks" in args and blocks not in (None, "", []):
            problems = check_blocks(blocks)
            if problems:
                return _err("invalid_blocks", messages=problems)
        if (
            "metadata" in args
            and args["metadata"] not in (None, "")
            and not _check_metadata(args["metadata"])
        ):
            return _err("invalid_metadata_format")
        return None

    def _chat_post_message(self, call: Call) -> dict[str, Any]:
        args = call.args
        channel = _str_arg(args, "channel")
        if channel is None:
            return _err("channel_not_found")
        problem = self._message_problem(args)
        if problem is not None:
            return problem
        message = _bot_message(
            channel,
            self._next_ts(),
            args,
            metadata=args.get("metadata") or None,
        )
        with self._lock:
            self._messages[(channel, message.ts)] = message
        return _ok(channel=channel, ts=message.ts, message=message.to_slack())

    def _chat_update(self, call: Call) -> dict[str, Any]:
        args = call.args
        channel = _str_arg(args, "channel")
        if channel is None:
            return _err("channel_not_found")
        ts = _str_arg(args, "ts")
        with self._lock:
            message = self._messages.get((channel, ts)) if ts else None
        if message is None or message.ephemeral_to is not None:
            return _err("message_not_found")
        if message.bot_id is None:
            return _err("cant_update_message")
        problem = self._message_problem(args, require_content=False)
        if problem is not None:
            return problem
        if not args.get("text") and not args.get("blocks") and not message.blocks:
            return _err("no_text")
        with self._lock:
            if "text" in args:
                message.text = str(args.get("text") or "")
            if "blocks" in args:
                message.blocks = args.get("blocks") or None
            if args.get("metadata"):
                message.metadata = args["metadata"]
            message.edits += 1
        return _ok(channel=channel, ts=message.ts, text=message.text, message=message.to_slack())

    def _chat_post_ephemeral(self, call: Call) -> dict[str, Any]:
        args = call.args
        channel = _str_arg(args, "channel")
        if channel is None:
            return _err("channel_not_found")
        user = _str_arg(args, "user")
        if user is None:
            return _err("user_not_in_channel")
        problem = self._message_problem(args)
        if problem is not None:
            return problem
        message = _bot_message(
            channel,
            self._next_ts(),
            args,
            ephemeral_to=user,
        )
        with self._lock:
            self._messages[(channel, message.ts)] = message
        return _ok(message_ts=message.ts)

    def _view_body(self, view: dict[str, Any], view_id: str) -> dict[str, Any]:
        return {
            "id": view_id,
            "team_id": TEAM_ID,
            "app_id": APP_ID,
            "bot_id": BOT_ID,
            "hash": f"{int(time.time())}.{view_id}",
            "private_metadata": "",
            "callback_id": "",
            "external_id": "",
            "state": {"values": {}},
            **view,
        }

    @staticmethod
    def _home_view_problem(view: Any) -> dict[str, Any] | None:
        if not isinstance(view, dict) or view.get("type") != "home":
            return _err(
                "invalid_arguments",
                messages=["[ERROR] invalid view type [json-pointer:/view/type]"],
            )
        problems = check_blocks(view.get("blocks"), limit=MAX_VIEW_BLOCKS, pointer="/view/blocks")
        if problems:
            return _err("invalid_arguments", messages=problems)
        return None

    def _views_publish(self, call: Call) -> dict[str, Any]:
        user_id = _str_arg(call.args, "user_id")
        if user_id is None:
            return _err("invalid_arguments")
        view = call.args.get("view")
        problem = self._home_view_problem(view)
        if problem is not None:
            return problem
        assert isinstance(view, dict)
        body = self._view_body(view, self._next_id("V"))
        with self._lock:
            self._home_views[user_id] = body
        return _ok(view=body)

    @staticmethod
    def _assistant_problem(args: dict[str, Any], *required: str) -> dict[str, Any] | None:
        if _str_arg(args, "channel_id") is None:
            return _err("channel_not_found")
        for name in ("thread_ts", *required):
            if args.get(name) is None:
                return _err("invalid_arguments")
        return None

    def _assistant_set_status(self, call: Call) -> dict[str, Any]:
        return self._assistant_problem(call.args, "status") or _ok()

    def _assistant_set_title(self, call: Call) -> dict[str, Any]:
        return self._assistant_problem(call.args, "title") or _ok()

    def _assistant_set_prompts(self, call: Call) -> dict[str, Any]:
        problem = self._assistant_problem(call.args, "prompts")
        if problem is not None:
            return problem
        prompts = call.args["prompts"]
        if (
            not isinstance(prompts, list)
            or not 1 <= len(prompts) <= 4
            or not all(isinstance(p, dict) and p.get("title") and p.get("message") for p in prompts)
        ):
            return _err("invalid_arguments")
        return _ok()

    def _conversations_replies(self, call: Call) -> dict[str, Any]:
        channel = _str_arg(call.args, "channel")
        if channel is None:
            return _err("channel_not_found")
        ts = _str_arg(call.args, "ts")
        if ts is None:
            return _err("invalid_arguments")
        found = self.messages(channel, thread_ts=ts)
        if not found:
            return _err("thread_not_found")
        include_metadata = _truthy(call.args.get("include_all_metadata"))
        replies = sum(1 for m in found if m.ts != ts)
        out = [
            m.to_slack(include_metadata=include_metadata, reply_count=replies if m.ts == ts else 0)
            for m in found
        ]
        limit = int(call.args.get("limit") or 1000)
        return _ok(messages=out[:limit], has_more=len(out) > limit)

    def _conversations_history(self, call: Call) -> dict[str, Any]:
        channel = _str_arg(call.args, "channel")
        if channel is None:
            return _err("channel_not_found")
        include_metadata = _truthy(call.args.get("include_all_metadata"))
        everything = self.messages(channel)
        tops = [m for m in everything if m.thread_ts is None or m.thread_ts == m.ts]
        out = [
            m.to_slack(
                include_metadata=include_metadata,
                reply_count=sum(1 for r in everything if r.thread_ts == m.ts and r.ts != m.ts),
            )
            for m in reversed(tops)
        ]
        limit = int(call.args.get("limit") or 100)
        return _ok(messages=out[:limit], has_more=len(out) > limit)

    def _canvases_create(self, call: Call) -> dict[str, Any]:
        content = call.args.get("document_content")
        if content is not None and (
            not isinstance(content, dict)
            or content.get("type") != "markdown"
            or not isinstance(content.get("markdown"), str)
        ):
            return _err("invalid_arguments")
        canvas_id = self._next_id("F")
        with self._lock:
            self.canvases[canvas_id] = {
                "title": call.args.get("title") or "",
                "markdown": (content or {}).get("markdown", ""),
                "channel_id": call.args.get("channel_id") or "",
            }
        return _ok(canvas_id=canvas_id)

    def _files_info(self, call: Call) -> dict[str, Any]:
        file_id = _str_arg(call.args, "file")
        if file_id is None or file_id not in self.canvases:
            return _err("file_not_found")
        title = self.canvases[file_id]["title"]
        link = f"{TEAM_URL}docs/{TEAM_ID}/{file_id}"
        return _ok(file={"id": file_id, "title": title, "filetype": "quip", "permalink": link})

    def _files_get_upload_url(self, call: Call) -> dict[str, Any]:
        if _str_arg(call.args, "filename") is None or _str_arg(call.args, "length") is None:
            return _err("invalid_arguments")
        file_id = self._next_id("F")
        return _ok(upload_url=f"{self.base_url}/upload/{file_id}", file_id=file_id)

    def _files_complete_upload(self, call: Call) -> dict[str, Any]:
        files = call.args.get("files")
        if not isinstance(files, list) or not files:
            return _err("invalid_arguments")
        out = [
            {"id": f.get("id"), "title": f.get("title") or f.get("id"), "name": f.get("title")}
            for f in files
            if isinstance(f, dict)
        ]
        return _ok(files=out)

    def _oauth_v2_access(self, call: Call) -> dict[str, Any]:
        basic = (call.header("Authorization") or "").startswith("Basic ")
        if not basic and not (call.args.get("client_id") and call.args.get("client_secret")):
            return _err("invalid_client_id")
        if not call.args.get("code") and not call.args.get("refresh_token"):
            return _err("invalid_code")
        with self._lock:
            if self._valid_tokens is not None:
                self._valid_tokens.add(BOT_TOKEN)
        return _ok(
            app_id=APP_ID,
            authed_user={"id": "U1"},
            scope=BOT_SCOPES,
            token_type="bot",
            access_token=BOT_TOKEN,
            bot_user_id=BOT_USER_ID,
            team={"id": TEAM_ID, "name": TEAM_NAME},
            enterprise=None,
            is_enterprise_install=False,
        )


class _InvalidJson(Exception):
    """The request body claimed JSON but was not a JSON object."""


def _bot_message(channel: str, ts: str, args: dict[str, Any], **extra: Any) -> Message:
    """A message the bot posted, from chat.postMessage / postEphemeral arguments."""
    return Message(
        channel=channel,
        ts=ts,
        text=str(args.get("text") or ""),
        user=BOT_USER_ID,
        bot_id=BOT_ID,
        thread_ts=_str_arg(args, "thread_ts"),
        blocks=args.get("blocks") or None,
        **extra,
    )
