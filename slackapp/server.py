"""The production HTTP server: gunicorn with threaded workers, configured the same for every app we serve."""

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from gunicorn.app.base import BaseApplication
from prometheus_client import multiprocess

from slackapp.logs import JsonGunicornLogger, log_format
from slackapp.metrics import share_between_processes


def gunicorn_defaults(port: int) -> dict:
    return {
        "bind": f"0.0.0.0:{port}",
        "workers": int(os.environ.get("WEB_CONCURRENCY") or 2),
        "worker_class": "gthread",
        "threads": 8,
        "timeout": 30,
        "control_socket_disable": True,
        "child_exit": lambda server, worker: multiprocess.mark_process_dead(worker.pid),
        **({"logger_class": JsonGunicornLogger} if log_format() == "json" else {}),
    }


def run_gunicorn(load: Callable[[], Callable], port: int) -> None:
    """Serve the WSGI app that `load()` builds in each worker. GUNICORN_CMD_ARGS overrides the defaults.

    The workers count for /metrics in shared files, in PROMETHEUS_MULTIPROC_DIR, or else in a fresh folder
    removed on exit."""
    given = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    ours = None if given else tempfile.mkdtemp(prefix="trellis-metrics-")
    Path(given or ours).mkdir(parents=True, exist_ok=True)
    for stale in Path(given or ours).glob("*.db"):  # a previous run's counts would add to this one's
        stale.unlink()
    share_between_processes(given or ours)
    arbiter = os.getpid()

    class Server(BaseApplication):
        def load_config(self):
            for key, value in gunicorn_defaults(port).items():
                self.cfg.set(key, value)
            from_env = self.cfg.parser().parse_args(self.cfg.get_cmd_args_from_env())
            for key, value in vars(from_env).items():
                if value is not None and key in self.cfg.settings:
                    self.cfg.set(key, value)

        def load(self):
            return load()

    try:
        Server().run()
    finally:
        if ours and os.getpid() == arbiter:  # a worker leaves through here too, by SystemExit
            shutil.rmtree(ours, ignore_errors=True)
