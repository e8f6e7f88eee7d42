"""Growth profiles at scale: mentor matching (`find_mentors`) among 5,000 profiles of 20 skills each, and a growth-chat
round (`run_round`, and `pair_round` alone) for 2,000 people opted in.

    .venv/bin/python -m bench.profile_load [--people 5000] [--chat-people 2000] [--askers 5] [--runs 40] [--rounds 7]

A temporary database holds one workspace of `--people` profiles, each with 10 skills to learn and 10 to teach drawn
from a catalogue of `--catalogue` skills of Zipf-like popularity, 3–5 interests, a mentoring capacity of 0–5 and
3 goals (2 active) naming 2 skills each; people are in teams of 8 under confirmed managers. It times `find_mentors`
for `--askers` people next to a baseline measured in the same run (`uow.profiles.get` of the same person, in a unit of
work of its own) and counts its SQL statements; then runs `--rounds` growth-chat rounds, 14 days apart, timing each
round, its statements, and `pair_round` alone. bench/README.md says more.
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
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from bench.goal_load import database, percentile, source_version
from bench.team_load import Tally, add_rows, explain, query_options, settle, timed
from domain.goals.model import GoalStatus, Horizon, MeasureKind
from domain.profiles import rounds
from domain.profiles.chats import ROUND_EVERY, same_team
from domain.profiles.mentoring import find_mentors
from domain.profiles.records import Visibility
from domain.profiles.rounds import run_round
from domain.shared.clock import FixedClock
from domain.shared.skills import skill
from domain.shared.workspace import WorkspaceKey
from persistence.database import make_engine, session_factory, upgrade
from persistence.goals.tables import GoalRow
from persistence.profiles.tables import ProfileRow, ProfileSkillRow, SkillRow
from persistence.teams.tables import LinkRow
from persistence.uow import PROFILES, unit_of_work_factory

WORKSPACE = WorkspaceKey("", "TPROFILEBENCH")
TEAM_SIZE = 8  # a manager and 7 reports; each team's manager reports to the first of 8 teams' managers
BASELINE = "baseline"
SUBJECTS = (
    "Python", "SQL", "Go", "Rust", "TypeScript", "Kubernetes", "Terraform", "observability", "incident response",
    "security", "data modelling", "machine learning", "statistics", "UX research", "interaction design",
    "accessibility", "technical writing", "public speaking", "negotiation", "facilitation", "coaching",
    "hiring", "budgeting", "product discovery", "roadmapping", "pricing", "sales engineering", "customer support",
    "API design", "distributed systems", "performance tuning", "testing", "code review", "mobile development",
    "frontend architecture", "compilers", "embedded systems", "cryptography", "finance basics", "storytelling",
)  # fmt: skip
ANGLES = ("", "at scale", "for beginners", "in practice", "for teams", "advanced", "leadership", "tooling",
          "fundamentals", "strategy")  # fmt: skip
HOBBIES = (
    "climbing", "chess", "baking", "running", "jazz", "gardening", "photography", "cycling", "board games",
    "birdwatching", "podcasts", "sci-fi", "knitting", "sailing", "volunteering", "yoga", "film", "poetry",
    "astronomy", "football", "tennis", "cooking", "hiking", "languages", "history",
)  # fmt: skip
KINDS = (  # a statement's part, by what it names (the first rule that matches)
    ("manager_links", "manager ids"),
    ("FROM goals", "goal skills"),
    ("INSERT INTO chat_rounds", "claim round"),
    ("UPDATE chat_rounds", "record left out"),
    ("FROM chat_rounds", "left out last"),
    ("INSERT INTO chat_pairs", "add pairs"),
    ("FROM chat_pairs", "recent pairs"),
    ("LEFT OUTER JOIN profile_skills", "chat people"),
    ("GROUP BY", "teaching counts"),
    ("DISTINCT", "teachers in all"),
    ("JOIN profiles", "visible teachers"),
    ("FROM profile_skills", "profile skills"),
    ("FROM profiles", "profile"),
)


def kind_of(statement: str) -> str:
    return next((kind for text, kind in KINDS if text in statement), statement.split()[0])


class ProfileTally(Tally):
    """team_load's Tally, naming the statements of this benchmark."""

    def _started(self, _connection, _cursor, statement, parameters, _context, _many):
        self.statements.append([kind_of(statement), time.perf_counter(), statement, parameters])


# --- The data ---------------------------------------------------------------------------------------------------


def catalogue(size: int) -> list:
    """`size` skills, the most popular first."""
    names = [f"{subject} {angle}".strip() for angle in ANGLES for subject in SUBJECTS]
    names += [f"{subject} {n}" for n in range(2, size) for subject in SUBJECTS]
    return [skill(name) for name in names[:size]]


def draw(rng: random.Random, items: list, weights: list[float], k: int) -> list:
    """`k` distinct items, each drawn with its weight."""
    found: dict[int, None] = {}
    while len(found) < k:
        for i in rng.choices(range(len(items)), weights, k=k - len(found)):
            found.setdefault(i)
    return [items[i] for i in found]


def people_of(args) -> list[str]:
    return [f"UP{n:05d}" for n in range(args.people)]


def manager_of(n: int) -> int | None:
    """Person n's manager: the first of their team of 8; that one's, the first manager of their 8 teams."""
    team = n - n % TEAM_SIZE
    if n != team:
        return team
    group = n - n % (TEAM_SIZE * TEAM_SIZE)
    return group if n != group else None


def seed(engine, args, now: datetime) -> dict:
    """Profiles, their skills and interests, the catalogue, goals and manager links, in bulk (SQLAlchemy core)."""
    rng = random.Random(args.seed)
    skills = catalogue(args.catalogue)
    weights = [1 / rank**args.zipf for rank in range(1, len(skills) + 1)]
    hobbies = [skill(name) for name in HOBBIES]
    hobby_weights = [1 / rank for rank in range(1, len(hobbies) + 1)]
    people = people_of(args)
    visibility = {user: Visibility.EVERYONE for user in people}
    for user in rng.sample(people, round(len(people) * (1 - args.public))):
        visibility[user] = rng.choice((Visibility.MANAGER, Visibility.ONLY_ME))
    public = [user for user in people if visibility[user] is Visibility.EVERYONE]
    chatting = set(rng.sample(public, args.chat_people))
    hidden = [user for user in people if visibility[user] is not Visibility.EVERYONE]
    chatting_hidden = set(rng.sample(hidden, min(len(hidden), args.chat_people // 20)))  # opted in, never paired
    keys = {"enterprise_id": WORKSPACE.enterprise_id, "team_id": WORKSPACE.team_id}
    profiles, rows, goals, mine = [], [], [], {}
    for user in people:
        capacity = rng.randint(0, 5)
        profiles.append(
            {
                **keys,
                "user_id": user,
                "visibility": visibility[user].value,
                "strengths": ["Explaining things clearly", "Calm under pressure"],
                "areas": ["Delegating"],
                "vision": "Lead a team that ships well.",
                "capacity": capacity,
                "mentees": rng.randint(0, capacity),  # full for 1 in capacity + 1
                "chats": user in chatting or user in chatting_hidden,
                "updated_at": now - timedelta(days=rng.randint(1, 300)),
            }
        )
        drawn = draw(rng, skills, weights, args.learn + args.teach)
        kinds = {
            "learn": drawn[: args.learn],
            "teach": drawn[args.learn :],
            "interest": draw(rng, hobbies, hobby_weights, rng.randint(3, 5)),
        }
        mine[user] = kinds
        for kind, listed in kinds.items():
            rows += [
                {**keys, "user_id": user, "kind": kind, "key": s.key, "name": s.name, "position": position}
                for position, s in enumerate(listed)
            ]
        for number in range(1, args.goals + 1):
            active = number < args.goals  # the last goal is completed
            named = draw(rng, skills, weights, 2)
            goals.append(goal_row(keys, user, number, active, [s.name for s in named], now))
    links = [
        {
            **keys,
            "manager_id": people[manager_of(n)],
            "report_id": user,
            "state": "confirmed",
            "asked_by": user,
            "imported": False,
            "created_at": now - timedelta(days=200),
            "confirmed_at": now - timedelta(days=199),
            "confirmed_report_id": user,
        }
        for n, user in enumerate(people)
        if manager_of(n) is not None
    ]
    catalogue_rows = [
        {**keys, "key": s.key, "name": s.name, "created_by": people[0], "created_at": now - timedelta(days=365)}
        for s in skills
    ]
    with engine.begin() as connection:
        add_rows(connection, ProfileRow, profiles)
        for start in range(0, len(rows), 20_000):
            add_rows(connection, ProfileSkillRow, rows[start : start + 20_000])
        add_rows(connection, SkillRow, catalogue_rows)
        add_rows(connection, GoalRow, goals)
        add_rows(connection, LinkRow, links)
    settle(engine, args.setup_sql)
    askers = rng.sample(public, args.askers)
    counts = {
        "profiles": len(people),
        "visible to everyone": len(public),
        "skill and interest rows": len(rows),
        "catalogue skills": len(skills),
        "goals": len(goals),
        "manager links": len(links),
        "opted in to chats": len(chatting) + len(chatting_hidden),
        "of them visible to everyone": len(chatting),
    }
    teams = {people[n]: people[m] for n in range(len(people)) if (m := manager_of(n)) is not None}
    room = {p["user_id"]: p["mentees"] < p["capacity"] for p in profiles}
    return {"counts": counts, "askers": askers, "visibility": visibility, "teams": teams, "room": room, "mine": mine}


def goal_row(keys: dict, owner: str, number: int, active: bool, skills: list[str], now: datetime) -> dict:
    starts_on = now.date() - timedelta(days=60 * number)
    return {
        **keys,
        "owner_id": owner,
        "number": number,
        "title": f"Goal {number}: get better at {skills[0]}",
        "why": "It is what my role needs next.",
        "horizon": Horizon.MEDIUM.value,
        "due_on": starts_on + timedelta(days=365),
        "starts_on": starts_on,
        "measure_kind": MeasureKind.METRIC.value,
        "metric": "score",
        "target": 100.0,
        "unit": "%",
        "baseline": 0.0,
        "visibility": "manager",
        "status": (GoalStatus.ACTIVE if active else GoalStatus.COMPLETED).value,
        "created_at": datetime.combine(starts_on, datetime.min.time(), UTC),
        "status_changed_at": None if active else now - timedelta(days=10),
        "paused_days": 0,
        "skills": skills,
    }


# --- Measuring --------------------------------------------------------------------------------------------------


def wrong_suggestions(found, me: str, seeded: dict) -> list[str]:
    """What a suggestion must never be: me, someone not visible to everyone or without room, no skill shared."""
    wrong = []
    for suggestion in found.suggestions:
        user = suggestion.teacher.user_id
        teaches = {s.key for s in seeded["mine"][user]["teach"]}
        hidden = seeded["visibility"][user] is not Visibility.EVERYONE
        if user == me or hidden or not seeded["room"][user] or not set(suggestion.shared) <= teaches:
            wrong.append(user)
    return wrong


def measure_matching(engine, tally: Tally, seeded: dict, args) -> dict:
    factory = unit_of_work_factory(session_factory(engine), PROFILES)
    askers = seeded["askers"]
    counted, plans = {}, {}
    for me in askers:
        tally.reset()
        found = find_mentors(factory(WORKSPACE), me)
        statements = [kind for kind, *_ in tally.statements]
        with factory(WORKSPACE) as uow:
            teachers = len(uow.profiles.visible_teachers(frozenset(found.names)))
        counted[me] = {
            "statements": statements,
            "checkouts": tally.checkouts,
            "wanted": found.wanted,
            "teachers": teachers,
            "suggested": len(found.suggestions),
            "best shares": len(found.suggestions[0].shared) if found.suggestions else 0,
            "wrong": wrong_suggestions(found, me, seeded),
        }
        if me == askers[0] and engine.dialect.name == "postgresql":
            plans = {
                kind: explain(engine, statement, parameters)
                for kind, _, statement, parameters in list(tally.statements)
                if kind in ("visible teachers", "teaching counts", "teachers in all")
            }
    tally.reset()
    with factory(WORKSPACE) as uow:
        uow.profiles.get(askers[0])
    baseline_statements = len(tally.statements)
    turn = iter(range(10**9))

    def baseline():
        with factory(WORKSPACE) as uow:
            return uow.profiles.get(askers[next(turn) % len(askers)])

    def mentors(me):
        return lambda: find_mentors(factory(WORKSPACE), me)

    cases = {BASELINE: baseline} | {me: mentors(me) for me in askers}
    timings = timed(tally, cases, args.runs, args.warmup)
    return {"counted": counted, "timings": timings, "plans": plans, "baseline statements": baseline_statements}


def measure_rounds(engine, tally: Tally, seeded: dict, args, now: datetime) -> dict:
    factory = unit_of_work_factory(session_factory(engine), PROFILES)
    clock = FixedClock(now)
    calls = []
    real_pair_round = rounds.pair_round

    def pair_round(people, recent, key):  # run_round's own call, timed, its inputs kept
        started = time.perf_counter()
        pairs, left_out = real_pair_round(people, recent, key)
        calls.append({"seconds": time.perf_counter() - started, "inputs": (people, recent, key)})
        calls[-1]["check"] = wrong_pairs(pairs, left_out, people, recent, seeded)
        return pairs, left_out

    found, plan = [], []
    rounds.pair_round = pair_round
    try:
        for n in range(args.rounds):
            clock.instant = now + n * ROUND_EVERY
            tally.reset()
            started, cpu = time.perf_counter(), time.process_time()
            done = run_round(factory(WORKSPACE), clock)
            wall, cpu = time.perf_counter() - started, time.process_time() - cpu
            assert done is not None, "a round's key was taken already"
            people, recent, _ = calls[-1]["inputs"]
            found.append(
                {
                    "key": done.key,
                    "people": len(people),
                    "recent pairs": len(recent),
                    "pairs": done.pairs,
                    "left out": done.left_out,
                    "wall": wall,
                    "cpu": cpu,
                    "pair_round": calls[-1]["seconds"],
                    "wrong": calls[-1]["check"],
                    "statements": {kind: seconds for kind, seconds, *_ in tally.statements},
                }
            )
            if n == args.rounds - 1 and engine.dialect.name == "postgresql":
                people_query = next(s for s in tally.statements if s[0] == "chat people")
                plan = explain(engine, *people_query[2:])
            print(
                f"round {n + 1} ({done.key}): {wall * 1000:.0f} ms, {done.pairs} pairs, {done.left_out} left out",
                flush=True,
            )
    finally:
        rounds.pair_round = real_pair_round
    alone = []
    for _ in range(args.pair_runs):
        started = time.perf_counter()
        real_pair_round(*calls[-1]["inputs"])
        alone.append(time.perf_counter() - started)
    reads = []
    for _ in range(args.pair_runs):
        started = time.perf_counter()
        with factory(WORKSPACE) as uow:
            uow.profiles.chat_people()
        reads.append(time.perf_counter() - started)
    return {"rounds": found, "pair_round alone": alone, "chat_people alone": reads, "plan": plan}


def wrong_pairs(pairs, left_out, people, recent, seeded) -> list[str]:
    """Pairs that break a rule: the same team (or manager and report), paired within three months, nothing shared,
    someone twice or absent."""
    by_id = {person.user_id: person for person in people}
    wrong, seen = [], set()
    for pair in pairs:
        first, second = by_id[pair.first], by_id[pair.second]
        if same_team(first, second) or frozenset({pair.first, pair.second}) in recent or not pair.common:
            wrong.append(f"{pair.first}+{pair.second}")
        managers = seeded["teams"].get(pair.first), seeded["teams"].get(pair.second)
        if managers[0] == managers[1] is not None or pair.second == managers[0] or pair.first == managers[1]:
            wrong.append(f"{pair.first}+{pair.second} (same manager, or one manages the other)")
        seen |= {pair.first, pair.second}
    if len(seen) != 2 * len(pairs) or seen | set(left_out) != set(by_id):
        wrong.append("someone twice or neither paired nor left out")
    return wrong


# --- Report -----------------------------------------------------------------------------------------------------


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f}"


def report(seeded: dict, matching: dict, chats: dict, args, command: str) -> dict:
    print(f"\n$ {command}\ncommit {source_version()}; {os.cpu_count()} CPUs; database {args.database}")
    for statement in args.setup_sql:
        print(f"setup SQL: {statement}")
    print("data: " + ", ".join(f"{n:,} {what}" for what, n in seeded["counts"].items()))
    timings, counted = matching["timings"], matching["counted"]
    baseline = statistics.median(timings[BASELINE]["wall"])
    print(f"\n`find_mentors`: {args.runs} calls of each, in turn, after {args.warmup} warm-up calls of each")
    print(
        "\n| call | skills wanted | visible teachers with room | SQL statements | median ms | p95 ms "
        "| ÷ baseline (median) | CPU ms (median) | SQL execute ms (median) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, times in timings.items():
        median = statistics.median(times["wall"])
        if name == BASELINE:
            label, wanted, teachers = "**baseline**: `uow.profiles.get` (each asker in turn)", "", ""
            statements = matching["baseline statements"]
        else:
            label, c = f"`find_mentors`, {name}", counted[name]
            wanted, teachers, statements = c["wanted"], f"{c['teachers']:,}", len(c["statements"])
        print(
            f"| {label} | {wanted} | {teachers} | {statements} | {ms(median)} | {ms(percentile(times['wall'], 95))} "
            f"| {median / baseline:.1f} | {ms(statistics.median(times['cpu']))} "
            f"| {ms(statistics.median(times['sql']))} |"
        )
    statements = {", ".join(c["statements"]) for c in counted.values()}
    print(f"\nstatements of one `find_mentors`: {' / '.join(statements)}")
    kinds = sorted({key[4:] for t in timings.values() for key in t if key.startswith("sql ")})
    every = [t for name, t in timings.items() if name != BASELINE]
    each = [f"{kind} {ms(statistics.median([s for t in every for s in t.get(f'sql {kind}', [])]))}" for kind in kinds]
    print(f"each statement's execute, all askers (median ms): {', '.join(each)}")
    for kind, plan in matching["plans"].items():
        times = [line.strip() for line in plan if line.startswith(("Planning Time", "Execution Time"))]
        print(f"EXPLAIN ANALYZE {kind} ({seeded['askers'][0]}): {'; '.join(times)}")
        if args.explain:
            print("\n".join(plan))
    walls = [s for t in every for s in t["wall"]]
    median = statistics.median(walls)
    print(
        f"`find_mentors`, all askers: median {ms(median)} ms, p95 {ms(percentile(walls, 95))} ms (target under 100), "
        f"{median / baseline:.1f} × the baseline ({ms(baseline)} ms)"
    )

    found = chats["rounds"]
    print(f"\ngrowth-chat rounds, {args.rounds} of them 14 days apart (the first {args.round_warmup} not counted):")
    print("\n| round | people | recent pairs | pairs | left out | `run_round` ms | CPU ms | `pair_round` ms | SQL ms |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n, r in enumerate(found, 1):
        print(
            f"| {n} ({r['key']}) | {r['people']:,} | {r['recent pairs']:,} | {r['pairs']} | {r['left out']} "
            f"| {ms(r['wall'])} | {ms(r['cpu'])} | {ms(r['pair_round'])} | {ms(sum(r['statements'].values()))} |"
        )
    counted_rounds = found[args.round_warmup :] or found
    each = [
        f"{kind} {ms(statistics.median([r['statements'].get(kind, 0.0) for r in counted_rounds]))}"
        for kind in found[-1]["statements"]
    ]
    print(f"\neach statement's execute in a round (median ms): {', '.join(each)}")
    if chats["plan"]:
        times = [line.strip() for line in chats["plan"] if line.startswith(("Planning Time", "Execution Time"))]
        print(f"EXPLAIN ANALYZE chat people: {'; '.join(times)}")
        if args.explain:
            print("\n".join(chats["plan"]))
    round_median = statistics.median(r["wall"] for r in counted_rounds)
    alone, reads = chats["pair_round alone"], chats["chat_people alone"]
    print(
        f"`run_round`: median {ms(round_median)} ms over rounds {args.round_warmup + 1}–{len(found)} "
        f"({round_median / baseline:.0f} × the baseline); `pair_round` alone, last round's inputs: median "
        f"{ms(statistics.median(alone))} ms of {len(alone)}; `chat_people` in a unit of work of its own: median "
        f"{ms(statistics.median(reads))} ms of {len(reads)}"
    )
    wrong = {me: c["wrong"] for me, c in counted.items() if c["wrong"]}
    wrong |= {r["key"]: r["wrong"] for r in found if r["wrong"]}
    print(f"rule breaches (must be none): {wrong or 'none'}")
    return {
        "counts": seeded["counts"],
        "askers": counted,
        "timings ms": {name: {k: [round(s * 1000, 3) for s in v] for k, v in t.items()} for name, t in timings.items()},
        "rounds": found,
        "pair_round alone ms": [round(s * 1000, 3) for s in alone],
        "chat_people alone ms": [round(s * 1000, 3) for s in reads],
        "plans": matching["plans"] | {"chat people": chats["plan"]},
        "wrong": wrong,
    }


# --- Main -------------------------------------------------------------------------------------------------------


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench.profile_load", description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=5000, help="profiles in the workspace")
    parser.add_argument("--learn", type=int, default=10, help="skills to learn per profile")
    parser.add_argument("--teach", type=int, default=10, help="skills to teach per profile")
    parser.add_argument("--catalogue", type=int, default=400, help="skills in the workspace's catalogue")
    parser.add_argument("--zipf", type=float, default=1.0, help="the skills' popularity: the n-th weighs 1/n^zipf")
    parser.add_argument("--public", type=float, default=0.8, help="share of profiles visible to everyone")
    parser.add_argument("--goals", type=int, default=3, help="goals per person (the last completed), 2 skills each")
    parser.add_argument("--chat-people", type=int, default=2000, help="people opted in to chats, visible to everyone")
    parser.add_argument("--askers", type=int, default=5, help="people whose mentors are found")
    parser.add_argument("--runs", type=int, default=40, help="timed calls of each case")
    parser.add_argument("--warmup", type=int, default=3, help="untimed calls of each case first")
    parser.add_argument("--rounds", type=int, default=7, help="growth-chat rounds, 14 days apart")
    parser.add_argument("--round-warmup", type=int, default=2, help="first rounds not in the median")
    parser.add_argument("--pair-runs", type=int, default=5, help="timed `pair_round` and `chat_people` calls alone")
    parser.add_argument("--explain", action="store_true", help="print the whole plans")
    query_options(parser)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    command = shlex.join([".venv/bin/python", "-m", "bench.profile_load", *argv])
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # unwind and drop the database on SIGTERM too
    now = datetime.combine(date.today(), datetime.min.time(), UTC) + timedelta(hours=9)
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
        engine = make_engine(database_url, bounded=True)  # the app's kind: bounded, pinged at each checkout
        try:
            tally = ProfileTally(engine)
            matching = measure_matching(engine, tally, seeded, args)
            chats = measure_rounds(engine, tally, seeded, args, now)
        finally:
            engine.dispose()
        summary = report(seeded, matching, chats, args, command)
        if args.json:
            args.json.write_text(json.dumps({"command": command, **summary}, indent=2, default=str) + "\n")
    return 1 if summary["wrong"] else 0


if __name__ == "__main__":
    sys.exit(main())
