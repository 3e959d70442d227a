"""The partials a page prints its entries with, looked up by kind with a default, as Hugo looks up templates."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, pass_context
from jinja2.runtime import Context, Macro


class Partials(dict[str, Macro]):
    """A kind's partial in a folder (folder/<kind>.md.html, else folder/_default.md.html): its
    `entry` macro, imported for a page the first time the page asks for the kind, in the page's
    context. An include per entry made a new template context for each: a tenth of the timeline."""

    def __init__(self, env: Environment, folder: str, page: dict[str, Any]) -> None:
        super().__init__()
        self.env, self.folder, self.page = env, folder, page  # page: the page's template values

    def __missing__(self, kind: str) -> Macro:
        found = self.env.select_template([f"{self.folder}/{kind}.md.html", f"{self.folder}/_default.md.html"])
        # As `{% import ... with context %}` does: the partial sees the page's values (page, m).
        module = found.make_module(self.page, shared=True)
        entry: Macro = vars(module)["entry"]  # what a template module exports are its attributes
        self[kind] = entry
        return entry


@pass_context
def partials(ctx: Context, folder: str) -> Partials:
    """The `partials` filter: a page's partials in `folder`, by kind (`"timeline"|partials`)."""
    return Partials(ctx.environment, folder, ctx.get_all())
