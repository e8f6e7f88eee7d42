"""Logging for every `trellis` command: readable lines by default, one JSON object a line with LOG_FORMAT=json."""

import json
import logging
import os
import sys
from collections.abc import Mapping
from datetime import UTC, datetime

from gunicorn.glogging import Logger as GunicornLogger

TEXT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class JsonFormatter(logging.Formatter):
    """time, level, logger and message; a traceback is the string field exc_info, so the entry stays one line."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exc_info"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack_info"] = self.formatStack(record.stack_info)
        return json.dumps(entry, default=str)


FORMATTERS = {"text": lambda: logging.Formatter(TEXT), "json": JsonFormatter}


def log_format(env: Mapping[str, str] = os.environ) -> str:
    """LOG_FORMAT, text by default; anything else stops the command with a word on what it may be."""
    chosen = (env.get("LOG_FORMAT") or "text").strip().lower()
    if chosen not in FORMATTERS:
        print(f"trellis: LOG_FORMAT must be text or json; it is {env['LOG_FORMAT']!r}.", file=sys.stderr)
        raise SystemExit(2)
    return chosen


def configure_logging(env: Mapping[str, str] = os.environ) -> None:
    """INFO and above to standard error, in LOG_FORMAT; Python's warnings too."""
    handler = logging.StreamHandler()
    handler.setFormatter(FORMATTERS[log_format(env)]())
    logging.basicConfig(level=logging.INFO, handlers=[handler])
    logging.captureWarnings(True)


class JsonGunicornLogger(GunicornLogger):
    """gunicorn's own lines (starting, workers booting and dying) in JSON too, for `trellis serve`."""

    def setup(self, cfg) -> None:
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                handler.setFormatter(JsonFormatter())
