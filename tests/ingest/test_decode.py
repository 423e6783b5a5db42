from __future__ import annotations

import codecs

import pytest

from spinscope.errors import InputError
from spinscope.ingest import decode_bytes, normalise_text
from spinscope.ingest.decode import decode_declared, decode_html
from tests.ingest.pages import FRENCH, RUSSIAN


def code_of(exc: pytest.ExceptionInfo[InputError]) -> str:
    return exc.value.code


def test_normalise_newlines_controls_and_nfc() -> None:
    raw = "\n \n\t\n\tTitle\r\nLine\rTwo\x00\x07 e\u0301  end \t\n\n  "
    assert normalise_text(raw) == "\tTitle\nLine\nTwo é  end"


def test_normalise_keeps_spacing_inside_lines_and_is_idempotent() -> None:
    text = "  indented   line\n\n\tTabbed\tcolumns"
    assert normalise_text(text) == text
    assert normalise_text(normalise_text(text)) == text


def test_invisible_characters_go_and_joiners_stay() -> None:
    raw = "Infra\u00adstructure of Port\u200b Ellery\u2060s \u202eblatnoc\u202c\ufeff quay"
    assert normalise_text(raw) == "Infrastructure of Port Ellerys blatnoc quay"
    emoji = "family \U0001f469\u200d\U0001f467 and \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"
    assert normalise_text(emoji) == emoji


def test_soft_hyphens_leave_html_words_whole() -> None:
    from spinscope.ingest.html import read_html

    page = (
        "<html><body><article><h1>Quay</h1><p>"
        + "The har&shy;bour&#173;master of Port Ellery signed the con\u00adtract. " * 3
        + "</p></article></body></html>"
    )
    document = read_html(page.encode("utf-8"), source="quay.html")
    assert "harbourmaster" in document.text and "contract" in document.text
    assert "\u00ad" not in document.text


def test_utf8_and_boms() -> None:
    text = "Café — naïve"
    assert decode_bytes(text.encode(), source="s") == text
    assert decode_bytes(codecs.BOM_UTF8 + text.encode(), source="s") == text
    assert decode_bytes(text.encode("utf-16"), source="s") == text  # BOM + NUL bytes: still text
    assert decode_bytes(codecs.BOM_UTF32_LE + text.encode("utf-32-le"), source="s") == text


def test_cp1251_russian_is_detected() -> None:
    assert decode_bytes(RUSSIAN.encode("cp1251"), source="ru.txt") == RUSSIAN


def test_cp1252_western_is_detected() -> None:
    assert decode_bytes(FRENCH.encode("cp1252"), source="fr.txt") == FRENCH


def test_broken_utf8_names_the_offset() -> None:
    good = "Café prices — up again. ".encode()
    data = good + b"\xff" + good
    with pytest.raises(InputError) as exc:
        decode_bytes(data, source="broken.txt")
    assert code_of(exc) == "E104"
    assert f"offset {len(good)}" in exc.value.message
    assert "0xff" in exc.value.message


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        bytes(range(256)) * 8,
        b"\x01\x02\x03\x04\x05\x06text\x0e\x0f\x10",
    ],
)
def test_binary_is_refused(data: bytes) -> None:
    with pytest.raises(InputError) as exc:
        decode_bytes(data, source="blob")
    assert code_of(exc) == "E102"


def test_forced_encoding() -> None:
    assert decode_bytes(RUSSIAN.encode("koi8-r"), source="s", encoding="koi8-r") == RUSSIAN
    with pytest.raises(InputError) as exc:
        decode_bytes(b"abc", source="s", encoding="no-such-codec")
    assert code_of(exc) == "E110"
    with pytest.raises(InputError) as exc:
        decode_bytes("Café".encode("latin-1"), source="s", encoding="utf-8")
    assert code_of(exc) == "E110"


@pytest.mark.parametrize("codec", ["rot13", "base64", "zlib", "hex", "bz2", "uu"])
def test_codecs_that_are_not_text_encodings_are_refused_or_ignored(codec: str) -> None:
    with pytest.raises(InputError) as exc:
        decode_bytes(b"abc", source="s", encoding=codec)
    assert code_of(exc) == "E110"
    # Declared by a page or a server, such a label is ignored like an unknown one.
    assert decode_declared(RUSSIAN.encode(), source="s", declared=(codec,)) == RUSSIAN


def test_html_meta_charset_and_http_charset() -> None:
    page = '<html><head><meta charset="windows-1251"></head><body><p>{}</p></body></html>'
    data = page.format(RUSSIAN).encode("cp1251")
    assert RUSSIAN in decode_html(data, source="p")
    equiv = '<meta http-equiv="Content-Type" content="text/html; charset=koi8-r"><p>{}</p>'
    assert RUSSIAN in decode_html(equiv.format(RUSSIAN).encode("koi8-r"), source="p")
    plain = f"<p>{RUSSIAN}</p>".encode("cp1251")
    assert RUSSIAN in decode_html(plain, source="p", http_charset="windows-1251")


def test_html_declared_latin1_but_utf8_bytes_reads_utf8() -> None:
    data = '<meta charset="iso-8859-1"><p>Café — naïve</p>'.encode()
    assert "Café — naïve" in decode_html(data, source="p")
