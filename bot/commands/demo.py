"""A consultation in the terminal, with shortcuts to pick, skip, decide and correct."""

from __future__ import annotations

import contextlib
import getpass
import re
import secrets
import signal
from collections.abc import Callable, Iterator
from types import FrameType
from typing import TextIO

from redis.exceptions import ConnectionError as RedisConnectionError

from bot.core.facts import CLEAR, Lang, Reading
from bot.core.replies import (
    AnswerReply,
    DecisionReply,
    NoticeReply,
    QuestionReply,
    Reply,
    Result,
    UnderstoodReply,
)
from bot.core.state import Consultation, Place, Status, Turn, TurnKind
from bot.knowledge.base import KnowledgeBase
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
from bot.services import Services
from bot.settings import Settings
from bot.texts import Texts, texts

# ``e`` lists what was understood, ``e N`` what reading N can become, ``e N M`` picks choice M.
_EDIT = re.compile(r"e(?:\s+(\d+)(?:\s+(\d+))?)?")


@contextlib.contextmanager
def exit_on_hangup() -> Iterator[None]:
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


async def run_demo(
    settings: Settings, new: bool, lang: Lang | None, inp: TextIO, out: TextIO
) -> int:
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
