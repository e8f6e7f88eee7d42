"""Installing Trellis in any workspace: Bolt's OAuth flow at /slack/install and /slack/oauth_redirect, on the
encrypted installation store."""

import logging
from collections.abc import Callable

from slack_bolt import BoltResponse
from slack_bolt.oauth.callback_options import CallbackOptions, FailureArgs, SuccessArgs
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk.oauth.installation_store.models.installation import Installation

from slackapp.config import Settings
from slackapp.installs.store import EncryptedInstallationStore, SignedStateStore

INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"
# The bot scopes of manifest.yml, asked for on each install (tests/installs checks they agree).
BOT_SCOPES = (
    "chat:write",
    "commands",
    "users:read",
    "users:read.email",
    "files:read",
    "files:write",
    "im:write",
    "mpim:write",
)

log = logging.getLogger("trellis.installs")


def oauth_settings(
    settings: Settings,
    store: EncryptedInstallationStore,
    states: SignedStateStore,
    installed: Callable[[Installation], None],
) -> OAuthSettings:
    def success(args: SuccessArgs) -> BoltResponse:
        installed(args.installation)
        return args.default.success(args)

    def failure(args: FailureArgs) -> BoltResponse:
        log.warning("an install did not finish: %s (%s)", args.reason, type(args.error).__name__ if args.error else "-")
        return args.default.failure(args)

    return OAuthSettings(
        client_id=settings.client_id,
        client_secret=settings.client_secret,
        scopes=list(BOT_SCOPES),
        installation_store=store,
        installation_store_bot_only=True,
        state_store=states,
        install_path=INSTALL_PATH,
        redirect_uri_path=REDIRECT_PATH,
        callback_options=CallbackOptions(success=success, failure=failure),
    )
