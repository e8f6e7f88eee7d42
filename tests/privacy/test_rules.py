"""Privacy's rules without storage or Slack: what an export shows of feedback (anonymity as the app applies it),
each kind's columns, the zip's files and cells, and what an erasure says."""

import io
import json
import zipfile
from datetime import UTC, date, datetime

from domain.feedback.answers import Answer
from domain.privacy.erasure import erased_text
from domain.privacy.export import export_of
from domain.privacy.kinds import BY_NAME, KINDS, in_words
from domain.privacy.records import Ask, Erased, Holdings, Received
from domain.shared.workspace import WorkspaceKey
from slackapp.privacy.archive import archive

AT = datetime(2026, 11, 21, 12, tzinfo=UTC)
ACME = WorkspaceKey("", "T1")


def request(number: int, anonymous: bool) -> dict:
    return {"number": number, "topic": "My talk", "anonymous_allowed": anonymous, "secret": "not a column"}


def test_who_is_still_waiting_is_shown_only_where_no_one_may_answer_anonymously():
    asks = [Ask("U2", "done", None), Ask("U3", "waiting", None), Ask("U4", "declined", "away")]
    holdings = Holdings({"feedback_requests": [request(1, False), request(2, True)]}, {1: asks, 2: asks})

    named, anonymous = export_of("U1", ACME, AT, holdings).records["feedback_requests"]

    assert named["waiting"] == ["U3"] and anonymous["waiting"] == []
    assert named["asked"] == ["U2", "U3", "U4"] and named["answered"] == 1
    assert named["declined"] == [{"user_id": "U4", "reason": "away"}]
    assert set(named) == set(BY_NAME["feedback_requests"].columns)  # only its kind's columns: nothing else leaves


def test_anonymous_answers_are_held_below_three_and_shown_without_an_author_from_three():
    one = [Answer(1, "U2", date(2026, 11, 20), ("named",)), Answer(2, None, date(2026, 11, 20), ("alone",))]
    three = [Answer(n, None, date(2026, 11, 21), (f"anonymous {n}",)) for n in (3, 4, 5)]
    received = [Received(7, 1, one, {1: ["Q?"], 2: ["Q?"]}), Received(None, None, three, {})]

    records = export_of("U1", ACME, AT, Holdings({}, received=received)).records

    assert [(r["request"], r["author"], r["replies"]) for r in records["feedback_received"][:1]] == [
        (1, "U2", ["named"])
    ]
    assert "alone" not in json.dumps(records, default=str)
    assert records["feedback_held"] == [{"request": 1, "held": 1, "why": records["feedback_held"][0]["why"]}]
    shown = records["feedback_received"][1:]
    assert len(shown) == 3 and all(r["author"] is None and r["anonymous"] for r in shown)


def test_the_zip_has_the_json_and_a_csv_per_kind_with_safe_cells():
    goal = {"number": 1, "title": '=HYPERLINK("http://evil")', "skills": ["SQL", "Python"], "due_on": date(2027, 1, 1)}
    export = export_of("U1", ACME, AT, Holdings({"goals": [goal], "milestones": [{"goal": 1, "done_at": None}]}))

    zipped = zipfile.ZipFile(io.BytesIO(archive(export)))

    assert sorted(zipped.namelist()) == sorted(["trellis-export.json", *(f"{kind.name}.csv" for kind in KINDS)])
    header, row = zipped.read("goals.csv").decode().splitlines()
    assert header.startswith("number,title,why,horizon")
    assert "'=HYPERLINK" in row and '"[""SQL"", ""Python""]"' in row and "2027-01-01" in row
    document = json.loads(zipped.read("trellis-export.json"))
    assert document["kinds"]["goals"][0]["title"].startswith("=HYPERLINK")  # the JSON keeps the text as it is
    assert document["kinds"]["milestones"] == [{"goal": 1, "title": None, "due_on": None, "done_at": None}]
    assert zipped.read("checkins.csv").decode().strip() == ",".join(BY_NAME["checkins"].columns)


def test_an_erasure_is_told_in_counts_and_a_repeat_as_nothing():
    erased = Erased({"goals": 2, "checkins": 1, "member": 0}, {"feedback_given": 1}, places_freed=1)

    told = erased_text(erased)

    assert told.startswith("Erased: 2 goals and 1 check-in.") and "1 answer you gave" in told
    assert "mentor's place" in told
    assert "nothing to erase" in erased_text(Erased({"goals": 0}, {"feedback_given": 0}))
    assert in_words({}) == "nothing" and in_words({"kudos_given": 3}) == "3 kudos given"
