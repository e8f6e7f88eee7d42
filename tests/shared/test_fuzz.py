"""Issue 8's fuzz suite: thousands of unsigned, forged, unparseable and odd-but-signed requests of every Slack
payload kind, sent over HTTP to a real Trellis on each database, from a few threads at once.

Every answer must come below 500, within 3 s, with the status the boundary promises; nothing may log a
traceback; afterwards /healthz and a plain `/goal list` still work. Seeded (TRELLIS_FUZZ_SEED overrides the
seed) and bounded: sending stops after MAX_OFFENDERS bad answers or BUDGET seconds.
"""

import json
import logging
import os
import random
import sys
import threading
import time
import traceback
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from slackapp.bootstrap import TOO_MANY
from slackapp.goals.form import new_goal_modal
from tests.conftest import start_trellis
from tests.examples import GOOD_GOAL
from tests.fakes.slack_api import FakeSlack
from tests.fuzz_requests import Fuzzer, FuzzRequest, Material, capability_ids
from tests.slack_driver import view_arg

SEED = int(os.environ.get("TRELLIS_FUZZ_SEED", "20260808"))
REQUESTS = {"sqlite": 2500, "postgresql": 1500}
THREADS = 6
SLOW = 3.0  # seconds: Slack gives up on an answer after 3
CLIENT_TIMEOUT = 6.0  # long enough to see an answer is slow, short enough to keep the run bounded
MAX_OFFENDERS = 40  # stop sending once this many answers broke a rule: the report has plenty to show
BUDGET = 45.0  # seconds of sending, at most
PROJECT = Path(__file__).resolve().parents[2]

# Besides U1 and U2, people the fake Slack knows, so that commands spread under the per-person limit; some
# with names that Slack allows and replies must keep inert.
FUZZ_PEOPLE = {
    f"UF{n:02d}": (name, zone)
    for n, (name, zone) in enumerate(
        [("<!channel>", "UTC"), ("&amp;" * 12, "Pacific/Kiritimati"), ("x" * 80, "America/St_Johns"),
         ("Zoë 🎯", "Asia/Kathmandu"), ("*bold*", "Pacific/Pago_Pago")] * 8,
        start=1,
    )
}  # fmt: skip
KINDS = {"unsigned", "unparseable", "command", "block_actions", "view_submission", "block_suggestion", "event", "other"}
SETUP_COMMANDS = [
    ("/goal", ""), ("/goal", "checkin 1"), ("/goal", "milestone 1"), ("/goal", "task 1"), ("/goal", "edit 1"),
    ("/goal", "abandon 1"), ("/goal", "show 1"), ("/goal", "checkin"), ("/goal", "list"), ("/growth", "settings"),
]  # fmt: skip


@dataclass
class Outcome:
    request: FuzzRequest
    status: int | None  # None: no HTTP answer at all (timeout, connection refused or reset)
    seconds: float
    answer: str
    hung_up: bool = False  # the server closed the connection while the body was being sent

    @property
    def unanswered(self) -> bool:
        """No HTTP answer, except an oversized body refused by hanging up, which a server may do."""
        return self.status is None and not (self.hung_up and self.request.oversized)


def ack_problem(outcome: Outcome) -> str | None:
    """Why Slack would reject the blocks or view in a 200 acknowledgement, if it would."""
    try:
        answer = json.loads(outcome.answer)
    except ValueError:
        return None  # an empty or plain-text acknowledgement
    if not isinstance(answer, dict):
        return None
    if isinstance(answer.get("view"), dict):
        return FakeSlack.check_view(answer["view"])
    return FakeSlack.check_blocks(answer.get("blocks"))


SERVER_ERROR = "5xx or no HTTP answer"
TOO_SLOW = f"slower than {SLOW:.0f} s"
WRONG_REFUSAL = "not the boundary's status (401 unsigned or forged, 400 unparseable, 413 over 1 MiB)"
UNHANDLED_404 = "404 unhandled request for a signed, well-formed payload (it must be acknowledged)"
BAD_ACK = "an acknowledgement Slack would reject"
RULES: dict[str, Callable[[Outcome], bool]] = {  # each is True when an outcome breaks it
    SERVER_ERROR: lambda o: o.unanswered or (o.status or 0) >= 500,
    TOO_SLOW: lambda o: o.seconds > SLOW,
    WRONG_REFUSAL: lambda o: o.request.expect is not None and o.status is not None and o.status not in o.request.expect,
    UNHANDLED_404: lambda o: o.request.expect is None and o.status == 404,
    BAD_ACK: lambda o: o.status == 200 and ack_problem(o) is not None,
}


def send(base_url: str, request: FuzzRequest) -> Outcome:
    http = urllib.request.Request(base_url + "/slack/events", data=request.body, headers=request.headers)
    started, hung_up = time.monotonic(), False
    try:
        with urllib.request.urlopen(http, timeout=CLIENT_TIMEOUT) as response:
            status, answer = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, answer = error.code, error.fp.read() if error.fp else b""
    except OSError as error:  # refused, reset, timed out
        status, answer = None, repr(error).encode()
        cause = error.reason if isinstance(error, urllib.error.URLError) else error
        hung_up = isinstance(cause, BrokenPipeError | ConnectionResetError)
    return Outcome(request, status, time.monotonic() - started, answer.decode(errors="replace"), hung_up)


def fire(base_url: str, requests: list[FuzzRequest]) -> tuple[list[Outcome], int]:
    """Send `requests` from THREADS threads; stop after MAX_OFFENDERS bad answers or BUDGET seconds.
    Returns the outcomes and how many requests were not sent."""
    deadline, stop, lock, offenders = time.monotonic() + BUDGET, threading.Event(), threading.Lock(), [0]

    def one(request: FuzzRequest) -> Outcome | None:
        if stop.is_set() or time.monotonic() > deadline:
            return None
        outcome = send(base_url, request)
        if any(rule(outcome) for rule in RULES.values()):
            with lock:
                offenders[0] += 1
                if offenders[0] >= MAX_OFFENDERS:
                    stop.set()
        return outcome

    with ThreadPoolExecutor(THREADS, thread_name_prefix="fuzz") as pool:
        results = list(pool.map(one, requests))
    outcomes = [outcome for outcome in results if outcome is not None]
    return outcomes, len(results) - len(outcomes)


def settle(fake: FakeSlack, quiet: float = 0.5, longest: float = 10.0) -> None:
    """Wait until the app's work after acknowledging (views, messages) has stopped reaching Slack."""
    end, seen, since = time.monotonic() + longest, -1, time.monotonic()
    while time.monotonic() < end:
        if len(fake.calls) != seen:
            seen, since = len(fake.calls), time.monotonic()
        elif time.monotonic() - since >= quiet:
            return
        time.sleep(0.05)


def harvest(trellis) -> tuple[list[dict], list[dict]]:
    """Real views and replies to mutate: U1 and U2 each set a goal, then U1 opens every modal a goal has, the goal
    picker, the reminder settings and App Home. Returns the views sent to Slack and the command replies."""
    for user in ("U1", "U2"):
        saved = trellis.submit_view(new_goal_modal(), GOOD_GOAL, user=user)
        assert saved.status == 200 and saved.json().get("response_action") == "update", saved.body[:300]
    replies = []
    for command, text in SETUP_COMMANDS:
        reply = trellis.command(text, command=command)
        assert reply.status == 200, (command, text, reply.status, reply.body[:300])
        replies.append(reply.json() if reply.body else {})
    trellis.open_home("U1")
    settle(trellis.fake)
    views = [view_arg(c) for c in trellis.fake.calls if c.method in ("views.open", "views.publish", "views.update")]
    return views, replies


def has_traceback(record: logging.LogRecord) -> bool:
    """A traceback in the log an operator reads: INFO and above (a failure's full traceback is kept at DEBUG)."""
    if record.levelno <= logging.DEBUG:
        return False
    return bool(record.exc_info or record.exc_text or record.stack_info) or (
        record.levelno >= logging.ERROR and "Traceback" in message_of(record)
    )


def message_of(record: logging.LogRecord) -> str:
    try:
        return record.getMessage()
    except Exception:  # a record whose arguments don't fit its format still deserves a report
        return str(record.msg)


def raised_at(error: BaseException) -> str:
    """Where `error` was raised: the innermost frame in Trellis's own code, and the innermost frame of all."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if any(f"/{layer}/" in f.filename for layer in ("slackapp", "persistence", "domain"))]
    where = [f"{short(f.filename)}:{f.lineno}" for f in ours[-1:]]
    if frames and (not ours or frames[-1] is not ours[-1]):
        where.append(f"{short(frames[-1].filename)}:{frames[-1].lineno}")
    return " <- ".join(reversed(where)) or "?"


def short(filename: str) -> str:
    """A source file's path from the project, or from site-packages or the standard library."""
    for root in ("site-packages/", f"/python{sys.version_info.major}.{sys.version_info.minor}/", f"{PROJECT}/"):
        if root in filename:
            return filename.rpartition(root)[2]
    return filename


def stderr_errors(stderr: str) -> Counter:
    """Each traceback printed on stderr, as its exception line and the last frame before it."""
    errors, frame, inside = Counter(), "", False
    for line in stderr.splitlines():
        if line.startswith("Traceback (most recent call last)"):
            inside = True
        elif inside and line.lstrip().startswith("File "):
            frame = line.strip()
        elif inside and line and not line.startswith(" "):
            errors[f"{line[:160]} | {frame[:200]}"] += 1
            inside = False
    return errors


def traceback_kind(record: logging.LogRecord) -> tuple:
    error = record.exc_info[1] if record.exc_info else None
    return record.name, record.levelname, type(error).__name__, raised_at(error) if error else message_of(record)[:80]


def describe_record(record: logging.LogRecord) -> str:
    text = f"{record.name} {record.levelname} {message_of(record)[:160]!r}"
    error = record.exc_info[1] if record.exc_info else None
    if error is not None:
        text += f" | {type(error).__name__}: {' '.join(str(error).split())[:160]} at {raised_at(error)}"
    return text


def report(seed, backend, outcomes, unsent, seconds, tracebacks, stderr, health, listed, view_errors) -> str:
    """A compact summary: what broke which rule (first few of each), tracebacks, and (kind, status) counts."""
    lines = [
        f"seed={seed} backend={backend}: {len(outcomes)} requests sent in {seconds:.1f} s from {THREADS} threads, "
        f"{unsent} not sent (sending stops after {MAX_OFFENDERS} offenders or {BUDGET:.0f} s)"
    ]
    for name, rule in RULES.items():
        broken = [o for o in outcomes if rule(o)]
        lines.append(f"* {name}: {len(broken)}")
        for o in broken[:5]:
            lines.append(f"    {o.request.describe()}\n      -> {o.status} in {o.seconds:.2f} s {o.answer[:200]!r}")
    lines.append(f"* log records with a traceback: {len(tracebacks)}, by logger, level, error and where it was raised:")
    kinds = Counter(traceback_kind(record) for record in tracebacks)
    examples = {traceback_kind(record): record for record in reversed(tracebacks)}
    lines += [f"    {n} x {describe_record(examples[kind])}" for kind, n in kinds.most_common(12)]
    lines.append(f"* tracebacks on stderr (the HTTP server's own 500s): {stderr.count('Traceback (most recent')}")
    lines += [f"    {n} x {error}" for error, n in stderr_errors(stderr).most_common(8)]
    lines.append(f"* views Slack would reject: {len(view_errors)} {view_errors[:2]}")
    lines.append(f"* afterwards: /healthz {health.status}, /goal list {listed.status} {listed.body[:160]!r}")
    counts = Counter((o.request.kind, o.status) for o in outcomes)
    lines.append("* (kind, status): " + ", ".join(f"{k}/{s}: {n}" for (k, s), n in sorted(counts.items(), key=str)))
    return "\n".join(lines)


@pytest.fixture
def quiet_log_report(request):
    """caplog sees every record at DEBUG, but a failure's "Captured log" shows only warnings and worse: thousands
    of requests' debug lines would bury the summary."""
    handler = request.config.pluginmanager.get_plugin("logging-plugin").report_handler
    only_warnings = logging.Filter()
    only_warnings.filter = lambda record: record.levelno >= logging.WARNING
    handler.addFilter(only_warnings)
    yield
    handler.removeFilter(only_warnings)


def test_thousands_of_hostile_requests_get_no_5xx_no_slow_answer_no_traceback_and_trellis_stays_up(
    fake_slack, database_url, clock, caplog, capsys, quiet_log_report
):
    for logger in (None, "trellis", "slack_bolt"):
        caplog.set_level(logging.DEBUG, logger=logger)
    for person, (name, zone) in FUZZ_PEOPLE.items():
        fake_slack.add_user(person, name, tz=zone)
    backend = "sqlite" if database_url.startswith("sqlite") else "postgresql"
    ids, verb_prefixes = capability_ids()
    assert ids and verb_prefixes, "no action or callback ids found in slackapp/*/ids.py: the fuzz would be blind"

    with start_trellis(fake_slack, database_url, clock) as trellis:
        views, replies = harvest(trellis)
        people = ["U1", "U2", *FUZZ_PEOPLE]
        material = Material(fake_slack.api_url + "response", views, replies, people, ids, verb_prefixes)
        requests = Fuzzer(random.Random(SEED), material).batch(REQUESTS[backend])
        assert {"modal", "home"} <= {view.get("type") for view in views}, "no real views to mutate"
        assert {r.kind for r in requests} >= KINDS, f"seed {SEED} left out {KINDS - {r.kind for r in requests}}"
        started = time.monotonic()
        outcomes, unsent = fire(trellis.base_url, requests)
        seconds = time.monotonic() - started
        settle(fake_slack)
        health = trellis.get("/healthz")
        listed = trellis.command("list", user="U1")

    tracebacks = [record for record in caplog.records if has_traceback(record)]
    stderr = capsys.readouterr().err
    summary = report(
        SEED, backend, outcomes, unsent, seconds, tracebacks, stderr, health, listed, list(fake_slack.view_errors)
    )
    print(summary.splitlines()[0], summary.splitlines()[-1], sep="\n")  # with -s: the run's size, time and statuses
    broken = {name: sum(map(rule, outcomes)) for name, rule in RULES.items()}

    assert broken[SERVER_ERROR] == 0, summary
    assert broken[TOO_SLOW] == 0, summary
    assert broken[WRONG_REFUSAL] == 0, summary
    assert broken[UNHANDLED_404] == 0, summary
    assert broken[BAD_ACK] == 0, summary
    logged = len(tracebacks)
    assert logged == 0, summary
    assert stderr.count("Traceback") == 0, summary
    assert unsent == 0, summary
    assert health.status == 200, summary
    assert listed.status == 200, summary
    answer = listed.json()
    assert answer.get("response_type") == "ephemeral" and answer.get("text") != TOO_MANY, summary
