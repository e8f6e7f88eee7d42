"""Rate limits through the `limits` library: in Redis when REDIS_URL is set, in memory otherwise.

Counters are atomic (Redis INCR), so several workers share one budget.
"""

import logging
import threading
import time
from datetime import date

from limits import RateLimitItem, parse
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter, MovingWindowRateLimiter

from domain.reminders.ports import ALLOWED, PERSON_CAP, Wait
from domain.shared.workspace import WorkspaceKey

log = logging.getLogger("trellis.limits")


def limits_storage(redis_url: str | None):
    if not redis_url:
        return storage_from_string("memory://")
    return storage_from_string(redis_url, socket_timeout=1, socket_connect_timeout=1)  # fail fast, never hang


class PostingLimits:
    """Reminders: per person a day, per channel (Slack's 1 message a second), per workspace."""

    def __init__(
        self, storage, per_person: str = "2/day", per_channel: str = "1/second", per_workspace: str = "300/minute"
    ):
        self.windows = FixedWindowRateLimiter(storage)
        self.moving = MovingWindowRateLimiter(storage)
        self.per_person, self.per_channel, self.per_workspace = (
            parse(per_person),
            parse(per_channel),
            parse(per_workspace),
        )

    def allow(self, workspace: WorkspaceKey, user_id: str, day: date, count_person: bool = True) -> str | Wait:
        team = f"{workspace.enterprise_id}:{workspace.team_id}"
        person = ("person", team, user_id, day.isoformat())
        if count_person and not self.windows.test(self.per_person, *person):
            return PERSON_CAP  # checked first, so a person who had enough takes no channel or workspace slot
        for item, limiter, keys in (
            (self.per_workspace, self.moving, ("ws", team)),
            (self.per_channel, self.moving, ("dm", team, user_id)),
        ):
            if not limiter.hit(item, *keys):
                return Wait(_until_reset(limiter, item, keys))
        if count_person and not self.windows.hit(self.per_person, *person):
            return PERSON_CAP
        return ALLOWED


def _until_reset(limiter, item: RateLimitItem, keys) -> float:
    return max(0.05, limiter.get_window_stats(item, *keys).reset_time - time.time())


class CommandLimit:
    """About 30 commands a minute a person. Fails open: when the store is down, commands go through.

    Each process counts a person's commands itself and tells the shared store in batches of up to
    LOCAL_BATCH, never more than the store last said was left; so a person sending a few commands costs
    one Redis round trip in five, and the limit still falls on the 31st command.
    """

    LOCAL_BATCH = 5

    def __init__(self, storage, rate: str = "30/minute"):
        self.limiter = FixedWindowRateLimiter(storage)
        self.rate = parse(rate)
        self._people: dict[tuple[str, str], dict] = {}  # this minute's people only
        self._minute = 0
        self._lock = threading.Lock()

    def allow(self, team_id: str, user_id: str) -> bool:
        minute = int(time.time() // 60)
        with self._lock:
            if minute != self._minute:  # a new minute: earlier counts are spent, so drop them all at once
                self._people, self._minute = {}, minute
            person = self._people.get((team_id, user_id))
            if person is None:
                person = self._people[(team_id, user_id)] = {"untold": 0, "left": self.LOCAL_BATCH, "refused": False}
            if person["refused"]:
                return False
            person["untold"] += 1
            if person["untold"] < min(self.LOCAL_BATCH, person["left"]):
                return True  # surely under the limit: tell the store later
            batch, person["untold"] = person["untold"], 0
        keys = ("cmd", team_id, user_id)
        try:
            allowed = self.limiter.hit(self.rate, *keys, cost=batch)
            left = self.limiter.get_window_stats(self.rate, *keys).remaining if allowed else 0
        except Exception as error:  # the store is unreachable: let the person through
            log.warning("command limit skipped: %s", error)
            return True
        with self._lock:
            person["left"], person["refused"] = left, not allowed
        return allowed
