"""A Redis cache that fails open: a down or hung Redis makes cache reads miss, never a request fail or hang.

Throttle counters and cached values are conveniences; losing them for the length of an outage is
better than failing requests. Every socket is bounded (connect and read), redis-py's own retries
are off (they would multiply the wait), and after a failure the cache is skipped for SKIP_SECONDS in
this process, so a hung Redis costs one socket timeout per process and pause, not one per call.
Failures are logged at most once per LOG_EVERY seconds.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any, ClassVar

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.backoff import NoBackoff
from redis.exceptions import RedisError
from redis.retry import Retry

log = logging.getLogger(__name__)
LOG_EVERY = 60.0
SKIP_SECONDS = 5.0
SOCKET_TIMEOUT = 0.25


class FailOpenRedisCache(RedisCache):
    """Django's RedisCache with short timeouts, no retries, and errors turned into misses (logged)."""

    #: Per server location, shared by the threads of a process: skip Redis until this monotonic time.
    _skip_until: ClassVar[dict[str, float]] = {}
    _last_logged: ClassVar[dict[str, float]] = {}

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        options = {"socket_connect_timeout": SOCKET_TIMEOUT, "socket_timeout": SOCKET_TIMEOUT,
                   "retry": Retry(NoBackoff(), 0), **params.get("OPTIONS", {})}
        super().__init__(server, {**params, "OPTIONS": options})
        self._location = str(server)

    def _guard(self, operation: str, call: Callable[[], Any], fallback: Any) -> Any:
        now = time.monotonic()
        if now < self._skip_until.get(self._location, 0.0):
            return fallback
        try:
            return call()
        except (RedisError, OSError) as exc:
            self._skip_until[self._location] = now + SKIP_SECONDS
            if now - self._last_logged.get(self._location, -LOG_EVERY) >= LOG_EVERY:
                self._last_logged[self._location] = now
                log.warning("Cache %s failed open (%s: %s); serving without the cache for %.0f s",
                            operation, type(exc).__name__, exc, SKIP_SECONDS)
            return fallback

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        """The cached value, or `default` when Redis is unreachable."""
        return self._guard("get", lambda: super(FailOpenRedisCache, self).get(key, default, version), default)

    def get_many(self, keys: Any, version: int | None = None) -> dict[Any, Any]:
        """Cached values found; none when Redis is unreachable."""
        return self._guard("get_many", lambda: super(FailOpenRedisCache, self).get_many(keys, version), {})

    def set(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> None:
        """Store, or drop the value when Redis is unreachable."""
        self._guard("set", lambda: super(FailOpenRedisCache, self).set(key, value, timeout, version), None)

    def add(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        """Store if absent; False when Redis is unreachable."""
        return self._guard("add", lambda: super(FailOpenRedisCache, self).add(key, value, timeout, version), False)

    def delete(self, key: Any, version: int | None = None) -> bool:
        """Delete; False when Redis is unreachable."""
        return self._guard("delete", lambda: super(FailOpenRedisCache, self).delete(key, version), False)

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        """Increment; a missing key raises ValueError as usual, an unreachable Redis counts from `delta`."""
        return self._guard("incr", lambda: super(FailOpenRedisCache, self).incr(key, delta, version), delta)

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        """Refresh a key's expiry; False when Redis is unreachable."""
        return self._guard("touch", lambda: super(FailOpenRedisCache, self).touch(key, timeout, version), False)
