"""Which goal comes first: said outright, pointed at, ranked, or given as the answer to "what
matters most?"."""

from __future__ import annotations

import dataclasses

from bot.core.facts import FactName, Facts, Goal
from bot.llm.reader.answers import lead_answer
from bot.llm.reader.engine import Hit, Trace
from bot.llm.reader.patterns import Pattern
from bot.llm.reader.rules import Rules

_OPENING_WORDS = 2


def pointed_top(rules: Rules, kept: list[str], hits: list[Hit], trace: Trace) -> list[Hit]:
    """ "Same format every time. That's priority #1": the one goal read is the top goal."""
    if any(h.fact is FactName.TOP_GOAL for h in hits):
        return []
    at, point = next(
        ((i, m) for i, s in enumerate(kept) if (m := rules.top_pointer.search(s))), (0, None)
    )
    # "The numbers …, thats first. … I'd like em all to read the same way too but thats
    # second": a goal said to come second is not the one pointed at.
    read = [
        h for h in hits if h.fact is FactName.GOALS and h.sure and not _put_second(rules, kept, h)
    ]
    goals = {h.value for h in read}
    if point is not None and len(goals) > 1:
        # "톤이 늘 한결같아야 합니다. 그게 가장 중요하고요, 금액이 틀리면 안 되는 건 당연하고요":
        # "that" points back to the goal said just before it.
        # "Getting the price right. If it quotes the wrong one I'm in trouble. That first": a
        # reason may stand between the goal and the words that point back to it.
        near: list[Hit] = []
        for back in (at - 1, at - 2):
            before = (kept[back] if back >= 0 else "") + " " + kept[at][: point.start()]
            near = [h for h in read if h.quote and h.quote in before]
            if near:
                break
        goals = {h.value for h in near}
        conceded = rules.classes.get("conceded")
        if len(goals) > 1 and conceded is not None:
            # "정확한 것도 물론 중요하지만, 저는 말투가 늘 한결같았으면 해요. 그게 제일이에요":
            # a goal granted in passing is not the one pointed at.
            goals = {h.value for h in near if not conceded.search(h.quote)} or goals
    if point is None or len(goals) != 1:
        return []
    pointer = kept[at]
    goal = goals.pop()
    trace.add(f"top.pointer: top_goal={goal} from '{trace.words(pointer, 60)}'")
    return [Hit(FactName.TOP_GOAL, goal, pointer[:60], "top.pointer")]


def _put_second(rules: Rules, kept: list[str], h: Hit) -> bool:
    """Whether the words right after goal ``h``'s quote say it comes second."""
    after = rules.classes.get("goal_runner_up_after")
    said = next((s for s in kept if h.quote and h.quote in s), "")
    rest = said[said.find(h.quote) + len(h.quote) :] if said else ""
    return bool(after and rest and after.search(rest.lstrip(" ,")))


def ranked_top(rules: Rules, clauses: dict[int, str], hits: list[Hit], trace: Trace) -> list[Hit]:
    """ "Consistency, then accuracy", "일관성이요. 그 다음이 정확성": the goal named before the
    one said to come next is the top goal."""
    runner_up = rules.classes.get("goal_runner_up")
    if runner_up is None or any(h.fact is FactName.TOP_GOAL for h in hits):
        return []

    def at(h: Hit) -> tuple[int, int]:
        return h.clause, clauses.get(h.clause, "").find(h.quote)

    goals = sorted((h for h in hits if h.fact is FactName.GOALS and h.sure), key=at)
    in_order = rules.classes.get("goals_in_order")
    for c, text in clauses.items():
        # "Accuracy and freshness, in that order": the first of the goals just listed.
        listed = [g for g in goals if c - 1 <= g.clause <= c]
        if len({g.value for g in listed}) > 1 and in_order and in_order.search(text):
            trace.add(f"top.in_order: top_goal={listed[0].value}, named first")
            return [Hit(FactName.TOP_GOAL, listed[0].value, text, "top.in_order", clause=c)]
    after = rules.classes.get("goal_runner_up_after")

    def put_second(h: Hit) -> bool:
        """ "Consistency, then accuracy"; or "Sounding like me would be nice but that's
        second", said in the clause after the goal when that clause names none of its own."""
        if runner_up.search(h.quote) or runner_up.search(clauses.get(h.clause, "")):
            return True
        # "Second, the note structure QA wants, same every time": the word that ranks it may
        # open a clause before the goal's own, with no other goal between.
        for back in (h.clause - 1, h.clause - 2):
            if any(g.clause == back for g in goals):
                break
            if runner_up.search(clauses.get(back, "")):
                return True
        next_clause = clauses.get(h.clause + 1, "")
        return bool(after and after.search(next_clause)) and all(
            g.clause != h.clause + 1 for g in goals
        )

    for h in goals:
        if not put_second(h):
            continue
        before = {g.value for g in goals if at(g) < at(h)}
        if len(before) > 1:
            # "the marshals like it the same every time … so accuracy, then consistency": the
            # ranking is the goals named just before, not every goal of the message.
            before = {g.value for g in goals if at(g) < at(h) and g.clause >= h.clause - 1}
        if len(before) != 1 or h.value in before:
            return []
        goal = before.pop()
        trace.add(f"top.ranked: top_goal={goal}, then {h.value}")
        return [Hit(FactName.TOP_GOAL, goal, h.quote, "top.ranked", clause=h.clause)]
    return []


def as_goal(h: Hit) -> Hit:
    """A goal read as put first, as one goal among others."""
    return dataclasses.replace(h, fact=FactName.GOALS, rule=f"{h.rule}.unranked")


def answered_top(
    rules: Rules,
    kept: list[str],
    hits: list[Hit],
    facts: Facts,
    trace: Trace,
    corrected_at: int | None = None,
) -> Hit | None:
    """The top goal a reply to "what matters most?" gives (``kept``: its sentences): the goal
    it names, or the opening word when the goal it names is said to come next
    ("톤앤매너요! 정확성은 그 다음이고요"); after a correction ("Consistency. Sorry, no,
    accuracy."), the first goal it names from there on."""
    if corrected_at is not None:
        named = [h for h in hits if h.fact is FactName.GOALS and h.clause >= corrected_at]
        # "… 아 아니다 … 그것도 중요하네요. 셋 다로 할게요": corrected into all of them.
        if named and not any(h.rule.endswith(".all") for h in named):
            first = min(named, key=lambda h: h.clause)
            trace.add(f"top_goal: '{first.value}' named after the correction")
            return Hit(FactName.TOP_GOAL, first.value, first.quote, "answer.top_goal.corrected")
    tied = rules.classes.get("goals_tied")
    at = next((i for i, s in enumerate(kept) if tied and tied.search(s)), None)
    if at is not None:
        picked = _picked_after(rules, kept[at + 1 :], hits)
        if picked is not None:
            # "셋 다 중요해요. 그래도 하나만 꼽으라면, … 늘 같은 톤으로": tied, then one picked.
            trace.add(f"top_goal: '{picked.value}' picked after a tie")
            return Hit(FactName.TOP_GOAL, picked.value, picked.quote, "answer.top_goal.picked")
        # "Accuracy, and the tone. I wouldn't rank them": none is put first.
        trace.add("top_goal: the goals named are not ranked")
        return None
    if _put_first_unread(rules, kept, hits):
        trace.add("top_goal: what is put first was not read as a goal")
        return None
    named = [h for h in hits if h.fact is FactName.GOALS]
    if named and all(_put_second(rules, kept, h) for h in named):
        trace.add("top_goal: the goal named is said to come second")
        return None
    runner_up, one_more = rules.classes.get("goal_runner_up"), rules.classes.get("goal_one_more")
    goal = _answered_goal(kept, hits, facts, runner_up, one_more)
    if goal is not None:
        return Hit(FactName.TOP_GOAL, goal, " ".join(kept)[:60], "answer.top_goal")
    return lead_answer(rules, kept[0], FactName.TOP_GOAL, trace, hits) if kept else None


def _picked_after(rules: Rules, after: list[str], hits: list[Hit]) -> Hit | None:
    """The one goal named where ``after`` (the sentences after a tie) picks one, if it does."""
    pick = rules.classes.get("goal_pick")
    at = next((i for i, s in enumerate(after) if pick and pick.search(s)), None)
    if at is None:
        return None
    rest = " ".join(after[at:])
    named = [h for h in hits if h.fact is FactName.GOALS and h.quote and h.quote in rest]
    return named[0] if len({h.value for h in named}) == 1 else None


def _put_first_unread(rules: Rules, kept: list[str], hits: list[Hit]) -> bool:
    """ "카드 의미가 틀리면 안 되는 건 당연하고요, 그래도 제일은 제 목소리 그대로 …": the words
    that say what comes first name no goal that was read, so the goal read elsewhere is not
    the top one."""
    marker = rules.classes.get("top_marker")
    if marker is None:
        return False
    quotes = [h.quote for h in hits if h.fact is FactName.GOALS and h.quote]
    for s in kept:
        m = marker.search(s)
        if m is None:
            continue
        rest = s[m.end() :].lstrip(" .,!?~…")
        if not rest or rules.refers_back.match(rest):
            continue  # "제일 중요한 건 그거예요", "일관성이요. 젤 중요한건.": what was said before
        # From the pause before the words ("일관성이요 젤 중요한건") to the sentence's end.
        said = s[max(s.rfind(",", 0, m.start()), s.rfind(".", 0, m.start())) + 1 :]
        return not any(q in said or said in q for q in quotes)
    return False


def _answered_goal(
    kept: list[str],
    hits: list[Hit],
    facts: Facts,
    runner_up: Pattern | None,
    also: Pattern | None = None,
) -> str | None:
    """The goal a reply to "what matters most?" names: its only one, unless it is said to come
    next ("톤앤매너요! 정확성은 그 다음이고요"), or the one the opening word or two of its first
    sentence to name a goal name alone."""
    if len(facts.goals or ()) == 1:
        goal = next(iter(facts.goals or ())).value
        said = [h.quote for h in hits if h.fact is FactName.GOALS and h.value == goal]
        if runner_up is not None and said and all(runner_up.search(q) for q in said):
            return None
        if also is not None and said and all(also.search(q) for q in said):
            # "금액이 1순위예요. 근데 톤도 중요하긴 해요": the one goal read is added as one more,
            # so what was put first is something the reader did not take for a goal.
            return None
        return goal
    goals = [h for h in hits if h.fact is FactName.GOALS]
    # "일관성이요. 정확도도 중요하고요": the one goal not added as one more.
    first = {h.value for h in goals if also is None or not also.search(h.quote)}
    if also is not None and len(first) == 1 and any(also.search(h.quote) for h in goals):
        return first.pop()
    # "아 이해했어요 ㅎㅎ 그럼 정확도요. 근데 최신성도 꽤 중요해요": the first sentence to name
    # a goal.
    quotes = [h.quote for h in goals]
    opening = next((s for s in kept if any(q in s for q in quotes)), "")
    if len(opening.split()) > _OPENING_WORDS:
        return None
    named = {h.value for h in hits if h.fact is FactName.GOALS and h.quote in opening}
    return named.pop() if len(named) == 1 and named <= {g.value for g in Goal} else None
