"""The words the theme prints around the generated pages, in the story's language.

Material prints its own interface in the theme's language; these are the words that come from
us: theme/main.html's, and those mkdocs.yml writes in English (the MkDocs adapter puts them in
the story's language). A builder that runs no plugin prints the theme's English fallbacks.
"""

from __future__ import annotations

from generator.content.i18n import _


def theme_words() -> dict[str, str]:
    """The words theme/main.html prints, in the language being written (English where a builder
    runs no plugin: the theme says them itself then)."""
    return {
        "updates_feed": _("Updates to the story"),
        "corrections_feed": _("Corrections to the story"),
        "breadcrumb": _("Breadcrumb"),
        # Python-Markdown's title for a heading's permanent link, and the colour scheme toggles'.
        "permalink": _("Permanent link"),
        "dark_scheme": _("Switch to dark mode"),
        "light_scheme": _("Switch to light mode"),
    }
