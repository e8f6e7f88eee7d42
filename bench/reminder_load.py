"""2,000 due reminders through `trellis worker`, against a fake Slack that enforces the posting limits.

    .venv/bin/python -m bench.reminder_load [--reminders 2000] [--per-minute 600] [--engines 2] [--own-redis]

The fake (bench.limited_slack, its own process) answers chat.postMessage with 429 and Retry-After past 1 message
a second per channel or PER_MINUTE messages in the last 60 s per workspace. 2,000 people each have one active
goal and weekly reminder preferences whose day and time are today and this minute (in a time zone where it is
about noon), so each person's check-in is due at once. ENGINES `trellis worker` processes, told the fake's
workspace budget through REMINDER_POSTS_PER_MINUTE, plan, claim and send them on the real clock.
bench/README.md says what each figure means.
"""

import argparse
import contextlib
import json
import math
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from zoneinfo import ZoneInfo

import redis

from bench.goal_load import cpu_seconds, database, database_options, free_port, source_version, stop_process
from bench.limited_slack import WINDOW
from domain.goals.model import GoalForm
from domain.goals.services import set_goal
from domain.people.members import Member
from domain.reminders.preferences import Cadence, Preferences
from domain.shared.clock import SystemClock
from domain.shared.workspace import WorkspaceKey
from persistence.database import is_sqlite, make_engine, upgrade
from slackapp.bootstrap import bootstrap
from slackapp.config import Settings
from tests.examples import GOOD_GOAL

ROOT = Path(__file__).resolve().parent.parent
WORKSPACE = WorkspaceKey("", "T1")  # the fake's team
SENTINEL = "bench:reminder_load"
SETTLE = 5.0  # seconds to wait after the last reminder, for any duplicate still on its way


class Fake:
    def __init__(self, per_minute: int, log):
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bench.limited_slack", str(per_minute)],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
            start_new_session=True,
        )
        self.api_url = self.ask(None)["api_url"]

    def ask(self, command: str | None) -> dict:
        if command:
            self.proc.stdin.write(command + "\n")
            self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("the fake Slack exited")
        return json.loads(line)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.proc.stdin.close()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(5)
        stop_process(self.proc)


def noon_zone(now: datetime) -> str:
    """A fixed-offset zone where it is between 12:00 and 13:00 now: hours from any day's edge, whenever it runs."""
    offset = 12 - now.astimezone(UTC).hour  # -11 to +12 hours from UTC
    return f"Etc/GMT{-offset:+d}"  # POSIX sign: Etc/GMT-5 is five hours ahead of UTC


def due_now(zone: str, now: datetime) -> Preferences:
    """Weekly check-ins on today's weekday at this minute (so due at once), every day a working day, all day long."""
    local = now.astimezone(ZoneInfo(zone))
    return Preferences(
        cadence=Cadence.WEEKLY,
        weekday=local.weekday(),
        at=clock_time(local.hour, local.minute),
        working_days=frozenset(range(7)),
        work_start=clock_time(0, 0),
        work_end=clock_time(23, 59),
    )


def add_people(database_url: str, users: list[str], now: datetime) -> str:
    """One active goal each, saved through domain.goals.services.set_goal, and reminder preferences due now,
    saved through the reminders repository (saving them through /growth settings would also plan them; here the
    workers' own first sweep plans everyone, as after a deploy). Returns the people's time zone."""
    zone = noon_zone(now)
    prefs = due_now(zone, now)
    clock = SystemClock()
    services = bootstrap(Settings(database_url=database_url), clock=clock)
    form = {**GOOD_GOAL, "due_on": (now + timedelta(days=120)).date().isoformat()}

    def add(user: str) -> None:
        member = Member(user, user, zone, clock.now())
        set_goal(services.uow(WORKSPACE), clock, member, GoalForm(**{**form, "title": f"Goal of {user} for the year"}))
        with services.uow(WORKSPACE) as uow:
            uow.reminders.save_preferences(user, prefs)
            uow.commit()

    try:
        with ThreadPoolExecutor(8) as pool:
            list(pool.map(add, users))
    finally:
        services.engine.dispose()
    return zone


def state_counts(database_url: str) -> dict[str, int]:
    services = bootstrap(Settings(database_url=database_url))
    try:
        return services.reminder_queue.counts()
    finally:
        services.engine.dispose()


def worker_command() -> list[str]:
    """`trellis worker`: the console script beside this Python, else its entry point through -m."""
    script = Path(sys.executable).with_name("trellis")
    return [str(script), "worker"] if script.exists() else [sys.executable, "-m", "slackapp.cli", "worker"]


def stop_workers(procs: list[subprocess.Popen], timeout: float = 30) -> list[float | None]:
    """SIGTERM every worker (each finishes the tasks in hand and exits), reap each, and return each one's user +
    system CPU seconds from the kernel's resource usage of the child (wait4); None for one that had to be killed."""
    for proc in procs:
        with contextlib.suppress(ProcessLookupError):
            proc.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + timeout
    cpu = []
    for proc in procs:
        killed = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline and not killed:
                proc.kill()
                killed = True
            time.sleep(0.1)
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait for it again
        cpu.append(None if killed else usage.ru_utime + usage.ru_stime)
    return cpu


@contextlib.contextmanager
def own_redis(tmp: Path):
    """A redis-server of our own on a free loopback port, so nobody else's FLUSHALL reaches the run."""
    port = free_port()
    proc = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        cwd=tmp,
        stdout=(tmp / "redis.log").open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        url = f"redis://127.0.0.1:{port}/15"
        for _ in range(100):
            with contextlib.suppress(redis.ConnectionError):
                if redis.Redis.from_url(url).ping():
                    break
            time.sleep(0.1)
        yield url
    finally:
        stop_process(proc)


def measure(args, tmp: Path) -> dict:
    if args.own_redis:
        with own_redis(tmp) as url:
            args.redis_url = url
            return measure_on(args, tmp)
    return measure_on(args, tmp)


def measure_on(args, tmp: Path) -> dict:
    store = redis.Redis.from_url(args.redis_url)
    store.flushdb()  # the queue and the rate-limit counters start empty
    store.set(SENTINEL, 1)  # gone at the end if something flushed this Redis mid-run (a test's FLUSHALL, say)
    users = [f"U{n:05d}" for n in range(args.reminders)]
    with contextlib.ExitStack() as stack:
        database_url = stack.enter_context(database(args.database, args.postgres_url, tmp))
        if not is_sqlite(database_url):
            upgrade(make_engine(database_url))  # what `trellis migrate` does
        started = time.monotonic()
        zone = add_people(database_url, users, datetime.now(UTC))
        setup_seconds = time.monotonic() - started
        print(
            f"setup: {len(users)} people with a goal, check-ins due now ({zone}), in {setup_seconds:.1f} s",
            file=sys.stderr,
        )

        fake = Fake(args.per_minute, (tmp / "fake.log").open("w"))
        stack.callback(fake.close)
        drop = ("SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", "REMINDER_POSTS_PER_MINUTE")
        env = {
            **{k: v for k, v in os.environ.items() if k not in drop},
            "SLACK_BOT_TOKEN": "xoxb-bench",
            "SLACK_API_URL": fake.api_url,
            "DATABASE_URL": database_url,
            "REDIS_URL": args.redis_url,
            "REMINDER_POSTS_PER_MINUTE": str(args.per_minute),  # the fake's workspace budget
            "REMINDER_SWEEP_SECONDS": f"{args.sweep:g}",
            "REMINDER_PLAN_SECONDS": f"{args.plan:g}",
        }
        launched = time.monotonic()
        workers = []
        for n in range(args.engines):
            proc = subprocess.Popen(
                worker_command(),
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=(tmp / f"worker{n}.log").open("w"),
                start_new_session=True,
            )
            workers.append(proc)
            stack.callback(stop_process, proc)

        deadline = launched + args.timeout
        done_at = None
        while time.monotonic() < deadline:
            time.sleep(1.0)
            count = fake.ask("count")
            if count["channels"] >= len(users) and done_at is None:
                done_at = time.monotonic()
            if done_at is not None and time.monotonic() >= done_at + SETTLE:
                break
            if any(p.poll() is not None for p in workers):
                raise RuntimeError(f"a worker exited; see {tmp}/worker*.log")
        fake_cpu = cpu_seconds(fake.proc.pid)
        cpu = stop_workers(workers)
        stats = fake.ask("stats")
        counts = state_counts(database_url)
        redis_flushed = not store.exists(SENTINEL)
        store.close()
    logs = "".join((tmp / f"worker{n}.log").read_text() for n in range(args.engines))
    exits = [p.returncode for p in workers]
    return summarise(
        args, users, launched, stats, counts, cpu, exits, fake_cpu, logs, done_at is None, redis_flushed, zone
    )


def summarise(args, users, launched, stats, counts, cpu, exits, fake_cpu, logs, timed_out, redis_flushed, zone) -> dict:
    posts = sorted(stats["posts"], key=lambda p: p[1])
    per_channel = Counter(channel for channel, _ in posts)
    first = posts[0][1] if posts else launched
    last = posts[-1][1] if posts else launched
    k, n = len(posts), args.per_minute
    ideal = WINDOW * (math.ceil(k / n) - 1)  # the K-th post's earliest time, bursts of n taking no time at all
    minutes = Counter(int((t - first) // WINDOW) for _, t in posts)
    refused = Counter(reason for _, _, reason in stats["refused"])
    tasks = len(re.findall(r"Executing \S*trellis\.deliver_reminder:", logs))
    calls = stats["methods"].get("chat.postMessage", 0)  # accepted or answered 429
    threads = sorted({int(t) for t in re.findall(r"Huey consumer started with (\d+) thread", logs)})
    return {
        "reminders": len(users),
        "per_minute": n,
        "engines": args.engines,
        "huey_threads_per_engine": threads,
        "sweep_seconds": args.sweep,
        "plan_seconds": args.plan,
        "time_zone": zone,
        "worker": " ".join(worker_command()),
        "timed_out": timed_out,
        "accepted_posts": k,
        "first_post_after_launch_s": round(first - launched, 2),
        "first_to_last_post_s": round(last - first, 2),
        "launch_to_last_post_s": round(last - launched, 2),
        "ideal_first_to_last_s": ideal,
        "rate_ratio": round(ideal / (last - first), 3) if ideal and last > first else None,
        "rate_ratio_from_launch": round(ideal / (last - launched), 3) if ideal and last > launched else None,
        "posts_per_s": round(k / (last - first), 2) if last > first else None,
        "nominal_rate_per_s": round(n / WINDOW, 2),
        "posts_per_minute": [minutes[m] for m in range(max(minutes) + 1)] if minutes else [],
        "max_in_any_60s": max_in_window(posts),
        "duplicates": sum(c - 1 for c in per_channel.values()),
        "lost": len(set(users) - set(per_channel)),
        "states": counts,
        "responses_429": len(stats["refused"]),
        "responses_429_by_limit": dict(refused),
        "block_errors": len(stats["block_errors"]),
        "calls_by_method": stats["methods"],
        "deliver_tasks_run": tasks,
        "deliver_tasks_calling_slack": calls,
        "deliver_tasks_not_calling_slack": tasks - calls,
        "worker_errors": sum(1 for line in logs.splitlines() if " ERROR " in line or " CRITICAL " in line),
        "worker_exit_codes": exits,
        "engine_cpu_s": [None if c is None else round(c, 2) for c in cpu],
        "engine_cpu_ms_per_reminder": (None if None in cpu else round(sum(cpu) * 1000 / len(users), 2)),
        "redis": "own redis-server" if args.own_redis else args.redis_url,
        "redis_flushed_during_run": redis_flushed,
        "fake_cpu_ms_per_reminder": round(fake_cpu * 1000 / len(users), 2),
    }


def max_in_window(posts: list) -> int:
    """The most posts the fake accepted in any 60 s: never more than the limit, or the fake is wrong."""
    times, best, start = [t for _, t in posts], 0, 0
    for end, t in enumerate(times):
        while times[start] <= t - WINDOW:
            start += 1
        best = max(best, end - start + 1)
    return best


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reminders", type=int, default=2000, help="people, each with one check-in due (2000)")
    parser.add_argument("--per-minute", type=int, default=600, help="the fake's workspace limit (600)")
    parser.add_argument("--engines", type=int, default=2, help="worker processes (2)")
    parser.add_argument("--sweep", type=float, default=15, help="REMINDER_SWEEP_SECONDS, between sweeps (15)")
    parser.add_argument("--plan", type=float, default=300, help="REMINDER_PLAN_SECONDS, between plannings (300)")
    parser.add_argument("--timeout", type=float, default=300, help="give up this long after launch (300)")
    database_options(parser)
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/15", help="flushed first (db 15)")
    parser.add_argument("--own-redis", action="store_true", help="start a redis-server of our own instead")
    parser.add_argument("--json", help="write the summary here too")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="trellis-reminders-") as tmp:
        try:
            summary = measure(args, Path(tmp))
        except BaseException:
            for log in sorted(Path(tmp).glob("*.log")):
                print(f"--- {log.name} (last lines)", file=sys.stderr)
                print("\n".join(log.read_text().splitlines()[-20:]), file=sys.stderr)
            raise
    summary["commit"] = source_version()
    print(json.dumps(summary, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(summary, indent=2))
    ok = summary["duplicates"] == 0 and summary["lost"] == 0 and not summary["timed_out"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
