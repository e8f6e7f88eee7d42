"""Settings from the environment, and a clear word when a credential is missing."""

import os
from collections.abc import Mapping
from dataclasses import dataclass

DEFAULT_API_URL = "https://slack.com/api/"
DEFAULT_DATABASE_URL = "sqlite:///trellis.db"

_WHERE_TO_FIND = {
    "SLACK_BOT_TOKEN": "the Bot User OAuth Token (xoxb-…) under OAuth & Permissions, after Install to Workspace",
    "SLACK_SIGNING_SECRET": "the Signing Secret under Basic Information → App Credentials",
    "SLACK_APP_TOKEN": "an app-level token (xapp-…) with the connections:write scope, under Basic Information "
    "→ App-Level Tokens",
    "SLACK_CLIENT_ID": "the Client ID under Basic Information → App Credentials",
    "SLACK_CLIENT_SECRET": "the Client Secret under Basic Information → App Credentials",
    "SLACK_STATE_SECRET": "a long random string of your own (`openssl rand -hex 32`)",
    "TRELLIS_ENCRYPTION_KEY": "a Fernet key that encrypts installs' tokens at rest (python -c \"from "
    'cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"); README.md says how to rotate it',
}
_WHAT_FOR = {  # when either of two would do
    "SLACK_APP_TOKEN": "for Socket Mode (no public URL needed)",
    "SLACK_SIGNING_SECRET": "for HTTP on PORT",
}
OAUTH_SETTINGS = ("SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET")

CREATE_APP_HINT = (
    "No Slack app yet? Create one from the manifest: open https://api.slack.com/apps, choose Create New App "
    "→ From an app manifest, pick your workspace, paste manifest.yml from this repository, then Install to "
    "Workspace. README.md walks through it."
)


class SettingProblem(Exception):
    """A setting missing, malformed or at odds with another: `trellis` says which, with no traceback, and exits 2."""


class MissingSetting(SettingProblem):
    """A credential is missing: one (`name`), or either of two that would each do (`name`, `other`)."""

    def __init__(self, name: str, other: str | None = None, *, because: str = ""):
        self.name = name
        if other is None:
            needs = f"{name}{because}: set it to {_WHERE_TO_FIND[name]}"
        else:
            needs = f"{name} or {other}{because}: set " + ", or ".join(
                f"{each} {_WHAT_FOR[each]} to {_WHERE_TO_FIND[each]}" for each in (name, other)
            )
        super().__init__(f"Trellis needs {needs}.\n{CREATE_APP_HINT}")


class BadSetting(SettingProblem):
    def __init__(self, name: str, value: str, must: str = "a whole number above 0"):
        super().__init__(f"{name} must be {must}; it is {value!r}.")


def _count(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name) or str(default)
    if not (raw.isascii() and raw.isdigit()) or int(raw) == 0:
        raise BadSetting(name, raw)
    return int(raw)


@dataclass(frozen=True)
class Settings:
    bot_token: str | None = None
    signing_secret: str | None = None
    app_token: str | None = None
    api_url: str = DEFAULT_API_URL
    database_url: str = DEFAULT_DATABASE_URL
    redis_url: str | None = None
    port: int = 3000
    workspace_posts_per_minute: int = 300  # Slack's own budget of messages a workspace, for reminders
    # A multi-workspace install through OAuth (/slack/install), when all three are set.
    client_id: str | None = None
    client_secret: str | None = None
    state_secret: str | None = None
    encryption_keys: tuple[str, ...] = ()  # TRELLIS_ENCRYPTION_KEY, comma-separated: the first encrypts
    erase_after_days: int = 30  # an uninstalled workspace's data is deleted this long after

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> "Settings":
        api_url = env.get("SLACK_API_URL") or DEFAULT_API_URL
        return cls(
            bot_token=env.get("SLACK_BOT_TOKEN") or None,
            signing_secret=env.get("SLACK_SIGNING_SECRET") or None,
            app_token=env.get("SLACK_APP_TOKEN") or None,
            api_url=api_url if api_url.endswith("/") else api_url + "/",
            database_url=env.get("DATABASE_URL") or DEFAULT_DATABASE_URL,
            redis_url=env.get("REDIS_URL") or None,
            port=_count(env, "PORT", 3000),
            workspace_posts_per_minute=_count(env, "REMINDER_POSTS_PER_MINUTE", 300),
            client_id=env.get("SLACK_CLIENT_ID") or None,
            client_secret=env.get("SLACK_CLIENT_SECRET") or None,
            state_secret=env.get("SLACK_STATE_SECRET") or None,
            encryption_keys=tuple(
                key.strip() for key in (env.get("TRELLIS_ENCRYPTION_KEY") or "").split(",") if key.strip()
            ),
            erase_after_days=_count(env, "TRELLIS_ERASE_AFTER_DAYS", 30),
        )

    @property
    def oauth(self) -> bool:
        """Installed in any number of workspaces through /slack/install, each with its own tokens."""
        return bool(self.client_id and self.client_secret and self.state_secret)

    @property
    def socket_mode(self) -> bool:
        return self.app_token is not None

    def require_slack(self, verb: str = "run") -> None:
        """Raise a SettingProblem for the first credential `verb` (run, serve or worker) needs and lacks.

        One workspace's install needs SLACK_BOT_TOKEN; installs through OAuth bring each workspace's token, and
        Slack reaches them over HTTP only. `run` connects in Socket Mode with SLACK_APP_TOKEN, or else serves
        HTTP, which needs SLACK_SIGNING_SECRET; `serve` is always HTTP; `worker` only calls Slack.
        """
        oauth = dict(zip(OAUTH_SETTINGS, (self.client_id, self.client_secret, self.state_secret), strict=True))
        if any(oauth.values()) and not self.oauth:
            missing = next(name for name, value in oauth.items() if not value)
            raise MissingSetting(missing, because=f" for installs through OAuth, beside {_present(oauth)}")
        if not self.oauth and not self.bot_token:
            raise MissingSetting("SLACK_BOT_TOKEN")
        socket_mode = verb == "run" and self.socket_mode
        if self.oauth and socket_mode:
            raise SettingProblem(
                "SLACK_APP_TOKEN (Socket Mode) does not go with installs through OAuth (SLACK_CLIENT_ID, "
                "SLACK_CLIENT_SECRET, SLACK_STATE_SECRET), which Slack reaches over HTTP: unset one or the other."
            )
        if verb == "worker" or socket_mode or self.signing_secret:
            return
        if verb == "run" and not self.oauth:  # the laptop's choice: Socket Mode, or HTTP
            raise MissingSetting("SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET")
        raise MissingSetting("SLACK_SIGNING_SECRET", because=" for installs through OAuth" if self.oauth else "")


def _present(values: Mapping[str, str | None]) -> str:
    return " and ".join(name for name, value in values.items() if value)
