"""The first messages of a new process: a new worker after a deploy or a restart, a new
``explainer demo``. Each probe is a fresh interpreter that loads what ``Services.start`` loads
before it takes work (the reader's rules and models), then reads the opening messages of the
scenario file one after another, timing each (wall clock; nothing else runs in it). Probes
alternate between an empty cache directory and one holding the compiled rule patterns
(``explainer warm``), so both see the same machine."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.stats import summary_ms
from bot.evaluation import load_scenarios
from bot.llm.reader.codecache import build, file_in, sources_of
from bot.llm.reader.rules import default_rules
from bot.settings import Settings

# Opening messages per probe, alternating languages.
MESSAGES = 8


def openers(n: int = MESSAGES) -> list[str]:
    """The first message of the first scenarios of each language, interleaved."""
    by_lang: dict[str, list[str]] = {"en": [], "ko": []}
    for s in load_scenarios():
        if s.turns and s.turns[0].strip():
            by_lang.setdefault(s.lang, []).append(s.turns[0])
    mixed = [t for pair in zip(by_lang["en"], by_lang["ko"], strict=False) for t in pair]
    return mixed[:n]


def probe(cache_dir: str, texts: list[str]) -> dict[str, Any]:
    """In the fresh process: what starting costs, then the wall time of each message."""
    from bot.knowledge.chooser_model import default_model as chooser
    from bot.llm.reader.codecache import install
    from bot.llm.reader.learned import default_model, extract_facts

    t = time.perf_counter()
    install(Path(cache_dir))
    default_rules()
    default_model()
    chooser()
    start = time.perf_counter() - t
    each = []
    for text in texts:
        t = time.perf_counter()
        extract_facts(text, None)
        each.append(time.perf_counter() - t)
    return {"start_s": start, "message_s": each}


def _run_probe(cache_dir: Path, texts: list[str]) -> dict[str, Any]:
    out = subprocess.run(  # noqa: S603 -- our own module, fixed arguments
        [sys.executable, "-m", "bench.cold", str(cache_dir)],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def _warmed(into: Path) -> None:
    """The compiled patterns in ``into``: copied from ``explainer warm``'s file, else made."""
    made = file_in(Settings().cache_dir)
    if made.exists():
        shutil.copyfile(made, file_in(into))
    build(sources_of(default_rules().patterns()), into)


def part_cold(pairs: int, results: dict[str, Any]) -> None:
    print(f"[5] first messages of a new process: {pairs} pairs of probes ...", flush=True)
    texts = openers()
    with tempfile.TemporaryDirectory() as empty, tempfile.TemporaryDirectory() as warm:
        _warmed(Path(warm))
        runs: dict[str, list[dict[str, Any]]] = {"compiling": [], "compiled": []}
        for _ in range(pairs):
            runs["compiling"].append(_run_probe(Path(empty), texts))
            runs["compiled"].append(_run_probe(Path(warm), texts))
    out: dict[str, Any] = {"messages": len(texts), "pairs": pairs}
    for name, probes in runs.items():
        out[name] = {
            "start_ms": summary_ms([p["start_s"] for p in probes]),
            "first_message_ms": summary_ms([p["message_s"][0] for p in probes]),
            "each_message_ms": summary_ms([s for p in probes for s in p["message_s"]]),
            "all_messages_ms": summary_ms([sum(p["message_s"]) for p in probes]),
        }
    results["cold_start"] = out


if __name__ == "__main__":
    print(json.dumps(probe(sys.argv[1], json.loads(sys.stdin.read()))))
