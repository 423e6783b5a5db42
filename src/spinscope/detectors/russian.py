"""Russian text: natasha's models, checked and loaded once per process, and one parse per Document.

spinscope reads Russian with the models that ship inside ``natasha==1.6.0``: the slovnet news
NER (persons, organisations, places) on the navec news embeddings, and the pymorphy2 dictionary
(``pymorphy2-dicts-ru``) for lemmas and grammatical case. Before the models are loaded, the sha256
of their files is checked against the values below (E550 when they differ, E551 when natasha is
not installed). Nothing is downloaded.

pymorphy2 0.9.1 finds its dictionary through ``pkg_resources`` (gone with setuptools 81) and
calls ``inspect.getargspec`` (gone with Python 3.11). :func:`morph` therefore passes the
dictionary's folder itself and gives the analyser's units a ``getfullargspec`` reader, so it
works with any setuptools on Python 3.11 and later.

:func:`parse` runs the NER on each running-text sentence (the same sentences as the English
parse) and returns the project's own :class:`~spinscope.nlp.Parse`, with the entity labels
spaCy uses (PERSON, ORG, GPE), so the cast and its readers need nothing Russian-specific.
"""

from __future__ import annotations

import inspect
import re
import threading
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path
from typing import Any, Final

from threadpoolctl import threadpool_limits

from spinscope.document import Document
from spinscope.errors import PipelineError
from spinscope.nlp import (
    Entity,
    Parse,
    ParsedSentence,
    check_hashes,
    package_folder,
    running_sentences,
)

MODEL_PACKAGE: Final = "natasha"
EMBEDDING: Final = "data/emb/navec_news_v1_1B_250K_300d_100q.tar"
NER: Final = "data/model/slovnet_ner_news_v1.tar"
MODEL_HASHES: Final = {
    EMBEDDING: "f07270833d78523edc5781538d67038e95b43975e4a7ae757c693b687f9cbfca",
    NER: "16c3343a6572ddf0e2b2fc1923113de15a7f5ca5bde90e780dd590418665603e",
}
# The pymorphy2 Russian dictionary files that lemmas and cases come from.
DICTIONARY_HASHES: Final = {
    "words.dawg": "4e79458f6a225b5a5484cd3f8cf4295f08e9e441975ca056f5e8db603a4b789a",
    "paradigms.array": "a0acc809c553bb1e55196ac41782f6adba11035344310609266d5045bbdaeeed",
    "p_t_given_w.intdawg": "504d9070aa2b50abc1f73aca6ba96364f2d6587794d5a76e67148ec028aa7aac",
    "prediction-suffixes-0.dawg": (
        "dc2b6b63a67884ef2a30b66bc6f0a2b9d30fcd50bbf456f144311e4ecced2c75"
    ),
    "gramtab-opencorpora-int.json": (
        "1a72703ac84c16572deee6a92779a322b59763cbc336021433d52c33160fa05b"
    ),
}
_LABELS: Final = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE"}
CACHE_SIZE: Final = 32
BATCH_SIZE: Final = 32  # sentences the NER reads at once
_lock = threading.Lock()
_cache: OrderedDict[str, Parse] = OrderedDict()


def model_folder() -> Path:
    """The folder of the installed natasha package (E551 when it is not installed)."""
    return package_folder(MODEL_PACKAGE, missing="E551")


def verify_files(folder: Path, hashes: dict[str, str]) -> None:
    """Raise E550 unless every file has its recorded sha256 (E551 when one is missing)."""
    check_hashes(folder, hashes, mismatch="E550", missing="E551")


@lru_cache(maxsize=1)
def load_ner() -> Any:
    """The checked slovnet NER on the navec news embeddings; loaded once per process."""
    folder = model_folder()
    verify_files(folder, MODEL_HASHES)
    try:
        from navec import Navec
        from slovnet import NER as SlovnetNER
    except ImportError as exc:
        raise PipelineError("E551", detail=str(exc)) from None
    navec = Navec.load(str(folder / EMBEDDING))
    ner = SlovnetNER.load(str(folder / NER), batch_size=BATCH_SIZE)
    ner.navec(navec)
    return ner


def _param_names(klass: type) -> list[str]:
    init: Any = klass.__init__  # type: ignore[misc]
    if init is object.__init__:
        return []
    return sorted(inspect.getfullargspec(init).args[1:])


@lru_cache(maxsize=1)
def morph() -> Any:
    """The pymorphy2 Russian analyser, its dictionary checked; loaded once per process."""
    try:
        import pymorphy2_dicts_ru
        from pymorphy2 import MorphAnalyzer
        from pymorphy2.units.base import BaseAnalyzerUnit
    except ImportError as exc:
        raise PipelineError("E551", detail=str(exc)) from None
    # pymorphy2 0.9.1 reads parameter names with inspect.getargspec, removed in Python 3.11.
    BaseAnalyzerUnit._get_param_names = classmethod(_param_names)
    folder = Path(pymorphy2_dicts_ru.get_path())
    verify_files(folder, DICTIONARY_HASHES)
    # Given the folder, pymorphy2 never looks for dictionaries through pkg_resources.
    return MorphAnalyzer(path=str(folder), lang="ru")


# ---------------------------------------------------------------------------------------------
# Words


_SURNAME: Final = re.compile(
    r"^(.{2,}?(?:ов|ев|ёв|ин|ын))(?:а|у|ым|ом|е|ой|ою|ых|ы)?$|^(.{2,}?(?:ск|цк))(?:ий|ого|ому|им|ом|ая|ой|ую)$"
)
_NAME_TAGS: Final = ("Surn", "Name", "Patr")


@lru_cache(maxsize=100_000)
def analyses(word: str) -> tuple[Any, ...]:
    """pymorphy2's readings of ``word``, likeliest first; each word is analysed once."""
    return tuple(morph().parse(word))


@lru_cache(maxsize=50_000)
def lemma(word: str) -> str:
    """The dictionary form of ``word``, lower case: a name's or surname's where it can be one
    ("Климовой", "Климову" -> "климов"), else its likeliest word's."""
    low = word.casefold().replace("ё", "е")
    parses = analyses(low)
    for parse in parses:
        if any(tag in parse.tag for tag in _NAME_TAGS):
            return str(parse.normal_form).replace("ё", "е")
    surname = _SURNAME.match(low)
    if surname and word[:1].isupper():
        return surname.group(1) or surname.group(2)
    return str(parses[0].normal_form).replace("ё", "е") if parses else low


@lru_cache(maxsize=10_000)
def name_gender(name: str) -> str | None:
    """The gender of a person's full name, from its first name ("Виктор Орлов" -> "masc")."""
    words = name.split()
    if len(words) < 2:
        return None
    readings = [p for p in analyses(words[0].casefold()) if "Name" in p.tag]
    return str(readings[0].tag.gender) if readings and readings[0].tag.gender else None


@lru_cache(maxsize=50_000)
def cases(word: str, gender: str | None = None) -> frozenset[str]:
    """The grammatical cases ``word`` may stand in as a name (else as any noun): nomn, gent,
    datv, accs, ablt, loct; as a name of ``gender`` when given (a man's "Орлова" is genitive
    or accusative, never nominative)."""
    parses = analyses(word.casefold())
    named = [p for p in parses if any(tag in p.tag for tag in _NAME_TAGS)]
    if gender is not None and named:
        named = [p for p in named if p.tag.gender in (gender, None)] or named
    found = {p.tag.case for p in named or parses if p.tag.case}
    surname = any("Surn" in p.tag for p in named)
    if not surname and _SURNAME.match(word.casefold()) and word[:1].isupper():
        # a surname the dictionary knows only as a name's plural ("Исмаилов") still is one
        found |= _surname_cases(word.casefold())
    return frozenset(
        "gent" if c in ("gen1", "gen2") else "loct" if c == "loc2" else c for c in found
    )


def _surname_cases(low: str) -> set[str]:
    if low.endswith(("ов", "ев", "ин", "ын")):
        return {"nomn"}
    if low.endswith(("ова", "ева", "ина", "ына")):
        return {"nomn", "gent", "accs"}
    if low.endswith("у"):
        return {"datv", "accs"}
    if low.endswith(("ым", "ой")):
        return {"ablt", "gent", "datv", "loct"}
    if low.endswith("е"):
        return {"loct"}
    return set()


# ---------------------------------------------------------------------------------------------
# Parsing


_CAPITALISED: Final = re.compile(r"(?<![\w-])[A-ZА-ЯЁІЇЄҐ][\w-]*")


def _may_name(text: str, start: int, end: int) -> bool:
    """Whether a sentence has a capitalised word that could start a name: any after its first
    word, or a first word that is not a common dictionary word."""
    for number, match in enumerate(_CAPITALISED.finditer(text, start, end)):
        if number or match.start() > start + 3:
            return True
        readings = analyses(match.group().casefold())
        proper = ("Name", "Surn", "Patr", "Geox", "Orgn", "Abbr")
        if (
            not readings
            or not readings[0].is_known
            or any(any(t in p.tag for t in proper) for p in readings)
        ):
            return True
    return False


def parse(document: Document) -> Parse:
    """The shared Russian parse of ``document``: computed once, then served from a small cache."""
    key = f"{document.id}:{hash(document.sentences) ^ hash(document.parts)}"
    with _lock:
        cached = _cache.get(key)
        if cached is not None:
            _cache.move_to_end(key)
            return cached
    result = _parse(document)
    with _lock:
        _cache[key] = result
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return result


def _parse(document: Document) -> Parse:
    ner = load_ner()
    text = document.text
    spans = running_sentences(document)
    # Sentences of like length share a batch (less padding); the NER's small matrix products
    # run fastest on one BLAS thread (four times faster than many on a loaded machine).
    # A sentence with no word that could start a name is not read at all.
    order = sorted(
        (i for i, (start, end, _) in enumerate(spans) if _may_name(text, start, end)),
        key=lambda i: spans[i][1] - spans[i][0],
    )
    with threadpool_limits(limits=1, user_api="blas"):
        found = list(ner.map([text[spans[i][0] : spans[i][1]] for i in order]))
    markups: list[Any] = [None] * len(spans)
    for i, markup in zip(order, found, strict=True):
        markups[i] = markup
    sentences: list[ParsedSentence] = []
    for (start, end, kind), markup in zip(spans, markups, strict=True):
        if markup is None:
            sentences.append(ParsedSentence(start, end, kind, ()))
            continue
        entities = tuple(
            Entity(
                start + span.start,
                start + span.stop,
                text[start + span.start : start + span.stop],
                _LABELS[span.type],
                "model",
            )
            for span in markup.spans
            if span.type in _LABELS
        )
        sentences.append(ParsedSentence(start, end, kind, entities))
    return Parse(document_id=document.id, sentences=tuple(sentences))
