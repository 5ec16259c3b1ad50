"""Everything the bot sends to Slack, behind one small seam (``SlackApi``).

Handlers call a ``SlackPoster``; the poster calls ``SlackApi.api_call`` and ``chat_stream``, which
``AsyncWebClient`` provides and a fake client in the tests provides too.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from slack_sdk.errors import SlackApiError
from slack_sdk.webhook.async_client import AsyncWebhookClient

from bot.core.state import Place
from bot.metrics import Metrics
from bot.slack import blocks as b

log = logging.getLogger(__name__)

# Errors after which posting the same blocks again cannot succeed.
_PLAIN_FALLBACK_ERRORS = frozenset({"msg_too_long", "invalid_blocks", "invalid_metadata_format"})
# Marks a message as the n-th reply of one unit of work, so a retry can see what already landed.
TAG_EVENT = "explainer_reply"
# A stream's text is sent in pieces of at least this many characters (chat.appendStream is
# rate limited; the model's deltas are a few characters each).
STREAM_BUFFER = 256
_SCAN_LIMIT = 100


class Tokens(Protocol):
    """The installed bot's token for a workspace (and its Enterprise Grid org, if any)."""

    def __call__(self, team: str, enterprise: str = "") -> Awaitable[str | None]: ...


Respond = Callable[[str, dict[str, Any]], Awaitable[None]]


class SlackApi(Protocol):
    """The part of ``AsyncWebClient`` the bot uses."""

    async def api_call(self, api_method: str, *, json: dict[str, Any] | None = None) -> Any: ...

    async def chat_stream(
        self,
        *,
        buffer_size: int = ...,
        channel: str,
        thread_ts: str,
        recipient_team_id: str | None = None,
        recipient_user_id: str | None = None,
        **kwargs: Any,
    ) -> Any: ...

    async def files_upload_v2(
        self,
        *,
        filename: str | None = None,
        content: str | bytes | None = None,
        title: str | None = None,
        channel: str | None = None,
        thread_ts: str | None = None,
        **kwargs: Any,
    ) -> Any: ...


async def _webhook(url: str, body: dict[str, Any]) -> None:
    await AsyncWebhookClient(url).send_dict(body)


def error_code(exc: SlackApiError) -> str:
    """Slack's error code; "" when the answer was not JSON (a proxy's or server's 5xx page)."""
    data = exc.response.data
    return str(data.get("error", "")) if isinstance(data, dict) else ""


class SlackPoster:
    def __init__(
        self,
        api: SlackApi,
        *,
        metrics: Metrics | None = None,
        tokens: Tokens | None = None,
        respond: Respond = _webhook,
    ) -> None:
        self._api = api
        self._metrics = metrics or Metrics()
        self._tokens = tokens
        self._respond = respond

    async def auth(self, team: str, enterprise: str = "") -> dict[str, Any]:
        """The bot token for a workspace installed through OAuth (else the client's own)."""
        token = await self._tokens(team, enterprise) if self._tokens is not None else None
        return {"token": token} if token else {}

    async def _send(self, method: str, place: Place, body: dict[str, Any]) -> dict[str, Any]:
        resp = await self._api.api_call(
            method, json={**body, **await self.auth(place.team, place.enterprise)}
        )
        data = getattr(resp, "data", resp)
        return data if isinstance(data, dict) else {}

    async def post(self, place: Place, msg: b.SlackMessage, *, tag: str = "") -> str | None:
        """Post in the place's thread; on a shape error, fall back to plain text once.

        ``tag`` marks the message (in its metadata) as one reply of one unit of work.
        """
        body: dict[str, Any] = {
            "channel": place.channel,
            "text": msg.text,
            "blocks": msg.blocks,
            "unfurl_links": False,
            "unfurl_media": False,
        }
        if place.thread_ts:
            body["thread_ts"] = place.thread_ts
        metadata = _tagged(msg.metadata, tag)
        if metadata:
            body["metadata"] = metadata
        try:
            data = await self._send("chat.postMessage", place, body)
        except SlackApiError as exc:
            error = error_code(exc) or f"http_{exc.response.status_code}"
            self._metrics.slack_errors.labels("chat.postMessage", error).inc()
            if exc.response.status_code >= 500:
                # The message may well have landed; posting again could duplicate it.
                log.warning("chat.postMessage answered %d; not retried", exc.response.status_code)
                return None
            if error not in _PLAIN_FALLBACK_ERRORS:
                raise
            log.warning("chat.postMessage rejected (%s); posting plain text", error)
            body.pop("blocks")
            body["text"] = b.clip(msg.text, 3000)
            if error == "invalid_metadata_format":
                body.pop("metadata", None)
            data = await self._send("chat.postMessage", place, body)
        return str(data.get("ts") or "") or None

    async def tags_since(self, place: Place, oldest: float) -> dict[str, str]:
        """Tags of the bot's messages in the place's thread (or channel) since ``oldest``, with
        their ts: what an interrupted attempt already posted."""
        args: dict[str, Any] = {
            "channel": place.channel,
            "oldest": f"{max(oldest, 0.0):.6f}",
            "include_all_metadata": True,
            "limit": _SCAN_LIMIT,
        }
        method = "conversations.history"
        if place.thread_ts:
            method, args["ts"] = "conversations.replies", place.thread_ts
        try:
            data = await self._send(method, place, args)
        except SlackApiError as exc:
            log.info("%s failed: %s", method, error_code(exc))
            return {}
        found: dict[str, str] = {}
        for m in data.get("messages") or []:
            meta = m.get("metadata") if isinstance(m, dict) else None
            tag = (
                (meta or {}).get("event_payload", {}).get("tag") if isinstance(meta, dict) else None
            )
            if isinstance(tag, str) and tag:
                found[tag] = str(m.get("ts") or "")
        return found

    async def thread(self, place: Place, limit: int = 200) -> list[tuple[str, str]]:
        """(user, text) of the people's messages in the place's thread, oldest first."""
        data = await self._send(
            "conversations.replies",
            place,
            {"channel": place.channel, "ts": place.thread_ts, "limit": limit},
        )
        said: list[tuple[str, str]] = []
        for m in data.get("messages") or []:
            if (
                not isinstance(m, dict)
                or m.get("bot_id")
                or m.get("subtype") not in (None, "thread_broadcast")
            ):
                continue
            user, text = m.get("user"), m.get("text")
            if isinstance(user, str) and isinstance(text, str) and text.strip():
                said.append((user, text))
        return said

    async def ephemeral(self, place: Place, user: str, msg: b.SlackMessage) -> None:
        body: dict[str, Any] = {
            "channel": place.channel,
            "user": user,
            "text": msg.text,
            "blocks": msg.blocks,
        }
        if place.thread_ts:
            body["thread_ts"] = place.thread_ts
        await self._send("chat.postEphemeral", place, body)

    async def respond(
        self, response_url: str, place: Place, user: str, msg: b.SlackMessage
    ) -> None:
        """An ephemeral reply to whoever ran the command or pressed the button, where they did."""
        if response_url:
            await self._respond(
                response_url,
                {
                    "text": msg.text,
                    "blocks": msg.blocks,
                    "response_type": "ephemeral",
                    "replace_original": False,
                },
            )
        elif place.channel and user:
            await self.ephemeral(place, user, msg)

    async def update(self, place: Place, ts: str, msg: b.SlackMessage) -> None:
        """Put ``msg`` in place of the message ``ts`` (best effort)."""
        await self.call(
            "chat.update", place, channel=place.channel, ts=ts, text=msg.text, blocks=msg.blocks
        )

    async def publish_home(self, place: Place, user: str, view: dict[str, Any]) -> None:
        await self._send("views.publish", place, {"user_id": user, "view": view})

    async def call(self, method: str, place: Place, **kwargs: object) -> None:
        """A best-effort call whose failure must not stop the consultation."""
        try:
            await self._send(method, place, dict(kwargs))
        except SlackApiError as exc:
            error = error_code(exc)
            self._metrics.slack_errors.labels(method, error).inc()
            log.info("%s failed: %s", method, error)

    async def canvas(self, place: Place, title: str, markdown: str) -> str | None:
        """A canvas holding ``markdown``, tabbed in the place's channel; its link, or None
        where canvases are not available (plan, scopes, or a Slack that refuses)."""
        try:
            data = await self._send(
                "canvases.create",
                place,
                {
                    "title": title,
                    "document_content": {"type": "markdown", "markdown": markdown},
                    "channel_id": place.channel,
                },
            )
            canvas = str(data.get("canvas_id") or "")
            info = await self._send("files.info", place, {"file": canvas}) if canvas else {}
        except SlackApiError as exc:
            self._metrics.slack_errors.labels("canvases.create", error_code(exc)).inc()
            log.info("no canvas: %s", error_code(exc))
            return None
        file = info.get("file") if isinstance(info, dict) else None
        link = file.get("permalink") if isinstance(file, dict) else None
        return str(link) if link else None

    async def upload(self, place: Place, filename: str, title: str, content: str) -> bool:
        """The text as a file in the place's thread (``files.uploadV2``); False if refused."""
        try:
            await self._api.files_upload_v2(
                filename=filename,
                content=content,
                title=title,
                channel=place.channel,
                thread_ts=place.thread_ts or None,
                **await self.auth(place.team, place.enterprise),
            )
        except SlackApiError as exc:
            self._metrics.slack_errors.labels("files.uploadV2", error_code(exc)).inc()
            log.info("upload refused: %s", error_code(exc))
            return False
        return True

    async def stream(
        self, place: Place, user: str, before_first: Callable[[], Awaitable[None]] | None = None
    ) -> SlackStream:
        return SlackStream(
            self._api, place, user, await self.auth(place.team, place.enterprise), before_first
        )


def _tagged(metadata: dict[str, Any] | None, tag: str) -> dict[str, Any] | None:
    if not tag:
        return metadata
    if metadata is None:
        return {"event_type": TAG_EVENT, "event_payload": {"tag": tag}}
    return {**metadata, "event_payload": {**metadata.get("event_payload", {}), "tag": tag}}


class SlackStream:
    """Streams an answer into a thread as it is generated, through the SDK's buffered
    ``chat_stream`` (start, append in pieces, stop).

    If Slack refuses (an older workspace, or the stream expired) it goes quiet, and the finished
    answer is posted or put in place instead.
    """

    def __init__(
        self,
        api: SlackApi,
        place: Place,
        user: str,
        auth: dict[str, Any],
        before_first: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        self._api = api
        self._place = place
        self._user = user
        self._auth = auth
        self._before_first = before_first
        self._stream: Any = None
        self.sent = ""
        self.broken = False

    @property
    def ts(self) -> str | None:
        ts = getattr(self._stream, "ts", None) if self._stream is not None else None
        return str(ts) if ts else None

    async def write(self, text: str) -> None:
        if self.broken or not text:
            return
        try:
            if self._stream is None:
                if self._before_first is not None:
                    await self._before_first()
                self._stream = await self._api.chat_stream(
                    buffer_size=STREAM_BUFFER,
                    channel=self._place.channel,
                    thread_ts=self._place.thread_ts,
                    recipient_user_id=self._user or None,
                    recipient_team_id=self._place.team or None,
                    **self._auth,
                )
            await self._stream.append(markdown_text=b.escape_markdown(text))
            self.sent += text
        except SlackApiError as exc:
            log.info("streaming unavailable: %s", error_code(exc))
            self.broken = True

    async def finish(self, msg: b.SlackMessage, final_text: str, *, tag: str = "") -> bool:
        """Close the stream with the sources; replace it if the final answer differs.

        False when nothing was streamed (the caller posts the answer instead).
        """
        if self._stream is None:
            return False
        same = not self.broken and self.sent.strip() == final_text.strip()
        if not self.broken:
            try:
                # A stream is always stopped before anything else touches its message.
                await self._stream.stop(
                    blocks=(msg.blocks[1:] or None) if same else None,
                    metadata=_tagged(None, tag),
                )
            except SlackApiError as exc:
                log.info("stopping the stream failed: %s", error_code(exc))
                same = False
        if self.ts is None:
            return False
        if not same:
            try:
                await self._api.api_call(
                    "chat.update",
                    json={
                        "channel": self._place.channel,
                        "ts": self.ts,
                        "text": msg.text,
                        "blocks": msg.blocks,
                        **self._auth,
                    },
                )
            except SlackApiError as exc:
                log.info("replacing the stream failed: %s", error_code(exc))
        return True
