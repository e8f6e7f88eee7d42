"""The fake Slack's side of installs: oauth.v2.access for a code of an install, or a refresh token, and which
team each token it handed out belongs to (for auth.test)."""

import base64
import itertools
import threading

LIFETIME = 43200  # seconds a rotating token lives, as Slack's do


class FakeOAuth:
    def __init__(self, client_id: str, client_secret: str):
        self.client_id = client_id
        self.client_secret = client_secret
        self.codes: dict[str, dict] = {}  # an install's code → its workspace and token
        self.refreshes: dict[str, dict] = {}  # a refresh token, not used yet → its install
        self.teams: dict[str, dict] = {}  # each token handed out → its install
        self._seq = itertools.count(1)
        self._lock = threading.Lock()

    def add_install(
        self, code: str, team_id: str | None, *, enterprise_id: str | None = None, rotating: bool = False
    ) -> str:
        """Slack's answer to an install with `code`; returns the bot token it will hand out. No team and an
        enterprise id make an org-wide install."""
        install = {"team_id": team_id, "enterprise_id": enterprise_id, "rotating": rotating}
        self.codes[code] = install
        return self._token(install)

    def _token(self, install: dict) -> str:
        token = f"xoxb-{install['team_id'] or install['enterprise_id']}-{next(self._seq)}"
        if install["rotating"]:
            token = "xoxe." + token
        self.teams[token] = install
        install["token"] = token
        return token

    def access(self, args: dict, authorization: str | None) -> dict:
        expected = base64.b64encode(f"{self.client_id}:{self.client_secret}".encode()).decode()
        if authorization != f"Basic {expected}":
            return {"ok": False, "error": "invalid_client_id"}
        with self._lock:
            if args.get("grant_type") == "refresh_token":
                install = self.refreshes.pop(args.get("refresh_token") or "", None)
                if install is None:
                    return {"ok": False, "error": "invalid_refresh_token"}
                self._token(install)
            else:
                install = self.codes.pop(args.get("code") or "", None)
                if install is None:
                    return {"ok": False, "error": "invalid_code"}
            return self._answer(install)

    def _answer(self, install: dict) -> dict:
        team, enterprise = install["team_id"], install["enterprise_id"]
        answer = {
            "ok": True,
            "app_id": "A1",
            "authed_user": {"id": "U1"},
            "scope": "chat:write,commands",
            "token_type": "bot",
            "access_token": install["token"],
            "bot_user_id": "UBOT",
            "team": {"id": team, "name": f"Team {team}"} if team else None,
            "enterprise": {"id": enterprise, "name": f"Org {enterprise}"} if enterprise else None,
            "is_enterprise_install": team is None,
        }
        if install["rotating"]:
            refresh = f"xoxe-1-refresh-{next(self._seq)}"
            self.refreshes[refresh] = install
            answer.update(refresh_token=refresh, expires_in=LIFETIME)
        return answer

    def auth_test(self, token: str | None) -> dict | None:
        install = self.teams.get(token or "")
        if install is None:
            return None
        return {
            "ok": True,
            "team_id": install["team_id"],
            "enterprise_id": install["enterprise_id"],
            "user_id": "UBOT",
            "bot_id": "BBOT",
            "url": "https://org.enterprise.slack.com/",
        }
