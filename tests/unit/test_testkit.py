"""The test kit's own promises that other tests lean on."""

from __future__ import annotations

from decimal import Decimal

from testkit.slack_client import slack_ts


def test_slack_ts_is_unique_and_increasing_even_in_a_tight_loop() -> None:
    made = [slack_ts() for _ in range(50_000)]
    assert len(set(made)) == len(made)
    values = [Decimal(ts) for ts in made]
    assert values == sorted(values)
    assert all(len(ts.split(".")[1]) == 6 for ts in made)  # Slack's shape: seconds.micros
