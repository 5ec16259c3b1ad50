"""Block Kit builders: Slack's limits, the public contracts, and escaping of untrusted text."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from slack_sdk.models.blocks import Block
from slack_sdk.web.async_client import AsyncWebClient

from bot.core.decision import Outcome
from bot.core.engine import decide
from bot.core.facts import ASKABLE, FactName, Facts, Lang, Reading, apply_choice
from bot.core.ports import Answer, Option, QuestionText, Rationale
from bot.core.replies import (
    AnswerReply,
    DecisionReply,
    NoticeReply,
    QuestionReply,
    UnderstoodReply,
)
from bot.llm.offline import OfflineLanguageModel
from bot.render.card import CardView, Line, PlanLine, build_card, shown_sources
from bot.slack.blocks import (
    SlackMessage,
    adr_markdown,
    answer_message,
    answered_message,
    card_message,
    clip,
    escape,
    greeting_message,
    help_message,
    history_message,
    home_view,
    notice_message,
    question_message,
    root_message,
    suggested_prompts,
    understood_message,
    understood_part,
    understood_with,
)
from bot.texts import Texts, texts
from testkit.mock_slack import BOT_TOKEN, MockSlack, check_blocks

LANGS: tuple[Lang, ...] = ("ko", "en")
CID = "0123456789abcdef"
HOSTILE = "<!channel> <!here> <!subteam^S1> <@U1> <#C1> <https://evil|docs> &lt; a & b `x`"
RAW_MARKUP = re.compile(r"<[!@#]|<https?:", re.IGNORECASE)
EVERY_CHOICE = [(fact, choice) for fact, choices in ASKABLE.items() for choice in choices]


def _t(lang: Lang) -> Texts:
    return texts(lang)


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item)


def _mrkdwn(blocks: list[dict[str, Any]]) -> list[str]:
    return [d["text"] for d in _walk(blocks) if d.get("type") == "mrkdwn"]


def _elements(blocks: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [d for d in _walk(blocks) if d.get("type") == kind]


def _action_ids(blocks: list[dict[str, Any]]) -> list[str]:
    return [
        e["action_id"]
        for b in blocks
        if b["type"] in ("actions", "context_actions")
        for e in b["elements"]
        if "action_id" in e
    ]


def _assert_no_raw_markup(message: SlackMessage) -> None:
    for text in [*_mrkdwn(message.blocks), message.text]:
        assert not RAW_MARKUP.search(text), text


def _assert_valid(message: SlackMessage) -> None:
    assert check_blocks(message.blocks) == []
    # The blocks are built as plain JSON: exactly what slack_sdk's models, with their
    # validators, make of them.
    for block in message.blocks:
        parsed = Block.parse(block)
        assert parsed is not None and parsed.to_dict() == block
    assert message.text.strip()
    json.dumps(message.blocks)
    json.dumps(message.metadata)


async def _question(fact: FactName, lang: Lang) -> QuestionReply:
    q = await OfflineLanguageModel().phrase_question(fact, lang, Facts())
    return QuestionReply(question=q, number=2, max_questions=5)


def _card(lang: Lang, facts: Facts, **extra: Any) -> CardView:
    if isinstance(extra.get("rationale"), str):
        extra["rationale"] = Rationale(text=extra["rationale"])
    reply = DecisionReply(decision=decide(facts), facts=facts, **extra)
    return build_card(reply, _t(lang), lambda k: f"Title of {k}")


def _hostile_card(lang: Lang) -> CardView:
    line = Line(text=HOSTILE, kb=("<!channel>", "kb-1"), kb_titles=("<!channel>", "kb-1"))
    return CardView(
        lang=lang,
        outcome="rag",
        title=HOSTILE,
        summary=HOSTILE,
        change_note=HOSTILE,
        changed_facts=(HOSTILE,),
        rationale=HOSTILE + "\n```\n" + HOSTILE,
        plan=(PlanLine(stage=HOSTILE, text=HOSTILE),),
        reasons=(line,),
        assumptions=(HOSTILE,),
        flips=(HOSTILE,),
        risks=(line,),
        gaps=(line,),
        next_steps=(HOSTILE,),
        sources=((HOSTILE, HOSTILE),),
        facts={"use_case": HOSTILE, "goals": ["accuracy"], "eval_set": False},
    )


# ---------------------------------------------------------------------------------------------
# escape and clip


def test_escape_neutralises_slack_control_sequences() -> None:
    assert escape("<!channel>") == "&lt;!channel&gt;"
    assert escape("<@U1>") == "&lt;@U1&gt;"
    assert escape("<!subteam^S1>") == "&lt;!subteam^S1&gt;"
    assert escape("<https://evil|docs>") == "&lt;https://evil|docs&gt;"
    assert escape("&lt;") == "&amp;lt;"
    assert escape("a & b") == "a &amp; b"


def test_clip() -> None:
    assert clip("short", 10) == "short"
    assert clip("abcdefghij", 5) == "abcd…"
    assert len(clip("x" * 5000, 3000)) == 3000
    # A cut never leaves half an entity behind.
    assert clip("abc&amp;def", 6) == "abc…"
    assert clip("abc&amp;def", 9) == "abc&amp;…"
    with pytest.raises(ValueError, match="limit"):
        clip("x", 0)


@given(st.text(alphabet="<>&a ", max_size=80), st.integers(min_value=1, max_value=60))
def test_clip_never_splits_an_entity(text: str, limit: int) -> None:
    out = clip(escape(text), limit)
    assert len(out) <= limit
    assert "&" not in re.sub(r"&(?:amp|lt|gt);", "", out)


# ---------------------------------------------------------------------------------------------
# Questions


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fact", list(ASKABLE))
async def test_every_question_has_decide_now_and_valid_blocks(lang: Lang, fact: FactName) -> None:
    reply = await _question(fact, lang)
    message = question_message(reply, _t(lang), CID)
    _assert_valid(message)
    ids = _action_ids(message.blocks)
    assert len(ids) == len(set(ids))
    assert ids.count("decide_now") == 1
    assert "skip" in ids
    assert {f"answer:{fact.value}:{c}" for c in ASKABLE[fact]} <= set(ids)
    buttons = {b["action_id"]: b for b in _elements(message.blocks, "button")}
    assert buttons["decide_now"]["value"] == CID
    assert buttons["decide_now"]["style"] == "primary"
    assert all(b["value"] == CID for b in buttons.values())
    shown = "\n".join(_mrkdwn(message.blocks))
    assert escape(reply.question.text) in shown
    assert _t(lang).get("ui.question_progress", n=2, max=5) in shown
    assert escape(_t(lang).get("ui.free_text_hint")) in shown


def test_question_escapes_untrusted_text_and_clips_labels() -> None:
    q = QuestionText(
        fact=FactName.URGENCY,
        text=HOSTILE * 100,
        why=HOSTILE,
        options=(
            Option(choice="fast", label=HOSTILE * 3),
            Option(choice="fast", label="duplicate"),
            Option(choice="normal", label=""),
        ),
    )
    message = question_message(QuestionReply(question=q, number=1, max_questions=5), _t("en"), CID)
    _assert_valid(message)
    _assert_no_raw_markup(message)
    assert "&amp;lt;" in message.blocks[0]["text"]["text"]
    ids = _action_ids(message.blocks)
    assert ids == ["answer:urgency:fast", "answer:urgency:normal", "skip", "decide_now"]
    assert all(len(b["text"]["text"]) <= 75 for b in _elements(message.blocks, "button"))


def test_question_rejects_an_unusable_consultation_id() -> None:
    reply = QuestionReply(
        question=QuestionText(fact=FactName.URGENCY, text="?", why="", options=()),
        number=1,
        max_questions=5,
    )
    for bad in ("", "a|b", "x" * 101):
        with pytest.raises(ValueError, match="consultation id"):
            question_message(reply, _t("en"), bad)


# ---------------------------------------------------------------------------------------------
# Answers, notices


def test_answer_escapes_text_and_cites_sources() -> None:
    reply = AnswerReply(answer=Answer(text=HOSTILE, citations=("rag-basics", "<@U1>")))
    message = answer_message(reply, _t("en"), lambda k: f"{HOSTILE} {k}")
    _assert_valid(message)
    _assert_no_raw_markup(message)
    context = message.blocks[-1]["elements"][0]["text"]
    assert context.startswith("*Sources*: ") and "`rag-basics`" in context
    assert "&lt;@U1&gt;" in context


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_a_repeated_question_is_one_compact_line_with_its_buttons(lang: Lang) -> None:
    q = QuestionText(
        fact=FactName.DOCS_CHANGE,
        text="How often do the documents change?",
        why="It decides whether retrieval is needed.",
        options=(Option(choice="often", label="Often"), Option(choice="rarely", label="Rarely")),
    )
    full = question_message(QuestionReply(question=q, number=2, max_questions=5), _t(lang), CID)
    again = question_message(
        QuestionReply(question=q, number=2, max_questions=5, repeat=True), _t(lang), CID
    )
    _assert_valid(again)
    assert [b["type"] for b in again.blocks] == ["section", "actions"]
    assert len(again.blocks) < len(full.blocks)
    assert _action_ids(again.blocks) == _action_ids(full.blocks)
    assert "It decides" not in str(again.blocks)


def test_answer_without_citations_has_no_sources_line() -> None:
    message = answer_message(AnswerReply(answer=Answer(text="Hi")), _t("ko"), lambda k: k)
    _assert_valid(message)
    assert [b["type"] for b in message.blocks] == ["section"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "key",
    ["trimmed", "empty", "not_understood", "invalid_choice", "already_decided", "restarted"],
)
def test_notices(lang: Lang, key: str) -> None:
    message = notice_message(NoticeReply(key=key), _t(lang))
    _assert_valid(message)
    assert message.text == escape(_t(lang).get(f"notice.{key}"))


# ---------------------------------------------------------------------------------------------
# The decision card


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("in_dm", [True, False])
def test_card_blocks_metadata_and_actions(lang: Lang, in_dm: bool) -> None:
    facts = apply_choice(Facts(use_case="support bot"), FactName.TOP_GOAL, "consistency")
    facts = apply_choice(facts, FactName.EVAL_SET, "no")
    card = _card(lang, facts, previous=Outcome.RAG, changed=(FactName.GOALS,), rationale="Why.")
    message = card_message(card, _t(lang), CID, in_dm=in_dm, revision=3)
    _assert_valid(message)
    assert message.blocks[0] == {
        "type": "header",
        "text": {"type": "plain_text", "text": card.title, "emoji": True},
    }
    assert message.text == escape(f"{_t(lang).get('heading.recommendation')}: {card.title}")

    assert message.metadata == {
        "event_type": "explainer_decision",
        "event_payload": {
            "recommendation": card.outcome,
            "consultation_id": CID,
            "language": lang,
            "revision": 3,
            "facts": {
                "goals": ["consistency"],
                "top_goal": "consistency",
                "eval_set": False,
            },
        },
    }

    ids = _action_ids(message.blocks)
    assert len(ids) == len(set(ids))
    assert {"revise", "restart", "export", "feedback"} <= set(ids)
    [thumbs] = [e for b in message.blocks if b["type"] == "context_actions" for e in b["elements"]]
    assert thumbs["type"] == "feedback_buttons"
    assert {thumbs["positive_button"]["value"], thumbs["negative_button"]["value"]} == {
        f"{CID}|up",
        f"{CID}|down",
    }
    assert ("share" in ids) is in_dm
    for button in _elements(message.blocks, "button"):
        assert button["value"] == CID
    shares = _elements(message.blocks, "conversations_select")
    if in_dm:
        assert shares[0]["filter"]["include"] == ["public", "private"]
    else:
        assert not shares

    shown = "\n".join(_mrkdwn(message.blocks))
    for step in card.plan:
        assert escape(step.text) in shown
    for reason in card.reasons:
        assert all(escape(title) in shown for title in reason.kb_titles)
    titles, _ = shown_sources(card)
    assert all(escape(title) in shown for title in titles)
    assert not any(f"[{k}]" in shown for k, _ in card.sources)
    assert "1. " in shown


def test_revise_select_offers_every_askable_choice() -> None:
    facts = apply_choice(Facts(), FactName.URGENCY, "fast")
    message = card_message(_card("ko", facts), _t("ko"), "x" * 100, in_dm=False, revision=1)
    [select] = _elements(message.blocks, "static_select")
    assert select["action_id"] == "revise"
    options = [o for g in select["option_groups"] for o in g["options"]]
    assert len(options) == len(EVERY_CHOICE) <= 100
    assert all(len(o["value"]) <= 150 and len(o["text"]["text"]) <= 75 for o in options)
    assert all(len(g["label"]["text"]) <= 75 for g in select["option_groups"])
    parsed = [tuple(o["value"].split("|")) for o in options]
    assert parsed == [("x" * 100, f.value, c) for f, c in EVERY_CHOICE]
    marked = [o["value"] for o in options if o["text"]["text"].startswith("✓ ")]
    assert marked == ["x" * 100 + "|urgency|fast"]


@pytest.mark.parametrize("lang", LANGS)
def test_card_escapes_every_untrusted_field(lang: Lang) -> None:
    message = card_message(_hostile_card(lang), _t(lang), CID, in_dm=True, revision=1)
    _assert_valid(message)
    _assert_no_raw_markup(message)
    shown = "\n".join(_mrkdwn(message.blocks))
    assert "&amp;lt;" in shown
    assert "[&lt;!channel&gt;; kb-1]" in shown


FRAGMENTS = st.sampled_from(
    ["<", ">", "&", "!", "@", "|", "^", "`", "*", "_", "~", "\n", " ", "a", "가", "😀",
     "<!channel>", "<@U1>", "<!subteam^S1>", "<https://evil|docs>", "&lt;", "&amp;"]
)  # fmt: skip


def _hostile_text(max_size: int) -> st.SearchStrategy[str]:
    fragments = st.lists(FRAGMENTS, max_size=max_size // 4).map("".join)
    return st.one_of(fragments, st.text(max_size=max_size)).map(lambda s: s[:max_size])


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    choices=st.lists(st.sampled_from(EVERY_CHOICE), max_size=12),
    use_case=st.none() | _hostile_text(120),
    rationale=st.none() | _hostile_text(5000) | st.just("&" * 5000),
    lang=st.sampled_from(LANGS),
    previous=st.none() | st.sampled_from(list(Outcome)),
    changed=st.lists(st.sampled_from(list(FactName)), unique=True).map(tuple),
    in_dm=st.booleans(),
    revision=st.integers(min_value=1, max_value=10_000),
    consultation_id=st.text(alphabet="0123456789abcdef", min_size=1, max_size=100),
    evidence=st.dictionaries(st.sampled_from(list(FactName)), _hostile_text(80)),
)
def test_any_card_fits_slack(
    choices: list[tuple[FactName, str]],
    use_case: str | None,
    rationale: str | None,
    lang: Lang,
    previous: Outcome | None,
    changed: tuple[FactName, ...],
    in_dm: bool,
    revision: int,
    consultation_id: str,
    evidence: dict[FactName, str],
) -> None:
    facts = Facts() if use_case is None else Facts(use_case=use_case)
    for fact, choice in choices:
        facts = apply_choice(facts, fact, choice)
    reply = DecisionReply(
        decision=decide(facts),
        facts=facts,
        previous=previous,
        changed=changed,
        rationale=Rationale(text=rationale) if rationale is not None else None,
        evidence=evidence,
    )
    card = build_card(reply, _t(lang), lambda k: f"<!here> {k} & co")
    message = card_message(card, _t(lang), consultation_id, in_dm=in_dm, revision=revision)

    assert check_blocks(message.blocks) == []
    assert len(message.blocks) <= 50
    for block in message.blocks:
        if block["type"] == "section":
            assert 0 < len(block["text"]["text"]) <= 3000
        if block["type"] == "header":
            assert len(block["text"]["text"]) <= 150
    assert all(0 < len(b["text"]["text"]) <= 75 for b in _elements(message.blocks, "button"))
    [select] = _elements(message.blocks, "static_select")
    options = [o for g in select["option_groups"] for o in g["options"]]
    assert len(options) <= 100
    assert all(len(o["value"]) <= 150 for o in options)
    _assert_no_raw_markup(message)
    assert all("<" not in text for text in _mrkdwn(message.blocks))

    assert message.metadata is not None
    payload = message.metadata["event_payload"]
    assert payload["recommendation"] == decide(facts).outcome.value
    assert payload["consultation_id"] == consultation_id
    assert payload["language"] == lang
    assert payload["revision"] == revision
    assert json.loads(json.dumps(payload["facts"])) == payload["facts"]
    # Metadata is readable workspace-wide: the user's words never go into it.
    assert "use_case" not in payload["facts"]


# ---------------------------------------------------------------------------------------------
# The ADR export


@pytest.mark.parametrize("lang", LANGS)
def test_adr_markdown(lang: Lang) -> None:
    t = _t(lang)
    facts = apply_choice(Facts(use_case="docs ```bot```"), FactName.DOCS_CHANGE, "often")
    card = _card(lang, facts, rationale="Because.\n```\nrm -rf /\n```")
    adr = adr_markdown(card, t, CID, "2025-01-31")
    assert adr.startswith(f"# {t.get('ui.adr_title', title=card.title)}\n")
    assert t.get("ui.adr_accepted") in adr
    assert "2025-01-31" in adr and CID in adr
    assert card.title in adr and f"({card.outcome})" not in adr
    for step in card.plan:
        assert step.text in adr
    for risk in card.risks:
        assert risk.text in adr
    for k, title in card.sources:
        assert f"{k} — {title}" in adr
    assert t.option_label("docs_change", "often") in adr
    assert "`" not in adr


def test_adr_of_a_hostile_card_keeps_each_field_on_its_line() -> None:
    adr = adr_markdown(_hostile_card("en"), _t("en"), CID, "2025-01-31\n# injected")
    assert "`" not in adr
    assert "\n# injected" not in adr


# ---------------------------------------------------------------------------------------------
# Help, history, App Home, greeting, suggested prompts, root post

ITEMS = [("2025-01-31", "RAG first", HOSTILE), ("2025-01-30", HOSTILE, "")]


@pytest.mark.parametrize("lang", LANGS)
def test_help_and_history(lang: Lang) -> None:
    t = _t(lang)
    help_ = help_message(t)
    _assert_valid(help_)
    assert help_.blocks[0]["type"] == "header"
    assert "/explainer" in "\n".join(_mrkdwn(help_.blocks))

    empty = history_message([], t)
    _assert_valid(empty)
    assert escape(t.get("ui.history_empty")) in empty.blocks[0]["text"]["text"]

    history = history_message(ITEMS, t)
    _assert_valid(history)
    _assert_no_raw_markup(history)
    assert "RAG first" in "\n".join(_mrkdwn(history.blocks))

    many = history_message([("2025-01-01", "x" * 500, HOSTILE * 5)] * 200, t)
    _assert_valid(many)


def test_home_view_is_bilingual_and_lists_decisions() -> None:
    ko, en = texts("ko"), texts("en")
    view = home_view(ko, en, ITEMS)
    assert view["type"] == "home"
    assert check_blocks(view["blocks"], limit=100, pointer="/view/blocks") == []
    shown = "\n".join(_mrkdwn(view["blocks"]))
    for t in (ko, en):
        assert escape(t.get("ui.about")) in shown
        assert escape(t.get("ui.how_to_start")) in shown
    assert "RAG first" in shown
    assert not RAW_MARKUP.search(shown)
    empty = home_view(ko, en, [])
    assert check_blocks(empty["blocks"], limit=100, pointer="/view/blocks") == []
    assert escape(en.get("ui.history_empty")) in "\n".join(_mrkdwn(empty["blocks"]))


def test_greeting_is_bilingual() -> None:
    message = greeting_message(texts("ko"), texts("en"))
    _assert_valid(message)
    shown = "\n".join(_mrkdwn(message.blocks))
    assert escape(texts("ko").get("ui.greeting")) in shown
    assert escape(texts("en").get("ui.greeting")) in shown


@pytest.mark.parametrize("lang", LANGS)
def test_suggested_prompts_mix_both_languages(lang: Lang) -> None:
    prompts = suggested_prompts(lang)
    assert 3 <= len(prompts) <= 4
    assert all(set(p) == {"title", "message"} and p["title"] and p["message"] for p in prompts)
    hangul = [bool(re.search("[가-힣]", p["message"])) for p in prompts]
    assert any(hangul) and not all(hangul)
    assert hangul[0] is (lang == "ko")


def test_root_message_mentions_the_user_and_quotes_escaped_text() -> None:
    message = root_message("U0123ABC", f"{HOSTILE}\nsecond line" + "x" * 2000, _t("en"))
    _assert_valid(message)
    text = message.blocks[0]["text"]["text"]
    assert text.startswith("<@U0123ABC> started a consultation\n> &lt;!channel&gt;")
    assert "\n> second line" in text
    assert len(text) < 1000
    rest = text.replace("<@U0123ABC>", "")
    assert "<" not in rest
    assert "<" not in message.text.replace("<@U0123ABC>", "")
    plain = root_message("W1", "", _t("ko"))
    assert plain.blocks[0]["text"]["text"] == "<@W1> 님이 상담을 시작했어요"


@pytest.mark.parametrize("user_id", ["", "u123", "C123", "U1>", "<!channel>", "U1 U2", "U1\n"])
def test_root_message_rejects_anything_but_a_user_id(user_id: str) -> None:
    with pytest.raises(ValueError, match="user id"):
        root_message(user_id, "hi", _t("en"))


# ---------------------------------------------------------------------------------------------
# End to end: Slack (the mock) accepts what the builders make


async def test_slack_accepts_the_messages() -> None:
    t = _t("en")
    question = question_message(await _question(FactName.VOLUME, "en"), t, CID)
    card = card_message(_hostile_card("en"), t, CID, in_dm=True, revision=1)
    async with MockSlack() as slack:
        client = AsyncWebClient(token=BOT_TOKEN, base_url=slack.url)
        for message in (question, card, root_message("U1", HOSTILE, t)):
            response = await client.chat_postMessage(
                channel="C1", text=message.text, blocks=message.blocks, metadata=message.metadata
            )
            assert response["ok"]
        stored = slack.messages("C1")
        assert stored[1].metadata == card.metadata


@pytest.mark.parametrize("lang", ["en", "ko"])
async def test_what_was_understood_and_the_next_question_are_one_valid_message(
    lang: Lang,
) -> None:
    t = _t(lang)
    readings = (
        Reading(fact=FactName.DOCS_CHANGE, value="often", quote="manuals change every week"),
        Reading(fact=FactName.GOALS, value="consistency", quote="same tone"),
    )
    understood = understood_message(UnderstoodReply(consultation_id="c1", readings=readings), t)
    question = question_message(await _question(FactName.DATA_AMOUNT, lang), t, "c1")
    both = understood_with(understood, question)
    assert both is not None
    _assert_valid(both)
    assert both.blocks[: len(understood.blocks)] == understood.blocks
    assert both.blocks[len(understood.blocks)]["type"] == "divider"
    assert both.blocks[len(understood.blocks) + 1 :] == question.blocks
    assert both.text.startswith(understood.text) and question.text in both.text
    assert both.metadata == question.metadata
    # Slack sends the message back with an action: what was understood is found again, and
    # stays above the answer when the question turns into it.
    kept = understood_part(json.loads(json.dumps(both.blocks)))
    assert kept == understood.blocks
    answered = answered_message(t, "Plenty", kept=kept)
    _assert_valid(answered)
    assert answered.blocks[: len(kept)] == kept
    assert not _action_ids(answered.blocks[len(kept) :])
    assert understood_part([{"type": "section", "block_id": "other"}, "junk", None]) == []


def test_too_many_blocks_for_one_message_stay_two() -> None:
    small = SlackMessage(text="u", blocks=[{"type": "divider"}] * 30)
    assert understood_with(small, SlackMessage(text="q", blocks=[{"type": "divider"}] * 20)) is None
