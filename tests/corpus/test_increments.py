"""The corpus view kept between views: near duplicates as a full search finds them, narratives
within the stated tolerance, on real SQLite stores."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from spinscope.analysis import Analysis
from spinscope.corpus.chains import (
    LSH_THRESHOLD,
    NUM_PERM,
    candidate_pairs,
    find_near_duplicates,
    overlap,
    verified_pairs,
)
from spinscope.corpus.increments import REGROUP_SHARE, narrative_agreement
from spinscope.corpus.narratives import Narrative
from spinscope.corpus.precompute import corpus_from_parts, stored_records
from spinscope.corpus.records import Statement
from spinscope.corpus.report import CorpusAnalysis, analyse_corpus
from spinscope.document import Metadata
from spinscope.store import Store
from tests.corpus.builders import built, sentence_ranges

# Invented claims, each told by several outlets in their own words (a word or two changed).
STORIES = (
    "the harbour trust paid the ferry inspector to ignore cracks in the northern pier",
    "the mill street clinic turned away pensioners while the director billed phantom visits",
    "the council of ostby sold the lakeside meadow to a developer owned by its chairman",
    "a shipping firm in vessgrad dumped ballast water into the bay for three summers",
    "the regional radio station was ordered to drop reports on the dredging contract",
    "the grain cooperative hid losses of nine million crowns from its small members",
)
SWAPS = {"paid": "bribed", "ignore": "overlook", "sold": "handed", "hid": "concealed"}
ASIDES = ("reportedly", "allegedly", "quietly", "openly", "secretly", "again", "twice")
VOICES = ("sources say", "residents claim", "a witness said", "documents show", "insiders say")
OUTLETS = ("Bay Courier", "Quay Gazette", "Steppe Post", "Ferry Tribune", "Harbour Herald")
FILLER = "weather market tram library bakery concert bridge garden museum school river choir"

# The narratives of a view kept between views agree with a full grouping at least this much
# (pair F1 of the statements grouped together, :func:`narrative_agreement`); docs/corpus.md.
TOLERANCE = 0.8


def _article(number: int, rng: random.Random, copy_of: str | None = None) -> Analysis:
    if copy_of is None:
        story = STORIES[number % len(STORIES)]
        words = [SWAPS.get(w, w) if rng.random() < 0.5 else w for w in story.split()]
        words.insert(rng.randrange(1, len(words)), rng.choice(ASIDES))
        claim = " ".join(words).capitalize() + f", {rng.choice(VOICES)}."
        filler = " ".join(rng.sample(FILLER.split(), 8))
        text = f"{claim} Residents spoke of the {filler} in article {number}. The end {number}."
    else:
        claim = copy_of.split(". ")[0] + "."
        text = copy_of + f" Republished by outlet {number}."
    return built(
        text,
        meta=Metadata(
            site=OUTLETS[number % len(OUTLETS)],
            published=f"2025-03-{1 + number % 27:02d}",
            url=f"https://o{number}.example/a",
            language="en",
        ),
        sentences=sentence_ranges(text),
        findings=[(claim, "claim", "checkworthy", 0.9, {"checkworthy": True})],
    )


def _corpus(count: int, first: int = 0) -> list[Analysis]:
    rng = random.Random(first)  # noqa: S311 - invented wording, not secrets
    out: list[Analysis] = []
    for number in range(first, first + count):
        if len(out) >= 2 and number % 7 == 3:  # a republished copy of an earlier article
            out.append(_article(number, rng, copy_of=out[-2].document.text))
        else:
            out.append(_article(number, rng))
    return out


def _full(store: Store) -> CorpusAnalysis:
    return analyse_corpus(stored_records(store), translations=False, meanings=False)


def _view(store: Store, *, regroup: bool = False) -> CorpusAnalysis:
    return corpus_from_parts(store, translations=False, meanings=False, regroup=regroup)


def test_overlap_is_exact() -> None:
    a = np.array([1, 3, 5, 7, 2**63 + 1], dtype=np.uint64)
    b = np.array([0, 3, 7, 9], dtype=np.uint64)
    assert overlap(a, b) == (2 / 7, 2 / 4)
    assert overlap(a, a) == (1.0, 1.0)
    assert overlap(a, np.zeros(0, dtype=np.uint64)) == (0.0, 0.0)


def test_the_kept_view_equals_a_full_computation(tmp_path: Path) -> None:
    """Chains (and pairs) identical; narratives identical on this corpus, and always within
    :data:`TOLERANCE`; a regrouped view identical to a full one."""
    first, more = _corpus(42), _corpus(10, first=42)  # 10 new: under the regrouping share
    assert len(more) < REGROUP_SHARE * len(first)
    with Store.open(tmp_path / "kept.db") as store:
        for analysis in first:
            store.save_analysis(analysis)
        before = _view(store)
        assert before.to_dict() == _full(store).to_dict()  # the first view is a full one
        for analysis in more:
            store.save_analysis(analysis)
        kept = _view(store)
        with store._read() as db:
            grouping = db.execute(
                "SELECT value FROM corpus_parts_meta WHERE key = 'narrative_grouping'"
            ).fetchone()[0]
        assert int(grouping.split()[1]) > 0  # new texts added to the kept clusters, no regrouping
        full = _full(store)
        assert len(full.narratives) >= 4
        assert kept.pairs == full.pairs and len(kept.pairs) >= 5
        assert [c.to_dict() for c in kept.chains] == [c.to_dict() for c in full.chains]
        assert narrative_agreement(kept.narratives, full.narratives) >= TOLERANCE
        assert [n.members for n in kept.narratives] == [n.members for n in full.narratives]
        assert kept.to_dict() == full.to_dict()
        assert _view(store, regroup=True).to_dict() == full.to_dict()


def test_the_pairs_are_those_of_a_full_search_whatever_the_order_of_arrival(
    tmp_path: Path,
) -> None:
    analyses = _corpus(30)
    with Store.open(tmp_path / "pairs.db") as store:
        for start in range(0, len(analyses), 7):  # seven at a time, a view after each
            for analysis in analyses[start : start + 7]:
                store.save_analysis(analysis)
            view = _view(store)
            assert list(view.pairs) == find_near_duplicates(stored_records(store))
        assert view.pairs


def test_many_new_statements_regroup_the_narratives(tmp_path: Path) -> None:
    """Past :data:`REGROUP_SHARE` new texts the narratives are grouped afresh: identical."""
    with Store.open(tmp_path / "regroup.db") as store:
        for analysis in _corpus(12):
            store.save_analysis(analysis)
        _view(store)
        for analysis in _corpus(20, first=12):
            store.save_analysis(analysis)
        assert _view(store).narratives == _full(store).narratives


def test_the_sentence_encoder_view_is_kept_too(tmp_path: Path) -> None:
    """With the sentence encoder (dense rows, a bonus per pair), the kept view stays within the
    tolerance and its chains are identical."""
    pytest.importorskip("onnxruntime")
    with Store.open(tmp_path / "dense.db") as store:
        for analysis in _corpus(30):
            store.save_analysis(analysis)
        corpus_from_parts(store, translations=False)
        for analysis in _corpus(6, first=30):
            store.save_analysis(analysis)
        kept = corpus_from_parts(store, translations=False)
        full = analyse_corpus(stored_records(store), translations=False)
        assert full.narrative_method.encoder is not None
        assert kept.chains == full.chains
        assert narrative_agreement(kept.narratives, full.narratives) >= TOLERANCE


def test_a_store_made_before_the_index_is_indexed_on_its_next_view(tmp_path: Path) -> None:
    """A store made by the migrations up to 0010, with parts: 0011 adds the tables, and the next
    view indexes every document already stored."""
    path = tmp_path / "older.db"
    analyses = _corpus(16)
    with Store.open(path) as store:
        for analysis in analyses:
            store.save_analysis(analysis)
        expected = _view(store).to_dict()
    db = sqlite3.connect(path)
    for table in ("corpus_shingles", "corpus_pairs", "narrative_texts"):
        db.execute(f"DROP TABLE {table}")
    db.execute("DELETE FROM corpus_parts_meta WHERE key != 'vectors_encoder'")
    db.execute("DELETE FROM migrations WHERE name = '0011_corpus_index'")
    db.commit()
    db.close()
    with Store.open(path) as store:
        assert [name for name, _ in store.migrations()][-1] == "0011_corpus_index"
        with store._read() as read:
            assert read.execute("SELECT count(*) FROM corpus_shingles").fetchone()[0] == 0
        assert _view(store).to_dict() == expected
        with store._read() as read:
            indexed = read.execute("SELECT count(*) FROM corpus_shingles WHERE searched = 1")
            assert indexed.fetchone()[0] == len(analyses)


def _narrative(*members: tuple[str, int]) -> Narrative:
    statements = tuple(Statement(doc, start, start + 5, "claim", "words") for doc, start in members)
    return Narrative("n", "", (), statements[:1], statements, (), (), None, None)


def test_agreement_counts_the_statement_pairs_grouped_alike() -> None:
    a = [_narrative(("d1", 0), ("d2", 0), ("d3", 0)), _narrative(("d4", 0), ("d5", 0))]
    assert narrative_agreement(a, a) == 1.0
    assert narrative_agreement([], []) == 1.0
    b = [_narrative(("d1", 0), ("d2", 0)), _narrative(("d3", 0), ("d4", 0), ("d5", 0))]
    # a: 3 + 1 pairs; b: 1 + 3 pairs; shared: (d1, d2) and (d4, d5)
    assert narrative_agreement(a, b) == pytest.approx(2 * 2 / 8)


def test_candidates_are_those_datasketch_lsh_proposes() -> None:
    """The bands compared by sorting propose exactly the pairs that datasketch's MinHashLSH
    index (insert every signature, query the new ones) proposes."""
    import datasketch

    rng = np.random.default_rng(5)
    for values in (6, 40):  # few distinct values: many bands collide; more: a few do
        signatures = {
            f"d{k:03d}": rng.integers(0, values, NUM_PERM, dtype=np.uint32) for k in range(120)
        }
        lsh = datasketch.MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        lean = {
            k: datasketch.LeanMinHash(seed=1, hashvalues=v, scheme="affine32")
            for k, v in signatures.items()
        }
        for key, minhash in lean.items():
            lsh.insert(key, minhash)
        for new in (set(signatures), {"d007", "d100"}, set()):
            expected = sorted(
                {(min(k, o), max(k, o)) for k in new for o in lsh.query(lean[k]) if o != k}
            )
            assert candidate_pairs(signatures, new) == expected
        everything = candidate_pairs(signatures, set(signatures))
        assert 0 < len(everything) <= 120 * 119 // 2


def test_verified_pairs_have_the_figures_of_overlap() -> None:
    rng = np.random.default_rng(9)
    pool = rng.integers(0, 2**63, 400, dtype=np.uint64)
    sets = {f"d{k}": np.unique(rng.choice(pool, int(rng.integers(1, 300)))) for k in range(30)}
    candidates = [(a, b) for a in sorted(sets) for b in sorted(sets) if a < b]
    found = verified_pairs(candidates, sets, min_containment=0.3)
    expected = []
    for a, b in candidates:
        jaccard, containment = overlap(sets[a], sets[b])
        if containment >= 0.3:
            expected.append((a, b, round(jaccard, 4), round(containment, 4)))
    assert [(p.a, p.b, p.jaccard, p.containment) for p in found] == expected
    assert 0 < len(found) < len(candidates)
