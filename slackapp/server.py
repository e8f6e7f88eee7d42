"""The production HTTP server: gunicorn with threaded workers, configured the same for every app we serve."""

import os
from collections.abc import Callable

from gunicorn.app.base import BaseApplication


def gunicorn_defaults(port: int) -> dict:
    return {
        "bind": f"0.0.0.0:{port}",
        "workers": int(os.environ.get("WEB_CONCURRENCY") or 2),
        "worker_class": "gthread",
        "threads": 8,
        "timeout": 30,
        "control_socket_disable": True,
    }


def run_gunicorn(load: Callable[[], Callable], port: int) -> None:
    """Serve the WSGI app that `load()` builds in each worker. GUNICORN_CMD_ARGS overrides the defaults."""

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

    Server().run()
