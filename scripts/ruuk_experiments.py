"""Variants of the Russian and Ukrainian technique models, cross-validated on the same folds.

``spinscope eval techniques --unlp FILE --cv 5`` repeats the whole of training's cross-validation
(about five minutes of one core). This script reuses training's code
(:mod:`spinscope.training.techniques_ruuk`: the same development posts, the same five folds of
seed 0, the same threshold choices and the task's scorer) and keeps each stage's out-of-fold
probabilities in a cache folder, so that a variant of one stage is measured in a minute or two::

    nice -n 10 .venv/bin/python scripts/ruuk_experiments.py \
        --data ../shared/data/unlp2025-manipulation/train.jsonl --variant shipped --variant post_c2

Each variant prints the span token-F1 and the technique macro-F1 (overall and per language) with
the thresholds chosen as training chooses them, on the same out-of-fold predictions, and the
technique macro-F1 with *nested* thresholds (each fold's thresholds chosen on the other four
folds' predictions), which shows how much choosing on the same predictions flatters the figure.
``shipped`` measures the shipped settings (``navec_soft_segnavec``); ``previous`` the models of
2026-12-07, against which every other variant changes one thing (``VARIANTS``; the model card
lists their figures). The out-of-fold probabilities are kept in ``--cache`` (the system's
temporary folder by default); remove it after changing training's code.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from spinscope.detectors import techniques_ruuk as runtime
from spinscope.textmodel import VectoriserConfig
from spinscope.training import techniques_ruuk as tr
from spinscope.training import unlp
from spinscope.training.unlp import TECHNIQUES, Post, Prediction

Array = Any


@dataclass(frozen=True)
class Variant:
    """A change to one stage of training, and a note for the report."""

    name: str
    note: str
    settings: tr.Settings = field(default_factory=tr.Settings)
    post_config: VectoriserConfig = tr.POST_CONFIG
    post_navec: float = 0.0  # > 0: the post's mean navec vector as dense columns, this scale
    segment_navec: float = 0.0  # > 0: the segment's mean navec vector, this scale
    per_language: bool = False  # a segment threshold per language
    smoothing: float = runtime.SMOOTHING
    stacker: bool = False  # a second LR on the out-of-fold segment P of each segment's neighbours
    everything: bool = False  # every token of every post positive (the calibration figure)
    whole_post: bool = False  # the whole post when P(manipulative) reaches a chosen threshold
    segment_weights: str = ""  # "tokens": each segment weighs its tokens; "soft": its tokens in
    # and out of spans, as a positive and a negative row
    technique_stack: float = 0.0  # > 0: a second LR (this C) per technique on the 11 out-of-fold P
    language_feature: bool = False  # the stack also reads whether the post is Russian
    segment_self: bool = False  # the segment model also reads the post model's P of the segment


VARIANTS: dict[str, Variant] = {
    v.name: v
    for v in (
        Variant("previous", "the models of 2026-12-07"),
        Variant(
            "shipped",
            "the shipped settings (navec_soft_segnavec)",
            post_navec=1.0,
            segment_weights="soft",
            segment_navec=1.0,
        ),
        Variant("all_tokens", "every token of every post in a span", everything=True),
        Variant("whole_post", "whole posts, by the post model's P(manipulative)", whole_post=True),
        Variant("post_c0.5", "post model C=0.5", settings=replace(tr.Settings(), post_c=0.5)),
        Variant("post_c2", "post model C=2", settings=replace(tr.Settings(), post_c=2.0)),
        Variant("post_c4", "post model C=4", settings=replace(tr.Settings(), post_c=4.0)),
        Variant(
            "post_words13",
            "post model word 1-3-grams",
            post_config=VectoriserConfig(word_ngrams=(1, 3), char_ngrams=(2, 5)),
        ),
        Variant(
            "post_chars36",
            "post model character 3-6-grams",
            post_config=VectoriserConfig(word_ngrams=(1, 2), char_ngrams=(3, 6)),
        ),
        Variant(
            "post_more_terms",
            "post model 40,000 word and 80,000 character terms",
            settings=replace(tr.Settings(), post_words=40_000, post_chars=80_000),
        ),
        Variant("post_navec", "post model + mean navec vector (scale 1)", post_navec=1.0),
        Variant("post_navec0.5", "post model + mean navec vector (scale 0.5)", post_navec=0.5),
        Variant(
            "segment_c0.5", "segment model C=0.5", settings=replace(tr.Settings(), segment_c=0.5)
        ),
        Variant("segment_c2", "segment model C=2", settings=replace(tr.Settings(), segment_c=2.0)),
        Variant("segment_navec", "segment model + mean navec vector", segment_navec=1.0),
        Variant(
            "segment_dense5",
            "segment dense features times 5",
            settings=replace(tr.Settings(), dense_scale=5.0),
        ),
        Variant("per_language", "a segment threshold per language", per_language=True),
        Variant("smoothing0.6", "segment smoothing 0.6", smoothing=0.6),
        Variant("smoothing1", "no segment smoothing", smoothing=1.0),
        Variant("stacker", "an LR on the neighbours' out-of-fold segment P", stacker=True),
        Variant(
            "segment_tokens", "segment rows weighted by their tokens", segment_weights="tokens"
        ),
        Variant("segment_soft", "segment rows: tokens in and out of spans", segment_weights="soft"),
        Variant(
            "segment_self",
            "segment model + the post model's 11 P of the segment itself",
            segment_self=True,
        ),
        Variant(
            "navec_soft",
            "post_navec and segment_soft together",
            post_navec=1.0,
            segment_weights="soft",
        ),
        Variant(
            "navec_soft_self",
            "navec_soft and segment_self together",
            post_navec=1.0,
            segment_weights="soft",
            segment_self=True,
        ),
        Variant(
            "navec_soft_segnavec",
            "navec_soft and segment_navec together",
            post_navec=1.0,
            segment_weights="soft",
            segment_navec=1.0,
        ),
        Variant("technique_stack", "a second LR per technique on the 11 P", technique_stack=1.0),
        Variant(
            "technique_stack_lang",
            "a second LR per technique on the 11 P and the language",
            technique_stack=1.0,
            language_feature=True,
        ),
    )
}

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def navec_means(texts: Sequence[str]) -> tuple[Array, Array]:
    """Each text's mean navec vector (unit length; zeros when no word is known) and the share of
    its words navec knows."""
    from navec import Navec  # type: ignore[import-untyped]

    from spinscope.detectors import russian

    folder = russian.model_folder()
    russian.verify_files(folder, {russian.EMBEDDING: russian.MODEL_HASHES[russian.EMBEDDING]})
    navec = Navec.load(str(folder / russian.EMBEDDING))
    cache: dict[str, Any] = {}
    out = np.zeros((len(texts), 300), dtype=np.float64)
    known = np.zeros(len(texts), dtype=np.float64)
    for row, text in enumerate(texts):
        words = [w.lower() for w in _WORD.findall(text)]
        vectors = []
        for word in words:
            if word not in cache:
                cache[word] = navec.get(word)
            if cache[word] is not None:
                vectors.append(cache[word])
        if vectors:
            mean = np.mean(vectors, axis=0)
            out[row] = mean / max(float(np.linalg.norm(mean)), 1e-9)
        known[row] = len(vectors) / max(1, len(words))
    return out, known


class Runner:
    """The development posts, prepared once, and each stage's out-of-fold probabilities."""

    def __init__(self, data_path: Path, cache: Path) -> None:
        posts = unlp.read_posts(data_path)
        self.posts: list[Post] = unlp.split(posts)[0]
        self.data = tr.prepare(self.posts)
        self.cache = cache
        cache.mkdir(parents=True, exist_ok=True)
        self.folds = tr._folds(len(self.posts), 5, 0)
        self._navec: dict[str, Array] = {}

    def _cached(self, key: str, compute: Callable[[], Array]) -> Array:
        path = self.cache / f"{key}.npy"
        if path.is_file():
            return np.load(path, allow_pickle=False)
        value = np.asarray(compute())
        np.save(path, value, allow_pickle=False)
        return value

    def navec(self, what: str) -> Array:
        if what not in self._navec:
            if what == "post":
                texts = [p.text for p in self.posts]
            else:
                texts = [
                    p.text[s:e] for n, p in enumerate(self.posts) for s, e in self.data.pieces[n]
                ]
            vectors, known = navec_means(texts)
            self._navec[what] = vectors
            if what == "post":
                for lang in unlp.LANGUAGES:
                    chosen = [i for i, p in enumerate(self.posts) if p.lang == lang]
                    print(f"navec knows {np.mean(known[chosen]):.3f} of the words of {lang} posts")
        return self._navec[what]

    @staticmethod
    def post_key(v: Variant) -> str:
        s, c = v.settings, v.post_config
        return (
            f"post_{c.word_ngrams[0]}{c.word_ngrams[1]}_{c.char_ngrams}_{s.post_c}_{s.post_words}"
            f"_{s.post_chars}_{v.post_navec}"
        ).replace(" ", "")

    def post_oof(self, v: Variant) -> Array:
        return self._cached(self.post_key(v), lambda: self._post_oof(v))

    def _post_oof(self, v: Variant) -> Array:
        data, s = self.data, v.settings
        terms = (
            data.post_terms
            if v.post_config == tr.POST_CONFIG
            else tr.Terms.of(v.post_config, [p.text for p in self.posts])
        )
        dense = self.navec("post") if v.post_navec else None
        out = np.zeros((len(self.posts), 1 + len(TECHNIQUES)))
        for test in self.folds:
            train = np.setdiff1d(np.arange(len(self.posts)), test)
            vec = tr.fit_vectoriser(
                v.post_config,
                terms,
                train.tolist(),
                words=s.post_words,
                chars=s.post_chars,
                min_df=s.min_df,
            )
            x = tr.matrix(
                vec, terms, train.tolist(), None if dense is None else dense[train], v.post_navec
            )
            coef, intercept = tr.fit_columns(x, data.labels[train], s.post_c, s.seed)
            xt = tr.matrix(
                vec, terms, test.tolist(), None if dense is None else dense[test], v.post_navec
            )
            out[test] = tr._sigmoid(np.asarray(xt @ coef) + intercept)
        return out

    def segment_oof(self, v: Variant, post: Array) -> Array:
        s = v.settings
        key = (
            f"segment_{self.post_key(v)}_{s.segment_c}_{s.dense_scale}_{v.segment_navec}"
            f"_{v.segment_weights}_{v.segment_self}"
        )
        return self._cached(key, lambda: self._segment_oof(v, post))

    def _segment_oof(self, v: Variant, post: Array) -> Array:
        data, s = self.data, v.settings
        extra = self.navec("segment") * v.segment_navec if v.segment_navec else None
        if v.segment_self:
            own = self._cached(f"self_{self.post_key(v)}", lambda: self._self_oof(v))
            extra = own if extra is None else np.hstack([extra, own])
        out = np.zeros(len(data.owner))
        for test in self.folds:
            train = np.setdiff1d(np.arange(len(self.posts)), test)
            rows, trows = data.rows_of(train.tolist()), data.rows_of(test.tolist())
            vec = tr.fit_vectoriser(
                tr.SEGMENT_CONFIG,
                data.segment_terms,
                rows,
                words=s.segment_words,
                chars=s.segment_chars,
                min_df=s.min_df,
            )

            def dense(r: list[int]) -> Array:
                d = tr._dense(data, r, post)
                return d if extra is None else np.hstack([d, extra[r] / s.dense_scale])

            x = tr.matrix(vec, data.segment_terms, rows, dense(rows), s.dense_scale)
            if v.segment_weights:
                coef, intercept = self._weighted(x, rows, v)
            else:
                coef, intercept = tr.fit_columns(
                    x, data.inside[rows].reshape(-1, 1), s.segment_c, s.seed
                )
            xt = tr.matrix(vec, data.segment_terms, trows, dense(trows), s.dense_scale)
            out[trows] = tr._sigmoid(np.asarray(xt @ coef)[:, 0] + intercept[0])
        return out

    def _self_oof(self, v: Variant) -> Array:
        """The post model's out-of-fold P of every segment (its post's fold left out)."""
        data, s = self.data, v.settings
        texts = [p.text[a:b] for n, p in enumerate(self.posts) for a, b in data.pieces[n]]
        seg_terms = tr.Terms.of(v.post_config, texts)
        out = np.zeros((len(texts), 1 + len(TECHNIQUES)))
        for test in self.folds:
            train = np.setdiff1d(np.arange(len(self.posts)), test)
            vec = tr.fit_vectoriser(
                v.post_config,
                data.post_terms,
                train.tolist(),
                words=s.post_words,
                chars=s.post_chars,
                min_df=s.min_df,
            )
            x = tr.matrix(vec, data.post_terms, train.tolist())
            coef, intercept = tr.fit_columns(x, data.labels[train], s.post_c, s.seed)
            trows = data.rows_of(test.tolist())
            xt = tr.matrix(vec, seg_terms, trows)
            out[trows] = tr._sigmoid(np.asarray(xt @ coef) + intercept)
        return out

    def _weighted(self, x: Array, rows: list[int], v: Variant) -> tuple[Array, Array]:
        from scipy.sparse import vstack  # type: ignore[import-untyped]

        data = self.data
        if v.segment_weights == "tokens":
            y, w = data.inside[rows], np.maximum(1, data.tokens[rows]).astype(float)
        else:
            share = self.inside_share[rows]
            tokens = np.maximum(1, data.tokens[rows]).astype(float)
            x = vstack([x, x]).tocsr()
            y = np.concatenate([np.ones(len(rows)), np.zeros(len(rows))]).astype(int)
            w = np.concatenate([tokens * share, tokens * (1 - share)])
            keep = w > 0
            x, y, w = x[keep], y[keep], w[keep]
        w = w / w.mean()
        model = tr._logistic(v.settings.segment_c, v.settings.seed).fit(x, y, sample_weight=w)
        return model.coef_[0].reshape(-1, 1), np.asarray([float(model.intercept_[0])])

    @property
    def inside_share(self) -> Array:
        if not hasattr(self, "_share"):
            shares = []
            for n, post in enumerate(self.posts):
                for s, e in self.data.pieces[n]:
                    spans = tr._shifted(post.spans or (), s, e)
                    flags = unlp.token_labels(post.text[s:e], spans)
                    shares.append(sum(flags) / max(1, len(flags)))
            self._share = np.asarray(shares)
        return self._share

    def technique_stacked(self, post: Array, v: Variant) -> Array:
        """P of each technique from a second LR over the logits of all 11 out-of-fold P (and
        the language), fitted on the same folds; column 0 kept."""
        from sklearn.linear_model import LogisticRegression

        z = np.log(np.clip(post, 1e-6, 1 - 1e-6) / np.clip(1 - post, 1e-6, 1))
        if v.language_feature:
            lang = np.asarray([[1.0 if p.lang == "ru" else 0.0] for p in self.posts])
            z = np.hstack([z, lang])
        out = post.copy()
        for test in self.folds:
            train = np.setdiff1d(np.arange(len(self.posts)), test)
            for c in range(1, post.shape[1]):
                model = LogisticRegression(C=v.technique_stack, class_weight="balanced")
                model.fit(z[train], self.data.labels[train, c])
                out[test, c] = model.predict_proba(z[test])[:, 1]
        return out

    def stacked(self, segment: Array, post: Array) -> Array:
        """Each segment's P from an LR over its own and its neighbours' out-of-fold P, fitted
        on the same folds."""
        data = self.data
        feats = np.zeros((len(segment), 9))
        for n in range(len(self.posts)):
            rows = data.segment_rows[n]
            p = segment[rows]
            pad = np.concatenate([[p[0]] * 2, p, [p[-1]] * 2])
            for i, r in enumerate(rows):
                feats[r] = [
                    p[i],
                    pad[i + 1],
                    pad[i + 3],
                    pad[i],
                    pad[i + 4],
                    float(np.mean(p)),
                    float(np.max(p)),
                    post[n, 0],
                    i / max(1, len(rows)),
                ]
        logits = np.log(np.clip(feats, 1e-6, 1 - 1e-6) / np.clip(1 - feats, 1e-6, 1))
        logits[:, 8] = feats[:, 8]
        from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]

        out = np.zeros(len(segment))
        for test in self.folds:
            train = np.setdiff1d(np.arange(len(self.posts)), test)
            rows, trows = data.rows_of(train.tolist()), data.rows_of(test.tolist())
            model = LogisticRegression(C=1.0).fit(logits[rows], data.inside[rows])
            out[trows] = model.predict_proba(logits[trows])[:, 1]
        return out


def _techniques_nested(runner: Runner, post: Array) -> float:
    data = runner.data
    named = np.zeros((len(runner.posts), len(TECHNIQUES)), dtype=bool)
    for test in runner.folds:
        train = np.setdiff1d(np.arange(len(runner.posts)), test)
        sub = replace(data, labels=data.labels[train])
        thresholds = tr.technique_thresholds(sub, post[train])
        named[test] = post[test, 1:] >= np.asarray(thresholds)
    f1s = []
    for c in range(len(TECHNIQUES)):
        y = data.labels[:, 1 + c] == 1
        f1s.append(2 * np.sum(named[:, c] & y) / max(1, np.sum(named[:, c]) + np.sum(y)))
    return float(np.mean(f1s))


def _span_predictions(
    runner: Runner, inside: Array, thresholds: Sequence[float], post: Array, cut: dict[str, float]
) -> dict[str, Prediction]:
    data = runner.data
    out = {}
    for n, p in enumerate(runner.posts):
        rows = data.segment_rows[n]
        spans = runtime._joined(
            p.text, data.pieces[n], inside[rows], cut.get(p.lang or "", cut[""])
        )
        named = tuple(
            t for t, q, th in zip(TECHNIQUES, post[n, 1:], thresholds, strict=True) if q >= th
        )
        out[p.id] = Prediction(p.id, tuple((s.start, s.end) for s in spans), named)
    return out


def _best_cut(
    runner: Runner, inside: Array, thresholds: Sequence[float], post: Array, lang: str
) -> float:
    chosen = [p for p in runner.posts if lang in ("", p.lang)]
    best, best_f1 = 0.5, -1.0
    for cut in np.round(np.arange(0.1, 0.801, 0.02), 2):
        f1 = unlp.score(
            chosen, _span_predictions(runner, inside, thresholds, post, {"": float(cut)})
        ).span_f1
        if f1 > best_f1 + 1e-12:
            best, best_f1 = float(cut), f1
    return best


def measure(runner: Runner, v: Variant) -> dict[str, Any]:
    post = runner.post_oof(v)
    if v.technique_stack:
        post = runner.technique_stacked(post, v)
    thresholds = tr.technique_thresholds(runner.data, post)
    data = runner.data
    if v.everything or v.whole_post:
        inside = np.ones(len(data.owner)) if v.everything else post[data.owner, 0]
    else:
        inside = runner.segment_oof(v, post)
        if v.stacker:
            inside = runner.stacked(inside, post)
        else:
            inside = np.concatenate(
                [
                    runtime.smoothed(inside[data.segment_rows[n]], v.smoothing)
                    for n in range(len(runner.posts))
                ]
            )
            order = np.concatenate([data.segment_rows[n] for n in range(len(runner.posts))])
            tmp = np.zeros_like(inside)
            tmp[order] = inside
            inside = tmp
    cut = {"": 0.5 if v.everything else _best_cut(runner, inside, thresholds, post, "")}
    if v.per_language:
        cut.update(
            {lang: _best_cut(runner, inside, thresholds, post, lang) for lang in unlp.LANGUAGES}
        )
    figures = unlp.report(runner.posts, _span_predictions(runner, inside, thresholds, post, cut))
    return {
        "variant": v.name,
        "note": v.note,
        "span_f1": figures["span_f1"],
        "technique_macro_f1": figures["technique_macro_f1"],
        "technique_macro_f1_nested": round(_techniques_nested(runner, post), 4),
        "ru": [
            figures["by_language"]["ru"]["span_f1"],
            figures["by_language"]["ru"]["technique_macro_f1"],
        ],
        "uk": [
            figures["by_language"]["uk"]["span_f1"],
            figures["by_language"]["uk"]["technique_macro_f1"],
        ],
        "segment_threshold": cut,
        "technique_f1": figures["technique_f1"],
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--variant", action="append", choices=sorted(VARIANTS))
    parser.add_argument(
        "--cache", type=Path, default=Path(tempfile.gettempdir()) / "ruuk_experiments"
    )
    parser.add_argument("--json", type=Path, help="append each variant's figures to this file")
    args = parser.parse_args(argv)
    runner = Runner(args.data, args.cache)
    for name in args.variant or ["shipped"]:
        result = measure(runner, VARIANTS[name])
        nested = result["technique_macro_f1_nested"]
        line = (
            f"{name:16} span {result['span_f1']:.4f}  techniques "
            f"{result['technique_macro_f1']:.4f} (nested {nested:.4f})  ru {result['ru']}"
            f"  uk {result['uk']}  cut {result['segment_threshold']}"
        )
        print(line, flush=True)
        if args.json:
            with args.json.open("a", encoding="utf-8") as handle:
                handle.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
