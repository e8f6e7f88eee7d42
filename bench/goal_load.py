"""`/goal` under concurrent load: `trellis serve` against a bare Bolt app, same server settings, same run.

    .venv/bin/python -m bench.goal_load [--duration 10] [--rounds 4] [--concurrency 16] [--database sqlite]

One fake Slack Web API (bench.fake_slack, its own process) serves both apps. Both run under
`slackapp.server.run_gunicorn` with identical env, and get the same closed-loop load of signed `/goal`
requests, each from a different person (Trellis allows one person about 30 commands a minute), measured in
alternating phases (bare, Trellis, Trellis, bare, ...).
bench/README.md says what each figure means.
"""

import argparse
import contextlib
import http.client
import itertools
import json
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from sqlalchemy import create_engine, make_url, text

from slackapp.bootstrap import LISTENER_THREADS
from slackapp.server import gunicorn_defaults
from tests.slack_driver import signed_headers

ROOT = Path(__file__).resolve().parent.parent
SECRET = "bench-signing-secret"
TRIGGER_LIFETIME = 3.0  # Slack's trigger_id expires 3 s after the command
DRAIN_TIMEOUT = 30.0  # at most this long waiting for the views.open calls of one phase
APPS = {  # name: (command, readiness path, readiness statuses)
    "bare": ([sys.executable, "-m", "bench.bare_app"], "/slack/events", None),
    "trellis": ([sys.executable, "-m", "slackapp.cli", "serve"], "/healthz", {200}),
}


def slack_id(text: str) -> str:
    """An id of the shape Slack gives (upper-case letters and digits): Trellis refuses any other."""
    return re.sub("[^A-Z0-9]", "", text.upper())[:32]


class Fake:
    """The fake Slack Web API subprocess, and every views.open it has seen."""

    def __init__(self, users: int, log):
        command = [sys.executable, "-m", "bench.fake_slack", str(users)]
        self.proc = subprocess.Popen(
            command,
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
            start_new_session=True,
        )
        self.api_url = self._read()["api_url"]
        self.opened: dict[str, float] = {}  # trigger_id -> when views.open reached the fake (monotonic)
        self.counts: Counter = Counter()
        self.view_errors: list[str] = []
        self.checked = 0  # views the fake checked with slack_sdk's models

    def _read(self) -> dict:
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("the fake Slack exited")
        return json.loads(line)

    def _ask(self, command: str) -> dict:
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        return self._read()

    def validate(self, on: bool) -> None:
        self._ask(f"validate {'on' if on else 'off'}")

    def poll(self) -> None:
        answer = self._ask("drain")
        for method, trigger, at in answer["calls"]:
            self.counts[method] += 1
            if method == "views.open":
                self.opened[trigger] = at
        self.view_errors += answer["view_errors"]
        self.checked = answer["checked"]

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.proc.stdin.close()
        stop_process(self.proc)


@dataclass
class Server:
    name: str
    port: int
    proc: subprocess.Popen
    log: Path

    def wait_ready(self, path: str, statuses: set[int] | None, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.proc.returncode}")
            with contextlib.suppress(OSError):
                status = request(self.port, "GET", path)  # None: any HTTP answer will do
                if statuses is None or status in statuses:
                    return
            time.sleep(0.2)
        raise RuntimeError(f"{self.name} was not ready on port {self.port} after {timeout:.0f} s")

    def stop(self) -> None:
        stop_process(self.proc)


def stop_process(proc: subprocess.Popen) -> None:
    """Stop a process we started and its process group (gunicorn's master and workers)."""
    if proc.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, sig)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(wait)
            return


def cpu_seconds(pgid: int) -> float:
    """User + system CPU time of the live processes in a process group, from Linux's /proc."""
    ticks = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = stat.read_text().rsplit(")", 1)[1].split()  # fields[0] is field 3 of proc(5), `state`
            if int(fields[2]) == pgid:
                ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def own_cpu_seconds() -> float:
    times = os.times()
    return times.user + times.system


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def request(port: int, method: str, path: str, body: str | None = None, headers: dict | None = None) -> int:
    """One request on a fresh loopback connection; the HTTP status."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request(method, path, body, {**(headers or {}), "Connection": "close"})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def goal_command(trigger_id: str, user: str, api_url: str) -> str:
    """The form body Slack posts for `/goal` (as in tests/slack_driver.py)."""
    return urlencode(
        {
            "token": "legacy",
            "team_id": "T1",
            "team_domain": "bench",
            "channel_id": "C1",
            "channel_name": "general",
            "user_id": user,
            "user_name": user.lower(),
            "command": "/goal",
            "text": "",
            "api_app_id": "A1",
            "response_url": api_url + "response",
            "trigger_id": trigger_id,
        }
    )


@dataclass
class Phase:
    app: str
    label: str
    sent: dict[str, float] = field(default_factory=dict)  # acked trigger_id -> when its request was sent
    ack_seconds: list[float] = field(default_factory=list)
    errors: Counter = field(default_factory=Counter)
    started: float = 0.0
    ended: float = 0.0
    calls: Counter = field(default_factory=Counter)  # calls the fake saw from the start to the drained end
    opened: dict[str, float] = field(default_factory=dict)  # trigger_id -> when views.open reached the fake
    cpu: Counter = field(default_factory=Counter)  # CPU seconds from the start to the drained end

    @property
    def seconds(self) -> float:
        return self.ended - self.started

    @property
    def opened_in_window(self) -> int:
        return sum(1 for at in self.opened.values() if at <= self.ended)

    @property
    def modal_seconds(self) -> list[float]:
        return [self.opened[t] - sent for t, sent in self.sent.items() if t in self.opened]


def run_phase(label: str, server: "Server", fake: Fake, args) -> Phase:
    """Closed loop: `concurrency` threads post `/goal` back to back for `duration` s; then wait for the modals."""
    phase, port = Phase(server.name, label), server.port
    numbers = itertools.count()
    lock = threading.Lock()
    before = Counter(fake.counts)
    cpu = {
        "server": lambda: cpu_seconds(server.proc.pid),  # gunicorn's process group: master and workers
        "fake": lambda: cpu_seconds(fake.proc.pid),
        "client": own_cpu_seconds,  # this process: the load generator
    }
    cpu_before = {name: read() for name, read in cpu.items()}
    phase.started = time.monotonic()
    deadline = phase.started + args.duration

    def client() -> None:
        while time.monotonic() < deadline:
            n = next(numbers)
            if n >= args.max_requests:
                return
            trigger = f"{label}.{n}"
            # A person per request: Trellis allows a person about 30 commands a minute, and this measures /goal.
            body = goal_command(trigger, slack_id(f"U{label}{n}"), fake.api_url)
            headers = signed_headers(body, secret=SECRET)
            sent = time.monotonic()
            try:
                status = request(port, "POST", "/slack/events", body, headers)
            except OSError as error:
                status = type(error).__name__
            took = time.monotonic() - sent
            with lock:
                if status == 200:
                    phase.sent[trigger] = sent
                    phase.ack_seconds.append(took)
                else:
                    phase.errors[f"HTTP {status}" if isinstance(status, int) else status] += 1

    threads = [threading.Thread(target=client, daemon=True) for _ in range(args.concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(args.duration + 30)
    phase.ended = time.monotonic()

    drain_deadline = time.monotonic() + DRAIN_TIMEOUT
    while True:
        fake.poll()
        missing = [t for t in phase.sent if t not in fake.opened]
        if not missing or time.monotonic() > drain_deadline:
            break
        time.sleep(0.2)
    phase.opened = {t: fake.opened[t] for t in phase.sent if t in fake.opened}
    phase.calls = fake.counts - before
    phase.cpu = Counter({name: read() - cpu_before[name] for name, read in cpu.items()})
    return phase


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def summarise(phases: list[Phase]) -> dict:
    seconds = sum(p.seconds for p in phases)
    acked = sum(len(p.sent) for p in phases)
    acks = [s for p in phases for s in p.ack_seconds]
    modals = [s for p in phases for s in p.modal_seconds]
    return {
        "seconds": seconds,
        "acked": acked,
        "errors": sum(sum(p.errors.values()) for p in phases),
        "error_kinds": dict(sum((p.errors for p in phases), Counter())),
        "acks_per_s": acked / seconds,
        "opens_per_s": sum(p.opened_in_window for p in phases) / seconds,
        **{f"ack_p{q}_ms": percentile(acks, q) * 1000 for q in (50, 95, 99)},
        **{f"modal_p{q}_ms": percentile(modals, q) * 1000 for q in (50, 95, 99)},
        "modals_missing": acked - len(modals),
        "modals_late": sum(1 for s in modals if s > TRIGGER_LIFETIME),
        "users_info_calls": sum(p.calls["users.info"] for p in phases),
        **{f"{name}_cpu_ms": sum(p.cpu[name] for p in phases) * 1000 / acked for name in ("server", "fake", "client")},
    }


def source_version() -> str:
    """The commit measured, and whether the working tree had changes (read-only git)."""
    git = ["git", "--no-optional-locks", "-C", str(ROOT)]  # never writes the index
    try:
        commit = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=10)
        dirty = subprocess.run(
            [*git, "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return commit.stdout.strip() + (" with uncommitted changes" if dirty.stdout.strip() else "")


def report(phases: list[Phase], args, command: str) -> dict:
    print(f"\n$ {command}\ncommit {source_version()}")
    server = {k: v for k, v in gunicorn_defaults(0).items() if k in ("workers", "worker_class", "threads")}
    print(
        f"{os.cpu_count()} CPUs; gunicorn {server}, {LISTENER_THREADS} Bolt listener threads; "
        f"{args.concurrency} concurrent clients, {args.users} users, {args.rounds} rounds of {args.duration:g} s "
        f"per app; database {args.database}\n"
    )
    print(
        "| phase | app | acked/s | views.open/s | ack p50 / p95 / p99 ms | modal p50 / p95 / p99 ms "
        "| server CPU ms/req | errors |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for p in phases:
        s = summarise([p])
        print(
            f"| {p.label} | {p.app} | {s['acks_per_s']:.0f} | {s['opens_per_s']:.0f} "
            f"| {s['ack_p50_ms']:.0f} / {s['ack_p95_ms']:.0f} / {s['ack_p99_ms']:.0f} "
            f"| {s['modal_p50_ms']:.0f} / {s['modal_p95_ms']:.0f} / {s['modal_p99_ms']:.0f} "
            f"| {s['server_cpu_ms']:.2f} | {s['errors']} |"
        )
    bare = summarise([p for p in phases if p.app == "bare"])
    trellis = summarise([p for p in phases if p.app == "trellis"])
    rows = [
        ("acked requests/s", "acks_per_s", "{:.0f}"),
        ("views.open/s at the fake", "opens_per_s", "{:.0f}"),
        *((f"ack latency p{q} (ms)", f"ack_p{q}_ms", "{:.1f}") for q in (50, 95, 99)),
        *((f"modal latency p{q} (ms)", f"modal_p{q}_ms", "{:.1f}") for q in (50, 95, 99)),
        ("app server CPU per request (ms)", "server_cpu_ms", "{:.2f}"),
        ("fake Slack CPU per request (ms)", "fake_cpu_ms", "{:.2f}"),
        ("load generator CPU per request (ms)", "client_cpu_ms", "{:.2f}"),
    ]
    print("\n| all rounds | bare | Trellis | Trellis ÷ bare |\n|---|---:|---:|---:|")
    for title, key, form in rows:
        print(f"| {title} | {form.format(bare[key])} | {form.format(trellis[key])} | {trellis[key] / bare[key]:.2f} |")
    for title, key in (
        ("acked requests", "acked"),
        ("errors (not 200)", "errors"),
        ("modals never opened", "modals_missing"),
        ("modals opened > 3 s after the command", "modals_late"),
        ("users.info calls", "users_info_calls"),
    ):
        print(f"| {title} | {bare[key]} | {trellis[key]} | |")
    if bare["error_kinds"] or trellis["error_kinds"]:
        print(f"\nerrors: bare {bare['error_kinds']}, trellis {trellis['error_kinds']}")
    per_round = [
        summarise([t])["opens_per_s"] / summarise([b])["opens_per_s"]
        for b, t in zip([p for p in phases if p.app == "bare"], [p for p in phases if p.app == "trellis"], strict=True)
    ]
    print(
        f"\nRatio (Trellis ÷ bare): views.open/s {trellis['opens_per_s'] / bare['opens_per_s']:.2f}, "
        f"acked/s {trellis['acks_per_s'] / bare['acks_per_s']:.2f} (target 0.9 or more); "
        f"views.open/s per round: {', '.join(f'{r:.2f}' for r in per_round)}"
    )
    return {"bare": bare, "trellis": trellis}


@contextlib.contextmanager
def database(kind: str, postgres_url: str, tmp: Path):
    """A fresh database: a temporary PostgreSQL database (dropped afterwards) or a SQLite file in `tmp`."""
    if kind == "sqlite":
        yield f"sqlite:///{tmp / 'trellis.db'}"
        return
    admin_url = make_url(postgres_url)
    name = f"trellis_bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            yield admin_url.set(database=name).render_as_string(hide_password=False)
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


def server_env(api_url: str, database_url: str, args) -> dict[str, str]:
    """The env both apps get; only PORT and the bind address differ."""
    env = {k: v for k, v in os.environ.items() if k not in ("SLACK_APP_TOKEN", "GUNICORN_CMD_ARGS", "REDIS_URL")}
    env.update(
        SLACK_BOT_TOKEN="xoxb-bench",
        SLACK_SIGNING_SECRET=SECRET,
        SLACK_API_URL=api_url,
        DATABASE_URL=database_url,
        WEB_CONCURRENCY=str(args.workers),
        PYTHONUNBUFFERED="1",
    )
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
    return env


def tail(path: Path, lines: int = 25) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else ""


def print_log_tails(logs: dict[str, Path]) -> None:
    """After a failed run: the end of each app's log, to see why."""
    for name, path in logs.items():
        if text_ := tail(path):
            print(f"--- {name} log (tail) ---\n{text_}", file=sys.stderr)


def database_options(parser: argparse.ArgumentParser) -> None:
    """`--database` and `--postgres-url`: where a benchmark's temporary database is made (see `database`)."""
    parser.add_argument("--database", choices=("postgresql", "sqlite"), default="postgresql")
    parser.add_argument("--postgres-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench.goal_load", description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=10, help="seconds of load per measured phase")
    parser.add_argument("--rounds", type=int, default=4, help="measured phases per app, alternating order")
    parser.add_argument("--concurrency", type=int, default=16, help="concurrent clients")
    parser.add_argument("--max-requests", type=int, default=100_000, help="cap on requests per phase")
    parser.add_argument("--warmup", type=int, default=300, help="warm-up requests per app")
    parser.add_argument("--users", type=int, default=50, help="distinct users U0..U(n-1)")
    parser.add_argument("--workers", type=int, default=2, help="WEB_CONCURRENCY for both apps")
    database_options(parser)
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/0", help="'' to run without Redis")
    parser.add_argument("--json", type=Path, help="also write the summary here")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    command = shlex.join([".venv/bin/python", "-m", "bench.goal_load", *(sys.argv[1:] if argv is None else argv)])
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # unwind and clean up on SIGTERM too
    with contextlib.ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="trellis-bench-")))
        logs = {name: tmp / f"{name}.log" for name in ("fake", *APPS, "migrate")}
        try:
            database_url = stack.enter_context(database(args.database, args.postgres_url, tmp))
            fake = Fake(args.users, stack.enter_context(logs["fake"].open("w")))
            stack.callback(fake.close)
            env = server_env(fake.api_url, database_url, args)
            with logs["migrate"].open("w") as log:
                migrate = [sys.executable, "-m", "slackapp.cli", "migrate"]
                subprocess.run(migrate, cwd=ROOT, env=env, stdout=log, stderr=log, check=True, timeout=120)

            servers = {}
            for name, (argv_, _, _) in APPS.items():
                port = free_port()
                app_env = {**env, "PORT": str(port), "GUNICORN_CMD_ARGS": f"--bind 127.0.0.1:{port}"}
                log = stack.enter_context(logs[name].open("w"))
                proc = subprocess.Popen(
                    argv_, cwd=ROOT, env=app_env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
                )
                servers[name] = Server(name, port, proc, logs[name])
                stack.callback(servers[name].stop)
            for name, (_, path, statuses) in APPS.items():
                servers[name].wait_ready(path, statuses)

            fake.validate(True)  # warm up with every view checked against slack_sdk's models
            warm = argparse.Namespace(**{**vars(args), "max_requests": args.warmup, "duration": 30})
            for name, server in servers.items():
                phase = run_phase(f"warmup-{name}", server, fake, warm)
                print(
                    f"warm-up {name}: {len(phase.sent)} acked, {len(phase.opened)} modals, "
                    f"errors {dict(phase.errors)}, calls {dict(phase.calls)}",
                    flush=True,
                )
                if not phase.opened:
                    raise RuntimeError(f"{name} opened no modal during the warm-up")
            if not fake.checked:
                raise RuntimeError("the fake checked no view: does bench.fake_slack override FakeSlack's check?")
            if fake.view_errors:
                raise RuntimeError(f"the fake rejected views: {fake.view_errors[:3]}")
            fake.validate(False)  # under load, keep the fake's CPU for the apps: Slack checks views elsewhere

            phases = []
            for round_ in range(args.rounds):
                order = ("bare", "trellis") if round_ % 2 == 0 else ("trellis", "bare")
                for name in order:
                    phase = run_phase(f"r{round_ + 1}-{name}", servers[name], fake, args)
                    print(f"{phase.label}: {summarise([phase])}, views checked {fake.checked}", flush=True)
                    phases.append(phase)
            summary = report(phases, args, command)
            if args.json:
                args.json.write_text(json.dumps({"command": command, **summary}, indent=2) + "\n")
            return 0
        except Exception:
            print_log_tails(logs)
            raise


if __name__ == "__main__":
    sys.exit(main())
