"""The measures of the evaluation gate: every shipped model and behaviour that gold data cover.

Each entry of :data:`MEASURES` is one declaration (see :mod:`spinscope.gate`). Figures on the
PTC train split are in-sample: the shipped technique detector was trained on every one of its
articles, so they guard the detector against breaking, and the model card's cross-validated
figures (``spinscope eval techniques --cv 5``, about 45 minutes) estimate its quality. No
labelled set of translations exists in the shared data, so translation detection has no measure;
near-duplicate detection is measured on generated copies, as ``benchmarks/bench_near_duplicates.py``
makes them.
"""

from __future__ import annotations

import gzip
import hashlib
import itertools
import json
import random
import re
import shutil
import statistics
import tempfile
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Final

import numpy as np
import numpy.typing as npt

from spinscope.corpus.chains import find_near_duplicates, overlap, shingle_hashes
from spinscope.corpus.records import CorpusRecord, Statement
from spinscope.document import Document, text_id
from spinscope.errors import InputError, SpinscopeError
from spinscope.gate import Data, Figure, Files, Measure, Root, Tier

PTC: Final = "data/ptc-semeval2020"
PTC_LABELS: Final = Files(f"{PTC}/train-task-flc-tc.labels")
PTC_SAMPLE_EVERY: Final = 8  # 47 of the 371 train articles
HTML: Final = "data/article-extraction-benchmark"
HTML_SAMPLE_EVERY: Final = 3  # 61 of the 181 pages
CLEF: Final = Files("data/clef2020-claim-groups/train.jsonl")


# --- techniques ----------------------------------------------------------------------------------


def techniques(data: Data) -> Mapping[str, float]:
    """SI F1 and TC micro-F1 of the shipped detector on the given PTC articles.

    The articles (second declaration) and their rows of the labels file (first) are copied into
    a temporary PTC folder and scored by :func:`spinscope.training.techniques.evaluate`.
    """
    from spinscope.training.techniques import evaluate

    labels, articles = data.one(0), data.groups[1]
    ids = {p.name.removeprefix("article").removesuffix(".txt") for p in articles}
    with tempfile.TemporaryDirectory(prefix="spinscope-gate-") as work:
        folder = Path(work) / "articles"
        folder.mkdir()
        for path in articles:
            shutil.copyfile(path, folder / path.name)
        rows = labels.read_bytes().decode("utf-8").split("\n")
        chosen = Path(work) / "chosen.labels"
        chosen.write_text(
            "".join(f"{r}\n" for r in rows if r.strip() and r.split("\t")[0] in ids),
            encoding="utf-8",
            newline="",
        )
        result = evaluate(folder, chosen)
    return {"si_f1": result["si_f1"], "tc_micro_f1": result["tc_micro_f1"]}


UNLP: Final = Files("data/unlp2025-manipulation/train.jsonl")
RUUK_FIGURES: Final = tuple(
    Figure(name, tolerance=0.01)
    for name in (
        "span_f1",
        "technique_macro_f1",
        "ru_span_f1",
        "ru_technique_macro_f1",
        "uk_span_f1",
        "uk_technique_macro_f1",
    )
)


def techniques_ruuk(data: Data) -> Mapping[str, float]:
    """Span token-F1 and technique macro-F1 of the shipped Russian and Ukrainian detector on the
    held-out fifth of the UNLP 2025 posts (never seen in training), overall and per language, as
    ``spinscope eval techniques --unlp FILE --held-out`` gives them."""
    from spinscope.training.techniques_ruuk import evaluate

    result = evaluate(data.one(0), held_out_only=True)
    figures = {"span_f1": result["span_f1"], "technique_macro_f1": result["technique_macro_f1"]}
    for lang, part in result["by_language"].items():
        figures[f"{lang}_span_f1"] = part["span_f1"]
        figures[f"{lang}_technique_macro_f1"] = part["technique_macro_f1"]
    return figures


# --- check-worthiness --------------------------------------------------------------------------


def checkworthiness(data: Data) -> Mapping[str, float]:
    """F1 of the Yes class of the shipped model, as ``spinscope eval checkworthiness`` gives."""
    from spinscope.training.checkworthiness import eval_checkworthiness

    return {"f1": float(eval_checkworthiness(data.one(0))["f1"])}


# --- allegations --------------------------------------------------------------------------------

ALLEGATION_GOLD: Final = "eval/allegations/gold"
ALLEGATION_FIGURES: Final = tuple(
    Figure(name, tolerance=0.02)
    for name in (
        "allegations_f1",
        "allegations_target_f1",
        "sourcing_accuracy",
        "descriptor_recall",
        "descriptor_precision",
        "persons_f1",
        "organisations_f1",
    )
)


def allegations(data: Data) -> Mapping[str, float]:
    """The ``spinscope eval allegations`` figures of the default pipeline on the gold files of
    the first declaration, their articles read from the folder of the second."""
    from spinscope.training.allegation_eval import evaluate

    result = evaluate(data.one(0).parent, data.one(1).parent)
    return {f.name: float(result[f.name]) for f in ALLEGATION_FIGURES}


# --- structure ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StructureGold:
    """What tests/test_examples_structure.py expects of one example: every part that is not a
    paragraph, as its exact text or ``sha256:`` and the first 16 hex digits of its sha256 (the
    real article's sentences are not copied), and how many paragraphs there are."""

    name: str
    parts: tuple[tuple[str, str], ...]
    paragraphs: int


STRUCTURE_AS_OF: Final = datetime.fromisoformat("2025-04-29T18:00:00+00:00")
STRUCTURE_GOLD: Final = (
    StructureGold(
        "harbour-fund-affair.txt",
        (
            ("title", "Who Profits from Norvalia's Harbour Fund? Vessgrad's Quiet Betrayal"),
            ("dateline", "Yesterday, 18:40"),
            ("byline", "Author: Ivo Renssen"),
            ("heading", "Quiet Transfers"),
            ("heading", "Friends in Parliament"),
            ("heading", "A Familiar Script"),
            ("caption", "Flag of the Republic of Norvalia."),
            (
                "caption",
                "Screenshot of a payment order from the Harbour Renewal Fund to Tidewater "
                "Advisory.",
            ),
            (
                "caption",
                "Teodor Brask and Liane Orsk at the opening of the new ferry terminal. "
                "Photo: Social Networks",
            ),
            (
                "caption",
                "Dockworkers at a protest outside the Port Ellen authority building. "
                "Photo: Screenshot from video",
            ),
            ("source", "Original Source: https://example.org/norvalia/harbour-fund-affair"),
            ("disclaimer", "Disclaimer: This article reflects only the opinion of its author."),
            ("boilerplate", 'Tell us what you think by pressing the "like/dislike" buttons below.'),
        ),
        paragraphs=7,
    ),
    StructureGold(
        "river-bridge-report.txt",
        (
            ("title", "Kessel River Bridge Reopens After Eight Months of Repairs"),
            ("byline", "By Hanna Lork and Peter Stiel"),
            ("dateline", "March 3, 2025"),
            ("heading", "What Comes Next"),
            (
                "caption",
                "Workers remove the last barriers from the bridge deck on Monday. "
                "Photo: Hanna Lork",
            ),
        ),
        paragraphs=6,
    ),
    StructureGold(
        "ptc-style-editorial.txt",
        (("title", "Betrayed at the Docks: Vessgrad's Elite Sells Out Our Harbour"),),
        paragraphs=6,
    ),
    StructureGold(
        "astana-dangerous-game.txt",
        (
            ("title", "sha256:bd14a0e3793a5e5d"),
            ("dateline", "sha256:12b889daca423005"),
            ("byline", "sha256:a6b25c8c5096c277"),
            ("heading", "sha256:aff0a846ce4fb802"),
            ("heading", "sha256:9c43653e33212bed"),
            ("heading", "sha256:d3f597d9b0bf2f11"),
            ("caption", "sha256:16be18e04cc88c35"),
            ("caption", "sha256:92f8e5c673956e57"),
            ("caption", "sha256:18401e06ddcec65b"),
            ("caption", "sha256:c7af8a99a860999f"),
            ("source", "sha256:e3bcfa1abaf3fdae"),
            ("disclaimer", "sha256:a3eced1b849b461f"),
            ("boilerplate", "sha256:ded2305e03ecad01"),
        ),
        paragraphs=7,
    ),
    StructureGold(
        "steppe-water-tender.ru.txt",
        (
            ("title", "Кто заработал на степном водопроводе? Тихая сделка в Стрелецке"),
            ("dateline", "Вчера, 18:40"),
            ("byline", "Автор: Глеб Ситников"),
            ("heading", "Сделка за один вечер"),
            ("heading", "Друзья в областной думе"),
            ("heading", "Знакомый сценарий"),
            (
                "caption",
                "Аркадий Голубев и Лидия Саблина на открытии насосной станции. Фото: соцсети",
            ),
            (
                "caption",
                "Жители посёлка Ковыльный у пустой водонапорной башни. Фото: скриншот из видео",
            ),
            (
                "caption",
                "Вице-губернатор Аркадий Голубев на заседании областного правительства. "
                "Фото: пресс-служба администрации Стрелецка",
            ),
            ("source", "Первоисточник: https://example.org/priozerye/steppe-water-tender"),
            ("disclaimer", "Мнение автора может не совпадать с позицией редакции."),
            (
                "boilerplate",
                "Поделитесь своим мнением в комментариях и подписывайтесь на наш канал, "
                "чтобы не пропустить новые расследования.",
            ),
        ),
        paragraphs=7,
    ),
    StructureGold(
        "school-bus-tender.uk.txt",
        (
            ("title", "Хто нагрів руки на шкільних автобусах? Тиха угода у Верболині"),
            ("dateline", "12 березня 2025, 16:20"),
            ("byline", "Автори: Ярина Ковальчук та Остап Дзюба"),
            ("heading", "Контракт без конкурсу"),
            ("heading", "Друзі в міській раді"),
            ("heading", "Знайомий сценарій"),
            (
                "caption",
                "Роман Шульга та Оксана Гречка під час презентації нових автобусів. "
                "Фото: соцмережі",
            ),
            (
                "caption",
                "Батьки учнів біля зачиненої школи в селі Підлісне. Фото: скриншот з відео",
            ),
            ("source", "Першоджерело: https://example.org/verbolyn/school-bus-tender"),
            ("disclaimer", "Думка автора може не збігатися з позицією редакції."),
            ("boilerplate", "Підписуйтесь на наш Telegram і діліться своєю думкою в коментарях."),
        ),
        paragraphs=6,
    ),
    StructureGold(
        "aksai-village-well.kk.txt",
        (
            ("title", "Ақсай ауылындағы құдық: әкімдік уәдесін неге орындамады?"),
            ("dateline", "Бүгін, 10:15"),
            ("byline", "Авторы: Дәулет Серікұлы"),
            ("heading", "Мердігердің уәдесі"),
            ("caption", "Ауыл тұрғындары бос су мұнарасының жанында. Сурет: әлеуметтік желілер"),
            ("source", "Дереккөз: https://example.org/aksai/village-well"),
            ("disclaimer", "Автордың пікірі редакцияның ұстанымымен сәйкес келмеуі мүмкін."),
            ("boilerplate", "Біздің Telegram-арнамызға жазылыңыз және пікіріңізді қалдырыңыз."),
        ),
        paragraphs=2,
    ),
)
# The one example not in the project: the real article, in the shared data.
STRUCTURE_SHARED: Final = "astana-dangerous-game.txt"


def _short_digest(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def structure(data: Data) -> Mapping[str, float]:
    """Recall and precision of the parts that are not paragraphs (a part counts when its kind
    and exact text are right), and the share of examples with the right number of paragraphs."""
    from spinscope.structure import recover_structure

    gold = {g.name: g for g in STRUCTURE_GOLD}
    expected = found = right = counts = 0
    paths = data.all()
    for path in paths:
        document = recover_structure(
            Document(path.read_bytes().decode("utf-8")), as_of=STRUCTURE_AS_OF
        )
        want = Counter(gold[path.name].parts)
        got: Counter[tuple[str, str]] = Counter()
        for part in document.parts:
            if part.kind == "paragraph":
                continue
            text = document.part_text(part)
            digest = _short_digest(text)
            got[(part.kind, digest if (part.kind, digest) in want else text)] += 1
        expected += sum(want.values())
        found += sum(got.values())
        right += sum((want & got).values())
        counts += len(document.parts_of("paragraph")) == gold[path.name].paragraphs
    return {
        "part_recall": right / expected if expected else 1.0,
        "part_precision": right / found if found else 1.0,
        "paragraph_counts": counts / len(paths),
    }


# --- near duplicates: edited copies, made as benchmarks/bench_near_duplicates.py makes them -----


EDITS: Final = ("substitute", "delete", "insert", "reorder", "truncate", "boilerplate")
BOILERPLATE: Final = (
    "This article was republished from a partner site. The views expressed are the author's own "
    "and do not necessarily reflect the editorial policy of this outlet. Share your reactions "
    "in the comments below and subscribe to our newsletter for more.",
    "Read more: follow us on social media for the latest news and analysis. All rights reserved. "
    "Reproduction is permitted with a link to the original article.",
)
_SENTENCE: Final = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True, slots=True)
class Generated:
    """A text and the index of the original it was made from (its own for an original)."""

    text: str
    family: int
    edited: bool


def edited_copy(text: str, rng: random.Random, vocabulary: Sequence[str]) -> str:
    """A copy of ``text`` with two or three random kinds of edit."""
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
    return out


def generate(texts: Sequence[str], *, copies: int, share: float, seed: int) -> list[Generated]:
    """Every text as an original, plus 1 to ``copies`` edited copies of a ``share`` of them."""
    rng = random.Random(seed)  # noqa: S311  (test data, not security)
    vocabulary = sorted({w for t in texts for w in t.split() if w.isalpha()})
    out = [Generated(t, i, edited=False) for i, t in enumerate(texts)]
    for i, text in enumerate(texts):
        if rng.random() >= share:
            continue
        for _ in range(rng.randint(1, copies)):
            out.append(Generated(edited_copy(text, rng, vocabulary), i, edited=True))
    return out


def distinct(texts: Sequence[str], *, size: int = 8, limit: float = 0.2) -> list[str]:
    """``texts`` without those sharing ``limit`` of their ``size``-word shingles with an earlier
    one, so that the originals are not copies already."""
    kept: list[str] = []
    sets: list[npt.NDArray[np.uint64]] = []
    for text in texts:
        hashes = shingle_hashes(text, size=size)
        if all(overlap(hashes, other)[1] < limit for other in sets):
            kept.append(text)
            sets.append(hashes)
    return kept


def duplicate_scores(generated: Sequence[Generated]) -> Mapping[str, float]:
    """Precision of the pairs found, and recall of the (original, copy) pairs."""
    by_id: dict[str, Generated] = {}
    for g in generated:
        by_id.setdefault(text_id(g.text), g)
    families: dict[int, list[str]] = defaultdict(list)
    for key, g in by_id.items():
        families[g.family].append(key)
    family = {(min(a, b), max(a, b)) for members in families.values()
              for a, b in itertools.combinations(members, 2)}  # fmt: skip
    originals = {(a, b) for a, b in family if not by_id[a].edited or not by_id[b].edited}
    records = [CorpusRecord(id=text_id(g.text), text=g.text) for g in generated]
    found = {(p.a, p.b) for p in find_near_duplicates(records)}
    return {
        "precision": len(found & family) / len(found) if found else 1.0,
        "recall": len(found & originals) / len(originals) if originals else 1.0,
    }


def near_duplicates_examples(data: Data) -> Mapping[str, float]:
    """The examples cut into 100-word texts; 1 to 3 edited copies of each (seed 11)."""
    texts: list[str] = []
    for path in data.all():
        words = path.read_bytes().decode("utf-8").split()
        texts += [" ".join(words[i : i + 100]) for i in range(0, len(words) - 99, 100)]
    return duplicate_scores(generate(distinct(texts), copies=3, share=1.0, seed=11))


def near_duplicates_ptc(data: Data) -> Mapping[str, float]:
    """PTC articles of 40 words or more; 1 to 3 edited copies of half of them (seed 7)."""
    texts = [
        t for p in data.all() if len((t := p.read_bytes().decode("utf-8").strip()).split()) >= 40
    ]
    return duplicate_scores(generate(distinct(texts), copies=3, share=0.5, seed=7))


# --- narratives on the CLEF 2020 claim groups --------------------------------------------------


def _claim_groups(path: Path) -> list[tuple[str, str, str]]:
    items: list[tuple[str, str, str]] = []
    for number, line in enumerate(path.read_bytes().decode("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            items.append((str(item["id"]), str(item["text"]), str(item["group"])))
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            detail = f"line {number}: not an object with id, text and group ({exc})"
            raise InputError("E108", source=str(path), detail=detail) from None
    return items


def narrative_scores(data: Data, *, encoder: bool) -> Mapping[str, float]:
    """Pairwise precision, recall and F1 of the narratives over the claim groups: each item is
    one record whose one statement is its text; a pair is found when one narrative holds both."""
    from spinscope.corpus.narratives import Embedder, NarrativeMethod, find_narratives

    embed: Embedder | None = None
    method = NarrativeMethod(None)
    items = _claim_groups(data.one(0))
    if encoder:
        from spinscope.corpus.embeddings import corpus_method

        # The corpus report's own choice for these (English, language not said) statements.
        method, embed, why = corpus_method(texts=len(items), languages=[None])
        if embed is None:
            raise SpinscopeError(
                "E535",
                measure="narratives-clef2020-encoder",
                detail=why,
                extra="-e '.[multilingual]'",
            )
    records = [
        CorpusRecord(id=i, text=t, statements=(Statement(i, 0, len(t), "claim", t),))
        for i, t, _ in items
    ]
    narratives = find_narratives(records, embed=embed, method=method)
    groups: dict[str, list[str]] = defaultdict(list)
    for item_id, _, group in items:
        groups[group].append(item_id)
    gold = {p for g in groups.values() for p in itertools.combinations(sorted(g), 2)}
    found = {p for n in narratives for p in itertools.combinations(sorted(n.articles), 2)}
    precision = len(gold & found) / len(found) if found else 1.0
    recall = len(gold & found) / len(gold) if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def narratives(data: Data) -> Mapping[str, float]:
    return narrative_scores(data, encoder=False)


def narratives_encoder(data: Data) -> Mapping[str, float]:
    return narrative_scores(data, encoder=True)


# --- HTML main text: the article-extraction benchmark's own metric -----------------------------


_TOKEN: Final = re.compile(r"\w+")


def _shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text)
    return Counter(s for i in range(max(1, len(tokens) - n + 1)) if (s := tuple(tokens[i : i + n])))


def shingle_match(true: str, pred: str) -> tuple[float, float, float]:
    """(tp, fp, fn) over 4-token shingles, normalised to sum to 1 (each page weighs the same)."""
    a, b = _shingles(true), _shingles(pred)
    tp = fp = fn = 0.0
    for key in a.keys() | b.keys():
        tp += min(a[key], b[key])
        fp += max(0, b[key] - a[key])
        fn += max(0, a[key] - b[key])
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def body_text(markup: bytes, *, source: str) -> str:
    """The paragraph and heading parts of a page after ingestion and the structure stage."""
    from spinscope.ingest.html import read_html
    from spinscope.structure import recover_structure

    try:
        document = recover_structure(read_html(markup, source=source))
    except InputError:
        return ""  # no article text found: the page scores as a miss
    kept = [document.part_text(p) for p in document.parts if p.kind in ("paragraph", "heading")]
    return "\n".join(kept)


def html_main_text(data: Data) -> Mapping[str, float]:
    """F1 of the body text against ``articleBody``, as the benchmark's evaluate.py computes it:
    the mean over pages of shingle precision and of recall, then their harmonic mean."""
    truth = json.loads(data.one(0).read_bytes().decode("utf-8"))
    rows: list[tuple[float, float, float]] = []
    for path in data.groups[1]:
        key = path.name.removesuffix(".html.gz")
        pred = body_text(gzip.decompress(path.read_bytes()), source=path.name)
        rows.append(shingle_match(truth[key].get("articleBody", ""), pred))
    precision = statistics.mean(_precision(*r) for r in rows if r[0] + r[1] > 0)
    recall = statistics.mean(_recall(*r) for r in rows if r[0] + r[2] > 0)
    return {"f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0}


# --- the table -----------------------------------------------------------------------------------


F1: Final = Figure("f1")
PR: Final = (Figure("precision"), Figure("recall"))
TECHNIQUE_FIGURES: Final = (Figure("si_f1"), Figure("tc_micro_f1"))
HTML_DATA: Final = Files(f"{HTML}/ground-truth.json")

MEASURES: Final[tuple[Measure, ...]] = (
    Measure(
        "techniques-ptc-sample",
        "the shipped technique detector (spans and technique labels) on PTC train articles",
        Tier.QUICK,
        (PTC_LABELS, Files(f"{PTC}/train-articles", "article*.txt", every=PTC_SAMPLE_EVERY)),
        TECHNIQUE_FIGURES,
        techniques,
    ),
    Measure(
        "techniques-ptc-train",
        "the shipped technique detector on the whole PTC train split",
        Tier.FULL,
        (PTC_LABELS, Files(f"{PTC}/train-articles", "article*.txt")),
        TECHNIQUE_FIGURES,
        techniques,
    ),
    Measure(
        "techniques-ruuk-unlp-held-out",
        "the shipped Russian and Ukrainian technique detector on the held-out fifth of the UNLP"
        " 2025 posts (training never saw them)",
        Tier.QUICK,
        (UNLP,),
        RUUK_FIGURES,
        techniques_ruuk,
    ),
    Measure(
        "checkworthiness-ct24-dev",
        "the shipped check-worthiness model (F1 of the Yes class) on CheckThat! 2024 dev",
        Tier.QUICK,
        (Files("data/checkthat2024-task1-en/CT24_checkworthy_english_dev.tsv"),),
        (F1,),
        checkworthiness,
    ),
    Measure(
        "allegations-ptc-test",
        "actors, allegations, sourcing and descriptors on the held-out hand-annotated articles"
        " (the scorer never saw them)",
        Tier.QUICK,
        (
            Files(f"{ALLEGATION_GOLD}/test", "article*.json", root=Root.PROJECT),
            Files(f"{PTC}/train-articles", "article*.txt"),
        ),
        ALLEGATION_FIGURES,
        allegations,
    ),
    Measure(
        "allegations-ptc-dev",
        "the same on the development articles (the scorer was trained on them: in-sample)",
        Tier.FULL,
        (
            Files(f"{ALLEGATION_GOLD}/dev", "article*.json", root=Root.PROJECT),
            Files(f"{PTC}/train-articles", "article*.txt"),
        ),
        ALLEGATION_FIGURES,
        allegations,
    ),
    Measure(
        "structure-examples",
        "structure recovery (spinscope.structure) on the example articles",
        Tier.QUICK,
        (
            *(
                Files(f"examples/{g.name}", root=Root.PROJECT)
                for g in STRUCTURE_GOLD
                if g.name != STRUCTURE_SHARED
            ),
            Files(f"examples/{STRUCTURE_SHARED}"),
        ),
        (
            Figure("part_recall", tolerance=0.0),
            Figure("part_precision", tolerance=0.0),
            Figure("paragraph_counts", tolerance=0.0),
        ),
        structure,
    ),
    Measure(
        "near-duplicates-examples",
        "near-duplicate detection (spinscope.corpus.chains) on edited copies of the examples",
        Tier.QUICK,
        (Files("examples", "*.txt", root=Root.PROJECT),),
        PR,
        near_duplicates_examples,
    ),
    Measure(
        "near-duplicates-ptc",
        "near-duplicate detection on edited copies of the PTC articles",
        Tier.QUICK,
        (Files(f"{PTC}/test-articles", "*.txt"), Files(f"{PTC}/train-articles", "*.txt")),
        PR,
        near_duplicates_ptc,
    ),
    Measure(
        "narratives-clef2020",
        "narrative grouping by shared wording (TF-IDF) on the CLEF 2020 claim groups",
        Tier.QUICK,
        (CLEF,),
        (*PR, F1),
        narratives,
    ),
    Measure(
        "narratives-clef2020-encoder",
        "narrative grouping by meaning (the corpus report's sentence encoder) on the claim groups",
        Tier.FULL,
        (CLEF,),
        (*PR, F1),
        narratives_encoder,
    ),
    Measure(
        "html-main-text-sample",
        "HTML main-text extraction (ingest and structure) on article-extraction-benchmark pages",
        Tier.QUICK,
        (HTML_DATA, Files(f"{HTML}/html", "*.html.gz", every=HTML_SAMPLE_EVERY)),
        (F1,),
        html_main_text,
    ),
    Measure(
        "html-main-text",
        "HTML main-text extraction on all 181 article-extraction-benchmark pages",
        Tier.FULL,
        (HTML_DATA, Files(f"{HTML}/html", "*.html.gz")),
        (F1,),
        html_main_text,
    ),
)
