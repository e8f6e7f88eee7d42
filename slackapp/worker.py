"""The reminder worker: Huey consumers deliver reminders; a sweep plans them and queues the due ones.

RedisHuey when REDIS_URL is set (any number of workers share it); otherwise SqliteHuey beside the
database, consumed in-process, for a laptop. The database stays the source of truth: a lost queue entry
is queued again by the sweep, and a reminder is sent at most once whatever the queue does.
"""

import os
import threading
import time

from huey import RedisHuey, SqliteHuey
from redis import ConnectionPool

from domain.reminders.engine import deliver, dispatch_due, plan_reminders
from persistence.rate_limits import PostingLimits
from slackapp.bootstrap import Services
from slackapp.installs.erasure import erase_uninstalled
from slackapp.metrics import count_delivery, count_reminders
from slackapp.queue_consumer import LONGEST_BACKOFF, EmbeddedConsumer, report
from slackapp.reminders.sender import SlackReminderSender
from slackapp.shared.boundary import storage_failed

SWEEP_SECONDS = float(os.environ.get("REMINDER_SWEEP_SECONDS") or 15)
PLAN_SECONDS = float(os.environ.get("REMINDER_PLAN_SECONDS") or 300)  # planning walks everyone: less often


def make_huey(redis_url: str | None, sqlite_path: str = "trellis-queue.db"):
    if redis_url:  # connecting gives up soon, and a read outlasts a blocking dequeue's 1 s
        pool = ConnectionPool.from_url(redis_url, socket_connect_timeout=2, socket_timeout=5)
        return RedisHuey("trellis-reminders", connection_pool=pool, results=False)
    return SqliteHuey("trellis-reminders", filename=sqlite_path, results=False)


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
