"""One consultation over Slack, as a user goes through it, and many of them at once."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Awaitable, Callable, Iterator

from bench.config import FIRST_TEXT, REPLY_TEXT
from bench.harness import Env
from bench.traffic import Recorder
from bench.watch import buttons, is_card
from testkit.mock_slack import Call

# Called after each step with its kind: a user's pause, or a measurement between steps.
Between = Callable[[str], Awaitable[None]]


class Thread:
    """One consultation's channel and thread, as the user sees it."""

    def __init__(self, env: Env, n: int) -> None:
        self.env = env
        self.channel, self.user = f"C{n:05d}", f"U{n:05d}"
        self.n = n
        self.root_ts = ""
        self.within = env.cfg.sizes.wait_timeout

    def in_thread(self, c: Call) -> bool:
        return bool(c.args.get("thread_ts") == self.root_ts)

    def last_of_turn(self, c: Call) -> bool:
        # A turn ends with a question (it has the decide-now button) or the card.
        return self.in_thread(c) and ("decide_now" in buttons(c) or is_card(c))

    def turns_ended(self) -> int:
        return len(self.env.watcher.matching(self.channel, self.last_of_turn))

    async def wait(self, where: Callable[[Call], bool], count: int = 1) -> None:
        await self.env.watcher.wait(self.channel, where, count=count, within=self.within)

    async def command(self, rec: Recorder) -> None:
        """The slash command, its root message, and the first question in the thread."""
        slack = self.env.slack
        await rec.send(
            "command",
            text=FIRST_TEXT,
            channel=self.channel,
            user=self.user,
            response_url=slack.response_url(f"c{self.n}"),
        )
        _, root = await self.env.watcher.wait(
            self.channel, lambda c: not c.args.get("thread_ts"), within=self.within
        )
        self.root_ts = str(root.response["ts"])
        await self.wait(self.last_of_turn)

    async def reply(self, rec: Recorder) -> None:
        """A reply in the thread, and the bot's next question (or card)."""
        before = self.turns_ended()
        event = {
            "type": "message",
            "channel": self.channel,
            "channel_type": "channel",
            "user": self.user,
            "text": REPLY_TEXT,
            "ts": self.env.stamps.next(),
            "thread_ts": self.root_ts,
        }
        await rec.send("event", event=event)
        await self.wait(self.last_of_turn, count=before + 1)

    async def decide_now(self, rec: Recorder) -> None:
        """``decide_now`` with the consultation id from the last question's button; the card."""
        watcher = self.env.watcher
        questions = [
            c
            for _, c in watcher.matching(self.channel, self.in_thread)
            if "decide_now" in buttons(c)
        ]
        if not questions:
            raise RuntimeError(f"no question with a decide_now button in {self.channel}")
        question = questions[-1]
        await rec.send(
            "action",
            action_id="decide_now",
            value=buttons(question)["decide_now"],
            channel=self.channel,
            user=self.user,
            message_ts=str(question.response["ts"]),
            thread_ts=self.root_ts,
            # As Slack does: the message the button is on comes back with the action.
            blocks=question.args.get("blocks"),
        )
        await self.wait(lambda c: self.in_thread(c) and is_card(c))


async def consultation(n: int, env: Env, rec: Recorder, between: Between | None = None) -> None:
    """Slash command -> thread reply -> decide now, each step waiting for the bot's output."""
    thread = Thread(env, n)
    steps = (("command", thread.command), ("event", thread.reply), ("action", thread.decide_now))
    for kind, step in steps:
        await step(rec)
        if between:
            await between(kind)


async def run_consultations(
    env: Env,
    total: int,
    rec: Recorder,
    think: Between | None = None,
) -> int:
    """``total`` consultations, the configured concurrency in flight at once; returns how many
    completed.

    With ``think``, each user takes that pause before a lane's first message and after each
    of the bot's replies (the load is then paced by the users, not by the bot)."""
    todo: Iterator[int] = itertools.islice(env.numbers, total)
    done = 0

    async def lane() -> None:
        nonlocal done
        for n in todo:
            try:
                if think:
                    await think("start")
                await consultation(n, env, rec, think)
                done += 1
            except (TimeoutError, RuntimeError) as exc:
                rec.errors[f"flow:{type(exc).__name__}"] += 1

    await asyncio.gather(*(lane() for _ in range(env.cfg.sizes.ack_concurrency)))
    return done
