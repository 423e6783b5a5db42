from __future__ import annotations

import pytest

from spinscope.language import LANGUAGES, identify_language


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The committee will publish its findings next week, officials said.", "en"),
        ("Комитет опубликует свои выводы на следующей неделе, заявили чиновники.", "ru"),
        ("Комитет өз қорытындыларын келесі аптада жариялайды, деді шенеуніктер.", "kk"),
        ("Комітет оприлюднить свої висновки наступного тижня, заявили посадовці.", "uk"),
        ("委员会将于下周公布调查结果，官员表示。", "zh"),
        ("Der Ausschuss wird seine Ergebnisse nächste Woche veröffentlichen.", "de"),
        ("Le comité publiera ses conclusions la semaine prochaine, selon les responsables.", "fr"),
        ("El comité publicará sus conclusiones la próxima semana, dijeron los funcionarios.", "es"),
    ],
)
def test_identifies_required_languages(text: str, code: str) -> None:
    assert code in LANGUAGES
    assert identify_language(text) == code


def test_no_language_for_symbols() -> None:
    assert identify_language("12:00 — 3.5 %") is None


def test_every_language_has_a_display_name() -> None:
    from spinscope.language import LANGUAGE_NAMES, language_name

    assert set(LANGUAGE_NAMES) == set(LANGUAGES)
    assert language_name("kk") == "Kazakh" and language_name("ru") == "Russian"
    assert language_name(None) == "unknown language" and language_name("tlh") == "tlh"
