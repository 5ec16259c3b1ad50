"""Processes persisted Slack work: one core call per unit, then render and post.

Handlers only persist (see ``bot.slack.app``); everything slow happens here, from Redis, so a
crash after the ack loses nothing and any replica can pick the work up.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from bot.core.consultation import (
    AnswerReply,
    ConsultationService,
    DecisionReply,
    NoticeReply,
    QuestionReply,
    Reply,
    Result,
    UnderstoodReply,
)
from bot.core.facts import ASKABLE, FactName, Lang
from bot.core.language import detect_language
from bot.core.state import Consultation, Place, Status, Turn, TurnKind
from bot.knowledge.base import KnowledgeBase
from bot.metrics import Metrics
from bot.render.card import build_card
from bot.slack import blocks as b
from bot.slack.inbound import Inbound, short_hash
from bot.store.inbox import Entry, Inbox
from bot.store.redis import RedisConsultationStore
from bot.texts import Texts, texts

log = logging.getLogger(__name__)

HELP = frozenset({"help", "도움말", "도움", "?"})
HISTORY = frozenset({"history", "기록", "내역"})
FORGET = frozenset({"forget", "삭제", "잊어줘"})
# Errors after which posting the same blocks again cannot succeed.
_PLAIN_FALLBACK_ERRORS = frozenset({"msg_too_long", "invalid_blocks", "invalid_metadata_format"})
# A unit of work that takes longer is abandoned here and claimed again later (see Inbox).
ENTRY_TIMEOUT_SECONDS = 45.0
MAX_DELIVERIES = 3
# Keys to delete together with the inbox ack of the entry being processed.
_CLEANUP: contextvars.ContextVar[list[str]] = contextvars.ContextVar("cleanup")
# Whether the entry being processed was never handed out before: none of its work exists yet,
# so a consultation it starts cannot already be stored.
_FRESH: contextvars.ContextVar[bool] = contextvars.ContextVar("fresh", default=False)

THINKING = {"ko": "생각하는 중…", "en": "is thinking…"}


class SlackWorker:
    def __init__(
        self,
        consultations: ConsultationService,
        store: RedisConsultationStore,
        kb: KnowledgeBase,
        client: AsyncWebClient,
        inbox: Inbox,
        *,
        metrics: Metrics | None = None,
        tokens: Callable[[str], Awaitable[str | None]] | None = None,
        concurrency: int = 256,
    ) -> None:
        self._metrics = metrics or Metrics()
        self._tokens = tokens
        self._svc = consultations
        self._store = store
        self._kb = kb
        self._client = client
        self._inbox = inbox
        self._slots = asyncio.Semaphore(concurrency)
        self._tasks: set[asyncio.Task[None]] = set()
        # One thread's turns run in order within this process.
        self._locks: dict[str, tuple[asyncio.Lock, int]] = {}

    # -- the loop ---------------------------------------------------------------------------

    async def run(self, stopping: asyncio.Event) -> None:
        """Read and process until ``stopping`` is set, then finish what was started."""
        while not stopping.is_set():
            try:
                entries = await self._inbox.read(count=16, block_ms=500)
            except Exception:  # Redis down: keep the process up and try again.
                log.warning("inbox read failed; retrying", exc_info=False)
                await asyncio.sleep(1.0)
                continue
            for entry in entries:
                await self._slots.acquire()
                task = asyncio.create_task(self._run_one(entry))
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)
        await self.drain()
        try:
            await self._inbox.close()
        except Exception:  # Redis down: the entries stay pending and are redone elsewhere.
            log.warning("inbox acknowledgements lost at shutdown")

    async def drain(self) -> None:
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    async def _run_one(self, entry: Entry) -> None:
        entry_id, payload = entry.id, entry.payload
        try:
            inbound = Inbound.from_bytes(payload)
            cleanup: list[str] = []
            token = _CLEANUP.set(cleanup)
            fresh = _FRESH.set(not entry.redelivered)
            key = _lock_key(inbound)
            lock, users = self._locks.get(key, (asyncio.Lock(), 0))
            self._locks[key] = (lock, users + 1)
            try:
                async with lock, asyncio.timeout(ENTRY_TIMEOUT_SECONDS):
                    await self.process(inbound)
            finally:
                _CLEANUP.reset(token)
                _FRESH.reset(fresh)
                lock, users = self._locks[key]
                if users <= 1:
                    del self._locks[key]
                else:
                    self._locks[key] = (lock, users - 1)
            self._inbox.ack_soon(entry_id, also_delete=cleanup)
        except Exception as exc:
            # Left pending: another attempt (here or in another replica) claims it later,
            # up to MAX_DELIVERIES; then it is set aside for an operator to look at.
            log.error("inbox entry %s failed: %s", entry_id, type(exc).__name__)
            with contextlib.suppress(Exception):
                if await self._inbox.deliveries(entry_id) >= MAX_DELIVERIES:
                    await self._inbox.dead_letter(entry_id, payload)
                    log.error("inbox entry %s set aside after %d tries", entry_id, MAX_DELIVERIES)
        finally:
            self._slots.release()

    # -- dispatch ---------------------------------------------------------------------------

    async def process(self, i: Inbound) -> None:
        if i.kind == "command":
            await self._command(i)
        elif i.kind == "message":
            await self._message(i)
        elif i.kind == "action":
            await self._action(i)
        elif i.kind == "home":
            await self._home(i)
        elif i.kind == "greet":
            await self._post(
                Place(surface="dm", team=i.team, channel=i.channel),
                b.greeting_message(texts("ko"), texts("en")),
            )
        elif i.kind == "assistant_started":
            await self._assistant_started(i)
        elif i.kind == "slow_down":
            await self._slow_down(i)

    async def _command(self, i: Inbound) -> None:
        text = i.text.strip()
        word = text.lower()
        lang: Lang = detect_language(text, default="en") if text else "en"
        t = texts(lang)
        if word in HELP:
            await self._respond(i, b.help_message(t))
        elif word in HISTORY:
            await self._respond(i, b.history_message(await self._history(i.user), t))
        elif word in FORGET:
            count = await self._store.forget_user(i.user)
            await self._respond(i, _plain(t.get("ui.forgot", count=count)))
        else:
            root = await self._post_root(i, text, t)
            if root is None:
                return
            ts, posted_now = root
            place = Place(surface="slash", team=i.team, channel=i.channel, thread_ts=ts)
            # Posted a moment ago: nothing can be bound to its thread yet; the first save binds.
            await self._start(place, i, text, fresh=posted_now, bind=False)

    async def _message(self, i: Inbound) -> None:
        mention_or_dm = i.value == "mention" or i.surface == "dm"
        if i.thread_ts:
            place = Place(surface=i.surface, team=i.team, channel=i.channel, thread_ts=i.thread_ts)
            found = await self._svc.find(place)
            if found is not None:
                await self._turn(
                    found, Turn(op_id=i.key, kind=TurnKind.TEXT, text=i.text, at=i.ts), i.user
                )
                return
            if not mention_or_dm:
                return  # someone else's thread
            if i.surface == "dm":
                await self._post(
                    place, b.notice_message(NoticeReply(key="expired"), texts(_lang(i.text)))
                )
            await self._start(place, i, i.text)
            return
        if not mention_or_dm:
            return  # channel chatter
        place = Place(surface=i.surface, team=i.team, channel=i.channel, thread_ts=i.ts)
        await self._start(place, i, i.text, fresh=_FRESH.get())

    async def _slow_down(self, i: Inbound) -> None:
        """Tell someone over the rate limit, once, where they wrote: only in our own threads."""
        thread = i.thread_ts or i.ts
        place = Place(surface=i.surface, team=i.team, channel=i.channel, thread_ts=thread)
        found = await self._svc.find(place)
        if found is None and i.surface != "dm":
            return
        lang = found.lang if found else _lang(i.text)
        await self._post(place, b.notice_message(NoticeReply(key="slow_down"), texts(lang)))

    async def _start(
        self, place: Place, i: Inbound, text: str, *, fresh: bool = False, bind: bool = True
    ) -> None:
        """``fresh``: the place was made by this very entry (its own message, or a root
        message just posted), so there is nothing to look up."""
        if fresh:
            c = await self._svc.start(place, i.user, _lang(text), bind=bind)
        else:
            c = await self._svc.open(place, i.user, _lang(text))
        if not text.strip():
            await self._svc.persist_new(c)
            await self._post(place, b.greeting_message(texts("ko"), texts("en")))
            return
        await self._turn(c, Turn(op_id=i.key, kind=TurnKind.TEXT, text=text, at=i.ts), i.user)

    async def _action(self, i: Inbound) -> None:
        cid, fact, choice = _parse_action_value(i.action, i.value)
        if i.action == b.SHARE_ACTION:
            await self._share(i)
            return
        c = await self._svc.load(cid) if cid else None
        if c is None:
            await self._respond(i, b.notice_message(NoticeReply(key="expired"), texts("en")))
            return
        t = texts(c.lang)
        if i.action in (b.FEEDBACK_UP_ACTION, b.FEEDBACK_DOWN_ACTION):
            vote = "up" if i.action == b.FEEDBACK_UP_ACTION else "down"
            await self._store.record_feedback(c.id, i.user, vote)
            await self._ephemeral(c.place, i.user, _plain(t.get("ui.feedback_thanks")))
            return
        if i.action == b.EXPORT_ACTION:
            await self._export(c, t)
            return
        turn = _turn_for_action(i, c, fact, choice)
        if turn is None:
            return
        # A question turns into its answer; a card, or what was understood, stays as it is.
        leaves = (TurnKind.RESTART, TurnKind.CORRECT)
        if i.message_ts and turn.kind not in leaves and i.action != b.REVISE_ACTION:
            await self._mark_answered(i, c, turn, t)
        await self._turn(c, turn, i.user)

    # -- consultation turns -----------------------------------------------------------------

    async def _turn(self, c: Consultation, turn: Turn, user: str) -> None:
        started = time.perf_counter()
        async with self._status(c) as thinking:
            stream = (
                SlackStream(
                    self._client, c.place, user, await self._auth(c.place.team), thinking.ready
                )
                if turn.kind is TurnKind.TEXT and c.place.surface in ("dm", "assistant")
                else None
            )
            result = await self._svc.handle(c, turn, stream)
            await thinking.ready()
            thinking.replied = bool(result.replies)
            await self._finish_turn(c, turn, result, stream, started)

    async def _finish_turn(
        self,
        c: Consultation,
        turn: Turn,
        result: Result,
        stream: SlackStream | None,
        started: float,
    ) -> None:
        if result.duplicate:
            self._metrics.dedupe_hits.labels("turn").inc()
            if result.replies:
                # An earlier attempt saved this turn but may have died before posting.
                log.info("re-posting saved replies for %s", short_hash(c.id))
                await self._post_replies(result.consultation, result.replies)
                _CLEANUP.get().append(self._store.outbox_key(c.id, turn.op_id))
            return
        if turn.kind is TurnKind.RESTART and c.status is Status.ACTIVE and c.turns:
            self._metrics.abandoned.inc()
        self._metrics.observe_result(c.usage, result, started=c.turns == 0)
        await self._post_replies(result.consultation, result.replies, stream)
        _CLEANUP.get().append(self._store.outbox_key(c.id, turn.op_id))
        self._metrics.turn_seconds.observe(time.perf_counter() - started)

    async def _post_replies(
        self, c: Consultation, replies: Sequence[Reply], stream: SlackStream | None = None
    ) -> None:
        t = texts(c.lang)
        for r in replies:
            if isinstance(r, AnswerReply) and stream is not None and stream.ts:
                await stream.finish(b.answer_message(r, t, self._title(c.lang)), r.answer.text)
                continue
            if isinstance(r, QuestionReply):
                msg = b.question_message(r, t, c.id)
            elif isinstance(r, DecisionReply):
                card = build_card(r, t, self._title(c.lang))
                msg = b.card_message(
                    card, t, c.id, in_dm=c.place.surface == "dm", revision=r.revision
                )
            elif isinstance(r, AnswerReply):
                msg = b.answer_message(r, t, self._title(c.lang))
            elif isinstance(r, NoticeReply):
                msg = b.notice_message(r, t)
            elif isinstance(r, UnderstoodReply):
                msg = b.understood_message(r, t)
            else:
                continue
            await self._post(c.place, msg)

    def _title(self, lang: Lang) -> Callable[[str], str]:
        def title(section_id: str) -> str:
            s = self._kb.get(section_id, lang)
            return s.title if s else section_id

        return title

    @contextlib.asynccontextmanager
    async def _status(self, c: Consultation) -> AsyncIterator[_Thinking]:
        """A "thinking" status in assistant/DM threads, set while the turn already runs.

        Slack clears the status when the app replies in the thread; without a reply (an
        error, or nothing to say) it is cleared here.
        """
        if c.place.surface not in ("dm", "assistant"):
            yield _Thinking(None)
            return

        async def status(text: str) -> None:
            await self._call(
                "assistant.threads.setStatus",
                team=c.place.team,
                channel_id=c.place.channel,
                thread_ts=c.place.thread_ts,
                status=text,
            )

        thinking = _Thinking(asyncio.create_task(status(THINKING[c.lang])))
        try:
            yield thinking
        finally:
            await thinking.ready()
            if not thinking.replied:
                await status("")

    # -- posting ----------------------------------------------------------------------------

    async def _post(self, place: Place, msg: b.SlackMessage) -> str | None:
        """Post in the place's thread; on a shape error, fall back to plain text once."""
        kwargs: dict[str, Any] = {
            "channel": place.channel,
            "text": msg.text,
            "blocks": msg.blocks,
            "unfurl_links": False,
            "unfurl_media": False,
        }
        if place.thread_ts:
            kwargs["thread_ts"] = place.thread_ts
        if msg.metadata:
            kwargs["metadata"] = msg.metadata
        try:
            resp = await self._client.chat_postMessage(**kwargs, **await self._auth(place.team))
        except SlackApiError as exc:
            error = _error(exc) or f"http_{exc.response.status_code}"
            self._metrics.slack_errors.labels("chat.postMessage", error).inc()
            if exc.response.status_code >= 500:
                # The message may well have landed; posting again could duplicate it.
                log.warning("chat.postMessage answered %d; not retried", exc.response.status_code)
                return None
            if error not in _PLAIN_FALLBACK_ERRORS:
                raise
            log.warning("chat.postMessage rejected (%s); posting plain text", error)
            kwargs.pop("blocks")
            kwargs["text"] = b.clip(msg.text, 3000)
            if error == "invalid_metadata_format":
                kwargs.pop("metadata", None)
            resp = await self._client.chat_postMessage(**kwargs, **await self._auth(place.team))
        return str(resp.get("ts") or "") or None

    async def _post_root(self, i: Inbound, text: str, t: Texts) -> tuple[str, bool] | None:
        """The channel message whose thread hosts a slash-command consultation (posted once),
        and whether it was posted just now."""
        marker = f"root:{i.key}"
        existing = None if _FRESH.get() else await self._store.lookup(marker)
        if existing:
            return existing, False
        try:
            ts = await self._post(
                Place(surface="slash", team=i.team, channel=i.channel),
                b.root_message(i.user, text, t),
            )
        except SlackApiError as exc:
            error = _error(exc)
            if error in ("not_in_channel", "channel_not_found", "is_archived"):
                await self._respond(i, _plain(t.get("ui.invite_me")))
                return None
            raise
        if not ts:
            return None
        await self._store.remember(marker, ts)
        return ts, True

    async def _respond(self, i: Inbound, msg: b.SlackMessage) -> None:
        """An ephemeral reply to whoever ran the command or pressed the button."""
        if i.response_url:
            hook = AsyncWebhookClient(i.response_url)
            await hook.send(
                text=msg.text, blocks=msg.blocks, response_type="ephemeral", replace_original=False
            )
        elif i.channel and i.user:
            place = Place(surface="slash", team=i.team, channel=i.channel, thread_ts=i.thread_ts)
            await self._ephemeral(place, i.user, msg)

    async def _ephemeral(self, place: Place, user: str, msg: b.SlackMessage) -> None:
        kwargs: dict[str, Any] = {
            "channel": place.channel,
            "user": user,
            "text": msg.text,
            "blocks": msg.blocks,
        }
        if place.thread_ts:
            kwargs["thread_ts"] = place.thread_ts
        await self._client.chat_postEphemeral(**kwargs, **await self._auth(place.team))

    async def _mark_answered(self, i: Inbound, c: Consultation, turn: Turn, t: Texts) -> None:
        """Replace the pressed question's buttons with the answer, so it cannot be pressed twice."""
        if turn.kind is TurnKind.CHOICE and turn.fact and turn.choice:
            label = t.option_label(turn.fact.value, turn.choice)
        elif turn.kind is TurnKind.SKIP:
            label = t.get("ui.skip")
        else:
            label = t.get("ui.decide_now")
        msg = b.answered_message(t, label)
        await self._call(
            "chat.update",
            team=i.team,
            channel=i.channel,
            ts=i.message_ts,
            text=msg.text,
            blocks=msg.blocks,
        )

    async def _export(self, c: Consultation, t: Texts) -> None:
        from bot.core.engine import decide

        reply = DecisionReply(decision=decide(c.facts), facts=c.facts, revision=len(c.revisions))
        card = build_card(reply, t, self._title(c.lang))
        date = time.strftime("%Y-%m-%d", time.gmtime(c.updated_at or time.time()))
        md = b.adr_markdown(card, t, c.id, date)
        await self._post(c.place, b.code_message(t.get("ui.export"), md))

    async def _share(self, i: Inbound) -> None:
        target = i.value  # the channel picked in the conversation select
        source = await self._svc.find(
            Place(surface="dm", team=i.team, channel=i.channel, thread_ts=i.thread_ts)
        )
        t = texts(source.lang if source else "en")
        if source is None or source.outcome is None or not target:
            await self._respond(i, b.notice_message(NoticeReply(key="expired"), t))
            return
        from bot.core.engine import decide

        reply = DecisionReply(
            decision=decide(source.facts), facts=source.facts, revision=len(source.revisions)
        )
        card = build_card(reply, t, self._title(source.lang))
        msg = b.card_message(card, t, source.id, in_dm=False, revision=reply.revision)
        try:
            await self._post(Place(surface="slash", team=i.team, channel=target), msg)
        except SlackApiError as exc:
            if _error(exc) in ("not_in_channel", "channel_not_found"):
                await self._respond(i, _plain(t.get("ui.invite_me")))
                return
            raise
        await self._respond(i, _plain(t.get("ui.shared")))

    async def _home(self, i: Inbound) -> None:
        view = b.home_view(texts("ko"), texts("en"), await self._history(i.user))
        await self._client.views_publish(user_id=i.user, view=view, **await self._auth(i.team))

    async def _assistant_started(self, i: Inbound) -> None:
        await self._call(
            "assistant.threads.setSuggestedPrompts",
            team=i.team,
            channel_id=i.channel,
            thread_ts=i.thread_ts,
            prompts=b.suggested_prompts("en"),
        )
        place = Place(surface="assistant", team=i.team, channel=i.channel, thread_ts=i.thread_ts)
        await self._post(place, b.greeting_message(texts("ko"), texts("en")))

    async def _history(self, user: str) -> list[tuple[str, str, str]]:
        items = []
        for c in await self._store.recent_for_user(user, limit=10):
            if c.outcome is None:
                continue
            t = texts(c.lang)
            when = time.strftime("%Y-%m-%d", time.gmtime(c.updated_at))
            items.append((when, t.get(f"outcome.{c.outcome.value}"), c.facts.use_case or ""))
        return items

    async def _auth(self, team: str) -> dict[str, Any]:
        """The bot token for a workspace when installed through OAuth (else the client's own)."""
        token = await self._tokens(team) if self._tokens is not None else None
        return {"token": token} if token else {}

    async def _call(self, method: str, *, team: str, **kwargs: object) -> None:
        """A best-effort call whose failure must not stop the consultation."""
        try:
            await self._client.api_call(method, json={**kwargs, **await self._auth(team)})
        except SlackApiError as exc:
            error = _error(exc)
            self._metrics.slack_errors.labels(method, error).inc()
            log.info("%s failed: %s", method, error)


def _lang(text: str) -> Lang:
    return detect_language(text, default="en") if text.strip() else "en"


def _error(exc: SlackApiError) -> str:
    """Slack's error code; "" when the answer was not JSON (a proxy's or server's 5xx page)."""
    data = exc.response.data
    return str(data.get("error", "")) if isinstance(data, dict) else ""


def _lock_key(i: Inbound) -> str:
    return f"{i.channel}:{i.thread_ts or i.ts}" if i.channel else i.key


def _plain(text: str) -> b.SlackMessage:
    return b.SlackMessage(text=b.escape(text), blocks=[])


def _parse_action_value(action: str, value: str) -> tuple[str, FactName | None, str | None]:
    """Button values carry the consultation id; revise and correct values ``id|fact|choice``."""
    if action in (b.REVISE_ACTION, b.CORRECT_ACTION):
        parts = value.split(b.REVISE_SEPARATOR)
        if len(parts) == 3 and parts[1] in FactName.__members__.values():
            return parts[0], FactName(parts[1]), parts[2]
        return "", None, None
    if action.startswith(b.ANSWER_ACTION_PREFIX + ":"):
        _, fact, choice = [*action.split(":", 2), "", ""][:3]
        if fact in {f.value for f in ASKABLE}:
            return value, FactName(fact), choice
        return "", None, None
    if action == b.SHARE_ACTION:
        return "", None, None
    return value, None, None


def _turn_for_action(
    i: Inbound, c: Consultation, fact: FactName | None, choice: str | None
) -> Turn | None:
    if i.action == b.DECIDE_NOW_ACTION:
        return Turn(op_id=i.key, kind=TurnKind.DECIDE_NOW)
    if i.action == b.SKIP_ACTION:
        return Turn(op_id=i.key, kind=TurnKind.SKIP, fact=c.pending)
    if i.action == b.RESTART_ACTION:
        return Turn(op_id=i.key, kind=TurnKind.RESTART)
    if i.action == b.CORRECT_ACTION:
        # The core checks the choice; a decided consultation gets a new card.
        if fact is None or choice is None:
            return None
        return Turn(op_id=i.key, kind=TurnKind.CORRECT, fact=fact, choice=choice)
    if fact is not None and choice is not None:
        if i.action != b.REVISE_ACTION and c.status is Status.DECIDED:
            return None  # an old question pressed after the card: revise is the way
        return Turn(op_id=i.key, kind=TurnKind.CHOICE, fact=fact, choice=choice)
    return None


class _Thinking:
    """A status update under way; replies wait for it so a late "thinking" cannot follow them."""

    def __init__(self, task: asyncio.Task[None] | None) -> None:
        self._task = task
        self.replied = False

    async def ready(self) -> None:
        if self._task is not None:
            with contextlib.suppress(Exception):
                await asyncio.shield(self._task)


class SlackStream:
    """Streams an answer into a DM or assistant thread as it is generated.

    Uses chat.startStream / appendStream / stopStream; if Slack refuses (older workspace, or the
    stream expired) it goes quiet and the finished answer is posted or put in place instead.
    """

    def __init__(
        self,
        client: AsyncWebClient,
        place: Place,
        user: str,
        auth: dict[str, Any],
        before_first: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        self._client = client
        self._place = place
        self._user = user
        self._auth = auth
        self._before_first = before_first
        self.ts: str | None = None
        self.sent = ""
        self.broken = False

    async def write(self, text: str) -> None:
        if self.broken or not text:
            return
        try:
            if self.ts is None:
                if self._before_first is not None:
                    await self._before_first()
                resp = await self._client.chat_startStream(
                    channel=self._place.channel,
                    thread_ts=self._place.thread_ts,
                    markdown_text=b.escape(text),
                    recipient_user_id=self._user or None,
                    recipient_team_id=self._place.team or None,
                    **self._auth,
                )
                self.ts = str(resp["ts"])
            else:
                await self._client.chat_appendStream(
                    channel=self._place.channel,
                    ts=self.ts,
                    markdown_text=b.escape(text),
                    **self._auth,
                )
            self.sent += text
        except SlackApiError as exc:
            log.info("streaming unavailable: %s", _error(exc))
            self.broken = True

    async def finish(self, msg: b.SlackMessage, final_text: str) -> None:
        """Close the stream with the sources; replace it if the final answer differs."""
        if self.ts is None:
            return
        try:
            if self.broken or self.sent.strip() != final_text.strip():
                await self._client.chat_update(
                    channel=self._place.channel,
                    ts=self.ts,
                    text=msg.text,
                    blocks=msg.blocks,
                    **self._auth,
                )
            else:
                await self._client.chat_stopStream(
                    channel=self._place.channel,
                    ts=self.ts,
                    blocks=msg.blocks[1:] or None,
                    **self._auth,
                )
        except SlackApiError as exc:
            log.info("closing the stream failed: %s", _error(exc))
