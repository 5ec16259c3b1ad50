""" "Here is what I understood": the Slack and terminal rendering, and correcting it."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from typing import Any

import pytest

from bot.core.decision import Outcome
from bot.core.engine import decide
from bot.core.facts import (
    DocsChange,
    FactName,
    Facts,
    Goal,
    Lang,
    Reading,
    correction_choices,
)
from bot.core.ports import Extraction, Option, QuestionText
from bot.core.replies import DecisionReply, QuestionReply, UnderstoodReply
from bot.core.service import ConsultationService
from bot.core.state import Place, Turn, TurnKind
from bot.llm.offline import OfflineLanguageModel
from bot.render.card import build_card
from bot.render.terminal import render_card, render_question, render_understood
from bot.slack import blocks as b
from bot.slack.actions import ActionValue, parse_action
from bot.texts import Texts, texts
from testkit.demo import run_demo_lines
from testkit.fakes import ListRetriever, MemoryStore, ScriptedLanguageModel
from testkit.mock_slack import check_blocks

LANGS: tuple[Lang, ...] = ("ko", "en")
CID = "c" * 100  # the longest id a value may carry
QUOTE = "<!here> & <@U1> docs change weekly"
RAW_MARKUP = re.compile(r"<[!@#]|<https?:", re.IGNORECASE)
HEADING = {"ko": "이렇게 이해했어요", "en": "Here is what I understood"}
NOT_RIGHT = {"ko": "그건 아니에요", "en": "That's not right"}
UNSURE = {"ko": "확인이 필요해요", "en": "not sure — I'll ask"}


def _readings() -> tuple[Reading, ...]:
    return (
        Reading(fact=FactName.DOCS_CHANGE, value="often", quote=QUOTE),
        Reading(fact=FactName.GOALS, value="consistency", quote=QUOTE),
        Reading(fact=FactName.EVAL_SET, value="true", quote=QUOTE),
        Reading(fact=FactName.DATA_EXAMPLES, value="20000", quote=QUOTE),
        Reading(fact=FactName.DATA_AMOUNT, value="plenty", quote=QUOTE),
        Reading(fact=FactName.LANGUAGES, value="ko", quote=""),
        Reading(fact=FactName.CHANGE_RATE, value="often", quote=QUOTE, sure=False),
    )


def _walk(node: Any) -> list[dict[str, Any]]:
    if isinstance(node, dict):
        return [node, *(d for v in node.values() for d in _walk(v))]
    if isinstance(node, list):
        return [d for item in node for d in _walk(item)]
    return []


def _mrkdwn(blocks: list[dict[str, Any]]) -> str:
    return "\n".join(d["text"] for d in _walk(blocks) if d.get("type") == "mrkdwn")


def _menus(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [blk["accessory"] for blk in blocks if "accessory" in blk]


# ---------------------------------------------------------------------------------------------
# Slack


@pytest.mark.parametrize("lang", LANGS)
def test_understood_message_escapes_the_words_and_fits_slack(lang: Lang) -> None:
    t = texts(lang)
    msg = b.understood_message(UnderstoodReply(consultation_id=CID, readings=_readings()), t)
    assert check_blocks(msg.blocks) == []
    shown = _mrkdwn(msg.blocks)
    for text in (shown, msg.text):
        assert not RAW_MARKUP.search(text), text
    assert "&lt;!here&gt; &amp; &lt;@U1&gt; docs change weekly" in shown
    assert msg.text.startswith(HEADING[lang])
    assert shown.count(UNSURE[lang]) == 1
    # The amount read from the count gets no line of its own: six lines, six menus.
    assert len(_menus(msg.blocks)) == 6
    assert t.get("fact.data_amount") not in shown and "20,000" in shown


@pytest.mark.parametrize("lang", LANGS)
def test_every_correction_option_parses_back_to_its_reading(lang: Lang) -> None:
    t = texts(lang)
    readings = [r for r in _readings() if r.fact is not FactName.DATA_AMOUNT]
    msg = b.understood_message(UnderstoodReply(consultation_id=CID, readings=tuple(readings)), t)
    for reading, menu in zip(readings, _menus(msg.blocks), strict=True):
        assert menu["action_id"] == b.CORRECT_ACTION
        if menu["type"] == "button":  # one choice only: forget it
            options = [{"value": menu["value"], "text": menu["text"]}]
        else:
            assert menu["type"] == "overflow"
            options = menu["options"]
            assert 2 <= len(options) <= 5
        parsed = [parse_action(b.CORRECT_ACTION, o["value"]) for o in options]
        assert parsed == [ActionValue(CID, reading.fact, c) for c in correction_choices(reading)]
        assert all(len(o["value"]) <= 150 and 0 < len(o["text"]["text"]) <= 75 for o in options)
        if reading.fact is not FactName.GOALS:
            assert options[-1]["text"]["text"] == NOT_RIGHT[lang]
    goal_menu = _menus(msg.blocks)[1]
    assert [o["text"]["text"] for o in goal_menu["options"]] == [
        t.get("ui.correct_top"),
        t.get("ui.correct_drop"),
    ]
    assert _menus(msg.blocks)[4] == {
        "type": "button",
        "action_id": "correct",
        "value": f"{CID}|languages|clear",
        "text": {"type": "plain_text", "text": NOT_RIGHT[lang], "emoji": True},
    }


@pytest.mark.parametrize(
    "value",
    ["", "c1", "c1|docs_change", "c1|nope|often", "c1|docs_change|often|x", "|"],
)
def test_a_malformed_correction_value_is_refused(value: str) -> None:
    assert parse_action(b.CORRECT_ACTION, value) == ActionValue()


def test_at_most_ten_readings_are_listed() -> None:
    t = texts("en")
    readings = tuple(
        Reading(fact=FactName.LANGUAGES, value=f"l{i}", quote=f"said {i}") for i in range(13)
    )
    msg = b.understood_message(UnderstoodReply(consultation_id="c1", readings=readings), t)
    assert check_blocks(msg.blocks) == []
    assert len(_menus(msg.blocks)) == b.MAX_READINGS
    assert t.get("ui.understood_more", n=3) in _mrkdwn(msg.blocks)


def test_an_unusable_consultation_id_is_refused() -> None:
    reply = UnderstoodReply(consultation_id="a|b", readings=_readings())
    with pytest.raises(ValueError, match="consultation id"):
        b.understood_message(reply, texts("en"))


def _question(hint: str) -> QuestionReply:
    q = QuestionText(
        fact=FactName.CHANGE_RATE,
        text="Does the use case change often?",
        why="why",
        options=(Option(choice="often", label="Often"), Option(choice="rarely", label="Rarely")),
    )
    return QuestionReply(question=q, number=1, max_questions=5, hint=hint, suggested="often")


@pytest.mark.parametrize("lang", LANGS)
def test_a_question_that_confirms_shows_the_words_it_confirms(lang: Lang) -> None:
    t = texts(lang)
    msg = b.question_message(_question(QUOTE), t, "c1")
    assert check_blocks(msg.blocks) == []
    first = msg.blocks[0]["text"]["text"]
    hint = b.escape(t.get("ui.question_hint", quote=QUOTE))
    assert first == f"{hint}\n*Does the use case change often?*"
    assert not RAW_MARKUP.search(_mrkdwn(msg.blocks))
    plain = render_question(_question(QUOTE), t)
    assert t.get("ui.question_hint", quote=QUOTE) in plain
    no_hint = b.question_message(_question(""), t, "c1")
    assert no_hint.blocks[0]["text"]["text"] == "*Does the use case change often?*"


@pytest.mark.parametrize("lang", LANGS)
def test_a_confirm_question_stresses_the_value_it_read(lang: Lang) -> None:
    t = texts(lang)
    buttons = b.question_message(_question(QUOTE), t, "c1").blocks[2]["elements"]
    styles = {e["action_id"]: e.get("style") for e in buttons}
    assert styles["answer:change_rate:often"] == "primary"
    assert styles["answer:change_rate:rarely"] is None
    lines = render_question(_question(QUOTE), t).splitlines()
    assert lines[-3].endswith(t.get("ui.suggested_mark")) and lines[-3].startswith("  1) Often")
    assert t.get("ui.suggested_mark") not in lines[-2]


def _card_reply() -> DecisionReply:
    facts = Facts(
        goals=frozenset({Goal.CONSISTENCY, Goal.FRESHNESS}),
        docs_change=DocsChange.OFTEN,
        data_examples=20_000,
        eval_set=False,
        use_case="support bot",
    )
    evidence = {FactName.DOCS_CHANGE: QUOTE, FactName.DATA_EXAMPLES: "20k reviewed pairs"}
    return DecisionReply(decision=decide(facts), facts=facts, evidence=evidence)


@pytest.mark.parametrize("lang", LANGS)
def test_the_card_lists_what_it_was_based_on(lang: Lang) -> None:
    t = texts(lang)
    card = build_card(_card_reply(), t, lambda k: k)
    labels = [x.fact for x in card.based_on]
    # The amount follows from the count, and the use case has a line of its own.
    assert labels == [
        t.get(f"fact.{n}") for n in ("goals", "data_examples", "docs_change", "eval_set")
    ]
    assert card.based_on[1].value == "20,000" and card.based_on[1].quote == "20k reviewed pairs"
    assert card.based_on[3].quote == ""  # an answer from a button has no words to show

    msg = b.card_message(card, t, "c1", in_dm=False, revision=1)
    assert check_blocks(msg.blocks) == []
    [section] = [
        blk["text"]["text"]
        for blk in msg.blocks
        if blk["type"] == "section" and t.get("heading.based_on") in blk["text"]["text"]
    ]
    assert b.escape(t.get("ui.understood_from", quote=QUOTE)) in section
    assert not RAW_MARKUP.search(section)
    plain = render_card(card, t)
    assert f"{t.get('heading.based_on')}:" in plain
    assert t.get("ui.understood_from", quote="20k reviewed pairs") in plain


# ---------------------------------------------------------------------------------------------
# The core's replies, rendered: an unsure reading is shown, then asked


async def test_an_unsure_reading_is_shown_marked_then_asked_with_its_words() -> None:
    text = "support bot, docs change weekly, the task maybe shifts"
    lm = ScriptedLanguageModel(
        {
            text: Extraction(
                facts=Facts(docs_change=DocsChange.OFTEN),
                readings=(
                    Reading(fact=FactName.DOCS_CHANGE, value="often", quote="docs change weekly"),
                    Reading(
                        fact=FactName.CHANGE_RATE,
                        value="often",
                        quote="the task maybe shifts",
                        sure=False,
                    ),
                ),
            )
        }
    )
    ids = itertools.count()
    svc = ConsultationService(
        MemoryStore(), lm, ListRetriever(), clock=lambda: 1.0, new_id=lambda: f"c{next(ids)}"
    )
    c = await svc.open(Place(surface="dm", channel="D1", thread_ts="1.0"), "U1")
    r = await svc.handle(c, Turn(op_id="m1", kind=TurnKind.TEXT, text=text))
    understood, question = r.replies
    assert isinstance(understood, UnderstoodReply) and isinstance(question, QuestionReply)
    t = texts("en")
    shown = _mrkdwn(b.understood_message(understood, t).blocks)
    assert "from “docs change weekly”" in shown
    assert f"from “the task maybe shifts” _({b.escape(UNSURE['en'])})_" in shown
    assert question.question.fact is FactName.CHANGE_RATE
    asked = b.question_message(question, t, r.consultation.id).blocks[0]["text"]["text"]
    assert asked.startswith("You wrote “the task maybe shifts” — I wasn't sure, so:\n*")
    terminal = render_understood(understood.readings, t)
    assert "2. how often the use case changes: Changes often — from “the task maybe shifts”" in (
        terminal
    )

    # Correcting the sure reading re-asks the open question; the same op applies once.
    fix = Turn(op_id="fix1", kind=TurnKind.CORRECT, fact=FactName.DOCS_CHANGE, choice="rarely")
    r2 = await svc.handle(r.consultation, fix)
    assert r2.consultation.facts.docs_change is DocsChange.RARELY
    [again] = r2.replies
    assert isinstance(again, QuestionReply) and again.repeat
    assert again.hint == "the task maybe shifts"
    r3 = await svc.handle(r2.consultation, fix)
    assert r3.duplicate and r3.consultation.facts == r2.consultation.facts


# ---------------------------------------------------------------------------------------------
# The terminal demo: ``e N`` lists a reading's choices, ``e N M`` applies one


def _number(printed: str, label: str) -> int:
    """The number the latest list printed in front of ``label``."""
    found = re.findall(rf"^\s*(\d+)[.)] {re.escape(label)}", printed, re.MULTILINE)
    assert found, f"{label!r} not listed in:\n{printed}"
    return int(found[-1])


def _pick(t: Texts, fact: str, value: str, choice: str) -> list[str | Callable[[str], str]]:
    """``e N`` for the reading ``fact: value``, then ``e N M`` for ``choice``."""
    line = f"{t.get(f'fact.{fact}')}: {value}"
    return [
        lambda out: f"e {_number(out, line)}",
        lambda out: f"e {_number(out, line)} {_number(out.rsplit(line, 1)[-1], choice)}",
    ]


async def test_demo_corrects_what_was_understood_in_english(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    t = texts("en")
    printed = await run_demo_lines(
        tmp_path_factory.mktemp("d"),
        [
            "e 1",  # nothing understood yet
            "Our assistant must answer from policy documents that change every week",
            *_pick(t, "docs_change", "Change often", "Rarely change"),
            "e 99",
            "e 1 99",
            "e x",
            "d",
        ],
    )
    understood, _, rest = printed.partition("Here is what I understood:")
    assert t.get("ui.edit_nothing") in understood
    assert "documents answers must reflect: Change often — from “" in rest
    assert "Change it with 'e " in rest and ") That's not right" in rest
    assert rest.count(t.get("ui.edit_unknown")) == 2
    card = rest.split("Recommendation:", 1)[1]
    assert "From your answers:" in card
    assert "  • documents answers must reflect: Rarely change (as you corrected it)\n" in card
    assert "Traceback" not in printed


async def test_demo_corrects_what_was_understood_in_korean(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    t = texts("ko")
    goal = t.option_label("top_goal", "consistency")
    printed = await run_demo_lines(
        tmp_path_factory.mktemp("d"),
        [
            "고객지원 봇인데 톤과 형식이 항상 일정해야 하고 문서가 매주 바뀌어요",
            *_pick(t, "goals", goal, t.get("ui.correct_drop")),
            "e 0",
            "d",
        ],
    )
    assert "이렇게 이해했어요:" in printed
    assert f"목표: {goal} — “" in printed and "”라고 하셨어요" in printed
    assert "'e 1 번호'로 바꿀 수 있어요:" in printed or "'e 2 번호'로 바꿀 수 있어요:" in printed
    assert t.get("ui.edit_unknown") in printed
    card = printed.split("추천:", 1)[1]
    based_on = card.split("답변에서 확인한 내용:", 1)[1].split("\n\n", 1)[0]
    assert "답에 반영할 문서: 자주 바뀌어요" in based_on
    assert "목표" not in based_on  # the goal was dropped


@pytest.mark.parametrize("lang", LANGS)
async def test_a_citations_reading_is_shown_and_corrected_away(lang: Lang) -> None:
    # The offline reader: "every answer must cite its clause" with documents that rarely change.
    text = {
        "en": "Every answer must cite the policy clause it rests on; the policies rarely change.",
        "ko": "답마다 근거 조항을 꼭 달아야 해요. 규정은 거의 안 바뀌어요.",
    }[lang]
    svc = ConsultationService(
        MemoryStore(),
        OfflineLanguageModel(),
        ListRetriever(),
        clock=lambda: 1.0,
        new_id=lambda: "c1",
    )
    c = await svc.open(Place(surface="dm", channel="D1", thread_ts="1.0"), "U1", lang)
    r = await svc.handle(c, Turn(op_id="m1", kind=TurnKind.TEXT, text=text))
    assert r.consultation.facts.citations is True
    understood = next(x for x in r.replies if isinstance(x, UnderstoodReply))
    (reading,) = [x for x in understood.readings if x.fact is FactName.CITATIONS]
    t = texts(lang)
    msg = b.understood_message(understood, t)
    assert t.get("fact.citations") in _mrkdwn(msg.blocks)
    menu = next(m for m in _menus(msg.blocks) if f"|{FactName.CITATIONS.value}|" in str(m))
    values = (
        [o["value"] for o in menu["options"]] if menu["type"] == "overflow" else [menu["value"]]
    )
    assert [parse_action(b.CORRECT_ACTION, v).choice for v in values] == list(
        correction_choices(reading)
    )
    d = await svc.handle(r.consultation, Turn(op_id="d1", kind=TurnKind.DECIDE_NOW))
    assert d.consultation.outcome is Outcome.RAG
    fix = Turn(op_id="fix1", kind=TurnKind.CORRECT, fact=FactName.CITATIONS, choice="no")
    r2 = await svc.handle(d.consultation, fix)
    assert r2.consultation.facts.citations is False
    assert r2.consultation.outcome is Outcome.PROMPTING
