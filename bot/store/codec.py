"""Reading stored consultations back: decoding replies, and the errors a bad blob raises."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from pydantic import ValidationError

from bot.core.state import SCHEMA_VERSION, Consultation

__all__ = ["CorruptStateError", "StateVersionError", "StoreError", "as_ids", "as_text", "decode"]


class StoreError(Exception):
    """A consultation could not be read or written as stored."""


class StateVersionError(StoreError):
    """The stored blob was written by a newer schema than this code understands."""

    def __init__(self, consultation_id: str, found: int) -> None:
        super().__init__(
            f"consultation {consultation_id} has schema_version {found}; "
            f"this build reads up to {SCHEMA_VERSION}"
        )
        self.consultation_id = consultation_id
        self.found = found


class CorruptStateError(StoreError):
    """The stored blob is not a valid consultation."""


def as_text(value: bytes | str) -> str:
    # The caller may or may not have built the client with decode_responses=True.
    return value.decode() if isinstance(value, bytes) else value


def as_ids(members: Iterable[Any]) -> list[str]:
    # zrange without scores yields bare members.
    return [as_text(m) for m in members]


def decode(consultation_id: str, blob: bytes | str) -> Consultation:
    try:
        data = json.loads(blob)
    except ValueError as exc:
        raise CorruptStateError(f"consultation {consultation_id}: blob is not JSON") from exc
    if not isinstance(data, dict):
        raise CorruptStateError(f"consultation {consultation_id}: blob is not an object")
    found = data.get("schema_version", SCHEMA_VERSION)
    if not isinstance(found, int):
        raise CorruptStateError(f"consultation {consultation_id}: bad schema_version")
    # Checked before validation: pydantic would silently drop fields it does not know.
    if found > SCHEMA_VERSION:
        raise StateVersionError(consultation_id, found)
    try:
        return Consultation.model_validate(data)
    except ValidationError as exc:
        # Not chained: the validation error quotes field values, which may be user text.
        raise CorruptStateError(
            f"consultation {consultation_id}: blob does not validate ({exc.error_count()} errors)"
        ) from None
