"""Sourcing in Russian: grades from Russian cues, and the named speaker of each sentence."""

from __future__ import annotations

import pytest

from spinscope.document import Document, Metadata
from spinscope.pipeline import Pipeline
from spinscope.records import SourcingAttrs
from tests.conftest import EXAMPLES

PIPELINE = Pipeline(["structure", "sentences", "actors", "sourcing"])


def graded(text: str) -> list[tuple[str, str, str | None]]:
    """(sentence, grade, speaker name) of each claim sentence."""
    analysis = PIPELINE(Document(text, Metadata(language="ru")))
    speakers: dict[tuple[int, int], str | None] = {}
    grades: dict[tuple[int, int], str] = {}
    for finding in analysis.findings:
        if isinstance(finding.attrs, SourcingAttrs):
            for key in finding.attrs.grades:
                grades[key] = finding.label
                speakers[key] = finding.attrs.speaker if finding.label == "named" else None
    return [
        (text[s:e].strip(), grades.get((s, e), "unattributed"), speakers.get((s, e)))
        for s, e in sorted(set(grades) | set(analysis.document.sentences))
    ]


@pytest.mark.parametrize(
    ("sentence", "grade"),
    [
        ("По данным наших источников, фонд перевёл деньги фирме.", "anonymous"),
        ("Источник в министерстве рассказал о переводе денег.", "anonymous"),
        ("Источник, знакомый с делом, рассказал, что фонд перевёл деньги.", "anonymous"),
        ("Как стало известно, фонд перевёл деньги фирме.", "hedged"),
        ("Сообщается, что фонд перевёл деньги фирме.", "hedged"),
        ("Директор якобы перевёл деньги знакомой фирме.", "hedged"),
        ("По неподтверждённым данным, фонд перевёл деньги фирме.", "hedged"),
        ("Фонд перевёл деньги фирме в прошлом году.", "unattributed"),
    ],
)
def test_grades(sentence: str, grade: str) -> None:
    assert graded(sentence)[0][1] == grade


@pytest.mark.parametrize(
    "text",
    [
        "Депутат Анна Климова заявила, что фонд перевёл деньги фирме.",
        "По словам Анны Климовой, фонд перевёл деньги фирме.",
        "«Фонд перевёл деньги фирме», – сказала Анна Климова журналистам.",
    ],
)
def test_a_named_speaker(text: str) -> None:
    assert graded(text)[0][1:] == ("named", "Анна Климова")


def test_as_the_paper_writes_names_the_paper() -> None:
    _sentence, grade, speaker = graded(
        "Как пишет газета «Северный курьер», фонд перевёл деньги фирме."
    )[0]
    assert (grade, speaker) == ("named", "Северный курьер")


def test_by_her_words_speaks_for_the_speaker_before() -> None:
    rows = graded(
        "Депутат Анна Климова заявила, что фонд перевёл деньги фирме. "
        "По её словам, договор подписали за один день."
    )
    assert rows[1][1:] == ("named", "Анна Климова")


def test_a_coordinated_verb_keeps_its_speaker() -> None:
    rows = graded("Депутат Виктор Гаврилов обвинил Павла Дронова во лжи и потребовал ответа.")
    assert rows[0][1:] == ("named", "Виктор Гаврилов")


def test_a_doubt_hedges_the_sentence_before() -> None:
    analysis = PIPELINE(
        Document(
            "Фонд перевёл деньги фирме «Вектор-Плюс». Доказательств издание не приводит.",
            Metadata(language="ru"),
        )
    )
    assert any(f.label == "hedged" for f in analysis.findings)


def test_the_example_article() -> None:
    text = (EXAMPLES / "veligorsk-river-fund.ru.txt").read_text(encoding="utf-8")
    pipeline = Pipeline(["structure", "sentences", "language", "actors", "sourcing"])
    analysis = pipeline(Document(text, Metadata()))
    counts: dict[str, int] = {}
    for finding in analysis.findings:
        if finding.layer == "sourcing":
            counts[finding.label] = counts.get(finding.label, 0) + 1
    assert counts == {"anonymous": 2, "hedged": 5, "named": 18}


@pytest.mark.parametrize(
    "text",
    [
        "Депутат Лидия Саблина, возглавляющая комитет по ресурсам, заявила, что стройка идёт.",
        "Блогер Лидия Саблина, которая, по некоторым данным, дружит с мэром, написала о стройке.",
    ],
)
def test_a_speaker_across_a_relative_or_participial_insertion(text: str) -> None:
    assert graded(text)[0][1:] == ("named", "Лидия Саблина")


def test_one_of_the_guests_is_an_unnamed_source() -> None:
    text = "Один из гостей приёма рассказал нам, что договор подписали за один вечер."
    assert graded(text)[0][1] == "anonymous"
