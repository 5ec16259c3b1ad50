"""The Slack handlers in process: real service, offline model and knowledge base, a fake client."""

from __future__ import annotations

import asyncio
import itertools
import re
import time
from typing import Any

import pytest

from bot.core.facts import FactName, Lang
from bot.core.ports import Extraction, LanguageModel
from bot.core.service import ConsultationService
from bot.core.state import Consultation, Place, Status
from bot.knowledge.base import KnowledgeBase
from bot.llm.offline import OfflineLanguageModel
from bot.metrics import Metrics
from bot.slack import blocks as b
from bot.slack.handlers import Handlers
from bot.slack.inbound import Inbound
from bot.slack.poster import SlackPoster
from bot.slack.turns import Turns, Work
from bot.texts import texts
from testkit.fake_slack import FakeSlackClient
from testkit.fakes import MemoryStore

KB = KnowledgeBase.load()
A, B = "UAAAA0001", "UBBBB0002"
TEAM, OTHER_TEAM = "T0000001", "T0000002"
CHANNEL, DM_A, ELSEWHERE = "C0000001", "D000000A", "C0000009"
FIRST = "We run a support bot over our policy docs, which change every week. Accuracy matters most."


class Bot:
    def __init__(self, lm: LanguageModel | None = None, status_delay: float = 0.0) -> None:
        self.slack = FakeSlackClient()
        self.store = MemoryStore()
        self.tokens: list[tuple[str, str]] = []
        ids = itertools.count(1)
        self.svc = ConsultationService(
            self.store,
            lm or OfflineLanguageModel(),
            KB,
            clock=time.time,
            new_id=lambda: f"c{next(ids):04d}",
        )
        self.metrics = Metrics()
        poster = SlackPoster(
            self.slack, metrics=self.metrics, tokens=self._token, respond=self.slack.respond
        )
        turns = Turns(self.svc, KB, poster, self.metrics, status_delay)
        self.table = Handlers(self.svc, turns, poster, self.metrics).table()
        self._keys = itertools.count(1)

    async def _token(self, team: str, enterprise: str = "") -> str | None:
        self.tokens.append((team, enterprise))
        return f"xoxb-{enterprise or team}"

    async def do(self, i: Inbound, *, fresh: bool = True) -> Work:
        w = Work(i, fresh=fresh)
        await self.table[i.kind](w)
        return w

    def key(self, prefix: str) -> str:
        return f"{prefix}:{next(self._keys)}"

    async def message(
        self, text: str, *, user: str = A, channel: str = DM_A, thread_ts: str = "", **kw: Any
    ) -> Work:
        ts = f"1700001000.{next(self._keys):06d}"
        surface = "dm" if channel.startswith("D") else "mention"
        return await self.do(
            Inbound(
                kind="message",
                key=f"msg:{channel}:{ts}",
                team=kw.pop("team", TEAM),
                channel=channel,
                user=user,
                ts=ts,
                thread_ts=thread_ts,
                surface=surface,
                text=text,
                value="mention" if surface == "mention" else "",
                **kw,
            )
        )

    async def press(
        self, action: str, value: str, *, user: str, channel: str, team: str = TEAM, **kw: Any
    ) -> Work:
        return await self.do(
            Inbound(
                kind="action",
                key=self.key("act"),
                team=team,
                channel=channel,
                user=user,
                action=action,
                value=value,
                response_url=f"https://hooks.example/{user}",
                **kw,
            )
        )

    async def only(self) -> Consultation:
        [blob] = self.store.blobs.values()
        return Consultation.from_blob(blob)


def _question_button(slack: FakeSlackClient) -> dict[str, Any]:
    for m in reversed(slack.messages):
        for block in m.blocks:
            for el in block.get("elements", []):
                if str(el.get("action_id", "")).startswith(b.ANSWER_ACTION_PREFIX + ":"):
                    return dict(el)
    raise AssertionError("no question was posted")


async def _channel_consultation(bot: Bot) -> Consultation:
    await bot.message(FIRST, channel=CHANNEL)
    return await bot.only()


# -- ownership -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "value"),
    [
        ("answer", None),
        (b.DECIDE_NOW_ACTION, None),
        (b.SKIP_ACTION, None),
        (b.RESTART_ACTION, None),
        (b.REVISE_ACTION, "{cid}|docs_change|never"),
        (b.CORRECT_ACTION, "{cid}|docs_change|never"),
    ],
)
async def test_someone_else_cannot_change_a_consultation(action: str, value: str | None) -> None:
    bot = Bot()
    before = await _channel_consultation(bot)
    if action == "answer":
        button = _question_button(bot.slack)
        action, value = button["action_id"], button["value"]
    value = (value or "{cid}").format(cid=before.id)
    posted = len(bot.slack.messages)
    await bot.press(action, value, user=B, channel=CHANNEL, thread_ts=before.place.thread_ts)
    after = await bot.only()
    assert after.version == before.version and after.facts == before.facts
    assert len(bot.slack.messages) == posted  # nothing new in A's thread
    [(url, body)] = bot.slack.responses
    assert url.endswith(B) and body["response_type"] == "ephemeral"
    assert f"<@{A}>" in body["text"] and "/explainer" in body["text"]
    assert bot.metrics.refused.labels("not_owner")._value.get() == 1


async def test_the_owner_can_press_from_the_same_place_only() -> None:
    bot = Bot()
    c = await _channel_consultation(bot)
    await bot.press(b.DECIDE_NOW_ACTION, c.id, user=A, channel=CHANNEL, team=OTHER_TEAM)
    await bot.press(b.DECIDE_NOW_ACTION, c.id, user=A, channel=ELSEWHERE)
    assert (await bot.only()).status is Status.ACTIVE
    await bot.press(b.DECIDE_NOW_ACTION, c.id, user=A, channel=CHANNEL)
    assert (await bot.only()).status is Status.DECIDED


async def test_viewers_may_export_and_vote_and_get_the_answer_where_they_pressed() -> None:
    bot = Bot()
    c = await _channel_consultation(bot)
    await bot.press(b.DECIDE_NOW_ACTION, c.id, user=A, channel=CHANNEL)
    posted = len(bot.slack.messages)
    await bot.press(b.EXPORT_ACTION, c.id, user=B, channel=CHANNEL)
    await bot.press(b.FEEDBACK_ACTION, f"{c.id}|up", user=B, channel=CHANNEL)
    assert len(bot.slack.messages) == posted  # the viewer's export is theirs alone
    urls = [url for url, _ in bot.slack.responses]
    assert urls == [f"https://hooks.example/{B}"] * 2
    assert "```" in str(bot.slack.responses[0][1]["blocks"])
    assert bot.store.votes[c.id] == {B: "up"}
    # Cards posted before the native thumbs still count.
    await bot.press(b.FEEDBACK_DOWN_ACTION, c.id, user=A, channel=CHANNEL)
    assert bot.store.votes[c.id] == {B: "up", A: "down"}
    # Thumbs under a side answer are a vote about the answers, not about the card.
    await bot.press(b.ANSWER_FEEDBACK_ACTION, f"{c.id}|down", user=B, channel=CHANNEL)
    assert bot.store.votes[c.id] == {B: "up", A: "down", f"{B}|answer": "down"}
    # The owner's export goes into the thread, as before.
    await bot.press(b.EXPORT_ACTION, c.id, user=A, channel=CHANNEL)
    assert len(bot.slack.messages) == posted + 1


async def test_a_shared_card_acts_for_the_presser_never_on_the_original() -> None:
    bot = Bot()
    await bot.message(FIRST)
    c = await bot.only()
    await bot.press(b.DECIDE_NOW_ACTION, c.id, user=A, channel=DM_A)
    await bot.press(b.SHARE_ACTION, ELSEWHERE, user=A, channel=DM_A, thread_ts=c.place.thread_ts)
    shared = bot.slack.messages[-1]
    assert shared.channel == ELSEWHERE
    ids = {el.get("action_id") for blk in shared.blocks for el in blk.get("elements", [])}
    assert {b.SHARED_EXPORT_ACTION, b.SHARED_NEW_ACTION} <= ids
    assert not ids & {b.RESTART_ACTION, b.REVISE_ACTION, b.SHARE_ACTION}
    decided = await bot.only()
    # An old-style card button pressed in the channel must not reach the DM consultation.
    await bot.press(b.RESTART_ACTION, c.id, user=B, channel=ELSEWHERE)
    await bot.press(b.RESTART_ACTION, c.id, user=A, channel=ELSEWHERE)
    assert (await bot.only()).version == decided.version
    assert all(m.channel != DM_A for m in bot.slack.messages[-1:])
    # "Start my own" gives the presser a consultation of their own in that channel.
    await bot.press(b.SHARED_NEW_ACTION, c.id, user=B, channel=ELSEWHERE)
    theirs = [Consultation.from_blob(x) for x in bot.store.blobs.values()]
    mine = [x for x in theirs if x.user == B]
    assert len(mine) == 1 and mine[0].place.channel == ELSEWHERE and mine[0].id != c.id
    assert (await bot.svc.load(c.id)) == decided


async def test_only_the_owner_shares_a_dm_card() -> None:
    bot = Bot()
    await bot.message(FIRST)
    c = await bot.only()
    await bot.press(b.DECIDE_NOW_ACTION, c.id, user=A, channel=DM_A)
    posted = len(bot.slack.messages)
    await bot.press(b.SHARE_ACTION, ELSEWHERE, user=B, channel=DM_A, thread_ts=c.place.thread_ts)
    assert len(bot.slack.messages) == posted


async def test_others_in_a_channel_thread_are_told_once_and_change_nothing() -> None:
    bot = Bot()
    c = await _channel_consultation(bot)
    posted = len(bot.slack.messages)
    for _ in range(2):
        await bot.message(
            "we have no documents at all", user=B, channel=CHANNEL, thread_ts=c.place.thread_ts
        )
    assert (await bot.only()).version == c.version
    assert len(bot.slack.messages) == posted
    [told] = bot.slack.ephemerals
    assert told["user"] == B and told["thread_ts"] == c.place.thread_ts
    assert f"<@{A}>" in told["text"]
    # The owner's reply still advances it.
    await bot.message("we have no documents", user=A, channel=CHANNEL, thread_ts=c.place.thread_ts)
    assert (await bot.only()).version > c.version


# -- platform --------------------------------------------------------------------------------


async def test_the_first_message_in_an_assistant_thread_is_not_told_it_expired() -> None:
    bot = Bot()
    started = Inbound(
        kind="assistant_started",
        key="ev:1",
        team=TEAM,
        user=A,
        channel=DM_A,
        thread_ts="1700000500.000001",
        surface="assistant",
    )
    await bot.do(started)
    await bot.message(FIRST, thread_ts="1700000500.000001")
    expired = {texts(lang).get("notice.expired") for lang in ("ko", "en")}
    assert not expired & {m.text for m in bot.slack.messages}
    c = await bot.only()
    assert c.turns == 1 and c.place.surface == "assistant"


async def test_status_and_streaming_also_run_in_channel_threads() -> None:
    bot = Bot()
    c = await _channel_consultation(bot)
    await bot.message(
        "what is RAG and how is it different from fine-tuning?",
        channel=CHANNEL,
        thread_ts=c.place.thread_ts,
    )
    statuses = [a for m, a in bot.slack.calls if m == "assistant.threads.setStatus"]
    assert statuses and all(s["thread_ts"] == c.place.thread_ts for s in statuses)


class _SlowReader(OfflineLanguageModel):
    """Reads a message as the offline model does, a moment later (a remote model's pace)."""

    async def extract(self, text: str, lang: Lang, pending: FactName | None = None) -> Extraction:
        await asyncio.sleep(0.3)
        return await super().extract(text, lang, pending)


def _statuses(bot: Bot) -> list[str]:
    return [a["status"] for m, a in bot.slack.calls if m == "assistant.threads.setStatus"]


async def test_a_quick_turn_shows_no_thinking_status() -> None:
    bot = Bot(status_delay=5.0)
    c = await _channel_consultation(bot)
    await bot.message(FIRST, channel=CHANNEL, thread_ts=c.place.thread_ts)
    assert _statuses(bot) == []
    assert bot.slack.messages  # the reply came all the same


async def test_a_slow_turn_shows_thinking_before_its_reply() -> None:
    bot = Bot(_SlowReader(), status_delay=0.05)
    c = await _channel_consultation(bot)
    bot.slack.calls.clear()
    await bot.message(FIRST, channel=CHANNEL, thread_ts=c.place.thread_ts)
    methods = [m for m, _ in bot.slack.calls]
    assert _statuses(bot) == ["is thinking…"]  # Slack clears it with the reply
    assert methods.index("assistant.threads.setStatus") < methods.index("chat.postMessage")


async def test_tokens_are_looked_up_with_the_enterprise_of_an_org_install() -> None:
    bot = Bot()
    await bot.message(FIRST, enterprise="E0000001")
    assert ("T0000001", "E0000001") in bot.tokens
    assert {m.token for m in bot.slack.messages} == {"xoxb-E0000001"}
    assert (await bot.only()).place.enterprise == "E0000001"


# -- exactly once ----------------------------------------------------------------------------


def _command(key: str = "cmd:trigger-1", text: str = FIRST) -> Inbound:
    return Inbound(
        kind="command",
        key=key,
        team=TEAM,
        channel=CHANNEL,
        user=A,
        surface="slash",
        text=text,
        response_url="https://hooks.example/cmd",
    )


async def test_a_crash_after_the_root_post_gives_one_root_message() -> None:
    bot = Bot()
    # The root lands, then the first reply fails: the entry is retried from the start.
    bot.slack.fail("chat.postMessage", "internal_error", after=1)
    with pytest.raises(Exception, match="internal_error"):
        await bot.do(_command())
    bot.store.markers = {k: v for k, v in bot.store.markers.items() if not k.startswith("root:")}
    await bot.do(_command(), fresh=False)
    roots = [m for m in bot.slack.messages if m.channel == CHANNEL and not m.thread_ts]
    assert len(roots) == 1
    c = await bot.only()
    assert c.place.thread_ts == roots[0].ts and c.turns == 1


async def test_a_retried_turn_posts_only_the_replies_that_did_not_land() -> None:
    bot = Bot()
    first = Inbound(
        kind="message", key="msg:D000000A:1700000001.000001", team=TEAM, channel=DM_A,
        user=A, ts="1700000001.000001", surface="dm", text=f"{FIRST} What is RAG, briefly?",
    )  # fmt: skip
    # The first message gets more than one post (what was understood, the side answer, the
    # question); the second post fails and the entry is retried from the start.
    bot.slack.fail("chat.postMessage", "internal_error", after=1)
    with pytest.raises(Exception, match="internal_error"):
        await bot.do(first)
    assert len(bot.slack.messages) == 1
    await bot.do(first, fresh=False)
    c = await bot.only()
    replies = bot.slack.in_thread(DM_A, c.place.thread_ts)
    tags = [m.metadata["event_payload"]["tag"] for m in replies if m.metadata]
    assert len(replies) == len(tags) == len(set(tags)) >= 2
    assert c.turns == 1


async def test_a_retried_turn_does_not_repost_a_question_posted_with_what_was_understood() -> None:
    bot = Bot()
    first = Inbound(
        kind="message", key="msg:D000000A:1700000002.000001", team=TEAM, channel=DM_A,
        user=A, ts="1700000002.000001", surface="dm", text=FIRST,
    )  # fmt: skip
    await bot.do(first)
    assert len(bot.slack.messages) == 1  # what was understood, with the first question
    # The unit of work is delivered again after its post landed (a worker died before acking).
    await bot.do(first, fresh=False)
    assert len(bot.slack.messages) == 1


async def test_a_streamed_answer_is_buffered_stopped_first_and_has_no_links() -> None:
    from bot.slack.poster import SlackStream

    slack = FakeSlackClient()
    place = Place(surface="dm", team=TEAM, channel=DM_A, thread_ts="1700000000.000001")
    stream = SlackStream(slack, place, A, {})
    pieces = ["See [docs](https://evil.example) ", *(["word "] * 120)]
    for p in pieces:
        await stream.write(p)
    appends = [m for m in slack.methods() if m in ("chat.startStream", "chat.appendStream")]
    assert 1 <= len(appends) <= len("".join(pieces)) // 256 + 1 < len(pieces)
    msg = b.SlackMessage(text="final", blocks=[{"type": "section"}])
    assert await stream.finish(msg, "a different final answer", tag="t:0")
    after_first = slack.methods()[len(appends) :]
    assert after_first.index("chat.stopStream") < after_first.index("chat.update")
    streamed = slack.messages[0].streamed
    assert "\\[docs\\](https://evil.example)" in streamed
    assert re.search(r"(?<!\\)\]\(", streamed) is None
    assert slack.messages[0].metadata == {
        "event_type": "explainer_reply",
        "event_payload": {"tag": "t:0"},
    }


# -- the decision record ---------------------------------------------------------------------


async def _decided(bot: Bot) -> Consultation:
    c = await _channel_consultation(bot)
    await bot.press(b.DECIDE_NOW_ACTION, c.id, user=A, channel=CHANNEL)
    return await bot.only()


async def test_the_owners_export_is_a_canvas_with_the_whole_record() -> None:
    bot = Bot()
    c = await _decided(bot)
    await bot.press(b.EXPORT_ACTION, c.id, user=A, channel=CHANNEL)
    [canvas] = bot.slack.canvases
    markdown = canvas["document_content"]["markdown"]
    assert canvas["channel_id"] == CHANNEL and not markdown.endswith("…")
    assert c.id in markdown and len(markdown) > 1000
    link = bot.slack.messages[-1]
    assert link.thread_ts == c.place.thread_ts and "/docs/T1/F00000001|" in str(link.blocks)


async def test_without_canvases_the_record_is_uploaded_then_posted() -> None:
    bot = Bot()
    c = await _decided(bot)
    bot.slack.fail("canvases.create", "team_tier_cannot_create_canvases")
    await bot.press(b.EXPORT_ACTION, c.id, user=A, channel=CHANNEL)
    [upload] = bot.slack.uploads
    assert upload["thread_ts"] == c.place.thread_ts and upload["filename"].endswith(".md")
    assert c.id in upload["content"]
    bot.slack.fail("canvases.create", "missing_scope")
    bot.slack.fail("files.uploadV2", "missing_scope")
    posted = len(bot.slack.messages)
    await bot.press(b.EXPORT_ACTION, c.id, user=A, channel=CHANNEL)
    assert len(bot.slack.messages) == posted + 1
    assert "```" in str(bot.slack.messages[-1].blocks)


# -- a consultation from an existing discussion ----------------------------------------------


async def test_the_shortcut_reads_the_whole_discussion_and_says_who_said_what() -> None:
    bot = Bot()
    root = bot.slack.said(CHANNEL, "", A, "Should we fine-tune for the support bot?")
    bot.slack.said(CHANNEL, root, B, "Our policy documents change every week.")
    bot.slack.said(CHANNEL, root, A, "We have no labelled examples at all.")
    shortcut = Inbound(
        kind="shortcut",
        key="sc:1",
        team=TEAM,
        channel=CHANNEL,
        user=A,
        message_ts=root,
        response_url="https://hooks.example/sc",
    )
    await bot.do(shortcut)
    c = await bot.only()
    assert c.place.thread_ts == root and c.user == A
    assert c.facts.docs_change is not None and c.facts.data_amount is not None
    [said] = [m for m in bot.slack.in_thread(CHANNEL, root) if "<@" in str(m.blocks)]
    text = str(said.blocks)
    assert f"<@{B}>" in text and f"<@{A}>" in text
    # Again on the same thread: no second consultation.
    await bot.do(shortcut.model_copy(update={"key": "sc:2"}))
    assert len(bot.store.blobs) == 1 and bot.slack.responses


async def test_a_side_answer_carries_thumbs_for_the_answer() -> None:
    bot = Bot()
    c = await _channel_consultation(bot)
    await bot.message("what is RAG exactly?", channel=CHANNEL, thread_ts=c.place.thread_ts)
    answers = [
        m
        for m in bot.slack.in_thread(CHANNEL, c.place.thread_ts)
        if any(b_.get("type") == "context_actions" for b_ in m.blocks)
    ]
    assert answers, "the side answer has no feedback buttons"
    [thumbs] = [
        e for b_ in answers[-1].blocks if b_["type"] == "context_actions" for e in b_["elements"]
    ]
    assert thumbs["action_id"] == b.ANSWER_FEEDBACK_ACTION
    assert thumbs["positive_button"]["value"] == f"{c.id}|up"
