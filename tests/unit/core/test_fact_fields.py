"""Facts read by name: every fact's own field, and a change is a change of that field."""

from __future__ import annotations

from itertools import pairwise

from bot.core.facts import FactName, Facts
from bot.core.provenance import changed_facts
from testkit.facts import sample_facts


def test_a_fact_is_read_from_its_own_field() -> None:
    for f in sample_facts():
        for name in FactName:
            assert f.get(name) == getattr(f, name.value)


def test_the_changed_facts_are_those_whose_fields_differ_in_schema_order() -> None:
    facts = list(sample_facts())
    assert len(facts) > 2
    for old, new in pairwise(facts):
        expected = tuple(n for n in FactName if getattr(old, n.value) != getattr(new, n.value))
        assert changed_facts(old, new) == expected
        assert changed_facts(old, old) == ()


def test_every_fact_is_a_field_and_the_known_ones_are_those_with_a_value() -> None:
    assert set(Facts.model_fields) == {n.value for n in FactName}
    for f in sample_facts():
        assert f.known() == {FactName(k) for k, v in f if v is not None}
