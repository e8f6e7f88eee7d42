"""A workspace's install from start to end: installed through OAuth, uninstalled (its tokens removed at once, its
reminders stopped), and erased after the grace period an operator sets."""

import logging
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from slack_sdk.oauth.installation_store.models.installation import Installation

from domain.shared.workspace import WorkspaceKey
from persistence.installs.repository import Installs
from slackapp.installs.store import EncryptedInstallationStore
from slackapp.installs.tokens import KNOWN_SECONDS, InstalledBots
from slackapp.shared.boundary import storage_failed

log = logging.getLogger("trellis.installs")


def install_key(enterprise_id: str | None, team_id: str | None, org_wide: bool) -> WorkspaceKey:
    """The workspace an install covers; an org-wide one covers its whole org (an empty team id)."""
    return WorkspaceKey.of(enterprise_id, None if org_wide else team_id)


@dataclass
class Installations:
    installs: Installs
    store: EncryptedInstallationStore | None  # None for a single-workspace install by SLACK_BOT_TOKEN
    bots: InstalledBots | None
    erase_after: timedelta
    # until when it holds, the uninstalls on record, and the workspaces looked at since and found installed
    _gone: tuple[float, set[WorkspaceKey], set[WorkspaceKey]] = field(default=(0.0, set(), set()), init=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False)

    def installed(self, installation: Installation, now: datetime) -> None:
        org_wide = bool(installation.is_enterprise_install)
        workspace = install_key(installation.enterprise_id, installation.team_id, org_wide)
        self.installs.installed(workspace, now)
        if self.bots is not None:
            self.bots.forget(workspace)
        log.info("installed in %s%s", workspace.label, " (org-wide)" if org_wide else "")

    def uninstalled(
        self, workspace: WorkspaceKey, now: datetime, why: str, *, happened: datetime, tokens: bool = True
    ) -> None:
        """Its waiting reminders are cancelled and its data will be erased after the grace period (recorded first,
        so the erasure is never lost); then its tokens go, unless an org-wide install's must stay (`tokens`). Slack's
        word from before the workspace was installed again (`happened`, a late retry) changes nothing."""
        erase_at = now + self.erase_after
        cancelled = self.installs.uninstalled(workspace, now, erase_at, happened)
        if cancelled is None:
            log.info("%s in %s ignored: it was installed again since", why, workspace.label)
            return
        self._forget_uninstalls()
        if tokens and self.store is not None:
            keys = {"enterprise_id": workspace.enterprise_id or None, "team_id": workspace.team_id or None}
            self.store.delete_bot(**keys)
            self.store.delete_installation(**keys)
        if self.bots is not None:
            self.bots.forget(workspace)
        log.info(
            "%s in %s: %s%d waiting reminders cancelled, data erased after %s",
            why,
            workspace.label,
            "tokens removed, " if tokens else "",
            cancelled,
            erase_at.date().isoformat(),
        )

    def granted(self, enterprise_id: str, team_ids: list[str]) -> None:
        """An org gave its install access to these workspaces again."""
        self.installs.granted(enterprise_id, team_ids)
        self._forget_uninstalls()
        log.info("access granted in %s/%s", enterprise_id, ",".join(team_ids))

    def person_seen(self, workspace: WorkspaceKey, now: datetime) -> None:
        """Someone used Trellis in `workspace`, so it is installed there, whatever was recorded: a single-workspace
        install added again from the app's settings page sends no OAuth callback, and its data must not be erased.
        Each workspace is looked at once a minute at most."""
        try:
            if not self._maybe_uninstalled(workspace):
                return
            if (key := self.installs.uninstall_covering(workspace)) is None:
                with self._lock:
                    self._gone[2].add(workspace)  # installed, its org's uninstall notwithstanding
                return
            self.installs.installed(key, now)
        except Exception as error:  # an outage must not stop what needs no storage (/goal opens its form without)
            if not storage_failed(error):
                raise
            return
        self._forget_uninstalls()
        log.info("used again in %s after an uninstall: installed, nothing will be erased", key.label)

    def _maybe_uninstalled(self, workspace: WorkspaceKey) -> bool:
        """Whether `workspace` or its org has an uninstall on record, read again at most once a minute, and the
        workspace was not found installed since."""
        with self._lock:
            until, gone, checked = self._gone
        if until < time.monotonic():
            gone, checked = self.installs.uninstalled_keys(), set()
            with self._lock:
                self._gone = (time.monotonic() + KNOWN_SECONDS, gone, checked)
        return workspace not in checked and bool({workspace, WorkspaceKey(workspace.enterprise_id, "")} & gone)

    def _forget_uninstalls(self) -> None:
        with self._lock:
            self._gone = (0.0, set(), set())

    def user_tokens_revoked(self, workspace: WorkspaceKey, user_ids: list[str]) -> None:
        if self.store is None:
            return
        for user_id in user_ids:
            self.store.delete_installation(
                enterprise_id=workspace.enterprise_id or None, team_id=workspace.team_id or None, user_id=user_id
            )
