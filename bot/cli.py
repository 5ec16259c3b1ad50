"""The ``explainer`` command line: demo, eval and search."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from bot.core.consultation import (
    AnswerReply,
    DecisionReply,
    NoticeReply,
    QuestionReply,
    Reply,
)
from bot.core.facts import Lang
from bot.core.state import Consultation, Place, Status, Turn, TurnKind, Usage
from bot.evaluation import SCENARIOS_FILE, load_scenarios, run_all
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.hitk import QUERIES_FILE, evaluate
from bot.logs import configure_logging
from bot.render.card import build_card
from bot.render.terminal import render_answer, render_card, render_notice, render_question
from bot.services import Services
from bot.settings import Settings
from bot.texts import texts


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
    ev.add_argument("--json", action="store_true", help="print one JSON object")
    sv = sub.add_parser("serve", help="Slack over HTTP: POST /slack/events, /healthz, /readyz")
    sv.add_argument("--port", type=int, default=None, help="default: $PORT or 3000")
    sv.add_argument("--host", default="0.0.0.0", help="address to bind (default: all)")  # noqa: S104
    sv.add_argument(
        "--no-worker",
        action="store_true",
        help="only ack and persist; process the inbox in `explainer worker`",
    )
    wk = sub.add_parser("worker", help="process the inbox only (pair with `serve --no-worker`)")
    wk.add_argument("--port", type=int, default=None, help="health/metrics port (default 3001)")
    wk.add_argument("--host", default="0.0.0.0")  # noqa: S104
    sub.add_parser("socket", help="Slack over Socket Mode (needs SLACK_APP_TOKEN)")
    se = sub.add_parser("search", help="search the knowledge base")
    se.add_argument("query", nargs="+")
    se.add_argument("--k", type=int, default=3)
    se.add_argument(
        "--lang", choices=["ko", "en"], default=None, help="passage language (default: the query's)"
    )
    se.add_argument("--json", action="store_true")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "search":
        return _search(args)
    settings = Settings()
    # The terminal commands keep stderr quiet unless something is wrong.
    interactive = args.command in ("demo", "eval")
    configure_logging("WARNING" if interactive else settings.log_level)
    if args.command in ("serve", "socket", "worker"):
        return _slack(settings, args)
    if args.command == "demo":
        return asyncio.run(_demo(settings, args.new, args.lang, sys.stdin, sys.stdout))
    return asyncio.run(_eval(settings, args.scenarios, args.json))


def _slack(settings: Settings, args: argparse.Namespace) -> int:
    from bot.slack.server import serve, socket_mode

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
        asyncio.run(
            serve(settings, args.host, args.port or settings.port, with_worker=not args.no_worker)
        )
    elif args.command == "worker":
        asyncio.run(serve(settings, args.host, args.port or 3001, events=False))
    else:
        asyncio.run(socket_mode(settings))
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


async def _eval(settings: Settings, path: Path, as_json: bool) -> int:
    scenarios = load_scenarios(path)
    async with await Services.start(settings) as services:
        report = await run_all(services.consultations, scenarios)
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


def _print_replies(replies: tuple[Reply, ...], lang: Lang, kb: KnowledgeBase, out: TextIO) -> None:
    t = texts(lang)
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
        else:
            continue
        print(f"\n{text}", file=out)


def _turn_for(line: str, c: Consultation, n: int) -> Turn | None:
    """Terminal shortcuts: a number picks an option, s skips, d decides, /restart restarts."""
    op = f"demo:{c.turns + 1}:{n}"
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


async def _demo(settings: Settings, new: bool, lang: Lang | None, inp: TextIO, out: TextIO) -> int:
    interactive = inp.isatty()
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
        while True:
            if interactive:
                print("\n> ", end="", file=out, flush=True)
            line = inp.readline()
            if not line:
                if c.status is Status.ACTIVE and c.turns:
                    # Scripted input ran out: decide with what is known, like the eval harness.
                    res = await service.handle(
                        c, Turn(op_id=f"demo:{c.turns + 1}:eof", kind=TurnKind.DECIDE_NOW)
                    )
                    _print_replies(res.replies, res.consultation.lang, services.kb, out)
                return 0
            line = line.rstrip("\n")
            if not line.strip():
                continue
            if line.strip().lower() in ("q", "/quit", "quit", "exit"):
                print(texts(c.lang).get("ui.saved"), file=out)
                return 0
            n += 1
            turn = _turn_for(line, c, n)
            if turn is None:
                continue
            res = await service.handle(c, turn)
            c = res.consultation
            _print_replies(res.replies, c.lang, services.kb, out)
            if c.status is Status.DECIDED and not interactive:
                continue
