"""Descriptors: how the text describes each actor ("a radical activist", "X, the chairman of ...").

Read around each name: titles and role nouns before it ("nationalist bloggers A and B"
describes both), an apposition after it ("X, the chairman of ...,"), "X, who is a ...",
"X as Deputy Minister ...", "X is a ..." and "the chairman of the committee is X". A descriptor
is evaluative when one of its words is loaded (extreme, radical, so-called, corrupt, ...).
"""

from __future__ import annotations

import re
from typing import Final

from spinscope.detectors import lexicons as lx
from spinscope.detectors.cast import QUOTES as _QUOTES
from spinscope.detectors.cast import SEPARATOR as _SEPARATOR
from spinscope.detectors.cast import WORD as _WORD
from spinscope.detectors.cast import Cast, CastMember, Mention
from spinscope.detectors.descriptor_syntax import LOADED, syntax_descriptors
from spinscope.nlp import ParsedSentence
from spinscope.records import Descriptor


def add_title(actor: CastMember, text: str, start: int, end: int) -> None:
    phrase = text[start:end]
    if any(d.text == phrase or (d.start < end and start < d.end) for d in actor.descriptors):
        return  # the same phrase, or another reading of the same words
    actor.descriptors.append(Descriptor(phrase, is_evaluative(phrase), start, end))


def is_evaluative(phrase: str) -> bool:
    """True when a descriptor carries a loaded word (extreme, radical, so-called, traitor,
    heroic, ...)."""
    words = re.findall(r"[\w'’-]+", phrase.casefold())
    return any(w in lx.EVALUATIVE or w in LOADED for w in words)


_PLAIN: Final = re.compile(r"[\w'’-]+")
_APPOSITION: Final = re.compile(r",\s+(?:the|a|an)\s+")
_WHO_IS: Final = re.compile(r",\s+who\s+(?:is|was|has been|had been|remains)\s+(?:a|an|the)\s+")
_AS: Final = re.compile(r"\s+as\s+(?:the\s+|a\s+|an\s+)?(?=[A-Z])")
_COPULA: Final = re.compile(r"\s+(?:is|was|remains|has been)\s+(?:a|an|the)\s+")
_REVERSE: Final = re.compile(
    r"(?:^|,\s+)(?:The|the|A|a|An|an)\s+(?P<d>(?:\S+\s+){0,6}?\S+)\s+(?:is|was)\s+$"
)
_SUCH_AS: Final = re.compile(r",?\s+(?:such as|including|like)\s+$")
_DELIMITER: Final = re.compile(r"[,;:()]|\s+(?:who|which|but|where|while)\s|\.(?:\s|$)")
MAX_DESCRIPTOR_WORDS: Final = 12


def is_role(word: str) -> bool:
    low = word.strip(_QUOTES + ",.;:()").casefold()
    return low in lx.ROLE_NOUNS or low in lx.TITLE_WORDS


def is_modifier(word: str) -> bool:
    if not _PLAIN.fullmatch(word):
        return False
    low = word.casefold()
    if low in lx.STOP:
        return False
    return (
        low in lx.EVALUATIVE
        or low in lx.NEUTRAL_MODIFIERS
        or low in lx.ROLE_NOUNS
        or low in lx.TITLE_WORDS
        or low in lx.DEMONYMS
        or low.endswith(lx.MODIFIER_ENDINGS)
        or ("-" in low.strip("-") and low[0].isalpha())
    )


def _premodifier(text: str, sentence: ParsedSentence, start: int) -> tuple[int, int, bool] | None:
    """``(start, end, plural)`` of a title or role phrase written straight before a name."""
    words = list(_WORD.finditer(text, sentence.start, start))
    if not words or not text[words[-1].end() : start].isspace():
        return None
    head = words[-1].group()
    if not _PLAIN.fullmatch(head) or not is_role(head):
        return None
    begin = words[-1].start()
    titled = head[0].isupper()
    for word in reversed(words[-6:-1]):
        value = word.group()
        capital = titled and _PLAIN.fullmatch(value) and value[0].isupper()
        if not (is_modifier(value) or (capital and value.casefold() not in lx.STOP)):
            break
        begin = word.start()
    low = head.casefold()
    plural = low.endswith("s") and low[:-1] in lx.ROLE_NOUNS
    return (begin, words[-1].end(), plural)


def _title_case_part(text: str, start: int, end: int) -> tuple[int, int] | None:
    """ "Deputy Minister of Water last month" -> "Deputy Minister of Water"."""
    words = [w for w in _WORD.finditer(text, start, end) if w.group()[0].isupper()]
    return (start, words[-1].end()) if words else None


def _phrase_after(
    text: str, start: int, limit: int, *, role_within: int, cut_at_role: bool = False
) -> tuple[int, int] | None:
    """The descriptor phrase that starts at ``start``: up to a delimiter, with a role noun."""
    stop = _DELIMITER.search(text, start, limit)
    end = stop.start() if stop else limit
    words = list(_WORD.finditer(text, start, end))
    if not words or len(words) > MAX_DESCRIPTOR_WORDS:
        return None
    roles = [i for i, w in enumerate(words[:role_within]) if is_role(w.group())]
    if not roles:
        return None
    if cut_at_role:
        last = roles[0]
        while last + 1 < len(words) and is_role(words[last + 1].group()):
            last += 1
        if last + 1 < len(words) and words[last + 1].group() == "of":
            last = min(len(words) - 1, last + 7)
        end = words[last].end()
    else:
        end = words[-1].end()
    while end > start and text[end - 1] in ",.;:":
        end -= 1
    if text.count('"', start, end) % 2 and text[end : end + 2] == ',"':
        end += 2
    return (start, end)


def read_descriptors(cast: Cast, text: str) -> None:
    """Attach to each actor the descriptors written around its names."""
    for item in syntax_descriptors(cast, text):
        add_descriptor(cast.by_id(item.actor), text, item.start, item.end)
    sentences = cast.parse.sentences
    named = [m for m in cast.mentions if m.via != "pronoun"]
    for position, mention in enumerate(named):
        actor = cast.by_id(mention.actor)
        if actor.kind not in ("person", "organisation"):
            continue
        sentence = sentences[mention.sentence]
        found = _descriptors_at(text, sentence, mention)
        for begin, end, plural in found:
            add_descriptor(actor, text, begin, end)
            if plural:
                for other in _coordinated(named, position, text):
                    add_descriptor(cast.by_id(other.actor), text, begin, end)


def _coordinated(named: list[Mention], position: int, text: str) -> list[Mention]:
    out: list[Mention] = []
    current = named[position]
    for nxt in named[position + 1 :]:
        if nxt.sentence != current.sentence or not _SEPARATOR.fullmatch(
            text[current.end : nxt.start]
        ):
            break
        out.append(nxt)
        current = nxt
    return out


def _descriptors_at(
    text: str, sentence: ParsedSentence, mention: Mention
) -> list[tuple[int, int, bool]]:
    found: list[tuple[int, int, bool]] = []
    pre = _premodifier(text, sentence, mention.start)
    if pre is not None:
        found.append(pre)
    before_end = pre[0] if pre else mention.start
    reverse = _REVERSE.search(text[sentence.start : before_end])
    if reverse and is_role(reverse.group("d").split()[0]):
        found.append(
            (sentence.start + reverse.start("d"), sentence.start + reverse.end("d"), False)
        )
    such = _SUCH_AS.search(text, sentence.start, before_end)
    if such is not None:
        group = _group_before(text, sentence.start, such.start())
        if group is not None:
            found.append((*group, True))
    after = mention.end
    while after < sentence.end and text[after] in "'’s" and after - mention.end < 2:
        after += 1
    for pattern, within, cut in (
        (_APPOSITION, 4, False),
        (_WHO_IS, 4, True),
        (_AS, 3, False),
        (_COPULA, 4, True),
    ):
        match = pattern.match(text, mention.end, sentence.end)
        if match is None:
            continue
        phrase = _phrase_after(text, match.end(), sentence.end, role_within=within, cut_at_role=cut)
        if phrase is not None and pattern is _AS:
            phrase = _title_case_part(text, *phrase)
        if phrase is not None:
            found.append((*phrase, False))
    return found


def _group_before(text: str, floor: int, end: int) -> tuple[int, int] | None:
    """The plural role phrase before "such as": "activists with ... attitudes"."""
    words = list(_WORD.finditer(text, floor, end))[-8:]
    for index, word in enumerate(words):
        low = word.group().casefold().strip(",")
        if low.endswith("s") and low[:-1] in lx.ROLE_NOUNS and _PLAIN.fullmatch(word.group()):
            begin = word.start()
            for prev in reversed(words[:index]):
                if not is_modifier(prev.group()):
                    break
                begin = prev.start()
            return (begin, end)
    return None


def add_descriptor(actor: CastMember, text: str, start: int, end: int) -> None:
    """Give ``actor`` the descriptor ``text[start:end]`` (once)."""
    add_title(actor, text, start, end)
