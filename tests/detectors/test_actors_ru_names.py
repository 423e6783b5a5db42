"""Russian actors: organisation names kept whole and put in the nominative, surnames whose cases
the dictionary reads apart joined to their person. Every sentence is invented for the test."""

from __future__ import annotations

from spinscope.detectors.actors_ru import _clean
from spinscope.nlp import Entity
from tests.detectors.test_actors_ru import actors_of


def test_a_quoted_name_is_kept_whole() -> None:
    actors = actors_of("Газета «Тихоборская правда» писала о мостах. Редакция ждёт ответа.")
    assert "Тихоборская правда" in actors
    assert "Тихоборская" not in actors


def test_an_institution_and_its_place_are_one_name() -> None:
    actors = actors_of(
        "Прохоров приехал в Верхнеольск. "
        "Следственное управление Верхнеольска возбудило уголовное дело о мошенничестве."
    )
    assert "Следственное управление Верхнеольска" in actors


def test_an_organisation_in_two_cases_is_one_named_in_the_nominative() -> None:
    actors = actors_of(
        "В Тихоборском районном суде начался процесс. "
        "Решение Тихоборского районного суда обжаловано."
    )
    court = actors["Тихоборский районный суд"]
    assert court.kind == "organisation"
    assert len(court.mentions) == 2


def test_a_surname_the_dictionary_reads_apart_joins_its_person() -> None:
    actors = actors_of(
        "Свидетель Руслан Ахмедов выступил в суде. "
        "По словам Ахмедова, деньги передавали в конверте."
    )
    assert "Ахмедова" not in actors
    assert len(actors["Руслан Ахмедов"].mentions) == 2


def test_a_plural_common_noun_is_no_organisation() -> None:
    text = "Томографы по цене квартир. Газета «Известия» и Сбербанк."
    entity = Entity(0, 9, "Томографы", "ORG", "model")
    assert _clean(entity, text) is None
    quoted = Entity(text.index("Известия"), text.index("»"), "Известия", "ORG", "model")
    assert _clean(quoted, text) is not None
    bank = text.index("Сбербанк")
    assert _clean(Entity(bank, bank + 8, "Сбербанк", "ORG", "model"), text) is not None


def test_kin_witnesses_and_epithets_are_descriptors() -> None:
    actors = actors_of(
        "Геннадий Прохоров молчит. Конверты забирал водитель Прохорова Виталий Гусев. "
        "Эколог Вадим Осипов написал, что Тимур Валиев – предатель. "
        "Роман Кудрин, двоюродный брат главврача, выиграл тендер."
    )
    described = {(name, d.text, d.evaluative) for name, a in actors.items() for d in a.descriptors}
    assert ("Виталий Гусев", "водитель Прохорова", False) in described
    assert ("Вадим Осипов", "Эколог", False) in described
    assert ("Тимур Валиев", "предатель", True) in described
    assert ("Роман Кудрин", "двоюродный брат главврача", False) in described


def test_a_surname_read_as_an_adverb_stays_in_its_full_name() -> None:
    actors = actors_of("Начальник управления Евгений Бортко приехал. Бортко молчит.")
    assert len(actors["Евгений Бортко"].mentions) == 2
    assert "Евгений" not in actors


def test_one_first_name_and_one_surname_stem_are_one_person() -> None:
    actors = actors_of(
        "Директора центра Марата Исмаилова увезли на допрос. Марат Исмаилов вернулся утром."
    )
    assert [name for name, a in actors.items() if a.kind == "person"] == ["Марат Исмаилов"]


def test_a_generic_institution_or_a_role_is_no_organisation() -> None:
    text = "Суд по иску назначен на май. Директора центра увезли."
    assert _clean(Entity(0, 3, "Суд", "ORG", "model"), text) is None
    role = text.index("Директора")
    assert _clean(Entity(role, role + 16, "Директора центра", "ORG", "model"), text) is None
