"""Structure recovery: title, dateline, byline, captions, headings, paragraphs, source lines.

Articles reach spinscope in three layouts, and each is read its own way:

* **flattened**: the whole article on one line (a page copied as text, a translation pasted
  back). The head is found with anchors (a dateline, an ``Author:`` label); the body is cut into
  sentences, and inline headings, captions, ``Photo:`` credits, ``Original Source:`` lines,
  disclaimers and reaction prompts are picked out of the sentence stream by word shape.
* **lines**: paragraphs separated by blank lines, or one paragraph per line. Every line is
  classified on its own (title, dateline, byline, heading, caption, source, disclaimer,
  boilerplate); the other lines of a blank-line-separated block form one paragraph.
* **PTC** (one sentence per line, blank lines between paragraphs) is the lines layout; a block
  stays one paragraph, and only lines that clearly are headings are split out of it.

A line is read as flattened when its stretch of text has at most three non-blank lines and the
line holds at least 60 words. Parts that ingestion already found (from HTML markup) are kept as
they are; only the stretches of text they leave uncovered are recovered. Metadata fields are
filled only when still empty.

Russian, Ukrainian and Kazakh articles are read by the same rules: their labels, phrases and
sentence openers are declared in structure_words and joined to the English ones through
structure_cues, which also reads their sentence-case headings.

Every part is trimmed and non-empty, parts never overlap, and every non-white-space character of
the text lies in exactly one part.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Final

from spinscope import structure_cues as cues
from spinscope import structure_words as sw
from spinscope.components import ComponentSpec
from spinscope.config import AnalysisConfig
from spinscope.datelines import DateMatch, match_dateline, search_dateline
from spinscope.document import Document, Metadata, Part
from spinscope.sentences import ABBREVIATIONS, sentence_bounds

# Anchors that start a part in the middle of running text.
_ANCHOR: Final = re.compile(
    r"(?P<credit>\(?(?:[Pp]hoto(?:graph)?|PHOTO|[Ii]mage|[Pp]icture|[Ii]llustration)"
    r"(?:\s+[Cc]redits?)?\s*:|\(?(?:[Pp]hoto(?:graph)?|[Pp]icture)\s+by\b|" + cues.CREDIT + ")"
    r"|(?P<source>Original(?:ly)?\s+[Ss]ource\s*:|ORIGINAL SOURCE\s*:|Source\s*:|SOURCE\s*:"
    r"|Originally\s+(?:published|appeared|posted)\s+(?:on|in|at|by)\b"
    r"|This\s+(?:article|story|piece)\s+(?:was\s+)?(?:originally|first)\s+"
    r"(?:published|appeared|posted)\s+(?:on|in|at|by)\b"
    r"|(?:Article|Story)\s+(?:re)?posted\s+with\s+permission\s+from\b"
    r"|(?:Republished|Reprinted)\s+(?:with\s+(?:the\s+)?permission\s+)?(?:from|of)\b|"
    + cues.SOURCE
    + ")"
    r"|(?P<disclaimer>Disclaimer\s*:|DISCLAIMER\s*:"
    r"|(?:The\s+)?[Vv]iews\s+(?:and\s+opinions\s+)?expressed\s+(?:in\s+this\s+\w+\s+)?are\s+"
    r"(?:those\s+of\s+the\s+author|the\s+author'?s?\s+own|solely)|" + cues.DISCLAIMER + ")"
)
# The same anchors, found inside a sentence (after white space): the strong, labelled ones.
_ANCHOR_INSIDE: Final = re.compile(
    r"(?<=\s)(?:\(?(?:Photo(?:graph)?|PHOTO|Image|Picture|Illustration)(?:\s+[Cc]redits?)?\s*:"
    r"|Original(?:ly)?\s+[Ss]ource\s*:|ORIGINAL SOURCE\s*:|Disclaimer\s*:|DISCLAIMER\s*:|"
    + cues.ANCHOR_INSIDE
    + ")"
)
_BOILERPLATE: Final = re.compile(
    r"(?i:^(?:you\s+can\s+(?:express|share|leave|tell|rate)|share\s+this\b|subscribe\b|"
    r"sign\s+up\b|follow\s+us\b|like\s+(?:and|&)\s+share|like\s*/\s*dislike|click\s+here|"
    r"(?:please\s+)?(?:click|tap)\s+(?:on\s+)?(?:the\s+)?(?:like|share|subscribe|button)|"
    r"read\s+more\b|related\s*(?:articles?|stories|posts?)?\s*:|advertisement\b|"
    r"sponsored(?:\s+content)?\s*$|story\s+continue[sd]\s+below|continue\s+reading|"
    r"take\s+our\s+poll|click\s+to\s+(?:get|download|read|subscribe)|[\d.,]+k?\s+shares\b|all\s+rights\s+reserved|copyright\b|©|leave\s+a\s+(?:comment|reply)|"
    r"download\s+(?:our|the)\s+app|support\s+(?:our|independent)\s+journalism|"
    r"please\s+share|don'?t\s+forget\s+to\s+(?:like|share|subscribe)|join\s+(?:us|our)\s+on)"
    r"|thumbs[\s-]+up\s*/\s*(?:thumbs[\s-]+)?down|buttons?\s+below|share\s+this\s+(?:article|story|post)|"
    r"subscribe\s+to\s+our|follow\s+us\s+on)|" + cues.BOILERPLATE
)
_BYLINE_LABEL: Final = re.compile(
    r"(?:(?:Authors?|AUTHORS?|Writer|Reporter|Columnist|Text|Posted\s+by|Written\s+by"
    r"|Words\s+by|By|BY)\s*:\s*|(?:By|BY|Written\s+by|Posted\s+by|Words\s+by)\s+(?=\S)|"
    + cues.BYLINE_LABEL
    + ")"
)
_COLON_BYLINE: Final = re.compile(r"\b(?:Authors?|AUTHORS?)\s*:\s*(?=[A-Z])|" + cues.COLON_BYLINE)
_DATE_LABEL: Final = re.compile(
    r"(?i:(?:Published|Updated|Posted|Last\s+updated|Date|Dateline)(?:\s+on)?\s*:?\s+)|"
    + cues.DATE_LABEL
)
_URL: Final = re.compile(r"(?:https?://|www\.)\S+")
_TOKEN: Final = re.compile(r"\S+")
_INITIALS: Final = re.compile(r"(?:[A-Z]\.)+")
_HEADING_WORD: Final = re.compile(r"(?:[A-Z0-9À-ÖØ-ÞА-ЯЁ][\w'’&-]*|&)")
_END_PUNCT: Final = frozenset(".!?:;,")
_NOT_HEADING_END: Final = frozenset(".!?:;,\"'”’)]…-–—")
_NOT_HEADING_CHARS: Final = re.compile(r"[/@*|©#:()\[\]=+<>]|https?:|www\.|\.com\b")
_FLAT_WORDS: Final = 60
_FLAT_LINES: Final = 3
_TITLE_WORDS: Final = 25
_HEAD_LINES: Final = 6


@dataclass
class _Segment:
    """A piece of flattened text while it is being classified."""

    kind: str
    start: int
    end: int


@dataclass
class _Head:
    """Datelines and bylines read from the start of a line, not yet committed to the state."""

    parts: list[Part] = field(default_factory=list)
    end: int = 0
    dateline: DateMatch | None = None
    authors: list[str] = field(default_factory=list)
    bylines: int = 0

    def commit(self, state: _State) -> list[Part]:
        if self.dateline is not None:
            state.dateline = self.dateline
        state.authors.extend(self.authors)
        state.bylines += self.bylines
        return self.parts


@dataclass
class _State:
    """What recovery has seen so far across the uncovered stretches of one document."""

    title_open: bool
    lines_seen: int = 0
    dateline: DateMatch | None = None
    authors: list[str] = field(default_factory=list)
    bylines: int = 0


def recover_structure(document: Document, *, as_of: datetime | None = None) -> Document:
    """A new Document with parts recovered and empty metadata fields filled from them.

    Parts already on the document are kept exactly; recovery runs only on the text they do not
    cover. ``as_of`` (time-zone aware) resolves relative datelines such as ``Today, 12:00``.
    """
    text = document.text
    existing = sorted(document.parts, key=lambda p: p.start)
    state = _State(title_open=not any(p.kind == "title" for p in existing))
    found: list[Part] = []
    cursor = 0
    for part in [*existing, None]:
        stop = len(text) if part is None else part.start
        if cursor < stop and not text[cursor:stop].isspace():
            if text[:cursor].strip():
                state.title_open = False
            found.extend(_recover_region(text, cursor, stop, state, as_of))
        if part is not None:
            found.append(part)
            cursor = max(cursor, part.end)
    parts = tuple(sorted(found, key=lambda p: p.start))
    return document.evolve(parts=parts, meta=_fill_meta(document.meta, text, parts, state))


def _fill_meta(meta: Metadata, text: str, parts: tuple[Part, ...], state: _State) -> Metadata:
    changes: dict[str, object] = {}
    if meta.title is None:
        title = next((p for p in parts if p.kind == "title"), None)
        if title is not None:
            changes["title"] = " ".join(text[title.start : title.end].replace("\ufeff", "").split())
    if not meta.authors and state.authors:
        changes["authors"] = tuple(dict.fromkeys(state.authors))
    if state.dateline is not None:
        if meta.published_raw is None:
            changes["published_raw"] = text[state.dateline.start : state.dateline.end]
        if meta.published is None and state.dateline.published is not None:
            changes["published"] = state.dateline.published
    if meta.original_source_url is None:
        for part in parts:
            if part.kind == "source":
                url = _URL.search(text, part.start, part.end)
                if url:
                    changes["original_source_url"] = url.group().rstrip(".,;)]>\"'")
                    break
    return meta.evolve(**changes) if changes else meta


# ---------------------------------------------------------------------------------------------
# Lines layout


def _recover_region(
    text: str, start: int, end: int, state: _State, as_of: datetime | None
) -> list[Part]:
    lines = _split_lines(text, start, end)
    has_blank = any(blank for _, _, blank in lines[1:])
    flat_region = len(lines) <= _FLAT_LINES
    parts: list[Part] = []
    block: list[tuple[int, int]] = []  # content lines of the current paragraph

    def flush() -> None:
        if block:
            parts.append(Part("paragraph", block[0][0], block[-1][1]))
            block.clear()

    for index, (ls, le, blank_before) in enumerate(lines):
        if blank_before or not has_blank:
            flush()
        first = state.title_open
        in_head = state.lines_seen < _HEAD_LINES
        state.lines_seen += 1
        if flat_region and _word_count(text, ls, le) >= _FLAT_WORDS:
            flush()
            parts.extend(_flattened_line(text, ls, le, state, as_of))
            continue
        if first:
            state.title_open = False
            title_end = _title_line_end(text, ls, le, lines[index + 1 :])
            if title_end is not None:
                flush()
                parts.append(Part("title", ls, title_end))
                if title_end > le:  # continuation lines belong to the title
                    state.lines_seen += 1
                continue
        if parts and parts[-1].kind == "title" and parts[-1].end >= le:
            continue  # a continuation line already inside the title
        before = None if blank_before or index == 0 else lines[index - 1][:2]
        after = lines[index + 1][:2] if index + 1 < len(lines) else None
        special = _special_line(text, ls, le, state, as_of, in_head=in_head, around=(before, after))
        if special:
            flush()
            parts.extend(special)
        else:
            block.append((ls, le))
    flush()
    return parts


def _split_lines(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """Trimmed non-blank lines of ``text[start:end]``, each flagged if a blank line precedes it."""
    lines: list[tuple[int, int, bool]] = []
    blank = False
    pos = start
    while pos < end:
        newline = text.find("\n", pos, end)
        line_end = end if newline == -1 else newline
        ls, le = _trim(text, pos, line_end)
        if ls < le:
            lines.append((ls, le, blank and bool(lines)))
            blank = False
        else:
            blank = True
        pos = line_end + 1
    return lines


def _title_line_end(text: str, ls: int, le: int, rest: list[tuple[int, int, bool]]) -> int | None:
    """Where the title ends if the first line is a headline, else None."""
    if _word_count(text, ls, le) > _TITLE_WORDS or _kind_of_anchor_line(text, ls, le):
        return None
    if match_dateline(text, ls, le) is not None or _BYLINE_LABEL.match(text, ls, le):
        return None
    line = text[ls:le]
    if line[-1] in ".;," and not (_title_case(line) or _ends_with_abbreviation(line)):
        return None
    end = le
    for cs, ce, blank in rest:  # PTC titles wrap onto lines that go on in lower case
        if blank or not text[cs].islower():
            break
        end = ce
    return end


def _special_line(
    text: str,
    ls: int,
    le: int,
    state: _State,
    as_of: datetime | None,
    *,
    in_head: bool,
    around: tuple[tuple[int, int] | None, tuple[int, int] | None],
) -> list[Part]:
    """The parts a line that is not running text makes; empty for a content line."""
    kind = _kind_of_anchor_line(text, ls, le)
    if kind:
        return [Part(kind, ls, le)]
    if in_head:
        head = _head_sequence(text, ls, le, state, as_of)
        if head.parts and head.end >= le:
            return head.commit(state)
        label = _BYLINE_LABEL.match(text, ls, le)
        if label and state.bylines < 2 and _word_count(text, ls, le) <= 15:
            names = [n for n in _names(text, label.end(), le)[0] if not _is_role(n)]
            if names:
                state.authors.extend(names)
                state.bylines += 1
                return [Part("byline", ls, le)]
    if state.lines_seen > 1 and _heading_line(text, ls, le, *around):
        return [Part("heading", ls, le)]
    return []


def _kind_of_anchor_line(text: str, ls: int, le: int) -> str | None:
    """caption, source, disclaimer or boilerplate for a line that is one; else None."""
    words = _word_count(text, ls, le)
    anchor = _ANCHOR.match(text, ls, le)
    if anchor is not None and anchor.lastgroup is not None:
        return "caption" if anchor.lastgroup == "credit" else anchor.lastgroup
    if words <= 30 and _BOILERPLATE.search(text[ls:le]):
        return "boilerplate"
    if words <= 40:
        inside = _ANCHOR_INSIDE.search(text, ls, le)
        if inside is not None:
            label = text[inside.start() : inside.end()].lstrip("(").lower()
            if label.startswith(("photo", "image", "picture", "illustration")) or (
                cues.CREDIT_LABEL.match(text, inside.start(), le)
            ):
                return "caption"
    return None


def _heading_line(
    text: str, ls: int, le: int, before: tuple[int, int] | None, after: tuple[int, int] | None
) -> bool:
    """A Title-Case line of 2 to 10 words, without sentence punctuation, between sentences.

    The line before (if in the same block) ends a sentence, and the line after is running text
    (five words or more, ending like a sentence): lists of names, credits, signatures and
    form labels do not sit between two sentences like that.
    """
    line = text[ls:le]
    if after is None or line[-1] in _NOT_HEADING_END or _NOT_HEADING_CHARS.search(line):
        return False
    if not (line[0].isupper() or line[0].isdigit()):
        return False
    words = line.split()
    shortest = 1 if cues.mostly_cyrillic(line) else 2  # "Предыстория"
    last = words[-1].lower()
    if not shortest <= len(words) <= 10 or last in sw.FUNCTION_WORDS | sw.CYRILLIC_FUNCTION_WORDS:
        return False
    if not (_title_case(line) or cues.sentence_case_heading(line)):
        return False
    if line.count(",") > 1 or _BYLINE_LABEL.match(line):
        return False
    if before is not None and not _ends_sentence(text[before[0] : before[1]]):
        return False
    following = text[after[0] : after[1]]
    if cues.mostly_cyrillic(line) and not cues.opens_sentence(following):
        return False  # a bold fragment of a post: "Но\nкроме Украины, ..."
    return len(following.split()) >= 5 and _ends_sentence(following)


def _ends_sentence(line: str) -> bool:
    trimmed = line.rstrip("\"'”’)»]")
    return bool(trimmed) and trimmed[-1] in ".!?…" and not _ends_with_abbreviation(trimmed)


def _title_case(line: str) -> bool:
    words = [w.strip("\"'“”‘’()[]«»") for w in line.split()]
    words = [w for w in words if w]
    if not words:
        return False
    for word in words:
        if word.lower() in sw.FUNCTION_WORDS or not word[0].isalpha():
            continue
        if not word[0].isupper():
            return False
    return True


def _ends_with_abbreviation(line: str) -> bool:
    """Does the line end on an abbreviation or an initial (``Dept.``, ``J.``, ``U.S.``)?"""
    last = line.split()[-1]
    if not last.endswith("."):
        return False
    word = last.rstrip(".").lstrip("\"'“‘(")
    return bool(_INITIALS.fullmatch(word + ".")) or word.lower() in ABBREVIATIONS


# ---------------------------------------------------------------------------------------------
# Flattened layout


def _flattened_line(
    text: str, start: int, end: int, state: _State, as_of: datetime | None
) -> list[Part]:
    parts: list[Part] = []
    pos = start
    if state.title_open:
        state.title_open = False
        title_end = _inline_title_end(text, start, end)
        if title_end is not None:
            parts.append(Part("title", start, title_end))
            pos = title_end
    if state.lines_seen <= _HEAD_LINES:
        head = _head_sequence(text, pos, end, state, as_of)
        parts.extend(head.commit(state))
        pos = max(pos, head.end)
    segments: list[_Segment] = []
    for ss, se in sentence_bounds(text, pos, end):
        _sentence_segments(text, ss, se, segments)
    _absorb_disclaimer_tail(segments)
    for seg in segments:
        if seg.kind == "paragraph" and parts and parts[-1].kind == "paragraph":
            parts[-1] = Part("paragraph", parts[-1].start, seg.end)
        else:
            parts.append(Part(seg.kind, seg.start, seg.end))
    return parts


def _inline_title_end(text: str, start: int, end: int) -> int | None:
    """The end of the headline that runs into a dateline or an ``Author:`` label."""
    window = min(end, start + 400)
    date = search_dateline(text, start, window)
    if date is not None and not cues.date_may_end_headline(text, start, date.start, date.end):
        date = None
    label = _COLON_BYLINE.search(text, start, window)
    anchors = [a for a in (date.start if date else None, label.start() if label else None) if a]
    if anchors:
        cut = min(anchors)
        title_start, title_end = _trim(text, start, cut)
        if title_start < title_end and 1 <= _word_count(text, start, cut) <= 30:
            return title_end
        return None
    heading = _title_case_run(text, start, end, max_words=20, loose=True)
    if heading is None:  # a sentence-case Cyrillic headline: "Тихая сделка в Стрелецке По ..."
        heading = cues.heading_end(text, start, end, max_words=20)
    return heading


def _head_sequence(text: str, pos: int, end: int, state: _State, as_of: datetime | None) -> _Head:
    """Datelines and bylines that follow each other from ``pos``, with where they end."""
    head = _Head(end=pos)
    start = pos
    for _ in range(3):
        pos, _ = _trim(text, pos, end)
        if pos >= end:
            break
        if state.dateline is None and head.dateline is None:
            label = _DATE_LABEL.match(text, pos, end)
            date = match_dateline(text, label.end() if label else pos, end, as_of=as_of)
            if date is not None and cues.prose_after_date(text, date.start, date.end, end):
                date = None  # "Два роки тому росія розпочала ..."
            if date is not None:
                head.dateline = date
                head.parts.append(Part("dateline", pos, date.end))
                pos = head.end = date.end
                continue
        byline = _BYLINE_LABEL.match(text, pos, end)
        if byline is not None and ":" not in byline.group() and pos > start and not head.dateline:
            byline = None  # a bare "By" mid-line is a byline only right after a dateline
        if byline is not None and state.bylines + head.bylines < 2:
            names, name_end = _names(text, byline.end(), end)
            names = [n for n in names if not _is_role(n)]
            if names:
                head.authors.extend(names)
                head.bylines += 1
                head.parts.append(Part("byline", pos, name_end))
                pos = head.end = name_end
                continue
        break
    return head


def _names(text: str, pos: int, end: int) -> tuple[list[str], int]:
    """Personal names after a byline label: ``Ann Lee``, ``Ann Lee and Tom Ray``, ``A, B and C``.

    A name is one to four capitalised tokens. It stops before a sentence opener, before a
    capitalised word followed by a lower-case word once the name has two tokens (``Flag of ...``
    starts the next part), and at a date. A Cyrillic name (``Автор: Г. Ситников и Вера Ляхова``)
    keeps its initials' stops and has a third word only beside a patronymic.
    """
    names: list[str] = []
    current: list[str] = []
    last_end = pos
    tokens = list(_TOKEN.finditer(text, pos, end))
    for index, token in enumerate(tokens[:24]):
        word = token.group()
        bare = word.rstrip(",;.")
        following = tokens[index + 1].group() if index + 1 < len(tokens) else ""
        if (bare in {"and", "&"} or bare in sw.CYRILLIC_NAME_JOINERS) and current:
            names.append(" ".join(current))
            current = []
            continue
        if not bare:
            break
        if bare.lower() in sw.NAME_PARTICLES and current and following[:1].isupper():
            current.append(bare)
            continue
        if not (bare[0].isupper() and any(c.isalpha() for c in bare)):
            break
        opener = bare in sw.OPENERS and not cues.is_initial(word)
        if opener or match_dateline(text, token.start(), end) is not None:
            break
        joins = following.lower() in {"and"} or following in sw.CYRILLIC_NAME_JOINERS
        if len(current) >= 2 and following[:1].islower() and not joins:
            break
        if len(current) >= 4 or not cues.name_goes_on(current, bare):
            break
        current.append(word if cues.is_initial(word) else bare)  # "Г. Ситников"
        last_end = token.start() + len(bare)
        if word != bare:
            if word.endswith(".") and not (re.fullmatch(r"[A-Z]", bare) or cues.is_initial(word)):
                last_end = token.end()
                break
            if word.endswith((",", ";")):
                names.append(" ".join(current))
                current = []
    if current:
        names.append(" ".join(current))
    names = [n for n in names if n]
    return names, last_end


def _is_role(name: str) -> bool:
    return any(w.lower() in sw.ROLE_WORDS for w in name.split())


def _sentence_segments(text: str, start: int, end: int, out: list[_Segment]) -> None:
    """Classify one sentence of flattened text, cutting it where inline anchors begin."""
    pos = start
    while pos < end:
        pos, _ = _trim(text, pos, end)
        if pos >= end:
            return
        anchor = _ANCHOR.match(text, pos, end)
        if anchor is not None and anchor.lastgroup == "credit":
            tokens = cues.credit_tokens(anchor.group(), 6)
            credit_end = _run_end(text, anchor.end(), end, max_tokens=tokens)
            caption_start = pos
            if out and _caption_like(text, out[-1], pos):
                caption_start = out.pop().start
            out.append(_Segment("caption", caption_start, credit_end))
            pos = credit_end
            continue
        if anchor is not None and anchor.lastgroup == "source":
            url = _URL.match(text, _trim(text, anchor.end(), end)[0], end)
            source_end = url.end() if url else _run_end(text, anchor.end(), end, max_tokens=8)
            out.append(_Segment("source", pos, source_end))
            pos = source_end
            continue
        inside = _ANCHOR_INSIDE.search(text, pos + 1, end)
        stop = inside.start() if inside else end
        if anchor is not None and anchor.lastgroup == "disclaimer":
            out.append(_Segment("disclaimer", pos, _trim(text, pos, stop)[1]))
            pos = stop
            continue
        piece_end = _trim(text, pos, stop)[1]
        if _BOILERPLATE.search(text[pos:piece_end]):
            out.append(_Segment("boilerplate", pos, piece_end))
            pos = stop
            continue
        after_text = bool(out) and out[-1].kind in {"paragraph", "caption"}
        heading_end = _title_case_run(text, pos, stop, max_words=8, loose=False)
        if heading_end is None and after_text:
            heading_end = cues.heading_end(text, pos, stop)
        if heading_end is not None and after_text:
            out.append(_Segment("heading", pos, heading_end))
            pos = heading_end
            continue
        kind = "caption" if _verbless_caption(text, pos, piece_end) else "paragraph"
        out.append(_Segment(kind, pos, piece_end))
        pos = stop


def _caption_like(text: str, segment: _Segment, next_start: int) -> bool:
    """Can the sentence before a ``Photo:`` credit be the caption it belongs to?

    Captions may have a verb (``A speaks at the rally.``) but rarely an auxiliary or a pronoun.
    """
    if segment.kind not in {"paragraph", "caption"} or text[segment.end : next_start].strip():
        return False
    if segment.kind == "caption":
        return True
    words = [w.strip("\"'“”‘’()[],.") for w in text[segment.start : segment.end].split()]
    words = [w for w in words if w]
    if not words or len(words) > 25 or text[segment.end - 1] in "?!:;":
        return False
    if cues.reported_speech(words):
        return False
    return _contraction_base(words[0]) not in sw.NOT_CAPTION_START and _no_verb(words, strict=False)


def _absorb_disclaimer_tail(segments: list[_Segment]) -> None:
    """A disclaimer runs on over up to two trailing sentences that are nothing else."""
    for index, segment in enumerate(segments):
        if segment.kind != "disclaimer":
            continue
        tail = segments[index + 1 :]
        plain = 0
        for item in tail:
            if item.kind != "paragraph":
                break
            plain += 1
        if 0 < plain <= 2 and all(item.kind != "paragraph" for item in tail[plain:]):
            segment.end = tail[plain - 1].end
            del segments[index + 1 : index + 1 + plain]
        return


def _run_end(text: str, pos: int, limit: int, *, max_tokens: int) -> int:
    """Where a credit or source name that starts at ``pos`` ends.

    It runs up to ``max_tokens`` tokens and stops before a sentence opener, before a capital
    that follows a lower-case word other than a function word (``TV screen capture She``), before
    another anchor, and after a sentence stop. A Cyrillic capital goes on after a word that takes
    a name (``пресс-служба мэрии Стрелецка``) and when it opens a quoted name (``«Вектор»``).
    """
    end = pos
    previous = ""
    previous_lower = False
    for count, token in enumerate(_TOKEN.finditer(text, pos, limit), start=1):
        word = token.group()
        if count > 1:
            bare = word.strip("\"'“”‘’()[],.")
            capital_after_lower = word[0].isupper() and previous_lower
            if capital_after_lower and cues.credit_goes_on(previous, bare):
                capital_after_lower = False  # "пресс-служба мэрии Вельграда"
            if bare in sw.OPENERS or capital_after_lower:
                break
            if _ANCHOR.match(text, token.start(), limit):
                break
        end = token.end()
        previous = word
        lower = word.lower()
        previous_lower = word[0].islower() and lower not in sw.FUNCTION_WORDS
        stop = word[-1] in ".!?" and not _INITIALS.fullmatch(word)
        if stop or count >= max_tokens:
            break
    return _trim(text, pos, end)[1] if end > pos else pos


def _title_case_run(text: str, pos: int, limit: int, *, max_words: int, loose: bool) -> int | None:
    """The end of a Title-Case heading that sits right before a capitalised sentence opener.

    The run is 2 to ``max_words`` words, each capitalised or a lower-case function word (not at
    its ends); only an article may open it, and none of its other words is an opener. It must
    be followed by an opener and more text. ``loose`` reads a headline instead: its punctuation
    (``:``, ``,``, closed quotes) is allowed, and it ends only before an opener that cannot be a
    capitalised preposition of a Title-Case headline (``The``, ``He``, ``However``, ...).
    """
    openers = sw.STRONG_OPENERS if loose else sw.OPENERS
    tokens = list(_TOKEN.finditer(text, pos, min(limit, pos + 300)))
    for index, token in enumerate(tokens[: max_words + 1]):
        word = token.group()
        if index >= 2 and word in openers and index + 1 < len(tokens):
            last = tokens[index - 1].group()
            if last.lower() not in sw.FUNCTION_WORDS and last[-1] not in _END_PUNCT:
                return tokens[index - 1].end()
        if word in openers and (index or word not in sw.ARTICLES):
            return None
        bare = word
        if loose:
            if _unbalanced_quotes(word):
                return None
            bare = word.strip("\"'“”‘’«»").rstrip(":,")
        if not bare:
            return None
        if word.lower() in sw.FUNCTION_WORDS and index:
            continue
        if not _HEADING_WORD.fullmatch(bare) or bare.lower() in sw.VERBS:
            return None
    return None


def _unbalanced_quotes(word: str) -> bool:
    return word.count('"') % 2 == 1 or word.count("“") != word.count("”")


def _verbless_caption(text: str, start: int, end: int) -> bool:
    """A short noun-phrase sentence with no verb: how photo captions read once flattened.

    Its head is one or more capitalised words (a noun, names joined by ``and``), followed by
    the end or by a preposition: ``Flag of ...``, ``Post on ...``, ``A and B at ...``. No word
    after the first is a known verb, a pronoun, a negation, or an ``-ed``/``-ing`` form.
    """
    sentence = text[start:end]
    if not sentence.endswith(".") or sentence.endswith("..") or any(c in sentence for c in "?!;:"):
        return False
    words = [w.strip("\"'“”‘’()[],.") for w in sentence.split()]
    words = [w for w in words if w]
    if not 3 <= len(words) <= 14 or not _plain_word(words[-1]):
        return False
    first = words[0]
    if not first[:1].isupper() or _contraction_base(first) in sw.NOT_CAPTION_START:
        return False
    if first.lower().endswith(("ly", "ed", "ing")) or _ends_with_abbreviation(sentence):
        return False
    head = 0
    while head < len(words) and (words[head][:1].isupper() or words[head] in {"and", "&"}):
        head += 1
    if head < len(words) and words[head] not in sw.CAPTION_PREPOSITIONS:
        return False
    return _no_verb(words[1:], strict=True) and any(w[:1].isupper() for w in words[1:])


def _no_verb(words: list[str], *, strict: bool) -> bool:
    """No auxiliary or pronoun in ``words``; with ``strict``, no verb form of any kind."""
    previous = ""
    for bare in words:
        lower = bare.lower().replace("’", "'")
        base = _contraction_base(bare)
        if (
            lower in sw.AUXILIARIES
            or base in sw.PRONOUNS
            or base in sw.CONTRACTED
            or "n't" in lower
        ):
            return False
        if strict and not bare[0].isupper():
            if lower in sw.VERBS:
                return False
            if lower.endswith("ed") and len(lower) > 3 and lower not in sw.ED_NOUNS:
                return False
            if lower.endswith("ing") and len(lower) > 5 and lower not in sw.ING_NOUNS:
                return False
            after_name = previous[:1].isupper() and not previous.endswith(("'s", "’s"))
            if after_name and lower.endswith("s") and not lower.endswith(sw.NOT_VERB_S):
                return False  # "Hillel seeks", "Lee agrees": a subject and its verb
        previous = bare
    return True


def _contraction_base(word: str) -> str:
    lower = word.lower().replace("’", "'")
    return lower[:-2] if lower.endswith(("'s", "'m", "'d")) else lower.split("'")[0]


def _plain_word(word: str) -> bool:
    """Not an initial or an abbreviation: a sentence does not end on one."""
    return len(word) >= 3 and not _INITIALS.fullmatch(word + ".")


# ---------------------------------------------------------------------------------------------
# Small helpers


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _word_count(text: str, start: int, end: int) -> int:
    return len(text[start:end].split())


def _component(config: AnalysisConfig) -> Callable[[Document], Document]:
    def run(document: Document) -> Document:
        return recover_structure(document, as_of=config.as_of)

    return run


COMPONENT: Final = ComponentSpec(
    name="structure",
    version="1",
    kind="annotator",
    factory=_component,
    requires=("doc.text",),
    assigns=(
        "doc.parts",
        "meta.title",
        "meta.authors",
        "meta.published",
        "meta.original_source_url",
    ),
    description="headline, dateline, byline, captions, headings, source, disclaimer",
)
