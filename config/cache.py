"""A Redis cache that degrades to no cache when Redis is unreachable, instead of failing pages."""

import logging

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)


def _connection_errors():
    import redis

    return (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)


class ResilientRedisCache(RedisCache):
    def _or_fallback(self, fallback, call, *args, **kwargs):
        try:
            return call(*args, **kwargs)
        except _connection_errors() as error:
            logger.warning("Cache unavailable, serving without it: %s", error)
            return fallback

    def get(self, key, default=None, version=None):
        return self._or_fallback(default, super().get, key, default, version)

    def get_many(self, keys, version=None):
        return self._or_fallback({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._or_fallback(False, super().has_key, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._or_fallback(False, super().add, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._or_fallback(None, super().set, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._or_fallback(list(data), super().set_many, data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._or_fallback(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._or_fallback(False, super().delete, key, version)

    def delete_many(self, keys, version=None):
        return self._or_fallback(None, super().delete_many, keys, version)

    def incr(self, key, delta=1, version=None):
        return self._or_fallback(None, super().incr, key, delta, version)

    def clear(self):
        return self._or_fallback(False, super().clear)
