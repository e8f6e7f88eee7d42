"""Slack says the app was uninstalled, its tokens revoked, or an org took workspaces out of its install (or gave
them back): act at once. These are acted on before they are acknowledged, every time Slack sends one (each is
idempotent): when storage fails, Slack hears 503 and sends it again, so an uninstall is never lost."""

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from slack_bolt import BoltContext, BoltResponse

from domain.shared.workspace import WorkspaceKey
from slackapp.installs.lifecycle import install_key
from slackapp.shared.boundary import storage_failed
from slackapp.shared.context import SERVICES, services, workspace

log = logging.getLogger("trellis.installs")


def _installed_workspace(context: BoltContext):
    return install_key(context.enterprise_id, context.team_id, bool(context.is_enterprise_install))


def app_uninstalled(event: dict, context: BoltContext, happened: datetime) -> None:
    s = services(context)
    s.installations.uninstalled(_installed_workspace(context), s.clock.now(), "uninstalled", happened=happened)


def tokens_revoked(event: dict, context: BoltContext, happened: datetime) -> None:
    s = services(context)
    tokens = event.get("tokens") or {}
    s.installations.user_tokens_revoked(workspace(context), list(tokens.get("oauth") or []))
    if tokens.get("bot"):  # without its bot token Trellis can do nothing there
        where = _installed_workspace(context)
        s.installations.uninstalled(where, s.clock.now(), "bot token revoked", happened=happened)


def team_access_revoked(event: dict, context: BoltContext, happened: datetime) -> None:
    """An org admin took workspaces out of an org-wide install: they stop; the org's token stays for the others."""
    s = services(context)
    for team_id in event.get("team_ids") or []:
        where = WorkspaceKey.of(context.enterprise_id, team_id)
        s.installations.uninstalled(where, s.clock.now(), "access revoked", happened=happened, tokens=False)


def team_access_granted(event: dict, context: BoltContext, happened: datetime) -> None:
    """An org admin gave its org-wide install access to workspaces (again): its install covers them."""
    services(context).installations.granted(context.enterprise_id or "", list(event.get("team_ids") or []))


STOPS = {
    "app_uninstalled": app_uninstalled,
    "tokens_revoked": tokens_revoked,
    "team_access_revoked": team_access_revoked,
    "team_access_granted": team_access_granted,
}


def stop_before_acknowledging(wired) -> Callable:
    """A Bolt middleware, registered before the one that acts on each event once."""

    def middleware(body: dict, context: BoltContext, next):
        event = body.get("event") if body.get("type") == "event_callback" else None
        act = STOPS.get(event.get("type")) if isinstance(event, dict) else None
        if act is None:
            return next()
        context[SERVICES] = wired
        try:
            happened = datetime.fromtimestamp(body["event_time"], UTC) if body.get("event_time") else wired.clock.now()
            act(event, context, happened)
        except Exception as error:
            if not storage_failed(error):
                raise
            log.warning(
                "%s from %s not recorded: storage unavailable; Slack sends it again", event["type"], context.team_id
            )
            return BoltResponse(status=503, body="")
        return BoltResponse(status=200, body="")

    return middleware
