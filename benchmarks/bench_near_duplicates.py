"""Precision and recall of near-duplicate detection on generated copies of real articles.

Reads the PTC articles (../shared/data/ptc-semeval2020/test-articles and train-articles by
default; give other folders as arguments), makes edited copies of a share of them (word
substitutions, deletions, insertions, sentence reorders, truncation to 50-90%, appended
boilerplate) and runs :func:`spinscope.corpus.chains.find_near_duplicates` over originals and
copies together. A found pair is right when both texts come from the same original; recall is
the share of copies found paired with their original; the share of all pairs within a family
(copies of one original with each other too) is printed beside it.
Articles that already copy another one (PTC holds a few stories from two outlets) are left
out first, so that the only true pairs are the generated ones. Nothing is written anywhere. Usage:

    python benchmarks/bench_near_duplicates.py [DIR ...] [--copies 3] [--share 0.5] [--seed 7]
"""

from __future__ import annotations

import argparse
import itertools
import os
import platform
import random
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from spinscope.corpus.chains import (
    LSH_THRESHOLD,
    MIN_CONTAINMENT,
    SHINGLE,
    DuplicatePair,
    find_near_duplicates,
    overlap,
    shingle_hashes,
)
from spinscope.corpus.records import CorpusRecord
from spinscope.document import text_id

PTC = Path(__file__).resolve().parents[2] / "shared" / "data" / "ptc-semeval2020"
DEFAULT = (PTC / "test-articles", PTC / "train-articles")
EDITS = ("substitute", "delete", "insert", "reorder", "truncate", "boilerplate")
BOILERPLATE = (
    "This article was republished from a partner site. The views expressed are the author's own "
    "and do not necessarily reflect the editorial policy of this outlet. Share your reactions "
    "in the comments below and subscribe to our newsletter for more.",
    "Read more: follow us on social media for the latest news and analysis. All rights reserved. "
    "Reproduction is permitted with a link to the original article.",
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True, slots=True)
class Generated:
    """A text and the original it was made from (itself for an original)."""

    text: str
    family: int
    edits: tuple[str, ...]


def edited_copy(text: str, rng: random.Random, vocabulary: Sequence[str]) -> tuple[str, list[str]]:
    """A copy of ``text`` with two or three random kinds of edit, and their names."""
    kinds = rng.sample(EDITS, rng.randint(2, 3))
    sentences = [s for s in _SENTENCE.split(text.strip()) if s]
    if "reorder" in kinds and len(sentences) > 3:
        for _ in range(max(1, len(sentences) // 8)):
            i, j = rng.sample(range(len(sentences)), 2)
            sentences[i], sentences[j] = sentences[j], sentences[i]
    words = " ".join(sentences).split()
    if "substitute" in kinds:
        for _ in range(max(1, int(len(words) * rng.uniform(0.02, 0.06)))):
            words[rng.randrange(len(words))] = rng.choice(vocabulary)
    if "delete" in kinds:
        for _ in range(max(1, int(len(words) * rng.uniform(0.02, 0.06)))):
            if len(words) > 10:
                del words[rng.randrange(len(words))]
    if "insert" in kinds:
        for _ in range(max(1, int(len(words) * rng.uniform(0.02, 0.05)))):
            words.insert(rng.randrange(len(words) + 1), rng.choice(vocabulary))
    if "truncate" in kinds:
        words = words[: max(10, int(len(words) * rng.uniform(0.5, 0.9)))]
    out = " ".join(words)
    if "boilerplate" in kinds:
        out += " " + rng.choice(BOILERPLATE)
    return out, kinds


def generate(
    texts: Sequence[str], *, copies: int = 3, share: float = 0.5, seed: int = 7
) -> list[Generated]:
    """Every text as an original, plus 1 to ``copies`` edited copies of a ``share`` of them."""
    rng = random.Random(seed)  # noqa: S311 - test data, not security
    vocabulary = sorted({w for t in texts for w in t.split() if w.isalpha()})
    out = [Generated(t, i, ()) for i, t in enumerate(texts)]
    for i, text in enumerate(texts):
        if rng.random() >= share:
            continue
        for _ in range(rng.randint(1, copies)):
            copy, kinds = edited_copy(text, rng, vocabulary)
            out.append(Generated(copy, i, tuple(kinds)))
    return out


@dataclass(frozen=True, slots=True)
class Score:
    """How the found pairs compare with the generated ones.

    ``precision``: found pairs whose texts come from one original. ``recall``: (original, copy)
    pairs found, i.e. copies traced to their original. ``family_recall``: every pair within a
    family found directly, copies of one original with each other included (chains join those
    through the original anyway).
    """

    precision: float
    recall: float
    family_recall: float
    copies: int
    family_pairs: int
    found: int
    missed: list[tuple[Generated, Generated]]


def score(generated: Sequence[Generated], pairs: Sequence[DuplicatePair]) -> Score:
    by_id: dict[str, Generated] = {}
    for g in generated:
        by_id.setdefault(text_id(g.text), g)
    families: dict[int, list[str]] = {}
    for key, g in by_id.items():
        families.setdefault(g.family, []).append(key)
    family = {
        (min(a, b), max(a, b))
        for members in families.values()
        for a, b in itertools.combinations(members, 2)
    }
    originals = {(a, b) for a, b in family if not by_id[a].edits or not by_id[b].edits}
    found = {(p.a, p.b) for p in pairs}
    return Score(
        precision=len(found & family) / len(found) if found else 1.0,
        recall=len(found & originals) / len(originals) if originals else 1.0,
        family_recall=len(found & family) / len(family) if family else 1.0,
        copies=len(originals),
        family_pairs=len(family),
        found=len(found),
        missed=[(by_id[a], by_id[b]) for a, b in sorted(originals - found)],
    )


def records(generated: Sequence[Generated]) -> list[CorpusRecord]:
    return [CorpusRecord(id=text_id(g.text), text=g.text) for g in generated]


def distinct(texts: Sequence[str], *, size: int = 8, limit: float = 0.2) -> list[str]:
    """``texts`` without those that share ``limit`` of their ``size``-word shingles with an
    earlier one (checked on every pair, no LSH), so that the originals are not copies already."""
    kept: list[str] = []
    sets: list[npt.NDArray[np.uint64]] = []
    for text in texts:
        hashes = shingle_hashes(text, size=size)
        if all(overlap(hashes, other)[1] < limit for other in sets):
            kept.append(text)
            sets.append(hashes)
    return kept


def read_texts(folders: Sequence[Path]) -> list[str]:
    texts: list[str] = []
    for folder in folders:
        for path in sorted(folder.glob("*.txt")):
            text = path.read_text(encoding="utf-8").strip()
            if len(text.split()) >= 40:
                texts.append(text)
    return texts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", type=Path, nargs="*", default=list(DEFAULT))
    parser.add_argument("--copies", type=int, default=3)
    parser.add_argument("--share", type=float, default=0.5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--shingle", type=int, default=SHINGLE)
    parser.add_argument("--threshold", type=float, default=LSH_THRESHOLD)
    parser.add_argument("--min-containment", type=float, default=MIN_CONTAINMENT)
    parser.add_argument("--show-missed", type=int, default=0)
    args = parser.parse_args()
    read = read_texts(args.folders)
    texts = distinct(read)
    if not texts:
        print(f"no articles of 40 words or more in {args.folders}", file=sys.stderr)
        return 2
    generated = generate(texts, copies=args.copies, share=args.share, seed=args.seed)
    start = time.perf_counter()
    pairs = find_near_duplicates(
        records(generated),
        shingle=args.shingle,
        threshold=args.threshold,
        min_containment=args.min_containment,
    )
    seconds = time.perf_counter() - start
    result = score(generated, pairs)
    words = sum(len(g.text.split()) for g in generated)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(
        f"settings: shingle={args.shingle} lsh_threshold={args.threshold} "
        f"min_containment={args.min_containment} seed={args.seed}"
    )
    print(
        f"documents: {len(generated)} ({len(texts)} originals; {len(read) - len(texts)} articles "
        f"left out as copies of another), {words} words"
    )
    print(
        f"(original, copy) pairs: {result.copies}, all pairs within families: "
        f"{result.family_pairs}, found pairs: {result.found}"
    )
    print(f"precision: {result.precision:.4f}")
    print(f"recall, copies traced to their original: {result.recall:.4f}")
    print(f"recall, all pairs within families: {result.family_recall:.4f}")
    print(f"seconds: {seconds:.2f} ({len(generated) / seconds:.0f} documents/s, one process)")
    for a, b in result.missed[: args.show_missed]:
        print(f"missed: {a.edits} / {b.edits}: {a.text[:60]!r} ~ {b.text[:60]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
