"""Wording from a round on dev80: no single document "as such", a claim someone else made that
the user asks about, a new kind of work once or twice a year, one writer careful and the rest
brief, many prompt versions with no gain, "cannot choose one", "by the minute", the newest set
arriving "whenever they feel like it", a deadline the user calls unrealistic, records that may
not be used for model training, answered e-mails counted, and Korean: "따로 없어라", a cost
"안 잰다" said of a cost named before, a tone wished the same clauses after it was named, stock
that must be right, "보자고 하시는데" set against the user's own view, and "서두를 사안은 아님"."""

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
)
from testkit.reading import rules


def test_english_documents() -> None:
    text = "There is no price document as such. Each quote I work out on the spot."
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.NONE
    text = "The seat map moves by the minute. The fare rules, those hardly ever."
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN
    text = (
        "Our own manuals get revised once a year, but the supplier bulletins arrive whenever "
        "the supplier feels like it."
    )
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN
    text = "The bylaws were redrafted in 2018. Haven't been touched since."
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.RARELY


def test_a_claim_the_user_asks_about_is_not_a_goal() -> None:
    text = "My uncle says fine-tuning is always more accurate than RAG. Is that right?"
    assert not rules(text).facts.goals


def test_new_kinds_of_work_once_or_twice_a_year() -> None:
    text = "Mostly the same. Once or twice a year a new sort of enquiry turns up, then it settles."
    assert rules(text, FactName.CHANGE_RATE).facts.change_rate is ChangeRate.SOMETIMES
    text = "새 상품 나오면 상담 양식이 조금 바뀌는데 일년에 한두번이에요."
    assert rules(text, FactName.CHANGE_RATE).facts.change_rate is ChangeRate.SOMETIMES
    text = "신상품 라인이 분기마다 붙어서 답변 format이 계속 바뀌어요."
    assert rules(text, FactName.CHANGE_RATE).facts.change_rate is ChangeRate.OFTEN


def test_english_quality_prompting_and_goals() -> None:
    text = (
        "Our lead writes full answers, others write one line. "
        "Old models we no longer sell are in there too."
    )
    assert rules(text, FactName.DATA_QUALITY).facts.data_quality is Quality.LOW
    text = "We tried it with the handbook. We tried a dozen prompt versions, no improvement."
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING
    facts = rules(
        "All important. Right answer, same voice. Cannot choose one.", FactName.TOP_GOAL
    ).facts
    assert facts.top_goal is None
    assert Goal.CONSISTENCY in (facts.goals or ())


def test_a_deadline_the_user_calls_unrealistic() -> None:
    text = (
        "My manager says we need it live in a week. "
        "Honestly that's unrealistic, I'm planning for end of the quarter."
    )
    assert rules(text, FactName.URGENCY).facts.urgency is Urgency.NORMAL
    text = "실장님은 이번 주까지 시연하자고 하시는데, 제 생각엔 현실적으로 내년 초가 맞아요."
    assert rules(text, FactName.URGENCY).facts.urgency is not Urgency.FAST
    text = "연말 이후 도입을 보고 있습니다. 서두를 사안은 아닙니다."
    assert rules(text, FactName.URGENCY).facts.urgency is Urgency.NORMAL


def test_records_counted_and_records_not_allowed() -> None:
    text = "We have about 12 000 answered e-mails in the shared inbox."
    assert rules(text, FactName.DATA_AMOUNT).facts.data_examples == 12000
    text = (
        "There are some 40 000 answered e-mails. Our lawyer confirmed they may not be used "
        "for model training."
    )
    facts = rules(text, FactName.DATA_AMOUNT).facts
    assert facts.data_amount is DataAmount.NONE
    assert facts.data_examples is None


def test_korean_replies() -> None:
    text = "가격표 같은건 따로 없어라 손님 보고 그때그때 불러"
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.NONE
    assert rules("응답 시간이요? 글쎄요. 그건 안 봐요.").facts.cost_tracked is False
    text = "틀리면 안 되고요. 그리고 말투도 늘 부드럽고 차분하게 똑같았으면 해요."
    assert Goal.CONSISTENCY in (rules(text, FactName.TOP_GOAL).facts.goals or ())
    text = "재고 있는지 정확하게 알려주는 게 중요해요"
    assert Goal.FRESHNESS in (rules(text).facts.goals or ())
