"""A fake Slack Web API that enforces Slack's posting limits, in a process of its own (bench.reminder_load).

    python -m bench.limited_slack PER_MINUTE

chat.postMessage is answered HTTP 429 with a Retry-After header (whole seconds, as Slack sends it) when the
channel got a message less than 1 s ago, or when the workspace already had PER_MINUTE messages accepted in the
last 60 s (a sliding window). Everything else is tests.fakes.slack_api.FakeSlack, which also checks each
message's blocks against slack_sdk's models.

It prints {"api_url": ...} on stdout, then answers one JSON line per command read from stdin:
  `count`  accepted posts, distinct channels, 429s so far
  `stats`  every accepted post [channel, monotonic time], every 429 [channel, monotonic time, reason],
           block errors, and calls per method
It exits when stdin closes.
"""

import json
import math
import sys
import threading
import time
from collections import Counter, deque

from tests.fakes.slack_api import FakeSlack

CHANNEL_SECONDS = 1.0  # Slack: 1 message a second per channel
WINDOW = 60.0  # the workspace limit counts the messages of the last minute


class LimitedSlack(FakeSlack):
    def __init__(self, per_minute: int):
        super().__init__()
        self.server.socket.listen(1024)  # socketserver's backlog of 5 can overflow when many threads post at once
        self.per_minute = per_minute
        self.lock = threading.Lock()
        self.window: deque[float] = deque()  # when each post of the last minute was accepted
        self.last_in_channel: dict[str, float] = {}
        self.posts: list[list] = []  # [channel, monotonic time]
        self.refused: list[list] = []  # [channel, monotonic time, "channel" | "workspace"]
        self.methods: Counter = Counter()

    def admit(self, channel: str) -> float | None:
        """Record an accepted post and return None, or return the seconds to wait (nothing recorded)."""
        with self.lock:
            now = time.monotonic()
            while self.window and self.window[0] <= now - WINDOW:
                self.window.popleft()
            last = self.last_in_channel.get(channel)
            if last is not None and now - last < CHANNEL_SECONDS:
                self.refused.append([channel, now, "channel"])
                return last + CHANNEL_SECONDS - now
            if len(self.window) >= self.per_minute:
                self.refused.append([channel, now, "workspace"])
                return self.window[0] + WINDOW - now
            self.window.append(now)
            self.last_in_channel[channel] = now
            self.posts.append([channel, now])
            return None

    def retry_after(self, method: str, args: dict) -> int | None:
        self.methods[method] += 1
        if method != "chat.postMessage":
            return None
        wait = self.admit(str(args.get("channel")))
        return None if wait is None else max(1, math.ceil(wait))  # whole seconds, as Slack sends them

    def count(self) -> dict:
        with self.lock:
            return {"posts": len(self.posts), "channels": len(self.last_in_channel), "refused": len(self.refused)}

    def stats(self) -> dict:
        with self.lock:
            return {
                "posts": list(self.posts),
                "refused": list(self.refused),
                "block_errors": list(self.view_errors),
                "methods": dict(self.methods),
            }


def main(per_minute: int) -> None:
    fake = LimitedSlack(per_minute).start()
    print(json.dumps({"api_url": fake.api_url}), flush=True)
    for line in sys.stdin:
        command = line.strip()
        if command == "count":
            answer = fake.count()
        elif command == "stats":
            answer = fake.stats()
        else:
            answer = {"error": f"unknown command {command!r}"}
        print(json.dumps(answer), flush=True)
    fake.stop()


if __name__ == "__main__":
    main(int(sys.argv[1]))
