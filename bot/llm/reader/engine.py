"""The reader's engine: clauses in, readings out, with negation scope, conditionals and
contradictions handled the same way for every rule.

For each clause the rules run in file order; the first rule that fires for a fact wins that
clause, and the span it used is masked so a vaguer rule cannot read it again ("inconsistent
labels" is about data quality, not a consistency goal). A cue with a negation cue in its scope
(NegEx style: trigger words before it, after it, or between its parts, unless a pseudo-negation
like "not only" cancels it) means what the rule's ``negated`` says instead.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from bot.core.facts import MAX_QUOTE_CHARS, FactName
from bot.llm.reader.patterns import Pattern
from bot.llm.reader.rules import Negated, Rule, Rules
from bot.llm.reader.screen import Seen
from bot.llm.reader.text import PARENS, has_hangul, in_original

_MASK = "\x00"
_ALL_GOALS = ("accuracy", "consistency", "freshness")
_BEFORE_WORDS = 6
_UNIMPORTANT_WORDS = 14
_AFTER_CHARS_KO = 16
# "정확도는 지금도 95% 넘어서 충분합니다": what says a goal is already met may come later.
_UNIMPORTANT_CHARS_KO = 40
_AFTER_WORDS_EN = 7
# Where one part of a clause ends and the next begins, for quoting: a comma or semicolon
# before a space.
_PART_END = re.compile(r"[,;，]\s")
# A word that starts with a Latin letter, and one made only of Latin letters right before a space
# that ends at the search's end.
_LATIN_WORD = re.compile(r"[A-Za-z]")
_LATIN_BEFORE = re.compile(r"(?<!\S)[A-Za-z][A-Za-z-]*\s+\Z")


@dataclass
class Hit:
    """A reading as the engine found it, before facts are put together."""

    fact: FactName
    value: str
    quote: str
    rule: str
    sure: bool = True
    clause: int = 0
    note: str = ""


@dataclass
class Trace:
    """What the engine did with one message, for ``explainer extract --trace``.

    ``original``: the message as the user wrote it, so that a quote in an event is their words
    ("tone은"), not the normalised text the rules read ("tone 은"). ``declined``: the fact values
    whose words were there but said nothing (negated, a question, a hypothetical, someone
    else's), so that nothing else reads them back in.
    """

    events: list[str] = field(default_factory=list)
    original: str = ""
    declined: set[tuple[FactName, str]] = field(default_factory=set)
    # Of those, the ones said only as what would be ("…되면 급해지겠지만").
    supposed: set[tuple[FactName, str]] = field(default_factory=set)
    # Whether a sentence was left out as an injection attempt.
    injected: bool = False

    def add(self, event: str) -> None:
        self.events.append(event)

    def decline(self, rule: Rule, event: str, *, supposed: bool = False) -> None:
        """A rule matched words that state nothing: ``event`` says why. A goal set aside as
        the one put first ("…제일 중요하다고 하시던데") is set aside as a goal too."""
        self.set_aside(rule.fact, rule.value)
        if supposed:
            self.supposed.add((rule.fact, rule.value))
        self.add(f"{rule.id}: {event}")

    def set_aside(self, fact: FactName, value: str) -> None:
        """``fact`` = ``value`` was read and then taken back: nothing may read it back in."""
        self.declined.add((fact, value))
        if fact is FactName.TOP_GOAL:
            self.declined.add((FactName.GOALS, value))

    def words(self, text: str, limit: int = MAX_QUOTE_CHARS) -> str:
        """``text`` of the normalised message as the user wrote it, at most ``limit`` long."""
        return (in_original(self.original, text) if self.original else text)[:limit]

    def injection(self, sentence: str) -> None:
        """``sentence`` was left out as an injection attempt."""
        self.add(f"injection: sentence ignored: '{self.words(sentence, 60)}'")
        self.injected = True


class ClauseText:
    """A clause's original text, a working copy where used spans are masked, and the sentence
    it belongs to."""

    __slots__ = ("_found", "message", "orig", "seen", "sentence", "text")

    def __init__(
        self, text: str, sentence: str = "", message: str = "", seen: Seen | None = None
    ) -> None:
        self.orig = text
        self.text = text
        self.sentence = sentence or text
        self.message = message or self.sentence
        # What the screen says the clause may match: masking only removes matches, so what
        # holds for the original text holds for the working copy too.
        self.seen = seen if seen is None or seen.text == text else seen.within(text)
        # Many rules share a phrase class: each is searched once until the text is masked.
        # Keyed by identity: hashing a compiled pattern hashes its whole program, which for a
        # large class costs as much as searching it.
        self._found: dict[int, re.Match[str] | None] = {}

    def find(self, pattern: Pattern) -> re.Match[str] | None:
        key = id(pattern)
        if key in self._found:
            return self._found[key]
        found = None
        for m in self.finditer(pattern, self.text):
            if m.end() > m.start() and _MASK not in m[0]:
                found = m
                break
        self._found[key] = found
        return found

    def finditer(self, pattern: Pattern, text: str) -> Iterator[re.Match[str]]:
        """``pattern.finditer`` over ``text`` (the clause, a part of it, or it masked), through
        the screen when there is one."""
        return pattern.finditer(text) if self.seen is None else self.seen.finditer(pattern, text)

    def may_match(self, pattern: Pattern) -> bool:
        """False when the screen rules out any match of ``pattern`` in the clause."""
        return self.seen is None or self.seen.may(pattern)

    def seen_search(self, pattern: Pattern) -> re.Match[str] | None:
        """``pattern.search`` over the original clause, skipped when it could find nothing."""
        if self.seen is None:
            return pattern.search(self.orig)
        return self.seen.search(pattern)

    def mask(self, start: int, end: int) -> None:
        self.text = self.text[:start] + _MASK * (end - start) + self.text[end:]
        self._found.clear()


def quote_of(text: str, start: int, end: int) -> str:
    """The words around a span, whole words only, short enough to show.

    The words stay within the span's own part of the clause: a comma followed by a space
    ("tone must be consistent, 3000 reviewed examples") is where another statement begins
    ("3,000" is one number). A part that runs on by a word or less is quoted to its end
    ("reviewed by the support leads", not "… the support").
    """
    lo = max((m.end() for m in _PART_END.finditer(text, 0, start)), default=0)
    hi = next((m.start() for m in _PART_END.finditer(text, end)), len(text))
    a = text.rfind(" ", lo, max(lo, start - 12)) + 1 if start - lo > 12 else lo
    a = max(a, lo)
    b = text.find(" ", min(hi, end + 12), hi)
    b = hi if b < 0 else b
    if len(text[lo:a].split()) <= 1:
        a = lo
    a = _term_start(text, lo, a)
    if len(text[b:hi].split()) <= 1 and hi - a <= MAX_QUOTE_CHARS:
        b = hi
    out = text[a:b].strip(" ,.")
    if len(out) > MAX_QUOTE_CHARS:
        out = text[start:end][:MAX_QUOTE_CHARS]
    return out


def _term_start(text: str, lo: int, a: int) -> int:
    """Where the English term a Korean quote would start inside begins: "prompt engineering은
    안 해봤어요", not "engineering은 안 해봤어요"."""
    if not has_hangul(text) or not _LATIN_WORD.match(text, a):
        return a
    while a > lo and (m := _LATIN_BEFORE.search(text, lo, a)) is not None:
        a = m.start()
    return a


def negation(
    rules: Rules,
    text: str,
    start: int,
    end: int,
    gaps: list[tuple[int, int]],
    unimportant_only: bool = False,
) -> bool:
    """Whether a negation cue scopes over the span ``start:end`` of a clause."""
    words = text[:start].split()
    before = " ".join(words[-_BEFORE_WORDS:])
    # "we don't care if it sounds exactly the same every time": what they do not care about
    # reaches further than a negation does.
    wide = " ".join(words[-_UNIMPORTANT_WORDS:])
    if has_hangul(text[start:end]):
        after = text[end : end + _AFTER_CHARS_KO]
        later = text[end : end + _UNIMPORTANT_CHARS_KO]
    elif has_hangul(text[end : end + 3]):
        # "accuracy는 …" (normalised "accuracy 는 …"): an English term with a Korean particle
        # is read in Korean, the particle against the term.
        at = end + text.startswith(" ", end)
        after = text[at : at + _AFTER_CHARS_KO]
        later = text[at : at + _UNIMPORTANT_CHARS_KO]
    else:
        after = later = " ".join(text[end:].split()[:_AFTER_WORDS_EN])
    # A negation inside an aside in parentheses ("(… without scaring people off)") stays there.
    inside = PARENS.sub(" ", " ".join(text[a:b] for a, b in gaps))
    window = f"{before} \x01 {inside} \x01 {after}"
    pseudo_near = rules.neg_pseudo.search(text[max(0, start - 30) :])
    if unimportant_only:
        # "…right now, not last month's version": a stale thing denied keeps the goal.
        return bool(rules.unimportant_after.search(later)) or bool(
            rules.unimportant_before.search(wide) and not pseudo_near
        )
    if pseudo_near or rules.neg_pseudo.search(window):
        return False
    if rules.unimportant_before.search(wide) or rules.unimportant_after.search(later):
        return True
    return bool(
        rules.neg_before.search(before)
        or rules.neg_before.search(inside)
        or rules.neg_after.search(inside)
        or rules.neg_after.search(after)
    )


#: How a clause of someone else's words is skipped (``ClauseMode.skip``).
REPORTED = "reported speech"


def _matches(rule: Rule, c: ClauseText) -> list[re.Match[str]] | None:
    found: list[re.Match[str]] = []
    for pattern in rule.all:
        m = c.find(pattern)
        if m is None:
            return None
        found.append(m)
    scope = {"clause": c.orig, "sentence": c.sentence, "message": c.message}[rule.near_in]
    if any(not _present(p, scope) for p in rule.near):
        return None
    if rule.unless_in == "sentence":
        denied = any(_present(p, c.sentence) for p in rule.unless)
    else:  # the screen knows what the clause may match, not the rest of the sentence
        denied = any(c.may_match(p) and _present(p, c.orig) for p in rule.unless)
    return None if denied else found


_PRESENT_MAX = 4096
# (pattern id, text) -> (pattern, found); the pattern is held so that its id stays its own.
_present_cache: dict[tuple[int, str], tuple[Pattern, bool]] = {}


def _present(pattern: Pattern, text: str) -> bool:
    """Whether ``pattern`` occurs in ``text``; a long message is searched once per class, not
    once per clause."""
    key = (id(pattern), text)
    hit = _present_cache.get(key)
    if hit is not None:
        return hit[1]
    if len(_present_cache) >= _PRESENT_MAX:
        _present_cache.clear()
    found = pattern.search(text) is not None
    _present_cache[key] = (pattern, found)
    return found


def _gaps(found: list[re.Match[str]]) -> list[tuple[int, int]]:
    spans = sorted((m.start(), m.end()) for m in found)
    return [(a[1], b[0]) for a, b in itertools.pairwise(spans) if b[0] > a[1]]


@dataclass
class ClauseMode:
    """How a clause's statements count: not at all (a question or hypothetical), or as a
    requirement whose negation is the point ("최신이 아니면 소용없어요", "unless current")."""

    skip: str = ""
    requirement: bool = False
    # A hypothetical the user then denies ("…, but they don't"): every cue in it is negated.
    denied: bool = False


def read_clause(
    rules: Rules, c: ClauseText, index: int, mode: ClauseMode, trace: Trace
) -> list[Hit]:
    """Every rule over one clause."""
    hits: list[Hit] = []
    done: set[FactName] = set()
    # A goal said not to matter stays denied for the clause: a vaguer rule for the same goal
    # ("tone" after "we don't need it to be consistent in tone") must not read it back.
    denied: set[str] = set()
    for rule in _candidates(rules, c):
        if not _wanted(rule, hits, done, denied):
            continue
        found = _matches(rule, c)
        if found is None:
            continue
        start = min(m.start() for m in found)
        end = max(m.end() for m in found)
        if rule.fact is FactName.GOALS and any(h.value == rule.value for h in hits):
            continue
        quote = quote_of(c.orig, start, end)
        if rule.in_hypothetical == "only" and not (mode.skip == "hypothetical" or mode.requirement):
            continue
        if mode.denied and rule.negated == "ignore":
            # A cue that is itself negative ("rarely") cannot be denied into a reading.
            for m in found:
                c.mask(m.start(), m.end())
            trace.decline(rule, f"'{trace.words(quote)}' ignored (denied hypothetical)")
            continue
        for m in found:
            c.mask(m.start(), m.end())
        if mode.skip and not (
            (mode.skip == "hypothetical" and rule.in_hypothetical)
            or (mode.skip == REPORTED and rule.in_reported)
        ):
            said = f"'{trace.words(quote)}' ignored ({mode.skip})"
            trace.decline(rule, said, supposed=mode.skip in ("hypothetical", "doubt"))
            continue
        unimportant_only = rule.negated_by == "unimportant" or mode.requirement
        negated = mode.denied or (
            rule.negated != "ignore"
            and not (mode.skip and rule.in_hypothetical)
            and negation(rules, c.orig, start, end, _gaps(found), unimportant_only)
        )
        if not negated or isinstance(rule.negated, Negated):
            done.add(rule.fact)
        hits.extend(_record(rule, negated, quote, index, denied, trace, firm=mode.denied))
    return hits


def _candidates(rules: Rules, c: ClauseText) -> list[Rule] | tuple[Rule, ...]:
    """The rules that may fire on a clause: the others need a pattern that cannot match."""
    if c.seen is None or c.seen.screen is not rules.screen:
        return rules.rules
    met = c.seen.met
    return [r for r, n in zip(rules.rules, rules.rule_needs, strict=True) if n & met == n]


def _wanted(rule: Rule, hits: list[Hit], done: set[FactName], denied: set[str]) -> bool:
    """Whether a rule may still read: one reading per fact, any number of goals."""
    if rule.fact is FactName.GOALS:
        return rule.value not in denied
    return rule.fact not in done


def _record(
    rule: Rule,
    negated: bool,
    quote: str,
    index: int,
    denied: set[str],
    trace: Trace,
    firm: bool = False,
) -> list[Hit]:
    """What a rule that matched reads: its value, its negated value, or nothing.

    ``firm``: the negation is the user's own denial of what they just supposed ("if the docs
    changed weekly…, but they don't"), so the negated value is sure.
    """
    said = trace.words(quote)
    if not negated:
        values = (
            _ALL_GOALS if rule.value == "all" and rule.fact is FactName.GOALS else (rule.value,)
        )
        trace.add(f"{rule.id}: {rule.fact.value}={rule.value} from '{said}'")
        return [Hit(rule.fact, v, quote, rule.id, clause=index) for v in values]
    if isinstance(rule.negated, Negated):
        sure = rule.negated.sure or firm
        trace.add(
            f"{rule.id}: negated -> {rule.fact.value}={rule.negated.value}"
            f"{'' if sure else ' (to confirm)'} from '{said}'"
        )
        return [Hit(rule.fact, rule.negated.value, quote, rule.id, sure, index, "negated")]
    if rule.fact is FactName.GOALS:
        denied.add(rule.value)
    trace.decline(rule, f"negated, dropped '{said}'")
    return []
