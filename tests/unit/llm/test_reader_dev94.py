"""What the round on dev94 taught the reader: "a hundred and thirty" is a count, a reply that
opens on a part ("Some fine, most messy") or with the British "right" is read whole, a goal put
"first" is the top goal, traffic of one season is asked about, a boss's wish the user turns
down is not a deadline, "no manuals, no handbooks" is no documents even after another sentence,
"한 해 2천 건" is a year's traffic, and a mind changed on hearing someone out keeps its last
word."""

from __future__ import annotations

from bot.core.facts import (
    ChangeRate,
    DocsChange,
    FactName,
    Goal,
    PromptingStatus,
    Quality,
    Urgency,
    Volume,
)
from bot.llm.reader import extract_facts
from testkit.reading import rules


def test_a_hundred_and_thirty_is_a_count() -> None:
    said = "About a hundred and thirty signed quotes, the rest are drafts."
    assert rules(said, FactName.DATA_AMOUNT).facts.data_examples == 130


def test_a_reply_that_opens_on_a_part_is_read_whole() -> None:
    assert rules("Some fine, most messy.", FactName.DATA_QUALITY).facts.data_quality is Quality.LOW
    said = "Right mixed bag, honestly. The older files are all over the shop."
    assert rules(said, FactName.DATA_QUALITY).facts.data_quality is Quality.LOW
    assert rules("Right, they're good.", FactName.DATA_QUALITY).facts.data_quality is Quality.HIGH


def test_writers_each_in_their_own_manner_is_low_quality() -> None:
    said = "Each clerk writes in own manner, some two lines, some two pages."
    assert rules(said, FactName.DATA_QUALITY).facts.data_quality is Quality.LOW
    said = "Six advisers, six styles, and some replies cite old rules."
    assert rules(said, FactName.DATA_QUALITY).facts.data_quality is Quality.LOW


def test_a_goal_put_first_is_the_top_goal() -> None:
    said = "Price has to be right, sure. So sounding like me every time first, then the price."
    assert rules(said, FactName.TOP_GOAL).facts.top_goal is Goal.CONSISTENCY
    said = "names gotta be right too tho. it gotta sound like us. vibe first"
    assert rules(said, FactName.TOP_GOAL).facts.top_goal is Goal.CONSISTENCY


def test_goals_of_the_same_weight_have_no_top() -> None:
    said = "Correct advice and our tone. Both, same weight, I cannot put one above."
    assert rules(said, FactName.TOP_GOAL).facts.top_goal is None


def test_true_to_the_facts_is_accuracy() -> None:
    said = (
        "매달 같은 형식으로 나가는 것, 그리고 기록이 사실과 맞는 것. "
        "둘 중엔 사실과 맞는 게 먼저예요."
    )
    assert rules(said, FactName.TOP_GOAL).facts.top_goal is Goal.ACCURACY


def test_traffic_of_one_season_is_asked_about() -> None:
    said = "겨울 석 달은 하루 150건씩 와요. 다른 때는 거의 없어요."
    assert extract_facts(said, FactName.VOLUME).facts.volume is None
    said = "원서 시즌 두 달만 한 달 300건씩 몰리고, 나머지 달은 열 건도 안 돼요."
    assert extract_facts(said, FactName.VOLUME).facts.volume is None


def test_a_year_of_traffic_is_counted_by_the_year() -> None:
    said = "민원은 한 해 3천 건 정도예요."
    assert rules(said, FactName.VOLUME).facts.volume is Volume.LOW


def test_a_count_the_user_cannot_call_is_asked_about() -> None:
    said = "하루 서른 통쯤요. 근데 많다고 하긴 좀 애매해요."
    assert extract_facts(said, FactName.VOLUME).facts.volume is None


def test_a_bosss_wish_turned_down_is_no_deadline() -> None:
    said = (
        "My manager want it by next week. I told him that is not happening - "
        "realistically by the end of the financial year."
    )
    assert rules(said, FactName.URGENCY).facts.urgency is Urgency.NORMAL


def test_no_set_of_marked_answers_is_no_eval_set() -> None:
    said = "정답을 달아 둔 문항 모음은 없습니다. 만들 생각은 있어요."
    facts = rules(said, FactName.EVAL_SET).facts
    assert facts.eval_set is False
    assert facts.data_amount is None


def test_not_tried_in_other_words() -> None:
    said = "A friend swears by ChatGPT. Here we didn't try yet."
    assert rules(said, FactName.PROMPTING).facts.prompting is PromptingStatus.NOT_TRIED
    said = "We ain't try nothing yet. The office network blocks it."
    assert rules(said, FactName.PROMPTING).facts.prompting is PromptingStatus.NOT_TRIED


def test_no_manuals_after_another_sentence_is_no_documents() -> None:
    said = "Besides the order form, nothing. No manuals, no handbooks, zilch."
    assert rules(said, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.NONE


def test_kinds_of_enquiries_that_stay_the_same_change_rarely() -> None:
    said = "The kinds of enquiries stay the same. Only the numbers go up in spring."
    assert rules(said, FactName.CHANGE_RATE).facts.change_rate is ChangeRate.RARELY


def test_a_mind_changed_on_hearing_someone_out_keeps_its_last_word() -> None:
    said = (
        "저는 처음엔 늘 같은 형식이 제일인 줄 알았는데, 동생 말 듣고 보니 내용이 정확한 게 "
        "먼저네요. 정확한 걸로 할게요."
    )
    assert rules(said, FactName.TOP_GOAL).facts.top_goal is Goal.ACCURACY
    said = (
        "저는 급할 거 없다 싶었는데, 팀장님이 다음 달 초 전에 보자 하셔요. "
        "그 말이 맞습니다, 다음 주에 봐야겠어요."
    )
    assert rules(said, FactName.URGENCY).facts.urgency is Urgency.FAST
