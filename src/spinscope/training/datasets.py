"""Readers for the persuasion-technique benchmarks, and article-level folds.

* :func:`read_ptc` reads the Propaganda Techniques Corpus (SemEval-2020 Task 11): a folder of
  ``article<ID>.txt`` files and, optionally, a labels file (or a folder of per-article labels
  files) in TC form ``id<TAB>technique<TAB>start<TAB>end``, SI form ``id<TAB>start<TAB>end``, or a
  TC template whose technique column is ``?`` or ``0``.
* :func:`read_semeval2021` reads a SemEval-2021 Task 6 subtask 2 JSON file (texts of memes).

Offsets are half-open character offsets into the text exactly as stored in the file: PTC texts
are read as UTF-8 with no newline translation, so a byte-order mark or a ``\\r`` counts as one
character, just as it does in the gold offsets. Every reader checks each span against its text.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from spinscope.document import Document, Metadata
from spinscope.errors import InputError

# Template files put one of these in the technique column: a span to classify, no gold technique.
NO_TECHNIQUE: Final = frozenset({"?", "0"})
_ARTICLE_FILE: Final = re.compile(r"article(?P<id>[^.]+)\.txt")

SIRow = tuple[str, int, int]  # article_id, start, end
TCRow = tuple[str, str, int, int]  # article_id, technique, start, end (PTC column order)


@dataclass(frozen=True, slots=True)
class GoldSpan:
    """A gold span ``[start, end)``; ``technique`` is None for SI labels and TC templates."""

    start: int
    end: int
    technique: str | None


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """One benchmark text with its gold spans, sorted by start, end and technique."""

    article_id: str
    document: Document
    spans: tuple[GoldSpan, ...]

    @property
    def text(self) -> str:
        return self.document.text


def _span_key(span: GoldSpan) -> tuple[int, int, str]:
    return (span.start, span.end, span.technique or "")


def _read_text(path: Path) -> str:
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            return handle.read()
    except UnicodeDecodeError as exc:
        raise InputError("E104", source=str(path), detail=str(exc)) from exc


def _label_files(labels: Path) -> list[Path]:
    if not labels.exists():
        raise InputError("E100", path=str(labels))
    if labels.is_dir():
        return sorted(labels.glob("*.labels"))
    return [labels]


def _parse_int(value: str, *, source: Path, line: int, what: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise InputError(
            "E501", source=str(source), line=line, detail=f"{what} {value!r} is not an integer"
        ) from None


def parse_label_line(raw: str, *, source: Path, line: int) -> tuple[str, str | None, int, int]:
    """One labels line as ``(article_id, technique, start, end)``; raises E501 when malformed.

    Three columns are the SI form (technique None); four are TC, with ``?`` or ``0`` in the
    technique column of a template read as None.
    """
    fields = [f.strip() for f in raw.rstrip("\r\n").split("\t")]
    if len(fields) == 3:
        article_id, start_s, end_s = fields
        technique: str | None = None
    elif len(fields) == 4:
        article_id, technique, start_s, end_s = fields
        if technique in NO_TECHNIQUE:
            technique = None
        elif not technique:
            raise InputError("E501", source=str(source), line=line, detail="empty technique")
    else:
        raise InputError(
            "E501",
            source=str(source),
            line=line,
            detail=f"expected 3 or 4 tab-separated columns, found {len(fields)}",
        )
    if not article_id:
        raise InputError("E501", source=str(source), line=line, detail="empty article id")
    start = _parse_int(start_s, source=source, line=line, what="start")
    end = _parse_int(end_s, source=source, line=line, what="end")
    if not 0 <= start < end:
        raise InputError("E501", source=str(source), line=line, detail=f"bad span [{start}, {end})")
    return article_id, technique, start, end


def read_label_rows(labels: Path) -> list[tuple[str, str | None, int, int, Path, int]]:
    """Every row of a labels file, or of the ``*.labels`` files in a folder, with its location.

    Blank lines are skipped. Each row is ``(article_id, technique, start, end, file, line)``.
    """
    rows: list[tuple[str, str | None, int, int, Path, int]] = []
    for path in _label_files(labels):
        try:
            with open(path, encoding="utf-8", newline="") as handle:
                lines = handle.read().split("\n")
        except UnicodeDecodeError as exc:
            raise InputError("E104", source=str(path), detail=str(exc)) from exc
        for number, raw in enumerate(lines, start=1):
            if not raw.strip():
                continue
            rows.append((*parse_label_line(raw, source=path, line=number), path, number))
    return rows


def read_ptc(articles_dir: Path, labels: Path | None = None) -> list[GoldArticle]:
    """The articles of a PTC split with their gold spans, sorted by article id.

    ``labels`` is a labels file or a folder of ``*.labels`` files in TC, SI or template form; an
    article without labels, or every article when ``labels`` is None, gets no spans. A label for
    an article that is not in ``articles_dir``, or a span past the end of its text, raises E501.
    """
    if not articles_dir.is_dir():
        raise InputError("E100", path=str(articles_dir))
    texts: dict[str, tuple[Path, str]] = {}
    for path in sorted(articles_dir.iterdir()):
        match = _ARTICLE_FILE.fullmatch(path.name)
        if match is not None and path.is_file():
            texts[match["id"]] = (path, _read_text(path))
    if not texts:
        raise InputError("E112", source=str(articles_dir))
    spans: dict[str, list[GoldSpan]] = {article_id: [] for article_id in texts}
    if labels is not None:
        for article_id, technique, start, end, source, line in read_label_rows(labels):
            if article_id not in texts:
                detail = f"no article{article_id}.txt in {articles_dir}"
                raise InputError("E501", source=str(source), line=line, detail=detail)
            length = len(texts[article_id][1])
            if end > length:
                detail = f"span [{start}, {end}) is past the end of a text of {length} characters"
                raise InputError("E501", source=str(source), line=line, detail=detail)
            spans[article_id].append(GoldSpan(start, end, technique))
    return [
        GoldArticle(
            article_id=article_id,
            document=Document(text, Metadata(source=str(path))),
            spans=tuple(sorted(spans[article_id], key=_span_key)),
        )
        for article_id, (path, text) in sorted(texts.items())
    ]


def _json_fail(path: Path, detail: str) -> InputError:
    return InputError("E502", source=str(path), detail=detail)


def _meme_span(item: Any, text: str, *, path: Path, where: str, check_fragments: bool) -> GoldSpan:
    if not isinstance(item, dict):
        raise _json_fail(path, f"{where} is not an object (is this a subtask 1 file?)")
    start, end, technique = item.get("start"), item.get("end"), item.get("technique")
    if type(start) is not int or type(end) is not int:  # bool is an int subclass: refuse it
        raise _json_fail(path, f"{where}: start and end must be integers")
    if not 0 <= start < end <= len(text):
        detail = f"{where}: span [{start}, {end}) does not fit a text of {len(text)} characters"
        raise _json_fail(path, detail)
    if not isinstance(technique, str) or not technique:
        raise _json_fail(path, f"{where}: technique must be a non-empty string")
    fragment = item.get("text_fragment")
    if check_fragments and fragment is not None and fragment != text[start:end]:
        detail = f"{where}: text_fragment {fragment!r} is not text[{start}:{end}]"
        raise _json_fail(path, detail)
    return GoldSpan(start, end, technique)


def read_semeval2021(path: Path, *, check_fragments: bool = True) -> list[GoldArticle]:
    """The memes of a SemEval-2021 Task 6 subtask 2 file, in file order, with their spans.

    Each entry needs ``id``, ``text`` and ``labels`` (objects with ``start``, ``end``,
    ``technique`` and optionally ``text_fragment``). When ``check_fragments`` is true a
    ``text_fragment`` that is not exactly ``text[start:end]`` raises E502. Each document's
    source is ``<path>#<id>``.
    """
    if not path.is_file():
        raise InputError("E100", path=str(path))
    try:
        data = json.loads(_read_text(path))
    except json.JSONDecodeError as exc:
        raise _json_fail(path, f"not JSON ({exc})") from exc
    if not isinstance(data, list):
        raise _json_fail(path, "the top level is not a list")
    articles: list[GoldArticle] = []
    for index, entry in enumerate(data):
        where = f"entry {index}"
        if not isinstance(entry, dict):
            raise _json_fail(path, f"{where} is not an object")
        meme_id, text, labels = entry.get("id"), entry.get("text"), entry.get("labels")
        if not isinstance(meme_id, str | int) or isinstance(meme_id, bool) or meme_id == "":
            raise _json_fail(path, f"{where}: id must be a non-empty string")
        if not isinstance(text, str):
            raise _json_fail(path, f"{where}: text must be a string")
        if not isinstance(labels, list):
            raise _json_fail(path, f"{where}: labels must be a list")
        where = f"entry {index} (id {meme_id})"
        spans = [
            _meme_span(
                item, text, path=path, where=f"{where} label {k}", check_fragments=check_fragments
            )
            for k, item in enumerate(labels)
        ]
        articles.append(
            GoldArticle(
                article_id=str(meme_id),
                document=Document(text, Metadata(source=f"{path}#{meme_id}")),
                spans=tuple(sorted(spans, key=_span_key)),
            )
        )
    return articles


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The union of half-open spans, merging those that share at least one character.

    Spans that only touch (``[0, 5)`` and ``[5, 9)``) stay apart, as in the SemEval-2020 Task 11
    scorer, which merges two spans when their character sets intersect. Sorted by start.
    """
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def si_rows(articles: Iterable[GoldArticle]) -> list[SIRow]:
    """The gold spans of some articles as SI rows ``(article_id, start, end)``."""
    return [(a.article_id, s.start, s.end) for a in articles for s in a.spans]


def tc_rows(articles: Iterable[GoldArticle]) -> list[TCRow]:
    """The gold spans that carry a technique, as TC rows ``(article_id, technique, start, end)``."""
    rows: list[TCRow] = []
    for article in articles:
        for span in article.spans:
            if span.technique is not None:
                rows.append((article.article_id, span.technique, span.start, span.end))
    return rows


def ptc_folds(
    articles: Sequence[GoldArticle], k: int = 5, seed: int = 0
) -> list[tuple[list[GoldArticle], list[GoldArticle]]]:
    """``k`` article-level cross-validation folds as ``(train, test)`` pairs.

    Articles are sorted by id, shuffled with ``seed`` and dealt round-robin, so the folds depend
    only on the set of ids, ``k`` and ``seed``, never on input order; fold sizes differ by at most
    one, and every article is in exactly one test part. Each part keeps id order.
    """
    if not isinstance(k, int) or isinstance(k, bool) or not 2 <= k <= len(articles):
        raise InputError(
            "E135", option="k", value=k, bounds=f"from 2 to {len(articles)} (the articles)"
        )
    ordered = sorted(articles, key=lambda a: a.article_id)
    order = list(range(len(ordered)))
    random.Random(seed).shuffle(order)  # noqa: S311  (fold assignment, not security)
    fold_of = {position: n % k for n, position in enumerate(order)}
    folds: list[tuple[list[GoldArticle], list[GoldArticle]]] = []
    for fold in range(k):
        test = [a for i, a in enumerate(ordered) if fold_of[i] == fold]
        train = [a for i, a in enumerate(ordered) if fold_of[i] != fold]
        folds.append((train, test))
    return folds
