"""`/kudos` end to end under concurrent load: `trellis serve` against a bare Bolt app, same server, same fake.

    .venv/bin/python -m bench.kudos_load [--givers 200] [--greedy 50] [--rounds 4] [--concurrency 16]

Each Trellis request is `/kudos <@U…|name> for … #ownership` in a public channel: Trellis checks it, posts it
there, records it against the giver's weekly allowance, DMs each recipient and answers through the response_url
(in the order the app chooses). A request is complete when its response_url answer reaches the fake Slack. The
baseline, a bare Bolt app served the same way (bench.bare_app's, with a `/kudos` that acks and posts one
chat.postMessage), is complete when that post reaches the fake. Afterwards the database and the fake's records
are checked: no giver over the allowance, no kudos lost, one public post and one DM per recipient for each
recorded kudos, no post left behind. bench/README.md says what each figure means.
"""

import argparse
import contextlib
import http.client
import json
import os
import random
import re
import shlex
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

from sqlalchemy import create_engine, event, text
from sqlalchemy.pool import NullPool

from bench.fake_slack import BenchSlack
from bench.goal_load import (
    ROOT,
    SECRET,
    Fake,
    Server,
    cpu_seconds,
    database,
    free_port,
    own_cpu_seconds,
    percentile,
    print_log_tails,
    server_env,
    source_version,
    tail,
)
from domain.kudos.rules import DEFAULT_ALLOWANCE, Value
from domain.shared.workspace import WorkspaceKey
from tests.fakes.slack_api import FakeSlack
from tests.slack_driver import signed_headers

CHANNEL = "CKUDOSBENCH"  # the public channel every kudos is typed in
VALUE = Value("ownership", ":muscle:")
CASE = re.compile(r"case (K\d{6})")  # each attempt's reason names it: "… checklist, case K000123"
ZONES = ("UTC", "Europe/Paris", "America/New_York", "Asia/Kolkata")
ANSWER_SECONDS = 20.0  # a request with no answer by then counts as unanswered
SETTLE_SECONDS = 30.0  # at most this long waiting for what a phase's requests do after their answers
APPS = {  # name: (command, readiness path, readiness statuses)
    "bare": ([sys.executable, "-m", "bench.kudos_load", "_bare"], "/slack/events", None),
    "trellis": ([sys.executable, "-m", "slackapp.cli", "serve"], "/healthz", {200}),
}


# --- The fake Slack, in a process of its own ------------------------------------------------------------------


class KudosSlack(BenchSlack):
    """BenchSlack that keeps every post (its ts, channel, time and the case it names), every chat.delete and every
    response_url answer, and writes `ID MONOTONIC_TIME` to the `events` file descriptor when a request is
    complete: a response_url answer (`…/response?r=ID`), or the bare app's post (text `bare ID …`)."""

    def __init__(self, events: int):
        self.local = threading.local()  # the request path, which FakeSlack's _answer is not given
        self.events, self.lock = events, threading.Lock()
        self.posts: list[list] = []  # [ts, channel, case or None, time]
        self.deletes: list[list] = []  # [channel, ts]
        self.answers: dict[str, list] = defaultdict(list)  # request id -> [[time, text], ...]
        self.methods: Counter = Counter()
        super().__init__()

    def _handler(self):
        base, local = super()._handler(), self.local

        class Handler(base):
            def do_POST(self):
                local.path = self.path
                super().do_POST()

        return Handler

    def check_blocks(self, blocks):  # checked only while validating, as views are
        self.checked += self.validate
        return FakeSlack.check_blocks(blocks) if self.validate else None

    def _answer(self, method: str, args: dict) -> dict:
        answer = super()._answer(method, args)
        at, done = time.monotonic(), None
        with self.lock:
            self.methods[method] += 1
            if method == "response":
                done = parse_qs(urlsplit(self.local.path).query).get("r", ["?"])[0]
                self.answers[done].append([at, (args.get("text") or "")[:300]])
            elif method == "chat.postMessage" and answer.get("ok"):
                words = (args.get("text") or "").split(maxsplit=2)
                if words[:1] == ["bare"]:
                    done = words[1]
                else:
                    case = CASE.search(json.dumps(args.get("blocks")))
                    self.posts.append([answer["ts"], args.get("channel"), case and case[1], at])
            elif method == "chat.delete":
                self.deletes.append([args.get("channel"), args.get("ts")])
            if done:
                os.write(self.events, f"{done} {at}\n".encode())
        return answer


def serve_fake(events: int, users_file: str) -> None:
    """Commands on stdin, one JSON line each on stdout: `validate on|off`, `count` (calls by method), `stats`."""
    fake = KudosSlack(events).start()
    for user_id, (name, zone) in json.loads(Path(users_file).read_text()).items():
        fake.add_user(user_id, name, zone)
    print(json.dumps({"api_url": fake.api_url}), flush=True)
    for line in sys.stdin:
        command = line.split()
        with fake.lock:
            if command[:1] == ["validate"]:
                fake.validate = command[1:] == ["on"]
                answer = {"validate": fake.validate}
            elif command == ["count"]:
                answer = {"methods": fake.methods, "checked": fake.checked, "view_errors": fake.view_errors[:5]}
            elif command == ["stats"]:
                answer = {"posts": fake.posts, "deletes": fake.deletes, "answers": fake.answers}
            else:
                answer = {"error": f"unknown command {line.strip()!r}"}
        print(json.dumps(answer), flush=True)
    fake.stop()


class KudosFake(Fake):
    """The load generator's side of the fake: its stdin/stdout protocol (goal_load.Fake's), and a thread reading
    completions from a pipe, so that each client waits for its own request's answer."""

    def __init__(self, users: dict[str, tuple[str, str]], tmp: Path, log):
        users_file = tmp / "users.json"
        users_file.write_text(json.dumps(users))
        read, write = os.pipe()
        command = [sys.executable, "-m", "bench.kudos_load", "_fake", str(write), str(users_file)]
        pipes = {"stdin": subprocess.PIPE, "stdout": subprocess.PIPE, "stderr": log, "text": True}
        self.proc = subprocess.Popen(command, cwd=ROOT, start_new_session=True, pass_fds=(write,), **pipes)
        os.close(write)
        self.api_url = self._read()["api_url"]
        self.answered: dict[str, float] = {}  # request id -> when its completion reached the fake (monotonic)
        self._waiting: dict[str, threading.Event] = {}
        self._lock = threading.Lock()
        threading.Thread(target=self._listen, args=(read,), daemon=True).start()

    def _listen(self, fd: int) -> None:
        with os.fdopen(fd, "rb") as events:
            for line in events:
                request_id, at = line.split()
                with self._lock:
                    self.answered.setdefault(request_id.decode(), float(at))
                    waiting = self._waiting.pop(request_id.decode(), None)
                if waiting:
                    waiting.set()

    def expect(self, request_id: str) -> threading.Event:
        answered = threading.Event()
        with self._lock:
            if request_id in self.answered:
                answered.set()
            else:
                self._waiting[request_id] = answered
        return answered

    def count(self) -> dict:
        return self._ask("count")

    def stats(self) -> dict:
        return self._ask("stats")


# --- The baseline: bench.bare_app's Bolt app, with a /kudos that acks and posts one message ---------------------


def bare_kudos(ack, command, client) -> None:
    ack()
    client.chat_postMessage(channel=command["channel_id"], text=f"bare {command['trigger_id']} {command['text']}")


def serve_bare() -> None:
    from bench import bare_app
    from slackapp.config import Settings
    from slackapp.server import run_gunicorn

    settings = Settings.from_env()
    settings.require_slack()

    def load():
        handler = bare_app.build(settings)
        handler.app.command("/kudos")(bare_kudos)
        return handler

    run_gunicorn(load, settings.port)


# --- The load ---------------------------------------------------------------------------------------------------


@dataclass
class Attempt:
    id: str
    giver: str
    recipients: tuple[str, ...]
    ack: str | None = None  # an answer in the acknowledgement itself (the abuse limit's)
    error: str | None = None  # not 200, or no answer in time

    def text(self) -> str:
        mentions = " ".join(f"<@{user}|{user.lower()}>" for user in self.recipients)
        return f"{mentions} for untangling the release checklist, case {self.id} #{VALUE.name}"


def people(prefix: str, count: int) -> list[str]:
    return [f"{prefix}{n:05d}" for n in range(count)]


def plan(givers: list[str], over: int, recipients: list[str], rng: random.Random, first: int) -> list[list[Attempt]]:
    """Attempts in blocks sent back to back. The first `over` givers try ALLOWANCE + 2 single kudos in one burst
    (several at once: the allowance is raced); the others give exactly their allowance, 6 single kudos and 2 for
    two people, each a block of its own, so that they spread over the run."""
    numbers, blocks = iter(range(first, 10**6)), []
    for n, giver in enumerate(givers):
        sizes = [1] * (DEFAULT_ALLOWANCE + 2) if n < over else [1] * (DEFAULT_ALLOWANCE - 4) + [2, 2]
        attempts = [Attempt(f"K{next(numbers):06d}", giver, tuple(rng.sample(recipients, k))) for k in sizes]
        blocks += [attempts] if n < over else [[attempt] for attempt in attempts]
    rng.shuffle(blocks)
    return blocks


def split(blocks: list[list[Attempt]], parts: int) -> list[list[Attempt]]:
    """`parts` slices of about the same number of attempts, never cutting a block."""
    total, slices, current = sum(map(len, blocks)), [], []
    for block in blocks:
        current += block
        if len(slices) < parts - 1 and len(current) >= total / parts:
            slices.append(current)
            current = []
    return [*slices, current]


def command_body(request_id: str, team: str, user: str, text_: str, api_url: str) -> str:
    """The form body Slack posts for `/kudos`; the response_url names the request, as the trigger_id does."""
    return urlencode(
        {
            "token": "legacy",
            "team_id": team,
            "team_domain": "bench",
            "channel_id": CHANNEL,
            "channel_name": "kudos",
            "user_id": user,
            "user_name": user.lower(),
            "command": "/kudos",
            "text": text_,
            "api_app_id": "A1",
            "response_url": f"{api_url}response?r={request_id}",
            "trigger_id": request_id,
        }
    )


def post(port: int, body: str) -> tuple[int, str]:
    """One signed request on a fresh loopback connection: the HTTP status and body."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        headers = {**signed_headers(body, secret=SECRET), "Connection": "close"}
        connection.request("POST", "/slack/events", body, headers)
        response = connection.getresponse()
        return response.status, response.read().decode(errors="replace")
    finally:
        connection.close()


class Postgres:
    """The PostgreSQL server's side: CPU time, and the benchmark database's sessions and transactions."""

    def __init__(self, postgres_url: str, name: str):
        self.engine = create_engine(postgres_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        self.name = name

    def cpu_seconds(self) -> float:
        """User + system CPU time of every `postgres` process, and of the backends that exited (the postmaster's
        reaped children: a connection that closes takes its CPU time with it). The whole server: any other
        database's work counts too."""
        ticks = 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError, ValueError, IndexError):
                name, fields = stat.read_text().rsplit(")", 1)
                if name.endswith("(postgres"):
                    fields = fields.split()  # fields[0] is field 3 of proc(5): 11-14 are utime, stime, cutime, cstime
                    ticks += sum(int(f) for f in fields[11:15])  # only the postmaster has children
        return ticks / os.sysconf("SC_CLK_TCK")

    def counters(self) -> Counter:
        with self.engine.connect() as connection:
            sessions, transactions = connection.execute(
                text("SELECT sessions, xact_commit + xact_rollback FROM pg_stat_database WHERE datname = :name"),
                {"name": self.name},
            ).one()
        return Counter({"postgres sessions": sessions, "postgres transactions": transactions})


@dataclass
class Phase:
    app: str
    label: str
    latencies: list[float] = field(default_factory=list)  # seconds from sending to the completion, at the fake
    errors: Counter = field(default_factory=Counter)
    started: float = 0.0
    ended: float = 0.0
    settle: float = 0.0  # seconds after the last answer until the fake saw no more calls
    calls: Counter = field(default_factory=Counter)
    cpu: Counter = field(default_factory=Counter)


def run_phase(label: str, server: Server, fake: KudosFake, items: Iterator, args, deadline: float | None) -> Phase:
    """Closed loop: `concurrency` clients each send a request and wait for its completion, until `items` run out
    (Trellis: its slice of the plan) or the deadline passes (the bare app). Then wait for the fake to go quiet."""
    phase, lock = Phase(server.name, label), threading.Lock()
    cpu = {
        "server": lambda: cpu_seconds(server.proc.pid),
        "fake": lambda: cpu_seconds(fake.proc.pid),
        "postgres": args.postgres.cpu_seconds,
        "client": own_cpu_seconds,
    }
    cpu_before, calls_before = {name: read() for name, read in cpu.items()}, Counter(fake.count()["methods"])
    phase.started = time.monotonic()
    deadline = deadline and phase.started + deadline

    def client() -> None:
        while deadline is None or time.monotonic() < deadline:
            with lock:
                item = next(items, None)
            if item is None:
                return
            answered = fake.expect(item.id)
            body = command_body(item.id, args.team, item.giver, item.text(), fake.api_url)
            sent = time.monotonic()
            try:
                status, reply = post(server.port, body)
            except OSError as error:
                status, reply = type(error).__name__, ""
            if status != 200 or reply.strip():
                item.error, item.ack = (None, reply) if status == 200 else (f"HTTP {status}", None)
                with lock:
                    phase.errors["answered in the ack" if status == 200 else f"HTTP {status}"] += 1
                continue
            if not answered.wait(ANSWER_SECONDS):
                item.error = "no answer"
                with lock:
                    phase.errors["no answer"] += 1
                continue
            with lock:
                phase.latencies.append(fake.answered[item.id] - sent)

    with ThreadPoolExecutor(args.concurrency) as clients:
        list(clients.map(lambda _: client(), range(args.concurrency)))
    phase.ended = time.monotonic()
    phase.calls, phase.settle = settle(fake)
    phase.calls -= calls_before
    phase.cpu = Counter({name: read() - cpu_before[name] for name, read in cpu.items()})
    return phase


def settle(fake: KudosFake) -> tuple[Counter, float]:
    """Wait until the fake has seen no call for a second: whatever the requests do after their answers."""
    calls, seconds = quiet(lambda: fake.count()["methods"], still=1.0, most=SETTLE_SECONDS)
    return Counter(calls), seconds


@dataclass
class BareItem:
    id: str
    giver: str

    def text(self) -> str:
        return f"<@UR00000|ur00000> for untangling the release checklist, case {self.id} #{VALUE.name}"


def bare_items(label: str, users: list[str]) -> Iterator[BareItem]:
    for n in range(10**7):
        yield BareItem(f"B{label}{n}", users[n % len(users)])


# --- What the database and the fake say afterwards ----------------------------------------------------------------


def read_database(url: str) -> tuple[dict[str, dict], list[tuple]]:
    """Every recorded kudos by the case its reason names, and every allowance row (giver, week, used)."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text(
                    "SELECT k.id, k.giver_id, k.week, k.reason, k.post_ts, r.user_id, r.dm_ts "
                    "FROM kudos k JOIN kudos_recipients r ON r.kudos_id = k.id ORDER BY r.id"
                )
            ).all()
            allowances = connection.execute(text("SELECT giver_id, week, used FROM kudos_allowances")).all()
    finally:
        engine.dispose()
    kudos: dict[int, dict] = {}
    for kudos_id, giver, week, reason, post_ts, user, dm_ts in rows:
        one = kudos.setdefault(kudos_id, {"giver": giver, "week": week, "case": None, "post": post_ts, "dms": {}})
        one["case"] = (CASE.search(reason) or [None, None])[1]
        one["dms"][user] = dm_ts
    by_case: dict[str, dict] = {}
    for one in kudos.values():  # a case recorded twice counts twice against the allowance
        first = by_case.setdefault(one["case"], {**one, "copies": 0, "units": 0})
        first["copies"], first["units"] = first["copies"] + 1, first["units"] + len(one["dms"])
    return by_case, [tuple(row) for row in allowances]


def outcome(attempt: Attempt, answers: list) -> str:
    """What the giver was told, from the app's own wording (slackapp.kudos.messages.given_text for a kudos given,
    domain.kudos.services._over for the allowance): a reworded answer shows here as `error: …`."""
    if attempt.error or attempt.ack is not None:
        return attempt.error or f"refused in the ack: {attempt.ack[:60]}"
    said = answers[0][1] if answers else ""
    if said.startswith("Kudos to"):
        return "given"
    if "You've given all" in said or "left this week and this one needs" in said:
        return "refused: allowance"
    return f"error: {said[:80]}"


def check(attempts: list[Attempt], stats: dict, recorded: dict[str, dict], allowances: list[tuple]) -> dict:
    """Allowance overruns, kudos lost, and whether each recorded kudos has one public post and one DM a person."""
    limit, answers = DEFAULT_ALLOWANCE, stats["answers"]
    outcomes = Counter(outcome(a, answers.get(a.id, [])) for a in attempts)
    units: Counter = Counter()  # (giver, week) -> recipients recorded
    for kudos in recorded.values():
        units[kudos["giver"], kudos["week"]] += kudos["units"]
    used = {(giver, week): n for giver, week, n in allowances}
    lost, by_giver = 0, defaultdict(list)
    for attempt in attempts:
        by_giver[attempt.giver].append(attempt)
    for theirs in by_giver.values():
        kept = [a for a in theirs if a.id in recorded]
        if sum(len(a.recipients) for a in theirs) <= limit:
            lost += len(theirs) - len(kept)  # everything fitted: every attempt should be recorded
        else:  # single-recipient attempts beyond the allowance: exactly `limit` should be recorded
            lost += max(0, limit - len(kept))
    gone = {ts for _, ts in stats["deletes"]}
    public = Counter(case for ts, channel, case, _ in stats["posts"] if channel == CHANNEL and ts not in gone)
    dms = Counter((case, channel) for ts, channel, case, _ in stats["posts"] if channel.startswith("U"))
    dm_ts = {ts for ts, channel, _, _ in stats["posts"] if channel.startswith("U")}
    kept_ts = {ts for ts, channel, _, _ in stats["posts"] if channel == CHANNEL and ts not in gone}
    told = {a.id for a in attempts if outcome(a, answers.get(a.id, [])) == "given"}
    return {
        "attempts": len(attempts),
        "outcomes": dict(outcomes),
        "kudos recorded": len(recorded),
        "recorded twice": sum(k["copies"] > 1 for k in recorded.values()),
        "recipients recorded": sum(units.values()),
        "allowance overruns": sum(max(0, n - limit) for n in units.values()),
        "allowance rows out of step with the kudos": sum(used.get(key, 0) != n for key, n in units.items()),
        "kudos lost": lost,
        "told given, not recorded": len(told - recorded.keys()),
        "recorded, not told given": len(recorded.keys() - told),
        "answered more than once": sum(len(said) > 1 for said in answers.values()),
        "public posts": sum(channel == CHANNEL for _, channel, _, _ in stats["posts"]),
        "chat.delete calls": len(stats["deletes"]),
        "recorded kudos without exactly one kept public post": sum(public[c] != 1 for c in recorded),
        "recorded post ts not a kept post": sum(k["post"] not in kept_ts for k in recorded.values()),
        "kept public posts of no recorded kudos": sum(n for c, n in public.items() if c not in recorded),
        "DMs sent": sum(dms.values()),
        "recipients without exactly one DM": sum(dms[c, u] != 1 for c, k in recorded.items() for u in k["dms"]),
        "DMs of no recorded kudos": sum(n for (c, _), n in dms.items() if c not in recorded),
        "DMs not recorded (dm_ts)": sum(ts not in dm_ts for k in recorded.values() for ts in k["dms"].values()),
    }


# --- A brief profile: one kudos at a time, in process, counting Slack calls and database round trips ------------


def profile(database_url: str, team: str, recipients: list[str], count: int) -> dict:
    """`count` kudos from 4 givers, one at a time, through an in-process Trellis (tests.conftest.start_trellis) on
    the same database: Slack calls and database work per kudos, until the response_url answer and after it."""
    from tests.conftest import start_trellis

    tally, timer, answered = Counter(), threading.local(), []

    class Snapshots(FakeSlack):
        def _record(self, call):
            super()._record(call)
            if call.method == "response":  # the listener waits for this answer: nothing else has run since
                answered.append(totals() + Counter({"wall ms": (time.perf_counter() - sent) * 1000}))

    def totals() -> Counter:
        return tally + Counter(call.method for call in fake.calls)

    fake = Snapshots().start()
    givers = people("UP", 4)
    for n, user in enumerate(givers + recipients):
        fake.add_user(user, user.lower(), ZONES[n % len(ZONES)])
    driver = start_trellis(fake, database_url, None)
    engine = driver.services.engine

    @event.listens_for(engine, "before_cursor_execute")
    def _started(*_):
        tally["SQL statements"] += 1
        timer.started = time.perf_counter()

    @event.listens_for(engine, "after_cursor_execute")
    def _ended(*_):
        tally["SQL ms"] += (time.perf_counter() - timer.started) * 1000

    for name in ("commit", "rollback"):
        event.listen(engine, name, lambda *_, name=name: tally.update([f"SQL {name}s"]))
    event.listen(engine, "checkout", lambda *_: tally.update(["pool checkouts (each a ping)"]))

    split = {"until the answer": Counter(), "after it": Counter()}
    rng = random.Random(7)
    try:
        for n in range(count):
            before, sent = totals(), time.perf_counter()
            attempt = Attempt(f"K{900000 + n:06d}", givers[n % len(givers)], tuple(rng.sample(recipients, 1)))
            assert driver.command(attempt.text(), attempt.giver, "/kudos", team, CHANNEL).status == 200
            fake.wait_for("response", n + 1)
            after = quiet(totals)[0]  # the DMs, and whatever else follows the answer
            split["until the answer"] += answered[-1] - before
            split["after it"] += after - answered[-1]
    finally:
        driver.close()
        fake.stop()
    return {part: {k: v / count for k, v in sorted(found.items())} for part, found in split.items()}


def quiet(state, still: float = 0.2, most: float = 10.0):
    """Wait until `state()` has not changed for `still` seconds (`most` at most): its last value, and the
    seconds until it last changed."""
    last, started = state(), time.monotonic()
    since = started
    while time.monotonic() - since < still and time.monotonic() - started < most:
        time.sleep(0.02 if still < 1 else 0.2)
        if (now := state()) != last:
            last, since = now, time.monotonic()
    return last, since - started


# --- Report ----------------------------------------------------------------------------------------------------


def summarise(phases: list[Phase]) -> dict:
    seconds = sum(p.ended - p.started for p in phases)
    done = sum(len(p.latencies) for p in phases)
    latencies = [s for p in phases for s in p.latencies]
    calls = sum((p.calls for p in phases), Counter())
    return {
        "completed": done,
        "per_s": done / seconds,
        **{f"p{q}_ms": percentile(latencies, q) * 1000 for q in (50, 95, 99)},
        "errors": sum(sum(p.errors.values()) for p in phases),
        **{f"{name}_cpu_ms": sum(p.cpu[name] for p in phases) * 1000 / done for name in phases[0].cpu},
        "calls_per_request": {method: n / done for method, n in sorted(calls.items())},
        "settle_s": max(p.settle for p in phases),
    }


def report(phases: list[Phase], postgres: Counter, checked: dict, profiled: dict | None, args, command: str) -> dict:
    print(f"\n$ {command}\ncommit {source_version()}; {os.cpu_count()} CPUs; WEB_CONCURRENCY {args.workers}")
    print(
        f"{args.concurrency} clients; {args.givers} givers ({args.greedy} trying {DEFAULT_ALLOWANCE + 2} kudos), "
        f"{args.recipients} recipients; {args.rounds} rounds; bare phases {args.duration:g} s\n"
    )
    print("| phase | app | completed | per s | latency p50 / p95 / p99 ms | server CPU ms/req | errors |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for p in phases:
        s = summarise([p])
        print(
            f"| {p.label} | {p.app} | {s['completed']} | {s['per_s']:.0f} | {s['p50_ms']:.0f} / {s['p95_ms']:.0f} / "
            f"{s['p99_ms']:.0f} | {s['server_cpu_ms']:.2f} | {dict(p.errors) or 0} |"
        )
    bare = summarise([p for p in phases if p.app == "bare"])
    trellis = summarise([p for p in phases if p.app == "trellis"])
    print("\n| all rounds | bare | Trellis | Trellis ÷ bare |\n|---|---:|---:|---:|")
    rows = [("completed requests/s", "per_s", "{:.0f}")]
    rows += [(f"latency to the answer p{q} (ms)", f"p{q}_ms", "{:.1f}") for q in (50, 95, 99)]
    rows += [(f"{name} CPU per request (ms)", f"{name}_cpu_ms", "{:.2f}") for name in ("server", "postgres", "fake")]
    for title, key, form in rows:
        ratio = f"{trellis[key] / bare[key]:.2f}" if bare[key] else ""
        print(f"| {title} | {form.format(bare[key])} | {form.format(trellis[key])} | {ratio} |")
    print(f"| completed requests | {bare['completed']} | {trellis['completed']} | |")
    print(f"| errors | {bare['errors']} | {trellis['errors']} | |")
    print(f"| seconds until the fake went quiet (most) | {bare['settle_s']:.1f} | {trellis['settle_s']:.1f} | |")
    per_round = [
        summarise([t])["per_s"] / summarise([b])["per_s"]
        for b, t in zip([p for p in phases if p.app == "bare"], [p for p in phases if p.app == "trellis"], strict=True)
    ]
    print(
        f"\nRatio (Trellis ÷ bare), completed requests/s: {trellis['per_s'] / bare['per_s']:.2f} (target 0.7 or "
        f"more); per round: {', '.join(f'{r:.2f}' for r in per_round)}"
    )
    trellis["calls_per_request"] |= {name: n / trellis["completed"] for name, n in sorted(postgres.items())}
    calls = ", ".join(f"{m} {n:.2f}" for m, n in trellis["calls_per_request"].items())
    print(f"Trellis's Slack calls, and PostgreSQL's new sessions and transactions, per request: {calls}")
    print("\n| check (every attempt, warm-up included) | count |\n|---|---:|")
    for key, value in checked.items():
        if key == "outcomes":
            for name, n in sorted(value.items()):
                print(f"| answer: {name} | {n} |")
        else:
            print(f"| {key} | {value} |")
    if profiled:
        parts = list(profiled)
        print(f"\nProfile, one kudos at a time ({args.profile}), per kudos:\n| | {' | '.join(parts)} |")
        print("|---|" + "---:|" * len(parts))
        for key in sorted({key for part in profiled.values() for key in part}):
            print(f"| {key} | " + " | ".join(f"{profiled[part].get(key, 0):.2f}" for part in parts) + " |")
    return {"bare": bare, "trellis": trellis, "checks": checked, "profile": profiled}


# --- Main ------------------------------------------------------------------------------------------------------


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench.kudos_load", description=__doc__.split("\n\n")[0])
    parser.add_argument("--givers", type=int, default=200, help="people giving kudos in the measured phases")
    parser.add_argument("--greedy", type=int, default=50, help=f"of them, trying {DEFAULT_ALLOWANCE + 2} at once")
    parser.add_argument("--recipients", type=int, default=200, help="people receiving kudos")
    parser.add_argument("--rounds", type=int, default=4, help="measured phases per app, alternating order")
    parser.add_argument("--duration", type=float, default=8, help="seconds of each bare phase")
    parser.add_argument("--concurrency", type=int, default=16, help="concurrent clients")
    parser.add_argument("--warmup", type=int, default=10, help="givers in Trellis's warm-up (8 kudos each)")
    parser.add_argument("--workers", type=int, default=2, help="WEB_CONCURRENCY for both apps")
    parser.add_argument("--profile", type=int, default=40, help="kudos in the in-process profile (0: none)")
    parser.add_argument("--postgres-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/11", help="'' to run without Redis")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write the summary here")
    args = parser.parse_args(argv)
    args.database = "postgresql"
    args.team = "TK" + uuid.uuid4().hex[:8].upper()  # a workspace of this run's own: its Redis keys are its own
    return args


def prepare(database_url: str, team: str) -> None:
    """Migrate (what `trellis migrate` does), then save the workspace's one value through the kudos settings
    repository, as `/kudos values` does."""
    from persistence.database import make_engine, session_factory, upgrade
    from persistence.uow import KUDOS, unit_of_work_factory

    engine = make_engine(database_url)
    try:
        upgrade(engine)
        with unit_of_work_factory(session_factory(engine), KUDOS)(WorkspaceKey.of(None, team)) as uow:
            uow.kudos_settings.set_values([VALUE])
            uow.commit()
    finally:
        engine.dispose()


def log_problems(path: Path) -> str:
    """Warnings, errors and tracebacks in an app's log, but Bolt's notice that the given client's token is used."""
    seen = [line for line in tail(path, 10**6).splitlines() if re.search(r"WARNING|ERROR|CRITICAL|Traceback", line)]
    seen = [line for line in seen if "`token` will be unused" not in line]
    kinds = Counter(re.sub(r"^[\d:, -]+", "", line)[:100] for line in seen)
    return f"{len(seen)} warnings or errors" + "".join(f"\n  {n} × {kind}" for kind, n in kinds.most_common(5))


def start(name: str, env: dict[str, str], log) -> Server:
    """`trellis serve` or the bare app, under gunicorn on a free loopback port, in a process group of its own."""
    port = free_port()
    bind = {"PORT": str(port), "GUNICORN_CMD_ARGS": f"--bind 127.0.0.1:{port}"}
    output = {"stdout": log, "stderr": subprocess.STDOUT}
    proc = subprocess.Popen(APPS[name][0], cwd=ROOT, env={**env, **bind}, start_new_session=True, **output)
    return Server(name, port, proc, Path(log.name))


def forget_redis_keys(redis_url: str, team: str) -> None:
    """Delete this run's rate-limit keys (they name its workspace), nothing else."""
    if not redis_url:
        return
    from redis import Redis

    client = Redis.from_url(redis_url)
    with contextlib.suppress(Exception):
        for key in client.scan_iter(match=f"*{team}*", count=1000):
            client.delete(key)
    client.close()


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["_fake"]:
        serve_fake(int(argv[1]), argv[2])
        return 0
    if argv[:1] == ["_bare"]:
        serve_bare()
        return 0
    args = parse_args(argv)
    command = shlex.join([".venv/bin/python", "-m", "bench.kudos_load", *argv])
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # unwind and clean up on SIGTERM too
    rng = random.Random(args.seed)
    givers, recipients, warm = people("UG", args.givers), people("UR", args.recipients), people("UW", args.warmup)
    users = {user: (user.lower(), ZONES[n % len(ZONES)]) for n, user in enumerate(givers + recipients + warm)}
    warm_up = [a for block in plan(warm, 0, recipients, rng, 0) for a in block]
    measured = split(plan(givers, args.greedy, recipients, rng, len(warm_up)), args.rounds)
    with contextlib.ExitStack() as stack:
        stack.callback(forget_redis_keys, args.redis_url, args.team)
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="trellis-bench-")))
        logs = {name: tmp / f"{name}.log" for name in ("fake", *APPS)}
        try:
            database_url = stack.enter_context(database("postgresql", args.postgres_url, tmp))
            args.postgres = Postgres(args.postgres_url, database_url.rsplit("/", 1)[1].split("?")[0])
            stack.callback(args.postgres.engine.dispose)
            fake = KudosFake(users, tmp, stack.enter_context(logs["fake"].open("w")))
            stack.callback(fake.close)
            prepare(database_url, args.team)
            env = server_env(fake.api_url, database_url, args)
            servers = {}
            for name in APPS:
                servers[name] = start(name, env, stack.enter_context(logs[name].open("w")))
                stack.callback(servers[name].stop)
            for name, (_, path, statuses) in APPS.items():
                servers[name].wait_ready(path, statuses)

            fake.validate(True)  # warm up with every message and view checked against slack_sdk's models
            warm_phases = [
                run_phase("warmup-trellis", servers["trellis"], fake, iter(warm_up), args, None),
                run_phase("warmup-bare", servers["bare"], fake, bare_items("w", givers), args, 2.0),
            ]
            for phase in warm_phases:
                print(f"{phase.label}: {summarise([phase])}", flush=True)
            counted = fake.count()
            if counted["view_errors"]:
                raise RuntimeError(f"the fake rejected messages or views: {counted['view_errors']}")
            if not counted["checked"]:
                raise RuntimeError("the fake checked nothing during the warm-up")
            fake.validate(False)  # under load, keep the fake's CPU for the apps: Slack checks those elsewhere

            phases, slices = [], iter(measured)
            counted_from = quiet(args.postgres.counters, still=1.5, most=12)[0]  # once the warm-up's are counted
            for round_ in range(args.rounds):
                for name in ("bare", "trellis") if round_ % 2 == 0 else ("trellis", "bare"):
                    label = f"r{round_ + 1}-{name}"
                    if name == "trellis":
                        phase = run_phase(label, servers[name], fake, iter(next(slices)), args, None)
                    else:
                        phase = run_phase(label, servers[name], fake, bare_items(label, givers), args, args.duration)
                    print(f"{label}: {summarise([phase])}", flush=True)
                    phases.append(phase)
            database_work = quiet(args.postgres.counters, still=1.5, most=12)[0] - counted_from  # Trellis's alone

            recorded, allowances = read_database(database_url)
            attempts = warm_up + [a for part in measured for a in part]
            checked = check(attempts, fake.stats(), recorded, allowances)
            profiled = profile(database_url, args.team, recipients, args.profile) if args.profile else None
            summary = report(phases, database_work, checked, profiled, args, command)
            if args.json:
                args.json.write_text(json.dumps({"command": command, **summary}, indent=2, default=str) + "\n")
            for name in APPS:
                print(f"\n{name} log: " + log_problems(logs[name]))
            return 0 if checked["allowance overruns"] == 0 and checked["kudos lost"] == 0 else 1
        except Exception:
            print_log_tails(logs)
            raise


if __name__ == "__main__":
    sys.exit(main())
