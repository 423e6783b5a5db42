"""Scoring actors, allegations, sourcing and descriptors against hand-annotated gold files.

Gold files follow the annotation guideline (matching rules: docs/evaluation.md): one
``article<ID>.json`` per article of a folder of ``article<ID>.txt`` files whose line 1 is the
title and whose sentences are one per line; ``sentence`` is a 1-based line number.

Each article is read the way ``spinscope analyze`` reads a text file and analysed with the
default pipeline. The figures, micro-averaged over articles, with a row per article:

* **persons / organisations**: precision, recall and F1 of the tool's actors of that kind,
  matched one to one to gold names (exact name or alias first, then, for persons, a name whose
  words are a subset of the other's with the same surname: "Trump" or "Donald J. Trump" for
  "Donald Trump"). ``*_core`` figures leave out the peripheral names (page furniture) and the
  tool's actors that match one.
* **allegations**: P/R/F1 over sentences (a finding belongs to the line its start lies on), and
  over sentences with at least one correct target (a tool target matching a gold target).
* on sentences both sides mark: **sourcing** accuracy (the strongest grade of each side, with a
  confusion table gold -> tool), **alleged_by** accuracy (any tool accuser matching any gold one:
  ``author``, an actor by name, or a source phrase by its words) and **type** accuracy (a shared
  type).
* **descriptors**: recall (a tool descriptor of a tool actor matching the gold actor whose
  content words cover at least half of the shorter phrase's), precision (the share of the
  descriptors of tool actors that match a gold actor which match one of its gold descriptors
  that way) and the evaluative flag's accuracy on the recalled ones.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Final

from pydantic import ConfigDict, field_validator

from spinscope.analysis import Analysis
from spinscope.detectors.allegation_lexicon import ALLEGATION_TYPES
from spinscope.errors import InputError, SpinscopeError
from spinscope.records import RECORD_CONFIG, Actor, AllegationAttrs, from_data

if TYPE_CHECKING:
    from spinscope.pipeline import Pipeline

GRADES: Final = ("named_link", "named", "anonymous", "hedged", "unattributed")
# The tool's sourcing labels under the guideline's names.
TOOL_GRADES: Final = {"named_with_link": "named_link"}
GOLD_TYPES: Final = ALLEGATION_TYPES
_ARTICLE_FILE: Final = re.compile(r"article(?P<id>\w+)\.(?P<ext>txt|json)")
_WORD: Final = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_STOP: Final = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "to",
        "in",
        "on",
        "at",
        "for",
        "by",
        "with",
        "from",
        "as",
        "his",
        "her",
        "their",
        "its",
        "our",
        "this",
        "that",
        "these",
        "those",
        "who",
        "which",
        "is",
        "was",
        "are",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "s",
    ]
)


# ---------------------------------------------------------------------------------------------
# Gold files


def _choice(value: str, choices: Sequence[str], what: str) -> str:
    if value not in choices:
        raise ValueError(f"{what} {value!r} is not one of {', '.join(choices)}")
    return value


@dataclass(frozen=True, slots=True)
class GoldAllegation:
    """One allegation entry: its line, the accused, who alleges it, on what sourcing, its type."""

    __pydantic_config__: ClassVar[ConfigDict] = RECORD_CONFIG

    sentence: int
    targets: tuple[str, ...]
    alleged_by: str
    sourcing: str
    type: str

    @field_validator("sentence")
    @classmethod
    def _line(cls, value: int) -> int:
        if value < 1:
            raise ValueError("a sentence is a line number from 1")
        return value

    @field_validator("sourcing")
    @classmethod
    def _grade(cls, value: str) -> str:
        return _choice(value, GRADES, "sourcing")

    @field_validator("type")
    @classmethod
    def _type(cls, value: str) -> str:
        return _choice(value, GOLD_TYPES, "type")


@dataclass(frozen=True, slots=True)
class GoldDescriptor:
    """A phrase the article applies to an actor, and whether it carries judgement.

    The phrase is given as ``text`` (the guideline's form), or as ``span``: [line, start, end],
    character offsets into that 1-based line of the article, so that a gold file need not copy
    the article's words (the form of spinscope's own gold files); :func:`read_gold_folder` reads
    the words from the article.
    """

    __pydantic_config__: ClassVar[ConfigDict] = RECORD_CONFIG

    actor: str
    evaluative: bool
    text: str = ""
    span: tuple[int, int, int] | None = None


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """One article's gold annotations, as the guideline writes them."""

    __pydantic_config__: ClassVar[ConfigDict] = RECORD_CONFIG

    article: str
    persons: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    allegations: tuple[GoldAllegation, ...] = ()
    descriptors: tuple[GoldDescriptor, ...] = ()
    peripheral_persons: tuple[str, ...] = ()
    peripheral_organisations: tuple[str, ...] = ()
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def names(self, name: str) -> tuple[str, ...]:
        """A gold name and the aliases the article gives it."""
        return (name, *self.aliases.get(name, ()))


def read_gold(path: Path) -> GoldArticle:
    """One gold file, checked (E503 names the file and what is wrong)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise InputError("E503", source=str(path), detail=f"not readable JSON ({exc})") from None
    try:
        gold = from_data(GoldArticle, data, "")
    except SpinscopeError as exc:
        detail = str(exc.fields.get("detail", exc)).lstrip(".")
        raise InputError("E503", source=str(path), detail=detail) from None
    known = set(gold.persons) | set(gold.organisations)
    for entry in gold.allegations:
        for target in entry.targets:
            if target not in known:
                detail = (
                    f"sentence {entry.sentence}: target {target!r} is not a person or organisation"
                )
                raise InputError("E503", source=str(path), detail=detail)
    for descriptor in gold.descriptors:
        what = descriptor.text or descriptor.span
        if descriptor.actor not in known:
            detail = f"descriptor {what!r}: actor {descriptor.actor!r} is not listed"
            raise InputError("E503", source=str(path), detail=detail)
        if bool(descriptor.text) == (descriptor.span is not None):
            detail = f"descriptor {what!r}: give either its text or its span"
            raise InputError("E503", source=str(path), detail=detail)
    return gold


def with_descriptor_text(gold: GoldArticle, lines: Sequence[str], source: str) -> GoldArticle:
    """The gold with every descriptor's span read from the article's lines (E503 past them)."""
    descriptors = []
    for descriptor in gold.descriptors:
        if descriptor.span is not None:
            line, start, end = descriptor.span
            if not (1 <= line <= len(lines) and 0 <= start < end <= len(lines[line - 1])):
                detail = f"descriptor span {list(descriptor.span)} is outside the article"
                raise InputError("E503", source=source, detail=detail)
            text = lines[line - 1][start:end]
            descriptor = dataclasses.replace(descriptor, text=text, span=None)
        descriptors.append(descriptor)
    return dataclasses.replace(gold, descriptors=tuple(descriptors))


@dataclass(frozen=True, slots=True)
class GoldItem:
    """An article's text file and its gold annotations."""

    article_id: str
    text_path: Path
    gold: GoldArticle


def read_gold_folder(gold_dir: Path, articles_dir: Path) -> list[GoldItem]:
    """Every gold file of ``gold_dir`` with its article from ``articles_dir``, by article id."""
    for folder in (gold_dir, articles_dir):
        if not folder.is_dir():
            raise InputError("E100", path=str(folder))
    items: list[GoldItem] = []
    for path in sorted(gold_dir.iterdir()):
        match = _ARTICLE_FILE.fullmatch(path.name)
        if match is None or match["ext"] != "json":
            continue
        gold = read_gold(path)
        text_path = articles_dir / f"article{match['id']}.txt"
        if not text_path.is_file():
            detail = f"no article{match['id']}.txt in {articles_dir}"
            raise InputError("E503", source=str(path), detail=detail)
        lines = text_path.read_text(encoding="utf-8").split("\n")
        for entry in gold.allegations:
            if entry.sentence > len(lines):
                detail = f"sentence {entry.sentence} is past the article's {len(lines)} lines"
                raise InputError("E503", source=str(path), detail=detail)
        gold = with_descriptor_text(gold, lines, str(path))
        items.append(GoldItem(match["id"], text_path, gold))
    if not items:
        raise InputError("E503", source=str(gold_dir), detail="no article<ID>.json gold files")
    return items


# ---------------------------------------------------------------------------------------------
# Matching names


def words(text: str) -> list[str]:
    """The words of a name or phrase, case-folded, a possessive 's dropped."""
    found = [w.casefold() for w in _WORD.findall(text)]
    return [re.sub(r"['’]s$", "", w) for w in found]


def _name_key(name: str) -> tuple[str, ...]:
    found = words(name)
    if found and found[0] == "the":
        found = found[1:]
    return tuple(found)


def name_match(tool_names: Iterable[str], gold_names: Iterable[str], *, person: bool) -> int:
    """How well a tool actor's names match a gold actor's: 2 exact, 1 by surname, 0 not."""
    tool = {k for k in map(_name_key, tool_names) if k}
    gold = {k for k in map(_name_key, gold_names) if k}
    if tool & gold:
        return 2
    if person:
        for t in tool:
            for g in gold:
                short, long = sorted((t, g), key=len)
                if short[-1] == long[-1] and set(short) <= set(long):
                    return 1
    return 0


def _actor_names(actor: Actor) -> tuple[str, ...]:
    return (actor.name, *actor.aliases)


def match_actors(
    tool: Sequence[Actor], gold: Sequence[str], article: GoldArticle, *, person: bool
) -> dict[int, str]:
    """Tool actor index -> gold name, one to one, the strongest matches first."""
    pairs = []
    for i, actor in enumerate(tool):
        for g in gold:
            strength = name_match(_actor_names(actor), article.names(g), person=person)
            if strength:
                pairs.append((-strength, i, g))
    pairs.sort(key=lambda p: (p[0], p[1], gold.index(p[2])))
    matched: dict[int, str] = {}
    used: set[str] = set()
    for _, i, g in pairs:
        if i not in matched and g not in used:
            matched[i] = g
            used.add(g)
    return matched


# ---------------------------------------------------------------------------------------------
# Scoring


@dataclass(slots=True)
class Counts:
    """True positives, tool-side and gold-side totals of one figure."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0
    recalled: int = 0  # gold items found (equals tp when matching is one to one)

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.predicted += other.predicted
        self.gold += other.gold
        self.recalled += other.recalled

    def prf(self) -> dict[str, float]:
        p = self.tp / self.predicted if self.predicted else 0.0
        r = self.recalled / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


FIGURES: Final = (
    "persons",
    "persons_core",
    "organisations",
    "organisations_core",
    "allegations",
    "allegations_target",
)
RATES: Final = (
    "sourcing",
    "alleged_by",
    "type",
    "descriptor",
    "descriptor_precision",
    "evaluative",
)
# The JSON key of each rate (default: "<rate>_accuracy").
RATE_KEYS: Final = {
    "descriptor": "descriptor_recall",
    "descriptor_precision": "descriptor_precision",
}


@dataclass(slots=True)
class Score:
    """The counts behind every figure, for one article or summed over many."""

    counts: dict[str, Counts] = field(default_factory=lambda: {f: Counts() for f in FIGURES})
    rates: dict[str, list[int]] = field(default_factory=lambda: {r: [0, 0] for r in RATES})
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(self, other: Score) -> None:
        for name, counts in other.counts.items():
            self.counts[name].add(counts)
        for name, (right, total) in other.rates.items():
            self.rates[name][0] += right
            self.rates[name][1] += total
        self.confusion.update(other.confusion)

    def rate(self, name: str, right: bool) -> None:
        self.rates[name][0] += int(right)
        self.rates[name][1] += 1

    def figures(self) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for name, counts in self.counts.items():
            for key, value in counts.prf().items():
                result[f"{name}_{key}"] = value
            result[f"{name}_tool"] = counts.predicted
            result[f"{name}_gold"] = counts.gold
            result[f"{name}_found"] = counts.recalled
        for name, (right, total) in self.rates.items():
            key = RATE_KEYS.get(name, f"{name}_accuracy")
            result[key] = round(right / total, 4) if total else 0.0
            result[f"{name}_checked"] = total
        return result


def line_of(text: str, offset: int, first_line: int) -> int:
    """The 1-based line of the source file that ``offset`` of the canonical text lies on."""
    return text.count("\n", 0, offset) + first_line


def _prf_names(
    actors: Sequence[Actor], gold: GoldArticle, *, person: bool, core: bool
) -> tuple[Counts, dict[int, str]]:
    kind = "person" if person else "organisation"
    names = list(gold.persons if person else gold.organisations)
    peripheral = set(gold.peripheral_persons if person else gold.peripheral_organisations)
    tool = [a for a in actors if a.kind == kind]
    if core:
        tool = [
            a
            for a in tool
            if not any(
                name_match(_actor_names(a), gold.names(p), person=person) for p in peripheral
            )
        ]
        names = [n for n in names if n not in peripheral]
    matched = match_actors(tool, names, gold, person=person)
    counts = Counts(tp=len(matched), predicted=len(tool), gold=len(names), recalled=len(matched))
    return counts, {actors.index(tool[i]): g for i, g in matched.items()}


def _refers_to(actor: Actor, gold_name: str, gold: GoldArticle) -> bool:
    person = gold_name in gold.persons
    return name_match(_actor_names(actor), gold.names(gold_name), person=person) > 0


def _phrase_overlap(a: str, b: str) -> bool:
    first = {w for w in words(a) if w not in _STOP}
    second = {w for w in words(b) if w not in _STOP}
    if not first or not second:
        return False
    shorter = min(len(first), len(second))
    return len(first & second) * 2 >= shorter


def score_article(analysis: Analysis, gold: GoldArticle, first_line: int = 1) -> Score:
    """The counts of one analysed article against its gold annotations."""
    score = Score()
    actors = analysis.actors
    by_id = {a.id: a for a in actors}
    for person in (True, False):
        for core in (False, True):
            name = ("persons" if person else "organisations") + ("_core" if core else "")
            score.counts[name], _ = _prf_names(actors, gold, person=person, core=core)
    text = analysis.document.text
    tool: dict[int, list[AllegationAttrs]] = {}
    for finding in analysis.findings:
        if isinstance(finding.attrs, AllegationAttrs):
            tool.setdefault(line_of(text, finding.start, first_line), []).append(finding.attrs)
    wanted: dict[int, list[GoldAllegation]] = {}
    for entry in gold.allegations:
        wanted.setdefault(entry.sentence, []).append(entry)
    sentences = score.counts["allegations"]
    targeted = score.counts["allegations_target"]
    sentences.predicted = targeted.predicted = len(tool)
    sentences.gold = targeted.gold = len(wanted)
    for line in sorted(set(tool) & set(wanted)):
        sentences.tp += 1
        sentences.recalled += 1
        found, entries = tool[line], wanted[line]
        gold_targets = {t for e in entries for t in e.targets}
        tool_targets = [by_id[t] for attrs in found for t in attrs.targets if t in by_id]
        if any(_refers_to(a, g, gold) for a in tool_targets for g in gold_targets):
            targeted.tp += 1
            targeted.recalled += 1
        gold_grade = min(GRADES.index(e.sourcing) for e in entries)
        tool_grade = min(
            GRADES.index(TOOL_GRADES.get(attrs.sourcing, attrs.sourcing))
            if TOOL_GRADES.get(attrs.sourcing, attrs.sourcing) in GRADES
            else len(GRADES) - 1
            for attrs in found
        )
        score.rate("sourcing", gold_grade == tool_grade)
        score.confusion[(GRADES[gold_grade], GRADES[tool_grade])] += 1
        score.rate("alleged_by", _accuser_matches(found, entries, by_id, gold))
        score.rate("type", bool({a.type for a in found} & {e.type for e in entries}))
    for actor in actors:
        described = [g for g in (*gold.persons, *gold.organisations) if _refers_to(actor, g, gold)]
        if not described:
            continue  # an actor the gold does not list: its descriptors are not judged
        wanted_texts = [d.text for d in gold.descriptors if d.actor in described]
        for found_descriptor in actor.descriptors:
            score.rate(
                "descriptor_precision",
                any(_phrase_overlap(found_descriptor.text, w) for w in wanted_texts),
            )
    for descriptor in gold.descriptors:
        hits = [
            d
            for a in actors
            if _refers_to(a, descriptor.actor, gold)
            for d in a.descriptors
            if _phrase_overlap(d.text, descriptor.text)
        ]
        score.rate("descriptor", bool(hits))
        if hits:
            score.rate("evaluative", any(d.evaluative == descriptor.evaluative for d in hits[:1]))
    return score


def _accuser_matches(
    found: Sequence[AllegationAttrs],
    entries: Sequence[GoldAllegation],
    by_id: Mapping[str, Actor],
    gold: GoldArticle,
) -> bool:
    known = set(gold.persons) | set(gold.organisations)
    for attrs in found:
        for entry in entries:
            if attrs.alleged_by == "author" or entry.alleged_by == "author":
                if attrs.alleged_by == entry.alleged_by:
                    return True
                continue
            actor = by_id.get(attrs.alleged_by)
            tool_names = _actor_names(actor) if actor else (attrs.alleged_by,)
            if entry.alleged_by in known:
                if actor is not None and _refers_to(actor, entry.alleged_by, gold):
                    return True
            elif any(_phrase_overlap(n, entry.alleged_by) for n in tool_names):
                return True
    return False


# ---------------------------------------------------------------------------------------------
# Running


def first_line(raw: str) -> int:
    """The file line that the canonical text's first line is (leading blank lines are dropped)."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    lead = re.match(r"(?:[^\S\n]*\n)*", text)
    return 1 + (lead.group().count("\n") if lead else 0)


def evaluate(
    gold_dir: Path,
    articles_dir: Path,
    *,
    predictions: Path | None = None,
    pipeline: Pipeline | None = None,
) -> dict[str, Any]:
    """Analyse every gold article with the default pipeline and score it (see the module doc).

    ``predictions`` receives each article's analysis JSON as ``article<ID>.json``.
    """
    from spinscope.pipeline import Pipeline

    items = read_gold_folder(gold_dir, articles_dir)
    if predictions is not None:
        predictions.mkdir(parents=True, exist_ok=True)
    total, rows = score_items(items, pipeline or Pipeline(), predictions)
    return figures_of(total, rows)


def score_items(
    items: Sequence[GoldItem], pipeline: Pipeline, predictions: Path | None = None
) -> tuple[Score, list[dict[str, Any]]]:
    """The summed counts of the items analysed by ``pipeline``, and a row per article."""
    from spinscope.ingest.text import read_text

    total = Score()
    rows: list[dict[str, Any]] = []
    for item in items:
        raw = item.text_path.read_text(encoding="utf-8")
        analysis = pipeline(read_text(raw, source=str(item.text_path)))
        if predictions is not None:
            target = predictions / f"article{item.article_id}.json"
            target.write_text(analysis.to_json(indent=1), encoding="utf-8")
        score = score_article(analysis, item.gold, first_line(raw))
        total.add(score)
        figures = score.figures()
        rows.append({"article": item.article_id} | {k: figures[k] for k in ROW_FIGURES})
    return total, rows


def figures_of(total: Score, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The micro-averaged figures, the sourcing confusion table and the rows."""
    result: dict[str, Any] = {"articles": len(rows)} | total.figures()
    result["sourcing_confusion"] = {
        g: {t: total.confusion[(g, t)] for t in GRADES if total.confusion[(g, t)]}
        for g in GRADES
        if any(total.confusion[(g, t)] for t in GRADES)
    }
    result["per_article"] = rows
    return result


ROW_FIGURES: Final = (
    "persons_f1",
    "organisations_f1",
    "allegations_gold",
    "allegations_tool",
    "allegations_found",
    "allegations_target_found",
    "sourcing_accuracy",
    "descriptor_recall",
)
