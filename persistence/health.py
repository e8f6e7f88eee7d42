"""Is the database there? Is Redis? Plain words for /healthz, within a second whatever happens."""

import threading
import time
from collections.abc import Callable
from concurrent.futures import Future

from redis import Redis
from redis.exceptions import RedisError
from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

OK = "ok"
PROBE_SECONDS = 0.8  # /healthz answers within a second, even when a dependency never does


def database_state(engine: Engine) -> str:
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return OK
    except SQLAlchemyError as error:  # a pool timeout has no `orig`
        return f"unavailable: {type(getattr(error, 'orig', None) or error).__name__}"


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


class Probe:
    """Asks `check` in a thread of its own. Whoever asks while a question is still out gets the same one, so a
    hanging dependency holds one thread, not one a caller."""

    def __init__(self, check: Callable[[], str]):
        self.check = check
        self.lock = threading.Lock()
        self.asking: Future | None = None

    def ask(self) -> Future:
        with self.lock:
            if self.asking is None or self.asking.done():
                self.asking = Future()
                threading.Thread(target=self._ask, args=(self.asking,), name="probe", daemon=True).start()
            return self.asking

    def _ask(self, answer: Future) -> None:
        try:
            answer.set_result(self.check())
        except Exception as error:
            answer.set_result(f"unavailable: {type(error).__name__}")


def states(probes: dict[str, Probe], seconds: float = PROBE_SECONDS) -> dict[str, str]:
    """Every probe's answer, asked all at once and waited for at most `seconds` in all."""
    deadline = time.monotonic() + seconds
    asked = {name: probe.ask() for name, probe in probes.items()}
    answers = {}
    for name, answer in asked.items():
        try:
            answers[name] = answer.result(timeout=max(0.0, deadline - time.monotonic()))
        except TimeoutError:
            answers[name] = f"unavailable: no answer within {seconds} s"
    return answers
