"""Short articles in English, Russian and Kazakh, written for the tests: invented places,
outlets and people, the same story in each."""

from __future__ import annotations

import dataclasses

from spinscope.components import Registry
from spinscope.config import AnalysisConfig
from spinscope.pipeline import Pipeline
from spinscope.registry import BUILTIN_SPECS

RUSSIAN = (
    "Мэр Велигорска обвинил депутата в краже\n\n"
    "Мэр города Велигорск Аркадий Сомов обвинил депутата Нину Ларину в краже бюджетных денег, "
    "сообщила газета «Речной вестник». Ларина назвала обвинения ложью и пообещала подать в суд."
)
KAZAKH = (
    "Қаланың әкімі Арман Сейітов депутат Гүлнар Омарованы бюджет қаражатын ұрлады деп айыптады, "
    "деп хабарлады «Өзен жаршысы» газеті. Омарова бұл айыптауды жалған деп атады."
)
ENGLISH = (
    "Mayor Accuses Councillor of Theft\n\n"
    "The mayor of Vessgrad, Arkady Somov, accused councillor Nina Larin of stealing public "
    "funds, the River Herald reported. Larin called the charge a disgraceful lie."
)


def english_only() -> Registry:
    """The built-in annotators and the detectors that read English, each pinned to English
    alone, as they were first declared: tests of what is not analysed stay the same while
    languages are added."""
    return Registry(
        [
            dataclasses.replace(s, languages=frozenset({"en"})) if s.languages else s
            for s in BUILTIN_SPECS
            if s.kind == "annotator" or (s.languages is not None and "en" in s.languages)
        ]
    )


def english_pipeline(config: AnalysisConfig | None = None) -> Pipeline:
    """The default pipeline over :func:`english_only` components."""
    registry = english_only()
    return Pipeline(registry.names(), config=config, registry=registry)
