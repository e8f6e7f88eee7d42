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
}

CREATE_APP_HINT = (
    "No Slack app yet? Create one from the manifest: open https://api.slack.com/apps, choose Create New App "
    "→ From an app manifest, pick your workspace, paste manifest.yml from this repository, then Install to "
    "Workspace. README.md walks through it."
)


class MissingSetting(Exception):
    def __init__(self, name: str):
        self.name = name
        super().__init__(f"Trellis needs {name}: set it to {_WHERE_TO_FIND[name]}.\n{CREATE_APP_HINT}")


class BadSetting(Exception):
    def __init__(self, name: str, value: str):
        super().__init__(f"{name} must be a whole number above 0; it is {value!r}.")


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
        )

    @property
    def socket_mode(self) -> bool:
        return self.app_token is not None

    def require_slack(self) -> None:
        """Raise MissingSetting for the first credential this mode needs and lacks."""
        needed = ["SLACK_BOT_TOKEN", "SLACK_APP_TOKEN" if self.socket_mode else "SLACK_SIGNING_SECRET"]
        values = {
            "SLACK_BOT_TOKEN": self.bot_token,
            "SLACK_SIGNING_SECRET": self.signing_secret,
            "SLACK_APP_TOKEN": self.app_token,
        }
        for name in needed:
            if not values[name]:
                raise MissingSetting(name)
