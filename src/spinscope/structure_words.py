"""The word lists structure recovery reads: openers, verbs, function words, caption cues."""

from __future__ import annotations

from typing import Final


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Capitalised words that open a sentence: an inline heading, a photo credit or a byline name
# ends right before one of them.
OPENERS: Final = _wordset(
    """The A An As In On At For From With Despite However But And Yet Still Meanwhile This That
    These Those He She They It We I You His Her Their Its Our My There Here When While After
    Before Since Although Though If According Later Earlier Also Moreover Furthermore Indeed
    Recently Now Then Some Many Most All Both Each Such What Why How Who Where Notably
    Additionally Unlike During Following Amid Among Nevertheless Nonetheless Instead Thus
    Therefore Hence Even Only Another Other Because So Once Until Whether Nor Neither Either
    Few Several Given Asked Speaking Born Under By"""
)
# Openers that cannot be a capitalised preposition inside a Title-Case headline.
STRONG_OPENERS: Final = OPENERS - _wordset(
    """As In On At For From With After Before Since If Like Unlike During Following Amid Among
    Under Until Once Given Despite Against Over Through Throughout Only Even Now Then All Both
    Each Some Many Most Few Several Other Another Such What Why How Who Where When While Nor By"""
)
# Lower-case words that may sit inside a Title-Case heading (never at its ends).
FUNCTION_WORDS: Final = _wordset(
    """of in and the for on at to a an or with from by vs vs. as into over under against nor
    but via per upon than about after before between without within amid"""
)
# Lower-case particles inside personal names.
NAME_PARTICLES: Final = _wordset("van von de der den da di del della la le bin ibn al el dos du")
# Finite and auxiliary verbs that a caption (a verbless noun phrase) does not contain.
VERBS: Final = _wordset(
    """is are was were be been being am has have had having do does did done will would shall
    should can could may might must says said say tells told makes made goes went gone gets got
    gives gave given takes took taken comes came sees saw seen knows knew known thinks thought
    wants seems remains becomes became continues shows shown calls believes means meant needs
    lets puts keeps kept holds held brings brought stands stood sits sat runs ran leads led helps
    tries looks feels felt finds found began begins begun writes wrote written claims argues
    insists reveals accuses denies admits warns urges promises plans hopes fears demands
    refuses rejects welcomes condemns praises blames attacks threatens labels spares fosters
    portrays describes considers receives organizes organises joins spreads opposes supports
    faces asks uses speaks reads meets sends pays buys sells wins loses lives works plays
    met sent paid bought sold won lost spoke fell rose grew drew flew fled hid kept heard spent
    struck taught threw understood wore built caught chose drove forgot froze rode shook shot
    sang sank slept stole swore tore woke fought sought bore dealt lay lies get make take give
    go come see know think want say tell become seem bring keep let begin show hear try leave
    feel believe hold stand lose pay meet include continue learn understand speak allow create
    spend grow walk win offer remember love consider appear buy wait serve die send expect build
    stay fall reach kill remain suggest raise sell require decide pull"""
)
PRONOUNS: Final = _wordset("i you he she it we they me him us them")
AUXILIARIES: Final = _wordset(
    """is are was were be been being am has have had do does did will would shall should can
    could may might must isn't aren't wasn't weren't won't can't don't doesn't didn't"""
)
CONTRACTED: Final = _wordset("that it here there let what who where")
# Lower-case words ending in -s that are rarely verbs.
NOT_VERB_S: Final = ("ss", "us", "is", "ics", "ous", "news", "series", "species")
CAPTION_PREPOSITIONS: Final = _wordset(
    """of on at in from outside inside during near with after before for under over between
    among beside behind alongside amid across along against"""
)
ARTICLES: Final = frozenset({"The", "A", "An"})
ED_NOUNS: Final = _wordset(
    "hundred sacred naked wicked kindred rugged beloved bed red seed need speed breed greed shed"
    " creed deed feed weed"
)
ING_NOUNS: Final = _wordset(
    """during morning evening meeting building wedding ceiling king ring thing nothing something
    anything everything spring string wing sibling offspring briefing hearing gathering opening
    funding training painting clothing housing landing ending feeling beginning warning ceremony
    swing crossing"""
)
# A verbless sentence that opens with one of these is a fragment of prose, not a caption.
NOT_CAPTION_START: Final = _wordset(
    """and but or so yet because if when while although though not no never nothing what why
    how who where which such just only even hence thus also then yes oh well here there perhaps
    maybe indeed certainly of i you he she it we they this that these those all some none
    again him her them me us his its our their my your in as now ah let see recall keep enter
    end visit catch read watch consider remember imagine note take make look check click follow
    join share subscribe listen stop think ask tell give get go come buy call contact write send
    help support vote sign learn find try reprinted republished like ditto sort by"""
)
ROLE_WORDS: Final = _wordset(
    """writer correspondent reporter editor staff contributor columnist journalist desk team
    bureau agency news tribune times post daily press media herald journal gazette"""
)
