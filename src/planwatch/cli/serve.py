"""``planwatch serve``: the web app on uvicorn (migrations run on start)."""

from __future__ import annotations

from typing import Annotated

import typer

from planwatch.cli.common import DbOption, err, user_errors


def serve(
    host: Annotated[str, typer.Option("--host", help="监听地址")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="端口")] = 8000,
    db: DbOption = None,
) -> None:
    """启动网页应用和 REST API。Serve the web app and the REST API."""
    import uvicorn

    from planwatch.store import database_url
    from planwatch.web import create_app

    with user_errors():
        app = create_app(database_url(db))
    err.print(f"planwatch 网页：http://{host}:{port}/  （API 文档：/api/docs；Ctrl+C 停止）")
    uvicorn.run(app, host=host, port=port, log_level="warning")
