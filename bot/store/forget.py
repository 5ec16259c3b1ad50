"""Forgetting a user: their consultations, replies, bindings, votes, markers and inbox traces."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

import redis.asyncio as aioredis
from redis.commands.core import AsyncScript

from bot.store.codec import as_ids, as_text
from bot.store.inbox import Inbox
from bot.store.keys import VOTE_SUBJECTS, StoreKeys, vote_field
from bot.store.steps import ScriptCall, Step, run_steps

__all__ = ["UserForgetting"]

log = logging.getLogger(__name__)
_T = TypeVar("_T")


class UserForgetting(StoreKeys):
    """``forget_user``, mixed into :class:`bot.store.redis.RedisConsultationStore`."""

    _client: aioredis.Redis
    _forget_one: AsyncScript
    _delete_place: AsyncScript

    async def forget_user(self, user: str, team: str = "") -> int:
        """Delete everything stored about the user; returns how many consultations went.

        Their consultations with their reply copies and place bindings, their votes on other
        people's consultations, the markers remembered for them, their dead letters, and the
        indexes that listed all of these.
        """
        user_key = self.user_key(user)
        ids = as_ids(await self._client.zrange(user_key, 0, -1))
        deleted = 0
        places: list[tuple[str, str]] = []
        outboxes: list[list[str]] = []
        for batch in _chunks(ids, 200):
            results = await run_steps(
                self._client,
                [
                    ScriptCall(
                        self._forget_one,
                        [self.state_key(cid), self.feedback_key(cid), self.outbox_names_key(cid)],
                        [user],
                    )
                    for cid in batch
                ],
            )
            for cid, result in zip(batch, results, strict=True):
                if result is None:
                    continue
                was_saved, place, blob, *names = result
                # A stub left by bind_place is not counted, but its place binding goes too.
                deleted += int(was_saved)
                place_text = as_text(place)
                if place_text:
                    places.append((cid, place_text))
                outboxes.append(self._outbox_keys(cid, blob, names))
        # One consultation's copies share a slot; each binding is in a slot of its own.
        cleanup: list[Step] = [_deleting(keys) for keys in outboxes if keys]
        cleanup += [
            ScriptCall(self._delete_place, [self.place_key(place_text)], [cid])
            for cid, place_text in places
        ]
        for steps in _chunks(cleanup, 200):
            await run_steps(self._client, steps)
        await self._forget_votes(user)
        await self._forget_marks(user)
        # The owner of an inbox entry is in its payload; the inbox shares this prefix.
        inbox = Inbox(self._client, prefix=self._prefix)
        await inbox.forget_dead_letters(user)
        if team:
            await inbox.forget_marks(team, user)
        # The indexes go last: a forget cut short can be run again and find the rest. They
        # share the user's slot.
        await run_steps(
            self._client, [_deleting([user_key, self.votes_key(user), self.marks_key(user)])]
        )
        log.info("forgot a user: %d consultations deleted", deleted)
        return deleted

    def _outbox_keys(self, consultation_id: str, blob: bytes | str, names: list[Any]) -> list[str]:
        """The reply copies of a consultation: those listed beside it, and those of its recent
        operations (copies written before the list existed)."""
        keys = {as_text(n) for n in names}
        try:
            applied = json.loads(blob).get("applied", []) if blob else []
        except (ValueError, AttributeError):
            applied = []
        if isinstance(applied, list):
            keys.update(self.outbox_key(consultation_id, str(op)) for op in applied)
        return sorted(keys)

    async def _forget_votes(self, user: str) -> None:
        voted = as_ids(await self._client.smembers(self.votes_key(user)))
        for batch in _chunks(voted, 200):
            await run_steps(
                self._client,
                [
                    _hdel(self.feedback_key(cid), vote_field(user, about))
                    for cid in batch
                    for about in VOTE_SUBJECTS
                ],
            )

    async def _forget_marks(self, user: str) -> None:
        marks = as_ids(await self._client.smembers(self.marks_key(user)))
        for batch in _chunks(marks, 200):
            await run_steps(
                self._client, [_deleting([self.once_key(f"m:{mark}")]) for mark in batch]
            )


def _deleting(keys: Sequence[str]) -> Callable[[Any], object]:
    return lambda pipe: pipe.delete(*keys)


def _hdel(key: str, field: str) -> Callable[[Any], object]:
    return lambda pipe: pipe.hdel(key, field)


def _chunks(items: list[_T], size: int) -> Iterable[list[_T]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
