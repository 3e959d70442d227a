"""Parts and their whole: a breakdown may list less than its whole, never more.

A part's least value (exactly 3, at least 3, more than 2) is compared with the whole's
most (exactly 2, up to 2, fewer than 3): a part larger than the whole, or parts that
together exceed it (289 + 111 for exactly 300), cannot both be right. A part marked
`subset` is counted within the others, so it is left out of the sum. Numbers put as
"about" or "more than" bound nothing, and are left alone.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.content.models import Defection, Figure, Part, Qualifier

Found = tuple[tuple[str | int, ...], str]  # the field path inside the record, and the message


def _most(value: int, qualifier: Qualifier) -> int | None:
    """The largest number a whole put this way can be, or None if it is open above."""
    if qualifier in (Qualifier.EXACTLY, Qualifier.UP_TO):
        return value
    if qualifier in (Qualifier.FEWER_THAN, Qualifier.ALMOST, Qualifier.NEARLY):
        return value - 1
    return None


def _least(part: Part) -> int:
    """The smallest number a part put this way can be."""
    if part.qualifier in (Qualifier.EXACTLY, Qualifier.AT_LEAST):
        return part.value
    if part.qualifier is Qualifier.MORE_THAN:
        return part.value + 1
    return 0


def problems(record: Defection | Figure) -> Iterator[Found]:
    """Each part larger than the whole, and parts that together exceed it."""
    whole = _whole(record)
    if whole is None or not record.breakdown:
        return
    most, said = whole
    for index, part in enumerate(record.breakdown):
        if _least(part) > most:
            yield (
                ("breakdown", index, "value"),
                f"{part.value} {part.label} is more than the whole, {said} (a part cannot be larger than "
                "its whole: check both numbers against the sources)",
            )
    counted = [p for p in record.breakdown if not p.subset]
    total = sum(_least(p) for p in counted)
    if len(counted) > 1 and total > most and all(_least(p) <= most for p in counted):
        terms = " + ".join(str(p.value) for p in counted)
        yield (
            ("breakdown",),
            f"the parts add up to {total} ({terms}), more than the whole, {said} (check the numbers; "
            "mark a part counted within the others `subset: true`)",
        )


def _whole(record: Defection | Figure) -> tuple[int, str] | None:
    """The most the whole can be, and how it was put, or None when it is open above."""
    if isinstance(record, Defection):
        value, qualifier = record.people, record.people_qualifier
    elif record.value is not None:
        value, qualifier = record.value, record.qualifier
    elif record.high is not None:
        value, qualifier = record.high, Qualifier.UP_TO
    else:
        return None
    most = _most(value, qualifier)
    if most is None:
        return None
    said = f"{value}" if qualifier is Qualifier.EXACTLY else f"{qualifier.value.replace('-', ' ')} {value}"
    return most, said
