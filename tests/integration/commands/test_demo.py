"""`explainer demo` in process: scripted input against an embedded Redis in a temp directory."""

from __future__ import annotations

import io
import re
from pathlib import Path

from bot.commands.demo import run_demo as _demo
from bot.core.facts import ASKABLE, FactName, Goal
from bot.core.state import Status
from bot.settings import Settings
from bot.texts import texts
from testkit.demo import ENGLISH_WIKI_SEARCH, demo_settings, stored_consultation

HANGUL = re.compile(r"[\uac00-\ud7a3]")
KOREAN_SUPPORT_BOT = (
    "고객지원 봇인데 회사 톤과 형식을 항상 일정하게 맞춰야 해요\n"
    "검수된 Q&A 데이터가 2만 건 있어요\n"
)


async def _run(settings: Settings, script: str, *, new: bool = False) -> str:
    out = io.StringIO()
    assert await _demo(settings, new, None, io.StringIO(script), out) == 0
    return out.getvalue()


async def test_a_second_run_in_the_same_data_dir_reads_its_own_first_message(
    tmp_path: Path,
) -> None:
    settings = demo_settings(tmp_path)
    await _run(settings, KOREAN_SUPPORT_BOT, new=True)
    first = await stored_consultation(settings)
    assert first.lang == "ko"
    assert first.status is Status.DECIDED

    # The first run ended with a decision, so this one starts over at turn 1, as it did.
    output = await _run(settings, ENGLISH_WIKI_SEARCH)

    second = await stored_consultation(settings)
    assert second.id == first.id
    # Read, answered in English and decided when the input ran out, all in this run.
    assert second.lang == "en"
    assert second.status is Status.DECIDED
    assert len(second.revisions) == 1
    # Everything after the bilingual greeting answers this run's message, in its language.
    reply = output.split(texts("en").get("ui.demo_help"), 1)[1]
    assert reply.strip()
    assert not HANGUL.search(reply)


async def test_the_same_script_twice_is_answered_twice(tmp_path: Path) -> None:
    settings = demo_settings(tmp_path)
    first = await _run(settings, ENGLISH_WIKI_SEARCH, new=True)
    second = await _run(settings, ENGLISH_WIKI_SEARCH)
    help_line = texts("en").get("ui.demo_help")
    assert second.split(help_line, 1)[1] == first.split(help_line, 1)[1]
    assert (await stored_consultation(settings)).status is Status.DECIDED


SUPPORT_BOT = "support bot, tone must be consistent\n"


class _Terminal(io.StringIO):
    """Typed input: the demo is attached to a terminal, where Ctrl-D ends the input."""

    def isatty(self) -> bool:
        return True


async def test_a_resumed_consultation_shows_what_it_knows_and_asks_its_open_question_again(
    tmp_path: Path,
) -> None:
    settings = demo_settings(tmp_path)
    await _run(settings, SUPPORT_BOT + "q\n", new=True)
    waiting = await stored_consultation(settings)
    assert waiting.pending is FactName.DATA_AMOUNT

    output = await _run(settings, "q\n")

    en = texts("en")
    assert en.get("ui.resumed") in output
    consistency = en.option_label("top_goal", "consistency")
    assert en.get("ui.resumed_known", facts=f"1. your goals: {consistency}") in output
    assert en.get("ui.resumed_start_over") in output
    # The question still waiting for an answer, with its options, before anything is typed.
    before_quit = output.split(en.get("ui.saved"), 1)[0]
    assert en.get("questions.questions.data_amount.text") in before_quit
    for i, choice in enumerate(ASKABLE[FactName.DATA_AMOUNT], start=1):
        assert f"{i}) {en.option_label('data_amount', choice)}" in before_quit
    assert (await stored_consultation(settings)).turns == waiting.turns


async def test_a_consultation_that_learnt_nothing_is_not_resumed(tmp_path: Path) -> None:
    settings = demo_settings(tmp_path)
    await _run(settings, "hello\nq\n", new=True)
    assert (await stored_consultation(settings)).turns == 1

    output = await _run(settings, "사내 규정 챗봇이에요. 규정은 거의 안 바뀌어요\nq\n")

    assert texts("en").get("ui.resumed") not in output
    assert texts("ko").get("ui.greeting") in output
    # The new message is read as the project's description, in its own language.
    again = await stored_consultation(settings)
    assert again.turns == 1 and again.lang == "ko" and again.facts.known()


async def test_e_corrects_what_a_resumed_consultation_knows(tmp_path: Path) -> None:
    settings = demo_settings(tmp_path)
    await _run(settings, SUPPORT_BOT + "q\n", new=True)

    # Reading 1 is the consistency goal; its correction 1 makes it the most important one.
    output = await _run(settings, "e 1\ne 1 1\nq\n")

    assert texts("en").get("ui.edit_nothing") not in output
    assert texts("en").get("ui.correct_top") in output
    c = await stored_consultation(settings)
    assert c.facts.top_goal is Goal.CONSISTENCY
    assert c.status is Status.ACTIVE


async def test_ctrl_d_on_a_terminal_keeps_the_consultation_like_q(tmp_path: Path) -> None:
    settings = demo_settings(tmp_path)
    out = io.StringIO()
    assert await _demo(settings, True, None, _Terminal(SUPPORT_BOT), out) == 0

    c = await stored_consultation(settings)
    assert c.status is Status.ACTIVE and c.pending is FactName.DATA_AMOUNT
    assert out.getvalue().rstrip().endswith(texts("en").get("ui.saved"))
    assert texts("en").get("heading.recommendation") not in out.getvalue()


async def test_piped_input_that_runs_out_says_it_decides(tmp_path: Path) -> None:
    settings = demo_settings(tmp_path)
    output = await _run(settings, SUPPORT_BOT, new=True)

    before, card = output.split(texts("en").get("ui.input_ended"), 1)
    assert texts("en").get("heading.recommendation") in card
    assert texts("en").get("heading.recommendation") not in before
    assert (await stored_consultation(settings)).status is Status.DECIDED


async def test_after_the_card_a_number_gets_what_can_be_done_next(tmp_path: Path) -> None:
    settings = demo_settings(tmp_path)
    output = await _run(settings, ENGLISH_WIKI_SEARCH + "d\n2\nq\n", new=True)

    en = texts("en")
    after_card = output.split(en.get("heading.next"), 1)[1]
    # Once under the card, and once more for the "2" that picks nothing.
    assert after_card.count(en.get("ui.after_card")) == 2
    assert en.get("notice.not_understood") not in after_card
    c = await stored_consultation(settings)
    assert c.status is Status.DECIDED and len(c.revisions) == 1


async def test_a_number_past_the_options_asks_for_one_in_range(tmp_path: Path) -> None:
    settings = demo_settings(tmp_path)
    # "3": no training data; the next question, about documents, has three options.
    await _run(settings, SUPPORT_BOT + "3\nq\n", new=True)
    before = await stored_consultation(settings)
    assert before.pending is FactName.DOCS_CHANGE and len(ASKABLE[FactName.DOCS_CHANGE]) == 3

    output = await _run(settings, "7\nq\n")

    assert texts("en").get("ui.pick_range", n=3) in output
    after = await stored_consultation(settings)
    assert after.facts == before.facts and after.turns == before.turns


async def test_a_number_answers_a_question_that_asks_how_many(tmp_path: Path) -> None:
    settings = demo_settings(tmp_path)
    output = await _run(settings, SUPPORT_BOT + "7\nq\n", new=True)

    assert texts("en").get("ui.pick_range", n=3) not in output
    assert (await stored_consultation(settings)).facts.data_examples == 7
