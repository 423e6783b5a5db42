"""Targeted actors merged across articles: one person under one name."""

from __future__ import annotations

from spinscope.corpus.records import CorpusRecord
from spinscope.corpus.targets import merge_targets, name_tokens
from spinscope.corpus.trends import compute_trends


def _rec(
    rid: str,
    *targets: str,
    aliases: tuple[tuple[str, ...], ...] = (),
    site: str = "Bay Courier",
    published: str = "2025-03-03",
    language: str = "en",
) -> CorpusRecord:
    return CorpusRecord(
        id=rid,
        text=f"text {rid}",
        language=language,
        site=site,
        published=published,
        targets=targets,
        target_aliases=aliases or tuple(() for _ in targets),
    )


def test_case_accents_and_possessives_do_not_split_a_person() -> None:
    assert name_tokens("Liane Örsk's") == name_tokens("LIANE  ORSK") == ("liane", "orsk")
    assert name_tokens("Aldo Fenns'") == ("aldo", "fenns")
    merged = merge_targets(
        [_rec("a", "Liane Orsk", "Liane Örsk's"), _rec("b", "LIANE ORSK", "Liane Orsk")]
    )
    assert set(merged.values()) == {"Liane Orsk"}


def test_initials_and_a_surname_alone_join_the_one_full_name_they_fit() -> None:
    merged = merge_targets(
        [
            _rec("a", "Kaspar Doorn", "Liane Orsk"),
            _rec("b", "K. Doorn", "Doorn"),
            _rec("c", "M. Doorn"),  # initial M fits no known Doorn: kept apart
        ]
    )
    assert merged["K. Doorn"] == merged["Doorn"] == "Kaspar Doorn"
    assert merged["M. Doorn"] == "M. Doorn"


def test_a_surname_shared_by_two_full_names_is_given_to_neither() -> None:
    merged = merge_targets(
        [_rec("a", "Liane Orsk"), _rec("b", "Mikael Orsk"), _rec("c", "Orsk", "L. Orsk")]
    )
    assert merged["Orsk"] == "Orsk"
    assert merged["L. Orsk"] == "Liane Orsk"  # the initial settles it
    assert merged["Mikael Orsk"] == "Mikael Orsk"


def test_the_aliases_an_article_gives_an_actor_join_it() -> None:
    merged = merge_targets(
        [
            _rec("a", "Harbour Trust", aliases=(("the Trust of Ostby Harbour",),)),
            _rec("b", "Trust of Ostby Harbour"),
        ]
    )
    assert merged["Trust of Ostby Harbour"] == "Harbour Trust"


def test_russian_and_ukrainian_inflected_forms_are_one_person() -> None:
    merged = merge_targets(
        [
            _rec("a", "Игорь Веселов"),
            _rec("b", "Игоря Веселова"),  # genitive
            _rec("c", "Игорю Веселову"),  # dative
            _rec("d", "Тарас Петренко", language="uk"),
            _rec("e", "Тараса Петренка", language="uk"),  # Ukrainian genitive
        ]
    )
    assert merged["Игоря Веселова"] == merged["Игорю Веселову"] == "Игорь Веселов"
    assert merged["Тараса Петренка"] == "Тарас Петренко"


def test_trends_count_the_merged_person_per_outlet_and_week() -> None:
    trends = compute_trends(
        [
            _rec("a", "Liane Orsk", site="Bay Courier"),
            _rec("b", "L. Orsk", "Kaspar Doorn", site="Bay Courier", published="2025-03-11"),
            _rec("c", "Orsk's", site="Echo"),
        ]
    )
    assert trends.top("actors") == [("Liane Orsk", 3), ("Kaspar Doorn", 1)]
    assert trends.by_week("actors", outlet="Bay Courier")["Liane Orsk"] == {
        "2025-W10": 1,
        "2025-W11": 1,
    }
