"""A small invented article with findings in the layers reviewers correct, for the store tests."""

from __future__ import annotations

from spinscope.analysis import Analysis
from spinscope.document import Metadata
from tests.report.builders import analysis, span, with_parts

TEXT = (
    "Brellmoor Council Shamed Over Quay Deal\n\n"
    "The reckless councillors of Brellmoor wasted the harbour fund, everyone agrees.\n"
    "Auditor Mira Tallis allegedly took bribes from the quay builders.\n"
    "The quay will open in May."
)


def article(source: str = "/corpus/article813452859.txt") -> Analysis:
    """The article as read from ``source`` (a PTC-style file name by default)."""
    doc = with_parts(
        TEXT, ("title", "paragraph"), Metadata(title=TEXT.split("\n")[0], source=source)
    )
    findings = [
        span(doc, "reckless", label="loaded_language"),
        span(doc, "Shamed", label="loaded_language"),
        span(doc, "everyone agrees", label="bandwagon_reductio_ad_hitlerum"),
        span(
            doc,
            "Auditor Mira Tallis allegedly took bribes from the quay builders.",
            layer="allegation",
            label="corruption",
            attrs={
                "targets": ["tallis"],
                "alleged_by": "author",
                "sourcing": "hedged",
                "type": "corruption",
            },
        ),
        span(doc, "The quay will open in May.", layer="claim", label="checkworthy"),
    ]
    actors = [{"id": "tallis", "name": "Mira Tallis", "kind": "person"}]
    return analysis(doc, findings, actors)


def finding(a: Analysis, label: str) -> str:
    """The id of the article's first finding with ``label``."""
    return next(s.id for s in a.findings if s.label == label)
