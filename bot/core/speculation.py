"""The next question, phrased while the model still reads the user's message."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Literal

from bot.core.facts import FactName, Facts, Lang
from bot.core.metering import Metered
from bot.core.planner import next_question
from bot.core.ports import LanguageModel, QuestionText
from bot.core.provenance import changed_facts, not_older, without_label
from bot.core.state import Consultation, Status, Turn


class Speculation:
    """The next question, phrased while the model is still reading the user's message.

    A fast local reader (the offline rules) guesses the message's facts; the planner picks the
    question it would ask next, and the model starts phrasing that question at once. If the
    model's own reading leads the planner to the same question with the same facts, the turn
    costs one model round trip instead of two; if not, the guess is dropped (see ``settle``)
    and the question is phrased again. The use case is left out of the comparison: it is a
    free-text label that two readers word differently.
    """

    def __init__(self, lm: LanguageModel, fact: FactName, lang: Lang, facts: Facts) -> None:
        self._meter = Metered(lm)
        self._key = (fact, lang, without_label(facts))
        self._task = asyncio.create_task(self._meter.phrase_question(fact, lang, facts))
        self.used = False

    @classmethod
    async def start(
        cls,
        c: Consultation,
        turn: Turn,
        text: str,
        lang: Lang,
        lm: LanguageModel,
        predictor: LanguageModel,
    ) -> Speculation | None:
        if c.status is not Status.ACTIVE:
            return None
        guess = await predictor.extract(text, lang, c.pending)
        if guess.decide_now or guess.skip or guess.side_question:
            return None
        facts = c.facts.merge(not_older(guess.facts, c.source_at, turn.at))
        if not changed_facts(c.facts, facts) and c.turns > 0:
            return None
        # The same hints the turn itself will prefer, so a confirm question is guessed too.
        fact = next_question(facts, c.asked, c.skipped, c.max_questions, prefer=c.hints)
        return None if fact is None else cls(lm, fact, lang, facts)

    async def take(self, fact: FactName, lang: Lang, facts: Facts) -> QuestionText | None:
        if self._key != (fact, lang, without_label(facts)):
            return None
        self.used = True
        return await self._task

    async def settle(self, meter: Metered) -> Literal["hit", "miss"]:
        """Count what the guess cost; an unused guess's fallback is no concern of the user.

        An unused guess still under way (say, waiting out a rate limit) is cancelled rather
        than awaited: no reply waits for a question nobody will ask. Its cost is then unknown
        and not counted.
        """
        if not self.used:
            if not self._task.done():
                self._task.cancel()
                return "miss"
            with contextlib.suppress(Exception, asyncio.CancelledError):
                self._task.result()
        meter.note(self._meter.usage, self._meter.fallback and self.used)
        return "hit" if self.used else "miss"

    def cancel(self) -> None:
        self._task.cancel()
