"""Django's Redis cache backend, with one Redis client per connection pool instead of one per operation.

Django's ``RedisCacheClient.get_client`` builds a new ``redis.Redis`` object for every cache operation;
with redis-py 8 that costs a few hundred microseconds (its table of response callbacks is rebuilt each
time), about as much as the round trip itself. A ``redis.Redis`` client is thread-safe (each command
takes a connection from the pool), so one client per pool does the same work without that cost.
"""

from django.core.cache.backends import redis as django_redis


class _RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _RedisCacheClient
