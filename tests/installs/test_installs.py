"""Installs through OAuth against the fake Slack's oauth.v2.access: several workspaces and an Enterprise Grid org,
tokens encrypted at rest and rotated, and an uninstall that stops reminders and erases the data after its grace."""

import re
import sqlite3
import time
import urllib.request
from datetime import timedelta

import pytest
import yaml
from cryptography.fernet import Fernet
from slack_sdk import WebClient
from slack_sdk.oauth.installation_store.models.bot import Bot
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.token_rotation import TokenRotator
from sqlalchemy import inspect, select, text

from domain.people.members import Member
from domain.reminders.model import Reminder, ReminderState
from domain.reminders.ports import NotSent, Refused
from domain.shared.workspace import WorkspaceKey
from persistence.database import make_engine
from persistence.installs.secrets import BadKey, TokenCipher, reencrypt_tokens
from persistence.installs.tables import SLACK_BOTS
from slackapp.goals.form import new_goal_modal
from slackapp.installs.oauth import BOT_SCOPES
from slackapp.installs.tokens import InstalledBots
from slackapp.shared.clients import NotInstalled
from slackapp.worker import ReminderEngine, make_huey
from tests.conftest import start_trellis
from tests.examples import GOOD_GOAL, race
from tests.slack_driver import Reply, SlackDriver
from tests.test_cli import trellis

KEY = Fernet.generate_key().decode()
NEW_KEY = Fernet.generate_key().decode()


def oauth(fake, keys=(KEY,)) -> dict:
    return {
        "bot_token": None,
        "client_id": fake.oauth.client_id,
        "client_secret": fake.oauth.client_secret,
        "state_secret": "a-state-secret",
        "encryption_keys": keys,
    }


@pytest.fixture
def installing(fake_slack, database_url, clock):
    """Trellis with no token of its own: each workspace installs it through /slack/install."""
    with start_trellis(fake_slack, database_url, clock, **oauth(fake_slack)) as driver:
        yield driver


def install(driver: SlackDriver, code: str, state: str | None = None) -> Reply:
    """What a person's browser does: open the install page, go to Slack, come back with Slack's code."""
    with urllib.request.urlopen(driver.base_url + "/slack/install") as page:
        html, cookie = page.read().decode(), page.headers["Set-Cookie"].split(";")[0]
    state = state or re.search(r"state=([^&\"]+)", html).group(1)
    back = f"{driver.base_url}/slack/oauth_redirect?code={code}&state={state}"
    return driver._send(urllib.request.Request(back, headers={"Cookie": cookie}))


def uninstall(driver: SlackDriver, event: dict, workspace: WorkspaceKey, enterprise: str | None = None) -> None:
    """Slack's event, and the wait for Trellis to act on it after acknowledging it."""
    assert driver.event(event, team=workspace.team_id or None, enterprise=enterprise).status == 200
    installations = driver.services.installations
    someday = driver.services.clock.now() + timedelta(days=365)
    keys = {"enterprise_id": workspace.enterprise_id or None, "team_id": workspace.team_id or None}

    def done() -> bool:
        tokens_gone = installations.store is None or installations.store.find_bot(**keys) is None
        return tokens_gone and workspace in installations.installs.due_for_erasure(someday)

    deadline = time.monotonic() + 5
    while not done():
        assert time.monotonic() < deadline, "the uninstall was not acted on"
        time.sleep(0.05)


def an_hour_left(driver: SlackDriver, **where) -> Bot:
    """The installed bot of `where` (a team id, or an org's), its token now an hour from expiry: due for rotation."""
    store = driver.services.installations.store
    bot = store.find_bot(**where)
    bot.bot_token_expires_at -= 11 * 3600  # Slack's tokens live 12 hours
    store.save_bot(bot)
    return bot


def send_a_reminder(driver: SlackDriver, team: str):
    """What the reminder sender makes of a check-in reminder to U1 in `team`."""
    engine = ReminderEngine(driver.services, make_huey(None, ":memory:"))
    reminder = Reminder(
        1, WorkspaceKey("", team), "U1", "checkin", "k", driver.services.clock.now(), ReminderState.SENDING
    )
    return engine.sender.send(reminder, Member("U1", "Asha", "Asia/Kolkata", None), object())


def goal_list(driver: SlackDriver, team: str, enterprise: str | None = None) -> str:
    return driver.command("list", team=team, enterprise=enterprise).body


def test_two_workspaces_install_and_each_sees_only_its_own_data(installing):
    fake = installing.fake
    first, second = fake.oauth.add_install("code-1", "T1"), fake.oauth.add_install("code-2", "T2")

    assert install(installing, "code-1").status == 200
    assert install(installing, "code-2").status == 200
    saved = installing.submit_view(new_goal_modal(), GOOD_GOAL, team="T1").json()

    assert saved["response_action"] == "update"
    assert "Pass the AWS" in goal_list(installing, "T1")
    assert "no goals yet" in goal_list(installing, "T2")  # the same user id, in another workspace
    installing.command("", team="T2")
    [opened] = fake.wait_for("views.open")
    assert opened.token == second  # each workspace's calls carry its own token
    lookups = {call.token for call in fake.calls_to("users.info")}
    assert first in lookups and second in lookups
    assert installing.services.clients.for_workspace(WorkspaceKey("", "T2")).token == second


def test_a_state_that_trellis_did_not_sign_installs_nothing(installing):
    installing.fake.oauth.add_install("code-1", "T1")

    answer = install(installing, "code-1", state="forged.0123456789abcdef0123456789abcdef")

    assert answer.status >= 400
    assert not installing.fake.calls_to("oauth.v2.access")
    with pytest.raises(NotInstalled):
        installing.services.clients.for_workspace(WorkspaceKey("", "T1"))


def test_an_org_wide_install_serves_every_workspace_of_the_org(installing):
    fake = installing.fake
    org_token = fake.oauth.add_install("code-org", None, enterprise_id="E1")

    assert install(installing, "code-org").status == 200
    elsewhere = goal_list(installing, "T5")  # the same team id, not from the org: not installed there
    installing.command("", team="T5", enterprise="E1")

    assert "no goals" not in elsewhere
    assert "reinstall" in str(fake.wait_for("response")[0].args)
    [opened] = fake.wait_for("views.open")
    assert opened.token == org_token
    assert installing.services.clients.for_workspace(WorkspaceKey("E1", "T6")).token == org_token
    assert "no goals yet" in goal_list(installing, "T5", enterprise="E1")


def test_tokens_at_rest_are_unreadable_without_the_key_and_survive_a_key_rotation(
    fake_slack, database_url, clock, installing
):
    token = fake_slack.oauth.add_install("code-1", "T1")
    install(installing, "code-1")
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            stored = connection.execute(select(SLACK_BOTS.c.bot_token)).scalar_one()
        assert token not in stored and "xoxb" not in stored
        with pytest.raises(BadKey):
            TokenCipher([NEW_KEY]).decrypt(stored)

        rotated = oauth(fake_slack, keys=(NEW_KEY, KEY))  # the new key first; the old one still reads
        with start_trellis(fake_slack, database_url, clock, **rotated) as driver:
            assert driver.services.clients.for_workspace(WorkspaceKey("", "T1")).token == token
        assert reencrypt_tokens(engine, TokenCipher([NEW_KEY, KEY])) == 2  # the bot's and the installation's
        with start_trellis(fake_slack, database_url, clock, **oauth(fake_slack, keys=(NEW_KEY,))) as driver:
            assert driver.services.clients.for_workspace(WorkspaceKey("", "T1")).token == token
            driver.command("", team="T1")
            assert fake_slack.wait_for("views.open")[-1].token == token
    finally:
        engine.dispose()


def test_a_rotating_token_is_refreshed_before_it_expires_and_kept(installing):
    fake = installing.fake
    first = fake.oauth.add_install("code-1", "T1", rotating=True)
    install(installing, "code-1")
    clients = installing.services.clients

    kept = clients.for_workspace(WorkspaceKey("", "T1")).token

    assert kept == first  # 12 hours before it expires
    bots = installing.services.installations.store
    an_hour_left(installing, enterprise_id=None, team_id="T1")
    installing.services.installations.bots.forget(WorkspaceKey("", "T1"))

    fresh = clients.for_workspace(WorkspaceKey("", "T1")).token

    assert fresh != first and fresh in fake.oauth.teams
    assert [call.args.get("grant_type") for call in fake.calls_to("oauth.v2.access")] == [None, "refresh_token"]
    assert bots.find_bot(enterprise_id=None, team_id="T1").bot_token == fresh


def test_uninstall_removes_the_tokens_stops_reminders_and_erases_after_the_grace_period(installing, clock):
    fake, services = installing.fake, installing.services
    fake.oauth.add_install("code-1", "T1")
    fake.oauth.add_install("code-2", "T2")
    install(installing, "code-1")
    install(installing, "code-2")
    for team in ("T1", "T2"):
        installing.submit_view(new_goal_modal(), GOOD_GOAL, team=team)
        with services.uow(WorkspaceKey("", team)) as uow:
            uow.reminders.plan("U1", "checkin", "2026-11-23", clock.now() + timedelta(days=2))
            uow.commit()

    uninstall(installing, {"type": "app_uninstalled"}, WorkspaceKey("", "T1"))

    with pytest.raises(NotInstalled):
        services.clients.for_workspace(WorkspaceKey("", "T1"))
    assert services.reminder_queue.workspaces() == [WorkspaceKey("", "T2")]
    with services.engine.connect() as connection:
        states = dict(connection.execute(text("SELECT team_id, state FROM reminders")).all())
    assert states == {"T1": "skipped", "T2": "pending"}
    engine = ReminderEngine(services, make_huey(None, ":memory:"))
    engine.run_periodic()
    assert "Pass the AWS" in goal_list(installing, "T2")
    with services.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM goals WHERE team_id = 'T1'")).scalar() == 1

    clock.instant += timedelta(days=31)
    engine.run_periodic()

    with services.engine.connect() as connection:
        left = {
            table: connection.execute(text(f"SELECT count(*) FROM {table} WHERE team_id = 'T1'")).scalar()
            for table in ("goals", "members", "reminders", "goal_counters")
        }
        kept = connection.execute(text("SELECT count(*) FROM goals WHERE team_id = 'T2'")).scalar()
    assert left == dict.fromkeys(left, 0) and kept == 1


def test_revoked_bot_tokens_stop_the_workspace_like_an_uninstall(installing):
    installing.fake.oauth.add_install("code-1", "T1")
    install(installing, "code-1")

    uninstall(installing, {"type": "tokens_revoked", "tokens": {"bot": ["UBOT"]}}, WorkspaceKey("", "T1"))

    with pytest.raises(NotInstalled):
        installing.services.clients.for_workspace(WorkspaceKey("", "T1"))


def test_an_org_wide_uninstall_stops_every_workspace_of_the_org(installing):
    installing.fake.oauth.add_install("code-org", None, enterprise_id="E1")
    install(installing, "code-org")
    installing.command("list", team="T5", enterprise="E1")  # someone of the org met

    uninstall(installing, {"type": "app_uninstalled"}, WorkspaceKey("E1", ""), enterprise="E1")

    with pytest.raises(NotInstalled):
        installing.services.clients.for_workspace(WorkspaceKey("E1", "T5"))
    assert WorkspaceKey("E1", "T5") not in installing.services.reminder_queue.workspaces()


def test_the_bot_scopes_asked_on_install_are_the_manifests():
    with open("manifest.yml") as manifest:
        assert sorted(BOT_SCOPES) == sorted(yaml.safe_load(manifest)["oauth_config"]["scopes"]["bot"])


def test_the_migrations_hold_every_column_slack_sdks_store_uses(engine):
    store = SQLAlchemyInstallationStore("C", engine)
    for table in (store.installations, store.bots):
        migrated = {column["name"] for column in inspect(engine).get_columns(table.name)}
        assert {column.name for column in table.columns} <= migrated


def oauth_environment(keys: str) -> dict:
    return {
        "SLACK_CLIENT_ID": "C-client",
        "SLACK_CLIENT_SECRET": "client-secret",
        "SLACK_STATE_SECRET": "a-state-secret",
        "SLACK_SIGNING_SECRET": "a-signing-secret",
        "TRELLIS_ENCRYPTION_KEY": keys,
    }


@pytest.mark.parametrize(("keys", "said"), [("", "TRELLIS_ENCRYPTION_KEY"), ("not-a-key", "can't be used")])
def test_oauth_installs_without_a_usable_key_do_not_start(tmp_path, keys, said):
    result = trellis("serve", cwd=tmp_path, timeout=30, **oauth_environment(keys))

    assert result.returncode == 2
    assert said in result.stderr and "TRELLIS_ENCRYPTION_KEY" in result.stderr
    assert "Traceback" not in result.stderr


def test_migrate_encrypts_every_stored_token_again_with_the_first_key(fake_slack, sqlite_url, clock, tmp_path):
    """`trellis migrate` with the new key first: afterwards the new key alone reads every token."""
    fake_slack.oauth.add_install("code-1", "T1", rotating=True)
    with start_trellis(fake_slack, sqlite_url, clock, **oauth(fake_slack)) as driver:
        install(driver, "code-1")

    result = trellis("migrate", cwd=tmp_path, DATABASE_URL=sqlite_url, TRELLIS_ENCRYPTION_KEY=f"{NEW_KEY},{KEY}")

    assert result.returncode == 0, result.stderr
    assert "4 stored tokens are encrypted again" in result.stderr  # token and refresh token, of bot and install
    engine = make_engine(sqlite_url)
    try:
        with engine.connect() as connection:
            stored = connection.execute(select(SLACK_BOTS.c.bot_token, SLACK_BOTS.c.bot_refresh_token)).one()
        assert all(TokenCipher([NEW_KEY]).decrypt(value) for value in stored)
    finally:
        engine.dispose()


def test_a_workspace_used_again_after_an_uninstall_is_installed_and_nothing_is_erased(trellis_on, clock):
    """A single-workspace install added again from the app's settings page sends no OAuth callback: a person
    using Trellis there is proof enough, so its data is kept and its reminders planned again."""
    services = trellis_on.services
    trellis_on.submit_view(new_goal_modal(), GOOD_GOAL)
    uninstall(trellis_on, {"type": "app_uninstalled"}, WorkspaceKey("", "T1"))
    assert WorkspaceKey("", "T1") not in services.reminder_queue.workspaces()

    assert "Pass the AWS" in goal_list(trellis_on, "T1")  # Slack delivers people's requests again: reinstalled

    assert services.reminder_queue.workspaces() == [WorkspaceKey("", "T1")]
    clock.instant += timedelta(days=31)
    ReminderEngine(services, make_huey(None, ":memory:")).run_periodic()
    assert "Pass the AWS" in goal_list(trellis_on, "T1")


def test_an_org_wide_installs_events_keep_each_workspaces_data_apart(installing):
    """Slack's events to an org-wide install name the org in their authorization and the workspace at the top."""
    org_token = installing.fake.oauth.add_install("code-org", None, enterprise_id="E1")
    install(installing, "code-org")

    installing.open_home(team="T5", enterprise="E1")

    [published] = installing.fake.wait_for("views.publish")
    assert published.token == org_token
    with installing.services.engine.connect() as connection:
        met = connection.execute(text("SELECT DISTINCT enterprise_id, team_id FROM members")).all()
    assert met == [("E1", "T5")]


def test_a_workspace_with_an_install_of_its_own_outlives_its_orgs_uninstall(installing, clock):
    fake, services = installing.fake, installing.services
    fake.oauth.add_install("code-org", None, enterprise_id="E1")
    install(installing, "code-org")
    for team in ("T5", "T7"):
        installing.open_home(team=team, enterprise="E1")
    fake.wait_for("views.publish", count=2)
    uninstall(installing, {"type": "app_uninstalled"}, WorkspaceKey("E1", ""), enterprise="E1")
    own = fake.oauth.add_install("code-7", "T7", enterprise_id="E1")  # T7 installs Trellis by itself

    install(installing, "code-7")
    installing.command("list", team="T7", enterprise="E1")  # someone in T7 uses it: the org stays uninstalled

    assert services.reminder_queue.workspaces() == [WorkspaceKey("E1", "T7")]
    assert services.clients.for_workspace(WorkspaceKey("E1", "T7")).token == own
    clock.instant += timedelta(days=31)
    ReminderEngine(services, make_huey(None, ":memory:")).run_periodic()
    with services.engine.connect() as connection:
        met = connection.execute(text("SELECT DISTINCT enterprise_id, team_id FROM members")).all()
    assert met == [("E1", "T7")]


def test_a_workspace_taken_out_of_an_org_wide_install_stops_and_the_others_go_on(installing):
    fake, services = installing.fake, installing.services
    org_token = fake.oauth.add_install("code-org", None, enterprise_id="E1")
    install(installing, "code-org")
    for team in ("T5", "T6"):
        installing.open_home(team=team, enterprise="E1")
    fake.wait_for("views.publish", count=2)

    installing.event({"type": "team_access_revoked", "team_ids": ["T5"]}, team=None, enterprise="E1")

    someday = services.clock.now() + timedelta(days=365)
    deadline = time.monotonic() + 5
    while WorkspaceKey("E1", "T5") not in services.installations.installs.due_for_erasure(someday):
        assert time.monotonic() < deadline, "the revoked access was not acted on"
        time.sleep(0.05)
    assert services.reminder_queue.workspaces() == [WorkspaceKey("E1", "T6")]
    assert services.clients.for_workspace(WorkspaceKey("E1", "T6")).token == org_token


def test_a_token_that_cannot_be_rotated_just_now_leaves_the_reminder_to_try_again(installing):
    """Nothing reached Slack, so the reminder is not taken for sent or lost: it is tried again later."""
    fake = installing.fake
    fake.oauth.add_install("code-1", "T1", rotating=True)
    install(installing, "code-1")
    an_hour_left(installing, enterprise_id=None, team_id="T1")
    fake.throttle("oauth.v2.access", times=5, retry_after=1)  # and Slack can't refresh it just now

    outcome = send_a_reminder(installing, "T1")

    assert isinstance(outcome, NotSent) and outcome.detail == "no token"
    assert not fake.calls_to("chat.postMessage")


def test_two_processes_rotating_one_token_both_end_with_the_new_one(installing):
    """Slack takes a refresh token once: the process that comes second uses the token the first one stored."""
    fake, services = installing.fake, installing.services
    fake.oauth.add_install("code-1", "T1", rotating=True)
    install(installing, "code-1")
    store = services.installations.store
    bot = an_hour_left(installing, enterprise_id=None, team_id="T1")
    elsewhere = InstalledBots(
        store,
        TokenRotator(client_id="C-client", client_secret="client-secret", client=WebClient(base_url=fake.api_url)),
    )
    stale = store.find_bot(enterprise_id=None, team_id="T1")

    first = services.installations.bots(WorkspaceKey("", "T1"))
    second = elsewhere._rotated(WorkspaceKey("", "T1"), stale)  # it read the bot before the first rotated

    assert second.bot_token == first != bot.bot_token
    assert len(fake.calls_to("oauth.v2.access", grant_type="refresh_token")) == 1


def test_a_key_that_cannot_read_the_stored_tokens_stops_trellis_in_one_line(fake_slack, sqlite_url, clock, tmp_path):
    fake_slack.oauth.add_install("code-1", "T1")
    with start_trellis(fake_slack, sqlite_url, clock, **oauth(fake_slack)) as driver:
        install(driver, "code-1")

    for command in ("migrate", "worker"):
        result = trellis(command, cwd=tmp_path, timeout=30, DATABASE_URL=sqlite_url, **oauth_environment(NEW_KEY))

        assert result.returncode == 2, result.stderr
        assert "TRELLIS_ENCRYPTION_KEY can't be used" in result.stderr and "Traceback" not in result.stderr


def test_an_uninstall_that_storage_could_not_record_is_answered_503_and_recorded_when_sent_again(trellis, sqlite_url):
    """Slack sends an event again when it is not acknowledged: the uninstall is not lost to an outage."""
    writer = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"), isolation_level=None)
    writer.execute("BEGIN EXCLUSIVE")  # another writer holds the database past the app's 2 s wait
    try:
        refused = trellis.event({"type": "app_uninstalled"}, event_id="Ev-gone")
    finally:
        writer.execute("ROLLBACK")
        writer.close()

    assert refused.status == 503
    assert WorkspaceKey("", "T1") not in someday_erased(trellis)
    assert trellis.event({"type": "app_uninstalled"}, event_id="Ev-gone").status == 200
    assert WorkspaceKey("", "T1") in someday_erased(trellis)


def someday_erased(driver: SlackDriver) -> list[WorkspaceKey]:
    return driver.services.installations.installs.due_for_erasure(driver.services.clock.now() + timedelta(days=365))


def test_an_org_wide_installs_modal_submission_is_saved_in_its_workspace(installing):
    installing.fake.oauth.add_install("code-org", None, enterprise_id="E1")
    install(installing, "code-org")

    saved = installing.submit_view(new_goal_modal(), GOOD_GOAL, team="T5", enterprise="E1").json()

    assert saved["response_action"] == "update"
    assert "Pass the AWS" in goal_list(installing, "T5", enterprise="E1")
    with installing.services.engine.connect() as connection:
        assert connection.execute(text("SELECT DISTINCT enterprise_id, team_id FROM goals")).all() == [("E1", "T5")]


def test_a_late_retry_of_an_uninstall_changes_nothing_after_a_reinstall(installing, clock):
    fake = installing.fake
    fake.oauth.add_install("code-1", "T1")
    install(installing, "code-1")
    gone_at = clock.now().timestamp() + 60
    uninstall(installing, {"type": "app_uninstalled"}, WorkspaceKey("", "T1"))
    clock.instant += timedelta(minutes=10)
    token = fake.oauth.add_install("code-2", "T1")
    install(installing, "code-2")  # installed again

    again = installing.event({"type": "app_uninstalled"}, event_id="Ev-late", event_time=gone_at)  # Slack's retry

    assert again.status == 200
    assert installing.services.clients.for_workspace(WorkspaceKey("", "T1")).token == token
    assert WorkspaceKey("", "T1") not in someday_erased(installing)


def test_an_org_that_authorizes_again_keeps_out_the_workspace_it_took_out_until_it_grants_it(installing):
    fake, services = installing.fake, installing.services
    fake.oauth.add_install("code-org", None, enterprise_id="E1")
    install(installing, "code-org")
    for team in ("T5", "T6"):
        installing.open_home(team=team, enterprise="E1")
    fake.wait_for("views.publish", count=2)
    installing.event({"type": "team_access_revoked", "team_ids": ["T5"]}, team=None, enterprise="E1")

    fake.oauth.add_install("code-org-2", None, enterprise_id="E1")
    install(installing, "code-org-2")  # the org approves a new scope, say

    assert services.reminder_queue.workspaces() == [WorkspaceKey("E1", "T6")]
    installing.event({"type": "team_access_granted", "team_ids": ["T5"]}, team=None, enterprise="E1")
    assert sorted(services.reminder_queue.workspaces(), key=str) == [WorkspaceKey("E1", "T5"), WorkspaceKey("E1", "T6")]


def test_a_workspace_given_back_to_its_org_and_used_goes_when_the_org_uninstalls(installing, clock):
    fake, services = installing.fake, installing.services
    fake.oauth.add_install("code-org", None, enterprise_id="E1")
    install(installing, "code-org")
    installing.open_home(team="T5", enterprise="E1")
    fake.wait_for("views.publish")
    installing.event({"type": "team_access_revoked", "team_ids": ["T5"]}, team=None, enterprise="E1")
    installing.command("list", team="T5", enterprise="E1")  # added back from the admin pages, and used

    uninstall(installing, {"type": "app_uninstalled"}, WorkspaceKey("E1", ""), enterprise="E1")

    assert services.reminder_queue.workspaces() == []
    clock.instant += timedelta(days=31)
    ReminderEngine(services, make_huey(None, ":memory:")).run_periodic()
    with services.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM members")).scalar() == 0


def test_a_refresh_token_slack_refuses_for_good_refuses_the_reminder_and_tells_the_operator(installing, caplog):
    fake = installing.fake
    fake.oauth.add_install("code-1", "T1", rotating=True)
    install(installing, "code-1")
    an_hour_left(installing, enterprise_id=None, team_id="T1")
    fake.oauth.refreshes.clear()  # Slack no longer takes the refresh token

    outcome = send_a_reminder(installing, "T1")

    assert isinstance(outcome, Refused) and "invalid_refresh_token" in outcome.detail
    assert "must be installed again" in caplog.text
    assert not fake.calls_to("chat.postMessage")


def test_one_org_bot_is_rotated_once_whichever_of_its_workspaces_asks(installing):
    fake, services = installing.fake, installing.services
    fake.oauth.add_install("code-org", None, enterprise_id="E1", rotating=True)
    install(installing, "code-org")
    bot = an_hour_left(installing, enterprise_id="E1", team_id=None, is_enterprise_install=True)
    fake.delay("oauth.v2.access", 0.3)  # both ask while the first refresh is under way

    tokens = race(2, services.installations.bots, [WorkspaceKey("E1", "T5"), WorkspaceKey("E1", "")])

    assert tokens[0] == tokens[1] != bot.bot_token
    assert len(fake.calls_to("oauth.v2.access", grant_type="refresh_token")) == 1
