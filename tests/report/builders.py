"""Analyses built by hand for the report tests (invented outlets and people only)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from spinscope.analysis import Analysis, PipelineInfo
from spinscope.document import Document, Link, Metadata, Part, Span, make_span, sorted_spans
from tests.records import actor, attrs_for

BLOCKS = re.compile(r"\S(?:.*?\S)?(?=\n\n|\s*$)", re.S)


def with_parts(text: str, kinds: Sequence[str], meta: Metadata | None = None) -> Document:
    """A Document whose blank-line separated blocks get the given part kinds, in order."""
    blocks = list(BLOCKS.finditer(text))
    assert len(blocks) == len(kinds), (len(blocks), kinds)
    parts = tuple(Part(k, m.start(), m.end()) for k, m in zip(kinds, blocks, strict=True))
    return Document(text, meta or Metadata(), parts=parts)


def span(
    doc: Document,
    needle: str,
    *,
    layer: str = "technique",
    label: str = "Loaded_Language",
    score: float = 0.8,
    explanation: str = "a test finding",
    length: int | None = None,
    attrs: Mapping[str, Any] | None = None,
) -> Span:
    """A finding on the first occurrence of ``needle`` (or its first ``length`` characters)."""
    start = doc.text.index(needle)
    end = start + (len(needle) if length is None else length)
    return make_span(
        doc,
        start,
        end,
        layer=layer,
        label=label,
        score=score,
        detector="test@1",
        explanation=explanation,
        attrs=attrs_for(layer, attrs),
    )


def analysis(
    doc: Document, findings: Sequence[Span] = (), actors: Sequence[Mapping[str, Any]] = ()
) -> Analysis:
    return Analysis(
        document=doc,
        findings=sorted_spans(findings),
        pipeline=PipelineInfo("0.1.0+test", ("structure@1", "sentences@1")),
        actors=tuple(actor(a) for a in actors),
    )


SAMPLE_TEXT = (
    "Ferry Tolls Spark Fury in Port Ellery\n\n"
    "Two days ago, 09:30\n\n"
    "By Odile Marchetti\n\n"
    "Commuters say the new fees are a disgraceful betrayal of every family on the island. "
    "Officials who spoke on condition of anonymity said the harbour board hid the real costs "
    "from auditors for years.\n\n"
    "Photo: the morning ferry leaves the north pier.\n\n"
    "What Happens Next\n\n"
    "The board chair, Ines Varga, said the fees would fund repairs and that everyone knows "
    "the old pier is falling apart.\n\n"
    "Original Source: https://gazette.example.org/ferry-tolls\n\n"
    "The views expressed are the author's own."
)
SAMPLE_KINDS = (
    "title",
    "dateline",
    "byline",
    "paragraph",
    "caption",
    "heading",
    "paragraph",
    "source",
    "disclaimer",
)


def sample() -> Analysis:
    """A small article with overlapping findings in several layers, an actor and a link."""
    meta = Metadata(
        title="Ferry Tolls Spark Fury in Port Ellery",
        authors=("Odile Marchetti",),
        published="2031-03-02T09:30:00+00:00",
        published_raw="Two days ago, 09:30",
        url="https://island-courier.example.org/ferry",
        original_source_url="https://gazette.example.org/ferry-tolls",
        site="Island Courier",
        language="en",
        source="ferry.txt",
    )
    doc = with_parts(SAMPLE_TEXT, SAMPLE_KINDS, meta)
    url = "https://gazette.example.org/ferry-tolls"
    at = SAMPLE_TEXT.index(url)
    doc = doc.evolve(links=(Link(at, at + len(url), url),))
    allegation = span(
        doc,
        "the harbour board hid the real costs from auditors for years",
        layer="allegation",
        label="Misconduct",
        score=0.7,
        explanation="Accuses the board of concealment.",
        attrs={"alleged_by": "anon", "sourcing": "anonymous", "type": "misconduct"},
    )
    findings = [
        span(doc, "disgraceful", explanation="A strongly emotional word."),
        span(
            doc,
            "a disgraceful betrayal of every family on the island",
            label="Exaggeration",
            score=0.6,
            explanation="Overstates the effect of the fees.",
        ),
        span(
            doc,
            "Officials who spoke on condition of anonymity",
            layer="sourcing",
            label="Anonymous_Source",
            score=0.9,
            explanation="The source is not named.",
        ),
        allegation,
        span(
            doc,
            "everyone knows",
            label="Bandwagon",
            score=0.55,
            explanation="Appeals to what everyone supposedly believes.",
        ),
        span(
            doc,
            "the fees would fund repairs",
            layer="claim",
            label="Checkworthy",
            score=0.65,
            explanation="A factual claim about spending.",
        ),
        span(
            doc, "Ines Varga", layer="entity", label="PERSON", score=0.99, explanation="A person."
        ),
        span(
            doc,
            "own.",
            layer="structure",
            label="Text_End",
            score=1.0,
            explanation="A finding that ends at the text's end.",
        ),
    ]
    actors = [
        {
            "id": "anon",
            "name": "Unnamed officials",
            "kind": "group",
            "aliases": [],
            "mentions": [[0, 5]],
            "descriptors": [
                {
                    "text": "who spoke on condition of anonymity",
                    "evaluative": False,
                    "start": 0,
                    "end": 4,
                }
            ],
            "allegations": [allegation.id],
        },
        {
            "id": "varga",
            "name": "Ines Varga",
            "kind": "person",
            "aliases": ["the board chair"],
            "mentions": [[1, 2], [3, 4]],
            "descriptors": [{"text": "board chair", "evaluative": False, "start": 0, "end": 4}],
            "allegations": [],
        },
    ]
    return analysis(doc, findings, actors)


HOSTILE = "<script>alert(1)</script>"
HOSTILE_IMG = '"><img src=x onerror=alert(1)>'
HOSTILE_CLOSE = "</script><script>alert(2)</script>"


def hostile() -> Analysis:
    """An analysis whose every string tries to become markup, script or a dangerous link."""
    text = (
        f"{HOSTILE} headline\n\n"
        f"Body with {HOSTILE_IMG} inside and {HOSTILE_CLOSE} too, [bold]not bold[/] "
        "and {{ 7*7 }} and \u2028 separators \u2029 and a \x1b[31m escape.\n\n"
        "Original Source: javascript:alert(3)"
    )
    meta = Metadata(
        title=HOSTILE,
        authors=('Eve" onmouseover="alert(4)', "<b>Mallory</b>"),
        url="javascript:alert(1)",
        original_source_url="data:text/html,<script>alert(5)</script>",
        site="<i>site</i>",
        language='en" onload="alert(6)',
        source="</title><script>alert(7)</script>",
    )
    doc = with_parts(text, ("title", "paragraph", "source"), meta)
    js_at = text.index("javascript:alert(3)")
    doc = doc.evolve(
        links=(
            Link(js_at, js_at + len("javascript:alert(3)"), "javascript:alert(3)"),
            Link(text.index("Body"), text.index("Body") + 4, "  JAVA\tSCRIPT:alert(8)"),
        )
    )
    findings = [
        span(
            doc,
            HOSTILE_IMG,
            label="<img src=x onerror=alert(9)>",
            explanation=f"explained by {HOSTILE_CLOSE}",
            attrs={"technique_name": HOSTILE},
        ),
        span(doc, HOSTILE_CLOSE, layer="claim", label="Claim", explanation=HOSTILE_IMG),
        span(doc, "<script>", layer="entity", label="</script>", explanation="x"),
        span(doc, "javascript:alert(3)", layer="sourcing", label="Source", explanation="a link"),
    ]
    actors = [
        {
            "id": "x",
            "name": HOSTILE,
            "kind": HOSTILE_IMG,
            "aliases": [HOSTILE_CLOSE],
            "mentions": [],
            "descriptors": [{"text": HOSTILE, "evaluative": True, "start": 0, "end": 4}],
            "allegations": [findings[0].id, "missing-id"],
        }
    ]
    return analysis(doc, findings, actors)


def not_analysed(a: Analysis, language: str | None = "ru", *extra: str) -> Analysis:
    """``a`` as if the English-only components had not run on an article in ``language``;
    ``extra`` names more components (a hostile name, say) not analysed for the same reason."""
    import dataclasses

    from spinscope.analysis import NotAnalysed

    reason: Any = "unsupported_language" if language else "unidentified_language"
    names = ("techniques", "claims", "actors", *extra)
    doc = a.document
    return dataclasses.replace(
        a,
        document=doc.evolve(meta=doc.meta.evolve(language=language)),
        not_analysed=(
            *(NotAnalysed(n, language, reason) for n in names),
            NotAnalysed("allegations", language, "missing_input", needs="actors"),
        ),
    )


def with_weak_finding(base: Analysis | None = None, score: float = 0.08) -> Analysis:
    """``sample()`` (or ``base``) with one more technique finding, on "north pier", scored below
    the technique layer's threshold."""
    import dataclasses

    a = base or sample()
    weak = span(a.document, "north pier", label="Loaded_Language", score=score)
    return dataclasses.replace(a, findings=sorted_spans((*a.findings, weak)))
