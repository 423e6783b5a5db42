"""The corpus report: one self-contained HTML page about many articles.

:func:`analyse_corpus` runs every corpus analysis (near duplicates, translations, chains,
narratives, trends) and returns plain data with a JSON form; :func:`render_corpus_report` draws
it: a summary, the articles per language with what was not analysed in them and why, trend
charts per week (Vega-Lite, from :mod:`spinscope.corpus.charts`, drawn by the vendored scripts
of :mod:`spinscope.corpus.vega`), the actors each outlet targeted week by week, the narratives,
and every republication chain with its origin evidence and what changed between versions.

The page follows the article report's rules: Jinja2 autoescapes every value, every string from
the corpus is cleaned of control and bidirectional characters, links are made only for plain
http(s) URLs, and a Content-Security-Policy allows nothing but the page's one inline style sheet
and its inline scripts (its own and the vendored Vega ones), each named by its sha256, and no
``eval``. Nothing is loaded from anywhere.
"""

from __future__ import annotations

import base64
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from markupsafe import Markup

from spinscope.analysis import Analysis, NotAnalysed
from spinscope.corpus.chains import Chain, DuplicatePair, build_chains, find_near_duplicates
from spinscope.corpus.chains import pair_dict as _pair_dict
from spinscope.corpus.charts import chart_payload, series_csv
from spinscope.corpus.diffs import diff_html
from spinscope.corpus.embeddings import corpus_method
from spinscope.corpus.narratives import Embedder, Narrative, NarrativeMethod, find_narratives
from spinscope.corpus.records import UNDATED, CorpusRecord, Statement, as_records
from spinscope.corpus.translations import find_translations
from spinscope.corpus.trends import Trends, actor_names, compute_trends
from spinscope.corpus.vega import chart_scripts
from spinscope.language import language_name
from spinscope.records import to_data
from spinscope.report.html import csp_hash, template_asset, template_environment
from spinscope.report.layout import clean, excerpt, safe_href
from spinscope.report.legend import not_analysed_groups
from spinscope.version import __version__

if TYPE_CHECKING:
    pass

_TEMPLATES: Final = "templates"
REL: Final = "noopener noreferrer nofollow"
_WORDING: Final = NarrativeMethod(None)


@dataclass(frozen=True, slots=True)
class LanguageCount:
    """The articles of one language (None: not identified) and what was not analysed in them:
    each :class:`NotAnalysed` entry with the number of articles it was recorded for."""

    language: str | None
    documents: int
    not_analysed: tuple[tuple[NotAnalysed, int], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "language": self.language,
            "documents": self.documents,
            "not_analysed": [{**to_data(n), "documents": k} for n, k in self.not_analysed],
        }


class _LanguageTally:
    """Counts articles per language, and what was not analysed, as the items stream past
    (once per document id, the first seen winning, as :func:`as_records` keeps them)."""

    def __init__(self) -> None:
        self._seen: set[str] = set()
        self._documents: Counter[str | None] = Counter()
        self._entries: dict[str | None, Counter[NotAnalysed]] = defaultdict(Counter)

    def passing(
        self, items: Iterable[Analysis | CorpusRecord]
    ) -> Iterator[Analysis | CorpusRecord]:
        for item in items:
            key = item.document.id if isinstance(item, Analysis) else item.id
            if key not in self._seen:
                self._seen.add(key)
                language = (
                    item.document.meta.language if isinstance(item, Analysis) else item.language
                )
                self._documents[language] += 1
                if isinstance(item, Analysis):
                    self._entries[language].update(item.not_analysed)
            yield item

    def counts(self) -> tuple[LanguageCount, ...]:
        order = sorted(self._documents, key=lambda k: (-self._documents[k], k or "~"))
        return tuple(
            LanguageCount(
                language, self._documents[language], tuple(self._entries[language].items())
            )
            for language in order
        )


@dataclass(frozen=True, slots=True)
class CorpusAnalysis:
    """Everything the corpus report shows, as plain data."""

    records: tuple[CorpusRecord, ...]
    pairs: tuple[DuplicatePair, ...]
    chains: tuple[Chain, ...]
    narratives: tuple[Narrative, ...]
    trends: Trends
    limitations: tuple[str, ...] = ()
    narrative_method: NarrativeMethod = _WORDING
    languages: tuple[LanguageCount, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        days = sorted(d for d in (r.day for r in self.records) if d is not None)
        return {
            "summary": {
                "articles": len(self.records),
                "outlets": len(self.trends.outlets),
                "first": days[0].isoformat() if days else None,
                "last": days[-1].isoformat() if days else None,
                "undated": sum(1 for r in self.records if r.day is None),
                "languages": sorted({r.language or "unknown" for r in self.records}),
            },
            "limitations": list(self.limitations),
            "languages": [c.to_dict() for c in self.languages],
            "pairs": [_pair_dict(p) for p in self.pairs],
            "chains": [c.to_dict() for c in self.chains],
            "narrative_method": self.narrative_method.to_dict(),
            "narratives": [n.to_dict() for n in self.narratives],
            "trends": self.trends.to_dict(),
        }


NarrativeFinder = Callable[
    [Sequence[CorpusRecord], Embedder | None, NarrativeMethod, Sequence[Chain]], list[Narrative]
]


def _all_narratives(
    records: Sequence[CorpusRecord],
    embed: Embedder | None,
    method: NarrativeMethod,
    chains: Sequence[Chain],
) -> list[Narrative]:
    return find_narratives(records, embed=embed, method=method, chains=chains)


def analyse_corpus(
    items: Iterable[Analysis | CorpusRecord],
    *,
    translations: bool = True,
    meanings: bool = True,
    near_duplicates: Sequence[DuplicatePair] | None = None,
    narratives_of: NarrativeFinder = _all_narratives,
) -> CorpusAnalysis:
    """Run every corpus analysis over analyses (or records). ``translations=False`` skips the
    cross-language matching, which embeds the opening of every article; ``meanings=False``
    groups narratives by shared wording even when the sentence encoder is installed.
    ``near_duplicates`` are the near-duplicate pairs when already found (as a kept search
    finds them, :mod:`spinscope.corpus.increments`), and ``narratives_of`` what groups the
    narratives (by default :func:`~spinscope.corpus.narratives.find_narratives`)."""
    tally = _LanguageTally()
    records = as_records(tally.passing(items))
    pairs = list(near_duplicates) if near_duplicates is not None else find_near_duplicates(records)
    limitations: list[str] = []
    if translations:
        found = find_translations(records)
        pairs += list(found.pairs)
        if found.limitation:
            limitations.append(found.limitation)
    else:
        limitations.append("translations were not looked for (switched off)")
    statements = len({s.text for r in records for s in r.statements})
    languages = {r.language for r in records if r.statements}
    method, embed, why = corpus_method(meanings=meanings, texts=statements, languages=languages)
    if why:
        limitations.append(why)
    chains = build_chains(records, pairs)
    narratives = narratives_of(records, embed, method, chains)
    return CorpusAnalysis(
        records=tuple(records),
        pairs=tuple(sorted(pairs, key=lambda p: (p.a, p.b, p.kind))),
        chains=tuple(chains),
        narratives=tuple(narratives),
        trends=compute_trends(records, narratives=narratives, chains=chains),
        limitations=tuple(limitations),
        narrative_method=method,
        languages=tally.counts(),
    )


def _short_week(week: str) -> str:
    return "n.d." if week == UNDATED else week.replace("-W", " W")


def _heat(count: int, peak: int) -> str:
    if count <= 0:
        return "h0"
    return f"h{min(4, 1 + (4 * count - 1) // max(peak, 1))}"


SENTENCES_PER_ACTOR: Final = 20  # the allegation sentences listed under each actor's row


def _actor_sentences(
    records: Sequence[CorpusRecord],
    document_href: Callable[[CorpusRecord], str | None],
    counted: frozenset[str],
) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """(outlet, actor name as the tables show it) -> the sentences that count for it, one per
    count, in the order of the records (only the records the trends count, ``counted``)."""
    names = actor_names(records)
    out: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        if record.id not in counted:
            continue
        title = excerpt(record.title or "", 90) or record.id[:10]
        for target, sentence in record.target_pairs():
            name = names.get(target.strip())
            if not name:
                continue
            text = excerpt(record.text[sentence[0] : sentence[1]], 280) if sentence else ""
            out[(record.outlet, name)].append(
                {
                    "text": text,
                    "title": title,
                    "week": _short_week(record.week),
                    "href": document_href(record),
                }
            )
    return out


def _record_href(record: CorpusRecord) -> str | None:
    return safe_href(record.url)


def _spellings(records: Sequence[CorpusRecord]) -> dict[str, list[str]]:
    """Each actor's name -> the other spellings merged into it, A-Z."""
    out: dict[str, set[str]] = defaultdict(set)
    for spelling, name in actor_names(records).items():
        if spelling != name:
            out[name].add(spelling)
    return {name: sorted(found) for name, found in out.items()}


def _actor_tables(
    trends: Trends,
    sentences: dict[tuple[str, str], list[dict[str, Any]]],
    spellings: dict[str, list[str]],
    *,
    outlets: int,
    actors: int,
) -> list[dict[str, Any]]:
    tables: list[dict[str, Any]] = []
    for outlet in trends.outlets[:outlets]:
        top = trends.top("actors", outlet=outlet, limit=actors)
        if not top:
            continue
        weekly = trends.by_week("actors", outlet=outlet)
        weeks = [w for w in trends.weeks if any(w in weekly[a] for a, _ in top)]
        peak = max(c for a, _ in top for c in weekly[a].values())
        rows = [
            {
                "actor": actor,
                "total": total,
                "cells": [
                    {"count": weekly[actor].get(w, 0), "cls": _heat(weekly[actor].get(w, 0), peak)}
                    for w in weeks
                ],
                "sentences": sentences.get((outlet, actor), [])[:SENTENCES_PER_ACTOR],
                "spellings": spellings.get(actor, []),
            }
            for actor, total in top
        ]
        tables.append({"outlet": outlet, "weeks": [_short_week(w) for w in weeks], "rows": rows})
    return tables


STATEMENTS_PER_NARRATIVE: Final = 20  # the member sentences listed under each narrative


def _narrative_rows(
    narratives: Sequence[Narrative],
    records: dict[str, CorpusRecord],
    limit: int,
    document_href: Callable[[CorpusRecord], str | None],
) -> list[dict[str, Any]]:
    """Each narrative with its representative and member sentences, each sentence with its
    article's title and link."""

    def sentence(statement: Statement) -> dict[str, Any]:
        record = records.get(statement.document_id)
        title = (record.title or excerpt(record.text, 90)) if record else ""
        return {
            "text": excerpt(statement.text, 280),
            "title": excerpt(title, 90) or statement.document_id[:10],
            "href": document_href(record) if record is not None else None,
            "outlet": record.outlet if record is not None else "",
        }

    rows = []
    for n in narratives[:limit]:
        rows.append(
            {
                "id": n.id,
                "label": n.label,
                "representatives": [sentence(s) for s in n.representatives],
                "members": [sentence(s) for s in n.members[:STATEMENTS_PER_NARRATIVE]],
                "statements": len(n.members),
                "articles": len(n.articles),
                "outlets": list(n.outlets),
                "first": n.first or "",
                "last": n.last or "",
            }
        )
    return rows


_EVIDENCE_HEADINGS: Final = {
    "link": "Origin established by a link",
    "date": "Origin established by dates",
    "external": "Origin outside the corpus",
    "unknown": "Order unknown",
}


def _chain_views(
    chains: Sequence[Chain],
    limit: int,
    records: dict[str, CorpusRecord],
    document_href: Callable[[CorpusRecord], str | None],
) -> list[dict[str, Any]]:
    views = []
    for chain in chains[:limit]:
        members = []
        for m in chain.members:
            relation = m.relation
            record = records.get(m.id)
            members.append(
                {
                    "short": m.id[:10],
                    "id": m.id,
                    "role": m.role,
                    "outlet": m.outlet,
                    "published": m.published or "undated",
                    "language": language_name(m.language) if m.language else "",
                    "title": excerpt(m.title or "", 120),
                    "url": m.url or "",
                    "href": document_href(record) if record is not None else safe_href(m.url),
                    "base": (m.base or "")[:10],
                    "cites": m.cites_source,
                    "similarity": (
                        f"{relation.score:.2f} ({relation.kind.replace('_', ' ')})"
                        if relation
                        else ""
                    ),
                    "evidence": ", ".join(relation.evidence) if relation else "",
                    "diff": diff_html(m.diff) if m.diff is not None and m.diff.changed else None,
                    "unchanged": m.diff is not None and not m.diff.changed,
                    "inserted": m.diff.inserted if m.diff else 0,
                    "deleted": m.diff.deleted if m.diff else 0,
                    "truncated": m.diff.truncated if m.diff else False,
                }
            )
        evidence = chain.evidence
        views.append(
            {
                "id": chain.id,
                "origin": (chain.origin or "")[:10],
                "ordered": chain.origin is not None,
                "evidence_kind": evidence.kind,
                "evidence_heading": _EVIDENCE_HEADINGS.get(evidence.kind, evidence.kind),
                "evidence_detail": evidence.detail,
                "evidence_links": [
                    {"member": member[:10], "url": url, "href": safe_href(url)}
                    for member, url in evidence.links
                ],
                "source_url": chain.source_url or "",
                "source_href": safe_href(chain.source_url),
                "outlets": list(chain.outlets),
                "members": members,
            }
        )
    return views


def corpus_context(
    corpus: CorpusAnalysis,
    *,
    title: str = "Corpus report",
    max_narratives: int = 200,
    max_chains: int = 100,
    max_outlets: int = 12,
    max_actors: int = 8,
    document_href: Callable[[CorpusRecord], str | None] = _record_href,
) -> dict[str, Any]:
    """What the report's sections show (charts, tables, chains), for the report and the web;
    ``document_href`` links an allegation sentence to its article (default: the article's own
    http(s) URL)."""
    trends = corpus.trends
    data = corpus.to_dict()
    by_id = {r.id: r for r in corpus.records}
    return {
        "version": __version__,
        "title": excerpt(title, 120),
        "summary": data["summary"],
        "languages": _language_rows(corpus.languages),
        "limitations": list(corpus.limitations),
        "outlet_counts": _outlet_counts(corpus),
        **_chart_context(trends),
        "actor_tables": _actor_tables(
            trends,
            _actor_sentences(corpus.records, document_href, trends.counted_ids),
            _spellings(corpus.records),
            outlets=max_outlets,
            actors=max_actors,
        ),
        "narratives": _narrative_rows(corpus.narratives, by_id, max_narratives, document_href),
        "narratives_total": len(corpus.narratives),
        "narrative_method": corpus.narrative_method.sentence(),
        "chains": _chain_views(corpus.chains, max_chains, by_id, document_href),
        "chains_total": len(corpus.chains),
        "rel": REL,
    }


def _outlet_counts(corpus: CorpusAnalysis) -> list[tuple[str, int, int]]:
    """Each outlet (as the trends order them), its articles, and how many of them the trends
    count (the copies of one text once)."""
    articles = Counter(r.outlet for r in corpus.records)
    counted = Counter[str]()
    for row in corpus.trends.articles:
        counted[row.outlet] += row.count
    return [(o, articles[o], counted[o]) for o in corpus.trends.outlets]


def _chart_context(trends: Trends) -> dict[str, Any]:
    """The trend charts' data (a JSON block for the page's script), their filter's choices,
    and every series as a CSV download."""
    payload = chart_payload(trends)
    return {
        "trends_cells": bool(trends.cells),
        "chart_json": json_for_script(payload),
        "chart_outlets": list(trends.outlets),
        "chart_languages": [
            {"code": code, "name": language_name(code) if code != "unknown" else "Not identified"}
            for code in payload["languages"]
        ],
        "chart_weeks": [{"week": w["week"], "label": _week_label(w)} for w in payload["weeks"]],
        "undated_articles": sum(c.articles for c in trends.cells if c.week == UNDATED),
        "csv_href": "data:text/csv;charset=utf-8;base64,"
        + base64.b64encode(series_csv(trends).encode("utf-8")).decode("ascii"),
    }


def _week_label(week: dict[str, Any]) -> str:
    return f"{_short_week(str(week['week']))} (from {week['start']})"


def json_for_script(value: Any) -> Markup:
    """JSON safe inside a ``<script type="application/json">`` element: no ``<``, ``>`` or ``&``
    survives, so no text can close the element or open a comment."""
    text = json.dumps(_cleaned(value), ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)  # noqa: S704 - JSON with every character that could end the element escaped


def _cleaned(value: Any) -> Any:
    """Every string (keys too) cleaned of control and bidirectional characters, as the
    templates clean what they print."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {_cleaned(k): _cleaned(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_cleaned(v) for v in value]
    return value


def _language_rows(counts: Sequence[LanguageCount]) -> list[dict[str, Any]]:
    """Each language by name, its articles, and what was not analysed in words, grouped by
    reason among the entries recorded for the same number of articles."""
    rows: list[dict[str, Any]] = []
    for count in counts:
        by_number: dict[int, list[NotAnalysed]] = {}
        for entry, documents in count.not_analysed:
            by_number.setdefault(documents, []).append(entry)
        rows.append(
            {
                "name": language_name(count.language) if count.language else "Not identified",
                "documents": count.documents,
                "not_analysed": [
                    {"text": group.text, "documents": documents}
                    for documents, entries in sorted(by_number.items(), key=lambda x: -x[0])
                    for group in not_analysed_groups(entries)
                ],
            }
        )
    return rows


def render_corpus_sections(
    corpus: CorpusAnalysis,
    *,
    title: str = "Corpus report",
    document_href: Callable[[CorpusRecord], str | None] = _record_href,
) -> Markup:
    """The report's sections alone (no page, style or script), autoescaped: the web app's
    corpus page shows them with its own style sheet and script, its links to its own pages."""
    template = template_environment("spinscope.corpus").get_template("_corpus_sections.html.j2")
    context = corpus_context(corpus, title=title, document_href=document_href)
    return Markup(template.render(context))  # noqa: S704 - autoescaped


def corpus_asset(name: str) -> str:
    """The report's own style sheet (``corpus.css``) or script (``corpus.js``)."""
    return template_asset(name, "spinscope.corpus")


def render_corpus_report(
    corpus: CorpusAnalysis,
    *,
    title: str = "Corpus report",
    max_narratives: int = 200,
    max_chains: int = 100,
    max_outlets: int = 12,
    max_actors: int = 8,
) -> str:
    """The corpus report as one self-contained HTML page."""
    style = corpus_asset("corpus.css")
    scripts = (*chart_scripts(), corpus_asset("corpus.js"))
    csp = report_csp(style, scripts)
    context = {
        **corpus_context(
            corpus,
            title=title,
            max_narratives=max_narratives,
            max_chains=max_chains,
            max_outlets=max_outlets,
            max_actors=max_actors,
        ),
        "csp": csp,
        "style": Markup(style),  # noqa: S704 - spinscope's own style sheet, hashed in the CSP
        # spinscope's own script and the vendored, sha256-checked Vega scripts, each hashed in
        # the CSP; a "</script" inside one would end it early, so none may hold one.
        "scripts": [Markup(_inline_script(s)) for s in scripts],  # noqa: S704
    }
    return template_environment("spinscope.corpus").get_template("corpus.html.j2").render(context)


def report_csp(style: str, scripts: Sequence[str]) -> str:
    """The Content-Security-Policy of the self-contained report: its own inline style sheet and
    inline scripts (each by hash), data: images, nothing else; no ``'unsafe-eval'``, since the
    charts evaluate their expressions with vega-interpreter."""
    return "; ".join(
        [
            "default-src 'none'",
            f"style-src {csp_hash(style)}",
            "script-src " + " ".join(csp_hash(s) for s in scripts),
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )


def _inline_script(text: str) -> str:
    if "</script" in text.lower():
        raise ValueError("an inline script holds '</script'")  # our own files: a bug, not input
    return text


def corpus_report_from_analyses(
    analyses: Iterable[Analysis], *, title: str = "Corpus report", translations: bool = True
) -> str:
    """Analyse a corpus and render its report: what ``spinscope report corpus`` writes."""
    return render_corpus_report(analyse_corpus(analyses, translations=translations), title=title)


def series_path(html: Path) -> Path:
    """Where the CSV of every chart series goes beside a report: ``corpus.html`` ->
    ``corpus.series.csv``."""
    return html.with_name(html.stem + ".series.csv")
