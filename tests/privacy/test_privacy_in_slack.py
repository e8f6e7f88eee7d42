"""`/growth export` and `/growth erase` through the HTTP endpoint and the loopback fake Slack, on SQLite and
PostgreSQL: an export holds every kind of Asha's data and nothing of anyone else's; erasing, once confirmed, leaves
no row that names her but the text of an answer she gave Bruno, frees her mentor's place, keeps her anonymous answer
anonymous and her data in another workspace whole; a second click says so; logs carry counts only."""

import io
import json
import logging
import time
import zipfile

import pytest
from sqlalchemy import select

from domain.goals.services import set_goal
from domain.privacy.kinds import BY_NAME, KINDS
from persistence.base import all_tables
from persistence.feedback.tables import AnswerRow
from persistence.goals.tables import GoalRow
from persistence.profiles.tables import ProfileRow
from slackapp.privacy import ids
from tests.examples import goal_form
from tests.fakes.slack_api import FakeSlack
from tests.feedback.test_feedback_commands import said
from tests.feedback.test_feedback_in_slack import show
from tests.privacy.data import (
    ANONYMOUS_HELD,
    ASHA_ANONYMOUS,
    ASHA_NAMED,
    PRIVATE_GOAL,
    Team,
    asha_and_her_team,
)
from tests.slack_driver import text_of
from tests.teams.test_teams_in_slack import button


def export(trellis, user: str = "U1") -> tuple[dict, dict[str, str]]:
    """`/growth export`: the JSON document and every file of the zip the fake Slack received, by name."""
    before = len(trellis.fake.completed)
    assert "Preparing your export" in said(trellis.command("export", user=user, command="/growth"))
    trellis.fake.wait_for("files.completeUploadExternal", count=before + 1)
    zipped = zipfile.ZipFile(io.BytesIO(trellis.fake.uploaded[trellis.fake.completed[before]["id"]]))
    files = {name: zipped.read(name).decode() for name in zipped.namelist()}
    return json.loads(files["trellis-export.json"]), files


def confirmation(trellis, user: str = "U1") -> dict:
    """`/growth erase`: the question, with a danger button that Slack confirms once more."""
    question = trellis.command("erase", user=user, command="/growth").json()
    pressed = button(question, ids.ERASE)
    assert pressed["style"] == "danger" and pressed["confirm"]["style"] == "danger"
    return question


def press_erase(trellis, question: dict, user: str = "U1") -> str:
    """*Erase my data*, confirmed: what replaced the question."""
    before = len(trellis.fake.calls_to("response"))
    assert (
        trellis.click(ids.ERASE, value=button(question, ids.ERASE)["value"], user=user, message=question).status == 200
    )
    answer = trellis.fake.wait_for("response", count=before + 1)[before].args
    assert answer["replace_original"] is True
    return text_of(answer)


def logged(caplog, fragment: str) -> list[str]:
    """Privacy's log lines that hold `fragment`, once there is one (the listener logs after its reply)."""
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        lines = [r.getMessage() for r in caplog.records if r.name == "trellis.privacy" and fragment in r.getMessage()]
        if lines:
            return lines
        time.sleep(0.02)
    return []


def rows_naming(trellis, user_id: str, team: str) -> list[str]:
    """Every cell, in every table, of a row in `team` that holds `user_id`."""
    found = []
    with trellis.services.engine.connect() as connection:
        for table in all_tables().sorted_tables:
            if "team_id" not in table.c:
                continue
            for row in connection.execute(select(table).where(table.c.team_id == team)):
                found += [f"{table.name}.{key}" for key, value in row._mapping.items() if user_id in str(value)]
    return found


def test_an_export_holds_every_kind_of_my_data_and_nothing_of_anyone_elses(trellis_on, fake_slack, caplog):
    trellis = trellis_on
    asha_and_her_team(trellis)
    caplog.set_level(logging.INFO, logger="trellis.privacy")

    document, files = export(trellis)

    kinds = document["kinds"]
    assert [name for name, records in kinds.items() if not records] == []  # every kind, each with a record
    assert set(files) == {"trellis-export.json"} | {f"{kind.name}.csv" for kind in KINDS}
    assert files["goals.csv"].splitlines()[0] == ",".join(BY_NAME["goals"].columns)
    whole = json.dumps(document) + "".join(files.values())
    assert PRIVATE_GOAL not in whole and ANONYMOUS_HELD not in whole and ASHA_ANONYMOUS not in whole
    assert {r["title"] for r in kinds["goals"]} == {"Speak at PyCon about our cloud migration", "Learn Rust this year"}
    assert {r["author"] for r in kinds["feedback_received"]} == {"U2", None}  # three anonymous, shown without one
    assert all(r["anonymous"] for r in kinds["feedback_received"] if r["author"] is None)
    assert kinds["feedback_held"] == [{"request": None, "held": 1, "why": kinds["feedback_held"][0]["why"]}]
    assert kinds["feedback_requests"][0]["waiting"] == [] and kinds["feedback_requests"][0]["answered"] == 4
    assert [r["replies"][0] for r in kinds["feedback_given"]] == [ASHA_NAMED]
    assert kinds["mentorships"][0]["role"] == "mentee" and kinds["manager_links"][0]["other"] == "U3"
    assert document["user_id"] == "U1" and document["workspace"] == {"enterprise_id": "", "team_id": "T1"}

    [done] = trellis.fake.calls_to("files.completeUploadExternal")
    assert done.args["channel_id"] == "D1" and "2 goals" in done.args["initial_comment"]
    [line] = logged(caplog, "export sent")
    assert "workspace=T1 user=U1" in line and "goals=2" in line and "PyCon" not in line


def test_erasing_leaves_nothing_of_me_but_an_answers_text_and_frees_my_mentors_place(trellis_on, fake_slack, caplog):
    trellis = trellis_on
    team = asha_and_her_team(trellis)
    elsewhere = Team(trellis, "T2")
    set_goal(elsewhere.unit("goals"), elsewhere.clock, elsewhere.member("U1"), goal_form(title="My other workspace"))
    assert rows_naming(trellis, "U1", "T1")  # the scan finds her before
    caplog.set_level(logging.INFO, logger="trellis.privacy")

    question = confirmation(trellis)
    told = press_erase(trellis, question)

    assert "Erased: 1 directory entry, 2 goals, 1 goal change, 1 check-in" in told
    assert "Kept without your name" in told and "1 answer you gave" in told and "mentor's place" in told
    assert rows_naming(trellis, "U1", "T1") == []
    document, _ = export(trellis)
    assert not any(document["kinds"].values())
    with team.services.engine.connect() as connection:
        answers = {r.replies[0]: r.author_id for r in connection.execute(select(AnswerRow))}
        mentees = connection.execute(select(ProfileRow.mentees).where(ProfileRow.user_id == "U2")).scalar_one()
        theirs = connection.execute(select(GoalRow.title, GoalRow.team_id).order_by(GoalRow.team_id)).all()
    assert answers[ASHA_NAMED] == "" and answers[ASHA_ANONYMOUS] is None  # text kept, no name; still anonymous
    assert mentees == 1  # Asha's place is free; Dana's is kept
    assert [tuple(t) for t in theirs] == [(PRIVATE_GOAL, "T1"), ("My other workspace", "T2")]
    assert "Bruno's named answer" not in str(answers) and ANONYMOUS_HELD not in str(answers)
    [line] = logged(caplog, "erased")
    assert "workspace=T1 user=U1" in line and "goals=2" in line and "PyCon" not in line
    home = trellis.fake.calls_to("views.publish", user_id="U1")[-1]
    assert "Your data was erased" in text_of(home.args)

    again = press_erase(trellis, question)  # a second click
    assert "there was nothing to erase" in again and rows_naming(trellis, "U1", "T1") == []


def test_bruno_reads_my_answer_without_my_name_and_his_tally_is_unchanged(trellis, fake_slack):
    asha_and_her_team(trellis)
    before = show(trellis, 1, user="U2")
    assert "Asha" in before and "1 of 2 answered" in before

    press_erase(trellis, confirmation(trellis))

    after = show(trellis, 1, user="U2")
    assert ASHA_NAMED in after and "(name erased)" in after and "Asha" not in after
    assert "1 of 2 answered" in after  # an answered ask is kept without her id: the tally gives nothing away


def test_nothing_held_is_said_and_keep_erases_nothing(trellis, fake_slack):
    assert "Trellis holds nothing about you" in said(trellis.command("erase", user="U2", command="/growth"))

    Team(trellis).goal("U1", "Run a half marathon")
    question = trellis.command("erase", command="/growth").json()
    assert "1 goal" in text_of(question) and "half marathon" not in text_of(question)
    assert FakeSlack.check_blocks(question["blocks"]) is None  # the danger button and its dialog are Slack's shape
    kept = trellis.click(ids.KEEP, value="keep", message=question)
    assert kept.status == 200
    assert "Nothing was erased" in text_of(trellis.fake.wait_for("response")[-1].args)
    assert len(export(trellis)[0]["kinds"]["goals"]) == 1


def test_an_export_slack_will_not_deliver_is_answered_briefly(trellis, fake_slack, caplog):
    caplog.set_level(logging.INFO, logger="trellis.privacy")
    assert "Preparing" in said(trellis.command("export", user="U9", command="/growth"))  # no such user in Slack

    answer = trellis.fake.wait_for("response")[-1].args
    assert "couldn't send your export" in text_of(answer) and not trellis.fake.completed
    assert logged(caplog, "export") == ["export not sent: workspace=T1 user=U9: user_not_found"]


@pytest.mark.parametrize("verb", ["export", "erase"])
def test_growth_help_lists_export_and_erase(trellis, verb):
    assert f"/growth {verb}" in said(trellis.command("help", command="/growth"))
