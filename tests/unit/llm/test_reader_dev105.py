"""What the round on dev105 taught the reader: "not what you'd call …" says it is not so;
"some are …, some are …" is records of mixed quality; a busy month or season the user names
with nothing else leaves the traffic open; "not
quiet the rest of the year" is no quiet season; "hang on" and "… 아니다" after a count correct
it; "I'm not fussed about" and "신경 쓸 부분이 아니고요" and "ㄱㅊ" set a goal aside; "Nowt like
that", "Nobody here's tried it", "사용한 바 없음" answer no; a plan to make a test set is none
yet; "one time in the year" is rarely; "Same every year" is no change; every two months is
often."""

from __future__ import annotations

from bot.core.facts import ChangeRate, DocsChange, FactName, Goal, PromptingStatus, Quality, Volume
from testkit.reading import rules


def test_not_what_youd_call_it_is_not_so() -> None:
    said = "Not what you'd call busy. Twelve, maybe fifteen calls a week."
    assert rules(said, FactName.VOLUME).facts.volume is Volume.LOW
    said = "Mine are fine, my partner's are scribbles. Not what you'd call consistent."
    assert rules(said, FactName.DATA_QUALITY).facts.data_quality is Quality.LOW
    said = "Some are lovely and complete, some are one word. That's the honest picture."
    assert rules(said, FactName.DATA_QUALITY).facts.data_quality is Quality.LOW


def test_traffic_left_open_or_in_season_only() -> None:
    for said in (
        "In December yes, loads, the same 'are you open on Boxing Day'. In spring nothing.",
        "10월 연말정산 기간에는 하루 수백 건이 몰립니다.",
    ):
        assert rules(said, FactName.VOLUME).facts.volume is None, said
    said = "Hundreds a day in the spring, and honestly it's not quiet the rest of the year either."
    assert rules(said, FactName.VOLUME).facts.volume is Volume.HIGH


def test_a_count_corrected_after_hang_on_or_anida() -> None:
    said = "We have 40,000 letters on file. Hang on, it's 14,000 with an answer."
    assert rules(said, FactName.DATA_AMOUNT).facts.data_examples == 14000
    said = "상담 기록이 3년치면 30만 건쯤… 아니다, 9만 건 정도요."
    assert rules(said, FactName.DATA_AMOUNT).facts.data_examples == 90000
    # A name taken back is no count corrected: the answer before it stands.
    said = "아직입니다. 팀장님… 아니 실장님이 보안 검토 끝나고 쓰자고 하셨어요."
    assert rules(said, FactName.PROMPTING).facts.prompting is PromptingStatus.NOT_TRIED


def test_goals_set_aside() -> None:
    said = "Accuracy, full stop. The up-to-date-documents part I'm not fussed about."
    assert Goal.FRESHNESS not in (rules(said, FactName.TOP_GOAL).facts.goals or ())
    said = "최신성이요. 문장은 본사 시스템이 맞춰 줘서 일관성은 저희가 신경 쓸 부분이 아니고요."
    assert Goal.CONSISTENCY not in (rules(said, FactName.TOP_GOAL).facts.goals or ())
    said = "시간표 맞게 알려주는거 그게 젤 중요한 부분 말투는 아무래도 ㄱㅊ"
    assert Goal.CONSISTENCY not in (rules(said, FactName.TOP_GOAL).facts.goals or ())


def test_answers_that_say_no() -> None:
    said = "Nowt like that, no. We might set some aside after the summer."
    assert rules(said, FactName.EVAL_SET).facts.eval_set is False
    said = "Nobody here's tried it. My cousin uses it for recipes but that's not us."
    assert rules(said, FactName.PROMPTING).facts.prompting is PromptingStatus.NOT_TRIED
    said = "보안망 때문에 사용한 바 없음."
    assert rules(said, FactName.PROMPTING).facts.prompting is PromptingStatus.NOT_TRIED
    said = "아직 없어요. 내년 초에 질문 50개로 test set 만들 plan은 있어요."
    assert rules(said, FactName.EVAL_SET).facts.eval_set is False


def test_how_often_things_change() -> None:
    said = "The fares we change one time in the year, in March."
    assert rules(said, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.RARELY
    said = "Same every year. School runs, hospital runs, nothing new."
    assert rules(said, FactName.CHANGE_RATE).facts.change_rate is ChangeRate.RARELY
    said = "환율 따라 수수료표를 고치는데 두 달에 한 번꼴이에요."
    assert rules(said, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN
