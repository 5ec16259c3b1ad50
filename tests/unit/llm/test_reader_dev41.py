"""Wording from the round on dev41: how a try went, said plainly, and traffic called a lot.

- "it did alright tbh!", "예시 몇 개 같이 넣어주면 말투 꽤 비슷하게 나와요": prompting works.
- "made many versions of the prompt … it never got better than around 70%": a ceiling, and
  "never got" is no "never tried".
- "… 전부 똑같이 요약해야 돼요. 양 많습니다": the user calls the count a lot.
- "내용 정확한지는 원장님이 한번 보시니까 괜찮구요": someone else sees to accuracy.
"""

from __future__ import annotations

from bot.core.facts import FactName, Goal, PromptingStatus, Volume
from testkit.reading import rules


def test_a_try_that_went_fine_is_working() -> None:
    en = (
        "one of our seasonals pasted the handbook into chatgpt last summer and asked it refund "
        "questions. it did alright tbh!"
    )
    assert rules(en, FactName.PROMPTING).facts.prompting is PromptingStatus.WORKING
    ko = "네 뤼튼으로 해봤어요! 예시 몇 개 같이 넣어주면 말투 꽤 비슷하게 나와요~"
    assert rules(ko, FactName.PROMPTING).facts.prompting is PromptingStatus.WORKING


def test_never_got_better_is_a_ceiling() -> None:
    text = (
        "We tried with Copilot in January. In beginning it was okay, then we made many versions "
        "of the prompt for the tuition questions and it never got better than around 70% correct."
    )
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING


def test_traffic_the_user_calls_a_lot() -> None:
    text = (
        "하루 보도자료가 40~50개씩 들어오는데 다 비슷한 포맷이고 "
        "전부 똑같이 요약해야 돼요. 양 많습니다"
    )
    assert rules(text, FactName.VOLUME).facts.volume is Volume.HIGH
    assert rules("하루 보도자료가 40~50개씩 들어와요", FactName.VOLUME).facts.volume is Volume.LOW


def test_accuracy_someone_else_checks_is_not_a_goal() -> None:
    text = (
        "일관성이요!! 지점마다 실장님들 문체가 너무 달라서 환자분들이 '같은 병원 맞아요?' 하세요 "
        "ㅎㅎ 내용 정확한지는 원장님이 한번 보시니까 괜찮구요"
    )
    facts = rules(text, FactName.TOP_GOAL).facts
    assert facts.top_goal is Goal.CONSISTENCY
    assert Goal.ACCURACY not in (facts.goals or ())
