"""Wording from a round on dev76: a reply that sums itself up in its last words, someone else's
view set against the user's own in the next sentence, a rate said not to hold, "few hundred"
without its article, the smaller amount after a "but", each client's own template, a goal put
second, stock that must be right, prompting blocked or stalled, and Korean slips and regional
words ("바까도", "아이고예", "많지는 안습니더", "그기"), 정답지, 학습용으론, "개많음"."""

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
from testkit.reading import rules


def test_a_reply_that_sums_itself_up_answers_with_its_last_words() -> None:
    text = (
        "Quiet in January, but twelve a day the rest of the year, always the same thing. So a lot."
    )
    assert rules(text, FactName.VOLUME).facts.volume is Volume.HIGH
    text = "Our manager thinks there's no rush. Launch is on Monday though. So fast please."
    assert rules(text, FactName.URGENCY).facts.urgency is Urgency.FAST
    text = "The notes are decent I suppose, but each shop wanted its own layout. So it's a mix."
    assert rules(text, FactName.DATA_QUALITY).facts.data_quality is Quality.LOW
    text = "Not monthly, no. A new client now and then brings a new form. So some times."
    assert rules(text, FactName.CHANGE_RATE).facts.change_rate is ChangeRate.SOMETIMES
    text = "연말엔 좀 몰리는데 평소엔 하루 열 건쯤이에요. 그래서 많진 않아요."
    assert rules(text, FactName.VOLUME).facts.volume is Volume.LOW


def test_someone_elses_view_set_against_the_users_own_is_not_theirs() -> None:
    text = (
        "My partner Sam would say the tone matters most."
        " I'd still say getting the price right comes first."
    )
    facts = rules(text, FactName.TOP_GOAL).facts
    assert facts.top_goal is Goal.ACCURACY
    assert Goal.CONSISTENCY not in (facts.goals or [])
    text = "My sister says there's no hurry. She is wrong, the season opens in a week."
    assert rules(text, FactName.URGENCY).facts.urgency is not Urgency.NORMAL
    # Conceded, the view stands.
    text = (
        "My boss wants it for the expo, that is in five weeks. For me it is tight but ok, we try."
    )
    assert rules(text, FactName.URGENCY).facts.urgency is Urgency.NORMAL
    text = "남편은 이번 주 안에 하자는데 난 굳이? 싶어요."
    assert rules(text, FactName.URGENCY).facts.urgency is not Urgency.FAST


def test_a_rate_said_not_to_hold_is_not_the_rate() -> None:
    text = "I checked: 250 per DAY not per week."
    assert rules(text, FactName.VOLUME).facts.volume is Volume.HIGH


def test_few_hundred_without_its_article_is_an_amount_and_the_part_after_but_counts() -> None:
    text = (
        "Emails? Thousands of them, but most are one-liners. Proper written replies, few hundred."
    )
    assert rules(text, FactName.DATA_AMOUNT).facts.data_amount is DataAmount.SOME


def test_the_part_kept_together_is_the_count() -> None:
    text = (
        "letters i have many, 400, 450 maybe in the drive. but the requests i mostly deleted."
        " letters and requests together, maybe 60"
    )
    facts = rules(text, FactName.DATA_AMOUNT).facts
    assert facts.data_examples == 60
    assert facts.data_amount is not DataAmount.PLENTY


def test_each_clients_own_template_is_no_consistency_goal() -> None:
    text = (
        "at home i must write the summary with the template of each insurer."
        " i want a tool for the drafts"
    )
    assert Goal.CONSISTENCY not in (rules(text).facts.goals or [])


def test_a_goal_put_second_is_still_a_goal() -> None:
    text = "Getting the dates right matters most. The layout is second."
    facts = rules(text, FactName.TOP_GOAL).facts
    assert facts.top_goal is Goal.ACCURACY
    assert Goal.CONSISTENCY in (facts.goals or [])


def test_stock_that_must_be_right_is_freshness() -> None:
    facts = rules("Stock being right, first. Wording we can fix.", FactName.TOP_GOAL).facts
    assert facts.top_goal is Goal.FRESHNESS
    facts = rules("오늘 시세 그대로 나오는 거, 그게 제일 중요해요", FactName.TOP_GOAL).facts
    assert facts.top_goal is Goal.FRESHNESS


def test_prompting_blocked_or_stalled() -> None:
    text = "We haven't been able to try. Head office blocked ChatGPT on our laptops."
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.NOT_TRIED
    text = (
        "It was fine on one leaflet. With ten leaflets it mixes them,"
        " and changing instructions did not help."
    )
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING
    text = (
        "Nice for a week, then it kept inventing quotes however many times we told it."
        " We gave up fiddling with it."
    )
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING
    text = (
        "My son tried it with some receipts."
        " Same prompt changed many many times, it adds things I never wrote."
    )
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING
    text = "생성형 AI는 보안 승인 대기라 미사용 상태입니다."
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.NOT_TRIED
    text = "챗GPT로 해봤는데 날짜를 자꾸 틀려요. 프롬프트 이래저래 바까도 똑같아예"
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING


def test_a_document_never_touched_since_changes_rarely() -> None:
    text = (
        "Can RAG read a scanned manual? The manual is all we have,"
        " we printed it in 2019 and never touched it since."
    )
    assert rules(text).facts.docs_change is DocsChange.RARELY


def test_korean_regional_denials_and_slips() -> None:
    text = "급한 거는 아이고예, 가을 안에만 되믄 됩니더"
    assert rules(text, FactName.URGENCY).facts.urgency is not Urgency.FAST
    text = "문의는 그렇게 많지는 안습니더, 주에 서너 건"
    assert rules(text, FactName.VOLUME).facts.volume is Volume.LOW
    text = "재고가 실시간에 가깝게 맞는 거, 그기 1번입니더"
    assert rules(text, FactName.TOP_GOAL).facts.top_goal is Goal.FRESHNESS


def test_korean_data_wording() -> None:
    text = "상담 기록 보유하고 있으나 민감정보 포함으로 학습 활용 불가 통보 받음."
    assert rules(text, FactName.DATA_AMOUNT).facts.data_amount is DataAmount.NONE
    text = "상담 기록은 쌓여 있는데 법무팀에서 개인정보 때문에 학습용으론 못 쓴대요"
    assert rules(text, FactName.DATA_AMOUNT).facts.data_amount is DataAmount.NONE
    text = "문의 게시판 답변이 2만 3천 건 남짓 될 거예요"
    assert rules(text, FactName.DATA_AMOUNT).facts.data_examples == 23000
    text = "쓴 사람이 여러 번 바뀌어서 쓰는 방식이 다 달라요. 용어도 통일이 안 돼 있고요."
    facts = rules(text, FactName.DATA_QUALITY).facts
    assert facts.data_quality is Quality.LOW
    assert Goal.CONSISTENCY not in (facts.goals or [])
    text = "답변 정리는 엑셀로 안 돼 있어요. 메일함에 한 500건?"
    assert rules(text, FactName.DATA_AMOUNT).facts.data_quality is None


def test_korean_eval_set_and_traffic_words() -> None:
    text = "실장님이 지난 문의 40개 골라서 정답지 만들어 두셨어요."
    assert rules(text, FactName.EVAL_SET).facts.eval_set is True
    assert rules("이런 문의 개많음 ㅋㅋ 봇 만들고 싶음").facts.volume is Volume.HIGH
    text = "겨울엔 하루 수백 건인데 여름엔 거의 zero예요"
    assert rules(text, FactName.VOLUME).facts.volume is None
