"""Word lists and text rules the actors component applies to the recogniser's names.

* more titles than the shared lexicon ("Officer", "Chief", "Agent"), so that "Officer Ann Vell"
  is a person even where the model saw no name;
* page furniture ("Privacy Policy and Terms") is no organisation;
* cue words that make a name an organisation whatever the model said: the last word of an
  outlet ("Press", "Times", "News", "Post"), a web address (".com"), a platform;
* "X administration", "X campaign", "X government" after a person's name: an organisation;
* party members as a collective actor ("Democrats", "Republicans") stand for the party;
* a line that is only a run of capitalised words, two by two (a poll widget listing names with
  no commas: "Ann Vell Tom Brant Ed Mole") is a list of full names;
* a clause written in title case ("Judge Rejects Bid To ...") is a headline quoted in the text:
  its capitalised words are not names.
"""

from __future__ import annotations

import re
from typing import Final

from spinscope.detectors import lexicons as lx


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


EXTRA_TITLES: Final = _words(
    """officer chief agent trooper captain capt capt. sgt sgt. lt lt. gen gen. col col. cpl
    corporal major commander commissioner superintendent director attorney father archbishop
    pastor dr dr. mr mr. mrs mrs. ms ms. prof. sen rep gov gov. justice emir ayatollah sister
    brother deacon monsignor sheikh president-elect"""
)
OUTLET_ENDS: Final = _words(
    """press times news post journal herald tribune globe gazette standard report daily
    magazine network agency wire chronicle telegraph guardian observer examiner inquirer
    review courier monitor insider beacon caller hedge media tv radio"""
)
PLATFORMS: Final = _words(
    """twitter facebook youtube instagram google reddit tiktok whatsapp telegram snapchat
    linkedin wikipedia gab parler amazon apple microsoft"""
)
# Capitalised words that the model calls persons and that name no real person.
NOT_PERSONS: Final = _words(
    """email god creator lord allah jesus christ satan devil share tweet comments subscribe
    advertisement reply"""
)
PARTY_MEMBERS: Final = _words("democrats republicans dems")
BODY_NOUNS: Final = _words("administration campaign government regime")
CALENDAR: Final = _words(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december today yesterday tonight"""
)


def is_title(word: str) -> bool:
    low = word.casefold()
    return low in lx.TITLE_WORDS or low in EXTRA_TITLES or low.rstrip(".") in lx.TITLE_WORDS


def outlet_like(name: str) -> bool:
    """ "Valley Press", "Harbour Times", "dailyword.com", "Twitter": an outlet or platform."""
    words = name.replace("-", " ").split()
    if not words:
        return False
    low = name.casefold()
    return (
        words[-1].casefold() in OUTLET_ENDS
        or bool(re.search(r"\.(?:com|org|net|tv)$", low))
        or low in PLATFORMS
    )


def organisation_like(name: str) -> bool:
    """An outlet, or a name ending in an organisation word ("Harbour Patrol")."""
    words = name.replace("-", " ").split()
    return len(words) > 1 and (outlet_like(name) or words[-1].casefold() in lx.ORG_WORDS)


_CAP: Final = r"[A-Z][\w’'.-]*"
_RUN_LINE: Final = re.compile(rf"[*•·\-\s]*((?:{_CAP}\s+){{5,}}{_CAP})[\s*]*")


def name_pairs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each name when the sentence is only a run of capitalised words, an even
    number of at least six, none of them an organisation or title word: a list of full names
    written without commas."""
    match = _RUN_LINE.fullmatch(text, start, end)
    if match is None:
        return []
    words = list(re.finditer(r"\S+", text[match.start(1) : match.end(1)]))
    if len(words) % 2 or any(
        w.group().casefold() in lx.ORG_WORDS or is_title(w.group()) or "." in w.group()[1:-1]
        for w in words
    ):
        return []
    offset = match.start(1)
    return [
        (offset + words[i].start(), offset + words[i + 1].end()) for i in range(0, len(words), 2)
    ]


_TITLED: Final = re.compile(
    r"(?<![\w-])((?:[A-Z][a-z]+\.?\s+){1,3})((?:[A-Z]\.\s+)?[A-Z][a-zà-ÿ’'-]+"
    r"(?:\s+(?:[A-Z]\.\s+)?[A-Z][a-zà-ÿ’'-]+){1,2})"
)


def titled_names(text: str, start: int, end: int) -> list[tuple[int, int, int]]:
    """(name start, name end, title start) of "Officer Ann Vell", "Police Chief U. Dana Hall":
    one to three title words (the last a title) and a name of two or three capitalised words."""
    found: list[tuple[int, int, int]] = []
    for match in _TITLED.finditer(text, start, end):
        titles = match.group(1).split()
        if not is_title(titles[-1]):
            continue
        name = match.group(2).split()
        if any(
            w.casefold() in lx.ORG_WORDS
            or w.casefold() in CALENDAR
            or is_title(w)
            or w.casefold() in lx.DEMONYMS
            for w in name
        ):
            continue
        found.append((match.start(2), match.end(2), match.start(1)))
    return found


def headline_clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clauses of a sentence written in title case: every word longer than three letters
    capitalised, four of them or more in title case (not capitals throughout), and either a
    capitalised preposition after the first word ("With", "To", "Of") or six such words."""
    out: list[tuple[int, int]] = []
    for clause in re.finditer(r"[^,;:()\[\]“”\"—–]+", text[start:end]):
        words = re.findall(r"[^\W\d_][\w'’-]*", clause.group())
        long = [w for w in words if len(w) > 3]
        titled = sum(not w.isupper() for w in long)
        if titled < 4 or not all(w[0].isupper() for w in long):
            continue
        small = any(w[0].isupper() and w.casefold() in _FUNCTION for w in words[1:])
        if small or len(long) >= 6:
            out.append((start + clause.start(), start + clause.end()))
    return out


_FUNCTION: Final = _words("of to in on by for with at from as is are into over")


_ROMAN: Final = re.compile(r"[IVX]+|JR|SR")


def trailing_cut(name: str, places: set[str]) -> int:
    """How many trailing words of a person's name are not part of it: a weekday or month, an
    acronym (not a numeral: "John Paul II"), an organisation word, or a place of two or three
    words the text names ("Ann Vell Port Ellery")."""
    words = name.split()
    cut = len(words)
    while cut > 2:
        last = words[cut - 1]
        if last.casefold() in CALENDAR or (
            last.isupper() and len(last) > 1 and not _ROMAN.fullmatch(last)
        ):
            cut -= 1
            continue
        if last.casefold() in lx.ORG_WORDS or last.casefold() in ("house", "senate"):
            cut -= 1
            continue
        for size in (3, 2):
            if cut - size >= 2 and " ".join(words[cut - size : cut]).casefold() in places:
                cut -= size
                break
        else:
            break
    return len(words) - cut


_FURNITURE: Final = re.compile(
    r"privacy policy|terms of (?:use|service)|cookie policy|all rights reserved", re.IGNORECASE
)


def page_furniture(name: str) -> bool:
    """ "Privacy Policy and Terms": the page's links, not an organisation."""
    return bool(_FURNITURE.search(name))
