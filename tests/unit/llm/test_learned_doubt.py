"""The learned second opinion's doubts: a rules' reading the model finds very unlikely is asked
to confirm instead of applied, and only then."""

from __future__ import annotations

from bot.core.facts import FactName, Facts, Reading
from bot.core.ports import Extraction
from bot.llm.reader.learned import Atom, LearnedModel, doubt, with_second_opinion

# The model reads "weekly" as documents that change often, and nothing else as that.
OFTEN = Atom(FactName.DOCS_CHANGE, "often", bias=-6.0, weights={"w:weekly": 12.0})
RARELY = Atom(FactName.DOCS_CHANGE, "rarely", bias=-6.0, weights={"w:yearly": 12.0})
TONE = Atom(FactName.GOALS, "consistency", bias=-6.0, weights={"w:tone": 12.0})
MODEL = LearnedModel(
    idf={"w:weekly": 1.0, "w:yearly": 1.0, "w:tone": 1.0},
    atoms=(OFTEN, RARELY, TONE),
    threshold=0.8,
)
CLEAR = "the manuals get a new revision weekly from the vendor portal"
MADE_UP = "the manuals get a new revision yearly from the vendor portal"


def _ruled(**facts: object) -> Extraction:
    data = Facts.model_validate(facts)
    readings = []
    for name, value in facts.items():
        for v in value if isinstance(value, list) else [value]:
            readings.append(Reading(fact=FactName(name), value=str(v), rule=f"rule.{name}"))
    return Extraction(facts=data, readings=tuple(readings))


def test_a_reading_the_model_finds_very_unlikely_is_asked_instead_of_applied() -> None:
    got = doubt(_ruled(docs_change="often"), MADE_UP, None, MODEL)
    assert got.facts.docs_change is None
    (reading,) = got.readings
    assert (reading.fact, reading.value, reading.sure) == (FactName.DOCS_CHANGE, "often", False)
    assert reading.rule.startswith("rule.docs_change doubted p=0.00")


def test_a_reading_the_model_agrees_with_stays_applied() -> None:
    ruled = _ruled(docs_change="often")
    assert doubt(ruled, CLEAR, None, MODEL) == ruled


def test_a_doubted_reading_is_not_replaced_by_the_models_own_value() -> None:
    got = with_second_opinion(_ruled(docs_change="often"), MADE_UP, None, MODEL)
    # The model would read "rarely" on its own; the user is asked about "often" instead.
    assert got.facts.docs_change is None
    assert [(r.value, r.sure) for r in got.readings] == [("often", False)]


def test_only_the_doubted_goal_goes_and_the_top_goal_stays() -> None:
    ruled = _ruled(goals=["consistency", "accuracy"])
    got = doubt(ruled, MADE_UP, None, MODEL)
    assert got.facts.goals is not None and {g.value for g in got.facts.goals} == {"accuracy"}
    top = ruled.model_copy(
        update={
            "facts": Facts.model_validate({"goals": ["consistency"], "top_goal": "consistency"})
        }
    )
    assert doubt(top, MADE_UP, None, MODEL) == top


def test_what_the_model_cannot_judge_is_left_to_the_rules() -> None:
    ruled = _ruled(docs_change="often")
    # A reply to the question just asked, a short reply, a value the model has no weights for.
    assert doubt(ruled, MADE_UP, FactName.DOCS_CHANGE, MODEL) == ruled
    assert doubt(ruled, "often, yes", None, MODEL) == ruled
    unknown = _ruled(docs_change="none")
    assert doubt(unknown, MADE_UP, None, MODEL) == unknown
    assert doubt(ruled, MADE_UP, None, MODEL, floor=0.0) == ruled
    assert doubt(ruled.model_copy(update={"side_question": True}), MADE_UP, None, MODEL).facts == (
        ruled.facts
    )


# The model reads "tracking" as cost not tracked (the words it mostly saw in denials), and
# "tracking" as tracked too, less strongly.
UNTRACKED = Atom(FactName.COST_TRACKED, "false", bias=-6.0, weights={"w:tracking": 12.0})
TRACKED = Atom(FactName.COST_TRACKED, "true", bias=-6.0, weights={"w:dashboard": 12.0})
COST_MODEL = LearnedModel(
    idf={"w:tracking": 1.0, "w:dashboard": 1.0}, atoms=(UNTRACKED, TRACKED), threshold=0.8
)


def test_a_no_without_a_negation_is_the_topic_not_the_answer() -> None:
    nothing = Extraction(facts=Facts())
    said = "the cost tracking is something our finance people look at"
    assert with_second_opinion(nothing, said, None, COST_MODEL) == nothing
    # With a negation the model's "no" stays, asked to confirm as any reading beside one is.
    denied = "the cost tracking is not something anyone here does"
    got = with_second_opinion(nothing, denied, None, COST_MODEL)
    assert [(r.fact, r.value, r.sure) for r in got.readings] == [
        (FactName.COST_TRACKED, "false", False)
    ]
    # Asked whether they track it, a reply can say no without one.
    got = with_second_opinion(nothing, said, FactName.COST_TRACKED, COST_MODEL)
    assert [(r.value, r.sure) for r in got.readings] == [("false", True)]
    # A "yes" needs no negation.
    shown = "the per request cost sits on a dashboard that finance reads"
    got = with_second_opinion(nothing, shown, None, COST_MODEL)
    assert got.facts.cost_tracked is True


def test_the_facts_the_rules_most_often_misread_are_doubted_from_a_higher_floor() -> None:
    # Nothing in the message is a feature: each value is as likely as its bias makes it, 0.2.
    prior = LearnedModel(
        idf={"w:weekly": 1.0},
        atoms=(
            Atom(FactName.DOCS_CHANGE, "often", bias=-1.386, weights={}),
            Atom(FactName.GOALS, "consistency", bias=-1.386, weights={}),
            Atom(FactName.EVAL_SET, "true", bias=-1.386, weights={}),
        ),
        threshold=0.8,
    )
    ruled = _ruled(docs_change="often", goals=["consistency"], eval_set=True)
    got = doubt(ruled, MADE_UP, None, prior)
    # How often documents change is doubted below 0.3; a goal below 0.1; the rest below 0.03.
    assert got.facts.docs_change is None
    assert got.facts.goals == ruled.facts.goals and got.facts.eval_set is True
    assert [r.rule for r in got.readings if not r.sure] == ["rule.docs_change doubted p=0.20"]
    assert doubt(ruled, MADE_UP, None, prior, floor=0.0) == ruled
