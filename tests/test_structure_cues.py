"""Russian, Ukrainian and Kazakh structure: every declared cue, in both layouts."""

from __future__ import annotations

import re

import pytest

from spinscope import structure_cues as cues
from spinscope import structure_words as sw
from tests.test_structure import kinds, recover, texts_of

BODY_RU = (
    "Чиновники в Стрелецке говорят, что водопровод откроют летом. "
    "Жители посёлка Ковыльный ждут воду уже третий год. "
    "Трубы лежат вдоль дороги, а насосная станция стоит без крыши. "
    "Дирекция обещает опубликовать все договоры до конца весны. "
    "Критики считают, что проект с самого начала был плохо подготовлен. "
)
BODY_UK = (
    "Посадовці Верболина кажуть, що автобуси вийдуть на маршрути восени. "
    "Батьки із сіл над річкою чекають на них уже другий рік. "
    "Машини стоять на майданчику за містом без номерів і без водіїв. "
    "Управління освіти обіцяє оприлюднити всі договори до кінця весни. "
    "Критики вважають, що угоду від початку підготували погано. "
)
TITLE_RU = "Кто заработал на степном водопроводе"
HEAD_RU = f"{TITLE_RU} Вчера, 18:40 Автор: Глеб Ситников "


def flat(*pieces: str) -> str:
    return " ".join(p.strip() for p in pieces)


def capitalised(phrase: str) -> str:
    return phrase[0].upper() + phrase[1:]


def declared_phrases() -> list[str]:
    return [
        *sw.CYRILLIC_BYLINE_LABELS,
        *sw.CYRILLIC_CREDIT_LABELS,
        *sw.CYRILLIC_CREDIT_PHRASES,
        *sw.CYRILLIC_SOURCE_LABELS,
        *sw.CYRILLIC_SOURCE_PHRASES,
        *sw.CYRILLIC_DISCLAIMER_LABELS,
        *sw.CYRILLIC_DISCLAIMER_PHRASES,
        *sw.CYRILLIC_PROMPTS,
        *sw.CYRILLIC_PROMPTS_ANYWHERE,
        *sw.CYRILLIC_NOT_PROMPTS,
        *sw.CYRILLIC_DATE_LABELS,
        *sw.CYRILLIC_OPENERS,
        *sw.CYRILLIC_CREDIT_LINKS,
        *sw.CYRILLIC_JUST_NOW,
    ]


def test_every_cyrillic_cue_holds_a_cyrillic_letter() -> None:
    """So no Latin-script text can ever match one, and English structure cannot change."""
    for phrase in declared_phrases():
        assert cues.is_cyrillic(phrase), phrase


@pytest.mark.parametrize(
    ("phrase", "text", "matches"),
    [
        ("мнени* автор*", "Мнения авторов", True),
        ("мнени* автор*", "Мнение редакции", False),
        ("автор", "Автор", True),
        ("автор", "Авторы", False),
        ("редакци* ~ может не разделя*", "Редакция может не разделять", True),
        ("редакци* ~ может не разделя*", "Редакция нашего издания может не разделять", True),
        (
            "редакци* ~ может не разделя*",
            "Редакция и один два три четыре может не разделять",
            False,
        ),
        ("~ впервые опубликова*", "Статья впервые опубликована", True),
    ],
)
def test_phrase_syntax(phrase: str, text: str, matches: bool) -> None:
    pattern = re.compile(cues.alternatives([phrase]))
    found = pattern.match(text)
    assert (found is not None and found.end() == len(text)) is matches


# ---------------------------------------------------------------------------------------------
# Bylines


@pytest.mark.parametrize("label", sw.CYRILLIC_BYLINE_LABELS)
def test_every_byline_label_in_the_lines_layout(label: str) -> None:
    line = f"{capitalised(label.rstrip('*'))}: Глеб Ситников"
    document = recover(f"{TITLE_RU}\n{line}\n\n{BODY_RU}")
    assert texts_of(document, "byline") == [line]
    assert document.meta.authors == ("Глеб Ситников",)


@pytest.mark.parametrize("label", sw.CYRILLIC_BYLINE_LABELS)
def test_every_byline_label_in_the_flattened_layout(label: str) -> None:
    byline = f"{capitalised(label.rstrip('*'))}: Глеб Ситников"
    document = recover(flat(TITLE_RU, "Вчера, 18:40", byline, BODY_RU * 2))
    assert kinds(document)[:3] == [
        ("title", TITLE_RU),
        ("dateline", "Вчера, 18:40"),
        ("byline", byline),
    ]
    assert document.meta.authors == ("Глеб Ситников",)


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("Автор: Глеб Ситников и Вера Ляхова", ("Глеб Ситников", "Вера Ляхова")),
        (
            "Авторы: Глеб Ситников, Вера Ляхова и Марат Ерохин",
            ("Глеб Ситников", "Вера Ляхова", "Марат Ерохин"),
        ),
        ("Автори: Ярина Ковальчук та Остап Дзюба", ("Ярина Ковальчук", "Остап Дзюба")),
        ("Авторка: Ярина Ковальчук", ("Ярина Ковальчук",)),
        ("Подготовила: Вера Ляхова", ("Вера Ляхова",)),
        ("Подготовил(а): Вера Ляхова", ("Вера Ляхова",)),
        ("Підготував(ла): Ірина Сокіл", ("Ірина Сокіл",)),
        ("Автор публікації: Остап Дзюба", ("Остап Дзюба",)),
        ("Автор статьи: Глеб Ситников", ("Глеб Ситников",)),
        ("Текст: Г. Ситников", ("Г. Ситников",)),
        ("Автор: Глеб Андреевич Ситников", ("Глеб Андреевич Ситников",)),
        ("Автор: Ситников Глеб Андреевич", ("Ситников Глеб Андреевич",)),
        ("Авторы: Серіков Ержан Асқарұлы", ("Серіков Ержан Асқарұлы",)),
    ],
)
def test_bylines_with_several_names_initials_and_patronymics(
    byline: str, authors: tuple[str, ...]
) -> None:
    document = recover(flat(TITLE_RU, "Вчера, 18:40", byline, BODY_RU * 2))
    assert texts_of(document, "byline") == [byline]
    assert document.meta.authors == authors
    lines = recover(f"{TITLE_RU}\n{byline}\n\n{BODY_RU}")
    assert lines.meta.authors == authors


def test_a_byline_name_stops_where_the_next_sentence_starts() -> None:
    document = recover(flat(TITLE_RU, "Вчера, 18:40", "Автор: Глеб Ситников", BODY_UK * 2))
    assert texts_of(document, "byline") == ["Автор: Глеб Ситников"]
    assert document.part_text(document.parts[3]).startswith("Посадовці Верболина")


def test_a_role_is_no_author() -> None:
    document = recover(f"{TITLE_RU}\nАвтор: редакция\n\n{BODY_RU}")
    assert texts_of(document, "byline") == []
    assert document.meta.authors == ()


# ---------------------------------------------------------------------------------------------
# Datelines in the head


@pytest.mark.parametrize(
    ("dateline", "published"),
    [
        ("Сегодня, 12:00", "2025-04-29T12:00:00+00:00"),
        ("Вчора о 18:40", "2025-04-28T18:40:00+00:00"),
        ("5 часов назад", "2025-04-29T13:00:00+00:00"),
        ("3 години тому", "2025-04-29T15:00:00+00:00"),
        ("12 марта 2025", "2025-03-12"),
        ("12 березня 2025 року, 18:40", "2025-03-12T18:40:00+00:00"),
        ("2025 жылғы 12 наурыз", "2025-03-12"),
        ("март 2025", "2025-03"),
    ],
)
def test_datelines_in_both_layouts(dateline: str, published: str) -> None:
    document = recover(flat(TITLE_RU, dateline, "Автор: Глеб Ситников", BODY_RU * 2))
    assert kinds(document)[:3] == [
        ("title", TITLE_RU),
        ("dateline", dateline),
        ("byline", "Автор: Глеб Ситников"),
    ]
    assert document.meta.published == published
    assert document.meta.published_raw == dateline
    # A line in lower case after the title would continue it (titles wrap so in PTC).
    dateline = capitalised(dateline)
    lines = recover(f"{TITLE_RU}\n{dateline}\nАвтор: Глеб Ситников\n\n{BODY_RU}")
    assert texts_of(lines, "dateline") == [dateline]
    assert lines.meta.published == published


@pytest.mark.parametrize("label", sw.CYRILLIC_DATE_LABELS)
def test_every_date_label(label: str) -> None:
    line = f"{capitalised(label)}: 12 марта 2025"
    document = recover(f"{TITLE_RU}\n{line}\n\n{BODY_RU}")
    assert texts_of(document, "dateline") == [line]
    assert document.meta.published == "2025-03-12"


def test_a_month_alone_on_its_line() -> None:
    document = recover(f"{TITLE_RU}\nМарт\nАвтор: Глеб Ситников\n\n{BODY_RU}")
    assert texts_of(document, "dateline") == ["Март"]
    assert document.meta.published == "2025-03"


# ---------------------------------------------------------------------------------------------
# Captions and credits


@pytest.mark.parametrize("label", sw.CYRILLIC_CREDIT_LABELS)
def test_every_credit_label(label: str) -> None:
    caption = f"Марат Ерохин у пустой водонапорной башни. {capitalised(label)}: соцсети"
    document = recover(flat(HEAD_RU, BODY_RU, caption, "Между тем " + BODY_RU))
    assert texts_of(document, "caption") == [caption]
    lines = recover(f"{TITLE_RU}\n\n{BODY_RU}\n\n{caption}\n\n{BODY_RU}")
    assert texts_of(lines, "caption") == [caption]


@pytest.mark.parametrize(
    ("credit", "after"),
    [
        ("Фото: соцсети", "Депутат Саблина ответила не сразу."),
        ("Фото: соцмережі", "Депутатка Гречка відповіла не одразу."),
        ("Фото: скриншот", "Тем временем стройка стоит."),
        ("Фото: скриншот из видео", "Между тем стройка стоит."),
        ("Фото: пресс-служба администрации Стрелецка", "Тем временем стройка стоит."),
        ("Фото: прес-служба мерії Верболина", "Тим часом автобуси стоять."),
        ("Фото: Вера Ляхова", "Тем временем стройка стоит."),
        ("Фото: архив редакции «Вестника Приозерья»", "Тем временем стройка стоит."),
        ("Сурет: әлеуметтік желілер", "Бұл туралы әкімдік үндемейді."),
    ],
)
def test_where_a_credit_ends(credit: str, after: str) -> None:
    caption = f"Жители посёлка у пустой водонапорной башни. {credit}"
    document = recover(flat(HEAD_RU, BODY_RU, caption, after, BODY_RU))
    assert texts_of(document, "caption") == [caption]


def test_reported_speech_before_a_credit_is_no_caption() -> None:
    said = "Ситников добавил, что дирекция потребует полный отчёт."
    document = recover(flat(HEAD_RU, BODY_RU, said, "Фото: соцсети", "Между тем " + BODY_RU))
    assert texts_of(document, "caption") == ["Фото: соцсети"]
    assert any(p.endswith(said) for p in texts_of(document, "paragraph"))


# ---------------------------------------------------------------------------------------------
# Sources, disclaimers, prompts

URL = "https://example.org/priozerye/steppe-water-tender"


@pytest.mark.parametrize("label", sw.CYRILLIC_SOURCE_LABELS)
def test_every_source_label(label: str) -> None:
    source = f"{capitalised(label)}: {URL}"
    document = recover(flat(HEAD_RU, BODY_RU * 2, source))
    assert texts_of(document, "source") == [source]
    assert document.meta.original_source_url == URL
    lines = recover(f"{TITLE_RU}\n\n{BODY_RU}\n\n{source}")
    assert texts_of(lines, "source") == [source]


@pytest.mark.parametrize(
    "sentence",
    [
        "Впервые опубликовано в «Вестнике Приозерья».",
        "Статья впервые опубликована на сайте «Вестника Приозерья».",
        "Перепечатано с разрешения «Вестника Приозерья».",
        "Вперше опубліковано у «Вісті Верболина».",
        "Статтю вперше опубліковано на сайті «Вісті Верболина».",
        "Передруковано з дозволу «Вісті Верболина».",
    ],
)
def test_source_sentences(sentence: str) -> None:
    document = recover(flat(HEAD_RU, BODY_RU * 2, sentence))
    assert texts_of(document, "source") == [sentence.rstrip(".")] or texts_of(
        document, "source"
    ) == [sentence]


DISCLAIMERS = [
    "Мнение автора может не совпадать с позицией редакции.",
    "Мнение редакции может не совпадать с мнением автора.",
    "Точка зрения автора может не совпадать с позицией редакции.",
    "Позиция редакции может не совпадать с мнением автора.",
    "Позиция автора может не совпадать с позицией издания.",
    "Редакция может не разделять мнение автора.",
    "Редакция не несёт ответственности за содержание материала.",
    "Эта статья отражает только мнение её автора.",
    "Думка автора може не збігатися з позицією редакції.",
    "Думка редакції може не збігатися з думкою автора.",
    "Точка зору автора може не збігатися з позицією редакції.",
    "Позиція редакції може не збігатися з думкою автора.",
    "Позиція автора може не збігатися з позицією видання.",
    "Редакція може не поділяти думку автора.",
    "Редакція не несе відповідальності за зміст матеріалу.",
    "Ця стаття відображає лише думку її автора.",
    "Автордың пікірі редакцияның ұстанымымен сәйкес келмеуі мүмкін.",
    "Редакцияның көзқарасы автордың пікірімен сәйкес келмеуі мүмкін.",
    "Дисклеймер: материал отражает частное мнение.",
    "Отказ от ответственности: материал отражает частное мнение.",
    "Застереження: матеріал відображає приватну думку.",
    "Відмова від відповідальності: матеріал відображає приватну думку.",
    "Ескерту: мақала автордың жеке көзқарасы.",
]


@pytest.mark.parametrize("sentence", DISCLAIMERS)
def test_disclaimers_in_both_layouts(sentence: str) -> None:
    document = recover(flat(HEAD_RU, BODY_RU * 2, f"Первоисточник: {URL}", sentence))
    assert texts_of(document, "disclaimer") == [sentence]
    lines = recover(f"{TITLE_RU}\n\n{BODY_RU}\n\n{sentence}")
    assert texts_of(lines, "disclaimer") == [sentence]


PROMPTS = [
    "Подписывайтесь на наш канал в Telegram.",
    "Подпишитесь на рассылку, чтобы не пропустить новые материалы.",
    "Поделитесь своим мнением в комментариях.",
    "Делитесь статьёй с друзьями.",
    "Оставляйте комментарии под статьёй.",
    "Оставьте комментарий ниже.",
    "Оставьте своё мнение под статьёй.",
    "Пишите свои мысли в комментариях.",
    "Напишите в комментариях.",
    "А что думаете вы?",
    "А что вы думаете?",
    "Что вы думаете об этом?",
    "Ставьте лайки, если статья была полезной.",
    "Поставьте лайк этой статье.",
    "Оцените эту статью.",
    "Оцените этот материал.",
    "Нажмите на кнопку «Нравится».",
    "Читайте также о том, как строили водопровод.",
    "Читайте нас в Telegram.",
    "Смотрите также видео о стройке.",
    "Присоединяйтесь к нам в соцсетях.",
    "Присоединяйтесь к нашему сообществу.",
    "Следите за нами в Telegram.",
    "Все права защищены.",
    "Статью можно оценить кнопками ниже.",
    "Підписуйтесь на наш Telegram.",
    "Підпишіться на розсилку.",
    "Поділіться своєю думкою в коментарях.",
    "Діліться статтею з друзями.",
    "Залишайте коментарі під статтею.",
    "Залиште коментар нижче.",
    "Пишіть свої думки у коментарях.",
    "Напишіть у коментарях.",
    "А що думаєте ви?",
    "А ви що думаєте?",
    "Що ви думаєте про це?",
    "Ставте лайки, якщо стаття була корисною.",
    "Поставте лайк цій статті.",
    "Оцініть цю статтю.",
    "Оцініть цей матеріал.",
    "Натисніть на кнопку «Подобається».",
    "Читайте також про те, як купували автобуси.",
    "Читайте нас у Telegram.",
    "Дивіться також відео про автобуси.",
    "Приєднуйтесь до нас у соцмережах.",
    "Приєднуйтеся до нашої спільноти.",
    "Стежте за нами в Telegram.",
    "Усі права захищені.",
    "Всі права захищені.",
    "Статтю можна оцінити кнопками нижче.",
    "Біздің Telegram-арнамызға жазылыңыз.",
    "Өз пікіріңізді түсініктемеде қалдырыңыз.",
    "Пікіріңізбен бөлісіңіз.",
    "Төмендегі батырмаларды басыңыз.",
    "Барлық құқықтар қорғалған.",
]


@pytest.mark.parametrize("sentence", PROMPTS)
def test_prompts_in_both_layouts(sentence: str) -> None:
    document = recover(flat(HEAD_RU, BODY_RU * 2, sentence))
    assert texts_of(document, "boilerplate") == [sentence]
    lines = recover(f"{TITLE_RU}\n\n{BODY_RU}\n\n{sentence}")
    assert texts_of(lines, "boilerplate") == [sentence]


@pytest.mark.parametrize(
    ("phrases", "examples"),
    [
        (sw.CYRILLIC_DISCLAIMER_PHRASES, DISCLAIMERS),
        (sw.CYRILLIC_PROMPTS, PROMPTS),
        (sw.CYRILLIC_PROMPTS_ANYWHERE, PROMPTS),
    ],
)
def test_every_declared_phrase_has_a_tested_example(
    phrases: tuple[str, ...], examples: list[str]
) -> None:
    for phrase in phrases:
        pattern = re.compile(cues.alternatives([phrase]))
        assert any(pattern.search(example) for example in examples), phrase


@pytest.mark.parametrize(
    "sentence",
    [
        "Министр поделился планами и подписал договор с подрядчиком.",
        "Присоединяйтесь к протесту у здания дирекции в субботу.",
        "Приєднуйтесь до громадської ради, закликав мер.",
        "Подписывайтесь под обращением к губернатору, пока не поздно.",
        "Підписуйтесь під петицією про чисту воду.",
    ],
)
def test_prose_that_shares_words_with_a_prompt_stays_prose(sentence: str) -> None:
    """A call to join a cause is the article's content, not the platform's prompt."""
    document = recover(flat(HEAD_RU, BODY_RU, sentence, BODY_RU))
    assert texts_of(document, "boilerplate") == []


# ---------------------------------------------------------------------------------------------
# Headings


@pytest.mark.parametrize(
    ("heading", "after"),
    [
        ("Сделка за один вечер", "По данным наших источников, договор подписали без конкурса."),
        ("Друзья в областной думе", "Когда вопросы зазвучали громче, депутаты промолчали."),
        ("Предыстория", "В 2019 году похожую программу закрыли после проверки."),
        ("Контракт без конкурсу", "За даними наших джерел, угоду підписали за одну годину."),
        ("Знайомий сценарій", "Це не перший випадок, коли гроші зникають безслідно."),
        ("Мердігердің уәдесі", "Бұл туралы әкімдік әлі үндемейді."),
    ],
)
def test_sentence_case_headings_in_both_layouts(heading: str, after: str) -> None:
    document = recover(flat(HEAD_RU, BODY_RU, heading, after, BODY_RU))
    assert texts_of(document, "heading") == [heading]
    assert any(p.startswith(after) for p in texts_of(document, "paragraph"))
    lines = recover(f"{TITLE_RU}\n\n{BODY_RU}\n\n{heading}\n\n{after} {BODY_RU}")
    assert texts_of(lines, "heading") == [heading]


@pytest.mark.parametrize(
    "sentence",
    [
        "Жители говорят: «Как нам жить без воды?» И дирекция молчит.",
        "Иван Петров, депутат, В прошлом году голосовал против.",
        "Кто ответит? Сторонники фонда молчат.",
        "И это только начало С каждым днём положение дирекции всё хуже.",
        "Бо в мене є документи Тому я маю право питати.",
        "А ВЫ БУДЕТЕ В ЭТОМ ВИНОВАТЫ.",
        "Скажите Вы сами, кто в этом виноват.",
    ],
)
def test_no_heading_in_punctuated_text(sentence: str) -> None:
    document = recover(flat(HEAD_RU, BODY_RU, sentence, BODY_RU))
    assert texts_of(document, "heading") == []


def test_a_heading_does_not_end_on_a_preposition() -> None:
    assert cues.heading_end("Деньги для В Стрелецке", 0, 22) is None
    assert not cues.sentence_case_heading("Деньги для")
    assert cues.sentence_case_heading("Деньги для степи")


@pytest.mark.parametrize(
    ("line", "after"),
    [
        ("Но", "кроме Стрелецка, водопровод нужен ещё трём посёлкам области."),
        ("На Ковыльном участке", "в результате аварии насосная станция стоит третий день."),
        ("Марат Ерохин", "– активист, который годами критиковал дирекцию водопровода."),
        ("В", "Стрелецке говорят, что водопровод откроют только через год."),
    ],
)
def test_a_bold_fragment_of_a_post_is_no_heading(line: str, after: str) -> None:
    """Posts copied as text break a sentence where bold type began: the rest goes on."""
    document = recover(f"{BODY_RU}\n\n{line}\n{after}")
    assert texts_of(document, "heading") == []


@pytest.mark.parametrize("label", [*sw.CYRILLIC_ORIGINAL_LABELS, *sw.CYRILLIC_DISCLAIMER_LABELS])
def test_a_strong_label_cuts_a_sentence_that_runs_into_it(label: str) -> None:
    """An original source or disclaimer label after text that lacks its final stop."""
    tail = f"{capitalised(label)}: {URL}"
    document = recover(flat(HEAD_RU, BODY_RU * 2, "Расследование продолжится", tail))
    kind = "source" if label in sw.CYRILLIC_ORIGINAL_LABELS else "disclaimer"
    assert texts_of(document, kind) == [tail]
    assert texts_of(document, "paragraph")[-1].endswith("Расследование продолжится")


def test_a_credit_label_cuts_a_caption_line_that_lacks_its_stop() -> None:
    line = "Жители посёлка у пустой водонапорной башни Фото: соцсети"
    document = recover(f"{TITLE_RU}\n\n{BODY_RU}\n\n{line}\n\n{BODY_RU}")
    assert texts_of(document, "caption") == [line]


@pytest.mark.parametrize("phrase", sw.CYRILLIC_CREDIT_PHRASES)
def test_every_credit_phrase_without_a_colon(phrase: str) -> None:
    caption = f"Марат Ерохин у пустой водонапорной башни. {capitalised(phrase)}"
    document = recover(flat(HEAD_RU, BODY_RU, caption, "Между тем " + BODY_RU))
    assert texts_of(document, "caption") == [caption]
    lines = recover(f"{TITLE_RU}\n\n{BODY_RU}\n\n{caption}\n\n{BODY_RU}")
    assert texts_of(lines, "caption") == [caption]
    alone = recover(f"{TITLE_RU}\n\n{BODY_RU}\n\n{capitalised(phrase)}.\n\n{BODY_RU}")
    assert texts_of(alone, "caption") == [f"{capitalised(phrase)}."]


@pytest.mark.parametrize(
    ("credit", "after"),
    [
        # After "автора" a capitalised name goes on ("Фото автора Ивана Ерохина"): the flat
        # text's next sentence ends it where it opens like one.
        ("Фото автора", "Тем временем стройка стоит."),
        ("Фото автора Ивана Ерохина", "Тем временем стройка стоит."),
        ("Фото из открытых источников", "Депутат Саблина ответила не сразу."),
        ("Фото пресс-службы администрации Стрелецка", "Тем временем стройка стоит."),
        ("Фото из архива семьи Ерохиных", "Между тем стройка стоит."),
        ("Фото предоставлено «Вестником Приозерья»", "Тем временем стройка стоит."),
        ("Фото з соцмереж", "Депутатка Гречка відповіла не одразу."),
        ("Фото з відкритих джерел", "Тим часом автобуси стоять."),
        ("Фото прес-служби мерії Верболина", "Тим часом автобуси стоять."),
    ],
)
def test_where_a_credit_without_a_colon_ends(credit: str, after: str) -> None:
    caption = f"Жители посёлка у пустой водонапорной башни. {credit}"
    document = recover(flat(HEAD_RU, BODY_RU, caption, after, BODY_RU))
    assert texts_of(document, "caption") == [caption]
    ukrainian = f"Батьки учнів біля зачиненої школи. {credit}"
    lines = recover(f"Тиха угода у Верболині\n\n{BODY_UK}\n\n{ukrainian}\n\n{BODY_UK}")
    assert texts_of(lines, "caption") == [ukrainian]


@pytest.mark.parametrize(
    "sentence",
    [
        "Фото автора опубликовали в соцсетях через неделю после открытия станции.",
        "Фото из открытых источников показывают, что станция стоит без крыши.",
        "Фото з відкритих джерел показують, що автобуси стоять без номерів.",
    ],
)
def test_a_sentence_about_a_photo_is_no_credit(sentence: str) -> None:
    document = recover(flat(HEAD_RU, BODY_RU, sentence, "Между тем " + BODY_RU))
    assert texts_of(document, "caption") == []
    lines = recover(f"{TITLE_RU}\n\n{BODY_RU}\n\n{sentence}\n\n{BODY_RU}")
    assert texts_of(lines, "caption") == []


# ---------------------------------------------------------------------------------------------
# Headlines of flattened text


def test_a_sentence_case_headline_without_a_dateline() -> None:
    headline = "Тихая сделка в Стрелецке"
    document = recover(flat(headline, "По данным наших источников, " + BODY_RU * 2))
    assert texts_of(document, "title") == [headline]
    assert document.meta.title == headline


@pytest.mark.parametrize(
    "text",
    [
        "Суд в Стрелецке арестовал двух чиновников 4 мая 2024 года, сообщает «Вестник».",
        "Сводка дирекции водопровода с 00:00 12 марта 2025 по 00:00 13 марта 2025.",
        "Мер Верболина востаннє приїздив до Підлісного понад 8 років тому.",
    ],
)
def test_a_date_inside_the_first_sentence_does_not_end_a_headline(text: str) -> None:
    document = recover(flat(text, BODY_RU * 2))
    assert texts_of(document, "title") == []
    assert texts_of(document, "dateline") == []
    assert document.meta.published is None


def test_a_dateline_ends_a_headline_before_a_byline_or_the_body() -> None:
    document = recover(flat("Тихая сделка в Стрелецке", "12 марта 2025", BODY_RU * 2))
    assert kinds(document)[:2] == [
        ("title", "Тихая сделка в Стрелецке"),
        ("dateline", "12 марта 2025"),
    ]


@pytest.mark.parametrize(
    "opening",
    [
        "Два роки тому росія розпочала наступ на громади над річкою Сиволоть.",
        "13 лет назад, 9 мая 2012 года, в Стрелецке открыли первую насосную станцию.",
        "Щойно мер опублікував у себе на сторінці новий договір.",
        "24 лютого о 09.36 до рятувальників надійшло повідомлення про пожежу.",
    ],
)
def test_a_date_that_opens_prose_is_no_dateline(opening: str) -> None:
    document = recover(flat(opening, BODY_RU * 2))
    assert texts_of(document, "dateline") == []
    assert document.meta.published is None


@pytest.mark.parametrize("dateline", ["Вчера, 18:40", "2 години тому", "12 марта 2025 г."])
def test_a_dateline_between_the_headline_and_the_body_is_kept(dateline: str) -> None:
    document = recover(flat(TITLE_RU, dateline, BODY_RU * 2))
    assert kinds(document)[:2] == [("title", TITLE_RU), ("dateline", dateline)]
