"""Targeted actors across a corpus: one person under one name, whatever each article calls them.

Each article's actors detector already joins the names it gives one actor (its aliases). Across
articles, :func:`merge_targets` joins the names of allegation targets that are the same person:

* spellings that differ only in case, accents, punctuation or a possessive (``Liane Orsk's``,
  ``LIANE ORSK``, ``Liane Örsk``);
* Russian and Ukrainian inflected forms, read through the lemmas the search index uses
  (``Петрову`` and ``Петрова`` -> ``петров``; :mod:`spinscope.store.search`);
* the names one article gives one actor (its aliases);
* initials (``L. Orsk``) and a surname alone (``Orsk``), when exactly one full name in the corpus
  has that surname (and that initial); when two do (``Liane Orsk``, ``Mikael Orsk``), the short
  form stays apart rather than be given to either.

Each merged actor is shown under its most frequent full spelling (ties: first A-Z).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Final

from spinscope.corpus.records import CorpusRecord

_WORD: Final = re.compile(r"[^\W_]+")
_POSSESSIVE: Final = re.compile(r"(?<=\w)['’]s\b|(?<=s)['’](?=\s|$)", re.IGNORECASE)
_CYRILLIC: Final = re.compile(r"[\u0400-\u04ff]")
_LEMMA_LANGUAGES: Final = ("ru", "uk")


def _lemma(word: str, language: str | None) -> str:
    from spinscope.store.search import _LEMMAS

    lemma_of = _LEMMAS.get(language or "")
    return lemma_of(word) if lemma_of is not None else word


def _language(words: Sequence[str]) -> str | None:
    from spinscope.store.search import text_language

    return text_language(words)


def name_tokens(name: str, language: str | None = None) -> tuple[str, ...]:
    """The words of a name as they are compared: possessive and a leading "the" dropped, accents
    removed, case folded, and Russian or Ukrainian words in their dictionary form (by the
    article's ``language`` when it is one of the two, else by the letters of the name)."""
    text = _POSSESSIVE.sub("", unicodedata.normalize("NFKC", name))
    words = _WORD.findall(text)
    if len(words) > 1 and words[0].casefold() == "the":
        words = words[1:]
    cyrillic = [w for w in words if _CYRILLIC.search(w)]
    if language not in _LEMMA_LANGUAGES:
        language = _language(cyrillic) if cyrillic else None
    out: list[str] = []
    for word in words:
        if _CYRILLIC.search(word):
            word = _lemma(word, language) if language else word
            out.append(word.casefold().replace("ё", "е"))
            continue
        flat = unicodedata.normalize("NFKD", word)
        out.append("".join(c for c in flat if not unicodedata.combining(c)).casefold())
    return tuple(out)


def _is_initial(token: str) -> bool:
    return len(token) == 1


def _full(tokens: tuple[str, ...]) -> bool:
    """A full name: two words or more, the first not an initial."""
    return len(tokens) >= 2 and not _is_initial(tokens[0])


class _Union:
    def __init__(self) -> None:
        self.parent: dict[tuple[str, ...], tuple[str, ...]] = {}

    def find(self, key: tuple[str, ...]) -> tuple[str, ...]:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def join(self, a: tuple[str, ...], b: tuple[str, ...]) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def merge_targets(records: Iterable[CorpusRecord]) -> dict[str, str]:
    """Each target spelling (as the records hold it, stripped) mapped to the name of the actor it
    is merged into (see the module docstring)."""
    spellings: Counter[str] = Counter()
    links: list[tuple[str, tuple[str, ...]]] = []
    languages: dict[str, str | None] = {}
    for record in records:
        aliases = record.target_aliases
        for i, name in enumerate(record.targets):
            name = name.strip()
            if not name:
                continue
            spellings[name] += 1
            languages.setdefault(name, record.language)
            if len(aliases) == len(record.targets):
                links.append((name, aliases[i]))
    tokens = {s: name_tokens(s, languages[s]) for s in spellings}
    union = _Union()
    for key in tokens.values():
        if key:
            union.find(key)
    read: dict[tuple[str, str | None], tuple[str, ...]] = {}  # an alias repeats in many records
    for name, others in links:
        for alias in others:
            seen = (alias, languages[name])
            alias_key = read.get(seen)
            if alias_key is None:
                alias_key = read[seen] = name_tokens(alias, languages[name])
            if alias_key and tokens[name]:
                union.join(tokens[name], alias_key)
    by_surname: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for key in {t for t in tokens.values() if _full(t)}:
        by_surname[key[-1]].add(union.find(key))
    for key in {t for t in tokens.values() if t and not _full(t)}:
        groups = by_surname.get(key[-1], set())
        if len(key) >= 2:  # initials and a surname: the initials must fit the first name
            groups = {g for g in groups if _initials_fit(key, g)}
        if len(groups) == 1:
            union.join(key, next(iter(groups)))
    members: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for spelling, count in spellings.items():
        if tokens[spelling]:
            members[union.find(tokens[spelling])][spelling] += count
    display: dict[tuple[str, ...], str] = {}
    for root, names in members.items():
        ranked = sorted(names.items(), key=lambda kv: (not _full(tokens[kv[0]]), -kv[1], kv[0]))
        display[root] = ranked[0][0]
    return {s: display[union.find(tokens[s])] for s in spellings if tokens[s]}


def _initials_fit(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """Whether ``short`` (initials then a surname, ``("l", "orsk")``) fits ``full``."""
    initials = short[:-1]
    if not all(_is_initial(t) for t in initials):
        return False
    return all(i < len(full) - 1 and full[i].startswith(t) for i, t in enumerate(initials))
