"""The people a person may choose (to ask for feedback, to give kudos, to link as a manager), as Slack knows them
now: name, zone, bot or deactivated; and people found by email for an import."""

from concurrent.futures import ThreadPoolExecutor, wait

from slack_sdk.errors import SlackApiError

from domain.people.candidates import Candidate
from domain.shared.errors import LookupFailed
from domain.shared.workspace import WorkspaceKey
from slackapp.shared.clients import SlackClients
from slackapp.shared.context import LOOKUP_SECONDS, display_name

LOOKUPS = ThreadPoolExecutor(max_workers=16, thread_name_prefix="lookup")


class SlackDirectory:
    """users.info for each person at once, answered within LOOKUP_SECONDS: a modal's answer can't wait longer."""

    def __init__(self, clients: SlackClients, workspace: WorkspaceKey):
        self.client = clients.for_workspace(workspace, timeout=LOOKUP_SECONDS, retries=False)

    def candidates(self, user_ids: list[str]) -> dict[str, Candidate]:
        futures = {LOOKUPS.submit(self._one, user_id): user_id for user_id in user_ids}
        done, late = wait(futures, timeout=LOOKUP_SECONDS + 0.2)
        if late or any(future.exception() for future in done):
            raise LookupFailed("users.info did not answer for everyone in time")
        return {futures[f]: f.result() for f in done if f.result() is not None}

    def _one(self, user_id: str) -> Candidate | None:
        try:
            user = self.client.users_info(user=user_id)["user"]
        except SlackApiError as error:
            if error.response.get("error") == "user_not_found":
                return None
            raise
        return candidate(user)


def candidate(user: dict) -> Candidate:
    """A users.info (or users.lookupByEmail) user as a person one may choose."""
    return Candidate(
        user["id"],
        display_name(user),
        is_bot=bool(user.get("is_bot")) or user["id"] == "USLACKBOT",
        deactivated=bool(user.get("deleted")),
        tz=user.get("tz") or "UTC",
    )


NOT_FOUND = frozenset({"users_not_found", "user_not_found"})


class SlackFinder:
    """People by email (users.lookupByEmail) or user id (users.info), one at a time, for work after the
    acknowledgement: connection errors are retried and Slack's Retry-After honoured."""

    def __init__(self, clients: SlackClients, workspace: WorkspaceKey):
        self.client = clients.for_workspace(workspace)

    def find(self, identifier: str) -> Candidate | None:
        try:
            if "@" in identifier:
                user = self.client.users_lookupByEmail(email=identifier)["user"]
            else:
                user = self.client.users_info(user=identifier)["user"]
        except SlackApiError as error:
            if error.response.get("error") in NOT_FOUND:
                return None
            raise LookupFailed(f"could not look up a person: {error.response.get('error')}") from error
        except OSError as error:
            raise LookupFailed(f"could not look up a person: {type(error).__name__}") from error
        return candidate(user)
