"""What the offline reader takes from one message, its score on labelled sentences, and its
compiled patterns kept for new processes."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from bot.core.facts import Lang
from bot.settings import Settings


def run_extract(args: argparse.Namespace) -> int:
    from bot.core.facts import FactName
    from bot.core.language import detect_language
    from bot.llm.reader import read
    from bot.reader_eval import extraction_json, extraction_text

    text = " ".join(args.text)
    try:
        pending = FactName(args.pending) if args.pending else None
    except ValueError:
        names = ", ".join(f.value for f in FactName)
        print(f"--pending must be one of: {names}", file=sys.stderr)
        return 2
    lang: Lang = args.lang or detect_language(text)
    ex, trace = read(text, pending)
    shown = trace.events if args.trace else None
    render = extraction_json if args.json else extraction_text
    print(render(lang, ex, shown))
    return 0


def run_eval_sentences(paths: list[Path], as_json: bool, misses: bool) -> int:
    from bot.llm.reader import extract_facts
    from bot.reader_eval import load_sentences, render, score

    # A file that cannot be read is reported by the command line, as for every eval.
    report = score(load_sentences(paths), extract_facts)
    print(report.model_dump_json(indent=2) if as_json else render(report, misses))
    return 0


def run_warm(settings: Settings) -> int:
    """Compiles every rule pattern the file in the cache directory does not hold yet."""
    from bot.llm.reader.codecache import build, sources_of
    from bot.llm.reader.rules import default_rules

    start = time.perf_counter()
    try:
        path, held, compiled = build(sources_of(default_rules().patterns()), settings.cache_dir)
    except OSError as e:
        print(f"cannot write the compiled patterns: {e}", file=sys.stderr)
        return 1
    took = time.perf_counter() - start
    print(f"{held} compiled rule patterns in {path} ({compiled} compiled now, {took:.1f} s)")
    return 0
