"""Teams's rules on a real SQLite file: links made with consent (one manager, no loops, either side ends them, a
pending link grants nothing), what a manager and a teammate may see, who needs attention, and the weekly digest."""

from dataclasses import replace
from datetime import timedelta

import pytest

from domain.goals.checkins import CheckInEntry
from domain.goals.model import Visibility
from domain.people.candidates import Candidate
from domain.people.members import Member
from domain.shared.clock import FixedClock
from domain.shared.errors import DomainError
from domain.shared.workspace import WorkspaceKey
from domain.teams.digest import DigestReminder, weekly_digest
from domain.teams.imports import read_rows
from domain.teams.links import accept, decline, end_link, leave_manager, propose, remove_report
from domain.teams.summary import attention_reasons, report_summary, shared_goals, team_summary
from domain.teams.visibility import may_see
from persistence.database import make_engine, session_factory, upgrade
from persistence.uow import TEAMS, unit_of_work_factory
from tests.conftest import NOW
from tests.examples import a_goal

ACME = WorkspaceKey("", "T1")
PEOPLE = {u: Candidate(u, name) for u, name in [("U1", "Asha"), ("U2", "Bruno"), ("U3", "Chen"), ("U4", "Dana")]}
PEOPLE["B1"] = Candidate("B1", "Deploybot", is_bot=True)


class Directory:
    def candidates(self, user_ids):
        return {u: PEOPLE[u] for u in user_ids if u in PEOPLE}


def person(user_id: str) -> Member:
    return Member(user_id, PEOPLE[user_id].name, "UTC", NOW)


@pytest.fixture
def uow(sqlite_url):
    engine = make_engine(sqlite_url)
    upgrade(engine)
    factory = unit_of_work_factory(session_factory(engine), TEAMS)
    yield lambda: factory(ACME)
    engine.dispose()


@pytest.fixture
def clock():
    return FixedClock(NOW)


def link(uow, clock, manager: str, report: str, *, asked_by_report: bool = True):
    """Ask and accept: a confirmed link."""
    asker, other = (report, manager) if asked_by_report else (manager, report)
    pending, _ = propose(uow(), clock, Directory(), person(asker), other, i_am_manager=not asked_by_report)
    return accept(uow(), clock, pending.id, other)


def manager_of(uow, user_id: str):
    with uow() as work:
        found = work.links.manager_of(user_id)
    return found.manager_id if found else None


def test_a_link_asked_by_the_report_grants_nothing_until_the_manager_accepts(uow, clock):
    pending, names = propose(uow(), clock, Directory(), person("U2"), "U1", i_am_manager=False)

    assert (pending.manager_id, pending.report_id, pending.awaits) == ("U1", "U2", "U1")
    assert names == {"U2": "Bruno", "U1": "Asha"}
    assert manager_of(uow, "U2") is None
    assert team_summary(uow(), person("U1"), NOW).reports == []
    with pytest.raises(DomainError, match="other person"):
        accept(uow(), clock, pending.id, "U2")  # the one who asked can't accept for the other
    with pytest.raises(DomainError, match="no longer open"):
        accept(uow(), clock, pending.id, "U3")  # a stranger can't either

    confirmed = accept(uow(), clock, pending.id, "U1")

    assert confirmed.confirmed and manager_of(uow, "U2") == "U1"
    assert [r.user_id for r in team_summary(uow(), person("U1"), NOW).reports] == ["U2"]


def test_a_manager_adds_a_report_who_declines_and_nothing_is_shared(uow, clock):
    pending, _ = propose(uow(), clock, Directory(), person("U1"), "U2", i_am_manager=True)
    assert pending.awaits == "U2"

    ended = decline(uow(), pending.id, "U2")

    assert ended.tell == "U1"
    assert manager_of(uow, "U2") is None
    with pytest.raises(DomainError, match="no longer open"):
        accept(uow(), clock, pending.id, "U2")


def test_asking_twice_yourself_or_a_bot_is_refused(uow, clock):
    propose(uow(), clock, Directory(), person("U2"), "U1", i_am_manager=False)
    with pytest.raises(DomainError, match="request open already"):
        propose(uow(), clock, Directory(), person("U1"), "U2", i_am_manager=True)
    with pytest.raises(DomainError, match="yourself"):
        propose(uow(), clock, Directory(), person("U2"), "U2", i_am_manager=False)
    with pytest.raises(DomainError, match="Deploybot is a bot"):
        propose(uow(), clock, Directory(), person("U2"), "B1", i_am_manager=False)


def test_a_person_has_one_manager(uow, clock):
    link(uow, clock, "U1", "U2")

    with pytest.raises(DomainError, match="Bruno has a manager in Trellis already"):
        propose(uow(), clock, Directory(), person("U2"), "U3", i_am_manager=False)
    with pytest.raises(DomainError, match="Asha is Bruno's manager in Trellis already"):
        propose(uow(), clock, Directory(), person("U1"), "U2", i_am_manager=True)


def test_two_pending_requests_for_one_person_confirm_only_the_first_accepted(uow, clock):
    first, _ = propose(uow(), clock, Directory(), person("U3"), "U1", i_am_manager=False)
    second, _ = propose(uow(), clock, Directory(), person("U3"), "U2", i_am_manager=False)

    accept(uow(), clock, second.id, "U2")

    with pytest.raises(DomainError, match="no longer open"):  # withdrawn when the other was confirmed
        accept(uow(), clock, first.id, "U1")
    assert manager_of(uow, "U3") == "U2"


def test_once_a_manager_is_confirmed_the_reports_other_requests_are_withdrawn(uow, clock):
    to_asha, _ = propose(uow(), clock, Directory(), person("U2"), "U1", i_am_manager=False)
    to_chen, _ = propose(uow(), clock, Directory(), person("U2"), "U3", i_am_manager=False)
    accept(uow(), clock, to_asha.id, "U1")
    leave_manager(uow(), "U2")  # months later, Bruno leaves Asha

    with pytest.raises(DomainError, match="no longer open"):
        accept(uow(), clock, to_chen.id, "U3")  # Chen's old DM grants nothing
    assert manager_of(uow, "U2") is None


def test_a_link_that_would_make_a_loop_is_refused(uow, clock):
    link(uow, clock, "U1", "U2")  # Asha manages Bruno
    link(uow, clock, "U2", "U3")  # Bruno manages Chen

    with pytest.raises(DomainError, match="would make a loop"):
        propose(uow(), clock, Directory(), person("U3"), "U1", i_am_manager=True)  # Chen to manage Asha
    pending, _ = propose(uow(), clock, Directory(), person("U4"), "U1", i_am_manager=True)  # Dana to manage Asha
    assert accept(uow(), clock, pending.id, "U1").confirmed


def test_a_loop_made_while_a_request_waited_is_refused_on_accept(uow, clock):
    waiting, _ = propose(uow(), clock, Directory(), person("U1"), "U3", i_am_manager=False)  # Chen to manage Asha
    link(uow, clock, "U1", "U2")  # meanwhile Asha came to manage Bruno,
    link(uow, clock, "U2", "U3")  # who manages Chen

    with pytest.raises(DomainError, match="loop"):
        accept(uow(), clock, waiting.id, "U3")
    assert manager_of(uow, "U1") is None


def test_either_side_ends_a_link_and_the_other_is_named(uow, clock):
    link(uow, clock, "U1", "U2")
    link(uow, clock, "U1", "U3")

    by_report = leave_manager(uow(), "U2")
    by_manager = remove_report(uow(), "U1", "U3")

    assert (by_report.by, by_report.tell) == ("U2", "U1")
    assert (by_manager.by, by_manager.tell) == ("U1", "U3")
    assert manager_of(uow, "U2") is None and manager_of(uow, "U3") is None
    with pytest.raises(DomainError, match="no manager"):
        leave_manager(uow(), "U2")
    with pytest.raises(DomainError, match="not on your team"):
        remove_report(uow(), "U1", "U3")
    with pytest.raises(DomainError, match="ended already"):
        end_link(uow(), by_report.link.id, "U2")


def test_manager_none_withdraws_a_request_still_waiting(uow, clock):
    propose(uow(), clock, Directory(), person("U2"), "U1", i_am_manager=False)

    withdrawn = leave_manager(uow(), "U2")

    assert not withdrawn.link.confirmed and withdrawn.tell == "U1"
    propose(uow(), clock, Directory(), person("U2"), "U3", i_am_manager=False)  # free to ask someone else


@pytest.mark.parametrize(
    "visibility, manager, teammate, stranger",
    [
        (Visibility.PRIVATE, False, False, False),
        (Visibility.MANAGER, True, False, False),
        (Visibility.TEAM, True, True, False),
        (Visibility.PUBLIC, True, True, True),
    ],
)
def test_who_sees_a_goal(visibility, manager, teammate, stranger):
    # U2's goal; U1 is U2's manager; U3 shares U1 as manager; U4 has another manager, U9.
    assert may_see(visibility, "U2", "U2", "U1", "U1")
    assert may_see(visibility, "U2", "U1", "U1", None) is manager
    assert may_see(visibility, "U2", "U3", "U1", "U1") is teammate
    assert may_see(visibility, "U2", "U4", "U1", "U9") is stranger
    assert may_see(visibility, "U2", "U4", None, None) is stranger  # no manager: no team either


def test_a_private_goal_is_never_counted_for_a_manager():
    private = a_goal(1, visibility="private", last_checkin_at=NOW - timedelta(days=1))
    summary = report_summary(person("U2"), [private], (0, 0), 0, NOW)

    assert summary.goals == [] and summary.last_checkin is None and summary.quiet_days is None
    assert summary.attention == ["no shared goal"]


def test_who_needs_attention():
    start = (NOW - timedelta(days=90)).date().isoformat()
    on_track = a_goal(1, visibility="manager", starts_on=start, current_value=45.0, last_checkin_at=NOW)
    at_risk = a_goal(2, visibility="team", starts_on=start, current_value=30.0, last_checkin_at=NOW)
    missed = a_goal(3, visibility="public", starts_on="2026-01-01", due_on="2026-06-01", last_checkin_at=NOW)
    quiet = a_goal(4, visibility="manager", starts_on=start, current_value=45.0, last_checkin_at=NOW - timedelta(15))
    paces = [g.label for g in shared_goals([on_track, at_risk, missed], person("U2"), NOW)]

    assert paces == ["on track", "at risk", "missed"]
    assert report_summary(person("U2"), [on_track], (0, 0), 0, NOW).attention == []
    assert attention_reasons(shared_goals([at_risk, missed], person("U2"), NOW), 0) == [
        "a goal at risk",
        "a goal past its due date",
    ]
    assert report_summary(person("U2"), [quiet], (0, 0), 0, NOW).attention == ["no check-in for 15 days"]
    assert shared_goals([quiet], person("U2"), NOW)[0].label == "stale"


def add_goal(work, owner: str, number: int, *, visibility: str, created, value=None):
    goal = a_goal(number, visibility=visibility, starts_on=(created.date()).isoformat(), owner_id=owner)
    added = work.goals.add(owner, number, goal.spec, goal.starts_on, created, None)
    if value is not None:
        work.history.add_checkin(added.id, owner, CheckInEntry(value, 3, None, None, None), created)
    return added


def test_the_digest_tells_what_changed_this_week_and_skips_a_quiet_one(uow, clock):
    link(uow, clock, "U1", "U2")
    long_ago = NOW - timedelta(days=60)
    with uow() as work:
        slipping = add_goal(work, "U2", 1, visibility="manager", created=long_ago, value=32.0)
        add_goal(work, "U2", 2, visibility="private", created=NOW - timedelta(days=2))  # never told
        work.commit()
    with uow() as work:
        quiet = weekly_digest(work, person("U1"), NOW)
    assert not quiet.changed  # nothing happened in the last seven days: no digest

    clock.instant = later = NOW + timedelta(days=30)  # the goal slipped to at risk meanwhile, with no check-in
    with uow() as work:
        add_goal(work, "U2", 3, visibility="team", created=later - timedelta(days=1))
        work.history.add_checkin(slipping.id, "U2", CheckInEntry(31.0, 2, "Waiting on data", None, None), later)
        work.commit()
    with uow() as work:
        digest = weekly_digest(work, person("U1"), later)

    assert digest.changed
    assert [c.goal.number for c in digest.started] == [3]  # the private goal 2 is never counted
    assert [c.goal.number for c in digest.at_risk] == [1]
    assert digest.checkins == 1 and digest.kudos == 0 and digest.completed == []


def test_the_digest_comes_on_the_managers_weekday_and_time_in_their_zone():
    from domain.reminders.kinds import Recipient
    from domain.reminders.preferences import Preferences

    manager = replace(person("U1"), tz="Asia/Kolkata")
    recipient = Recipient(manager, Preferences(), lambda day: False)  # Monday 09:00 by default
    [(key, when)] = DigestReminder().plan(None, recipient, NOW, NOW)  # NOW is Saturday 21 November 2026

    assert key == "2026-W48"
    assert when.astimezone(recipient.zone).strftime("%A %Y-%m-%d %H:%M") == "Monday 2026-11-23 09:00"


@pytest.mark.parametrize(
    "text, rows, skipped",
    [
        ("email,manager_email\nana@acme.test,U1\n", [("ana@acme.test", "U1")], []),
        ("Email, Manager Email\r\nana@acme.test,<@U1|asha>\r\n\r\n", [("ana@acme.test", "U1")], []),
        (
            "\ufeffana@acme.test,ben@acme.test\rcid@acme.test,ben@acme.test\r",
            [("ana@acme.test", "ben@acme.test"), ("cid@acme.test", "ben@acme.test")],
            [],
        ),
        (
            '"ANA@acme.test","ben@acme.test"\nana@acme.test\nnot-an-email,ben@acme.test\n',
            [("ana@acme.test", "ben@acme.test")],
            [2, 3],
        ),
    ],
)
def test_a_team_list_is_read_whatever_its_line_endings_header_and_quotes(text, rows, skipped):
    read, left_out = read_rows(text.lstrip("\ufeff"))

    assert [(r.person, r.manager) for r in read] == rows
    assert [s.line for s in left_out] == skipped


def test_a_file_csv_cannot_read_or_too_long_is_refused_as_a_whole():
    with pytest.raises(DomainError, match="Line 1 of the file can't be read as CSV"):
        read_rows('"' + "a" * 200_000 + '"\n')
    with pytest.raises(DomainError, match="at most 200 people"):
        read_rows("".join(f"p{n}@acme.test,boss@acme.test\n" for n in range(201)))
    with pytest.raises(DomainError, match="empty"):
        read_rows("email,manager_email\n")
