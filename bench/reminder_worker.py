"""One reminder worker for bench.reminder_load: what `trellis worker` runs, with two settings it cannot take.

    python -m bench.reminder_worker

Like `trellis worker`, it bootstraps Trellis's services from the environment (DATABASE_URL, REDIS_URL,
SLACK_API_URL, SLACK_BOT_TOKEN) and runs `slackapp.worker.ReminderEngine.run` until SIGTERM or SIGINT. Unlike it:
  - PostingLimits' workspace budget is BENCH_PER_WORKSPACE (say "600/minute"); `trellis worker` always has the
    default, 300/minute;
  - the clock is the real clock moved to a chosen instant: BENCH_CLOCK="EPOCH ISO" reads ISO at the real time
    EPOCH (seconds since 1970) and runs at the real pace from there, so the benchmark can start at Monday
    09:00, when everyone's weekly check-in falls due.
BENCH_THREADS (Huey consumer threads, 8) and BENCH_SWEEP (seconds between sweeps, 15, as REMINDER_SWEEP_SECONDS)
set the rest. On exit it prints on stdout {"cpu": user + system seconds of this process, "sweeps": how many ran,
"sweep_cpu": CPU seconds of the sweeping thread inside them, "sweep_wall": their wall seconds, "outcomes": what
each delivery task returned: sent, queued (a Wait or a 429: tried again later), none (another worker has it)...}.
"""

import json
import logging
import os
import signal
import threading
import time
from collections import Counter
from datetime import datetime, timedelta

from persistence.rate_limits import PostingLimits, limits_storage
from slackapp.bootstrap import bootstrap, web_client
from slackapp.config import Settings
from slackapp.worker import ReminderEngine, make_huey


class CountingEngine(ReminderEngine):
    """ReminderEngine, counting what each delivery task returned."""

    def __init__(self, *args):
        self.outcomes: Counter = Counter()
        self.lock = threading.Lock()
        super().__init__(*args)  # binds the Huey task to this class's deliver

    def deliver(self, reminder_id: int):
        state = super().deliver(reminder_id)
        with self.lock:
            self.outcomes[str(state.value) if state else "none"] += 1
        return state


class ShiftedClock:
    """Real time, read from another instant: `instant` at the real time `epoch`."""

    def __init__(self, epoch: float, instant: datetime):
        self.epoch, self.instant = epoch, instant

    def now(self) -> datetime:
        return self.instant + timedelta(seconds=time.time() - self.epoch)


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")  # as cli.py
    epoch, instant = os.environ["BENCH_CLOCK"].split()
    settings = Settings.from_env()
    services = bootstrap(settings, clock=ShiftedClock(float(epoch), datetime.fromisoformat(instant)))
    limits = PostingLimits(limits_storage(settings.redis_url), per_workspace=os.environ["BENCH_PER_WORKSPACE"])
    engine = CountingEngine(services, web_client(settings), make_huey(settings.redis_url), limits)
    sweeps = {"sweeps": 0, "sweep_cpu": 0.0, "sweep_wall": 0.0}
    sweep = engine.sweep

    def timed_sweep() -> int:  # the same sweep, timed (run() calls self.sweep from its own thread)
        cpu, wall = time.thread_time(), time.monotonic()
        try:
            return sweep()
        finally:
            sweeps["sweeps"] += 1
            sweeps["sweep_cpu"] += time.thread_time() - cpu
            sweeps["sweep_wall"] += time.monotonic() - wall

    engine.sweep = timed_sweep
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    engine.run(
        stop, workers=int(os.environ.get("BENCH_THREADS") or 8), every=float(os.environ.get("BENCH_SWEEP") or 15)
    )
    services.engine.dispose()
    times = os.times()
    print(json.dumps({"cpu": times.user + times.system, **sweeps, "outcomes": engine.outcomes}), flush=True)


if __name__ == "__main__":
    main()
