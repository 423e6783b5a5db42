"""Cyrillic structure cues: patterns derived from the phrases declared in structure_words.

structure_words declares the Russian, Ukrainian and Kazakh labels and phrases as plain words;
this module turns each list into one regular expression that spinscope.structure joins to its
English alternatives, and reads the two shapes English rules cannot: a sentence-case inline
heading, and a credit name whose capitalised words follow lower-case ones.

Phrase syntax (one place, used by every list): words are separated by spaces and matched in any
case; a word ending in ``*`` is a stem that takes any ending; ``~`` stands for up to three other
words. Every cue holds a Cyrillic letter, so these patterns never match Latin-script text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from spinscope import structure_words as sw

# Upper-case Cyrillic letters of the three languages: a label or a name starts with one.
UPPER: Final = "А-ЯЁІЇЄҐӘҒҚҢӨҰҮҺ"
_GAP: Final = r"(?:\S+\s+){0,3}?"


def phrase_pattern(phrase: str) -> str:
    """The regular expression of one declared phrase (case is ignored by the caller)."""
    pattern = ""
    words = phrase.split()
    for index, word in enumerate(words):
        if word == "~":
            pattern += _GAP
            continue
        if word.endswith("*"):
            pattern += re.escape(word[:-1]) + r"[\w'’-]*"
        else:
            pattern += re.escape(word) + r"(?![\w-])"
        if index + 1 < len(words):
            pattern += r"\s+"
    return pattern


def alternatives(phrases: Iterable[str]) -> str:
    """One case-insensitive group of phrases, longest first so that the longest one wins."""
    ordered = sorted(phrases, key=len, reverse=True)
    return "(?i:" + "|".join(phrase_pattern(p) for p in ordered) + ")"


def label_pattern(labels: Iterable[str]) -> str:
    """A capitalised label and its colon: ``Автор:``, ``АВТОР :``, ``Автор публикации:``."""
    return rf"(?=[{UPPER}]){alternatives(labels)}\s*:"


# Patterns that spinscope.structure joins to its English alternatives.
BYLINE_LABEL: Final = label_pattern(sw.CYRILLIC_BYLINE_LABELS) + r"\s*"
# A credit phrase without a colon, where it ends its line or sentence or a name follows it. Only
# its first word is the anchor: the credit's run (spinscope.structure) reads the rest, so it
# ends before a sentence opener as a labelled credit does.
CREDIT_PHRASE: Final = (
    rf"(?=[{UPPER}])(?={alternatives(sw.CYRILLIC_CREDIT_PHRASES)}"
    rf"(?=[ \t]*(?:[.)\n]|\Z)|\s+(?:[«\"“{UPPER}]"
    rf"|{alternatives(sw.CYRILLIC_CREDIT_LINKS - sw.CYRILLIC_FUNCTION_WORDS)}(?![\w-]))))\w+"
)
CREDIT: Final = r"\(?" + label_pattern(sw.CYRILLIC_CREDIT_LABELS) + "|" + CREDIT_PHRASE
SOURCE: Final = (
    label_pattern(sw.CYRILLIC_SOURCE_LABELS)
    + "|"
    + rf"(?=[{UPPER}]){alternatives(sw.CYRILLIC_SOURCE_PHRASES)}"
)
DISCLAIMER: Final = (
    label_pattern(sw.CYRILLIC_DISCLAIMER_LABELS)
    + "|"
    + rf"(?=[{UPPER}]){alternatives(sw.CYRILLIC_DISCLAIMER_PHRASES)}"
)
# The labels strong enough to cut a sentence where they appear: photo credits, labels that name
# an original and disclaimer labels.
ANCHOR_INSIDE: Final = (
    r"\(?"
    + label_pattern(sw.CYRILLIC_CREDIT_LABELS)
    + "|"
    + label_pattern(sw.CYRILLIC_ORIGINAL_LABELS)
    + "|"
    + label_pattern(sw.CYRILLIC_DISCLAIMER_LABELS)
    + "|"
    + CREDIT_PHRASE
)
CREDIT_LABEL: Final = re.compile(CREDIT)
BOILERPLATE: Final = (
    f"^(?!{alternatives(sw.CYRILLIC_NOT_PROMPTS)}){alternatives(sw.CYRILLIC_PROMPTS)}"
    f"|{alternatives(sw.CYRILLIC_PROMPTS_ANYWHERE)}"
)
DATE_LABEL: Final = rf"(?=[{UPPER}]){alternatives(sw.CYRILLIC_DATE_LABELS)}\s*:?\s+"
COLON_BYLINE: Final = rf"\b{label_pattern(sw.CYRILLIC_BYLINE_LABELS)}\s*(?=[{UPPER}])"

_CYRILLIC: Final = re.compile(r"[\u0400-\u04ff]")
_TOKEN: Final = re.compile(r"\S+")
# A heading word: letters (a hyphen or an apostrophe inside), digits, or a quoted word.
_HEADING_WORD: Final = re.compile(r"[«\"“]?(?:\w+(?:[-'’]\w+)*)[»\"”]?")
_CREDIT_LINKS: Final = sw.CYRILLIC_CREDIT_LINKS | sw.FUNCTION_WORDS
_INITIAL: Final = re.compile(rf"[{UPPER}]\.")
# Words a heading cannot end on: prepositions and conjunctions.
_ENDLESS: Final = sw.CYRILLIC_FUNCTION_WORDS
# How many words a Cyrillic credit may run: names of outlets and bodies are long
# (``Фото: пресс-служба администрации Стрелецкого района``).
CREDIT_TOKENS: Final = 12


def is_cyrillic(word: str) -> bool:
    """Is ``word`` written (at least partly) in Cyrillic letters?"""
    return _CYRILLIC.search(word) is not None


def is_initial(word: str) -> bool:
    """A Cyrillic initial with its stop: ``И.`` (never a sentence opener)."""
    return _INITIAL.fullmatch(word) is not None


def mostly_cyrillic(line: str) -> bool:
    """More Cyrillic letters than others in ``line``."""
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and 2 * sum(1 for c in letters if is_cyrillic(c)) > len(letters)


def heading_end(text: str, pos: int, limit: int, *, max_words: int = 8) -> int | None:
    """The end of a sentence-case Cyrillic heading at ``pos``, run into the next sentence.

    Russian, Ukrainian and Kazakh headings are written in sentence case (``Тихие переводы``),
    so the Title-Case test does not find where they end. They end before a capitalised opener
    (``По``, ``В``, ``Однако``, ...), a word that is never capitalised inside a sentence. The
    heading is 1 to ``max_words`` plain words (no punctuation), opens with a capital Cyrillic
    word that is no conjunction (``И это только начало`` goes on), and the opener has more text
    after it, not in capitals.
    """
    tokens = list(_TOKEN.finditer(text, pos, min(limit, pos + 300)))
    if not tokens or not _heading_start(tokens[0].group()):
        return None
    for index, token in enumerate(tokens[: max_words + 1]):
        word = token.group()
        if index and (
            word in sw.CYRILLIC_OPENERS
            or (index >= 2 and _noun_opener(word, [t.group() for t in tokens[:index]]))
        ):
            if index + 1 == len(tokens) or tokens[index - 1].group().lower() in _ENDLESS:
                return None
            if _capitals(tokens[index + 1].group()):
                return None  # text in capitals: "А ВЫ БУДЕТЕ В ЭТОМ ВИНОВАТЫ"
            return tokens[index - 1].end()
        if not _HEADING_WORD.fullmatch(word):
            return None
    return None


# pymorphy2's tags of a word that may be capitalised inside a sentence: names, places,
# organisations, trade marks, abbreviations, and words it does not know.
_PROPER_TAGS: Final = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr", "UNKN"})
# Letters Russian does not use and Ukrainian or Kazakh do.
_NOT_RUSSIAN: Final = re.compile("[іїєґІЇЄҐәғқңөұүһӘҒҚҢӨҰҮҺ']")


def _noun_opener(word: str, heading: list[str]) -> bool:
    """A capitalised Russian word after the words of a ``heading`` that only opens a sentence:
    an inanimate common noun in the nominative that the dictionary knows in no reading as a
    name, place, organisation or abbreviation (``Старые обещания Фонд «Речной берег» был
    создан``: "Фонд" is no name, so a sentence begins there). A noun in another case goes on a
    phrase (``Эксперт Центра ...``); after a first name it may be a surname (``Оксана
    Гречка``). Russian only: a heading with letters only Ukrainian or Kazakh use is left alone,
    as is a word the Russian dictionary does not know."""
    if not (word[:1].isupper() and word[1:].islower() and _HEADING_WORD.fullmatch(word)):
        return False
    if any(_NOT_RUSSIAN.search(w) for w in (*heading, word)):
        return False
    from spinscope.detectors.russian import analyses  # the dictionary loads on first use

    if any(set(r.tag.grammemes) & _PROPER_TAGS for r in analyses(heading[-1].lower())):
        return False
    readings = analyses(word.lower())
    if not readings or not all(r.is_known for r in readings):
        return False
    if any(set(r.tag.grammemes) & _PROPER_TAGS for r in readings):
        return False
    first = readings[0].tag
    return "NOUN" in first and "nomn" in first and "inan" in first


def date_may_end_headline(text: str, start: int, date_start: int, date_end: int) -> bool:
    """May a date found after a Cyrillic headline's first words end that headline?

    Not when the words before it lead into it (``Сводка с 00:00``, ``станом на``) or the
    sentence goes on after it (see prose_after_date). Latin-script headlines are not judged.
    """
    before = text[start:date_start].split()
    if not before or not mostly_cyrillic(" ".join(before)):
        return True
    if before[-1].lower().strip('«»"') in _ENDLESS:
        return False
    return not prose_after_date(text, date_start, date_end, len(text))


def prose_after_date(text: str, date_start: int, date_end: int, end: int) -> bool:
    """Does a Cyrillic date open a sentence of prose instead of standing as a dateline?

    So it does when the sentence goes on or ends right after it (``13 лет назад, 9 мая ...``,
    ``Два роки тому росія ...``, ``понад 8 років тому.``). Only text with Cyrillic letters in
    the date or after it is judged.
    """
    after = text[date_end : min(end, date_end + 40)].lstrip()
    if not (is_cyrillic(text[date_start:date_end]) or mostly_cyrillic(after)):
        return False
    return after[:1] in {",", ";", ")", "."} or after[:1].islower()


def opens_sentence(line: str) -> bool:
    """Does ``line`` start like a sentence: a capital or a digit, after an opening quote?"""
    bare = line.lstrip("«\"“„'(")
    return bool(bare) and (bare[0].isupper() or bare[0].isdigit())


def sentence_case_heading(line: str) -> bool:
    """A Cyrillic line of 1 to 10 plain words in sentence case: a heading on a line of its own."""
    words = line.split()
    if not 1 <= len(words) <= 10 or not _heading_start(words[0]):
        return False
    if words[-1].lower() in _ENDLESS or not mostly_cyrillic(line):
        return False
    return all(_HEADING_WORD.fullmatch(w.rstrip(",")) for w in words)


def name_goes_on(current: list[str], word: str) -> bool:
    """May the Cyrillic ``word`` add to a name of two or more words? Only beside a patronymic.

    ``Иван Сергеевич Ливанов`` and ``Ливанов Иван Сергеевич`` are one name; in ``Остап Дзюба
    Посадовці`` the third word opens the next sentence.
    """
    if len(current) < 2 or not is_cyrillic(word):
        return True
    return len(current) == 2 and any(
        w.lower().endswith(sw.CYRILLIC_PATRONYMIC_ENDINGS) for w in (current[1], word)
    )


def reported_speech(words: list[str]) -> bool:
    """Does a sentence report speech (``добавил, что``)? Then it is no photo caption."""
    for word in words:
        lower = word.lower()
        if lower in sw.CYRILLIC_NOT_CAPTION or lower.startswith(sw.CYRILLIC_REPORT_STEMS):
            return True
    return False


def credit_tokens(label: str, default: int) -> int:
    """How many words a credit after ``label`` may run: CREDIT_TOKENS after a Cyrillic label."""
    return CREDIT_TOKENS if is_cyrillic(label) else default


def credit_goes_on(previous: str, word: str) -> bool:
    """Does a capitalised Cyrillic ``word`` after the lower-case ``previous`` belong to a credit?

    ``пресс-служба мэрии Вельграда``: yes, after a word that takes a name (``мэрии``, ``из``).
    ``фирме «Вектор»``: yes, a name in quotes. ``соцсети Депутат``: no, a new sentence starts.
    """
    if not is_cyrillic(word):
        return False
    return word.startswith("«") or previous.lower().strip(",.") in _CREDIT_LINKS


def _heading_start(word: str) -> bool:
    return _starts_upper_cyrillic(word) and word not in sw.CYRILLIC_NOT_HEADING_START


def _capitals(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def _starts_upper_cyrillic(word: str) -> bool:
    bare = word.lstrip('«"“')
    return bool(bare) and bare[0].isupper() and is_cyrillic(bare[0])
