"""Sourcing: who a statement rests on, and a grade for every claim sentence.

A *claim sentence* is a sentence of running text (a paragraph, or the whole text when the
document has no parts) that asserts something: at least four words, not a question. Each gets
one grade, the strongest that applies:

* ``named_with_link``: a named person or organisation is the source, and the sentence holds an
  in-text link;
* ``named``: a named source ("X said", "according to X", a quote with its speaker);
* ``anonymous``: an unnamed source ("our sources", "a source close to", "insiders", "officials
  who spoke on condition of anonymity", "one guest told us");
* ``hedged``: the text keeps its distance ("it is understood", "reportedly", "it was reported",
  "allegedly", "it seems", "rumour has it");
* ``unattributed``: the author asserts it on no stated source.

A sentence that only comments on the truth of what came before it ("Whether that is true or
not, we could not confirm") hedges the claim sentence just before it as well: that claim is
graded hedged and remembers the hedge.

Findings in layer ``sourcing`` mark the cue words, labelled with the grade they give, with
attributes ``speaker`` (a name or None), ``sentence`` ([start, end]) and ``grades`` (the claim
sentences whose grade the cue sets). :func:`sentence_grades` reads the grade of every claim
sentence back from these findings, so later detectors need not run this one again.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from spinscope.components import (
    ComponentSpec,
    LayerLabels,
    Output,
    Product,
    Products,
    labels_of,
    unconfigured,
)
from spinscope.detectors import lexicons as lx
from spinscope.detectors import sourcing_ru
from spinscope.detectors.actor_rules import outlet_like
from spinscope.detectors.actors import CAST
from spinscope.detectors.cast import Cast, Mention, quoted
from spinscope.detectors.grades import explain_grade, has_link
from spinscope.document import Document, Span, make_span
from spinscope.nlp import parse_syntax, running_sentences
from spinscope.records import SourcingAttrs
from spinscope.vocabulary import part_kind

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Token as SpacyToken

NAME: Final = "sourcing"
VERSION: Final = "2"
DETECTOR: Final = f"{NAME}@{VERSION}"
CUE_LABELS: Final = ("named_with_link", "named", "anonymous", "hedged")
MIN_CLAIM_WORDS: Final = 4
SPEAKER_WINDOW: Final = 60  # characters between a speaker's name and its reporting verb
_WORD: Final = re.compile(r"[\w'’-]+")
_REPORTED: Final = re.compile(r"\s*(?:that\b|:|,?\s*[\"“«])")
SCORES: Final = {"named_with_link": 0.9, "named": 0.85, "anonymous": 0.8, "hedged": 0.8}
_RANK: Final = {"named_with_link": 0, "named": 1, "anonymous": 2, "hedged": 3, "unattributed": 4}


@dataclass(frozen=True, slots=True)
class Attribution:
    """A source the dependency parse links to (part of) a sentence: the subject of a reporting
    verb ("X said", "X told reporters that", "X accused Y of"), the object of "according to"."""

    start: int  # the text the source covers: the sentence, or a subordinate clause
    end: int
    grade: str  # "named" or "anonymous"
    speaker: str | None  # the actor id, when the source is an actor of the cast
    phrase: str  # the source's words ("prosecutors", "court documents", "he")
    cue: tuple[int, int]  # the words that mark it (source and verb)
    pronoun: bool = False  # a pronoun the cast did not resolve
    nested: bool = False  # the verb sits in a relative clause: it covers only that clause
    condemns: bool = False  # "X slammed Y": X is the accuser, not a reporter
    according: bool = False  # "according to X": the outermost source of the sentence
    verb: str = ""  # the lemma of the word that attributes ("say", "according")
    others: bool = False  # what it reports names an actor other than its speaker
    form: str = ""  # the speaker's pronoun ("she"), when a pronoun speaks


@dataclass(frozen=True, slots=True)
class SentenceGrade:
    """The sourcing of one claim sentence."""

    start: int
    end: int
    grade: str
    speaker: str | None = None  # the actor id of a named source, when there is one
    hedge: tuple[int, int] | None = None  # a later sentence that hedges this one
    source: str | None = None  # the source's words, when the source is not an actor
    attributions: tuple[Attribution, ...] = ()

    def at(self, position: int, accused: Iterable[str] = ()) -> Attribution | None:
        """The strongest source covering ``position`` (the strongest of the sentence's main
        clause when none covers it), reporters before accusers; an accuser never one of
        ``accused``."""
        kept = [
            a
            for a in self.attributions
            if a.speaker is None
            or a.speaker not in accused
            or not (a.condemns or self_statement(a))
        ]
        covering = [a for a in kept if a.start <= position < a.end]
        main = [a for a in kept if not a.nested]
        ranked = sorted(
            covering or main, key=lambda a: (a.condemns, _RANK[a.grade], not a.according)
        )
        return ranked[0] if ranked else None

    def self_stated(self, speaker: str) -> bool:
        """Whether ``speaker`` speaks in this sentence only of their own deeds."""
        return any(a.speaker == speaker and self_statement(a) for a in self.attributions)


def self_statement(attribution: Attribution) -> bool:
    """Whether a speaker's words about their own deeds are the author's report of them ("X
    admitted ...", "X declared that she would warn them"): a self-stating verb whose report
    names no one else."""
    return attribution.verb in lx.SELF_STATING and not attribution.others


@dataclass(frozen=True, slots=True)
class Sourcing:
    """Cue findings and the grade of every claim sentence, by (start, end)."""

    findings: tuple[Span, ...]
    grades: dict[tuple[int, int], SentenceGrade]


@dataclass(frozen=True, slots=True)
class _Cue:
    start: int
    end: int
    grade: str
    speaker: str | None  # actor id
    speaker_name: str | None
    phrase: str | None = None  # the words of an unnamed source


def claim_sentences(document: Document) -> list[tuple[int, int]]:
    """The (start, end) of every claim sentence of ``document``, in order."""
    out: list[tuple[int, int]] = []
    for start, end, kind in running_sentences(document):
        if not part_kind(kind).graded:
            continue
        sentence = document.text[start:end].rstrip()
        if sentence.endswith("?") or len(_WORD.findall(sentence)) < MIN_CLAIM_WORDS:
            continue
        out.append((start, end))
    return out


def grade_sentences(document: Document, cast: Cast) -> Sourcing:
    """Sourcing cue findings and the grade of every claim sentence."""
    text = document.text
    claims = claim_sentences(document)
    index_of = {(s.start, s.end): i for i, s in enumerate(cast.parse.sentences)}
    mentions_of = {
        key: cast.in_sentence(index_of[key]) if key in index_of else [] for key in claims
    }
    worthy = [key for key in claims if _parse_worthy(text, *key)]
    docs = dict(zip(worthy, parse_syntax([text[s:e] for s, e in worthy]), strict=True))
    found = {
        key: read_attributions(doc, key[0], mentions_of[key], cast) for key, doc in docs.items()
    }
    _resolve_pronouns(claims, found)
    grades: dict[tuple[int, int], SentenceGrade] = {}
    cues_of: dict[tuple[int, int], list[_Cue]] = {}
    for start, end in claims:
        key = (start, end)
        mentions = mentions_of[key]
        cues = _cues(text, start, end, mentions, cast, parsed=key in docs)
        for attribution in found.get(key, []):
            if attribution.grade == "anonymous" and any(
                c.grade == "anonymous"
                and c.start < attribution.cue[1]
                and attribution.cue[0] < c.end
                for c in cues
            ):
                continue  # "our sources say": the regex cue already marks it
            name = cast.by_id(attribution.speaker).name if attribution.speaker else None
            cues.append(
                _Cue(
                    *attribution.cue,
                    attribution.grade,
                    attribution.speaker,
                    name or attribution.phrase,
                )
            )
        cues.sort(key=lambda c: (c.start, c.end))
        if any(c.grade == "named" for c in cues) and has_link(document, start, end):
            cues = [
                _Cue(c.start, c.end, "named_with_link", c.speaker, c.speaker_name)
                if c.grade == "named"
                else c
                for c in cues
            ]
        grade = next((g for g in CUE_LABELS if any(c.grade == g for c in cues)), "unattributed")
        speaker = next((c.speaker for c in cues if c.grade == grade and c.speaker), None)
        strongest = SentenceGrade(start, end, grade, attributions=tuple(found.get(key, []))).at(
            start
        )
        source = strongest.phrase if strongest is not None and strongest.speaker is None else None
        if strongest is None:
            source = next((c.phrase for c in cues if c.grade == grade and c.phrase), None)
        grades[key] = SentenceGrade(
            start, end, grade, speaker, None, source, tuple(found.get(key, []))
        )
        cues_of[key] = cues
    _carry_records(document, claims, grades, cues_of, cast)
    applied: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for number, (start, end) in enumerate(claims):
        if number and lx.DISCLAIMER_SENTENCE.match(text, start):
            before = claims[number - 1]
            old = grades[before]
            grades[before] = dataclasses.replace(old, grade="hedged", hedge=(start, end))
            applied[(start, end)] = [before]
    findings: list[Span] = []
    for key, cues in cues_of.items():
        grade = grades[key].grade
        for cue in cues:
            targets = [key] if cue.grade == grade else []
            if cue.grade == "hedged":
                targets = applied.get(key, []) + targets
            findings.append(
                make_span(
                    document,
                    cue.start,
                    cue.end,
                    layer="sourcing",
                    label=cue.grade,
                    score=SCORES[cue.grade],
                    detector=DETECTOR,
                    explanation=explain_grade(cue.grade, cue.speaker_name),
                    attrs=SourcingAttrs(
                        speaker=cue.speaker_name, sentence=key, grades=tuple(targets)
                    ),
                )
            )
    return Sourcing(tuple(findings), grades)


def _record_source(attributions: Iterable[Attribution]) -> Attribution | None:
    """The on-record body or document a sentence cites ("the Department unsealed an
    indictment", "the complaint alleges"), if any."""
    for attribution in attributions:
        if attribution.grade != "named" or attribution.nested:
            continue
        head = attribution.phrase.rsplit(" ", 1)[-1].casefold()
        acts = attribution.condemns and attribution.verb in lx.RECORD_ACTS
        if acts or head in lx.DOCUMENT_NOUNS:
            return attribution
    return None


def _carry_records(
    document: Document,
    claims: list[tuple[int, int]],
    grades: dict[tuple[int, int], SentenceGrade],
    cues_of: dict[tuple[int, int], list[_Cue]],
    cast: Cast,
) -> None:
    """A sentence that reports a charge on no source of its own ("X was charged with",
    "the charges stem from an alleged scheme") rests on the charging body or document of the
    sentences just before it, in the same paragraph."""
    text = document.text
    for number, key in enumerate(claims):
        old = grades[key]
        if old.grade not in ("unattributed", "hedged") or old.hedge is not None:
            continue
        match = lx.CHARGE_REPORT.search(text, *key)
        if match is None:
            continue
        for back in range(number - 1, max(-1, number - 4), -1):
            earlier = claims[back]
            if re.search(r"\n[^\S\n]*\n", text[earlier[1] : claims[back + 1][0]]):
                break  # a paragraph ends
            record = _record_source(grades[earlier].attributions)
            if record is None:
                continue
            carried = dataclasses.replace(
                record,
                start=key[0],
                end=key[1],
                cue=match.span(),
                condemns=False,
                according=False,
            )
            name = cast.by_id(record.speaker).name if record.speaker else record.phrase
            grades[key] = dataclasses.replace(
                old,
                grade="named",
                speaker=record.speaker,
                source=None if record.speaker else record.phrase,
                attributions=(*old.attributions, carried),
            )
            cue = _Cue(*match.span(), "named", record.speaker, name)
            cues_of[key] = sorted([*cues_of[key], cue], key=lambda c: (c.start, c.end))
            break


def sentence_grades(document: Document, findings: Iterable[Span]) -> dict[tuple[int, int], str]:
    """The grade of every claim sentence, read back from ``sourcing`` cue findings."""
    grades = {key: "unattributed" for key in claim_sentences(document)}
    cues = [f for f in findings if f.layer == "sourcing" and f.label in CUE_LABELS]
    graded = [(f, f.attrs.grades) for f in cues if isinstance(f.attrs, SourcingAttrs)]
    for finding, pairs in sorted(graded, key=lambda fp: (len(fp[1]) > 1, fp[0].start)):
        for key in pairs:
            if key in grades:
                grades[key] = finding.label
    return grades


def _cues(
    text: str, start: int, end: int, mentions: list[Mention], cast: Cast, *, parsed: bool
) -> list[_Cue]:
    cues: list[_Cue] = []
    sources = [
        m for m in mentions if cast.by_id(m.actor).kind in ("person", "organisation", "group")
    ]
    for pattern in (lx.HEDGED, lx.MORE_HEDGES):
        for match in pattern.finditer(text, start, end):
            if not any(c.start <= match.start() < c.end for c in cues):
                cues.append(_Cue(match.start(), match.end(), "hedged", None, None))
    for match in lx.UNNAMED_CRITICS.finditer(text, start, end):
        cues.append(_Cue(match.start(), match.end(), "anonymous", None, None, "critics"))
    if parsed:  # the parse reads "according to" and reporting verbs
        for match in lx.ANONYMOUS.finditer(text, start, end):
            cues.append(_Cue(match.start(), match.end(), "anonymous", None, None, match.group()))
        return cues
    for match in lx.ACCORDING_TO.finditer(text, start, end):
        after = [
            m
            for m in sources
            if 0 <= m.start - match.end() <= 40 and "," not in text[match.end() : m.start]
        ]
        if after:
            people = [m for m in after if cast.by_id(m.actor).kind == "person"]
            who = (people or after)[0]
            name = cast.by_id(who.actor).name
            cues.append(_Cue(match.start(), who.end, "named", who.actor, name))
        else:
            cues.append(_Cue(match.start(), match.end(), "anonymous", None, None))
    for match in lx.ANONYMOUS.finditer(text, start, end):
        if not any(c.start <= match.start() < c.end for c in cues):
            cues.append(_Cue(match.start(), match.end(), "anonymous", None, None))
    for match in _WORD.finditer(text, start, end):
        low = match.group().casefold()
        if low not in lx.REPORTING_VERBS:
            continue
        if low not in lx.SPEECH_VERBS and not _REPORTED.match(text, match.end()):
            continue
        if any(c.start <= match.start() < c.end for c in cues):
            continue
        cue = _speaker_cue(text, match, sources, cast)
        if cue is not None and cue.speaker is not None:
            # "our sources in the Ministry say": the ministry is where the sources are
            unnamed = [c for c in cues if c.grade == "anonymous" and c.end <= cue.start]
            if any(cue.start - c.end <= 6 for c in unnamed):
                cue = _Cue(match.start(), match.end(), "anonymous", None, None)
        if cue is None:
            continue
        if cue.grade == "anonymous" and any(0 <= cue.start - c.end <= 15 for c in cues):
            continue  # "our sources say": the subject is already marked
        cues.append(cue)
    return sorted(cues, key=lambda c: (c.start, c.end))


def _speaker_cue(text: str, verb: re.Match[str], sources: list[Mention], cast: Cast) -> _Cue | None:
    before = [
        m
        for m in sources
        if 0 <= verb.start() - m.end <= SPEAKER_WINDOW
        and not re.search(r"[.;:!?]", text[m.end : verb.start()])
    ]
    for who in reversed(before):
        gap = text[who.end : verb.start()]
        # "X, a member of ..., insists": skip one apposition; otherwise the name must be close.
        close = len(_WORD.findall(gap)) <= 2 and "," not in gap
        if close or re.fullmatch(r"\s*,[^,]*,\s*", gap):
            actor = cast.by_id(who.actor)
            grade = "named" if actor.kind in ("person", "organisation") else "anonymous"
            return _Cue(who.start, verb.end(), grade, who.actor, actor.name)
    after = [m for m in sources if 0 <= m.start - verb.end() <= 2]
    if after:
        actor = cast.by_id(after[0].actor)
        return _Cue(verb.start(), after[0].end, "named", after[0].actor, actor.name)
    words = _WORD.findall(text[max(0, verb.start() - 30) : verb.start()])
    if words and words[-1].casefold() in lx.ANONYMOUS_SUBJECTS:
        return _Cue(verb.start(), verb.end(), "anonymous", None, None)
    return None


# ---------------------------------------------------------------------------------------------
# Attribution read from the dependency parse


def _forms(lemmas: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for w in lemmas:
        stem = w[:-1] if w.endswith("e") else w
        out |= {w, w + "s", w + "es", w + "ed", w + "d", stem + "ing", w + w[-1] + "ed"}
        out |= {w + w[-1] + "ing", w[:-1] + "ies", w[:-1] + "ied"}
    return out


_VERB_FORMS: Final = _forms(
    lx.SAYING_LEMMAS | lx.WRITING_LEMMAS | lx.CONDEMNING_LEMMAS | {"express", "voice", "continue"}
) | {"said", "told", "wrote", "written", "found", "according"}
_PARSE_WORTHY: Final = re.compile(
    r"\b(?:" + "|".join(sorted(_VERB_FORMS, key=len, reverse=True)) + r")\b", re.IGNORECASE
)
_SPEAKING_LEMMAS: Final = lx.SAYING_LEMMAS | lx.WRITING_LEMMAS | lx.CONDEMNING_LEMMAS | lx.DEMANDING
_PRONOUNS: Final = frozenset({"he", "she", "they", "it", "him", "her", "them"})
_FIRST_PERSON: Final = frozenset({"i", "we", "you", "me", "us"})
_INDEFINITE: Final = frozenset({"a", "an", "one", "some", "several", "many", "two", "three"})
_CLIMB: Final = frozenset({"conj", "xcomp", "advcl", "acl"})
_CONTENT: Final = frozenset({"ccomp", "parataxis", "xcomp"})
_NAMED_KINDS: Final = frozenset({"person", "organisation"})


def _parse_worthy(text: str, start: int, end: int) -> bool:
    """Whether a sentence has a word that can attribute it (only those are parsed)."""
    return _PARSE_WORTHY.search(text, start, end) is not None


def read_attributions(
    doc: SpacyDoc, offset: int, mentions: Sequence[Mention], cast: Cast
) -> list[Attribution]:
    """The sources the parse of one sentence (``doc``, at ``offset``) shows."""
    actor_of: dict[int, str] = {}
    for token in doc:
        left = offset + token.idx
        right = left + len(token.text)
        hit = next((m for m in mentions if m.start < right and left < m.end), None)
        if hit is not None:
            actor_of[token.i] = hit.actor
    text = doc.text
    out: list[Attribution] = []
    for token in doc:
        if quoted(text, 0, token.idx):
            continue  # what a quoted speaker says others said is inside the quote
        speaker = _speaker_token(token, text)
        if speaker is None:
            continue
        found = _classify(speaker, actor_of, cast)
        if found is None:
            continue
        grade, actor, phrase, pronoun = found
        inner = _reported_speaker(token, actor, phrase, cast)
        if inner is not None:  # "Fox News notes that officials are asking ...": the officials
            found = _classify(inner, actor_of, cast)
            if found is not None and not found[3]:
                speaker = inner
                grade, actor, phrase, pronoun = found
        nested = any(t.dep_ in ("relcl", "acl") for t in (token, *token.ancestors))
        nested = nested and token.lower_ != "according" and token.dep_ != "acl"
        span = list(token.subtree) if nested else list(doc)
        lo = offset + span[0].idx
        hi = offset + span[-1].idx + len(span[-1].text)
        a, b = sorted((speaker.i, token.i))
        cue = (offset + doc[a].idx, offset + doc[b].idx + len(doc[b].text))
        condemns = token.lemma_.casefold() in lx.CONDEMNING_LEMMAS | {"look"}
        according = token.lower_ == "according"
        lemma = "according" if according else token.lemma_.casefold()
        out.append(
            Attribution(
                *(lo, hi, grade, actor, phrase, cue, pronoun, nested, condemns, according),
                verb=lemma,
                others=_reports_others(token, speaker, actor_of),
                form=speaker.lower_ if speaker.lower_ in _PRONOUNS else "",
            )
        )
    return out


def _reports_others(verb: SpacyToken, speaker: SpacyToken, actor_of: dict[int, str]) -> bool:
    """Whether what ``verb`` reports names an actor other than its speaker ("X said that Y
    lied", not "X admitted that he lied", "X confessed to lying")."""
    own = actor_of.get(speaker.i)
    skip = {t.i for t in speaker.subtree}
    return any(t.i in actor_of and t.i not in skip and actor_of[t.i] != own for t in verb.subtree)


def _reported_speaker(
    verb: SpacyToken, actor: str | None, phrase: str, cast: Cast
) -> SpacyToken | None:
    """The speaker of what an outlet reports, when the outlet reports someone's words or
    demands ("the Daily Lantern reported that X claims ...", "notes that officials are asking
    ..."): the guideline wants the speaker, not the outlet."""
    name = cast.by_id(actor).name if actor else phrase
    if verb.lower_ == "according" or not (outlet_like(name) or outlet_like(phrase)):
        return None
    for clause in verb.children:
        if clause.dep_ != "ccomp" or clause.lemma_.casefold() not in _SPEAKING_LEMMAS:
            continue
        subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.lower_ not in _PRONOUNS | _FIRST_PERSON:
            return subject
    return None


def _speaker_token(token: SpacyToken, text: str) -> SpacyToken | None:
    """The token that speaks, if ``token`` is a word that attributes: a reporting verb, "express
    concern", "according to"."""
    lower = token.lower_
    if lower == "according":
        for to in token.children:
            for pobj in to.children:
                if pobj.dep_ == "pobj":
                    return pobj
        return None
    if token.pos_ not in ("VERB", "AUX"):
        return None
    lemma = token.lemma_.casefold()
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return None  # "tried to claim", "convinced her to say": the author reports the attempt
    if token.dep_ == "acl" and token.tag_ == "VBN":
        if lemma not in lx.SAYING_LEMMAS | lx.CONDEMNING_LEMMAS:
            return None
        # "the violations alleged by the inspector": the agent; "a bishop accused of": nobody
        agent = next((c for c in token.children if c.dep_ == "agent"), None)
        return next((g for g in agent.children if g.dep_ == "pobj"), None) if agent else None
    deps = {c.dep_ for c in token.children}
    after = text[token.idx + len(token.text) : token.idx + len(token.text) + 4]
    quote_after = bool(re.match(r"\s*(?:,\s*)?[:\"“]", after))
    content = bool(deps & _CONTENT - {"xcomp"}) or quote_after
    # "As X wrote, ...": the verb attributes the clause it hangs from
    content = content or any(c.dep_ == "mark" and c.lower_ == "as" for c in token.children)
    if lemma in lx.SAYING_LEMMAS:
        confesses = lemma in ("admit", "confess", "testify", "concede") and "prep" in deps
        if lemma not in ("say", "claim", "allege", "insist", "argue") and not (
            content or confesses or (lemma != "tell" and token.dep_ in ("ROOT", "parataxis"))
        ):
            return None
    elif lemma in lx.WRITING_LEMMAS:
        if lemma == "point" and not any(c.lower_ == "out" for c in token.children):
            return None
        if lemma == "suggest" and token.tag_ == "VBG":
            return None  # "..., suggesting he knew": the author's inference
        if not content:
            return None
    elif lemma == "continue":
        if not quote_after:
            return None
    elif lemma in ("express", "voice"):
        if not any(c.dep_ == "dobj" and c.lemma_ in lx.VOICED_FEELINGS for c in token.children):
            return None
    elif lemma == "look":
        if not any(c.dep_ == "prep" and c.lower_ == "into" for c in token.children):
            return None  # "is looking into whether ...": an inquiry
    elif lemma not in lx.CONDEMNING_LEMMAS:
        return None
    return _subject(token)


def _subject(verb: SpacyToken) -> SpacyToken | None:
    """The subject of ``verb`` (its agent when passive), climbing "and said", "saying" and
    "a statement saying"."""
    current = verb
    for _ in range(4):
        children = list(current.children)
        if any(c.dep_ == "auxpass" for c in children):
            for child in children:
                if child.dep_ == "agent":
                    return next((g for g in child.children if g.dep_ == "pobj"), None)
            return None
        subject = next((c for c in children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return subject
        if current.dep_ == "relcl":
            return current.head
        if current.dep_ not in _CLIMB or current.head.i == current.i:
            return None
        if current.dep_ == "acl" and current.head.pos_ in ("NOUN", "PROPN"):
            noun = current.head
            if noun.head.pos_ in ("VERB", "AUX") and noun.dep_ in ("dobj", "pobj"):
                current = noun.head
                continue
            return noun  # "a letter saying": the document speaks
        current = current.head
    return None


def _classify(
    token: SpacyToken, actor_of: dict[int, str], cast: Cast
) -> tuple[str, str | None, str, bool] | None:
    """(grade, actor id, phrase, unresolved pronoun) of a speaker token, or None when it is no
    source (the author, "you")."""
    lower = token.lower_
    lemma = token.lemma_.casefold()
    relative = token.head.dep_ == "relcl"
    if lower == "who" and token.i > 0 and token.doc[token.i - 1].text == ",":
        relative = True  # "X, who said": parsed as a clause of its own
    if lower in ("who", "that", "which") and relative:
        antecedent = token.head.head if token.head.dep_ == "relcl" else token
        if antecedent.i not in actor_of and lower == "who":
            # "spoke with X as well, who said": the name just before the pronoun
            near = [t for t in token.doc[max(0, token.i - 6) : token.i] if t.i in actor_of]
            antecedent = near[-1] if near else antecedent
        token = antecedent
        lower, lemma = token.lower_, token.lemma_.casefold()
    phrase = _speaker_phrase(token)
    named_in = [c for c in token.children if c.dep_ == "appos" and c.i in actor_of]
    if token.i not in actor_of and named_in:
        token = named_in[0]  # "two members of the group, A and B, pointed out"
    if token.i in actor_of:
        actor = cast.by_id(actor_of[token.i])
        grade = "named" if actor.kind in _NAMED_KINDS else "anonymous"
        if actor.kind not in _NAMED_KINDS and actor.kind != "group":
            grade = "named"  # a country or a city speaking: its government
        return grade, actor.id if actor.kind in _NAMED_KINDS else None, phrase, False
    if lower in _FIRST_PERSON:
        return None
    if lower in _PRONOUNS:
        return "named", None, lower, True
    if lemma in lx.UNNAMED_SPEAKERS or lower in lx.UNNAMED_SPEAKERS:
        return "anonymous", None, phrase, False
    determiners = {c.lower_ for c in token.children if c.dep_ in ("det", "nummod")}
    words = [
        t for t in token.subtree if not any(a.dep_ in ("relcl", "acl") for a in _path(t, token))
    ]
    if any(t.lower_.startswith("anonym") for t in token.subtree):
        return "anonymous", None, phrase, False  # "officials who spoke anonymously"
    inside = [t for t in words if t.i in actor_of and t.i != token.i]
    if inside and not determiners & _INDEFINITE:
        return "named", None, phrase, False  # "ICE officials", "the family's attorney"
    if lemma in lx.RECORD_SPEAKERS or lower in lx.RECORD_SPEAKERS:
        if determiners & _INDEFINITE and (lemma in lx.PERSON_ROLES) and not inside:
            return "anonymous", None, phrase, False  # "a lawyer said"
        return "named", None, phrase, False
    possessed = any(c.dep_ == "poss" for c in token.children)
    capitalised = token.pos_ == "NOUN" and token.text[:1].isupper()
    capitalised = capitalised and (token.i > 0 or token.tag_.startswith("NNP"))
    if token.pos_ == "PROPN" or (not determiners and (lower in lx.TITLE_WORDS or capitalised)):
        return "named", None, phrase, False  # "Pope admits ..."
    if determiners & _INDEFINITE or not (determiners or possessed):
        return "anonymous", None, phrase, False
    return "named", None, phrase, False  # "the spokesman": an identifiable description


def _path(token: SpacyToken, top: SpacyToken) -> list[SpacyToken]:
    """``token`` and its ancestors below ``top``."""
    out = []
    while token.i != top.i and token.head.i != token.i:
        out.append(token)
        token = token.head
    return out


def _speaker_phrase(token: SpacyToken) -> str:
    tokens = [
        t
        for t in token.subtree
        if t.dep_ not in ("relcl", "acl", "punct", "appos") and not t.is_space
    ]
    tokens = [t for t in tokens if t.i <= token.i or t.head.i != token.i or t.dep_ == "prep"]
    if len(tokens) > 8:
        tokens = [token]
    return re.sub(r"\s+", " ", " ".join(t.text for t in tokens)).strip()


def _resolve_pronouns(
    claims: list[tuple[int, int]], found: dict[tuple[int, int], list[Attribution]]
) -> None:
    """An unresolved pronoun speaker ("he said", "they said") takes the source of the nearest
    sentence before it (up to three back) that names one; a pronoun speaker that the source
    before it was also called by ("she told ...", then "she added") is that source."""
    for number, key in enumerate(claims):
        attributions = found.get(key, [])
        for i, attribution in enumerate(attributions):
            if not attribution.pronoun and not attribution.form:
                continue
            for back in range(number - 1, max(-1, number - 4), -1):
                earlier = [
                    a for a in found.get(claims[back], []) if not a.pronoun and a.grade == "named"
                ]
                if earlier:
                    source = earlier[-1]
                    if attribution.pronoun or (
                        source.form == attribution.form and source.speaker is not None
                    ):
                        attributions[i] = dataclasses.replace(
                            attribution,
                            grade="named",
                            speaker=source.speaker,
                            phrase=source.phrase,
                            pronoun=False,
                        )
                    break


SOURCING: Final = Product("sourcing", Sourcing, "the sourcing grade of every claim sentence")


def russian_grades(document: Document, cast: Cast) -> Sourcing:
    """The sourcing of a Russian document (:mod:`spinscope.detectors.sourcing_ru`)."""
    found = sourcing_ru.grade_sentences(document, cast, claim_sentences(document), DETECTOR)
    grades = {
        (g.start, g.end): SentenceGrade(
            g.start,
            g.end,
            g.grade,
            g.speaker,
            g.hedge,
            g.source,
            tuple(Attribution(**dataclasses.asdict(a)) for a in g.attributions),
        )
        for g in found.grades
    }
    return Sourcing(tuple(found.findings), grades)


def _run(document: Document, products: Products) -> Output:
    cast = products.find(CAST)
    if cast is None:
        return Output()
    russian = document.meta.language == "ru"
    sourcing = russian_grades(document, cast) if russian else grade_sentences(document, cast)
    return Output(findings=sourcing.findings, made={SOURCING: sourcing})


COMPONENT: Final = ComponentSpec(
    name=NAME,
    version=VERSION,
    kind="detector",
    factory=unconfigured(_run),
    requires=(CAST.key,),
    assigns=(SOURCING.key, "findings.sourcing"),
    layers={
        "sourcing": LayerLabels(labels_of(CUE_LABELS, {"named_with_link": "Named, with a link"}))
    },
    description="sourcing grades of claim sentences, with their cue words (rules)",
    title="sourcing",
    languages=frozenset({"en", "ru"}),
)
