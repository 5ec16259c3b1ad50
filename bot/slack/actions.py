"""Button presses: what a value says, what turn it asks for, and who may press it (pure)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.facts import ASKABLE, FactName
from bot.core.state import Consultation, Status, Turn, TurnKind
from bot.slack import blocks as b
from bot.slack.inbound import Inbound

# Anyone who can see the message may press these: they read, they do not change.
VIEWER_ACTIONS = frozenset(
    {
        b.EXPORT_ACTION,
        b.FEEDBACK_UP_ACTION,
        b.FEEDBACK_DOWN_ACTION,
        b.FEEDBACK_ACTION,
        b.ANSWER_FEEDBACK_ACTION,
        b.SHARED_EXPORT_ACTION,
        b.SHARED_NEW_ACTION,
    }
)
_ANSWER_FACTS = frozenset(f.value for f in ASKABLE)


@dataclass(frozen=True)
class ActionValue:
    """A button's value: the consultation it belongs to and, for answers, fact and choice."""

    cid: str = ""
    fact: FactName | None = None
    choice: str | None = None


def parse_action(action: str, value: str) -> ActionValue:
    """Button values carry the consultation id; revise and correct values ``id|fact|choice``."""
    if action in (b.REVISE_ACTION, b.CORRECT_ACTION):
        parts = value.split(b.REVISE_SEPARATOR)
        if len(parts) == 3 and parts[0] and parts[1] in FactName.__members__.values():
            return ActionValue(parts[0], FactName(parts[1]), parts[2])
        return ActionValue()
    if action.startswith(b.ANSWER_ACTION_PREFIX + ":"):
        _, fact, choice = [*action.split(":", 2), "", ""][:3]
        if value and fact in _ANSWER_FACTS:
            return ActionValue(value, FactName(fact), choice)
        return ActionValue()
    if action in (b.FEEDBACK_ACTION, b.ANSWER_FEEDBACK_ACTION):
        cid, _, vote = value.partition(b.REVISE_SEPARATOR)
        return ActionValue(cid, None, vote) if cid and vote in ("up", "down") else ActionValue()
    if action == b.SHARE_ACTION:
        return ActionValue()
    return ActionValue(value)


def may_change(i: Inbound, c: Consultation) -> bool:
    """State-changing presses are the owner's, from the consultation's own team and channel.

    The channel check is what keeps a card shared elsewhere from acting on the original.
    """
    return bool(i.user) and (i.user, i.team, i.channel) == (c.user, c.place.team, c.place.channel)


def turn_for_action(i: Inbound, c: Consultation, v: ActionValue) -> Turn | None:
    if i.action == b.DECIDE_NOW_ACTION:
        return Turn(op_id=i.key, kind=TurnKind.DECIDE_NOW)
    if i.action == b.SKIP_ACTION:
        return Turn(op_id=i.key, kind=TurnKind.SKIP, fact=c.pending)
    if i.action == b.RESTART_ACTION:
        return Turn(op_id=i.key, kind=TurnKind.RESTART)
    if v.fact is None or v.choice is None:
        return None
    if i.action == b.CORRECT_ACTION:
        # The core checks the choice; a decided consultation gets a new card.
        return Turn(op_id=i.key, kind=TurnKind.CORRECT, fact=v.fact, choice=v.choice)
    if i.action != b.REVISE_ACTION and c.status is Status.DECIDED:
        return None  # an old question pressed after the card: revise is the way
    return Turn(op_id=i.key, kind=TurnKind.CHOICE, fact=v.fact, choice=v.choice)
