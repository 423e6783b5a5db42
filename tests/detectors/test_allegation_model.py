from __future__ import annotations

from spinscope.detectors.allegation_model import (
    FRAME_MARK,
    MODEL_DIR,
    NAME,
    RULE_MARK,
    allegation_model,
    model_text,
    sentence_type,
)
from spinscope.textmodel import card_hashes, sha256_file

TEXT = "Mayor Ada Kern told the Vessgrad Courier that Olek Varn stole the funds."


def _at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


def test_model_text_masks_actors_and_appends_marks() -> None:
    mentions = [(*_at("Olek Varn"), "person"), (*_at("Ada Kern"), "person")]
    mentions.append((*_at("Vessgrad Courier"), "organisation"))
    got = model_text(TEXT, 0, len(TEXT), mentions, frame=True, rule=True)
    assert got == (
        f"Mayor xperson told the xorg that xperson stole the funds. {FRAME_MARK} {RULE_MARK}"
    )


def test_model_text_skips_places_overlaps_and_what_lies_outside() -> None:
    start, end = _at("Olek Varn")
    mentions = [(start, end, "person"), (start + 2, end, "person"), (0, 5, "place")]
    got = model_text(TEXT, 0, len(TEXT), mentions)
    assert got == "Mayor Ada Kern told the Vessgrad Courier that xperson stole the funds."
    # A mention that runs past the sentence is left as written.
    assert model_text(TEXT, 0, 10, [(6, 14, "person")]) == TEXT[:10].strip()


def test_sentence_type_takes_the_earliest_word() -> None:
    text = "Olek Varn lied about the bribes he took."
    assert sentence_type(text, 0, len(text)) == ("lying", "lied")
    plain = "Olek Varn opened the new bridge."
    assert sentence_type(plain, 0, len(plain)) == ("other", "")


def test_shipped_scorer_matches_its_card() -> None:
    model = allegation_model()
    assert model.name == NAME
    assert 0.0 < model.threshold < 1.0
    hashes = card_hashes(MODEL_DIR / "MODEL_CARD.md")
    assert set(hashes) == {f"{NAME}.json", f"{NAME}.npz"}
    for name, digest in hashes.items():
        assert sha256_file(MODEL_DIR / name) == digest


def test_scorer_ranks_an_accusation_above_a_plain_report() -> None:
    model = allegation_model()
    accusation = "xperson embezzled millions from the harbour fund and lied to xorg. xframe"
    plain = "xperson opened the new library on Tuesday morning."
    assert model.probability(accusation) > model.threshold > model.probability(plain)
