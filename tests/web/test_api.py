"""The HTTP API through the app, against a real SQLite file."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from spinscope.analysis import analysis_from_dict
from spinscope.store import Store
from spinscope.web.security import ClientLimits
from tests.conftest import LocalServer
from tests.web.conftest import HARBOUR, HARBOUR_AS_OF, SHORT, TOKEN, make_client

Analysed = Callable[..., dict[str, Any]]


def _error(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()["error"]
    assert body["code"] == code
    assert body["message"] and body["fix"]
    return body


def test_analyze_text_stores_and_returns_the_analysis(client: TestClient, db_path: Path) -> None:
    response = client.post("/api/analyze", json={"text": SHORT})
    assert response.status_code == 200
    body = response.json()
    assert body["schema"] == "spinscope.analysis/1"
    analysis = analysis_from_dict(body)
    with Store.open(db_path) as store:
        assert store.get_analysis(analysis.document.id) == analysis
    got = client.get(f"/api/documents/{analysis.document.id}")
    assert got.status_code == 200 and got.json() == body


def test_analyze_is_idempotent(client: TestClient, db_path: Path, analysed: Analysed) -> None:
    first = analysed()
    second = analysed()
    assert first["document"]["id"] == second["document"]["id"]
    listing = client.get("/api/documents").json()
    assert listing["total"] == 1
    with Store.open(db_path) as store:
        assert len(store.pipeline_versions(first["document"]["id"])) == 1


def test_analyze_with_as_of_resolves_the_dateline(analysed: Analysed) -> None:
    body = analysed(HARBOUR.read_text(encoding="utf-8"), as_of=HARBOUR_AS_OF)
    assert body["document"]["published"].startswith("2025-03-11")
    assert body["pipeline"]["config"]["as_of"] == HARBOUR_AS_OF
    assert len(body["findings"]) > 10 and body["actors"]


def test_analyze_upload(client: TestClient) -> None:
    html = (
        "<html><head><title>Dock Strike Ends</title></head><body><article><h1>Dock Strike "
        "Ends</h1><p>Workers at Port Ellery returned on Monday after the union and the "
        "harbour board signed a new agreement on pay and shifts.</p></article></body></html>"
    )
    response = client.post(
        "/api/analyze",
        files={"file": ("strike.html", html.encode(), "text/html")},
        data={"as_of": "2025-01-01T00:00:00Z"},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["document"]["source"] == "strike.html"
    assert "Workers at Port Ellery" in body["document"]["text"]
    assert "<p>" not in body["document"]["text"]
    text = client.post("/api/analyze", files={"file": ("short.txt", SHORT.encode(), "text/plain")})
    assert text.status_code == 200


def test_analyze_url_on_a_local_server(client: TestClient, http_server: LocalServer) -> None:
    url = http_server.add("/story.txt", SHORT, Content_Type="text/plain; charset=utf-8")
    response = client.post("/api/analyze", json={"url": url})
    assert response.status_code == 200, response.text
    assert response.json()["document"]["url"] == url


def test_urls_are_fetched_with_the_cli_safeguards(db_path: Path, http_server: LocalServer) -> None:
    url = http_server.add("/story.txt", SHORT, Content_Type="text/plain")
    with make_client(db_path, ingest_options=None) as default:
        _error(default.post("/api/analyze", json={"url": url}), 400, "E120")
        _error(default.post("/api/analyze", json={"url": "file:///etc/passwd"}), 400, "E124")
    with make_client(db_path, allow_urls=False) as no_urls:
        _error(no_urls.post("/api/analyze", json={"url": url}), 400, "E150")
    assert http_server.requests == []


def test_bad_analyze_requests_are_clear_4xx(client: TestClient) -> None:
    _error(client.post("/api/analyze", json={}), 422, "E606")
    _error(client.post("/api/analyze", json={"text": "a", "url": "http://x"}), 422, "E606")
    _error(client.post("/api/analyze", json={"text": "   "}), 400, "E101")
    _error(client.post("/api/analyze", json={"text": "x", "as_of": "yesterday"}), 400, "E130")
    _error(
        client.post("/api/analyze", json={"text": "x", "as_of": "2025-01-01T00:00"}), 400, "E131"
    )
    _error(client.post("/api/analyze", json={"text": "x", "language": "tlh"}), 400, "E132")
    _error(client.post("/api/analyze", json={"text": "x", "extra": 1}), 422, "E606")
    _error(client.post("/api/analyze", json=["text"]), 422, "E606")
    _error(
        client.post(
            "/api/analyze", content=b"{not json", headers={"Content-Type": "application/json"}
        ),
        400,
        "E152",
    )
    deep = b"[" * 100_000 + b"]" * 100_000  # nesting past the parser's recursion limit
    _error(
        client.post("/api/analyze", content=deep, headers={"Content-Type": "application/json"}),
        400,
        "E152",
    )
    _error(
        client.post("/api/analyze", content=b"text", headers={"Content-Type": "text/plain"}),
        415,
        "E606",
    )
    _error(
        client.post("/api/analyze", files={"file": ("x.bin", b"\x00\x01\x02", "application/x")}),
        400,
        "E102",
    )
    pdf = _error(
        client.post("/api/analyze", files={"file": ("x.pdf", b"%PDF-1.4 text", "application/pdf")}),
        400,
        "E102",
    )
    assert "a PDF document" in pdf["message"]
    docx = _error(
        client.post("/api/analyze", files={"file": ("x.docx", b"words only", "application/x")}),
        400,
        "E105",
    )
    assert ".html" in docx["fix"] and ".txt" in docx["fix"]
    feed = _error(
        client.post(
            "/api/analyze", files={"file": ("f.xml", b"<rss><channel/></rss>", "text/xml")}
        ),
        400,
        "E105",
    )
    assert feed["fix"] == docx["fix"] and ".xml" not in feed["fix"]  # only what an upload takes
    _error(client.post("/api/analyze", data={"as_of": ""}, files={"x": ("a", b"")}), 400, "E153")


def test_body_cap_gives_413(db_path: Path) -> None:
    with make_client(db_path, max_body=2000) as small:
        big = json.dumps({"text": "word " * 1000})
        response = small.post(
            "/api/analyze", content=big, headers={"Content-Type": "application/json"}
        )
        _error(response, 413, "E603")

        def chunks() -> Any:
            for _ in range(10):
                yield b"x" * 500

        streamed = small.post(
            "/api/analyze", content=chunks(), headers={"Content-Type": "application/json"}
        )
        _error(streamed, 413, "E603")


def test_documents_list_and_filters(client: TestClient, analysed: Analysed) -> None:
    short = analysed()
    harbour = analysed(HARBOUR.read_text(encoding="utf-8"), as_of=HARBOUR_AS_OF)
    listing = client.get("/api/documents").json()
    assert listing["total"] == 2
    assert {i["id"] for i in listing["items"]} == {
        short["document"]["id"],
        harbour["document"]["id"],
    }
    assert listing["items"][0]["href"].startswith("/documents/")
    found = client.get("/api/documents", params={"q": "tender"}).json()
    assert [i["id"] for i in found["items"]] == [harbour["document"]["id"]]
    assert client.get("/api/documents", params={"q": 'ferry" OR (x'}).status_code == 200
    label = next(f["label"] for f in harbour["findings"] if f["layer"] == "allegation")
    by_label = client.get("/api/documents", params={"label": label}).json()
    assert harbour["document"]["id"] in [i["id"] for i in by_label["items"]]
    actor = harbour["actors"][0]["name"]
    by_actor = client.get("/api/documents", params={"actor": actor.lower()}).json()
    assert harbour["document"]["id"] in [i["id"] for i in by_actor["items"]]
    dated = client.get("/api/documents", params={"date_from": "2025-03-01"}).json()
    assert [i["id"] for i in dated["items"]] == [harbour["document"]["id"]]
    assert client.get("/api/documents", params={"date_to": "2025-03-01"}).json()["total"] == 0
    paged = client.get("/api/documents", params={"limit": 1, "offset": 1}).json()
    assert paged["total"] == 2 and len(paged["items"]) == 1
    _error(client.get("/api/documents", params={"date_from": "soon"}), 422, "E606")
    _error(client.get("/api/documents", params={"limit": 0}), 422, "E606")


def test_unknown_document_is_404(client: TestClient) -> None:
    _error(client.get("/api/documents/abc"), 404, "E600")
    _error(client.get("/api/documents/abc/feedback"), 404, "E600")
    _error(
        client.post("/api/documents/abc/findings/fx/feedback", json={"verdict": "up"}), 404, "E600"
    )


def test_feedback_and_export(client: TestClient, analysed: Analysed) -> None:
    body = analysed()
    doc_id = body["document"]["id"]
    finding = body["findings"][0]
    url = f"/api/documents/{doc_id}/findings/{finding['id']}/feedback"
    created = client.post(url, json={"verdict": "down", "comment": "not an allegation"})
    assert created.status_code == 201
    mark = created.json()
    assert mark["verdict"] == "down" and mark["layer"] == finding["layer"]
    assert client.post(url, json={"verdict": "up"}).status_code == 201
    _error(client.post(url, json={"verdict": "maybe"}), 422, "E606")
    _error(client.post(url, json={"verdict": "up", "comment": "x" * 2001}), 422, "E606")
    _error(
        client.post(f"/api/documents/{doc_id}/findings/fnope/feedback", json={"verdict": "up"}),
        404,
        "E601",
    )
    marks = client.get(f"/api/documents/{doc_id}/feedback").json()
    assert [m["verdict"] for m in marks] == ["up"]  # one current verdict per reviewer
    history = client.get(f"/api/documents/{doc_id}/reviews", params={"history": True}).json()
    assert [(r["verdict"], r["comment"]) for r in history["reviews"]] == [
        ("down", "not an allegation"),
        ("up", None),
    ]
    export = client.get("/api/feedback/export", params={"format": "jsonl"})
    assert export.status_code == 200
    assert export.headers["content-type"].startswith("application/x-ndjson")
    lines = [json.loads(line) for line in export.text.splitlines()]
    assert len(lines) == 1 and lines[0]["verdict"] == "up" and lines[0]["document_id"] == doc_id
    assert {"finding_id", "reviewer", "layer", "finding", "label", "start", "end"} <= set(lines[0])
    ptc = client.get("/api/feedback/export", params={"format": "ptc"})
    assert ptc.status_code == 200 and ptc.headers["content-type"].startswith("text/tab-separated")
    _error(client.get("/api/feedback/export", params={"format": "xml"}), 422, "E606")


def test_feedback_survives_a_newer_pipeline_version(client: TestClient, db_path: Path) -> None:
    body = client.post("/api/analyze", json={"text": SHORT}).json()
    doc_id = body["document"]["id"]
    finding = body["findings"][-1]
    client.post(
        f"/api/documents/{doc_id}/findings/{finding['id']}/feedback",
        json={"verdict": "down", "comment": "kept"},
    )
    newer = dict(body, pipeline=dict(body["pipeline"], version="9.9.9+newer"))
    with Store.open(db_path) as store:
        store.save_analysis(analysis_from_dict(newer))
    latest = client.get(f"/api/documents/{doc_id}").json()
    assert latest["pipeline"]["version"] == "9.9.9+newer"
    twin = client.get(f"/documents/{doc_id}", params={"format": "json"}).json()
    assert twin["analysis"] == latest
    marks = twin["marks"]
    assert [m["comments"][0]["comment"] for m in marks.values()] == ["kept"]
    assert finding["id"] in marks
    # The older version stays readable.
    old = client.get(
        f"/api/documents/{doc_id}", params={"pipeline_version": body["pipeline"]["version"]}
    )
    assert old.json() == body


def test_twenty_marks_survive_a_restart(db_path: Path) -> None:
    with make_client(db_path) as first:
        text = HARBOUR.read_text(encoding="utf-8")
        body = first.post("/api/analyze", json={"text": text, "as_of": HARBOUR_AS_OF}).json()
        doc_id = body["document"]["id"]
        findings = body["findings"][:20]
        assert len(findings) == 20
        for n, finding in enumerate(findings):
            verdict = "up" if n % 2 else "down"
            response = first.post(
                f"/api/documents/{doc_id}/findings/{finding['id']}/feedback",
                json={"verdict": verdict, "comment": f"mark {n}"},
            )
            assert response.status_code == 201
        before = first.get("/api/feedback/export").text
    with make_client(db_path) as second:
        assert second.get(f"/api/documents/{doc_id}").json() == body
        assert second.get("/api/feedback/export").text == before
        marks = second.get(f"/api/documents/{doc_id}/feedback").json()
        assert [m["comment"] for m in marks] == [f"mark {n}" for n in range(20)]
        assert [m["finding_id"] for m in marks] == [f["id"] for f in findings]


def test_token_protects_writes(db_path: Path) -> None:
    with make_client(db_path, token=TOKEN) as client:
        _error(client.post("/api/analyze", json={"text": SHORT}), 401, "E604")
        wrong = {"Authorization": "Bearer nope"}
        _error(client.post("/api/analyze", json={"text": SHORT}, headers=wrong), 401, "E604")
        auth = {"Authorization": f"Bearer {TOKEN}"}
        body = client.post("/api/analyze", json={"text": SHORT}, headers=auth).json()
        doc_id = body["document"]["id"]
        url = f"/api/documents/{doc_id}/findings/{body['findings'][0]['id']}/feedback"
        _error(client.post(url, json={"verdict": "up"}), 401, "E604")
        assert client.post(url, json={"verdict": "up"}, headers=auth).status_code == 201
        # Reads stay open.
        assert client.get(f"/api/documents/{doc_id}").status_code == 200
        assert client.get("/api/feedback/export").status_code == 200


def test_writes_are_limited_per_address(db_path: Path) -> None:
    with make_client(db_path, client_limits=ClientLimits(writes=3)) as client:
        for _ in range(3):
            assert client.post("/api/analyze", json={"text": SHORT}).status_code == 200
        refused = client.post("/api/analyze", json={"text": SHORT})
        _error(refused, 429, "E609")
        assert 1 <= int(refused.headers["retry-after"]) <= 60
        assert client.get("/api/documents").status_code == 200  # reading goes on


def test_token_guesses_are_cut_off(db_path: Path) -> None:
    limits = ClientLimits(failures=2)
    with make_client(db_path, token=TOKEN, client_limits=limits) as client:
        for guess in ("a", "b"):
            wrong = {"authorization": f"Bearer {guess}"}
            _error(client.post("/api/analyze", json={"text": SHORT}, headers=wrong), 401, "E604")
        right = {"authorization": f"Bearer {TOKEN}"}
        refused = client.post("/api/analyze", json={"text": SHORT}, headers=right)
        _error(refused, 429, "E610")
        assert 500 <= int(refused.headers["retry-after"]) <= 600
    # another address is not held back by these guesses
    assert limits.refuse_write("203.0.113.9") is None


def test_require_token_refuses_to_build_without_one(db_path: Path) -> None:
    from spinscope.errors import InputError
    from spinscope.web.app import create_app

    with pytest.raises(InputError) as info:
        create_app(db=db_path, require_token=True)
    assert info.value.code == "E154"


def test_cross_site_posts_are_refused(client: TestClient) -> None:
    evil = {"Origin": "https://evil.example"}
    _error(client.post("/api/analyze", json={"text": SHORT}, headers=evil), 403, "E605")
    _error(
        client.post("/api/analyze", json={"text": SHORT}, headers={"Origin": "null"}), 403, "E605"
    )
    referer = {"Referer": "https://evil.example/page"}
    _error(client.post("/api/analyze", json={"text": SHORT}, headers=referer), 403, "E605")
    fetch_site = {"Sec-Fetch-Site": "cross-site", "Origin": "null"}
    _error(client.post("/api/analyze", json={"text": SHORT}, headers=fetch_site), 403, "E605")
    same_site = {"Sec-Fetch-Site": "same-site"}
    _error(client.post("/api/analyze", json={"text": SHORT}, headers=same_site), 403, "E605")
    same = {"Origin": "http://localhost"}
    assert client.post("/api/analyze", json={"text": SHORT}, headers=same).status_code == 200
    # A browser's own form post under Referrer-Policy: no-referrer.
    own = {"Origin": "null", "Sec-Fetch-Site": "same-origin"}
    assert client.post("/api/analyze", json={"text": SHORT}, headers=own).status_code == 200


def test_requests_for_another_host_name_are_refused(client: TestClient, db_path: Path) -> None:
    """A page on a name re-pointed at 127.0.0.1 (DNS rebinding) reads and writes nothing."""
    rebound = {"Host": "rebound.example:8000"}
    for response in (
        client.get("/api/documents", headers=rebound),
        client.get("/", headers=rebound | {"Accept": "text/html"}),
        client.post(
            "/api/analyze",
            json={"text": SHORT},
            headers=rebound | {"Origin": "http://rebound.example:8000"},
        ),
    ):
        assert response.status_code == 421, response.text
        assert "default-src 'none'" in response.headers["content-security-policy"]
    body = _error(
        client.get("/api/health", headers=rebound | {"Accept": "application/json"}), 421, "E607"
    )
    assert "rebound.example" in body["message"] and "--allowed-host" in body["fix"]
    assert client.get("/api/documents").json()["total"] == 0  # nothing was written
    for name in ("localhost:8000", "127.0.0.1", "[::1]:8000", "LOCALHOST", "app.localhost"):
        assert client.get("/api/health", headers={"Host": name}).status_code == 200, name
    named = make_client(db_path, allowed_hosts=("review.newsroom.example",))
    assert named.get("/api/health", headers={"Host": "review.newsroom.example"}).status_code == 200
    assert named.get("/api/health", headers={"Host": "other.example"}).status_code == 421


def test_openapi_documents_the_api(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    assert {
        "/api/analyze",
        "/api/documents",
        "/api/documents/{document_id}",
        "/api/documents/{document_id}/feedback",
        "/api/documents/{document_id}/findings/{finding_id}/feedback",
        "/api/feedback/export",
    } <= set(paths)
    body = paths["/api/analyze"]["post"]["requestBody"]["content"]
    assert {"application/json", "multipart/form-data"} <= set(body)
    assert "FeedbackIn" in schema["components"]["schemas"]
    assert not any(p.startswith("/documents") for p in paths)  # pages are not API
    assert client.get("/docs").status_code == 200  # bundled, see tests/web/test_docs.py


def test_the_schema_says_what_the_server_checks(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    analyze = schema["paths"]["/api/analyze"]["post"]
    assert "415" in analyze["responses"]
    request = analyze["requestBody"]["content"]["application/json"]["schema"]
    assert [sorted(option["required"]) for option in request["oneOf"]] == [["text"], ["url"]]
    assert (
        client.post("/api/analyze", json={"text": SHORT, "url": "https://a.example/"}).status_code
        == 422
    )
    _error(
        client.post("/api/analyze", content=b"x", headers={"content-type": "text/csv"}), 415, "E606"
    )


def test_a_method_a_path_does_not_take_is_405_with_allow(client: TestClient) -> None:
    response = client.put("/api/documents")
    _error(response, 405, "E606")
    assert response.headers["allow"] == "GET"
    response = client.get("/api/analyze")
    _error(response, 405, "E606")
    assert response.headers["allow"] == "POST"


def test_head_is_get_without_a_body(client: TestClient) -> None:
    for url in ("/", "/api/documents", "/api/health", "/static/app.js", "/openapi.json"):
        got, head = client.get(url), client.head(url)
        assert head.status_code == got.status_code == 200, url
        assert head.content == b""
        assert head.headers["content-type"] == got.headers["content-type"]
        assert "default-src 'none'" in head.headers["content-security-policy"]
    assert client.head("/nope").status_code == 404
    assert client.head("/api/analyze").status_code == 405


def test_every_response_has_the_security_headers(client: TestClient) -> None:
    for url in ("/", "/api/documents", "/static/app.js", "/nope", "/openapi.json"):
        headers = client.get(url).headers
        assert "default-src 'none'" in headers["content-security-policy"]
        assert "script-src 'self'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"


def test_health(client: TestClient) -> None:
    assert client.get("/api/health").json()["status"] == "ok"
