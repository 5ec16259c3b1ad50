"""Storage adapters: the Redis consultation store and an embedded Redis server."""

from bot.store.embedded import EmbeddedRedis, EmbeddedRedisError
from bot.store.redis import (
    CorruptStateError,
    NotReplicated,
    Readiness,
    RedisConsultationStore,
    StateVersionError,
    StoreError,
    StoreUnavailable,
    check_ready,
    connect,
)

__all__ = [
    "CorruptStateError",
    "EmbeddedRedis",
    "EmbeddedRedisError",
    "NotReplicated",
    "Readiness",
    "RedisConsultationStore",
    "StateVersionError",
    "StoreError",
    "StoreUnavailable",
    "check_ready",
    "connect",
]
