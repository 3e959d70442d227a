"""The shortcuts that make printing pages cheap give what the plain way gives.

- the messages templates print without variables, formatted once per language (environment._gettext).
"""

from __future__ import annotations

from markupsafe import Markup

from generator.content.i18n import speaking
from generator.site.environment import _gettext


def test_a_message_without_variables_reads_as_formatted_each_time() -> None:
    for language in ("en", "fr", "ar"):
        with speaking(language):
            for message in ("Sources", "Breadcrumb", "100%% sure", "Next →"):
                first, again = _gettext(message), _gettext(message)
                assert first == again == _gettext(message, unused=1)
                assert isinstance(first, Markup)
