"""An in-process stand-in for ``AsyncWebClient`` at the poster's seam (``SlackApi``).

It keeps the messages posted, answers history and replies with their metadata, and can be told
to fail a method with a Slack error code; streams go through the SDK's own ``AsyncChatStream``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_chat_stream import AsyncChatStream

if TYPE_CHECKING:
    from bot.slack.poster import SlackApi

# slack_sdk leaves the error's constructor unannotated: (message, response).
_api_error: Callable[[str, Any], SlackApiError] = SlackApiError


@dataclass
class _Response:
    data: dict[str, Any]
    status_code: int = 200

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def __getitem__(self, key: str) -> Any:
        return self.data[key]


@dataclass
class Posted:
    channel: str
    ts: str
    text: str
    blocks: list[dict[str, Any]]
    thread_ts: str = ""
    metadata: dict[str, Any] | None = None
    token: str = ""
    streamed: str = ""
    # "" for the bot's own posts; a person's id for messages seeded with ``said``.
    user: str = ""


@dataclass
class FakeSlackClient:
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    messages: list[Posted] = field(default_factory=list)
    ephemerals: list[dict[str, Any]] = field(default_factory=list)
    responses: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    canvases: list[dict[str, Any]] = field(default_factory=list)
    uploads: list[dict[str, Any]] = field(default_factory=list)
    # method -> error codes to answer with, one per call, before answering normally again
    failures: dict[str, list[str]] = field(default_factory=dict)
    # method -> how many calls succeed before the next failure applies
    succeed_first: dict[str, int] = field(default_factory=dict)
    _clock: int = 0

    def methods(self) -> list[str]:
        return [m for m, _ in self.calls]

    def fail(self, method: str, *errors: str, after: int = 0) -> None:
        self.failures.setdefault(method, []).extend(errors)
        self.succeed_first[method] = after

    def _next_ts(self) -> str:
        # Like Slack's: the time of posting, unique within a channel.
        self._clock += 1
        return f"{int(time.time())}.{self._clock:06d}"

    def said(self, channel: str, thread_ts: str, user: str, text: str) -> str:
        """A person's message in a thread (or the thread's root when ``thread_ts`` is "")."""
        ts = self._next_ts()
        self.messages.append(
            Posted(channel=channel, ts=ts, text=text, blocks=[], thread_ts=thread_ts, user=user)
        )
        return ts

    def find(self, ts: str) -> Posted:
        return next(m for m in self.messages if m.ts == ts)

    def in_thread(self, channel: str, thread_ts: str) -> list[Posted]:
        return [m for m in self.messages if m.channel == channel and m.thread_ts == thread_ts]

    async def respond(self, url: str, body: dict[str, Any]) -> None:
        """Stands in for posting to a ``response_url``."""
        self.responses.append((url, body))

    async def api_call(self, api_method: str, *, json: dict[str, Any] | None = None) -> Any:
        args = dict(json or {})
        self.calls.append((api_method, args))
        if self.succeed_first.get(api_method, 0) > 0:
            self.succeed_first[api_method] -= 1
        elif self.failures.get(api_method):
            error = self.failures[api_method].pop(0)
            raise _api_error(error, _Response({"ok": False, "error": error}))
        return _Response({"ok": True, **self._answer(api_method, args)})

    def _answer(self, method: str, args: dict[str, Any]) -> dict[str, Any]:
        if method in ("chat.postMessage", "chat.startStream"):
            posted = Posted(
                channel=str(args.get("channel", "")),
                ts=self._next_ts(),
                text=str(args.get("text", "")),
                blocks=list(args.get("blocks") or []),
                thread_ts=str(args.get("thread_ts") or ""),
                metadata=args.get("metadata"),
                token=str(args.get("token") or ""),
                streamed=_chunk_text(args),
            )
            self.messages.append(posted)
            return {"ts": posted.ts, "channel": posted.channel}
        if method == "chat.appendStream":
            self.find(str(args["ts"])).streamed += _chunk_text(args)
        elif method == "chat.stopStream":
            m = self.find(str(args["ts"]))
            m.streamed += _chunk_text(args)
            m.metadata = args.get("metadata") or m.metadata
            m.blocks = list(args.get("blocks") or m.blocks)
        elif method == "chat.update":
            m = self.find(str(args["ts"]))
            m.text, m.blocks = str(args.get("text", "")), list(args.get("blocks") or [])
        elif method == "chat.postEphemeral":
            self.ephemerals.append(args)
        elif method == "canvases.create":
            self.canvases.append(args)
            return {"canvas_id": f"F{len(self.canvases):08d}"}
        elif method == "files.info":
            return {
                "file": {
                    "id": args["file"],
                    "permalink": f"https://example.slack.com/docs/T1/{args['file']}",
                }
            }
        elif method in ("conversations.history", "conversations.replies"):
            oldest = float(args.get("oldest") or 0)
            found = [
                m
                for m in self.messages
                if m.channel == args.get("channel")
                and (
                    (m.thread_ts == args["ts"] or m.ts == args["ts"])
                    if method.endswith("replies")
                    else not m.thread_ts
                )
                and float(m.ts) >= oldest
            ]
            return {"messages": [_as_slack(m) for m in found]}
        return {}

    async def files_upload_v2(self, **kwargs: Any) -> Any:
        await self.api_call("files.uploadV2", json={"filename": kwargs.get("filename")})
        self.uploads.append(kwargs)
        return _Response({"ok": True, "files": [{"id": "F1"}]})

    # The SDK's stream helper calls these on its client.
    async def chat_stream(self, **kwargs: Any) -> AsyncChatStream:
        buffer_size = int(kwargs.pop("buffer_size", 256))
        return AsyncChatStream(
            # Not an AsyncWebClient: the stream only calls the chat_*Stream methods below.
            self,  # type: ignore[arg-type]
            logger=logging.getLogger("testkit.fake_slack"),
            buffer_size=buffer_size,
            **kwargs,
        )

    async def chat_startStream(self, **kwargs: Any) -> Any:
        return await self.api_call("chat.startStream", json=_jsonable(kwargs))

    async def chat_appendStream(self, **kwargs: Any) -> Any:
        return await self.api_call("chat.appendStream", json=_jsonable(kwargs))

    async def chat_stopStream(self, **kwargs: Any) -> Any:
        return await self.api_call("chat.stopStream", json=_jsonable(kwargs))


def _as_slack(m: Posted) -> dict[str, Any]:
    out: dict[str, Any] = {"ts": m.ts, "text": m.text, "metadata": m.metadata}
    out.update({"user": m.user} if m.user else {"bot_id": "B0000001", "user": "UBOT00001"})
    return out


def _jsonable(kwargs: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in kwargs.items():
        if v is None:
            continue
        if k == "chunks":
            v = [c if isinstance(c, dict) else c.to_dict() for c in v]
        out[k] = v
    return out


def _chunk_text(args: dict[str, Any]) -> str:
    text = str(args.get("markdown_text") or "")
    for c in args.get("chunks") or []:
        if isinstance(c, dict) and c.get("type") == "markdown_text":
            text += str(c.get("text", ""))
    return text


# The fake stands in for AsyncWebClient at the poster's seam, so it must keep that seam's shape.
_API: type[SlackApi] = FakeSlackClient
