"""Wording from the round on dev60: regional Korean endings ("읎어유", "되는디", "하는기"), a
subset or a total counted after the whole ("only 6,000 have a reply", "합치면 1,500개"), examples
listed after "in the prompt", "the works", a count made with a word ("ten a day"), hearsay about a
method ("I read somewhere that…", "좋다던데"), a change of the prompt is not a change of the
documents, and data that may not be trained on is none."""

from __future__ import annotations

from bot.core.facts import (
    ChangeRate,
    DataAmount,
    DocsChange,
    FactName,
    Goal,
    PromptingStatus,
    Quality,
    Urgency,
    Volume,
)
from testkit.reading import goals, rules


def test_regional_endings_read_as_standard_and_quote_the_user() -> None:
    ex = rules("평가셋이요? 그런 거 읎어유", FactName.EVAL_SET)
    assert ex.facts.eval_set is False
    assert any("읎어유" in r.quote for r in ex.readings)
    text = "회칙은 2년에 한 번 고치는디 행사 공지는 매주 올라와유"
    assert rules(text).facts.docs_change is DocsChange.OFTEN
    text = "틀린 말 안 하는기 제일이지예"
    assert rules(text, FactName.TOP_GOAL).facts.top_goal is Goal.ACCURACY
    # A word that only ends like the dialect keeps its meaning ("이유", "공유").
    assert rules("공유 폴더에 이유 적어 둔 메모가 있어요").facts.eval_set is None


def test_a_part_or_a_total_counted_after_the_whole() -> None:
    text = "The CRM holds about 12,000 cases. Only around 4,000 have a written reply though."
    assert rules(text, FactName.DATA_AMOUNT).facts.data_examples == 4000
    text = "정리된 건 올해 거 600개쯤? 작년 것도 있으니까 합치면 1,300개 정도요"
    assert rules(text, FactName.DATA_AMOUNT).facts.data_examples == 1300
    # Without either, two counts that disagree are asked about.
    text = "The CRM holds about 12,000 cases. About 4,000 cases have a written reply."
    assert rules(text, FactName.DATA_AMOUNT).facts.data_examples is None


def test_examples_listed_after_the_prompt_are_shown_in_it() -> None:
    text = (
        "A long brief in the prompt, fifteen sample posts, the works. It gets close and then"
        " stops getting better."
    )
    facts = rules(text, FactName.PROMPTING).facts
    assert facts.prompting is PromptingStatus.CEILING
    assert facts.data_examples is None and facts.data_amount is None
    # A prompt that works still works.
    assert rules("The prompt works fine.").facts.prompting is PromptingStatus.WORKING


def test_a_rate_counted_with_a_word() -> None:
    text = "It's not a flood, ten a day in busy weeks at worst"
    assert rules(text, FactName.VOLUME).facts.volume is Volume.LOW
    text = "Big. About 3,000 new cards a year, and the same briefs come round again and again."
    assert rules(text, FactName.VOLUME).facts.volume is Volume.HIGH


def test_hearsay_about_a_method_states_no_goal() -> None:
    text = (
        "Is this a job for fine-tuning? I read somewhere that it's the pick when you want the"
        " same tone every time."
    )
    assert goals(text) == set()
    text = "파인튜닝이 맞나요? 블로그 글에 말투를 일관되게 맞출 때 파인튜닝이 좋다던데"
    assert goals(text) == set()
    # The user's own wish still counts.
    assert Goal.CONSISTENCY in goals("We want the same tone every time.")


def test_a_style_denied_and_getting_something_right() -> None:
    text = "Accuracy first. A wrong dosage is a safety matter, not a matter of style."
    assert goals(text) == {Goal.ACCURACY}
    text = "Getting the refund call right is number one. Tone matters too but it's second"
    facts = rules(text, FactName.TOP_GOAL).facts
    assert facts.top_goal is Goal.ACCURACY
    # Getting the tone right is about tone, not accuracy.
    text = "Getting the tone right matters most."
    assert rules(text, FactName.TOP_GOAL).facts.top_goal is Goal.CONSISTENCY


def test_a_changed_prompt_is_not_a_changed_document() -> None:
    text = (
        "She keeps a sheet of 25 hard questions and reruns them every time she changes her prompt"
    )
    assert rules(text, FactName.EVAL_SET).facts.docs_change is None
    # A document changed as often is still a document ("keeps" says nothing of how often).
    text = (
        "She keeps a sheet of 25 hard questions and reruns them every time she changes the "
        "policy, which is most weeks"
    )
    assert rules(text).facts.docs_change is DocsChange.OFTEN


def test_data_that_may_not_be_trained_on() -> None:
    text = (
        "We keep all the enquiry emails, but we cannot use them for training because of"
        " personal data."
    )
    assert rules(text, FactName.DATA_AMOUNT).facts.data_amount is DataAmount.NONE
    text = "상담일지는 있는데 민원 내용만 적혀 있고 우리가 뭐라고 답했는지는 안 적혀 있어요"
    assert rules(text, FactName.DATA_AMOUNT).facts.data_amount is DataAmount.NONE


def test_korean_quality_cost_and_urgency_wording() -> None:
    text = "근데 주말팀은 '가능. 10만' 이렇게만 써서 평일팀꺼랑 완전 딴판입니다"
    assert rules(text, FactName.DATA_QUALITY).facts.data_quality is Quality.LOW
    text = "최종본은 국장님 결재까지 난 것들이라 형식은 완벽해요"
    assert rules(text, FactName.DATA_QUALITY).facts.data_quality is Quality.HIGH
    text = "건당 얼마 드는지, 답 나오는데 몇초 걸리는지 저희는 재본 적이 없어요"
    assert rules(text).facts.cost_tracked is False
    text = "다음 달 1일에 개편인데 오늘이 26일이라.. 일주일도 안 남았어요"
    assert rules(text, FactName.URGENCY).facts.urgency is Urgency.FAST
    assert rules("다음 달쯤이면 돼요", FactName.URGENCY).facts.urgency is Urgency.NORMAL
    text = "이런 걸 전화로 엄청 물어보는데 안내 챗봇을 만들어 보려고요"
    assert rules(text).facts.volume is Volume.HIGH


def test_what_they_write_has_not_changed() -> None:
    text = "The kind of notices we write is the same since 12 years."
    facts = rules(text).facts
    assert facts.docs_change is None
    assert facts.change_rate is ChangeRate.RARELY
    text = "Nothing tried yet. IT approved the tools last week."
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.NOT_TRIED
    text = "Cost per query will be tracked from day one, though at present we measure neither."
    assert rules(text).facts.cost_tracked is False


def test_electric_current_is_no_freshness() -> None:
    assert goals("On odd questions it made up current draw numbers.") == set()
    assert goals("It must give the current price numbers.") == {Goal.FRESHNESS}
