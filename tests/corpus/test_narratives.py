from __future__ import annotations

import numpy as np
import pytest

from spinscope.corpus.narratives import find_narratives, terms_of, tfidf
from spinscope.corpus.records import CorpusRecord, Statement, as_record
from spinscope.document import Metadata, text_id
from spinscope.errors import InputError
from tests.corpus.builders import built, sentence_ranges

BRIBE = "Minister Aldo Fenn took secret payments from the Harbour Trust to approve the dredging."
BRIBE_2 = "Aldo Fenn, the minister, took secret payments from the Harbour Trust for the dredging."
BRIBE_3 = "Sources say minister Aldo Fenn took secret payments from the Harbour Trust."
RIGGED = "The vote count in Ostby was rigged with thousands of forged postal ballots."
RIGGED_2 = "Thousands of forged postal ballots rigged the vote count in Ostby, observers say."
LONE = "The bakery on Mill Street sold out of rye bread before noon on Saturday."


def _record(sentences: list[str], *, site: str, published: str | None) -> CorpusRecord:
    text = " ".join(sentences)
    rid = text_id(text)
    statements = []
    start = 0
    for s in sentences:
        statements.append(Statement(rid, start, start + len(s), "claim", s))
        start += len(s) + 1
    return CorpusRecord(
        id=rid, text=text, site=site, published=published, statements=tuple(statements)
    )


def _corpus() -> list[CorpusRecord]:
    return [
        _record([BRIBE, LONE], site="Bay Courier", published="2025-03-03"),
        _record([BRIBE_2, RIGGED], site="Daily Spark", published="2025-03-10"),
        _record([BRIBE_3, RIGGED_2], site="Echo", published=None),
        _record([RIGGED], site="Echo", published="2025-02-27"),
    ]


def test_terms_drop_function_words_and_add_word_pairs() -> None:
    assert terms_of("The minister took THE money.") == [
        "minister",
        "took",
        "money",
        "minister took",
        "took money",
    ]


def test_tfidf_rows_are_unit_length() -> None:
    matrix, vocabulary = tfidf([BRIBE, BRIBE_2, RIGGED, RIGGED_2])
    norms = (matrix.multiply(matrix).sum(axis=1)).A.ravel()
    assert all(abs(n - 1.0) < 1e-9 for n in norms)
    assert "aldo fenn" in vocabulary and "bakery" not in vocabulary  # in one text only


def _tfidf_by_counters(texts: list[str]) -> tuple[object, list[str]]:
    """TF-IDF written plainly, term by term, as a reference for the vectorised one."""
    import math
    from collections import Counter

    import scipy.sparse as sparse

    counted = [Counter(terms_of(t)) for t in texts]
    df: Counter[str] = Counter()
    for counts in counted:
        df.update(counts.keys())
    n = len(texts)
    ceiling = n if n < 100 else max(50, n // 20)
    vocabulary = sorted(t for t, f in df.items() if 2 <= f <= ceiling)
    column = {t: i for i, t in enumerate(vocabulary)}
    rows, cols, values = [], [], []
    for row, counts in enumerate(counted):
        for term, tf in counts.items():
            if term in column:
                rows.append(row)
                cols.append(column[term])
                values.append((1.0 + math.log(tf)) * (math.log((1 + n) / (1 + df[term])) + 1.0))
    matrix = sparse.csr_matrix((values, (rows, cols)), shape=(n, len(vocabulary)))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.diags(1.0 / norms) @ matrix, vocabulary


def test_tfidf_is_the_plain_computation_to_the_last_bit() -> None:
    rng = np.random.default_rng(7)
    words = [w for w in " ".join([BRIBE, BRIBE_2, RIGGED, RIGGED_2, LONE]).split()]
    texts = [" ".join(rng.choice(words, size=int(rng.integers(0, 30)))) for _ in range(400)]
    texts += ["", "the of and", BRIBE, BRIBE]
    matrix, vocabulary = tfidf(texts)
    expected, expected_vocabulary = _tfidf_by_counters(texts)
    assert vocabulary == expected_vocabulary
    assert (matrix.indptr == expected.indptr).all() and (matrix.indices == expected.indices).all()
    assert (matrix.data == expected.data).all()
    assert tfidf([])[0].shape == (0, 0)


def test_narratives_group_paraphrases_across_articles() -> None:
    records = _corpus()
    narratives = find_narratives(records, threshold=0.3)
    assert len(narratives) == 2
    bribe = next(n for n in narratives if any("Fenn" in s.text for s in n.members))
    rigged = next(n for n in narratives if n is not bribe)
    assert {s.text for s in bribe.members} == {BRIBE, BRIBE_2, BRIBE_3}
    assert {s.text for s in rigged.members} == {RIGGED, RIGGED_2}
    assert len(rigged.members) == 3  # RIGGED is in two articles
    assert bribe.outlets == ("Bay Courier", "Daily Spark", "Echo")
    assert (bribe.first, bribe.last) == ("2025-03-03", "2025-03-10")
    assert (rigged.first, rigged.last) == ("2025-02-27", "2025-03-10")
    assert "fenn" in bribe.label or "payments" in bribe.label
    assert len(bribe.terms) == 3
    words = [w for t in bribe.terms for w in t.split()]
    assert len(words) == len(set(words))  # no word used twice in a label
    assert bribe.representatives[0].text in {BRIBE, BRIBE_2, BRIBE_3}
    for s in bribe.members:
        record = next(r for r in records if r.id == s.document_id)
        assert record.text[s.start : s.end] == s.text
    assert bribe.to_dict()["members"][0]["document_id"] == bribe.members[0].document_id


def test_narratives_are_deterministic() -> None:
    first = find_narratives(_corpus(), threshold=0.3)
    again = find_narratives(list(reversed(_corpus())), threshold=0.3)
    assert first == again
    assert [n.id for n in first] == [n.id for n in again]


def test_single_article_clusters_are_not_narratives() -> None:
    narratives = find_narratives(_corpus(), threshold=0.3, min_documents=4)
    assert narratives == []


def test_a_plugged_in_embedding_is_used() -> None:
    import numpy as np

    def embed(texts: object) -> object:
        # One direction for texts that name Ostby, another for the rest.
        return np.array([[1.0, 0.0] if "Ostby" in t else [0.0, 1.0] for t in texts])  # type: ignore[attr-defined]

    narratives = find_narratives(_corpus(), embed=embed)  # type: ignore[arg-type]
    assert {len(n.members) for n in narratives} == {3, 4}  # rigged (3) / everything else (4)


def test_claims_enter_only_when_checkworthy_and_allegations_as_their_sentence() -> None:
    text = "The fund lost 40 million crowns. It rained. Critics say Vora is a paid agent of Harlow."
    analysis = built(
        text,
        meta=Metadata(site="Bay Courier"),
        sentences=sentence_ranges(text),
        findings=[
            (
                "The fund lost 40 million crowns.",
                "claim",
                "checkworthy",
                0.9,
                {"checkworthy": True},
            ),
            ("It rained.", "claim", "checkworthy", 0.2, {"checkworthy": False}),
            ("paid agent", "allegation", "foreign_funding", 0.7, {"targets": ["a1"]}),
        ],
        actors=[{"id": "a1", "name": "Tamsin Vora", "kind": "person"}],
    )
    record = as_record(analysis)
    assert [(s.kind, s.text) for s in record.statements] == [
        ("claim", "The fund lost 40 million crowns."),
        ("allegation", "Critics say Vora is a paid agent of Harlow."),
    ]
    assert record.targets == ("Tamsin Vora",)


@pytest.mark.parametrize(("option", "value"), [("threshold", 1.0), ("min_documents", 0)])
def test_bad_options_raise_a_coded_error(option: str, value: float) -> None:
    with pytest.raises(InputError) as caught:
        find_narratives(_corpus(), **{option: value})  # type: ignore[arg-type]
    assert caught.value.code == "E135"


def test_an_empty_corpus_has_no_narratives() -> None:
    assert find_narratives([]) == []
    assert find_narratives([_record([LONE], site="x", published=None)]) == []


def test_statements_in_two_known_languages_get_the_cross_language_margin() -> None:
    from spinscope.corpus.narratives import CROSS_LANGUAGE, group_vectors

    angle = np.arccos(0.86)  # two unit rows at cosine 0.86: below 0.88, within the margin
    vectors = np.array([[1.0, 0.0], [np.cos(angle), np.sin(angle)]])

    def grouped(languages: list[str | None], margin: float = CROSS_LANGUAGE) -> bool:
        found = group_vectors(vectors, threshold=0.88, languages=languages, cross_language=margin)
        return found == [[0, 1]]

    assert grouped(["en", "ru"])
    assert not grouped(["ru", "ru"]) and not grouped(["en", None]) and not grouped([None, None])
    assert not grouped(["en", "ru"], margin=0.0)
    assert group_vectors(vectors, threshold=0.88) == []  # without languages, as before


def test_the_length_margin_joins_a_short_claim_and_a_long_post_that_repeats_it() -> None:
    from spinscope.corpus.narratives import LENGTH_RATIO_CAP, group_vectors

    angle = np.arccos(0.58)  # cosine 0.58: below 0.62, within 0.08 x log(4)
    vectors = np.array([[1.0, 0.0], [np.cos(angle), np.sin(angle)]])

    def grouped(lengths: list[int], margin: float = 0.08) -> bool:
        found = group_vectors(vectors, threshold=0.62, lengths=lengths, length_margin=margin)
        return found == [[0, 1]]

    assert grouped([5, 20]) and grouped([20, 5])
    assert not grouped([10, 10]) and not grouped([5, 20], margin=0.0)
    assert not grouped([9, 12])  # 0.08 x log(12/9) = 0.023 is not enough
    # The ratio is capped: 0.55 + 0.08 x log(4) = 0.661 at any larger ratio.
    far = np.arccos(0.55)
    vectors = np.array([[1.0, 0.0], [np.cos(far), np.sin(far)]])
    assert grouped([1, 1000]) is True
    assert LENGTH_RATIO_CAP == 4.0
    at = group_vectors(vectors, threshold=0.67, lengths=[1, 1000], length_margin=0.08)
    assert at == []


def test_one_member_of_each_chain_counts() -> None:
    from spinscope.corpus.chains import build_chains, find_near_duplicates

    body = (
        "The Ostby harbour board met on Monday to review the dredging plan for the north quay. "
        "Residents asked why the tender was never published and who chose the contractor. "
    ) * 4
    original = _record([body + BRIBE], site="Bay Courier", published="2025-03-03")
    copy = _record([body + BRIBE], site="Daily Spark", published="2025-03-04")
    copy = CorpusRecord(
        id=copy.id + "-copy",
        text=copy.text,
        site=copy.site,
        published=copy.published,
        statements=tuple(
            Statement(copy.id + "-copy", s.start, s.end, s.kind, s.text) for s in copy.statements
        ),
    )
    other = _record([BRIBE_2], site="Echo", published="2025-03-05")
    records = [original, copy, other]
    chains = build_chains(records, find_near_duplicates(records))
    assert len(chains) == 1 and len(chains[0].members) == 2
    # Without the chains the copy's sentence makes a narrative with its original on its own.
    alone = find_narratives([original, copy], threshold=0.3)
    assert len(alone) == 1
    assert find_narratives([original, copy], threshold=0.3, chains=chains) == []
    # With the chain the narrative spans the chain's first version and the other article.
    narratives = find_narratives(records, threshold=0.3, chains=chains)
    assert len(narratives) == 1
    assert set(narratives[0].articles) == {original.id, other.id}


def test_an_outlets_boilerplate_joins_no_narrative() -> None:
    bio = "Jo Pace covers the harbour and the courts for the Bay Courier since 2019."
    records = [
        _record(
            [bio, f"Story number {k} about the quay tender in Ostby."],
            site="Bay Courier",
            published=None,
        )
        for k in range(3)
    ] + [
        _record([BRIBE, bio], site="Echo", published=None),
        _record([BRIBE_2], site="Echo", published=None),
    ]
    narratives = find_narratives(records, threshold=0.3)
    assert all(bio not in {s.text for s in n.members} for n in narratives)
    assert any(BRIBE in {s.text for s in n.members} for n in narratives)
    # Twice in one outlet is not yet boilerplate.
    twice = find_narratives(records[1:], threshold=0.3)
    assert any(bio in {s.text for s in n.members} for n in twice)


def test_a_label_is_the_most_central_statement_shortened() -> None:
    from spinscope.corpus.narratives import LABEL_CHARS, shorten

    narratives = find_narratives(_corpus(), threshold=0.3)
    for narrative in narratives:
        assert narrative.label == shorten(narrative.representatives[0].text)
    long = "The harbour board of Ostby " + "approved the plan again and " * 10 + "then left."
    cut = shorten(long)
    assert len(cut) <= LABEL_CHARS and cut.endswith("…") and not cut.endswith(" …")
    assert long.startswith(cut[:-1])
    assert shorten("  Short   claim. ") == "Short claim."


def test_the_method_names_the_length_margin() -> None:
    from spinscope.corpus.narratives import NarrativeMethod

    method = NarrativeMethod("enc", 0.62, "average", 0.08)
    assert "+0.08 x log length ratio >= 0.62" in method.name
    assert "0.08 more per unit of the log" in method.sentence()
    assert method.to_dict()["length"] == 0.08
    assert "length" not in NarrativeMethod(None).sentence()


def test_clean_drops_links_and_a_closing_byline_as_the_patterns_do() -> None:
    from spinscope.corpus.narratives import _BYLINE, _LINK, clean

    texts = [
        BRIBE,
        "Fenn took the money https://example.org/x and left.",
        "Fenn took the money HTTP://EXAMPLE.ORG and WWW.example.org pic.twitter.com/abc",
        "Fenn took the money. — Dana Kveld (@dkveld) March 3, 2019",
        "Fenn (@fenn) took   the\nmoney",
        "  ",
    ]
    for text in texts:
        assert clean(text) == " ".join(_LINK.sub(" ", _BYLINE.sub("", text)).split())
