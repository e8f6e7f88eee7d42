"""Each workspace's bot token, from its installation: found once a minute at most, and rotated before it
expires when the app has token rotation turned on. Requests (through Bolt's authorize) and the worker both ask
here, so a process has one cache and rotates each token once."""

import logging
import threading
import time
from collections import defaultdict

from slack_bolt.authorization import AuthorizeResult
from slack_bolt.authorization.authorize import Authorize
from slack_sdk.errors import SlackTokenRotationError
from slack_sdk.oauth.installation_store.models.bot import Bot
from slack_sdk.oauth.token_rotation import TokenRotator

from domain.shared.workspace import WorkspaceKey
from persistence.installs.secrets import BadKey
from slackapp.installs.store import EncryptedInstallationStore
from slackapp.shared.clients import NotInstalled

log = logging.getLogger("trellis.installs")
KNOWN_SECONDS = 60  # an uninstall seen by another process reaches this one within a minute
ROTATE_MINUTES = 120  # as Bolt does: a token expiring within two hours is rotated


class InstalledBots:
    """`bot_tokens` for SlackClients when Trellis is installed through OAuth."""

    def __init__(self, store: EncryptedInstallationStore, rotator: TokenRotator):
        self.store = store
        self.rotator = rotator
        self._known: dict[WorkspaceKey, tuple[float, Bot]] = {}
        self._lock = threading.Lock()  # guards _known only: never held while Slack or the database is asked
        self._rotating: defaultdict[tuple, threading.Lock] = defaultdict(threading.Lock)  # by bot: (org, team)

    def __call__(self, workspace: WorkspaceKey) -> str:
        return self.bot(workspace).bot_token

    def bot(self, workspace: WorkspaceKey) -> Bot:
        with self._lock:
            until, known = self._known.get(workspace, (0.0, None))
        bot = known if known is not None and until >= time.monotonic() else self._find(workspace)
        if bot.bot_token_expires_at is not None:
            bot = self._rotated(workspace, bot)
        if bot is not known:  # read from the store, or rotated: kept a minute from now
            with self._lock:
                self._known[workspace] = (time.monotonic() + KNOWN_SECONDS, bot)
        return bot

    def forget(self, workspace: WorkspaceKey) -> None:
        """An install or uninstall: this workspace, or every workspace of an org, is read again."""
        with self._lock:
            for known in list(self._known):
                if known == workspace or (not workspace.team_id and known.enterprise_id == workspace.enterprise_id):
                    del self._known[known]

    def _find(self, workspace: WorkspaceKey) -> Bot:
        enterprise = workspace.enterprise_id or None
        try:
            bot = self.store.find_bot(enterprise_id=enterprise, team_id=workspace.team_id or None)
            if bot is None and enterprise:  # a workspace of an org-wide install
                bot = self.store.find_bot(enterprise_id=enterprise, team_id=None, is_enterprise_install=True)
        except BadKey:
            raise NotInstalled(workspace, "its token can't be read with TRELLIS_ENCRYPTION_KEY") from None
        if bot is None:
            raise NotInstalled(workspace)
        return bot

    def _rotated(self, workspace: WorkspaceKey, bot: Bot) -> Bot:
        """The bot with a token that lasts: Slack takes each refresh token once, so within a process one thread at
        a time rotates a bot's token (every workspace of an org shares its org's bot); when another process was
        first, its new token is in the store."""
        if bot.bot_token_expires_at > time.time() + ROTATE_MINUTES * 60:
            return bot
        with self._lock:
            rotating = self._rotating[(bot.enterprise_id, None if bot.is_enterprise_install else bot.team_id)]
        with rotating:
            stored = self._find(workspace)
            if stored.bot_token != bot.bot_token:  # rotated meanwhile
                return stored
            try:
                fresh = self.rotator.perform_bot_token_rotation(bot=stored, minutes_before_expiration=ROTATE_MINUTES)
            except SlackTokenRotationError as error:
                stored = self._find(workspace)
                if stored.bot_token != bot.bot_token:  # another process rotated it first
                    return stored
                code = error.api_error.response.get("error") if error.api_error is not None else "refused"
                if code in ("invalid_refresh_token", "token_revoked", "invalid_client_id", "invalid_grant"):
                    log.warning(
                        "%s's bot token can't be refreshed (%s): it must be installed again", workspace.label, code
                    )
                    raise NotInstalled(workspace, f"token refresh refused ({code})") from None
                raise
            if fresh is None:
                return bot
            self.store.save_bot(fresh)
            return fresh


class BotAuthorize(Authorize):
    """Bolt's authorize for OAuth installs: each request's bot token from InstalledBots."""

    def __init__(self, bots: InstalledBots):
        super().__init__()
        self.bots = bots

    def __call__(self, *, context, enterprise_id, team_id, user_id, **actor) -> AuthorizeResult | None:
        try:
            bot = self.bots.bot(WorkspaceKey.of(enterprise_id, team_id))
        except NotInstalled:
            return None
        return AuthorizeResult(
            enterprise_id=bot.enterprise_id,
            team_id=bot.team_id,
            bot_token=bot.bot_token,
            bot_id=bot.bot_id,
            bot_user_id=bot.bot_user_id,
            bot_scopes=bot.bot_scopes,
        )
