"""The story in another of its languages.

PLACEHOLDER: the real loader of content/translations/<tag>/ is being written in parallel
(issue 25) and replaces this module when the work is merged. Until then a translation is the
story as it is, so that every other part (a site per language, right-to-left pages, the
language selector) can be built and tested against this signature.
"""

from __future__ import annotations

from generator.content.load import Content


def translate(content: Content, tag: str) -> Content:
    """The same story with its text in the language `tag`, untranslated fields falling back to the original."""
    del tag  # placeholder: no translated text is read yet
    return content
