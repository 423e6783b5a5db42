"""The library's read queries against a real SQLite file: cards, progress, facets, snippets."""

from __future__ import annotations

from pathlib import Path

from spinscope.store import Correction, Store
from spinscope.store.library import HIT_END, HIT_START, LibraryQuery, library_page, snippet_parts
from tests.report.builders import hostile, sample
from tests.store.reviewed import article


def _store(tmp_path: Path) -> tuple[Store, str, str, str]:
    store = Store.open(tmp_path / "library.db")
    quay = store.save_analysis(article())
    ferry = store.save_analysis(sample())
    evil = store.save_analysis(hostile())
    return store, quay, ferry, evil


def test_cards_count_layers_and_review_progress(tmp_path: Path) -> None:
    store, quay, ferry, _ = _store(tmp_path)
    with store:
        reckless = article().findings[0].id
        store.put_review(quay, reckless, reviewer="ada", correction=Correction(verdict="up"))
        store.put_review(quay, reckless, reviewer="bo", correction=Correction(verdict="down"))
        page = library_page(store, LibraryQuery())
    cards = {card.id: card for card in page.cards}
    assert page.total == 3 and set(cards) >= {quay, ferry}
    card = cards[quay]
    assert dict(card.layers) == {"technique": 3, "allegation": 1, "claim": 1}
    # The default queue: techniques and allegations at or above their thresholds, not claims.
    assert card.reviewed == 1 and card.queue >= 1 and card.reviews == 2
    assert cards[ferry].reviewed == 0 and cards[ferry].outlet == "Island Courier"
    assert cards[ferry].published is not None and cards[ferry].language == "en"


def test_facets_and_filters(tmp_path: Path) -> None:
    store, quay, ferry, evil = _store(tmp_path)
    with store:
        reckless = article().findings[0].id
        store.put_review(quay, reckless, reviewer="ada", correction=Correction(verdict="up"))
        everything = library_page(store, LibraryQuery())
        reviewed = library_page(store, LibraryQuery(reviewed="yes"))
        not_yet = library_page(store, LibraryQuery(reviewed="no"))
        outlet = library_page(store, LibraryQuery(outlet="Island Courier"))
        layer = library_page(store, LibraryQuery(layer="allegation"))
        label = library_page(store, LibraryQuery(layer="technique", label="Bandwagon"))
    facets = {name: {v.value: v.count for v in vs} for name, vs in everything.facets.items()}
    assert facets["reviewed"] == {"yes": 1, "no": 2}
    assert facets["outlet"]["Island Courier"] == 1
    assert facets["label"]["technique:loaded_language"] == 1
    assert facets["layer"]["technique"] >= 2
    assert [c.id for c in reviewed.cards] == [quay]
    assert {c.id for c in not_yet.cards} == {ferry, evil}
    assert [c.id for c in outlet.cards] == [ferry]
    assert quay in {c.id for c in layer.cards} and ferry in {c.id for c in layer.cards}
    assert [c.id for c in label.cards] == [ferry]


def test_sorts(tmp_path: Path) -> None:
    store, *_ = _store(tmp_path)
    with store:
        by_title = library_page(store, LibraryQuery(sort="title"))
        by_findings = library_page(store, LibraryQuery(sort="findings"))
        left = library_page(store, LibraryQuery(sort="unreviewed"))
        unknown = library_page(store, LibraryQuery(sort="; DROP TABLE documents"))
    titles = [c.title or "" for c in by_title.cards]
    assert titles == sorted(titles, key=str.casefold)
    counts = [c.findings for c in by_findings.cards]
    assert counts == sorted(counts, reverse=True)
    remaining = [c.queue - c.reviewed for c in left.cards]
    assert remaining == sorted(remaining, reverse=True)
    assert unknown.total == 3  # an unknown order is the default, never SQL


def test_search_snippets_mark_hits_apart_from_the_text(tmp_path: Path) -> None:
    store, quay, _, evil = _store(tmp_path)
    with store:
        found = library_page(store, LibraryQuery(query="bribes"))
        hostile_hit = library_page(store, LibraryQuery(query="onerror"))
        nothing = library_page(store, LibraryQuery(query="zebra"))
    (card,) = found.cards
    assert card.id == quay
    assert ("bribes", True) in card.snippet
    assert all(HIT_START not in text and HIT_END not in text for text, _ in card.snippet)
    (evil_card,) = hostile_hit.cards
    assert evil_card.id == evil
    joined = "".join(text for text, _ in evil_card.snippet)
    assert "<img src=x onerror=alert(1)>" in joined  # as text: the template escapes it
    assert nothing.total == 0 and nothing.cards == ()


def test_snippet_parts() -> None:
    text = f"…the {HIT_START}harbour{HIT_END} fund\nmoved {HIT_START}money{HIT_END}"
    assert snippet_parts(text) == (
        ("…the ", False),
        ("harbour", True),
        (" fund moved ", False),
        ("money", True),
    )
    assert snippet_parts("") == ()
