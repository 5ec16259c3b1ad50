"""A long alternation is searched by the one alternative that may match a text."""

from __future__ import annotations

import random
import re

import pytest

from bot.llm.reader.patterns import SPLIT_FROM, SPLIT_SIZE, Alternation, Pattern
from bot.llm.reader.phrases import Parts, alternation, branches
from bot.llm.reader.screen import _FEW, Screen, _Alts

WORDS = ("manual", "handbook", "policy", "guideline", "rulebook", "catalogue", "price list", "faq")


def _pattern(words: tuple[str, ...] = WORDS) -> Pattern:
    return alternation(list(words), {}, {}).pattern(re.IGNORECASE) if words else Pattern("x")


def _screen(p: Pattern) -> Screen:
    return Screen([p, *p.alts])


def test_a_long_alternation_keeps_its_alternatives_in_the_order_they_are_tried() -> None:
    p = _pattern()
    assert len(p.alts) == len(WORDS) >= SPLIT_FROM
    # Longest phrase first, as in the whole pattern.
    assert [a.pattern for a in p.alts][:2] == [
        r"(?<![A-Za-z0-9])price\s+list(?![A-Za-z0-9])",
        r"(?<![A-Za-z0-9])guideline(?![A-Za-z0-9])",
    ]
    assert _pattern(WORDS[: SPLIT_FROM - 1]).alts == ()


def test_a_long_choice_of_few_branches_is_screened_branch_by_branch() -> None:
    """A rule naming whole classes in two branches: one that needs a word of each class is
    not searched in a text that has only one of them."""
    tone = "|".join(f"tone{i}|voice{i}" for i in range(150))
    first = "|".join(f"first{i}|top{i}" for i in range(150))
    p = alternation([f"re:(?:{tone})\\s+(?:{first})", "re:always\\s+same"], {}, {}).pattern(
        re.IGNORECASE
    )
    assert len(p.pattern) >= SPLIT_SIZE and len(p.alts) == 2
    text = "the tone7 must be always same"
    seen = _screen(p).scan(text)
    assert seen.regexes(p) == [p.alts[1].compiled]
    assert [m.span() for m in seen.finditer(p)] == [m.span() for m in p.compiled.finditer(text)]
    both = "voice3 top9 and always same"
    assert [m[0] for m in _screen(p).scan(both).finditer(p)] == ["voice3 top9", "always same"]


def test_one_alternative_that_may_match_is_searched_alone() -> None:
    p = _pattern()
    seen = _screen(p).scan("The Handbook changes every week")
    (handbook,) = [a for a in p.alts if "handbook" in a.pattern]
    assert seen.regexes(p) == [handbook.compiled]
    assert seen.search(p)[0] == "Handbook"  # type: ignore[index]


def test_a_few_alternatives_that_may_match_find_what_the_whole_finds() -> None:
    p = _pattern()
    text = "the faq, the policy handbook, the faq again and the price list"
    seen = _screen(p).scan(text)
    assert len(seen.regexes(p)) == 4
    found = [m[0] for m in seen.finditer(p)]
    assert found == ["faq", "policy", "handbook", "faq", "price list"]
    assert found == [m[0] for m in p.compiled.finditer(text)]
    # With parts masked, as a clause is once a rule has used them.
    masked = text.replace("policy", "\x00" * 6)
    assert [m.span() for m in seen.finditer(p, masked)] == [
        m.span() for m in p.compiled.finditer(masked)
    ]


def test_many_alternatives_that_may_match_search_the_whole() -> None:
    p = _pattern()
    seen = _screen(p).scan(" ".join(WORDS))
    assert seen.regexes(p) == [p.compiled]


def test_no_alternative_that_may_match_searches_nothing() -> None:
    p = _pattern()
    # "manuals" would do, "man" and "ual" apart would not.
    seen = _screen(p).scan("the man said usual things")
    assert seen.regexes(p) == []
    assert seen.search(p) is None


def test_a_class_named_whole_is_spliced_in_its_own_order() -> None:
    classes = {"docs": "(?:manual)|(?:faq)"}
    parts: Parts = {"docs": ("manual", "faq")}
    flat = alternation(["@docs", "price list", "wiki", "guide"], classes, parts)
    assert flat.parts[:2] == (r"(?<![A-Za-z0-9])price\s+list(?![A-Za-z0-9])", "manual")
    assert Alternation(flat.source, flat.parts).parts == flat.parts
    whole = re.compile(flat.source, re.IGNORECASE)
    one_by_one = re.compile("|".join(f"(?:{part})" for part in flat.parts), re.IGNORECASE)
    for text in ("our faq and wiki", "price list guide manual", "nothing"):
        assert [m.span() for m in whole.finditer(text)] == [
            m.span() for m in one_by_one.finditer(text)
        ]


@pytest.mark.parametrize(
    ("regex", "expected"),
    [
        ("a|b", ["a", "b"]),
        ("(?:a|b)|c", ["(?:a|b)", "c"]),
        ("[|]|x", ["[|]", "x"]),
        ("[]|]|y", ["[]|]", "y"]),
        ("[^]|]z|w", ["[^]|]z", "w"]),
        (r"a\|b|c", [r"a\|b", "c"]),
        (r"(?<![a-z])x|(?=[)|])y", [r"(?<![a-z])x", r"(?=[)|])y"]),
        ("abc", ["abc"]),
    ],
)
def test_a_regular_expression_splits_at_its_top_level_bars_only(
    regex: str, expected: list[str]
) -> None:
    assert branches(regex) == expected
    assert [m.span() for m in re.finditer(regex, "a|b c x y z w [ ] ( ) abc")] == [
        m.span()
        for m in re.finditer("|".join(f"(?:{b})" for b in expected), "a|b c x y z w [ ] ( ) abc")
    ]


def test_a_regular_expression_phrase_is_its_branches_with_whole_classes_spliced_in() -> None:
    classes = {"docs": "(?:manual)|(?:faq)"}
    parts: Parts = {"docs": ("manual", "faq")}
    flat = alternation([r"re:\bwiki\b|(?:{@docs})|{@docs}s|price (?:list|sheet)"], classes, parts)
    assert flat.parts == (
        r"\bwiki\b",
        "manual",
        "faq",
        "(?:(?:manual)|(?:faq))s",
        "price (?:list|sheet)",
    )


def test_the_alternatives_a_text_may_match_are_those_whose_needs_it_meets() -> None:
    """Filed under one of their needs, the alternatives found for a text are exactly the ones
    checked one by one would give (or none, when more than a few may match)."""
    rng = random.Random(7)
    for _ in range(300):
        bits = [[rng.randrange(40) for _ in range(rng.randint(1, 3))] for _ in range(30)]
        needs = tuple(
            0 if rng.random() < 0.1 else sum(1 << b for b in some)
            for some in bits[: rng.randint(1, 30)]
        )
        met = sum(1 << b for b in range(40) if rng.random() < 0.15)
        one_by_one = [i for i, needed in enumerate(needs) if needed & met == needed]
        assert _Alts(needs).may(met) == (one_by_one if len(one_by_one) <= _FEW else None)
