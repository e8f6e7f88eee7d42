"""The composition root: the one place where the database, Redis, the clock, Slack's clients, each capability's
listeners, App Home sections and reminder kinds are wired into the Bolt app."""

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta

from redis import Redis
from slack_bolt import App, BoltContext, BoltResponse
from slack_sdk.oauth.token_rotation import TokenRotator
from sqlalchemy import Engine

from domain.feedback.reminders import feedback_reminders
from domain.goals.reminders import GOAL_REMINDERS
from domain.profiles.reminders import MentoringCheckIn
from domain.reminders.kinds import ReminderKinds
from domain.shared.clock import Clock, SystemClock
from domain.shared.unit_of_work import UnitOfWorkFactory
from domain.shared.workspace import WorkspaceKey
from domain.teams.digest import DigestReminder
from persistence import uow as parts
from persistence.database import is_sqlite, make_engine, pending_revision, session_factory, upgrade
from persistence.deliveries.repository import Deliveries
from persistence.health import connect_redis
from persistence.installs.repository import Installs
from persistence.rate_limits import CommandLimit, limits_storage
from persistence.reminders.queue import SqlReminderQueue
from slackapp.config import MissingSetting, Settings
from slackapp.feedback import listeners as feedback
from slackapp.feedback.commands import FEEDBACK
from slackapp.feedback.home import FeedbackSection
from slackapp.feedback.reminders import REMINDER_VIEWS as FEEDBACK_REMINDER_VIEWS
from slackapp.goals import actions, commands, options, submissions
from slackapp.goals.flow import goal_titles
from slackapp.goals.home import GoalsSection
from slackapp.goals.reminders import REMINDER_VIEWS as GOAL_REMINDER_VIEWS
from slackapp.home import listeners as home
from slackapp.home.composer import HomeComposer
from slackapp.installs import listeners as installs
from slackapp.installs.lifecycle import Installations
from slackapp.installs.oauth import oauth_settings
from slackapp.installs.store import EncryptedInstallationStore, SignedStateStore, token_cipher
from slackapp.installs.tokens import BotAuthorize, InstalledBots
from slackapp.kudos import listeners as kudos
from slackapp.kudos.commands import KUDOS
from slackapp.kudos.home import RecognitionSection
from slackapp.privacy import listeners as privacy
from slackapp.privacy.commands import PRIVACY_VERBS
from slackapp.profiles import listeners as profiles
from slackapp.profiles.chats import growth_chats
from slackapp.profiles.commands import PROFILE_VERBS
from slackapp.profiles.home import ProfileSection
from slackapp.profiles.reminders import REMINDER_VIEWS as PROFILE_REMINDER_VIEWS
from slackapp.reminders import listeners as reminders
from slackapp.reminders.sender import ReminderUpload, ReminderView
from slackapp.shared import deliveries
from slackapp.shared.boundary import handle_failure, keep_acknowledgements
from slackapp.shared.clients import SlackClients, bolt_client, web_client
from slackapp.shared.context import SERVICES, org_workspace, workspace
from slackapp.shared.replies import saved_once
from slackapp.shared.router import Command
from slackapp.teams import listeners as teams
from slackapp.teams.commands import TEAM_VERBS
from slackapp.teams.home import TeamSection
from slackapp.teams.reminders import REMINDER_UPLOADS as TEAM_REMINDER_UPLOADS
from slackapp.teams.reminders import REMINDER_VIEWS as TEAM_REMINDER_VIEWS

log = logging.getLogger("trellis")

TOO_MANY = "That is a lot of commands in a minute. Take a breath, then try again."
LISTENER_THREADS = 32  # work after ack (views.open, views.publish) runs here


class SchemaBehind(Exception):
    pass


@dataclass
class Services:
    settings: Settings
    engine: Engine
    uow: UnitOfWorkFactory  # every capability's repositories: the reminder engine's, and the tests'
    units: dict[str, UnitOfWorkFactory]  # one capability's part each, for its listeners
    clock: Clock
    redis: Redis | None
    reminder_queue: SqlReminderQueue
    limits_storage: object  # where rate limits count: Redis, or memory
    clients: SlackClients
    reminder_kinds: ReminderKinds
    reminder_views: dict[str, ReminderView]  # by kind name: what each kind of reminder says in Slack
    home: HomeComposer
    deliveries: Deliveries  # events acted on once
    reminder_uploads: dict[str, ReminderUpload]  # by kind name: blocks that need Slack first (the digest's chart)
    installations: Installations  # each workspace's tokens (OAuth installs) and install state
    # Where capabilities meet without importing each other: a person's open goals by number, for feedback to
    # be asked about one; and what other capabilities add to a goal's history, (context, owner, number) → blocks.
    goal_titles: Callable[[BoltContext], dict[int, str]] = goal_titles
    goal_history_parts: list[Callable[[BoltContext, str, int], list]] = field(
        default_factory=lambda: [feedback.goal_feedback]
    )
    # What the worker does on each planning pass, for each workspace, beside reminders: growth-chat rounds.
    periodic: list[Callable[["Services", WorkspaceKey], None]] = field(default_factory=lambda: [growth_chats])


def bootstrap(settings: Settings, *, clock: Clock | None = None) -> Services:
    engine = make_engine(settings.database_url, bounded=True)
    prepare_schema(engine, settings.database_url)
    sessions = session_factory(engine)
    everything = parts.unit_of_work_factory(sessions, parts.EVERYTHING)
    clock = clock or SystemClock()
    installations = _installations(settings, engine, Installs(sessions))
    return Services(
        settings,
        engine,
        everything,
        {
            "people": parts.unit_of_work_factory(sessions, parts.PEOPLE),
            "goals": parts.unit_of_work_factory(sessions, parts.GOALS),
            "feedback": parts.unit_of_work_factory(sessions, parts.FEEDBACK),
            "kudos": parts.unit_of_work_factory(sessions, parts.KUDOS),
            "teams": parts.unit_of_work_factory(sessions, parts.TEAMS),
            "profiles": parts.unit_of_work_factory(sessions, parts.PROFILES),
            "privacy": parts.unit_of_work_factory(sessions, parts.PRIVACY),
            "reminders": everything,  # settings plan every kind again, and each kind reads its own part
        },
        clock,
        connect_redis(settings.redis_url),
        SqlReminderQueue(sessions, installations.installs.active_workspaces),
        limits_storage(settings.redis_url),
        SlackClients(settings, installations.bots),
        ReminderKinds((*GOAL_REMINDERS, *feedback_reminders(clock), DigestReminder(), MentoringCheckIn())),
        {**GOAL_REMINDER_VIEWS, **FEEDBACK_REMINDER_VIEWS, **TEAM_REMINDER_VIEWS, **PROFILE_REMINDER_VIEWS},
        HomeComposer(
            "Your growth goals",
            [
                TeamSection(),
                FeedbackSection(),
                ProfileSection(),  # before goals, which fill the room left: requests to answer stay in view
                GoalsSection(),
                RecognitionSection(),
                reminders.RemindersSection(),
            ],
        ),
        Deliveries(sessions),
        dict(TEAM_REMINDER_UPLOADS),
        installations,
    )


def _installations(settings: Settings, engine: Engine, installs: Installs) -> Installations:
    """OAuth installs keep each workspace's tokens, encrypted, in the database; a single-workspace install has
    its one bot token in SLACK_BOT_TOKEN."""
    erase_after = timedelta(days=settings.erase_after_days)
    if not settings.oauth:
        return Installations(installs, None, None, erase_after)
    if not settings.encryption_keys:
        raise MissingSetting("TRELLIS_ENCRYPTION_KEY")
    store = EncryptedInstallationStore(settings.client_id, engine, token_cipher(settings, engine))
    rotator = TokenRotator(
        client_id=settings.client_id, client_secret=settings.client_secret, client=web_client(settings)
    )
    return Installations(installs, store, InstalledBots(store, rotator), erase_after)


def prepare_schema(engine: Engine, url: str) -> None:
    """SQLite (a laptop) is migrated on start; any other database must be migrated on purpose."""
    if is_sqlite(url):
        upgrade(engine)
    elif head := pending_revision(engine):
        raise SchemaBehind(f"The database schema is behind revision {head}. Run `trellis migrate` first.")


GROWTH = Command(
    "/growth",
    intro="*Your growth in Slack: your profile, mentoring, growth chats, reminders, managers' teams, and your data.*",
    default="help",
    footer="Your profile is shown only as you allow, and a manager sees only what each person shares.",
    unknown="Trellis doesn't know `{command}` yet.",
).add(*PROFILE_VERBS, reminders.SETTINGS_VERB, *TEAM_VERBS, *PRIVACY_VERBS)


def build_app(services: Services) -> App:
    settings = services.settings
    installations = services.installations
    oauth = None
    if installations.store is not None:
        states = SignedStateStore(services.engine, settings.state_secret)
        oauth = oauth_settings(
            settings, installations.store, states, lambda i: installations.installed(i, services.clock.now())
        )
    app = App(
        client=bolt_client(settings, installed_through_oauth=oauth is not None),
        signing_secret=settings.signing_secret or "",
        oauth_settings=oauth,
        authorize=None if oauth is None else BotAuthorize(installations.bots),  # one token cache with the worker
        process_before_response=False,
        raise_error_for_unhandled_request=True,  # answered by handle_failure, like any other failure
        listener_executor=ThreadPoolExecutor(max_workers=LISTENER_THREADS, thread_name_prefix="listener"),
    )

    command_limit = CommandLimit(services.limits_storage)
    app.middleware(installs.stop_before_acknowledging(services))

    @app.middleware
    def prepare(body: dict, context: BoltContext, next):
        """Hand listeners the services; refuse ids that are not Slack's; act on each event and each modal
        submission once; note that a workspace someone uses is installed; allow a person about 30 commands a
        minute, then answer briefly."""
        context[SERVICES] = services
        keep_acknowledgements(context)
        if context.enterprise_id and context.team_id in (None, context.enterprise_id):  # to an org-wide install
            context["team_id"] = org_workspace(body, context.enterprise_id)  # its data stays by workspace
        if bad := deliveries.malformed_id(body, context):
            log.warning("refused a request with a malformed %s id", bad)
            return BoltResponse(status=400, body={"error": f"malformed {bad} id"})
        if deliveries.repeated_event(body, context):
            return BoltResponse(status=200, body="")
        if deliveries.repeated_submission(body, context):
            return BoltResponse(status=200, body={"response_action": "update", "view": saved_once()})
        if context.user_id:  # a person acting: installed there, whatever an earlier uninstall said
            services.installations.person_seen(workspace(context), services.clock.now())
        if "command" in body and not command_limit.allow(context.team_id or "", context.user_id or ""):
            return BoltResponse(status=200, body={"response_type": "ephemeral", "text": TOO_MANY})
        return next()

    app.error(handle_failure)

    for command in (commands.GOAL, FEEDBACK, KUDOS, GROWTH):
        command.register(app)
    for listeners in (
        actions,
        submissions,
        options,
        feedback,
        kudos,
        teams,
        profiles,
        privacy,
        reminders,
        home,
    ):
        listeners.register(app)
    return app
