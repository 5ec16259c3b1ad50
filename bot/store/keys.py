"""Key names of the consultation store, laid out so that each change stays on one shard.

Key layout (``P`` is the prefix); every ``{...}`` is a Redis Cluster hash tag:

- ``P:{c:<id>}``            hash: ``v`` version, ``b`` compact blob, ``u`` user, ``p`` place key
- ``P:{c:<id>}:feedback``   hash: user -> vote on the decision card
- ``P:{c:<id>}:out:<hash>`` string: the replies a saved turn produced, kept for re-posting
- ``P:{c:<id>}:outs``       set: the names of those reply copies (so they can be deleted)
- ``P:place:{<place_key>}`` string: the consultation id bound to a Slack thread (or other place)
- ``P:user:{<user>}``       sorted set: the user's consultation ids, score = ``updated_at``
- ``P:user:{<user>}:votes`` set: the consultations the user voted on
- ``P:user:{<user>}:marks`` set: the markers remembered for the user
- ``P:once:{m:<key>}``      string: a small marker, e.g. the ts of a posted root message

A consultation's own keys share one slot, so each state change is one script on one shard.
The place and user keys live in other slots; they are indexes, kept up to date best-effort
next to the atomic state write, and readers tolerate their staleness. Every per-user index
lives at least as long as the data it lists, so forget_user finds all of it.
"""

from __future__ import annotations

import hashlib

__all__ = ["VOTE_SEPARATOR", "VOTE_SUBJECTS", "StoreKeys", "vote_field"]


class StoreKeys:
    """The store's prefix and retention, and the names of its keys."""

    def __init__(self, prefix: str, retention_seconds: int) -> None:
        if not prefix or "{" in prefix or "}" in prefix:
            # A brace in the prefix would become the hash tag of every key.
            raise ValueError("prefix must be non-empty and contain no braces")
        if retention_seconds <= 0:
            raise ValueError("retention_seconds must be positive")
        self._prefix = prefix
        self._ttl = int(retention_seconds)

    @property
    def prefix(self) -> str:
        return self._prefix

    @property
    def retention_seconds(self) -> int:
        return self._ttl

    # Key names. Public so that tests and operators can find a consultation's keys.
    def state_key(self, consultation_id: str) -> str:
        return f"{self._prefix}:{{c:{consultation_id}}}"

    def outbox_key(self, consultation_id: str, op_id: str) -> str:
        digest = hashlib.sha256(op_id.encode()).hexdigest()[:16]
        return f"{self.state_key(consultation_id)}:out:{digest}"

    def outbox_names_key(self, consultation_id: str) -> str:
        return f"{self.state_key(consultation_id)}:outs"

    def feedback_key(self, consultation_id: str) -> str:
        return f"{self.state_key(consultation_id)}:feedback"

    def place_key(self, place_key: str) -> str:
        return f"{self._prefix}:place:{{{place_key}}}"

    def user_key(self, user: str) -> str:
        return f"{self._prefix}:user:{{{user}}}"

    def votes_key(self, user: str) -> str:
        return f"{self.user_key(user)}:votes"

    def marks_key(self, user: str) -> str:
        return f"{self.user_key(user)}:marks"

    def once_key(self, key: str) -> str:
        return f"{self._prefix}:once:{{{key}}}"


# What a vote can be about; a card vote's field is the user id, others carry the subject.
VOTE_SUBJECTS = ("card", "answer")
VOTE_SEPARATOR = "|"


def vote_field(user: str, about: str) -> str:
    if about not in VOTE_SUBJECTS:
        raise ValueError(f"no vote about {about!r}")
    return user if about == "card" else f"{user}{VOTE_SEPARATOR}{about}"
