"""Russian allegations: the case frames, predicates and references added for unseen wording.

Every sentence here is invented for the test; each rule has its own positive and negative case.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

import pytest

from spinscope.detectors import lexicons_ru as lx
from spinscope.detectors import russian as ru
from spinscope.document import Document, Metadata
from spinscope.training.allegation_eval import evaluate
from tests.detectors.test_allegations_ru import EVAL, PIPELINE, allegations


def brief(text: str) -> list[tuple[str, list[str], str, str]]:
    return [(f["type"], f["targets"], f["by"], f["sourcing"]) for f in allegations(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Семён Лапин ни в чём не был обвинён.",
        "Игорь Баранов не был задержан и вернулся домой.",
        "Игорь Баранов пригрозил журналистам судом.",
        "Анна Климова пообещала подать иск, а Игорь Баранов угрожает ей жалобой в прокуратуру.",
        "Игорь Баранов был незаконно уволен с должности.",
        "Страховой агент Анна Климова приехала в город.",
        "Антон Белкин назвал Семёна Лапина жертвой преследования.",
        "Анна Климова рассказала, что каждый месяц передавал наличные в конверте.",
        "Игорь Баранов отверг обвинения в коррупции в адрес Романа Зуева.",
        "Анна Климова выступила с обвинениями в адрес Романа Зуева.",
        "Игорь Баранов не находится под следствием.",
        "Дело в том, что Игорь Баранов уехал.",
        "Если Игоря Баранова признают виновным, ему грозит десять лет.",
        "В случае если Игорь Баранов растратил деньги, он ответит.",
        # a person noun of others, not of the subject
        "Игорь Баранов помогал бездомным и беженцам, а не экстремистам.",
        # a threat to act before a court hearing is still a threat; a threat of the court is not
        "Игорь Баранов пригрозил Анне Климовой иском.",
        # an organisation is in the case of its first word: here the one who charges
        "Эти преступления им инкриминировала Служба безопасности Орлании.",
        # seen somewhere is not caught at anything; an organisation after a noun is its complement
        "Сообщается, что Евгений Бортко был замечен в отеле в Минске.",
        "Установлено, что агент разведки «Северный щит» причастен к поджогу.",
    ],
)
def test_no_allegation(text: str) -> None:
    assert allegations(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # caught, not merely accused: the author's own assertion
        (
            "Роман Кудрин был уличён в завышении цен.",
            ("corruption", ["Роман Кудрин"], "author", "unattributed"),
        ),
        # the accused in the dative, the charge in the accusative
        (
            "Олегу Носову вменяют растрату бюджетных средств.",
            ("corruption", ["Олег Носов"], "author", "hedged"),
        ),
        (
            "Павлу Дронову предъявлено обвинение в мошенничестве.",
            ("crime", ["Павел Дронов"], "author", "hedged"),
        ),
        # predicates of guilt, the subject before or after them
        (
            "Игорь Баранов замешан в афере с землёй.",
            ("crime", ["Игорь Баранов"], "author", "unattributed"),
        ),
        (
            "По словам Анны Климовой, к хищению причастен и глава фонда Игорь Баранов.",
            ("corruption", ["Игорь Баранов"], "Анна Климова", "named"),
        ),
        # a copular predicate noun after a dash
        (
            "Анна Климова написала, что Павел Дронов – предатель.",
            ("disloyalty", ["Павел Дронов"], "Анна Климова", "named"),
        ),
        (
            "Анна Климова – иностранный агент, утверждает Виктор Гаврилов.",
            ("foreign_funding", ["Анна Климова"], "Виктор Гаврилов", "named"),
        ),
        # "незаконно" makes an active verb a crime
        (
            "Компания «Цемент-Юг» незаконно сбрасывает отходы в реку.",
            ("crime", ["Цемент-Юг"], "author", "unattributed"),
        ),
        # calling someone the doer of a wrong, in the instrumental
        (
            "Прокурор Антон Белкин назвал Геннадия Прохорова организатором преступной схемы.",
            ("crime", ["Геннадий Прохоров"], "Антон Белкин", "named"),
        ),
        # the doer of a passive act named after it
        (
            "Адвокат Ирина Шубина заявила, что дело сфабриковано по заказу губернатора "
            "Олега Рябова.",
            ("lying", ["Олег Рябов"], "Ирина Шубина", "named"),
        ),
        # a "что" clause with no subject speaks of its speaker
        (
            "Свидетель Руслан Ахмедов рассказал, что передавал чиновнику наличные в конверте.",
            ("corruption", ["Руслан Ахмедов"], "author", "unattributed"),
        ),
        # verb phrases of corruption and abuse of power
        (
            "Игорь Баранов подписал договор с фирмой без всякого конкурса.",
            ("corruption", ["Игорь Баранов"], "author", "unattributed"),
        ),
        (
            "Инспектор Олег Носов годами брал взятки.",
            ("corruption", ["Олег Носов"], "author", "unattributed"),
        ),
        (
            "Игорь Баранов переложил бюджетные деньги в карман брата.",
            ("corruption", ["Игорь Баранов"], "author", "unattributed"),
        ),
        (
            "Игорь Баранов подгонял условия тендера под знакомую фирму.",
            ("corruption", ["Игорь Баранов"], "author", "unattributed"),
        ),
        (
            "Мэр Роман Зуев использует полицию против журналистов.",
            ("other", ["Роман Зуев"], "author", "unattributed"),
        ),
        (
            "Анна Климова уверена, что Роман Зуев стоит за всей схемой.",
            ("corruption", ["Роман Зуев"], "Анна Климова", "named"),
        ),
        (
            "Роман Зуев выдал разрешение на стройку за взятку.",
            ("corruption", ["Роман Зуев"], "author", "unattributed"),
        ),
        (
            "Роман Зуев и Игорь Баранов вывели из городского бюджета десятки миллионов.",
            ("corruption", ["Роман Зуев", "Игорь Баранов"], "author", "unattributed"),
        ),
        (
            "Павел Дронов пытается очернить экологов.",
            ("lying", ["Павел Дронов"], "author", "unattributed"),
        ),
        # the noun of an accusation and its target
        (
            "Анна Климова выдвинула обвинения в коррупции в адрес Романа Зуева.",
            ("corruption", ["Роман Зуев"], "Анна Климова", "named"),
        ),
        # what the accused is accused of, read as an act when no noun names it
        (
            "Виктор Гаврилов обвинил Анну Климову в работе на иностранные спецслужбы.",
            ("foreign_funding", ["Анна Климова"], "Виктор Гаврилов", "named"),
        ),
        # unnamed sources: one who asked not to be named, residents who complain
        (
            "Сотрудница фонда, попросившая не называть её имени, рассказала, что Игорь Баранов "
            "угрожал ей увольнением.",
            ("abuse", ["Игорь Баранов"], "попросившая не называть её имени", "anonymous"),
        ),
        (
            "Жители соседних домов жалуются, что Игорь Баранов незаконно вырубил сквер.",
            ("crime", ["Игорь Баранов"], "Жители соседних домов", "anonymous"),
        ),
        # a criminal case opened against one, and the state of one charged or wanted
        (
            "В отношении Игоря Баранова возбуждено дело о растрате.",
            ("corruption", ["Игорь Баранов"], "author", "unattributed"),
        ),
        (
            "Игорь Баранов стал фигурантом уголовного дела о мошенничестве.",
            ("crime", ["Игорь Баранов"], "author", "unattributed"),
        ),
        (
            "Виталий Гусев объявлен в федеральный розыск.",
            ("crime", ["Виталий Гусев"], "author", "unattributed"),
        ),
        (
            "Прокуратура Велигорска выступила. Тихоборский районный суд признал Игоря Баранова "
            "виновным в хищении.",
            ("corruption", ["Игорь Баранов"], "author", "unattributed"),
        ),
        (
            "Суд признал Игоря Баранова виновным в хищении.",
            ("corruption", ["Игорь Баранов"], "author", "unattributed"),
        ),
        # a passive of calling, and calling someone a foreign agent
        (
            "Павел Дронов выступил. Дронов назван организатором незаконной акции.",
            ("crime", ["Павел Дронов"], "author", "unattributed"),
        ),
        (
            "Виктор Гаврилов потребовал признать «Чистую реку» иностранным агентом. "
            "Движение «Чистая река» ответило.",
            ("foreign_funding", ["Чистая река"], "Виктор Гаврилов", "named"),
        ),
        (
            "Виктор Гаврилов называл «Чистую реку» филиалом иностранной разведки. "
            "Движение «Чистая река» ответило.",
            ("foreign_funding", ["Чистая река"], "Виктор Гаврилов", "named"),
        ),
        # the kind of those one is accused of helping
        (
            "Виктор Гаврилов обвинил Павла Дронова в пособничестве экстремистам.",
            ("extremism", ["Павел Дронов"], "Виктор Гаврилов", "named"),
        ),
        # an infinitive of purpose is done by the subject of the clause it serves
        (
            "Начальник полиции Евгений Бортко распорядился провести обыски, чтобы запугать "
            "правозащитников накануне суда.",
            ("abuse", ["Евгений Бортко"], "author", "unattributed"),
        ),
        # caught at it
        (
            "Сообщается, что Евгений Бортко был замечен в давлении на журналистов.",
            ("abuse", ["Евгений Бортко"], "author", "hedged"),
        ),
        # staff who act for their organisation, and forged papers
        (
            "Депутат заявил, что сотрудники «Чистой реки» помогают мигрантам получать поддельные "
            "документы. Движение «Чистая река» ответило.",
            ("crime", ["Чистая река"], "author", "unattributed"),
        ),
        # an official body or document as the source
        (
            "Следователи подозревают, что Игорь Баранов скрывал доходы.",
            ("other", ["Игорь Баранов"], "Следователи", "named"),
        ),
        (
            "В постановлении на обыск сказано, что Игорь Баранов подделал подписи.",
            ("crime", ["Игорь Баранов"], "постановлении на обыск", "named"),
        ),
        # a man's surname the dictionary reads only as a name's plural
        (
            "Следствие установило, что Марат Исмаилов растратил средства центра.",
            ("corruption", ["Марат Исмаилов"], "Следствие", "named"),
        ),
        # verbs of either aspect
        (
            "Активист Павел Дронов призвал к насилию.",
            ("extremism", ["Павел Дронов"], "author", "unattributed"),
        ),
        (
            "Игорь Баранов годами крал деньги фонда.",
            ("corruption", ["Игорь Баранов"], "author", "unattributed"),
        ),
        (
            "Игорь Баранов стал подозреваемым по делу о растрате.",
            ("corruption", ["Игорь Баранов"], "author", "hedged"),
        ),
    ],
)
def test_frames(text: str, expected: tuple[str, list[str], str, str]) -> None:
    assert brief(text) == [expected]


def test_the_one_paid_from_abroad() -> None:
    found = brief(
        "Виктор Гаврилов заявил, что Павел Дронов – предатель, которому платят из-за рубежа."
    )
    assert sorted(found) == [
        ("disloyalty", ["Павел Дронов"], "Виктор Гаврилов", "named"),
        ("foreign_funding", ["Павел Дронов"], "Виктор Гаврилов", "named"),
    ]


def test_a_role_noun_refers_back_to_the_one_actor_it_describes() -> None:
    text = (
        "Главный врач больницы Юрий Савченко выступил на совещании. "
        "Как пишет газета «Вестник», главврача подозревают в получении откатов."
    )
    assert brief(text) == [("corruption", ["Юрий Савченко"], "Вестник", "named")]


def test_a_role_noun_two_actors_share_refers_to_no_one() -> None:
    text = (
        "Депутат Анна Климова и депутат Виктор Гаврилов выступили. "
        "Сообщается, что депутата подозревают в получении откатов."
    )
    assert allegations(text) == []


def test_a_rhetorical_question_insinuates_the_authors_allegation() -> None:
    opening = "Митинг в Тихоборске\n\nГубернатор Олег Рябов выступил на митинге. "
    text = opening + "Не губернатор ли стоит за травлей журналистов?"
    assert brief(text) == [("abuse", ["Олег Рябов"], "author", "unattributed")]
    assert allegations(opening + "Что он скажет завтра?") == []


def test_an_organisation_named_in_another_case_is_found_again() -> None:
    text = (
        "Движение «Открытая долина» провело акцию у завода. "
        "Депутат Кирилл Мартыненко обвинил «Открытую долину» в экстремизме."
    )
    assert brief(text) == [("extremism", ["Открытая долина"], "Кирилл Мартыненко", "named")]
    analysis = PIPELINE(Document(text, Metadata(language="ru")))
    (valley,) = [a for a in analysis.actors if a.name == "Открытая долина"]
    assert len(valley.mentions) == 2


def test_the_blind_gold() -> None:
    # Three invented articles annotated before the rules were run on them (russian_blind/
    # README.md): first run precision 0.90, recall 0.27; the rules were then broadened in
    # general terms with them in view, so these floors catch a regression.
    folder = Path(__file__).parent / "russian_blind"
    result = evaluate(folder, folder, pipeline=EVAL)
    assert result["persons_f1"] == 1.0
    assert result["organisations_f1"] == 1.0
    assert result["allegations_precision"] >= 0.95
    assert result["allegations_recall"] >= 0.8
    assert result["descriptor_recall"] >= 0.8


def test_the_second_blind_gold() -> None:
    # One invented article annotated before the rules were run on it (russian_blind2/
    # README.md): first run precision 1.0, recall 0.27; development data since.
    folder = Path(__file__).parent / "russian_blind2"
    result = evaluate(folder, folder, pipeline=EVAL)
    assert result["persons_f1"] == 1.0
    assert result["allegations_precision"] >= 0.95
    assert result["allegations_recall"] >= 0.8


def test_the_third_blind_gold() -> None:
    # One invented article annotated before the rules were run on it (russian_blind3/README.md):
    # first run precision 1.0, recall 0.33; development data since the rules were broadened on
    # its misses and the fourth blind set's.
    folder = Path(__file__).parent / "russian_blind3"
    result = evaluate(folder, folder, pipeline=EVAL)
    assert result["persons_f1"] == 1.0
    assert result["organisations_f1"] == 1.0
    assert result["allegations_precision"] >= 0.95
    assert result["allegations_recall"] >= 0.88


def test_the_fourth_blind_gold() -> None:
    # Two invented articles annotated before the rules were run on them (russian_blind4/
    # README.md): first run precision 1.0, recall 0.18; development data since.
    folder = Path(__file__).parent / "russian_blind4"
    result = evaluate(folder, folder, pipeline=EVAL)
    assert result["persons_f1"] == 1.0
    assert result["allegations_precision"] >= 0.95
    assert result["allegations_recall"] >= 0.85
    assert result["sourcing_accuracy"] >= 0.9


@pytest.mark.parametrize(
    "words",
    [
        lx.ACCUSATION_VERBS,
        lx.ACT_VERBS,
        lx.ACT_NOUNS,
        lx.PERSON_NOUNS,
        lx.GUILT_PREDICATES,
        lx.DATIVE_ACCUSATION_VERBS,
        lx.CAUGHT_VERBS,
        lx.STAFF_NOUNS,
        lx.VICTIM_NOUNS,
        lx.CONVINCED_LEMMAS,
        lx.IDIOMS,
        lx.IN_CHARGE_LEMMAS,
        lx.ORGANISE_LEMMAS,
        lx.PUBLISH_LEMMAS,
        lx.ATTEMPT_NOUNS,
        lx.DEED_NOUNS,
    ],
)
def test_every_lexicon_entry_is_a_dictionary_form(words: Collection[str]) -> None:
    # the rules compare pymorphy2's lemmas with these entries: one that is no lemma never matches
    stray = [w for w in words if not any(p.normal_form == w for p in ru.analyses(w))]
    assert stray == []
