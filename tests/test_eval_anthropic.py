"""``explainer eval --json`` end to end on the Claude path, against the mock in a background thread.

The mock's extraction runs the offline rules (see tests/mock_anthropic.py), so the Claude path must
reach the same decisions, with the same questions, as the offline layer.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.mock_anthropic import MockAnthropic

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def mock() -> Iterator[MockAnthropic]:
    server = MockAnthropic()
    server.start_in_thread()
    try:
        yield server
    finally:
        server.stop()


def run_eval(redis_url: str, tmp_path: Path, **env: str) -> dict[str, Any]:
    # Only what the run needs: no stray ANTHROPIC_* or EXPLAINER_* settings from the caller.
    base = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "SYSTEMROOT")}
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "eval", "--json"],
        cwd=tmp_path,  # no .env file here
        env={**base, "PYTHONPATH": str(ROOT), "REDIS_URL": redis_url, **env},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    report: dict[str, Any] = json.loads(proc.stdout)
    return report


def test_eval_on_claude_path_matches_offline(
    mock: MockAnthropic, redis_url: str, tmp_path: Path
) -> None:
    claude = run_eval(
        redis_url,
        tmp_path,
        EXPLAINER_LLM="anthropic",
        ANTHROPIC_API_KEY="test",
        ANTHROPIC_BASE_URL=mock.url,
    )
    assert claude["accuracy"] == 1.0
    assert claude["correct"] == claude["total"] >= 44
    # The --json shape is a public contract: exactly these keys.
    assert set(claude) == {"total", "correct", "accuracy", "avg_questions", "results"}
    assert all(set(r) == {"id", "expected", "got", "questions"} for r in claude["results"])
    offline = run_eval(redis_url, tmp_path, EXPLAINER_LLM="offline")
    assert offline["accuracy"] == 1.0
    assert claude["results"] == offline["results"]
    assert claude["avg_questions"] == offline["avg_questions"]

    requests = mock.requests
    models = {r.model for r in requests}
    assert models == {"claude-haiku-4-5", "claude-sonnet-4-6"}  # the settings' defaults
    assert all(r.headers["Authorization"] == "Bearer test" for r in requests)
    assert all("temperature" not in r.body for r in requests)
    assert all(r.body["system"][-1]["cache_control"] == {"type": "ephemeral"} for r in requests)
    # One rationale (smart model, streamed) per scenario; the rest is the fast model.
    smart = [r for r in requests if r.model == "claude-sonnet-4-6"]
    assert len(smart) == claude["total"] and all(r.stream for r in smart)
    usage = [r.response["usage"] for r in requests if r.response]
    assert len(usage) == len(requests)  # no errors, so no fallbacks
    read = sum(u["cache_read_input_tokens"] for u in usage)
    total = read + sum(u["input_tokens"] + u["cache_creation_input_tokens"] for u in usage)
    assert read / total > 0.8


def test_cost_script_compares_optimized_with_naive(tmp_path: Path) -> None:
    scenarios = yaml.safe_load((ROOT / "knowledge" / "eval" / "scenarios.yaml").read_text("utf-8"))
    subset = tmp_path / "scenarios.yaml"
    subset.write_text(yaml.safe_dump(scenarios[:3], allow_unicode=True), encoding="utf-8")
    out = tmp_path / "cost.json"
    base = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "SYSTEMROOT")}
    script = str(ROOT / "scripts" / "llm_cost.py")
    proc = subprocess.run(
        [sys.executable, script, "--scenarios", str(subset), "--out", str(out)],
        cwd=tmp_path,
        env=base,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "cache-read share" in proc.stdout
    report = json.loads(out.read_text(encoding="utf-8"))
    opt, naive = report["optimized"], report["naive"]
    assert report["consultations"] == 3
    assert opt["accuracy"] == naive["accuracy"] == 1.0
    assert opt["calls"] == naive["calls"] and opt["fallbacks"] == naive["fallbacks"] == 0
    assert opt["cache_read_share"] > 0.5 and naive["cache_read_share"] == 0.0
    assert opt["cost_usd"] < naive["cost_usd"]
    # Questions phrased while the model reads, as in production; the naive design waits.
    assert opt["guesses_used"] > 0 and naive["guesses_used"] == naive["guesses_wasted"] == 0


def test_eval_table_reports_model_usage_and_cost(
    mock: MockAnthropic, redis_url: str, tmp_path: Path
) -> None:
    base = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "SYSTEMROOT")}
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "eval"],
        cwd=tmp_path,
        env={
            **base,
            "PYTHONPATH": str(ROOT),
            "REDIS_URL": redis_url,
            "EXPLAINER_LLM": "anthropic",
            "ANTHROPIC_API_KEY": "test",
            "ANTHROPIC_BASE_URL": mock.url,
        },
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    line = next(x for x in proc.stdout.splitlines() if x.startswith("language model per"))
    assert "calls" in line and "cache reads" in line and "$0.0" in line
