"""Full-text search: what a document's search row holds, and the safe query a user's words make.

The search row (the FTS5 table ``documents_fts``) holds a document's title and text as they are,
with SQLite's ``unicode61`` words (case folded), and one more column, ``lemmas``: the dictionary
form of each Russian or Ukrainian word whose form differs from it ("Петрова", "Петрову" ->
"петров"; "тендера" -> "тендер"; "тендерів" -> "тендер"), each once. A query word written in
Cyrillic matches itself or its dictionary form in either language, so "Петров" finds "Петрову"
and "тендер" finds "тендерів". A word in any other script is searched exactly as it is (an
English query is the same FTS5 query as before lemmas existed, and the lemmas column holds only
Cyrillic words, which no Latin word matches).

The dictionary forms are pymorphy2's: the Russian ones through
:func:`spinscope.detectors.russian.lemma` (the Russian detectors' own lemmas, with its surname
rule), the Ukrainian ones from ``pymorphy2-dicts-uk``, its files checked like the Russian ones
(E615, E616). Which language a text is in is told by its letters (:func:`text_language`):
Ukrainian has letters Russian lacks, Kazakh more; Kazakh text (no lemmatiser is installed for it)
is searched by its exact word forms.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any, Final

from spinscope.nlp import check_hashes, package_folder

_TERM: Final = re.compile(r"\w+")
_MAX_TERMS: Final = 32
_CYRILLIC: Final = re.compile(r"[\u0400-\u04ff]")
# Letters that Russian does not use: Ukrainian's (і ї є ґ), and Kazakh's own (Kazakh uses і too).
_UKRAINIAN: Final = re.compile(r"[іїєґІЇЄҐ]")
_KAZAKH: Final = re.compile(r"[әғқңөұүһӘҒҚҢӨҰҮҺ]")
# A text is Russian when fewer than this share of its Cyrillic words have a letter Russian lacks
# (in Ukrainian text about one word in three has one; in Russian text only a quoted name), and
# Kazakh when at least this share has a Kazakh letter.
OTHER_LETTER_SHARE: Final = 0.03
UK_PACKAGE: Final = "pymorphy2_dicts_uk"
_TAG_FORMAT: Final = "opencorpora-int"  # the tag class both dictionaries name
# The pymorphy2 Ukrainian dictionary files (pymorphy2-dicts-uk==2.4.1.1.1460299261).
UK_DICTIONARY_HASHES: Final = {
    "words.dawg": "6575bc1e0ed7bab6c86447141374ba5a8fd9c5ace6d3025ff07ccf2d433728ef",
    "paradigms.array": "59435bc374c63b0103cc52f9ca68f1b2c902b97f36ce0d3869838a5e98925575",
    "prediction-suffixes-0.dawg": (
        "45bffc3eb8275e0ea6755d8b16051816cee3dd573e564297bf1098e0d26c72b2"
    ),
    "gramtab-opencorpora-int.json": (
        "28b8d97c0a8aa09a665d1ee78618529e0c6e1811bee929cdd23747bfdeb3ffd2"
    ),
    "meta.json": "3e6148bb4a49f09c4ad939d21b04011ccb80791a4611514e9e79b9ff1484e09c",
}


def cyrillic_words(text: str) -> list[str]:
    """The words of ``text`` (as FTS5's ``unicode61`` splits them) that have a Cyrillic letter."""
    return [word for word in _TERM.findall(text) if _CYRILLIC.search(word)]


def text_language(words: Iterable[str]) -> str | None:
    """'ru' or 'uk' for Cyrillic ``words`` that read as Russian or Ukrainian by their letters;
    None for none, or for Kazakh."""
    total = ukrainian = kazakh = 0
    for word in words:
        total += 1
        ukrainian += _UKRAINIAN.search(word) is not None
        kazakh += _KAZAKH.search(word) is not None
    if total == 0 or kazakh >= OTHER_LETTER_SHARE * total:
        return None
    return "ru" if ukrainian < OTHER_LETTER_SHARE * total else "uk"


def _russian_lemma(word: str) -> str:
    # Imported here: pymorphy2 and its dictionaries load only when Cyrillic text is indexed or
    # searched, so an English-only store (and the web app's start) never pays for them.
    from spinscope.detectors.russian import lemma

    return lemma(word)


def _own_class(base: type) -> type:
    """A subclass of ``base`` with its own copy of every container ``base`` keeps on the class."""
    attributes = {
        name: copy.deepcopy(value)
        for klass in reversed(base.__mro__)
        for name, value in vars(klass).items()
        if isinstance(value, set | dict | list) and not name.startswith("__")
    }
    return type(base.__name__, (base,), attributes)


@lru_cache(maxsize=1)
def ukrainian_morph() -> Any:
    """pymorphy2's Ukrainian analyser, its dictionary checked; loaded once per process.

    pymorphy2 0.9.1 keeps a dictionary's grammemes on its one tag class, which every analyser
    shares, so loading a second language would change what the Russian analyser's tags know
    (its ``Surn`` would be unknown). The Ukrainian analyser is therefore built with a tag class
    of its own; the Russian one, loaded first, keeps the shared class as it was.
    """
    from pymorphy2 import MorphAnalyzer, tagset

    from spinscope.detectors.russian import morph

    # The Russian analyser first: its loading also gives pymorphy2 0.9.1 the reader of parameter
    # names it needs on Python 3.11 (see spinscope.detectors.russian).
    morph()
    folder = package_folder(UK_PACKAGE, missing="E616") / "data"
    check_hashes(folder, UK_DICTIONARY_HASHES, mismatch="E615", missing="E616")
    shared = tagset.registry[_TAG_FORMAT]
    tagset.registry[_TAG_FORMAT] = _own_class(shared)
    try:
        return MorphAnalyzer(path=str(folder), lang="uk")
    finally:
        tagset.registry[_TAG_FORMAT] = shared


@lru_cache(maxsize=50_000)
def ukrainian_lemma(word: str) -> str:
    """The likeliest dictionary form of a Ukrainian ``word``, lower case."""
    low = word.casefold()
    parses = ukrainian_morph().parse(low)
    return str(parses[0].normal_form) if parses else low


_LEMMAS: Final[dict[str, Callable[[str], str]]] = {
    "ru": _russian_lemma,
    "uk": ukrainian_lemma,
}


def lemmas_of(title: str | None, text: str) -> str:
    """The ``lemmas`` column of a document's search row: the dictionary forms of its Russian or
    Ukrainian words that differ from the words themselves, each once, in order of first use;
    empty for a text in neither language."""
    words = cyrillic_words(f"{title or ''}\n{text}")
    language = text_language(words)
    if language is None:
        return ""
    lemma_of = _LEMMAS[language]
    seen: dict[str, None] = {}
    for word in words:
        lemma = lemma_of(word)
        if lemma != word.casefold():
            seen.setdefault(lemma, None)
    return " ".join(seen)


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _term_query(term: str) -> str:
    if not _CYRILLIC.search(term):
        return _quoted(term)
    forms = [term]
    for lemma_of in _LEMMAS.values():
        lemma = lemma_of(term)
        if lemma != term.casefold() and lemma not in forms:
            forms.append(lemma)
    if len(forms) == 1:
        return _quoted(term)
    return "(" + " OR ".join(_quoted(form) for form in forms) + ")"


def fts_query(query: str) -> str | None:
    """User text as a safe FTS5 query: every word a quoted term, all required; None if no words.

    A Cyrillic word matches itself or its Russian or Ukrainian dictionary form (in any column:
    the text's own word when it is already in that form, a lemma otherwise). Operators, quotes,
    parentheses and column filters in the input are never interpreted.
    """
    terms = _TERM.findall(query)[:_MAX_TERMS]
    if not terms:
        return None
    parts = [_term_query(term) for term in terms]
    # FTS5 joins plain phrases by a space (an implicit AND) but needs AND before a group.
    return (" AND " if any(p.startswith("(") for p in parts) else " ").join(parts)
