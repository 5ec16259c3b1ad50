"""End to end over real HTTP: signed requests -> `explainer serve` -> real Redis -> mock Slack.

Run with ``pytest -k e2e -s`` to print readable transcripts.
"""

from __future__ import annotations

import asyncio
import io
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import redis

from testkit.bot_process import BotProcess, start_bot
from testkit.mock_slack import Call, MockSlack
from testkit.redis_servers import RedisServer
from testkit.slack_client import SlackSender

pytestmark = pytest.mark.e2e


@dataclass
class Bot:
    slack: MockSlack
    sender: SlackSender
    redis: redis.Redis
    process: BotProcess

    @property
    def base(self) -> str:
        return self.process.base


@pytest.fixture(scope="module")
def bot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bot]:
    tmp = tmp_path_factory.mktemp("e2e")
    server = RedisServer(tmp / "redis")
    server.start()
    slack = MockSlack()
    slack.start_in_thread()
    # "Thinking" at once, so the offline turns (quicker than its usual delay) show it.
    process = start_bot(tmp, slack.url, server.url, EXPLAINER_STATUS_DELAY="0")
    try:
        yield Bot(slack, SlackSender(process.events_url), redis.Redis.from_url(server.url), process)
    finally:
        process.terminate()
        slack.stop()
        server.kill()
        logs = process.logs()
        # Logs carry ids and sizes, never what users wrote or tokens.
        assert "xoxb-test" not in logs
        assert "reviewed Q&A" not in logs


def _in_thread(ts: str) -> Any:
    return lambda c: c.args.get("thread_ts") == ts


def _buttons(call: Call) -> dict[str, str]:
    out: dict[str, str] = {}
    for block in call.args.get("blocks") or []:
        for el in block.get("elements", []) if block.get("type") == "actions" else []:
            if el.get("type") == "button":
                out[el["action_id"]] = el.get("value", "")
    return out


def _is_card(c: Call) -> bool:
    return (c.args.get("metadata") or {}).get("event_type") == "explainer_decision"


def _is_understood(c: Call) -> bool:
    """What was understood (alone, or with the next question): every line comes with a menu
    to correct it."""
    blocks = c.args.get("blocks") or []
    return any((b.get("accessory") or {}).get("action_id") == "correct" for b in blocks)


def _asks_in(block: dict[str, Any]) -> bool:
    return any(e.get("action_id") == "decide_now" for e in block.get("elements", []) or [])


def _asks(c: Call) -> bool:
    """A question: it comes with the decide-now button."""
    return any(_asks_in(b) for b in c.args.get("blocks") or [])


def _corrections(call: Call) -> dict[str, tuple[str, str]]:
    """What each correction option of an understood message says -> (value, menu type)."""
    out: dict[str, tuple[str, str]] = {}
    for block in call.args.get("blocks") or []:
        menu = block.get("accessory") or {}
        if menu.get("action_id") != "correct":
            continue
        if menu["type"] == "button":
            out[menu["value"]] = (menu["text"]["text"], "button")
        for option in menu.get("options", []):
            out[option["value"]] = (option["text"]["text"], "overflow")
    return out


async def _posts(bot: Bot, thread: str, count: int, *, where: Any = None) -> list[Call]:
    """Posts in the thread that match ``where``; by default all but what was understood alone
    (what was understood with the next question is a question)."""

    def match(c: Call) -> bool:
        wanted = where(c) if where is not None else not c.understood_alone
        return bool(c.ok and c.args.get("thread_ts") == thread and wanted)

    return await bot.slack.wait_for("chat.postMessage", count=count, where=match, timeout=15)


def _print_transcript(bot: Bot, title: str, channel: str) -> None:
    print(f"\n===== {title} =====")
    keep = False
    for line in bot.slack.transcript():
        if not line.startswith(" "):
            keep = f" {channel} " in f"{line} "
        if keep:
            print(line)


async def test_e2e_slash_command_to_decision_card(bot: Bot) -> None:
    ch, user = "C100", "U100"
    sent = await bot.sender.command(
        "We're building a customer support bot; the tone and format must always be consistent",
        channel=ch,
        user=user,
        response_url=bot.slack.response_url("slash"),
    )
    assert sent.status == 200
    root = (
        await bot.slack.wait_for(
            "chat.postMessage",
            where=lambda c: c.args.get("channel") == ch and not c.args.get("thread_ts"),
        )
    )[0]
    root_ts = root.response["ts"]
    assert "<@U100>" in root.args["text"]
    q1 = (await _posts(bot, root_ts, 1))[0]
    assert "decide_now" in _buttons(q1)
    assert q1.args.get("unfurl_links") is False

    # A free-text reply in the thread continues the consultation.
    await bot.sender.event(
        {
            "type": "message",
            "channel": ch,
            "channel_type": "channel",
            "user": user,
            "text": "We have 20k reviewed Q&A pairs",
            "ts": f"{time.time():.6f}",
            "thread_ts": root_ts,
        }
    )
    q2 = (await _posts(bot, root_ts, 2))[-1]
    answer_buttons = [a for a in _buttons(q2) if a.startswith("answer:")]
    assert answer_buttons
    # A button answer, then decide now.
    await bot.sender.action(
        answer_buttons[-1],
        _buttons(q2)[answer_buttons[-1]],
        channel=ch,
        user=user,
        message_ts=q2.response["ts"],
        thread_ts=root_ts,
    )
    latest = (await _posts(bot, root_ts, 3))[-1]
    if not _is_card(latest):
        cid = _buttons(latest)["decide_now"]
        await bot.sender.action(
            "decide_now",
            cid,
            channel=ch,
            user=user,
            message_ts=latest.response["ts"],
            thread_ts=root_ts,
        )
    card = (await _posts(bot, root_ts, 1, where=_is_card))[0]
    payload = card.args["metadata"]["event_payload"]
    assert payload["recommendation"] in {"fine_tuning", "prompting", "prompting_rag_fine_tuning"}
    assert payload["language"] == "en"
    assert payload["consultation_id"] == _buttons(q1)["decide_now"]
    assert payload["facts"]["goals"] == ["consistency"]
    # The pressed question lost its buttons.
    updates = bot.slack.calls_to("chat.update")
    assert any(u.args.get("ts") == q2.response["ts"] for u in updates)
    _print_transcript(bot, "slash command (English)", ch)


async def test_e2e_mention_arriving_twice_gets_one_reply_in_korean(bot: Bot) -> None:
    ch, user, ts = "C200", "U200", f"{time.time():.6f}"
    event = {
        "channel": ch,
        "user": user,
        "ts": ts,
        "channel_type": "channel",
        "text": "<@UBOT> 고객지원 봇인데 최신 정책 문서를 반영해야 하고 문서가 매주 바뀌어요",
    }
    both = await asyncio.gather(
        bot.sender.event({**event, "type": "app_mention"}),
        bot.sender.event({**event, "type": "message"}),
    )
    assert [s.status for s in both] == [200, 200]
    first = (await _posts(bot, ts, 1))[0]
    await asyncio.sleep(1.0)
    thread = [c for c in bot.slack.calls_to("chat.postMessage") if c.args.get("thread_ts") == ts]
    # One post, however many deliveries: what was understood, with the first question.
    assert len(thread) == 1 and _is_understood(thread[0]) and _asks(thread[0])
    cid = _buttons(first)["decide_now"]
    await bot.sender.action(
        "decide_now", cid, channel=ch, user=user, message_ts=first.response["ts"], thread_ts=ts
    )
    card = (await _posts(bot, ts, 1, where=_is_card))[0]
    payload = card.args["metadata"]["event_payload"]
    assert payload["language"] == "ko"
    assert payload["recommendation"] in {"rag", "prompting_rag"}
    _print_transcript(bot, "@mention (Korean)", ch)


async def test_e2e_dm_consultation_with_retries_and_revise(bot: Bot) -> None:
    ch, user, ts = "D300", "U300", f"{time.time():.6f}"
    event = {
        "type": "message",
        "channel": ch,
        "channel_type": "im",
        "user": user,
        "ts": ts,
        "text": "Support bot: consistent tone matters; we have 50k curated examples",
    }
    # The same delivery four times (original + three retries), some concurrently.
    results = [await bot.sender.event(event, event_id="EvDM1")]
    results += await asyncio.gather(
        *(bot.sender.event(event, event_id="EvDM1", retry=n) for n in (1, 2, 3))
    )
    assert all(r.status == 200 for r in results)
    first = (await _posts(bot, ts, 1))[0]
    await asyncio.sleep(1.0)
    thread = [c for c in bot.slack.calls_to("chat.postMessage") if c.args.get("thread_ts") == ts]
    # One post, however many deliveries: what was understood, with the first question.
    assert len(thread) == 1 and _is_understood(thread[0]) and _asks(thread[0])
    cid = _buttons(first)["decide_now"]
    await bot.sender.action(
        "decide_now", cid, channel=ch, user=user, message_ts=first.response["ts"], thread_ts=ts
    )
    card = (await _posts(bot, ts, 1, where=_is_card))[0]
    assert card.args["metadata"]["event_payload"]["recommendation"] == "fine_tuning"
    actions = [e for b in card.args["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert {"revise", "restart", "export", "share"} <= {e["action_id"] for e in actions}
    # Revise: no labelled data after all -> a new card naming the change.
    await bot.sender.action(
        "revise",
        f"{cid}|data_amount|none",
        channel=ch,
        user=user,
        message_ts=card.response["ts"],
        thread_ts=ts,
        kind="static_select",
    )
    cards = await _posts(bot, ts, 2, where=_is_card)
    revised = cards[-1]
    assert revised.args["metadata"]["event_payload"]["recommendation"] == "prompting"
    text = " ".join(str(b) for b in revised.args["blocks"])
    assert "Fine-tuning" in text and "labelled data" in text
    # The decision record goes into a canvas tabbed in the conversation, linked in the thread.
    await bot.sender.action(
        "export", cid, channel=ch, user=user, message_ts=revised.response["ts"], thread_ts=ts
    )
    [link] = await _posts(bot, ts, 1, where=lambda c: "/docs/" in str(c.args.get("blocks")))
    [canvas] = bot.slack.canvases.values()
    assert canvas["channel_id"] == ch and cid in canvas["markdown"]
    assert canvas["title"] in str(link.args["blocks"])
    # "Thinking" is shown in the DM thread, each time before the reply that clears it.
    statuses = [
        c
        for c in bot.slack.calls_to("assistant.threads.setStatus")
        if c.args.get("thread_ts") == ts
    ]
    assert statuses and {c.args.get("status") for c in statuses} == {"is thinking…"}
    thread = [c for c in bot.slack.calls_to("chat.postMessage") if c.args.get("thread_ts") == ts]
    order = [id(c) for c in bot.slack.calls]
    assert order.index(id(statuses[-1])) < order.index(id(thread[-1]))
    _print_transcript(bot, "DM with revise", ch)


async def _correct(
    bot: Bot, understood: Call, value: str, *, thread: str, user: str, **kw: Any
) -> None:
    """Picks a correction from the understood message's menu for that line."""
    await bot.sender.action(
        "correct",
        value,
        channel=understood.args["channel"],
        user=user,
        message_ts=understood.response["ts"],
        thread_ts=thread,
        kind="overflow",
        **kw,
    )


WEEKLY_DOCS = "Our assistant must answer from policy documents that change every week"


async def _dm(bot: Bot, ch: str, user: str, ts: str, text: str) -> None:
    event = {"type": "message", "channel": ch, "channel_type": "im", "user": user, "ts": ts}
    await bot.sender.event({**event, "text": text})


async def test_e2e_dm_what_was_understood_is_corrected_with_one_click(bot: Bot) -> None:
    ch, user, ts = "D310", "U310", f"{time.time():.6f}"
    await _dm(bot, ch, user, ts, WEEKLY_DOCS)
    understood = (await _posts(bot, ts, 1, where=_is_understood))[0]
    question = (await _posts(bot, ts, 1))[0]
    assert understood == question  # one post: what I read, then what I ask
    ids = [b.get("block_id", "") for b in understood.args["blocks"]]
    asks = [n for n, b in enumerate(understood.args["blocks"]) if _asks_in(b)]
    assert ids[0].startswith("understood:") and asks
    assert max(n for n, i in enumerate(ids) if i.startswith("understood:")) < asks[0]
    shown = " ".join(str(b) for b in understood.args["blocks"])
    assert "Here is what I understood" in understood.args["text"]
    assert "documents answers must reflect" in shown and "Change often" in shown
    assert "from “" in shown and "week" in shown
    cid = _buttons(question)["decide_now"]
    menu = _corrections(understood)
    rarely = f"{cid}|docs_change|rarely"
    assert menu[rarely] == ("Rarely change", "overflow")
    assert menu[f"{cid}|docs_change|clear"] == ("That's not right", "overflow")

    # The same press delivered twice (a retry) is applied once.
    for _ in range(2):
        await _correct(bot, understood, rarely, thread=ts, user=user, trigger_id="trig.fix-310")
    again = (await _posts(bot, ts, 2))[-1]
    assert "decide_now" in _buttons(again)  # the open question, asked again
    await asyncio.sleep(1.0)
    assert len(await _posts(bot, ts, 2)) == 2
    assert not any(
        u.args.get("ts") == understood.response["ts"] for u in bot.slack.calls_to("chat.update")
    )

    await bot.sender.action(
        "decide_now", cid, channel=ch, user=user, message_ts=again.response["ts"], thread_ts=ts
    )
    card = (await _posts(bot, ts, 1, where=_is_card))[0]
    assert card.args["metadata"]["event_payload"]["facts"]["docs_change"] == "rarely"
    text = " ".join(str(b) for b in card.args["blocks"])
    assert "From your answers" in text and "Rarely change" in text
    _print_transcript(bot, "DM with a correction (English)", ch)


async def test_e2e_mention_correction_in_korean_drops_a_goal(bot: Bot) -> None:
    ch, user, ts = "C320", "U320", f"{time.time():.6f}"
    await bot.sender.event(
        {
            "type": "app_mention",
            "channel": ch,
            "user": user,
            "ts": ts,
            "text": "<@UBOT> 고객지원 봇인데 톤과 형식이 항상 일정해야 하고 문서가 매주 바뀌어요",
        }
    )
    understood = (await _posts(bot, ts, 1, where=_is_understood))[0]
    question = (await _posts(bot, ts, 1))[0]
    shown = " ".join(str(b) for b in understood.args["blocks"])
    assert "이렇게 이해했어요" in understood.args["text"]
    assert "목표" in shown and "일관성" in shown and "매주" in shown
    cid = _buttons(question)["decide_now"]
    menu = _corrections(understood)
    drop = f"{cid}|goals|drop:consistency"
    assert menu[drop] == ("목표가 아니에요", "overflow")
    assert menu[f"{cid}|goals|top:consistency"] == ("이게 가장 중요해요", "overflow")
    assert menu[f"{cid}|docs_change|clear"] == ("그건 아니에요", "overflow")

    await _correct(bot, understood, drop, thread=ts, user=user)
    again = (await _posts(bot, ts, 2))[-1]
    assert "decide_now" in _buttons(again)
    await bot.sender.action(
        "decide_now", cid, channel=ch, user=user, message_ts=again.response["ts"], thread_ts=ts
    )
    card = (await _posts(bot, ts, 1, where=_is_card))[0]
    payload = card.args["metadata"]["event_payload"]
    assert payload["language"] == "ko"
    assert "goals" not in payload["facts"] and payload["facts"]["docs_change"] == "often"
    assert payload["recommendation"] in {"rag", "prompting_rag"}
    assert "답변에서 확인한 내용" in " ".join(str(b) for b in card.args["blocks"])
    _print_transcript(bot, "@mention with a correction (Korean)", ch)


def _last_added(r: redis.Redis) -> Any:
    """The id of the last entry ever added to the inbox stream: the worker's trimming of what
    it has handled does not move it, as the stream's length does."""
    try:
        return r.xinfo_stream("explainer:{inbox}:stream")["last-generated-id"]
    except redis.ResponseError:
        return None  # no stream yet


async def test_e2e_bad_signature_and_stale_timestamp_store_nothing(bot: Bot) -> None:
    before = _last_added(bot.redis)
    seen_before = len(list(bot.redis.scan_iter("explainer:{inbox}:seen:*")))
    event = {
        "type": "message",
        "channel": "D400",
        "channel_type": "im",
        "user": "U400",
        "ts": f"{time.time():.6f}",
        "text": "secret text that must not be stored",
    }
    bad = await bot.sender.event(event, signature="v0=" + "0" * 64)
    # Well past the five-minute window: a second on the edge drifts in while the request travels.
    stale = await bot.sender.event(event, ts=int(time.time()) - 360)
    future = await bot.sender.event(event, ts=int(time.time()) + 360)
    assert (bad.status, stale.status, future.status) == (401, 401, 401)
    assert _last_added(bot.redis) == before
    assert len(list(bot.redis.scan_iter("explainer:{inbox}:seen:*"))) == seen_before


async def test_e2e_commands_help_history_forget_and_home(bot: Bot) -> None:
    user = "U300"  # has the DM consultation from the test above (or none, if run alone)
    url = bot.slack.response_url("help")
    assert (
        await bot.sender.command("help", channel="C500", user=user, response_url=url)
    ).status == 200
    await bot.slack.wait_for("response_url", where=lambda c: c.args.get("_key") == "help")
    hist = bot.slack.response_url("history")
    await bot.sender.command("history", channel="C500", user=user, response_url=hist)
    await bot.slack.wait_for("response_url", where=lambda c: c.args.get("_key") == "history")
    await bot.sender.event(
        {"type": "app_home_opened", "user": user, "tab": "home", "channel": "D300"}
    )
    await bot.slack.wait_for("views.publish", where=lambda c: c.args.get("user_id") == user)
    forget = bot.slack.response_url("forget")
    await bot.sender.command("forget", channel="C500", user=user, response_url=forget)
    await bot.slack.wait_for("response_url", where=lambda c: c.args.get("_key") == "forget")
    leftovers = [
        k
        for k in bot.redis.scan_iter("explainer:*")
        if b"U300" in k
        or (
            k.startswith(b"explainer:{c:")
            and bot.redis.type(k) == b"hash"
            and bot.redis.hget(k, "u") == b"U300"
        )
    ]
    assert leftovers == []


async def test_e2e_health_and_malformed_requests(bot: Bot) -> None:
    import aiohttp

    async with aiohttp.ClientSession() as s:
        async with s.get(f"{bot.base}/readyz") as r:
            assert r.status == 200
        async with s.post(
            f"{bot.base}/slack/events", data=io.BytesIO(b"x" * (2 * 1024 * 1024))
        ) as r:
            assert r.status == 413
    broken = await bot.sender.post("payload=%7Bnot-json", "application/x-www-form-urlencoded")
    assert 400 <= broken.status < 500
    not_json = await bot.sender.post("{not json", "application/json")
    assert 400 <= not_json.status < 500


async def test_e2e_assistant_thread_and_messages_tab_greet(bot: Bot) -> None:
    thread = {
        "user_id": "U600",
        "channel_id": "D600",
        "thread_ts": "1700000600.000100",
        "context": {},
    }
    await bot.sender.event({"type": "assistant_thread_started", "assistant_thread": thread})
    prompts = await bot.slack.wait_for(
        "assistant.threads.setSuggestedPrompts", where=lambda c: c.args.get("channel_id") == "D600"
    )
    assert len(prompts[0].args["prompts"]) >= 3
    await _posts(bot, "1700000600.000100", 1)
    for _ in range(2):  # opening the Messages tab twice greets once
        await bot.sender.event(
            {"type": "app_home_opened", "user": "U601", "tab": "messages", "channel": "D601"}
        )
    await bot.slack.wait_for("chat.postMessage", where=lambda c: c.args.get("channel") == "D601")
    await asyncio.sleep(1.0)
    assert (
        len([c for c in bot.slack.calls_to("chat.postMessage") if c.args.get("channel") == "D601"])
        == 1
    )


async def test_e2e_rejected_blocks_fall_back_to_plain_text_once(bot: Bot) -> None:
    ch, user, ts = "D700", "U700", f"{time.time():.6f}"
    bot.slack.fail_next("chat.postMessage", "invalid_blocks")
    await bot.sender.event(
        {
            "type": "message",
            "channel": ch,
            "channel_type": "im",
            "user": user,
            "ts": ts,
            "text": "we need answers from weekly docs",
        }
    )
    posted = await _posts(bot, ts, 1, where=lambda c: True)
    assert posted[0].args.get("blocks") in (None, [])
    assert posted[0].args["text"]
    attempts = [c for c in bot.slack.calls_to("chat.postMessage") if c.args.get("thread_ts") == ts]
    # The first reply fell back once, with no retry loop; any reply after it goes out as is.
    assert [c.error for c in attempts[:2]] == ["invalid_blocks", None]
    assert [c.error for c in attempts].count("invalid_blocks") == 1


async def test_e2e_hostile_text_is_posted_escaped(bot: Bot) -> None:
    ch = "C800"
    text = "<!channel> <!subteam^S1> <@U1> <https://evil|docs> &lt; tone matters"
    await bot.sender.command(
        text, channel=ch, user="U800", response_url=bot.slack.response_url("hostile")
    )
    root = (
        await bot.slack.wait_for("chat.postMessage", where=lambda c: c.args.get("channel") == ch)
    )[0]
    posted = root.args["text"] + str(root.args.get("blocks"))
    for raw in ("<!channel>", "<!subteam^S1>", "<@U1>", "<https://evil"):
        assert raw not in posted
    # Broadcasts and mentions dropped, the link's label kept, Slack's "&lt;" read as the "<"
    # the user typed and escaped once on the way out.
    assert "docs &lt; tone matters" in posted and "&amp;lt;" not in posted
    assert root.args.get("unfurl_links") is False and root.args.get("unfurl_media") is False
    assert "link_names" not in root.args
    # What was understood quotes the message's words: never as markup either.
    understood = (await _posts(bot, root.response["ts"], 1, where=_is_understood))[0]
    posted = understood.args["text"] + str(understood.args["blocks"])
    for raw in ("<!channel>", "<!subteam^S1>", "<@U1>", "<https://evil"):
        assert raw not in posted


async def test_e2e_zz_metrics_after_consultations(bot: Bot) -> None:
    """Runs after the consultations above (module order): the series carry their counts."""
    import aiohttp
    from prometheus_client.parser import text_string_to_metric_families

    async with aiohttp.ClientSession() as s, s.get(f"{bot.base}/metrics") as r:
        assert r.status == 200
        text = await r.text()
    samples = {
        (smp.name, tuple(sorted(smp.labels.items()))): smp.value
        for fam in text_string_to_metric_families(text)
        for smp in fam.samples
    }

    def total(name: str) -> float:
        return sum(v for (n, _), v in samples.items() if n == name)

    assert total("explainer_consultations_started_total") >= 3
    assert total("explainer_consultations_completed_total") >= 3
    assert total("explainer_decisions_total") >= 4  # includes the revised card
    assert total("explainer_questions_per_consultation_count") >= 3
    assert total("explainer_ack_seconds_count") >= 10
    assert total("explainer_dedupe_hits_total") >= 3  # the retried DM and the doubled mention
    assert total("explainer_turn_seconds_count") >= 3
    assert (
        "explainer_slack_api_errors_total",
        (("error", "invalid_blocks"), ("method", "chat.postMessage")),
    ) in samples
    for name in (
        "explainer_llm_tokens_total",
        "explainer_llm_cost_usd_total",
        "explainer_llm_fallbacks_total",
        "explainer_consultations_abandoned_total",
    ):
        assert any(n == name for n, _ in samples), name


async def test_e2e_mention_without_text_greets_and_the_thread_continues(bot: Bot) -> None:
    ch, user, ts = "C900", "U900", f"{time.time():.6f}"
    await bot.sender.event(
        {"type": "app_mention", "channel": ch, "user": user, "ts": ts, "text": "<@UBOT>"}
    )
    greeting = (await _posts(bot, ts, 1))[0]
    assert "decide_now" not in _buttons(greeting)
    await bot.sender.event(
        {
            "type": "message",
            "channel": ch,
            "channel_type": "channel",
            "user": user,
            "ts": f"{time.time():.6f}",
            "thread_ts": ts,
            "text": "we need answers from policy documents that change weekly",
        }
    )
    question = (await _posts(bot, ts, 2))[-1]
    assert "decide_now" in _buttons(question)


async def test_e2e_a_flood_in_one_thread_gets_one_slow_down_notice(bot: Bot) -> None:
    ch, ts = "D950", f"{time.time():.6f}"
    await bot.sender.event(
        {
            "type": "message",
            "channel": ch,
            "channel_type": "im",
            "user": "U950",
            "ts": ts,
            "text": "support bot, tone matters",
        }
    )
    await _posts(bot, ts, 1)
    for n in range(25):  # 26 messages in the thread within the minute; the user limit is 20
        await bot.sender.event(
            {
                "type": "message",
                "channel": ch,
                "channel_type": "im",
                "user": "U950",
                "ts": f"{time.time():.6f}{n}",
                "thread_ts": ts,
                "text": "hmm",
            }
        )
    await asyncio.sleep(3.0)
    notices = [
        c
        for c in bot.slack.calls_to("chat.postMessage")
        if c.args.get("thread_ts") == ts and "faster" in str(c.args.get("text"))
    ]
    assert len(notices) == 1


async def test_e2e_the_message_shortcut_consults_on_an_existing_discussion(bot: Bot) -> None:
    ch = "C610"
    root = bot.slack.add_message(ch, "Should we fine-tune a model for support?", user="U610")
    bot.slack.add_message(
        ch, "Our policy documents change every week.", user="U611", thread_ts=root.ts
    )
    bot.slack.add_message(ch, "And we have no labelled examples.", user="U610", thread_ts=root.ts)
    sent = await bot.sender.shortcut(
        "decide_with_explainer",
        channel=ch,
        user="U610",
        message={"ts": root.ts, "type": "message", "user": "U610", "text": root.text},
    )
    assert sent.status == 200
    who = await bot.slack.wait_for(
        "chat.postMessage",
        where=lambda c: c.args.get("thread_ts") == root.ts and "<@U611>" in str(c.args["blocks"]),
    )
    assert "<@U610>" in str(who[0].args["blocks"])
    replies = bot.slack.calls_to("conversations.replies")
    assert replies and replies[0].args.get("ts") == root.ts


async def test_e2e_answering_the_question_posted_with_what_was_understood_keeps_it(
    bot: Bot,
) -> None:
    ch, user, ts = "D330", "U330", f"{time.time():.6f}"
    await _dm(bot, ch, user, ts, WEEKLY_DOCS)
    [posted] = await _posts(bot, ts, 1)
    assert _is_understood(posted) and _asks(posted)  # one post, one notification
    answer = next(a for a in _buttons(posted) if a.startswith("answer:"))
    await bot.sender.action(
        answer,
        _buttons(posted)[answer],
        channel=ch,
        user=user,
        message_ts=posted.response["ts"],
        thread_ts=ts,
        blocks=posted.args["blocks"],  # as Slack sends the message back
    )
    [update] = await bot.slack.wait_for(
        "chat.update", where=lambda c: c.args.get("ts") == posted.response["ts"], timeout=15
    )
    blocks = update.args["blocks"]
    kept = [b for b in posted.args["blocks"] if b.get("block_id", "").startswith("understood:")]
    assert blocks[: len(kept)] == kept  # what was understood, still correctable
    assert not any(_asks_in(b) for b in blocks)  # the question is gone: it was answered
    assert "✓" in update.args["text"]
