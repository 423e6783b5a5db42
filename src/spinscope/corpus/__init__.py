"""Corpus analytics over many analyses: republication chains, narratives, trends, a report.

Everything here is a pure function over a sequence of :class:`~spinscope.analysis.Analysis`
objects (or the lighter :class:`CorpusRecord` made from one); nothing reads or writes a store.
See docs/corpus.md.
"""

from __future__ import annotations

from spinscope.corpus.chains import (
    Chain,
    ChainMember,
    DuplicatePair,
    build_chains,
    find_near_duplicates,
)
from spinscope.corpus.diffs import DiffOp, WordDiff, diff_html, word_diff
from spinscope.corpus.narratives import Narrative, find_narratives
from spinscope.corpus.records import CorpusRecord, Statement, as_record, as_records
from spinscope.corpus.report import (
    CorpusAnalysis,
    analyse_corpus,
    corpus_report_from_analyses,
    render_corpus_report,
)
from spinscope.corpus.translations import TranslationResult, find_translations
from spinscope.corpus.trends import Row, Trends, compute_trends

__all__ = [
    "Chain",
    "ChainMember",
    "CorpusAnalysis",
    "CorpusRecord",
    "DiffOp",
    "DuplicatePair",
    "Narrative",
    "Row",
    "Statement",
    "TranslationResult",
    "Trends",
    "WordDiff",
    "analyse_corpus",
    "as_record",
    "as_records",
    "build_chains",
    "compute_trends",
    "corpus_report_from_analyses",
    "diff_html",
    "find_narratives",
    "find_near_duplicates",
    "find_translations",
    "render_corpus_report",
    "word_diff",
]
