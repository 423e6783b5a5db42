"""The persuasion techniques spinscope names, and how they map onto two benchmark label sets.

Two public benchmarks label persuasion techniques in text, with different label sets:

* SemEval-2020 Task 11 (the Propaganda Techniques Corpus, PTC): 14 classes over news articles.
  Two of them merge rarer techniques into one class (``Whataboutism,Straw_Men,Red_Herring`` and
  ``Bandwagon,Reductio_ad_hitlerum``); two others are single techniques with a two-part name
  (``Name_Calling,Labeling`` and ``Exaggeration,Minimisation``).
* SemEval-2021 Task 6 (texts of memes), subtasks 1 and 2: 20 techniques, which split the merged
  PTC classes apart and add Smears, Glittering generalities and Obfuscation.

A third, the UNLP 2025 shared task, labels ten techniques in Russian and Ukrainian Telegram posts;
seven of them are techniques above (its ``whataboutism`` and ``straw_man`` both belong to the
merged PTC class), and three are new: euphoria, FUD (fear, uncertainty and doubt) and cherry
picking.

spinscope's technique layer has one :class:`Technique` per PTC class, plus one for each SemEval-2021
technique that no PTC class covers, plus the three UNLP 2025 ones: 20 in all. Every label of any
of the benchmarks belongs to exactly one technique, so :func:`by_label` never has to guess.
Definitions and examples are written for this project; the examples use invented people and
places.

``docs/techniques.md`` is generated from this module (:func:`techniques_markdown`); regenerate it
with ``python -m spinscope.taxonomy docs/techniques.md``.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Final

from spinscope.errors import InputError

CATEGORIES: Final = (
    "attack on reputation",
    "justification",
    "simplification",
    "distraction",
    "call",
    "manipulative wording",
)


@dataclass(frozen=True, slots=True)
class Technique:
    """One persuasion technique: a stable id, a readable name and its labels in three benchmarks.

    ``ptc_label`` is the SemEval-2020 Task 11 class the technique is annotated as (None when that
    corpus has no such class); ``semeval2021_labels`` are the SemEval-2021 Task 6 labels it
    covers (several for a merged PTC class); ``unlp2025_labels`` are the UNLP 2025 shared task's
    technique ids it covers (Russian and Ukrainian posts).
    """

    id: str
    name: str
    category: str
    definition: str
    example: str
    ptc_label: str | None
    semeval2021_labels: tuple[str, ...]
    unlp2025_labels: tuple[str, ...] = ()


_TECHNIQUES: Final = (
    Technique(
        id="loaded_language",
        name="Loaded language",
        category="manipulative wording",
        definition=(
            "Words picked for the feelings they stir rather than for what they describe, so "
            "that the reader reacts to the tone before weighing the facts."
        ),
        example="The council's reckless, ruinous budget will gut the town of Brenmoor.",
        ptc_label="Loaded_Language",
        semeval2021_labels=("Loaded Language",),
        unlp2025_labels=("loaded_language",),
    ),
    Technique(
        id="name_calling",
        name="Name calling or labelling",
        category="attack on reputation",
        definition=(
            "Calling a person, group or idea by a short emotive tag, insulting or flattering, "
            "so that the tag stands in for an argument about them."
        ),
        example="Alderman Joss Pell and his gang of tax-hungry pen-pushers met again on Tuesday.",
        ptc_label="Name_Calling,Labeling",
        semeval2021_labels=("Name calling/Labeling",),
    ),
    Technique(
        id="repetition",
        name="Repetition",
        category="manipulative wording",
        definition=(
            "Restating one phrase or claim several times in a text, so that familiarity does the "
            "work that evidence should."
        ),
        example="The mill must stay open. Our families need the mill open. Keep the mill open.",
        ptc_label="Repetition",
        semeval2021_labels=("Repetition",),
    ),
    Technique(
        id="doubt",
        name="Doubt",
        category="attack on reputation",
        definition=(
            "Casting suspicion on the honesty, competence or credibility of a person or "
            "institution, usually through insinuation or pointed questions rather than evidence."
        ),
        example="Can Ostby really trust a harbour master who will not say where she was in May?",
        ptc_label="Doubt",
        semeval2021_labels=("Doubt",),
    ),
    Technique(
        id="exaggeration_minimisation",
        name="Exaggeration or minimisation",
        category="manipulative wording",
        definition=(
            "Inflating the size, merit or danger of something well beyond what the facts support, "
            "or shrinking something serious into a trifle."
        ),
        example="The new parking rule is the worst attack on liberty Velden has ever suffered.",
        ptc_label="Exaggeration,Minimisation",
        semeval2021_labels=("Exaggeration/Minimisation",),
    ),
    Technique(
        id="appeal_to_fear",
        name="Appeal to fear or prejudice",
        category="justification",
        definition=(
            "Pushing the audience towards a position by making the alternative look frightening, "
            "or by playing on a prejudice it already holds against some group."
        ),
        example="Open the ferry link and Harlow will be overrun; no front door will be safe.",
        ptc_label="Appeal_to_fear-prejudice",
        semeval2021_labels=("Appeal to fear/prejudice",),
        unlp2025_labels=("appeal_to_fear",),
    ),
    Technique(
        id="flag_waving",
        name="Flag-waving",
        category="justification",
        definition=(
            "Justifying an idea by tying it to the pride or identity of a group, such as a nation, "
            "party or faith, so that disagreeing feels like disloyalty."
        ),
        example="Every true daughter of Ostmark will stand behind the new border fence.",
        ptc_label="Flag-Waving",
        semeval2021_labels=("Flag-waving",),
    ),
    Technique(
        id="causal_oversimplification",
        name="Causal oversimplification",
        category="simplification",
        definition=(
            "Pinning an outcome that has many causes on a single one, often on one person or "
            "group, and leaving the rest of the story out."
        ),
        example="Bread costs more in Calder this year for one reason only: the new mayor.",
        ptc_label="Causal_Oversimplification",
        semeval2021_labels=("Causal Oversimplification",),
    ),
    Technique(
        id="appeal_to_authority",
        name="Appeal to authority",
        category="justification",
        definition=(
            "Treating a claim as settled because a notable person or body endorses it, with no "
            "other support, including when the person cited knows nothing special about the matter."
        ),
        example="The footballer Dario Menz says the new water filters are unsafe, so they must be.",
        ptc_label="Appeal_to_Authority",
        semeval2021_labels=("Appeal to authority",),
    ),
    Technique(
        id="slogans",
        name="Slogans",
        category="call",
        definition=(
            "A short, memorable phrase that packs a stance into a few words and invites the "
            "reader to act or to take a side."
        ),
        example="Clean streets, safe Lenholm!",
        ptc_label="Slogans",
        semeval2021_labels=("Slogans",),
    ),
    Technique(
        id="black_and_white_fallacy",
        name="Black-and-white fallacy or dictatorship",
        category="simplification",
        definition=(
            "Offering two options as if no others existed, usually one attractive and one "
            "dreadful; in its dictatorship form, telling the audience the one thing it must do "
            "and ruling out the rest."
        ),
        example="Either Tarnby votes for the dam, or it chooses to sit in the dark.",
        ptc_label="Black-and-White_Fallacy",
        semeval2021_labels=("Black-and-white Fallacy/Dictatorship",),
    ),
    Technique(
        id="whataboutism_straw_man_red_herring",
        name="Whataboutism, straw man or red herring",
        category="distraction",
        definition=(
            "Moving attention away from the question at hand, in one of three ways: answering "
            "a criticism by pointing at the critic's own failings (whataboutism); swapping an "
            "opponent's view for a weaker or twisted version and attacking that (straw man); or "
            "bringing in unrelated matter to pull the discussion elsewhere (red herring)."
        ),
        example=(
            "Why should Minister Aldo Ferrant explain the missing funds when his rivals once "
            "lost a whole laptop?"
        ),
        ptc_label="Whataboutism,Straw_Men,Red_Herring",
        semeval2021_labels=(
            "Whataboutism",
            "Misrepresentation of Someone's Position (Straw Man)",
            "Presenting Irrelevant Data (Red Herring)",
        ),
        unlp2025_labels=("whataboutism", "straw_man"),
    ),
    Technique(
        id="thought_terminating_cliche",
        name="Thought-terminating cliché",
        category="call",
        definition=(
            "A stock phrase that closes a question instead of answering it, making further "
            "thought or debate seem pointless."
        ),
        example="That's just how things are done in Marrow County, so let's move on.",
        ptc_label="Thought-terminating_Cliches",
        semeval2021_labels=("Thought-terminating cliché",),
        unlp2025_labels=("cliche",),
    ),
    Technique(
        id="bandwagon_reductio_ad_hitlerum",
        name="Bandwagon or reductio ad hitlerum",
        category="justification",
        definition=(
            "Judging an idea by who else holds it instead of by its merits: urging the audience "
            "to join in because everyone, or everyone like them, already has (bandwagon), or to "
            "reject it because a group the audience despises favours it (reductio ad hitlerum)."
        ),
        example="Half of Dunmore has already signed the petition; don't be the last to join.",
        ptc_label="Bandwagon,Reductio_ad_hitlerum",
        semeval2021_labels=("Bandwagon", "Reductio ad hitlerum"),
        unlp2025_labels=("bandwagon",),
    ),
    Technique(
        id="smears",
        name="Smears",
        category="attack on reputation",
        definition=(
            "Spreading damaging claims or insinuations about the character or conduct of a "
            "person or group, going beyond a single label, to lower their standing."
        ),
        example=(
            "Everyone in Westfold knows Councillor Rina Osk has been lining her pockets since "
            "the day she took office."
        ),
        ptc_label=None,
        semeval2021_labels=("Smears",),
    ),
    Technique(
        id="glittering_generalities",
        name="Glittering generalities (virtue)",
        category="justification",
        definition=(
            "Attaching vague, warmly approved values such as freedom, family or honour to a "
            "person or proposal, so that it borrows their glow without saying anything that "
            "could be checked."
        ),
        example="The Harbour Act stands for freedom, family and a brighter tomorrow for Pellin.",
        ptc_label=None,
        semeval2021_labels=("Glittering generalities (Virtue)",),
        unlp2025_labels=("glittering_generalities",),
    ),
    Technique(
        id="obfuscation",
        name="Obfuscation, intentional vagueness or confusion",
        category="manipulative wording",
        definition=(
            "Wording a statement so loosely that it commits to nothing definite, leaving the "
            "audience to read in what it likes and making the claim hard to pin down or refute."
        ),
        example="The ministry says some measures may, in due course, be adjusted as appropriate.",
        ptc_label=None,
        semeval2021_labels=("Obfuscation, Intentional vagueness, Confusion",),
    ),
    Technique(
        id="euphoria",
        name="Euphoria",
        category="justification",
        definition=(
            "Presenting an event as a triumph, or dwelling on good news in jubilant terms, to lift "
            "the audience's spirits and rally it behind a cause rather than to inform it."
        ),
        example=(
            "Another glorious day for Korvany: our brave crews smashed every barge on the river "
            "and the enemy is running!"
        ),
        ptc_label=None,
        semeval2021_labels=(),
        unlp2025_labels=("euphoria",),
    ),
    Technique(
        id="fud",
        name="Fear, uncertainty and doubt",
        category="justification",
        definition=(
            "Sowing uncertainty and suspicion about a situation, an institution or the outcome "
            "of events, so that the audience grows anxious and loses trust without being shown "
            "anything definite."
        ),
        example=(
            "Nobody will ever tell you how many reserves Velmor has left; some say the last "
            "ones were sent east a week ago."
        ),
        ptc_label=None,
        semeval2021_labels=(),
        unlp2025_labels=("fud",),
    ),
    Technique(
        id="cherry_picking",
        name="Cherry picking",
        category="simplification",
        definition=(
            "Choosing only the facts, figures or cases that support a conclusion and leaving out "
            "those that would weaken it, so that a partial picture passes for the whole."
        ),
        example=(
            "Three districts of Ostrava Nova met the recruitment plan, which proves that the "
            "whole province is behind the governor."
        ),
        ptc_label=None,
        semeval2021_labels=(),
        unlp2025_labels=("cherry_picking",),
    ),
)

# The label strings exactly as the data files spell them, in the order of each task's list file.
PTC_LABELS: Final[tuple[str, ...]] = (
    "Appeal_to_Authority",
    "Appeal_to_fear-prejudice",
    "Bandwagon,Reductio_ad_hitlerum",
    "Black-and-White_Fallacy",
    "Causal_Oversimplification",
    "Doubt",
    "Exaggeration,Minimisation",
    "Flag-Waving",
    "Loaded_Language",
    "Name_Calling,Labeling",
    "Repetition",
    "Slogans",
    "Thought-terminating_Cliches",
    "Whataboutism,Straw_Men,Red_Herring",
)
SEMEVAL2021_LABELS: Final[tuple[str, ...]] = (
    "Appeal to authority",
    "Appeal to fear/prejudice",
    "Black-and-white Fallacy/Dictatorship",
    "Causal Oversimplification",
    "Doubt",
    "Exaggeration/Minimisation",
    "Flag-waving",
    "Glittering generalities (Virtue)",
    "Loaded Language",
    "Misrepresentation of Someone's Position (Straw Man)",
    "Name calling/Labeling",
    "Obfuscation, Intentional vagueness, Confusion",
    "Presenting Irrelevant Data (Red Herring)",
    "Reductio ad hitlerum",
    "Repetition",
    "Slogans",
    "Smears",
    "Thought-terminating cliché",
    "Whataboutism",
    "Bandwagon",
)
UNLP2025_LABELS: Final[tuple[str, ...]] = (
    "loaded_language",
    "glittering_generalities",
    "euphoria",
    "appeal_to_fear",
    "fud",
    "bandwagon",
    "cliche",
    "whataboutism",
    "cherry_picking",
    "straw_man",
)

# PTC class -> the SemEval-2021 labels it covers (several for a merged class).
ptc_to_semeval2021: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {t.ptc_label: t.semeval2021_labels for t in _TECHNIQUES if t.ptc_label is not None}
)
# SemEval-2021 label -> the PTC class it is annotated as there, or None when PTC has no such class.
semeval2021_to_ptc: Final[Mapping[str, str | None]] = MappingProxyType(
    {label: t.ptc_label for t in _TECHNIQUES for label in t.semeval2021_labels}
)

_BY_ID: Final = MappingProxyType({t.id: t for t in _TECHNIQUES})
_BY_LABEL: Final = MappingProxyType(
    {
        **{t.name: t for t in _TECHNIQUES},
        **{label: t for t in _TECHNIQUES for label in t.semeval2021_labels},
        **{t.ptc_label: t for t in _TECHNIQUES if t.ptc_label is not None},
        **{label: t for t in _TECHNIQUES for label in t.unlp2025_labels},
        **_BY_ID,
    }
)


def techniques() -> tuple[Technique, ...]:
    """Every technique, PTC classes first (by frequency in the corpus), then the rest."""
    return _TECHNIQUES


def by_id(technique_id: str) -> Technique:
    """The technique with this id; an unknown id raises ``InputError`` E500."""
    found = _BY_ID.get(technique_id)
    if found is None:
        raise InputError("E500", label=technique_id)
    return found


def by_label(label: str) -> Technique:
    """The technique named by an id, a PTC label, a SemEval-2021 label or its display name.

    Labels are matched exactly, as the data files spell them; an unknown one raises E500.
    """
    found = _BY_LABEL.get(label)
    if found is None:
        raise InputError("E500", label=label)
    return found


def definitions() -> dict[str, str]:
    """Every id, PTC label and SemEval-2021 label mapped to its technique's definition."""
    out: dict[str, str] = {}
    for t in _TECHNIQUES:
        out[t.id] = t.definition
        if t.ptc_label is not None:
            out[t.ptc_label] = t.definition
        for label in (*t.semeval2021_labels, *t.unlp2025_labels):
            out[label] = t.definition
    return out


_DOC_INTRO: Final = """\
# Persuasion techniques

Generated from `spinscope.taxonomy` by `python -m spinscope.taxonomy docs/techniques.md`;
a test fails when this file and the module disagree. Do not edit it by hand.

spinscope's technique layer names each finding with one of the ids below. Every technique also
lists its labels in three public benchmarks, whose spellings are kept exactly as in their data
files:

- **PTC**: SemEval-2020 Task 11, the Propaganda Techniques Corpus of news articles, 14 classes.
- **SemEval-2021**: SemEval-2021 Task 6 (persuasion techniques in the texts of memes), the 20
  techniques of subtasks 1 and 2.
- **UNLP 2025**: the UNLP 2025 shared task on manipulation in Russian and Ukrainian Telegram
  posts, 10 techniques labelled per post.

Each definition and example was written for this project; the examples use invented people and
places.

## How the two label sets relate

- **PTC merged classes.** The corpus was annotated with 18 techniques, and the task merged rare
  ones into superclasses: `Whataboutism,Straw_Men,Red_Herring` is one class for whataboutism,
  straw man and red herring, and `Bandwagon,Reductio_ad_hitlerum` one class for bandwagon and
  reductio ad hitlerum. spinscope keeps each merged class as one technique, because a detector
  trained on PTC cannot tell their members apart. SemEval-2021 labels the members separately, and
  all of them map to their merged class.
- **Two-part names that are not merges.** `Name_Calling,Labeling` and `Exaggeration,Minimisation`
  are single techniques whose names happen to contain a comma.
- **Obfuscation.** PTC dropped "Obfuscation, Intentional Vagueness, Confusion" (too few cases) and
  has no class for it, so its SemEval-2021 label maps to none.
- **Smears** have no PTC class. The nearest is `Name_Calling,Labeling`, but the two differ in
  scope: a label is a short tag ("crook"), while a smear is a claim or insinuation about someone's
  conduct, often a whole sentence. Folding smears into name calling would teach a PTC-style
  detector long spans for a class whose spans are mostly a few words, so Smears maps to none.
- **Glittering generalities** have no PTC class either. Its nearest PTC neighbours are
  `Loaded_Language` (emotive wording) and `Flag-Waving` (appeal to group values); neither is the
  same technique, so it maps to none.
- **Black-and-white fallacy.** SemEval-2021 widens it with the "dictatorship" form (telling the
  audience the only thing to do); it still maps to PTC's `Black-and-White_Fallacy`.
- **Transfer** and "Appeal to (Strong) Emotions" occur only in subtask 3 of SemEval-2021 Task 6,
  which labels whole memes with their images; they are not among the 20 text techniques and are
  not part of this taxonomy.
- **Categories** follow the six-way grouping used by later persuasion-technique tasks. The merged
  class `Bandwagon,Reductio_ad_hitlerum` straddles two of them (bandwagon justifies, reductio ad
  hitlerum attacks); it is filed under *justification* because both members argue for or against an
  idea by who holds it rather than by what it says.
- **UNLP 2025.** Seven of its ten techniques are techniques above: `loaded_language`,
  `glittering_generalities`, `appeal_to_fear`, `bandwagon` (the bandwagon half of the merged
  class), `cliche` (thought-terminating cliché), and `whataboutism` and `straw_man`, which both
  belong to the merged class `Whataboutism,Straw_Men,Red_Herring`. Three have no counterpart and
  are techniques of their own: *euphoria* (rallying by jubilation), *FUD* (fear, uncertainty and
  doubt; the task calls it a subtype of appeal to fear, but it sows doubt about a situation rather
  than urging a course of action, and it differs from PTC's *doubt*, which targets the
  credibility of a person or institution) and *cherry picking* (selective evidence).
"""


def _row(*cells: str) -> str:
    return "| " + " | ".join(cells) + " |"


def _code(label: str | None) -> str:
    return "(none)" if label is None else f"`{label}`"


def techniques_markdown() -> str:
    """The text of ``docs/techniques.md``, generated so that the docs cannot drift."""
    lines = [_DOC_INTRO.rstrip("\n"), "", "## Techniques", ""]
    lines.append(
        _row("id", "name", "category", "PTC label", "SemEval-2021 labels", "UNLP 2025 labels")
    )
    lines.append(_row("---", "---", "---", "---", "---", "---"))
    for t in _TECHNIQUES:
        semeval = ", ".join(_code(label) for label in t.semeval2021_labels) or _code(None)
        unlp = ", ".join(_code(label) for label in t.unlp2025_labels) or _code(None)
        lines.append(_row(f"`{t.id}`", t.name, t.category, _code(t.ptc_label), semeval, unlp))
    for category in CATEGORIES:
        lines += ["", f"## {category.capitalize()}"]
        for t in _TECHNIQUES:
            if t.category != category:
                continue
            lines += [
                "",
                f"### {t.name} (`{t.id}`)",
                "",
                f"{t.definition}",
                "",
                f"*Example:* {t.example}",
            ]
    lines += ["", "## PTC to SemEval-2021", ""]
    lines.append(_row("PTC label", "SemEval-2021 labels"))
    lines.append(_row("---", "---"))
    for ptc in PTC_LABELS:
        lines.append(_row(_code(ptc), ", ".join(_code(s) for s in ptc_to_semeval2021[ptc])))
    lines += ["", "## SemEval-2021 to PTC", ""]
    lines.append(_row("SemEval-2021 label", "PTC label"))
    lines.append(_row("---", "---"))
    for label in SEMEVAL2021_LABELS:
        lines.append(_row(_code(label), _code(semeval2021_to_ptc[label])))
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # regenerate the docs: python -m spinscope.taxonomy docs/techniques.md
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/techniques.md")
    target.write_text(techniques_markdown(), encoding="utf-8")
