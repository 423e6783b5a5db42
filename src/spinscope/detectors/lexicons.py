"""spinscope's own word lists for actors, descriptors, sourcing and allegations.

Written for this project (not taken from any published lexicon). Words are lower case; phrase
patterns are regular expressions matched case-insensitively on the text of one sentence.
"""

from __future__ import annotations

import re
from typing import Final

from spinscope.detectors import allegation_lexicon


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Role and title nouns: offices, professions and the labels writers give people and groups.
ROLE_NOUNS: Final = _words(
    """
    mp mps minister ministers deputy deputies president presidents chairman chairwoman chair
    chairperson head heads leader leaders member members secretary spokesman spokeswoman
    spokesperson official officials director directors founder founders initiator initiators
    governor mayor senator senators ambassador envoy diplomat judge prosecutor lawyer lawyers
    journalist journalists reporter reporters editor editors blogger bloggers writer writers
    author columnist commentator commentators analyst analysts scientist scientists expert
    experts professor researcher economist historian activist activists campaigner campaigners
    figure figures opponent opponents critic critics supporter supporters advocate adviser
    advisor aide aides businessman businesswoman oligarch entrepreneur banker investor
    manager executive ceo chief officer commander general colonel priest cleric bishop
    candidate politician politicians lawmaker lawmakers deputy-minister vice-president
    representative representatives agent agents propagandist propagandists nationalist
    nationalists separatist separatists extremist extremists radical radicals provocateur
    provocateurs traitor traitors puppet puppets stooge stooges lobbyist lobbyists
    organiser organizer organisers organizers volunteer volunteers partner consultant
    dockworker dockworkers student students teacher doctor nurse engineer farmer
    biologist biologists chemist physicist ecologist sociologist psychologist lawyer
    commissioner inspector auditor accountant trustee
    """
)
# Words that mark a name as an organisation's.
ORG_WORDS: Final = _words(
    """
    foundation agency union organization organisation ministry party council committee bank
    fund company inc ltd llc group institute university embassy association federation
    congress parliament assembly court office service centre center network corporation
    board commission trust society movement front league patrol department academy authority
    """
)
# First words that make a short name a place's ("Port Ellery", "Lake Vass", "Mount Orr").
PLACE_PREFIXES: Final = _words(
    """
    port lake mount fort cape glen gulf bay isle river
    """
)
# Capitalised titles written straight before a name ("President Tokayev", "Dr Lenn").
TITLE_WORDS: Final = _words(
    """
    president prime minister deputy mp senator governor mayor ambassador general colonel
    judge dr mr mrs ms professor prof sir lord lady chairman chairwoman secretary king queen
    prince princess sheikh minister-president vice speaker chancellor premier councillor
    councilor councilman councilwoman alderman congressman congresswoman assemblyman
    assemblywoman sheriff detective sergeant lieutenant inspector bishop cardinal pope rev
    rev. reverend rabbi imam sen. rep. gov.
    """
)
# Modifiers that make a descriptor evaluative (loaded) rather than a neutral office or trade.
EVALUATIVE: Final = _words(
    """
    extreme extremist radical notorious infamous outspoken russophobic russophobe so-called
    self-proclaimed self-styled corrupt puppet stooge traitor traitorous disgraced shameless
    fanatical fanatic rabid militant nationalist ultranationalist chauvinist chauvinistic
    xenophobic hateful hate-filled notorious odious scandalous dubious shady infamous
    discredited failed fake pseudo pseudo-expert fringe hardline hard-line zealous zealot
    provocateur provocateurs propagandist propagandists agitator agitators extremists
    separatist separatists radicals traitors puppets stooges russophobes anti-national
    """
)
# Neutral modifiers of a role noun that may stand between a determiner and the role noun.
NEUTRAL_MODIFIERS: Final = _words(
    """
    former deputy senior junior chief acting local regional national federal state public
    political independent prominent well-known young veteran opposition human rights
    investigative freelance parliamentary civic civil senior-level leading first vice
    """
)
# Adjective-like endings that let an unknown lower-case word count as a modifier.
MODIFIER_ENDINGS: Final = (
    "al",
    "ic",
    "ist",
    "ian",
    "ive",
    "ous",
    "ern",
    "ary",
    "ful",
    "ish",
)
# Words that never belong to a descriptor (they end its leftward scan).
STOP: Final = _words(
    """
    a an the and or but nor of in on at to for from by with as is are was were be been being
    it its this that these those he she they we you i his her their our your my him them us
    not no do does did has have had will would can could should may might must shall than
    there here which who whom whose what when where why how all any each some such very just
    also only into over under about after before again more most other own same too alongside
    among against between during without within including like via per while since until
    meanwhile however yet still even then later today yesterday now
    """
)
# Nationality and language adjectives the model sometimes takes for people or organisations.
DEMONYMS: Final = _words(
    """
    american americans british russian russians ukrainian ukrainians kazakh kazakhs german
    germans french chinese japanese korean polish turkish georgian armenian azerbaijani
    belarusian uzbek kyrgyz tajik turkmen european europeans western eastern soviet
    post-soviet norvalian norvalians eastlandic
    """
)

# Phrases that point back to the people just named: "these activists", "this group".
GROUP_REFERENCE: Final = re.compile(
    r"\b(?:these|those|the above|the said|this|that)\s+(?:(?:\w+|\w+-\w+)\s+)?"
    r"(?:activists|individuals|people|persons|figures|bloggers|journalists|men|women|"
    r"group|groups|organisations|organizations|critics|officials|politicians|personalities|"
    r"characters|agents|gentlemen|ladies)\b",
    re.IGNORECASE,
)

# Sourcing cues.
SPEECH_VERBS: Final = _words(
    """
    said says say told tells stated states claimed claims insisted insists argued argues
    declared declares alleged alleges asserted asserts explained explains warned warns
    """
)
# Verbs that report speech only when "that", a quotation or a colon follows them.
REPORTING_VERBS: Final = SPEECH_VERBS | _words(
    """
    wrote writes added adds noted notes announced announces maintained maintains confirmed
    confirms denied denies reported reports tweeted posted recalled recalls admitted admits
    stressed stresses emphasised emphasized emphasises emphasizes suggested suggests
    acknowledged acknowledges revealed reveals disclosed discloses accused accuses testified
    testifies dismissed dismisses described describes called calls
    """
)
ACCORDING_TO: Final = re.compile(r"\baccording to\b", re.IGNORECASE)
ANONYMOUS: Final = re.compile(
    r"\b(?:our|my|the|several|some|two|three|many|unnamed|anonymous|informed|reliable|"
    r"multiple|other)?\s*sources?\b(?:\s+(?:close to|in|inside|within|familiar with)\b)?"
    r"|\b(?:an?|one)\s+(?:senior\s+|former\s+|local\s+)?"
    r"(?:source|insider|official|guest|witness|resident|employee|diplomat|participant)\b"
    r"(?=[^.]{0,60}\b(?:said|says|told|tells|claimed|claims|stated|added|confirmed|revealed)\b)"
    r"|\binsiders?\b"
    r"|\bofficials? who spoke on (?:the\s+)?condition of anonymity\b"
    r"|\bon (?:the\s+)?condition of anonymity\b"
    r"|\bwho (?:asked|wished|preferred) not to be (?:named|identified)\b"
    r"|\b(?:people|those|persons) (?:familiar with|close to)\b"
    r"|\b(?:dockworkers|residents|locals|workers|witnesses|employees|observers) (?:we|who)"
    r" (?:spoke|talked) to\b"
    r"|\bwe (?:have )?(?:learned|learnt|were told|have been told)\b"
    r"|\btold (?:us|this outlet|this newspaper|our (?:newspaper|outlet|reporter))\b",
    re.IGNORECASE,
)
HEDGED: Final = re.compile(
    r"\bit is (?:understood|believed|said|rumou?red|alleged|claimed|thought|reported|known)\b"
    r"|\bit (?:was|has been) (?:reported|alleged|claimed|rumou?red|said)\b"
    r"|\breportedly\b|\ballegedly\b|\bpurportedly\b|\bsupposedly\b|\bapparently\b"
    r"|\brumou?rs? (?:has it|have it|say|says|suggest)\b|\brumou?red\b"
    r"|\bit (?:seems|appears)\b|\bis said to\b|\bare said to\b|\bwas said to\b"
    r"|\bthere are (?:reports|claims|rumou?rs)\b|\bas previously reported\b"
    r"|\bwhether (?:this|that|it|any of this|these claims?) (?:is|are|was|were) "
    r"(?:true|accurate|correct)\b"
    r"|\bwe (?:cannot|can't|can not|are unable to|could not|couldn't) "
    r"(?:determine|verify|confirm|establish|say for certain)\b"
    r"|\b(?:could not|cannot|can't) be (?:independently )?(?:verified|confirmed)\b",
    re.IGNORECASE,
)
# A sentence that only comments on the truth of what came before it.
DISCLAIMER_SENTENCE: Final = re.compile(
    r"\W*(?:whether (?:this|that|it|any of this|these claims?) (?:is|are|was|were) "
    r"(?:true|accurate|correct)"
    r"|we (?:cannot|can't|are unable to|could not) (?:determine|verify|confirm)"
    r"|this (?:could|can) not be (?:independently )?(?:verified|confirmed)"
    r"|(?:none of )?(?:this|these claims?) (?:could|can) not be (?:verified|confirmed))",
    re.IGNORECASE,
)
# Generic subjects that make a reporting verb anonymous rather than named.
ANONYMOUS_SUBJECTS: Final = _words(
    """
    sources source insiders insider officials official observers experts witnesses residents
    locals people someone somebody many some others critics dockworkers guests guest
    """
)

# Allegation cues by type.
ALLEGATION_CUES: Final[dict[str, re.Pattern[str]]] = {
    "crime": re.compile(
        r"\bprohibited by (?:\w+ )?law\b|\billegal(?:ly)?\b|\bunlawful(?:ly)?\b"
        r"|\bbr(?:oke|eaking|eaks) the law\b|\bin breach of the law\b|\bcriminal\b"
        r"|\bfraud(?:ulent(?:ly)?)?\b|\bsmuggl\w*|\blaunder\w*|\bbrib(?:e|es|ed|ery|ing)\b"
        r"|\bincit(?:e|es|ed|ing)\s+(?:violence|riots?|unrest|disorder)\b"
        r"|\bforg(?:ed|ery)\b|\bextort\w*|\bblackmail\w*",
        re.IGNORECASE,
    ),
    "corruption": re.compile(
        r"\bended up in (?:the|their|his|her) (?:own )?pockets?\b|\bembezzl\w*"
        r"|\bmisus(?:ed|e|ing) (?:of )?(?:public |state |the )?(?:funds|money)\b"
        r"|\bkickbacks?\b|\bsiphon(?:ed|ing|s)? off\b|\bcorrupt(?:ion|ly)?\b"
        r"|\bpocket(?:ed|ing)? (?:the )?(?:money|funds)\b|\bprivate purse\b"
        r"|\bin exchange for (?:a |an )?(?:seat|post|position|job|contract|favou?rs?)\b"
        r"|\bdiverted (?:the )?(?:funds|money)\b|\bstole\b|\bstolen\b",
        re.IGNORECASE,
    ),
    "foreign_funding": re.compile(
        r"\b(?:receiv(?:ed|es|ing)|got|gets|obtain(?:ed|s)|accept(?:ed|s)|takes|took)\s+"
        r"(?:\w+\s+){0,2}(?:funding|grants?|money|financing|payments?|donations?)\s+from\s+"
        r"(?:the\s+)?(?:U\.\s?S\.|US\b|United States|American|foreign|Western|European|EU\b|"
        r"British|overseas|abroad|NATO|USAID|Soros|Open Society|National Endowment)"
        r"|\b(?:receiv(?:ed|es|ing)|got|gets|obtain(?:ed|s))\s+(?:\w+\s+)?"
        r"(?:American|U\.S\.|US|foreign|Western|European|overseas|British)\s+"
        r"(?:funding|grants?|money|financing|payments?|donations?)\b"
        r"|\bforeign[- ](?:funded|financed|backed|sponsored)\b|\bforeign agents?\b"
        r"|\bfunded from abroad\b|\bon the payroll of (?:the )?(?:West|foreign)",
        re.IGNORECASE,
    ),
    "disloyalty": re.compile(
        r"\bholds? an? (?:\w+ )?(?:passport|citizenship)\b|\bdual (?:nationality|citizenship)\b"
        r"|\bworking to (?:damage|undermine|destroy|harm|sabotage)\b"
        r"|\btraitors?\b|\btreason\b|\bbetray(?:ed|s|ing|al)?\b"
        r"|\bserv(?:es|ing|ed) (?:foreign|western|the enemy's) interests\b"
        r"|\bdisloyal\w*|\bfifth column\w*",
        re.IGNORECASE,
    ),
    "extremism": re.compile(
        r"\bincit(?:e|es|ed|ing|ement)\s+(?:of\s+)?(?:\w+\s+)?"
        r"(?:ethnic|racial|religious|national|interethnic|inter-ethnic|sectarian)\s+"
        r"(?:conflict|strife|hatred|division|discord|enmity|hostility)"
        r"|\bradical(?:s|ly)?\b|\bextremis[mt]s?\b|\bcall(?:s|ed|ing)? for the expulsion\b"
        r"|\bterroris[mt]s?\b|\bfanatic(?:al|s)?\b|\bcall(?:s|ed|ing)? for violence\b",
        re.IGNORECASE,
    ),
    "hypocrisy": re.compile(
        r"\bhypocri(?:sy|tes?|tical(?:ly)?)\b|\bdouble standards?\b"
        r"|\b(?:suddenly |conveniently )?changed (?:his|her|their) tune\b"
        r"|\bsays? one thing (?:and|but) does? another\b|\bpreach(?:es|ed|ing)? .{0,40}? but\b"
        r"|\bdespite (?:his|her|their) own\b",
        re.IGNORECASE,
    ),
}
RULE_TYPES: Final = tuple(ALLEGATION_CUES)  # the types the cue rules find
ALLEGATION_TYPES: Final = allegation_lexicon.ALLEGATION_TYPES

# Attribution read from the dependency parse (sourcing): verb lemmas whose subject (or agent) is
# the source of what the sentence says.
SAYING_LEMMAS: Final = _words(
    """
    say tell claim allege insist argue state assert declare explain warn add admit note
    testify contend maintain confirm reveal acknowledge complain recall stress emphasize
    emphasise repeat affirm confess lament concede observe remark reply respond
    """
)
# Saying only with a clause, a quotation or a colon after them ("wrote that", "tweeted: ...").
WRITING_LEMMAS: Final = _words(
    """
    write tweet post report announce describe suggest point disclose conclude find label
    """
)
# Verbs whose subject condemns the actor the sentence is about ("X slammed Y").
CONDEMNING_LEMMAS: Final = _words(
    """
    accuse blame criticize criticise condemn denounce slam blast lambaste decry fault charge
    indict sue prosecute investigate probe unseal
    chastise rebuke castigate scold excoriate assail berate
    """
)
# "expressed concern that ...", "voiced frustration with ...".
VOICED_FEELINGS: Final = _words(
    """
    concern concerns frustration outrage dismay anger disgust doubt doubts fear fears alarm
    disappointment regret shock indignation
    """
)
# Speaker nouns that stand for unnamed people: graded anonymous.
UNNAMED_SPEAKERS: Final = _words(
    """
    source sources insider insiders witness witnesses someone somebody people critics critic
    observers residents locals activists others many some experts victims victim accusers
    accuser informant informants woman women man men survivors survivor opponents detractors
    watchers analysts commentators neighbours neighbors friends relatives employees workers
    staffers aides whistleblower whistleblowers protesters users handful several few those
    """
)
# Speaker nouns for on-record bodies, officials and documents: graded named.
RECORD_SPEAKERS: Final = _words(
    """
    police prosecutor prosecutors authorities authority ministry department court courts judge
    judges jury government officials official investigators investigator agency affidavit
    complaint indictment indictments filing filings documents document lawsuit suit report
    reports statement statements spokesman spokeswoman spokesperson prosecution sheriff
    commission committee office letter records record transcript transcripts warrant verdict
    ruling inquiry investigation probe audit panel tribunal attorney lawyer lawyers attorneys
    counsel officers officer detectives detective deputies administration embassy council
    coroner examiner study survey poll data memo email emails
    """
)
# Role nouns whose indefinite use ("a lawyer said") leaves the speaker unidentified.
PERSON_ROLES: Final = _words(
    """
    attorney lawyer lawyers attorneys counsel officer officers official officials detective
    spokesman spokeswoman spokesperson investigator deputy employee aide staffer
    """
)
# Law-enforcement acts whose doer is not an accuser ("officers arrested X" is the author's report).
ENFORCEMENT_STEMS: Final = ("arrest", "detain", "jail", "imprison", "sentenc", "fine")
# Distance the author keeps that the older cue list misses ("is believed to", "appear to be").
MORE_HEDGES: Final = re.compile(
    r"\b(?:is|are|was|were|be|been)\s+(?:widely\s+|also\s+)?"
    r"(?:believed|thought|suspected|rumou?red|understood|reported)\s+to\b"
    r"|\b(?:appears?|appeared|seems?|seemed)\s+to\b"
    r"|\bit\s+(?:has|had)\s+(?:been\s+)?(?:previously\s+|widely\s+)?(?:reported|alleged|claimed)\b"
    r"|\b(?:has|have|had)\s+been\s+(?:\w+ly\s+)?accused\s+of\b"
    r"|\b(?:maybe|perhaps|presumably|seemingly|possibly)\b"
    r"|\bmay\s+(?:have|be)\b",
    re.IGNORECASE,
)
# Unnamed critics behind a noun: "faced criticism", "sparked outrage".
UNNAMED_CRITICS: Final = re.compile(
    r"\b(?:faced?|faces|facing|drew|draws?|drawn|sparked|sparks?|prompted|attracted|received|"
    r"drawing|sparking)\s+(?:\w+\s+){0,2}?"
    r"(?:criticism|condemnation|backlash|outrage|accusations|allegations|complaints)\b",
    re.IGNORECASE,
)
# Verbs by which a speaker's words about their own deeds are the author's report of them
# ("X admitted ...", "X declared ...", "X tweeted ..."): the speaker is no source against
# themselves.
SELF_STATING: Final = _words(
    """
    admit confess declare acknowledge concede boast brag tweet post write announce
    """
)
# What the following sentences of a charging document or an on-record body's action report
# ("X was charged with", "is accused of", "the charges stem from", "allegedly").
CHARGE_REPORT: Final = re.compile(
    r"\b(?:is|are|was|were|been|being|stands?|stood)\s+(?:\w+ly\s+)?"
    r"(?:charged|accused|indicted)\b|\bthe\s+charges\b|\ballegedly\b|\balleged\b"
    r"|\bfound\s+guilty\b",
    re.IGNORECASE,
)
# The acts of an on-record body whose document the following sentences report.
RECORD_ACTS: Final = _words("unseal indict charge sue prosecute file")
# Documents whose words the following sentences report.
DOCUMENT_NOUNS: Final = _words(
    """
    indictment indictments complaint affidavit lawsuit suit documents document filing filings
    report release statement records warrant
    """
)
# Demands whose subject accuses ("officials are asking the department to look into ...").
DEMANDING: Final = _words("ask urge demand request call want seek")
