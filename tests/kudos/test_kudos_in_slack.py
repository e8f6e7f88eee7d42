"""Kudos through the HTTP endpoint and the loopback fake Slack: from the command, the form, a message and a goal's
celebration; each posts once and DMs each recipient; private ones post nowhere public; undo; the allowance."""

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlalchemy import text

from slackapp.kudos import ids
from slackapp.shared.kudos_button import SEND_KUDOS, send_kudos_button
from tests.slack_driver import text_of, view_arg

PEOPLE = {"U3": ("Chen", "Europe/Berlin"), "U4": ("Dana", "UTC"), "UBOT": ("Deploy bot", "UTC")}
REASON = "untangling the release checklist so that Friday's release went out calm"


@pytest.fixture
def trellis(trellis_on):
    """Every test here runs on SQLite and on PostgreSQL."""
    return trellis_on


@pytest.fixture
def team(fake_slack):
    fake_slack.add_user("U1", "Asha", tz="Asia/Kolkata", admin=True)
    for user_id, (name, tz) in PEOPLE.items():
        fake_slack.add_user(user_id, name, tz=tz, bot=user_id == "UBOT")
    return fake_slack


def kudos(trellis, text_: str, user: str = "U1", channel: str = "C1"):
    """`/kudos text` typed in `channel`; returns what it answered (through the response URL)."""
    before = len(trellis.fake.calls_to("response"))
    reply = trellis.command(text_, user=user, command="/kudos", channel=channel)
    assert reply.status == 200, reply.body
    return trellis.fake.wait_for("response", count=before + 1)[before].args


def opened(trellis, act) -> dict:
    before = len(trellis.fake.calls_to("views.open"))
    reply = act()
    assert reply.status == 200, reply.body
    return view_arg(trellis.fake.wait_for("views.open", count=before + 1)[before])


def submit(trellis, modal: dict, answers: dict, view_id: str) -> dict:
    """Send the form; it answers "Sending" at once, then shows the result: the view it was updated to."""
    before = len(trellis.fake.calls_to("views.update", view_id=view_id))
    reply = trellis.submit_view(modal, answers, view_id=view_id)
    assert "Sending kudos" in text_of(reply.json()), reply.body
    return view_arg(trellis.fake.wait_for("views.update", count=before + 1, view_id=view_id)[before])


def posts_in(trellis, channel: str):
    return trellis.fake.calls_to("chat.postMessage", channel=channel)


def kudos_rows(trellis) -> int:
    with trellis.services.engine.connect() as connection:
        return connection.execute(text("SELECT count(*) FROM kudos")).scalar()


def set_values(trellis):
    modal = opened(trellis, lambda: trellis.command("values", command="/kudos"))
    saved = trellis.submit_view(modal, {"values": ":muscle: ownership\n🔨 craft"})
    assert "#ownership" in text_of(saved.json())


def test_the_command_posts_once_dms_each_recipient_and_says_what_is_left(trellis, team):
    set_values(trellis)
    typed = f"<@U3|chen> <@U4|dana> for {REASON} in R&amp;D &lt;3 <!channel> <https://evil.example|click> #Ownership"
    said = kudos(trellis, typed)  # as Slack sends it: &, < and > escaped, @channel and links as control sequences

    assert "8 kudos left this week (of 10" in text_of(said)
    [post] = trellis.fake.wait_for("chat.postMessage", channel="C1")
    posted = text_of(post.args)
    assert "<@U1> gave kudos to <@U3> and <@U4>" in posted and ":muscle: #ownership" in posted
    assert "R&amp;D &lt;3 @channel click (https://evil.example)" in posted  # escaped once, and inert
    assert "<!channel>" not in posted and "<https://evil" not in posted and "&amp;amp;" not in posted
    for person, other in (("U3", "U4"), ("U4", "U3")):
        [dm] = trellis.fake.wait_for("chat.postMessage", channel=person)
        assert f"<@U1> gave you kudos, with <@{other}>" in text_of(dm.args) and "Posted in <#C1>" in text_of(dm.args)
    assert kudos_rows(trellis) == 1

    listed = trellis.command("list", user="U3", command="/kudos").json()
    assert "Kudos received in the last 90 days: 1" in text_of(listed) and "From <@U1>" in text_of(listed)


def test_bad_kudos_say_what_to_fix_and_record_nothing(trellis, team):
    set_values(trellis)
    said = kudos(trellis, "<@U1|asha> <@UBOT|deploy> for the great work #kindness")
    assert "you can't give yourself one" in text_of(said) and "Deploy bot is a bot" in text_of(said)
    assert "#kindness isn't one of this workspace's values: :muscle: #ownership, 🔨 #craft" in text_of(said)
    said = kudos(trellis, "<@U3|chen> for help")
    assert "at least 3 words" in text_of(said) and "/kudos @ana @ben" in text_of(said)
    said = kudos(trellis, f"for {REASON}")
    assert "Mention who the kudos is for" in text_of(said)

    trellis.fake.refuse_posts("C9")
    said = kudos(trellis, f"<@U3|chen> for {REASON}", channel="C9")
    assert "Trellis isn't a member of <#C9>" in text_of(said) and "/invite @Trellis" in text_of(said)

    assert kudos_rows(trellis) == 0
    assert not trellis.fake.calls_to("chat.postMessage", channel="U3")
    assert "10 kudos left this week" in text_of(trellis.command("list", command="/kudos").json())


def test_the_form_from_app_home_sends_a_private_kudos_once_however_often_it_is_submitted(trellis, team):
    modal = opened(trellis, lambda: trellis.click(ids.GIVE_OPEN))
    answers = {"to": ["U3"], "reason": REASON, "visibility": "private"}
    sent = submit(trellis, modal, answers, "VKUDOS1")
    assert "Kudos to <@U3>, sent privately" in text_of(sent) and "9 kudos left" in text_of(sent)
    again = trellis.submit_view(modal, answers, view_id="VKUDOS1")
    assert "saved it once" in text_of(again.json())

    [dm] = trellis.fake.wait_for("chat.postMessage", channel="U3")
    assert "It's private" in text_of(dm.args) and ", with" not in text_of(dm.args)
    public = [c for c in trellis.fake.calls_to("chat.postMessage") if not c.args["channel"].startswith("U")]
    assert public == [] and kudos_rows(trellis) == 1

    [undo] = [b["accessory"] for b in sent["blocks"] if (b.get("accessory") or {}).get("action_id") == ids.UNDO]
    trellis.click_in_modal(ids.UNDO, undo["value"], {**sent, "id": "VKUDOS1"})
    updated = trellis.fake.wait_for("views.update", count=2, view_id="VKUDOS1")[1]
    assert "Taken back" in text_of(updated.args)
    assert kudos_rows(trellis) == 0 and [channel for channel, _ in trellis.fake.deleted] == ["D3"]


def test_a_kudos_typed_in_a_direct_message_is_private(trellis, team):
    said = kudos(trellis, f"<@U3|chen> for {REASON}", channel="D42")
    assert "sent privately" in text_of(said)
    assert not posts_in(trellis, "D42") and trellis.fake.wait_for("chat.postMessage", channel="U3")


def test_the_message_shortcut_gives_to_the_author_and_keeps_the_link(trellis, team):
    message = {"user": "U3", "ts": "1764000000.000100", "text": "I fixed the flaky deploy"}
    modal = opened(trellis, lambda: trellis.message_shortcut(ids.FROM_MESSAGE, message, channel="C7"))
    to = next(b for b in modal["blocks"] if b.get("block_id") == "to")
    assert to["element"]["initial_users"] == ["U3"]
    link = "https://test.slack.com/archives/C7/p1764000000000100"
    assert link in text_of(modal)

    sent = submit(trellis, modal, {"to": ["U3"], "reason": REASON, "visibility": "public", "channel": "C7"}, "VK7")
    assert "posted in <#C7>" in text_of(sent)
    [post] = trellis.fake.wait_for("chat.postMessage", channel="C7")
    assert link in text_of(post.args)
    trellis.fake.wait_for("chat.postMessage", channel="U3")

    from_a_bot = {"user": "UBOT", "bot_id": "B1", "ts": "1764000000.000200", "text": "Deploy finished"}
    modal = opened(trellis, lambda: trellis.message_shortcut(ids.FROM_MESSAGE, from_a_bot, channel="C7"))
    assert "initial_users" not in next(b for b in modal["blocks"] if b.get("block_id") == "to")["element"]


def test_a_channel_trellis_is_not_in_says_how_to_invite_it_and_nothing_is_kept(trellis, team):
    trellis.fake.refuse_posts("C8")
    modal = opened(trellis, lambda: trellis.click(ids.GIVE_OPEN))
    answers = {"to": ["U3"], "reason": REASON, "visibility": "public", "channel": "C8"}
    refused = text_of(submit(trellis, modal, answers, "VK8"))
    assert "Trellis isn't a member of <#C8>" in refused and "/invite @Trellis" in refused
    assert "Nothing was sent or counted" in refused
    assert kudos_rows(trellis) == 0 and not trellis.fake.calls_to("chat.postMessage", channel="U3")
    assert "10 kudos left this week" in text_of(trellis.command("list", command="/kudos").json())


def test_undo_within_the_hour_takes_back_the_post_and_dms_and_refunds(trellis, team, clock):
    said = kudos(trellis, f"<@U3|chen> <@U4|dana> for {REASON}")
    trellis.fake.wait_for("chat.postMessage", channel="C1")
    trellis.fake.wait_for("chat.postMessage", channel="U4")
    undo = next(e for b in said["blocks"] for e in [b.get("accessory") or {}] if e.get("action_id") == ids.UNDO)

    clock.instant += timedelta(minutes=59)
    trellis.click(ids.UNDO, undo["value"], message={"blocks": said["blocks"], "ts": "1.1"})
    told = trellis.fake.wait_for("response", count=2)[-1]
    assert "Taken back" in text_of(told.args) and told.args["replace_original"] in (True, "true")
    deleted = set(trellis.fake.deleted)
    assert len(deleted) == 3 and {channel for channel, _ in deleted} == {"C1", "D3", "D4"}
    assert kudos_rows(trellis) == 0
    assert "10 kudos left this week" in text_of(trellis.command("list", command="/kudos").json())

    trellis.click(ids.UNDO, undo["value"], message={"blocks": said["blocks"], "ts": "1.1"})
    assert "taken back already" in text_of(trellis.fake.wait_for("response", count=3)[-1].args)


def test_after_an_hour_a_kudos_stays(trellis, team, clock):
    said = kudos(trellis, f"<@U3|chen> for {REASON}")
    undo = next(e for b in said["blocks"] for e in [b.get("accessory") or {}] if e.get("action_id") == ids.UNDO)
    clock.instant += timedelta(minutes=61)
    trellis.click(ids.UNDO, undo["value"], message={"blocks": said["blocks"], "ts": "1.1"})
    assert "within 60 minutes" in text_of(trellis.fake.wait_for("response", count=2)[-1].args)
    assert kudos_rows(trellis) == 1 and not trellis.fake.deleted


def test_the_allowance_an_admin_sets_is_never_overrun(trellis, team):
    modal = opened(trellis, lambda: trellis.command("settings", command="/kudos"))
    assert "from 1 to 100" in trellis.submit_view(modal, {"allowance": "0"}).json()["errors"]["allowance"]
    trellis.submit_view(modal, {"allowance": "2"})

    assert "1 kudos left" in text_of(kudos(trellis, f"<@U3|chen> for {REASON}"))
    said = kudos(trellis, f"<@U3|chen> <@U4|dana> for {REASON}")
    assert "You have 1 kudos left this week and this one needs 2" in text_of(said)
    assert "0 kudos left" in text_of(kudos(trellis, f"<@U4|dana> for {REASON}"))
    assert "You've given all 2 kudos of this week" in text_of(kudos(trellis, f"<@U3|chen> for {REASON}"))
    assert kudos_rows(trellis) == 2

    reply = trellis.command("settings", user="U3", command="/kudos").json()
    assert "Each person may give *2* kudos a week" in text_of(reply)


def test_send_kudos_on_a_goal_celebration_names_the_goal(trellis, team):
    button = send_kudos_button("U3", 4, "Run a <!here> half marathon").to_dict()
    message = {"blocks": [{"type": "actions", "block_id": "b", "elements": [button]}], "ts": "1.1"}
    modal = opened(trellis, lambda: trellis.click(SEND_KUDOS, button["value"], message=message))
    assert next(b for b in modal["blocks"] if b.get("block_id") == "to")["element"]["initial_users"] == ["U3"]

    submit(trellis, modal, {"to": ["U3"], "reason": REASON, "visibility": "public", "channel": "C5"}, "VK5")
    [post] = trellis.fake.wait_for("chat.postMessage", channel="C5")
    assert "Celebrating completing <@U3>'s goal *#4 · Run a &lt;!here&gt; half marathon*" in text_of(post.args)

    own = opened(trellis, lambda: trellis.click(SEND_KUDOS, button["value"], user="U3", message=message))
    assert "initial_users" not in next(b for b in own["blocks"] if b.get("block_id") == "to")["element"]


def test_send_kudos_on_a_milestone_done_in_a_goals_history_names_the_milestone(trellis, team):
    button = send_kudos_button("U3", 2, "Ship the beta", milestone="Private beta <b>").to_dict()
    history = {"id": "VHISTORY", "type": "modal", "blocks": []}
    trellis.click_in_modal(SEND_KUDOS, button["value"], history)
    [pushed] = trellis.fake.wait_for("views.push")  # on top of the history it was pressed in
    modal = view_arg(pushed)

    submit(trellis, modal, {"to": ["U3"], "reason": REASON, "visibility": "public", "channel": "C5"}, "VK6")
    [post] = trellis.fake.wait_for("chat.postMessage", channel="C5")
    expected = "Celebrating the milestone “Private beta &lt;b&gt;” of <@U3>'s goal *#2 · Ship the beta*"
    assert expected in text_of(post.args)


def test_app_home_shows_recognition_received(trellis, team):
    kudos(trellis, f"<@U3|chen> for {REASON}")
    trellis.open_home(user="U3")
    home = view_arg(trellis.fake.wait_for("views.publish", user_id="U3")[-1])
    assert "*Recognition*" in text_of(home) and "From <@U1>" in text_of(home) and ids.GIVE_OPEN in text_of(home)


def test_kudos_racing_past_the_allowance_leave_one_record_and_one_post(trellis, team):
    modal = opened(trellis, lambda: trellis.command("settings", command="/kudos"))
    trellis.submit_view(modal, {"allowance": "1"})

    with ThreadPoolExecutor(max_workers=6) as pool:
        replies = list(pool.map(lambda _: trellis.command(f"<@U3|chen> for {REASON}", command="/kudos"), range(6)))
    assert all(reply.status == 200 for reply in replies)
    answers = [text_of(call.args) for call in trellis.fake.wait_for("response", count=6)]

    assert sum("0 kudos left" in answer for answer in answers) == 1
    assert sum("You've given all 1 kudos of this week" in answer for answer in answers) == 5
    assert kudos_rows(trellis) == 1
    assert len(posts_in(trellis, "C1")) - len(trellis.fake.deleted) == 1  # every other post was taken back
    assert len(trellis.fake.wait_for("chat.postMessage", channel="U3")) == 1
