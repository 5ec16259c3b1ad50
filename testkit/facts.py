"""Fact sets that cover the decision matrix's corners."""

from __future__ import annotations

import itertools

from bot.core.facts import (
    ChangeRate,
    DataAmount,
    DocsChange,
    Facts,
    Goal,
)


def sample_facts() -> list[Facts]:
    out = []
    for goals, change, data, docs in itertools.product(
        [None, frozenset({Goal.CONSISTENCY}), frozenset({Goal.FRESHNESS}), frozenset(Goal)],
        [None, ChangeRate.OFTEN, ChangeRate.RARELY],
        [None, DataAmount.NONE, DataAmount.PLENTY],
        [None, DocsChange.OFTEN],
    ):
        out.append(Facts(goals=goals, change_rate=change, data_amount=data, docs_change=docs))
    return out
