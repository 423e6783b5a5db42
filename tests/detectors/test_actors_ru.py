"""Actors in Russian: natasha's entities cleaned, merged across cases, the author left out,
descriptors read."""

from __future__ import annotations

from typing import Any

import pytest

from spinscope.detectors.actors_ru import build_cast, is_evaluative
from spinscope.document import Document, Metadata
from spinscope.pipeline import Pipeline
from tests.conftest import EXAMPLES

PREPARE = Pipeline(["structure", "sentences"])
EXAMPLE = EXAMPLES / "veligorsk-river-fund.ru.txt"


def actors_of(text: str, *, authors: tuple[str, ...] = ()) -> dict[str, Any]:
    document = PREPARE(Document(text, Metadata(authors=authors, language="ru"))).document
    cast = build_cast(document)
    return {a.name: a for a in cast.actors}


def test_mentions_in_every_case_are_one_person() -> None:
    actors = actors_of(
        "Депутат Анна Климова выступила в собрании. Коллеги поддержали Климову. "
        "По словам Климовой, отчёт скрыт. Климова ждёт ответа."
    )
    klimova = actors["Анна Климова"]
    assert klimova.kind == "person"
    assert len(klimova.mentions) == 4
    assert {"Климову", "Климовой", "Климова"} <= set(klimova.aliases)


def test_a_name_met_only_in_an_oblique_case_is_named_in_the_nominative() -> None:
    actors = actors_of("Директор угрожал бухгалтеру фонда Елене Орловой увольнением.")
    assert "Елена Орлова" in actors


def test_the_author_after_avtor_is_no_actor() -> None:
    actors = actors_of(
        "Мост открыт Вчера, 19:20 Автор: Степан Лучинин Мэр Роман Зуев открыл мост через реку."
    )
    assert "Степан Лучинин" not in actors
    assert "Роман Зуев" in actors


def test_a_byline_author_is_no_actor() -> None:
    actors = actors_of(
        "Журналист Степан Лучинин побывал на стройке. Мэр Роман Зуев открыл мост.",
        authors=("Степан Лучинин",),
    )
    assert "Степан Лучинин" not in actors


def test_organisations_lose_their_quotes_and_generic_noun() -> None:
    actors = actors_of("Фонд «Речной берег» перевёл деньги фирме «Вектор-Плюс» в прошлом году.")
    assert actors["Речной берег"].kind == "organisation"
    assert actors["Вектор-Плюс"].kind == "organisation"


def test_a_place_is_named_in_the_nominative() -> None:
    actors = actors_of("Чиновники Велигорска любят говорить о фонде. Мэр Велигорска молчит.")
    assert actors["Велигорск"].kind == "place"


def test_role_nouns_before_a_name_are_descriptors() -> None:
    actors = actors_of(
        "Радикальный активист Павел Дронов вышел на площадь. "
        "Депутат городского собрания Анна Климова осталась дома."
    )
    assert [(d.text, d.evaluative) for d in actors["Павел Дронов"].descriptors] == [
        ("Радикальный активист", True)
    ]
    assert [(d.text, d.evaluative) for d in actors["Анна Климова"].descriptors] == [
        ("Депутат городского собрания", False)
    ]


def test_an_apposition_after_a_name_is_a_descriptor() -> None:
    actors = actors_of("Вчера Игорь Баранов, директор фонда, отказался от комментариев.")
    assert [d.text for d in actors["Игорь Баранов"].descriptors] == ["директор фонда"]


@pytest.mark.parametrize(
    ("phrase", "evaluative"),
    [
        ("радикальный активист", True),
        ("так называемый правозащитник", True),
        ("депутат городского собрания", False),
        ("директор фонда", False),
    ],
)
def test_evaluative_descriptors(phrase: str, evaluative: bool) -> None:
    assert is_evaluative(phrase) is evaluative


def test_the_example_article() -> None:
    pipeline = Pipeline(["structure", "sentences", "language", "actors"])
    document = Document(EXAMPLE.read_text(encoding="utf-8"), Metadata())
    analysis = pipeline(document)
    assert analysis.document.meta.language == "ru"
    by_name = {a.name: a for a in analysis.actors}
    persons = {n for n, a in by_name.items() if a.kind == "person"}
    assert persons == {
        "Игорь Баранов",
        "Анна Климова",
        "Денис Харламов",
        "Глеб Ситников",
        "Марина Соколова",
        "Елена Орлова",
        "Нина Горелова",
        "Павел Дронов",
        "Олег Мельников",
        "Виктор Гаврилов",
        "Роман Зуев",
        "Ольга Ветрова",
    }
    organisations = {n for n, a in by_name.items() if a.kind == "organisation"}
    assert {"Речной берег", "Вектор-Плюс", "Северный курьер", "Чистая река"} <= organisations
    assert "Степан Лучинин" not in by_name
    assert len(by_name["Анна Климова"].mentions) == 6  # 5 by name, "она" once
    assert len(by_name["Павел Дронов"].mentions) == 5
    descriptors = {
        n: [(d.text.casefold(), d.evaluative) for d in a.descriptors] for n, a in by_name.items()
    }
    assert descriptors["Павел Дронов"] == [("радикальный активист", True)]
    assert descriptors["Анна Климова"] == [("депутат городского собрания", False)]
    assert descriptors["Игорь Баранов"] == [("директор фонда", False)]
    assert descriptors["Глеб Ситников"] == [("заместитель мэра", False)]
    assert descriptors["Олег Мельников"] == [("прокурор велигорска", False)]


def test_a_role_in_another_case_belongs_to_someone_else() -> None:
    actors = actors_of(
        "Один из учредителей работал помощником вице-губернатора Аркадия Голубева много лет."
    )
    assert [d.text for d in actors["Аркадий Голубев"].descriptors] == ["вице-губернатора"]


def test_an_adjective_before_a_place_is_part_of_its_name() -> None:
    actors = actors_of(
        "Чиновники любят повторять, что водопровод станет гордостью Приозёрной области."
    )
    assert any(a.kind == "place" and "Приозёрн" in a.name for a in actors.values())


@pytest.mark.parametrize(
    ("text", "descriptor", "evaluative"),
    [
        ("Павел Дронов – радикальный активист и лидер движения.", "радикальный активист", True),
        (
            "Игорь Баранов является директором фонда с 2019 года.",
            "директором фонда",
            False,
        ),
        ("Анна Климова - так называемая правозащитница.", "так называемая правозащитница", True),
    ],
)
def test_a_predicate_is_a_descriptor(text: str, descriptor: str, evaluative: bool) -> None:
    (actor,) = actors_of(text).values()
    assert [(d.text, d.evaluative) for d in actor.descriptors] == [(descriptor, evaluative)]


def test_a_pronoun_of_the_one_person_of_its_gender() -> None:
    actors = actors_of("Анна Климова пришла в суд. Она заявила, что Игорь Баранов лжёт.")
    assert len(actors["Анна Климова"].mentions) == 2
    assert len(actors["Игорь Баранов"].mentions) == 1


def test_a_pronoun_two_persons_could_be_is_left_alone() -> None:
    actors = actors_of("Анна Климова встретила Марину Соколову. Она заявила, что отчёт скрыт.")
    assert [len(a.mentions) for a in actors.values()] == [1, 1]


def test_a_possessive_stands_for_no_one() -> None:
    actors = actors_of("Игорь Баранов молчит. Его помощник Олег Яковлев говорит за него.")
    assert len(actors["Игорь Баранов"].mentions) == 2  # "него", not "Его помощник"


def test_a_regions_genitive_after_an_organisation_is_part_of_its_name() -> None:
    text = (
        "Федерация парусного спорта Озёрной области получила грант. "
        "Президент федерации поблагодарил губернатора."
    )
    found = actors_of(text)
    assert any(name.endswith("Озёрной области") for name in found), found


def test_a_one_word_name_read_as_a_verb_in_another_case_is_one_organisation() -> None:
    text = (
        "Договор заключили с фирмой «Аквасталь». Учредителем «Аквастали» числится жена директора."
    )
    found = [name for name in actors_of(text) if name.startswith("Аквастал")]
    assert len(found) == 1, found
