"""Two to four sentences that together answer the question, within a phone screen."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence

from bot.knowledge.comparing import MAX_SENTENCES as MAX_SENTENCES
from bot.knowledge.comparing import Pick as Pick
from bot.knowledge.comparing import compare, follows, leads_with, mentions
from bot.knowledge.question import APPROACHES, Question
from bot.knowledge.quoting import alone, folded, plain_items, same_list
from bot.knowledge.ranking import (
    Ranked,
    describes,
    glosses,
    leaned_on,
    pointed_at,
    precondition,
    says,
)
from bot.knowledge.screen import MAX_WIDTH, width

MIN_SENTENCES = 2
# Past this many sentences, an answer reads on in the sections it quotes: a fifth sentence
# finishes what they say, it does not open another source.
NEW_SOURCE_SENTENCES = 4
# A list read out item by item: its summary and at most this many sentences in all.
MAX_LIST_SENTENCES = 4
# A later sentence joins only if it adds words of the question and scores at least this share
# of the best one; the sentence that carries on a chosen one needs less.
MIN_GAIN = 0.5
OTHER_SECTION_GAIN = 0.8
FOLLOW_GAIN = 0.2
FILL_GAIN = 0.7
READ_ON_GAIN = 0.4
COVER_WEIGHT = 1.0
# A sentence that gives an example of the one before it.
_EXAMPLE = re.compile(r"for example|for instance|e\.g\.|예를 들어|예컨대|가령")


# Adds sentences to an answer's opening ones, given the question and the sections it names.
Fill = Callable[[Question, Sequence[Ranked], Pick, frozenset[str]], None]


def _continues(r: Ranked, chosen: Sequence[Ranked]) -> bool:
    """``r`` is the sentence after a chosen one in its section."""
    return r not in chosen and any(
        c.unit.source == r.unit.source and c.unit.order + 1 == r.unit.order for c in chosen
    )


def _items(summary: Ranked, ranked: Sequence[Ranked], pick: Pick) -> bool:
    """``summary``, then the first sentence of each item of its list, in order, when all of
    them fit."""
    firsts: dict[int, Ranked] = {}
    for r in sorted(ranked, key=lambda r: r.unit.order):
        if same_list(r.unit, summary.unit) and not r.unit.summary:
            firsts.setdefault(r.unit.block, r)
    items = [r for _, r in sorted(firsts.items())]
    total = width(summary.unit.text) + sum(width(r.unit.bare or r.unit.text) for r in items)
    if pick.chosen or not items or 1 + len(items) > MAX_LIST_SENTENCES or total > MAX_WIDTH:
        return False
    for r in (summary, *items):
        pick.take(r)
    return True


def choose(
    question: Question,
    ranked: Sequence[Ranked],
    named: frozenset[str] = frozenset(),
    fill: Fill | None = None,
) -> list[Ranked]:
    """Two to four sentences that together cover the question, within a phone screen;
    ``named``: the sections whose title the question names; ``fill``: what adds sentences
    after the opening ones (the rules' own by default)."""
    # A list whose headings go through the approaches ("Prompting's hidden cost; Fine-tuning's
    # trade-off; …") answers a question about one of them with its item, not its headings.
    ranked = [r for r in ranked if not _one_of_each(question, r, named)]
    if not ranked:
        return []
    pick = Pick()
    if question.need and not any(says(r.unit, question.need) for r in ranked):
        question = dataclasses.replace(question, need=())
    if question.comparison:
        compare(question, ranked, pick)
    else:
        _open(question, ranked, pick, named)
        if not question.sides or (question.each and len(set(question.sides) & set(APPROACHES)) > 1):
            _each_way(question, ranked, pick)
        elif question.when:
            # When an approach fits is not all of it: what to check before choosing it ("Before
            # choosing it, check your data") comes with the cases.
            pick.take(precondition(ranked, {c.unit.source for c in pick.chosen}))
    (fill or _cover)(question, ranked, pick, named)
    chosen = plain_items(_leaning(pick.chosen, ranked))
    if question.comparison:
        return folded(_in_place(chosen))
    # Sentences of one section read in their own order, sections in the order they came in.
    first: dict[str, int] = {}
    for i, r in enumerate(chosen):
        first.setdefault(r.unit.source, i)
    return folded(sorted(chosen, key=lambda r: (first[r.unit.source], r.unit.order)))


def _leaning(chosen: Sequence[Ranked], ranked: Sequence[Ranked]) -> list[Ranked]:
    """``chosen``, each sentence that points back at a thing the sentence before it named
    ("Anything outside that window…") after that sentence, within the budgets."""
    earlier = [leaned_on(r, ranked) for r in chosen]
    if all(e is None or e in chosen for e in earlier):
        return list(chosen)
    kept: list[Ranked] = []
    for r, e in zip(chosen, earlier, strict=True):
        pair = [x for x in (e, r) if x is not None and x not in kept]
        # A pair comes in whole: the sentences chosen after the opening give way to it.
        for drop in range(max(len(kept), 1)):
            pick = Pick()
            if all(pick.take(x) for x in [*kept[: len(kept) - drop], *pair]):
                kept = pick.chosen
                break
    return kept


def _in_place(chosen: Sequence[Ranked]) -> list[Ranked]:
    """``chosen`` in its order, but a sentence that carries on another right after it (each
    side's sentence with what it goes on to say of that side)."""
    out: list[Ranked] = []
    for r in chosen:
        if r in out:
            continue
        out.append(r)
        out.extend(n for n in chosen if n not in out and follows(n, [r]))
    return out


def _one_of_each(question: Question, r: Ranked, named: frozenset[str]) -> bool:
    """``r`` sums up a list by headings that name several approaches, and the question asks
    about one of them without naming the section."""
    if not r.unit.headings or r.unit.source in named or len(question.sides) != 1:
        return False
    return sum(mentions(r, a) for a in APPROACHES) >= 2


def _open(question: Question, ranked: Sequence[Ranked], pick: Pick, named: frozenset[str]) -> None:
    """The opening: the best sentence and what it needs to be read alone."""
    top = ranked[0]
    if question.why and not top.unit.summary:
        # Asked why: the sentence the question is about, and what its paragraph or item goes on
        # to say of it (the reason), not the list it belongs to.
        pick.take(top)
        pick.take(next((r for r in ranked if follows(r, pick.chosen)), None))
        return
    # A question that names a section ("what's on the operator checklist?") asks for what it
    # lists: the list summed up, then its items, each with what it says.
    overview = next((r for r in ranked if r.unit.summary and r.unit.source in named), None)
    if overview is not None and _items(overview, ranked, pick):
        return
    if question.checks and not question.why:
        # Asked what to check: the checklist of the best sentence's section, whole.
        listed = next((r for r in ranked if _checks(r) and r.unit.source == top.unit.source), None)
        if listed is not None and _items(listed, ranked, pick):
            return
    if _checks(top) and _items(top, ranked, pick):
        # The best sentence sums up a list of questions to check ("run three checks: A? B?
        # C?"): the question is answered by the list, each check with what it asks for.
        return
    listed = next((r for r in ranked if r.unit.summary and same_list(r.unit, top.unit)), None)
    # Asked how or in what order, and the best sentence is a step: all the steps, in order; the
    # best sentence is a check of a checklist: all the checks. Unless that sentence is about
    # the thing the question asks about ("how do we build an eval set?").
    whole = (
        listed is not None
        and ((question.how and top.unit.step) or _checks(listed))
        and not (describes(top.unit.text, question) or glosses(top.unit.text, question))
    )
    if whole and listed is not None and _items(listed, ranked, pick):
        return
    if (listed := pointed_at(top, ranked)) is not None:
        # "Making these fields mandatory…" reads alone only after the list it points back at.
        pick.take(listed)
        pick.take(top)
        return
    summary = next((r for r in ranked if r.unit.summary and same_list(r.unit, top.unit)), None)
    about = describes(top.unit.text, question) or glosses(top.unit.text, question)
    if about:
        # The item is about what the question asks ("Do you have an evaluation set? Keep a
        # fixed set of test cases…" for "what is an eval set?"): it reads alone, and the list
        # it belongs to is beside the question.
        summary = None
    if summary is not None and not top.unit.summary:
        # An item alone leaves out what its list is about ("Prompting has hit its limit" is a
        # case for fine-tuning): the list's summary comes first.
        pick.take(summary)
        pick.take(top)
        return
    pick.take(top)
    # The sentence after the first finishes its thought ("RAG stands for …. Instead of relying
    # only on …"), or, after a list's opening, the list: when it shares a word with the
    # question or gives an example ("the same goal has two routes" says nothing alone).
    nxt = next((r for r in ranked if follows(r, pick.chosen)), None)
    if nxt is not None and (
        # What the sentence about the thing asked goes on to say of it.
        (about and nxt.unit.block == top.unit.block)
        or (
            (nxt.matched or _EXAMPLE.match(nxt.unit.text.casefold()))
            and nxt.score >= FOLLOW_GAIN * top.score
        )
    ):
        pick.take(nxt)


def _checks(r: Ranked) -> bool:
    """``r`` sums up a list whose items are questions to ask oneself (a checklist): each item
    says what it asks for only after its question."""
    return r.unit.summary and r.unit.text.rstrip().endswith("?")


def _each_way(question: Question, ranked: Sequence[Ranked], pick: Pick) -> None:
    """A section that sets approaches side by side ("With prompting, …", "With fine-tuning,
    …") answers a question that picks none of them, or asks of several, with each one, in its
    own order; a list whose items go through them ("Prompting's hidden cost: …; Fine-tuning's
    trade-off: …"), opened at one approach's item, with the others' items too."""
    source = pick.chosen[0].unit.source if pick.chosen else ""
    own = [r for r in ranked if r.unit.source == source and r not in pick.chosen]
    wanted = [a for a in APPROACHES if a in question.sides] if question.sides else APPROACHES
    ways = {a: [r for r in own if leads_with(r, a)] for a in wanted}
    led = {a: min(rs, key=lambda r: r.unit.order) for a, rs in ways.items() if rs}
    if len(led) < 2 and not (led and pick.chosen):
        return
    if any(c.unit.group >= 0 for c in pick.chosen):
        # Opened with a list: its items for the approaches not yet given, when it was opened
        # at one of them.
        given = {a for a in wanted for c in pick.chosen if leads_with(c, a)}
        if not given:
            return
        led = {a: r for a, r in led.items() if a not in given and r.unit.group >= 0}
    elif len(led) < 2:
        return
    for r in sorted(led.values(), key=lambda r: r.unit.order):
        pick.take(r)


def _cover(question: Question, ranked: Sequence[Ranked], pick: Pick, named: frozenset[str]) -> None:
    """Sentences that add words of the question, then the quoted section read on."""
    # The words of the scene told around what is asked are no part of the answer to cover.
    wanted = set(question.tokens) - question.scene
    best = ranked[0].score
    covered = set().union(*(r.tokens & wanted for r in pick.chosen))
    while len(pick.chosen) < MAX_SENTENCES:
        used = {c.unit.source for c in pick.chosen}

        def value(r: Ranked, covered: set[str] = covered) -> float:
            new = len((r.tokens & wanted) - covered) / max(1, len(wanted))
            return r.score + COVER_WEIGHT * new

        taken = None
        for r in sorted((r for r in ranked if r not in pick.chosen), key=value, reverse=True):
            adds = bool((r.tokens & wanted) - covered)
            # Another section's sentence must match nearly as well as the best one; a sentence
            # of a quoted section may fill in without new words of the question.
            floor = (MIN_GAIN if r.unit.source in used else OTHER_SECTION_GAIN) * best
            fills = r.unit.source in used and (
                len(pick.chosen) < MIN_SENTENCES or r.score >= FILL_GAIN * best
            )
            fits = r.score >= floor and (adds or fills) and may_fill(question, r, pick, named)
            if fits and pick.take(r):
                taken = r
                break
        if taken is None:
            # Nothing adds a word of the question: the quoted section reads on from where it
            # was quoted (first what shares a word with the question: "two routes" says nothing).
            order = sorted(
                ranked, key=lambda r: (-r.share, r.unit.source, not r.matched, r.unit.order)
            )
            taken = next(
                (
                    r
                    for r in order
                    if _continues(r, pick.chosen)
                    and not question.need
                    # Past the item about the thing asked, the next item is about another.
                    and not (question.term and r.unit.group >= 0 and not follows(r, pick.chosen))
                    and r.score >= READ_ON_GAIN * best
                    and pick.take(r)
                ),
                None,
            )
            if taken is None:
                return
        covered |= taken.tokens & wanted


def may_fill(question: Question, r: Ranked, pick: Pick, named: frozenset[str]) -> bool:
    """What may fill an answer: no new section past the fourth sentence; compared for
    something, what is said of it; asked what a thing is, no list summed up (a checklist); nor
    asked why one thing is there; nor, for no word of the question, a line that only sends the
    reader to its list."""
    new = r.unit.source not in {c.unit.source for c in pick.chosen}
    return (
        not (new and len(pick.chosen) >= NEW_SOURCE_SENTENCES)
        and (not question.need or says(r.unit, question.need))
        and not (question.term and r.unit.summary and r.unit.source not in named)
        and not (question.why and r.unit.summary)
        and not (r.unit.instructs and not r.matched)
        and alone(r, pick.chosen)
    )
