"""Full-text search in Russian and Ukrainian by dictionary form, Kazakh and English by exact
forms as before, against real database files (the texts are invented)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from spinscope.document import Document, Metadata, text_id
from spinscope.store import MIGRATIONS, Store, fts_query, migrate
from spinscope.store.search import (
    cyrillic_words,
    lemmas_of,
    text_language,
    ukrainian_lemma,
    ukrainian_morph,
)
from tests.report.builders import with_parts

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

RUSSIAN = (
    "Тендер на ремонт моста в Заречинске отменён",
    "Администрация Заречинска отменила итоги тендера на ремонт моста. Депутат Ольга Петрова "
    "потребовала проверки, а глава района Игорь Петров отказался от комментариев. Жалобу "
    "Петровой передали Петрову ещё в марте.",
)
UKRAINIAN = (
    "Тендер на ремонт мосту в Зарічинську скасовано",
    "Адміністрація Зарічинська скасувала підсумки тендеру на ремонт мосту. Депутатка Ольга "
    "Петренко вимагала перевірки.",
)
KAZAKH = (
    "Ақсай ауылындағы көпір жөнделмеді",
    "Ауыл тұрғындары әкімдікке шағым жазды. Көпірді жөндеуге бөлінген ақша әлі жетпеді.",
)
ENGLISH = (
    "Ferry Tolls Rise Again",
    "The Ellery harbour board raised ferry tolls for the third time, said councillor Nils Okafor.",
)


def document(title: str, body: str) -> Document:
    return with_parts(f"{title}\n\n{body}", ("title", "paragraph"), Metadata(title=title))


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = Store.open(tmp_path / "search.db")
    opened.save_documents(
        [document(*RUSSIAN), document(*UKRAINIAN), document(*KAZAKH), document(*ENGLISH)]
    )
    return opened


NAMES = {
    RUSSIAN[0]: "ru",
    UKRAINIAN[0]: "uk",
    KAZAKH[0]: "kk",
    ENGLISH[0]: "en",
    "Мост в Заречинске": "ru",
}


def found(store: Store, query: str) -> list[str]:
    return sorted(NAMES[item.title or ""] for item in store.list_documents(query=query).items)


def test_a_russian_word_finds_its_other_case_forms(store: Store) -> None:
    for query in ("Петров", "петрову", "Петровым", "Петровой", "Петрова"):
        assert found(store, query) == ["ru"], query
    assert found(store, "тендер") == ["ru", "uk"]  # both: the Ukrainian title has it
    # "тендера" is "тендер" in its dictionary form, which the Ukrainian title has too.
    assert found(store, "тендера") == ["ru", "uk"]
    assert found(store, "отменила") == ["ru"]
    assert found(store, "отменят") == ["ru"]
    assert found(store, "администрацией заречинска") == ["ru"]
    assert found(store, "Петров комментарий") == ["ru"]
    assert found(store, "Петров okafor") == []  # every word stays required


def test_a_ukrainian_word_finds_its_other_forms(store: Store) -> None:
    assert found(store, "тендерів") == ["ru", "uk"]  # "тендер", in both titles
    assert found(store, "скасували") == ["uk"]  # "скасувала": both are "скасувати"
    assert found(store, "Петренка") == ["uk"]  # "Петренко"
    assert found(store, "адміністрації") == ["uk"]
    assert found(store, "перевірку") == ["uk"]


def test_kazakh_and_english_are_searched_by_their_exact_forms(store: Store) -> None:
    assert found(store, "ауылындағы") == ["kk"]
    assert found(store, "шағым әкімдікке") == ["kk"]
    assert found(store, "ferry tolls") == ["en"]
    assert found(store, "toll") == []  # English was never stemmed, and still is not
    assert found(store, "raised") == ["en"]


def test_an_english_query_is_the_same_fts5_query_as_before() -> None:
    assert fts_query('ferry "tolls" OR x*') == '"ferry" "tolls" "OR" "x"'
    assert fts_query("Ellery's harbour-board") == '"Ellery" "s" "harbour" "board"'
    assert fts_query("!!!") is None


def test_a_cyrillic_query_word_also_matches_its_dictionary_form() -> None:
    # Russian lemma first, then the Ukrainian one ("Петрів" is a Ukrainian surname's form).
    assert fts_query("Петрову тендер") == '("Петрову" OR "петров" OR "петрів") AND "тендер"'
    assert fts_query('тендера" OR') == '("тендера" OR "тендер") AND "OR"'
    assert fts_query("тендер ferry") == '"тендер" "ferry"'


def test_russian_and_ukrainian_text_get_lemmas_and_each_once() -> None:
    assert lemmas_of(*ENGLISH) == ""
    assert lemmas_of(*KAZAKH) == ""
    assert {"скасувати", "тендер", "зарічинський"} <= set(lemmas_of(*UKRAINIAN).split())
    lemmas = lemmas_of(*RUSSIAN).split()
    assert len(lemmas) == len(set(lemmas))
    assert {"петров", "тендер", "отменить"} <= set(lemmas)
    assert "ремонт" not in lemmas  # already in its dictionary form, so the text has it


def test_the_examples_languages_are_told_by_their_letters() -> None:
    def language(name: str) -> str | None:
        return text_language(cyrillic_words((EXAMPLES / name).read_text(encoding="utf-8")))

    assert language("steppe-water-tender.ru.txt") == "ru"
    assert language("veligorsk-river-fund.ru.txt") == "ru"
    assert language("school-bus-tender.uk.txt") == "uk"
    assert language("aksai-village-well.kk.txt") is None  # no Kazakh lemmatiser
    assert language("river-bridge-report.txt") is None  # no Cyrillic word at all


def test_the_ukrainian_analyser_leaves_the_russian_one_as_it_was() -> None:
    """pymorphy2 keeps grammemes on a tag class the analysers share: the Ukrainian one gets its
    own, so Russian surnames ("Surn") and cases still read after it has loaded."""
    from spinscope.detectors.russian import cases, lemma, morph

    ukrainian_morph()
    assert type(ukrainian_morph().parse("школи")[0].tag) is not type(morph().parse("школы")[0].tag)
    lemma.cache_clear()
    cases.cache_clear()
    assert lemma("Петровой") == "петров" and "datv" in cases("Петрову")
    assert ukrainian_lemma("школи") == "школа" and ukrainian_lemma("тендерів") == "тендер"


def test_a_store_from_before_lemmas_is_rebuilt_and_finds_case_forms(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = sqlite3.connect(path, isolation_level=None)
    migrate(db, MIGRATIONS[:4])
    rows = []
    for title, body in (RUSSIAN, ENGLISH):
        text = f"{title}\n\n{body}"
        db.execute(
            """INSERT INTO documents (id, title, text, created, updated)
               VALUES (?, ?, ?, 'then', 'then')""",
            (text_id(text), title, text),
        )
        row = db.execute(
            "INSERT INTO documents_fts (document_id, title, text) VALUES (?, ?, ?)",
            (text_id(text), title, text),
        ).lastrowid
        db.execute("UPDATE documents SET search_row = ? WHERE id = ?", (row, text_id(text)))
        rows.append((text_id(text), row))
    db.close()
    with Store.open(path) as store:
        assert "0005_search_lemmas" in [name for name, _ in store.migrations()]
        assert found(store, "Петрову") == ["ru"]
        assert found(store, "harbour") == ["en"]
        # Each row kept its rowid, so replacing a document's row replaces the right one.
        renamed = document("Мост в Заречинске", RUSSIAN[1])
        store.save_documents([renamed])
    db = sqlite3.connect(path)
    kept = db.execute("SELECT document_id, rowid FROM documents_fts ORDER BY rowid").fetchall()
    assert kept[:2] == rows
    columns = [r[1] for r in db.execute("PRAGMA table_info(documents_fts)")]
    assert columns == ["document_id", "title", "text", "lemmas"]
    db.close()
