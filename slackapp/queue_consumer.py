"""Huey's consumer, run inside a Trellis process; while the queue's storage (Redis) is down its threads wait, and the
outage is a line in the log now and then, not a traceback several times a second."""

import logging
import sys
import threading
import time

from huey.consumer import Consumer, Scheduler, Worker

from slackapp.shared.boundary import storage_failed

log = logging.getLogger("trellis.worker")
LONGEST_BACKOFF = 300.0  # seconds between tries while the database or Redis is gone
FIRST_RETRY = 1.0  # seconds before the queue is tried again after it failed; doubled each time, up to the above


def report(doing: str, error: Exception, retry_in: float | None = None) -> None:
    """An outage is one line, with when it is tried again; anything else, a bug, keeps its traceback."""
    if storage_failed(error):
        cause = getattr(error, "orig", None) or error
        again = f"; trying again in {retry_in:.0f} s" if retry_in is not None else ""
        log.warning("%s: storage unavailable (%s: %s)%s", doing, type(cause).__name__, ascii(str(cause))[:160], again)
    else:
        log.exception("%s failed", doing)


class QueueOutage:
    """The queue's storage (Redis) down, shared by the consumer's threads. Left alone, each of them would log a
    traceback several times a second. Instead one thread at a time tries again, after a pause that doubles from
    FIRST_RETRY to LONGEST_BACKOFF, and each try that fails is one line in the log."""

    def __init__(self, first: float = FIRST_RETRY, longest: float = LONGEST_BACKOFF):
        self.first, self.longest = first, longest
        self.failures = 0
        self._retry_at = 0.0
        self._trying: int | None = None  # the thread trying again
        self._lock = threading.Lock()

    def wait_turn(self, stop: threading.Event, may_try: bool = True) -> bool:
        """True when this thread may use the queue: at once unless it is down, else when it is this thread's turn to
        try again (never, unless `may_try`); False once `stop` is set."""
        while not stop.is_set():
            with self._lock:
                if not self.failures:
                    return True
                left = self._retry_at - time.monotonic()
                if may_try and left <= 0 and self._trying is None:
                    self._trying = threading.get_ident()
                    return True
            stop.wait(min(max(left, 0.1), 1.0))
        return False

    def failed(self, error: Exception) -> None:
        with self._lock:
            if self.failures and self._trying != threading.get_ident():
                return  # another thread has already told of this outage
            self._trying = None
            self.failures += 1
            pause = min(self.first * 2 ** (self.failures - 1), self.longest)
            self._retry_at = time.monotonic() + pause
        report("reminder queue", error, retry_in=pause)

    def passed(self) -> None:
        """This thread's turn went without failure: the queue is back if it was this thread's to try."""
        with self._lock:
            if not self.failures or self._trying != threading.get_ident():
                return
            self.failures, self._trying = 0, None
        log.info("reminder queue: storage answers again")


class _OutageLog:
    """Huey's thread's logger: a storage failure is the outage's (one line, at most, per try); anything else is
    logged as Huey logs it, with its traceback."""

    def __init__(self, logger: logging.Logger, outage: QueueOutage):
        self.logger, self.outage = logger, outage

    def exception(self, message, *args, **kwargs) -> None:
        error = sys.exc_info()[1]
        if isinstance(error, Exception) and storage_failed(error):
            self.outage.failed(error)
        else:
            self.logger.exception(message, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.logger, name)


class _WaitsOutOutages:
    """For Huey's worker and scheduler threads: wait while the queue's storage is down, and each try tells the
    outage how it went. (Huey logs and swallows each failure itself, so its logger is where they are seen.)"""

    outage: QueueOutage
    tries_again = True  # a thread whose every loop uses the queue, which shows whether it is back

    def watch(self, outage: QueueOutage):
        self.outage = outage
        self._logger = _OutageLog(self._logger, outage)
        return self

    def loop(self, now=None):
        if not self.outage.wait_turn(self.stop_flag, self.tries_again):
            return
        failures = self.outage.failures
        super().loop(now)
        if self.outage.failures == failures:
            self.outage.passed()


class _QueueWorker(_WaitsOutOutages, Worker):
    pass


class _QueueScheduler(_WaitsOutOutages, Scheduler):
    tries_again = False  # it may skip a loop, and would take that for the queue's answer


class EmbeddedConsumer(Consumer):
    """Huey's consumer, run inside our process: the process, not Huey, owns its signal handlers; and while the
    queue's storage is down its threads wait, one trying again now and then (QueueOutage)."""

    worker_class = _QueueWorker
    scheduler_class = _QueueScheduler

    def __init__(self, huey, **options):
        self.outage = QueueOutage()
        super().__init__(huey, **options)

    def _create_worker(self):
        return super()._create_worker().watch(self.outage)

    def _create_scheduler(self):
        return super()._create_scheduler().watch(self.outage)

    def _set_signal_handlers(self):
        pass
