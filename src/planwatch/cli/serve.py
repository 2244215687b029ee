"""``planwatch serve``: the web app on uvicorn, in one or several processes.

The database is migrated once, here, before any worker starts; each worker then builds the app
from the environment (``web.app.app_from_environment``). Everything a request needs between
requests (sessions, upload previews, login attempts) lives in the database, so any worker may
answer any request.

Behind an HTTPS reverse proxy: ``--secure-cookies`` and ``--proxy-headers`` (docs/web.md).
The sign-in policy comes from ``PLANWATCH_LOGIN_*`` and ``PLANWATCH_SESSION_*`` variables
(``store.POLICY_ENVIRONMENT``).
"""

from __future__ import annotations

import errno
import os
from typing import Annotated

import typer

from planwatch.cli.common import DbOption, err, user_errors


def serve(
    host: Annotated[str, typer.Option("--host", help="监听地址")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="端口")] = 8000,
    workers: Annotated[
        int, typer.Option("--workers", min=0, help="工作进程数（默认0：CPU 核数）")
    ] = 0,
    read_seconds: Annotated[
        float, typer.Option("--read-seconds", help="读取一个上传文件的时间上限（秒）")
    ] = 30.0,
    read_memory: Annotated[
        int, typer.Option("--read-memory", help="读取一个上传文件的内存上限（MB）")
    ] = 1024,
    secure_cookies: Annotated[
        bool,
        typer.Option("--secure-cookies", help="Cookie 加 Secure 标志（经 HTTPS 访问时）"),
    ] = False,
    proxy_headers: Annotated[
        bool,
        typer.Option(
            "--proxy-headers",
            help="信任反向代理的 X-Forwarded-For/-Proto（仅来自 --forwarded-allow-ips 的连接）",
        ),
    ] = False,
    forwarded_allow_ips: Annotated[
        str,
        typer.Option("--forwarded-allow-ips", help="受信任的反向代理地址（逗号分隔）"),
    ] = "127.0.0.1",
    db: DbOption = None,
) -> None:
    """启动网页应用和 REST API。Serve the web app and the REST API."""
    import uvicorn

    from planwatch.store import AccountPolicy, database_url, migrated_engine

    with user_errors():
        AccountPolicy.from_environment()  # a bad PLANWATCH_LOGIN_*/SESSION_* fails here, once
        check_port(host, port)  # before the migration: a busy port fails at once
        url = database_url(db)
        migrated_engine(url).dispose()  # once, before the workers: none of them migrates
    workers = workers or os.cpu_count() or 1
    os.environ.update(
        {
            "PLANWATCH_DATABASE_URL": url,
            "PLANWATCH_READ_SECONDS": str(read_seconds),
            "PLANWATCH_READ_MEMORY_MB": str(read_memory),
            "PLANWATCH_SECURE_COOKIES": "1" if secure_cookies else "0",
        }
    )
    where = f"http://{host}:{port}/"
    err.print(
        f"planwatch 网页：{where}  （{workers}个进程；API 文档：/api/docs；Ctrl+C 停止）",
        soft_wrap=True,
    )
    uvicorn.run(
        "planwatch.web.app:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        # Without --proxy-headers the connection's address is the client's (sign-in throttling
        # counts by it): a forwarded header is believed only from a trusted proxy.
        proxy_headers=proxy_headers,
        forwarded_allow_ips=forwarded_allow_ips,
    )


def check_port(host: str, port: int) -> None:
    """Bind the address briefly, as uvicorn will, so that a port in use fails in Chinese
    (``PortUnavailable``) instead of in uvicorn's English log and exit code."""
    import socket

    from planwatch.errors import PortUnavailable

    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError) as exc:
        raise PortUnavailable(
            f"无法解析监听地址“{host}”：请检查 --host", f"cannot resolve host {host!r}: {exc}"
        ) from None
    family, kind, proto, _, address = found[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn sets it
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise PortUnavailable(
                    f"端口{port}已被占用（{host}:{port}）：可能已有一个 planwatch serve 或其他程序"
                    "在运行。请先停止它，或用 --port 换一个端口",
                    f"port {port} on {host} is already in use",
                ) from None
            raise PortUnavailable(
                f"无法在{host}:{port}监听：{exc.strerror or exc}。"
                "请用 --host/--port 换一个地址或端口",
                f"cannot listen on {host}:{port}: {exc}",
            ) from None
