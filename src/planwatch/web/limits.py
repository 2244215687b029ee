"""Request bodies limited while they stream in, not after they have all arrived.

A body announced larger than the limit (``Content-Length``) is refused before a byte of it is
read; a body that grows past it without announcing its size is cut off at the limit.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse, PlainTextResponse, Response

MAX_UPLOAD = 20 * 1024 * 1024  # the largest report file accepted
MAX_BODY = MAX_UPLOAD + 1024 * 1024  # the file and its multipart envelope
TOO_LARGE = f"请求内容超过{MAX_UPLOAD // (1024 * 1024)}MB，已拒绝（上传的文件过大）"


class BodyTooLarge(HTTPException):
    def __init__(self) -> None:
        super().__init__(413, "request body larger than the limit")


class BodyLimitMiddleware:
    """Plain ASGI: refuse or cut off any request body over ``limit`` bytes with 413."""

    def __init__(self, app, limit: int = MAX_BODY) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await refuse_too_large(scope, receive, send)
            return
        seen = 0

        async def counted():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise BodyTooLarge()
            return message

        await self.app(scope, counted, send)


async def refuse_too_large(scope, receive, send) -> None:
    response: Response
    if scope["path"].startswith("/api/"):
        body = {"error": "BodyTooLarge", "message": TOO_LARGE, "message_en": "body too large"}
        response = JSONResponse(body, status_code=413)
    else:
        response = PlainTextResponse(TOO_LARGE, status_code=413)
    response.headers["Connection"] = "close"
    await response(scope, receive, send)
