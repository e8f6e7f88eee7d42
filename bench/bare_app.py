"""The baseline for bench.goal_load: a bare Bolt app whose `/goal` acks and opens a one-block modal.

It is served exactly like `trellis serve`: `slackapp.server.run_gunicorn`, the same WebClient
(`slackapp.shared.clients.web_client`), `process_before_response=False` and as many listener threads.
Env: SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_API_URL, PORT (plus WEB_CONCURRENCY / GUNICORN_CMD_ARGS).
"""

from concurrent.futures import ThreadPoolExecutor

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

from slackapp.bootstrap import LISTENER_THREADS
from slackapp.config import Settings
from slackapp.server import run_gunicorn
from slackapp.shared.clients import web_client

MODAL = {
    "type": "modal",
    "title": {"type": "plain_text", "text": "New goal"},
    "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "Hello from the bare app."}}],
}


def build(settings: Settings) -> SlackRequestHandler:
    app = App(
        client=web_client(settings),
        signing_secret=settings.signing_secret or "",
        process_before_response=False,
        listener_executor=ThreadPoolExecutor(max_workers=LISTENER_THREADS, thread_name_prefix="listener"),
    )

    @app.command("/goal")
    def goal(ack, command, client):
        ack()
        client.views_open(trigger_id=command["trigger_id"], view=MODAL)

    return SlackRequestHandler(app, path="/slack/events")


def main() -> None:
    settings = Settings.from_env()
    settings.require_slack()
    run_gunicorn(lambda: build(settings), settings.port)


if __name__ == "__main__":
    main()
