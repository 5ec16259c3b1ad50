"""Wording from a round on dev87: English terms inside Korean sentences read with Korean
negation ("accuracy는 … 상관없고요"), questions that end on "-지요" without a question mark, one
thought per line, what is put first when it names no goal the reader knows, a plan only talked
about; and English: "we did not try anything", "nothing tried", "we ain't", "negative on …",
"I cannot say one"."""

from __future__ import annotations

from bot.core.facts import DocsChange, FactName, Goal, PromptingStatus, Quality
from bot.llm.reader.text import sentences
from testkit.reading import rules


def test_an_english_term_with_a_korean_particle_is_negated_in_korean() -> None:
    text = (
        "저희는 무조건 consistency요. "
        "accuracy는 어차피 QA팀이 한 번 더 보니까 저희 쪽에선 상관없어요."
    )
    read = rules(text, FactName.TOP_GOAL).facts
    assert read.goals == frozenset({Goal.CONSISTENCY})
    assert read.top_goal is Goal.CONSISTENCY
    # The particle against the term, as before: "X라기보다는 Y", "X하진 않아요".
    read = rules("accuracy라기보다는 consistency예요.", FactName.TOP_GOAL).facts
    assert read.goals == frozenset({Goal.CONSISTENCY})


def test_a_korean_question_ending_in_jiyo_asks_without_a_mark() -> None:
    text = "하나 여쭙겠습니다. 규정이 바뀔 때마다 모델을 다시 학습시켜야 하는 것인지요."
    read = rules(text)
    assert read.facts.docs_change is None
    assert read.side_question
    # "엄청나요", "큰일 나요" end like "-나요" and state what they say.
    assert rules("신규 문의가 하루 5천 건씩 들어와서 양이 엄청나요").facts.volume is not None


def test_a_line_that_ends_on_a_particle_goes_on_in_the_next() -> None:
    assert sentences("혹시\n답변 형식 맞추는 건\n프롬프트로 되나요") == [
        "혹시",
        "답변 형식 맞추는 건\n프롬프트로 되나요",
    ]
    assert rules("혹시\n답변 형식 맞추는 건\n프롬프트로 되나요").facts.goals is None
    # A count on a line of its own ends there.
    said = sentences("세어 보니\n1,200건\n쓸 만한 건 절반")
    assert said == ["세어 보니\n1,200건", "쓸 만한 건 절반"]


def test_what_is_put_first_must_be_a_goal_that_was_read() -> None:
    text = "금액 틀리면 안 되는 건 당연하고요, 그래도 제일은 손님이 기분 좋게 나가는 거예요."
    read = rules(text, FactName.TOP_GOAL).facts
    assert read.top_goal is None
    # Said after the goal, or pointing back at it, it still puts that goal first.
    assert rules("일관성이요 젤 중요한건.", FactName.TOP_GOAL).facts.top_goal is Goal.CONSISTENCY
    text = "양식이 매번 똑같아야 해요. 제일 중요한 건 그거예요"
    assert rules(text, FactName.TOP_GOAL).facts.top_goal is Goal.CONSISTENCY


def test_korean_documents_and_plans() -> None:
    text = "사양표는 거의 안 바뀌는데 가격표가 입고 때마다 바뀜"
    read = rules(text, FactName.DOCS_CHANGE).facts
    assert read.change_rate is None
    assert read.docs_change is DocsChange.OFTEN
    text = "답변 문장마다 규격서 번호를 반드시 달아야 합니다."
    assert rules(text).facts.docs_change is None
    text = "중국어는 아직이고, 내년쯤 넣을까 논의만 있어요."
    assert rules(text).facts.urgency is None


def test_english_prompting_not_tried_and_ceiling() -> None:
    for text in (
        "We did not try anything yet. The old laptop still works though.",
        "No AI tools are authorized on our network. So nothing tried.",
        "The boss says we tried it. We ain't.",
    ):
        assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.NOT_TRIED, text
    text = "Tried a chatbot with the manual. We changed the prompt maybe 15 times, no improvment."
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING


def test_english_negative_on_and_no_top_goal() -> None:
    text = "Negative on clean pairs. Most of it is phone calls."
    assert rules(text, FactName.DATA_QUALITY).facts.data_quality is not Quality.HIGH
    text = "Correct part numbers. And it must use the newest tables. Both, I cannot say one."
    assert rules(text, FactName.TOP_GOAL).facts.top_goal is None
