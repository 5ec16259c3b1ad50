"""Storage adapters: the Redis consultation store and an embedded Redis server."""

from bot.store.embedded import EmbeddedRedis, EmbeddedRedisError
from bot.store.redis import (
    CorruptStateError,
    RedisConsultationStore,
    StateVersionError,
    StoreError,
    connect,
)

__all__ = [
    "CorruptStateError",
    "EmbeddedRedis",
    "EmbeddedRedisError",
    "RedisConsultationStore",
    "StateVersionError",
    "StoreError",
    "connect",
]
