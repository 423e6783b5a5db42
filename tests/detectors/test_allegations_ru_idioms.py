"""Russian allegations in idioms, inverted order, plural subjects and across sentences."""

from __future__ import annotations

from spinscope.detectors.idioms_ru import past_lemma
from tests.detectors.test_allegations_ru import allegations

HEAD = "Заголовок\n\nАвтор: Пётр Сидоров\n"


def found(text: str) -> list[tuple[str, list[str], str]]:
    return [(f["type"], f["targets"], f["by"]) for f in allegations(HEAD + text)]


def test_an_idiom_of_theft_is_alleged_against_its_subject_in_either_aspect() -> None:
    assert found(
        "Активист Олег Мухин считает, что директор Вадим Крылов запустил руку в казну."
    ) == [("corruption", ["Вадим Крылов"], "Олег Мухин")]
    assert found("Олег Мухин говорит, что Вадим Крылов годами запускал лапу в бюджет.") == [
        ("corruption", ["Вадим Крылов"], "Олег Мухин")
    ]


def test_warmed_hands_and_a_bought_election_are_corruption() -> None:
    text = "Депутат Олег Мухин заявил, что Вадим Крылов нагрел руки на ремонте дорог."
    assert found(text) == [("corruption", ["Вадим Крылов"], "Олег Мухин")]
    text = "Олег Мухин уверен, что Вадим Крылов купил эти выборы."
    assert found(text) == [("corruption", ["Вадим Крылов"], "Олег Мухин")]


def test_an_idiom_without_its_words_is_no_allegation() -> None:
    assert found("Вадим Крылов купил новый автобус для школы.") == []
    assert found("Вадим Крылов грел руки у костра.") == []
    assert found("Вадим Крылов не запускал руку в бюджет.") == []


def test_sawn_up_money_is_alleged_against_subjects_joined_by_with() -> None:
    text = (
        "Олег Мухин сказал, что Вадим Крылов со своим помощником Ильёй Ершовым распилили субсидию."
    )
    assert found(text) == [("corruption", ["Вадим Крылов", "Илья Ершов"], "Олег Мухин")]


def test_the_subject_after_the_verb_in_inverted_order() -> None:
    text = "Олег Мухин утверждал, что рынок крышевал начальник полиции Роман Зуев."
    assert found(text) == [("corruption", ["Роман Зуев"], "Олег Мухин")]
    text = "В Лесогорске задержан директор фонда Роман Зуев."
    assert found(text) == [("crime", ["Роман Зуев"], "author")]


def test_an_inverted_subject_must_agree_with_the_verb() -> None:
    # a feminine verb is never done by a man named after it
    assert found("Олег Мухин утверждал, что деньги растратила вместе с Романом Зуевым.") == []


def test_a_past_tense_the_morphology_does_not_know_is_read_by_its_ending() -> None:
    assert past_lemma("крышевала") == "крышевать"
    assert past_lemma("он") is None
    text = "Олег Мухин утверждает, что Анна Зуева крышевала подпольные казино."
    assert found(text) == [("corruption", ["Анна Зуева"], "Олег Мухин")]


def test_a_plural_pronoun_speaks_of_those_accused_together_just_before() -> None:
    text = (
        "Олег Мухин сказал, что Вадим Крылов и Роман Зуев нагрели руки на стройке.\n"
        "По его словам, оба они давно должны сидеть в тюрьме."
    )
    assert found(text) == [
        ("corruption", ["Вадим Крылов", "Роман Зуев"], "Олег Мухин"),
        ("crime", ["Вадим Крылов", "Роман Зуев"], "Олег Мухин"),
    ]


def test_a_plural_pronoun_with_no_one_accused_before_is_no_one() -> None:
    text = "Вадим Крылов и Роман Зуев открыли школу.\nОни должны сидеть в тюрьме, шутят ученики."
    assert found(text) == []


def test_public_money_spent_on_oneself() -> None:
    text = "По данным ревизоров, на бюджетные деньги Вадим Крылов купил себе катер."
    assert [f[:2] for f in found(text)] == [("corruption", ["Вадим Крылов"])]
    assert found("Вадим Крылов купил себе катер на свою зарплату.") == []


def test_a_sentence_served_but_not_a_witness() -> None:
    assert found("Вадим Крылов уже проходил по уголовному делу о поджоге.")[0][1] == [
        "Вадим Крылов"
    ]
    assert found("Вадим Крылов проходил по делу свидетелем.") == []
    assert found("Вадим Крылов тогда отделался условным сроком.") == [
        ("crime", ["Вадим Крылов"], "author")
    ]


def test_money_taken_out_through_shell_firms_and_lies_spread_about_someone() -> None:
    text = "Олег Мухин уверен, что Вадим Крылов вывел деньги через подставные фирмы."
    assert found(text) == [("corruption", ["Вадим Крылов"], "Олег Мухин")]
    text = "Вадим Крылов заявил, что Олег Мухин распространяет о нём ложь."
    assert found(text) == [("lying", ["Олег Мухин"], "Вадим Крылов")]


def test_a_clause_after_a_shares_the_subject_of_the_clause_before() -> None:
    text = (
        "Олег Мухин сказал, что фирма «Ладога» поставила три трактора, "
        "а остальные деньги вывела через подставные компании."
    )
    assert found(text) == [("corruption", ["Ладога"], "Олег Мухин")]


def test_a_clause_after_a_with_another_gender_shares_no_subject() -> None:
    text = "Фирма «Ладога» поставила три трактора, а деньги вывел через подставные компании."
    assert found(text) == []


def test_a_lower_case_head_noun_of_an_organisation_refers_to_it() -> None:
    text = (
        "Федерация шахмат Лесогорска получила грант.\n"
        "Олег Мухин уверен, что руководство федерации нагрело руки на турнире."
    )
    assert found(text) == [("corruption", ["Федерация шахмат Лесогорска"], "Олег Мухин")]


def test_a_role_noun_refers_only_to_those_named_before_it() -> None:
    text = (
        "Тренер клуба Олег Мухин выступил на собрании.\n"
        "Фонд «Заря» подал на тренера в суд, обвинив его в клевете.\n"
        "Тренер юниоров Вадим Крылов промолчал."
    )
    assert found(text) == [("lying", ["Олег Мухин"], "Заря")]


def test_a_suit_for_a_wrongdoing_accuses_the_one_sued() -> None:
    text = (
        "Депутат Олег Мухин выступил на митинге.\nФонд «Заря» подаст на депутата в суд за клевету."
    )
    assert found(text) == [("lying", ["Олег Мухин"], "Заря")]
    assert found("Фонд «Заря» подаст на Олега Мухина в суд за долги.") == []


def test_who_organised_a_wrongdoing_named_just_before() -> None:
    text = "Олег Мухин считает, что это была провокация, которую Вадим Крылов готовил заранее."
    assert found(text) == [("other", ["Вадим Крылов"], "Олег Мухин")]
    assert found("Это была выставка, которую Вадим Крылов готовил заранее.") == []


def test_a_publication_called_false_accuses_who_published_it() -> None:
    text = (
        "Журналист Олег Мухин писал, что Вадим Крылов вывел деньги через офшорные счета.\n"
        "Крылов назвал эти публикации лживыми."
    )
    assert found(text)[1] == ("lying", ["Олег Мухин"], "Вадим Крылов")


def test_an_infinitive_after_a_noun_of_attempt_is_not_the_subjects_act() -> None:
    assert found("Адвокат Олег Мухин считает иск попыткой запугать свидетеля.") == []
    assert found("Олег Мухин пытался запугать свидетеля.") == [("abuse", ["Олег Мухин"], "author")]


def test_who_was_in_charge_in_a_sourced_sentence_after_a_wrongdoing() -> None:
    text = (
        "Против Анны Зуевой возбуждено уголовное дело о фальсификации протоколов.\n"
        "Зуева говорит, что выполняла указания.\n"
        "Олег Мухин рассказал, что такие указания отдавал заместитель мэра Вадим Крылов."
    )
    assert ("crime", ["Вадим Крылов"], "Олег Мухин") in found(text)


def test_who_was_in_charge_needs_a_source_and_a_wrongdoing_around() -> None:
    unsourced = (
        "Против Анны Зуевой возбуждено уголовное дело о фальсификации протоколов.\n"
        "Такие указания отдавал заместитель мэра Вадим Крылов."
    )
    assert [f for f in found(unsourced) if f[1] == ["Вадим Крылов"]] == []
    harmless = "Олег Мухин рассказал, что праздник организовал заместитель мэра Вадим Крылов."
    assert found(harmless) == []


def test_an_organisation_after_its_noun_agrees_with_an_inverted_verb() -> None:
    text = (
        "Наблюдатели зафиксировали карусели на участках.\n"
        "Олег Мухин утверждает, что автобусы оплачивала компания «Ладога»."
    )
    assert found(text) == [("crime", ["Ладога"], "Олег Мухин")]


def test_these_people_are_the_group_accused_just_before() -> None:
    text = (
        "Депутат Олег Мухин обвинил фонд «Северный свет» в работе на иностранные спецслужбы.\n"
        "«Эти люди живут на чужие деньги и работают против своей страны», – заявил Мухин."
    )
    assert sorted(found(text)[1:]) == [
        ("disloyalty", ["Северный свет"], "Олег Мухин"),
        ("foreign_funding", ["Северный свет"], "Олег Мухин"),
    ]


def test_these_people_with_no_one_accused_before_are_no_one() -> None:
    text = "Фонд «Заря» открыл приют.\n«Эти люди живут на чужие деньги», – сказал Олег Мухин."
    assert found(text) == []


def test_an_audit_report_is_a_named_source() -> None:
    text = "Как следует из акта проверки, Вадим Крылов вывел деньги через офшорные счета."
    assert allegations(HEAD + text)[0]["sourcing"] == "named"


def test_an_open_letter_is_a_named_source() -> None:
    text = "В открытом письме говорится, что Вадим Крылов нагрел руки на ремонте школ."
    assert allegations(HEAD + text) == [
        {
            "type": "corruption",
            "targets": ["Вадим Крылов"],
            "by": "открытом письме",
            "sourcing": "named",
        }
    ]


def test_a_deed_called_a_wrongdoing_is_of_whoever_was_accused_just_before() -> None:
    text = (
        "Олег Мухин утверждает, что Вадим Крылов раздал премии без всякого конкурса.\n"
        "Аудитор Анна Зуева назвала эти выплаты прямым нарушением закона."
    )
    assert found(text)[1] == ("crime", ["Вадим Крылов"], "Анна Зуева")


def test_a_deed_called_a_wrongdoing_with_no_one_accused_before_is_no_one() -> None:
    text = "Вадим Крылов раздал премии учителям.\nАнна Зуева назвала эти выплаты нарушением."
    assert found(text) == []
    text = (
        "Олег Мухин утверждает, что Вадим Крылов украл деньги.\n"
        "Анна Зуева назвала эти выплаты щедрыми."
    )
    assert len(found(text)) == 1


def test_a_rhetorical_question_of_knowledge_insinuates_its_subject_knew() -> None:
    text = (
        "Директор фонда Вадим Крылов уехал в отпуск.\n"
        "Разве Крылов, который подписывал все платежи, ничего не знал о хищениях?"
    )
    assert found(text) == [("other", ["Вадим Крылов"], "author")]


def test_a_question_of_knowledge_without_a_wrongdoing_or_particle_is_none() -> None:
    text = "Директор фонда Вадим Крылов уехал.\nРазве Крылов ничего не знал о ремонте?"
    assert found(text) == []
    text = "Директор фонда Вадим Крылов уехал.\nКрылов ничего не знал о хищениях."
    assert found(text) == []
