"""Full-text search: what a document's search row holds, and the safe query a user's words make.

The search row (the FTS5 table ``documents_fts``) holds a document's title and text as they are,
with SQLite's ``unicode61`` words (case folded), and one more column, ``lemmas``: the dictionary
form of each Russian word whose form differs from it ("Петрова", "Петрову" -> "петров";
"тендера" -> "тендер"), each once. A query word written in Cyrillic matches either itself or its
own dictionary form, so "Петров" finds "Петрову" and "тендер" finds "тендера". A word in any
other script is searched exactly as it is (an English query is the same FTS5 query as before
lemmas existed, and the lemmas column holds only Cyrillic words, which no Latin word matches).

The dictionary forms are pymorphy2's, through :func:`spinscope.detectors.russian.lemma` (the
Russian detectors' own lemmas, with its surname rule). They are written only for Russian text,
told by its letters (:func:`is_russian`): Ukrainian and Kazakh text has letters Russian lacks,
and no Ukrainian or Kazakh lemmatiser is installed (Snowball has none for Ukrainian either), so
those documents are searched by their exact word forms. A Russian query word still matches a
Ukrainian document where both share a form.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

_TERM: Final = re.compile(r"\w+")
_MAX_TERMS: Final = 32
_CYRILLIC: Final = re.compile(r"[\u0400-\u04ff]")
# Letters of Ukrainian (і ї є ґ) and Kazakh (ә ғ қ ң ө ұ ү һ і) that Russian does not use.
_NOT_RUSSIAN: Final = re.compile(r"[іїєґәғқңөұүһІЇЄҐӘҒҚҢӨҰҮҺ]")
# A text is Russian when fewer than this share of its Cyrillic words have such a letter (in
# Ukrainian text about one word in three has one; in Russian text only a quoted name).
NOT_RUSSIAN_SHARE: Final = 0.03


def cyrillic_words(text: str) -> list[str]:
    """The words of ``text`` (as FTS5's ``unicode61`` splits them) that have a Cyrillic letter."""
    return [word for word in _TERM.findall(text) if _CYRILLIC.search(word)]


def is_russian(words: Iterable[str]) -> bool:
    """Whether Cyrillic ``words`` read as Russian: some, and few with a non-Russian letter."""
    total = other = 0
    for word in words:
        total += 1
        other += _NOT_RUSSIAN.search(word) is not None
    return total > 0 and other < NOT_RUSSIAN_SHARE * total


def _lemma(word: str) -> str:
    # Imported here: pymorphy2 and its dictionary load only when Cyrillic text is indexed or
    # searched, so an English-only store (and the web app's start) never pays for them.
    from spinscope.detectors.russian import lemma

    return lemma(word)


def lemmas_of(title: str | None, text: str) -> str:
    """The ``lemmas`` column of a document's search row: the dictionary forms of its Russian
    words that differ from the words themselves, each once, in order of first use; empty for a
    text that is not Russian."""
    words = cyrillic_words(f"{title or ''}\n{text}")
    if not is_russian(words):
        return ""
    seen: dict[str, None] = {}
    for word in words:
        lemma = _lemma(word)
        if lemma != word.casefold():
            seen.setdefault(lemma, None)
    return " ".join(seen)


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _term_query(term: str) -> str:
    if not _CYRILLIC.search(term):
        return _quoted(term)
    lemma = _lemma(term)
    if lemma == term.casefold():
        return _quoted(term)
    return f"({_quoted(term)} OR {_quoted(lemma)})"


def fts_query(query: str) -> str | None:
    """User text as a safe FTS5 query: every word a quoted term, all required; None if no words.

    A Cyrillic word matches itself or its dictionary form (in any column: the text's own word
    when it is already in that form, a lemma otherwise). Operators, quotes, parentheses and
    column filters in the input are never interpreted.
    """
    terms = _TERM.findall(query)[:_MAX_TERMS]
    if not terms:
        return None
    parts = [_term_query(term) for term in terms]
    # FTS5 joins plain phrases by a space (an implicit AND) but needs AND before a group.
    return (" AND " if any(p.startswith("(") for p in parts) else " ").join(parts)
