"""The reader's rule files: phrases per fact value, phrase classes, negation cues, in YAML.

A rule file is language data a reviewer can read without Python (``rules/ko.yaml`` for Korean,
``rules/en.yaml`` for English). This module loads both, checks them, and compiles phrases into
regular expressions. Both files apply to every message: Korean messages carry English terms and
the other way round.

The phrase syntax is in ``phrases``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import cache
from importlib import resources
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

from bot.core.facts import FactName
from bot.llm.reader import screen_table
from bot.llm.reader.patterns import Alternation, Pattern
from bot.llm.reader.phrases import (
    Item,
    Parts,
    alternation,
    compile_alternation,
    item_pattern,
)
from bot.llm.reader.screen import Screen
from bot.llm.reader.spelling import spelling_table
from bot.yamlfiles import SafeLoader

RULE_FILES = ("ko.yaml", "en.yaml", "facts.yaml")


class Negated(BaseModel):
    """What a negated cue means instead: another value (sure or to confirm), or nothing."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    value: str
    sure: bool = False


class RuleSpec(BaseModel):
    """One rule: when every ``all`` item matches in a clause (and every ``near`` item is there,
    and no ``unless`` item), the clause states ``fact = value``. Earlier rules win."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    fact: FactName
    value: str
    all: list[Item] = Field(min_length=1)
    near: list[Item] = []
    unless: list[Item] = []
    negated: Negated | Literal["drop", "ignore"] = "drop"
    # Which negations count: any, or only "does not matter" (for goals: a complaint that
    # answers are not accurate is a wish for accuracy).
    negated_by: Literal["any", "unimportant"] = "any"
    # Where ``near`` must be found: the clause, or anywhere in the sentence.
    near_in: Literal["clause", "sentence", "message"] = "clause"
    # Where ``unless`` is looked for: "we track cost per claim, not per AI request" denies the
    # reading in the clause after it.
    unless_in: Literal["clause", "sentence"] = "clause"
    # Whether the rule reads hypothetical clauses too, or only them: "if it quotes an old price
    # we lose money" states that freshness matters.
    in_hypothetical: bool | Literal["only"] = False
    # Whether the rule reads reported speech too: "legal팀에서 training에는 못 쓴다고 했어요" is a
    # constraint the user works under, whoever stated it.
    in_reported: bool = False


class NegationSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    before: list[str] = []
    after: list[str] = []
    pseudo: list[str] = []
    # Saying a thing does not matter ("tone is up to the model", "톤은 상관없어요"), as opposed
    # to saying it is missing ("답변이 정확하지 않아요" makes accuracy a goal, not a non-goal).
    unimportant_before: list[str] = []
    unimportant_after: list[str] = []


class ClauseSpec(BaseModel):
    """Phrases that mark a clause as a question, a hypothetical or a requirement."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    question: list[str] = []
    # A question put to the bot: answered even when the message states facts as well.
    ask: list[str] = []
    # A question that leans on what was said before it ("is that enough?", "그 정도면 되나요?").
    refers_back: list[str] = []
    # Sentence endings that ask even without a question mark ("기준 같은 거 있나요").
    question_end: list[str] = []
    # Of those, the ones that make the whole sentence a question, as a question mark does
    # ("…할 수 있는지 의문입니다"); "엄청나요" ends like "있나요" and asks nothing.
    asks_unmarked: list[str] = []
    # What the user says they said before ("매주 바뀐다고 했는데"): not a statement now.
    reported: list[str] = []
    hypothetical: list[str] = []
    # Words of wanting ("has to", "중요"): "every note follows the same template" has none.
    want: list[str] = []
    # "If our docs changed weekly we'd need RAG, but they don't": a clause that denies the
    # hypothetical before it, which then states the opposite.
    counterfactual: list[str] = []
    requirement: list[str] = []
    correction: list[str] = []
    # "…, that's priority #1": the goal named just before is the top one.
    top_pointer: list[str] = []
    # An amount said with a rising "?" ("대충 500개?", "maybe 300?"): a guess, not a question.
    guess: list[str] = []
    # "아마 자주 바뀔 것 같은데 확실하진 않아요": a hedge, then a doubt: nothing for sure.
    hedge: list[str] = []
    doubt: list[str] = []
    # "our PM says tone comes first, but personally I care about accuracy": someone else's view
    # (``other_view``) set against the user's own in the next clause (``own_view``) is theirs.
    other_view: list[str] = []
    own_view: list[str] = []


class RuleFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    lang: Literal["ko", "en", "any"]
    classes: dict[str, list[str]] = {}
    negation: NegationSpec = NegationSpec()
    clause: ClauseSpec = ClauseSpec()
    concept_question: list[str] = []
    injection: list[str] = []
    decide_now: list[str] = []
    skip: list[str] = []
    affirm: list[str] = []
    deny: list[str] = []
    answers: dict[FactName, dict[str, list[str]]] = {}
    languages: dict[str, list[str]] = {}
    # Words the rules lean on, read even when misspelt ("dcos change evry day").
    spelling: list[str] = []
    rules: list[RuleSpec] = []


@dataclass(frozen=True)
class Rule:
    id: str
    fact: FactName
    value: str
    all: tuple[Pattern, ...]
    near: tuple[Pattern, ...]
    unless: tuple[Pattern, ...]
    negated: Negated | Literal["drop", "ignore"]
    negated_by: Literal["any", "unimportant"] = "any"
    near_in: Literal["clause", "sentence", "message"] = "clause"
    in_hypothetical: bool | Literal["only"] = False
    unless_in: Literal["clause", "sentence"] = "clause"
    in_reported: bool = False


@dataclass(frozen=True)
class Rules:
    """Every rule file, compiled. Rules keep file order within a fact; Korean first."""

    rules: tuple[Rule, ...]
    classes: dict[str, Pattern]
    neg_before: Pattern
    neg_after: Pattern
    neg_pseudo: Pattern
    unimportant_before: Pattern
    unimportant_after: Pattern
    question: Pattern
    ask: Pattern
    refers_back: Pattern
    question_end: Pattern
    asks_unmarked: Pattern
    reported: Pattern
    hypothetical: Pattern
    want: Pattern
    counterfactual: Pattern
    requirement: Pattern
    correction: Pattern
    top_pointer: Pattern
    guess: Pattern
    hedge: Pattern
    doubt: Pattern
    other_view: Pattern
    own_view: Pattern
    concept_question: Pattern
    injection: Pattern
    decide_now: Pattern
    skip: Pattern
    yes: Pattern
    no: Pattern
    answers: dict[FactName, tuple[tuple[str, Pattern], ...]]
    languages: tuple[tuple[str, Pattern], ...]
    spelling: dict[str, str]
    # False: every pattern is searched, for checking that the screen changes nothing.
    screened: bool = True
    # Which patterns a text may match, and per rule what its patterns need (see ``screen``).
    screen: Screen = field(init=False, repr=False, compare=False)
    rule_needs: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        screen = Screen(self.patterns() if self.screened else (), screen_table.needs)
        # A rule fires only if all its ``all`` items, and its ``near`` ones when they must be
        # in the clause, can match there.
        needs = tuple(
            screen.needs_of((*r.all, *(r.near if r.near_in == "clause" else ())))
            for r in self.rules
        )
        object.__setattr__(self, "screen", screen)
        object.__setattr__(self, "rule_needs", needs)

    def patterns(self) -> list[Pattern]:
        out = [p for r in self.rules for p in (*r.all, *r.near, *r.unless)]
        out += self.classes.values()
        out += [p for _, p in self.languages]
        out += [p for by_value in self.answers.values() for _, p in by_value]
        out += [v for f in fields(self) if isinstance(v := self.__dict__.get(f.name), Pattern)]
        return out + [a for p in out for a in p.alts]


class _StrictLoader(SafeLoader):  # type: ignore[misc]
    """YAML that refuses a key written twice: the second would silently replace the first."""


def _mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> Any:
    keys = [loader.construct_object(k, deep=deep) for k, _ in node.value]
    twice = sorted({str(k) for k in keys if keys.count(k) > 1})
    if twice:
        raise ValueError(f"{', '.join(twice)} written twice {node.start_mark}")
    return yaml.constructor.SafeConstructor.construct_mapping(loader, node, deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def parse_file(text: str) -> RuleFile:
    return RuleFile.model_validate(yaml.load(text, Loader=_StrictLoader))  # noqa: S506


def load_files() -> list[RuleFile]:
    folder = resources.files("bot.llm.reader") / "rules"
    return [parse_file((folder / name).read_text(encoding="utf-8")) for name in RULE_FILES]


def compile_rules(files: list[RuleFile], screened: bool = True) -> Rules:
    """Compile rule files; a class may name classes defined before it in any file."""
    raw: dict[str, str] = {}
    parts: Parts = {}
    for f in files:
        for name, phrases in f.classes.items():
            merged = raw.get(name)
            alt = alternation(phrases, raw, parts)
            raw[name] = f"{merged}|{alt.source}" if merged else alt.source
            parts[name] = parts.get(name, ()) + alt.parts

    def compiled(phrases: list[str]) -> Pattern:
        return compile_alternation(alternation(phrases, raw, parts))

    def union(*gets: str) -> Pattern:
        return compiled([p for f in files for get in gets for p in _field(f, get)])

    ordered = sorted(
        (spec for f in files for spec in f.rules), key=lambda spec: FACT_ORDER.index(spec.fact)
    )
    rules = tuple(
        Rule(
            id=spec.id,
            fact=spec.fact,
            value=spec.value,
            all=tuple(item_pattern(i, raw, parts) for i in spec.all),
            near=tuple(item_pattern(i, raw, parts) for i in spec.near),
            unless=tuple(item_pattern(i, raw, parts) for i in spec.unless),
            negated=spec.negated,
            negated_by=spec.negated_by,
            near_in=spec.near_in,
            in_hypothetical=spec.in_hypothetical,
            unless_in=spec.unless_in,
            in_reported=spec.in_reported,
        )
        for spec in ordered
    )
    answers: dict[FactName, list[tuple[str, Pattern]]] = {}
    for f in files:
        for fact, by_value in f.answers.items():
            for value, phrases in by_value.items():
                answers.setdefault(fact, []).append((value, compiled(phrases)))
    languages = tuple(
        (code, compiled(phrases)) for f in files for code, phrases in f.languages.items()
    )
    return Rules(
        rules=rules,
        classes={k: compile_alternation(Alternation(v, parts[k])) for k, v in raw.items()},
        neg_before=union("negation.before"),
        neg_after=union("negation.after"),
        neg_pseudo=union("negation.pseudo"),
        unimportant_before=union("negation.unimportant_before"),
        unimportant_after=union("negation.unimportant_after"),
        question=union("clause.question"),
        ask=union("clause.ask"),
        refers_back=union("clause.refers_back"),
        question_end=union("clause.question_end", "clause.asks_unmarked"),
        asks_unmarked=union("clause.asks_unmarked"),
        reported=union("clause.reported"),
        hypothetical=union("clause.hypothetical"),
        want=union("clause.want"),
        counterfactual=union("clause.counterfactual"),
        requirement=union("clause.requirement"),
        correction=union("clause.correction"),
        top_pointer=union("clause.top_pointer"),
        guess=union("clause.guess"),
        hedge=union("clause.hedge"),
        doubt=union("clause.doubt"),
        other_view=union("clause.other_view"),
        own_view=union("clause.own_view"),
        concept_question=union("concept_question"),
        injection=union("injection"),
        decide_now=union("decide_now"),
        skip=union("skip"),
        yes=union("affirm"),
        no=union("deny"),
        answers={k: tuple(v) for k, v in answers.items()},
        languages=languages,
        spelling=spelling_table([w for f in files for w in f.spelling]),
        screened=screened,
    )


def _field(f: RuleFile, dotted: str) -> list[str]:
    obj: object = f
    for part in dotted.split("."):
        obj = getattr(obj, part)
    return obj if isinstance(obj, list) else []


# Rules run fact by fact in this order (file order within a fact, Korean first): the most
# specific readings first, so that "inconsistent labels" is read as data quality before a
# consistency goal can claim it, and "most important: accuracy" as the top goal before
# accuracy alone.
FACT_ORDER: tuple[FactName, ...] = (
    # Only the citing words are used up ("must cite", "근거로"): the documents and goals
    # beside them stay for the rules after.
    FactName.CITATIONS,
    FactName.EVAL_SET,
    FactName.COST_TRACKED,
    FactName.DATA_QUALITY,
    FactName.DOCS_CHANGE,
    FactName.CHANGE_RATE,
    FactName.PROMPTING,
    FactName.URGENCY,
    FactName.VOLUME,
    FactName.TOP_GOAL,
    FactName.GOALS,
    FactName.DATA_AMOUNT,
)


@cache
def default_rules() -> Rules:
    """The packaged rule files, compiled once on first use."""
    return compile_rules(load_files())
