"""The word lists structure recovery reads: openers, verbs, function words, caption cues.

English lists first; then the Russian, Ukrainian and Kazakh ones (labels, phrases, prompts,
dateline words), whose patterns spinscope.structure_cues and spinscope.datelines derive.
"""

from __future__ import annotations

from typing import Final


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Cyrillic words (Russian, Ukrainian, Kazakh) are declared beside their English counterparts and
# joined to them; none is written in Latin letters, so English text reads as before.
# Words that join the names of a byline: ``Автор: Иван Ливанов и Анна Крайнова``.
CYRILLIC_NAME_JOINERS: Final = _wordset("и і й та және")
# Prepositions and conjunctions: a heading does not end on one, a caption does not open with one.
CYRILLIC_FUNCTION_WORDS: Final = _wordset(
    """в во на по с со к ко у о об из от до за для без при про над под и или а но что как
    з із зі від під між та і й або але що як до"""
)
CYRILLIC_PRONOUNS: Final = _wordset(
    """я ты он она оно мы вы они меня его её ее нас вас их ему ей нам вам им ти він вона воно
    ми ви вони мене її нас вас їх йому їй нам вам їм мен сен ол біз сіз олар"""
)
# Endings of patronymics: a Cyrillic name has a third word only beside one
# (``Иван Сергеевич Ливанов``, ``Ливанов Иван Сергеевич``, ``Серіков Ержан Асқарұлы``).
CYRILLIC_PATRONYMIC_ENDINGS: Final = ("вич", "вна", "ична", "ьич", "ұлы", "қызы", "улы", "кызы")
# Words of reported speech: a sentence with one (``Харламов добавил, что ...``) is prose, not the
# caption of the photo credit that follows it. Stems: any ending.
CYRILLIC_NOT_CAPTION: Final = _wordset(
    """что чтобы будто якобы который которая которое которые которого которой потому если
    що щоб ніби нібито який яка яке які якого якої тому якщо бо"""
)
CYRILLIC_REPORT_STEMS: Final = (
    "заяв",
    "сказа",
    "добави",
    "отмети",
    "подчеркну",
    "сообщи",
    "рассказа",
    "написа",
    "пообеща",
    "додав",
    "зазначи",
    "наголоси",
    "повідоми",
    "розповів",
    "розповіла",
    "написа",
    "пообіця",
)
# Roles, not people, after a byline label: ``Автор: редакция``.
CYRILLIC_ROLE_WORDS: Final = _wordset(
    """редакция редакции редакція редакції служба служби агентство новости новини пресс-служба
    прес-служба корреспондент кореспондент"""
)

# Capitalised words that open a sentence and are never capitalised inside one (prepositions,
# conjunctions, pronouns, sentence adverbs): an inline heading or a credit ends before one.
# The polite "Вы"/"Ви" is left out: letters capitalise it inside a sentence.
CYRILLIC_OPENERS: Final = _wordset(
    """В Во На По С Со К Ко У О Об Обо Из От До За Для Без При Про Над Под Перед Между Через После
    Согласно Несмотря Как Когда Если Хотя Но А И Или Однако Тем Это Эти Этот Эта Тот Те Он Она
    Оно Они Мы Я Его Ее Её Их Там Здесь Тогда Теперь Сейчас Уже Еще Ещё Так Также Кроме
    Помимо Впрочем Возможно Кстати Ведь Даже Лишь Только Все Всё Многие Некоторые Никто Ничего
    Кто Что Где Почему Зачем Именно Поэтому Потому Поскольку Пока Вместо Затем Позже Ранее
    Сначала Наконец Известно Напомним Стоит Судя Сегодня Вчера Между Чтобы Итак
    З Із Зі Від Під Між Після Згідно Попри Як Коли Якщо Хоча Але І Й Або Проте Однак Втім Це Ці
    Цей Ця Він Вона Воно Вони Ми Її Їх Тут Тоді Зараз Вже Ще Також Крім Окрім Можливо Навіть
    Лише Тільки Усі Всі Багато Деякі Ніхто Ніщо Хто Що Де Чому Саме Тому Оскільки Поки Замість
    Потім Пізніше Раніше Спочатку Нарешті Відомо Нагадаємо Варто Судячи Водночас Натомість
    Сьогодні Вчора Щоб Отже Тим
    Бұл Ол Олар Біз Мен Сіз Бірақ Алайда Және Осы Сол Кейін Дегенмен Себебі Өйткені Сондықтан
    Қазір Енді Тағы Мұнда Онда Әрине Бүгін Кеше"""
)
# Conjunctions that open a sentence that goes on, never a heading: "И это только начало".
CYRILLIC_NOT_HEADING_START: Final = _wordset(
    "И Но А Или Да Ведь Зато Однако Поэтому Потому Бо Або Але І Й Та Проте Однак Тому Адже Бірақ"
)
# Capitalised words that open a sentence: an inline heading, a photo credit or a byline name
# ends right before one of them.
OPENERS: Final = (
    _wordset(
        """The A An As In On At For From With Despite However But And Yet Still Meanwhile This That
    These Those He She They It We I You His Her Their Its Our My There Here When While After
    Before Since Although Though If According Later Earlier Also Moreover Furthermore Indeed
    Recently Now Then Some Many Most All Both Each Such What Why How Who Where Notably
    Additionally Unlike During Following Amid Among Nevertheless Nonetheless Instead Thus
    Therefore Hence Even Only Another Other Because So Once Until Whether Nor Neither Either
    Few Several Given Asked Speaking Born Under By"""
    )
    | CYRILLIC_OPENERS
)
# Openers that cannot be a capitalised preposition inside a Title-Case headline.
STRONG_OPENERS: Final = OPENERS - _wordset(
    """As In On At For From With After Before Since If Like Unlike During Following Amid Among
    Under Until Once Given Despite Against Over Through Throughout Only Even Now Then All Both
    Each Some Many Most Few Several Other Another Such What Why How Who Where When While Nor By"""
)
# Lower-case words that may sit inside a Title-Case heading (never at its ends).
FUNCTION_WORDS: Final = _wordset(
    """of in and the for on at to a an or with from by vs vs. as into over under against nor
    but via per upon than about after before between without within amid"""
)
# Lower-case particles inside personal names.
NAME_PARTICLES: Final = _wordset("van von de der den da di del della la le bin ibn al el dos du")
# Finite and auxiliary verbs that a caption (a verbless noun phrase) does not contain.
VERBS: Final = _wordset(
    """is are was were be been being am has have had having do does did done will would shall
    should can could may might must says said say tells told makes made goes went gone gets got
    gives gave given takes took taken comes came sees saw seen knows knew known thinks thought
    wants seems remains becomes became continues shows shown calls believes means meant needs
    lets puts keeps kept holds held brings brought stands stood sits sat runs ran leads led helps
    tries looks feels felt finds found began begins begun writes wrote written claims argues
    insists reveals accuses denies admits warns urges promises plans hopes fears demands
    refuses rejects welcomes condemns praises blames attacks threatens labels spares fosters
    portrays describes considers receives organizes organises joins spreads opposes supports
    faces asks uses speaks reads meets sends pays buys sells wins loses lives works plays
    met sent paid bought sold won lost spoke fell rose grew drew flew fled hid kept heard spent
    struck taught threw understood wore built caught chose drove forgot froze rode shook shot
    sang sank slept stole swore tore woke fought sought bore dealt lay lies get make take give
    go come see know think want say tell become seem bring keep let begin show hear try leave
    feel believe hold stand lose pay meet include continue learn understand speak allow create
    spend grow walk win offer remember love consider appear buy wait serve die send expect build
    stay fall reach kill remain suggest raise sell require decide pull"""
)
PRONOUNS: Final = _wordset("i you he she it we they me him us them") | CYRILLIC_PRONOUNS
AUXILIARIES: Final = _wordset(
    """is are was were be been being am has have had do does did will would shall should can
    could may might must isn't aren't wasn't weren't won't can't don't doesn't didn't"""
)
CONTRACTED: Final = _wordset("that it here there let what who where")
# Lower-case words ending in -s that are rarely verbs.
NOT_VERB_S: Final = ("ss", "us", "is", "ics", "ous", "news", "series", "species")
CAPTION_PREPOSITIONS: Final = _wordset(
    """of on at in from outside inside during near with after before for under over between
    among beside behind alongside amid across along against"""
)
ARTICLES: Final = frozenset({"The", "A", "An"})
ED_NOUNS: Final = _wordset(
    "hundred sacred naked wicked kindred rugged beloved bed red seed need speed breed greed shed"
    " creed deed feed weed"
)
ING_NOUNS: Final = _wordset(
    """during morning evening meeting building wedding ceiling king ring thing nothing something
    anything everything spring string wing sibling offspring briefing hearing gathering opening
    funding training painting clothing housing landing ending feeling beginning warning ceremony
    swing crossing"""
)
# A verbless sentence that opens with one of these is a fragment of prose, not a caption.
NOT_CAPTION_START: Final = (
    _wordset(
        """and but or so yet because if when while although though not no never nothing what why
    how who where which such just only even hence thus also then yes oh well here there perhaps
    maybe indeed certainly of i you he she it we they this that these those all some none
    again him her them me us his its our their my your in as now ah let see recall keep enter
    end visit catch read watch consider remember imagine note take make look check click follow
    join share subscribe listen stop think ask tell give get go come buy call contact write send
    help support vote sign learn find try reprinted republished like ditto sort by"""
    )
    | CYRILLIC_FUNCTION_WORDS
    | CYRILLIC_PRONOUNS
)
ROLE_WORDS: Final = (
    _wordset(
        """writer correspondent reporter editor staff contributor columnist journalist desk team
    bureau agency news tribune times post daily press media herald journal gazette"""
    )
    | CYRILLIC_ROLE_WORDS
)


# ---------------------------------------------------------------------------------------------
# Russian, Ukrainian and Kazakh (Cyrillic). Every cue below holds a Cyrillic letter, so no text
# in a Latin script can match one: English structure does not depend on anything here.
#
# Phrases (labels, disclaimers, prompts) are written as words; in a phrase, a word ending in
# ``*`` is a stem (``мнени*`` reads ``мнение``, ``мнения``), ``~`` stands for up to three other
# words, and the match ignores case. spinscope.structure_cues derives the patterns.

# Labels before a colon that open a byline: ``Автор: Иван Ливанов``.
CYRILLIC_BYLINE_LABELS: Final = (
    "автор публикации",
    "автор статьи",
    "автор материала",
    "автор текста",
    "автор публікації",
    "автор статті",
    "автор матеріалу",
    "автор тексту",
    "материал подготовил*",
    "матеріал підготував",
    "матеріал підготувала",
    "матеріал підготували",
    "автор",
    "авторы",
    "автори",
    "авторка",
    "текст",
    "подготовил(а)",
    "подготовил*",
    "підготував(ла)",
    "підготував",
    "підготувала",
    "підготували",
    "корреспондент",
    "кореспондент",
    "дайындаған",
)
# Labels before a colon that open a photo credit: ``Фото: соцсети``.
CYRILLIC_CREDIT_LABELS: Final = (
    "фото",
    "фотография",
    "фотографія",
    "фото и видео",
    "фото і відео",
    "иллюстрация",
    "ілюстрація",
    "изображение",
    "зображення",
    "источник фото",
    "автор фото",
    "автор фото і відео",
    "джерело фото",
    "сурет",
    "суреттер",
)
# Photo credits without a colon: ``Фото автора``, ``Фото из открытых источников``, ``Фото
# пресс-службы мэрии Стрелецка``. One opens a credit only where it ends its line or sentence, or
# a capitalised or quoted name or a name-taking word of CYRILLIC_CREDIT_LINKS follows it, so a
# sentence about a photo (``Фото автора опубликовали ...``) stays prose.
CYRILLIC_CREDIT_PHRASES: Final = (
    "фото автора",
    "фото из открытых источников",
    "фото из открытого источника",
    "фото из открытых источников в интернете",
    "фото из соцсетей",
    "фото из социальных сетей",
    "фото из архива",
    "фото из личного архива",
    "фото пресс-службы",
    "фото предоставлено",
    "фото предоставлены",
    "фото с сайта",
    "фото з відкритих джерел",
    "фото з відкритого джерела",
    "фото із відкритих джерел",
    "фото з соцмереж",
    "фото із соцмереж",
    "фото з архіву",
    "фото з особистого архіву",
    "фото прес-служби",
    "фото надано",
    "фото з сайту",
)
# Labels before a colon that name the original of a republished text: strong enough to cut a
# sentence where they appear, as ``Original Source:`` does.
CYRILLIC_ORIGINAL_LABELS: Final = (
    "первоисточник",
    "оригинальный источник",
    "оригинал статьи",
    "оригинальная публикация",
    "першоджерело",
    "оригінальне джерело",
    "оригінал статті",
    "түпнұсқа",
)
# Labels before a colon that open a source line: ``Источник: ...``, ``Першоджерело: https://...``.
CYRILLIC_SOURCE_LABELS: Final = (
    *CYRILLIC_ORIGINAL_LABELS,
    "источник",
    "оригинал",
    "джерело",
    "оригінал",
    "дереккөз",
    "по материалам",
    "за матеріалами",
)
# Source sentences without a label: ``Впервые опубликовано в ...``.
CYRILLIC_SOURCE_PHRASES: Final = (
    "впервые опубликова*",
    "~ впервые опубликова*",
    "перепечатано с разрешения",
    "вперше опублікова*",
    "~ вперше опублікова*",
    "передруковано з дозволу",
)
# Labels before a colon that open a disclaimer.
CYRILLIC_DISCLAIMER_LABELS: Final = (
    "дисклеймер",
    "отказ от ответственности",
    "застереження",
    "відмова від відповідальності",
    "ескерту",
)
# Disclaimer sentences: ``Мнение автора может не совпадать с позицией редакции.``
CYRILLIC_DISCLAIMER_PHRASES: Final = (
    "мнени* автор* ~ может не совпада*",
    "мнени* редакци* ~ может не совпада*",
    "точк* зрени* автор* ~ может не совпада*",
    "позици* редакци* ~ может не совпада*",
    "позици* автор* ~ может не совпада*",
    "редакци* ~ может не разделя*",
    "редакци* ~ не нес* ответственност*",
    "~ отража* ~ мнени* ~ автор*",
    "думк* автор* ~ може не збіга*",
    "думк* редакці* ~ може не збіга*",
    "точк* зор* автор* ~ може не збіга*",
    "позиці* редакці* ~ може не збіга*",
    "позиці* автор* ~ може не збіга*",
    "редакці* ~ може не поділя*",
    "редакці* ~ не нес* відповідальн*",
    "~ відобража* ~ думк* ~ автор*",
    "автордың ~ пікірі ~ сәйкес келмеуі мүмкін",
    "редакцияның ~ сәйкес келмеуі мүмкін",
)
# Reaction and subscription prompts, at the start of a sentence: ``Подписывайтесь на наш канал``.
CYRILLIC_PROMPTS: Final = (
    "подписывайтесь",
    "подпишитесь",
    "поделитесь",
    "делитесь",
    "оставляйте комментари*",
    "оставьте комментари*",
    "оставьте ~ мнение",
    "пишите ~ в комментариях",
    "напишите ~ в комментариях",
    "а что думаете вы",
    "а что вы думаете",
    "что вы думаете об этом",
    "ставьте лайк*",
    "поставьте лайк*",
    "оцените ~ статью",
    "оцените ~ материал",
    "нажмите ~ кнопк*",
    "читайте также",
    "читайте нас",
    "смотрите также",
    "присоединяйтесь к нам",
    "присоединяйтесь к наш*",
    "следите за нами",
    "все права защищены",
    "підписуйтес*",
    "підпишіться",
    "поділіться",
    "діліться",
    "залишайте коментар*",
    "залиште коментар*",
    "пишіть ~ у коментарях",
    "напишіть ~ у коментарях",
    "а що думаєте ви",
    "а ви що думаєте",
    "що ви думаєте про це",
    "ставте лайк*",
    "поставте лайк*",
    "оцініть ~ статтю",
    "оцініть ~ матеріал",
    "натисніть ~ кнопк*",
    "читайте також",
    "читайте нас",
    "дивіться також",
    "приєднуйтес* до нас",
    "приєднуйтес* до наш*",
    "стежте за нами",
    "усі права захищені",
    "всі права захищені",
    "барлық құқықтар қорғалған",
)
# Sentences that open like a prompt and are not one: a call to sign a petition.
CYRILLIC_NOT_PROMPTS: Final = (
    "подписывайтесь под",
    "подпишитесь под",
    "підписуйтес* під",
    "підпишіться під",
)
# Prompts anywhere in a sentence (Kazakh puts the verb last): ``... арнамызға жазылыңыз``.
CYRILLIC_PROMPTS_ANYWHERE: Final = (
    "кнопк* ниже",
    "кнопк* нижче",
    "жазылыңыз",
    "пікіріңізді ~ қалдырыңыз",
    "пікіріңізбен бөлісіңіз",
    "төмендегі батырма*",
)
# Labels before a dateline: ``Опубликовано: 12 марта 2025``.
CYRILLIC_DATE_LABELS: Final = (
    "опубликовано",
    "обновлено",
    "дата публикации",
    "опубліковано",
    "оновлено",
    "дата публікації",
    "жарияланды",
)
# Lower-case words after which a capitalised name still belongs to a credit or source name
# (``пресс-служба мэрии Вельграда``); after any other lower-case word a capital starts anew.
CYRILLIC_CREDIT_LINKS: Final = _wordset(
    """пресс-служба пресс-службы прес-служба прес-служби мэрии мерії администрации адміністрації
    акимата әкімдігі министерства міністерства правительства уряду полиции поліції прокуратуры
    прокуратури суда суду архив архива архів архіву агентство агентства агентств канал канала
    каналу сайт сайта сайту страница страницы сторінка сторінки фонд фонда фонду партии партії
    компании компанії издания видання газеты газети из из-за с со з із зі у в от від скриншот
    скріншот видео відео кадр фото автора telegram-канал telegram-канала семьи сім'ї редакции
    редакції"""
)
# Datelines.
CYRILLIC_TODAY: Final = _wordset("сегодня сьогодні бүгін")
CYRILLIC_YESTERDAY: Final = _wordset("вчера вчора кеше")
CYRILLIC_DAY_BEFORE_YESTERDAY: Final = _wordset("позавчера позавчора")
CYRILLIC_JUST_NOW: Final = ("только что", "щойно", "жаңа ғана")
# Words between a day and its time: ``Сегодня в 18:40``, ``Вчора о 18:40``.
CYRILLIC_AT: Final = _wordset("в во о об сағат")
CYRILLIC_AGO: Final = _wordset("назад тому бұрын")
# Units of ``N часов назад``, by the unit they count.
CYRILLIC_UNITS: Final = {
    "second": _wordset("секунду секунды секунд секунда секунди сек секунд"),
    "minute": _wordset("минуту минуты минут минута мин хвилину хвилини хвилин хвилина хв"),
    "hour": _wordset("час часа часов годину години годин година сағат"),
    "half-hour": _wordset("полчаса півгодини"),
    "day": _wordset("день дня дней дні днів күн"),
    "week": _wordset("неделю недели недель неделя тиждень тижні тижнів апта"),
    "month": _wordset("месяц месяца месяцев місяць місяці місяців ай"),
    "year": _wordset("год года лет рік роки років жыл"),
}
# The unit forms that count one by themselves: ``час назад``, ``хвилину тому``.
CYRILLIC_SINGLE_UNITS: Final = _wordset(
    "секунду минуту час неделю месяц год полчаса хвилину годину тиждень місяць рік півгодини"
)
CYRILLIC_NUMBERS: Final = {
    "один": 1,
    "одна": 1,
    "одну": 1,
    "два": 2,
    "две": 2,
    "дві": 2,
    "три": 3,
    "четыре": 4,
    "чотири": 4,
    "пять": 5,
    "п'ять": 5,
    "п’ять": 5,
    "шесть": 6,
    "шість": 6,
    "десять": 10,
    "бір": 1,
    "екі": 2,
    "үш": 3,
    "төрт": 4,
    "бес": 5,
}
# Every form of every month name: Russian in all six cases, Ukrainian in all its cases but the
# vocative, Kazakh in the nominative, locative, genitive and dative.
CYRILLIC_MONTHS: Final = {
    1: _wordset(
        """январь января январю январём январем январе січень січня січню січнем січні қаңтар
        қаңтарда қаңтардың қаңтарға"""
    ),
    2: _wordset(
        """февраль февраля февралю февралём февралем феврале лютий лютого лютому лютим ақпан
        ақпанда ақпанның ақпанға"""
    ),
    3: _wordset(
        """март марта марту мартом марте березень березня березню березнем березні наурыз
        наурызда наурыздың наурызға"""
    ),
    4: _wordset(
        """апрель апреля апрелю апрелем апреле квітень квітня квітню квітнем квітні сәуір сәуірде
        сәуірдің сәуірге"""
    ),
    5: _wordset(
        "май мая маю маем мае травень травня травню травнем травні мамыр мамырда мамырдың мамырға"
    ),
    6: _wordset(
        """июнь июня июню июнем июне червень червня червню червнем червні маусым маусымда
        маусымның маусымға"""
    ),
    7: _wordset(
        "июль июля июлю июлем июле липень липня липню липнем липні шілде шілдеде шілденің шілдеге"
    ),
    8: _wordset(
        """август августа августу августом августе серпень серпня серпню серпнем серпні тамыз
        тамызда тамыздың тамызға"""
    ),
    9: _wordset(
        """сентябрь сентября сентябрю сентябрём сентябрем сентябре вересень вересня вересню
        вереснем вересні қыркүйек қыркүйекте қыркүйектің қыркүйекке"""
    ),
    10: _wordset(
        """октябрь октября октябрю октябрём октябрем октябре жовтень жовтня жовтню жовтнем жовтні
        қазан қазанда қазанның қазанға"""
    ),
    11: _wordset(
        """ноябрь ноября ноябрю ноябрём ноябрем ноябре листопад листопада листопаду листопадом
        листопаді қараша қарашада қарашаның қарашаға"""
    ),
    12: _wordset(
        """декабрь декабря декабрю декабрём декабрем декабре грудень грудня грудню груднем грудні
        желтоқсан желтоқсанда желтоқсанның желтоқсанға"""
    ),
}
# Short forms, read only before a year or a time (``12 мар. 2025``); a stop may follow them.
CYRILLIC_MONTHS_SHORT: Final = {
    1: _wordset("янв січ"),
    2: _wordset("фев февр лют"),
    3: _wordset("мар бер"),
    4: _wordset("апр квіт"),
    5: _wordset("трав"),
    6: _wordset("июн черв"),
    7: _wordset("июл лип"),
    8: _wordset("авг серп"),
    9: _wordset("сен сент вер"),
    10: _wordset("окт жовт"),
    11: _wordset("ноя нояб лист"),
    12: _wordset("дек груд"),
}
# The nominative forms: a month named alone (``Март``) or with a year only (``март 2025``).
CYRILLIC_MONTHS_NOMINATIVE: Final = _wordset(
    """январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь
    січень лютий березень квітень травень червень липень серпень вересень жовтень листопад
    грудень қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз қыркүйек қазан қараша
    желтоқсан"""
)
CYRILLIC_WEEKDAYS: Final = _wordset(
    """понедельник вторник среда четверг пятница суббота воскресенье понеділок вівторок середа
    четвер п'ятниця п’ятниця субота неділя дүйсенбі сейсенбі сәрсенбі бейсенбі жұма сенбі
    жексенбі пн вт ср чт пт сб вс нд"""
)
# What may follow the year: ``2025 г.``, ``2025 года``, ``2025 р.``, ``2025 року``, ``2025 ж.``
CYRILLIC_YEAR_WORDS: Final = ("г.", "года", "год", "гг.", "р.", "року", "рік", "ж.", "жылы", "жыл")
# What may precede the day in Kazakh: ``2025 жылғы 12 наурыз``.
CYRILLIC_YEAR_FIRST: Final = ("жылғы", "ж.")
