"""What every listener needs from a request: the wired services, the workspace, the person."""

from slack_bolt import BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from domain.shared.errors import LookupFailed
from domain.people.members import Member, Profile
from domain.goals.ports import UnitOfWork
from domain.goals.services import known_member
from domain.shared.workspace import WorkspaceKey

SERVICES = "trellis"
LOOKUP_SECONDS = 1.5  # a lookup may run before an acknowledgement, which Slack wants within 3 s


class SlackPeople:
    """The member directory's source: Slack's users.info, asked once, briefly, with no retries.

    When Slack is slow or limits us, the last known profile (or UTC) stands in until the next time.
    """

    def __init__(self, client: WebClient):
        self.client = client  # only asked when a profile is missing or stale

    def lookup(self, user_id: str) -> Profile:
        quick = WebClient(
            token=self.client.token,
            base_url=self.client.base_url,
            timeout=LOOKUP_SECONDS,
            retry_handlers=[],
            logger=self.client.logger,
        )
        try:
            user = quick.users_info(user=user_id)["user"]
        except (SlackApiError, OSError) as error:
            raise LookupFailed(f"Could not look up {user_id}.") from error
        profile = user.get("profile") or {}
        name = profile.get("display_name") or profile.get("real_name") or user.get("real_name") or user.get("name")
        admin = bool(user.get("is_admin") or user.get("is_owner"))
        return Profile(display_name=name or user_id, tz=user.get("tz") or "UTC", is_admin=admin)


def services(context: BoltContext):
    return context[SERVICES]


def unit_of_work(context: BoltContext) -> UnitOfWork:
    return services(context).uow(WorkspaceKey.of(context.enterprise_id, context.team_id))


def member(context: BoltContext, client: WebClient, *, allow_stale: bool = False) -> Member:
    """The acting person's profile from the member directory, refreshed from Slack when stale."""
    return known_member(
        unit_of_work(context), SlackPeople(client), services(context).clock, context.user_id, allow_stale=allow_stale
    )


def now(context: BoltContext):
    return services(context).clock.now()
