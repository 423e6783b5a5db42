"""The analysis settings: every setting checked once, on AnalysisConfig, with its own code."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pydantic import ValidationError

from spinscope import gazetteer as gazetteers
from spinscope.config import DEFAULT_MAX_CHARS, DEFAULT_TIME_LIMIT, LANGUAGES, AnalysisConfig
from spinscope.errors import InputError
from spinscope.ingest import IngestOptions
from spinscope.pipeline import Pipeline


@pytest.fixture(autouse=True)
def _no_gazetteer_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(gazetteers.GAZETTEER_ENV, raising=False)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-04-29T18:00:00Z", datetime(2025, 4, 29, 18, tzinfo=UTC)),
        (" 2025-04-29T18:00:00+02:00 ", datetime(2025, 4, 29, 16, tzinfo=UTC)),
        (datetime(2025, 4, 29, 18, tzinfo=UTC), datetime(2025, 4, 29, 18, tzinfo=UTC)),
        ("", None),
        (None, None),
    ],
)
def test_as_of_is_read_from_iso_strings_and_moments(
    value: str | datetime | None, expected: datetime | None
) -> None:
    assert AnalysisConfig.model_validate({"as_of": value}).as_of == expected


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("yesterday", "E130"),
        ("2025-13-01T00:00:00Z", "E130"),
        (17, "E130"),
        ("2025-04-29T18:00:00", "E131"),
        (datetime(2025, 4, 29, 18), "E131"),
    ],
)
def test_bad_as_of_values_have_codes_of_their_own(value: object, code: str) -> None:
    with pytest.raises(InputError) as caught:
        AnalysisConfig.model_validate({"as_of": value})
    assert caught.value.code == code and caught.value.fields["option"] == "as_of"


def test_language_is_normalised_and_checked() -> None:
    assert AnalysisConfig(language=" RU ").language == "ru"
    assert AnalysisConfig(language="").language is None
    for bad in ("xx", "english", "r"):
        with pytest.raises(InputError) as caught:
            AnalysisConfig(language=bad)
        assert caught.value.code == "E132" and ", ".join(LANGUAGES) in caught.value.fix


def test_the_gazetteer_is_recorded_with_its_sha256(tmp_path: Path) -> None:
    names = tmp_path / "names.tsv"
    names.write_text("Vora\tperson\n", encoding="utf-8")
    config = AnalysisConfig(gazetteer=names, as_of=datetime(2025, 1, 1, tzinfo=UTC))
    record = Pipeline(config=config).info.config
    assert record["gazetteer"] == str(names)
    assert record["gazetteer_sha256"] == gazetteers.check(names).sha256
    assert record["as_of"] == "2025-01-01T00:00:00+00:00"
    # The settings travel as JSON (to Dask workers) and come back equal.
    assert AnalysisConfig.model_validate_json(config.model_dump_json()) == config
    with pytest.raises(InputError) as caught:
        AnalysisConfig(gazetteer=names, gazetteer_sha256="0" * 64)
    assert caught.value.code == "E525"


def test_no_gazetteer_is_recorded_as_none() -> None:
    record = AnalysisConfig().to_record()
    assert record == {"as_of": None, "language": None, "gazetteer": None, "gazetteer_sha256": None}


def test_the_gazetteer_comes_from_the_environment_unless_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = tmp_path / "names.tsv"
    names.write_text("Vora\tperson\n", encoding="utf-8")
    monkeypatch.setenv(gazetteers.GAZETTEER_ENV, str(names))
    assert AnalysisConfig().gazetteer == names
    assert AnalysisConfig(gazetteer=None).gazetteer is None
    monkeypatch.setenv(gazetteers.GAZETTEER_ENV, str(tmp_path / "missing.tsv"))
    with pytest.raises(InputError) as caught:
        AnalysisConfig()
    assert caught.value.code == "E522"


def test_settings_are_frozen_and_refuse_unknown_fields() -> None:
    config = AnalysisConfig()
    with pytest.raises(ValidationError, match="frozen"):
        config.as_of = datetime.now(UTC) + timedelta(days=1)  # type: ignore[misc]
    with pytest.raises(ValidationError, match="colour"):
        AnalysisConfig.model_validate({"colour": "blue"})


@pytest.mark.parametrize(
    "kwargs",
    [{"max_bytes": 0}, {"max_bytes": -5}, {"timeout": 0}, {"max_redirects": -1}],
)
def test_ingest_limits_are_checked_once_when_made(kwargs: dict[str, float]) -> None:
    with pytest.raises(InputError) as caught:
        IngestOptions(**kwargs)  # type: ignore[arg-type]
    assert caught.value.code == "E135"


def test_the_per_document_limits_default_and_are_left_out_of_the_record() -> None:
    config = AnalysisConfig()
    assert config.max_chars == DEFAULT_MAX_CHARS and config.time_limit == DEFAULT_TIME_LIMIT
    assert "max_chars" not in config.to_record() and "time_limit" not in config.to_record()
    limited = AnalysisConfig(max_chars=10, time_limit=2.5)
    assert limited.without_limits() == config
    assert Pipeline(config=limited).info.version == Pipeline(config=config).info.version


@pytest.mark.parametrize(
    ("value", "expected"), [(1, 1), (2_000_000, 2_000_000), ("30", 30), (12.0, 12)]
)
def test_max_chars_is_read_from_numbers_and_text(value: object, expected: int) -> None:
    assert AnalysisConfig.model_validate({"max_chars": value}).max_chars == expected


@pytest.mark.parametrize(
    ("value", "code"),
    [(0, "E135"), (-5, "E135"), ("0", "E135"), ("many", "E136"), (True, "E136"), (2.5, "E136")],
)
def test_bad_max_chars_values_have_codes(value: object, code: str) -> None:
    with pytest.raises(InputError) as caught:
        AnalysisConfig.model_validate({"max_chars": value})
    assert caught.value.code == code and caught.value.fields["option"] == "max_chars"


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, None), (0, None), ("0", None), ("", None), ("none", None), (2, 2.0), ("1.5", 1.5)],
)
def test_time_limit_is_seconds_or_none(value: object, expected: float | None) -> None:
    assert AnalysisConfig.model_validate({"time_limit": value}).time_limit == expected


@pytest.mark.parametrize(
    ("value", "code"),
    [(-1, "E135"), ("-0.5", "E135"), (float("inf"), "E135"), (float("nan"), "E135"),
     ("soon", "E136"), (False, "E136"), ([3], "E136")],
)  # fmt: skip
def test_bad_time_limits_have_codes(value: object, code: str) -> None:
    with pytest.raises(InputError) as caught:
        AnalysisConfig.model_validate({"time_limit": value})
    assert caught.value.code == code and caught.value.fields["option"] == "time_limit"
