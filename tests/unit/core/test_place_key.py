"""Place keys: distinct places never share a key, and ordinary places keep the key they had."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.core.state import Place

# Mostly the bytes that matter (separators and escapes), so collisions are actually tried.
_PART = st.text(alphabet=st.sampled_from(":%3Aa2T1C5.") | st.characters(), max_size=12)
_TRIPLE = st.tuples(_PART, _PART, _PART)


def place(team: str, channel: str, thread_ts: str) -> Place:
    return Place(surface="mention", team=team, channel=channel, thread_ts=thread_ts)


@given(_TRIPLE, _TRIPLE)
def test_distinct_places_have_distinct_keys(
    a: tuple[str, str, str], b: tuple[str, str, str]
) -> None:
    if a != b:
        assert place(*a).key() != place(*b).key()


@st.composite
def regroupings(draw: st.DrawFn) -> tuple[tuple[str, str, str], tuple[str, str, str]]:
    """Two ways of cutting the same ':'-joined pieces into (team, channel, thread_ts): the
    pairs a plain ':'-join maps to one key."""
    pieces = draw(st.lists(_PART, min_size=3, max_size=6))
    cuts = st.lists(st.integers(1, len(pieces) - 1), min_size=2, max_size=2, unique=True)

    def group(at: list[int]) -> tuple[str, str, str]:
        i, j = sorted(at)
        return (":".join(pieces[:i]), ":".join(pieces[i:j]), ":".join(pieces[j:]))

    return group(draw(cuts)), group(draw(cuts))


@given(regroupings())
def test_regrouped_parts_have_distinct_keys(
    pair: tuple[tuple[str, str, str], tuple[str, str, str]],
) -> None:
    a, b = pair
    assert ":".join(a) == ":".join(b)  # the same key before escaping
    if a != b:
        assert place(*a).key() != place(*b).key()


def test_crafted_ids_do_not_collide() -> None:
    # Joined with a bare ':' these were both "T1:C2:3".
    assert place("T1:C2", "3", "").key() != place("T1", "C2:3", "").key()
    assert place("T1", "C2:3", "").key() != place("T1", "C2", "3").key()
    # An escape typed as part of an id is not the escape of a separator.
    assert place("T1%3AC2", "3", "").key() != place("T1:C2", "3", "").key()


def test_ordinary_places_keep_their_key() -> None:
    # Byte for byte what keys were before escaping, so stored consultations are still found.
    assert place("T0123ABC", "C0456DEF", "1716200000.123456").key() == (
        "T0123ABC:C0456DEF:1716200000.123456"
    )
    assert Place(surface="dm", channel="D1", thread_ts="2").key() == ":D1:2"
    assert Place(surface="terminal").key() == "::"


@given(_TRIPLE)
def test_parts_without_separators_or_escapes_are_joined_as_they_are(
    parts: tuple[str, str, str],
) -> None:
    if not any(":" in p or "%" in p for p in parts):
        assert place(*parts).key() == ":".join(parts)
