"""Wording from the round on dev61: more regional Korean ("허믄", "봤슈", "징허게 많어"), a middle
dot inside a noun ("재고·납기표"), "올해만 벌써 네 번", a model's version is no count ("GPT-4"),
quoted words and hearsay are someone else's, a goal pointed back to among several, someone else's
job is no goal, traffic asked about again and again, and data that cannot be paired or used."""

from __future__ import annotations

from bot.core.facts import DataAmount, DocsChange, FactName, Goal, PromptingStatus, Urgency, Volume
from testkit.reading import goals, rules


def test_more_regional_korean() -> None:
    text = "틀린 소리 허믄 안 되지라. 말투도 늘 한결같이 살가워야 허고"
    assert goals(text) == {Goal.ACCURACY, Goal.CONSISTENCY}
    text = "번역은 챗지피티로 하는디, 답장 쓰는 건 안 시켜 봤슈"
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.NOT_TRIED
    assert rules("안써봄", FactName.PROMPTING).facts.prompting is PromptingStatus.NOT_TRIED
    text = "치수 맞게 알려주는기 젤 중요하지예"
    assert rules(text, FactName.TOP_GOAL).facts.top_goal is Goal.ACCURACY


def test_documents_listed_with_a_middle_dot_and_counted_changes() -> None:
    text = "카탈로그는 1년에 한 번 개정하고, 재고·납기표는 매일 바뀌어요"
    assert rules(text).facts.docs_change is DocsChange.OFTEN
    assert rules("운영 지침이 올해만 벌써 네 번 개정됐어요").facts.docs_change is DocsChange.OFTEN
    text = "지침은 1년에 한 번 나오는데 자체 Q&A는 문의 들어올 때마다 수시로 고쳐요"
    assert rules(text).facts.docs_change is DocsChange.OFTEN
    # Question-and-answer pairs are data, not documents.
    text = "Q&A 쌍이 2천 개 정도 있어요"
    assert rules(text, FactName.DATA_AMOUNT).facts.data_examples == 2000


def test_a_model_version_is_no_count() -> None:
    facts = rules("We had a GPT-4 prompt drafting replies since spring.").facts
    assert facts.data_examples is None
    text = "We have maybe 2k-3k labelled support chats."
    assert rules(text, FactName.DATA_AMOUNT).facts.data_examples is None  # a range, asked


def test_quoted_words_and_hearsay_are_someone_elses() -> None:
    text = "아버지는 '주문 받다 틀리믄 니가 책임질 거나' 하시드래요"
    assert goals(text) == set()
    text = "Someone at a conference told me fine-tuning is for loads of the same thing. Is that us?"
    assert rules(text).facts.volume is None
    text = "원장님이 '다음달 간담회때 소개하면 좋겠다' 하셨는데 꼭 그때 아니어도 된대요"
    assert rules(text, FactName.URGENCY).facts.urgency is Urgency.NORMAL


def test_the_goal_pointed_back_to() -> None:
    text = (
        "편지는 톤이 늘 한결같아야 합니다. 그게 가장 중요하고요, 금액이 틀리면 안 되는 건"
        " 당연하고요"
    )
    assert rules(text, FactName.TOP_GOAL).facts.top_goal is Goal.CONSISTENCY
    # Two goals before "that": which one is meant is not said.
    text = "정확해야 하고 톤도 같아야 해요. 그게 제일 중요해요"
    assert rules(text, FactName.TOP_GOAL).facts.top_goal is None


def test_someone_elses_job_and_a_terse_exact() -> None:
    text = "Consistency. Same layout every time. Accuracy's the analysis software's job, not ours"
    assert goals(text) == {Goal.CONSISTENCY}
    assert Goal.ACCURACY in goals("And exact of course.")
    assert Goal.ACCURACY in goals("Accuracy is our job.")


def test_traffic_said_of_asking() -> None:
    assert rules("문의가 카톡 채널로 엄청 와요").facts.volume is Volume.HIGH
    assert rules("기업들이 같은 질의를 게시판에 엄청 올려요").facts.volume is Volume.HIGH
    # Denied, it is low (to confirm), not high.
    assert rules("문의가 많이 오진 않아요").facts.volume is None
    text = "busy. come spring its 30 40 emails a day, all wanting a price"
    assert rules(text, FactName.VOLUME).facts.volume is Volume.HIGH
    text = "Before exams we get hundreds of nearly identical emails a week"
    assert rules(text, FactName.VOLUME).facts.volume is Volume.HIGH


def test_data_that_cannot_be_paired_or_used() -> None:
    text = "상담 기록은 있는데 답변은 요약만 적어 둬서 질문이랑 답변 짝이 안 맞아요"
    assert rules(text, FactName.DATA_AMOUNT).facts.data_amount is DataAmount.NONE
    text = "상담 내역이 있긴 한데 개인정보라서 학습에는 못 쓴다고 하셨어요"
    assert rules(text, FactName.DATA_AMOUNT).facts.data_amount is DataAmount.NONE
    text = "We can't use past emails, the DPO was very clear about it."
    assert rules(text, FactName.DATA_AMOUNT).facts.data_amount is DataAmount.NONE
    text = "3년치 12만 건? 근데 절반은 자동 알림이라 진짜 답변 달린 건 6만 정도"
    assert rules(text, FactName.DATA_AMOUNT).facts.data_examples == 60000


def test_prompting_tried_and_stuck_or_never_tried() -> None:
    text = "Sharon spent weeks on a prompt, and nothing she changes in the prompt fixes that"
    assert rules(text).facts.prompting is PromptingStatus.CEILING
    text = "We could not get it past roughly seventy per cent however we revised the instructions"
    assert rules(text).facts.prompting is PromptingStatus.CEILING
    text = "프롬프트만 써서 검토해 봤으나 지침을 아무리 보완해도 해소되지 않았습니다"
    assert rules(text).facts.prompting is PromptingStatus.CEILING
    text = "해당 업무에 생성형 AI를 활용한 사례는 없음"
    facts = rules(text, FactName.PROMPTING).facts
    assert facts.prompting is PromptingStatus.NOT_TRIED and facts.data_amount is None
    text = "asked chatgpt once to see. havent touched it since"
    assert rules(text, FactName.PROMPTING).facts.prompting is None


def test_cost_deadline_and_documents_answers() -> None:
    text = "팀장님이 요청당 비용을 알아야 한다고 하시는데, 지금은 따로 재고 있는 건 없어요"
    assert rules(text).facts.cost_tracked is False
    text = "특별히 정해진 기한은 없어요"
    assert rules(text, FactName.URGENCY).facts.urgency is Urgency.NORMAL
    text = "The write-up doesn't look anything up."
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.NONE
