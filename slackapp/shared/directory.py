"""The people a person may choose (to ask for feedback, to give kudos), as Slack knows them now: name, zone, bot
or deactivated."""

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
        return Candidate(
            user_id,
            display_name(user),
            is_bot=bool(user.get("is_bot")) or user_id == "USLACKBOT",
            deactivated=bool(user.get("deleted")),
            tz=user.get("tz") or "UTC",
        )
