"""Wording from a round on dev78: "yeah nah", a right mix of styles, "sweet as", "nae rush",
"not as yet", "if I must choose", giving everybody the same answer, "a week from Tuesday", the
same answer whoever calls, and Korean: every day the same question, the day's stock, an
answer that is right, a boss's deadline set against the user's own, "대량이라고 하긴 어렵고",
"드문 편", quiet the rest of the year, answers kept as electronic documents, sign-off, a tone
wished for, and instructions changed to no avail."""

from __future__ import annotations

from bot.core.facts import (
    DocsChange,
    FactName,
    Goal,
    PromptingStatus,
    Quality,
    Urgency,
    Volume,
)
from testkit.reading import rules


def test_english_replies() -> None:
    text = "Yeah nah, the older ones are a mess. So a real mix of styles."
    assert rules(text, FactName.DATA_QUALITY).facts.data_quality is Quality.LOW
    assert rules("Yeah nah.", FactName.EVAL_SET).facts.eval_set is False
    text = "Been using it for the newsletters and it's sweet as for the first draft."
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.WORKING
    assert rules("nae rush, after the summer's fine", FactName.URGENCY).facts.urgency is (
        Urgency.NORMAL
    )
    text = "Not as yet. Chat tools are not permitted on the office network."
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.NOT_TRIED
    text = "The board wants a demo a week from Thursday."
    assert rules(text, FactName.URGENCY).facts.urgency is Urgency.FAST


def test_english_goals() -> None:
    text = "Givin' everybody the same answer, and the fees right. Can't rank them."
    assert Goal.CONSISTENCY in (rules(text, FactName.TOP_GOAL).facts.goals or [])
    text = "All three matter: the right fix, the same answer whoever calls, the latest notice."
    assert rules(text, FactName.TOP_GOAL).facts.volume is None
    text = "If I must choose, the current price list."
    assert rules(text, FactName.TOP_GOAL).facts.top_goal is Goal.FRESHNESS
    text = "Correct answers and the recent delivery times, both matter."
    assert Goal.FRESHNESS in (rules(text, FactName.TOP_GOAL).facts.goals or [])


def test_korean_traffic() -> None:
    text = "허구헌날 똑같은거 물어봐요. 배송 언제 오냐 그거만 하루 수십개"
    assert rules(text, FactName.VOLUME).facts.volume is Volume.HIGH
    text = "비슷한 문의가 오긴 하는데 대량이라고 하긴 어렵고요. 하루 대여섯 통이에요."
    assert rules(text, FactName.VOLUME).facts.volume is Volume.LOW
    text = "여름 휴가철에만 몰리고 평소엔 한 주에 몇 건 안 돼요."
    assert rules(text, FactName.VOLUME).facts.volume is None


def test_korean_goals() -> None:
    text = "그날그날 남은 재고가 맞아야지. 그게 첫째고 말투는 괜찮아요"
    assert rules(text, FactName.TOP_GOAL).facts.top_goal is Goal.FRESHNESS
    text = "안내가 맞는게 젤 중요. 말투 통일은 그다음"
    facts = rules(text, FactName.TOP_GOAL).facts
    assert facts.top_goal is Goal.ACCURACY
    assert Goal.CONSISTENCY in (facts.goals or [])
    text = "정확한 게 제일이고, 말투도 회사 공문 톤으로 맞았으면 좋겠어요."
    assert Goal.CONSISTENCY in (rules(text, FactName.TOP_GOAL).facts.goals or [])


def test_a_bosss_deadline_set_against_the_users_own() -> None:
    text = "팀장님은 다음 주까지 보자 하시는데, 시즌 물량 때문에 저는 3월은 돼야 손댈 수 있어요."
    assert rules(text, FactName.URGENCY).facts.urgency is not Urgency.FAST


def test_korean_documents_and_data() -> None:
    text = "관련 고시는 개정이 드문 편이며, 최근 개정은 2021년임."
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.RARELY
    text = "질의-회신 이력은 전자문서로 약 5,200건 보관 중임."
    assert rules(text, FactName.DATA_AMOUNT).facts.data_examples == 5200
    text = "부장님 결재 다 받고 나간 거라 문구는 정리돼 있어요."
    assert rules(text, FactName.DATA_QUALITY).facts.data_quality is Quality.HIGH


def test_korean_instructions_changed_to_no_avail() -> None:
    text = (
        "딸이 깔아 준 챗GPT로 써 봤는데 말투가 영 딱딱하고 호칭도 엉뚱해요."
        " 시키는 말을 이래저래 바꿔 봐도 고 모냥이여요."
    )
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING
