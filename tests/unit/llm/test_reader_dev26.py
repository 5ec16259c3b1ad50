"""Wording from a round on dev26: what a correction says is firm however weakly it is worded
("매달.. 아 정정, 반기에 한 번이요"); part of the data poor ("나머지는 엉망이에요", "some great,
some just 'k thx'") makes the data poor, but poor notes beside the reviewed data one would
train on do not; asked about an eval set, what its answers are checked for sets no goal; "이런 건 안
해요" denies."""

from __future__ import annotations

import pytest

from bot.core.facts import DocsChange, FactName, Quality
from testkit.reading import rules


def test_a_weakly_worded_correction_still_corrects() -> None:
    facts = rules("지침 개정은 매달.. 아 정정, 반기에 한 번이요", FactName.DOCS_CHANGE).facts
    assert facts.docs_change is DocsChange.RARELY


@pytest.mark.parametrize(
    "text",
    [
        "2020년 이후 것만 검수됐고 나머지는 엉망이에요",
        "written by whoever was on shift, some great, some just 'ok thx'",
    ],
)
def test_part_of_the_data_poor_makes_it_poor(text: str) -> None:
    assert rules(text, FactName.DATA_QUALITY).facts.data_quality is Quality.LOW


def test_poor_notes_beside_reviewed_training_data_do_not() -> None:
    text = (
        "intake notes themselves are messy, but the summaries we'd train on were all QA'd by "
        "supervisors"
    )
    assert rules(text, FactName.DATA_QUALITY).facts.data_quality is Quality.HIGH


def test_what_an_eval_sets_answers_are_checked_for_is_no_goal() -> None:
    text = "yes, we keep 40 reference replies with the wording the manager signed off"
    facts = rules(text, FactName.EVAL_SET).facts
    assert facts.eval_set is True and not facts.goals


@pytest.mark.parametrize(
    ("text", "tracked"), [("비용 측정 이런 건 안 해요", False), ("비용은 매달 측정해요", True)]
)
def test_such_things_are_not_done(text: str, tracked: bool) -> None:
    assert rules(text, FactName.COST_TRACKED).facts.cost_tracked is tracked
