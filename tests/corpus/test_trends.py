from __future__ import annotations

import json

import pytest

from spinscope.corpus.narratives import Narrative
from spinscope.corpus.records import (
    CorpusRecord,
    actor_key,
    iso_week,
    outlet_of,
    parse_day,
    technique_name,
)
from spinscope.corpus.trends import compute_trends
from spinscope.errors import InputError


def _record(
    rid: str,
    *,
    site: str | None = None,
    url: str | None = None,
    published: str | None = None,
    techniques: tuple[str, ...] = (),
    targets: tuple[str, ...] = (),
) -> CorpusRecord:
    return CorpusRecord(
        id=rid,
        text=f"text {rid}",
        site=site,
        url=url,
        published=published,
        techniques=techniques,
        targets=targets,
    )


def test_outlet_falls_back_to_the_url_host_then_unknown() -> None:
    assert outlet_of(" Bay Courier ", "https://x.example/a") == "Bay Courier"
    assert outlet_of(None, "https://www.baycourier.example/a") == "baycourier.example"
    assert outlet_of(None, "not a url") == "unknown" and outlet_of("", None) == "unknown"


def test_dates_and_iso_weeks() -> None:
    assert iso_week(parse_day("2025-03-03T23:30:00+02:00")) == "2025-W10"
    assert iso_week(parse_day("2024-12-30")) == "2025-W01"  # ISO years differ at the edges
    assert iso_week(parse_day("2025-02-30")) == "undated"
    assert iso_week(parse_day("yesterday")) == "undated" and iso_week(None) == "undated"
    assert parse_day("2025-03-03Z") is not None


def test_actor_names_match_across_spellings() -> None:
    assert actor_key("Liane Orsk's") == actor_key("LIANE  ORSK") == "liane orsk"
    assert technique_name("Loaded_Language") == "Loaded language"
    assert technique_name("something_new") == "something_new"


def test_counts_per_outlet_and_week() -> None:
    records = [
        _record(
            "a",
            site="Bay Courier",
            published="2025-03-03",
            techniques=("Loaded language", "Loaded language", "Doubt"),
            targets=("Liane Orsk", "Kaspar Doorn"),
        ),
        _record(
            "b",
            site="Bay Courier",
            published="2025-03-05",
            techniques=("Doubt",),
            targets=("liane orsk",),
        ),
        _record(
            "c", url="https://www.echo.example/x", published="2025-03-12", targets=("Liane Orsk",)
        ),
        _record("d", targets=("Liane Orsk",)),
    ]
    narrative = Narrative(
        id="n1",
        label="orsk · bribes",
        terms=("orsk", "bribes"),
        representatives=(),
        members=(),
        articles=("a", "c"),
        outlets=(),
        first=None,
        last=None,
    )
    trends = compute_trends(records, narratives=[narrative])
    assert trends.weeks == ("2025-W10", "2025-W11", "undated")
    assert trends.outlets == ("Bay Courier", "echo.example", "unknown")
    assert trends.by_week("techniques") == {
        "Loaded language": {"2025-W10": 2},
        "Doubt": {"2025-W10": 2},
    }
    assert trends.top("actors") == [("Liane Orsk", 4), ("Kaspar Doorn", 1)]
    assert trends.top("actors", outlet="Bay Courier") == [("Liane Orsk", 2), ("Kaspar Doorn", 1)]
    assert trends.by_week("narratives") == {"n1": {"2025-W10": 1, "2025-W11": 1}}
    data = trends.to_dict()
    json.dumps(data)  # plain data, ready to serve
    assert {"outlet": "Bay Courier", "week": "2025-W10", "count": 2} in data["articles"]
    assert data["narratives"][0]["label"] == "orsk · bribes"
    assert data["actors"][0].keys() == {"outlet", "week", "actor", "count"}


def test_unknown_kind_is_a_coded_error() -> None:
    with pytest.raises(InputError) as caught:
        compute_trends([]).top("moods")
    assert caught.value.code == "E134"


def test_an_empty_corpus_has_empty_trends() -> None:
    trends = compute_trends([])
    assert trends.weeks == () and trends.outlets == () and trends.top("techniques") == []
