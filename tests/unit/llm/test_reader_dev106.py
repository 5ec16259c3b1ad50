"""What the round on dev106 taught the reader: the numbers of a list ("1. …", "1) …") count
nothing; "전체로 보면" is no condition and "많다고 하긴 어렵" calls the traffic low; "Whether
this is high …, we cannot assess" leaves it open; "nobody (here) (has) tried" and "not tested so
far" say prompting is not tried, in an opening too; "It changed in 2021, not since" is rarely."""

from __future__ import annotations

from bot.core.facts import DocsChange, FactName, PromptingStatus, Volume
from bot.llm.reader.read import read
from testkit.reading import rules


def test_the_numbers_of_a_list_count_nothing() -> None:
    for said, pending in (
        ("1. Peak (July): about 300 calls daily. 2. Off-peak: about 30 daily.", FactName.VOLUME),
        ("사정은 이래요. 1) 예약 문의가 하루 1,500건쯤 오고 2) 지점마다 규정이 달라요.", None),
    ):
        _, trace = read(said, pending)
        counted = [e for e in trace.events if e.startswith("count.")]
        assert counted and not any(e.split(": ")[1].startswith(("1/", "2/")) for e in counted)
    # A bare figure that is the whole reply still answers.
    assert rules("3.", FactName.DATA_AMOUNT).facts.data_examples == 3


def test_traffic_called_or_left_open() -> None:
    said = "방학 때는 문의가 몰리지만 학기 중엔 조용해요. 전체로 보면 많다고 하긴 어렵네요."
    ex = rules(said, FactName.VOLUME)
    assert Volume.HIGH not in {r.value for r in ex.readings if r.fact is FactName.VOLUME}
    said = "Roughly 250 enquiries daily. Whether this is high for your purposes, we cannot assess."
    assert rules(said, FactName.VOLUME).facts.volume is None


def test_nobody_has_tried_it() -> None:
    said = "A help bot for our ferry desk. Nobody here has tried ChatGPT yet."
    assert rules(said).facts.prompting is PromptingStatus.NOT_TRIED
    for said in (
        "Prompting: not tested so far. A trial is planned for the spring.",
        "The sales team loves it for posts, but for the timetable replies nobody tried yet.",
    ):
        assert rules(said, FactName.PROMPTING).facts.prompting is PromptingStatus.NOT_TRIED, said


def test_changed_once_and_not_since_is_rarely() -> None:
    said = "Just the fee sheet. It changed in 2020, not since."
    assert rules(said, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.RARELY
