"""Rule patterns compiled for speed match exactly what ``re.compile`` matches."""

from __future__ import annotations

import importlib
import random
import re
from collections.abc import Iterable
from pathlib import Path

import pytest
import yaml

from bot.llm.reader.compiling import compile_pattern, forms, searched_as
from bot.llm.reader.rules import default_rules

EVAL = Path(__file__).resolve().parents[3] / "knowledge" / "eval"
ICASE = re.IGNORECASE


def _found(p: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in p.finditer(text)]


def _same(pattern: str, flags: int, texts: Iterable[str]) -> None:
    plain, fast = re.compile(pattern, flags), compile_pattern(pattern, flags)
    for text in texts:
        assert _found(fast, text) == _found(plain, text), (pattern, text)
        for pos in range(len(text) + 1):
            a, b = plain.match(text, pos), fast.match(text, pos)
            assert (a and (a.span(), a.groups(), a.lastindex)) == (
                b and (b.span(), b.groups(), b.lastindex)
            ), (pattern, text, pos)
            end = max(pos, len(text) - 1)
            a, b = plain.search(text, pos, end), fast.search(text, pos, end)
            assert (a and a.span()) == (b and b.span()), (pattern, text, pos, end)


WORDS = ["tone", "toner", "tones", "format", "form", "fresh", "정확", "정확도", "매번", "매주"]


@pytest.mark.parametrize(
    ("pattern", "flags", "texts"),
    [
        # Lookbehinds at the very start of the text, and one character in.
        (
            "|".join(rf"(?<![A-Za-z0-9])(?:{w})(?![A-Za-z0-9])" for w in WORDS),
            ICASE,
            ["tone", "atone toner", "Tones, FORMAT!", "form정확도", "매주 매번", "", "t"],
        ),
        # Characters IGNORECASE takes for others: the Kelvin sign, long s, dotted and dotless i.
        (
            "kelvin|ks|skip|sigma|input|i|k|s",
            ICASE,
            ["\u212aelvin", "\u017fkip", "\u0130nput", "\u0131", "KS", "ſ", "Σigma"],
        ),
        # Alternatives that differ only in case are one group, in their order.
        ("kx|KAB|kabc|kz|\u212az", ICASE, ["kabc KABC \u212aabc"]),
        # Case switched on and off inside.
        ("(?-i:Tone)|tones|(?-i:t)ab|tx|ty|tz", ICASE, ["Tone tone TONES tab Tab TAB tx"]),
        ("(?i:tone)|tones|tab|tx|ty|tz", 0, ["Tone tone TONES tab Tab TAB tx"]),
        # Groups captured inside the alternatives and after them.
        (r"(a)b|(a)c|ad|(ae)|af(x)?(y)", ICASE, ["ab ac ad ae afxy afy AF"]),
        # Order kept where alternatives share a start, and across one that does not.
        ("ab|a|abc|[a-c]x|ax|a", 0, ["abc ax bx a"]),
        # The rest of the pattern fails and the engine backtracks into the alternation.
        ("(?:ab|a|ac|ad)bc", 0, ["abc abbc acbc"]),
        # Word boundaries before letters, digits, signs and Hangul.
        (
            r"\btone|\b#tag|\b-x|\B-y|\Bone|\b정확|\b1st|\bq&a",
            ICASE,
            ["tone #tag a-x a-y bone 정확 x1st q&a"],
        ),
        # A choice at the start of an alternative, opened into one alternative per choice.
        (
            r"(?:매번|항상|늘|언제나)\s*(?:같은|똑같은)|(?:the|a)\s+same|always|늘상|매일",
            ICASE,
            ["매번 같은 늘 똑같은 늘상 A  same the same 매일"],
        ),
        # An alternative with nothing after its first character.
        ("a|ab|ac|ad|b", 0, ["a ab ac ad b abcd"]),
        # Lookaheads at the end, cut short by the end position.
        (r"tone(?![a-z])|toner|tonal|tonic", ICASE, ["tone toner tonal tonic"]),
        # A choice of lookbehinds, and a run of them, before what they let match; nested, and
        # before something that may start with a space or be empty.
        (
            r"(?:(?<=\bcurrent\s)|(?<=fresh\s)|(?<=최신\s))(?:correct|accurate|정확)\b"
            r"|x(?<!a)(?<!b)(?:ab|cd)|(?:(?<=a)|(?<=b))\s*y|(?:(?<=a)|\b)(?:z|)",
            ICASE,
            ["current correct, fresh Accurate 최신 정확 xab xcd bxcd a y by zz a", "", "z"],
        ),
        # Character sets of Hangul only, and negated ones, under IGNORECASE.
        (r"(?<![가-힣])[가-힣]+요|[^가-힣]+다|[가-힣a-z]{2}", ICASE, ["해요 좋아요 ABC다 ab다"]),
    ],
)
def test_tricky_patterns_match_as_re_compiles_them(
    pattern: str, flags: int, texts: list[str]
) -> None:
    _same(pattern, flags, texts)


# What may come before an alternative: nothing, lookbehinds and anchors, and choices of them.
LEADS = ["", "", r"(?<![a-z])", r"(?<=\s)", r"\b", r"\B", "^", r"(?<!a)(?<!b\s)"]
LEADS += [r"(?:(?<=a)|(?<=B\s)|\b)", r"(?:(?<![가나])|(?<=\s))"]


def _random_pattern(rnd: random.Random) -> str:
    letters = "abAB가나\u212a"

    def word() -> str:
        w = "".join(rnd.choice(letters) for _ in range(rnd.randint(1, 3)))
        return w + rnd.choice(["", "", "?", "*", r"\s*"]) if len(w) > 1 else w

    def alt(depth: int) -> str:
        lead = rnd.choice(LEADS)
        body = word()
        if depth and rnd.random() < 0.4:
            body = "(?:" + "|".join(alt(depth - 1) for _ in range(rnd.randint(2, 5))) + ")" + body
        if rnd.random() < 0.2:
            body = "(" + body + ")"
        return lead + body + rnd.choice(["", "", "(?![a-z])", r"\w", "."])

    return "|".join(alt(2) for _ in range(rnd.randint(3, 9)))


def test_random_alternations_match_as_re_compiles_them() -> None:
    rnd = random.Random(7)
    texts = [
        "".join(rnd.choice("aAbB가나 \u212a-") for _ in range(rnd.randint(0, 9))) for _ in range(12)
    ]
    for _ in range(300):
        _same(_random_pattern(rnd), rnd.choice([0, ICASE]), texts)


def test_a_long_alternation_starts_each_of_its_choices_with_a_plain_character_test() -> None:
    # What makes it fast: the engine skips an alternative at once only when it starts so.
    words = ["tone", "format", "template", "style", "voice", "wording", "정확", "최신"]
    pattern = "|".join(rf"(?<![A-Za-z0-9])(?:{w})(?![A-Za-z0-9])" for w in words)
    plain = [op for op, _ in importlib.import_module("re._parser").parse(pattern, ICASE)]
    tree = searched_as(pattern, ICASE)
    # A lookahead for the first characters, then the choice.
    assert [str(op) for op, _ in tree] == ["ASSERT", "BRANCH"] and [str(op) for op in plain] == [
        "BRANCH"
    ]
    choices = tree[1][1][1]
    assert len(choices) == 7  # "tone" and "template" share their first letter
    # A letter as the set of its cases, compared case-sensitively; Hangul as itself.
    assert {str(choice[0][0]) for choice in choices} == {"SUBPATTERN", "LITERAL"}


def test_a_choice_of_lookbehinds_is_guarded_by_what_follows_it() -> None:
    # Tried in full at every position, the lookbehinds cost more than the search of what they
    # let through: a lookahead for its first characters goes before them.
    pattern = r"x+(?:(?<=\bcurrent\s)|(?<=fresh\s)|(?<=new\s))(?:correct|accurate)"
    ops = [str(op) for op, _ in searched_as(pattern, ICASE)]
    at = ops.index("MAX_REPEAT")
    assert ops[at:] == ["MAX_REPEAT", "ASSERT", "BRANCH", "BRANCH"]
    guard = searched_as(pattern, ICASE)[at + 1][1][1]
    assert {chr(v) for _, v in guard[0][1]} == {"c", "a"}
    # One lookaround alone costs what the guard would: none is added.
    ops = [str(op) for op, _ in searched_as(r"x+(?<=\sx)correct", ICASE)]
    at = ops.index("MAX_REPEAT")
    assert ops[at : at + 3] == ["MAX_REPEAT", "ASSERT", "LITERAL"]


def test_the_forms_of_a_letter_are_those_ignorecase_matches() -> None:
    for ch in "abcdefghijklmnopqrstuvwxyzKSÉσ가1-":
        p = re.compile(re.escape(ch), ICASE)
        truth = {cp for cp in [*range(0x3000), 0x212A, 0x212B, ord(ch)] if p.fullmatch(chr(cp))}
        assert tuple(sorted(truth)) == forms(ord(ch), True), ch
        assert forms(ord(ch), False) == (ord(ch),)


def _sentences(limit: int) -> list[str]:
    out: list[str] = []
    for path in sorted(EVAL.glob("dev*/sentences.*.yaml"))[:6]:
        out += [str(e["text"]) for e in yaml.safe_load(path.read_text(encoding="utf-8"))]
    rnd = random.Random(3)
    return rnd.sample(out, min(limit, len(out)))


def test_the_largest_rule_patterns_match_as_re_compiles_them() -> None:
    rules = default_rules()
    patterns = {(p.pattern, int(p.flags)) for p in rules.patterns()}
    largest = sorted(patterns, key=lambda p: -len(p[0]))[:25]
    texts = _sentences(150)
    for source, flags in largest:
        plain, fast = re.compile(source, flags), compile_pattern(source, flags)
        for text in texts:
            assert _found(fast, text) == _found(plain, text), (source[:60], text)
