"""Who wrote a page and when: the byline and date cascade over its markup.

Each field stays empty until a stage fills it, and the stage that filled it is recorded
(:class:`Found`). Authors, first to last: the article's JSON-LD ``author`` (a Person or an
Organization, one or a list, by ``@id`` within ``@graph``), ``<meta name="author">``,
``rel="author"`` links, elements whose class or ``itemprop`` names a byline or an author, then
a visible "By ..." line below the headline that names its authors in links.
Dates: the article's JSON-LD ``datePublished``, the publication meta tags
(``article:published_time`` and kin), elements marked ``itemprop="datePublished"``, a
labelled date line ("Veröffentlicht am 16.08.2019", "Published: March 5, 2024"), then
``<time>`` elements (their ``datetime``, or their text read as a date: "March 5, 2024, 7:05 pm
EST"); the first found is settled with htmldate's reading of the page
(:mod:`spinscope.ingest.dates`), which also gives the day when the markup states none; the
extractor's date is the last stage. The last date modified is read from JSON-LD
``dateModified`` and ``article:modified_time``.

The article's own JSON-LD object is the one whose ``@type`` is an article type; a
``datePublished`` of a related story listed elsewhere in the page's data is not the page's date.
Links and elements inside comment sections, related-story lists and other chrome
(:func:`spinscope.ingest.chrome.in_chrome`) are not the page's byline or date.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum
from itertools import islice
from typing import Any, Final, Generic, TypeVar

from spinscope.ingest.blocks import collapse, local_name
from spinscope.ingest.chrome import Region, in_chrome, region_of
from spinscope.ingest.dates import (
    MODIFIED_META,
    PUBLISHED_META,
    PageDate,
    labelled_dates,
    meta_dates,
    microdata_dates,
    needs_reading,
    page_date,
    page_day,
    settle,
    time_dates,
    year_alone,
)
from spinscope.ingest.meta import byline_names, split_authors, web_url

T = TypeVar("T")

ARTICLE_TYPES: Final = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "reviewnewsarticle",
        "backgroundnewsarticle",
        "askpublicnewsarticle",
        "blogposting",
        "liveblogposting",
        "socialmediaposting",
        "report",
        "scholarlyarticle",
        "techarticle",
    }
)
PAGE_TYPES: Final = frozenset({"webpage", "itempage", "aboutpage", "profilepage"})
MAX_JSON_LD_CHARS: Final = 1_000_000
MAX_DEPTH: Final = 8
MAX_AUTHORS: Final = 12
MAX_PIECES: Final = 8
MAX_CANDIDATES: Final = 20  # byline elements tried, in page order
MAX_AFTER_HEADLINE: Final = 60  # elements after the headline looked at for a "By ..." line
MAX_BYLINE_CHARS: Final = 160
_LINE_TAGS: Final = frozenset({"p", "div", "span", "li", "address", "section", "header"})
_BY_OPENING: Final = re.compile(r"(?:(?:Written|Words|Posted|Reporting|Story|Text) [Bb]y|By)\b")
_DATE_PIECE: Final = re.compile(
    r"\d|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE
)


class Stage(Enum):
    """Where a field's value came from."""

    JSON_LD = "json-ld"
    META = "meta"
    REL_AUTHOR = "rel-author"
    BYLINE_MARKUP = "byline-markup"
    BYLINE_TEXT = "byline-text"
    MICRODATA = "microdata"
    DATE_LINE = "date-line"
    TIME_ELEMENT = "time-element"
    HTMLDATE = "htmldate"
    EXTRACTOR = "extractor"


@dataclass(frozen=True, slots=True)
class Found(Generic[T]):
    """A field's value and the stage that gave it."""

    value: T
    stage: Stage


@dataclass(slots=True)
class Byline:
    """The authors and dates of a page; a field is None until a stage fills it."""

    authors: Found[tuple[str, ...]] | None = None
    published: Found[PageDate] | None = None
    modified: Found[PageDate] | None = None

    def stages(self) -> dict[str, str]:
        """Field name -> the stage that filled it, for the fields that are filled."""
        filled = {"authors": self.authors, "published": self.published, "modified": self.modified}
        return {name: found.stage.value for name, found in filled.items() if found is not None}


# --- JSON-LD ---------------------------------------------------------------------------------


def _types(node: dict[str, Any]) -> set[str]:
    value = node.get("@type")
    values = value if isinstance(value, list) else [value]
    return {v.lower().rsplit("/", 1)[-1] for v in values if isinstance(v, str)}


def _json_ld_data(tree: Any) -> list[Any]:
    found: list[Any] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        text = script.text or ""
        if len(text) > MAX_JSON_LD_CHARS:
            continue
        try:
            found.append(json.loads(text))
        except (ValueError, RecursionError):
            continue
    return found


def _top_nodes(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """The objects a JSON-LD block states at its top: itself, a list's items, ``@graph``'s
    items and a page's ``mainEntity``; never those nested in lists of other things."""
    if depth > MAX_DEPTH:
        return
    if isinstance(data, list):
        for item in data:
            yield from _top_nodes(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity"):
            if key in data:
                yield from _top_nodes(data[key], depth + 1)


def _ids(data: Any, found: dict[str, dict[str, Any]], depth: int = 0) -> None:
    if depth > MAX_DEPTH:
        return
    if isinstance(data, list):
        for item in data:
            _ids(item, found, depth + 1)
    elif isinstance(data, dict):
        key = data.get("@id")
        if isinstance(key, str) and len(data) > 1 and key not in found:
            found[key] = data
        for value in data.values():
            _ids(value, found, depth + 1)


@dataclass(frozen=True, slots=True)
class _JsonLd:
    article: dict[str, Any] | None
    ids: dict[str, dict[str, Any]]


def _json_ld(tree: Any) -> _JsonLd:
    """The page's article object (the first of an article type, else of a page type)."""
    blocks = _json_ld_data(tree)
    ids: dict[str, dict[str, Any]] = {}
    for block in blocks:
        _ids(block, ids)
    nodes = [n for block in blocks for n in _top_nodes(block)]
    for wanted in (ARTICLE_TYPES, PAGE_TYPES):
        for node in nodes:
            if _types(node) & wanted:
                return _JsonLd(node, ids)
    return _JsonLd(None, ids)


def _person_names(value: Any, ids: dict[str, dict[str, Any]], depth: int = 0) -> list[str]:
    if depth > 3:
        return []
    if isinstance(value, str):
        return [] if web_url(value) else list(byline_names(value) or split_authors(value))
    if isinstance(value, list):
        return [name for item in value[:MAX_AUTHORS] for name in _person_names(item, ids, depth)]
    if not isinstance(value, dict):
        return []
    if set(value) <= {"@id", "@type"} and isinstance(value.get("@id"), str):
        value = ids.get(value["@id"], value)
    name = value.get("name")
    if isinstance(name, list):
        name = next((n for n in name if isinstance(n, str)), None)
    if not isinstance(name, str) or not name.strip():
        given, family = value.get("givenName"), value.get("familyName")
        parts = [p for p in (given, family) if isinstance(p, str) and p.strip()]
        name = " ".join(parts)
    name = collapse(name)
    return [name] if name and len(name) <= 100 and not web_url(name) else []


def _json_ld_date(node: dict[str, Any] | None, key: str) -> PageDate | None:
    value = node.get(key) if node else None
    return page_date(value) if isinstance(value, str) else None


# --- the markup ------------------------------------------------------------------------------


def _rel_author(tree: Any) -> tuple[str, ...]:
    links = (e for e in tree.iter("a", "link") if "author" in (e.get("rel") or "").lower().split())
    for link in islice(links, MAX_CANDIDATES):
        if in_chrome(link):
            continue
        names = byline_names(link.text_content() if local_name(link) == "a" else "")
        if names:
            return names
    return ()


def _itemprop_author(element: Any) -> tuple[str, ...]:
    named = [e for e in element.iter() if (e.get("itemprop") or "").strip().lower() == "name"]
    if named:
        return byline_names(named[0].text_content() or named[0].get("content"))
    return byline_names(element.text_content() or element.get("content"))


def _byline_markup(tree: Any) -> tuple[str, ...]:
    """Names from an ``itemprop="author"`` element, else from the first byline-classed one."""
    candidates = [
        e
        for e in tree.iter()
        if isinstance(e.tag, str) and (e.get("itemprop") or "").strip().lower() == "author"
    ]
    for element in candidates[:MAX_CANDIDATES]:
        if not in_chrome(element) and (names := _itemprop_author(element)):
            return names
    bylines = (e for e in tree.iter() if region_of(e) is Region.BYLINE)
    for element in islice(bylines, MAX_CANDIDATES):
        if in_chrome(element):
            continue
        if any(local_name(a) == "figure" for a in element.iterancestors()):
            continue  # a photographer's credit
        if any(local_name(a) == "blockquote" for a in element.iterancestors()):
            continue  # who said a quotation
        if names := names_in_pieces(element):
            return names
    return ()


def names_in_pieces(element: Any) -> tuple[str, ...]:
    """The names in a byline element's text pieces, read one by one up to the one that
    holds a date: "Kevin Johnson and Kevin McCoy" + "USA TODAY" + "Published 7:07 PM" gives
    the two people and the outlet (the outlet is dropped later as the site's name)."""
    names: list[str] = []
    pieces = (collapse(t) for t in element.itertext() if t.strip())
    for piece in islice(pieces, MAX_PIECES):
        names.extend(n for n in byline_names(piece) if n not in names)
        if _DATE_PIECE.search(piece):
            break  # what follows the date is no longer the byline
    return tuple(names[:MAX_AUTHORS])


def _visible_byline(tree: Any) -> tuple[str, ...]:
    """The names of a "By ..." line the page shows near its headline with no byline markup:
    an element after the first ``<h1>`` whose short text opens with "By" ("Written by",
    "Posted by", ...) and names its authors in links ("By <a>Louis Jacobson</a> on Monday").
    Only linked names are taken, so "By Monday, the council ..." names nobody."""
    headline = next((h for h in islice(tree.iter("h1"), MAX_CANDIDATES) if not in_chrome(h)), None)
    if headline is None:
        return ()
    after = False
    seen = 0
    for element in tree.iter():
        if element is headline:
            after = True
            continue
        if not after or not isinstance(element.tag, str) or local_name(element) not in _LINE_TAGS:
            continue
        seen += 1
        if seen > MAX_AFTER_HEADLINE:
            break
        text = collapse(element.text_content())
        if len(text) > MAX_BYLINE_CHARS or not _BY_OPENING.match(text) or in_chrome(element):
            continue
        if any(local_name(a) in ("figure", "blockquote") for a in element.iterancestors()):
            continue
        names: list[str] = []
        for link in islice(element.iter("a"), MAX_AUTHORS):
            names.extend(n for n in byline_names(link.text_content()) if n not in names)
        if names:
            return tuple(names)
    return ()


def read_byline(
    tree: Any,
    metas: dict[str, str],
    *,
    url: str | None = None,
    extracted_author: str | None = None,
    extracted_date: str | None = None,
    clean: Callable[[tuple[str, ...]], tuple[str, ...]] | None = None,
) -> Byline:
    """The cascade over a parsed page; ``metas`` are its ``<meta>`` values by lower-case name,
    ``extracted_author`` and ``extracted_date`` what an extractor found (the last stage).
    ``clean`` drops names that name no one (the site itself, "admin"): a stage left with none
    gives way to the next, so a page whose JSON-LD names its site as the author is still read
    for its byline."""
    found = Byline()
    data = _json_ld(tree)
    article = data.article

    def take(names: tuple[str, ...], stage: Stage) -> None:
        kept = clean(names) if clean is not None else names
        if kept:
            found.authors = Found(kept, stage)

    if found.authors is None and article is not None:
        take(tuple(dict.fromkeys(_person_names(article.get("author"), data.ids))), Stage.JSON_LD)
    if found.authors is None:
        names = split_authors(metas.get("author") or metas.get("article:author"))
        take(tuple(n for n in names if not web_url(n)), Stage.META)
    if found.authors is None:
        take(_rel_author(tree), Stage.REL_AUTHOR)
    if found.authors is None:
        take(_byline_markup(tree), Stage.BYLINE_MARKUP)
    if found.authors is None:
        take(_visible_byline(tree), Stage.BYLINE_TEXT)
    if found.authors is None:
        take(split_authors(extracted_author), Stage.EXTRACTOR)

    stated = [
        (Stage.JSON_LD, [d] if (d := _json_ld_date(article, "datePublished")) else []),
        (Stage.META, meta_dates(metas, PUBLISHED_META)),
        (Stage.MICRODATA, microdata_dates(tree)),
        (Stage.DATE_LINE, labelled_dates(tree)),
        (Stage.TIME_ELEMENT, time_dates(tree)),
    ]
    candidates = [d for _stage, dates in stated for d in dates]
    first = next(((dates[0], stage) for stage, dates in stated if dates), None)
    markup_date = first[0] if first else None
    day = page_day(tree, url=url) if needs_reading(markup_date, candidates) else None
    chosen, settled = settle(markup_date, candidates, day)
    if chosen is not None:
        stage = Stage.HTMLDATE if settled or first is None else first[1]
        found.published = Found(chosen, stage)
    elif (date := page_date(extracted_date)) and not year_alone(date.iso):
        found.published = Found(date, Stage.EXTRACTOR)

    if found.modified is None and (date := _json_ld_date(article, "dateModified")):
        found.modified = Found(date, Stage.JSON_LD)
    if found.modified is None and (dates := meta_dates(metas, MODIFIED_META)):
        found.modified = Found(dates[0], Stage.META)
    return found
