"""About 30 commands a minute a person, counted in Redis; when Redis is down, commands still go through."""

from slackapp.bootstrap import TOO_MANY
from tests.conftest import start_trellis
from tests.shared.test_web import closed_port


def test_the_31st_command_in_a_minute_gets_a_short_answer(fake_slack, sqlite_url, clock, redis_url):
    with start_trellis(fake_slack, sqlite_url, clock, redis_url=redis_url) as trellis:
        replies = [trellis.command("help", user="U1").json() for _ in range(31)]
        other = trellis.command("help", user="U2").json()

    assert all("Set SMART goals" in r["blocks"][0]["text"]["text"] for r in replies[:30])
    assert replies[30] == {"response_type": "ephemeral", "text": TOO_MANY}
    assert other["response_type"] == "ephemeral" and other.get("text") != TOO_MANY


def test_the_limit_fails_open_when_redis_is_down(fake_slack, sqlite_url, clock):
    with start_trellis(fake_slack, sqlite_url, clock, redis_url=f"redis://127.0.0.1:{closed_port()}/0") as trellis:
        replies = [trellis.command("help", user="U1").json() for _ in range(35)]

    assert all(r.get("text") != TOO_MANY for r in replies)
