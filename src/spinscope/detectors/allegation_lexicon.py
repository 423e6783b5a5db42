"""The words allegation frames are built from, by lemma, each with the type of wrongdoing it names.

spinscope's own lists, written for news and opinion in English. A word appears under the part of
speech it plays in a frame: *accusation verbs* name an accuser and an accused ("accuse", "charge",
"arrest"); *act verbs* are done by the accused ("embezzle", "lie", "torture"); *act nouns* name
the wrongdoing ("fraud", "cover-up"); *person nouns* name the wrongdoer ("traitor", "liar");
*adjectives* describe the wrongdoer or the act ("corrupt", "guilty", "illegal").

Types: ``crime``, ``corruption``, ``foreign_funding``, ``disloyalty``, ``extremism``,
``hypocrisy``, ``abuse``, ``lying`` and ``other`` (cover-ups, intimidation, abuse of power,
deceptive ploys).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

ALLEGATION_TYPES: Final = (
    "crime",
    "corruption",
    "foreign_funding",
    "disloyalty",
    "extremism",
    "hypocrisy",
    "abuse",
    "lying",
    "other",
)


def _table(spec: dict[str, str]) -> dict[str, str]:
    """{type: "word word ..."} as {word: type}; a word listed twice keeps its first type."""
    table: dict[str, str] = {}
    for kind, words in spec.items():
        for word in words.split():
            table.setdefault(word.replace("_", " "), kind)
    return table


# Verbs whose object (active) or subject (passive) is the accused; None: the type comes from
# what the accused is accused of ("accused of fraud").
ACCUSATION_VERBS: Final[dict[str, str | None]] = {
    "accuse": None,
    "charge": "crime",
    "indict": "crime",
    "arrest": "crime",
    "detain": "crime",
    "convict": "crime",
    "prosecute": "crime",
    "jail": "crime",
    "imprison": "crime",
    "sentence": "crime",
    "sue": None,
    "blame": None,
    "suspect": None,
    "implicate": None,
    "fine": "crime",
    "extradite": "crime",
    "allege": None,
}

ACT_VERBS: Final = _table(
    {
        "crime": """
            murder kill assassinate shoot stab steal rob loot smuggle launder defraud swindle
            scam forge counterfeit extort blackmail kidnap abduct hack trespass vandalize
            vandalise burgle poison bomb perjure obstruct traffic stalk loot evade pilfer
            violate
            """,
        "corruption": """
            embezzle bribe siphon misappropriate pocket skim rig plunder fleece
            """,
        "foreign_funding": "",
        "disloyalty": "betray collude spy",
        "extremism": "incite radicalize radicalise",
        "hypocrisy": "",
        "abuse": """
            rape molest assault abuse torture threaten harass grope brutalize brutalise
            batter strangle choke terrorize terrorise bully
            """,
        "lying": """
            lie fabricate falsify deceive mislead smear slander libel defame distort
            misrepresent doctor obfuscate
            """,
        "other": """
            conceal intimidate cheat manipulate sabotage persecute coerce silence censor
            mishandle
            """,
    }
)

# Two-word acts: verb lemma and particle ("cover up", "make up").
PHRASAL_ACTS: Final[dict[tuple[str, str], str]] = {
    ("cover", "up"): "other",
    ("make", "up"): "lying",
    ("siphon", "off"): "corruption",
    ("rip", "off"): "corruption",
    ("sell", "out"): "disloyalty",
}

ACT_NOUNS: Final = _table(
    {
        "crime": """
            crime murder killing homicide assassination fraud theft robbery smuggling laundering
            forgery extortion blackmail kidnapping trafficking perjury felony felonies
            obstruction racketeering hacking arson shooting stabbing manslaughter larceny
            burglary misconduct wrongdoing scam crimes violation violations
            """,
        "corruption": """
            corruption bribery bribe bribes kickback kickbacks embezzlement graft cronyism
            nepotism misappropriation money_laundering self-dealing payoff payoffs
            """,
        "foreign_funding": "",
        "disloyalty": "treason betrayal collusion espionage sedition coup",
        "extremism": """
            incitement extremism terrorism radicalism jihad anti-semitism antisemitism bigotry
            racism hatred
            """,
        "hypocrisy": "hypocrisy",
        "abuse": """
            rape abuse assault torture harassment molestation brutality violence threats threat
            """,
        "lying": """
            lie lies hoax smear smears falsehood falsehoods fabrication disinformation
            misinformation propaganda slander libel deception perjury fake
            """,
        "other": "cover-up coverup intimidation manipulation persecution censorship",
    }
)

# Nouns for the wrongdoer: "X is a traitor", "the criminal X".
PERSON_NOUNS: Final = _table(
    {
        "crime": """
            criminal criminals murderer killer thief crook felon gangster mobster smuggler
            fraudster conman con_man trafficker suspect perpetrator hacker
            assassin
            """,
        "corruption": "embezzler",
        "foreign_funding": "puppet stooge",
        "disloyalty": "traitor traitors spy spies collaborator quisling turncoat saboteur",
        "extremism": """
            extremist extremists terrorist terrorists radical radicals jihadist jihadists
            fanatic fanatics supremacist supremacists neo-nazi nazi fascist bigot bigots racist
            racists anti-semite anti-semites antisemite antisemites
            """,
        "hypocrisy": "hypocrite hypocrites",
        "abuse": "rapist abuser predator molester torturer pedophile paedophile bully",
        "lying": "liar liars fraud propagandist",
        "other": "",
    }
)

ADJECTIVES: Final = _table(
    {
        "crime": """
            illegal illegally unlawful unlawfully criminal criminally fraudulent fraudulently
            guilty felonious
            """,
        "corruption": "corrupt corruptly crooked venal",
        "foreign_funding": "foreign-funded foreign-backed foreign-financed",
        "disloyalty": "treasonous treacherous traitorous disloyal seditious",
        "extremism": "extremist radical fanatical anti-semitic antisemitic bigoted hateful",
        "hypocrisy": "hypocritical",
        "abuse": "abusive",
        "lying": "dishonest deceitful mendacious false fake bogus",
        "other": "",
    }
)

# Inflections that do not start with their lemma's stem.
IRREGULAR_FORMS: Final = frozenset(
    ["stole", "stolen", "shot", "slain", "slew", "bought", "hid", "hidden", "sold", "misled"]
)

# What "accused of ..." names, when the object is not in the tables above.
ACCUSED_OF_DEFAULT: Final = "other"

# Nouns that name an accusation: the accused is what they are "against" ("allegations of abuse
# against X"), the name compounded with some of them ("the X allegations"), or the possessor of
# "accuser" ("X's accuser").
ACCUSATION_NOUNS: Final = frozenset(
    [
        "accusation",
        "allegation",
        "charge",
        "claim",
        "complaint",
        "lawsuit",
        "suit",
        "indictment",
        "case",
        "accuser",
    ]
)
# Of those, the nouns whose compounded name is the accused ("the X allegations"), not the
# accuser.
ACCUSATION_COMPOUND_NOUNS: Final = frozenset(["accusation", "allegation", "accuser"])
# Accusation verbs whose reported clause, with no object, holds the accused ("alleged that X
# dragged her": X).
CLAUSE_ACCUSATION_VERBS: Final = frozenset(["allege", "charge"])

# Verbs that report speech; their subject is the speaker of the clause they govern.
REPORTING_VERBS: Final = frozenset(
    [
        "say",
        "tell",
        "claim",
        "allege",
        "accuse",
        "write",
        "tweet",
        "post",
        "add",
        "insist",
        "argue",
        "state",
        "report",
        "testify",
        "assert",
        "announce",
        "note",
        "charge",
        "contend",
        "declare",
        "explain",
        "warn",
        "complain",
        "reveal",
        "confirm",
        "suggest",
        "maintain",
        "admit",
        "acknowledge",
        "recall",
        "describe",
        "call",
        "believe",
        "think",
        "suspect",
        "conclude",
        "find",
        "show",
        "allege",
        "affirm",
        "stress",
        "emphasize",
        "emphasise",
        "repeat",
        "testify",
        "swear",
    ]
)

# Speakers that are on-record bodies or documents: graded named.
INSTITUTIONS: Final = frozenset(
    [
        "police",
        "prosecutor",
        "prosecutors",
        "authorities",
        "authority",
        "ministry",
        "department",
        "court",
        "judge",
        "jury",
        "government",
        "officials",
        "investigators",
        "investigator",
        "agency",
        "affidavit",
        "complaint",
        "indictment",
        "filing",
        "filings",
        "documents",
        "document",
        "lawsuit",
        "suit",
        "report",
        "statement",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "prosecution",
        "fbi",
        "sheriff",
        "commission",
        "committee",
        "office",
    ]
)

# Speakers that are not identified: graded anonymous.
ANONYMOUS_SPEAKERS: Final = frozenset(
    [
        "source",
        "sources",
        "insider",
        "insiders",
        "witness",
        "witnesses",
        "someone",
        "somebody",
        "people",
        "critics",
        "observers",
        "residents",
        "locals",
        "activists",
        "others",
        "many",
        "some",
        "experts",
        "person",
    ]
)

# Words that distance the author from a clause: graded hedged.
HEDGES: Final = frozenset(
    [
        "allegedly",
        "reportedly",
        "purportedly",
        "supposedly",
        "apparently",
        "seemingly",
        "possibly",
        "presumably",
    ]
)

# Verbs that deny, clear or refute what their clause says.
DENIALS: Final = frozenset(
    [
        "deny",
        "refute",
        "reject",
        "dismiss",
        "disprove",
        "debunk",
        "clear",
        "acquit",
        "exonerate",
        "absolve",
    ]
)

# Verbs whose subject commits the act its object names ("commit fraud", "engage in bribery").
DOING_VERBS: Final = frozenset(
    [
        "commit",
        "engage",
        "perpetrate",
        "orchestrate",
        "carry",
        "mastermind",
        "plot",
        "plan",
        "spread",
        "peddle",
        "tell",
        "push",
        "organize",
        "organise",
        "lead",
        "run",
        "direct",
        "order",
        "participate",
        "involve",
        "conduct",
        "make",
    ]
)

# Adjectives that link a subject to an act noun ("guilty of fraud", "responsible for the attack").
LINKING_ADJECTIVES: Final = frozenset(
    ["guilty", "responsible", "culpable", "complicit", "involved"]
)

# Nouns for what may name an act without naming its doer ("the attack"), typed when in a frame.
ATTACK_NOUNS: Final = _table({"crime": "attack attacks bombing bombings massacre raid"})


def cue_pattern() -> re.Pattern[str]:
    """A pattern for a sentence that may hold a frame: a word of any list, in any inflection."""
    words: set[str] = set(ACCUSATION_VERBS) | set(ACT_VERBS) | set(ACT_NOUNS)
    words |= set(PERSON_NOUNS) | set(ADJECTIVES) | {verb for verb, _ in PHRASAL_ACTS}
    words |= IRREGULAR_FORMS
    return re.compile(_alternation(_term(w) for w in words), re.IGNORECASE)


# The endings a short word (one :func:`_stem` leaves whole) takes in its inflections and
# derivations, its last consonant doubled or not: "rig" in "rigged", not in "right"; "rob" in
# "robbery", not in "Robert"; "coup" in "coups", not in "coupled".
_SHORT_ENDINGS: Final = r"(?:s|es|d|ed|ing|ings|er|ers|ery)"


def _term(word: str) -> str:
    """The pattern of ``word``'s inflections: its stem as a prefix, or, for a short word and an
    irregular form, the word with one of :data:`_SHORT_ENDINGS` and a word boundary."""
    stem = _stem(word)
    if stem != word or len(word) > 4 or " " in word:
        return re.escape(stem)
    doubled = word[-1] if word[-1] not in "aeiouy" else ""
    ending = rf"(?:{re.escape(doubled)}?{_SHORT_ENDINGS})?" if doubled else f"{_SHORT_ENDINGS}?"
    if word.endswith("y"):
        return rf"(?:{re.escape(word)}{ending}|{re.escape(word[:-1])}ie[sd])\b"
    return rf"{re.escape(word)}{ending}\b"


def _alternation(terms: Iterable[str]) -> str:
    """One pattern of the terms, the longest first, each starting at a word boundary."""
    ordered = sorted(set(terms), key=lambda t: (-len(t), t))
    return r"\b(?:" + "|".join(ordered) + ")"


def _stem(word: str) -> str:
    """A prefix of ``word`` shared by its inflections ("accus" for accuse, accused, accusing)."""
    if len(word) <= 4:
        return word
    for ending in ("ize", "ise", "ate", "ed", "es", "e", "s", "y"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


# Nouns whose possessor suffers the act, never commits it: "X's death", "X's murder".
VICTIM_NOUNS: Final = frozenset(
    _table(
        {
            "victim": """
                death murder killing killer killers murderer shooting stabbing assassination
                kidnapping rape assault torture abuse beating door home house family body life
                victim
                """
        }
    )
)

# Nouns whose possessor examines the act: "X's inquiry into the fraud" accuses nobody of it.
INQUIRY_NOUNS: Final = frozenset(
    _table({"inquiry": "inquiry investigation probe study report review audit hearing"})
)

IRREGULAR_TYPES: Final = {
    "stole": "crime",
    "stolen": "crime",
    "shot": "crime",
    "slain": "crime",
    "slew": "crime",
    "bought": "corruption",
    "hid": "other",
    "hidden": "other",
    "misled": "lying",
}


def type_patterns() -> dict[str, re.Pattern[str]]:
    """For each type, a pattern of its words in any inflection: the type of a sentence the
    scorer finds when no frame or rule names one (its earliest word decides)."""
    by_type: dict[str, set[str]] = {kind: set() for kind in ALLEGATION_TYPES}
    for table in (ACT_VERBS, ACT_NOUNS, PERSON_NOUNS, ADJECTIVES, ATTACK_NOUNS):
        for word, kind in table.items():
            by_type[kind].add(_term(word))
    for verb, verb_kind in ACCUSATION_VERBS.items():
        if verb_kind is not None:
            by_type[verb_kind].add(_term(verb))
    for (verb, particle), kind in PHRASAL_ACTS.items():
        by_type[kind].add(re.escape(f"{verb} {particle}"))
    for word, kind in IRREGULAR_TYPES.items():
        by_type[kind].add(_term(word))
    return {
        kind: re.compile(_alternation(terms), re.IGNORECASE)
        for kind, terms in by_type.items()
        if terms
    }


# Verbs whose object is a subject of study or work, not a deed of their subject ("the institute
# studies extremism", "the unit tracks fraud"): a sentence built on one accuses its subject of
# nothing.
TOPIC_VERBS: Final = frozenset(
    [
        "study",
        "research",
        "monitor",
        "track",
        "analyse",
        "analyze",
        "examine",
        "document",
        "investigate",
        "cover",
        "teach",
        "survey",
        "catalogue",
        "catalog",
        "map",
        "chronicle",
        "measure",
        "review",
    ]
)
