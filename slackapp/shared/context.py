"""What every listener needs from a request: the wired services, the workspace, the person."""

from slack_bolt import BoltContext
from slack_sdk.errors import SlackApiError

from domain.people.members import Member, Profile
from domain.people.services import known_member
from domain.shared.errors import LookupFailed
from domain.shared.workspace import WorkspaceKey
from slackapp.shared.clients import SlackClients

SERVICES = "trellis"
DELIVERY = "delivery"  # a modal submission's (slackapp.shared.deliveries)
LOOKUP_SECONDS = 1.5  # a lookup may run before an acknowledgement, which Slack wants within 3 s


class SlackPeople:
    """The member directory's source: Slack's users.info, asked once, briefly, with no retries.

    When Slack is slow or limits us, the last known profile (or UTC) stands in until the next time.
    """

    def __init__(self, clients: SlackClients, workspace: WorkspaceKey):
        self.clients = clients
        self.workspace = workspace

    def lookup(self, user_id: str) -> Profile:
        quick = self.clients.for_workspace(self.workspace, timeout=LOOKUP_SECONDS, retries=False)
        try:
            user = quick.users_info(user=user_id)["user"]
        except (SlackApiError, OSError) as error:
            raise LookupFailed(f"Could not look up {user_id}.") from error
        admin = bool(user.get("is_admin") or user.get("is_owner"))
        return Profile(display_name=display_name(user), tz=user.get("tz") or "UTC", is_admin=admin)


def display_name(user: dict) -> str:
    """The name Slack shows for a users.info user: their display name, else their real name, else their handle."""
    profile = user.get("profile") or {}
    names = (profile.get("display_name"), profile.get("real_name"), user.get("real_name"), user.get("name"))
    return next((name for name in names if name), user.get("id") or "someone")


def services(context: BoltContext):
    return context[SERVICES]


def workspace(context: BoltContext) -> WorkspaceKey:
    return WorkspaceKey.of(context.enterprise_id, context.team_id)


def org_workspace(body: dict, enterprise_id: str) -> str | None:
    """The workspace a request to an org-wide install comes from, where Bolt finds no team (its authorization
    names the org only): Slack gives it at the top of an event, and in the user or the view of an interaction."""
    named = (
        body.get("team_id"),
        (body.get("user") or {}).get("team_id"),
        (body.get("view") or {}).get("team_id"),
        (body.get("event") or {}).get("team"),
    )
    return next((team for team in named if isinstance(team, str) and team and team != enterprise_id), None)


def unit_of_work(context: BoltContext, part: str, *, once: bool = True):
    """A unit of work in the request's workspace with one capability's part (see persistence.uow). For a modal
    submission, it commits only once per submission: a repeat raises AlreadyDone. `once` False is for what is
    written after the submission's own commit, such as where its messages went."""
    return services(context).units[part](workspace(context), context.get(DELIVERY) if once else None)


def member(context: BoltContext, *, allow_stale: bool = False) -> Member:
    """The acting person's profile from the member directory, refreshed from Slack when stale."""
    s = services(context)
    people = SlackPeople(s.clients, workspace(context))
    directory = s.units["people"](workspace(context))  # a profile refresh is not what a submission saves
    return known_member(directory, people, s.clock, context.user_id, allow_stale=allow_stale)


def now(context: BoltContext):
    return services(context).clock.now()
