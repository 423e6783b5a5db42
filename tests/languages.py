"""Short articles in English, Russian and Kazakh, written for the tests: invented places,
outlets and people, the same story in each."""

from __future__ import annotations

import dataclasses

from spinscope.components import Registry
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
    """The built-in components, every language-bound one pinned to English, as they were first
    declared: tests of what is not analysed stay the same while other languages are added."""
    return Registry(
        [
            dataclasses.replace(s, languages=frozenset({"en"})) if s.languages else s
            for s in BUILTIN_SPECS
        ]
    )
