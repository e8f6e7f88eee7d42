"""Every wait on the database is bounded, so that a database that is gone, refusing or silent costs a request a
short, known time instead of Slack's whole 3 seconds, and a burst of requests can't pile up behind it.

- The server cancels a statement after `STATEMENT_SECONDS`; a round trip that gets no answer at all (a silent
  network) is given up after `ANSWER_SECONDS`;
  connecting takes at most 2 s, libpq's least; a free pooled connection is waited for `POOL_SECONDS`.
- A `Breaker` stops asking a database that has just failed: connection attempts then fail at once, and after a
  pause that doubles up to `LONGEST_PAUSE`, one attempt at a time finds out whether it is back.
"""

import threading
import time

import psycopg
from psycopg import errors as pg_errors
from sqlalchemy import Engine, event
from sqlalchemy.exc import DisconnectionError

STATEMENT_SECONDS = 1.2
ANSWER_SECONDS = 1.8  # longer than a statement may run, so only silence ends here
CONNECT_SECONDS = 2  # libpq's and psycopg's least
POOL_SECONDS = 0.25
SQLITE_BUSY_SECONDS = 2.0  # how long SQLite waits for another writer's lock
FIRST_PAUSE, LONGEST_PAUSE = 0.5, 8.0


class Breaker:
    """Closed while the database answers. Once it fails, attempts fail at once until a pause has passed; then
    one attempt at a time may try, and the first that succeeds closes it again."""

    def __init__(self, clock=time.monotonic):
        self.clock = clock
        self.lock = threading.Lock()
        self.failures = 0
        self.retry_at = 0.0
        self.probing = False

    @property
    def open(self) -> bool:
        return self.failures > 0

    def admit(self) -> bool:
        """May a connection attempt go ahead now?"""
        with self.lock:
            if not self.failures:
                return True
            if self.probing or self.clock() < self.retry_at:
                return False
            self.probing = True
            return True

    def failed(self) -> None:
        with self.lock:
            self.failures += 1
            self.retry_at = self.clock() + min(FIRST_PAUSE * 2 ** (self.failures - 1), LONGEST_PAUSE)
            self.probing = False

    def succeeded(self) -> None:
        with self.lock:
            self.failures, self.probing = 0, False


def _bounded_connection(breaker: Breaker) -> type[psycopg.Connection]:
    class BoundedConnection(psycopg.Connection):
        """A psycopg connection whose every wait for the server ends within ANSWER_SECONDS. One that does not
        is closed, so that the pool throws it away, and the breaker opens."""

        def wait(self, gen, interval: float = 0.1, timeout: float | None = None):
            try:
                return super().wait(gen, interval, ANSWER_SECONDS if timeout is None else timeout)
            except pg_errors._WaitTimeout:  # psycopg's own "no answer in time"; its state is lost: close it
                breaker.failed()
                self.close()
                raise psycopg.OperationalError(f"the database did not answer within {ANSWER_SECONDS} s") from None

    return BoundedConnection


def bound_postgresql(engine: Engine) -> Breaker:
    """Connect through bounded connections, guarded by a breaker, which also comes before every pre-ping (the
    engine's own `pool_pre_ping` must be off)."""
    breaker = Breaker()
    connection_class = _bounded_connection(breaker)

    @event.listens_for(engine, "do_connect")
    def _connect(dialect, record, cargs, cparams):
        if not breaker.admit():
            raise psycopg.OperationalError("the database failed a moment ago; Trellis waits before trying again")
        try:
            connection = connection_class.connect(*cargs, **cparams)
        except psycopg.OperationalError:
            breaker.failed()
            raise
        breaker.succeeded()
        return connection

    @event.listens_for(engine, "checkout")
    def _checkout(dbapi_connection, record, proxy):
        """The pool's pre-ping, after the breaker: while it is open a pooled connection isn't asked either."""
        if breaker.open:
            raise DisconnectionError("the database failed a moment ago")
        try:
            engine.dialect.do_ping(dbapi_connection)
        except psycopg.Error as error:  # a new connection is tried, through the breaker
            raise DisconnectionError(str(error)) from error

    return breaker


def bounded_options(url_backend: str) -> dict:
    """create_engine options that bound connecting, pooling and statements."""
    if url_backend == "sqlite":
        return {"connect_args": {"timeout": SQLITE_BUSY_SECONDS}}
    milliseconds = int(STATEMENT_SECONDS * 1000)
    return {
        "pool_timeout": POOL_SECONDS,
        "connect_args": {"connect_timeout": CONNECT_SECONDS, "options": f"-c statement_timeout={milliseconds}"},
    }
