from __future__ import annotations

import json
from pathlib import Path

import pytest

from spinscope.document import Document
from spinscope.errors import InputError
from spinscope.taxonomy import PTC_LABELS, SEMEVAL2021_LABELS
from spinscope.training.datasets import (
    GoldArticle,
    GoldSpan,
    merge_spans,
    ptc_folds,
    read_ptc,
    read_semeval2021,
    si_rows,
    tc_rows,
)

from ..conftest import SHARED, need_shared

PTC = SHARED / "data" / "ptc-semeval2020"
SEMEVAL2021 = SHARED / "data" / "semeval2021-task6" / "data"

# Invented articles. The second starts with a byte-order mark and uses \r\n line ends: offsets
# count both, because they are characters of the file as stored.
FIRST = "Mayor Ilsa Varn wins\n\nThe shameful scheme of Ilsa Varn will ruin Dunmore.\n"
SECOND = "\ufeffTitle\r\n\r\nA disgraceful plan, say critics in Pellin.\r\n"


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "article100.txt").write_text(FIRST, encoding="utf-8", newline="")
    (folder / "article200.txt").write_text(SECOND, encoding="utf-8", newline="")
    (folder / "article300.txt").write_text("No labels here.\n", encoding="utf-8")
    (folder / "notes.md").write_text("not an article", encoding="utf-8")
    return folder


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8", newline="")
    return path


def test_read_ptc_tc_labels(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    shameful = FIRST.index("shameful")
    disgraceful = SECOND.index("disgraceful")
    labels = _write(
        tmp_path / "tc.labels",
        f"100\tLoaded_Language\t{shameful}\t{shameful + 8}\n"
        f"100\tName_Calling,Labeling\t{shameful}\t{shameful + 15}\n"
        f"200\tLoaded_Language\t{disgraceful}\t{disgraceful + 11}\n",
    )
    articles = read_ptc(folder, labels)
    assert [a.article_id for a in articles] == ["100", "200", "300"]
    first, second, third = articles
    assert first.text == FIRST and second.text == SECOND
    assert first.document.meta.source == str(folder / "article100.txt")
    assert [first.text[s.start : s.end] for s in first.spans] == ["shameful", "shameful scheme"]
    assert [s.technique for s in first.spans] == ["Loaded_Language", "Name_Calling,Labeling"]
    # The BOM and the \r are characters: the offset lands on the word, not one or two before it.
    assert second.text[second.spans[0].start : second.spans[0].end] == "disgraceful"
    assert third.spans == ()


def test_read_ptc_si_and_template_labels(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    si = read_ptc(folder, _write(tmp_path / "si.labels", "100\t22\t30\n100\t10\t15\n"))
    assert si[0].spans == (GoldSpan(10, 15, None), GoldSpan(22, 30, None))
    template = _write(tmp_path / "t.out", "100\t?\t22\t30\n200\t0\t5\t10\n")
    read = read_ptc(folder, template)
    assert read[0].spans == (GoldSpan(22, 30, None),)
    assert read[1].spans == (GoldSpan(5, 10, None),)


def test_read_ptc_without_labels_and_from_a_labels_folder(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    assert all(a.spans == () for a in read_ptc(folder))
    per_article = tmp_path / "labels"
    per_article.mkdir()
    _write(per_article / "article100.task-flc-tc.labels", "100\tDoubt\t0\t5\n")
    _write(per_article / "article200.task-flc-tc.labels", "200\tSlogans\t1\t6\n")
    articles = read_ptc(folder, per_article)
    assert [a.spans for a in articles[:2]] == [
        (GoldSpan(0, 5, "Doubt"),),
        (GoldSpan(1, 6, "Slogans"),),
    ]


@pytest.mark.parametrize(
    ("line", "detail"),
    [
        ("100\tDoubt\t5\n", "start 'Doubt' is not an integer"),  # read as an SI line
        ("100\tDoubt\t5\t7\t9\n", "found 5"),
        ("100\tDoubt\tfive\t7\n", "not an integer"),
        ("100\tDoubt\t7\t7\n", "bad span [7, 7)"),
        ("100\tDoubt\t-1\t7\n", "bad span"),
        ("100\t\t1\t7\n", "empty technique"),
        ("999\tDoubt\t1\t7\n", "no article999.txt"),
        ("100\tDoubt\t70\t500\n", "past the end"),
    ],
)
def test_read_ptc_rejects_bad_labels(tmp_path: Path, line: str, detail: str) -> None:
    folder = _corpus(tmp_path)
    labels = _write(tmp_path / "bad.labels", "100\tDoubt\t0\t5\n\n" + line)
    with pytest.raises(InputError) as err:
        read_ptc(folder, labels)
    assert err.value.code == "E501"
    assert f"{labels}:3:" in err.value.message  # the blank line still counts
    assert detail in err.value.message


def test_read_ptc_missing_paths(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        read_ptc(tmp_path / "nowhere")
    assert err.value.code == "E100"
    with pytest.raises(InputError) as err:
        read_ptc(_corpus(tmp_path), tmp_path / "no.labels")
    assert err.value.code == "E100"
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError) as err:
        read_ptc(empty)
    assert err.value.code == "E112"


def _memes(tmp_path: Path, memes: object) -> Path:
    return _write(tmp_path / "memes.json", json.dumps(memes))


def test_read_semeval2021(tmp_path: Path) -> None:
    text = "VOTE KORLA\n\nTHE ONLY HONEST MAN IN BRESK"
    path = _memes(
        tmp_path,
        [
            {
                "id": "m1",
                "text": text,
                "labels": [
                    {"start": 12, "end": 39, "technique": "Smears", "text_fragment": text[12:39]},
                    {"start": 0, "end": 10, "technique": "Slogans", "text_fragment": "VOTE KORLA"},
                ],
            },
            {"id": 7, "text": "nothing to see", "labels": []},
        ],
    )
    memes = read_semeval2021(path)
    assert [m.article_id for m in memes] == ["m1", "7"]
    assert memes[0].spans == (GoldSpan(0, 10, "Slogans"), GoldSpan(12, 39, "Smears"))
    assert memes[0].document.meta.source == f"{path}#m1"
    assert memes[1].spans == ()


@pytest.mark.parametrize(
    ("memes", "detail"),
    [
        ({"id": "1"}, "not a list"),
        (["x"], "entry 0 is not an object"),
        ([{"id": "1", "text": 5, "labels": []}], "text must be a string"),
        ([{"id": "1", "text": "abc", "labels": ["Doubt"]}], "subtask 1"),
        ([{"id": "1", "text": "abc", "labels": [{"start": 0, "end": 9, "technique": "Doubt"}]}],
         "does not fit"),
        ([{"id": "1", "text": "abc", "labels": [{"start": True, "end": 2, "technique": "Doubt"}]}],
         "integers"),
        ([{"id": "1", "text": "abc", "labels": [{"start": 0, "end": 2}]}], "technique"),
        (
            [{"id": "1", "text": "abc", "labels": [
                {"start": 0, "end": 2, "technique": "Doubt", "text_fragment": "bc"}]}],
            "text_fragment 'bc' is not text[0:2]",
        ),
    ],
)  # fmt: skip
def test_read_semeval2021_rejects_bad_files(tmp_path: Path, memes: object, detail: str) -> None:
    with pytest.raises(InputError) as err:
        read_semeval2021(_memes(tmp_path, memes))
    assert err.value.code == "E502"
    assert detail in err.value.message


def test_read_semeval2021_fragment_check_can_be_off(tmp_path: Path) -> None:
    label = {"start": 0, "end": 2, "technique": "Doubt", "text_fragment": "bc"}
    path = _memes(tmp_path, [{"id": "1", "text": "abc", "labels": [label]}])
    assert read_semeval2021(path, check_fragments=False)[0].spans == (GoldSpan(0, 2, "Doubt"),)


def test_read_semeval2021_not_json_or_missing(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        read_semeval2021(_write(tmp_path / "x.json", "[{"))
    assert err.value.code == "E502"
    with pytest.raises(InputError) as err:
        read_semeval2021(tmp_path / "missing.json")
    assert err.value.code == "E100"


def test_merge_spans_merges_overlaps_only() -> None:
    assert merge_spans([]) == []
    # [0,5) and [3,8) share 3..4 -> [0,8); [8,10) only touches it and stays apart.
    assert merge_spans([(8, 10), (3, 8), (0, 5)]) == [(0, 8), (8, 10)]
    # A chain and a span inside another collapse into one.
    assert merge_spans([(0, 4), (3, 6), (5, 9), (1, 2)]) == [(0, 9)]
    assert merge_spans([(2, 4), (2, 4)]) == [(2, 4)]


def test_rows_from_articles(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    labels = _write(tmp_path / "t.labels", "100\tDoubt\t0\t5\n200\t?\t1\t3\n")
    articles = read_ptc(folder, labels)
    assert si_rows(articles) == [("100", 0, 5), ("200", 1, 3)]
    assert tc_rows(articles) == [("100", "Doubt", 0, 5)]


def _fake_articles(n: int) -> list[GoldArticle]:
    return [GoldArticle(f"{i:03d}", Document(f"text {i}"), ()) for i in range(n)]


def test_ptc_folds_are_deterministic_partitions() -> None:
    articles = _fake_articles(23)
    folds = ptc_folds(articles, k=5, seed=3)
    assert len(folds) == 5
    tests = [sorted(a.article_id for a in test) for _train, test in folds]
    assert sorted(i for t in tests for i in t) == sorted(a.article_id for a in articles)
    assert sorted(len(t) for t in tests) == [4, 4, 5, 5, 5]
    for train, test in folds:
        assert not {a.article_id for a in train} & {a.article_id for a in test}
        assert len(train) + len(test) == 23
    # The same ids give the same folds whatever the input order; another seed gives others.
    again = ptc_folds(list(reversed(articles)), k=5, seed=3)
    assert [[a.article_id for a in t] for _r, t in again] == tests
    other = ptc_folds(articles, k=5, seed=4)
    assert [[a.article_id for a in t] for _r, t in other] != tests


@pytest.mark.parametrize("k", [1, 0, 24])
def test_ptc_folds_rejects_bad_k(k: int) -> None:
    with pytest.raises(InputError) as err:
        ptc_folds(_fake_articles(23), k=k)
    assert err.value.code == "E135"


@pytest.mark.shared
def test_real_ptc_train_split() -> None:
    articles_dir = need_shared(PTC / "train-articles")
    articles = read_ptc(articles_dir, PTC / "train-task-flc-tc.labels")
    assert len(articles) == 371
    spans = [(a, s) for a in articles for s in a.spans]
    assert len(spans) == 6128
    assert sum(1 for a in articles if a.spans) == 357
    assert {s.technique for _a, s in spans} == set(PTC_LABELS)
    # Version 2 of the corpus trimmed spaces and .,:; from span edges: offsets line up exactly.
    edges = sum(
        1 for a, s in spans if a.text[s.start] in " \n.,:;" or a.text[s.end - 1] in " \n.,:;"
    )
    assert edges == 0
    by_id = {a.article_id: a for a in articles}
    spot = by_id["761968851"]
    assert "dramatic contrast" in {
        spot.text[s.start : s.end] for s in spot.spans if s.technique == "Loaded_Language"
    }
    folder_labels = read_ptc(articles_dir, PTC / "train-labels-task-flc-tc")
    assert folder_labels == articles
    si = read_ptc(articles_dir, PTC / "train-task-si.labels")
    assert sum(len(a.spans) for a in si) == 5468
    assert all(s.technique is None for a in si for s in a.spans)


@pytest.mark.shared
def test_real_ptc_test_articles_have_no_labels() -> None:
    articles = read_ptc(need_shared(PTC / "test-articles"))
    assert len(articles) == 90
    assert all(a.spans == () for a in articles)


@pytest.mark.shared
def test_real_semeval2021_subtask2() -> None:
    train = read_semeval2021(need_shared(SEMEVAL2021 / "training_set_task2.txt"))
    dev = read_semeval2021(SEMEVAL2021 / "dev_set_task2.txt")
    assert (len(train), len(dev)) == (688, 63)
    assert sum(len(m.spans) for m in train) == 1498
    assert sum(len(m.spans) for m in dev) == 182
    assert {s.technique for m in train for s in m.spans} == set(SEMEVAL2021_LABELS)
