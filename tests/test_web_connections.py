"""One database connection per request (issue 17): the store calls a page makes share one.

Real app on a real SQLite file; a pool ``checkout`` listener on the app's engine counts the
connections each request takes from the pool.
"""

from __future__ import annotations

import pytest
from sqlalchemy import event, text

from planwatch.store import get_user, set_setting, shared_connection
from planwatch.store.users import get_setting
from planwatch.web import page_cache
from test_web_support import make_site


@pytest.fixture
def site(tmp_path):
    page_cache.forget()
    return make_site(f"sqlite:///{tmp_path / 'pw.sqlite'}")


@pytest.fixture
def checkouts(site):
    """A list that grows by one on each pool checkout of the app's engine."""
    engine = site.app.state.engine
    seen: list[int] = []

    def count(*_args) -> None:
        seen.append(1)

    event.listen(engine, "checkout", count)
    yield seen
    event.remove(engine, "checkout", count)


def _checkouts_of(client, path: str, seen: list[int]) -> int:
    before = len(seen)
    response = client.get(path)
    assert response.status_code == 200, response.text
    return len(seen) - before


def test_dashboard_takes_one_connection(site, checkouts, monkeypatch):
    client = site.client("reader")
    path = f"/plans/{site.plan_id}"
    assert _checkouts_of(client, path, checkouts) == 1  # built: session, marker, rows, overrides
    assert _checkouts_of(client, path, checkouts) == 1  # kept: session and marker
    assert _checkouts_of(client, path + "?table=2", checkouts) == 1
    monkeypatch.setenv("PLANWATCH_PAGE_CACHE", "off")
    assert _checkouts_of(client, path, checkouts) == 1


def test_bearer_token_and_other_pages_take_one_connection(site, checkouts):
    client = site.client()
    response = client.post("/api/session", json={"name": "reader", "password": "correct-horse-9"})
    assert response.status_code == 200, response.text
    client.headers["Authorization"] = f"Bearer {response.json()['token']}"
    for path in ("/", f"/plans/{site.plan_id}", f"/plans/{site.plan_id}/versions"):
        assert _checkouts_of(client, path, checkouts) == 1, path


def test_static_files_take_no_connection(site, checkouts):
    client = site.client()
    assert _checkouts_of(client, "/static/planwatch.css", checkouts) == 0


def test_writes_in_a_shared_connection_are_committed(site, checkouts):
    """A write made through the held connection is committed when its call returns: another
    connection sees it before the block ends, and a read in the block sees it too."""
    engine = site.app.state.engine
    before = len(checkouts)
    with shared_connection(engine):
        set_setting(engine, "test.flag", "on", "admin")
        assert get_setting(engine, "test.flag") == "on"
        with engine.connect() as other:  # its own connection, outside the shared one
            stored = other.execute(
                text("SELECT value FROM settings WHERE key = 'test.flag'")
            ).scalar()
        assert stored == "on"
        assert get_user(engine, "admin").name == "admin"
    assert len(checkouts) - before == 2  # the shared one and the explicit other


def test_a_nested_call_gets_its_own_connection(site, checkouts):
    """While one call holds the shared connection, a call inside it takes another (as it
    would without sharing), so neither ends the other's transaction."""
    from planwatch.store.database import connect

    engine = site.app.state.engine
    before = len(checkouts)
    with shared_connection(engine):
        with connect(engine) as outer:
            assert get_setting(engine, "missing", "default") == "default"
            assert outer is not None
        with connect(engine) as again:
            assert again is outer  # the held one, free again
    assert len(checkouts) - before == 2
