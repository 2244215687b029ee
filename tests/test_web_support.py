"""Helpers shared by the web, API, security and browser tests (no tests of its own).

``make_site`` builds the real app on a real database with one account per role and the
sample report stored, two of its indicators assigned to two departments. ``start_server``
runs ``planwatch serve`` for real (browser tests and the load benchmark).
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from fastapi.testclient import TestClient

from planwatch.ingest import SAMPLE_REPORT, read_document
from planwatch.sources import save_document
from planwatch.store.indicators import assign_department, list_indicators
from planwatch.store.users import add_user
from planwatch.web import create_app

PASSWORD = "correct-horse-9"
ACCOUNTS = {
    "admin": ("admin", None),
    "drc": ("editor", None),
    "tongji": ("department", "统计局"),
    "shangwu": ("department", "商务局"),
    "reader": ("viewer", None),
}
GDP = "地区生产总值"
RETAIL = "社会消费品零售总额"
# The browser tests' Chromium (Debian's, from scripts/setup-system.sh) and its switches.
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@dataclass
class Site:
    app: object
    plan_id: int
    ids: dict[str, int]  # indicator name → id

    def client(self, who: str | None = None) -> TestClient:
        client = TestClient(self.app, raise_server_exceptions=False)
        if who is not None:
            login(client, who)
        return client


def csrf(client: TestClient) -> str:
    if "pw_csrf" not in client.cookies:
        client.get("/login")
    return client.cookies["pw_csrf"]


def login(client: TestClient, who: str) -> str:
    token = csrf(client)
    response = client.post(
        "/login",
        data={"name": who, "password": PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return token


def bearer(client: TestClient, who: str) -> dict[str, str]:
    response = client.post("/api/session", json={"name": who, "password": PASSWORD})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['token']}"}


def make_site(url: str, accounts: dict = ACCOUNTS) -> Site:
    app = create_app(url)
    engine = app.state.engine
    for name, (role, department) in accounts.items():
        add_user(engine, name, PASSWORD, role, department)
    plan_id = save_document(engine, read_document(SAMPLE_REPORT), "sample").plan_id
    ids = {i.name: i.id for i in list_indicators(engine, plan_id=plan_id)}
    assign_department(engine, ids[GDP], "统计局", "admin")
    assign_department(engine, ids[RETAIL], "商务局", "admin")
    return Site(app, plan_id, ids)


def start_server(db: Path | str, *options: str) -> tuple[subprocess.Popen, str]:
    """``planwatch serve`` on a free loopback port: the process and its base URL, once it answers.

    ``options`` are more of serve's options (``--workers 2``). The server's output goes to
    ``DB.log``, shown if it does not start.
    """
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "planwatch", "serve", "--port", str(port), "--db", str(db)]
    command += options
    log = Path(f"{db}.log")
    with log.open("wb") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and process.poll() is None:
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return process, f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("planwatch serve did not start:\n" + log.read_text(errors="replace")[-3000:])


def chart_drawn(page, canvas_id: str) -> bool:
    """Whether the canvas holds coloured pixels (Chart.js ran; the CSP let the script load)."""
    return page.evaluate(
        """(id) => {
        const c = document.getElementById(id);
        if (!c) return false;
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        for (let i = 0; i < d.length; i += 4) {
            if (d[i + 3] > 0 && d[i] !== d[i + 2]) return true;
        }
        return false;
    }""",
        canvas_id,
    )


def signed_in_page(browser, base: str, name: str, width: int = 1366):
    """A new Chromium page signed in as ``name`` (password ``PASSWORD``) on a real server."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(f"{base}/login")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    return page
