"""The common requests acked without Bolt's dispatch.

Nearly every request is a message or mention event, the slash command or a button: for those,
walking Bolt's middleware and listener list, and building its request, context and listener
arguments, is most of what acking costs. This lane answers them with the listeners' own work
(:class:`bot.slack.ack.AckPath`): the same translation, the same inbox accept, the same
responses, metrics and logs. Everything else goes through Bolt (see ``decline`` below).

The request has already passed the checks Bolt's first middleware would make (the signature,
Slack's certificate check; see :mod:`bot.slack.admission`). What Bolt's authorization adds for
these kinds is the bot's own identity: in a single workspace it is the same for every request,
so the lane learns it from the first request Bolt authorised and declines until then. With
OAuth each request is authorised for its workspace, and the lane is not used.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from slack_bolt.async_app import AsyncBoltContext
from slack_bolt.request.internals import extract_user_id
from slack_bolt.response import BoltResponse

from bot.metrics import Metrics
from bot.slack.ack import AckPath
from bot.slack.app import ACTION_ID, COMMAND, answer_error

# The events Bolt's self-event filter lets through even when the bot caused them.
_KEPT_SELF_EVENTS = frozenset({"member_joined_channel", "member_left_channel"})
_MESSAGE_EVENTS = frozenset({"message", "app_mention"})


class FastLane:
    """Acks messages, mentions, ``/explainer`` and block actions as Bolt's listeners would."""

    def __init__(self, acks: AckPath, metrics: Metrics) -> None:
        self.acks = acks
        self._metrics = metrics
        # The bot user's id and the bot's id, once Bolt has authorised a request.
        self._bot: tuple[str, str | None] | None = None

    @property
    def ready(self) -> bool:
        return self._bot is not None

    def learn(self, context: AsyncBoltContext) -> None:
        """Take the bot's identity from a request Bolt authorised (the same for all)."""
        if self._bot is not None:
            return
        result = context.authorize_result
        if result is not None and result.bot_user_id:
            self._bot = (result.bot_user_id, result.bot_id)

    async def dispatch(self, body: dict[str, Any]) -> BoltResponse | None:
        """Bolt's response to ``body``, or None where Bolt must answer it.

        ``body`` is an admitted envelope (:func:`bot.slack.envelope.check_envelope`).
        """
        if self._bot is None or "ssl_check" in body:
            return None
        bot_user, bot_id = self._bot
        kind = body.get("type")
        if kind == "event_callback":
            # Bolt's listeners in order: app_mention, then message, before any other.
            event = body["event"]
            event_type = event["type"]
            if event_type not in _MESSAGE_EVENTS:
                return None
            if _from_self(body, event, bot_user, bot_id):
                return _ok()
            mention = event_type == "app_mention"
            return await self._run(
                body, lambda: self.acks.message(event, body, bot_user, mention=mention)
            )
        if "event" in body:
            return None  # Bolt's self-event filter reads it
        if "command" in body:
            # Commands come before actions in Bolt's list: a command body is one whatever
            # its type.
            return await self._command(body) if body["command"] == COMMAND else None
        if kind == "block_actions" and ACTION_ID.search(body["actions"][0]["action_id"]):
            return await self._run(body, lambda: self.acks.action(body))
        return None

    async def _command(self, body: dict[str, Any]) -> BoltResponse:
        notice: list[str] = []

        async def ack() -> None:
            text = await self.acks.command(body)
            if text is not None:
                notice.append(text)

        failed = await self._run(body, ack)
        if failed.status != 200 or not notice:
            return failed
        return BoltResponse(status=200, body={"text": notice[0], "response_type": "ephemeral"})

    async def _run(self, body: dict[str, Any], work: Callable[[], Awaitable[None]]) -> BoltResponse:
        """200 once ``work`` is done; on an error, what the app's error handler answers."""
        try:
            await work()
        except Exception as error:
            answer = answer_error(error, body, self._metrics)
            return answer if answer is not None else BoltResponse(status=500, body="")
        return _ok()


def _ok() -> BoltResponse:
    return BoltResponse(status=200, body="")


def _from_self(
    body: dict[str, Any], event: Mapping[str, Any], bot_user: str, bot_id: str | None
) -> bool:
    """Whether Bolt would ignore the event as the bot's own (its ``IgnoringSelfEvents``)."""
    event_bot = event.get("bot_id")
    own = extract_user_id(body) == bot_user or (event_bot is not None and event_bot == bot_id)
    return own and event.get("type") not in _KEPT_SELF_EVENTS
