"""What the decision card says: each topic once, short, fitted to the facts, flips phrased as
the engine computed them, a decision record that is never cut, metadata without free text, and
Korean in one polite register."""

from __future__ import annotations

import html
import itertools
import json
import re
from difflib import SequenceMatcher
from functools import cache
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.decision import Decision, Outcome, Stage, topic_of
from bot.core.engine import decide
from bot.core.facts import (
    ASKABLE,
    ChangeRate,
    DataAmount,
    DocsChange,
    FactName,
    Facts,
    Goal,
    Lang,
    PromptingStatus,
    Quality,
    Urgency,
    Volume,
    apply_choice,
    with_choice_replacing,
)
from bot.core.matrix import DECISIVE_GOALS
from bot.core.ports import Rationale
from bot.core.replies import DecisionReply
from bot.render.card import (
    MAX_FLIPS,
    MAX_NEXT_STEPS,
    MAX_REASONS,
    MAX_RISKS,
    CardView,
    build_card,
    flip_condition,
    goal_wording,
    say,
)
from bot.slack.blocks import adr_markdown, card_message, code_message
from bot.texts import Texts, texts
from testkit.mock_slack import check_blocks
from testkit.paths import ROOT

LANGS: tuple[Lang, ...] = ("ko", "en")
PROMPTS = ROOT / "prompts"
CID = "0123456789abcdef"
C, F, A = Goal.CONSISTENCY, Goal.FRESHNESS, Goal.ACCURACY


@cache
def _sample() -> tuple[Facts, ...]:
    """Facts covering every signal of the matrix and every data state, with and without an
    eval set and several languages."""
    out: list[Facts] = []
    grid = itertools.product(
        [None, frozenset({C}), frozenset({F}), frozenset({A}), frozenset({C, F}), frozenset(Goal)],
        [None, ChangeRate.OFTEN],
        [None, Urgency.FAST],
        [None, DataAmount.NONE, DataAmount.SOME, DataAmount.PLENTY],
        [None, Quality.LOW, Quality.HIGH],
        [None, Volume.HIGH],
        [None, PromptingStatus.CEILING, PromptingStatus.WORKING],
        [None, DocsChange.OFTEN],
    )
    for i, (goals, change, urgency, amount, quality, volume, prompting, docs) in enumerate(grid):
        out.append(
            Facts(
                goals=goals,
                change_rate=change,
                urgency=urgency,
                data_amount=amount,
                data_quality=quality,
                volume=volume,
                prompting=prompting,
                docs_change=docs,
                eval_set=(None, False, True)[i % 3],
                languages=frozenset({"ko", "en"}) if i % 5 == 0 else None,
            )
        )
    return tuple(out)


@cache
def _decided() -> tuple[tuple[Facts, Decision], ...]:
    return tuple((f, decide(f)) for f in _sample())


def _card(f: Facts, lang: Lang, **extra: Any) -> CardView:
    reply = DecisionReply(decision=decide(f), facts=f, **extra)
    return build_card(reply, texts(lang), lambda k: f"Title of {k}")


# ---------------------------------------------------------------------------------------------
# Each topic once, near-identical lines never twice, and the caps


def test_reasons_risks_and_steps_have_one_item_per_topic() -> None:
    for f, d in _decided():
        for items in ([r.key for r in d.reasons], [r.key for r in d.risks], list(d.next_steps)):
            topics = [topic_of(k) for k in items]
            assert len(topics) == len(set(topics)), (f, items)
        # A next step never repeats what the plan or the checklist already asks for.
        elsewhere = {topic_of(s.key) for s in d.plan} | {topic_of(g.key) for g in d.checklist_gaps}
        assert not {topic_of(k) for k in d.next_steps} & elsewhere, f


def test_one_sentence_giving_two_facts_gives_one_reason() -> None:
    """ "Answers must follow our policies, which change every month" reads as the freshness goal
    and documents that change often: the card gives the more specific reason once."""
    d = decide(Facts(goals=frozenset({F}), docs_change=DocsChange.OFTEN))
    assert [r.key for r in d.reasons] == ["reason.docs_change_often"]
    fast_and_moving = decide(Facts(change_rate=ChangeRate.OFTEN, urgency=Urgency.FAST))
    assert [r.key for r in fast_and_moving.reasons] == ["reason.changes_often"]


def _too_close(a: str, b: str) -> bool:
    return SequenceMatcher(None, a.split(), b.split()).ratio() > 0.6


@pytest.mark.parametrize("lang", LANGS)
def test_no_two_lines_of_a_card_are_near_identical(lang: Lang) -> None:
    t = texts(lang)
    seen: set[tuple[str, ...]] = set()
    for f, d in _decided():
        lines = (
            *(t.get(r.key) for r in d.reasons),
            *(t.get(r.key) for r in d.risks),
            *(t.get(g.key) for g in d.checklist_gaps),
            *(t.get(s.key) for s in d.plan),
            *(t.get(k) for k in d.next_steps),
        )
        if lines in seen:
            continue
        seen.add(lines)
        for a, b in itertools.combinations(lines, 2):
            assert not _too_close(a, b), (f, a, b)


def test_the_card_keeps_to_its_caps_and_the_record_keeps_the_rest() -> None:
    longest: dict[str, int] = {"reasons": 0, "risks": 0, "steps": 0}
    for _, d in _decided():
        longest["reasons"] = max(longest["reasons"], len(d.reasons))
        longest["risks"] = max(longest["risks"], len(d.risks))
        longest["steps"] = max(longest["steps"], len(d.next_steps))
    # The sample does produce more than the card shows, so the caps are exercised.
    assert longest["reasons"] > MAX_REASONS and longest["risks"] > MAX_RISKS

    t = texts("en")
    for f, d in _decided()[::7]:
        card = build_card(DecisionReply(decision=d, facts=f), t, lambda k: k)
        assert len(card.reasons) <= MAX_REASONS
        assert len(card.risks) <= MAX_RISKS
        assert len(card.next_steps) <= MAX_NEXT_STEPS
        assert len(card.flips) <= MAX_FLIPS
        assert [r.text for r in (*card.reasons, *card.more_reasons)] == [
            t.get(r.key) for r in d.reasons
        ]
        assert [r.text for r in (*card.risks, *card.more_risks)] == [t.get(r.key) for r in d.risks]
        wording = goal_wording(f)
        assert (*card.next_steps, *card.more_next_steps) == tuple(
            say(t, k, wording) for k in d.next_steps
        )
        record = adr_markdown(card, t, CID, "2025-01-31")
        for line in (*card.more_reasons, *card.more_risks):
            assert line.text in record
        for text in (*card.more_next_steps, *card.more_flips):
            assert text in record


def test_a_card_with_many_reasons_shows_three_and_records_the_fourth() -> None:
    f = Facts(
        goals=frozenset({C}),
        prompting=PromptingStatus.CEILING,
        volume=Volume.HIGH,
        data_amount=DataAmount.PLENTY,
        data_quality=Quality.HIGH,
    )
    card = _card(f, "en")
    assert len(card.reasons) == 3 and len(card.more_reasons) == 1
    assert card.more_reasons[0].text in adr_markdown(card, texts("en"), CID, "2025-01-31")


# ---------------------------------------------------------------------------------------------
# The headline, the first reason and the advice fit the facts

# Reasons that argue for fine-tuning now; only a fine-tuning card may give them.
FT_NOW = {
    "reason.consistency_goal",
    "reason.prompting_ceiling",
    "reason.high_volume",
    "reason.data_ready",
    "reason.data_ready_reviewed",
}
FIRST_REASON = {
    Outcome.FINE_TUNING: {
        "reason.consistency_goal",
        "reason.prompting_ceiling",
        "reason.high_volume",
    },
    Outcome.RAG: {"reason.docs_change_often", "reason.freshness_goal"},
    Outcome.PROMPTING_RAG: {"reason.docs_change_often", "reason.freshness_goal"},
    Outcome.PROMPTING_RAG_FINE_TUNING: {"reason.docs_change_often", "reason.freshness_goal"},
    Outcome.PROMPTING: {
        "reason.no_data",
        "reason.low_quality_data",
        "reason.agile_beats_ft",
        "reason.speed_beats_ft",
        "reason.changes_often",
        "reason.needs_speed",
        "reason.prompting_works",
        "reason.data_hard",
        "reason.default_start",
    },
}
# Reasons for fine-tuning on a card that does not fine-tune now: each says "but" or "later".
HOLDING_BACK = {
    "reason.no_data",
    "reason.low_quality_data",
    "reason.agile_beats_ft",
    "reason.speed_beats_ft",
}


def test_the_first_reason_argues_for_the_headline() -> None:
    for f, d in _decided():
        assert d.reasons[0].key in FIRST_REASON[d.outcome], (f, d.outcome, d.reasons[0].key)
        if d.outcome is not Outcome.FINE_TUNING:
            assert not {r.key for r in d.reasons} & FT_NOW, (f, d.outcome)


@pytest.mark.parametrize("lang", LANGS)
def test_reasons_that_hold_fine_tuning_back_say_but(lang: Lang) -> None:
    but = {"en": ", but ", "ko": "지만"}[lang]
    later = {"en": "later", "ko": "나중에"}[lang]
    t = texts(lang)
    for key in HOLDING_BACK:
        assert but in t.get(key), key
    for key in ("reason.consistency_later", "reason.ceiling_later", "reason.volume_later"):
        assert later in t.get(key), key


def _keys(d: Decision) -> set[str]:
    return {
        *(s.key for s in d.plan),
        *d.next_steps,
        *(r.key for r in (*d.reasons, *d.risks, *d.checklist_gaps)),
    }


def test_advice_about_data_fits_the_data_the_user_has() -> None:
    uses_data = {
        "next.audit_data",
        "next.split_data",
        "plan.clean_data",
        "plan.select_ft_data",
        "plan.review_ft_data",
    }
    collects = {"plan.collect_ft_data", "next.count_data"}
    for f, d in _decided():
        keys = _keys(d)
        if f.data_amount is DataAmount.NONE:
            # Nothing to audit or clean: how to start collecting, when fine-tuning is ahead.
            assert not keys & uses_data, f
            if "plan.ft_after_data" in keys or "plan.partial_ft" in keys:
                assert "plan.collect_ft_data" in keys, f
        if f.data_amount in (DataAmount.SOME, DataAmount.PLENTY) and f.data_quality is Quality.HIGH:
            # Reviewed examples: how to use them, never to collect them.
            assert not keys & collects, f
            if d.outcome is Outcome.FINE_TUNING:
                assert "next.split_data" in keys
            if d.outcome is Outcome.PROMPTING_RAG_FINE_TUNING:
                assert "plan.select_ft_data" in keys
        if f.data_quality is Quality.LOW and f.data_amount is not DataAmount.NONE:
            assert "plan.collect_ft_data" not in keys, f


@pytest.mark.parametrize("lang", LANGS)
def test_no_reason_compares_every_case_to_the_support_bot_example(lang: Lang) -> None:
    t = texts(lang)
    reasons = yaml.safe_load((PROMPTS / f"card.{lang}.yaml").read_text(encoding="utf-8"))["reason"]
    for key in reasons:
        text = t.get(f"reason.{key}")
        assert "support" not in text.lower() and "고객지원" not in text, key


def test_generic_steps_only_when_the_facts_call_for_them() -> None:
    for f, d in _decided():
        if "next.benchmark_base_model" in d.next_steps:
            assert d.outcome is Outcome.FINE_TUNING
        if "next.input_contract" in d.next_steps:
            assert d.outcome in (
                Outcome.PROMPTING,
                Outcome.PROMPTING_RAG,
                Outcome.PROMPTING_RAG_FINE_TUNING,
            )
        if "next.inventory_docs" in d.next_steps:
            assert d.outcome in (
                Outcome.RAG,
                Outcome.PROMPTING_RAG,
                Outcome.PROMPTING_RAG_FINE_TUNING,
            )
        assert "risk.ft_data_quality" not in {r.key for r in d.risks} or (
            f.data_quality is not Quality.HIGH
        )
        # Cost tracking is one checklist line, not also a step.
        assert not [k for k in d.next_steps if "cost" in k]


def test_plan_steps_after_now_do_not_say_first() -> None:
    """ "Next: … first" contradicts itself."""
    first_words: tuple[tuple[Lang, re.Pattern[str]], ...] = (
        ("en", re.compile(r"\bfirst\b", re.I)),
        ("ko", re.compile("먼저")),
    )
    for lang, first in first_words:
        t = texts(lang)
        for _, d in _decided():
            for s in d.plan:
                if s.stage is not Stage.NOW:
                    assert not first.search(t.get(s.key)), (lang, s.key)


def test_headlines_and_summaries() -> None:
    en, ko = texts("en"), texts("ko")
    for outcome in Outcome:
        assert re.search(r"\b(first|now)\b", en.get(f"outcome.{outcome.value}")), outcome
        assert re.search("우선|지금은", ko.get(f"outcome.{outcome.value}")), outcome
    assert en.get("outcome.fine_tuning") == "Fine-tuning first"
    assert ko.get("outcome.fine_tuning") == "파인튜닝 우선"
    # Prompting changes what the model outputs, not the model.
    assert "output" in en.get("summary.prompting") and "shape the model" not in en.get(
        "summary.prompting"
    )
    assert "출력" in ko.get("summary.prompting")


# ---------------------------------------------------------------------------------------------
# "What would change this" says what the engine tested


def test_goal_flips_carry_the_goal_change_the_engine_tested() -> None:
    for f, d in _decided()[::3]:
        for fl in d.flips:
            if fl.fact is not FactName.TOP_GOAL:
                assert not fl.goals_added and not fl.goals_dropped
                continue
            alt = with_choice_replacing(f, fl.fact, fl.choice)
            before = (f.goals or frozenset()) & DECISIVE_GOALS
            after = (alt.goals or frozenset()) & DECISIVE_GOALS
            assert set(fl.goals_added) == after - before
            assert set(fl.goals_dropped) == before - after
            assert fl.goals_added or fl.goals_dropped


@pytest.mark.parametrize("lang", LANGS)
def test_a_top_goal_flip_reads_as_the_goals_it_drops(lang: Lang) -> None:
    """All three goals, "accuracy matters most" → prompting: the engine dropped consistency
    and freshness; accuracy maps to nothing in the matrix, so the line must not credit it."""
    t = texts(lang)
    f = Facts(goals=frozenset(Goal), data_amount=DataAmount.PLENTY, data_quality=Quality.HIGH)
    card = _card(f, lang)
    expected = t.get(
        "flip",
        condition=t.get(
            "when.goals.dropped",
            dropped="consistency and freshness",
            dropped_i="일관성과 최신성이",
        ),
        outcome=t.get("outcome.prompting"),
    )
    assert expected in card.flips
    for line in (*card.flips, *card.more_flips):
        assert t.get("goal.accuracy") not in line
        assert t.option_label("top_goal", "accuracy") not in line
    shown = {
        "en": "If consistency and freshness were not among your goals → Prompting first",
        "ko": "일관성과 최신성이 목표가 아니라면 → 프롬프팅 우선",
    }
    assert shown[lang] == expected


@pytest.mark.parametrize("lang", LANGS)
def test_every_flip_line_names_the_change_it_was_computed_from(lang: Lang) -> None:
    t = texts(lang)
    for f, d in _decided()[::5]:
        reply = DecisionReply(decision=d, facts=f)
        card = build_card(reply, t, lambda k: k)
        for line in (*card.flips, *card.more_flips):
            matching = [
                fl
                for fl in d.flips
                if line
                == t.get(
                    "flip",
                    condition=flip_condition(t, fl, f),
                    outcome=t.get(f"outcome.{fl.to.value}"),
                )
            ]
            assert matching, line
            for fl in matching:
                if fl.fact is FactName.TOP_GOAL:
                    for g in (*fl.goals_added, *fl.goals_dropped):
                        assert t.get(f"goal.{g.value}") in line
                    assert t.get("goal.accuracy") not in line
                else:
                    assert line.startswith(t.get(f"when.{fl.fact.value}.{fl.choice}"))


def test_swapped_and_added_goal_flips() -> None:
    en, ko = texts("en"), texts("ko")
    consistent = Facts(goals=frozenset({C}), data_amount=DataAmount.PLENTY)
    assert "If freshness mattered instead of consistency → " in "\n".join(
        _card(consistent, "en").flips
    )
    assert "일관성 대신 최신성이 중요하다면 → " in "\n".join(_card(consistent, "ko").flips)
    unknown = Facts(data_amount=DataAmount.PLENTY)
    lines = "\n".join((*_card(unknown, "en").flips, *_card(unknown, "en").more_flips))
    assert "If consistency mattered → Fine-tuning first" in lines
    assert en.get("when.goals.added", added="freshness") == "If freshness mattered too"
    assert ko.get("when.goals.added", added="최신성") == "최신성도 중요하다면"


def test_every_askable_answer_has_a_condition_in_both_languages() -> None:
    for lang in LANGS:
        t = texts(lang)
        for fact, choices in ASKABLE.items():
            if fact is FactName.TOP_GOAL:
                continue
            for choice in choices:
                assert t.get(f"when.{fact.value}.{choice}")


# ---------------------------------------------------------------------------------------------
# The decision record is exported whole


def _long_card(lang: Lang) -> CardView:
    f = Facts(
        use_case="customer support assistant for our billing & refunds <team>",
        goals=frozenset(Goal),
        data_examples=20_000,
        data_quality=Quality.HIGH,
        volume=Volume.HIGH,
        prompting=PromptingStatus.CEILING,
        docs_change=DocsChange.OFTEN,
        change_rate=ChangeRate.OFTEN,
        urgency=Urgency.FAST,
        eval_set=False,
        cost_tracked=False,
        languages=frozenset({"ko", "en", "ja"}),
    )
    rationale = Rationale(text=("Retrieval keeps answers current & grounded. " * 25).strip())
    return _card(
        f,
        lang,
        previous=Outcome.FINE_TUNING,
        changed=(FactName.DOCS_CHANGE,),
        rationale=rationale,
    )


def _shown_code(blocks: list[dict[str, Any]]) -> list[str]:
    codes = []
    for block in blocks[1:]:
        text = block["text"]["text"]
        assert text.startswith("```") and text.endswith("```")
        codes.append(text[3:-3])
    return codes


@pytest.mark.parametrize("lang", LANGS)
def test_a_long_decision_record_is_exported_whole(lang: Lang) -> None:
    t = texts(lang)
    record = adr_markdown(_long_card(lang), t, CID, "2025-01-31")
    assert len(record) > 3000  # the old export cut everything past ~3,000 characters
    message = code_message(t.get("ui.export"), record)
    assert check_blocks(message.blocks) == []
    assert len(message.blocks) <= 50
    assert all(len(b["text"]["text"]) <= 3000 for b in message.blocks)
    codes = _shown_code(message.blocks)
    assert len(codes) >= 2
    assert html.unescape("\n".join(codes)) == record.strip("\n")
    assert not any(c.endswith("…") for c in codes)


def test_an_overlong_line_is_split_without_breaking_an_entity() -> None:
    record = "# title\n" + "a&b<c>" * 2000 + "\nlast line"
    message = code_message("Export", record)
    assert check_blocks(message.blocks) == []
    codes = _shown_code(message.blocks)
    assert all(len(c) <= 2994 for c in codes)
    for c in codes:
        assert "&" not in re.sub(r"&(?:amp|lt|gt);", "", c)
    assert html.unescape("".join(c.replace("\n", "") for c in codes)) == record.replace("\n", "")


def test_a_record_too_long_for_one_message_is_an_error_not_a_cut() -> None:
    with pytest.raises(ValueError, match="too long"):
        code_message("Export", "x" * 3000 * 60)


# ---------------------------------------------------------------------------------------------
# Metadata: codes and ids only

CODES: dict[str, set[str]] = {
    "goals": {g.value for g in Goal},
    "top_goal": {g.value for g in Goal},
    "change_rate": {c.value for c in ChangeRate},
    "urgency": {c.value for c in Urgency},
    "data_amount": {c.value for c in DataAmount},
    "data_quality": {c.value for c in Quality},
    "volume": {c.value for c in Volume},
    "prompting": {c.value for c in PromptingStatus},
    "docs_change": {c.value for c in DocsChange},
}
EVERY_CHOICE = [(fact, choice) for fact, choices in ASKABLE.items() for choice in choices]


def _assert_codes_only(facts: dict[str, Any]) -> None:
    for key, value in facts.items():
        if key in CODES:
            values = value if isinstance(value, list) else [value]
            assert all(v in CODES[key] for v in values), (key, value)
        elif key in ("eval_set", "cost_tracked"):
            assert isinstance(value, bool)
        elif key == "data_examples":
            assert isinstance(value, int)
        elif key == "languages":
            assert all(re.fullmatch(r"[a-z]{2,3}|multi", v) for v in value)
        else:
            raise AssertionError(f"{key} is not a coded fact")


@settings(max_examples=120, deadline=None)
@given(
    choices=st.lists(st.sampled_from(EVERY_CHOICE), max_size=10),
    use_case=st.text(min_size=1, max_size=120),
    languages=st.none() | st.frozensets(st.text(max_size=12), max_size=3),
    examples=st.none() | st.integers(min_value=0, max_value=10**6),
    lang=st.sampled_from(LANGS),
)
def test_metadata_carries_codes_and_ids_only(
    choices: list[tuple[FactName, str]],
    use_case: str,
    languages: frozenset[str] | None,
    examples: int | None,
    lang: Lang,
) -> None:
    facts = Facts(use_case=use_case, languages=languages, data_examples=examples)
    for fact, choice in choices:
        facts = apply_choice(facts, fact, choice)
    card = _card(facts, lang)
    message = card_message(card, texts(lang), CID, in_dm=False, revision=2)
    assert message.metadata is not None
    assert message.metadata["event_type"] == "explainer_decision"
    payload = message.metadata["event_payload"]
    assert {"recommendation", "consultation_id", "language", "facts"} <= set(payload)
    assert payload["recommendation"] == card.outcome
    assert payload["consultation_id"] == CID and payload["language"] == lang
    assert "use_case" not in payload["facts"]
    _assert_codes_only(payload["facts"])
    # The facts that are codes are all there.
    for key in CODES:
        if key in card.facts:
            assert payload["facts"][key] == card.facts[key]
    json.dumps(message.metadata)


# ---------------------------------------------------------------------------------------------
# Korean: one polite register (해요체)


def _strings(node: object, path: str = "") -> list[tuple[str, str]]:
    if isinstance(node, dict):
        return [s for k, v in node.items() for s in _strings(v, f"{path}{k}.")]
    if isinstance(node, str):
        return [(path.rstrip("."), node)]
    return []


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+|\n", text.strip()) if s.strip()]


# Sections whose lines are sentences: each ends in 해요체 (…요. / …요? / …요!).
SENTENCE_SECTIONS = (
    "summary",
    "plan",
    "reason",
    "assume",
    "gap",
    "risk",
    "next",
    "notice",
    "summary_note",
    "by_goal",
)


def test_korean_card_texts_are_haeyo_sentences() -> None:
    data = yaml.safe_load((PROMPTS / "card.ko.yaml").read_text(encoding="utf-8"))
    checked = 0
    for section in SENTENCE_SECTIONS:
        for key, text in _strings(data[section], f"{section}."):
            for sentence in _sentences(text):
                assert re.search(r"요[.!?]$", sentence), (key, sentence)
                checked += 1
    assert checked > 60


@pytest.mark.parametrize("name", ["card.ko.yaml", "questions.ko.yaml"])
def test_no_korean_text_ends_in_the_plain_register(name: str) -> None:
    """해라체 (…다 / …다.) and noun endings (…음, …함) read as notes, not as the bot talking."""
    data = yaml.safe_load((PROMPTS / name).read_text(encoding="utf-8"))
    for key, text in _strings(data):
        # One-word labels ("다음", "승인됨") are not sentences.
        for sentence in (s for s in _sentences(text) if " " in s.strip()):
            assert not re.search(r"(다|음|함|됨)[.!]?$", sentence), (key, sentence)


def test_korean_questions_ask_politely() -> None:
    data = yaml.safe_load((PROMPTS / "questions.ko.yaml").read_text(encoding="utf-8"))
    for fact, q in data["questions"].items():
        assert re.search(r"(요|까)\?$", q["text"]), fact
        assert re.search(r"요\.$", q["why"]), fact


@pytest.mark.parametrize("lang", LANGS)
def test_assumptions_render_in_one_register(lang: Lang) -> None:
    t: Texts = texts(lang)
    data = yaml.safe_load((PROMPTS / f"card.{lang}.yaml").read_text(encoding="utf-8"))
    for key in data["assume"]:
        text = t.get(f"assume.{key}")
        assert text[:1].isupper() or lang == "ko", key
        assert text.endswith("요." if lang == "ko" else "."), key
