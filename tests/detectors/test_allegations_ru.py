"""Allegations in Russian: the accused by grammatical case, never the accuser or a victim."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from spinscope.document import Document, Metadata
from spinscope.pipeline import Pipeline
from spinscope.records import AllegationAttrs
from spinscope.training.allegation_eval import evaluate
from tests.conftest import EXAMPLES

PIPELINE = Pipeline(["structure", "sentences", "actors", "sourcing", "allegations"])
# the stages the allegation figures rest on (``spinscope eval allegations`` runs all of them)
EVAL = Pipeline(
    ["structure", "sentences", "language", "claims", "actors", "sourcing", "allegations"]
)


def allegations(text: str, *, language: str | None = "ru") -> list[dict[str, Any]]:
    analysis = PIPELINE(Document(text, Metadata(language=language)))
    names = {a.id: a.name for a in analysis.actors}
    out = []
    for finding in analysis.findings:
        if isinstance(finding.attrs, AllegationAttrs):
            attrs = finding.attrs
            out.append(
                {
                    "type": attrs.type,
                    "targets": [names[t] for t in attrs.targets],
                    "by": names.get(attrs.alleged_by, attrs.alleged_by),
                    "sourcing": attrs.sourcing,
                }
            )
    return out


def test_an_accusation_verb_accuses_its_object_and_its_subject_is_the_accuser() -> None:
    found = allegations("Депутат Виктор Гаврилов обвинил Павла Дронова в экстремизме.")
    assert found == [
        {
            "type": "extremism",
            "targets": ["Павел Дронов"],
            "by": "Виктор Гаврилов",
            "sourcing": "named",
        }
    ]


def test_an_act_is_alleged_against_its_doer_not_the_speaker() -> None:
    found = allegations("Депутат Анна Климова заявила, что Игорь Баранов растратил деньги фонда.")
    assert [(f["type"], f["targets"], f["by"]) for f in found] == [
        ("corruption", ["Игорь Баранов"], "Анна Климова")
    ]


def test_a_victim_in_the_dative_is_no_target() -> None:
    found = allegations(
        "Правозащитница Марина Соколова рассказала, что Игорь Баранов угрожал "
        "бухгалтеру Елене Орловой."
    )
    assert [(f["type"], f["targets"]) for f in found] == [("abuse", ["Игорь Баранов"])]


def test_a_person_noun_names_the_object_of_calling() -> None:
    found = allegations("Сторонники фонда называют Анну Климову предательницей.")
    assert [(f["type"], f["targets"]) for f in found] == [("disloyalty", ["Анна Климова"])]


def test_a_denied_act_is_no_allegation() -> None:
    assert allegations("Директор фонда Игорь Баранов не растратил ни рубля.") == []


def test_names_joined_before_a_plural_verb_are_all_targets() -> None:
    found = allegations("Игорь Баранов и Глеб Ситников растратили деньги фонда.")
    assert [f["targets"] for f in found] == [["Игорь Баранов", "Глеб Ситников"]]


def test_a_man_named_in_the_genitive_is_not_the_doer() -> None:
    found = allegations(
        "Виктор Орлов выступил в собрании. Ранее Орлова обвиняли в растрате бюджетных средств."
    )
    assert [(f["type"], f["targets"], f["sourcing"]) for f in found] == [
        ("corruption", ["Виктор Орлов"], "hedged")
    ]


def test_unnamed_sources_and_hedges() -> None:
    found = allegations(
        "По данным наших источников, Глеб Ситников получил от фирмы взятку. "
        "Как стало известно, Игорь Баранов солгал депутатам."
    )
    assert [(f["type"], f["targets"], f["sourcing"]) for f in found] == [
        ("corruption", ["Глеб Ситников"], "anonymous"),
        ("lying", ["Игорь Баранов"], "hedged"),
    ]


def test_allegedly_hedges_a_named_report() -> None:
    found = allegations(
        "Как пишет газета «Северный курьер», Павел Дронов якобы получал деньги от "
        "зарубежных фондов."
    )
    assert found == [
        {
            "type": "foreign_funding",
            "targets": ["Павел Дронов"],
            "by": "Северный курьер",
            "sourcing": "hedged",
        }
    ]


def test_the_example_article() -> None:
    text = (EXAMPLES / "veligorsk-river-fund.ru.txt").read_text(encoding="utf-8")
    pipeline = Pipeline(["structure", "sentences", "language", "actors", "sourcing", "allegations"])
    analysis = pipeline(Document(text, Metadata()))
    names = {a.id: a.name for a in analysis.actors}
    found = sorted(
        (
            f.attrs.type,
            tuple(names[t] for t in f.attrs.targets),
            names.get(f.attrs.alleged_by, f.attrs.alleged_by),
            f.attrs.sourcing,
        )
        for f in analysis.findings
        if isinstance(f.attrs, AllegationAttrs)
    )
    assert found == [
        ("abuse", ("Игорь Баранов",), "Марина Соколова", "named"),
        ("corruption", ("Глеб Ситников",), "наших источников", "anonymous"),
        ("corruption", ("Игорь Баранов",), "Анна Климова", "named"),
        ("disloyalty", ("Анна Климова",), "author", "unattributed"),
        ("extremism", ("Павел Дронов",), "Виктор Гаврилов", "named"),
        ("foreign_funding", ("Павел Дронов",), "Северный курьер", "hedged"),
        ("lying", ("Игорь Баранов",), "author", "hedged"),
        ("other", ("Игорь Баранов",), "Анна Климова", "named"),
    ]
    accused = {a.name for a in analysis.actors if a.allegations}
    assert accused == {"Игорь Баранов", "Глеб Ситников", "Анна Климова", "Павел Дронов"}
    assert "Елена Орлова" not in accused


def test_a_relative_clause_speaks_of_the_name_before_it() -> None:
    found = allegations(
        "Блогер Зоя Кречет, которая, по некоторым данным, получала гранты от иностранных "
        "фондов, написала о стройке."
    )
    assert [(f["type"], f["targets"], f["sourcing"]) for f in found] == [
        ("foreign_funding", ["Зоя Кречет"], "hedged")
    ]


def test_a_doubt_after_an_unnamed_source_keeps_the_source() -> None:
    found = allegations(
        "Один из гостей рассказал нам, что Марат Ерохин пообещал помощь в обмен на место в "
        "совете. Насколько это соответствует действительности, мы установить не можем."
    )
    assert [(f["type"], f["targets"], f["sourcing"]) for f in found] == [
        ("corruption", ["Марат Ерохин"], "anonymous")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Следователи задержали бывшего директора фонда Игоря Баранова по подозрению в "
            "растрате.",
            ("corruption", ["Игорь Баранов"], "author"),
        ),
        (
            "Игоря Баранова обвиняют в хищении бюджетных средств.",
            ("corruption", ["Игорь Баранов"], "author"),
        ),
        (
            "Депутат Анна Климова обвинила мэра Романа Зуева во лжи.",
            ("lying", ["Роман Зуев"], "Анна Климова"),
        ),
        (
            "По словам Анны Климовой, Роман Зуев получил взятку от Игоря Баранова.",
            ("corruption", ["Роман Зуев"], "Анна Климова"),
        ),
        (
            "Анна Климова назвала Романа Зуева лжецом.",
            ("lying", ["Роман Зуев"], "Анна Климова"),
        ),
        (
            "Бывший министр Олег Носов арестован по делу о мошенничестве.",
            ("crime", ["Олег Носов"], "author"),
        ),
        (
            "Активист Павел Дронов призывает к насилию, утверждает депутат Виктор Гаврилов.",
            ("extremism", ["Павел Дронов"], "Виктор Гаврилов"),
        ),
        (
            "Фонд «Речной берег» вывел миллионы в офшоры, сообщает газета «Северный курьер».",
            ("corruption", ["Речной берег"], "Северный курьер"),
        ),
        (
            "Роман Зуев обвинил Анну Климову в клевете, а она назвала его вором.",
            ("lying", ["Анна Климова"], "Роман Зуев"),
        ),
    ],
)
def test_accused_and_accuser(text: str, expected: tuple[str, list[str], str]) -> None:
    assert [(f["type"], f["targets"], f["by"]) for f in allegations(text)] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Игоря Баранова обвиняют в хищении бюджетных средств.",
        "Игорь Баранов обвиняется в мошенничестве.",
        "Бывший министр Игорь Баранов подозревается в получении взятки.",
    ],
)
def test_an_accusation_by_no_one_is_hedged(text: str) -> None:
    assert [(f["targets"], f["by"], f["sourcing"]) for f in allegations(text)] == [
        (["Игорь Баранов"], "author", "hedged")
    ]


def test_the_development_gold() -> None:
    # Two hand-annotated invented articles (see russian_gold/README.md): development figures,
    # not a held-out test.
    folder = Path(__file__).parent / "russian_gold"
    result = evaluate(folder, folder, pipeline=EVAL)
    assert result["persons_f1"] == 1.0
    assert result["organisations_f1"] == 1.0
    assert result["allegations_precision"] == 1.0
    assert result["allegations_recall"] >= 0.93
    assert result["allegations_target_f1"] >= 0.96
    assert result["sourcing_accuracy"] == 1.0
    assert result["alleged_by_accuracy"] == 1.0
    assert result["descriptor_recall"] >= 0.81


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Депутат Лариса Гончар потребовала отставки Степана Кравчука и обвинила его в "
            "предательстве интересов горожан.",
            ("disloyalty", ["Степан Кравчук"], "Лариса Гончар"),
        ),
        (
            "Лариса Гончар выступила на митинге. В 2021 году её оштрафовали за нарушение закона.",
            ("crime", ["Лариса Гончар"], "author"),
        ),
        (
            "Степан Кравчук отказался от комментариев. Тогда он заявил, что Лариса Гончар лжёт.",
            ("lying", ["Лариса Гончар"], "Степан Кравчук"),
        ),
        (
            "Депутат Лариса Гончар обвинила его помощника Олега Яковлева в мошенничестве.",
            ("crime", ["Олег Яковлев"], "Лариса Гончар"),
        ),
    ],
)
def test_pronouns(text: str, expected: tuple[str, list[str], str]) -> None:
    assert [(f["type"], f["targets"], f["by"]) for f in allegations(text)] == [expected]


def test_a_pronoun_two_persons_could_be_accuses_no_one() -> None:
    text = "Степан Кравчук и Илья Мартынов встретились. Он якобы получил взятку."
    assert allegations(text) == []


def test_the_held_out_gold() -> None:
    # One hand-annotated invented article (russian_heldout/README.md); its misses were read
    # after the rules were broadened on other articles, so it is development data now and
    # these floors catch a regression.
    folder = Path(__file__).parent / "russian_heldout"
    result = evaluate(folder, folder, pipeline=EVAL)
    assert result["persons_f1"] == 1.0
    assert result["allegations_precision"] >= 0.95
    assert result["allegations_recall"] >= 0.85


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Депутат Олег Носов злоупотребил служебным положением, заявила Анна Климова.",
            ("other", ["Олег Носов"], "Анна Климова"),
        ),
        (
            "Блогер Павел Дронов оправдывает терроризм, считает прокурор Игорь Баранов.",
            ("extremism", ["Павел Дронов"], "Игорь Баранов"),
        ),
        (
            "Журналист Павел Дронов распространяет фейки о войне, утверждает Анна Климова.",
            ("lying", ["Павел Дронов"], "Анна Климова"),
        ),
        (
            "Игорь Баранов дал взятку инспектору Олегу Носову.",
            ("corruption", ["Игорь Баранов"], "author"),
        ),
        (
            "Анна Климова годами уклонялась от уплаты налогов.",
            ("crime", ["Анна Климова"], "author"),
        ),
    ],
)
def test_more_acts(text: str, expected: tuple[str, list[str], str]) -> None:
    assert [(f["type"], f["targets"], f["by"]) for f in allegations(text)] == [expected]


@pytest.mark.parametrize(
    ("text", "by"),
    [
        ("Прокуратура подозревает Павла Дронова в мошенничестве.", "Прокуратура"),
        ("Прокуратура Велигорска обвиняет Павла Дронова в растрате.", "Прокуратура Велигорска"),
    ],
)
def test_an_accusing_institution_is_a_named_source(text: str, by: str) -> None:
    assert [(f["targets"], f["by"], f["sourcing"]) for f in allegations(text)] == [
        (["Павел Дронов"], by, "named")
    ]
