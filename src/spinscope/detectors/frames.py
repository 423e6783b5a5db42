"""Allegation frames read from the dependency parse: who is accused of what, by whom.

A *frame* is one accusation in one sentence: the cue word, the type of wrongdoing, the accused
(actor ids), the accuser (a :class:`Source`, or None when the author asserts it), whether the
author keeps a distance (``hedged``) and whether the clause denies or negates it.

The accused is the argument the act is predicated of, never merely the nearest name:

* accusation verbs (:data:`~spinscope.detectors.allegation_lexicon.ACCUSATION_VERBS`): the
  object of the active verb ("prosecutors charged X"), the subject of the passive ("X was
  charged"), or the noun a participle modifies ("X, accused of fraud"); the accuser is the
  active subject or the passive's agent; the type comes from what the accused is accused of;
* act verbs ("embezzle", "lie"): the subject, through "tried to", "and" and relative clauses
  ("X, who embezzled"); a passive's agent ("was assaulted by X"); a victim never;
* act nouns ("fraud", "cover-up"): a possessor ("X's lies"), the subject of a verb of doing
  ("X committed fraud", "engaged in bribery"), the subject of "guilty of", the object of "by";
* wrongdoer nouns ("traitor", "liar"): the subject of "is", an apposition, the object of
  "called X a liar" (whose subject is the accuser);
* adjectives ("corrupt", "illegal"): the noun they modify when it names an actor, the subject
  of "is", the subject of the verb an adverb ("illegally") modifies.

The accused expands over coordination ("A and B") and appositions. Pronouns count when the
actors component resolved them. The accuser of a reported clause is the subject of its reporting
verb ("..., police said", "X told reporters that ..."), or the object of "according to".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from spinscope.detectors import allegation_lexicon as al

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_PASSIVE_SUBJECT: Final = frozenset({"nsubjpass", "csubjpass"})
_SUBJECT: Final = frozenset({"nsubj", "nsubjpass"})
_CLIMB: Final = frozenset({"xcomp", "conj", "advcl", "ccomp", "acomp"})
_RELATIVE: Final = frozenset({"who", "that", "which", "whom"})
_PRONOUNS: Final = frozenset({"he", "she", "him", "her", "his", "they", "them", "their"})
_PERSONAL: Final = frozenset({"he", "she", "him", "her"})
_COPULAS: Final = frozenset({"be", "become", "remain", "seem"})
_NAMING_VERBS: Final = frozenset({"call", "label", "brand", "dub", "name", "deem", "consider"})
# Verbs that say who a wrongdoer is: "police identified X as the suspect", "named the suspect
# as X".
_IDENTIFYING: Final = frozenset({"identify", "name", "list", "confirm", "describe", "reveal"})
_CLAIM_NOUNS: Final = frozenset(
    [
        "claim",
        "claims",
        "statement",
        "statements",
        "story",
        "stories",
        "allegation",
        "allegations",
        "accusation",
        "accusations",
        "information",
        "narrative",
        "narratives",
        "report",
        "reports",
        "news",
        "account",
    ]
)
_POWER: Final = frozenset(["power", "office", "authority", "position", "privilege"])
_DEFINITE: Final = frozenset(["the", "this", "that"])


@dataclass(frozen=True, slots=True)
class Source:
    """Who a frame rests on: an actor, an institution, or unnamed people."""

    kind: str  # "actor", "institution" or "anonymous"
    phrase: str  # the words of the source in the text
    actor: str | None = None  # the actor id when kind is "actor"


@dataclass(frozen=True, slots=True)
class Frame:
    """One accusation in a sentence (offsets into ``Document.text``)."""

    start: int
    end: int
    cue: str
    type: str
    targets: tuple[str, ...]
    source: Source | None  # None: the author asserts it
    hedged: bool
    negated: bool


class Reader:
    """The frames of one parsed sentence; ``actor_of`` maps a token index to actor ids."""

    def __init__(
        self,
        doc: Doc,
        offset: int,
        actor_of: Mapping[int, tuple[str, ...]],
        targets_allowed: frozenset[str],
        roles: Mapping[str, str] | None = None,
    ) -> None:
        self.doc = doc
        self.offset = offset
        self.actor_of = actor_of
        self.allowed = targets_allowed
        self.roles = roles or {}
        self.consumed: set[int] = set()

    # -- arguments -----------------------------------------------------------------------

    def refs(self, token: Token, depth: int = 0) -> list[str]:
        """The actors a noun phrase headed by ``token`` names (with its conjuncts)."""
        if depth > 6:
            return []
        found: list[str] = []
        if token.i in self.actor_of:
            found += self.actor_of[token.i]
        elif token.lower_ in _RELATIVE and token.head.dep_ == "relcl":
            found += self.refs(token.head.head, depth + 1)
        else:
            # "the Trump administration" names Trump; "the Steinle killer" not Steinle
            wrongdoer = token.lower_ in al.PERSON_NOUNS or token.lemma_ in al.PERSON_NOUNS
            for child in token.children:
                if child.dep_ == "appos" or (
                    child.dep_ == "compound" and child.i in self.actor_of and not wrongdoer
                ):
                    found += self.refs(child, depth + 1)
            if not found and token.dep_ in ("compound", "appos") and token.head.i in self.actor_of:
                found += self.actor_of[token.head.i]  # "Zarate, a Mexican national who ..."
            if not found and self.definite(token):
                found += [self.roles[token.lemma_.casefold()]]
        for child in token.children:
            if child.dep_ == "conj":
                found += self.refs(child, depth + 1)
        return [a for a in dict.fromkeys(found) if a in self.allowed]

    def definite(self, token: Token) -> bool:
        """``token`` heads a definite description of a role one actor has ("the mayor",
        "this defendant"), by :attr:`roles` (role noun -> actor id)."""
        if token.pos_ != "NOUN" or token.lemma_.casefold() not in self.roles:
            return False
        return any(
            (c.dep_ == "det" and c.lower_ in _DEFINITE) or c.dep_ == "poss" for c in token.children
        )

    def subject_of(self, verb: Token) -> Token | None:
        """The subject of ``verb``, climbing "tried to X", "X and Y" and participles."""
        current = verb
        for _ in range(6):
            for child in current.children:
                if child.dep_ in _SUBJECT:
                    return child
            if current.dep_ == "relcl" or (current.dep_ == "acl" and current.tag_ == "VBG"):
                return current.head  # "the man who hit X", "a photo of X groping Y": X
            if current.dep_ in _CLIMB and current.head.i != current.i:
                current = current.head
                continue
            return None
        return None

    def agent_of(self, verb: Token) -> Token | None:
        for child in verb.children:
            if child.dep_ == "agent":
                for grand in child.children:
                    if grand.dep_ == "pobj":
                        return grand
        return None

    @staticmethod
    def passive(verb: Token) -> bool:
        """A passive verb, or one with a "by" agent ("was witnessed and covered up by X")."""
        return any(c.dep_ in _PASSIVE_SUBJECT | {"auxpass", "agent"} for c in verb.children)

    def identifies(self, token: Token) -> bool:
        """``token`` refers to someone in particular: a name, a personal pronoun, or a noun
        with a determiner or possessor ("the officer", "a bishop", "these men", "his aide");
        not a bare plural ("people", "illegal aliens") or a word like "what" or "many"."""
        if token.i in self.actor_of or token.pos_ == "PROPN":
            return True
        if token.pos_ == "PRON":
            return token.lower_ in _PRONOUNS
        if token.pos_ != "NOUN":
            return False
        marks = {c.lower_ for c in token.children if c.dep_ == "det"}
        if any(c.dep_ == "poss" for c in token.children):
            return True
        if token.tag_ == "NNS":
            return bool(marks & {"the", "these", "those"})
        return bool(marks & {"the", "this", "that", "a", "an"})

    # -- types -----------------------------------------------------------------------------

    def type_in(self, tokens: Iterable[Token]) -> str | None:
        for token in tokens:
            kind = _act_type(token)
            if kind is not None:
                return kind
        return None

    def charge_type(self, verb: Token) -> str | None:
        """The type of what ``verb`` accuses of: its "of", "for", "with", "over" objects."""
        for child in verb.children:
            if child.dep_ in ("prep", "advcl") and child.lower_ in ("of", "for", "with", "over"):
                self.consumed.update(t.i for t in child.subtree)
                kind = self.type_in(child.subtree)
                if kind is not None:
                    return kind
        return None

    # -- frames ----------------------------------------------------------------------------

    def frames(self) -> Iterator[Frame]:
        for token in self.doc:
            if token.i in self.consumed:
                continue
            found = self._frame(token)
            if found is not None:
                yield found

    def _frame(self, token: Token) -> Frame | None:
        cue = self.cue(token)
        if cue is None:
            return None
        role, kind = cue
        if role == "accusation":
            return self._accusation(token, kind)
        if role == "claim_noun":
            return None  # names the accused (see :meth:`accused`), not an accusation of its own
        named, source = self.arguments(token, role)
        if role == "adjective" and token.dep_ == "amod" and token.head.i not in self.actor_of:
            if token.head.lemma_ in _CLAIM_NOUNS or token.head.lemma_ in al.ACT_NOUNS:
                token = token.head  # "fraudulent claims": the claims' maker
        elif role == "adjective" and token.lemma_ in al.LINKING_ADJECTIVES:
            kind = self.charge_type(token) or kind
        elif (
            role == "act"
            and token.lemma_ == "abuse"
            and any(c.dep_ == "dobj" and c.lemma_ in _POWER for c in token.children)
        ):
            kind = "other"  # abuse of power
        targets = [t for n in named for t in self.refs(n)]
        if not targets:
            return None
        given = self.source(source) if source is not None else None
        return self._make(token, kind, list(dict.fromkeys(targets)), given)

    def cue(self, token: Token) -> tuple[str, str] | None:
        """(role, type) of a cue word: "accusation" (its type from what it accuses of, else
        the verb's own), "act", "act_noun", "wrongdoer" or "adjective"; None for other words."""
        lemma = token.lemma_.casefold()
        lower = token.lower_
        pos = token.pos_
        if token.i in self.actor_of:
            return None  # the word is part of a name ("the Liar's Club", "Criminal Court")
        if pos in ("VERB", "AUX") and lemma in al.ACCUSATION_VERBS:
            return ("accusation", lemma)
        if pos == "VERB":
            kind = _verb_type(token)
            if kind is not None:
                return ("act", kind)
        if pos == "NOUN" and lemma in al.ACCUSATION_NOUNS and self._claim_accused(token):
            return ("claim_noun", al.ACCUSED_OF_DEFAULT)
        if pos in ("NOUN", "PROPN"):
            if lower in al.PERSON_NOUNS or lemma in al.PERSON_NOUNS:
                return ("wrongdoer", al.PERSON_NOUNS.get(lower) or al.PERSON_NOUNS[lemma])
            kind = al.ACT_NOUNS.get(lower) or al.ACT_NOUNS.get(lemma)
            if kind is not None:
                return ("act_noun", kind)
        if pos in ("ADJ", "ADV") and (lower in al.ADJECTIVES or lemma in al.ADJECTIVES):
            return ("adjective", al.ADJECTIVES.get(lower) or al.ADJECTIVES[lemma])
        return None

    def accused(self, token: Token) -> list[Token] | None:
        """The words the parse makes the accused of the cue ``token`` (named actors or not);
        None when ``token`` is no cue or the parse shows nobody it is predicated of."""
        cue = self.cue(token)
        if cue is None:
            return None
        if cue[0] == "accusation":
            accused = self._accusation_args(token)[0]
            return [accused] if accused is not None else None
        return self.arguments(token, cue[0])[0] or None

    def arguments(self, token: Token, role: str) -> tuple[list[Token], Token | None]:
        """(the accused words, the accuser word) of a cue of ``role`` other than accusation."""
        if role == "act":
            doer = self.agent_of(token) if self.passive(token) else self.subject_of(token)
            if doer is None or doer.dep_ in _PASSIVE_SUBJECT:
                return ([], None)  # the one the act was done to is never its doer
            return ([doer], None)
        if role == "act_noun":
            return (self._act_noun_doers(token), None)
        if role == "wrongdoer":
            return self._wrongdoer_named(token)
        if role == "adjective":
            return (self._adjective_named(token), None)
        if role == "claim_noun":
            return (self._claim_accused(token), None)
        return ([], None)

    def _claim_accused(self, noun: Token) -> list[Token]:
        """The accused words of an accusation noun: "allegations (of abuse) against X", "the X
        allegations", "X's accuser"; none when the noun is what a denial denies."""
        if noun.dep_ == "dobj" and noun.head.lemma_.casefold() in al.DENIALS:
            return []  # "X denied the allegations against him": a denial
        named: list[Token] = []
        heads = [noun]  # the noun, and the "of" objects under it ("claims of abuse against X")
        for _ in range(3):
            for head in heads:
                named += [
                    g
                    for c in head.children
                    if c.dep_ == "prep" and c.lower_ == "against"
                    for g in c.children
                    if g.dep_ == "pobj"
                ]
            heads = [
                g
                for head in heads
                for c in head.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children
                if g.dep_ == "pobj"
            ]
        lemma = noun.lemma_.casefold()
        if lemma in al.ACCUSATION_COMPOUND_NOUNS:
            named += [c for c in noun.children if c.dep_ == "compound" and c.i in self.actor_of]
        if lemma == "accuser":
            named += [c for c in noun.children if c.dep_ == "poss" and c.i in self.actor_of]
        return [n for n in named if n.i in self.actor_of or self.identifies(n)]

    def _accusation_args(self, verb: Token) -> tuple[Token | None, Token | None, bool]:
        """(accused, accuser, passive) of an accusation verb."""
        clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
        if (
            clause is not None
            and verb.lemma_.casefold() in al.CLAUSE_ACCUSATION_VERBS
            and not any(c.dep_ == "dobj" for c in verb.children)
        ):
            # "Y alleged that X dragged her": X; "... that she was attacked by X": X
            accused = (
                self.agent_of(clause)
                if self.passive(clause)
                else next((c for c in clause.children if c.dep_ == "nsubj"), None)
            )
            accuser = verb.head if verb.dep_ in ("acl", "relcl") else self.subject_of(verb)
            return accused, accuser, False
        participle = verb.dep_ == "acl" and verb.tag_ == "VBN"
        passive = participle or self.passive(verb)
        if participle:
            return verb.head, self.agent_of(verb), True
        if passive:
            accused = next((c for c in verb.children if c.dep_ in _PASSIVE_SUBJECT), None)
            if accused is None and verb.dep_ in ("conj", "xcomp"):
                accused = self.subject_of(verb.head)
            return accused, self.agent_of(verb), True
        accused = next((c for c in verb.children if c.dep_ == "dobj"), None)
        return accused, self.subject_of(verb), False

    def _accusation(self, verb: Token, lemma: str) -> Frame | None:
        kind = self.charge_type(verb) or al.ACCUSATION_VERBS[lemma] or al.ACCUSED_OF_DEFAULT
        accused, source, passive = self._accusation_args(verb)
        if accused is None:
            return None
        targets = self.refs(accused)
        if not targets:
            return None
        hedged = passive and source is None and lemma in ("accuse", "suspect", "allege")
        given = self.source(source) if source is not None else None
        return self._make(verb, kind, targets, given, hedged=hedged)

    def _act_noun_doers(self, noun: Token) -> list[Token]:
        doers: list[Token] = [c for c in noun.children if c.dep_ == "poss"]
        doers += [
            g
            for c in noun.children
            if c.dep_ == "prep" and c.lower_ == "by"
            for g in c.children
            if g.dep_ == "pobj"
        ]
        doers += [c for c in noun.children if c.dep_ == "compound" and c.i in self.actor_of]
        head = noun.head
        if (
            noun.dep_ == "pobj"
            and head.dep_ in ("prep", "agent")
            and head.lower_ in ("in", "of", "for")
        ):
            governor = head.head
            if governor.lemma_ in al.DOING_VERBS or governor.lemma_ in al.LINKING_ADJECTIVES:
                subject = self.subject_of(governor)
                if subject is not None:
                    doers.append(subject)
        elif noun.dep_ in ("dobj", "attr") and head.lemma_ in al.DOING_VERBS:
            subject = self.subject_of(head)
            if subject is not None:
                doers.append(subject)
        return doers

    def _wrongdoer_named(self, noun: Token) -> tuple[list[Token], Token | None]:
        head = noun.head
        source: Token | None = None
        named: list[Token] = []
        if noun.dep_ == "attr" and head.lemma_ in _COPULAS:
            subject = self.subject_of(head)
            if subject is not None:
                named.append(subject)
        elif noun.dep_ == "oprd" and head.lemma_ in _NAMING_VERBS:
            named += [c for c in head.children if c.dep_ == "dobj"]
            source = self.subject_of(head)
        elif noun.dep_ == "appos" or (noun.dep_ == "compound" and head.i in self.actor_of):
            named.append(head)
        elif noun.dep_ == "pobj" and head.lower_ == "as" and head.head.lemma_ in _IDENTIFYING:
            # "police identified X as a suspect": the verb's object, its subject the source
            named += [c for c in head.head.children if c.dep_ == "dobj"]
            source = self.subject_of(head.head)
        elif noun.dep_ == "dobj" and head.lemma_ in _IDENTIFYING:
            # "police identified the suspect as X" (the "as" phrase read anywhere after it)
            named += [
                c
                for word in head.subtree
                if word.i > noun.i and word.lower_ == "as" and word.dep_ == "prep"
                for c in word.children
                if c.dep_ == "pobj"
            ][:1]
            source = self.subject_of(head)
        named += [c for c in noun.children if c.dep_ == "appos"]
        return named, source

    def _adjective_named(self, word: Token) -> list[Token]:
        head = word.head
        named: list[Token] = []
        if word.dep_ == "amod":
            if head.i in self.actor_of or any(c.dep_ == "appos" for c in head.children):
                named.append(head)
            elif head.lemma_ in _CLAIM_NOUNS or head.lemma_ in al.ACT_NOUNS:
                named += self._act_noun_doers(head)
        elif (word.dep_ in ("acomp", "attr") and head.lemma_ in _COPULAS) or (
            word.dep_ == "advmod" and head.pos_ == "VERB"
        ):
            subject = self.subject_of(head)
            if subject is not None:
                named.append(subject)
        return named

    # -- sources, hedges, negation -----------------------------------------------------------

    def source(self, token: Token) -> Source | None:
        """What a speaker or accuser token stands for."""
        phrase = _phrase(token)
        actors = [a for a in self.refs(token)]
        if actors:
            return Source("actor", phrase, actors[0])
        lemma = token.lemma_.casefold()
        if token.lower_ in _PRONOUNS or token.pos_ == "PRON":
            if token.lower_ in ("i", "we"):
                return None
            if token.lower_ in _PERSONAL:
                # "she has accused X": someone the text has named, though not resolved here
                return Source("institution", phrase)
            return Source("anonymous", phrase)
        words = {t.lemma_.casefold() for t in token.subtree}
        if lemma in al.ANONYMOUS_SPEAKERS or token.lower_ in al.ANONYMOUS_SPEAKERS:
            return Source("anonymous", phrase)
        determiners = {c.lower_ for c in token.children if c.dep_ in ("det", "poss", "nummod")}
        if lemma in al.INSTITUTIONS or words & al.INSTITUTIONS:
            if determiners & {"a", "an", "one", "some", "several"}:
                return Source("anonymous", phrase)
            return Source("institution", phrase)
        if determiners & {"the", "his", "her", "their", "its"} or any(
            c.dep_ == "poss" for c in token.children
        ):
            return Source("institution", phrase)  # a described, identifiable source
        return Source("anonymous", phrase)

    def reporter(self, token: Token) -> Source | None:
        """The source a clause containing ``token`` is reported from, if the parse shows one."""
        current = token
        for _ in range(12):
            head = current.head
            if head.i == current.i:
                break
            if current.dep_ in ("ccomp", "parataxis", "xcomp", "advcl") and (
                head.lemma_.casefold() in al.REPORTING_VERBS
            ):
                speaker = self.subject_of(head)
                if speaker is None or self.passive(head):
                    speaker = self.agent_of(head)
                return self.source(speaker) if speaker is not None else None
            current = head
        for t in self.doc:
            if t.lower_ == "according":
                for to in t.children:
                    for pobj in to.children:
                        if pobj.dep_ == "pobj":
                            return self.source(pobj)
        root = next((t for t in self.doc if t.dep_ == "ROOT"), None)
        reports = root is not None and (
            root.i != token.i or any(c.dep_ in ("dobj", "ccomp") for c in root.children)
        )  # "X reported the names of ...": the whole sentence is X's report
        if root is not None and reports and root.lemma_.casefold() in al.REPORTING_VERBS:
            speaker = self.subject_of(root)
            if speaker is not None and token in list(root.subtree):
                return self.source(speaker)
        return None

    def negated(self, token: Token) -> bool:
        current = token
        for _ in range(10):
            for child in current.children:
                if child.dep_ == "neg" or child.lower_ in ("never", "no"):
                    return True
            if current.lemma_.casefold() in al.DENIALS and current.i != token.i:
                return True
            head = current.head
            if head.i == current.i:
                return False
            if current.dep_ in (
                "ccomp",
                "xcomp",
                "pcomp",
                "pobj",
                "prep",
                "dobj",
                "attr",
                "acomp",
                "advcl",
                "conj",
                "amod",
                "advmod",
                "oprd",
                "relcl",
                "nsubjpass",
                "nsubj",
            ):
                current = head
                continue
            return False
        return False

    def hedged(self, token: Token) -> bool:
        for t in (token, *token.ancestors):
            for child in t.children:
                if child.lower_ in al.HEDGES or (
                    child.dep_ == "amod" and child.lower_ == "alleged"
                ):
                    return True
        return False

    def _make(
        self,
        cue: Token,
        kind: str,
        targets: list[str],
        source: Source | None,
        *,
        hedged: bool = False,
    ) -> Frame | None:
        if source is None:
            source = self.reporter(cue)
        if source is not None and source.kind == "actor" and source.actor in targets:
            # "X admitted ..." is X's own word; the author asserts the rest
            source = None if cue.lemma_ not in al.ACCUSATION_VERBS else source
        clause = _clause(cue)
        start = self.offset + min(t.idx for t in clause)
        end = self.offset + max(t.idx + len(t.text) for t in clause)
        self.consumed.update(t.i for t in cue.subtree)
        return Frame(
            start=start,
            end=end,
            cue=cue.text,
            type=kind,
            targets=tuple(targets),
            source=source,
            hedged=hedged or self.hedged(cue),
            negated=self.negated(cue),
        )


def _verb_type(token: Token) -> str | None:
    lemma = token.lemma_.casefold()
    for child in token.children:
        if child.dep_ == "prt" and (lemma, child.lower_) in al.PHRASAL_ACTS:
            return al.PHRASAL_ACTS[(lemma, child.lower_)]
    if lemma == "lie":
        # "lied about", "lied to": not "lies in", "lying on the floor"
        if token.lower_ == "lied" or any(
            c.dep_ == "prep" and c.lower_ in ("about", "to", "under") for c in token.children
        ):
            return "lying"
        return None
    return al.ACT_VERBS.get(lemma)


def _act_type(token: Token) -> str | None:
    lemma = token.lemma_.casefold()
    lower = token.lower_
    if token.pos_ == "VERB":
        return _verb_type(token) or al.ACT_VERBS.get(lemma)
    for table in (al.ACT_NOUNS, al.PERSON_NOUNS, al.ADJECTIVES, al.ATTACK_NOUNS):
        if lower in table:
            return table[lower]
        if lemma in table:
            return table[lemma]
    return None


def _clause(token: Token) -> list[Token]:
    """The tokens of the clause a cue belongs to: the subtree of its nearest verb."""
    head = token
    for _ in range(4):
        if head.pos_ in ("VERB", "AUX") or head.head.i == head.i:
            break
        head = head.head
    return [t for t in head.subtree if not t.is_space] or [token]


def _phrase(token: Token) -> str:
    tokens = [t for t in token.subtree if t.dep_ not in ("relcl", "acl", "punct")]
    if len(tokens) > 8:
        tokens = [token]
    return re.sub(r"\s+", " ", " ".join(t.text for t in tokens)).strip()
