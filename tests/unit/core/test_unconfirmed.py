"""A reading asked to confirm and never confirmed: the card says it decided without it, what it
would change, and drops the default it would otherwise assume against the user's own words."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from bot.core.caveats import unconfirmed_for
from bot.core.decision import Outcome
from bot.core.engine import decide
from bot.core.facts import CLEAR, DocsChange, FactName, Facts, Goal, Lang, Reading
from bot.core.ports import Extraction
from bot.core.replies import DecisionReply, QuestionReply
from bot.core.service import ConsultationService
from bot.core.state import Consultation, Place, Turn, TurnKind
from bot.render.card import build_card
from bot.render.terminal import render_card
from bot.slack import blocks as b
from bot.slack.blocks_export import adr_markdown
from bot.texts import texts
from testkit.demo import run_demo_lines
from testkit.fakes import ListRetriever, MemoryStore, ScriptedLanguageModel
from testkit.mock_slack import check_blocks

LANGS: tuple[Lang, ...] = ("ko", "en")
QUOTE = "<!here> *docs* maybe change weekly"
TEXT = "support bot, answers in one fixed format, docs maybe change weekly"
CONSISTENT = Facts(goals=frozenset({Goal.CONSISTENCY}))
RAW_MARKUP = re.compile(r"<[!@#]|<https?:", re.IGNORECASE)


def _service() -> ConsultationService:
    lm = ScriptedLanguageModel(
        {
            TEXT: Extraction(
                facts=CONSISTENT,
                readings=(
                    Reading(fact=FactName.GOALS, value="consistency", quote="one fixed format"),
                    Reading(fact=FactName.DOCS_CHANGE, value="often", quote=QUOTE, sure=False),
                ),
            )
        }
    )
    ids = itertools.count()
    return ConsultationService(
        MemoryStore(), lm, ListRetriever(), clock=lambda: 1.0, new_id=lambda: f"c{next(ids)}"
    )


async def _opened(svc: ConsultationService, lang: Lang) -> Consultation:
    c = await svc.open(Place(surface="dm", channel="D1", thread_ts="1.0"), "U1", lang=lang)
    r = await svc.handle(c, Turn(op_id="m1", kind=TurnKind.TEXT, text=TEXT))
    question = r.replies[-1]
    assert isinstance(question, QuestionReply) and question.question.fact is FactName.DOCS_CHANGE
    return r.consultation


async def _card_after(svc: ConsultationService, c: Consultation, *turns: Turn) -> DecisionReply:
    for turn in turns:
        c = (await svc.handle(c, turn)).consultation
    r = await svc.handle(c, Turn(op_id="d", kind=TurnKind.DECIDE_NOW))
    card = r.replies[-1]
    assert isinstance(card, DecisionReply)
    return card


@pytest.mark.parametrize("lang", LANGS)
async def test_deciding_before_confirming_names_the_reading_instead_of_the_default(
    lang: Lang,
) -> None:
    svc = _service()
    reply = await _card_after(svc, await _opened(svc, lang))
    held = decide(CONSISTENT.merge(Facts(docs_change=DocsChange.OFTEN))).outcome
    assert reply.decision.outcome is Outcome.FINE_TUNING and held is not Outcome.FINE_TUNING
    [u] = reply.unconfirmed
    assert (u.fact, u.value, u.quote, u.to) == (FactName.DOCS_CHANGE, "often", QUOTE, held)

    t = texts(lang)
    card = build_card(reply, t, lambda k: k)
    # The default about the same fact would contradict the user's words; the others stay.
    assert t.get("assume.docs_static") not in card.assumptions
    assert t.get("assume.change_rate_stable") in card.assumptions
    [line] = card.unconfirmed
    assert QUOTE in line and t.get(f"outcome.{held.value}") in line

    msg = b.card_message(card, t, "c1", in_dm=True, revision=1)
    assert check_blocks(msg.blocks) == []
    [section] = [
        blk["text"]["text"]
        for blk in msg.blocks
        if blk["type"] == "section" and t.get("heading.unconfirmed") in blk["text"]["text"]
    ]
    assert b.escape(QUOTE) in section and not RAW_MARKUP.search(section)
    plain = render_card(card, t)
    assert f"{t.get('heading.unconfirmed')}:\n  • {line}" in plain
    assert t.get("heading.unconfirmed") in adr_markdown(card, t, "c1", "2026-12-06")


async def _card_from_scratch(turn: Turn) -> DecisionReply:
    svc = _service()
    return await _card_after(svc, await _opened(svc, "en"), turn)


async def test_a_confirmed_skipped_or_rejected_reading_is_told_apart() -> None:
    confirmed = await _card_from_scratch(
        Turn(op_id="a", kind=TurnKind.CHOICE, fact=FactName.DOCS_CHANGE, choice="often")
    )
    assert confirmed.unconfirmed == () and confirmed.facts.docs_change is DocsChange.OFTEN
    # "Skip / don't know" leaves the words unconfirmed: the card still names them.
    skipped = await _card_from_scratch(Turn(op_id="s", kind=TurnKind.SKIP))
    assert [u.fact for u in skipped.unconfirmed] == [FactName.DOCS_CHANGE]
    # "That's not right" takes them back: nothing is left to name.
    rejected = await _card_from_scratch(
        Turn(op_id="x", kind=TurnKind.CORRECT, fact=FactName.DOCS_CHANGE, choice=CLEAR)
    )
    assert rejected.unconfirmed == ()
    t = texts("en")
    assert t.get("assume.docs_static") in build_card(rejected, t, lambda k: k).assumptions


def test_only_open_facts_and_values_a_fact_can_hold_are_named() -> None:
    facts = CONSISTENT.merge(Facts(docs_change=DocsChange.RARELY))
    hints = {
        FactName.DOCS_CHANGE: ("often", "docs change"),  # already answered
        FactName.URGENCY: ("soonish", "soon"),  # no such value
        FactName.EVAL_SET: ("true", "we keep 50 test questions"),
        FactName.DATA_EXAMPLES: ("300", "300 examples"),
    }
    found = {u.fact: u for u in unconfirmed_for(facts, hints)}
    assert set(found) == {FactName.EVAL_SET, FactName.DATA_EXAMPLES}
    outcome = decide(facts).outcome
    assert found[FactName.EVAL_SET].to is outcome
    assert found[FactName.DATA_EXAMPLES].to is decide(facts.merge(Facts(data_examples=300))).outcome
    t = texts("en")
    card = build_card(
        DecisionReply(decision=decide(facts), facts=facts, unconfirmed=(found[FactName.EVAL_SET],)),
        t,
        lambda k: k,
    )
    said = t.get("ui.understood_from", quote=hints[FactName.EVAL_SET][1])
    reading = f"{t.get('fact.eval_set')}: {t.option_label('eval_set', 'yes')} ({said})"
    assert card.unconfirmed == (t.get("unconfirmed.same", reading=reading),)


@pytest.mark.parametrize(
    ("lang", "text", "quote"),
    [
        (
            "en",
            "Support bot for our help desk. The docs probably change weekly, not sure though. "
            "We need answers in a consistent format.",
            "The docs probably change weekly",
        ),
        (
            "ko",
            "고객센터 챗봇이에요. 문서가 아마 매주 바뀌는 것 같은데 확실하진 않아요. "
            "답변 형식은 늘 같아야 해요.",
            "문서가 아마 매주 바뀌는 것 같은데",
        ),
    ],
)
async def test_the_demo_card_names_what_was_never_confirmed(
    lang: Lang, text: str, quote: str, tmp_path: Path
) -> None:
    t = texts(lang)
    printed = await run_demo_lines(tmp_path, [text, "d"])
    card = printed.split(f"{t.get('heading.recommendation')}:", 1)[1]
    section = card.split(f"{t.get('heading.unconfirmed')}:\n", 1)[1].split("\n\n", 1)[0]
    assert quote in section
    assert t.get("assume.docs_static") not in card
