"""Text that is not Unicode a store can hold: 422 with a Chinese message, never 500.

JSON may spell a lone surrogate (``"\\ud800"``) and Python reads it; forms may carry the same
bytes percent-encoded. Every endpoint answers such a body 422 before it runs, signed in or
not (``web.text_input``); a proper surrogate pair (an emoji) is ordinary text.
"""

from __future__ import annotations

import asyncio
import json

import pytest

from planwatch.store.indicators import get_indicator
from planwatch.store.observations import list_observations
from planwatch.web.limits import BodyLimitMiddleware
from planwatch.web.text_input import BadText, TextBodyMiddleware, check_form, check_json
from test_web_support import GDP, PASSWORD, bearer, csrf, make_site

JSON = {"content-type": "application/json"}
FORM = {"content-type": "application/x-www-form-urlencoded"}
SURROGATE_MESSAGE = "请求中的文字含有无效字符（孤立的 UTF-16 代理项"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return make_site(f"sqlite:///{tmp_path_factory.mktemp('surrogates') / 'pw.sqlite'}")


def _raw(client, method: str, path: str, body: bytes, headers: dict | None = None):
    """The body exactly as written: no JSON library re-encodes the escape."""
    return client.request(method, path, content=body, headers={**JSON, **(headers or {})})


def _refused(response, where: str, surrogate: str = "U+D800") -> None:
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["error"] == "InvalidText"
    assert body["message"] == (
        f"{SURROGATE_MESSAGE} {surrogate}，位置：{where}），无法保存，请检查输入后重试"
    )


def test_the_unauthenticated_session_endpoint(site):
    client = site.client()
    body = b'{"name": "\\ud800", "password": "x"}'
    _refused(_raw(client, "POST", "/api/session", body), "name")
    _refused(_raw(client, "POST", "/api/session", b'{"\\udc00": 1}'), "\\udc00", "U+DC00")


def test_a_department_changed_by_an_admin(site):
    client = site.client()
    gdp = site.ids[GDP]
    headers = bearer(client, "admin")
    body = b'{"department": "\\udbff\\u7edf"}'
    response = _raw(client, "PUT", f"/api/indicators/{gdp}/department", body, headers)
    _refused(response, "department", "U+DBFF")
    assert get_indicator(site.app.state.engine, gdp).department == "统计局"  # unchanged
    response = _raw(
        client, "PUT", f"/api/indicators/{gdp}/direction", b'{"direction": "\\ud800"}', headers
    )
    _refused(response, "direction")


def test_an_observation_previewed_and_entered_by_a_department(site):
    client = site.client()
    gdp = site.ids[GDP]
    headers = bearer(client, "tongji")
    nested = b'{"period": {"year": 2024, "kind": "\\udfff"}, "phrase": "\xe5\xa2\x9e"}'
    response = _raw(client, "POST", f"/api/indicators/{gdp}/observations/preview", nested, headers)
    _refused(response, "period.kind", "U+DFFF")
    note = b'{"period": {"year": 2024}, "phrase": "\\u589e\\u957f6%", "note": ["ok", "\\ud800"]}'
    response = _raw(client, "POST", f"/api/indicators/{gdp}/observations", note, headers)
    _refused(response, "note[1]")
    assert [o.phrase for o in list_observations(site.app.state.engine, gdp)] == ["增长6%"]


def test_raw_surrogate_bytes_as_python_reads_them(site):
    client = site.client()
    headers = bearer(client, "tongji")
    body = b'{"period": {"year": 2024}, "phrase": "\xed\xa0\x80"}'
    response = _raw(client, "POST", f"/api/indicators/{site.ids[GDP]}/observations", body, headers)
    _refused(response, "phrase")
    assert response.json()["message_en"] == "lone surrogate U+D800 in the request body at phrase"
    undecodable = _raw(client, "POST", "/api/session", b'{"name": "\xff"}')
    assert undecodable.status_code == 400  # not text at all: the app's own answer


def test_signing_out_and_an_unknown_endpoint_refuse_it_too(site):
    client = site.client()
    headers = bearer(client, "reader")
    _refused(_raw(client, "DELETE", "/api/session", b'"\\ud800"', headers), "请求体")
    _refused(_raw(client, "POST", "/api/nothing-here", b'{"a": "\\ud800"}'), "a")
    assert client.get("/api/me", headers=headers).json()["name"] == "reader"  # not signed out


def test_a_surrogate_pair_is_ordinary_text(site):
    client = site.client()
    headers = bearer(client, "tongji")
    body = b'{"period": {"year": 2024}, "phrase": "\\u589e\\u957f6%", "note": "\\ud83d\\ude00"}'
    url = f"/api/indicators/{site.ids[GDP]}/observations/preview"
    assert _raw(client, "POST", url, body, headers).status_code == 200
    session = {"name": "admin", "password": PASSWORD}
    assert client.post("/api/session", content=json.dumps(session), headers=JSON).is_success


def test_form_posts_with_percent_encoded_surrogates(site):
    anonymous = site.client()
    token = csrf(anonymous)
    login = anonymous.post(
        "/login", content=f"csrf_token={token}&name=%ED%A0%80&password=x", headers=FORM
    )
    assert login.status_code == 422
    assert "请求中的文字不是有效的 UTF-8 编码（位置：name）" in login.text
    admin = site.client("admin")
    token = csrf(admin)
    gdp = site.ids[GDP]
    body = f"csrf_token={token}&department=%E7%BB%9F%ED%A0%80".encode()
    response = admin.post(f"/admin/indicators/{gdp}/department", content=body, headers=FORM)
    assert response.status_code == 422 and "位置：department" in response.text
    assert get_indicator(site.app.state.engine, gdp).department == "统计局"
    tongji = site.client("tongji")
    body = f"csrf_token={csrf(tongji)}&phrase=%ED%BF%BF&year=2024".encode()
    response = tongji.post(f"/indicators/{gdp}/entry", content=body, headers=FORM)
    assert response.status_code == 422 and "位置：phrase" in response.text
    good = f"csrf_token={csrf(tongji)}&phrase=%E5%A2%9E%E9%95%BF6%25&year=2024".encode()
    assert tongji.post(f"/indicators/{gdp}/entry", content=good, headers=FORM).status_code == 200


def test_a_multipart_field_with_bad_bytes_is_no_error(site):
    """Multipart bodies (uploads) are not read by the check: Starlette decodes a bad text field
    as Latin-1, whose C1 controls the store removes; the answer is never a 500."""
    admin = site.client("admin")
    token = csrf(admin).encode()
    body = (
        b'--XX\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n' + token + b"\r\n"
        b'--XX\r\nContent-Disposition: form-data; name="department"\r\n\r\n\xed\xa0\x80\r\n'
        b"--XX--\r\n"
    )
    gdp = site.ids[GDP]
    response = admin.post(
        f"/admin/indicators/{gdp}/department",
        content=body,
        headers={"content-type": "multipart/form-data; boundary=XX"},
    )
    assert response.status_code == 200
    assert get_indicator(site.app.state.engine, gdp).department == "í"  # Latin-1 of ED, no A0 80
    admin.post(
        f"/admin/indicators/{gdp}/department",
        data={"csrf_token": token.decode(), "department": "统计局"},
    )


def test_the_checks_alone():
    check_json(b'{"a": ["\\ud83d\\ude00", {"b": "\\u0000"}]}')  # a pair and a NUL are Unicode
    check_json(b'{"not json')  # left to the app's own 422
    check_form(b"a=%E4%B8%AD&b=&c")
    with pytest.raises(BadText) as refused:
        check_form(b"a=1&b=%FF")
    assert refused.value.where == "b"


def test_a_body_cut_off_at_the_limit_is_still_413():
    """Read whole by the check, a body sent without its length still stops at the limit."""

    async def app(scope, receive, send):  # never reached
        raise AssertionError

    stack = BodyLimitMiddleware(TextBodyMiddleware(app), limit=10)
    chunks = [{"type": "http.request", "body": b'{"a": "12345', "more_body": True}] * 3
    sent: list[dict] = []

    async def receive():
        return chunks.pop(0)

    async def send(message):
        sent.append(message)

    scope = {
        "type": "http",
        "method": "POST",
        "path": "/api/session",
        "headers": [(b"content-type", b"application/json")],
    }
    asyncio.run(stack(scope, receive, send))
    assert sent[0]["status"] == 413


def test_a_validation_error_holding_a_surrogate_still_renders(site):
    """Behind the check no request gets here with one; the handler copes all the same."""
    from fastapi.exceptions import RequestValidationError
    from starlette.requests import Request

    handler = site.app.exception_handlers[RequestValidationError]
    error = {"type": "string_unicode", "loc": ("body", "\ud800"), "msg": "bad", "input": "\udc00"}
    request = Request({"type": "http", "method": "POST", "path": "/api/x", "headers": []})
    response = asyncio.run(handler(request, RequestValidationError([error])))
    assert response.status_code == 422
    body = json.loads(response.body)
    assert body["message"] == "请求参数不正确：body.\\ud800"
    assert body["detail"][0]["input"] == "\\udc00"
