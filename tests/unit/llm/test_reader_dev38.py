"""Wording from the round on dev38: how people weigh their own traffic, what a prompt tried
for is, numbers in words, and replies that trail off or give a reason for not caring.

- "they all ask the same things", without a count, says how alike requests are, not how many;
  "volume 커요" and "반복작업이 엄청나요" judge the count given next to them.
- "ok on typed forms … a month rewording it with no improvement": the prompt is at its ceiling;
  "no matter how we structure it" is how prompting went, not a wish for consistency.
- "fourteen and a half thousand", "a couple thousand"; "the last 3 seasons", "과목 15개" count
  no examples.
- "급한건 아닌데.. 아 근데 …": trailing dots end a clause, so its negation stays in it; "답변은
  빨리 떴으면" is how fast an answer comes, not a deadline.
- A reply to how often something changes is read without what it says "used to" be so.
- Bulletins sent monthly and notices (고지) updated monthly are documents that change often.
- "eval set은 아직.. …": a lead answer may trail off; when the rest says otherwise ("1년에 4번
  정도.. 아 근데 … 매주"), the whole reply is read.
- "정확도는 검수팀이 보니까 상관없어요": the reason and the "doesn't matter" are one clause.
- "아 이해했어요 ㅎㅎ 그럼 정확도요. 근데 최신성도 …": the first sentence to name a goal answers
  "what matters most?".
"""

from __future__ import annotations

from bot.core.facts import (
    ChangeRate,
    DataAmount,
    DocsChange,
    FactName,
    Goal,
    PromptingStatus,
    Urgency,
    Volume,
)
from testkit.reading import goals, rules


def test_people_asking_alike_is_no_volume_without_a_count() -> None:
    text = "Parents come to us exhausted and asking the same things: parking, visiting hours."
    assert rules(text).facts.volume is None
    staff = "We hire ~600 seasonal preparers and they all ask the seniors the same things."
    assert rules(staff).facts.volume is None
    counted = "about 5k users a day hit the bot, mostly asking the same 3-4 things"
    assert rules(counted).facts.volume is Volume.HIGH


def test_the_users_word_for_their_traffic_beats_the_count() -> None:
    big = "volume 커요. 매일 새 강의가 한 100개씩 올라오는데 다 똑같은 작업이에요"
    assert rules(big, FactName.VOLUME).facts.volume is Volume.HIGH
    repeated = "출발 전날 문자가 하루에 100통 넘게 나가요. 다 같은 형식이라 반복작업이 엄청나요"
    assert rules(repeated, FactName.VOLUME).facts.volume is Volume.HIGH
    # The count alone still falls under the threshold.
    assert rules("하루에 100통 정도 나가요", FactName.VOLUME).facts.volume is Volume.LOW


def test_work_on_a_prompt_that_no_longer_pays_is_a_ceiling() -> None:
    tried = (
        "my nephew set up a prompt in chatgpt for it. ok on typed forms, hopeless on "
        "handwriting, and he's spent a month rewording it with no improvement"
    )
    assert rules(tried, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING
    burned = (
        "Yes, we tried. Decent on basics, misapplies the dependent tests on edge cases, and "
        "we've burned 3 weeks on prompt tweaks without moving the needle."
    )
    assert rules(burned, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING
    assert rules("works ok on most forms", FactName.PROMPTING).facts.prompting is (
        PromptingStatus.WORKING
    )


def test_how_a_prompt_was_arranged_is_no_consistency_goal() -> None:
    text = (
        "tried gpt with the glossary in the prompt. it ignores the glossary past like 50 "
        "terms no matter how we structure it"
    )
    ex = rules(text, FactName.PROMPTING)
    assert Goal.CONSISTENCY not in (ex.facts.goals or ())
    assert ex.facts.prompting is PromptingStatus.CEILING
    users = "no matter how users phrase it, the answer must always be in the same format"
    assert Goal.CONSISTENCY in goals(users)


def test_numbers_in_words_and_periods_that_are_no_examples() -> None:
    text = (
        "helpdesk tickets from the last 3 seasons, fourteen and a half thousand q's w/ a senior "
        "preparer's answer"
    )
    assert rules(text, FactName.DATA_AMOUNT).facts.data_examples == 14500
    editions = "last 3 editions, so roughly 620 blurbs, each with the press kit it was written from"
    assert rules(editions, FactName.DATA_AMOUNT).facts.data_examples == 620
    assert rules(
        "about eleven hundred answered emails", FactName.DATA_AMOUNT
    ).facts.data_examples == (1100)
    vague = "memos paired w/ the discovery for... idk, a couple thousand cases? nobody's counted"
    facts = rules(vague, FactName.DATA_AMOUNT).facts
    assert facts.data_amount is DataAmount.PLENTY
    assert facts.data_examples is None


def test_a_count_of_subjects_is_no_count_of_examples() -> None:
    text = "사람이 만든 script-요약노트 pair가 12,000개 정도 있어요. 과목 15개 다 합쳐서요"
    ex = rules(text, FactName.DATA_AMOUNT)
    assert ex.facts.data_examples == 12000
    assert all(r.value != "15" for r in ex.readings)


def test_trailing_dots_keep_a_negation_in_its_clause() -> None:
    text = (
        "급한건 아닌데.. 아 근데 답변은 빨리 떴으면 좋겠어요 어르신들이 기다리는거 싫어하셔서 ㅋㅋ"
    )
    assert rules(text, FactName.URGENCY).facts.urgency is Urgency.NORMAL
    assert rules("빨리요", FactName.URGENCY).facts.urgency is Urgency.FAST


def test_a_sample_from_last_year_is_no_freshness_goal() -> None:
    text = (
        "ive been using claude with last years guide pasted in as examples. honestly works "
        "pretty well, i just fix the odd adjective"
    )
    ex = rules(text, FactName.PROMPTING)
    assert ex.facts.prompting is PromptingStatus.WORKING
    assert Goal.FRESHNESS not in (ex.facts.goals or ())
    assert Goal.FRESHNESS in goals("last year's prices are useless to customers")


def test_a_reply_is_read_without_what_used_to_be_so() -> None:
    text = (
        "It used to be pretty stable, but since the new tower opened in the spring we keep "
        "adding things. Every few weeks there's a new service families ask about."
    )
    assert rules(text, FactName.CHANGE_RATE).facts.change_rate is ChangeRate.OFTEN
    season = (
        "weekly — no wait, thats the docs. what ppl actually ask about changes by season, "
        "winter is lifts + lessons, summer is bike park + weddings"
    )
    assert rules(season, FactName.CHANGE_RATE).facts.change_rate is ChangeRate.SOMETIMES


def test_bulletins_and_notices_are_documents() -> None:
    text = "oem sends service bulletins maybe monthly, manuals get a revision every quarter or so"
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN
    ko = (
        "제증명 수수료 안내는 1년에 한 번 정도 바뀌는데.. "
        "아 비급여 진료비 고지는 거의 매달 업데이트됩니다"
    )
    assert rules(ko, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN


def test_a_lead_answer_may_trail_off() -> None:
    text = "eval set은 아직.. 다음 스프린트에 만들자고는 했어요. latency는 재고 있어요!"
    ex = rules(text, FactName.EVAL_SET)
    assert ex.facts.eval_set is False
    assert ex.facts.cost_tracked is True
    goes_on = "그린피표는 계절마다? 1년에 4번 정도.. 아 근데 이벤트 공지는 매주 올라가요."
    assert rules(goes_on, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN


def test_a_reason_for_not_caring_is_one_clause_with_it() -> None:
    assert Goal.ACCURACY not in goals("정확도는 검수팀이 어차피 보니까 상관없어요")
    assert Goal.ACCURACY in goals("정확도는 검수팀이 어차피 보니까 중요해요")


def test_the_first_sentence_to_name_a_goal_answers_what_matters_most() -> None:
    text = (
        "아 이해했어요 ㅎㅎ 그럼 정확도요. 근데 최신성도 꽤 중요해요. 약관이 거의 매달 개정되니까"
    )
    facts = rules(text, FactName.TOP_GOAL).facts
    assert facts.top_goal is Goal.ACCURACY
    assert facts.goals == frozenset({Goal.ACCURACY, Goal.FRESHNESS})
