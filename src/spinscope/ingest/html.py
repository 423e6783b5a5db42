"""HTML pages to a Document: trafilatura finds the article, the markup gives parts and links.

Page chrome (share bars, newsletter boxes, polls, related lists, cookie banners, comments) is
removed by class name and role first (:mod:`spinscope.ingest.chrome`). Then the cascade:
trafilatura in its balanced mode, then in recall mode, then a plain walk of the page's
``<body>``, so that short pages (a title and two paragraphs) still work. Captions and credits
that a class names become caption parts. Title and site: trafilatura's fields first, then the
page's meta tags. Authors and dates: the page's JSON-LD, meta tags, ``rel=author`` links, byline
classes and ``<time>`` elements, then trafilatura (:mod:`spinscope.ingest.bylines`); published
dates are kept as written (``published_raw``) and given in ISO 8601 with their offset.
"""

from __future__ import annotations

import copy
import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Final
from urllib.parse import urljoin, urlsplit

from spinscope.document import Document, Metadata
from spinscope.errors import InputError
from spinscope.ingest.blocks import (
    HTML,
    TEI,
    Block,
    Walker,
    block_text_of,
    collapse,
    compose,
    link_resolver,
    local_name,
    lxml_module,
)
from spinscope.ingest.bylines import read_byline
from spinscope.ingest.chrome import caption_texts, strip_chrome
from spinscope.ingest.decode import decode_html, normalise_text
from spinscope.ingest.meta import (
    clean_authors,
    language_code,
    title_without_site,
    web_url,
)
from spinscope.ingest.options import DEFAULT_OPTIONS, IngestOptions

_XML_DECLARATION: Final = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_C0: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_LOGGER: Final = logging.getLogger(__name__)


@dataclass(slots=True)
class PageFacts:
    """What the page's own markup says, read with lxml."""

    language: str | None = None
    canonical: str | None = None
    base_href: str | None = None
    title: str | None = None
    site: str | None = None
    metas: dict[str, str] = field(default_factory=dict)
    captions: dict[str, str] = field(default_factory=dict)  # image src -> its figcaption
    caption_texts: set[str] = field(default_factory=set)


def _parse(markup: str) -> Any | None:
    try:
        return lxml_module("html").document_fromstring(markup)
    except (lxml_module("etree").ParserError, ValueError):
        return None


def _meta_values(tree: Any) -> dict[str, str]:
    """The first content of each <meta> by its property, name or itemprop (lower case)."""
    values: dict[str, str] = {}
    for meta in tree.iter("meta"):
        content = meta.get("content")
        if content is None or not content.strip():
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = (meta.get(attr) or "").strip().lower()
            if key and key not in values:
                values[key] = content.strip()
    return values


def page_facts(tree: Any, *, url: str | None) -> PageFacts:
    facts = PageFacts()
    if tree is None:
        return facts
    metas = _meta_values(tree)
    root = tree.getroottree().getroot()
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    facts.language = language_code(lang) or language_code(metas.get("content-language"))
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            facts.canonical = link.get("href").strip()
            break
    facts.canonical = facts.canonical or metas.get("og:url")
    for base in tree.iter("base"):
        if base.get("href"):
            facts.base_href = base.get("href").strip()
            break
    title = metas.get("og:title")
    if not title:
        titles = [collapse(t.text_content()) for t in tree.iter("title")]
        title = next((t for t in titles if t), None)
    facts.title = title
    facts.site = metas.get("og:site_name") or metas.get("application-name")
    facts.metas = metas
    resolve_image = image_resolver(facts, url=url)
    for figure in tree.iter("figure"):
        caption = next((c for c in figure.iter("figcaption")), None)
        if caption is None:
            continue
        text = block_text_of(caption, HTML)
        if not text:
            continue
        facts.caption_texts.add(text)
        for img in figure.iter("img"):
            src = resolve_image(img.get("src"))
            if src and src not in facts.captions:
                facts.captions[src] = text
    facts.caption_texts |= caption_texts(tree)
    return facts


def _base(facts: PageFacts, *, url: str | None) -> str | None:
    """The address relative links are resolved against: <base href> over the page's URL."""
    page = url or facts.canonical
    if facts.base_href:
        return urljoin(page, facts.base_href) if page else facts.base_href
    return page


def image_resolver(facts: PageFacts, *, url: str | None) -> Any:
    base = _base(facts, url=url)

    def resolve(src: str | None) -> str | None:
        if not src or not src.strip():
            return None
        return urljoin(base, src.strip()) if base else src.strip()

    return resolve


def _trafilatura(markup: str, *, base: str | None, recall: bool) -> Any | None:
    from trafilatura import bare_extraction

    try:
        return bare_extraction(
            markup,
            url=base,
            include_links=True,
            include_images=True,
            include_comments=False,
            include_tables=True,
            include_formatting=False,
            with_metadata=True,
            favor_recall=recall,
            deduplicate=False,
        )
    except Exception as exc:  # third-party extraction: on any failure the next stage takes over
        _LOGGER.debug("trafilatura failed: %s", exc)
        return None


def _is_text_dump(body: Any) -> bool:
    """True for trafilatura's last-resort output: bare paragraphs holding whole lines of text."""
    children = list(body)
    return bool(children) and all(
        local_name(c) == "p" and len(c) == 0 and "\n" in (c.text or "") for c in children
    )


def _mark_captions(blocks: list[Block], facts: PageFacts) -> list[Block]:
    for block in blocks:
        if block.kind is None and block.text in facts.caption_texts:
            block.kind = "caption"
    return blocks


def _without_chrome(tree: Any) -> tuple[str, Any]:
    """A copy of the page without its chrome (:mod:`spinscope.ingest.chrome`): as markup for
    the extractor, and as a tree for the plain walk."""
    clean = copy.deepcopy(tree)
    strip_chrome(clean)
    return lxml_module("html").tostring(clean, encoding="unicode"), clean


def _extract_blocks(
    markup: str, tree: Any, facts: PageFacts, *, url: str | None
) -> tuple[list[Block], Any | None]:
    """The article's blocks and trafilatura's result (for its metadata), by the cascade."""
    markup, tree = _without_chrome(tree)
    base = _base(facts, url=url)
    resolve = link_resolver(base)
    resolve_image = image_resolver(facts, url=url)
    used: set[str] = set()

    def caption_of(src: str | None) -> str | None:
        key = resolve_image(src)
        if key is None or key in used or key not in facts.captions:
            return None
        used.add(key)
        return facts.captions[key]

    first: Any | None = None
    for recall in (False, True):
        result = _trafilatura(markup, base=base, recall=recall)
        if result is None:
            continue
        if first is None:
            first = result
        body = getattr(result, "body", None)
        if body is None or _is_text_dump(body):
            continue
        used.clear()
        blocks = _dedupe_captions(Walker(TEI, resolve=resolve, image_caption=caption_of).walk(body))
        if blocks:
            return _mark_captions(blocks, facts), result
    if tree is not None:
        bodies = list(tree.iter("body")) or [tree]
        blocks = Walker(HTML, resolve=resolve).walk(bodies[0])
        if blocks:
            return _mark_captions(blocks, facts), first
    return [], first


def _dedupe_captions(blocks: list[Block]) -> list[Block]:
    """Drop a caption put in after an image when the extractor already kept its text."""
    kept_texts = Counter(b.text for b in blocks)
    return [b for b in blocks if not (b.kind == "caption" and kept_texts[b.text] > 1)]


def html_document(markup: str, *, source: str, url: str | None = None) -> Document:
    """A Document from decoded HTML; E106 if no article text can be found."""
    markup = _XML_DECLARATION.sub("", markup, count=1)
    markup = normalise_text(_C0.sub("", markup))
    tree = _parse(markup) if markup.strip() else None
    facts = page_facts(tree, url=url)
    blocks, result = (
        _extract_blocks(markup, tree, facts, url=url) if tree is not None else ([], None)
    )
    if not blocks:
        raise InputError("E106", source=source)

    def field_of(name: str) -> str | None:
        value = getattr(result, name, None) if result is not None else None
        return value.strip() if isinstance(value, str) and value.strip() else None

    site = field_of("sitename") or facts.site
    page_url = web_url(url) or web_url(facts.canonical) or web_url(field_of("url"))
    host = urlsplit(page_url).hostname if page_url else None
    title = field_of("title") or facts.title
    if title:
        title = title_without_site(title, site=site, host=host)
    composed = compose(title, blocks)
    byline = read_byline(
        tree,
        facts.metas,
        url=page_url,
        extracted_author=field_of("author"),
        extracted_date=field_of("date"),
        clean=lambda names: clean_authors(names, site=site, host=host),
    )
    _LOGGER.debug("%s: metadata from %s", source, byline.stages())
    published = byline.published.value if byline.published else None
    authors = byline.authors.value if byline.authors else ()
    meta = Metadata(
        title=collapse(title) if title else None,
        authors=clean_authors(authors, site=site, host=host),
        published=published.iso if published else None,
        published_raw=published.raw if published else None,
        url=page_url,
        site=site,
        language=facts.language,
        source=source,
    )
    return Document(composed.text, meta, parts=composed.parts, links=composed.links)


def read_html(
    html: str | bytes,
    *,
    source: str,
    url: str | None = None,
    options: IngestOptions | None = None,
    http_charset: str | None = None,
) -> Document:
    """A Document from an HTML page (text or bytes); E106 if it holds no article text.

    ``url`` is the address the page was read from: it resolves relative links and becomes
    ``meta.url``; without it, the page's canonical address (or og:url) is used.
    """
    opts = options or DEFAULT_OPTIONS
    if isinstance(html, bytes):
        html = decode_html(html, source=source, encoding=opts.encoding, http_charset=http_charset)
    return html_document(html, source=source, url=url)
