"""Slack Web API clients: the one place that knows how Trellis reaches a workspace."""

import logging
import threading

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler, RateLimitErrorRetryHandler

from domain.shared.workspace import WorkspaceKey
from slackapp.config import Settings


def api_logger() -> logging.Logger:
    log = logging.getLogger("trellis.slack_api")
    if log.level == logging.NOTSET:  # slack_sdk formats every request body for debug unless a level is set
        log.setLevel(logging.INFO)
    return log


def web_client(settings: Settings, *, timeout: float = 10, retries: bool = True) -> WebClient:
    """Slack's Web API at SLACK_API_URL; with `retries`, connection errors are retried and 429 Retry-After
    honoured (slack_sdk's handlers)."""
    handlers = (
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


class SlackClients:
    """A client for each workspace, built once. Today every workspace uses the one bot token of a
    single-workspace install; multi-workspace installs will look the token up here."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._clients: dict[tuple, WebClient] = {}
        self._lock = threading.Lock()

    def for_workspace(self, workspace: WorkspaceKey, *, timeout: float = 10, retries: bool = True) -> WebClient:
        """`retries` False for callers that decide about retries themselves, or that must answer quickly."""
        key = (workspace, timeout, retries)
        with self._lock:
            if key not in self._clients:
                self._clients[key] = web_client(self.settings, timeout=timeout, retries=retries)
            return self._clients[key]


def slack_error(error: Exception) -> str:
    """What went wrong with a call, for one log line: Slack's error code, or the kind of network failure."""
    response = getattr(error, "response", None)
    code = response.get("error") if isinstance(error, SlackApiError) and response is not None else None
    return str(code or type(error).__name__)
