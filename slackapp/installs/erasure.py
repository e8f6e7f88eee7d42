"""The worker erases each uninstalled workspace's data once its grace period is over."""

import logging

from persistence.database import make_engine, session_factory
from persistence.installs.repository import Installs

log = logging.getLogger("trellis.installs")


def erase_uninstalled(services) -> None:
    now = services.clock.now()
    due = services.installations.installs.due_for_erasure(now)
    if not due:
        return
    engine = make_engine(services.settings.database_url)  # not the app's bounded one: a big workspace takes a while
    try:
        installs = Installs(session_factory(engine))
        for workspace in due:
            erased = installs.erase(workspace, now)
            if erased is not None:
                log.info("erased the data of uninstalled workspace %s: %d rows", workspace.label, sum(erased.values()))
    finally:
        engine.dispose()
