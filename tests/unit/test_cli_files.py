"""A labelled file the eval commands cannot use is reported in one line that names it and says
what is wrong, with a usage error's status: never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main

SCENARIO = "- {id: s1, lang: en, turns: [we have docs], expect: {recommendation: rag}}\n"


def _fails(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(["eval", *argv]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    return err


def test_a_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    for flag in ("--scenarios", "--sentences", "--answers"):
        err = _fails(capsys, flag, str(missing))
        assert str(missing) in err and "No such file" in err


def test_a_file_that_is_not_yaml(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("- id: a\n  text: [unclosed\n", encoding="utf-8")
    for flag in ("--scenarios", "--sentences", "--answers"):
        assert "not valid YAML (line 3)" in _fails(capsys, flag, str(bad))


def test_a_label_outside_the_fact_schema(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "sentences.yaml"
    bad.write_text(
        "- {id: a, lang: en, text: hi}\n- {id: b, lang: en, text: hi, facts: {volume: huge}}\n"
    )
    err = _fails(capsys, "--sentences", str(bad))
    assert f"{bad}: 1.facts.volume: Input should be 'low' or 'high'" in err


def test_ids_given_twice(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    twice = tmp_path / "scenarios.yaml"
    twice.write_text(SCENARIO * 2, encoding="utf-8")
    assert "duplicate scenario ids: s1" in _fails(capsys, "--scenarios", str(twice))


def test_an_empty_scenario_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    empty = tmp_path / "scenarios.yaml"
    empty.write_text("", encoding="utf-8")
    assert "the document: Input should be a valid list" in _fails(capsys, "--scenarios", str(empty))
