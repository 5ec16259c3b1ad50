"""The rule reader on more Korean Slack phrasings: laughter after a connective ending that does
not end the sentence, distributives listed with a comma, a writer's note that is one noun phrase,
records people wrote, a change of style asked for, the goal said to matter more, a review still
to come, words that only look like facts (a case count, the newest model, an exact date, going
over a token limit), and cost seen only in total.

These read with the rules alone, so that what the rules do is what is tested.
"""

from __future__ import annotations

import pytest

from bot.core.facts import (
    ChangeRate,
    DataAmount,
    DocsChange,
    Goal,
    PromptingStatus,
    Quality,
    Urgency,
)
from bot.llm.reader.text import clauses, sentences
from testkit.reading import goals, rules

# --- sentences and clauses ------------------------------------------------------------------


def test_laughter_after_a_connective_does_not_end_the_sentence() -> None:
    found = sentences("템플릿은 팀장님 기분 따라서 ㅋㅋ 주마다 바뀌어요")
    assert len(found) == 1


def test_laughter_after_an_ending_still_ends_the_sentence() -> None:
    assert len(sentences("문서는 거의 안 바뀌어요 ㅋㅋ 예산은 넉넉해요")) == 2


def test_distributives_listed_with_a_comma_stay_one_clause() -> None:
    [sentence] = sentences("보고서 양식이 부서마다, 지역마다 자꾸 달라져요")
    assert len(clauses(sentence)) == 1


def test_what_a_writer_looked_at_belongs_to_what_they_wrote() -> None:
    [sentence] = sentences("상담사가 고객 기록 보고 작성한 메모가 5천 건이에요")
    assert len(clauses(sentence)) == 1


# --- change of the use case -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("템플릿은 팀장님 기분 따라서 ㅋㅋ 주마다 바뀌어요", ChangeRate.OFTEN),
        ("보고서 양식이 부서마다, 지역마다 수시로 바껴요", ChangeRate.OFTEN),
        ("안내 문구 스타일은 홍보팀 요청으로 가끔 바뀝니다", ChangeRate.SOMETIMES),
        ("상담 항목은 가끔 한두 개씩 추가돼요", ChangeRate.SOMETIMES),
        ("출력 형식은 내부 지침으로 정해져 있어서 거의 안 바뀌어요", ChangeRate.RARELY),
    ],
)
def test_how_often_the_use_case_changes(text: str, rate: ChangeRate) -> None:
    assert rules(text).facts.change_rate is rate


def test_a_tone_that_varies_is_no_change_of_the_use_case() -> None:
    assert rules("응답 톤이 매번 달라서 불만이 많아요").facts.change_rate is None


def test_a_set_format_that_names_the_task_is_no_wish() -> None:
    assert goals("회의록을 정해진 사내 양식으로 바꿔주는 거 만들려고요") == set()


# --- documents -------------------------------------------------------------------------------


def test_ordinances_are_documents() -> None:
    assert rules("시 조례는 몇 년에 한 번 개정돼요").facts.docs_change is DocsChange.RARELY


def test_a_policy_that_hardly_changes() -> None:
    assert rules("규정이 바뀌는 경우는 거의 없어요").facts.docs_change is DocsChange.RARELY


# --- data -------------------------------------------------------------------------------------


def test_records_people_wrote_are_data() -> None:
    facts = rules("세무사님들이 장부 보고 작성한 메모가 3천 건 있어요").facts
    assert facts.data_examples == 3000


def test_pairs_are_examples() -> None:
    facts = rules("질문이랑 모범 답안 짝으로 150개 정도 있어요").facts
    assert facts.data_examples == 150
    assert facts.data_amount is DataAmount.SOME


@pytest.mark.parametrize(
    ("text", "quality"),
    [
        # Past cases of mixed quality; records from before a change, mixed.
        ("예전 상담 건이 5만 건쯤 있는데 퀄리티가 들쭉날쭉해요", Quality.LOW),
        ("그중 절반은 시스템 바뀌기 전 거라 이것저것 섞여 있어요", Quality.LOW),
        # The best-scored ones picked; a review passed.
        ("평가 점수 높은 것만 골라둔 게 2천 건 있어요", Quality.HIGH),
        ("답변 1,500건 있고 모두 법무 리뷰 통과한 거예요", Quality.HIGH),
    ],
)
def test_what_is_said_of_the_records_sets_their_quality(text: str, quality: Quality) -> None:
    assert rules(text).facts.data_quality is quality


def test_a_review_still_to_come_says_nothing_of_the_data() -> None:
    assert rules("보안 검토 끝나야 도입할 수 있어요").facts.data_quality is None


# --- goals ------------------------------------------------------------------------------------


def test_the_goal_said_to_matter_more_is_the_top_one() -> None:
    facts = rules("리포트는 항상 같은 틀로 나가야 하고, 잘못된 정보 없는 게 더 중요해요").facts
    assert facts.top_goal is Goal.ACCURACY
    assert goals("리포트는 항상 같은 틀로 나가야 해요") == {Goal.CONSISTENCY}


@pytest.mark.parametrize(
    "text",
    ["모델은 최신 버전 쓰고 있어요", "정확한 출시 일정은 아직 몰라요"],
)
def test_look_alikes_of_goals(text: str) -> None:
    assert goals(text) == set()


# --- prompting, cost, urgency, volume -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("프롬프트 작업은 아직 시작 전이에요", PromptingStatus.NOT_TRIED),
        ("프롬프트를 더 다듬어 봐도 결과는 거의 비슷해요", PromptingStatus.CEILING),
        ("프롬프트 여러 번 고쳤는데 안 나아져요", PromptingStatus.CEILING),
    ],
)
def test_prompting(text: str, status: PromptingStatus) -> None:
    assert rules(text).facts.prompting is status


def test_going_over_a_token_limit_is_no_skip() -> None:
    assert not rules("지시문이 2천 토큰 넘어가서 관리가 어려워요").skip


@pytest.mark.parametrize(
    ("text", "tracked"),
    [
        ("비용은 분기 정산서로만 보고 건별로는 안 봐요", False),
        ("비용은 회사 카드로 나가는데 얼마 드는지 아무도 확인 안 해요", False),
        ("호출당 원가랑 지연 시간은 모니터링 도구에 다 찍혀요", True),
    ],
)
def test_cost(text: str, tracked: bool) -> None:
    assert rules(text).facts.cost_tracked is tracked


def test_next_week_said_short() -> None:
    assert rules("담주 배포 때 바로 붙이고 싶어요").facts.urgency is Urgency.FAST


def test_a_case_count_is_no_count_of_requests_word() -> None:
    assert rules("사건 수가 많지 않아요").facts.volume is None


def test_page_views_are_not_requests() -> None:
    assert rules("사이트는 월 30만 PV 정도예요").facts.volume is None


# --- fee tables and promotions, a tone that will not settle ------------------------------------


@pytest.mark.parametrize(
    "text",
    ["병원 수가표가 거의 매달 바뀌어요", "이벤트 프로모션이 매주 새로 바뀌고 있어요"],
)
def test_fee_tables_and_promotions_are_documents(text: str) -> None:
    assert rules(text).facts.docs_change is DocsChange.OFTEN


def test_a_tone_prompts_no_longer_settle_is_a_ceiling() -> None:
    assert rules("프롬프트를 계속 바꿔 봤는데 말투가 더 안 잡혀요").facts.prompting is (
        PromptingStatus.CEILING
    )
    # Setting out to settle it with a prompt is no ceiling.
    assert rules("프롬프트로 말투를 잡아 보려고 해요").facts.prompting is None
