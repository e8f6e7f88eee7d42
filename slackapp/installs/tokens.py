"""Each workspace's bot token, from its installation: found once a minute at most, and rotated before it
expires when the app has token rotation turned on."""

import threading
import time

from slack_sdk.oauth.installation_store.models.bot import Bot
from slack_sdk.oauth.token_rotation import TokenRotator

from domain.shared.workspace import WorkspaceKey
from slackapp.installs.store import EncryptedInstallationStore
from slackapp.shared.clients import NotInstalled

KNOWN_SECONDS = 60  # an uninstall seen by another process reaches this one within a minute
ROTATE_MINUTES = 120  # as Bolt does for requests: a token expiring within two hours is rotated


class InstalledBots:
    """`bot_tokens` for SlackClients when Trellis is installed through OAuth."""

    def __init__(self, store: EncryptedInstallationStore, rotator: TokenRotator):
        self.store = store
        self.rotator = rotator
        self._known: dict[WorkspaceKey, tuple[float, Bot]] = {}
        self._lock = threading.Lock()

    def __call__(self, workspace: WorkspaceKey) -> str:
        with self._lock:
            until, bot = self._known.get(workspace, (0.0, None))
        if bot is None or until < time.monotonic():
            bot = self._find(workspace)
        if bot.bot_token_expires_at is not None:
            bot = self._rotated(bot)
        with self._lock:
            self._known[workspace] = (time.monotonic() + KNOWN_SECONDS, bot)
        return bot.bot_token

    def forget(self, workspace: WorkspaceKey) -> None:
        """An uninstall: this workspace, or every workspace of an org, has no token any more."""
        with self._lock:
            for known in list(self._known):
                if known == workspace or (not workspace.team_id and known.enterprise_id == workspace.enterprise_id):
                    del self._known[known]

    def _find(self, workspace: WorkspaceKey) -> Bot:
        enterprise = workspace.enterprise_id or None
        bot = self.store.find_bot(enterprise_id=enterprise, team_id=workspace.team_id or None)
        if bot is None and enterprise:  # a workspace of an org-wide install
            bot = self.store.find_bot(enterprise_id=enterprise, team_id=None, is_enterprise_install=True)
        if bot is None:
            raise NotInstalled(workspace)
        return bot

    def _rotated(self, bot: Bot) -> Bot:
        with self._lock:  # one rotation at a time: Slack takes each refresh token once
            fresh = self.rotator.perform_bot_token_rotation(bot=bot, minutes_before_expiration=ROTATE_MINUTES)
            if fresh is None:
                return bot
            self.store.save_bot(fresh)
            return fresh
