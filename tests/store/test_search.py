"""Full-text search in Russian by dictionary form, and English search exactly as before, against
real database files (the texts are invented)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from spinscope.document import Document, Metadata, text_id
from spinscope.store import MIGRATIONS, Store, fts_query, migrate
from spinscope.store.search import cyrillic_words, is_russian, lemmas_of
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
ENGLISH = (
    "Ferry Tolls Rise Again",
    "The Ellery harbour board raised ferry tolls for the third time, said councillor Nils Okafor.",
)


def document(title: str, body: str) -> Document:
    return with_parts(f"{title}\n\n{body}", ("title", "paragraph"), Metadata(title=title))


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = Store.open(tmp_path / "search.db")
    opened.save_documents([document(*RUSSIAN), document(*UKRAINIAN), document(*ENGLISH)])
    return opened


NAMES = {RUSSIAN[0]: "ru", UKRAINIAN[0]: "uk", ENGLISH[0]: "en", "Мост в Заречинске": "ru"}


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


def test_ukrainian_and_english_are_searched_by_their_exact_forms(store: Store) -> None:
    assert found(store, "тендеру") == ["ru", "uk"]  # its lemma is the Russian "тендер"
    assert found(store, "скасувала") == ["uk"]
    assert found(store, "Петренко") == ["uk"]
    assert found(store, "Петренка") == []  # no Ukrainian lemmatiser: its forms are not joined
    assert found(store, "ferry tolls") == ["en"]
    assert found(store, "toll") == []  # English was never stemmed, and still is not
    assert found(store, "raised") == ["en"]


def test_an_english_query_is_the_same_fts5_query_as_before() -> None:
    assert fts_query('ferry "tolls" OR x*') == '"ferry" "tolls" "OR" "x"'
    assert fts_query("Ellery's harbour-board") == '"Ellery" "s" "harbour" "board"'
    assert fts_query("!!!") is None


def test_a_cyrillic_query_word_also_matches_its_dictionary_form() -> None:
    assert fts_query("Петрову тендер") == '("Петрову" OR "петров") AND "тендер"'
    assert fts_query('тендера" OR') == '("тендера" OR "тендер") AND "OR"'
    assert fts_query("тендер ferry") == '"тендер" "ferry"'


def test_only_russian_text_gets_lemmas_and_each_once() -> None:
    assert lemmas_of(*ENGLISH) == ""
    assert lemmas_of(*UKRAINIAN) == ""
    lemmas = lemmas_of(*RUSSIAN).split()
    assert len(lemmas) == len(set(lemmas))
    assert {"петров", "тендер", "отменить"} <= set(lemmas)
    assert "ремонт" not in lemmas  # already in its dictionary form, so the text has it


def test_the_examples_languages_are_told_by_their_letters() -> None:
    def russian(name: str) -> bool:
        return is_russian(cyrillic_words((EXAMPLES / name).read_text(encoding="utf-8")))

    assert russian("steppe-water-tender.ru.txt")
    assert russian("veligorsk-river-fund.ru.txt")
    assert not russian("school-bus-tender.uk.txt")
    assert not russian("aksai-village-well.kk.txt")
    assert not russian("river-bridge-report.txt")  # no Cyrillic word at all


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
        assert [name for name, _ in store.migrations()][-1] == "0005_search_lemmas"
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
