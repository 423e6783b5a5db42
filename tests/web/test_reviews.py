"""Reviews over HTTP against a real server on 127.0.0.1 and a real SQLite file: two reviewers
with their own identities, their agreement, corrections, added findings, exports, every
refusal, and the bundled API docs."""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from spinscope.store import EXPORT_FORMATS, Store, export_reviews
from spinscope.web.reviews import docs_manifest
from tests.conftest import default_sigint
from tests.store.reviewed import TEXT, article
from tests.web.conftest import TOKEN, make_client
from tests.web.test_server import _free_port, _wait

PASSWORD = "a long enough passphrase"  # noqa: S105 - a test value
VENDOR = Path(__file__).resolve().parents[2] / "src" / "spinscope" / "web" / "vendor" / "swagger-ui"


@dataclass(frozen=True)
class Served:
    url: str
    db: Path
    doc: str
    findings: dict[str, str]  # the finding's text -> its id
    ada: dict[str, str]  # headers: ada's own token
    admin: dict[str, str]  # headers: the server's token


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp("reviews")
    db = folder / "reviews.db"
    a = article()
    with Store.open(db) as store:
        store.save_analysis(a)
        _, ada_token = store.add_reviewer("ada")
        store.add_reviewer("bo", password=PASSWORD)
    port = _free_port()
    env = {**os.environ, "SPINSCOPE_TOKEN": TOKEN}
    process = subprocess.Popen(
        [sys.executable, "-m", "spinscope", "serve", "--db", str(db), "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=default_sigint,  # stopped with Ctrl-C even when the tests run in the background
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait(url, process)
        yield Served(
            url=url,
            db=db,
            doc=a.document.id,
            findings={TEXT[s.start : s.end]: s.id for s in a.findings},
            ada={"Authorization": f"Bearer {ada_token}"},
            admin={"Authorization": f"Bearer {TOKEN}"},
        )
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _bo(served: Served) -> tuple[httpx.Client, dict[str, str]]:
    """bo signed in with name and password: a client with the session cookie, and the page's
    CSRF header."""
    client = httpx.Client(base_url=served.url, timeout=30)
    signed = client.post(
        "/sign-in",
        data={"name": "bo", "password": PASSWORD, "next": "/export"},
        headers={"Accept": "text/html"},
    )
    assert signed.status_code == 303 and signed.headers["location"] == "/export"
    cookie = signed.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    assert PASSWORD not in cookie
    # httpx keeps no cookie across plain http for a Secure one; on loopback it is not Secure.
    page = client.get("/export", headers={"Accept": "text/html"}).text
    found = re.search(r'<meta name="csrf-token" content="([0-9a-f]+)">', page)
    assert found is not None, "the page carries the session's CSRF value"
    return client, {"X-CSRF-Token": found.group(1)}


def _review(served: Served, text: str) -> str:
    return f"/api/documents/{served.doc}/findings/{served.findings[text]}/review"


def _error(response: httpx.Response, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    assert response.json()["error"]["code"] == code


# Five findings; ada and bo agree on four: kappa = (0.8 - 0.48) / 0.52 (tests/store).
MARKS = {
    "reckless": ("up", "up"),
    "Shamed": ("up", "down"),
    "everyone agrees": ("down", "down"),
    "The quay will open in May.": ("down", "down"),
    "Auditor Mira Tallis allegedly took bribes from the quay builders.": ("up", "up"),
}


def test_two_reviewers_and_their_kappa(served: Served) -> None:
    bo, csrf = _bo(served)
    with httpx.Client(base_url=served.url, timeout=30) as ada:
        for text, (first, second) in MARKS.items():
            marked = ada.put(_review(served, text), json={"verdict": first}, headers=served.ada)
            assert marked.status_code == 200, marked.text
            assert marked.json()["review"]["reviewer"] == "ada"
            marked = bo.put(_review(served, text), json={"verdict": second}, headers=csrf)
            assert marked.json()["review"]["reviewer"] == "bo"
        assert marked.json()["tally"] == {"up": 2, "down": 0}
        # A session write without its CSRF value is refused, and changes nothing.
        _error(bo.put(_review(served, "reckless"), json={"verdict": "down"}), 403, "E634")
        reviews = ada.get(f"/api/documents/{served.doc}/reviews", headers=served.ada).json()
        assert reviews["reviewer"] == "ada"
        assert {(r["reviewer"], r["verdict"]) for r in reviews["reviews"]} >= {
            ("ada", "up"),
            ("bo", "up"),
        }
        assert len(reviews["reviews"]) == 10
        table = ada.get("/api/agreement").json()
        rows = {(r["layer"], r["label"]): r for r in table["rows"]}
        technique = rows[("technique", "*")]
        assert technique["items"] == 3 and technique["reviewers"] == ["ada", "bo"]
        assert technique["measure"] == "kappa"
        assert technique["kappa"] == pytest.approx(0.4, abs=1e-4)  # yes/yes, yes/no, no/no
        assert rows[("allegation", "corruption")]["observed"] == 1.0
        page = ada.get("/agreement", headers={"Accept": "text/html"})
        assert page.status_code == 200 and "0.400" in page.text and "Cohen" in page.text
    bo.close()


def test_a_changed_verdict_a_corrected_span_a_missed_span_and_allegation_fields(
    served: Served,
) -> None:
    with httpx.Client(base_url=served.url, timeout=30, headers=served.ada) as ada:
        url = _review(served, "Shamed")
        assert ada.put(url, json={"verdict": "up"}).status_code == 200
        changed = ada.put(url, json={"verdict": "down", "comment": "a plain verb"}).json()
        assert changed["review"]["verdict"] == "down"
        history = ada.get(
            f"/api/documents/{served.doc}/reviews", params={"history": "true"}
        ).json()["reviews"]
        mine = [
            r
            for r in history
            if r["reviewer"] == "ada" and r["finding_id"] == served.findings["Shamed"]
        ]
        assert [r["replaced"] is None for r in mine][-2:] == [False, True]
        at = TEXT.index("everyone agrees")
        corrected = ada.put(
            _review(served, "everyone agrees"),
            json={"verdict": "up", "start": at, "end": at + len("everyone")},
        ).json()["review"]
        assert (corrected["start"], corrected["end"]) == (at, at + 8)
        assert corrected["finding"]["end"] == at + len("everyone agrees")
        wasted = TEXT.index("wasted")
        added = ada.post(
            f"/api/documents/{served.doc}/findings",
            json={
                "layer": "technique",
                "label": "loaded_language",
                "start": wasted,
                "end": wasted + 6,
                "comment": "missed",
            },
        )
        assert added.status_code == 201
        review = added.json()["review"]
        assert review["added"] and re.fullmatch(r"r[0-9]+", review["finding_id"])
        allegation = ada.put(
            _review(served, "Auditor Mira Tallis allegedly took bribes from the quay builders."),
            json={"target": "Mira Tallis", "accuser": "author", "grade": "unattributed"},
        ).json()["review"]
        assert (allegation["target"], allegation["grade"]) == ("Mira Tallis", "unattributed")
        ptc = ada.get("/api/export", params={"format": "ptc"}).text
        assert f"813452859\tLoaded_Language\t{wasted}\t{wasted + 6}" in ptc
        assert f"\t{at}\t{at + 8}" in ptc
        withdrawn = ada.delete(_review(served, "Shamed"))
        assert withdrawn.status_code == 200 and withdrawn.json()["review"] is None
        _error(ada.delete(_review(served, "Shamed")), 404, "E628")


def test_each_export_format_is_a_download(served: Served) -> None:
    with httpx.Client(base_url=served.url, timeout=30) as client:
        for name in EXPORT_FORMATS:
            response = client.get("/api/export", params={"format": name})
            assert response.status_code == 200, name
            disposition = response.headers["content-disposition"]
            assert re.fullmatch(
                rf'attachment; filename="spinscope-reviews-{name}-[0-9]{{8}}T[0-9]{{6}}Z\.\w+"',
                disposition,
            )
            with Store.open(served.db) as store:
                assert response.content == export_reviews(store, name).body
        page = client.get("/export", headers={"Accept": "text/html"}).text
        assert all(f"/api/export?format={name}" in page for name in EXPORT_FORMATS)
        schema = client.get("/openapi.json").json()
        (param,) = schema["paths"]["/api/export"]["get"]["parameters"]
        assert param["schema"]["enum"] == list(EXPORT_FORMATS)
        # The docs page can send a write's credentials: the schema declares them.
        assert set(schema["components"]["securitySchemes"]) == {"bearer", "csrf"}
        put = schema["paths"]["/api/documents/{document_id}/findings/{finding_id}/review"]["put"]
        assert {"bearer": []} in put["security"]


def test_every_endpoint_refuses_bad_input_and_nothing_is_lost(served: Served) -> None:
    with httpx.Client(base_url=served.url, timeout=30, headers=served.ada) as ada:
        before = ada.get(f"/api/documents/{served.doc}/reviews", params={"history": "true"}).json()
        url = _review(served, "reckless")
        cases: list[tuple[httpx.Response, int, str]] = [
            (ada.put(url, json={"verdict": "maybe"}), 422, "E606"),
            (ada.put(url, json={"verdict": "up", "colour": "red"}), 422, "E606"),
            (ada.put(url, json={}), 400, "E630"),
            (ada.put(url, json={"label": "crime"}), 400, "E624"),
            (ada.put(url, json={"start": 10, "end": 5}), 400, "E625"),
            (ada.put(url, json={"end": 10_000}), 400, "E625"),
            (ada.put(url, json={"grade": "rumour"}), 400, "E626"),
            (ada.put(url, json={"target": "Mira Tallis"}), 400, "E627"),
            (ada.put(url, json={"comment": "x" * 2001}), 422, "E606"),
            (
                ada.put(url, content=b"{not json", headers={"content-type": "application/json"}),
                422,
                "E606",
            ),
            (
                ada.put(
                    f"/api/documents/{served.doc}/findings/fnope/review", json={"verdict": "up"}
                ),
                404,
                "E601",
            ),
            (
                ada.put(f"/api/documents/{'0' * 64}/findings/f1/review", json={"verdict": "up"}),
                404,
                "E600",
            ),
            (ada.delete(f"/api/documents/{served.doc}/findings/fnope/review"), 404, "E601"),
            (
                ada.post(
                    f"/api/documents/{served.doc}/findings",
                    json={"layer": "mood", "label": "x", "start": 0, "end": 3},
                ),
                400,
                "E631",
            ),
            (
                ada.post(
                    f"/api/documents/{served.doc}/findings",
                    json={"layer": "technique", "label": "crime", "start": 0, "end": 3},
                ),
                400,
                "E624",
            ),
            (
                ada.post(
                    f"/api/documents/{served.doc}/findings",
                    json={"layer": "technique", "label": "slogans", "start": 3, "end": 3},
                ),
                400,
                "E625",
            ),
            (
                ada.post(f"/api/documents/{served.doc}/findings", json={"layer": "technique"}),
                422,
                "E606",
            ),
            (ada.get(f"/api/documents/{'0' * 64}/reviews"), 404, "E600"),
            (ada.get("/api/agreement", params={"layer": "mood"}), 400, "E631"),
            (ada.get("/api/export", params={"format": "xml"}), 400, "E629"),
            (
                ada.put(url, json={"verdict": "up"}, headers={"Authorization": "Bearer nope"}),
                401,
                "E604",
            ),
            (httpx.put(served.url + url, json={"verdict": "up"}), 401, "E604"),
            (
                httpx.post(served.url + "/sign-in", data={"name": "bo", "password": "wrong pass"}),
                401,
                "E623",
            ),
            (httpx.post(served.url + "/sign-in", data={"token": "nope"}), 401, "E623"),
        ]
        for response, status, code in cases:
            _error(response, status, code)
        page = httpx.get(served.url + "/agreement?layer=mood", headers={"Accept": "text/html"})
        assert page.status_code == 400 and "E631" in page.text
        page = httpx.post(
            served.url + "/sign-in",
            data={"name": "bo", "password": "wrong pass"},
            headers={"Accept": "text/html"},
        )
        assert page.status_code == 401 and "E623" in page.text and 'value="bo"' in page.text
        after = ada.get(f"/api/documents/{served.doc}/reviews", params={"history": "true"}).json()
        assert after == before


def test_a_server_without_a_token_takes_writes_as_local(tmp_path: Path) -> None:
    a = article()
    with Store.open(tmp_path / "local.db") as store:
        store.save_analysis(a)
    fid = a.findings[0].id
    with make_client(tmp_path / "local.db") as client:
        done = client.put(
            f"/api/documents/{a.document.id}/findings/{fid}/review", json={"verdict": "up"}
        )
        assert done.json()["review"]["reviewer"] == "local"
        assert client.get(f"/api/documents/{a.document.id}/reviews").json()["reviewer"] == "local"


def test_the_docs_and_their_assets_from_a_real_server(served: Served) -> None:
    manifest = docs_manifest()
    with httpx.Client(base_url=served.url, timeout=30) as client:
        page = client.get("/docs")
        assert page.status_code == 200
        assert "default-src 'none'" in page.headers["content-security-policy"]
        scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page.text, flags=re.S)
        assert scripts and all('src="/docs/' in attrs and not body for attrs, body in scripts)
        assert "http" not in " ".join(re.findall(r'(?:src|href)="([^"]+)"', page.text))
        for name in ("swagger-ui-bundle.js", "swagger-ui.css"):
            asset = client.get(f"/docs/{name}")
            assert asset.status_code == 200
            assert hashlib.sha256(asset.content).hexdigest() == manifest["files"][name]
        assert "/openapi.json" in client.get("/docs/init.js").text
        _error(client.get("/docs/..%2Fpyproject.toml"), 404, "E606")
        _error(client.get("/docs/README.md"), 404, "E606")


def test_the_vendored_files_match_their_manifest() -> None:
    manifest: dict[str, Any] = json.loads((VENDOR / "MANIFEST.json").read_text("utf-8"))
    assert manifest["package"] == "swagger-ui-dist" and manifest["licence"] == "Apache-2.0"
    assert re.fullmatch(r"[0-9a-f]{64}", manifest["tarball_sha256"])
    for name, digest in manifest["files"].items():
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, name
    assert "LICENSE" in manifest["files"]
    assert sorted(p.name for p in VENDOR.iterdir()) == sorted([*manifest["files"], "MANIFEST.json"])


def test_a_removed_reviewer_is_signed_out_and_sign_in_stays_on_this_site(tmp_path: Path) -> None:
    db = tmp_path / "removed.db"
    a = article()
    with Store.open(db) as store:
        store.save_analysis(a)
        store.add_reviewer("cy", password=PASSWORD)
    url = f"/api/documents/{a.document.id}/findings/{a.findings[0].id}/review"
    with make_client(db, token=TOKEN) as client:
        for target in ("//elsewhere.example/x", "https://elsewhere.example/", "/\\elsewhere"):
            signed = client.post(
                "/sign-in",
                data={"name": "cy", "password": PASSWORD, "next": target},
                headers={"Accept": "text/html"},
                follow_redirects=False,
            )
            assert signed.status_code == 303 and signed.headers["location"] == "/"
        page = client.get("/export", headers={"Accept": "text/html"}).text
        found = re.search(r'<meta name="csrf-token" content="([0-9a-f]+)">', page)
        assert found is not None
        csrf = {"X-CSRF-Token": found.group(1)}
        assert client.put(url, json={"verdict": "up"}, headers=csrf).status_code == 200
        with Store.open(db) as store:
            store.remove_reviewer("cy")
        _error_from(client.put(url, json={"verdict": "down"}, headers=csrf), 401, "E604")
        with Store.open(db) as store:
            assert [(r.reviewer, r.verdict) for r in store.reviews()] == [("cy", "up")]


def test_refused_sign_ins_count_as_refused_tokens(tmp_path: Path) -> None:
    from spinscope.web.security import ClientLimits

    with make_client(tmp_path / "limits.db", client_limits=ClientLimits(failures=3)) as client:
        for _ in range(3):
            refused = client.post("/sign-in", data={"name": "cy", "password": "not it at all"})
            _error_from(refused, 401, "E623")
        _error_from(client.post("/sign-in", data={"token": "x"}), 429, "E610")


def _error_from(response: Any, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    assert response.json()["error"]["code"] == code
