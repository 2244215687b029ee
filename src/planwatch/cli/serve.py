"""``planwatch serve``: the web app on uvicorn, in one or several processes.

The database is migrated once, here, before any worker starts; each worker then builds the app
from the environment (``web.app.app_from_environment``). Everything a request needs between
requests (sessions, upload previews, login attempts) lives in the database, so any worker may
answer any request.
"""

from __future__ import annotations

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
    db: DbOption = None,
) -> None:
    """启动网页应用和 REST API。Serve the web app and the REST API."""
    import uvicorn

    from planwatch.store import database_url, migrated_engine

    with user_errors():
        url = database_url(db)
        migrated_engine(url).dispose()  # once, before the workers: none of them migrates
    workers = workers or os.cpu_count() or 1
    os.environ.update(
        {
            "PLANWATCH_DATABASE_URL": url,
            "PLANWATCH_READ_SECONDS": str(read_seconds),
            "PLANWATCH_READ_MEMORY_MB": str(read_memory),
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
    )
