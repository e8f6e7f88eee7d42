"""A goal may name the skills it builds: chosen in the goal form, shown with the goal, and read back as the skills of
the owner's active goals (which profiles count as skills to learn)."""

from datetime import UTC, datetime

from domain.goals.changes import abandon_goal, complete_goal, pause_goal
from domain.goals.reflections import ReflectionForm
from domain.goals.services import set_goal
from domain.people.members import Member
from domain.shared.clock import FixedClock
from domain.shared.workspace import WorkspaceKey
from slackapp.goals.form import new_goal_modal
from tests.examples import GOOD_GOAL, goal_form
from tests.slack_driver import text_of, view_arg

ACME = WorkspaceKey("", "T1")
NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
ASHA = Member("U1", "Asha", "Asia/Kolkata", NOW)


def opened(trellis, count: int) -> dict:
    return view_arg(trellis.fake.wait_for("views.open", count=count)[count - 1])


def shown(trellis, number: int, count: int) -> str:
    """The text of `/goal show number`, the `count`th modal opened."""
    trellis.command(f"show {number}")
    return text_of(opened(trellis, count))


def stored_skills(trellis, number: int = 1) -> tuple[str, ...]:
    with trellis.services.uow(ACME) as uow:
        return uow.goals.by_number("U1", number).skills


def test_the_goal_forms_offer_the_skills_select_after_the_measure(trellis):
    blocks = new_goal_modal()["blocks"]
    ids = [b["block_id"] for b in blocks]

    assert ids.index("skills") > ids.index("target") and ids.index("skills") > ids.index("unit")
    [skills] = [b for b in blocks if b["block_id"] == "skills"]
    assert skills["optional"] is True
    assert skills["element"]["type"] == "multi_external_select"
    assert skills["label"]["text"] == "Skills this goal builds"
    assert len(blocks) < 100


def test_a_goal_keeps_its_skills_once_each_and_shows_them(trellis):
    skills = ["public speaking", "Public  Speaking", "SQL"]

    reply = trellis.submit_view(new_goal_modal(), {**GOOD_GOAL, "skills": skills})

    answer = reply.json()
    assert answer["response_action"] == "update", reply.body
    assert "Builds: public speaking, SQL" in text_of(answer["view"])
    assert stored_skills(trellis) == ("public speaking", "SQL")
    assert "Builds: public speaking, SQL" in shown(trellis, 1, 1)


def test_skill_names_are_escaped_where_they_are_shown(trellis):
    trellis.submit_view(new_goal_modal(), {**GOOD_GOAL, "skills": ["<!channel> & friends"]})

    text = shown(trellis, 1, 1)
    assert "Builds: &lt;!channel&gt; &amp; friends" in text
    assert "<!channel>" not in text


def test_a_goal_without_skills_shows_none(trellis):
    assert trellis.submit_view(new_goal_modal(), GOOD_GOAL).json()["response_action"] == "update"

    assert stored_skills(trellis) == ()
    assert "Builds:" not in shown(trellis, 1, 1)


def test_eleven_skills_are_an_inline_error_and_save_nothing(trellis):
    eleven = [f"Skill {n}" for n in range(11)]

    answer = trellis.submit_view(new_goal_modal(), {**GOOD_GOAL, "skills": eleven}).json()

    assert answer["response_action"] == "errors"
    assert set(answer["errors"]) == {"skills"}
    assert "at most 10 skills" in answer["errors"]["skills"]
    assert "no goals yet" in trellis.command("list").body


def test_a_skill_name_too_long_is_an_inline_error_on_skills(trellis):
    answer = trellis.submit_view(new_goal_modal(), {**GOOD_GOAL, "skills": ["x" * 61]}).json()

    assert answer["response_action"] == "errors"
    assert "60 characters" in answer["errors"]["skills"]


def test_adjusting_a_goal_replaces_its_skills_and_keeps_the_change(trellis):
    trellis.submit_view(new_goal_modal(), {**GOOD_GOAL, "skills": ["SQL", "Public speaking"]})
    trellis.command("edit 1")
    modal = opened(trellis, 1)
    [skills] = [b for b in modal["blocks"] if b["block_id"] == "skills"]
    assert [o["value"] for o in skills["element"]["initial_options"]] == ["SQL", "Public speaking"]
    same = {"title": GOOD_GOAL["title"], "target": "1", "due_on": GOOD_GOAL["due_on"]}

    saved = trellis.submit_view(modal, {**same, "skills": ["Terraform", "sql"], "reason": "The exam is about IaC"})

    assert saved.json()["response_action"] == "update", saved.body
    assert stored_skills(trellis) == ("Terraform", "sql")
    history = shown(trellis, 1, 2)
    assert "Builds: Terraform, sql" in history
    assert "skills: SQL, Public speaking → Terraform, sql" in history
    assert "The exam is about IaC" in history


def test_adjusting_only_the_skills_is_a_change_and_they_can_be_cleared(trellis):
    trellis.submit_view(new_goal_modal(), {**GOOD_GOAL, "skills": ["SQL"]})
    trellis.command("edit 1")
    modal = opened(trellis, 1)
    same = {"title": GOOD_GOAL["title"], "target": "1", "due_on": GOOD_GOAL["due_on"], "reason": "Focus on the exam"}

    unchanged = trellis.submit_view(modal, {**same, "skills": ["SQL"]}).json()
    cleared = trellis.submit_view(modal, {**same, "skills": []}).json()

    assert unchanged["response_action"] == "errors" and "Nothing changed" in unchanged["errors"]["title"]
    assert cleared["response_action"] == "update"
    assert stored_skills(trellis) == ()
    assert "skills: SQL → none" in shown(trellis, 1, 2)


def test_skills_of_active_goals_only_in_goal_order_each_once(uow_factory):
    clock = FixedClock(NOW)

    def goal(*skills: str) -> int:
        return set_goal(uow_factory(ACME), clock, ASHA, goal_form(skills=list(skills))).goal.number

    first = goal("SQL", "Public speaking")
    goal("public  speaking", "Terraform")
    done = goal("Kubernetes")
    dropped = goal("Rust")
    paused = goal("Go")
    goal()
    bruno = Member("U2", "Bruno", "UTC", NOW)
    set_goal(uow_factory(ACME), clock, bruno, goal_form(skills=["Python"]))
    set_goal(uow_factory(WorkspaceKey("E1", "T1")), clock, ASHA, goal_form(skills=["Haskell"]))
    complete_goal(uow_factory(ACME), clock, ASHA, done)
    abandon_goal(uow_factory(ACME), clock, ASHA, dropped, ReflectionForm(learned="Too much at once"))
    pause_goal(uow_factory(ACME), clock, ASHA, paused)

    with uow_factory(ACME) as uow:
        assert uow.goals.skills_of_active("U1") == ["SQL", "Public speaking", "Terraform"]
        assert uow.goals.skills_of_active("U2") == ["Python"]
        assert uow.goals.skills_of_active("U3") == []
        assert uow.goals.by_number("U1", first).skills == ("SQL", "Public speaking")
