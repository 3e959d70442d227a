"""A build freezes what it made for the garbage collector, and the next build thaws and collects it.

pipeline._gc_paused freezes every object when a build ends (gc.freeze), so that the collector's
next passes skip what the build made. `mkdocs serve` builds again and again in one process: the
objects one build froze must not stay out of the collector's reach for ever, or each rebuild's
cyclic garbage would pile up. The next build unfreezes them and collects what is garbage.
"""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest
from conftest import ENGINE_STORY

from generator import pipeline
from generator.pipeline import build_site, load_checked


class _Cycle:
    """Garbage the collector alone can free: an object that refers to itself."""

    def __init__(self) -> None:
        self.me = self


@pytest.fixture
def thawed() -> Iterator[None]:
    """Leave the collector as the test found it: nothing frozen, collecting."""
    yield
    gc.unfreeze()
    pipeline._Frozen.by_us = False
    gc.enable()


def test_a_build_freezes_what_it_made_and_leaves_the_collector_on(thawed: None) -> None:
    gc.unfreeze()
    build_site(ENGINE_STORY)
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0


def test_the_next_build_collects_the_garbage_the_last_one_froze(thawed: None) -> None:
    gc.unfreeze()
    garbage = _Cycle()
    gone = weakref.ref(garbage)
    del garbage
    build_site(ENGINE_STORY)  # frozen with everything else when the build ends
    gc.collect()
    assert gone() is not None, "a frozen object is out of the collector's reach"
    load_checked(ENGINE_STORY)  # any next build thaws what the last one froze, and collects it
    assert gone() is None


def test_a_build_with_the_collector_off_leaves_it_off_and_freezes_nothing(thawed: None) -> None:
    gc.unfreeze()
    gc.disable()
    build_site(ENGINE_STORY)
    assert not gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_checking_content_freezes_nothing(thawed: None) -> None:
    gc.unfreeze()
    pipeline._Frozen.by_us = False
    load_checked(ENGINE_STORY)  # `generator check`: no MkDocs build follows
    assert gc.get_freeze_count() == 0


def test_a_build_thaws_only_its_own_freeze(thawed: None) -> None:
    """A freeze made by someone else in the process (an application that embeds the generator) is theirs."""
    gc.unfreeze()
    pipeline._Frozen.by_us = False
    garbage = _Cycle()
    gone = weakref.ref(garbage)
    del garbage
    gc.freeze()  # not ours
    load_checked(ENGINE_STORY)
    assert gone() is not None and gc.get_freeze_count() > 0
