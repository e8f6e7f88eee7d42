"""Is the database there? Is Redis? Plain words for /healthz."""

from redis import Redis
from redis.exceptions import RedisError
from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

OK = "ok"


def database_state(engine: Engine) -> str:
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return OK
    except SQLAlchemyError as error:
        return f"unavailable: {type(error.orig or error).__name__}"


def redis_state(client: Redis | None) -> str:
    if client is None:
        return "not configured"
    try:
        client.ping()
        return OK
    except RedisError as error:
        return f"unavailable: {type(error).__name__}"


def connect_redis(url: str | None) -> Redis | None:
    """A client that fails fast, so a dead Redis never stalls a request for long."""
    if not url:
        return None
    return Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2, health_check_interval=30)
