"""A consultation in the terminal, with shortcuts to pick, skip, decide and correct."""

from __future__ import annotations

import contextlib
import getpass
import re
import secrets
import signal
from collections.abc import Iterator
from types import FrameType
from typing import TextIO

from bot.core.facts import (
    ASKABLE,
    CLEAR,
    MAX_QUOTE_CHARS,
    FactName,
    Lang,
    Reading,
    readings_of,
)
from bot.core.provenance import hint_of
from bot.core.replies import (
    AnswerReply,
    DecisionReply,
    NoticeReply,
    QuestionReply,
    Reply,
    UnderstoodReply,
)
from bot.core.state import Consultation, Place, Status, Turn, TurnKind
from bot.knowledge.base import KnowledgeBase
from bot.render.card import build_card
from bot.render.readings import fact_label, labelled_choices, shown_readings, value_label
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
# A bare number: an option of the open question, or (for a question asking how many) a count.
_NUMBER = re.compile(r"[0-9]{1,9}")
# The questions that ask for a count, so a number past their options is an answer.
_COUNTED = frozenset({FactName.DATA_AMOUNT})
# What the user typed to leave; the consultation is kept.
_QUIT = ("q", "/quit", "quit", "exit")


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
    for r in replies:
        if isinstance(r, QuestionReply):
            text = render_question(r, t)
        elif isinstance(r, DecisionReply):
            text = render_card(build_card(r, t, kb.titles(lang)), t)
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


def _turn_for(line: str, c: Consultation, n: int, run: str) -> Turn:
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
    if _NUMBER.fullmatch(cmd) and c.pending is not None:
        choices = ASKABLE.get(c.pending, ())
        i = int(cmd) - 1
        if 0 <= i < len(choices):
            return Turn(op_id=op, kind=TurnKind.CHOICE, fact=c.pending, choice=choices[i])
    return Turn(op_id=op, kind=TurnKind.TEXT, text=line)


def _number_note(line: str, c: Consultation, t: Texts) -> str | None:
    """What to say to a bare number that picks nothing, instead of reading it as a message:
    after the card, what can be done next; past the open question's options, their range
    (unless the question asks how many, when the number is the answer)."""
    cmd = line.strip()
    if not _NUMBER.fullmatch(cmd):
        return None
    if c.pending is None:
        return t.get("ui.after_card") if c.status is Status.DECIDED else None
    count = len(ASKABLE.get(c.pending, ()))
    if c.pending in _COUNTED or not count or 1 <= int(cmd) <= count:
        return None
    return t.get("ui.pick_range", n=count)


def _known_readings(c: Consultation) -> tuple[Reading, ...]:
    """Everything known so far as correctable readings, in schema order, with the user's words:
    what ``e N`` refers to when no message of this run was read yet (a resumed consultation)."""
    facts = c.facts
    skip = {FactName.USE_CASE, FactName.LANGUAGES}
    if facts.data_examples is not None:
        skip.add(FactName.DATA_AMOUNT)
    top = facts.top_goal.value if facts.top_goal is not None else None
    out: list[Reading] = []
    for name in FactName:
        if name in skip:
            continue
        quote = c.evidence.get(name, "")[:MAX_QUOTE_CHARS]
        # The top goal has its own line; the same goal under "goals" would repeat it.
        out += (
            r
            for r in readings_of(facts, (name,), quote)
            if name is not FactName.GOALS or r.value != top
        )
    return tuple(out)


async def _show_resumed(
    services: Services, c: Consultation, readings: tuple[Reading, ...], out: TextIO
) -> None:
    """What a resumed consultation knows, in one line numbered for ``e N``, how to start over
    instead, and the question still waiting for an answer."""
    t = texts(c.lang)
    if readings:
        known = "; ".join(
            f"{i}. {fact_label(t, r.fact)}: {value_label(t, r.fact, r.value)}"
            for i, r in enumerate(readings, start=1)
        )
        print(t.get("ui.resumed_known", facts=known), file=out)
    print(t.get("ui.resumed_start_over"), file=out)
    print(t.get("ui.demo_help"), file=out)
    if c.pending is None:
        return
    # Worded by the offline phraser: the same words the open question had offline, and no
    # model call (nor its cost) only to show it again.
    question = await services.language.offline.phrase_question(c.pending, c.lang, c.facts)
    again = QuestionReply(
        question=question,
        number=len(c.asked),
        max_questions=c.max_questions,
        repeat=True,
        **hint_of(c, c.pending),
    )
    print(f"\n{render_question(again, t)}", file=out)


async def run_demo(
    settings: Settings, new: bool, lang: Lang | None, inp: TextIO, out: TextIO
) -> int:
    """The consultation in the terminal until ``q``, Ctrl-C or the end of the input.

    The end of the input ends a terminal session like ``q`` (the consultation is kept). Piped
    input that runs out mid-consultation is a script: the demo decides with what is known, as
    the eval harness does, and says so.
    """
    interactive = inp.isatty()
    # Turn counts restart with each run (and with /restart), so alone they would give a new
    # run the op ids of an old one, which dedup then skips and answers with the old replies.
    run = secrets.token_hex(6)
    async with await Services.start(settings) as services:
        service = services.consultations
        place = Place(surface="terminal", channel=getpass.getuser(), thread_ts="demo")
        c = await services.again(
            lambda: service.open(place, user=getpass.getuser(), lang=lang or "en")
        )
        # A consultation that learnt nothing yet ("hello", then q) is not worth resuming: the
        # next run starts afresh and greets, rather than answering its open question with the
        # new project's description.
        if new or c.status is Status.DECIDED or (c.turns and not c.facts.known()):
            old = c
            c = await services.again(lambda: service.restart(old))
        readings: tuple[Reading, ...] = ()
        if c.turns and c.status is Status.ACTIVE:
            print(texts(c.lang).get("ui.resumed"), file=out)
            readings = _known_readings(c)
            await _show_resumed(services, c, readings, out)
        else:
            # Until the user writes, their language is unknown: greet in both unless told.
            for code in (lang,) if lang else ("ko", "en"):
                print(texts(code).get("ui.greeting"), file=out)
                print(texts(code).get("ui.demo_help"), file=out)
        n = 0
        while True:
            if interactive:
                print("\n> ", end="", file=out, flush=True)
            line = inp.readline()
            if not line:
                return await _end_of_input(services, c, run, interactive, out)
            line = line.rstrip("\n")
            if not line.strip():
                continue
            t = texts(c.lang)
            if line.strip().lower() in _QUIT:
                print(t.get("ui.saved"), file=out)
                return 0
            if note := _number_note(line, c, t):
                print(f"\n{note}", file=out)
                continue
            n += 1
            turn = _turn_for(line, c, n, run)
            if edit := _EDIT.fullmatch(line.strip().lower()):
                # Nothing read in this run yet (a resumed consultation): everything known.
                readings = readings or _known_readings(c)
                correction = _edit(edit, turn, readings, t, out)
                if correction is None:
                    continue
                turn = correction
            res = await services.local.handle(c, turn)
            c = res.consultation
            shown = _print_replies(res.replies, c.lang, services.kb, out)
            readings = shown if shown is not None else _after(readings, turn)
            if any(isinstance(r, DecisionReply) for r in res.replies):
                print(f"\n{texts(c.lang).get('ui.after_card')}", file=out)


async def _end_of_input(
    services: Services, c: Consultation, run: str, interactive: bool, out: TextIO
) -> int:
    """Ctrl-D ends a terminal session like ``q``; a script that ran out mid-consultation
    gets the card for what it said (``d`` asks for that explicitly)."""
    t = texts(c.lang)
    if interactive or c.status is not Status.ACTIVE or not c.turns:
        if interactive:
            # Ctrl-D leaves the cursor after the prompt.
            print(f"\n{t.get('ui.saved')}" if c.turns else "", file=out)
        return 0
    print(f"\n{t.get('ui.input_ended')}", file=out)
    eof = Turn(op_id=f"demo:{run}:{c.turns + 1}:eof", kind=TurnKind.DECIDE_NOW)
    res = await services.local.handle(c, eof)
    _print_replies(res.replies, res.consultation.lang, services.kb, out)
    return 0
