"""Corpus records and analyses built by hand for the corpus tests (invented outlets and people)."""

from __future__ import annotations

from collections.abc import Sequence

from spinscope.analysis import Analysis, PipelineInfo
from spinscope.corpus.records import CorpusRecord
from spinscope.document import Document, Metadata, Span, make_span, sorted_spans, text_id
from tests.records import actor, attrs_for

FERRY_EN = (
    "Harbour council in Vessgrad approves 48 million for a new ferry terminal. The council of "
    "Vessgrad voted on 14 March 2024 to spend 48 million crowns on a ferry terminal. Mayor Ilse "
    "Varnhold said the terminal would open in 2026. Opposition councillor Tomas Brekke called "
    "the plan a waste of money. The vote passed 23 to 11."
)
FERRY_RU = (
    "Портовый совет Вессграда одобрил 48 миллионов на новый паромный терминал. Совет Вессграда "
    "14 марта 2024 года проголосовал за выделение 48 миллионов крон на паромный терминал. Мэр "
    "Ильзе Варнхольд заявила, что терминал откроется в 2026 году. Оппозиционный депутат Томас "
    "Брекке назвал план пустой тратой денег. Решение было принято 23 голосами против 11."
)
FERRY_UK = (
    "Портова рада Вессграда схвалила 48 мільйонів на новий поромний термінал. Рада Вессграда "
    "14 березня 2024 року проголосувала за виділення 48 мільйонів крон на поромний термінал. "
    "Мерка Ільзе Варнхольд заявила, що термінал відкриють у 2026 році. Опозиційний депутат "
    "Томас Брекке назвав план марнуванням грошей. Рішення ухвалили 23 голосами проти 11."
)
# Same town and year as each other, otherwise unrelated: a trap for the confirmation step.
APPLES_EN = (
    "Farmers near Ostby report a record apple harvest. The cooperative of Ostby said on "
    "2 September 2023 that members picked 310 tonnes of apples. Chair Marta Ekdahl thanked the "
    "57 seasonal workers."
)
FESTIVAL_RU = (
    "В Остбю прошёл фестиваль народной музыки. Около 1500 зрителей посетили концерты 5 и 6 "
    "августа 2023 года. Организатор Петра Линдквист пообещала повторить фестиваль в Остбю."
)


def record(
    text: str,
    *,
    site: str | None = None,
    url: str | None = None,
    source: str | None = None,
    published: str | None = None,
    language: str | None = "en",
    title: str | None = None,
) -> CorpusRecord:
    return CorpusRecord(
        id=text_id(text),
        text=text,
        title=title,
        url=url,
        original_source_url=source,
        site=site,
        published=published,
        language=language,
    )


def built(
    text: str,
    *,
    meta: Metadata | None = None,
    sentences: Sequence[tuple[int, int]] = (),
    findings: Sequence[tuple[str, str, str, float, dict[str, object]]] = (),
    actors: Sequence[dict[str, object]] = (),
) -> Analysis:
    """An analysis with findings given as ``(needle, layer, label, score, attrs)``."""
    doc = Document(text, meta or Metadata(), sentences=tuple(sentences))
    spans: list[Span] = []
    for needle, layer, label, score, attrs in findings:
        start = text.index(needle)
        spans.append(
            make_span(
                doc,
                start,
                start + len(needle),
                layer=layer,
                label=label,
                score=score,
                detector="test@1",
                explanation="a test finding",
                attrs=attrs_for(layer, attrs),
            )
        )
    return Analysis(
        document=doc,
        findings=sorted_spans(spans),
        pipeline=PipelineInfo("0.1.0+test", ("test@1",)),
        actors=tuple(actor(a) for a in actors),
    )


def sentence_ranges(text: str) -> tuple[tuple[int, int], ...]:
    """Sentence ranges split after '.', '!' or '?' followed by a space (test texts only)."""
    out: list[tuple[int, int]] = []
    start = 0
    for i, ch in enumerate(text):
        if ch in ".!?" and (i + 1 == len(text) or text[i + 1] == " "):
            out.append((start, i + 1))
            start = i + 2
    if start < len(text):
        out.append((start, len(text)))
    return tuple(out)


HOSTILE = "<script>alert(1)</script>"
HOSTILE_ATTR = '"><img src=x onerror=alert(2)>'
CLAIM = "Minister Aldo Fenn took secret payments from the Harbour Trust to approve the dredging."


def hostile_corpus() -> list[Analysis]:
    """Three analyses of one story (a copy chain) whose every field holds markup."""
    body = (
        f"{HOSTILE} says {HOSTILE_ATTR} here. {CLAIM} Critics call Fenn a {HOSTILE} crook. "
        "The board met on Monday in the old hall and voted to delay the contract again."
    )
    out = []
    for i, (site, published) in enumerate(
        [(HOSTILE, "2025-03-03"), (HOSTILE_ATTR, "2025-03-11"), ("Echo\u202e", None)]
    ):
        text = body if i == 0 else body.replace("Monday", "Tuesday") + f" Copy {i}."
        out.append(
            built(
                text,
                meta=Metadata(
                    title=f"{HOSTILE} title {i}",
                    site=site,
                    published=published,
                    url="javascript:alert(3)" if i == 1 else f"https://e{i}.example/a",
                    original_source_url="https://e0.example/a" if i else None,
                    language="en",
                ),
                sentences=sentence_ranges(text),
                findings=[
                    (CLAIM, "claim", "checkworthy", 0.9, {"checkworthy": True}),
                    ("crook", "technique", "Name_Calling,Labeling", 0.8, {}),
                    (HOSTILE_ATTR, "technique", f"<b>{i}</b>", 0.6, {}),
                    ("crook", "allegation", "corruption", 0.7, {"targets": ["a1"]}),
                ],
                actors=[{"id": "a1", "name": f"Aldo Fenn {HOSTILE}", "kind": "person"}],
            )
        )
    return out


def hostile_corpus_and_echo() -> list[Analysis]:
    """:func:`hostile_corpus` and a fourth article, no copy of the others, by another outlet,
    that repeats the claim and calls Fenn a crook in its own words: the narratives of the story
    span two articles (the chain counts once), not the three copies."""
    text = (
        f"At the quay on Friday the talk was of one thing. {CLAIM} "
        f"Fenn is nothing but a {HOSTILE} crook, his critics say. "
        "The ferry timetable changes for the spring season, with two extra crossings each "
        "weekend, and the harbour museum reopens its west wing after a winter of repairs."
    )
    echo = built(
        text,
        meta=Metadata(
            title=f"{HOSTILE} echo",
            site="Quay Gazette",
            published="2025-03-07",
            url="https://e3.example/b",
            language="en",
        ),
        sentences=sentence_ranges(text),
        findings=[
            (CLAIM, "claim", "checkworthy", 0.9, {"checkworthy": True}),
            ("crook", "technique", "Name_Calling,Labeling", 0.8, {}),
            ("crook", "allegation", "corruption", 0.7, {"targets": ["a1"]}),
        ],
        actors=[{"id": "a1", "name": f"Aldo Fenn {HOSTILE}", "kind": "person"}],
    )
    return [*hostile_corpus(), echo]
