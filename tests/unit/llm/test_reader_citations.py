"""Whether answers must cite their sources: "every answer must cite the clause it rests on",
"answers have to come from the manuals", "답마다 근거 조항을 달아야 해요", "매뉴얼 근거로 알려
주는 봇". Only a requirement on the bot's answers counts: a question about citing, a team's own
reports, data sources or a link inside an output format are not one, and a negated one ("we
don't need it to cite sources", "it must never cite an expired policy") says nothing for sure.
Only the citing words are used up, so the documents and the accuracy goal in the same clause are
still read.

These read with the rules alone, so that what the rules do is what is tested.
"""

from __future__ import annotations

import pytest

from bot.core.facts import DocsChange, Goal
from bot.core.ports import Extraction
from bot.llm.reader.read import read


def rules(text: str) -> Extraction:
    return read(text, None)[0]


@pytest.mark.parametrize(
    "text",
    [
        "Every reply has to cite the policy paragraph it is based on.",
        "the assistant must link the source page for each answer",
        "our auditors need it to show where each answer comes from",
        "Citations are mandatory, nobody will trust it otherwise.",
        "each response should include the reference to the regulation it used",
        "answers can only come from the product manuals",
        "replies need to be grounded in our SOPs",
        "모든 답변에 출처를 반드시 밝혀야 해요",
        "어느 조항에서 나온 답인지 근거를 같이 보여 줘야 해요",
        "사내 규정 근거로 답해 주는 봇이 필요해요",
        "답변마다 참조한 문서를 명시해야 합니다",
        "auditors have to know which policy clause a reply came from",
        "our inspectors must check the source for every answer",
        "답변마다 매뉴얼 쪽 번호 필수예요",
        "판례 출처가 명시돼야 해요",
        "답변 accuracy가 제일 중요하고 citation도 필요해요",
        "출처도 꼭 필요해요",
        "we need citations on every reply",
        "source links required, legal insists",
    ],
)
def test_a_requirement_to_cite_is_read(text: str) -> None:
    ex = rules(text)
    assert ex.facts.citations is True
    (reading,) = [r for r in ex.readings if r.fact.value == "citations"]
    assert reading.quote and reading.quote in text


@pytest.mark.parametrize(
    "text",
    [
        "can the bot cite its sources?",
        "does RAG let it show where an answer came from?",
        "we cite sources in our own monthly reports",
        "our data sources are a mess",
        "the answer format is summary, code, link",
        "I must see the pricing page first",
        "출처도 보여 줄 수 있나요?",
        "근거 자료가 부족해서 걱정이에요",
        "답변 형식은 요약-코드-링크 순서로 나와야 해요",
    ],
)
def test_no_requirement_to_cite(text: str) -> None:
    assert rules(text).facts.citations is not True


@pytest.mark.parametrize(
    "text",
    [
        "we don't need it to cite sources, a quick answer is enough",
        "출처 표시는 안 해도 돼요",
        "citations not needed, it is an internal tool",
        "citations are not required for internal answers",
        "sources are never mandatory here",
        "출처 표시는 필요 없어요",
        "citation은 필요 없어요",
    ],
)
def test_citations_said_unneeded_are_never_required(text: str) -> None:
    assert rules(text).facts.citations is not True


def test_the_documents_and_the_goal_beside_it_are_still_read() -> None:
    text = "answers must be grounded in the manuals and be correct; the manuals rarely change"
    facts = rules(text).facts
    assert facts.citations is True
    assert Goal.ACCURACY in (facts.goals or ())
    assert facts.docs_change is DocsChange.RARELY
    ko = rules("매뉴얼 근거로 정확하게 답해야 해요. 매뉴얼은 거의 안 바뀌어요").facts
    assert ko.citations is True
    assert ko.docs_change is DocsChange.RARELY
