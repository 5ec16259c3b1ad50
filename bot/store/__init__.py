"""Storage adapters: the Redis consultation store and an embedded Redis server."""

from bot.store.client import connect
from bot.store.codec import CorruptStateError, StateVersionError, StoreError
from bot.store.embedded import EmbeddedRedis, EmbeddedRedisError
from bot.store.health import Readiness, check_ready
from bot.store.redis import RedisConsultationStore
from bot.store.steps import NotReplicated, StoreUnavailable

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
