"""The words the charts write for their marks, in the language being written (content/i18n.py).

The charts and their data keep the machine values (`yes`, `member-of`); readers see these words.
"""

from __future__ import annotations

from generator.content.i18n import _, pgettext
from generator.content.voting import Choice


def letter(choice: Choice) -> str:
    """The letter on a seat: the initial of its vote's word in the language being written."""
    letters = {
        Choice.YES: pgettext("the initial of 'yes' on a seat of a vote chart", "Y"),
        Choice.NO: pgettext("the initial of 'no' on a seat of a vote chart", "N"),
        Choice.ABSTAIN: pgettext("the initial of 'abstain' on a seat of a vote chart", "A"),
        Choice.ABSENT: "–",
        Choice.UNKNOWN: "?",
    }
    return letters[choice]


def choice_word(choice: Choice) -> str:
    """A vote's word, as the legend and a seat's tooltip say it (the data keeps `choice.value`)."""
    words = {
        Choice.YES: pgettext("a member's vote", "yes"),
        Choice.NO: pgettext("a member's vote", "no"),
        Choice.ABSTAIN: pgettext("a member's vote", "abstain"),
        Choice.ABSENT: pgettext("a member's vote", "absent"),
        Choice.UNKNOWN: pgettext("a member's vote", "unknown"),
    }
    return words[choice]


def style_words() -> dict[str, str]:
    """How the key names each line style, in the language being written."""
    return {
        "backs": _("solid green arrow"),
        "opposes": _("dashed red arrow"),
        "member-of": _("dotted grey arrow"),
        "claim": _("long-dashed grey arrow"),
    }


def relation_words() -> dict[str, str]:
    """How the key and the description name each kind of relation, in the language being written."""
    return {
        "backs": _("backs"),
        "opposes": _("opposes"),
        "member-of": _("member of"),
        "part-of": _("part of"),
        "leads": _("leads"),
        "arms": _("arms"),
        "claim": _("someone's claim"),
    }


def relation_label(kind: str, source: str, target: str) -> str:
    """'Ruritania backs the junta': an arrow's tooltip, in the language being written."""
    said = {
        "backs": _("{source} backs {target}"),
        "opposes": _("{source} opposes {target}"),
        "member-of": _("{source} member of {target}"),
        "part-of": _("{source} part of {target}"),
        "leads": _("{source} leads {target}"),
        "arms": _("{source} arms {target}"),
    }
    return said[kind].format(source=source, target=target)
