"""Teams through the HTTP endpoint and the loopback fake Slack: a link made with consent, then a summary with the
report's shared goals (never the private one) and an uploaded chart; a declined link grants nothing; an admin's
CSV import with an unmatched row; *That's not right*; and who is refused a report's view."""

import pytest

from domain.goals.services import set_goal
from domain.people.members import Member
from domain.shared.workspace import WorkspaceKey
from slackapp.teams import ids
from slackapp.teams.messages import NO_TEAM
from tests.examples import goal_form
from tests.slack_driver import TEAM, text_of, view_arg

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def people(fake_slack):
    fake_slack.add_user("U1", "Asha", tz="Asia/Kolkata", admin=True, email="asha@acme.test")
    fake_slack.add_user("U3", "Chen", tz="Europe/Berlin", email="chen@acme.test")
    fake_slack.add_user("U4", "Dana", email="Dana@Acme.test")
    fake_slack.add_user("UBOT", "Deploy bot", bot=True, email="bot@acme.test")
    return fake_slack


def growth(trellis, text: str, user: str = "U1", team: str = TEAM) -> dict:
    """`/growth text`; what it answered through the response URL."""
    before = len(trellis.fake.calls_to("response"))
    reply = trellis.command(text, user=user, command="/growth", team=team)
    assert reply.status == 200, reply.body
    return trellis.fake.wait_for("response", count=before + 1)[before].args


def dm_to(trellis, user: str, count: int = 1):
    return trellis.fake.wait_for("chat.postMessage", count=count, channel=user)[count - 1].args


def button(message: dict, action_id: str) -> dict:
    for block in message["blocks"]:
        for element in block.get("elements", []) + [block.get("accessory") or {}]:
            if element.get("action_id") == action_id:
                return element
    raise AssertionError(f"no {action_id} in {message}")


def click(trellis, message: dict, action_id: str, user: str) -> dict:
    """Press a button in a DM; what it answered through the response URL."""
    before = len(trellis.fake.calls_to("response"))
    pressed = button(message, action_id)
    assert trellis.click(action_id, value=pressed["value"], user=user, message=message).status == 200
    return trellis.fake.wait_for("response", count=before + 1)[before].args


def goals_of(trellis, user_id: str, *titles_and_visibility):
    name = trellis.fake.users[user_id]["real_name"]
    member = Member(user_id, name, "UTC", trellis.services.clock.now())
    uow = trellis.services.units["goals"](WorkspaceKey("", TEAM))
    for title, visibility in titles_and_visibility:
        set_goal(uow, trellis.services.clock, member, goal_form(title=title, visibility=visibility))


def linked(trellis, manager: str, report: str):
    """The report asks, the manager accepts."""
    growth(trellis, f"manager <@{manager}|m>", user=report)
    click(trellis, dm_to(trellis, manager), ids.ACCEPT, manager)


def view_of(trellis, report: str, user: str, team: str = TEAM) -> str:
    before = len(trellis.fake.calls_to("views.open"))
    assert trellis.click(ids.VIEW, value=report, user=user, team=team).status == 200
    return text_of(view_arg(trellis.fake.wait_for("views.open", count=before + 1)[before]))


def test_a_link_with_consent_shows_the_reports_shared_goals_and_never_the_private_one(trellis_on, people):
    trellis = trellis_on
    goals_of(trellis, "U2", ("Ship the <beta> to ten design partners", "manager"), ("Find a new job", "private"))

    asked = growth(trellis, "manager <@U1|asha>", user="U2")
    assert "Asked <@U1> to confirm" in text_of(asked)
    request = dm_to(trellis, "U1")
    assert "<@U2> says you are their manager" in text_of(request)
    assert NO_TEAM in text_of(growth(trellis, "team"))  # a pending link grants nothing

    accepted = click(trellis, request, ids.ACCEPT, "U1")
    assert accepted["replace_original"] is True and "on your team" in text_of(accepted)
    assert "<@U1> confirmed they are your manager" in text_of(dm_to(trellis, "U2"))

    summary = growth(trellis, "team")
    shown = text_of(summary)
    assert "1 person" in shown and "Bruno" in shown
    assert "Ship the &lt;beta&gt; to ten design partners" in shown and "Find a new job" not in shown
    [image] = [b for b in summary["blocks"] if b["type"] == "image"]
    chart = image["slack_file"]["id"]
    assert trellis.fake.uploaded[chart].startswith(PNG)
    assert "Bruno" in image["alt_text"] and "expected" in image["alt_text"]

    viewed = view_of(trellis, "U2", user="U1")
    assert "Ship the &lt;beta&gt;" in viewed and "Find a new job" not in viewed


def test_a_declined_link_grants_nothing_and_the_manager_is_told(trellis, people):
    assert "Asked <@U3> to confirm" in text_of(growth(trellis, "team add <@U3|chen>"))
    request = dm_to(trellis, "U3")
    assert "<@U1> says they are your manager" in text_of(request) and "never *Only me*" in text_of(request)

    declined = click(trellis, request, ids.DECLINE, "U3")

    assert "You declined" in text_of(declined)
    assert "<@U3> declined" in text_of(dm_to(trellis, "U1"))
    assert NO_TEAM in text_of(growth(trellis, "team"))
    assert "no longer open" in text_of(click(trellis, request, ids.ACCEPT, "U3"))


def test_either_side_ends_a_link_and_the_other_is_told(trellis, people):
    linked(trellis, "U1", "U3")
    assert "has ended" in text_of(growth(trellis, "manager none", user="U3"))
    assert "<@U3> ended your manager link" in text_of(dm_to(trellis, "U1", count=2))
    assert NO_TEAM in text_of(growth(trellis, "team"))


def test_an_admin_imports_a_team_list_and_hears_of_the_row_that_did_not_match(trellis, people):
    assert trellis.command("import", command="/growth").status == 200
    modal = view_arg(trellis.fake.wait_for("views.open")[0])
    assert modal["callback_id"] == ids.IMPORT
    csv = b"email,manager_email\nchen@acme.test,asha@acme.test\nDANA@acme.test,U1\nghost@acme.test,asha@acme.test\n"
    shared = trellis.fake.add_file(csv, "team.csv")

    answered = trellis.submit_view(modal, {"file": [shared]}).json()

    assert answered["response_action"] == "update" and "Importing" in text_of(answered["view"])
    result = text_of(dm_to(trellis, "U1"))
    assert "2 people linked" in result
    assert "line 4" in result and "no one in this workspace has ghost@acme.test" in result
    told = dm_to(trellis, "U3")
    assert "<@U1> set <@U1> as your manager" in text_of(told) and "never *Only me*" in text_of(told)
    assert "Chen" in text_of(growth(trellis, "team")) and "Dana" in text_of(growth(trellis, "team"))

    ended = click(trellis, told, ids.END, "U3")

    assert "has ended" in text_of(ended)
    assert "Chen" not in text_of(growth(trellis, "team"))


def test_only_an_admin_imports(trellis, people):
    refused = trellis.command("import", user="U3", command="/growth").json()
    assert "Only a workspace admin or owner" in text_of(refused)
    assert trellis.fake.calls_to("views.open") == []


def test_no_one_but_the_confirmed_manager_sees_a_report(trellis_on, people):
    trellis = trellis_on
    goals_of(trellis, "U2", ("Ship the beta to ten design partners", "public"))
    linked(trellis, "U1", "U2")
    linked(trellis, "U4", "U3")  # Dana manages another team

    for user, team in (("U3", TEAM), ("U4", TEAM), ("U1", "T2")):  # a non-manager, another manager, another workspace
        refused = view_of(trellis, "U2", user=user, team=team)
        assert "only the people who confirmed you" in refused
        assert "Bruno" not in refused and "Ship the beta" not in refused
    assert NO_TEAM in text_of(growth(trellis, "team", user="U1", team="T2"))
    assert "Bruno" not in text_of(growth(trellis, "team", user="U4"))


def test_a_chart_slack_has_not_processed_yet_is_shown_in_words(trellis, people):
    goals_of(trellis, "U2", ("Ship the beta to ten design partners", "manager"))
    linked(trellis, "U1", "U2")
    trellis.fake.files.processing = True  # Slack answers invalid_blocks for a file just uploaded

    before = len(trellis.fake.calls_to("response"))
    trellis.command("team", command="/growth")
    [refused, shown] = trellis.fake.wait_for("response", count=before + 2)[before:]

    assert any(b["type"] == "image" for b in refused.args["blocks"])
    assert not any(b["type"] == "image" for b in shown.args["blocks"])
    assert "Bruno: 0% done" in text_of(shown.args) and "Ship the beta" in text_of(shown.args)
    trellis.fake.view_errors.clear()  # the refusal was the point
