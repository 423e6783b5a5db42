"""The HTML pages and their JSON twins, through the app against a real SQLite file."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import lxml.html
from fastapi.testclient import TestClient

from spinscope.store import Store
from spinscope.web.security import Guard
from tests.report.builders import hostile, sample
from tests.web.conftest import HARBOUR, HTML, SHORT, TOKEN, make_client


def assert_inert(html: str) -> None:
    """No handler attributes, no script but the app's file, links only to http(s) or the app."""
    tree = lxml.html.fromstring(html)
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        assert not [name for name in element.attrib if name.lower().startswith("on")]
        assert element.tag not in ("iframe", "object", "embed", "base")
    for script in tree.iter("script"):
        if script.get("type") == "application/json":  # data, never run (and the CSP forbids it)
            assert script.get("src") is None and "</" not in (script.text or "")
            continue
        assert re.fullmatch(r"/static/[a-z-]+\.js", script.get("src") or ""), script.get("src")
        assert not (script.text or "").strip()
    sources = [s.get("src") for s in tree.iter("script") if s.get("src")]
    assert sources[0] == "/static/app.js"
    for link in tree.iter("a"):
        href = link.get("href", "")
        assert href.startswith(("/", "#", "http://", "https://")), href
    for element in tree.iter("img", "link", "form"):
        target = element.get("src") or element.get("href") or element.get("action") or ""
        assert target.startswith(("/", "data:,")), target


def _post_text(client: TestClient, text: str = SHORT, **fields: str) -> Any:
    return client.post(
        "/analyze", data={"text": text, **fields}, headers=HTML, follow_redirects=False
    )


def test_home_page_has_the_three_forms(client: TestClient) -> None:
    page = client.get("/", headers=HTML)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    html = page.text
    assert html.count('action="/analyze"') == 3
    assert 'name="text"' in html and 'type="file"' in html and 'name="url"' in html
    assert 'name="as_of"' in html
    assert '<script src="/static/app.js" defer></script>' in html
    assert "<script>" not in html and "style=" not in html  # nothing inline: the CSP forbids it
    twin = client.get("/", params={"format": "json"}).json()
    assert twin["analyze"] == "/api/analyze" and twin["recent"] == []


def test_pasting_text_redirects_to_the_article(client: TestClient) -> None:
    response = _post_text(client)
    assert response.status_code == 303
    location = response.headers["location"]
    assert re.fullmatch(r"/documents/[0-9a-f]{64}", location)
    page = client.get(location, headers=HTML)
    assert page.status_code == 200
    html = page.text
    assert "Mayor Dana Kveld" in html
    assert "<mark class=" in html and "data-ids=" in html
    assert 'class="fb"' in html and 'value="up"' in html and 'value="down"' in html
    assert "Persuasion techniques: definitions" in html
    assert f'href="{location}/colours.css' in html
    css = client.get(location + "/colours.css")
    assert css.headers["content-type"].startswith("text/css") and ".c0{--hl:" in css.text
    home = client.get("/", headers=HTML).text
    assert location in home  # listed as recent


def test_form_errors_rerender_the_home_page(client: TestClient) -> None:
    response = _post_text(client, "   ")
    assert response.status_code == 400
    assert "E153" in response.text and 'role="alert"' in response.text
    bad_date = _post_text(client, SHORT, as_of="tomorrow")
    assert bad_date.status_code == 400 and "E130" in bad_date.text
    assert "Mayor Dana Kveld" in bad_date.text  # the pasted text is kept
    nothing = client.post("/analyze", data={}, headers=HTML)
    assert nothing.status_code == 400


def test_upload_form(client: TestClient) -> None:
    response = client.post(
        "/analyze",
        files={"file": ("story.txt", SHORT.encode(), "text/plain")},
        data={"as_of": ""},
        headers=HTML,
        follow_redirects=False,
    )
    assert response.status_code == 303


def test_feedback_form_works_without_script(client: TestClient) -> None:
    location = _post_text(client).headers["location"]
    doc_id = location.rsplit("/", 1)[1]
    analysis = client.get(f"/api/documents/{doc_id}").json()
    finding = analysis["findings"][0]
    response = client.post(
        f"{location}/findings/{finding['id']}/feedback",
        data={"verdict": "down", "comment": "Wrong <b>span</b>", "key": finding["id"]},
        headers=HTML,
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"].endswith(f"#finding-{finding['id']}")
    page = client.get(response.headers["location"].split("#")[0], headers=HTML).text
    assert "Wrong &lt;b&gt;span&lt;/b&gt;" in page
    assert "1 of" in page  # one finding marked
    # A hostile key is never echoed into the redirect.
    evil = client.post(
        f"{location}/findings/{finding['id']}/feedback",
        data={"verdict": "up", "key": "x\r\nSet-Cookie: a=b"},
        headers=HTML,
        follow_redirects=False,
    )
    assert evil.headers["location"].endswith(f"#finding-{finding['id']}")
    # The script's in-place submission gets JSON.
    fetched = client.post(
        f"{location}/findings/{finding['id']}/feedback",
        data={"verdict": "up"},
        headers={"Accept": "application/json"},
    )
    # One current verdict per reviewer: the same reviewer's "up" replaces their "down".
    assert fetched.status_code == 201 and fetched.json()["up"] == 1
    assert fetched.json()["down"] == 0
    bad = client.post(
        f"{location}/findings/{finding['id']}/feedback", data={"verdict": "?"}, headers=HTML
    )
    assert bad.status_code == 400 and "text/html" in bad.headers["content-type"]


def test_a_thumb_from_the_form_keeps_the_reviewers_corrections(client: TestClient) -> None:
    location = _post_text(client).headers["location"]
    doc_id = location.rsplit("/", 1)[1]
    finding = client.get(f"/api/documents/{doc_id}").json()["findings"][0]
    review = f"/api/documents/{doc_id}/findings/{finding['id']}/review"
    corrected = {"verdict": None, "start": finding["start"], "end": finding["end"] - 1}
    corrected["comment"] = "one character too long"
    assert client.put(review, json=corrected).status_code == 200
    client.post(
        f"{location}/findings/{finding['id']}/feedback",
        data={"verdict": "up"},
        headers={"Accept": "application/json"},
    )
    (mine,) = client.get(f"/api/documents/{doc_id}/reviews").json()["reviews"]
    assert mine["verdict"] == "up" and mine["end"] == finding["end"] - 1
    assert mine["comment"] == "one character too long"


def test_library_search_filters_and_pages(client: TestClient) -> None:
    _post_text(client)
    _post_text(client, HARBOUR.read_text(encoding="utf-8"))
    page = client.get("/documents", headers=HTML)
    assert page.status_code == 200 and "Showing 1–2 of 2" in page.text
    found = client.get("/documents", params={"q": "ferry mayor"}, headers=HTML).text
    assert "Showing 1–1 of 1" in found and "Mayor Dana Kveld" in found
    assert 'value="ferry mayor"' in found
    for query in ('"', "NEAR(", "a OR", "*", "title:x", "'; DROP TABLE documents; --"):
        response = client.get("/documents", params={"q": query}, headers=HTML)
        assert response.status_code == 200, query
    first = client.get("/documents", params={"limit": "1"}, headers=HTML).text
    assert 'rel="next"' in first and "offset=1" in first
    second = client.get("/documents", params={"limit": "1", "offset": "1"}, headers=HTML).text
    assert 'rel="prev"' in second
    assert client.get("/documents", params={"date_from": "nope"}, headers=HTML).status_code == 400
    assert client.get("/documents", params={"limit": "x"}, headers=HTML).status_code == 400
    twin = client.get("/documents", params={"format": "json", "q": "kveld"}).json()
    api = client.get("/api/documents", params={"q": "kveld"}).json()
    assert twin["total"] == api["total"] == 1
    assert [d["id"] for d in twin["items"]] == [d["id"] for d in api["items"]]
    assert twin["items"][0]["hits"] == ["Kveld"] and "Kveld" in twin["items"][0]["snippet"]
    assert set(twin["facets"]) == {"layer", "label", "outlet", "language", "reviewed"}


def test_library_cards_facets_and_sort(client: TestClient, db_path: Path) -> None:
    from tests.report.builders import sample

    _post_text(client)
    with Store.open(db_path) as store:
        ferry = store.save_analysis(sample())
    finding = sample().findings[2]  # the anonymous source: in the default review queue
    marked = client.post(
        f"/documents/{ferry}/findings/{finding.id}/feedback",
        data={"verdict": "up"},
        headers=HTML,
        follow_redirects=False,
    )
    assert marked.status_code == 303
    tree = lxml.html.fromstring(client.get("/documents", headers=HTML).text)
    cards = {li.get("data-id"): li for li in tree.find_class("doc")}
    card = cards[ferry]
    text = " ".join(card.text_content().split())
    assert "Island Courier" in text and "2031-03-02" in text  # outlet and date
    assert "Persuasion techniques 3" in text and "Sourcing 1" in text  # per layer
    (progress,) = card.iter("progress")
    assert progress.get("value") == "1" and "1 of" in text and "findings reviewed" in text
    facets = {f.get("data-facet"): f.text_content() for f in tree.find_class("facet")}
    assert "Island Courier" in facets["outlet"] and "English" in facets["language"]
    assert "some findings reviewed" in facets["reviewed"]
    assert "nothing reviewed yet" in facets["reviewed"]
    reviewed = client.get("/documents", params={"reviewed": "yes", "format": "json"}).json()
    assert [d["id"] for d in reviewed["items"]] == [ferry]
    not_yet = client.get("/documents", params={"reviewed": "no", "format": "json"}).json()
    assert ferry not in [d["id"] for d in not_yet["items"]] and not_yet["total"] == 1
    outlet = client.get("/documents", params={"outlet": "Island Courier", "format": "json"})
    assert [d["id"] for d in outlet.json()["items"]] == [ferry]
    label = client.get("/documents", params={"label": "technique:Bandwagon", "format": "json"})
    assert [d["id"] for d in label.json()["items"]] == [ferry]
    by_title = client.get("/documents", params={"sort": "title", "format": "json"}).json()
    titles = [d["title"] for d in by_title["items"]]
    assert titles == sorted(titles, key=str.casefold)
    # A search shows the passage that matches, its words marked, never the page's markup.
    found = lxml.html.fromstring(
        client.get("/documents", params={"q": "harbour board"}, headers=HTML).text
    )
    hits = [m.text_content().lower() for m in found.find_class("hit")]
    assert "harbour" in hits and "board" in hits


def test_unknown_pages_are_html_for_browsers_and_json_otherwise(client: TestClient) -> None:
    page = client.get("/documents/" + "0" * 64, headers=HTML)
    assert page.status_code == 404 and "text/html" in page.headers["content-type"]
    assert "E600" in page.text
    assert client.get("/documents/" + "0" * 64).json()["error"]["code"] == "E600"
    missing = client.get("/no/such/page", headers=HTML)
    assert missing.status_code == 404 and "E606" in missing.text


def test_hostile_article_renders_inert(client: TestClient, db_path: Path) -> None:
    analysis = hostile()
    with Store.open(db_path) as store:
        doc_id = store.save_analysis(analysis)
    html = client.get(f"/documents/{doc_id}", headers=HTML).text
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert_inert(html)
    listing = client.get("/documents", headers=HTML).text
    assert "<script>alert" not in listing and "&lt;script&gt;" in listing
    # A search's passage marks its hits around the hostile text, which stays text.
    found = client.get("/documents", params={"q": "img onerror inside"}, headers=HTML).text
    assert "<img src=x" not in found
    assert '&lt;<mark class="hit">img</mark> src=x <mark class="hit">onerror</mark>=' in found
    assert_inert(found)


def test_hostile_text_pasted_through_the_form(client: TestClient) -> None:
    text = (
        "<script>alert(1)</script> Harbour Chief Quits\n\n"
        '<img src=x onerror="alert(2)"> The harbour chief, Aldo Brenn, resigned on Monday. '
        "Original Source: javascript:alert(3)"
    )
    location = _post_text(client, text).headers["location"]
    html = client.get(location, headers=HTML).text
    assert "<script>alert" not in html and "<img src=x" not in html
    assert_inert(html)


def test_sample_article_page_shows_actors_and_groups(client: TestClient, db_path: Path) -> None:
    with Store.open(db_path) as store:
        doc_id = store.save_analysis(sample())
    html = client.get(f"/documents/{doc_id}", headers=HTML).text
    assert "Actors" in html and "Ines Varga" in html and "Unnamed officials" in html
    assert html.index("Persuasion techniques") < html.index("Sourcing")
    assert 'id="finding-' in html
    assert html.count('class="fb"') == len(sample().findings)


def test_forms_need_the_token_when_one_is_set(db_path: Path) -> None:
    with make_client(db_path, token=TOKEN) as client:
        home = client.get("/", headers=HTML).text
        assert 'name="token"' in home and 'name="csrf"' not in home
        refused = _post_text(client)
        assert refused.status_code == 401 and "E604" in refused.text
        accepted = _post_text(client, token=TOKEN)
        assert accepted.status_code == 303
        cookie = accepted.cookies.get("spinscope_auth")
        assert cookie and TOKEN not in cookie
        assert "httponly" in accepted.headers["set-cookie"].lower()
        assert "samesite=strict" in accepted.headers["set-cookie"].lower()
        # Signed in: the pages carry the CSRF field instead of the token field.
        page = client.get(accepted.headers["location"], headers=HTML).text
        assert 'name="token"' not in page
        csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page)
        assert csrf is not None
        doc_id = accepted.headers["location"].rsplit("/", 1)[1]
        finding = client.get(f"/api/documents/{doc_id}").json()["findings"][0]["id"]
        url = f"/documents/{doc_id}/findings/{finding}/feedback"
        no_csrf = client.post(url, data={"verdict": "up"}, headers=HTML, follow_redirects=False)
        assert (
            no_csrf.status_code == 403 and "E634" in no_csrf.text
        )  # the cookie alone is not enough
        with_csrf = client.post(
            url,
            data={"verdict": "up", "csrf": csrf.group(1)},
            headers=HTML,
            follow_redirects=False,
        )
        assert with_csrf.status_code == 303


def test_a_session_ends_on_sign_out_and_is_not_the_token(db_path: Path) -> None:
    with make_client(db_path, token=TOKEN) as client:
        accepted = _post_text(client, token=TOKEN)
        cookie = accepted.cookies.get("spinscope_auth")
        page = client.get(accepted.headers["location"], headers=HTML).text
        csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page)
        assert csrf is not None and "Sign out" in page
        again = _post_text(client, token=TOKEN).cookies.get("spinscope_auth")
        assert again and again != cookie  # a new random session each time, nothing derived
        out = client.post("/sign-out", headers=HTML, follow_redirects=False)
        assert out.status_code == 303 and "spinscope_auth" in out.headers["set-cookie"]
        doc_id = accepted.headers["location"].rsplit("/", 1)[1]
        finding = client.get(f"/api/documents/{doc_id}").json()["findings"][0]["id"]
        url = f"/documents/{doc_id}/findings/{finding}/feedback"
        client.cookies.set("spinscope_auth", str(again))
        stale = client.post(
            url, data={"verdict": "up", "csrf": csrf.group(1)}, headers=HTML, follow_redirects=False
        )
        assert stale.status_code == 401  # the server forgot the session
        assert 'name="token"' in client.get("/", headers=HTML).text


def test_sessions_expire_and_do_not_outlive_the_server() -> None:
    guard = Guard(TOKEN, session_seconds=0.2)
    session = guard.new_session()
    assert guard.has_cookie(session) and guard.csrf_for(session)
    assert not Guard(TOKEN).has_cookie(session)  # a restarted server knows no session
    time.sleep(0.3)
    assert not guard.has_cookie(session) and guard.csrf_for(session) is None


def test_cross_site_form_posts_are_refused(client: TestClient) -> None:
    response = client.post(
        "/analyze",
        data={"text": SHORT},
        headers={**HTML, "Origin": "https://evil.example"},
        follow_redirects=False,
    )
    assert response.status_code == 403 and "E605" in response.text
    ok = client.post(
        "/analyze",
        data={"text": SHORT},
        headers={**HTML, "Origin": "http://localhost", "Referer": "http://localhost/"},
        follow_redirects=False,
    )
    assert ok.status_code == 303


def test_static_files(client: TestClient) -> None:
    assert client.get("/static/app.js").headers["content-type"].startswith("text/javascript")
    assert client.get("/static/app.css").status_code == 200
    assert "mark.f" in client.get("/static/report.css").text
    assert client.get("/static/thumb-up.svg").status_code == 200


def test_the_article_page_shows_what_was_not_analysed(client: TestClient, db_path: Path) -> None:
    from tests.report.builders import HOSTILE_IMG, not_analysed

    with Store.open(db_path) as store:
        doc_id = store.save_analysis(not_analysed(hostile(), "ru", HOSTILE_IMG))
        english = store.save_analysis(sample())
    html = client.get(f"/documents/{doc_id}", headers=HTML).text
    assert_inert(html)
    tree = lxml.html.document_fromstring(html)
    (section,) = tree.xpath("//*[contains(@class, 'not-analysed')]")
    items = [" ".join(li.text_content().split()) for li in section.xpath(".//li")]
    assert items[0] == (
        f"techniques, check-worthiness, actors, {HOSTILE_IMG} (Russian: no model for this language)"
    )
    assert items[1] == "allegations (needs actors, which did not run)"
    assert "<img src=x" not in html
    page = client.get(f"/documents/{english}", headers=HTML).text
    assert "every component ran" in page
    twin = client.get(f"/documents/{doc_id}").json()  # the JSON twin carries the record
    assert [n["component"] for n in twin["analysis"]["not_analysed"]][:2] == [
        "techniques",
        "claims",
    ]


def test_filters_and_pages_name_labels_never_by_id(client: TestClient) -> None:
    from spinscope.report.legend import display_label

    _post_text(client, HARBOUR.read_text(encoding="utf-8"))
    library = lxml.html.fromstring(client.get("/documents", headers=HTML).text)
    options = {o.get("value"): o.text_content() for o in library.iter("option") if o.get("value")}
    assert "technique:loaded_language" in options  # a label with its layer
    for shown in options.values():
        assert "_" not in shown, shown  # "Loaded language (persuasion techniques, 1)"
    named = options["technique:loaded_language"]
    assert named.startswith(display_label("technique", "loaded_language"))
    doc_id = client.get("/documents", params={"format": "json"}).json()["items"][0]["id"]
    page = lxml.html.fromstring(client.get(f"/documents/{doc_id}", headers=HTML).text)
    panel = page.get_element_by_id("findings-h").getparent()
    names = [s.text_content() for s in panel.find_class("fname")]
    assert names and not [n for n in names if "_" in n]
    glossary = page.find_class("taxonomy")[0].text_content()
    assert "Loaded language" in glossary and "loaded_language" not in glossary


def test_weak_findings_are_listed_only_when_asked(client: TestClient, db_path: Path) -> None:
    from tests.report.builders import with_weak_finding

    with Store.open(db_path) as store:
        doc_id = store.save_analysis(with_weak_finding())
    html = client.get(f"/documents/{doc_id}", headers=HTML).text
    assert "north pier" in html  # in the text, not highlighted
    # Every finding is in the page (the script filters them in place); without the script the
    # weak one, and those of the layers not shown, stay hidden.
    assert html.count('class="fb"') == len(sample().findings) + 1
    listed = lxml.html.fromstring(html).xpath("//li[@data-key][not(@hidden)]")
    assert "north pier" not in " ".join(li.text_content() for li in listed)
    assert "Show 1 finding scored below their layer&#39;s threshold" in html
    shown = client.get(f"/documents/{doc_id}", params={"low": "1"}, headers=HTML).text
    listed = lxml.html.fromstring(shown).xpath("//li[@data-key][not(@hidden)]")
    assert "north pier" in " ".join(li.text_content() for li in listed)
    twin = client.get(f"/documents/{doc_id}", params={"format": "json"}).json()
    assert len(twin["analysis"]["findings"]) == len(sample().findings) + 1  # the JSON keeps all
    summary = twin["summary"]  # the page's summary, counted without the weak finding
    assert summary["below_threshold"] == {"technique": 1}
    assert {t["label"]: t["count"] for t in summary["techniques"]}["Loaded_Language"] == 1


def test_added_findings_are_listed_without_script(client: TestClient, db_path: Path) -> None:
    with Store.open(db_path) as store:
        doc_id = store.save_analysis(sample())
    text = sample().document.text
    start = text.index("north pier")
    added = client.post(
        f"/api/documents/{doc_id}/findings",
        json={"layer": "technique", "label": "loaded_language", "start": start, "end": start + 10},
    )
    assert added.status_code == 201, added.text
    finding_id = added.json()["review"]["finding_id"]
    tree = lxml.html.fromstring(client.get(f"/documents/{doc_id}", headers=HTML).text)
    (item,) = tree.xpath(f"//li[@data-id='{finding_id}']")
    assert "added" in item.get("class") and item.get("hidden") is None
    assert "north pier" in item.text_content() and "added by" in item.text_content()
    assert item.xpath(".//form[@class='fb']//button[@value='up']")
    assert item.get("id") == f"finding-{finding_id}"
    # Its form works like any other, back to the item.
    marked = client.post(
        f"/documents/{doc_id}/findings/{finding_id}/feedback",
        data={"verdict": "down", "key": finding_id},
        headers=HTML,
        follow_redirects=False,
    )
    assert marked.status_code == 303
    assert marked.headers["location"].endswith(f"#finding-{finding_id}")


def test_the_article_page_asks_to_sign_in_on_a_server_with_a_token(db_path: Path) -> None:
    with Store.open(db_path) as store:
        doc_id = store.save_analysis(sample())
    with make_client(db_path, token=TOKEN) as client:
        html = client.get(f"/documents/{doc_id}", headers=HTML).text
        assert f'href="/sign-in?next=/documents/{doc_id}"' in html
        assert 'name="csrf-token"' not in html  # no session, no CSRF value for the script
    with make_client(db_path) as client:  # loopback, no token: one person, no sign-in
        assert "sign-in-note" not in client.get(f"/documents/{doc_id}", headers=HTML).text


PASSPHRASE = "ada's long passphrase"  # noqa: S105 - a test value


def test_the_top_bar_names_the_reviewer_or_offers_to_sign_in(db_path: Path) -> None:
    with Store.open(db_path) as store:
        doc_id = store.save_analysis(sample())
        store.add_reviewer("ada", password=PASSPHRASE)
    with make_client(db_path) as client:
        page = client.get(f"/documents/{doc_id}", headers=HTML).text
        assert f'href="/sign-in?next=/documents/{doc_id}"' in page
        assert 'href="/export"' in page and 'href="/agreement"' in page
        signed = client.post(
            "/sign-in",
            data={"name": "ada", "password": PASSPHRASE, "next": "/documents"},
            headers=HTML,
            follow_redirects=False,
        )
        assert signed.status_code == 303, signed.text
        page = client.get("/documents", headers=HTML).text
        assert '<span class="who muted">ada</span>' in page and "Sign out" in page
        assert 'href="/sign-in' not in page
