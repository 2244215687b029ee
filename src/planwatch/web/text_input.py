"""Request bodies whose text is not Unicode a store can hold: refused with 422 before any route.

JSON may spell a lone UTF-16 surrogate (``"\\ud800"``), and Python's JSON reader accepts one
(also as the raw bytes ``ED A0 80``): such a string can be neither stored nor encoded in a
response, so every endpoint that took it failed with 500. A form may carry the same bytes
percent-encoded (``%ED%A0%80``), which would be stored as replacement characters. This
middleware reads every JSON and urlencoded form body (already limited by ``web.limits``),
and answers 422 with a Chinese message naming the field when its text is not valid Unicode;
every other request reaches the app untouched. Multipart bodies (uploads) are not read here.
"""

from __future__ import annotations

import json
import re
from urllib.parse import unquote_to_bytes

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from planwatch.web.limits import BodyTooLarge, refuse_too_large

# A \uD800-\uDFFF escape: only then can parsed JSON hold a lone surrogate (a pair is fine).
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89abcdefABCDEF]")


class BadText(Exception):
    """Where the text is bad: a field (``period.phrase``, ``note[1]``, a form's ``name``)."""

    def __init__(self, where: str, surrogate: str | None = None, *, en: str = "") -> None:
        super().__init__(where)
        self.where = where
        self.where_en = en or where
        self.surrogate = surrogate

    @property
    def message(self) -> str:
        if self.surrogate:
            return (
                f"请求中的文字含有无效字符（孤立的 UTF-16 代理项 {self.surrogate}，"
                f"位置：{self.where}），无法保存，请检查输入后重试"
            )
        return f"请求中的文字不是有效的 UTF-8 编码（位置：{self.where}），请检查输入后重试"

    @property
    def english(self) -> str:
        kind = f"lone surrogate {self.surrogate}" if self.surrogate else "invalid UTF-8"
        return f"{kind} in the request body at {self.where_en}"


def _kind(scope) -> str | None:
    if scope["method"] in ("GET", "HEAD", "OPTIONS"):
        return None
    content_type = dict(scope.get("headers") or []).get(b"content-type", b"")
    media = content_type.split(b";", 1)[0].strip().lower()
    if media == b"application/json" or media.endswith(b"+json"):
        return "json"
    if media == b"application/x-www-form-urlencoded":
        return "form"
    return None


def _lone_surrogate(text: str) -> str | None:
    found = next((c for c in text if "\ud800" <= c <= "\udfff"), None)
    return None if found is None else f"U+{ord(found):04X}"


def _walk(value, path: str) -> None:
    """Raise ``BadText`` at the first string (key or value) holding a lone surrogate."""
    if isinstance(value, str):
        surrogate = _lone_surrogate(value)
        if surrogate:
            raise BadText(path or "请求体", surrogate)
    elif isinstance(value, dict):
        for key, item in value.items():
            where = f"{path}.{key}" if path else str(key)
            surrogate = _lone_surrogate(key)
            if surrogate:
                raise BadText(where.encode("utf-8", "backslashreplace").decode(), surrogate)
            _walk(item, where)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _walk(item, f"{path}[{index}]")


def check_json(body: bytes) -> None:
    """``BadText`` naming the first field whose string holds a lone surrogate, spelled as an
    escape (``\\ud800``) or as the raw bytes Python's JSON reader also accepts (``ED A0 80``).

    A body that is not JSON, or not text at all, is left to the app, which answers it (422, 400).
    """
    if not body:
        return
    encoding = json.detect_encoding(body)
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError:
        try:
            text = body.decode(encoding, "surrogatepass")  # as json.loads reads bytes
        except UnicodeDecodeError:
            return
    else:
        if not _SURROGATE_ESCAPE.search(body):
            return
    try:
        value = json.loads(text)
    except ValueError:
        return
    _walk(value, "")


def check_form(body: bytes) -> None:
    """``BadText`` when a percent-encoded name or value of a form is not valid UTF-8."""
    for part in body.split(b"&"):
        name, _, value = part.partition(b"=")
        try:
            field = unquote_to_bytes(name.replace(b"+", b" ")).decode("utf-8")
        except UnicodeDecodeError:
            raise BadText("字段名", en="a field name") from None
        try:
            unquote_to_bytes(value.replace(b"+", b" ")).decode("utf-8")
        except UnicodeDecodeError:
            raise BadText(field or "字段值", en=field or "a field value") from None


class TextBodyMiddleware:
    """Plain ASGI: JSON and urlencoded bodies read whole and checked (``check_json``,
    ``check_form``), then handed on as they came; bad text gets 422 (JSON under ``/api/``)."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        kind = _kind(scope) if scope["type"] == "http" else None
        if kind is None:
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        try:
            while True:
                message = await receive()
                if message["type"] != "http.request":
                    break  # the client went away: the app sees an empty body
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    break
        except BodyTooLarge:
            await refuse_too_large(scope, receive, send)
            return
        body = b"".join(chunks)
        try:
            (check_json if kind == "json" else check_form)(body)
        except BadText as bad:
            await _refuse(scope, receive, send, bad)
            return
        replayed = False

        async def replay():
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)


async def _refuse(scope, receive, send, bad: BadText) -> None:
    response: Response
    if scope["path"].startswith("/api/"):
        body = {"error": "InvalidText", "message": bad.message, "message_en": bad.english}
        response = JSONResponse(body, status_code=422)
    else:
        from planwatch.web.templating import render

        request = Request(scope, receive)
        response = render(request, "error.html", 422, message=bad.message, english=bad.english)
    await response(scope, receive, send)
