"""A translated Slack payload persisted in the inbox before the ack, within the ack deadline."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from typing import Any

from bot.core.language import detect_language
from bot.core.state import Place
from bot.logs import short_hash
from bot.metrics import Metrics
from bot.slack.inbound import (
    Inbound,
    InvalidPayload,
    envelope_ids,
    from_action,
    from_command,
    from_message_event,
)
from bot.store.inbox import Inbox
from bot.texts import texts

# Under the name these records have always had, so log filters keep working.
log = logging.getLogger("bot.slack.app")

ACK_DEADLINE_SECONDS = 2.0


class AckPath:
    """Translate a payload and persist it before the acknowledgement; count what happened.

    ``message``, ``command`` and ``action`` are the whole work of acking those kinds, whether
    Bolt's listeners or the fast lane (:mod:`bot.slack.fast_lane`) call them.

    Each store step fails fast when Redis stalls: Slack gets a 503 and delivers again, never a
    slow 200.
    """

    def __init__(
        self, inbox: Inbox, metrics: Metrics, thread_binding: Callable[[str], str] | None
    ) -> None:
        self.inbox = inbox
        self._m = metrics
        self._thread_binding = thread_binding

    def translate(self, kind: str, build: Callable[[], Inbound | None]) -> Inbound | None:
        try:
            return build()
        except InvalidPayload as exc:
            # The field's name only: its value is whatever the sender put there.
            log.warning("%s dropped: %s", kind, exc)
            self._m.rejected.labels("ids").inc()
            return None

    def counted(self, inbound: Inbound, status: str) -> str:
        if status.startswith("limited"):
            self._m.rate_limited.labels(status.removeprefix("limited:")).inc()
        elif status == "duplicate":
            log.info("duplicate delivery ignored (%s)", inbound.kind)
            self._m.dedupe_hits.labels(inbound.kind).inc()
        return status

    async def persist(self, inbound: Inbound | None) -> None:
        if inbound is None:
            return
        async with asyncio.timeout(ACK_DEADLINE_SECONDS):
            accepted = await self.inbox.accept(inbound.key, inbound.to_bytes())
        self.counted(inbound, "accepted" if accepted else "duplicate")

    async def persist_message(self, inbound: Inbound | None) -> None:
        if inbound is None:
            return
        thread = inbound.thread_ts or inbound.ts
        binding = None
        ours = inbound.surface == "dm" or inbound.value == "mention"
        # Ours counts whatever the binding; in a thread it is read to pass on to the worker.
        if self._thread_binding is not None and (inbound.thread_ts or not ours):
            place = Place(
                surface=inbound.surface,
                team=inbound.team,
                channel=inbound.channel,
                thread_ts=thread,
            )
            binding = self._thread_binding(place.key())
        async with asyncio.timeout(ACK_DEADLINE_SECONDS):
            status = await self.inbox.accept_message(
                inbound.key,
                inbound.to_bytes(),
                inbound.model_copy(update={"kind": "slow_down", "text": ""}).to_bytes(),
                user=short_hash(f"{inbound.team}:{inbound.user}"),
                thread=short_hash(f"{inbound.team}:{inbound.channel}:{thread}"),
                thread_binding=binding,
                always_counts=ours,
            )
        self.counted(inbound, status)

    async def persist_interactive(self, inbound: Inbound) -> str:
        async with asyncio.timeout(ACK_DEADLINE_SECONDS):
            status = await self.inbox.accept_interactive(
                inbound.key, inbound.to_bytes(), user=short_hash(f"{inbound.team}:{inbound.user}")
            )
        return self.counted(inbound, status)

    async def message(
        self,
        event: Mapping[str, Any],
        body: Mapping[str, Any],
        bot_user_id: str | None,
        *,
        mention: bool,
    ) -> None:
        """A message or mention event: persisted within the rate limits (or dropped)."""
        team, enterprise = envelope_ids(body)
        await self.persist_message(
            self.translate(
                "message",
                lambda: from_message_event(
                    event, team, bot_user_id, mention=mention, enterprise=enterprise
                ),
            )
        )

    async def command(self, body: Mapping[str, Any]) -> str | None:
        """A slash command persisted; the ephemeral notice to ack with when its user is over
        the rate limit."""
        inbound = self.translate("command", lambda: from_command(body))
        if inbound is None or await self.persist_interactive(inbound) != "limited:interactive":
            return None
        lang = detect_language(inbound.text, default="en") if inbound.text else "en"
        return texts(lang).get("notice.slow_down")

    async def action(self, body: Mapping[str, Any]) -> None:
        inbound = self.translate("action", lambda: from_action(body))
        if inbound is not None:
            await self.persist_interactive(inbound)
