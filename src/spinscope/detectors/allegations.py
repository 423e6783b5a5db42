"""Allegations: sentences that attribute wrongdoing or a damaging property to named actors.

Types: ``crime`` (law-breaking), ``corruption`` (misuse of money), ``foreign_funding`` (foreign
money or agency), ``disloyalty`` (a foreign passport, working against the country, treason),
``extremism`` (incitement, radicalism, calls for expulsion) and ``hypocrisy``. Each is a list of
cue patterns in :mod:`spinscope.detectors.lexicons`.

A cue becomes an allegation only when it has a target, found by these rules, in order:

1. the cue lies inside a descriptor ("radical anti-Western figures A and B"): the described
   actors;
2. the cue is in a relative clause after a name ("journalist X, who received funding from ..."):
   that actor, and the finding spans the clause;
3. otherwise the nearest person or organisation named (or referred to by a resolved pronoun, or
   by "these activists", "this group" ...) before the cue in the sentence, with the names listed
   together with it ("A and B continue to incite ...").

A premodifier such as "foreign-funded" targets only a name that follows it closely. Places are
never targets. A group reference ("these individuals") stands for the persons and
organisations named in the previous claim sentence, or the one before it, when there are at
least two.

Each finding carries ``targets`` (actor ids), ``type``, ``alleged_by`` ("author", or the actor
id of a named source the sentence is attributed to), ``sourcing`` (the sentence's grade) and
``hedge`` (the [start, end] of a later sentence that hedges it, or None). Findings describe what
the text alleges; they never say whether it is true.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from spinscope.components import (
    ComponentSpec,
    LayerLabels,
    Output,
    Products,
    labels_of,
    unconfigured,
)
from spinscope.detectors import lexicons as lx
from spinscope.detectors.actors import ACTORS, CAST, Actors
from spinscope.detectors.allegation_lexicon import ALLEGATION_TYPES, cue_pattern
from spinscope.detectors.cast import Cast, Mention, quoted
from spinscope.detectors.frames import Frame, Reader
from spinscope.detectors.sourcing import SOURCING, SentenceGrade, has_link
from spinscope.document import Document, Span, make_span
from spinscope.nlp import parse_syntax
from spinscope.records import AllegationAttrs

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc

NAME: Final = "allegations"
VERSION: Final = "2"
DETECTOR: Final = f"{NAME}@{VERSION}"
LABELS: Final = ALLEGATION_TYPES
TARGET_KINDS: Final = frozenset({"person", "organisation"})
FOLLOWING_WINDOW: Final = 40
_RELATIVE: Final = re.compile(r",\s+who\b")
_SEPARATOR: Final = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)\s*")
SCORE: Final = 0.7
FRAME_SCORE: Final = 0.75
NEAREST_NAME = False  # the cue rules' last resort: the nearest name before the cue
al_cues: Final = cue_pattern()


@dataclass(frozen=True, slots=True)
class _Ref:
    """Something in a sentence that names targets: a mention or a group reference."""

    start: int
    end: int
    actors: tuple[str, ...]
    group: bool = False  # "these activists": the persons named just before


def find_allegations(
    document: Document, cast: Cast, grades: dict[tuple[int, int], SentenceGrade]
) -> list[Span]:
    """Allegation findings: frames from the parse, and the cue rules' findings of other types."""
    spans = frame_allegations(document, cast, grades)
    framed = {(_line_key(cast, s.start), s.label) for s in spans}
    rules = [
        s
        for s in rule_allegations(document, cast, grades)
        if (_line_key(cast, s.start), s.label) not in framed
    ]
    return sorted((*spans, *rules), key=lambda s: (s.start, s.end, s.label))


def _line_key(cast: Cast, position: int) -> tuple[int, int] | None:
    for sentence in cast.parse.sentences:
        if sentence.start <= position < sentence.end:
            return (sentence.start, sentence.end)
    return None


def _candidates(document: Document, cast: Cast) -> list[int]:
    """Sentences worth parsing: a person or organisation in them, and a word of the lexicon."""
    text = document.text
    out = []
    for index, sentence in enumerate(cast.parse.sentences):
        mentions = cast.in_sentence(index)
        if not any(cast.by_id(m.actor).kind in TARGET_KINDS for m in mentions):
            continue
        if al_cues.search(text, sentence.start, sentence.end):
            out.append(index)
    return out


def frame_allegations(
    document: Document, cast: Cast, grades: dict[tuple[int, int], SentenceGrade]
) -> list[Span]:
    """Findings for the frames read from the dependency parse of the candidate sentences."""
    text = document.text
    chosen = _candidates(document, cast)
    sentences = [cast.parse.sentences[i] for i in chosen]
    docs = parse_syntax([text[s.start : s.end] for s in sentences])
    allowed = frozenset(a.id for a in cast.actors if a.kind in TARGET_KINDS)
    keys = sorted(grades)
    spans: list[Span] = []
    seen: set[tuple[int, int, str]] = set()
    for index, sentence, doc in zip(chosen, sentences, docs, strict=True):
        actor_of = _token_actors(doc, sentence.start, cast.in_sentence(index))
        reader = Reader(doc, sentence.start, actor_of, allowed)
        for frame in reader.frames():
            if frame.negated:
                continue
            key = (sentence.start, sentence.end)
            alleged_by, sourcing = _sourcing(document, frame, grades, keys, key)
            slot = (frame.start, frame.end, frame.type)
            if slot in seen:
                continue
            seen.add(slot)
            ordered = sorted(frame.targets, key=lambda t: int(t[1:]))
            names = ", ".join(cast.by_id(t).name for t in ordered)
            by = (
                "the author"
                if alleged_by == "author"
                else (cast.by_id(alleged_by).name if alleged_by in allowed else alleged_by)
            )
            grade = grades.get(key)
            spans.append(
                make_span(
                    document,
                    frame.start,
                    frame.end,
                    layer="allegation",
                    label=frame.type,
                    score=FRAME_SCORE,
                    detector=DETECTOR,
                    explanation=(
                        f"alleges {frame.type.replace('_', ' ')} of {names} "
                        f"(cue: {frame.cue!r}); alleged by {by}, sourcing: {sourcing}"
                    ),
                    attrs=AllegationAttrs(
                        targets=tuple(ordered),
                        type=frame.type,
                        alleged_by=alleged_by,
                        sourcing=sourcing,
                        hedge=grade.hedge if grade is not None else None,
                        cue=frame.cue,
                    ),
                )
            )
    return spans


def _token_actors(
    doc: SpacyDoc, offset: int, mentions: list[Mention]
) -> dict[int, tuple[str, ...]]:
    out: dict[int, tuple[str, ...]] = {}
    for token in doc:
        start = offset + token.idx
        end = start + len(token.text)
        ids = tuple(dict.fromkeys(m.actor for m in mentions if m.start < end and start < m.end))
        if ids:
            out[token.i] = ids
    return out


def _sourcing(
    document: Document,
    frame: Frame,
    grades: dict[tuple[int, int], SentenceGrade],
    keys: list[tuple[int, int]],
    key: tuple[int, int],
) -> tuple[str, str]:
    """(alleged_by, sourcing grade) of a frame: its own source, else the sentence's.

    A quoted passage with no speaker in its sentence inherits the named speaker of the sentence
    before it, or else of the one after it.
    """
    text = document.text
    grade = grades.get(key)
    link = has_link(document, *key)
    source = frame.source
    if source is not None:
        if source.kind == "actor" and source.actor is not None:
            return source.actor, "named_with_link" if link else "named"
        if source.kind == "institution":
            return source.phrase, "named_with_link" if link else "named"
        return source.phrase, "anonymous"
    speaker = grade.speaker if grade is not None and grade.grade.startswith("named") else None
    if speaker is None and quoted(text, key[0], frame.start):
        speaker = _neighbour_speaker(grades, keys, key)
    if speaker is not None and speaker not in frame.targets:
        return speaker, "named_with_link" if link else "named"
    if grade is not None and grade.grade == "anonymous":
        return "author", "anonymous"
    hedged = (
        frame.hedged
        or bool(lx.HEDGED.search(text, key[0], key[1]))
        or (grade is not None and grade.grade == "hedged")
    )
    return "author", "hedged" if hedged else "unattributed"


def _neighbour_speaker(
    grades: dict[tuple[int, int], SentenceGrade],
    keys: list[tuple[int, int]],
    key: tuple[int, int],
) -> str | None:
    position = bisect.bisect_left(keys, key)
    for other in (position - 1, position + 1):
        if 0 <= other < len(keys) and keys[other] != key:
            neighbour = grades[keys[other]]
            if neighbour.grade.startswith("named") and neighbour.speaker is not None:
                return neighbour.speaker
    return None


def rule_allegations(
    document: Document, cast: Cast, grades: dict[tuple[int, int], SentenceGrade]
) -> list[Span]:
    """Allegation findings from the cue rules (see the module doc)."""
    text = document.text
    index_of = {(s.start, s.end): i for i, s in enumerate(cast.parse.sentences)}
    keys = sorted(grades)
    found: dict[tuple[int, int, str], tuple[set[str], str]] = {}
    for number, key in enumerate(keys):
        index = index_of.get(key)
        if index is None:
            continue
        refs = _refs(cast, index)
        refs += _group_refs(
            text, key, cast, [index_of.get(k) for k in keys[max(0, number - 2) : number]]
        )
        refs.sort(key=lambda r: (r.start, r.end))
        descriptors = _descriptors_in(cast, *key)
        for kind, pattern in lx.ALLEGATION_CUES.items():
            for cue in pattern.finditer(text, *key):
                if quoted(text, key[0], cue.start()):
                    continue  # words someone is quoted as saying are not the text's allegation
                hit = _target(text, key, cue, refs, descriptors)
                if hit is None:
                    continue
                start, end, targets = hit
                slot = found.setdefault((start, end, kind), (set(), cue.group()))
                slot[0].update(targets)
    for (start, end, kind), (targets, _) in list(found.items()):
        if any(
            other != (start, end, kind)
            and other[2] == kind
            and other[0] <= start
            and end <= other[1]
            and targets <= found_targets
            for other, (found_targets, _) in found.items()
        ):
            del found[(start, end, kind)]
    spans: list[Span] = []
    for (start, end, kind), (targets, cue_text) in sorted(found.items()):
        key = next(k for k in keys if k[0] <= start < k[1])
        grade = grades[key]
        ordered = sorted(targets, key=lambda t: int(t[1:]))
        alleged_by = "author"
        sourcing = grade.grade
        if grade.grade in ("named", "named_with_link"):
            if grade.speaker in ordered:
                sourcing = "unattributed"  # the author says it of the speaker: not sourced
            elif grade.speaker is not None:
                alleged_by = str(grade.speaker)
        if sourcing == "unattributed" and lx.HEDGED.search(text, start, end):
            sourcing = "hedged"  # "X, who reportedly received ..."
        names = ", ".join(cast.by_id(t).name for t in ordered)
        by = "the author" if alleged_by == "author" else cast.by_id(alleged_by).name
        spans.append(
            make_span(
                document,
                start,
                end,
                layer="allegation",
                label=kind,
                score=SCORE,
                detector=DETECTOR,
                explanation=(
                    f"alleges {kind.replace('_', ' ')} of {names} (cue: {cue_text!r}); "
                    f"alleged by {by}, sourcing: {sourcing}"
                ),
                attrs=AllegationAttrs(
                    targets=tuple(ordered),
                    type=kind,
                    alleged_by=alleged_by,
                    sourcing=sourcing,
                    hedge=grade.hedge or None,
                    cue=cue_text,
                ),
            )
        )
    return spans


def _refs(cast: Cast, index: int) -> list[_Ref]:
    return [
        _Ref(m.start, m.end, (m.actor,))
        for m in cast.in_sentence(index)
        if cast.by_id(m.actor).kind in TARGET_KINDS
    ]


def _group_refs(
    text: str, key: tuple[int, int], cast: Cast, previous: list[int | None]
) -> list[_Ref]:
    matches = list(lx.GROUP_REFERENCE.finditer(text, *key))
    if not matches:
        return []
    members: tuple[str, ...] = ()
    wanted = "organisation" if re.search(r"organi[sz]ations", matches[0].group()) else "person"
    for index in reversed(previous):
        if index is None:
            continue
        refs = _refs(cast, index)
        ids = dict.fromkeys(r.actors[0] for r in refs if cast.by_id(r.actors[0]).kind == wanted)
        if len(ids) >= 2:
            members = tuple(ids)
            break
    if not members:
        return []
    return [_Ref(m.start(), m.end(), members, group=True) for m in matches]


def _descriptors_in(cast: Cast, start: int, end: int) -> list[tuple[int, int, set[str]]]:
    ranges: dict[tuple[int, int], set[str]] = {}
    for actor in cast.actors:
        if actor.kind not in TARGET_KINDS:
            continue
        for descriptor in actor.descriptors:
            s, e = descriptor.start, descriptor.end
            if start <= s < end:
                ranges.setdefault((s, e), set()).add(actor.id)
    return [(s, e, ids) for (s, e), ids in ranges.items()]


def _target(
    text: str,
    key: tuple[int, int],
    cue: re.Match[str],
    refs: list[_Ref],
    descriptors: list[tuple[int, int, set[str]]],
) -> tuple[int, int, set[str]] | None:
    """(start, end, actor ids) of the allegation a cue makes, or None without a target."""
    start, end = key
    for s, e, ids in descriptors:
        if s <= cue.start() and cue.end() <= e:
            named = [r.end for r in refs if r.start >= e and set(r.actors) & ids]
            return (s, max(named) if named else e, set(ids))
    if cue.group().casefold().startswith("foreign"):
        following = [r for r in refs if 0 <= r.start - cue.end() <= FOLLOWING_WINDOW]
        if not following or "," in text[cue.end() : following[0].start]:
            return None
        return (start, end, set(following[0].actors))
    before = [r for r in refs if r.end <= cue.start()]
    if not before:
        # "... ended up in the pockets of these activists": a target right after the cue.
        after = [r for r in refs if 0 <= r.start - cue.end() <= FOLLOWING_WINDOW]
        if after and not re.search(r"[,;:]", text[cue.end() : after[0].start]):
            return (start, end, set(after[0].actors))
        return None
    nearest = before[-1]
    between = text[nearest.end : cue.start()]
    relative = _RELATIVE.match(between)
    if relative is not None:
        stop = text.find(",", cue.end(), end)
        clause_end = stop if stop != -1 else end
        while clause_end > cue.end() and text[clause_end - 1] in " .":
            clause_end -= 1
        return (nearest.start, clause_end, set(nearest.actors))
    if not (NEAREST_NAME or nearest.group or " " in cue.group().strip()):
        # a single word near a name ("X studies extremism") is the frames' to read: the
        # nearest name is not the accused; a predicate phrase ("holds a passport") keeps it
        return None
    targets = set(nearest.actors)
    current = nearest
    for ref in reversed(before[:-1]):
        if not _SEPARATOR.fullmatch(text[ref.end : current.start]):
            break
        targets.update(ref.actors)
        current = ref
    return (start, end, targets)


def with_allegations(actors: Actors, findings: list[Span]) -> Actors:
    """The actors, each with the ids of the allegation findings that target it, in order."""
    targeting: dict[str, list[str]] = {}
    for finding in findings:
        if isinstance(finding.attrs, AllegationAttrs):
            for ident in finding.attrs.targets:
                targeting.setdefault(ident, []).append(finding.id)
    return Actors(
        tuple(
            dataclasses.replace(actor, allegations=tuple(targeting.get(actor.id, ())))
            for actor in actors.records
        )
    )


def _run(document: Document, products: Products) -> Output:
    cast, sourcing = products.find(CAST), products.find(SOURCING)
    if cast is None or sourcing is None:
        return Output()
    findings = find_allegations(document, cast, sourcing.grades)
    actors = with_allegations(products.get(ACTORS), findings)
    return Output(findings=tuple(findings), made={ACTORS: actors})


COMPONENT: Final = ComponentSpec(
    name=NAME,
    version=VERSION,
    kind="detector",
    factory=unconfigured(_run),
    requires=(CAST.key, SOURCING.key, ACTORS.key),
    assigns=(ACTORS.key, "findings.allegation"),
    layers={"allegation": LayerLabels(labels_of(LABELS))},
    description="allegations against named actors, who makes them and on what sourcing (rules)",
)
