"""Wording from a round on dev70 and short ones on dev71 and dev72: a prompt rewritten loads
of times, twice a month in Korean, answers the owner writes the same way, a rule that forbids
the tools, goals worded as what must not happen or said to come second, deadlines weeks away,
old prices in the data, Jeju "어수다", and counts and lists that are not traffic or document
changes."""

from __future__ import annotations

from bot.core.facts import DocsChange, FactName, Goal, PromptingStatus, Quality, Urgency, Volume
from testkit.reading import rules


def test_a_prompt_rewritten_many_times_is_the_ceiling() -> None:
    text = "it makes up sizes we don't stock. changed the prompt loads of times, still does it"
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING
    text = "We tried maybe 15 versions of the prompt and it still mixes the models up."
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING
    text = "It gets the part numbers wrong whatever we put in the instructions."
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING
    ko = "상품 추천을 시켰는데 맨날 틀림 프롬프트 스무번은 바꿨는데 똑같음"
    assert rules(ko, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING


def test_a_colleague_using_a_chat_tool_that_gets_it_right_is_working() -> None:
    ko = "과장님이 챗지피티에 단가표 붙여넣고 쓰고 계신데 잘 맞춰주더라고요"
    assert rules(ko, FactName.PROMPTING).facts.prompting is PromptingStatus.WORKING


def test_a_rule_that_forbids_the_tools_means_not_tried() -> None:
    text = "Head office doesn't allow public AI tools on customer data yet, so no."
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.NOT_TRIED


def test_twice_a_month_in_korean_is_often() -> None:
    ko = "판매 목록이 한달에 두어번 새로 추가돼요. 약관은 잘 안바뀌고요."
    assert rules(ko, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN


def test_hardly_ever_edited_is_rarely() -> None:
    ko = "사용 설명서는 출시 때 만들고 거의 수정하지 않습니다."
    assert rules(ko, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.RARELY


def test_every_answer_citing_a_revision_is_no_change_rate() -> None:
    ko = "답변마다 근거 문서 번호와 revision을 반드시 표기해야 합니다."
    assert rules(ko).facts.docs_change is None


def test_answers_written_the_same_way_are_good_data() -> None:
    text = "Just me, and I answer pretty much the same way every time."
    assert rules(text, FactName.DATA_QUALITY).facts.data_quality is Quality.HIGH


def test_cannot_call_it_good_is_poor_data() -> None:
    ko = "직원마다 쓰는 게 달라서 좋다고는 못하겠어요"
    assert rules(ko, FactName.DATA_QUALITY).facts.data_quality is Quality.LOW


def test_goals_worded_as_what_must_not_happen() -> None:
    text = "never recommending stuff that's sold out. that's the big one"
    facts = rules(text, FactName.TOP_GOAL).facts
    assert facts.top_goal is Goal.FRESHNESS
    text = "Then it should sound like Sam and not like a call centre."
    assert Goal.CONSISTENCY in (rules(text).facts.goals or ())
    text = "Stock levels and delivery dates right, definitely."
    assert rules(text, FactName.TOP_GOAL).facts.top_goal is Goal.ACCURACY


def test_some_weeks_away_is_no_rush() -> None:
    text = "My manager wants it for the trade show, that is in four weeks."
    assert rules(text, FactName.URGENCY).facts.urgency is Urgency.NORMAL
    ko = "하반기 중 오픈이 목표입니다."
    assert rules(ko, FactName.URGENCY).facts.urgency is Urgency.NORMAL


def test_lots_of_messages_in_korean_is_high_traffic() -> None:
    ko = "이런 질문이 인스타 디엠으로 엄청 옴"
    assert rules(ko).facts.volume is Volume.HIGH
    ko = "회원분들이 환불 관련 inquiry를 정말 엄청 주세요."
    assert rules(ko).facts.volume is Volume.HIGH


def test_repeat_enquiries_and_one_busy_season_are_not_high_traffic() -> None:
    ko = "일관성입니다. 안내가 사람마다 달라서 재문의가 많습니다."
    assert rules(ko, FactName.TOP_GOAL).facts.volume is None
    ko = "연말엔 폭주하고 평소엔 그럭저럭이에요."
    assert rules(ko, FactName.VOLUME).facts.volume is None


def test_that_is_first_points_at_the_goal_before_it() -> None:
    text = "The prices being correct, that's first. Then it should sound like us."
    facts = rules(text, FactName.TOP_GOAL).facts
    assert facts.top_goal is Goal.ACCURACY
    assert facts.goals == frozenset({Goal.ACCURACY, Goal.CONSISTENCY})


# A short round on dev71.


def test_this_weeks_offer_is_what_answers_follow_not_a_deadline() -> None:
    ko = "이번 주 할인 조건 기준으로 답하는 게 제일 중요해요."
    assert rules(ko, FactName.TOP_GOAL).facts.urgency is None


def test_the_end_of_next_month_is_no_rush() -> None:
    text = "The boss wants a demo by the end of next month, so about six weeks."
    assert rules(text, FactName.URGENCY).facts.urgency is Urgency.NORMAL
    ko = "정해진 날짜는 없고요, 올해 안에만 되면 좋겠어요."
    assert rules(ko, FactName.URGENCY).facts.urgency is Urgency.NORMAL


def test_prompting_that_does_grand_or_is_usable_is_working() -> None:
    text = "I paste the emails into ChatGPT with my price list and honestly it does grand."
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.WORKING
    text = "A Copilot helper has been in a pilot for a month and staff say it's usable."
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.WORKING
    text = "We change prompt many many times, no better."
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING
    text = "Company policy prohibits customer data in public AI tools, so no."
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.NOT_TRIED


def test_a_goal_said_to_come_second_after_the_first() -> None:
    text = "The rates have to be right. Sounding like me would be nice but that's second."
    assert rules(text, FactName.TOP_GOAL).facts.top_goal is Goal.ACCURACY
    ko = "가격 틀리면 안 됩니다. 1순위입니다. 양식은 그다음."
    assert rules(ko, FactName.TOP_GOAL).facts.top_goal is Goal.ACCURACY
    text = "Most important is that the product information is exact. After that, the same layout."
    assert rules(text, FactName.TOP_GOAL).facts.top_goal is Goal.ACCURACY


def test_old_prices_in_much_of_the_data_is_poor_data() -> None:
    text = "Fine for tone, but a good chunk of them have the old prices in them."
    assert rules(text, FactName.DATA_QUALITY).facts.data_quality is Quality.LOW
    ko = "검토는 다 거쳤습니다. 다만 단종 제품 답변이 절반 가까이 됩니다."
    assert rules(ko, FactName.DATA_QUALITY).facts.data_quality is Quality.LOW
    ko = "옛날 단가가 수두룩해요."
    assert rules(ko, FactName.DATA_QUALITY).facts.data_quality is Quality.LOW


def test_not_mad_busy_is_low_traffic() -> None:
    text = "Ah it's not mad busy tbh."
    assert rules(text, FactName.VOLUME).facts.volume is Volume.LOW


# A short round on dev72.


def test_jeju_eosuda_is_none() -> None:
    ko = "내년 예산 전에 계획만 세우면 되우다. 급한 건 어수다."
    assert rules(ko, FactName.URGENCY).facts.urgency is Urgency.NORMAL
    ko = "문서 같은 건 어수다. 가격은 다 제 머릿속에 있어요."
    assert rules(ko, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.NONE


def test_a_formal_sentence_ends_before_gateun() -> None:
    ko = "정확성과 일관성 모두 중요하여 순위를 정하기 어려움. 같은 사안에 다른 답이 나가면 곤란함."
    facts = rules(ko, FactName.TOP_GOAL).facts
    assert facts.goals == frozenset({Goal.ACCURACY, Goal.CONSISTENCY})
    assert facts.top_goal is None


def test_the_most_common_question_is_no_traffic_figure() -> None:
    ko = "'실내용이랑 뭐가 달라요' 이런 질문이 젤 많음ㅋㅋ 사이즈 추천 챗봇 만들고 싶어"
    assert rules(ko).facts.volume is None


def test_korean_data_quality_in_other_words() -> None:
    ko = "초창기 건 지금 보면 허접해요. 반은 버려야 될 거 같아요."
    assert rules(ko, FactName.DATA_QUALITY).facts.data_quality is Quality.LOW
    ko = "결재는 다 거쳤으나 개정 이전 회신이 많아 그대로 쓰기 어려움."
    assert rules(ko, FactName.DATA_QUALITY).facts.data_quality is Quality.LOW
    ko = "제가 혼자 다 썼습니다. 양식 정해져 있습니다."
    assert rules(ko, FactName.DATA_QUALITY).facts.data_quality is Quality.HIGH


def test_not_massive_and_no_getting_better() -> None:
    text = "Not massive to be fair. Twenty-odd a week."
    assert rules(text, FactName.VOLUME).facts.volume is Volume.LOW
    text = "Whatever we change, a fifth of the answers still have the wrong grade."
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING
    text = "We've rewritten the prompt a dozen times and it's no getting any better."
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING
