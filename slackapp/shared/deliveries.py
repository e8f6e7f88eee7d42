"""Each request acts once, and only for well-formed ids: an event Slack delivers again is acknowledged and
dropped, and a modal submission carries its delivery into every unit of work it commits (persistence.uow)."""

import logging
import re

from slack_bolt import BoltContext

from persistence.deliveries.repository import Delivery
from slackapp.shared.context import DELIVERY, now, services, workspace

SLACK_ID = re.compile(r"[A-Z0-9]{1,32}")  # T0123ABC, U0456DEF, E0789GHI
REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,100}")  # Ev0123ABC, V0456DEF

log = logging.getLogger("trellis.deliveries")


def malformed_id(body: dict, context: BoltContext) -> str | None:
    """The first id that is not the shape Slack gives its ids, if any. A request must name its workspace."""
    if not context.team_id and not context.enterprise_id:
        return "team"
    for name, value in (("enterprise", context.enterprise_id), ("team", context.team_id), ("user", context.user_id)):
        if value is not None and not (isinstance(value, str) and SLACK_ID.fullmatch(value)):
            return name
    for name, value in (("event", body.get("event_id")), ("view", _view_id(body))):
        if value is not None and not (isinstance(value, str) and REQUEST_ID.fullmatch(value)):
            return name
    return None


def repeated_event(body: dict, context: BoltContext) -> bool:
    """True when this event was delivered before (Slack retries what it thinks was lost): act on it once."""
    event_id = body.get("event_id")
    if body.get("type") != "event_callback" or event_id is None:
        return False
    first = services(context).deliveries.first(workspace(context), Delivery(f"event:{event_id}", now(context)))
    if not first:
        log.info("event %s delivered again; acted on once", event_id)
    return not first


def repeated_submission(body: dict, context: BoltContext) -> bool:
    """True when this modal submission was saved before. Otherwise its units of work claim its view id when they
    commit, so that a repeat arriving at the same moment saves nothing either (persistence.uow)."""
    view_id = _view_id(body)
    if body.get("type") != "view_submission" or view_id is None:
        return False
    key = f"view:{view_id}"
    if services(context).deliveries.seen(workspace(context), key):
        log.info("view %s submitted again; saved once", view_id)
        return True
    context[DELIVERY] = Delivery(key, now(context))
    return False


def _view_id(body: dict):
    view = body.get("view")
    return view.get("id") if isinstance(view, dict) else None
