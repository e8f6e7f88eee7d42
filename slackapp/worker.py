"""The reminder worker: Huey consumers deliver reminders; a sweep plans them and queues the due ones.

RedisHuey when REDIS_URL is set (any number of workers share it); otherwise SqliteHuey beside the
database, consumed in-process, for a laptop. The database stays the source of truth: a lost queue entry
is queued again by the sweep, and a reminder is sent at most once whatever the queue does.
"""

import logging
import os
import sys
import threading
import time

from huey import RedisHuey, SqliteHuey
from huey.consumer import Consumer, Scheduler, Worker
from redis import ConnectionPool

from domain.reminders.engine import deliver, dispatch_due, plan_reminders
from persistence.rate_limits import PostingLimits
from slackapp.bootstrap import Services
from slackapp.installs.erasure import erase_uninstalled
from slackapp.metrics import count_delivery, count_reminders
from slackapp.reminders.sender import SlackReminderSender
from slackapp.shared.boundary import storage_failed

log = logging.getLogger("trellis.worker")
SWEEP_SECONDS = float(os.environ.get("REMINDER_SWEEP_SECONDS") or 15)
PLAN_SECONDS = float(os.environ.get("REMINDER_PLAN_SECONDS") or 300)  # planning walks everyone: less often
LONGEST_BACKOFF = 300.0  # seconds between sweeps while the database or Redis is gone
FIRST_RETRY = 1.0  # seconds before the queue is tried again after it failed; doubled each time, up to the above


def report(doing: str, error: Exception, retry_in: float | None = None) -> None:
    """An outage is one line, with when it is tried again; anything else, a bug, keeps its traceback."""
    if storage_failed(error):
        cause = getattr(error, "orig", None) or error
        again = f"; trying again in {retry_in:.0f} s" if retry_in is not None else ""
        log.warning("%s: storage unavailable (%s: %s)%s", doing, type(cause).__name__, ascii(str(cause))[:160], again)
    else:
        log.exception("%s failed", doing)


def make_huey(redis_url: str | None, sqlite_path: str = "trellis-queue.db"):
    if redis_url:  # connecting gives up soon, and a read outlasts a blocking dequeue's 1 s
        pool = ConnectionPool.from_url(redis_url, socket_connect_timeout=2, socket_timeout=5)
        return RedisHuey("trellis-reminders", connection_pool=pool, results=False)
    return SqliteHuey("trellis-reminders", filename=sqlite_path, results=False)


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


class ReminderEngine:
    def __init__(self, services: Services, huey, limits: PostingLimits | None = None):
        self.services = services
        self.huey = huey
        per_workspace = f"{services.settings.workspace_posts_per_minute}/minute"
        self.limits = limits or PostingLimits(services.limits_storage, per_workspace=per_workspace)
        unseen = {kind.name for kind in services.reminder_kinds} - set(services.reminder_views)
        if unseen:  # a reminder Slack can't show would be taken for sending and never sent
            raise ValueError(f"reminder kinds with no view in Slack: {', '.join(sorted(unseen))}")
        unsnoozable = frozenset(k.name for k in services.reminder_kinds if not getattr(k, "snoozes", True))
        self.sender = SlackReminderSender(
            services.clients, services.reminder_views, unsnoozable, services.reminder_uploads
        )
        self.deliver_task = huey.task(name="trellis.deliver_reminder")(self.deliver)
        self._plan_after = 0.0  # monotonic time of the next planning; the first sweep plans

    def enqueue(self, reminder_id: int, delay: float) -> None:
        self.deliver_task.schedule(args=(reminder_id,), delay=delay) if delay > 0 else self.deliver_task(reminder_id)

    def deliver(self, reminder_id: int):
        s = self.services
        try:
            state = deliver(
                reminder_id, s.reminder_queue, s.uow, s.clock, s.reminder_kinds, self.limits, self.sender, self.enqueue
            )
            count_delivery(state)
            return state
        except Exception as error:
            if not storage_failed(error):
                raise
            report(f"reminder {reminder_id}", error)  # still due in the database: a later sweep queues it again

    def sweep(self) -> int:
        """Queue what is due, planning first every PLAN_SECONDS; planning failing never stops the sending.

        Saving reminder settings plans that person's next reminder at once, so planning here only has to
        catch up with time passing.
        """
        s = self.services
        if time.monotonic() >= self._plan_after:
            self._plan_after = time.monotonic() + PLAN_SECONDS
            try:
                count_reminders("planned", plan_reminders(s.uow, s.reminder_queue, s.clock, s.reminder_kinds))
            except Exception as error:
                report("planning reminders", error)
            self.run_periodic()
        queued = dispatch_due(s.reminder_queue, s.clock, self.enqueue)
        count_reminders("queued", queued)
        return queued

    def run_periodic(self) -> None:
        """The services' periodic work (growth-chat rounds), for each workspace; one failing stops no other."""
        s = self.services
        try:
            erase_uninstalled(s)
        except Exception as error:
            report("erasing uninstalled workspaces", error)
        try:
            workspaces = s.reminder_queue.workspaces()
        except Exception as error:
            report("listing workspaces", error)
            return
        for job in s.periodic:
            for workspace in workspaces:
                try:
                    job(s, workspace)
                except Exception as error:
                    report(f"{job.__name__} in {workspace}", error)

    def run(self, stop: threading.Event, workers: int = 4, every: float = SWEEP_SECONDS) -> None:
        """Consume and sweep until `stop` is set."""
        consumer = EmbeddedConsumer(self.huey, workers=workers, worker_type="thread", periodic=False)
        consumer.start()
        failures = 0
        try:
            while not stop.is_set():
                pause = every
                try:
                    self.sweep()
                    failures = 0
                except Exception as error:  # the next sweep tries again, later each time it fails
                    failures += 1
                    pause = min(every * 2**failures, max(every, LONGEST_BACKOFF))
                    report("reminder sweep", error, retry_in=pause)
                stop.wait(pause)
        finally:
            consumer.stop(graceful=True)
