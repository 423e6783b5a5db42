"""What a page element is, told by its class names, id and ARIA role: chrome, caption, byline.

One table (:data:`CLASS_WORDS`) says what a word in a ``class`` or ``id`` means. A class is cut
into words at ``-`` and ``_`` ("article-share-bar" -> article, share, bar), and each pair of
neighbouring words is also read as one ("most-read" -> mostread), so one entry covers the usual
spellings. ARIA roles that name page furniture (:data:`CHROME_ROLES`) count as chrome too.

Chrome (share bars, newsletter boxes, polls, "related" and "most read" lists, cookie banners,
comment sections, advertisements, menus) is removed before the article is extracted
(:func:`strip_chrome`); captions and photo credits outside ``<figcaption>`` are collected so that
their blocks become caption parts (:func:`caption_texts`); bylines are found by
:mod:`spinscope.ingest.bylines`, which ignores what lies inside chrome (:func:`in_chrome`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from enum import Enum
from itertools import pairwise
from typing import Any, Final

from spinscope.ingest.blocks import HTML, block_text_of, local_name


class Region(Enum):
    """What a page element is, besides article text."""

    SHARE = "share"
    NEWSLETTER = "newsletter"
    POLL = "poll"
    RELATED = "related"
    COOKIE = "cookie"
    COMMENTS = "comments"
    ADVERT = "advert"
    NAVIGATION = "navigation"
    FOOTER = "footer"
    HIDDEN = "hidden"  # not shown: the hidden attribute, or display:none in its style
    CAPTION = "caption"
    CREDIT = "credit"
    BYLINE = "byline"

    @property
    def is_chrome(self) -> bool:
        return self not in (Region.CAPTION, Region.CREDIT, Region.BYLINE)


def _words(**regions: str) -> dict[str, Region]:
    return {word: Region[name.upper()] for name, words in regions.items() for word in words.split()}


# A word in a class or id (lower case, neighbours also joined) -> what the element is.
CLASS_WORDS: Final = _words(
    share="share shares sharing sharebar sharetools socialshare sociallinks socialbuttons",
    newsletter="newsletter newsletters signup subscribe subscription",
    poll="poll polls survey",
    related=(
        "related recommended recommendations trending mostread mostpopular mostviewed popular "
        "readmore readnext morestories morefrom alsoread upnext outbrain taboola"
    ),
    cookie="cookie cookies consent gdpr",
    comments="comment comments commentlist disqus",
    advert="ad ads advert adverts advertisement sponsored promo",
    navigation="breadcrumb breadcrumbs menu navbar pagination sidebar",
    footer="footer",
    caption="caption captions figcaption",
    credit="credit credits photographer",
    byline="byline bylines author authors writer contributor",
)
# ARIA roles of page furniture.
CHROME_ROLES: Final = _words(
    navigation="navigation banner contentinfo search menu menubar toolbar complementary",
    cookie="dialog alertdialog",
)
# Any table word as a substring: most elements are ruled out by one search.
_ANY_WORD: Final = re.compile(
    "|".join(sorted({*CLASS_WORDS, *CHROME_ROLES}, key=len, reverse=True)).replace(" ", "")
)
# An author class that says it holds a picture, a biography, links or who said a quotation,
# not the byline.
_NOT_BYLINE: Final = frozenset(
    {"bio", "avatar", "image", "img", "photo", "picture", "thumb", "thumbnail", "social"}
    | {"follow", "about", "description", "quote", "pullquote", "blockquote", "statement"}
    | {"testimonial", "citation", "cite", "review"}
)
_OWN: Final = frozenset({Region.FOOTER, Region.HIDDEN})
# Chrome in which a byline or a date is someone else's: a comment's author, a related story's.
# A footer is not: an article's own footer often holds its byline; nor is hidden markup, where
# pages keep their microdata for machines (an itemprop="author" among them).
FOREIGN: Final = frozenset(r for r in Region if r.is_chrome and r not in _OWN)
# Elements never removed as chrome, whatever their class: the article itself and the page.
_KEPT_TAGS: Final = frozenset({"html", "body", "main", "article"})
# A chrome element holding more than this share of the page's text is kept: a class such as
# "has-comments" on the article's own wrapper must not take the article with it.
MAX_CHROME_SHARE: Final = 0.5
MAX_KEPT: Final = 16
_SPLIT: Final = re.compile(r"[-_\s]+")
_HIDDEN_STYLE: Final = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# Words that make the next one a property of the element, not what it is.
_MODIFIERS: Final = frozenset({"has", "with", "w", "no", "without", "show", "hide", "is", "enable"})


def is_hidden(element: Any) -> bool:
    """Whether the page hides the element from its readers (``hidden``, ``display: none``)."""
    if element.get("hidden") is not None:
        return True
    style = element.get("style")
    return bool(style) and _HIDDEN_STYLE.search(style) is not None


def _could_name(element: Any) -> bool:
    """A quick test: could the element's class, id or role name anything in the tables?"""
    value = "".join(element.get(a) or "" for a in ("class", "id", "role"))
    if not value:
        return False
    return _ANY_WORD.search(_SPLIT.sub("", value.lower())) is not None


def class_words(element: Any) -> list[str]:
    """The words of an element's class and id, lower case, with neighbouring pairs joined; a
    word after a modifier ("has-comments", "w-sidebar", "no-ads") is not the element's own."""
    found: list[str] = []
    for attr in ("class", "id"):
        value = element.get(attr)
        if not value or len(value) > 500:
            continue
        for token in value.lower().split():
            words = [w for w in _SPLIT.split(token) if w]
            words = [w for i, w in enumerate(words) if i == 0 or words[i - 1] not in _MODIFIERS]
            found.extend(w for w in words if w not in _MODIFIERS)
            found.extend(a + b for a, b in pairwise(words))
    return found


def region_of(element: Any) -> Region | None:
    """What the element is by its class, id or role; None for anything else."""
    if not isinstance(element.tag, str):
        return None
    if is_hidden(element):
        return Region.HIDDEN
    if not _could_name(element):
        return None
    role = (element.get("role") or "").strip().lower()
    if role in CHROME_ROLES:
        return CHROME_ROLES[role]
    words = class_words(element)
    regions = [CLASS_WORDS[w] for w in words if w in CLASS_WORDS]
    if not regions:
        return None
    chrome = [r for r in regions if r.is_chrome]
    if chrome:
        return chrome[0]
    if Region.BYLINE in regions and _NOT_BYLINE.intersection(words):
        return None
    return regions[0]


def in_chrome(element: Any, regions: frozenset[Region] = FOREIGN) -> bool:
    """Whether the element or one of its ancestors is chrome of one of ``regions``."""
    node = element
    while node is not None:
        if local_name(node) in ("aside", "nav"):
            return True
        region = region_of(node)
        if region is not None and region in regions:
            return True
        node = node.getparent()
    return False


def _holds_article(element: Any) -> bool:
    if local_name(element) in _KEPT_TAGS:
        return True
    for child in element.iter("article", "main"):
        if child is not element:
            return True
    return any((e.get("itemprop") or "") == "articleBody" for e in element.iter())


def _text_size(element: Any) -> int:
    """Characters of paragraph text under the element (scripts and menus do not count)."""
    return sum(len(p.text_content().strip()) for p in element.iter("p"))


def chrome_elements(root: Any) -> Iterator[Any]:
    """The outermost chrome elements under ``root``, in document order, never the article's
    own container or one holding most of the page's text. Past ``MAX_KEPT`` chrome-named
    elements kept that way (hostile nesting), nothing more is taken for chrome."""
    total = _text_size(root) or 1
    kept = 0
    stack = [root]
    while stack:
        element = stack.pop()
        region = region_of(element) if element is not root else None
        if region is not None and region.is_chrome:
            # Hidden markup that claims to hold the article (a copy for search engines) is
            # still hidden; only the share of the page's text keeps it.
            claims = _holds_article(element) if region is not Region.HIDDEN else False
            if not claims and _text_size(element) <= MAX_CHROME_SHARE * total:
                yield element
                continue
            kept += 1
            if kept > MAX_KEPT:
                return
        stack.extend(reversed([c for c in element if isinstance(c.tag, str)]))


def strip_chrome(root: Any) -> int:
    """Remove chrome from the tree in place (the text after each element stays); how many
    elements were removed."""
    removed = 0
    for element in list(chrome_elements(root)):
        parent = element.getparent()
        if parent is None:
            continue
        tail = element.tail
        previous = element.getprevious()
        parent.remove(element)
        if tail:
            if previous is not None:
                previous.tail = (previous.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail
        removed += 1
    return removed


def caption_texts(root: Any) -> set[str]:
    """The texts of captions and photo credits that a class names (``figcaption`` elements are
    read with their figure's images elsewhere): an author class inside a ``<figure>`` is the
    photographer's credit."""
    found: set[str] = set()
    for element in root.iter():
        region = region_of(element)
        if region is None or local_name(element) == "figcaption":
            continue
        in_figure = any(local_name(a) == "figure" for a in element.iterancestors())
        if region in (Region.CAPTION, Region.CREDIT) or (region is Region.BYLINE and in_figure):
            text = block_text_of(element, HTML)
            if text and len(text) < 1_000:
                found.add(text)
    return found
