"""The runtime of the persuasion-technique models: tokens, features, decoding and scoring.

Two models work in turn, as in SemEval-2020 Task 11:

* span identification (SI): a linear-chain CRF (crfsuite) tags every token of a sentence as
  inside or outside a persuasion span; tokens whose marginal probability passes a threshold are
  joined into character spans (:func:`decode`);
* technique classification (TC): a multinomial logistic regression names the technique of a
  span from its words and characters, its sentence, its neighbour words and hand features
  (repetition in the article, length, position, punctuation, capitals, word lists of our own,
  and the hits of :mod:`spinscope.detectors.technique_rules`).

Training (:mod:`spinscope.training.techniques`) builds its matrices with the very functions of
this module, so a score at run time is the score the model was fitted on. The artefact folder
these models are read from and written to is :mod:`spinscope.detectors.technique_artifacts`.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Final

import numpy as np

from spinscope.detectors.technique_vectors import SpanVectors
from spinscope.document import Document
from spinscope.errors import SpinscopeError
from spinscope.textmodel import (
    FloatArray as FloatArray,
)
from spinscope.textmodel import (
    IntArray,
    Vectoriser,
    VectoriserConfig,
)

FORMAT: Final = "spinscope.techniques/1"
NAME: Final = "techniques"
CRF_FILE: Final = "si.crfsuite"
INSIDE: Final = "1"
OUTSIDE: Final = "0"
TOKEN: Final = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")
EDGE_TRIM: Final = frozenset(".,:;")
_ZIP_TIME: Final = (2020, 1, 1, 0, 0, 0)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Word lists written for this project: cues of techniques, matched on lower-case words.
OWN_LISTS: Final[Mapping[str, frozenset[str]]] = {
    "fear": _words(
        """threat threats threaten threatens danger dangerous deadly destroy destroyed destruction
        disaster catastrophe catastrophic terror terrorist terrorists invasion invade invaders
        attack attacks war kill killed killing death die dying crisis collapse chaos violence
        violent fear afraid scary horrific nightmare risk perish doom"""
    ),
    "flag": _words(
        """nation national nations country patriot patriots patriotic american americans america
        people our homeland flag freedom liberty sovereignty motherland fatherland heritage
        citizens great"""
    ),
    "doubt": _words(
        """allegedly alleged supposedly so-called questionable dubious claims claimed claim really
        truly whether suspicious suspect mysterious unclear why"""
    ),
    "authority": _words(
        """said says according expert experts professor scientists scientist official officials
        study studies research report reports stated confirmed doctor dr"""
    ),
    "causal": _words(
        """because caused causes cause due result results therefore thus hence since reason
        responsible blame blamed"""
    ),
    "absolute": _words(
        """never always every everyone everything nobody nothing all none only must either
        entire entirely completely totally absolutely biggest worst best greatest most
        ever"""
    ),
    "insult": _words(
        """idiot idiots fool fools stupid liar liars traitor traitors thug thugs corrupt crook
        crooks criminal criminals puppet puppets radical radicals extremist extremists elite
        elites propaganda evil disgrace disgraceful shameless pathetic"""
    ),
    "intensifier": _words(
        """very extremely incredibly utterly truly so such huge massive enormous outrageous
        absurd ridiculous shocking horrible terrible"""
    ),
}
LIST_NAMES: Final = tuple(OWN_LISTS)

# Hand features of a span: name, and how an explanation calls it (empty: never shown).
HAND: Final = (
    ("log_chars", ""),
    ("log_words", ""),
    ("one_word", "a single word"),
    ("short", "a short phrase"),
    ("log_repeats", "repeated in the article"),
    ("repeated", "repeated in the article"),
    ("repeated_3", "repeated 3 or more times"),
    ("log_max_word_count", ""),
    ("log_mean_word_count", ""),
    ("log_min_word_count", ""),
    ("position", ""),
    ("in_title", "in the title"),
    ("share_of_sentence", ""),
    ("whole_sentence", "the whole sentence"),
    ("quotes", "in quotation marks"),
    ("apostrophe", ""),
    ("exclamation", "an exclamation"),
    ("question", "a question"),
    ("sentence_exclamation", "an exclamation"),
    ("sentence_question", "in a question"),
    ("capitals_share", ""),
    ("all_capitals", "all capitals"),
    ("capitalised", ""),
    ("digit", ""),
    ("quote_before", "in quotation marks"),
    *((f"list_{n}", f"{n} words") for n in LIST_NAMES),
    *((f"sentence_list_{n}", "") for n in LIST_NAMES),
    ("rule_repetition", "rule: repeated phrase"),
    ("rule_slogan", "rule: words in capitals"),
    ("rule_scare_quotes", "rule: scare quotes"),
    ("rule_question", "rule: rhetorical question"),
)
HAND_NAMES: Final = tuple(name for name, _ in HAND)
RULE_FEATURE: Final = {
    "repetition": "rule_repetition",
    "slogans": "rule_slogan",
    "loaded_language": "rule_scare_quotes",
    "doubt": "rule_question",
}

# The span, sentence and neighbour-word blocks of a TC feature vector, and their weights.
SPAN_CONFIG: Final = VectoriserConfig(word_ngrams=(1, 2), char_ngrams=(2, 5))
SENTENCE_CONFIG: Final = VectoriserConfig(word_ngrams=(1, 1), char_ngrams=None)
NEIGHBOUR_CONFIG: Final = VectoriserConfig(
    token_pattern=r"\S+",  # noqa: S106  (a regular expression, not a password)
    word_ngrams=(1, 1),
    char_ngrams=None,
)
BLOCK_WEIGHTS: Final = {"span": 1.0, "sentence": 0.5, "neighbours": 0.5, "hand": 0.3}
NEIGHBOURS: Final = 4


# --- tokens and sequences -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TokenSeq:
    """The tokens of one sentence: words as written, their offsets, and the sentence's place."""

    start: int
    end: int
    words: tuple[str, ...]
    offsets: tuple[tuple[int, int], ...]
    index: int  # the sentence's number in the document
    count: int  # how many sentences the document has


def token_sequences(text: str, sentences: Sequence[tuple[int, int]]) -> list[TokenSeq]:
    """One :class:`TokenSeq` per sentence that holds a token; a sentence is cut at newlines."""
    pieces: list[tuple[int, int]] = []
    for start, end in sentences:
        cut = start
        while cut < end:
            newline = text.find("\n", cut, end)
            stop = end if newline == -1 else newline
            pieces.append((cut, stop))
            cut = stop + 1
    out: list[TokenSeq] = []
    for number, (start, end) in enumerate(pieces):
        matches = list(TOKEN.finditer(text, start, end))
        if matches:
            out.append(
                TokenSeq(
                    start,
                    end,
                    tuple(m.group() for m in matches),
                    tuple((m.start(), m.end()) for m in matches),
                    number,
                    len(pieces),
                )
            )
    return out


# --- span identification ------------------------------------------------------------------------

_UPPER = re.compile(r"[A-Z]+")
_LOWER = re.compile(r"[a-z]+")
_DIGITS = re.compile(r"\d+")
_QUOTES: Final = frozenset('"“”')


@lru_cache(maxsize=65536)
def _word_features(word: str) -> tuple[str, str, str, tuple[str, ...]]:
    """(lower case, suffix, shape, own lists) of a word; cached, words recur."""
    low = word.lower()
    shape = _LOWER.sub("a", _UPPER.sub("A", _DIGITS.sub("0", word)))
    lists = tuple(f"lex_{name}" for name in LIST_NAMES if low in OWN_LISTS[name])
    return low, low[-3:], shape, lists


@dataclass(frozen=True)
class WordRates:
    """The smoothed share of a lower-case word's occurrences inside a persuasion span."""

    rates: Mapping[str, float]
    prior: float

    def of(self, word: str) -> float:
        return self.rates.get(word, self.prior)


def si_features(seq: TokenSeq, rates: WordRates) -> list[dict[str, str | float]]:
    """crfsuite features of each token of a sentence: word, shape, rates, own lists, neighbours,
    and the sentence's own (its highest, mean and top-3 word rates, quotes, ``!``, ``?``, length),
    which let the CRF tell spans in a loaded sentence from the same words in a plain one."""
    info = [_word_features(w) for w in seq.words]
    lows = [i[0] for i in info]
    rate = [rates.of(w) for w in lows]
    n = len(lows)
    title = 1.0 if seq.index == 0 else 0.0
    ordered = sorted(rate)
    top = ordered[-1]
    sentence: dict[str, str | float] = {
        "s_max": top,
        "s_mean": sum(rate) / n,
        "s_top3": sum(ordered[-3:]) / len(ordered[-3:]),
        "s_maxbin": str(min(9, int(top * 10))),
        "s_q": float(any(w in _QUOTES for w in seq.words)),
        "s_ex": float("!" in seq.words),
        "s_qu": float("?" in seq.words),
        "s_len": str(min(5, n // 8)),
    }
    out: list[dict[str, str | float]] = []
    for i, (low, suffix, shape, lists) in enumerate(info):
        r = rate[i]
        f: dict[str, str | float] = {
            "b": 1.0,
            "w": low,
            "suf3": suffix,
            "shape": shape,
            "rate": r,
            "ratebin": str(min(9, int(r * 20))),
            "title": title,
            "pos": str(min(4, 5 * i // n)),
        }
        for name in lists:
            f[name] = 1.0
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < n:
                f[f"w{d}"] = lows[j]
                f[f"rate{d}"] = rate[j]
                if d in (-1, 1):
                    f[f"bi{d}"] = f"{low}|{lows[j]}"
            else:
                f[f"w{d}"] = "<pad>"
        f.update(sentence)
        out.append(f)
    return out


@dataclass(frozen=True, slots=True)
class Decoding:
    """How token probabilities become spans: runs of tokens >= ``low`` holding one >= ``high``,
    gaps of at most ``gap`` tokens filled, edge punctuation trimmed, at least ``min_chars``."""

    high: float
    low: float
    gap: int = 1
    min_chars: int = 2
    gate: float = 0.0  # weight w of the sentence gate: p ** (1 - w) * P(sentence) ** w

    def to_record(self) -> dict[str, Any]:
        return {
            "high": self.high,
            "low": self.low,
            "gap": self.gap,
            "min_chars": self.min_chars,
            "gate": self.gate,
        }

    def gated(self, probs: FloatArray, sentence: float) -> FloatArray:
        """Token probabilities weighed with the sentence's P(holds a span) (geometric mix)."""
        if self.gate == 0.0:
            return probs
        w = self.gate
        return np.asarray(np.power(probs, 1.0 - w) * sentence**w, dtype=np.float64)


@dataclass(frozen=True, slots=True)
class SpanGuess:
    """A decoded span with the mean token probability inside it."""

    start: int
    end: int
    confidence: float


# --- whole words ------------------------------------------------------------------------------

# Tokens are runs of word characters or single other characters, so "so-called", "anti-war",
# "3.5" and "O'Neill's" are several tokens. Touching tokens form one *word* when a hyphen joins
# two word tokens, or a point or comma two numbers; a span edge between them cuts the word.
HYPHENS: Final = frozenset("-\u2010\u2011")  # hyphen-minus, hyphen, non-breaking hyphen
NUMBER_JOINS: Final = frozenset(".,")
# Quotation marks a span keeps together: one at an edge of a span brings its partner with it.
QUOTES: Final = frozenset("\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\u201a\u2039\u203a")
SNAP_MODES: Final = ("none", "in", "out")
SNAP: Final = "out"  # measured on the PTC training articles out of fold (docs/techniques.md)


def _wordy(token: str) -> bool:
    return token[:1].isalnum() or token[:1] == "_"


def _joined(seq: TokenSeq, k: int) -> bool:
    """Whether tokens ``k`` and ``k + 1`` belong to one word (see :data:`HYPHENS`)."""
    words, offsets = seq.words, seq.offsets
    if not 0 <= k < len(words) - 1 or offsets[k][1] != offsets[k + 1][0]:
        return False
    left, right = words[k], words[k + 1]
    if _wordy(left) and _wordy(right):
        return True  # not produced by the tokeniser, but cheap to honour

    def joins(a: int, joint: str, b: int) -> bool:
        if not 0 <= a < b < len(words) or offsets[a][1] != offsets[b - 1][0]:
            return False
        if offsets[b - 1][1] != offsets[b][0] or not (_wordy(words[a]) and _wordy(words[b])):
            return False
        if joint in HYPHENS:
            return True
        return joint in NUMBER_JOINS and words[a][-1:].isdigit() and words[b][:1].isdigit()

    if _wordy(left):
        return joins(k, right, k + 2)
    return joins(k - 1, left, k + 1)


def whole_words(seq: TokenSeq, i: int, j: int, mode: str = SNAP) -> tuple[int, int] | None:
    """Tokens ``i..j`` (inclusive) widened (``out``) or narrowed (``in``) so that no word is cut,
    with an unpaired quotation mark at an edge given its partner when it touches the span; None
    when nothing is left. ``none`` returns the tokens as they are."""
    if mode == "none":
        return i, j
    if mode not in SNAP_MODES:
        raise ValueError(f"unknown snap mode {mode!r}; valid: {', '.join(SNAP_MODES)}")
    if mode == "out":
        while _joined(seq, i - 1):
            i -= 1
        while _joined(seq, j):
            j += 1
    else:
        while i <= j and _joined(seq, i - 1):
            i += 1
        while j >= i and _joined(seq, j):
            j -= 1
        while i <= j and (seq.words[i] in EDGE_TRIM or seq.words[i] in HYPHENS):
            i += 1
        while j >= i and (seq.words[j] in EDGE_TRIM or seq.words[j] in HYPHENS):
            j -= 1
        if i > j:
            return None
    quotes = sum(1 for w in seq.words[i : j + 1] if w in QUOTES)
    if quotes % 2:
        words, offsets = seq.words, seq.offsets
        after = j + 1 < len(words) and words[j + 1] in QUOTES
        before = i > 0 and words[i - 1] in QUOTES
        if words[i] in QUOTES and after and offsets[j][1] == offsets[j + 1][0]:
            j += 1
        elif words[j] in QUOTES and before and offsets[i - 1][1] == offsets[i][0]:
            i -= 1
    return i, j


def decode(
    seq: TokenSeq, probs: FloatArray, decoding: Decoding, *, snap: str = SNAP
) -> list[SpanGuess]:
    """Character spans of one sentence from its token probabilities, whole words only
    (:func:`whole_words`, ``snap`` chooses how)."""
    runs: list[list[int]] = []
    for i in np.flatnonzero(probs >= decoding.low).tolist():
        if runs and i - runs[-1][1] <= decoding.gap + 1:
            runs[-1][1] = i
        else:
            runs.append([i, i])
    out: list[SpanGuess] = []
    for i, j in runs:
        if float(probs[i : j + 1].max()) < decoding.high:
            continue
        while i <= j and seq.words[i] in EDGE_TRIM:
            i += 1
        while j >= i and seq.words[j] in EDGE_TRIM:
            j -= 1
        if i > j:
            continue
        snapped = whole_words(seq, i, j, snap)
        if snapped is None:
            continue
        i, j = snapped
        start, end = seq.offsets[i][0], seq.offsets[j][1]
        if end - start >= decoding.min_chars:
            out.append(SpanGuess(start, end, float(probs[i : j + 1].mean())))
    return out


class Tagger:
    """A crfsuite model file opened once; token probabilities of being inside a span."""

    def __init__(self, path: Path) -> None:
        import pycrfsuite  # type: ignore[import-untyped, unused-ignore]

        self._tagger = pycrfsuite.Tagger()
        try:
            self._tagger.open(str(path))
        except (ValueError, OSError) as exc:
            raise SpinscopeError("E512", path=path, detail=str(exc)) from exc
        labels = set(self._tagger.labels())
        self._inside = INSIDE in labels

    def probabilities(self, features: list[dict[str, str | float]]) -> FloatArray:
        if not features or not self._inside:
            return np.zeros(len(features), dtype=np.float64)
        self._tagger.set(features)
        marginal = self._tagger.marginal
        return np.fromiter(
            (marginal(INSIDE, i) for i in range(len(features))),
            dtype=np.float64,
            count=len(features),
        )


# Words only: character n-grams gave the gate no better spans in cross-validation, at 4x the time.
GATE_CONFIG: Final = VectoriserConfig(word_ngrams=(1, 2), char_ngrams=None)
GATE_DENSE: Final = (
    "max_rate",
    "mean_rate",
    "top3_rate",
    "log_tokens",
    "title",
    "position",
    "quotes",
    "exclamation",
    "question",
)


def gate_dense(seq: TokenSeq, rates: WordRates) -> list[float]:
    """The :data:`GATE_DENSE` features of a sentence, raw (not yet standardised)."""
    rate = sorted(rates.of(w.lower()) for w in seq.words)
    return [
        rate[-1],
        sum(rate) / len(rate),
        sum(rate[-3:]) / len(rate[-3:]),
        math.log1p(len(rate)),
        float(seq.index == 0),
        seq.index / max(1, seq.count),
        float(any(w in _QUOTES for w in seq.words)),
        float("!" in seq.words),
        float("?" in seq.words),
    ]


@dataclass(frozen=True)
class SentenceGate:
    """P(a sentence holds a persuasion span): logistic regression over the sentence's word
    1-2-grams and the standardised :data:`GATE_DENSE` features."""

    vectoriser: Vectoriser
    coef: FloatArray  # (vectoriser features + len(GATE_DENSE),)
    intercept: float
    dense_mean: FloatArray
    dense_scale: FloatArray

    def dense(self, seq: TokenSeq, rates: WordRates) -> FloatArray:
        raw = np.asarray(gate_dense(seq, rates), dtype=np.float64)
        return np.asarray((raw - self.dense_mean) / self.dense_scale, dtype=np.float64)

    def probabilities(self, text: str, seqs: Sequence[TokenSeq], rates: WordRates) -> FloatArray:
        """P(holds a span) of every sentence of ``text``."""
        n_sparse = self.vectoriser.n_features
        dense_coef = self.coef[n_sparse:]
        out = np.empty(len(seqs), dtype=np.float64)
        for k, seq in enumerate(seqs):
            cols, vals = self.vectoriser.row(text[seq.start : seq.end])
            z = self.intercept + float(self.dense(seq, rates) @ dense_coef)
            if len(cols):
                z += float(vals @ self.coef[cols])
            out[k] = 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))
        return out


# --- technique classification ---------------------------------------------------------------

_WORD: Final = re.compile(r"\w+(?:['’]\w+)*")
_STOP: Final = _words(
    """a an the and or but if of to in on at by for with from as is are was were be been being
    it its this that these those he she they we you i me him her them us my our your their his
    not no so do does did have has had will would can could should may might must than then
    there here what which who whom whose when where why how all any each both more most other
    some such only own same too very just also about into over after before s t"""
)
_DIGIT_RE: Final = re.compile(r"\d")


class ArticleIndex:
    """What the hand features of every span of one document share (computed once)."""

    def __init__(
        self,
        text: str,
        sentences: Sequence[tuple[int, int]],
        *,
        title_end: int,
        rules: Sequence[tuple[int, int, str]] = (),
    ) -> None:
        self.text = text
        words = _WORD.findall(text.lower())
        self.normal = " " + " ".join(words) + " "
        self.counts = Counter(words)
        self.sentences = list(sentences) or [(0, len(text))]
        self.starts = [s for s, _ in self.sentences]
        self.title_end = title_end
        self.rules = list(rules)
        # Per rule label, the rules' starts in order and the furthest end among the rules up to
        # each: a span overlaps a rule of that label iff the furthest end of the rules starting
        # before the span's end lies after its start (a lookup, not a scan of every rule).
        by_label: dict[str, list[tuple[int, int]]] = {}
        for rule_start, rule_end, label in self.rules:
            by_label.setdefault(label, []).append((rule_start, rule_end))
        self._rule_starts: dict[str, list[int]] = {}
        self._rule_reach: dict[str, list[int]] = {}
        for label, ranges in by_label.items():
            ranges.sort()
            self._rule_starts[label] = [rs for rs, _ in ranges]
            self._rule_reach[label] = list(itertools.accumulate((re_ for _, re_ in ranges), max))
        self._sentence_lists: dict[int, list[float]] = {}
        self._sentence_marks: dict[int, tuple[float, float]] = {}
        self._occurrences: dict[str, int] = {}

    def occurrences(self, normal: str) -> int:
        """How often the words ``normal`` occur in the article (counted once per phrase)."""
        if not normal:
            return 0
        count = self._occurrences.get(normal)
        if count is None:
            count = self._occurrences[normal] = self.normal.count(" " + normal + " ")
        return count

    def sentence_marks(self, at: int) -> tuple[float, float]:
        """Whether sentence ``at`` holds a '!' and a '?' (read once per sentence)."""
        marks = self._sentence_marks.get(at)
        if marks is None:
            s, e = self.sentences[at]
            sentence = self.text[s:e]
            marks = self._sentence_marks[at] = (float("!" in sentence), float("?" in sentence))
        return marks

    def rule_labels(self, start: int, end: int) -> set[str]:
        """The labels of the rules that overlap ``[start, end)``."""
        found = set()
        for label, starts in self._rule_starts.items():
            before = bisect.bisect_left(starts, end)  # the rules that start before ``end``
            if before and self._rule_reach[label][before - 1] > start:
                found.add(label)
        return found

    def sentence_of(self, start: int) -> tuple[int, int, int]:
        at = max(0, bisect.bisect_right(self.starts, start) - 1)
        s, e = self.sentences[at]
        return at, s, e

    def sentence_lists(self, at: int) -> list[float]:
        if at not in self._sentence_lists:
            s, e = self.sentences[at]
            words = set(_WORD.findall(self.text[s:e].lower()))
            self._sentence_lists[at] = [float(bool(words & OWN_LISTS[n])) for n in LIST_NAMES]
        return self._sentence_lists[at]


def hand_features(index: ArticleIndex, start: int, end: int) -> list[float]:
    """The :data:`HAND` features of ``text[start:end]``, in that order."""
    text = index.text
    span = text[start:end]
    words = _WORD.findall(span.lower())
    content = [w for w in words if w not in _STOP and len(w) > 2]
    normal = " ".join(words)
    occurrences = index.occurrences(normal)
    counts = [index.counts[w] for w in content] or [0]
    at, s, e = index.sentence_of(start)
    letters = [c for c in span if c.isalpha()]
    capitals = sum(c.isupper() for c in letters) / max(1, len(letters))
    n_words = max(1, len(words))
    features = [
        math.log1p(len(span)),
        math.log1p(len(words)),
        float(len(words) == 1),
        float(len(words) <= 3),
        math.log1p(max(0, occurrences - 1)),
        float(occurrences > 1),
        float(occurrences > 2),
        math.log1p(max(0, max(counts) - 1)),
        math.log1p(sum(counts) / len(counts)),
        math.log1p(min(counts)),
        at / max(1, len(index.sentences)),
        float(start < index.title_end),
        (end - start) / max(1, e - s),
        float(start <= s + 1 and end >= e - 2),
        float(any(q in span for q in '"“”')),
        float("'" in span or "‘" in span),
        float("!" in span),
        float("?" in span),
        *index.sentence_marks(at),
        capitals,
        float(capitals > 0.8 and len(letters) > 3),
        float(span[:1].isupper()),
        float(bool(_DIGIT_RE.search(span))),
        float(any(q in text[max(0, start - 3) : start] for q in '"“')),
    ]
    word_set = set(words)
    features += [len(word_set & OWN_LISTS[n]) / n_words for n in LIST_NAMES]
    features += index.sentence_lists(at)
    hits = index.rule_labels(start, end)
    features += [float(label in hits) for label in RULE_FEATURE]
    return features


def context_texts(index: ArticleIndex, start: int, end: int) -> tuple[str, str]:
    """(the sentence's text, the neighbour words tagged ``L_word`` and ``R_word``)."""
    _, s, e = index.sentence_of(start)
    text = index.text
    left = TOKEN.findall(text, max(s, start - 80), start)[-NEIGHBOURS:]
    right = TOKEN.findall(text, end, min(e, end + 80))[:NEIGHBOURS]
    tags = [f"L_{w.lower()}" for w in left] + [f"R_{w.lower()}" for w in right]
    return text[s:e], " ".join(tags)


def _dims(vectors: FloatArray) -> IntArray:
    return np.arange(vectors.shape[1], dtype=np.int64)


@dataclass(frozen=True)
class TCFeatures:
    """Sparse features of spans: the three text blocks as one sparse row, hand features dense."""

    columns: list[IntArray]
    values: list[FloatArray]
    hand: FloatArray  # (n spans, len(HAND)), raw (not yet standardised)


class TCFeaturiser:
    """The TC vectorisers with fixed vocabularies: spans in, feature rows out."""

    def __init__(
        self,
        span: Vectoriser,
        sentence: Vectoriser,
        neighbours: Vectoriser,
        vectors: SpanVectors | None = None,  # the span's dense vector, a block of its own
    ) -> None:
        self.span = span
        self.sentence = sentence
        self.neighbours = neighbours
        self.vectors = vectors
        self.sentence_offset = span.n_features
        self.neighbour_offset = self.sentence_offset + sentence.n_features
        self.vector_offset = self.neighbour_offset + neighbours.n_features
        self.n_sparse = self.vector_offset + (vectors.dims if vectors else 0)

    def features(self, index: ArticleIndex, spans: Sequence[tuple[int, int]]) -> TCFeatures:
        columns: list[IntArray] = []
        values: list[FloatArray] = []
        hand = np.zeros((len(spans), len(HAND)), dtype=np.float64)
        sentence_rows: dict[str, tuple[IntArray, FloatArray]] = {}
        vectors = self.vectors([index.text[s:e] for s, e in spans]) if self.vectors else None
        for row, (start, end) in enumerate(spans):
            sentence, neighbours = context_texts(index, start, end)
            c1, v1 = self.span.row(index.text[start:end])
            if sentence not in sentence_rows:
                sentence_rows[sentence] = self.sentence.row(sentence)
            c2, v2 = sentence_rows[sentence]
            c3, v3 = self.neighbours.row(neighbours)
            w = BLOCK_WEIGHTS
            columns.append(
                np.concatenate([c1, c2 + self.sentence_offset, c3 + self.neighbour_offset])
            )
            values.append(
                np.concatenate([v1 * w["span"], v2 * w["sentence"], v3 * w["neighbours"]])
            )
            if vectors is not None:
                columns[-1] = np.concatenate([columns[-1], self.vector_offset + _dims(vectors)])
                values[-1] = np.concatenate([values[-1], vectors[row]])
            hand[row] = hand_features(index, start, end)
        return TCFeatures(columns, values, hand)


@dataclass(frozen=True)
class TCModel:
    """Multinomial logistic regression over :class:`TCFeaturiser` rows and scaled hand features.

    ``coef`` is (features, classes): the sparse block's rows, then the hand features' rows.
    Probabilities are the softmax of the logits divided by ``temperature`` (fitted on
    out-of-fold predictions in training).
    """

    featuriser: TCFeaturiser
    classes: tuple[str, ...]
    coef: FloatArray
    intercept: FloatArray
    hand_mean: FloatArray
    hand_scale: FloatArray
    temperature: float = 1.0

    def scaled_hand(self, hand: FloatArray) -> FloatArray:
        return np.asarray((hand - self.hand_mean) / self.hand_scale * BLOCK_WEIGHTS["hand"])

    def logits(self, feats: TCFeatures) -> FloatArray:
        n_sparse = self.featuriser.n_sparse
        hand = self.scaled_hand(feats.hand)
        out = hand @ self.coef[n_sparse:] + self.intercept
        for row, (cols, vals) in enumerate(zip(feats.columns, feats.values, strict=True)):
            if len(cols):
                out[row] += vals @ self.coef[cols]
        return np.asarray(out, dtype=np.float64)

    def probabilities(self, feats: TCFeatures) -> FloatArray:
        z = self.logits(feats) / self.temperature
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        return np.asarray(p / p.sum(axis=1, keepdims=True), dtype=np.float64)

    def cues(self, feats: TCFeatures, row: int, klass: int, *, top: int = 3) -> list[str]:
        """What pushed span ``row`` towards class ``klass`` most: words, then hand features."""
        shown: list[tuple[float, str]] = []
        cols, vals = feats.columns[row], feats.values[row]
        span_words = self.featuriser.span
        limit = span_words.char_offset
        keep = cols < limit
        weights = vals[keep] * self.coef[cols[keep], klass]
        for col, weight in zip(cols[keep].tolist(), weights.tolist(), strict=True):
            term = span_words.word_vocab[col]
            if weight > 0 and any(len(t) > 2 and t not in _STOP for t in term.split()):
                shown.append((weight, f"'{term}'"))
        hand = self.scaled_hand(feats.hand[row : row + 1])[0]
        contributions = hand * self.coef[self.featuriser.n_sparse :, klass]
        for k, (name, label) in enumerate(HAND):
            if label and contributions[k] > 0 and feats.hand[row, k] > 0:
                if name in ("log_repeats", "repeated", "repeated_3"):
                    times = round(math.expm1(feats.hand[row, HAND_NAMES.index("log_repeats")]))
                    label = f"repeated {times + 1}× in the article"
                shown.append((float(contributions[k]), label))
        shown.sort(key=lambda item: -item[0])
        out: list[str] = []
        for _, text in shown:
            if text not in out and not any(text in o or o in text for o in out):
                out.append(text)
            if len(out) >= top:
                break
        return out


def document_index(
    document: Document,
    rules: Sequence[tuple[int, int, str]] = (),
    *,
    seqs: Sequence[TokenSeq] | None = None,
) -> ArticleIndex:
    """The :class:`ArticleIndex` of a document: its sentences (or lines), its title's end.

    ``seqs`` are the document's :func:`token_sequences`, when already at hand."""
    text = document.text
    titles = [p.end for p in document.parts if p.kind == "title"]
    newline = text.find("\n")
    title_end = titles[0] if titles else newline if newline >= 0 else len(text)
    if seqs is None:
        seqs = token_sequences(text, sentence_list(document))
    sentences = [(s.start, s.end) for s in seqs]
    return ArticleIndex(text, sentences, title_end=title_end, rules=rules)


def sentence_list(document: Document) -> list[tuple[int, int]]:
    """The document's sentences, or, when it has none, sentences found by the house splitter."""
    if document.sentences:
        return list(document.sentences)
    from spinscope.sentences import sentence_bounds

    return sentence_bounds(document.text)
