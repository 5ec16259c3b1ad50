"""A consultation turn in Slack: run it with a "thinking" status and a stream, then post."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass, field

from bot.core.caveats import unconfirmed_for
from bot.core.engine import decide
from bot.core.replies import (
    AnswerReply,
    DecisionReply,
    NoticeReply,
    QuestionReply,
    Reply,
    Result,
    UnderstoodReply,
)
from bot.core.service import ConsultationService
from bot.core.state import Consultation, Status, Turn, TurnKind
from bot.knowledge.base import KnowledgeBase
from bot.logs import short_hash
from bot.metrics import Metrics
from bot.render.card import CardView, build_card
from bot.slack import blocks as b
from bot.slack.inbound import Inbound
from bot.slack.poster import SlackPoster, SlackStream
from bot.texts import Texts, texts

log = logging.getLogger(__name__)

THINKING = {"ko": "생각하는 중…", "en": "is thinking…"}
# How far back a retry looks for the replies an interrupted attempt already posted.
_RECONCILE_SECONDS = 120.0


@dataclass
class Work:
    """One inbox entry being processed."""

    inbound: Inbound
    # Never handed out before: none of its work can exist yet.
    fresh: bool = False
    # Opaque receipts to clear together with the entry's acknowledgement.
    receipts: list[str] = field(default_factory=list)
    # The consultation the message's thread was bound to when it was accepted ("": unknown).
    bound: str = ""


class Turns:
    def __init__(
        self,
        svc: ConsultationService,
        kb: KnowledgeBase,
        poster: SlackPoster,
        metrics: Metrics,
        status_delay: float = 0.0,
    ) -> None:
        """``status_delay``: seconds a turn runs before "thinking…" is shown."""
        self._svc = svc
        self._kb = kb
        self._poster = poster
        self._metrics = metrics
        self._status_delay = status_delay

    async def run(self, w: Work, c: Consultation, turn: Turn) -> None:
        started = time.perf_counter()
        async with self._status(c) as thinking:
            stream = (
                await self._poster.stream(c.place, w.inbound.user, thinking.ready)
                if turn.kind is TurnKind.TEXT and c.place.thread_ts
                else None
            )
            result = await self._svc.handle(c, turn, stream)
            await thinking.ready()
            thinking.replied = bool(result.replies)
            await self._finish(w, c, turn, result, stream, started)

    async def _finish(
        self,
        w: Work,
        c: Consultation,
        turn: Turn,
        result: Result,
        stream: SlackStream | None,
        started: float,
    ) -> None:
        receipt = self._svc.receipt(c.id, turn.op_id)
        if result.duplicate:
            self._metrics.dedupe_hits.labels("turn").inc()
            if result.replies:
                # An earlier attempt saved this turn and may have died while posting.
                log.info("re-posting saved replies for %s", short_hash(c.id))
                oldest = result.consultation.updated_at - _RECONCILE_SECONDS
                landed = await self._poster.tags_since(result.consultation.place, oldest)
                await self.post_replies(result.consultation, result.replies, turn, skip=landed)
                w.receipts.append(receipt)
            return
        if turn.kind is TurnKind.RESTART and c.status is Status.ACTIVE and c.turns:
            self._metrics.abandoned.inc()
        self._metrics.observe_result(c.usage, result, started=c.turns == 0)
        await self.post_replies(result.consultation, result.replies, turn, stream)
        w.receipts.append(receipt)
        self._metrics.turn_seconds.observe(time.perf_counter() - started)

    async def post_replies(
        self,
        c: Consultation,
        replies: Sequence[Reply],
        turn: Turn,
        stream: SlackStream | None = None,
        *,
        skip: dict[str, str] | None = None,
    ) -> None:
        t = texts(c.lang)
        joined: set[int] = set()
        for n, r in enumerate(replies):
            if n in joined:
                continue
            tag = f"{short_hash(turn.op_id)}:{n}"
            after = replies[n + 1] if n + 1 < len(replies) else None
            both = None
            if isinstance(r, UnderstoodReply) and isinstance(after, QuestionReply):
                # One post for what was read and what is asked next, under the first one's tag
                # (so a retry that finds it landed skips both).
                both = b.understood_with(self.render(c, r, t), self.render(c, after, t))
                if both is not None:
                    joined.add(n + 1)
            if skip and tag in skip:
                continue
            if isinstance(r, AnswerReply) and stream is not None:
                msg = b.answer_message(r, t, self._kb.titles(c.lang), c.id)
                if await stream.finish(msg, r.answer.text, tag=tag):
                    continue
            await self._poster.post(c.place, both or self.render(c, r, t), tag=tag)

    def render(self, c: Consultation, r: Reply, t: Texts) -> b.SlackMessage:
        if isinstance(r, QuestionReply):
            return b.question_message(r, t, c.id)
        if isinstance(r, DecisionReply):
            card = build_card(r, t, self._kb.titles(c.lang))
            return b.card_message(card, t, c.id, in_dm=c.place.surface == "dm", revision=r.revision)
        if isinstance(r, AnswerReply):
            return b.answer_message(r, t, self._kb.titles(c.lang), c.id)
        if isinstance(r, UnderstoodReply):
            return b.understood_message(r, t)
        if isinstance(r, NoticeReply):
            return b.notice_message(r, t)
        raise TypeError(f"no Slack message for {type(r).__name__}")

    def _current(self, c: Consultation) -> CardView:
        """The card of the consultation's current facts (a shared copy, an export)."""
        reply = DecisionReply(
            decision=decide(c.facts),
            facts=c.facts,
            revision=len(c.revisions),
            unconfirmed=unconfirmed_for(c.facts, c.hints),
        )
        return build_card(reply, texts(c.lang), self._kb.titles(c.lang))

    def card(self, c: Consultation, *, shared: bool = False) -> b.SlackMessage:
        """The consultation's current decision card, as shown in its thread or shared."""
        in_dm = c.place.surface == "dm" and not shared
        revision = len(c.revisions)
        card = self._current(c)
        return b.card_message(
            card, texts(c.lang), c.id, in_dm=in_dm, revision=revision, shared=shared
        )

    def record(self, c: Consultation) -> tuple[str, str]:
        """The decision record (ADR) of the consultation's current decision: title, Markdown."""
        t = texts(c.lang)
        card = self._current(c)
        date = time.strftime("%Y-%m-%d", time.gmtime(c.updated_at or time.time()))
        return t.get("ui.adr_title", title=card.title), b.adr_markdown(card, t, c.id, date)

    def export(self, c: Consultation) -> b.SlackMessage:
        """The decision record as a message (for someone who is not the owner: ephemeral)."""
        return _record_message(c, self.record(c)[1])

    async def share_record(self, c: Consultation) -> None:
        """The full decision record where the consultation lives: a canvas, else a Markdown
        file, else a message."""
        title, markdown = self.record(c)
        link = await self._poster.canvas(c.place, title, markdown)
        if link:
            await self._poster.post(c.place, b.record_link_message(title, link))
        elif not await self._poster.upload(c.place, f"decision-{c.id}.md", title, markdown):
            await self._poster.post(c.place, _record_message(c, markdown))

    @contextlib.asynccontextmanager
    async def _status(self, c: Consultation) -> AsyncIterator[_Thinking]:
        """A "thinking" status in the thread, set once the turn has run for a moment.

        A turn that answers sooner shows none: a status that flashes and is gone says nothing
        and costs a Web API call. Slack clears the status when the app replies in the thread;
        without a reply (an error, or nothing to say) it is cleared here.
        """
        if not c.place.thread_ts:
            yield _Thinking(None)
            return

        async def status(text: str) -> None:
            await self._poster.call(
                "assistant.threads.setStatus",
                c.place,
                channel_id=c.place.channel,
                thread_ts=c.place.thread_ts,
                status=text,
            )

        thinking = _Thinking(lambda: status(THINKING[c.lang]), self._status_delay)
        try:
            yield thinking
        finally:
            await thinking.ready()
            if thinking.shown and not thinking.replied:
                await status("")


class _Thinking:
    """A status shown after ``delay`` (at once with none). Replies wait for one under way, so
    a late "thinking" cannot follow them, and cancel one not yet sent."""

    def __init__(self, show: Callable[[], Awaitable[None]] | None, delay: float = 0.0) -> None:
        self.replied = False
        # With no delay it is under way from the start, and a reply waits for it.
        self.shown = show is not None and delay <= 0
        self._task = asyncio.create_task(self._show(show, delay)) if show else None

    async def _show(self, show: Callable[[], Awaitable[None]], delay: float) -> None:
        if not self.shown:
            await asyncio.sleep(delay)
            self.shown = True
        await show()

    async def ready(self) -> None:
        task = self._task
        if task is None:
            return
        if not self.shown:
            # Still waiting to be shown: nothing was sent, and now nothing will be.
            task.cancel()
            return
        with contextlib.suppress(Exception):
            await asyncio.shield(task)


def _record_message(c: Consultation, markdown: str) -> b.SlackMessage:
    return b.code_message(texts(c.lang).get("ui.export"), markdown)
