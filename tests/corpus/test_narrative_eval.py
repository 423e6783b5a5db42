"""spinscope eval narratives: claims files read strictly, clusters scored pairwise and B-cubed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from spinscope.corpus.narrative_eval import evaluate, read_claims, scores
from spinscope.corpus.narratives import NarrativeMethod, clean, cluster_texts
from spinscope.errors import InputError
from tests.conftest import SHARED, need_shared

# Invented claims: two groups of rewordings and one claim alone.
CLAIMS = [
    {"id": "a1", "text": "The mayor of Ostby sold the harbour to a shell company.", "group": "A"},
    {"id": "a2", "text": "Ostby's mayor sold the harbour to a shell company.", "group": "A"},
    {"id": "b1", "text": "The river bridge in Tarnow will close for repairs in May.", "group": "B"},
    {"id": "b2", "text": "Repairs will close the river bridge in Tarnow in May.", "group": "B"},
    {"id": "c1", "text": "A comet will hit the moon next winter, astronomers warn.", "group": "F"},
]


def _write(path: Path, rows: list[object]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_scores_count_pairs_and_items() -> None:
    # Gold: {0, 1, 2} and {3}; found: {0, 1} and {2, 3}.
    result = scores([0, 0, 1, 1], ["g", "g", "g", "h"])
    assert result["pairwise_precision"] == 0.5  # (0,1) right, (2,3) wrong
    assert result["pairwise_recall"] == pytest.approx(0.3333, abs=1e-4)  # 1 of 3 gold pairs
    assert result["bcubed_precision"] == pytest.approx(0.75)
    assert result["bcubed_recall"] == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4, abs=1e-4)
    alone = scores([0, 1, 2], ["g", "g", "h"])
    assert alone["pairwise_f1"] == 0.0 and alone["bcubed_precision"] == 1.0
    assert scores([0, 0], ["g", "g"])["pairwise_f1"] == 1.0


def test_cluster_texts_numbers_every_text_and_keeps_copies_together() -> None:
    texts = [c["text"] for c in CLAIMS] + ["  " + CLAIMS[4]["text"]]
    labels = cluster_texts(texts, threshold=0.3)
    assert labels[0] == labels[1] and labels[2] == labels[3] and labels[4] == labels[5]
    assert len(set(labels)) == 3 and labels[0] == 0  # numbered by first appearance


def test_links_and_post_bylines_are_not_vectorised() -> None:
    post = "Ostby sold its harbour! https://t.co/x1 — Jo Pace (@jopace) March 3, 2019"
    assert clean(post) == "Ostby sold its harbour!"
    assert clean("Read www.example.org/a now") == "Read now"


def test_evaluate_writes_predictions_and_names_the_method(tmp_path: Path) -> None:
    claims = _write(tmp_path / "claims.jsonl", CLAIMS)
    out = tmp_path / "predictions.jsonl"
    result = evaluate(claims, predictions=out, meanings=False, threshold=0.3)
    assert result["items"] == 5 and result["groups"] == 3 and result["clusters"] == 3
    assert result["pairwise_f1"] == 1.0 and result["bcubed_f1"] == 1.0
    assert result["method"] == "TF-IDF, average linkage, cosine >= 0.3"
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [x["id"] for x in lines] == ["a1", "a2", "b1", "b2", "c1"]
    assert lines[0]["cluster"] == lines[1]["cluster"] != lines[2]["cluster"]
    ungrouped = _write(tmp_path / "plain.jsonl", [{"id": 1, "text": "x y"}])
    assert "pairwise_f1" not in evaluate(ungrouped, meanings=False)


def test_the_method_says_what_ran() -> None:
    wording = NarrativeMethod(None)
    assert "shared wording (TF-IDF" in wording.sentence()
    meaning = NarrativeMethod("enc-1", 0.9, "complete")
    assert "shared meaning (sentence encoder enc-1" in meaning.sentence()
    assert "0.9" in meaning.sentence() and "complete linkage" in meaning.sentence()
    assert meaning.to_dict()["encoder"] == "enc-1"


@pytest.mark.parametrize(
    ("content", "code", "words"),
    [
        ("", "E172", "holds no claims"),
        ("\n\n", "E172", "holds no claims"),
        ("{not json\n", "E170", "line 1: not JSON"),
        ('{"id": "a", "text": "x"}\n[1]\n', "E170", "line 2: not a JSON object"),
        ('{"id": "a"}\n', "E170", "'text'"),
        ('{"id": "a", "text": "  "}\n', "E170", "'text'"),
        ('{"text": "x"}\n', "E170", "'id'"),
        ('{"id": "a", "text": "x"}\n{"id": "a", "text": "y"}\n', "E171", "line 2"),
        ('{"id": "a", "text": "x", "group": "g"}\n{"id": "b", "text": "y"}\n', "E170", "line 2"),
    ],
)
def test_bad_claims_files_are_refused(tmp_path: Path, content: str, code: str, words: str) -> None:
    path = tmp_path / "claims.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_claims(path)
    assert caught.value.code == code and words in caught.value.message


def test_a_missing_claims_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_claims(tmp_path / "nope.jsonl")
    assert caught.value.code == "E100"


def test_halves_split_by_group(tmp_path: Path) -> None:
    claims = _write(tmp_path / "claims.jsonl", CLAIMS)
    one = evaluate(claims, meanings=False, half=1)["items"]
    two = evaluate(claims, meanings=False, half=2)["items"]
    assert one + two == 5
    with pytest.raises(InputError) as caught:
        evaluate(claims, meanings=False, half=3)
    assert caught.value.code == "E134"


def test_claim_groups_by_wording_reach_their_measured_level(tmp_path: Path) -> None:
    """The shared claim groups by TF-IDF (seconds; the encoder takes minutes). One tweet there
    belongs to two groups under one id, which is refused: its second line is left out."""
    path = need_shared(SHARED / "data" / "clef2020-claim-groups" / "train.jsonl")
    with pytest.raises(InputError) as caught:
        read_claims(path)
    assert caught.value.code == "E171"
    seen: set[str] = set()
    kept = []
    for line in path.read_text(encoding="utf-8").splitlines():
        key = json.loads(line)["id"]
        if key not in seen:
            seen.add(key)
            kept.append(line + "\n")
    claims = tmp_path / "claims.jsonl"
    claims.write_text("".join(kept), encoding="utf-8")
    result = evaluate(claims, meanings=False, threshold=0.4, half=2)
    assert result["half"] == 2 and result["items"] + 2518 == 5114
    assert 0.5 <= result["pairwise_f1"] < 0.75
