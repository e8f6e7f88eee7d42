"""App Home is each person's own dashboard."""

from domain.goals.services import set_goal
from domain.people.members import Member
from domain.shared.workspace import WorkspaceKey
from slackapp.goals.form import new_goal_modal
from slackapp.goals.ids import NEW_GOAL_OPEN as NEW_GOAL_ACTION
from tests.examples import GOOD_GOAL as GOOD
from tests.examples import goal_form
from tests.slack_driver import text_of, view_arg


def home_for(trellis, user: str) -> dict:
    before = len(trellis.fake.calls_to("views.publish", user_id=user))
    assert trellis.open_home(user=user).status == 200
    return view_arg(trellis.fake.wait_for("views.publish", count=before + 1, user_id=user)[-1])


def test_home_shows_my_goal_to_me_and_not_to_anyone_else(trellis):
    trellis.submit_view(new_goal_modal(), GOOD, user="U1")

    mine = text_of(home_for(trellis, "U1"))
    theirs = text_of(home_for(trellis, "U2"))

    assert "#1 · Pass the AWS Solutions Architect Associate exam" in mine
    assert "▱▱▱▱▱▱▱▱▱▱ 0%" in mine and "Short (3–6 months)" in mine and "due 30 Apr 2027" in mine
    assert "SMART 5/5" in mine
    assert "Pass the AWS" not in theirs
    assert "Welcome to Trellis" in theirs


def test_saving_a_goal_refreshes_home(trellis):
    trellis.submit_view(new_goal_modal(), GOOD, user="U1")

    [call] = trellis.fake.wait_for("views.publish")
    assert call.args["user_id"] == "U1"
    assert "Pass the AWS" in text_of(view_arg(call))


def test_the_new_goal_button_opens_the_modal(trellis):
    assert trellis.click(NEW_GOAL_ACTION, user="U1").status == 200

    [call] = trellis.fake.wait_for("views.open")
    assert view_arg(call)["callback_id"] == "goal_new"


def test_home_stays_within_slacks_100_blocks_with_many_goals(trellis):
    uow = trellis.services.uow(WorkspaceKey("", "T1"))
    owner = Member("U1", "Asha", "UTC", trellis.services.clock.now())
    for n in range(60):
        set_goal(uow, trellis.services.clock, owner, goal_form(title=f"Goal number {n} for the year"))

    home = home_for(trellis, "U1")

    shown = sum(1 for block in home["blocks"] if "Check in" in text_of(block) and block["type"] == "actions")
    assert len(home["blocks"]) <= 100
    assert shown >= 30
    assert f"…and {60 - shown} more goals. `/goal list` shows them all." in text_of(home)


def test_the_list_shows_every_goal_within_slacks_50_blocks(trellis):
    uow = trellis.services.uow(WorkspaceKey("", "T1"))
    owner = Member("U1", "Asha", "UTC", trellis.services.clock.now())
    for n in range(120):
        set_goal(uow, trellis.services.clock, owner, goal_form(title=f"Goal number {n} for the year"))

    reply = trellis.command("list", user="U1").json()

    assert len(reply["blocks"]) <= 50
    assert all(f"#{n} · Goal number {n - 1} for the year" in text_of(reply) for n in range(1, 121))


def test_home_stays_within_100_blocks_with_goals_tasks_and_lessons(trellis):
    from domain.goals.changes import abandon_goal
    from domain.goals.plan import TaskForm
    from domain.goals.reflections import ReflectionForm
    from domain.goals.tracking import add_task

    uow = trellis.services.uow(WorkspaceKey("", "T1"))
    clock = trellis.services.clock
    owner = Member("U1", "Asha", "UTC", clock.now())
    for n in range(60):
        set_goal(uow, clock, owner, goal_form(title=f"Goal number {n} for the year"))
    for n in range(20):
        add_task(uow, clock, owner, 1, TaskForm(f"Task {n}", "2027-01-10", urgent=n % 2 == 0, important=n % 3 == 0))
    for n in range(50, 58):
        abandon_goal(uow, clock, owner, n, ReflectionForm(learned=f"Lesson {n}"))

    home = home_for(trellis, "U1")

    assert len(home["blocks"]) <= 100
    text = text_of(home)
    assert "`/goal tasks` lists them all" in text and "`/goal lessons` shows all 8" in text
    assert "more goals. `/goal list` shows them all." in text
