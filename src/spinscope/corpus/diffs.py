"""What changed between two versions of a text: a word-level diff and its HTML rendering."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any, Final

from markupsafe import Markup, escape

from spinscope.report.layout import clean

_TOKENS: Final = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class DiffOp:
    """One edit: ``op`` is equal, insert, delete or replace; ranges are word indices.

    ``old`` is the words ``[a_start, a_end)`` of the base version, ``new`` the words
    ``[b_start, b_end)`` of the later one, each joined by single spaces.
    """

    op: str
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class WordDiff:
    """The edits that turn a base text into a later version, word by word."""

    ops: tuple[DiffOp, ...]
    similarity: float  # difflib's ratio over the words, 0 to 1
    inserted: int  # words only in the later version
    deleted: int  # words only in the base version
    truncated: bool = False  # True when only the first ``max_words`` words were compared

    @property
    def changed(self) -> bool:
        return any(op.op != "equal" for op in self.ops)

    def to_dict(self) -> dict[str, Any]:
        return {
            "similarity": self.similarity,
            "inserted": self.inserted,
            "deleted": self.deleted,
            "truncated": self.truncated,
            "ops": [
                {
                    "op": o.op,
                    "a": [o.a_start, o.a_end],
                    "b": [o.b_start, o.b_end],
                    "old": o.old,
                    "new": o.new,
                }
                for o in self.ops
            ],
        }


def word_diff(base: str, later: str, *, max_words: int = 20_000) -> WordDiff:
    """The word-level diff from ``base`` to ``later`` (words are runs of non-space characters)."""
    a = _TOKENS.findall(base)
    b = _TOKENS.findall(later)
    truncated = len(a) > max_words or len(b) > max_words
    a, b = a[:max_words], b[:max_words]
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    ops: list[DiffOp] = []
    inserted = deleted = 0
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("delete", "replace"):
            deleted += i2 - i1
        if tag in ("insert", "replace"):
            inserted += j2 - j1
        ops.append(DiffOp(tag, i1, i2, j1, j2, " ".join(a[i1:i2]), " ".join(b[j1:j2])))
    return WordDiff(
        ops=tuple(ops),
        similarity=round(matcher.ratio(), 4),
        inserted=inserted,
        deleted=deleted,
        truncated=truncated,
    )


def diff_html(diff: WordDiff, *, context: int = 12) -> Markup:
    """The diff as escaped HTML: ``<del>`` for removed words, ``<ins>`` for added ones.

    Unchanged runs longer than ``2 * context`` words are shortened to their ends around a note
    saying how many words were left out. Every word of the texts is escaped.
    """
    out: list[str] = []
    for op in diff.ops:
        if op.op == "equal":
            words = op.old.split(" ")
            if len(words) > 2 * context + 1:
                head = " ".join(words[:context]) if op is not diff.ops[0] else ""
                tail = " ".join(words[-context:]) if op is not diff.ops[-1] else ""
                skipped = len(words) - (context if head else 0) - (context if tail else 0)
                if head:
                    out.append(str(escape(clean(head))))
                out.append(f'<span class="gap">[… {skipped} unchanged words …]</span>')
                if tail:
                    out.append(str(escape(clean(tail))))
            else:
                out.append(str(escape(clean(op.old))))
            continue
        if op.old:
            out.append(f"<del>{escape(clean(op.old))}</del>")
        if op.new:
            out.append(f"<ins>{escape(clean(op.new))}</ins>")
    return Markup(" ".join(out))  # noqa: S704 - every text piece above is escaped
