"""The rule patterns' compiled code kept on disk gives the very patterns compiling gives."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.cli import main
from bot.llm.reader import codecache, patterns
from bot.llm.reader.codecache import build, file_in, load, sources_of
from bot.llm.reader.compiling import compile_pattern
from bot.llm.reader.patterns import Pattern
from bot.llm.reader.rules import default_rules
from bot.settings import Settings

TEXTS = [
    "We're building a customer support bot; the tone and format must always be consistent",
    "사내 규정 챗봇인데 규정이 매달 바뀌고 답변에 근거 조항을 꼭 달아야 해요",
    "About 300 labelled examples, launch next month, FAQ는 monthly로 revise돼요",
]


def _sample() -> list[tuple[str, int]]:
    """A spread of the real rules: the longest patterns, ones with named groups, short ones."""
    sources = sorted(sources_of(default_rules().patterns()))
    by_length = sorted(sources, key=lambda s: -len(s[0]))
    named = [s for s in sources if "(?P<" in s[0]][:5]
    return by_length[:4] + named + sources[:: max(1, len(sources) // 12)]


@pytest.fixture
def no_source() -> Iterator[None]:
    """Whatever the test installs is gone afterwards."""
    before = patterns._Compiled.source
    yield
    patterns.use_compiled(before)


def test_every_rule_pattern_is_compiled_once_per_source() -> None:
    rules = default_rules()
    found = sources_of(rules.patterns())
    assert (rules.injection.pattern, int(rules.injection.flags)) in found
    split = next(p for p in rules.classes.values() if p.alts)
    assert all((alt.pattern, int(alt.flags)) in found for alt in split.alts)
    assert len(found) == len(set(found)) < len(rules.patterns())


def test_patterns_from_the_file_are_the_patterns_compiling_gives(tmp_path: Path) -> None:
    sample = _sample()
    path, held, compiled = build(sample, tmp_path, processes=2)
    assert (held, compiled) == (len(set(sample)), len(set(sample)))
    cache = load(path)
    assert cache is not None
    for pattern, flags in sample:
        made, fresh = cache.compiled(pattern, flags), compile_pattern(pattern, flags)
        # re.Pattern compares its flags and its code word for word.
        assert made == fresh, pattern[:60]
        assert (made.groups, made.groupindex, made.flags) == (
            fresh.groups,
            fresh.groupindex,
            fresh.flags,
        )
        for text in TEXTS:
            assert [(m.span(), m.groups()) for m in made.finditer(text)] == [
                (m.span(), m.groups()) for m in fresh.finditer(text)
            ]
    assert cache.hits == len(sample)


def test_a_second_build_compiles_only_what_is_new_and_drops_what_is_gone(tmp_path: Path) -> None:
    first = [("tone|format", int(re.IGNORECASE)), ("매주|매달", 0), (r"(?P<n>\d+)개", 0)]
    build(first, tmp_path, processes=1)
    assert build(first, tmp_path, processes=1)[1:] == (3, 0)
    path, held, compiled = build([*first[1:], ("fresh", 0)], tmp_path, processes=1)
    assert (held, compiled) == (3, 1)
    cache = load(path)
    assert cache is not None
    assert cache.compiled("tone|format", int(re.IGNORECASE)) is None
    assert cache.compiled("fresh", 0) == compile_pattern("fresh", 0)


def test_a_file_of_another_build_or_a_damaged_one_is_not_used(tmp_path: Path) -> None:
    path, _, _ = build([("tone", 0)], tmp_path, processes=1)
    data = path.read_bytes()
    assert codecache.loads(data) is not None
    assert codecache.loads(data[:-3]) is None  # cut short
    assert codecache.loads(data[:-1] + bytes([data[-1] ^ 1])) is None  # one bit flipped
    other = data.replace(codecache.namespace().encode(), b"0" * len(codecache.namespace()), 1)
    assert codecache.loads(other) is None
    assert load(tmp_path / "missing.bin") is None


def test_installed_patterns_compile_from_the_file_and_the_rest_as_before(
    tmp_path: Path, no_source: None
) -> None:
    build([("tone|format", int(re.IGNORECASE))], tmp_path, processes=1)
    codecache.install(tmp_path)
    held, new = Pattern("tone|format", re.IGNORECASE), Pattern("매주|매달")
    assert held.search("the TONE") is not None and new.search("매달 바뀜") is not None
    source = patterns._Compiled.source
    assert isinstance(source, codecache._OnFirstUse) and source.cache is not None
    assert (source.cache.hits, source.cache.misses) == (1, 1)


def test_without_a_file_every_pattern_compiles_on_first_use(
    tmp_path: Path, no_source: None
) -> None:
    codecache.install(tmp_path / "nothing-here")
    p = Pattern("(?<![a-z])tone", re.IGNORECASE)
    assert p.search("a Tone") is not None and p.compiled == compile_pattern(p.pattern, p.flags)


def test_warm_writes_the_file_the_reading_commands_then_use(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    no_source: None,
) -> None:
    # Start from the file `make` wrote, where there is one: warming all the rules from nothing
    # takes a while, and the command's work is the same either way.
    made = file_in(Settings().cache_dir)
    if made.exists():
        file_in(tmp_path).write_bytes(made.read_bytes())
    monkeypatch.setenv("EXPLAINER_CACHE_DIR", str(tmp_path))
    assert main(["warm"]) == 0
    every = set(sources_of(default_rules().patterns()))
    assert f"{len(every)} compiled rule patterns in {file_in(tmp_path)}" in capsys.readouterr().out
    cache = load(file_in(tmp_path))
    assert cache is not None and len(cache.entries) == len(every)

    assert main(["extract", "we have 300 examples", "--json"]) == 0
    source = patterns._Compiled.source
    assert isinstance(source, codecache._OnFirstUse) and source.path == file_in(tmp_path)


def test_warm_into_a_place_that_cannot_hold_a_directory_says_so_at_once(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("EXPLAINER_CACHE_DIR", str(blocker / "explainer"))
    assert main(["warm"]) == 1
    assert "cannot write the compiled patterns" in capsys.readouterr().err
