"""The team summary (issue 11): `team_summary` for a manager of 5 and of 50 reports, on PostgreSQL, and its chart.

    .venv/bin/python -m bench.team_load [--reports 50] [--small 5] [--goals 10] [--weeks 52] [--others 200] [--runs 50]

A temporary database holds two teams (50 reports and 5 reports, each under a manager of their own) and, around them,
`--others` people in teams of 8, everyone with 10 goals (2 of them private, which a summary must skip) of 52 weekly
check-ins each, milestones on a quarter of them, feedback requests and kudos. It counts the SQL statements of one
`team_summary` per team, times the summary on the app's kind of engine next to a baseline measured in the same run
(the one-query read of the same 50 people's profiles, `uow.members.many`, in a unit of work of its own), explains the
goals query, and times the chart (`slackapp.teams.chart.render`) for 5 and 50 people. bench/README.md says more.
"""

import argparse
import contextlib
import json
import os
import random
import shlex
import signal
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

from dateutil.relativedelta import relativedelta
from sqlalchemy import event, insert, text

from bench.goal_load import database, database_options, percentile, source_version
from domain.goals.model import GoalStatus, Horizon, MeasureKind, Visibility
from domain.shared.workspace import WorkspaceKey
from domain.teams.summary import WINDOW, team_summary
from domain.teams.visibility import SEEN_BY_MANAGER
from persistence.database import make_engine, session_factory, upgrade
from persistence.feedback.tables import AskRow, CounterRow, RequestRow
from persistence.goals.tables import CheckInRow, GoalCounterRow, GoalRow, MilestoneRow
from persistence.kudos.tables import KudosRow, RecipientRow
from persistence.people.tables import MemberRow
from persistence.uow import TEAMS, unit_of_work_factory
from slackapp.teams.chart import render, text_alternative
from slackapp.teams.messages import bars

WORKSPACE = WorkspaceKey("", "TTEAMBENCH")
CHART_TITLE = "Progress against time elapsed"  # the title the app draws on the chart
ZONES = ("UTC", "Europe/Paris", "America/New_York", "Asia/Kolkata", "Pacific/Auckland")
FIRST = ("Asha", "Bruno", "Chen", "Dana", "Émile", "Farida", "Gustavo", "Hiroko", "Ingrid", "Jomo", "Kateryna", "Luis")
LAST = ("Raman", "Álvarez-Ferreira", "Okafor", "Nakamura-Lindqvist", "Smith", "Øvergaard", "Nguyen", "Kowalczyk")
# Goal n's visibility (n = 1…10): 2 of 10 private, never shown to a manager, not even as a count.
VISIBILITY = [
    Visibility(v)
    for v in ["manager", "manager", "team", "public", "private", "manager", "team", "private", "public", "manager"]
]
LARGE, SMALL = "UMANAGERLARGE", "UMANAGERSMALL"  # the two managers measured
TEAM_SIZE = 8  # the others' teams
BASELINE = "baseline"
KINDS = {  # a statement's part of the summary: the first of these tables (in this order) that it names
    "manager_links": "links",
    "kudos_recipients": "kudos counts",
    "feedback_asks": "feedback counts",
    "checkins": "goals",
    "members": "members",
}


# --- The data ---------------------------------------------------------------------------------------------------


def name_of(n: int) -> str:
    return f"{FIRST[n % len(FIRST)]} {LAST[(n // len(FIRST)) % len(LAST)]}"


def goals_of(owner: str, person: int, n_goals: int, weeks: int, now: datetime, rng: random.Random) -> list[dict]:
    """A person's goals, all begun a little over `weeks` weeks ago; every seventh person stopped checking in three
    weeks earlier. The last goal is completed, goal 6 of every third person paused, goal 8 of every fifth missed."""
    quiet = person % 7 == 3
    starts_on = now.date() - timedelta(weeks=weeks, days=3 + 21 * quiet)
    created_at = datetime.combine(starts_on, clock_time(9), UTC)
    rows = []
    for n in range(1, n_goals + 1):
        horizon = Horizon.LONG if n % 5 == 0 else Horizon.MEDIUM
        due_on = starts_on + relativedelta(years=6 if horizon is Horizon.LONG else 2)
        if n == 8 and person % 5 == 0:
            due_on = now.date() - timedelta(days=2)  # missed
        status = GoalStatus.ACTIVE
        if n == n_goals:
            status = GoalStatus.COMPLETED
        elif n == 6 and person % 3 == 0:
            status = GoalStatus.PAUSED
        milestones = n % 4 == 0
        rows.append(
            {
                "enterprise_id": WORKSPACE.enterprise_id,
                "team_id": WORKSPACE.team_id,
                "owner_id": owner,
                "number": n,
                "title": f"Goal {n} of {owner}: ship the thing that matters this year",
                "why": "Because the team depends on it.",
                "horizon": horizon.value,
                "due_on": due_on,
                "starts_on": starts_on,
                "measure_kind": (MeasureKind.MILESTONES if milestones else MeasureKind.METRIC).value,
                "metric": None if milestones else "score",
                "target": None if milestones else 100.0,
                "unit": None if milestones else "%",
                "baseline": 0.0,
                "visibility": VISIBILITY[(n - 1) % len(VISIBILITY)].value,
                "status": status.value,
                "created_at": created_at,
                "status_changed_at": None if status is GoalStatus.ACTIVE else now - timedelta(days=30),
                "paused_days": 0,
                "speed": rng.uniform(0.45, 1.3),  # progress ÷ time elapsed; not a column
            }
        )
    return rows


def parts_of(goal_id: int, goal: dict, weeks: int, now: datetime, rng: random.Random) -> tuple[list, list]:
    """A goal's weekly check-ins (a value on a metric goal) and, on a goal measured by milestones, its 6 milestones."""
    keys = {"enterprise_id": goal["enterprise_id"], "team_id": goal["team_id"], "goal_id": goal_id}
    keys["owner_id"] = goal["owner_id"]
    span = (goal["due_on"] - goal["starts_on"]).days
    checkins = []
    for week in range(1, weeks + 1):
        share = min(1.0, goal["speed"] * week * 7 / span + rng.uniform(-0.02, 0.02))
        value = None if goal["target"] is None else round(max(0.0, share) * goal["target"], 1)
        checkins.append(
            {
                **keys,
                "at": goal["created_at"] + timedelta(weeks=week, hours=rng.randint(0, 8)),
                "value": value,
                "confidence": rng.randint(1, 5),
                "blockers": "waiting on a review" if week % 9 == 0 else None,
                "learned": None,
                "next_step": "keep going" if week % 4 == 0 else None,
            }
        )
    milestones = []
    if goal["measure_kind"] == MeasureKind.MILESTONES.value:
        done = round(6 * min(1.0, goal["speed"] * (now.date() - goal["starts_on"]).days / span))
        for m in range(6):
            due_on = goal["starts_on"] + timedelta(days=span * (m + 1) // 6)
            done_at = now - timedelta(days=7 * (done - m)) if m < done else None
            milestones.append({**keys, "title": f"Milestone {m + 1}", "due_on": due_on, "done_at": done_at})
    return checkins, milestones


def feedback_of(person: str, people: list[str], now: datetime, rng: random.Random) -> list[tuple[dict, list]]:
    """0–3 requests in the summary's window and one older, each asking 3 people: some answered, some declined."""
    days = [rng.randint(1, WINDOW.days - 1) for _ in range(rng.randint(0, 3))] + [WINDOW.days + 60]
    requests = []
    for number, ago in enumerate(days, 1):
        asked_on = now.date() - timedelta(days=ago)
        request = {
            "enterprise_id": WORKSPACE.enterprise_id,
            "team_id": WORKSPACE.team_id,
            "number": number,
            "requester_id": person,
            "asked_on": asked_on,
            "deadline": asked_on + timedelta(days=7),
            "closes_at": datetime.combine(asked_on + timedelta(days=8), clock_time(0), UTC),
            "questions": [{"text": "What should I keep doing?", "scale": "text"}],
            "topic": "my last project",
            "anonymous": number % 2 == 0,
            "readers": "me",
            "extended": False,
            "created_at": datetime.combine(asked_on, clock_time(10), UTC),
        }
        asked = rng.sample([p for p in people if p != person], 3)
        requests.append((request, [(user, rng.choice(("waiting", "done", "done", "declined"))) for user in asked]))
    return requests


def kudos_for(person: str, people: list[str], now: datetime, rng: random.Random) -> list[dict]:
    """0–6 kudos in the summary's window and 2 older, each from someone else."""
    kudos = []
    for ago in [rng.randint(0, WINDOW.days - 1) for _ in range(rng.randint(0, 6))] + [WINDOW.days + 5, 200]:
        given_at = now - timedelta(days=ago, hours=rng.randint(0, 23))
        kudos.append(
            {
                "enterprise_id": WORKSPACE.enterprise_id,
                "team_id": WORKSPACE.team_id,
                "giver_id": rng.choice([p for p in people if p != person]),
                "reason": "for untangling the release checklist",
                "value_name": "ownership",
                "value_emoji": ":muscle:",
                "channel_id": "CTEAMBENCH" if ago % 3 else None,
                "week": given_at.date() - timedelta(days=given_at.weekday()),
                "given_at": given_at,
                "recipient": person,  # not a column
            }
        )
    return kudos


def add_rows(connection, table, rows: list[dict], returning=None) -> list:
    """Insert many rows at once (SQLAlchemy core, insertmanyvalues); the `returning` column of each, in order."""
    if not rows:
        return []
    columns = {column.key for column in table.__table__.columns}
    rows = [{key: value for key, value in row.items() if key in columns} for row in rows]
    if returning is None:
        connection.execute(insert(table), rows)
        return []
    statement = insert(table).returning(returning, sort_by_parameter_order=True)
    return list(connection.execute(statement, rows).scalars())


def seed(engine, args, now: datetime) -> dict:
    """Everyone's profile, goals, check-ins, milestones, feedback and kudos in bulk; then the manager links through
    the links repository, as `/growth team add` and its acceptance leave them. The teams (manager id -> reports),
    and how many rows of each."""
    rng = random.Random(args.seed)
    teams = {LARGE: [f"UL{n:05d}" for n in range(args.reports)], SMALL: [f"US{n:05d}" for n in range(args.small)]}
    others = [f"UO{n:05d}" for n in range(args.others)]
    for start in range(0, len(others), TEAM_SIZE):
        teams[f"UMOTHER{start // TEAM_SIZE:04d}"] = others[start : start + TEAM_SIZE]
    owners = [person for reports in teams.values() for person in reports]
    everyone = list(teams) + owners
    keys = {"enterprise_id": WORKSPACE.enterprise_id, "team_id": WORKSPACE.team_id}
    with engine.begin() as connection:
        profiles = [
            {**keys, "user_id": user, "display_name": name_of(n), "tz": ZONES[n % len(ZONES)], "refreshed_at": now}
            for n, user in enumerate(everyone)
        ]
        add_rows(connection, MemberRow, profiles)
        goals = [
            goal for n, owner in enumerate(owners) for goal in goals_of(owner, n, args.goals, args.weeks, now, rng)
        ]
        ids = add_rows(connection, GoalRow, goals, GoalRow.id)
        add_rows(connection, GoalCounterRow, [{**keys, "owner_id": owner, "goal_seq": args.goals} for owner in owners])
        checkins, milestones, checked_in = [], [], 0
        for goal_id, goal in zip(ids, goals, strict=True):
            theirs = parts_of(goal_id, goal, args.weeks, now, rng)
            checkins += theirs[0]
            milestones += theirs[1]
            if len(checkins) > 20_000 or goal is goals[-1]:
                add_rows(connection, CheckInRow, checkins)
                checked_in, checkins = checked_in + len(checkins), []
        add_rows(connection, MilestoneRow, milestones)
        requests = [request for owner in owners for request in feedback_of(owner, everyone, now, rng)]
        request_ids = add_rows(connection, RequestRow, [request for request, _ in requests], RequestRow.id)
        asks = [
            {**keys, "request_id": request_id, "user_id": user, "state": state}
            for request_id, (_, asked) in zip(request_ids, requests, strict=True)
            for user, state in asked
        ]
        add_rows(connection, AskRow, asks)
        numbers = defaultdict(int)
        for request, _ in requests:
            numbers[request["requester_id"]] += 1
        add_rows(connection, CounterRow, [{**keys, "requester_id": user, "seq": n} for user, n in numbers.items()])
        kudos = [given for owner in owners for given in kudos_for(owner, everyone, now, rng)]
        kudos_ids = add_rows(connection, KudosRow, kudos, KudosRow.id)
        recipients = [{**keys, "kudos_id": i, "user_id": k["recipient"]} for i, k in zip(kudos_ids, kudos, strict=True)]
        add_rows(connection, RecipientRow, recipients)
    factory = unit_of_work_factory(session_factory(engine), TEAMS)
    with factory(WORKSPACE) as uow:
        for manager, reports in teams.items():
            for report in reports:
                assert uow.links.add_confirmed(manager, report, report, now - timedelta(days=100)) is not None
        uow.commit()
    settle(engine, args.setup_sql)
    counts = {"people": len(everyone), "goals": len(goals), "check-ins": checked_in, "milestones": len(milestones)}
    counts |= {"feedback requests": len(requests)}
    counts |= {"people asked": len(asks), "kudos": len(kudos), "manager links": len(owners)}
    return {"teams": teams, "counts": counts}


def settle(engine, setup_sql: list[str]) -> None:
    """Run any `--setup-sql` (a candidate index, say), then VACUUM ANALYZE on PostgreSQL: the statistics and the
    visibility map autovacuum would have brought about by now in a workspace that grew over a year."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        for statement in setup_sql:
            connection.execute(text(statement))
        if engine.dialect.name == "postgresql":
            connection.execute(text("VACUUM ANALYZE"))


# --- Measuring --------------------------------------------------------------------------------------------------


class Tally:
    """The statements an engine runs, each with its kind and the seconds its `execute` took (psycopg has received every
    row by then; turning them into Python objects comes after), and the pool checkouts (each pings the database)
    and rollbacks."""

    def __init__(self, engine):
        self.statements: list[list] = []  # [kind, seconds, statement, parameters]
        self.checkouts = self.rollbacks = 0
        event.listen(engine, "before_cursor_execute", self._started)
        event.listen(engine, "after_cursor_execute", self._ended)
        event.listen(engine, "checkout", lambda *_: self._count("checkouts"))
        event.listen(engine, "rollback", lambda *_: self._count("rollbacks"))

    def _count(self, name: str) -> None:
        setattr(self, name, getattr(self, name) + 1)

    def _started(self, _connection, _cursor, statement, parameters, _context, _many):
        kind = next((kind for table, kind in KINDS.items() if table in statement), statement.split()[0])
        self.statements.append([kind, time.perf_counter(), statement, parameters])

    def _ended(self, *_):
        self.statements[-1][1] = time.perf_counter() - self.statements[-1][1]

    def reset(self) -> None:
        self.statements, self.checkouts, self.rollbacks = [], 0, 0

    def sql_seconds(self) -> float:
        return sum(seconds for _, seconds, *_ in self.statements)


def timed(tally: Tally, cases: dict, runs: int, warmup: int) -> dict[str, dict]:
    """Each case `warmup` times, then `runs` rounds of every case, in an order that turns each round, so no case
    always follows the same one: wall, CPU (this process) and SQL execute seconds of every call."""
    for call in cases.values():
        for _ in range(warmup):
            call()
    found = {name: defaultdict(list) for name in cases}
    names = list(cases)
    for run in range(runs):
        for name in names[run % len(names) :] + names[: run % len(names)]:
            tally.reset()
            started, cpu = time.perf_counter(), time.process_time()
            cases[name]()
            found[name]["wall"].append(time.perf_counter() - started)
            found[name]["cpu"].append(time.process_time() - cpu)
            found[name]["sql"].append(tally.sql_seconds())
            for kind, seconds, *_ in tally.statements:
                found[name][f"sql {kind}"].append(seconds)
    return found


def chart_times(team, runs: int) -> dict:
    """The chart of a summary as the app draws it: the first render, then `runs` more; and its words."""
    drawn = bars(team)
    started = time.perf_counter()
    png = render(drawn, CHART_TITLE)  # the first in this process: fonts and matplotlib's caches
    first = time.perf_counter() - started
    walls, words = [], []
    for _ in range(runs):
        started = time.perf_counter()
        render(drawn, CHART_TITLE)
        walls.append(time.perf_counter() - started)
        started = time.perf_counter()
        alt = text_alternative(drawn)
        words.append(time.perf_counter() - started)
    return {"bars": len(drawn), "first": first, "walls": walls, "png": len(png), "words": words, "alt": len(alt)}


def explain(engine, statement: str, parameters) -> list[str]:
    """EXPLAIN (ANALYZE, BUFFERS) of a statement as the app ran it, with its parameters."""
    with engine.connect() as connection:
        return [row[0] for row in connection.exec_driver_sql(f"EXPLAIN (ANALYZE, BUFFERS) {statement}", parameters)]


def measure(database_url: str, seeded: dict, args, now: datetime) -> dict:
    """Count one summary's statements per team, then time the cases, explain the goals query and draw the charts."""
    engine = make_engine(database_url, bounded=True)  # the app's kind: bounded, pinged at each checkout
    try:
        tally = Tally(engine)
        factory = unit_of_work_factory(session_factory(engine), TEAMS)
        with factory(WORKSPACE) as uow:
            managers = uow.members.many([SMALL, LARGE])
        large_team = seeded["teams"][LARGE]

        def summary(manager: str):
            return lambda: team_summary(factory(WORKSPACE), managers[manager], now)

        def members_many():
            with factory(WORKSPACE) as uow:
                return uow.members.many(large_team)

        def select_one():
            with factory(WORKSPACE) as uow:
                return uow.session.execute(text("SELECT 1")).scalar_one()

        counted, summaries = {}, {}
        for manager in (SMALL, LARGE):
            tally.reset()
            summaries[manager] = summary(manager)()
            counted[manager] = {
                "statements": [kind for kind, *_ in tally.statements],
                "checkouts": tally.checkouts,
                "rollbacks": tally.rollbacks,
            }
        goals_query = next(found for found in tally.statements if found[0] == "goals")  # the large team's
        cases = {"SELECT 1": select_one, BASELINE: members_many, SMALL: summary(SMALL), LARGE: summary(LARGE)}
        timings = timed(tally, cases, args.runs, args.warmup)
        plan = explain(engine, *goals_query[2:]) if engine.dialect.name == "postgresql" else []
        charts = {manager: chart_times(team, args.chart_runs) for manager, team in summaries.items()}
        return {"counted": counted, "summaries": summaries, "timings": timings, "plan": plan, "charts": charts}
    finally:
        engine.dispose()


# --- Report -----------------------------------------------------------------------------------------------------


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f}"


def shown(team, size: int) -> dict:
    """What a summary shows: its reports (of the team's `size`), their shared open goals, and private goals among
    them (must be 0), and how many need attention."""
    goals = [g.goal for report in team.reports for g in report.goals]
    private = sum(1 for goal in goals if goal.spec.visibility not in SEEN_BY_MANAGER)
    return {
        "team": size,
        "reports": len(team.reports),
        "goals": len(goals),
        "private": private,
        "attention": team.attention_count,
    }


def report(seeded: dict, found: dict, args, command: str) -> dict:
    print(f"\n$ {command}\ncommit {source_version()}; {os.cpu_count()} CPUs; database {args.database}")
    for statement in args.setup_sql:
        print(f"setup SQL: {statement}")
    print("data: " + ", ".join(f"{n:,} {what}" for what, n in seeded["counts"].items()))
    teams = {manager: f"{len(seeded['teams'][manager])} reports" for manager in (SMALL, LARGE)}
    seen = {manager: shown(found["summaries"][manager], len(seeded["teams"][manager])) for manager in teams}
    print("\n| team | SQL statements per summary | which | pool checkouts (each a ping) | rollbacks | shown |")
    print("|---|---:|---|---:|---:|---|")
    for manager, counted in found["counted"].items():
        what = seen[manager]
        print(
            f"| {teams[manager]} | {len(counted['statements'])} | {', '.join(counted['statements'])} "
            f"| {counted['checkouts']} | {counted['rollbacks']} | {what['reports']} reports, {what['goals']} shared "
            f"open goals, {what['private']} private, {what['attention']} need attention |"
        )
    timings = found["timings"]
    names = {
        "SELECT 1": "`SELECT 1` in a unit of work of its own",
        BASELINE: f"**baseline**: `uow.members.many` of the {teams[LARGE]}, in a unit of work of its own",
        SMALL: f"`team_summary`, {teams[SMALL]}",
        LARGE: f"`team_summary`, {teams[LARGE]}",
    }
    baseline = statistics.median(timings[BASELINE]["wall"])
    print(f"\n{args.runs} calls of each, in turn, after {args.warmup} warm-up calls of each")
    print("\n| call | median ms | p95 ms | ÷ baseline (median) | CPU ms (median) | SQL execute ms (median) |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, times in timings.items():
        median = statistics.median(times["wall"])
        print(
            f"| {names[name]} | {ms(median)} | {ms(percentile(times['wall'], 95))} | {median / baseline:.1f} "
            f"| {ms(statistics.median(times['cpu']))} | {ms(statistics.median(times['sql']))} |"
        )
    large = timings[LARGE]
    each = [f"{key[4:]} {ms(statistics.median(large[key]))}" for key in large if key.startswith("sql ")]
    print(f"\n`team_summary`, {teams[LARGE]}, each statement's execute (median ms): {', '.join(each)}")
    if found["plan"]:
        times = [line.strip() for line in found["plan"] if line.startswith(("Planning Time", "Execution Time"))]
        print(f"its goals query (`owned_by_many`), EXPLAIN ANALYZE: {'; '.join(times)}")
        if args.explain:
            print("\n".join(found["plan"]))
    print("\n| chart | first render ms | render median ms | PNG bytes | text_alternative median ms | its characters |")
    print("|---|---:|---:|---:|---:|---:|")
    for manager, chart in found["charts"].items():
        print(
            f"| {chart['bars']} bars ({teams[manager]}) | {ms(chart['first'])} "
            f"| {ms(statistics.median(chart['walls']))} | {chart['png']:,} "
            f"| {statistics.median(chart['words']) * 1000:.3f} | {chart['alt']} |"
        )
    median = statistics.median(large["wall"])
    statements = {len(counted["statements"]) for counted in found["counted"].values()}
    private = sum(what["private"] for what in seen.values())
    print(
        f"\n`team_summary`, {teams[LARGE]}: median {ms(median)} ms (target under 50), {median / baseline:.1f} × the "
        f"baseline; SQL statements per summary: {' and '.join(map(str, sorted(statements)))} (target at most 6, the "
        f"same for {teams[SMALL]} and {teams[LARGE]}); private goals shown: {private}"
    )
    return {
        "counts": seeded["counts"],
        "counted": {teams[manager]: counted for manager, counted in found["counted"].items()},
        "shown": {teams[manager]: what for manager, what in seen.items()},
        "timings": {
            names[name]: {k: [round(s * 1000, 3) for s in v] for k, v in t.items()} for name, t in timings.items()
        },
        "plan": found["plan"],
        "charts": {teams[manager]: chart for manager, chart in found["charts"].items()},
    }


# --- Main -------------------------------------------------------------------------------------------------------


def query_options(parser: argparse.ArgumentParser) -> None:
    """The options of a benchmark of queries on generated data: where, candidate SQL, the seed, the figures' file."""
    database_options(parser)
    parser.add_argument(
        "--setup-sql", action="append", default=[], help="SQL to run once the data is in, e.g. a candidate index"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write the figures here")


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench.team_load", description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=50, help="reports in the large team")
    parser.add_argument("--small", type=int, default=5, help="reports in the small team")
    parser.add_argument("--goals", type=int, default=10, help="goals per person")
    parser.add_argument("--weeks", type=int, default=52, help="weekly check-ins per goal")
    parser.add_argument("--others", type=int, default=200, help="other people in the workspace, in teams of 8")
    parser.add_argument("--runs", type=int, default=50, help="timed calls of each case")
    parser.add_argument("--warmup", type=int, default=5, help="untimed calls of each case first")
    parser.add_argument("--chart-runs", type=int, default=10, help="timed renders of each chart")
    parser.add_argument("--explain", action="store_true", help="print the goals query's whole plan")
    query_options(parser)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    command = shlex.join([".venv/bin/python", "-m", "bench.team_load", *argv])
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # unwind and drop the database on SIGTERM too
    now = datetime.now(UTC).replace(microsecond=0)
    with contextlib.ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="trellis-bench-")))
        database_url = stack.enter_context(database(args.database, args.postgres_url, tmp))
        engine = make_engine(database_url)
        try:
            upgrade(engine)
            started = time.perf_counter()
            seeded = seed(engine, args, now)
            print(f"seeded in {time.perf_counter() - started:.1f} s: {seeded['counts']}", flush=True)
        finally:
            engine.dispose()
        found = measure(database_url, seeded, args, now)
        summary = report(seeded, found, args, command)
        if args.json:
            args.json.write_text(json.dumps({"command": command, **summary}, indent=2, default=str) + "\n")
    wrong = [seen for seen in summary["shown"].values() if seen["private"] or seen["reports"] != seen["team"]]
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
