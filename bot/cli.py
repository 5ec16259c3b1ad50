"""The ``explainer`` command line: demo, serve, eval, extract, search, ask and warm."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import signal
import sys
from pathlib import Path

from bot.commands.demo import exit_on_hangup, run_demo
from bot.commands.knowledge import run_ask, run_eval_answers, run_search
from bot.commands.reading import run_eval_sentences, run_extract, run_warm
from bot.commands.scenarios import run_eval_scenarios
from bot.commands.serving import run_slack
from bot.evaluation import SCENARIOS_FILE
from bot.llm.reader.codecache import install as install_compiled_patterns
from bot.logs import configure_logging
from bot.settings import Settings
from bot.yamlfiles import DataFileError


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="explainer", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help="a consultation in the terminal (no Slack, no keys)")
    demo.add_argument("--new", action="store_true", help="start over instead of resuming")
    demo.add_argument(
        "--lang",
        choices=["ko", "en"],
        default=None,
        help="language of the greeting (answers follow your language)",
    )
    ev = sub.add_parser("eval", help="run labelled scenarios through the consultation pipeline")
    ev.add_argument("--scenarios", type=Path, default=SCENARIOS_FILE)
    ev.add_argument(
        "--simulate",
        action="store_true",
        help="a user with each scenario's profile answers every question, until the card",
    )
    ev.add_argument(
        "--sentences",
        type=Path,
        nargs="+",
        default=None,
        help="score the offline reader on labelled sentence files instead",
    )
    ev.add_argument(
        "--answers",
        type=Path,
        default=None,
        help="score side-question answers on a labelled Q&A file instead",
    )
    ev.add_argument(
        "--misses", action="store_true", help="with --sentences or --answers: list every miss"
    )
    ev.add_argument("--json", action="store_true", help="print one JSON object")
    ex = sub.add_parser("extract", help="what the offline reader takes from one message")
    ex.add_argument("text", nargs="+")
    ex.add_argument("--lang", choices=["ko", "en"], default=None, help="default: detected")
    ex.add_argument("--pending", default=None, help="the fact the bot just asked about")
    ex.add_argument("--json", action="store_true")
    ex.add_argument("--trace", action="store_true", help="also list the rules that fired")
    sv = sub.add_parser("serve", help="Slack over HTTP: POST /slack/events, /healthz, /readyz")
    sv.add_argument("--port", type=int, default=None, help="default: $PORT or 3000")
    sv.add_argument("--host", default="0.0.0.0", help="address to bind (default: all)")  # noqa: S104
    sv.add_argument(
        "--no-worker",
        action="store_true",
        help="only ack and persist; process the inbox in `explainer worker`",
    )
    sv.add_argument(
        "--workers",
        type=_count,
        default=None,
        metavar="N",
        help="worker processes that process the inbox while this one only acks (default: one "
        "per core; 0: process it in this process's event loop)",
    )
    wk = sub.add_parser("worker", help="process the inbox only (pair with `serve --no-worker`)")
    wk.add_argument("--port", type=int, default=None, help="health/metrics port (default 3001)")
    wk.add_argument("--host", default="0.0.0.0")  # noqa: S104
    # Started by `serve`, which hands it its settings on standard input.
    wk.add_argument("--supervised", action="store_true", help=argparse.SUPPRESS)
    sub.add_parser("socket", help="Slack over Socket Mode (needs SLACK_APP_TOKEN)")
    se = sub.add_parser("search", help="search the knowledge base")
    se.add_argument("query", nargs="+")
    se.add_argument("--k", type=int, default=3)
    se.add_argument(
        "--lang", choices=["ko", "en"], default=None, help="passage language (default: the query's)"
    )
    se.add_argument("--json", action="store_true")
    ak = sub.add_parser("ask", help="answer a side question from the knowledge base, as Slack does")
    ak.add_argument("question", nargs="+")
    ak.add_argument("--lang", choices=["ko", "en"], default=None, help="default: detected")
    ak.add_argument("--json", action="store_true")
    sub.add_parser(
        "warm",
        help="compile the reader's rule patterns into EXPLAINER_CACHE_DIR, so that new "
        "processes read their first messages without compiling them",
    )
    return p


# Commands whose process reads messages (a supervised worker included).
_READING = frozenset({"demo", "eval", "extract", "serve", "socket", "worker"})


def _count(text: str) -> int:
    n = int(text)
    if n < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return n


def main(argv: list[str] | None = None) -> int:
    """Runs one command; a reader that goes away (``| head``) ends it quietly, as it would end
    any Unix tool, with the status of a process SIGPIPE stopped. A labelled file that cannot be
    read is reported as a usage error is, in a line, not a traceback."""
    try:
        code = _run(argv)
        # What is still buffered is written now, while a closed pipe can still be caught.
        sys.stdout.flush()
    except BrokenPipeError:
        _discard_stdout()
        return 128 + signal.SIGPIPE
    except DataFileError as e:
        print(f"explainer: {e}", file=sys.stderr)
        return 2
    return code


def _discard_stdout() -> None:
    """Points standard output at the null device, so the interpreter's last flush of what is
    still buffered does not fail again on the closed pipe as it exits."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _run(argv: list[str] | None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    words = getattr(args, "question", None) or getattr(args, "query", None)
    if words is not None and not " ".join(words).strip():
        # A usage error, as argparse reports one: nothing to answer or search for.
        what = "question" if args.command == "ask" else "query"
        print(
            f"explainer {args.command}: the {what} is empty; write it in words, "
            f'e.g. explainer {args.command} "what is RAG?"',
            file=sys.stderr,
        )
        return 2
    if args.command == "search":
        return run_search(args)
    settings = Settings()
    if args.command == "warm":
        return run_warm(settings)
    if args.command in _READING:
        install_compiled_patterns(settings.cache_dir)
    if args.command == "extract":
        return run_extract(args)
    if args.command == "eval" and args.sentences:
        return run_eval_sentences(args.sentences, args.json, args.misses)
    if args.command == "ask" or (args.command == "eval" and args.answers):
        configure_logging("WARNING")
        if args.command == "ask":
            return asyncio.run(run_ask(settings, " ".join(args.question), args.lang, args.json))
        return asyncio.run(run_eval_answers(settings, args.answers, args.json, args.misses))
    # The terminal commands keep stderr quiet unless something is wrong.
    interactive = args.command in ("demo", "eval")
    configure_logging("WARNING" if interactive else settings.log_level)
    if args.command in ("serve", "socket", "worker"):
        return run_slack(settings, args)
    if args.command == "demo":
        with exit_on_hangup():
            return asyncio.run(run_demo(settings, args.new, args.lang, sys.stdin, sys.stdout))
    return asyncio.run(run_eval_scenarios(settings, args.scenarios, args.json, args.simulate))
