"""Uploads cannot stall the server: a real ``planwatch serve`` with two workers, attacked.

A body announced too large is refused before it arrives; a zip bomb and a PDF too slow to read
are refused by the reading process's budget while another client's dashboard keeps answering;
an upload previewed by one worker is confirmed by whichever worker gets the next request.
"""

from __future__ import annotations

import io
import re
import socket
import threading
import time
import zipfile
from urllib.parse import urlparse

import httpx
import pytest

from planwatch.ingest import SAMPLE_REPORT, read_document
from planwatch.sources import save_document
from planwatch.store import add_user, migrated_engine
from test_web_support import PASSWORD, start_server

READ_SECONDS = 2
READ_MEMORY_MB = 300


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("limits") / "pw.sqlite"
    engine = migrated_engine(f"sqlite:///{db}")
    add_user(engine, "drc", PASSWORD, "editor")
    plan_id = save_document(engine, read_document(SAMPLE_REPORT), "sample").plan_id
    engine.dispose()
    options = ("--workers", "2", "--read-seconds", str(READ_SECONDS))
    process, base = start_server(db, *options, "--read-memory", str(READ_MEMORY_MB))
    yield base, plan_id
    process.terminate()
    process.wait(timeout=30)


def _bearer(base: str) -> dict[str, str]:
    answer = httpx.post(f"{base}/api/session", json={"name": "drc", "password": PASSWORD})
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['token']}"}


def _zip_bomb(uncompressed_mb: int) -> bytes:
    """A .docx whose document.xml inflates to ``uncompressed_mb`` MB (a few hundred KB packed)."""
    from docx import Document

    plain = io.BytesIO()
    Document().save(plain)
    packed = io.BytesIO()
    paragraph = b"<w:p><w:r><w:t>" + b"x" * 1000 + b"</w:t></w:r></w:p>"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(packed, "w") as bomb:
        for item in source.infolist():
            if item.filename != "word/document.xml":
                bomb.writestr(item, source.read(item))
        member = zipfile.ZipInfo("word/document.xml")
        member.compress_type = zipfile.ZIP_DEFLATED
        with bomb.open(member, "w", force_zip64=True) as part:
            part.write(
                b'<w:document xmlns:w="http://schemas.openxmlformats.org/'
                b'wordprocessingml/2006/main"><w:body>'
            )
            chunk = paragraph * 1024
            for _ in range(uncompressed_mb * 1024 * 1024 // len(chunk)):
                part.write(chunk)
            part.write(b"</w:body></w:document>")
    return packed.getvalue()


def _slow_pdf(pages: int = 100) -> bytes:
    """A PDF of ``pages`` pages of text: several seconds for the PDF reader (6 s here)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    sheet = canvas.Canvas(out, pagesize=A4)
    for page in range(pages):
        for line in range(50):
            sheet.drawString(40, 800 - line * 15, f"page {page} line {line}: 12345 67890 abcdef")
        sheet.showPage()
    sheet.save()
    return out.getvalue()


def _while_dashboard_is_read(base: str, plan_id: int, action) -> tuple[object, float, int]:
    """Run ``action`` while another client reads the dashboard in a loop: the action's result,
    the slowest dashboard answer in seconds, and how many answers there were."""
    headers = _bearer(base)
    done = threading.Event()
    slowest, answers = [0.0], [0]

    def read_dashboard() -> None:
        with httpx.Client(headers=headers, timeout=10) as client:
            while not done.is_set():
                started = time.perf_counter()
                response = client.get(f"{base}/api/plans/{plan_id}/assessments")
                assert response.status_code == 200, response.text
                slowest[0] = max(slowest[0], time.perf_counter() - started)
                answers[0] += 1
                time.sleep(0.05)

    reader = threading.Thread(target=read_dashboard)
    reader.start()
    try:
        result = action(headers)
    finally:
        done.set()
        reader.join()
    return result, slowest[0], answers[0]


def _upload(base: str, headers: dict, name: str, data: bytes) -> httpx.Response:
    files = {"file": (name, data, "application/octet-stream")}
    return httpx.post(f"{base}/api/plans?dry_run=true", headers=headers, files=files, timeout=60)


def test_a_body_announced_too_large_is_refused_before_it_arrives(server):
    base, _plan_id = server
    address = urlparse(base)
    started = time.perf_counter()
    with socket.create_connection((address.hostname, address.port), timeout=5) as connection:
        connection.sendall(
            b"POST /api/plans HTTP/1.1\r\nHost: x\r\nContent-Length: 300000000\r\n"
            b"Content-Type: multipart/form-data; boundary=b\r\n\r\n"
        )
        received = b""
        while chunk := connection.recv(4096):
            received += chunk
        answer = received.decode("utf-8", "replace")
    assert answer.startswith("HTTP/1.1 413")
    assert "请求内容超过20MB" in answer
    assert time.perf_counter() - started < 5  # no wait for 300 MB that never came


def test_a_zip_bomb_is_refused_while_the_dashboard_answers(server):
    base, plan_id = server
    bomb = _zip_bomb(uncompressed_mb=2 * READ_MEMORY_MB)
    assert len(bomb) < 5 * 1024 * 1024
    response, slowest, answers = _while_dashboard_is_read(
        base, plan_id, lambda headers: _upload(base, headers, "bomb.docx", bomb)
    )
    assert response.status_code == 415, response.text
    assert re.search(r"内存超过上限|读取进程异常退出", response.json()["message"])
    assert answers >= 3
    assert slowest < 1.0


def test_a_pdf_too_slow_to_read_is_stopped_while_the_dashboard_answers(server):
    base, plan_id = server
    pdf = _slow_pdf()
    response, slowest, answers = _while_dashboard_is_read(
        base, plan_id, lambda headers: _upload(base, headers, "slow.pdf", pdf)
    )
    assert response.status_code == 415, response.text
    assert response.json()["message"] == (
        f"读取该文件超过{READ_SECONDS}秒，已停止（文件过大或已损坏）"
    )
    assert answers >= 3
    assert slowest < 1.0


def test_a_preview_is_confirmed_by_any_worker(server):
    base, plan_id = server
    for _ in range(6):  # new connections each time: the two workers share the requests
        with httpx.Client(base_url=base, headers={"Connection": "close"}) as client:
            client.get("/login")
            token = client.cookies["pw_csrf"]
            form = {"name": "drc", "password": PASSWORD, "csrf_token": token}
            assert client.post("/login", data=form).status_code == 303
            files = {"file": ("苏州.txt", SAMPLE_REPORT.read_bytes(), "text/plain")}
            preview = client.post("/upload", data={"csrf_token": token}, files=files)
            assert preview.status_code == 200, preview.text
            pending = re.search(r'name="token" value="([^"]+)"', preview.text).group(1)
            confirmed = client.post(
                "/upload/confirm",
                data={"csrf_token": token, "token": pending},
                headers={"Connection": "close"},
            )
            assert confirmed.status_code == 303, confirmed.text
            assert confirmed.headers["location"] == f"/plans/{plan_id}?saved=unchanged"
