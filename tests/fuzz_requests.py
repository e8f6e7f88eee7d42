"""Seeded generators of hostile Slack requests for tests/shared/test_fuzz.py.

Three classes, mixed:

1. not correctly signed (no headers, a wrong secret, an odd or stale timestamp, a signature for another body),
   whatever the body: the boundary answers 401 (or 413 for a body over 1 MiB) before parsing anything;
2. signed, but the body does not parse (not UTF-8, not a form, not JSON, nested too deep): 400 (or 413);
3. signed and well-formed, but odd: every payload kind Trellis handles (commands, block_actions,
   view_submission, block_suggestion, events) and some it does not, mutated from real ones. Trellis must
   answer below 500 and acknowledge them: never `404 unhandled request`.
"""

import copy
import importlib
import importlib.util
import json
import pkgutil
import random
import string
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from urllib.parse import urlencode

import slackapp
from tests.slack_driver import TEAM, signed_headers

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
TOO_LARGE = (1 << 20) + 4096  # just over the 1 MiB Slack's payloads never come near

HUGE = "99999999999999999999999"  # beyond 64 bits
VERBS = ["checkin", "milestone", "task", "edit", "abandon", "show", "pause", "resume", "done", "bogus", "menu", ""]
COMMAND_VERBS = [
    "", "list", "ladder", "milestone", "task", "tasks", "checkin", "show", "edit", "pause", "resume", "done",
    "abandon", "lessons", "celebrations", "help", "settings", "bogus", "HELP", "Checkin",
]  # fmt: skip
COMMANDS = ["/goal"] * 5 + ["/growth"] * 3 + ["/feedback", "/kudos"]
ODD_VALUES = [
    "", "abc", HUGE, "-" + HUGE, "-1", "0", "1.5", "1e400", "NaN", "Infinity", " 1", "#1", "verb:1", "hour:abc",
    "tomorrow:" + HUGE, "hour:-1", "tomorrow:", ":", "done:abc", "bogus:1", "pause:" + HUGE, "checkin:-1",
    "1\x00", "\x00", "٣", "0x10", "9" * 400, "null", "{}", "[]", "1:2:3",
]  # fmt: skip
PRIVATE_METADATA = [
    "", "{", "[]", '{"goal": "x"}', '{"goal": 1e400}', '{"goal": null}', '{"goal": -1}', '{"goal": ' + HUGE + "}",
    '{"goal_id": "x"}', '{"verb": "bogus"}', '{"verb": 1, "goal": []}', '"text"', "null", "1", "\x00",
]  # fmt: skip
ODD_USERS = ["U404", "W0ENTERPRISE", "", "U1\x00", "u1", "U" * 255, "USLACKBOT", "U1 U2", "<@U2>"]
ODD_TEAMS = ["T999", "", "E1", "T1\x00", "T" * 200]


def odd_text(rng: random.Random) -> str:
    """A word a person could type, or paste, that stretches what a reply quoting it must survive."""
    return rng.choice(
        [
            lambda: "x" * 3000,
            lambda: "&amp;" * rng.randint(100, 700),
            lambda: "&" * rng.randint(500, 3000),
            lambda: "<!channel> <!here|here> <!everyone> <@U2|boss>",
            lambda: "<https://evil.example|docs> <#C1|general> <mailto:a@b.c>",
            lambda: "a\x00b",
            lambda: "🎯 ünïcödé 目標 שלום \u202e\u200b\ufeff",
            lambda: HUGE,
            lambda: "#" + HUGE,
            lambda: "-" + HUGE,
            lambda: "1" * rng.randint(10, 40),
            lambda: "*bold* _it_ ~s~ `code` ```block```",
            lambda: "%s %(x)s {0} {x} $(id) ../../etc/passwd",
            lambda: "' OR 1=1 --; DROP TABLE goals;",
            lambda: "\n\n\t  \r\n",
            lambda: "".join(rng.choice(string.printable) for _ in range(rng.randint(1, 200))),
            lambda: "".join(chr(rng.randint(0x20, 0xD7FF)) for _ in range(rng.randint(1, 300))),
            lambda: "<" * 1500,
        ]
    )()


def odd_value(rng: random.Random, real: list[str]) -> str:
    """A button or option value: a real one Trellis sent, or one it never would."""
    if real and rng.random() < 0.3:
        return rng.choice(real)
    return rng.choice(ODD_VALUES) if rng.random() < 0.85 else odd_text(rng)


def nested_garbage(rng: random.Random, depth: int) -> object:
    """Random JSON, `depth` levels deep at most (well within the depth Trellis parses)."""
    if depth <= 0 or rng.random() < 0.25:
        return rng.choice([None, True, 0, -1, 1.5, 10**30, "", "x", "\x00", [], {}])
    if rng.random() < 0.5:
        return [nested_garbage(rng, depth - 1) for _ in range(rng.randint(1, 3))]
    return {rng.choice(["value", "type", "selected_option", "x", ""]): nested_garbage(rng, depth - 1)}


def capability_ids() -> tuple[list[str], list[str]]:
    """Every action and callback id the capabilities declare in `slackapp/<capability>/ids.py`: their upper-case
    string constants and both sides of RENAMED; and, apart, the verb prefixes (the constants ending in "_")."""
    ids, prefixes = set(), set()
    for module_info in pkgutil.iter_modules(slackapp.__path__):
        name = f"slackapp.{module_info.name}.ids"
        if not module_info.ispkg or importlib.util.find_spec(name) is None:
            continue
        module = importlib.import_module(name)
        for constant, value in vars(module).items():
            if constant.isupper() and constant != "PREFIX" and isinstance(value, str):
                (prefixes if value.endswith("_") else ids).add(value)
        renamed = getattr(module, "RENAMED", {})
        ids |= set(renamed) | set(renamed.values())
    return sorted(ids), sorted(prefixes)


def elements(tree: object) -> Iterator[dict]:
    """Every interactive element (anything with an action_id) in views or blocks."""
    if isinstance(tree, dict):
        if "action_id" in tree:
            yield tree
        for child in tree.values():
            yield from elements(child)
    elif isinstance(tree, list):
        for child in tree:
            yield from elements(child)


@dataclass(frozen=True)
class FuzzRequest:
    kind: str  # the payload kind, or "unsigned" / "unparseable"
    mutation: str  # what is odd about it
    body: bytes
    headers: dict[str, str]
    expect: frozenset[int] | None = None  # the statuses the boundary promises (classes 1 and 2); None: class 3

    @property
    def oversized(self) -> bool:
        """Over 1 MiB: the server may refuse it by closing the connection before reading it all."""
        return len(self.body) > (1 << 20)

    def describe(self) -> str:
        excerpt = self.body[:240] + (b"..." if len(self.body) > 240 else b"")
        return f"{self.kind} [{self.mutation}] ({len(self.body)} bytes) {excerpt!r}"


@dataclass
class Material:
    """What the mutations start from."""

    response_url: str  # the fake Slack's response_url
    views: list[dict]  # modals and App Home as Trellis sent them to Slack
    replies: list[dict]  # command replies Trellis acknowledged with (their buttons)
    people: list[str]  # users the fake Slack knows; the first two own the harvested goals
    ids: list[str]
    verb_prefixes: list[str]


class Fuzzer:
    """Builds a seeded batch of requests; `batch(n)` mixes every generator below."""

    COMMANDS_PER_PERSON = 15  # well under the 30 a minute after which Trellis only says "take a breath"

    def __init__(self, rng: random.Random, material: Material, *, first_person_budget: int = 8):
        self.rng = rng
        self.m = material
        self.modals = [v for v in material.views if v.get("type") == "modal"]
        self.homes = [v for v in material.views if v.get("type") == "home"]
        self.elements = list(elements(material.views)) + list(elements(material.replies))
        self.real_values = sorted(
            {e["value"] for e in self.elements if isinstance(e.get("value"), str)}
            | {o["value"] for e in self.elements for o in e.get("options", []) if "value" in o}
        )
        self.commands_left = dict.fromkeys(material.people, self.COMMANDS_PER_PERSON)
        self.commands_left[material.people[0]] = first_person_budget  # who checks, after, that /goal list works
        self.event_ids: list[str] = []
        self.seq = 0

    def batch(self, count: int) -> list[FuzzRequest]:
        makers: list[tuple[float, Callable[[], FuzzRequest]]] = [
            (20, self.unsigned),
            (9, self.unparseable),
            (18, self.command),
            (20, self.block_actions),
            (14, self.view_submission),
            (5, self.block_suggestion),
            (9, self.event),
            (5, self.other_payload),
        ]
        weights, functions = zip(*makers, strict=True)
        return [self.rng.choices(functions, weights)[0]() for _ in range(count)]

    # helpers
    def _next(self, prefix: str) -> str:
        self.seq += 1
        return f"{prefix}{self.seq:05d}"

    def _person(self) -> str:
        """Mostly U1 or U2, whose goals the harvest made; sometimes another person the fake Slack knows."""
        return self.rng.choice(self.m.people[:2]) if self.rng.random() < 0.7 else self.rng.choice(self.m.people)

    def _commander(self) -> str | None:
        """A known person with commands left this run, or None when every budget is spent."""
        left = [person for person, budget in self.commands_left.items() if budget > 0]
        if not left:
            return None
        person = self.rng.choice(left)
        self.commands_left[person] -= 1
        return person

    def _signed(self, kind: str, mutation: str, body: str | bytes, content_type: str = FORM, **extra) -> FuzzRequest:
        data = body.encode() if isinstance(body, str) else body
        return FuzzRequest(kind, mutation, data, {**signed_headers(data, content_type=content_type), **extra})

    def _interaction(self, kind: str, mutation: str, payload: object) -> FuzzRequest:
        return self._signed(kind, mutation, urlencode({"payload": json.dumps(payload)}))

    def _base(self, kind: str) -> dict:
        user = self._person()
        return {
            "type": kind,
            "token": "legacy",
            "team": {"id": TEAM, "domain": "test"},
            "api_app_id": "A1",
            "user": {"id": user, "team_id": TEAM, "username": user.lower(), "name": user.lower()},
            "trigger_id": self._next("trigger-"),
            "is_enterprise_install": False,
        }

    def _who(self, payload: dict) -> str:
        """Make the acting person or workspace odd, sometimes; say how."""
        mutation = self.rng.choices(
            ["", "no user", "user id with NUL", "odd user", "user is a string", "no team", "odd team",
             "team is null", "no trigger_id", "enterprise install", "no token"],
            [60, 4, 4, 6, 2, 4, 4, 2, 8, 3, 3],
        )[0]  # fmt: skip
        if mutation == "no user":
            del payload["user"]
        elif mutation == "user id with NUL":
            payload["user"]["id"] += "\x00"
        elif mutation == "odd user":
            payload["user"]["id"] = self.rng.choice(ODD_USERS)
        elif mutation == "user is a string":
            payload["user"] = "U1"
        elif mutation == "no team":
            del payload["team"]
        elif mutation == "odd team":
            payload["team"]["id"] = payload["user"]["team_id"] = self.rng.choice(ODD_TEAMS)
        elif mutation == "team is null":
            payload["team"] = None
        elif mutation == "no trigger_id":
            payload.pop("trigger_id", None)
        elif mutation == "enterprise install":
            payload |= {"enterprise": {"id": "E1"}, "is_enterprise_install": True}
        elif mutation == "no token":
            payload.pop("token", None)
        return mutation

    # class 1
    def unsigned(self) -> FuzzRequest:
        """Any body, not correctly signed. Expect 401, or 413 when the body is over 1 MiB."""
        makers = [lambda: self.command(counted=False), self.block_actions, self.view_submission, self.event]
        source = self.rng.choice(makers)()
        body, content_type = source.body, source.headers["Content-Type"]
        mutation = self.rng.choice(
            ["no signature headers", "wrong secret", "timestamp not a number", "stale timestamp",
             "timestamp from the future", "signature for another body", "malformed signature",
             "random bytes", "non-UTF-8 bytes", "deeply nested JSON", "signature without timestamp"]
        )  # fmt: skip
        if self.rng.random() < 0.004:
            mutation, body = "over 1 MiB", b"payload=" + b"A" * TOO_LARGE
        now = int(time.time())
        if mutation == "random bytes":
            body = self.rng.randbytes(self.rng.randint(0, 2000))
        elif mutation == "non-UTF-8 bytes":
            body = b"payload=\xff\xfe" + self.rng.randbytes(50)
        elif mutation == "deeply nested JSON":
            depth = self.rng.choice([100, 1000, 100_000])
            body, content_type = b"[" * depth + b"]" * depth, JSON
        headers = signed_headers(body, content_type=content_type)
        if mutation in ("no signature headers", "random bytes", "non-UTF-8 bytes", "deeply nested JSON", "over 1 MiB"):
            headers = {"Content-Type": content_type}
        elif mutation == "wrong secret":
            secret = self.rng.choice(["not-the-secret", "", "test-signing-secre"])
            headers = signed_headers(body, secret=secret, content_type=content_type)
        elif mutation == "timestamp not a number":
            stamp = self.rng.choice(["abc", "", "1e9", "-1", f"+{now}", f"0{now}", f"{now}.5", HUGE, "NaN", "١٢٣"])
            headers["X-Slack-Request-Timestamp"] = stamp.encode().decode("latin-1")  # headers travel as latin-1
        elif mutation == "stale timestamp":
            headers = signed_headers(body, timestamp=now - 600, content_type=content_type)
        elif mutation == "timestamp from the future":
            headers = signed_headers(body, timestamp=now + 600, content_type=content_type)
        elif mutation == "signature for another body":
            headers = signed_headers(body + b"&x=1", content_type=content_type)
        elif mutation == "malformed signature":
            digest = headers["X-Slack-Signature"].removeprefix("v0=")
            headers["X-Slack-Signature"] = self.rng.choice(
                ["", "v0=", "v0=" + "0" * 64, "v1=" + digest, "v0=" + digest.upper(), digest, "v0=" + digest[:-1]]
            )
        elif mutation == "signature without timestamp":
            del headers["X-Slack-Request-Timestamp"]
        expect = {401, 413} if len(body) > (1 << 20) else {401}  # the size may be checked first
        return FuzzRequest("unsigned", f"{mutation} / {source.kind}", body, headers, frozenset(expect))

    # class 2
    def unparseable(self) -> FuzzRequest:
        """Correctly signed, but neither a form nor JSON that Trellis reads. Expect 400 (413 over 1 MiB)."""
        mutation, body, content_type = self.rng.choice(
            [
                ("random bytes", b"\xff" + self.rng.randbytes(self.rng.randint(1, 3000)), FORM),
                ("non-UTF-8 JSON", b'{"type": "event_callback", "x": "\xc3\x28"}', JSON),
                ("non-UTF-8 form", b"command=%2Fgoal&text=\xe2\x82", FORM),
                ("invalid JSON", self.rng.choice([b"{", b'{"type": "event_callback",', b"nul", b"[1,]", b""]), JSON),
                ("single-quoted JSON", b"{'type': 'event_callback'}", JSON),
                ("JSON with a BOM", '\ufeff{"type": "event_callback"}'.encode(), JSON),
                ("payload is invalid JSON", "payload=" + self.rng.choice(["%7B", "", "%5B1%2C", "%7B%27a%27"]), FORM),
                ("form field without =", self.rng.choice([b"payload", b"command=/goal&text", b"a&b&c"]), FORM),
                ("JSON arrays nested 100 deep", b"[" * 100 + b"]" * 100, JSON),
                ("payload arrays nested 100 deep", urlencode({"payload": "[" * 100 + "]" * 100}), FORM),
                ("JSON objects nested 100 deep", ('{"a":' * 100 + "1" + "}" * 100).encode(), JSON),
            ]
        )
        expect = {400}
        if self.rng.random() < 0.01:
            mutation, body, expect = "over 1 MiB, signed", b'{"a": "' + b"A" * TOO_LARGE + b'"}', {413}
        return replace(self._signed("unparseable", mutation, body, content_type), expect=frozenset(expect))

    # class 3
    def command(self, counted: bool = True) -> FuzzRequest:
        """A slash command with an odd verb, argument or field; `counted` when it will reach the command limit."""
        person = self._commander() if counted else self._person()
        command = self.rng.choice(COMMANDS) if self.rng.random() < 0.97 else self.rng.choice(["/nope", "/Goal"])
        verb = self.rng.choice(COMMAND_VERBS)
        text = f"{verb} {odd_text(self.rng) if self.rng.random() < 0.7 else odd_value(self.rng, [])}".strip()
        if self.rng.random() < 0.15:
            text = odd_text(self.rng)
        fields = {
            "token": "legacy",
            "team_id": TEAM,
            "team_domain": "test",
            "channel_id": "C1",
            "channel_name": "general",
            "user_id": person or self.rng.choice(ODD_USERS),
            "user_name": "someone",
            "command": command,
            "text": text,
            "api_app_id": "A1",
            "response_url": self.m.response_url,
            "trigger_id": self._next("trigger-"),
        }
        mutation = self.rng.choices(
            ["", "no trigger_id", "no user_id", "no team_id", "user id with NUL", "odd user", "odd team",
             "no text", "no response_url", "no command", "enterprise", "150 extra fields", "fields twice",
             "text percent-encoded non-UTF-8"],
            [40, 8, 5, 5, 5, 4, 4, 4, 3, 3, 3, 2, 3, 3],
        )[0]  # fmt: skip
        if mutation in ("no trigger_id", "no user_id", "no team_id", "no text", "no response_url", "no command"):
            del fields[mutation.removeprefix("no ")]
        elif mutation == "user id with NUL":
            fields["user_id"] += "\x00"
        elif mutation == "odd user":
            fields["user_id"] = self.rng.choice(ODD_USERS)
        elif mutation == "odd team":
            fields["team_id"] = self.rng.choice(ODD_TEAMS)
        elif mutation == "enterprise":
            fields |= {"enterprise_id": "E1", "enterprise_name": "Grid", "is_enterprise_install": "true"}
        elif mutation == "150 extra fields":
            fields |= {f"extra{n}": "x" for n in range(150)}
        body = urlencode(fields)
        if mutation == "fields twice":
            body += "&" + urlencode({"user_id": "U2", "text": "done 1", "command": "/growth"})
        elif mutation == "text percent-encoded non-UTF-8":
            body += "&text=%FF%FE%ED%A0%80"
        return self._signed("command", f"{command} {text[:40]!r} {mutation}".strip(), body)

    def _action(self) -> tuple[dict, str]:
        """One action: a real element Trellis sent, or any declared id, with an odd value or selected option."""
        if self.elements and self.rng.random() < 0.35:
            element = self.rng.choice(self.elements)
            action_id, kind = element["action_id"], element.get("type", "button")
        elif self.rng.random() < 0.4:
            action_id, kind = self.rng.choice(self.m.verb_prefixes) + self.rng.choice(VERBS), "button"
        else:
            action_id, kind = self.rng.choice(self.m.ids), self.rng.choice(["button", "overflow", "static_select"])
        action = {"type": kind, "action_id": action_id, "block_id": "b", "action_ts": "1.0"}
        value = odd_value(self.rng, self.real_values)
        if kind == "button":
            action["value"] = value
            what = f"{action_id}={value[:30]!r}"
        else:
            option = self.rng.choice(["missing", "null", "no value", "value", "value", "value"])
            if option == "null":
                action["selected_option"] = None
            elif option == "no value":
                action["selected_option"] = {"text": {"type": "plain_text", "text": "x"}}
            elif option == "value":
                action["selected_option"] = {"text": {"type": "plain_text", "text": "x"}, "value": value}
            what = f"{kind} {action_id} selected_option {option} {value[:30]!r}"
        return action, what

    def _container(self, payload: dict) -> str:
        """Where the click happened: App Home, a modal with odd private_metadata, or a message."""
        where = self.rng.choice(["home", "home", "modal", "message", "message without response_url", "none"])
        if where == "home":
            home = copy.deepcopy(self.rng.choice(self.homes)) if self.homes else {"type": "home"}
            payload |= {"container": {"type": "view", "view_id": "VHOME"}, "view": {**home, "id": "VHOME"}}
        elif where == "modal":
            modal = copy.deepcopy(self.rng.choice(self.modals)) if self.modals else {"type": "modal"}
            metadata = self.rng.choice([modal.get("private_metadata", ""), *PRIVATE_METADATA])
            modal |= {"id": self._next("V"), "private_metadata": metadata}
            payload |= {"container": {"type": "view", "view_id": modal["id"]}, "view": modal}
            where = f"modal private_metadata={metadata!r}"
        elif where.startswith("message"):
            payload |= {
                "container": {"type": "message", "message_ts": "1.1", "channel_id": "D1", "is_ephemeral": False},
                "channel": {"id": "D1", "name": "directmessage"},
                "message": {"type": "message", "ts": "1.1", "text": "x", "blocks": []},
            }
            if where == "message":
                payload["response_url"] = self.m.response_url
        return where

    def block_actions(self) -> FuzzRequest:
        """A click on a button or menu: any declared id, odd values, odd containers, odd action lists."""
        payload = self._base("block_actions")
        action, what = self._action()
        where = self._container(payload)
        shape = self.rng.choices(
            ["one action", "actions: []", "no actions", "two actions", "action is a string", "actions is an object",
             "action without action_id"],
            [80, 5, 3, 4, 3, 2, 3],
        )[0]  # fmt: skip
        payload["actions"] = {
            "one action": [action],
            "actions: []": [],
            "two actions": [action, self._action()[0]],
            "action is a string": ["goal_menu"],
            "actions is an object": action,
            "action without action_id": [{k: v for k, v in action.items() if k != "action_id"}],
        }.get(shape)
        if shape == "no actions":
            del payload["actions"]
        who = self._who(payload)
        return self._interaction("block_actions", f"{what}; {shape}; in {where}; {who}".strip("; "), payload)

    def _state(self, view: dict) -> tuple[dict, str]:
        """`view.state.values` for the inputs of `view`, each answered oddly, sometimes plausibly."""
        values, notes = {}, []
        for block in view.get("blocks", []):
            element = block.get("element")
            if block.get("type") != "input" or not isinstance(element, dict):
                continue
            kind, options = element.get("type"), [o["value"] for o in element.get("options", []) if "value" in o]
            plausible = self.rng.random() < 0.4
            if kind == "datepicker":
                odd_dates = ["2026-02-30", "not a date", "99999-01-01", "1900-01-01", "", None]
                state = {"selected_date": self.rng.choice(["2027-01-15", "2026-11-22"] if plausible else odd_dates)}
            elif kind == "timepicker":
                state = {"selected_time": "09:00" if plausible else self.rng.choice(["25:99", "x", "", None])}
            elif kind in ("static_select", "radio_buttons", "external_select"):
                value = self.rng.choice(options) if plausible and options else odd_value(self.rng, options)
                state = {"selected_option": self.rng.choice([{"value": value}] * 4 + [None, {}])}
            elif kind in ("checkboxes", "multi_static_select"):
                state = {"selected_options": [{"value": v} for v in self.rng.sample(options, k=len(options) // 2)]}
                if not plausible:
                    state = {"selected_options": self.rng.choice([None, [{}], [{"value": odd_value(self.rng, [])}]])}
            elif kind == "number_input":
                state = {"value": self.rng.choice(["1", "42.5"]) if plausible else odd_value(self.rng, [])}
            else:
                state = {"value": "A plausible answer" if plausible else odd_text(self.rng)}
            mutation = self.rng.choices(["", "missing", "wrong type", "garbage"], [75, 10, 10, 5])[0]
            if mutation == "missing":
                notes.append(f"{block.get('block_id')} missing")
                continue
            if mutation == "wrong type":
                key = next(iter(state))
                state[key] = self.rng.choice([1, [1], {"value": 1}, True, 1.5e300])
            if mutation:
                notes.append(f"{block.get('block_id')} {mutation}")
            answer = nested_garbage(self.rng, 8) if mutation == "garbage" else {"type": kind, **state}
            values[block.get("block_id", "")] = {element.get("action_id", "value"): answer}
        if self.rng.random() < 0.1:
            values[self._next("random_block_")] = {"value": {"type": "plain_text_input", "value": "x"}}
            notes.append("random block id")
        return values, ", ".join(notes)

    def view_submission(self) -> FuzzRequest:
        """A modal submitted: a real modal Trellis opened, or any declared callback id, with odd state."""
        payload = self._base("view_submission")
        if self.modals and self.rng.random() < 0.7:
            view = copy.deepcopy(self.rng.choice(self.modals))
        else:
            view = {"type": "modal", "callback_id": self.rng.choice(self.m.ids), "blocks": [], "private_metadata": ""}
        values, notes = self._state(view)
        view |= {"id": self._next("V"), "team_id": TEAM, "app_id": "A1", "hash": "1.a", "state": {"values": values}}
        mutation = self.rng.choices(
            ["", "no view id", "repeated view id", "odd private_metadata", "no state", "state values missing",
             "values is a list", "nested garbage state", "view is a list", "view is null", "no view",
             "callback id of another modal"],
            [40, 8, 6, 12, 4, 4, 3, 4, 2, 2, 2, 6],
        )[0]  # fmt: skip
        if mutation == "no view id":
            del view["id"]
        elif mutation == "repeated view id":
            view["id"] = "VREPEATED"
        elif mutation == "odd private_metadata":
            view["private_metadata"] = self.rng.choice(PRIVATE_METADATA)
            mutation += f" {view['private_metadata']!r}"
        elif mutation == "no state":
            del view["state"]
        elif mutation == "state values missing":
            view["state"] = {}
        elif mutation == "values is a list":
            view["state"]["values"] = [values]
        elif mutation == "nested garbage state":
            view["state"]["values"] = {"x": nested_garbage(self.rng, 10)}
        elif mutation == "callback id of another modal":
            view["callback_id"] = self.rng.choice(self.m.ids + self.m.verb_prefixes + ["", "goal_", "nope"])
        payload["view"] = {"view is a list": [view], "view is null": None}.get(mutation, view)
        if mutation == "no view":
            del payload["view"]
        who = self._who(payload)
        described = f"{view.get('callback_id')!r} {mutation}; {notes}; {who}".strip("; ")
        return self._interaction("view_submission", described, payload)

    def block_suggestion(self) -> FuzzRequest:
        """An external select asking for its options, with any declared id and an odd search."""
        payload = self._base("block_suggestion")
        action_id = self.rng.choice(self.m.ids + [e["action_id"] for e in self.elements])
        value = self.rng.choice(["", "(", "*", "[a-", "\\", "Europe/", "%", "a" * 3000, "\x00", "ü", HUGE])
        payload |= {"action_id": action_id, "block_id": self.rng.choice(["supports", "tz", "b", ""]), "value": value}
        where = self.rng.choice(["modal", "no container", "value missing", "value not a string"])
        if where == "modal":
            modal = copy.deepcopy(self.rng.choice(self.modals)) if self.modals else {"type": "modal"}
            payload |= {"container": {"type": "view", "view_id": "V1"}, "view": {**modal, "id": "V1"}}
        elif where == "value missing":
            del payload["value"]
        elif where == "value not a string":
            payload["value"] = self.rng.choice([None, 1, [], {}])
        who = self._who(payload)
        return self._interaction("block_suggestion", f"{action_id} {value[:20]!r}; {where}; {who}".strip("; "), payload)

    def event(self) -> FuzzRequest:
        """An Events API delivery: app_home_opened and odd variants, unknown types, retries, url_verification."""
        event_id = self._next("Ev")
        event = {"type": "app_home_opened", "user": self._person(), "channel": "D1", "tab": "home",
                 "event_ts": f"{time.time():.6f}"}  # fmt: skip
        body = {"token": "legacy", "team_id": TEAM, "api_app_id": "A1", "type": "event_callback",
                "event_id": event_id, "event_time": int(time.time()), "event": event}  # fmt: skip
        headers = {}
        mutation = self.rng.choices(
            ["", "no user", "user with NUL", "odd user", "user is a list", "messages tab", "no tab", "event is a list",
             "no event", "event is null", "event is a string", "unknown event type", "no event type", "no event_id",
             "repeated event_id", "no team_id", "odd team_id", "event_time not a number", "url_verification",
             "url_verification without challenge", "unknown top-level type", "no top-level type", "ssl_check",
             "app_rate_limited", "document is a list", "document is a string", "document is null"],
            [25, 4, 4, 4, 2, 3, 2, 4, 3, 2, 2, 6, 2, 3, 8, 2, 2, 2, 3, 2, 3, 2, 3, 2, 2, 2, 2],
        )[0]  # fmt: skip
        document: object = body
        if mutation == "no user":
            del event["user"]
        elif mutation == "user with NUL":
            event["user"] += "\x00"
        elif mutation == "odd user":
            event["user"] = self.rng.choice(ODD_USERS)
        elif mutation == "user is a list":
            event["user"] = ["U1"]
        elif mutation == "messages tab":
            event["tab"] = "messages"
        elif mutation == "no tab":
            del event["tab"]
        elif mutation == "event is a list":
            body["event"] = [event]
        elif mutation == "no event":
            del body["event"]
        elif mutation == "event is null":
            body["event"] = None
        elif mutation == "event is a string":
            body["event"] = "app_home_opened"
        elif mutation == "unknown event type":
            event["type"] = self.rng.choice(["reaction_added", "message", "app_mention", "bogus_type", "", "x" * 300])
            mutation += f" {event['type'][:20]!r}"
        elif mutation == "no event type":
            del event["type"]
        elif mutation == "no event_id":
            del body["event_id"]
        elif mutation == "repeated event_id" and not self.event_ids:
            mutation = ""
        elif mutation == "repeated event_id":
            body["event_id"] = self.rng.choice(self.event_ids)
            retry = str(self.rng.randint(1, 3))
            headers = {"X-Slack-Retry-Num": retry, "X-Slack-Retry-Reason": "http_timeout"}
            mutation += f" {body['event_id']} (retry {retry})"
        elif mutation == "no team_id":
            del body["team_id"]
        elif mutation == "odd team_id":
            body["team_id"] = self.rng.choice(ODD_TEAMS)
        elif mutation == "event_time not a number":
            body["event_time"] = self.rng.choice(["soon", None, HUGE, -1])
        elif mutation.startswith("url_verification"):
            document = {"token": "legacy", "type": "url_verification"}
            if mutation == "url_verification":
                document["challenge"] = self.rng.choice(["3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
                                                         "", "x" * 3000, 1, None])  # fmt: skip
        elif mutation == "unknown top-level type":
            body["type"] = self.rng.choice(["app_rate_limited_x", "block_actions", "", "event_callback "])
        elif mutation == "no top-level type":
            del body["type"]
        elif mutation == "ssl_check":
            return self._signed("event", mutation, "ssl_check=1&token=legacy")
        elif mutation == "app_rate_limited":
            document = {"token": "legacy", "type": "app_rate_limited", "team_id": TEAM, "minute_rate_limited": 1,
                        "api_app_id": "A1"}  # fmt: skip
        elif mutation.startswith("document is"):
            document = {"document is a list": [body], "document is a string": "event_callback"}.get(mutation)
        if "event_id" in body and isinstance(body.get("event"), dict):
            self.event_ids.append(body["event_id"])
        return self._signed("event", mutation or "app_home_opened", json.dumps(document), JSON, **headers)

    def other_payload(self) -> FuzzRequest:
        """Interactions Trellis registers nothing for, and payloads of the wrong shape."""
        mutation = self.rng.choice(
            ["view_closed", "shortcut", "message_action", "interactive_message", "dialog_submission",
             "unknown type", "no type", "payload is a list", "payload is a string", "payload is a number",
             "payload is null", "payload is {}", "empty form", "form without payload"]
        )  # fmt: skip
        if mutation == "empty form":
            return self._signed("other", mutation, "")
        if mutation == "form without payload":
            return self._signed("other", mutation, urlencode({"type": "block_actions", "user": "U1"}))
        payload: object = self._base(mutation)
        callback_id = self.rng.choice(self.m.ids + ["", "bogus"])
        if mutation == "view_closed":
            modal = copy.deepcopy(self.rng.choice(self.modals)) if self.modals else {"type": "modal"}
            payload |= {"view": {**modal, "id": self._next("V")}, "is_cleared": self.rng.choice([True, False])}
        elif mutation in ("shortcut", "message_action"):
            payload |= {"callback_id": callback_id, "action_ts": "1.0"}
            if mutation == "message_action":
                payload |= {"channel": {"id": "C1"}, "message": {"ts": "1.1", "text": odd_text(self.rng)},
                            "response_url": self.m.response_url}  # fmt: skip
        elif mutation == "unknown type":
            payload["type"] = self.rng.choice(["bogus", "", "x" * 300, "event_callback"])
        elif mutation == "no type":
            del payload["type"]
        else:
            shapes = {"payload is a list": [payload], "payload is a string": "block_actions", "payload is a number": 1,
                      "payload is null": None, "payload is {}": {}}  # fmt: skip
            payload = shapes.get(mutation, payload)
        return self._interaction("other", f"{mutation} {callback_id!r}", payload)
