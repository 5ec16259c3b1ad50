"""The ``explainer`` command line: demo, serve, eval, extract, search and ask."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import getpass
import json
import re
import secrets
import signal
import sys
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from types import FrameType
from typing import TextIO

from redis.exceptions import ConnectionError as RedisConnectionError

from bot.core.consultation import (
    AnswerReply,
    DecisionReply,
    NoticeReply,
    QuestionReply,
    Reply,
    Result,
    UnderstoodReply,
)
from bot.core.facts import CLEAR, Lang, Reading
from bot.core.ports import Answer, LanguageModel
from bot.core.state import Consultation, Place, Status, Turn, TurnKind, Usage
from bot.evaluation import SCENARIOS_FILE, load_scenarios, question_split, run_all
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.hitk import QUERIES_FILE, evaluate
from bot.logs import configure_logging
from bot.render.card import build_card
from bot.render.readings import labelled_choices, shown_readings
from bot.render.terminal import (
    render_answer,
    render_card,
    render_corrections,
    render_notice,
    render_question,
    render_understood,
)
from bot.services import Services, build_language_model
from bot.settings import Settings
from bot.texts import Texts, texts

# ``e`` lists what was understood, ``e N`` what reading N can become, ``e N M`` picks choice M.
_EDIT = re.compile(r"e(?:\s+(\d+)(?:\s+(\d+))?)?")


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
    return p


def _count(text: str) -> int:
    n = int(text)
    if n < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return n


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "search":
        return _search(args)
    if args.command == "extract":
        return _extract(args)
    if args.command == "eval" and args.sentences:
        return _eval_sentences(args.sentences, args.json, args.misses)
    settings = Settings()
    if args.command == "ask" or (args.command == "eval" and args.answers):
        configure_logging("WARNING")
        if args.command == "ask":
            return asyncio.run(_ask(settings, " ".join(args.question), args.lang, args.json))
        return asyncio.run(_eval_answers(settings, args.answers, args.json, args.misses))
    # The terminal commands keep stderr quiet unless something is wrong.
    interactive = args.command in ("demo", "eval")
    configure_logging("WARNING" if interactive else settings.log_level)
    if args.command in ("serve", "socket", "worker"):
        return _slack(settings, args)
    if args.command == "demo":
        with _exit_on_hangup():
            return asyncio.run(_demo(settings, args.new, args.lang, sys.stdin, sys.stdout))
    return asyncio.run(_eval(settings, args.scenarios, args.json, args.simulate))


@contextlib.contextmanager
def _exit_on_hangup() -> Iterator[None]:
    """SIGHUP (the terminal closed), SIGTERM and Ctrl-C end the demo in order: the store closes
    and an embedded Redis this process started shuts down, saving its data.

    The handler raises rather than asking the event loop to stop, because the demo waits for
    input in a blocking read that only an exception interrupts.
    """
    signals = (signal.SIGHUP, signal.SIGTERM, signal.SIGINT)

    def leave(signum: int, frame: FrameType | None) -> None:
        # One is enough: a second signal must not cut the orderly shutdown short.
        for s in signals:
            signal.signal(s, signal.SIG_IGN)
        raise SystemExit(128 + signum)

    previous = {s: signal.signal(s, leave) for s in signals}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


def _slack(settings: Settings, args: argparse.Namespace) -> int:
    from bot.slack.server import (
        Handoff,
        default_workers,
        die_with_parent,
        serve,
        socket_mode,
        supervised_worker,
    )

    missing = [
        name
        for name, value in (
            ("SLACK_BOT_TOKEN", settings.slack_bot_token or settings.oauth_enabled),
            (
                "SLACK_SIGNING_SECRET",
                settings.slack_signing_secret if args.command == "serve" else 1,
            ),
            ("SLACK_APP_TOKEN", settings.slack_app_token if args.command == "socket" else 1),
        )
        if not value
    ]
    if missing:
        print(
            f"Set {', '.join(missing)} first (see README: Install in your workspace).",
            file=sys.stderr,
        )
        return 2
    if args.command == "serve":
        workers = 0 if args.no_worker else args.workers
        asyncio.run(
            serve(
                settings,
                args.host,
                args.port or settings.port,
                with_worker=not args.no_worker,
                workers=default_workers() if workers is None else workers,
            )
        )
    elif args.command == "worker" and args.supervised:
        handoff = Handoff.read(sys.stdin.buffer)
        die_with_parent(handoff.parent)
        asyncio.run(supervised_worker(settings, handoff))
    elif args.command == "worker":
        asyncio.run(serve(settings, args.host, args.port or 3001, events=False))
    else:
        asyncio.run(socket_mode(settings))
    return 0


def _extract(args: argparse.Namespace) -> int:
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


def _eval_sentences(paths: list[Path], as_json: bool, misses: bool) -> int:
    from bot.llm.reader import extract_facts
    from bot.reader_eval import load_sentences, render, score

    try:
        report = score(load_sentences(paths), extract_facts)
    except (OSError, ValueError) as e:
        print(f"cannot read the sentence files: {e}", file=sys.stderr)
        return 2
    print(report.model_dump_json(indent=2) if as_json else render(report, misses))
    return 0


@contextlib.asynccontextmanager
async def _answerer(settings: Settings) -> AsyncIterator[tuple[LanguageModel, KnowledgeBase]]:
    """The language layer the settings choose and the knowledge base; no store is needed."""
    kb = KnowledgeBase.load()
    lm = build_language_model(settings, kb)
    try:
        yield lm, kb
    finally:
        closer = getattr(lm, "aclose", None)
        if closer is not None:
            await closer()


async def _ask(settings: Settings, question: str, lang: Lang | None, as_json: bool) -> int:
    from bot.answer_eval import ask

    async with _answerer(settings) as (lm, kb):
        answer = await ask(lm, kb, question, lang)
    if as_json:
        out = {
            "answer": answer.text,
            "sources": list(answer.citations),
            "abstained": not answer.covered,
        }
        print(json.dumps(out, ensure_ascii=False))
        return 0
    if answer.sentences:
        for s in answer.sentences:
            print(f"{s.text} [{s.source}]")
    else:
        print(answer.text)
        if answer.citations:
            print(f"[{', '.join(answer.citations)}]")
    return 0


async def _eval_answers(settings: Settings, path: Path, as_json: bool, misses: bool) -> int:
    from bot.answer_eval import QaItem, ask, evaluate, load_questions, render

    try:
        items = load_questions(path)
    except (OSError, ValueError) as e:
        print(f"cannot read the Q&A file: {e}", file=sys.stderr)
        return 2
    async with _answerer(settings) as (lm, kb):

        async def answer(item: QaItem) -> Answer:
            return await ask(lm, kb, item.question, item.lang)

        rep = await evaluate(items, answer)
    print(rep.model_dump_json(indent=2) if as_json else render(rep, misses))
    return 0


def _search(args: argparse.Namespace) -> int:
    kb = KnowledgeBase.load()
    hits = kb.search(" ".join(args.query), k=max(1, args.k), lang=args.lang)
    if args.json:
        print(json.dumps([h.model_dump() for h in hits], ensure_ascii=False, indent=2))
        return 0
    if not hits:
        print("No matching section.")
    for h in hits:
        first = h.text.strip().splitlines()[0] if h.text.strip() else ""
        print(f"{h.score:7.3f}  {h.id} [{h.lang}]  {h.title}\n         {first[:100]}")
    return 0


async def _eval(settings: Settings, path: Path, as_json: bool, simulate: bool = False) -> int:
    scenarios = load_scenarios(path)
    async with await Services.start(settings) as services:
        report = await run_all(services.consultations, scenarios, simulate)
        await services.store.forget_user(report.user)
    if as_json:
        print(json.dumps(report.model_dump(exclude={"user"}), ensure_ascii=False))
        return 0
    print(f"{'scenario':<36} {'expected':<26} {'got':<26} {'q':>2}")
    for r in report.results:
        mark = "" if r.got == r.expected else "  ✗"
        print(f"{r.id:<36} {r.expected:<26} {r.got or '-':<26} {r.questions:>2}{mark}")
    hits = evaluate(services.kb, QUERIES_FILE) if QUERIES_FILE.exists() else None
    print(
        f"\naccuracy {report.accuracy:.3f} ({report.correct}/{report.total}), "
        f"avg questions {report.avg_questions:.2f}"
    )
    split = question_split(report.results)
    print(
        "avg questions by first message (informative: it states 2+ facts): "
        + ", ".join(f"{k} {avg:.2f} over {n}" for k, (n, avg) in split.items())
    )
    if hits:
        print(
            f"retrieval: hit@1 {hits.hit_at_1:.3f}, hit@3 {hits.hit_at_3:.3f} "
            f"on {hits.total} labelled queries"
        )
    total = Usage()
    for r in report.results:
        total = total.plus(r.usage)
    n = max(1, report.total)
    if total.calls:
        read_share = total.cache_read_tokens / max(
            1, total.input_tokens + total.cache_read_tokens + total.cache_write_tokens
        )
        print(
            f"language model per consultation: {total.calls / n:.2f} calls, "
            f"{(total.input_tokens + total.cache_read_tokens + total.cache_write_tokens) / n:,.0f}"
            f" input tokens ({read_share:.0%} cache reads), {total.output_tokens / n:,.0f} "
            f"output tokens, ${total.cost_usd / n:.5f}"
        )
    else:
        print("language model: offline (no model calls, no cost)")
    return 0


def _print_replies(
    replies: tuple[Reply, ...], lang: Lang, kb: KnowledgeBase, out: TextIO
) -> tuple[Reading, ...] | None:
    """Prints the replies; returns the readings of what was understood, if that was shown."""
    t = texts(lang)
    shown: tuple[Reading, ...] | None = None
    title: Callable[[str], str] = lambda sid: s.title if (s := kb.get(sid, lang)) else sid  # noqa: E731
    for r in replies:
        if isinstance(r, QuestionReply):
            text = render_question(r, t)
        elif isinstance(r, DecisionReply):
            text = render_card(build_card(r, t, title), t)
        elif isinstance(r, AnswerReply):
            text = render_answer(r, t)
        elif isinstance(r, NoticeReply):
            text = render_notice(r, t)
        elif isinstance(r, UnderstoodReply):
            shown = shown_readings(r.readings)
            text = render_understood(shown, t)
        else:
            continue
        print(f"\n{text}", file=out)
    return shown


def _edit(
    cmd: re.Match[str], turn: Turn, readings: tuple[Reading, ...], t: Texts, out: TextIO
) -> Turn | None:
    """``e N M``: ``turn`` (its op id) made a correction; otherwise prints what can be edited."""
    n, m = (int(g) if g else None for g in cmd.groups())
    options = labelled_choices(t, readings[n - 1]) if n and n <= len(readings) else ()
    if n and options and m and m <= len(options):
        update = {"kind": TurnKind.CORRECT, "text": "", "choice": options[m - 1][0]}
        return turn.model_copy(update={**update, "fact": readings[n - 1].fact})
    if not readings:
        note = t.get("ui.edit_nothing")
    elif n is None:
        note = render_understood(readings, t)
    elif options and m is None:
        note = render_corrections(readings[n - 1], n, t)
    else:
        note = t.get("ui.edit_unknown")
    print(f"\n{note}", file=out)
    return None


def _after(readings: tuple[Reading, ...], turn: Turn) -> tuple[Reading, ...]:
    """The readings ``e`` refers to once ``turn`` applied: a corrected value shows the new one."""
    if turn.kind is TurnKind.RESTART:
        return ()
    if turn.kind is not TurnKind.CORRECT or turn.choice in (None, CLEAR) or ":" in turn.choice:
        return readings
    return tuple(
        r.model_copy(update={"value": turn.choice, "sure": True}) if r.fact is turn.fact else r
        for r in readings
    )


def _turn_for(line: str, c: Consultation, n: int, run: str) -> Turn | None:
    """Terminal shortcuts: a number picks an option, s skips, d decides, /restart restarts.

    ``run`` tells this run's ops from an earlier run's, whose ids are already applied.
    """
    op = f"demo:{run}:{c.turns + 1}:{n}"
    cmd = line.strip().lower()
    if cmd == "d":
        return Turn(op_id=op, kind=TurnKind.DECIDE_NOW)
    if cmd == "s":
        return Turn(op_id=op, kind=TurnKind.SKIP)
    if cmd == "/restart":
        return Turn(op_id=op, kind=TurnKind.RESTART)
    if cmd.isdigit() and c.pending is not None:
        from bot.core.facts import ASKABLE

        choices = ASKABLE.get(c.pending, ())
        i = int(cmd) - 1
        if 0 <= i < len(choices):
            return Turn(op_id=op, kind=TurnKind.CHOICE, fact=c.pending, choice=choices[i])
    return Turn(op_id=op, kind=TurnKind.TEXT, text=line)


async def _handle(services: Services, c: Consultation, turn: Turn) -> Result:
    """Apply ``turn``, carrying on if a shared embedded Redis went away.

    Another demo on the same data directory may own the server this one reused; it stops the
    server when it exits. This demo then starts its own on the same data and applies the turn
    again (a turn applies once, so a repeat is safe).
    """
    try:
        return await services.consultations.handle(c, turn)
    except RedisConnectionError:
        if services.embedded is None:
            raise
    # In this thread, not a worker's: Linux ties the server's lifetime to the starting thread.
    services.embedded.ensure_running()
    return await services.consultations.handle(c, turn)


async def _demo(settings: Settings, new: bool, lang: Lang | None, inp: TextIO, out: TextIO) -> int:
    interactive = inp.isatty()
    # Turn counts restart with each run (and with /restart), so alone they would give a new
    # run the op ids of an old one, which dedup then skips and answers with the old replies.
    run = secrets.token_hex(6)
    async with await Services.start(settings) as services:
        service = services.consultations
        place = Place(surface="terminal", channel=getpass.getuser(), thread_ts="demo")
        c = await service.open(place, user=getpass.getuser(), lang=lang or "en")
        if new or c.status is Status.DECIDED:
            c = await service.restart(c)
        # Until the user writes, their language is unknown: greet in both unless told.
        langs: tuple[Lang, ...] = (lang,) if lang else (c.lang,) if c.turns else ("ko", "en")
        key = "ui.resumed" if c.turns and c.status is Status.ACTIVE else "ui.greeting"
        for code in langs:
            print(texts(code).get(key), file=out)
            print(texts(code).get("ui.demo_help"), file=out)
        n = 0
        readings: tuple[Reading, ...] = ()
        while True:
            if interactive:
                print("\n> ", end="", file=out, flush=True)
            line = inp.readline()
            if not line:
                if c.status is Status.ACTIVE and c.turns:
                    # Scripted input ran out: decide with what is known, like the eval harness.
                    eof = Turn(op_id=f"demo:{run}:{c.turns + 1}:eof", kind=TurnKind.DECIDE_NOW)
                    res = await _handle(services, c, eof)
                    _print_replies(res.replies, res.consultation.lang, services.kb, out)
                return 0
            line = line.rstrip("\n")
            if not line.strip():
                continue
            if line.strip().lower() in ("q", "/quit", "quit", "exit"):
                print(texts(c.lang).get("ui.saved"), file=out)
                return 0
            n += 1
            turn = _turn_for(line, c, n, run)
            if turn is None:
                continue
            if edit := _EDIT.fullmatch(line.strip().lower()):
                turn = _edit(edit, turn, readings, texts(c.lang), out)
                if turn is None:
                    continue
            res = await _handle(services, c, turn)
            c = res.consultation
            shown = _print_replies(res.replies, c.lang, services.kb, out)
            readings = shown if shown is not None else _after(readings, turn)
            if c.status is Status.DECIDED and not interactive:
                continue
