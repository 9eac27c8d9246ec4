"""Django's Redis cache, kept working while Redis does not answer (docs/degraded-service.md).

Only sign-in rate limits and one-time-code replay checks (allauth) live in the cache; sessions
and sign-in lockouts (django-axes) are in the database. When Redis is unreachable each call falls
back to a memory cache in the process (logged once per outage), so signing in keeps working and
those checks go on per process, instead of every sign-in answering 500.
"""

import logging
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

log = logging.getLogger(__name__)
UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)
RETRY_AFTER = 5.0  # seconds before Redis is tried again after a failure
METHODS = (
    "add", "get", "set", "touch", "delete", "has_key", "incr", "decr",
    "get_many", "set_many", "delete_many", "clear",
)  # fmt: skip


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._fallback = LocMemCache(f"redis-fallback-{server}", params)
        self._down_until = 0.0


def _resilient(name):
    primary = getattr(RedisCache, name)

    def method(self, *args, **kwargs):
        if time.monotonic() >= self._down_until:
            try:
                result = primary(self, *args, **kwargs)
            except UNAVAILABLE as exc:
                if not self._down_until:
                    log.warning("Redis cache unavailable (%s): using a memory cache", exc)
                self._down_until = time.monotonic() + RETRY_AFTER
            else:
                if self._down_until:
                    log.warning("Redis cache available again")
                    self._down_until = 0.0
                return result
        return getattr(self._fallback, name)(*args, **kwargs)

    method.__name__ = name
    return method


for _name in METHODS:
    setattr(ResilientRedisCache, _name, _resilient(_name))
