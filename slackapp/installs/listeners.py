"""Slack says the app was uninstalled, its tokens revoked, or an org took workspaces out of its install: stop at
once."""

from slack_bolt import App, BoltContext

from domain.shared.workspace import WorkspaceKey
from slackapp.installs.lifecycle import install_key
from slackapp.shared.context import services, workspace


def register(app: App) -> None:
    app.event("app_uninstalled")(app_uninstalled)
    app.event("tokens_revoked")(tokens_revoked)
    app.event("team_access_revoked")(team_access_revoked)


def _installed_workspace(context: BoltContext):
    return install_key(context.enterprise_id, context.team_id, bool(context.is_enterprise_install))


def app_uninstalled(context: BoltContext) -> None:
    s = services(context)
    s.installations.uninstalled(_installed_workspace(context), s.clock.now(), "uninstalled")


def tokens_revoked(event: dict, context: BoltContext) -> None:
    s = services(context)
    tokens = event.get("tokens") or {}
    s.installations.user_tokens_revoked(workspace(context), list(tokens.get("oauth") or []))
    if tokens.get("bot"):  # without its bot token Trellis can do nothing there
        s.installations.uninstalled(_installed_workspace(context), s.clock.now(), "bot token revoked")


def team_access_revoked(event: dict, context: BoltContext) -> None:
    """An org admin took workspaces out of an org-wide install: they stop; the org's token stays for the others."""
    s = services(context)
    for team_id in event.get("teams") or []:
        where = WorkspaceKey.of(context.enterprise_id, team_id)
        s.installations.uninstalled(where, s.clock.now(), "access revoked", tokens=False)
