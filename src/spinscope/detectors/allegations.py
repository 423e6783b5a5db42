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
3. otherwise the nearest person or organisation named (or referred to by a resolved pronoun, by
   a role noun one of them has, "the senator" after "Senator X", or by "these activists", "this
   group" ...) before the cue in the sentence, with the names listed together with it ("A and B
   continue to incite ...").

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
from spinscope.detectors import allegations_ru
from spinscope.detectors import lexicons as lx
from spinscope.detectors.actors import ACTORS, CAST, Actors
from spinscope.detectors.allegation_lexicon import (
    ALLEGATION_TYPES,
    DENIALS,
    cue_pattern,
    type_patterns,
)
from spinscope.detectors.allegation_model import (
    ACCUSED_MARK,
    CONTEXT_MARK,
    SOURCED_MARK,
    SUBJECT_MARK,
    TARGET_MARK,
    allegation_model,
    model_text,
    probabilities,
    sentence_type,
)
from spinscope.detectors.allegation_targets import (
    TARGET_KINDS,
    cue_accused,
    role_nouns,
    rule_target,
    sentence_target,
    target_mentions,
    token_at,
)
from spinscope.detectors.cast import Cast, Mention, quoted, token_actors
from spinscope.detectors.frames import Frame, Reader
from spinscope.detectors.grades import has_link
from spinscope.detectors.sourcing import SOURCING, SentenceGrade
from spinscope.document import Document, Span, make_span
from spinscope.nlp import parse_syntax
from spinscope.records import AllegationAttrs

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from spacy.tokens import Doc as SpacyDoc

    from spinscope.textmodel import TextModel

NAME: Final = "allegations"
VERSION: Final = "7"
DETECTOR: Final = f"{NAME}@{VERSION}"
LABELS: Final = ALLEGATION_TYPES
FOLLOWING_WINDOW: Final = 40
_RELATIVE: Final = re.compile(r",\s+who\b")
_SEPARATOR: Final = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)\s*")
_OTHER_PHRASE: Final = re.compile(r"(?i)\b(?:from|for|against|to|with|by|at|on|over)\b")
SCORE: Final = 0.7
# The scorer's threshold for a sentence where a frame or a cue rule already found an allegation
# (the lexicon's words are precise: 89 of the 112 such sentences of the development articles
# are gold allegations), so kinds PTC's news seldom shows (foreign grants, a second passport)
# are not lost to a scorer trained on it; measured in cross-validation (see the model card).
CUED_THRESHOLD: Final = 0.15
FRAME_SCORE: Final = 0.75
NEAREST_NAME = False  # the cue rules' last resort: the nearest name before the cue
al_cues: Final = cue_pattern()
# Any type's word: a sentence that holds one gives the next one its context mark.
al_types: Final = re.compile(
    "|".join(f"(?:{p.pattern})" for p in type_patterns().values()), re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class _Ref:
    """Something in a sentence that names targets: a mention or a group reference."""

    start: int
    end: int
    actors: tuple[str, ...]
    group: bool = False  # "these activists": the persons named just before


def find_allegations(
    document: Document,
    cast: Cast,
    grades: dict[tuple[int, int], SentenceGrade],
    model: TextModel | None = None,
) -> list[Span]:
    """Allegation findings: the sentences the scorer accepts, with their frames from the parse,
    else the cue rules' findings, else one finding for the sentence (see the module doc)."""
    units = sentence_units(document, cast, grades)
    model = model or allegation_model()
    text = document.text
    chances = probabilities(model, [u.text for u in units], [text[u.start : u.end] for u in units])
    spans: list[Span] = []
    bare: list[tuple[Unit, float]] = []
    for unit, chance in zip(units, chances, strict=True):
        if chance < (min(model.threshold, CUED_THRESHOLD) if unit.found else model.threshold):
            continue
        if not unit.found:
            bare.append((unit, chance))
        for span in unit.found:
            spans.append(_scored(document, span, chance))
    spans = reported(document, cast, spans)
    spans += sentence_allegations(document, cast, grades, bare)
    return sorted(spans, key=lambda s: (s.start, s.end, s.label))


def reported(document: Document, cast: Cast, spans: list[Span]) -> list[Span]:
    """The cue rules' findings with no source, given the speaker the parse shows their clause
    is reported from ("Yore explained that ...", "As Gonzalez argued, ...")."""
    index_of = {(s.start, s.end): i for i, s in enumerate(cast.parse.sentences)}
    open_ = [
        s
        for s in spans
        if isinstance(s.attrs, AllegationAttrs)
        and s.attrs.alleged_by == "author"
        and s.attrs.sourcing in ("unattributed", "hedged")
    ]
    keys = sorted(
        {k for s in open_ for k in index_of if k[0] <= s.start < k[1]}, key=lambda k: k[0]
    )
    if not keys:
        return spans
    text = document.text
    allowed = frozenset(a.id for a in cast.actors if a.kind in TARGET_KINDS)
    docs = dict(zip(keys, parse_syntax([text[a:b] for a, b in keys]), strict=True))
    out: list[Span] = []
    for span in spans:
        key = next((k for k in keys if k[0] <= span.start < k[1]), None)
        attrs = span.attrs
        if key is None or span not in open_ or not isinstance(attrs, AllegationAttrs):
            out.append(span)
            continue
        doc = docs[key]
        mentions = _with_roles(cast, index_of[key], text)
        reader = Reader(doc, key[0], token_actors(doc, key[0], mentions), allowed)
        at = text.find(attrs.cue, span.start, span.end) if attrs.cue else span.start
        anchor = token_at(doc, max(at, span.start) - key[0])
        source = reader.reporter(anchor) if anchor is not None else None
        if source is None or source.actor in attrs.targets or source.kind == "anonymous":
            out.append(span)
            continue
        alleged_by = source.actor if source.actor is not None else source.phrase
        grade = "named_with_link" if has_link(document, *key) else "named"
        by = _source_name(cast, alleged_by)
        out.append(
            make_span(
                document,
                span.start,
                span.end,
                layer=span.layer,
                label=span.label,
                score=span.score,
                detector=span.detector,
                explanation=span.explanation.rpartition("; alleged by ")[0]
                + f"; alleged by {by}, sourcing: {grade}",
                attrs=dataclasses.replace(attrs, alleged_by=alleged_by, sourcing=grade),
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class Unit:
    """A sentence the scorer reads: it names a person or organisation, or a rule fired in it."""

    index: int  # in ``cast.parse.sentences``
    start: int
    end: int
    text: str  # the scorer's input (:func:`allegation_model.model_text`)
    found: tuple[Span, ...]  # the frames' findings in it, else the rules'


def sentence_units(
    document: Document, cast: Cast, grades: dict[tuple[int, int], SentenceGrade]
) -> list[Unit]:
    """Every sentence with a person or organisation (or a rule's finding), with the frames and
    rule findings that start in it: what the scorer reads, in training as at run time."""
    frames = frame_allegations(document, cast, grades)
    rules = rule_allegations(document, cast, grades)
    text = document.text
    targets = [target_mentions(cast, i, text) for i in range(len(cast.parse.sentences))]
    named = [i for i, found in enumerate(targets) if found]
    spans = [cast.parse.sentences[i] for i in named]
    docs = dict(zip(named, parse_syntax([text[s.start : s.end] for s in spans]), strict=True))
    units: list[Unit] = []
    for index, sentence in enumerate(cast.parse.sentences):
        inside = [s for s in frames if sentence.start <= s.start < sentence.end]
        ruled = [s for s in rules if sentence.start <= s.start < sentence.end]
        framed = {s.label for s in inside}
        ruled = [s for s in ruled if s.label not in framed]
        mentions = [(m.start, m.end, cast.by_id(m.actor).kind) for m in targets[index]]
        if not mentions and not inside and not ruled:
            continue
        marks = parse_marks(cast, grades, index, docs[index], text) if mentions else ()
        if index and al_types.search(text, *_bounds(cast, index - 1)):
            marks = (*marks, CONTEXT_MARK)
        model_input = model_text(
            text,
            sentence.start,
            sentence.end,
            mentions,
            frame=bool(inside),
            rule=bool(ruled),
            marks=marks,
        )
        found = tuple(inside + ruled)
        units.append(Unit(index, sentence.start, sentence.end, model_input, found))
    return units


def parse_marks(
    cast: Cast,
    grades: dict[tuple[int, int], SentenceGrade],
    index: int,
    doc: SpacyDoc,
    text: str,
) -> tuple[str, ...]:
    """What the dependency parse ``doc`` of sentence ``index`` shows for the scorer (the words of
    :data:`~spinscope.detectors.allegation_model.MARKS`): a cue word predicated of a named
    actor, a named actor the sentence is about, a named subject, a reported source."""
    sentence = cast.parse.sentences[index]
    start, end = sentence.start, sentence.end
    mentions = target_mentions(cast, index, text)
    allowed = frozenset(a.id for a in cast.actors if a.kind in TARGET_KINDS)
    roles = role_nouns(cast, start)
    actor_of = token_actors(doc, start, mentions)
    grade = grades.get((start, end))
    speaker = grade.speaker if grade is not None else None
    marks: list[str] = []
    if cue_accused(Reader(doc, start, actor_of, allowed, roles)):
        marks.append(ACCUSED_MARK)
    if sentence_target(doc, start, mentions, speaker, roles, actor_of) not in (None, speaker):
        marks.append(TARGET_MARK)
    if any(doc[i].dep_ in ("nsubj", "nsubjpass") for i in actor_of):
        marks.append(SUBJECT_MARK)
    if grade is not None and grade.grade in ("named", "named_with_link", "anonymous"):
        marks.append(SOURCED_MARK)
    return tuple(marks)


def _bounds(cast: Cast, index: int) -> tuple[int, int]:
    sentence = cast.parse.sentences[index]
    return sentence.start, sentence.end


def _scored(document: Document, span: Span, chance: float) -> Span:
    return make_span(
        document,
        span.start,
        span.end,
        layer=span.layer,
        label=span.label,
        score=chance,
        detector=span.detector,
        explanation=span.explanation.replace(" (cue: ", f" (scorer {chance:.2f}, cue: ", 1),
        attrs=span.attrs,
    )


def sentence_allegations(
    document: Document,
    cast: Cast,
    grades: dict[tuple[int, int], SentenceGrade],
    units: Sequence[tuple[Unit, float]],
) -> list[Span]:
    """One finding per sentence the scorer accepts that has no frame and no rule: its target is
    the actor the parse makes the subject of the sentence's action (not its speaker), else the
    first person or organisation it names outside a quotation's attribution."""
    if not units:
        return []
    text = document.text
    docs = parse_syntax([text[u.start : u.end] for u, _ in units])
    keys = sorted(grades)
    allowed = frozenset(a.id for a in cast.actors if a.kind in TARGET_KINDS)
    spans: list[Span] = []
    for (unit, chance), doc in zip(units, docs, strict=True):
        mentions = target_mentions(cast, unit.index, text)
        key = (unit.start, unit.end)
        grade = grades.get(key)
        speaker = grade.speaker if grade is not None else None
        roles = role_nouns(cast, unit.start)
        kind, cue = sentence_type(text, unit.start, unit.end)
        actor_of = token_actors(doc, unit.start, mentions)
        reader = Reader(doc, unit.start, actor_of, allowed, roles)
        word = token_at(doc, text.find(cue, unit.start, unit.end) - unit.start) if cue else None
        anchor = word or next((t for t in doc if t.dep_ == "ROOT"), None)
        if word is not None and reader.negated(word):
            continue  # "X never lied", "X was cleared of fraud"
        if word is None and anchor is not None and anchor.lemma_.casefold() in DENIALS:
            continue  # "X denied the accusations": a denial, with no wrongdoing named
        target = rule_target(reader, mentions, speaker, roles, word)
        if target is None:
            continue
        source = reader.reporter(anchor) if anchor is not None else None
        if source is not None and source.actor == target:
            source = None  # the accused is not the source of the sentence's charge
        hedged = bool(lx.HEDGED.search(text, *key)) or (
            anchor is not None and reader.hedged(anchor)
        )
        frame = Frame(unit.start, unit.end, cue, kind, (target,), source, hedged, negated=False)
        alleged_by, sourcing = _sourcing(document, frame, (target,), hedged, grades, keys, key)
        by = "the author" if alleged_by == "author" else _source_name(cast, alleged_by)
        spans.append(
            make_span(
                document,
                unit.start,
                unit.end,
                layer="allegation",
                label=kind,
                score=chance,
                detector=DETECTOR,
                explanation=(
                    f"alleges {kind.replace('_', ' ')} of {cast.by_id(target).name} "
                    f"(scorer {chance:.2f}{f', cue: {cue!r}' if cue else ''}); "
                    f"alleged by {by}, sourcing: {sourcing}"
                ),
                attrs=AllegationAttrs(
                    targets=(target,),
                    type=kind,
                    alleged_by=alleged_by,
                    sourcing=sourcing,
                    hedge=grade.hedge if grade is not None else None,
                    cue=cue,
                ),
            )
        )
    return spans


def _source_name(cast: Cast, alleged_by: str) -> str:
    known = {a.id for a in cast.actors}
    return cast.by_id(alleged_by).name if alleged_by in known else alleged_by


def _candidates(document: Document, cast: Cast) -> list[int]:
    """Sentences worth parsing: a person or organisation in them, and a word of the lexicon."""
    text = document.text
    out = []
    for index, sentence in enumerate(cast.parse.sentences):
        if not target_mentions(cast, index, text):
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
        actor_of = token_actors(doc, sentence.start, _with_roles(cast, index, text))
        reader = Reader(doc, sentence.start, actor_of, allowed, role_nouns(cast, sentence.start))
        for frame in reader.frames():
            if frame.negated:
                continue
            key = (sentence.start, sentence.end)
            alleged_by, sourcing = _sourcing(
                document, frame, frame.targets, frame.hedged, grades, keys, key
            )
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


def _sourcing(
    document: Document,
    frame: Frame | None,
    targets: tuple[str, ...],
    hedged: bool,
    grades: dict[tuple[int, int], SentenceGrade],
    keys: list[tuple[int, int]],
    key: tuple[int, int],
) -> tuple[str, str]:
    """(alleged_by, sourcing grade) of a frame (or of a whole sentence, with no frame): its own
    accuser, else the source the parse links to its clause (a speaker, an institution, unnamed
    people), else the sentence's grade.

    A quoted passage with no speaker in its sentence inherits the named speaker of the sentence
    before it, or else of the one after it. Law-enforcement acts ("officers arrested X") are the
    author's report: the officers are no accuser.
    """
    text = document.text
    grade = grades.get(key)
    named = "named_with_link" if has_link(document, *key) else "named"
    source = frame.source if frame is not None else None
    start = frame.start if frame is not None else key[0]
    if frame is not None and frame.cue.casefold().startswith(lx.ENFORCEMENT_STEMS):
        source = None
    if source is not None and source.kind == "actor" and source.actor in targets:
        source = None  # the accused is not its own accuser
    attribution = grade.at(start, targets) if grade is not None else None
    if attribution is not None and attribution.condemns and source is not None:
        attribution = None  # the frame's own accuser comes before a verb of condemning
    if attribution is None and source is not None and source.actor is not None:
        return source.actor, named
    if attribution is not None:
        by = attribution.speaker or attribution.phrase
        if by.casefold() == "author":
            by = "its author"  # a source called "the author" is not the text's author
        return by, named if attribution.grade == "named" else "anonymous"
    if source is not None:
        return source.phrase, named if source.kind == "institution" else "anonymous"
    speaker = grade.speaker if grade is not None and grade.grade.startswith("named") else None
    if grade is not None and speaker in targets and grade.self_stated(speaker):
        speaker = None  # "X declared ...": the author reports what the accused said
    if speaker is None and (quoted(text, key[0], start) or _has_quote(text, key)):
        speaker = _neighbour_speaker(grades, keys, key)
    if speaker is not None:
        return speaker, named
    if grade is not None and grade.grade == "anonymous":
        return grade.source or "author", "anonymous"
    hedged = (
        hedged
        or bool(lx.HEDGED.search(text, key[0], key[1]))
        or (grade is not None and grade.grade == "hedged")
    )
    return "author", "hedged" if hedged else "unattributed"


def _has_quote(text: str, key: tuple[int, int]) -> bool:
    """The sentence opens or closes a quotation of more than a few words."""
    sentence = text[key[0] : key[1]]
    if sentence[:1] in ('"', "“", "„", "‘"):
        return True
    if re.search(r"[.!?,]’[\s)\]]*$", sentence):
        return True  # a quotation in single marks that closes here ("... a disgrace!’")
    marks = [m.start() for m in re.finditer(r"[\"“”„]", sentence)]
    if len(marks) % 2 == 1:
        return True  # a quotation that runs on from, or into, a neighbouring sentence
    return any(b - a > 60 for a, b in zip(marks[::2], marks[1::2], strict=False))


def _neighbour_speaker(
    grades: dict[tuple[int, int], SentenceGrade],
    keys: list[tuple[int, int]],
    key: tuple[int, int],
) -> str | None:
    """The named source (an actor id, else its words) of the sentence before, else after; a
    quotation over several sentences takes it from up to three sentences back."""
    position = bisect.bisect_left(keys, key)
    for other in (position - 1, position + 1, position - 2, position - 3):
        if 0 <= other < len(keys) and keys[other] != key:
            neighbour = grades[keys[other]]
            if not neighbour.grade.startswith("named"):
                continue
            if neighbour.speaker is not None:
                return neighbour.speaker
            attribution = neighbour.at(neighbour.start)
            if attribution is not None and attribution.grade == "named":
                return attribution.speaker or attribution.phrase
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
        refs = _refs(cast, index, text)
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


def _with_roles(cast: Cast, index: int, text: str) -> list[Mention]:
    """Every mention in sentence ``index``, with the role nouns that stand for a person or an
    organisation (:func:`~spinscope.detectors.allegation_targets.target_mentions`)."""
    roles = [m for m in target_mentions(cast, index, text) if m.via == "role"]
    return sorted([*cast.in_sentence(index), *roles], key=lambda m: (m.start, m.end))


def _refs(cast: Cast, index: int, text: str) -> list[_Ref]:
    return [_Ref(m.start, m.end, (m.actor,)) for m in target_mentions(cast, index, text)]


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
        refs = _refs(cast, index, text)
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
        # "... ended up in the pockets of these activists": a target right after the cue; not
        # a name in a phrase of its own ("stolen from a Bureau officer", "a case opened against
        # him over a breached contract") or the object of another verb
        after = [r for r in refs if 0 <= r.start - cue.end() <= FOLLOWING_WINDOW]
        if after and (after[0].group or _next_to(text[cue.end() : after[0].start])):
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


def _next_to(between: str) -> bool:
    """The words between a cue and a name tie them: a few words, no punctuation, no
    preposition of another phrase."""
    words = between.split()
    return (
        len(words) <= 3 and not re.search(r"[,;:]", between) and not _OTHER_PHRASE.search(between)
    )


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


def runner(model: TextModel | None = None) -> Callable[[Document, Products], Output]:
    """The component's runner, with the shipped scorer or ``model``."""

    def run(document: Document, products: Products) -> Output:
        cast, sourcing = products.find(CAST), products.find(SOURCING)
        if cast is None or sourcing is None:
            return Output()
        if document.meta.language == "ru":
            findings = allegations_ru.find_allegations(document, cast, sourcing.grades, DETECTOR)
        else:
            findings = find_allegations(document, cast, sourcing.grades, model)
        actors = with_allegations(products.get(ACTORS), findings)
        return Output(findings=tuple(findings), made={ACTORS: actors})

    return run


COMPONENT: Final = ComponentSpec(
    name=NAME,
    version=VERSION,
    kind="detector",
    factory=unconfigured(runner()),
    requires=(CAST.key, SOURCING.key, ACTORS.key),
    assigns=(ACTORS.key, "findings.allegation"),
    layers={"allegation": LayerLabels(labels_of(LABELS))},
    description=(
        "allegations against named actors, who makes them and on what sourcing"
        " (a scorer, frames from the parse, rules)"
    ),
    title="allegations",
    languages=frozenset({"en", "ru"}),
)


def with_model(model: TextModel) -> ComponentSpec:
    """The component with another scorer (cross-validation trains one per fold)."""
    return dataclasses.replace(COMPONENT, factory=unconfigured(runner(model)))
