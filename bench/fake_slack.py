"""tests.fakes.slack_api.FakeSlack in a process of its own, so the load generator's GIL does not slow it.

It prints {"api_url": ...} on stdout, then answers one JSON line per command read from stdin:
  `validate on|off`  check every view with slack_sdk.models (on at start)
  `drain`            the calls recorded since the last drain: [method, trigger_id, monotonic time]
It exits when stdin closes.
"""

import json
import sys

from tests.fakes.slack_api import Call, FakeSlack


class BenchSlack(FakeSlack):
    validate = True
    checked = 0  # views checked with slack_sdk's models

    def __init__(self):
        super().__init__()
        self.server.socket.listen(1024)  # socketserver's backlog of 5 can overflow under load
        self._drained = 0
        self._errors_drained = 0

    def check_view(self, view):
        if not self.validate:
            return None
        self.checked += 1
        return FakeSlack.check_view(view)

    def _record(self, call: Call) -> None:
        # Keep only what the benchmark reads; tens of thousands of full views would fill the memory.
        super()._record(Call(call.method, {"trigger_id": call.args.get("trigger_id")}, None, call.at))

    def drain(self) -> dict:
        with self._changed:
            calls, self._drained = self.calls[self._drained :], len(self.calls)
            errors, self._errors_drained = self.view_errors[self._errors_drained :], len(self.view_errors)
        calls = [[c.method, c.args["trigger_id"], c.at] for c in calls]
        return {"calls": calls, "view_errors": errors, "checked": self.checked}


def main(users: int) -> None:
    fake = BenchSlack().start()
    for n in range(users):
        fake.add_user(f"U{n}", f"Person {n}", "Europe/Paris" if n % 2 else "America/New_York")
    print(json.dumps({"api_url": fake.api_url}), flush=True)
    for line in sys.stdin:
        command = line.split()
        if command == ["drain"]:
            answer = fake.drain()
        elif command[:1] == ["validate"]:
            fake.validate = command[1:] == ["on"]
            answer = {"validate": fake.validate}
        else:
            answer = {"error": f"unknown command {line.strip()!r}"}
        print(json.dumps(answer), flush=True)
    fake.stop()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
