"""The server's thread pool is small (GIL convoys on two cores), and uploads have their own."""

from __future__ import annotations

import anyio
from fastapi.testclient import TestClient

from planwatch.web import create_app


def _tokens() -> float:
    return anyio.to_thread.current_default_thread_limiter().total_tokens


def test_the_pages_share_a_few_threads(sqlite_url, monkeypatch):
    monkeypatch.setenv("PLANWATCH_THREADS", "3")
    with TestClient(create_app(sqlite_url)) as client:
        assert client.portal is not None
        assert client.portal.call(_tokens) == 3


def test_four_threads_unless_told(sqlite_url, monkeypatch):
    monkeypatch.delenv("PLANWATCH_THREADS", raising=False)
    with TestClient(create_app(sqlite_url)) as client:
        assert client.portal is not None
        assert client.portal.call(_tokens) == 4
