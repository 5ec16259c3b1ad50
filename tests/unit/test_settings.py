"""How the environment is read."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import Settings


def test_a_variable_set_to_nothing_is_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXPLAINER_DATA_DIR", "")
    monkeypatch.setenv("EXPLAINER_LLM", "")
    settings = Settings(_env_file=None)
    assert settings.data_dir != Path(".") and settings.data_dir.is_absolute()
    assert settings.data_dir == Settings.model_fields["data_dir"].get_default(
        call_default_factory=True
    )


def test_a_variable_set_to_a_path_is_that_path(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("EXPLAINER_DATA_DIR", str(tmp_path))
    assert Settings(_env_file=None).data_dir == tmp_path


@pytest.mark.parametrize("name", ["EXPLAINER_DATA_DIR", "EXPLAINER_CACHE_DIR"])
def test_a_path_from_the_home_directory_is_read_as_a_shell_reads_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv(name, "~/somewhere/explainer")
    settings = Settings(_env_file=None)
    got = settings.data_dir if name == "EXPLAINER_DATA_DIR" else settings.cache_dir
    assert got == tmp_path / "somewhere" / "explainer"
