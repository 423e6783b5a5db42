"""The model card of the Russian and Ukrainian technique detector, written by its training run."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import Any

from spinscope.training.unlp import LANGUAGES, TECHNIQUES

DATA = "../shared/data/unlp2025-manipulation/train.jsonl"
EXPERIMENTS = (
    "nice -n 10 .venv/bin/python scripts/ruuk_experiments.py --data "
    "../shared/data/unlp2025-manipulation/train.jsonl --variant NAME"
)
# Variants measured by scripts/ruuk_experiments.py on the same five folds (2,445 development
# posts, thresholds chosen as training chooses them): name, what changes against the models of
# 2026-12-07, span token-F1, technique macro-F1, technique macro-F1 with nested thresholds, kept.
VARIANTS: tuple[tuple[str, str, float, float, float, str], ...] = (
    ("previous", "the models of 2026-12-07", 0.5522, 0.4036, 0.3920, "before"),
    ("all_tokens", "every token of every post in a span", 0.4008, 0.4036, 0.3920, "scale"),
    ("whole_post", "whole posts by P(manipulative)", 0.4926, 0.4036, 0.3920, "no"),
    ("per_language", "a segment threshold per language", 0.5521, 0.4036, 0.3920, "no"),
    ("smoothing0.6", "segment smoothing 0.6 (0.8)", 0.5518, 0.4036, 0.3920, "no"),
    ("smoothing1", "no segment smoothing", 0.5470, 0.4036, 0.3920, "no"),
    ("stacker", "an LR over the neighbours' segment P", 0.5506, 0.4036, 0.3920, "no"),
    ("post_c2", "post model C=2 (1)", 0.5517, 0.4004, 0.3899, "no"),
    ("post_navec", "post model + mean navec vector", 0.5543, 0.4101, 0.3995, "yes"),
    ("segment_navec", "segment model + mean navec vector", 0.5538, 0.4036, 0.3920, "yes"),
    ("segment_soft", "segment rows weighted by tokens in/out", 0.5553, 0.4036, 0.3920, "yes"),
    ("technique_stack", "a second LR per technique on the 11 P", 0.5522, 0.3998, 0.3879, "no"),
    ("technique_stack_lang", "the same and the language", 0.5522, 0.3986, 0.3865, "no"),
    (
        "navec_soft_self",
        "shipped + the post model's P of the segment",
        0.5514,
        0.4101,
        0.3995,
        "no",
    ),
    ("post_c0.5", "post model C=0.5 (1)", 0.5536, 0.3998, 0.3851, "no"),
    ("navec_soft", "post_navec and segment_soft", 0.5561, 0.4101, 0.3995, "yes"),
    ("shipped", "navec_soft + segment_navec", 0.5614, 0.4101, 0.3995, "yes"),
)


def _figures_table(figures: Mapping[str, Any]) -> list[str]:
    lines = [
        "| part | posts | span token-F1 | span precision | span recall | technique macro-F1 |",
        "|---|---|---|---|---|---|",
    ]
    rows = [("all", figures)] + [
        (lang, figures["by_language"][lang])
        for lang in LANGUAGES
        if lang in figures.get("by_language", {})
    ]
    for name, f in rows:
        lines.append(
            f"| {name} | {f['posts']} | {f['span_f1']:.4f} | {f['span_precision']:.4f} | "
            f"{f['span_recall']:.4f} | {f['technique_macro_f1']:.4f} |"
        )
    return lines


def _per_technique(
    cv: Mapping[str, Any], held: Mapping[str, Any], thresholds: Mapping[str, float]
) -> list[str]:
    lines = ["| technique | threshold | F1, cross-validated | F1, held-out |", "|---|---|---|---|"]
    for t in TECHNIQUES:
        held_f1 = held.get("technique_f1", {}).get(t)
        shown = f"{held_f1:.4f}" if held_f1 is not None else "-"
        lines.append(f"| `{t}` | {thresholds[t]:.2f} | {cv['technique_f1'][t]:.4f} | {shown} |")
    return lines


def _variants() -> list[str]:
    lines = [
        "| variant | change | span token-F1 | technique macro-F1 | nested | kept |",
        "|---|---|---|---|---|---|",
    ]
    for name, note, span, macro, nested, kept in VARIANTS:
        lines.append(f"| `{name}` | {note} | {span:.4f} | {macro:.4f} | {nested:.4f} | {kept} |")
    return lines


def _wrap(text: str) -> list[str]:
    """A paragraph or list item as lines of at most 96 characters (items indented)."""
    indent = "  " if text.startswith("- ") else ""
    return textwrap.wrap(text, width=96, subsequent_indent=indent, break_on_hyphens=False)


def model_card(result: Mapping[str, Any]) -> str:
    """The card's Markdown, with the figures, settings and file hashes of a training run."""
    settings = result["settings"]
    sizes = ", ".join(
        f"{name} {size / 1e6:.2f} MB" for name, size in sorted(result["sizes"].items())
    )
    hashes = [f"| `{name}` | `{digest}` |" for name, digest in sorted(result["files"].items())]
    held = result["held_out"]
    lines = [
        "# Model card: techniques-ruuk",
        "",
        *_wrap(
            "Finds manipulation (persuasion techniques) in Russian and Ukrainian text: the spans "
            "that manipulate, and which of ten techniques a post-sized stretch of text uses. "
            "**It reports how a text tries to persuade; it never says whether a statement is "
            "true.**"
        ),
        "",
        *_wrap(
            "- Used by: the `techniques_ruuk` detector (`spinscope.detectors.techniques_ruuk`), "
            "on documents whose language is `ru` or `uk`. The text is read in windows of about "
            "80 words (whole lines), each window in sentences (segments)."
        ),
        *_wrap(
            "- Post model: one logistic regression (liblinear, class weights balanced, "
            f"C={settings['post_c']}) per column, manipulative and the ten techniques, over word "
            "1-2-grams and character 2-5-grams (sublinear tf-idf, each block of unit length; "
            f"{settings['post_words']:,} word and {settings['post_chars']:,} character terms at "
            f"most, document frequency at least {settings['min_df']})"
            + (
                " and the mean of natasha's navec word vectors over the words navec knows (300 "
                "dimensions, unit length; navec is Russian and knows about 95% of the words of "
                "the Russian posts, 46% of the Ukrainian ones)"
                if settings.get("post_navec", 0.0) > 0
                else ""
            )
            + ". A technique is named when its probability reaches its threshold (below)."
        ),
        *_wrap(
            f"- Segment model: logistic regression (C={settings['segment_c']}) over the "
            "segment's word 1-grams and character 2-5-grams and 17 dense features (the "
            "window's P(manipulative), its square and P of each technique, the segment's place, "
            "whether it is the first or the last, its length, the window's number of segments; "
            f"times {settings['dense_scale']})"
            + (
                " and the segment's mean navec vector (as the post model's)"
                if settings.get("segment_navec", False)
                else ""
            )
            + (
                ", fitted on each segment twice, as a positive weighted by its tokens inside "
                "gold spans and as a negative weighted by its tokens outside (the metric counts "
                "tokens)"
                if settings.get("soft_segments", False)
                else ""
            )
            + ". Each segment's probability keeps 0.8 of itself "
            "and takes 0.2 from the mean of its neighbours'; segments at or above the threshold "
            f"{result['segment_threshold']:.2f} are manipulation spans, neighbours joined."
        ),
        *_wrap(
            "- Finding: each span in running text (not a byline, caption, source line, "
            "disclaimer or prompt), once, labelled with the taxonomy id of the most probable "
            "technique named for its window (the most probable of all when none is; the "
            "window's other named techniques in its explanation): `cliche` is "
            "`thought_terminating_cliche`, `bandwagon` is `bandwagon_reductio_ad_hitlerum`, "
            "`whataboutism` and `straw_man` are `whataboutism_straw_man_red_herring`; score "
            "P(span) x P(technique)."
        ),
        *_wrap(
            "- Runs on numpy alone (`spinscope.textmodel.Vectoriser`), no pickle; both files are "
            f"checked by sha256 at load (table below). Files: {sizes}."
        ),
        *_wrap(
            f"- Trained on {result['date']} with seed {settings['seed']} in "
            f"{result['seconds']:.0f} s of wall time and {result['cpu_seconds']:.0f} s of CPU time "
            f"on one core of a shared machine ({result['machine']}), by"
        ),
        "",
        "  ```",
        f"  spinscope train techniques-ruuk --unlp {DATA} \\",
        "      --out src/spinscope/models/techniques-ruuk",
        "  ```",
        "",
        "## Data and licence",
        "",
        *_wrap(
            "The UNLP 2025 Shared Task on Detecting Social Media Manipulation (training set of "
            "the public repository unlp-workshop/unlp-2025-shared-task, annotated by the "
            "Texty.org.ua team): 3,040 Telegram posts in Ukrainian and Russian as read from "
            f"`{DATA}`, with post-level techniques and character spans that are the union over "
            "every technique (spans past a text's end clipped). **Licence: Creative Commons "
            "Attribution-NonCommercial-ShareAlike 4.0 International (CC BY-NC-SA 4.0).** The "
            "models are trained on it, so they carry its terms: attribution, non-commercial use "
            "only, and the same licence for what is built from them. No text of the data is "
            "copied into spinscope; the definitions and examples of `spinscope.taxonomy` were "
            "written for the project."
        ),
        "",
        *_wrap(
            "Split: a post is held out when the sha256 of its id falls in the last fifth; the "
            f"{result['held_out_posts']} held-out posts are never read for fitting or choosing. "
            f"The {result['development_posts']} development posts are cut into "
            f"{settings['folds']} folds (seed {settings['seed']}) for cross-validation."
        ),
        "",
        "## Cross-validation on the development posts",
        "",
        "Out-of-fold predictions; each technique's threshold and the segment threshold were chosen",
        "on these same predictions, so the figures are a little optimistic. Measured by",
        "",
        "```",
        f"spinscope eval techniques --unlp {DATA} --cv {settings['folds']} --json",
        "```",
        "",
        *_figures_table(result["cross_validation"]),
        "",
        "## Held-out posts",
        "",
        "The shipped models on the held-out posts, each post read as one window. Measured by",
        "",
        "```",
        f"spinscope eval techniques --unlp {DATA} --held-out --json",
        "```",
        "",
        "and pinned in the evaluation gate (`spinscope eval gate --measure",
        "techniques-ruuk-unlp-held-out`).",
        "",
        *(_figures_table(held) if held else ["(no held-out posts)"]),
        "",
        "For scale: predicting every token of every post as manipulative gives a span token-F1 of",
        "about 0.42 on these data; the task's best systems on its own test set (XLM-RoBERTa-large",
        "and a 27B-parameter language model, fine-tuned on GPUs) reached span F1 0.64 and",
        "technique macro-F1 0.49.",
        "",
        "## Techniques",
        "",
        *_per_technique(result["cross_validation"], held, result["technique_thresholds"]),
        "",
        "## Variants measured",
        "",
        *_wrap(
            "Each variant changes one thing and is measured on the same five folds of the "
            "development posts with the thresholds chosen as training chooses them; 'nested' is "
            "the technique macro-F1 when each fold's technique thresholds are chosen on the "
            "other four folds' predictions (choosing them on the same predictions flatters the "
            "figure by about 0.01). Measured by"
        ),
        "",
        "```",
        EXPERIMENTS,
        "```",
        "",
        *_variants(),
        "",
        "## Limits",
        "",
        "- Trained on Telegram posts about the war and Ukrainian politics; news articles, other",
        "  topics and other registers are out of its domain. An article is read in post-sized",
        "  windows, which is an approximation: the data gives no article-level labels.",
        "- The spans are whole sentences: the segment model cannot mark a phrase inside one.",
        "- Rare techniques (whataboutism, straw man, bandwagon) are named poorly; treat",
        "them as leads.",
        "",
        "## Files",
        "",
        "| file | sha256 |",
        "| --- | --- |",
        *hashes,
        "",
    ]
    return "\n".join(lines)
