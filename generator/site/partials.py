"""The partials a page prints its entries with, looked up by kind with a default, as Hugo looks up templates."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import Environment, pass_context
from jinja2.runtime import Context, Macro
from markupsafe import Markup


class Partials(dict[str, Callable[..., str]]):
    """A kind's partial in a folder (folder/<kind>.md.html, else folder/_default.md.html): its
    `entry` macro, imported for a page the first time the page asks for the kind, in the page's
    context. An include per entry made a new template context for each: a tenth of the timeline."""

    def __init__(self, env: Environment, folder: str, page: dict[str, Any]) -> None:
        super().__init__()
        self.env, self.folder, self.page = env, folder, page  # page: the page's template values

    def __missing__(self, kind: str) -> Callable[..., str]:
        found = self.env.select_template([f"{self.folder}/{kind}.md.html", f"{self.folder}/_default.md.html"])
        # As `{% import ... with context %}` does: the partial sees the page's values (page, m).
        module = found.make_module(self.page, shared=True)
        entry: Macro = vars(module)["entry"]  # what a template module exports are its attributes
        self[kind] = _direct(entry)
        return self[kind]


def _direct(macro: Macro) -> Callable[..., str]:
    """A macro of positional arguments only, as a function of them that prints it as Markup.

    Jinja's Macro.__call__ sorts each call's arguments into keywords, defaults and a caller, and
    makes Markup of the text by Markup's own check: the timeline calls an entry macro per entry.
    Its Markup is what the macro gives where autoescape is on; where it is off, the same text
    prints either way. A macro that takes more (`caller`, `varargs`, `kwargs`) is left as it is."""
    body = getattr(macro, "_func", None)  # Jinja 3.1's macro body; a Jinja without it calls the macro
    if body is None or macro.catch_kwargs or macro.catch_varargs or macro.caller:
        return macro
    count, name = len(macro.arguments), macro.name

    def entry(*args: Any, **named: Any) -> str:
        if named or len(args) != count:  # Jinja sorts these out (defaults, undefined): leave them to it
            return macro(*args, **named)
        return str.__new__(Markup, body(*args))  # the macro's body escapes what it prints

    entry.__name__ = name
    return entry


@pass_context
def partials(ctx: Context, folder: str) -> Partials:
    """The `partials` filter: a page's partials in `folder`, by kind (`"timeline"|partials`)."""
    return Partials(ctx.environment, folder, ctx.get_all())
