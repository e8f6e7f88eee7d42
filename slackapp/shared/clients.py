"""Slack Web API clients: the one place that knows how Trellis reaches a workspace."""

import logging
import threading
from collections.abc import Callable

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler, RateLimitErrorRetryHandler

from domain.shared.workspace import WorkspaceKey
from slackapp.config import Settings
from slackapp.metrics import SlackCallCounter


def api_logger() -> logging.Logger:
    log = logging.getLogger("trellis.slack_api")
    if log.level == logging.NOTSET:  # slack_sdk formats every request body for debug unless a level is set
        log.setLevel(logging.INFO)
    return log


def web_client(settings: Settings, *, timeout: float = 10, retries: bool = True) -> WebClient:
    """Slack's Web API at SLACK_API_URL; with `retries`, connection errors are retried and 429 Retry-After
    honoured (slack_sdk's handlers). Every request is counted for /metrics, first, by SlackCallCounter."""
    handlers = [SlackCallCounter()] + (
        [ConnectionErrorRetryHandler(max_retry_count=2), RateLimitErrorRetryHandler(max_retry_count=2)]
        if retries
        else []
    )
    return WebClient(
        logger=api_logger(),
        token=settings.bot_token,
        base_url=settings.api_url,
        timeout=timeout,
        retry_handlers=handlers,
    )


class _SameTokenWarning(logging.Filter):
    """Bolt reads SLACK_BOT_TOKEN itself and warns on every start that the client Trellis gives it (pointed at
    SLACK_API_URL, with retry handlers) takes the token's place; it holds that same token."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "`token` will be unused" not in record.getMessage()


_SAME_TOKEN = _SameTokenWarning()


def bolt_client(settings: Settings, *, installed_through_oauth: bool) -> WebClient:
    """The client Bolt copies for each request: with OAuth installs, with no token of its own (each request's comes
    from its workspace's installation)."""
    logging.getLogger("slack_bolt.App").addFilter(_SAME_TOKEN)
    client = web_client(settings)
    if installed_through_oauth:
        client.token = None
    return client


class NotInstalled(Exception):
    """Trellis has no bot token it can use for this workspace: it was never installed there, was uninstalled, or
    its token can no longer be refreshed or read (`why`). Only installing it again mends that."""

    def __init__(self, workspace: WorkspaceKey, why: str = "not installed"):
        super().__init__(f"{why}: {workspace.enterprise_id or '-'}/{workspace.team_id}")
        self.workspace = workspace
        self.why = why


BotTokens = Callable[[WorkspaceKey], str]  # a workspace's bot token, or NotInstalled


class SlackClients:
    """A client for each workspace: the one bot token of a single-workspace install, or each workspace's own from
    its installation (`bot_tokens`). A client is built again when its workspace's token changes (rotation)."""

    def __init__(self, settings: Settings, bot_tokens: BotTokens | None = None):
        self.settings = settings
        self.bot_tokens = bot_tokens or self._env_token
        self._clients: dict[tuple, WebClient] = {}
        self._lock = threading.Lock()

    def _env_token(self, workspace: WorkspaceKey) -> str:
        if not self.settings.bot_token:
            raise NotInstalled(workspace)
        return self.settings.bot_token

    def for_workspace(self, workspace: WorkspaceKey, *, timeout: float = 10, retries: bool = True) -> WebClient:
        """`retries` False for callers that decide about retries themselves, or that must answer quickly."""
        token = self.bot_tokens(workspace)
        key = (workspace, timeout, retries)
        with self._lock:
            client = self._clients.get(key)
            if client is None or client.token != token:
                client = web_client(self.settings, timeout=timeout, retries=retries)
                client.token = token
                self._clients[key] = client
            return client


def slack_error(error: Exception) -> str:
    """What went wrong with a call, for one log line: Slack's error code, or the kind of network failure."""
    response = getattr(error, "response", None)
    code = response.get("error") if isinstance(error, SlackApiError) and response is not None else None
    return str(code or type(error).__name__)
