"""PostgreSQL goes away, refusing or never answering, or commits and its answer is lost: every person still hears
back in time, and plainly, that storage is down; nothing is said to be saved that wasn't, nor saved twice; and
once the database is back, Trellis is too."""

import socket
import socketserver
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import make_url, text

from domain.shared.workspace import WorkspaceKey
from persistence.database import make_engine, upgrade
from slackapp.goals.form import new_goal_modal
from slackapp.shared.boundary import STORAGE_DOWN
from tests.conftest import start_trellis
from tests.examples import GOOD_GOAL
from tests.goals.test_goal_lifecycle import modal_for, set_goal
from tests.slack_driver import text_of
from tests.tcp_proxy import TcpProxy

LISTED = f"#1 · {GOOD_GOAL['title']}"
REPEATED = "Trellis got this twice and saved it once."
RECOVERY = 20  # seconds to come back: Trellis waits up to about 8 s between tries to reach the database


@pytest.fixture
def proxy(postgres_url):
    """A proxy in front of a freshly migrated PostgreSQL database."""
    engine = make_engine(postgres_url)
    upgrade(engine)
    engine.dispose()
    database = make_url(postgres_url)
    with TcpProxy(database.host or "127.0.0.1", database.port or 5432) as proxy:
        yield proxy


@pytest.fixture
def trellis(fake_slack, postgres_url, proxy, clock):
    """Trellis on PostgreSQL, reaching it only through the proxy."""
    url = make_url(postgres_url).set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    with start_trellis(fake_slack, url, clock) as driver:
        yield driver
        proxy.refuse()  # a test that failed mid-outage leaves no request waiting on a black hole


def storage_down(reply) -> None:
    assert reply.status == 200, (reply.status, reply.body[:300])
    assert reply.seconds < 3, f"answered after {reply.seconds:.2f} s"
    answer = reply.json()
    assert (answer.get("response_type"), answer.get("text")) == ("ephemeral", STORAGE_DOWN), reply.body[:300]


def unhealthy(trellis) -> None:
    reply = trellis.get("/healthz")
    assert reply.seconds < 1, f"/healthz answered after {reply.seconds:.2f} s"
    assert reply.status == 503, reply.body
    assert reply.json()["database"].startswith("unavailable"), reply.body


def until(check, seconds: float = RECOVERY, every: float = 0.5) -> None:
    """Run `check` until it returns None; after `seconds`, fail with what it returned last."""
    deadline = time.monotonic() + seconds
    while (seen := check()) is not None:
        assert time.monotonic() < deadline, f"still, after {seconds} s: {seen}"
        time.sleep(every)


def recovers(trellis) -> None:
    """`/goal list` lists goal #1 again and /healthz says 200; every answer on the way comes in time."""

    def lists_the_goal():
        reply = trellis.command("list")
        assert reply.status == 200 and reply.seconds < 3, (reply.status, reply.seconds, reply.body[:300])
        return None if LISTED in text_of(reply.json()) else reply.body[:300]

    def healthy():
        reply = trellis.get("/healthz")
        assert reply.seconds < 1, f"/healthz answered after {reply.seconds:.2f} s"
        return None if reply.status == 200 else reply.body

    until(lists_the_goal, every=1)  # at most 20 commands: U1 stays within 30 commands a minute
    until(healthy)


def the_outage_is_told_plainly(trellis) -> None:
    storage_down(trellis.command("list"))
    storage_down(trellis.command("checkin 1"))
    assert trellis.fake.calls_to("views.open") == []  # no check-in modal for a goal it couldn't read
    unhealthy(trellis)


def test_a_refused_database_is_told_plainly_and_trellis_comes_back(trellis, proxy):
    set_goal(trellis)

    proxy.refuse()
    the_outage_is_told_plainly(trellis)

    proxy.forward()
    recovers(trellis)


def test_a_database_that_never_answers_is_told_in_time_and_trellis_comes_back(trellis, proxy):
    set_goal(trellis)
    people = [f"U{n}" for n in range(100, 120)]  # twenty people: the per-person command limit stays out of it
    for person in people:
        trellis.fake.add_user(person, f"Person {person}")

    proxy.black_hole()
    with ThreadPoolExecutor(len(people)) as pool:  # the burst meets the outage first, before anything gave up
        burst = [pool.submit(trellis.command, "list", user=person) for person in people]
        time.sleep(0.1)  # the burst reaches Trellis and waits on the database
        helped = trellis.command("help")
        unhealthy(trellis)
        listed = [answer.result() for answer in burst]

    assert helped.status == 200 and helped.seconds < 1, (helped.status, helped.seconds, helped.body[:300])
    assert "`/goal list`" in text_of(helped.json())
    for reply in listed:
        storage_down(reply)
    the_outage_is_told_plainly(trellis)

    proxy.forward()
    recovers(trellis)


def test_a_goal_submitted_into_a_black_hole_is_not_said_saved_and_is_saved_once_on_retry(trellis, proxy):
    view = new_goal_modal()
    proxy.black_hole()

    reply = trellis.submit_view(view, GOOD_GOAL, view_id="VOUTAGE")

    assert reply.status == 200 and reply.seconds < 3, (reply.status, reply.seconds)
    answer = reply.json()
    assert answer.get("response_action") == "errors", reply.body[:300]  # the modal stays open, answers kept
    assert STORAGE_DOWN in answer["errors"].values(), answer["errors"]
    assert GOOD_GOAL["title"] not in reply.body

    proxy.forward()

    def saved():
        reply = trellis.submit_view(view, GOOD_GOAL, view_id="VOUTAGE")  # the same modal, submitted again
        assert reply.status == 200 and reply.seconds < 3, (reply.status, reply.seconds)
        answer = reply.json()
        if answer.get("response_action") == "update":
            assert LISTED in text_of(answer["view"])
            return None
        assert answer == {"response_action": "errors", "errors": answer.get("errors")}, reply.body[:300]
        assert set(answer["errors"].values()) == {STORAGE_DOWN}, answer["errors"]
        return reply.body[:300]

    until(saved, every=1)
    with trellis.services.uow(WorkspaceKey("", "T1")) as uow:
        assert [goal.number for goal in uow.goals.owned_by("U1")] == [1]


def rows(postgres_url: str, table: str) -> int:
    """How many rows `table` holds, asked of PostgreSQL itself, not through the proxy."""
    engine = make_engine(postgres_url)
    try:
        with engine.connect() as connection:
            return connection.scalar(text(f"SELECT count(*) FROM {table}"))
    finally:
        engine.dispose()


def saved_once_though_told_not(trellis, proxy, postgres_url, view: dict, answers: dict, table: str, saved: str):
    """Submit `view` while the database commits but its answer is lost: the person is told storage is down, not
    that it was saved, though it was. Once the database is back, the same modal submitted again is told it was
    saved (`saved`, or that it came twice), and `table` gains one row in all."""
    before = rows(postgres_url, table)
    proxy.lose_answers_after(b"COMMIT")

    reply = trellis.submit_view(view, answers, view_id="VLOST")

    assert reply.status == 200 and reply.seconds < 3, (reply.status, reply.seconds, reply.body[:300])
    answer = reply.json()
    assert answer == {"response_action": "errors", "errors": answer.get("errors")}, reply.body[:300]
    assert set(answer["errors"].values()) == {STORAGE_DOWN}, answer["errors"]
    assert rows(postgres_url, table) == before + 1  # the commit landed: only its answer was lost

    proxy.forward()

    def said_saved():
        reply = trellis.submit_view(view, answers, view_id="VLOST")  # the same modal, submitted again
        assert reply.status == 200 and reply.seconds < 3, (reply.status, reply.seconds, reply.body[:300])
        answer = reply.json()
        if answer.get("response_action") == "update":
            words = text_of(answer["view"])
            assert saved in words or REPEATED in words, reply.body[:300]
            return None
        assert answer == {"response_action": "errors", "errors": answer.get("errors")}, reply.body[:300]
        assert set(answer["errors"].values()) == {STORAGE_DOWN}, answer["errors"]
        return reply.body[:300]

    until(said_saved, every=1)
    assert rows(postgres_url, table) == before + 1


def test_a_goal_whose_commit_answer_is_lost_is_told_not_saved_and_saved_once_on_retry(trellis, proxy, postgres_url):
    assert trellis.command("list").status == 200  # U1 is known now: the next commit is the goal's
    saved_once_though_told_not(trellis, proxy, postgres_url, new_goal_modal(), GOOD_GOAL, "goals", LISTED)
    with trellis.services.uow(WorkspaceKey.of(None, "T1")) as uow:
        assert [goal.number for goal in uow.goals.owned_by("U1")] == [1]


def test_a_check_in_whose_commit_answer_is_lost_is_told_not_saved_and_saved_once_on_retry(trellis, proxy, postgres_url):
    set_goal(trellis)
    modal = modal_for(trellis, "checkin 1")
    saved_once_though_told_not(
        trellis, proxy, postgres_url, modal, {"value": "1", "confidence": "4"}, "checkins", "Checked in"
    )
    assert "Check-ins (1)" in text_of(modal_for(trellis, "show 1"))


class Echo(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        try:
            while data := self.request.recv(4096):
                self.server.heard.append(data)
                self.request.sendall(data)
        except OSError:  # the proxy reset us
            pass


@pytest.fixture
def echo():
    """An echo server that keeps what it heard in `heard`."""
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Echo)
    server.daemon_threads = True
    server.heard = []
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


def talk(port: int, words: bytes = b"ping") -> socket.socket:
    client = socket.create_connection(("127.0.0.1", port), timeout=0.3)
    client.sendall(words)
    return client


def heals(proxy: TcpProxy, *black_holed: socket.socket) -> None:
    """Back to forwarding: the connections that lived through the black hole are reset, new ones work."""
    proxy.forward()
    for client in black_holed:
        with pytest.raises(ConnectionResetError):
            client.recv(4)
    assert talk(proxy.port).recv(4) == b"ping"


def test_the_proxy_forwards_refuses_and_black_holes(echo):
    with TcpProxy(*echo.server_address) as proxy:
        old = talk(proxy.port)
        assert old.recv(4) == b"ping"
        proxy.refuse()
        with pytest.raises(ConnectionResetError):
            old.recv(4)
        with pytest.raises(ConnectionRefusedError):
            talk(proxy.port)
        proxy.forward()
        old = talk(proxy.port)
        assert old.recv(4) == b"ping"
        proxy.black_hole()
        old.sendall(b"lost")
        new = talk(proxy.port)  # accepted, never answered
        for client in (old, new):
            with pytest.raises(TimeoutError):
                client.recv(4)
        heals(proxy, old, new)


def test_the_proxy_loses_the_answers_once_a_client_says_the_marker(echo):
    with TcpProxy(*echo.server_address) as proxy:
        proxy.lose_answers_after(b"COMMIT")
        old = talk(proxy.port)
        assert old.recv(4) == b"ping"  # relayed both ways until the marker
        old.sendall(b"COMMIT")
        with pytest.raises(TimeoutError):
            old.recv(6)
        assert b"".join(echo.heard) == b"pingCOMMIT"  # the server heard it and answered; the answer was lost
        new = talk(proxy.port)  # and from then on, a black hole for everyone
        with pytest.raises(TimeoutError):
            new.recv(4)
        heals(proxy, old, new)
