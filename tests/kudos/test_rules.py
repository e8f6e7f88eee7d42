"""Kudos's domain rules: reading the command, every refusal, values, the weekly allowance's boundaries in the
giver's zone, and the hour for undo."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from domain.kudos.rules import (
    KudosText,
    Value,
    check_kudos,
    may_undo,
    read_command,
    week_of,
)
from domain.people.candidates import Candidate
from domain.shared.errors import InvalidInput

PEOPLE = {
    "U2": Candidate("U2", "Ana"),
    "U3": Candidate("U3", "Ben"),
    "UBOT": Candidate("UBOT", "Deploy bot", is_bot=True),
    "UGONE": Candidate("UGONE", "Dana", deactivated=True),
}
VALUES = [Value("ownership", ":muscle:"), Value("craft", ":hammer:")]


def refused(text: str) -> dict[str, str]:
    with pytest.raises(InvalidInput) as error:
        check_kudos(read_command(text), "U1", PEOPLE, VALUES)
    return error.value.errors


def test_the_command_reads_mentions_a_value_and_the_reason():
    read = read_command("<@U2|ana> <@U3> for untangling the release checklist #Ownership")

    assert read == KudosText(("U2", "U3"), "untangling the release checklist", "Ownership")
    assert check_kudos(read, "U1", PEOPLE, VALUES) == (("U2", "U3"), "untangling the release checklist", VALUES[0])


def test_a_mention_named_twice_counts_once_and_a_channel_or_escaped_text_is_no_value():
    read = read_command("<@U2|ana> <@U2> for the &lt;#C1&gt; cleanup <#C123|general>")
    assert read.recipients == ("U2",) and read.value is None


def test_every_refusal_says_what_to_fix():
    assert refused("for the great docs")["to"].startswith("Mention who the kudos is for")
    assert refused("<@U1> for my own great docs") == {"to": "Kudos are for others: you can't give yourself one."}
    assert refused("<@UBOT> <@UGONE> for keeping the lights on")["to"] == (
        "Deploy bot is a bot; kudos are for people. Dana is no longer in this workspace."
    )
    assert "at least 3 words" in refused("<@U2> thanks!")["reason"]
    assert refused("<@U2>")["reason"] == "Write what the kudos is for: it can't be empty."
    many = " ".join(f"<@U{n:03d}>" for n in range(11))
    assert "at most 10 people" in refused(f"{many} for the offsite")["to"]


def test_a_value_not_on_the_list_gets_the_real_ones():
    assert refused("<@U2> for the careful review #speed") == {
        "value": "#speed isn't one of this workspace's values: :muscle: #ownership, :hammer: #craft."
    }
    # With no values in the workspace, a last #word is only part of the reason.
    reason = check_kudos(read_command("<@U2> for fixing flaky bug #123"), "U1", PEOPLE, [])[1]
    assert reason == "fixing flaky bug #123"


def test_only_a_last_hashtag_is_a_value_and_the_reason_reads_as_typed():
    read = read_command(
        "<@U2> for fixing bug #123 in R&amp;D's &lt;b&gt; tool, see <#C1|eng> <https://x.io|the PR> #craft"
    )
    assert read.value == "craft"
    assert read.reason == "fixing bug #123 in R&D's <b> tool, see #eng the PR (https://x.io)"
    assert read_command("<@U2> thanks for the deploy <#C9|deploys>").value is None
    assert read_command("<@U2> for keeping <!channel> calm <!subteam^S1|@oncall>").reason == (
        "keeping @channel calm @oncall"
    )


def test_the_allowance_week_starts_on_monday_in_the_givers_zone():
    tokyo, los_angeles = ZoneInfo("Asia/Tokyo"), ZoneInfo("America/Los_Angeles")
    sunday_night_utc = datetime(2026, 11, 29, 16, 0, tzinfo=UTC)  # Monday 01:00 in Tokyo, Sunday 08:00 in LA

    assert week_of(sunday_night_utc, tokyo) == date(2026, 11, 30)
    assert week_of(sunday_night_utc, los_angeles) == date(2026, 11, 23)


def test_a_kudos_may_be_taken_back_within_the_hour():
    given = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
    assert may_undo(given, given + timedelta(minutes=59))
    assert not may_undo(given, given + timedelta(hours=1, seconds=1))
