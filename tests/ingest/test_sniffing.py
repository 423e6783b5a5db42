"""Sniffing what bytes hold runs in linear time on any input, and reads prologs as before."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spinscope.ingest import sniff_kind
from spinscope.ingest.feeds import html_start, xml_root

# The patterns the scanner replaced, made atomic: each construct ends where it first closes (a
# comment at its first "-->"), as XML reads it. Without the atomic groups they backtrack
# exponentially (240 bytes took over 30 s) and could stretch a comment past its end.
OLD_PROLOG = re.compile(
    r"\A(?>\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?>[^>\[]|\[.*?\])*>)*<([A-Za-z_][\w.:-]*)", re.S
)
OLD_HTML_START = re.compile(r"\A(?>\s+|<!--.*?-->)*<(?:!doctype\s+html|html)\b", re.I | re.S)
PIECES = (
    " ", "\n", "\t", "<!--", "-->", "<!---->", "<?", "?>", "<?xml version='1.0'?>", "<!DOCTYPE",
    "<!DOCTYPE rss>", "[", "]", ">", "<", "x", "<rss", "<feed", "<html", "<!doctype html",
    "<HTML>", "<atom:feed", "<p>", "text",
)  # fmt: skip
BUDGET_S = 2.0  # a hang guard, not a speed figure: these inputs took 30 s to minutes before


def _old_root(text: str) -> str | None:
    match = OLD_PROLOG.match(text)
    return match.group(1).rsplit(":", 1)[-1].lower() if match else None


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=10).map("".join))
def test_the_scanner_reads_prologs_as_the_old_patterns_did(text: str) -> None:
    assert xml_root(text) == _old_root(text)
    assert html_start(text) == bool(OLD_HTML_START.match(text))


@pytest.mark.parametrize(
    "data",
    [
        b" " * 30 + b"A sentence that is not markup.",
        b" " * 200_000 + b"A sentence.",
        b"<!---->" * 28 + b"plain",
        b"<!---->" * 20_000 + b"plain",
        b"<!--" + b"<!-- -->" * 20_000,
        b"<?xml?>" * 20_000 + b"x",
        b"<!DOCTYPE [" + b"[" * 50_000,
        b"<!DOCTYPE" + b" [x]" * 20_000,
        b"\t\n " * 50_000,
    ],
    ids=lambda d: f"{d[:12]!r}x{len(d)}",
)
def test_pathological_prologs_are_sniffed_at_once(data: bytes) -> None:
    started = time.perf_counter()
    kind = sniff_kind(data)
    assert time.perf_counter() - started < BUDGET_S
    assert kind in {"text", "html", "feed"}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=50, max_size=400).map("".join))
def test_any_mix_of_prolog_pieces_is_sniffed_within_the_budget(text: str) -> None:
    started = time.perf_counter()
    sniff_kind(text.encode("utf-8"))
    assert time.perf_counter() - started < BUDGET_S
