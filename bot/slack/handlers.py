"""One small handler per kind of inbound work: translate, one service call, render, post."""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence

from slack_sdk.errors import SlackApiError

from bot.core.facts import FactName, Lang
from bot.core.language import detect_language
from bot.core.replies import NoticeReply
from bot.core.service import ConsultationService
from bot.core.state import Consultation, Place, Surface, Turn, TurnKind
from bot.logs import short_hash
from bot.metrics import Metrics
from bot.slack import blocks as b
from bot.slack.actions import VIEWER_ACTIONS, ActionValue, may_change, parse_action, turn_for_action
from bot.slack.inbound import Inbound, Kind, plain_text
from bot.slack.poster import SlackPoster, error_code
from bot.slack.turns import Turns, Work
from bot.texts import Texts, texts

log = logging.getLogger(__name__)

HELP = frozenset({"help", "도움말", "도움", "?"})
HISTORY = frozenset({"history", "기록", "내역"})
FORGET = frozenset({"forget", "삭제", "잊어줘"})
_CANNOT_POST = frozenset({"not_in_channel", "channel_not_found", "is_archived"})

Handler = Callable[[Work], Awaitable[None]]

# How a turn's consultation is found or made: ``open``, ``claim_new`` or ``create_unbound``.
Opener = Callable[[Place, str, Lang], Awaitable[Consultation]]


def place_of(i: Inbound, *, thread_ts: str | None = None, surface: Surface | None = None) -> Place:
    """Where an inbound unit happened (its own thread unless ``thread_ts`` says otherwise)."""
    return Place(
        surface=surface or i.surface,
        team=i.team,
        channel=i.channel,
        thread_ts=i.thread_ts if thread_ts is None else thread_ts,
        enterprise=i.enterprise,
    )


class Handlers:
    def __init__(
        self, svc: ConsultationService, turns: Turns, poster: SlackPoster, metrics: Metrics
    ) -> None:
        self._svc = svc
        self._turns = turns
        self._poster = poster
        self._metrics = metrics

    def table(self) -> dict[Kind, Handler]:
        return {
            "command": self.command,
            "message": self.message,
            "action": self.action,
            "home": self.home,
            "greet": self.greet,
            "assistant_started": self.assistant_started,
            "slow_down": self.slow_down,
            "shortcut": self.shortcut,
        }

    # -- commands and messages --------------------------------------------------------------

    async def command(self, w: Work) -> None:
        i = w.inbound
        text = i.text.strip()
        word = text.lower()
        t = texts(_lang(text))
        if word in HELP:
            await self._respond(i, b.help_message(t))
        elif word in HISTORY:
            await self._respond(i, b.history_message(await self._history(i.user), t))
        elif word in FORGET:
            count = await self._svc.forget(i.user, i.team)
            await self._respond(i, _plain(t.get("ui.forgot", count=count)))
        else:
            await self._begin_in_channel(w, text, t)

    async def _begin_in_channel(self, w: Work, text: str, t: Texts) -> None:
        """A consultation in the thread of a new channel message saying who started it."""
        i = w.inbound
        root = await self._post_root(w, text, t)
        if root is None:
            return
        ts, posted_now = root
        place = place_of(i, thread_ts=ts, surface="slash")
        # Posted a moment ago: nothing can be bound to its thread yet; the first save binds.
        await self._start(
            w, place, text, self._svc.create_unbound if posted_now else self._svc.open
        )

    async def _post_root(self, w: Work, text: str, t: Texts) -> tuple[str, bool] | None:
        """The channel message a slash-command consultation lives under (posted once), and
        whether it was posted just now.

        The intent is noted before posting and the message carries a tag, so a retry after a
        crash finds the message it already posted instead of posting a second one. Where it
        landed is noted only then, when a retry had to look for it: a first delivery that
        goes well (nearly all of them) spends no Redis round trip on it.
        """
        i = w.inbound
        marker, tag = f"root:{i.key}", f"root:{short_hash(i.key)}"
        channel = place_of(i, thread_ts="", surface="slash")
        if not w.fresh:
            existing = await self._svc.recall(marker)
            if existing:
                return existing, False
            intent = await self._svc.recall(f"intent:{marker}")
            if intent:
                landed = (await self._poster.tags_since(channel, float(intent) - 1)).get(tag)
                if landed:
                    await self._svc.note(marker, landed, user=i.user)
                    return landed, False
        await self._svc.note(f"intent:{marker}", f"{time.time():.6f}", user=i.user)
        try:
            ts = await self._poster.post(channel, b.root_message(i.user, text, t), tag=tag)
        except SlackApiError as exc:
            if error_code(exc) in _CANNOT_POST:
                await self._respond(i, _plain(t.get("ui.invite_me")))
                return None
            raise
        if not ts:
            return None
        return ts, True

    async def message(self, w: Work) -> None:
        i = w.inbound
        mention_or_dm = i.value == "mention" or i.surface == "dm"
        if i.thread_ts:
            place = place_of(i)
            found = await self._svc.find(place, bound=w.bound)
            if found is not None:
                if i.user != found.user and found.place.surface not in ("dm", "assistant"):
                    await self._not_owner_in_thread(i, found)
                    return
                turn = Turn(op_id=i.key, kind=TurnKind.TEXT, text=i.text, at=i.ts)
                await self._turns.run(w, found, turn)
                return
            if not mention_or_dm:
                return  # someone else's thread
            if i.surface == "dm":
                await self._poster.post(
                    place, b.notice_message(NoticeReply(key="expired"), texts(_lang(i.text)))
                )
            await self._start(w, place, i.text, self._svc.open)
            return
        if not mention_or_dm:
            return  # channel chatter
        await self._start(
            w,
            place_of(i, thread_ts=i.ts),
            i.text,
            self._svc.claim_new if w.fresh else self._svc.open,
        )

    async def _not_owner_in_thread(self, i: Inbound, c: Consultation) -> None:
        """Others may talk in a consultation's thread; tell them once that it is not theirs."""
        marker = f"told:{c.id}:{short_hash(i.team + i.user)}"
        if await self._svc.recall(marker):
            return
        await self._svc.note(marker, "1", user=i.user)
        await self._poster.ephemeral(
            c.place, i.user, b.not_owner_message(texts(c.lang), c.user, thread=True)
        )

    async def _start(self, w: Work, place: Place, text: str, opener: Opener) -> None:
        """``opener``: how the consultation is found or made (a place made by this very entry
        has nothing to look up)."""
        i = w.inbound
        c = await opener(place, i.user, _lang(text))
        if not text.strip():
            await self._svc.persist_new(c)
            await self._poster.post(place, b.greeting_message(texts("ko"), texts("en")))
            return
        await self._turns.run(w, c, Turn(op_id=i.key, kind=TurnKind.TEXT, text=text, at=i.ts))

    async def slow_down(self, w: Work) -> None:
        """Tell someone over the rate limit, once, where they wrote: only in our own threads."""
        i = w.inbound
        place = place_of(i, thread_ts=i.thread_ts or i.ts)
        found = await self._svc.find(place)
        if found is None and i.surface != "dm":
            return
        lang = found.lang if found else _lang(i.text)
        await self._poster.post(place, b.notice_message(NoticeReply(key="slow_down"), texts(lang)))

    async def shortcut(self, w: Work) -> None:
        """ "Decide with Explainer" on a message: read its whole thread, then consult there."""
        i = w.inbound
        place = place_of(i, thread_ts=i.thread_ts or i.message_ts, surface="mention")
        found = await self._svc.find(place)
        if found is not None:
            await self._respond(i, _plain(texts(found.lang).get("ui.already_here")))
            return
        try:
            said = await self._poster.thread(place)
        except SlackApiError as exc:
            if error_code(exc) in (*_CANNOT_POST, "thread_not_found", "missing_scope"):
                await self._respond(i, _plain(texts("en").get("ui.invite_me")))
                return
            raise
        words = [plain_text(text) for _, text in said]
        discussion = "\n".join(w for w in words if w)
        if not discussion:
            await self._respond(i, b.notice_message(NoticeReply(key="empty"), texts("en")))
            return
        c = await self._svc.open(place, i.user, _lang(discussion))
        turn = Turn(op_id=i.key, kind=TurnKind.TEXT, text=discussion, at=i.ts)
        await self._turns.run(w, c, turn)
        read = await self._svc.load(c.id)
        if read is not None and read.evidence:
            who = _speakers(read.evidence, said)
            await self._poster.post(place, b.discussion_message(texts(read.lang), who))

    # -- buttons ----------------------------------------------------------------------------

    async def action(self, w: Work) -> None:
        i = w.inbound
        if i.action == b.SHARE_ACTION:
            await self._share(i)
            return
        v = parse_action(i.action, i.value)
        c = await self._svc.load(v.cid) if v.cid else None
        if c is None:
            await self._respond(i, b.notice_message(NoticeReply(key="expired"), texts("en")))
            return
        t = texts(c.lang)
        owner = may_change(i, c)
        if i.action in VIEWER_ACTIONS:
            await self._viewer_action(w, c, v, t, owner=owner)
            return
        if not owner:
            self._metrics.refused.labels("not_owner").inc()
            await self._respond(i, b.not_owner_message(t, c.user))
            return
        turn = turn_for_action(i, c, v)
        if turn is None:
            return
        # A question turns into its answer; a card, or what was understood, stays as it is.
        leaves = (TurnKind.RESTART, TurnKind.CORRECT)
        if i.message_ts and turn.kind not in leaves and i.action != b.REVISE_ACTION:
            await self._poster.update(
                place_of(i, thread_ts=""),
                i.message_ts,
                b.answered_message(t, _label(turn, t), kept=i.kept),
            )
        await self._turns.run(w, c, turn)

    async def _viewer_action(
        self, w: Work, c: Consultation, v: ActionValue, t: Texts, *, owner: bool
    ) -> None:
        """Presses that only read: allowed to anyone who can see the message."""
        i = w.inbound
        native = (b.FEEDBACK_ACTION, b.ANSWER_FEEDBACK_ACTION)
        if i.action in (*native, b.FEEDBACK_UP_ACTION, b.FEEDBACK_DOWN_ACTION):
            old_style = i.action.removeprefix("feedback_")
            vote = (v.choice or "") if i.action in native else old_style
            about = "answer" if i.action == b.ANSWER_FEEDBACK_ACTION else "card"
            await self._svc.record_feedback(c.id, i.user, vote, about=about)
            await self._respond(i, _plain(t.get("ui.feedback_thanks")))
        elif i.action == b.EXPORT_ACTION and owner:
            await self._turns.share_record(c)
        elif i.action in (b.EXPORT_ACTION, b.SHARED_EXPORT_ACTION):
            await self._respond(i, self._turns.export(c))
        elif i.action == b.SHARED_NEW_ACTION:
            # The presser's own consultation, in the channel where they pressed.
            await self._begin_in_channel(w, "", t)

    async def _share(self, i: Inbound) -> None:
        target = i.value  # the channel picked in the conversation select
        source = await self._svc.find(place_of(i, surface="dm"))
        t = texts(source.lang if source else "en")
        if source is None or source.outcome is None or not target:
            await self._respond(i, b.notice_message(NoticeReply(key="expired"), t))
            return
        if source.user != i.user:
            await self._respond(i, b.not_owner_message(t, source.user))
            return
        there = place_of(i, thread_ts="").model_copy(update={"channel": target})
        try:
            await self._poster.post(there, self._turns.card(source, shared=True))
        except SlackApiError as exc:
            if error_code(exc) in _CANNOT_POST:
                await self._respond(i, _plain(t.get("ui.invite_me")))
                return
            raise
        await self._respond(i, _plain(t.get("ui.shared")))

    # -- everything else --------------------------------------------------------------------

    async def home(self, w: Work) -> None:
        i = w.inbound
        view = b.home_view(texts("ko"), texts("en"), await self._history(i.user))
        await self._poster.publish_home(place_of(i), i.user, view)

    async def greet(self, w: Work) -> None:
        place = place_of(w.inbound, thread_ts="", surface="dm")
        await self._poster.post(place, b.greeting_message(texts("ko"), texts("en")))

    async def assistant_started(self, w: Work) -> None:
        i = w.inbound
        place = place_of(i, surface="assistant")
        await self._poster.call(
            "assistant.threads.setSuggestedPrompts",
            place,
            channel_id=i.channel,
            thread_ts=i.thread_ts,
            prompts=b.suggested_prompts("en"),
        )
        # Stored now, so the user's first message in the thread finds its consultation.
        await self._svc.persist_new(await self._svc.open(place, i.user))
        await self._poster.post(place, b.greeting_message(texts("ko"), texts("en")))

    async def _history(self, user: str) -> list[tuple[str, str, str]]:
        items = []
        for c in await self._svc.history(user, limit=10):
            if c.outcome is None:
                continue
            t = texts(c.lang)
            when = time.strftime("%Y-%m-%d", time.gmtime(c.updated_at))
            items.append((when, t.get(f"outcome.{c.outcome.value}"), c.facts.use_case or ""))
        return items

    async def _respond(self, i: Inbound, msg: b.SlackMessage) -> None:
        await self._poster.respond(i.response_url, place_of(i), i.user, msg)


def _lang(text: str) -> Lang:
    return detect_language(text, default="en") if text.strip() else "en"


def _plain(text: str) -> b.SlackMessage:
    return b.SlackMessage(text=b.escape(text), blocks=[])


def _speakers(
    evidence: Mapping[FactName, str], said: Sequence[tuple[str, str]]
) -> list[tuple[FactName, str, str]]:
    """(fact, who said it, their words) for each fact read from the discussion."""
    found = []
    for fact, quote in evidence.items():
        who = next((u for u, text in said if quote and quote in plain_text(text)), "")
        if who:
            found.append((fact, who, quote))
    return found


def _label(turn: Turn, t: Texts) -> str:
    if turn.kind is TurnKind.CHOICE and turn.fact and turn.choice:
        return t.option_label(turn.fact.value, turn.choice)
    if turn.kind is TurnKind.SKIP:
        return t.get("ui.skip")
    return t.get("ui.decide_now")
