"""Profiles through the HTTP endpoint and the loopback fake Slack: a profile saved and shown as its owner allows,
the skills type-ahead, `/growth mentor` → Ask → Accept → both introduced, capacity and pending answers, ending with a
note, phrases from feedback, App Home, and a growth-chat round that opens one group DM per pair however many
workers run it."""

import threading
from datetime import UTC, datetime, timedelta

import pytest

from domain.reminders.engine import dispatch_due, plan_reminders
from domain.shared.workspace import WorkspaceKey
from slackapp.profiles import ids
from slackapp.profiles.chats import growth_chats
from slackapp.shared.profile_buttons import ADD_TO_PROFILE
from slackapp.shared.skills_select import CHOOSE_SKILLS
from tests.feedback.test_feedback_commands import said
from tests.feedback.test_feedback_in_slack import open_view
from tests.reminders.conftest import engine_for
from tests.reminders.test_engine import deliver_now
from tests.slack_driver import TEAM, text_of, view_arg
from tests.teams.test_teams_in_slack import button, click, dm_to, growth, linked


@pytest.fixture
def people(fake_slack):
    fake_slack.add_user("U3", "Chen", tz="Europe/Berlin")
    fake_slack.add_user("U4", "Dana")
    return fake_slack


def profile(trellis, user: str, **answers) -> dict:
    """Fill in and save `/growth profile` as `user`; the view Slack was answered with."""
    modal = open_view(trellis, lambda: trellis.command("profile", user=user, command="/growth"))
    filled = {"visibility": "everyone", "capacity": "0", **answers}
    saved = trellis.submit_view(modal, filled, user=user)
    assert saved.status == 200, saved.body
    return saved.json()


def test_a_profile_is_saved_and_shown_escaped_and_its_skills_join_the_catalogue(trellis, people):
    modal = open_view(trellis, lambda: trellis.command("profile", command="/growth"))
    [seen] = [b for b in modal["blocks"] if b["block_id"] == "visibility"]
    assert "initial_option" not in seen["element"]  # a new profile's audience is chosen, never assumed

    saved = profile(
        trellis,
        "U1",
        strengths="Explaining <hard> things simply\nMentoring new people",
        areas="Saying no <!channel>",
        interests="climbing, Open  Source",
        vision="Lead a platform team",
        learn=["Public speaking"],
        teach=["SQL", "sql "],
        capacity="2",
    )
    assert saved["response_action"] == "update" and "Explaining &lt;hard&gt; things simply" in text_of(saved["view"])

    shown = said(trellis.command("profile <@U1|asha>", user="U2", command="/growth"))
    assert "Explaining &lt;hard&gt; things simply" in shown and "Saying no &lt;!channel&gt;" in shown
    assert "Can teach:* SQL" in shown and "Open Source" in shown and "Lead a platform team" in shown

    options = trellis.suggest(CHOOSE_SKILLS, "learn", "public  SPEAKING", user="U2").json()["options"]
    assert [o["value"] for o in options] == ["Public speaking"]  # one skill, however it is typed
    options = trellis.suggest(CHOOSE_SKILLS, "learn", "Kotlin", user="U2").json()["options"]
    assert [o["text"]["text"] for o in options] == ["Kotlin (new skill)"]


def test_a_form_with_too_much_gets_inline_errors_and_saves_nothing(trellis, people):
    modal = open_view(trellis, lambda: trellis.command("profile", command="/growth"))
    refused = trellis.submit_view(
        modal, {"strengths": "\n".join(f"strength {n}" for n in range(6)), "capacity": "3", "visibility": "everyone"}
    ).json()
    assert refused["response_action"] == "errors"
    assert set(refused["errors"]) == {"strengths", "teach"}  # six strengths; mentoring with nothing to teach
    assert "no growth profile shared" in said(trellis.command("profile <@U1>", user="U2", command="/growth"))


def test_only_me_is_never_shown_or_matched_and_manager_is_shown_to_the_manager_only(trellis, people):
    profile(trellis, "U3", visibility="only_me", teach=["SQL"], capacity="3")
    profile(trellis, "U4", visibility="manager", teach=["SQL"], capacity="3", strengths="Calm in incidents")
    profile(trellis, "U2", learn=["sql"])
    linked(trellis, manager="U1", report="U4")

    assert "no growth profile shared" in said(trellis.command("profile <@U3>", user="U2", command="/growth"))
    assert "no growth profile shared" in said(trellis.command("profile <@U4>", user="U2", command="/growth"))
    assert "Calm in incidents" in said(trellis.command("profile <@U4>", user="U1", command="/growth"))
    assert "Calm in incidents" in said(trellis.command("profile <@U4>", user="U4", command="/growth"))

    found = text_of(growth(trellis, "mentor", user="U2"))
    assert "U3" not in found and "U4" not in found and "No one with a free mentoring place" in found


def ask_for_mentoring(trellis, mentee: str, mentor: str, note: str = "", listed: bool = True) -> dict:
    """Ask from `/growth mentor`'s list, or (not `listed`) with an *Ask* button from an older list."""
    if listed:
        found = growth(trellis, "mentor", user=mentee)
        assert button(found, ids.ASK)["value"] == mentor
    modal = open_view(trellis, lambda: trellis.click(ids.ASK, value=mentor, user=mentee))
    return trellis.submit_view(modal, {"note": note}, user=mentee).json()


def test_ask_accept_introduces_both_then_capacity_and_pending_are_answered_and_either_ends_it(trellis_on, people):
    trellis = trellis_on
    profile(trellis, "U1", teach=["Public speaking", "Kubernetes"], capacity="1")
    profile(trellis, "U3", teach=["Public speaking"], capacity="2")
    profile(trellis, "U2", learn=["public speaking", "kubernetes"])
    profile(trellis, "U4", learn=["Kubernetes"])

    found = growth(trellis, "mentor", user="U2")
    assert text_of(found).index("<@U1>") < text_of(found).index("<@U3>")  # two shared skills before one

    asked = ask_for_mentoring(trellis, "U2", "U1", note="Help me with <!channel> talks")
    assert "Asked <@U1>" in text_of(asked["view"])
    request = dm_to(trellis, "U1")
    assert "<@U2> asks you to mentor them" in text_of(request) and "&lt;!channel&gt;" in text_of(request)
    again = ask_for_mentoring(trellis, "U2", "U1")
    assert "waits for their answer" in text_of(again["view"])

    accepted = click(trellis, request, ids.ACCEPT, "U1")
    assert accepted["replace_original"] is True and "you are mentoring <@U2>" in text_of(accepted)
    assert "Meet <@U2>, your mentee" in text_of(dm_to(trellis, "U1", count=2))
    introduction = dm_to(trellis, "U2")
    assert "Meet <@U1>, your mentor" in text_of(introduction)

    assert "<@U1>" not in text_of(growth(trellis, "mentor", user="U4"))  # U1 offered one place, now taken
    full = ask_for_mentoring(trellis, "U4", "U1", listed=False)
    assert "no free mentoring place" in text_of(full["view"])

    ending = open_view(trellis, lambda: trellis.click(ids.END, value=button(introduction, ids.END)["value"], user="U2"))
    ended = trellis.submit_view(ending, {"note": "I gave my first <b>talk</b>"}, user="U2").json()
    assert "has ended" in text_of(ended["view"])
    told = dm_to(trellis, "U1", count=3)
    assert "<@U2> ended your mentorship" in text_of(told) and "&lt;b&gt;talk&lt;/b&gt;" in text_of(told)
    assert "<@U1>" in text_of(growth(trellis, "mentor", user="U4"))  # the place is free again


def test_a_declined_request_tells_the_mentee_and_a_second_click_is_refused(trellis, people):
    profile(trellis, "U1", teach=["SQL"], capacity="1")
    profile(trellis, "U2", learn=["SQL"])
    ask_for_mentoring(trellis, "U2", "U1")
    request = dm_to(trellis, "U1")

    assert "You declined" in text_of(click(trellis, request, ids.DECLINE, "U1"))
    assert "can't mentor you now" in text_of(dm_to(trellis, "U2"))
    assert "no longer open" in text_of(click(trellis, request, ids.ACCEPT, "U1"))


def test_feedback_received_adds_a_phrase_of_my_choosing_to_my_strengths(trellis, people):
    modal = open_view(trellis, lambda: trellis.command("give <@U2|bruno>", command="/feedback"))
    trellis.submit_view(modal, {"to": "U2", "text": "Your review notes on the outage saved us a day"})
    given = dm_to(trellis, "U2")
    add = button(given, ADD_TO_PROFILE)
    assert add["value"].startswith("strengths|Your review notes")

    phrase = open_view(trellis, lambda: trellis.click(ADD_TO_PROFILE, value=add["value"], user="U2", message=given))
    [field] = [b for b in phrase["blocks"] if b["block_id"] == "phrase"]
    assert field["element"]["initial_value"].startswith("Your review notes")
    added = trellis.submit_view(phrase, {"phrase": "Clear incident write-ups"}, user="U2").json()
    assert "Added to your strengths" in text_of(added["view"])

    mine = said(trellis.command("profile <@U2>", user="U2", command="/growth"))
    assert "Strengths:* Clear incident write-ups" in mine


def test_app_home_shows_my_profile_and_a_request_waiting_for_me(trellis, people):
    profile(trellis, "U1", teach=["SQL"], capacity="1")
    profile(trellis, "U2", learn=["SQL"])
    ask_for_mentoring(trellis, "U2", "U1")

    trellis.open_home(user="U1")
    home = view_arg(trellis.fake.wait_for("views.publish", user_id="U1")[-1])
    shown = text_of(home)
    assert "Growth profile" in shown and "mentoring 0 of 1" in shown and "<@U2> asks you to mentor them" in shown
    assert ids.ACCEPT in str(home) and ids.EDIT in str(home) and ids.FIND_MENTOR in str(home)


def test_a_chat_round_opens_one_group_dm_a_pair_however_many_workers_run_it(trellis_on, people):
    trellis = trellis_on
    profile(trellis, "U1", interests="Climbing, chess")
    profile(trellis, "U2", interests="climbing")
    profile(trellis, "U3", interests="gardening")
    profile(trellis, "U4", visibility="only_me", interests="climbing")  # never matched
    for user in ("U1", "U2", "U3", "U4"):
        assert "Growth chats are on" in said(trellis.command("chats on", user=user, command="/growth"))

    workers = [threading.Thread(target=growth_chats, args=(trellis.services, WorkspaceKey("", TEAM))) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    [opened] = trellis.fake.calls_to("conversations.open")
    assert sorted(opened.args["users"].split(",")) == ["U1", "U2"]
    [chat] = trellis.fake.wait_for("chat.postMessage", channel="G12")
    assert "<@U1> and <@U2>" in text_of(chat.args) and "climbing" in text_of(chat.args).lower()
    growth_chats(trellis.services, WorkspaceKey("", TEAM))  # the next pass: the round is done, nothing to send
    assert len(trellis.fake.calls_to("conversations.open")) == 1
    assert "Growth chats are off" in said(trellis.command("chats off", user="U1", command="/growth"))


def test_the_monthly_mentoring_check_in_reaches_both_sides_with_end_mentoring(trellis, people):
    services = trellis.services
    profile(trellis, "U1", teach=["SQL"], capacity="1")
    profile(trellis, "U2", learn=["SQL"])
    ask_for_mentoring(trellis, "U2", "U1")
    click(trellis, dm_to(trellis, "U1"), ids.ACCEPT, "U1")
    assert "Meet <@U1>" in text_of(dm_to(trellis, "U2"))  # accepted, and both introduced
    sent_before = len(trellis.fake.wait_for("chat.postMessage", count=3))

    plan_reminders(services.uow, services.reminder_queue, services.clock, services.reminder_kinds)
    engine = engine_for(trellis)
    services.clock.instant = datetime(2026, 11, 30, 23, 0, tzinfo=UTC)  # a Monday in November has passed
    assert dispatch_due(services.reminder_queue, services.clock, deliver_now(engine)) == 0
    for monday_nine in (datetime(2026, 12, 7, 3, 30, tzinfo=UTC), datetime(2026, 12, 7, 17, 0, tzinfo=UTC)):
        services.clock.instant = monday_nine  # 09:00 on the first Monday of December in Kolkata, then Los Angeles
        assert dispatch_due(services.reminder_queue, services.clock, deliver_now(engine)) == 1

    check_ins = trellis.fake.calls_to("chat.postMessage")[sent_before:]
    assert sorted(c.args["channel"] for c in check_ins) == ["U1", "U2"]
    for call in check_ins:
        assert "Monthly mentoring check-in" in text_of(call.args) and ids.END in str(call.args["blocks"])


def test_a_managers_summary_says_who_has_a_mentor(trellis, people):
    for count, report in enumerate(("U2", "U4"), start=1):
        growth(trellis, "manager <@U3>", user=report)
        click(trellis, dm_to(trellis, "U3", count=count), "teams_accept", "U3")
        assert "confirmed" in text_of(dm_to(trellis, report))
    profile(trellis, "U1", teach=["SQL"], capacity="1")
    profile(trellis, "U2", learn=["SQL"])
    ask_for_mentoring(trellis, "U2", "U1")
    click(trellis, dm_to(trellis, "U1"), ids.ACCEPT, "U1")
    assert "Meet <@U1>" in text_of(dm_to(trellis, "U2", count=2))

    lines = {
        block["accessory"]["value"]: block["text"]["text"]
        for block in growth(trellis, "team", user="U3")["blocks"]
        if (block.get("accessory") or {}).get("action_id") == "teams_view"
    }
    assert "mentor: yes" in lines["U2"] and "mentor: no" in lines["U4"]


def test_the_one_left_out_of_a_round_is_paired_first_in_the_next_and_an_opt_out_is_never_sent(trellis, people):
    services, workspace = trellis.services, WorkspaceKey("", TEAM)
    for user in ("U1", "U2", "U3"):
        profile(trellis, user, interests="climbing")
        said(trellis.command("chats on", user=user, command="/growth"))

    growth_chats(services, workspace)
    [first] = trellis.fake.calls_to("conversations.open")
    left_out = ({"U1", "U2", "U3"} - set(first.args["users"].split(","))).pop()

    services.clock.instant += timedelta(days=14)  # the next round: the same two can't meet again so soon
    growth_chats(services, workspace)
    [_, second] = trellis.fake.calls_to("conversations.open")
    assert left_out in second.args["users"].split(",")

    services.clock.instant += timedelta(days=14)
    said(trellis.command("chats off", user=left_out, command="/growth"))
    profile(trellis, "U4", interests="climbing")
    said(trellis.command("chats on", user="U4", command="/growth"))
    growth_chats(services, workspace)
    assert all(left_out not in c.args["users"] for c in trellis.fake.calls_to("conversations.open")[2:])
