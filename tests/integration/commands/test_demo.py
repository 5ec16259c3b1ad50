"""`explainer demo` in process: scripted input against an embedded Redis in a temp directory."""

from __future__ import annotations

import io
import re
from pathlib import Path

from bot.commands.demo import run_demo as _demo
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
