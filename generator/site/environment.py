"""The Jinja environment pages are rendered in, and the filters and text helpers it needs.

Filters that print records are the page's renderer's methods, which our compiler (_Printer) binds
once per render from the template context (`_delegate`, `bound_filter`); the others (Markdown-safe
headings, front matter, JSON-LD, tidy output) are plain functions here.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import urllib.parse
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import jinja2
from babel import Locale, UnknownLocaleError
from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, nodes, pass_context
from jinja2.compiler import CodeGenerator, DependencyFinderVisitor, Frame
from jinja2.environment import Template
from jinja2.runtime import Context
from markupsafe import Markup
from markupsafe import escape as markup_escape

from generator.content import i18n
from generator.facts.sentences import claim_note
from generator.facts.trail import Link, Trail
from generator.site.html import as_markup, escape, in_language
from generator.site.jsonld import script_safe
from generator.site.partials import partials

TEMPLATES = Path(__file__).resolve().parent / "templates"

# Prints a breadcrumb's link, on the page being printed, as its item in the breadcrumb's list (crumb_item).
CrumbItem = Callable[[Link], str]

_MARKDOWN_SPECIALS = re.compile(r"[\\`*_{}\[\]()#+\-.!|<>&~:\"']")


def md_escape(text: str) -> str:
    """Make text inert in Markdown (headings): every special character as an entity."""
    return _MARKDOWN_SPECIALS.sub(lambda m: f"&#{ord(m.group(0))};", " ".join(text.split()))


def language_name(tag: str) -> str:
    """Name a language tag in the language being written: ar -> Arabic, arabe in French."""
    try:
        return str(Locale.parse(tag, sep="-").get_display_name(i18n.current().locale))
    except (ValueError, UnknownLocaleError):
        return tag


def output_escape(value: Any) -> Markup:
    """What autoescape does to each value a template prints, without copying what is safe already.

    A value of exactly Markup's class (what the filters, messages and macros return) is printed as
    it is: Markup is an immutable str, so the copy markupsafe's escape() would make of it (its
    __html__, then a new Markup) is equal to it. A plain str with nothing to escape (most names and
    labels) is made Markup as it is, without escape()'s two Python calls. Anything else, a subclass
    with its own __html__ among them, goes through escape(). Pages print about a hundred values each."""
    if type(value) is Markup:
        return value
    if type(value) is str and _HTML_SPECIAL.search(value) is None:
        return str.__new__(Markup, value)  # as html.as_markup, without the call
    return markup_escape(value)


# The characters markupsafe's escape() replaces.
_HTML_SPECIAL = re.compile("[&<>\"']")


class _Printer(CodeGenerator):
    """Jinja's compiler, printing values through output_escape rather than escape(), with the
    renderer's filters bound once per template render and messages called directly."""

    def visit_Template(self, node: nodes.Template, frame: Frame | None = None) -> None:
        self.writeline(f"from {__name__} import _gettext, bound_filter, output_escape")
        super().visit_Template(node, frame)

    def pull_dependencies(self, body: Iterable[nodes.Node]) -> None:
        """Jinja's, then each filter a renderer answers (_delegate) replaced by the renderer's method
        itself: a page calls some forty of them, and each call through _delegate looked the
        renderer and its method up again. The render's context is in scope wherever Jinja pulls."""
        body = list(body)
        super().pull_dependencies(body)
        finder = DependencyFinderVisitor()
        for node in body:
            finder.visit(node)
        for name in sorted(finder.filters):
            if hasattr(self.environment.filters.get(name), "renderer_method"):
                self.writeline(f"{self.filters[name]} = bound_filter(context, {self.filters[name]})")

    def visit_Call(self, node: nodes.Call, frame: Frame, forward_caller: bool = False) -> None:
        """Jinja's, but a message (`_("Kind")`) calls _gettext directly while `_` is _gettext: Jinja's
        Context.call, which looks for a context argument first, cost four times the message (a page
        asks for some twenty-five). `*()` lets signature() write the arguments with its leading comma."""
        if forward_caller or not _is_message(node):
            super().visit_Call(node, frame, forward_caller=forward_caller)
            return
        self.write("(_gettext(*()")
        self.signature(node, frame)
        self.write(") if ")
        self.visit(node.node, frame)
        self.write(" is _gettext else ")
        super().visit_Call(node, frame)
        self.write(")")

    def visit_Getattr(self, node: nodes.Getattr, frame: Frame) -> None:
        """Jinja's, but an attribute the object has is read by the builtin getattr, in C; Jinja's own
        lookup (an item of that name, else undefined) runs only when it has none. Templates read some
        200,000 attributes a build, each a Python call to Environment.getattr around the same getattr.
        Only an object that is a name or a chain of attributes, read once (bound to `_obj` for the
        fallback); Jinja's own way in an async environment or one that reads attributes its own way."""
        if (
            not _plain_object(node.node)
            or self.environment.is_async
            or type(self.environment).getattr is not Environment.getattr
        ):
            super().visit_Getattr(node, frame)
            return
        self.write("(_attr if (_attr := getattr((_obj := ")
        self.visit(node.node, frame)
        self.write(f"), {node.attr!r}, missing)) is not missing else environment.getattr(_obj, {node.attr!r}))")

    def _output_child_pre(self, node: nodes.Expr, frame: Frame, finalize: Any) -> None:
        if frame.eval_ctx.volatile or not frame.eval_ctx.autoescape:
            super()._output_child_pre(node, frame, finalize)
            return
        self.write("output_escape(")
        if finalize.src is not None:
            self.write(finalize.src)


def _plain_object(node: nodes.Node) -> bool:
    """Whether an expression only reads a name or attributes of one (reading it twice does nothing more)."""
    while isinstance(node, nodes.Getattr):
        node = node.node
    return isinstance(node, nodes.Name)


def _is_message(node: nodes.Call) -> bool:
    """Whether a call asks for a message by name: `_("...")` or `gettext("...")`, no * or ** arguments."""
    named = isinstance(node.node, nodes.Name) and node.node.name in ("_", "gettext")
    return named and node.dyn_args is None and node.dyn_kwargs is None


def bound_filter(context: Context, delegate: Any) -> Any:
    """The filter a template calls, as the page's renderer's own method when it has one (see
    _delegate); outside a page's render (no renderer in its context), the delegate as it is."""
    method: str | None = getattr(delegate, "renderer_method", None)
    renderer = context.parent.get("_renderer")
    return delegate if method is None or renderer is None else getattr(renderer, method)


class _FilterAwareCache(FileSystemBytecodeCache):
    """Jinja's file cache, keyed also by the filters: Jinja compiles a call to a filter that
    takes the context differently from one that does not, and checks a cached entry only
    against the template's source, so a changed filter would run stale compiled code."""

    def __init__(self, folder: Path, filters: dict[str, Any]) -> None:
        super().__init__(str(folder))
        shape = sorted((name, bool(getattr(f, "jinja_pass_arg", None))) for name, f in filters.items())
        # The compiler is ours too (_Printer): code compiled by another must not be read back.
        compiler = f"{_Printer.__module__}.{_Printer.__qualname__}:5"
        self.salt = hashlib.sha256(repr((jinja2.__version__, shape, compiler)).encode()).hexdigest()[:16]

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return hashlib.sha256(f"{self.salt}:{super().get_cache_key(name, filename)}".encode()).hexdigest()


def _bytecode_cache(filters: dict[str, Any]) -> FileSystemBytecodeCache | None:
    """Compiled templates kept between runs in the user's cache folder (a fresh process would
    otherwise spend about 80 ms compiling them). Jinja checks each entry against its source."""
    folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "story-explainer" / "jinja"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # a read-only home: compile every time
    return _FilterAwareCache(folder, filters)


# The messages templates print, by language: read from the catalog and made Markup once, not
# once per use (a build asks for them about 40,000 times). Keyed by the Language itself, whose
# catalog is read once per process (content/i18n.py), so an entry cannot outlive what it says.
_MESSAGES: dict[tuple[i18n.Language, str], Markup] = {}
# A message without variables as printed: always formatted, as Jinja does, so that "%%" reads "%".
_SAID: dict[tuple[i18n.Language, str], Markup] = {}


def _gettext(message: str, /, **variables: Any) -> Markup:
    """Jinja's new-style `_()` in an autoescaping environment, without its two context calls: the
    message in the current language as Markup, formatted with its variables (escaped by Markup)."""
    key = (i18n.current(), message)
    if not variables:  # most messages: a label, formatted once (Markup's % costs more than the lookup)
        said = _SAID.get(key)
        if said is None:
            said = _SAID[key] = _message(key) % {}
        return said
    markup = _message(key)
    fields = _FIELDS.get(key)
    if fields is None:
        return markup % variables
    # Each value the message prints escaped as Markup's % escapes it, then str's %: Markup's % wraps
    # the mapping and each value it reads in helper objects and makes a Markup of each escaped value
    # (a build formats some 15,000 messages). Only for a message whose every field is `%(name)s`.
    escaped = {name: output_escape(variables[name]) for name in fields}
    return str.__new__(Markup, str.__mod__(markup, escaped))  # as html.as_markup: every value escaped


def _message(key: tuple[i18n.Language, str]) -> Markup:
    """A message in a language, from the catalog, as Markup (made once: see _MESSAGES)."""
    markup = _MESSAGES.get(key)
    if markup is None:
        markup = _MESSAGES[key] = Markup(key[0].translations.gettext(key[1]))  # noqa: S704 - the catalog's words
        fields = _plain_fields(markup)
        if fields is not None:
            _FIELDS[key] = fields
    return markup


# The names a message (as _MESSAGES) prints, where its every field is `%(name)s`: _gettext formats it by str's %.
_FIELDS: dict[tuple[i18n.Language, str], tuple[str, ...]] = {}
_FIELD = re.compile(r"%\((\w+)\)s|%%")


def _plain_fields(message: str) -> tuple[str, ...] | None:
    """The names of a message's fields, when they are all `%(name)s` (besides `%%`): str's % then
    prints each value's text, as Markup's % does, where a `%d` or `%r` field would read its helper's
    number or repr. None for any other message."""
    if "%" in _FIELD.sub("", message):
        return None
    return tuple(dict.fromkeys(name for name in _FIELD.findall(message) if name))


def _delegate(method: str) -> Any:
    """A filter that calls a method of the page's renderer, with the template context."""

    @pass_context
    def call(ctx: Context, *args: Any, **options: Any) -> Any:
        # The renderer is a render() argument, so it sits in the context's parent (a macro's and an
        # include's too): read there directly, not through the lookup of local variables first.
        return getattr(ctx.parent["_renderer"], method)(ctx, *args, **options)

    # Templates compiled here call the method itself, bound once per render (_Printer.pull_dependencies).
    call.renderer_method = method  # type: ignore[attr-defined]
    return call


def environment(templates: Path) -> Environment:
    """The Jinja environment of a template folder, kept so templates compile once per process.

    Each call (a renderer's, once per build) checks the compiled templates against their files
    and drops them all if one was edited, so that `mkdocs serve` shows an edited template. Jinja
    would check a file's modification time at every use instead: an include per timeline entry
    and an import per page made that a stat() call each, about 10,000 a build.
    """
    env = _environment(templates)
    compiled = env.cache
    if compiled is not None and not all(template.is_up_to_date for template in compiled.values()):
        compiled.clear()
    return env


@functools.cache
def _environment(templates: Path) -> Environment:
    env = Environment(
        loader=FileSystemLoader(templates),
        undefined=StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
        auto_reload=False,  # checked once per build instead: see environment()
    )
    env.code_generator_class = _Printer
    # The templates' words come from the same catalogs as the views' (content/i18n.py), in the
    # language being written: `{{ _("Sources") }}`, `{{ _("%(n)s votes", n=...) }}`, `{% trans %}`.
    env.install_gettext_callables(  # type: ignore[attr-defined]
        i18n._, i18n.ngettext, newstyle=True, pgettext=i18n.pgettext, npgettext=i18n.npgettext
    )
    # The plain message, the one templates ask for most, without Jinja's wrapper (see _gettext).
    env.globals.update(_=_gettext, gettext=_gettext)
    env.filters.update(
        {
            name: _delegate(f"_{name}")
            for name in (
                "ref",
                "refs",
                "url",
                "page_url",
                "prose",
                "plain",
                "cite",
                "markers",
                "name",
                "words",
                "when",
                "claimed",
                "say",
                "attributed",
                "front",
                "uncertain",
                "dated",
                "mentioned",
                "downloads",
            )
        },
        md=_markdown_text,
        in_language=_in_language,
        front_matter=_front_matter,
        jsonld=_jsonld,
        language=language_name,
        claim=claim_note,  # an Attribution as the phrase printed after the text it qualifies
        partials=partials,  # a page's partials by kind (timeline/<kind>.md.html), each imported once
    )
    env.bytecode_cache = _bytecode_cache(env.filters)
    return env


class Pages:
    """Renders page templates of one environment for one build, as Template.render does, with each
    template's globals read once: Jinja's render copies them from a ChainMap of the template's and
    the environment's, item by item in Python, on every page.
    Made once per build (the renderer's), after environment() has dropped templates edited since."""

    def __init__(self, env: Environment) -> None:
        self.env = env
        self._templates: dict[str, tuple[Template, dict[str, Any]]] = {}  # by name, with its globals

    def render(self, name: str, values: dict[str, Any]) -> str:
        """A template rendered with these values (over its globals, as Template.render puts them)."""
        found = self._templates.get(name)
        if found is None:
            template = self.env.get_template(name)
            found = self._templates[name] = (template, dict(template.globals))
        template, shared = found
        context = self.env.context_class(self.env, {**shared, **values}, template.name, template.blocks, shared)
        try:
            return self.env.concat(template.root_render_func(context))
        except Exception:
            self.env.handle_exception()  # as Template.render: the error's traceback points into the template


def edit_path(source: str) -> str:
    """A content file's path for an edit link: themes print it into an href as it is, so every
    part of it is URL-quoted."""
    return urllib.parse.quote(source, safe="/")


def front(
    title: str, description: str, edit_path: str, trail: Trail, jsonld: dict[str, Any], search: bool, crumb: CrumbItem
) -> Markup:
    """A page's front matter and breadcrumb (the `front` filter), printed here rather than by a
    template macro: a macro call per page cost more in Jinja's machinery than the text it printed.

    MkDocs' and Material's templates print the title and description without escaping, so
    _front_matter escapes them for HTML before they leave us, and every value is a quoted string
    in printable ASCII, so MkDocs always reads this block as data, never as Markdown. edit_path
    is the content file the page comes from (theme/partials/actions.html makes the edit link from
    it); section, the section page the navigation marks as current; pages of data hide the table
    of contents, so that their tables take the width. `description` is in plain words already.
    The breadcrumb's items are made in the order they are printed, by `crumb(link)` (crumb_item)."""
    lines = [
        "---",
        f"title: {_front_matter(title)}",
        f"description: {_front_matter(description)}",
        f"edit_path: {_shared_front_matter(edit_path)}",
        f"section: {_shared_front_matter(trail.section)}",
        f"jsonld: {_jsonld(jsonld)}",
        *([] if search else ["search:", "  exclude: true"]),
        *([] if trail.toc else ["hide:", "  - toc"]),
        "---",
        "",
        f'<nav class="se-breadcrumb" aria-label="{_gettext("Breadcrumb")}" data-search-exclude>',
        "<ol>",
        *map(crumb, trail.crumbs),
        f'<li aria-current="page">{_in_language(trail.here)}</li>',
        "</ol>",
        "</nav>",
    ]
    return as_markup("\n".join(lines))  # every value escaped above


def crumb_item(href: str, label: str) -> str:
    """A breadcrumb's link as an item of its list: its href and its label escaped (see front)."""
    return f'<li><a href="{markup_escape(href)}">{_in_language(label)}</a></li>'


def _front_matter(value: str, *, text: bool = True) -> Markup:
    """A front matter value as a YAML double-quoted string in printable ASCII, which MkDocs'
    front-matter parser always reads back as data (text: spaces collapsed and HTML-escaped first)."""
    if text:
        # A message from the catalog is Markup, its values escaped: read back as the words it says.
        value = value.unescape() if isinstance(value, Markup) else value
        value = escape(" ".join(value.split()))  # MkDocs' templates print titles as they are
    # One character YAML refuses (DEL, C1 controls, U+FFFE, U+FFFF) and MkDocs silently keeps the
    # whole block as Markdown, where attr_list makes live attributes. So every character outside
    # printable ASCII is written as an escape (_yaml_escape).
    quoted = _json_string(value)
    if not (quoted.isascii() and quoted.isprintable()):  # most values are: two C scans, not a regex's
        quoted = _NOT_PRINTABLE_ASCII.sub(_yaml_escape, quoted)
    return as_markup(quoted)  # JSON's quoting and our escapes: nothing HTML reads as a tag


@functools.lru_cache(maxsize=1024, typed=True)
def _shared_front_matter(value: str) -> Markup:
    """_front_matter of a value many pages share (their content file, their section), made once per
    value: a thousand actor pages share both. Keyed by the value's type too (typed): Markup, a
    catalog's message, is read back as words first, and a str subclass may print otherwise."""
    return _front_matter(value)


# Made once: json.dumps builds a new encoder for each call with options (five values a page).
_json_string = json.JSONEncoder(ensure_ascii=False).encode
_NOT_PRINTABLE_ASCII = re.compile(r"[^\x20-\x7e]")


def _yaml_escape(match: re.Match[str]) -> str:
    """A character as a YAML escape: \\U for astral ones (libyaml refuses JSON's surrogate pairs),
    and U+FFFD for a lone surrogate, which no escape can carry."""
    code = ord(match.group())
    code = 0xFFFD if 0xD800 <= code <= 0xDFFF else code
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _jsonld(data: dict[str, Any]) -> Markup:
    """JSON-LD for the front matter: script-safe JSON, as a front matter string (read as it is)."""
    return _front_matter(script_safe(data), text=False)


def _markdown_text(text: str) -> Markup:
    """Text for a Markdown heading: md_escape turns every special character into an entity. A message
    from the catalog is Markup with its values escaped: it is read back as words first. A text left in
    the story's original language (an untranslated headline) keeps its language in a <span lang dir>,
    which a heading may hold (html.in_language)."""
    escaped = md_escape(text.unescape() if isinstance(text, Markup) else text)
    return as_markup(in_language(text, escaped, note=False))


def _in_language(text: str) -> Markup:
    """Plain text, escaped, in a <span lang dir> when it is left in the story's original language
    (a page's name in its breadcrumb): autoescape alone would print it as the page's language.
    Escaped as autoescape does, so that any other text prints as it did."""
    return as_markup(in_language(text, markup_escape(text), note=False))


def tidy(text: str) -> str:
    """Strip trailing spaces and runs of blank lines, so output is stable and diffable."""
    tidy: list[str] = []
    for written in text.splitlines():  # one pass: a page has some 300 lines
        line = written.rstrip()
        if line or (tidy and tidy[-1]):
            tidy.append(line)
    return "\n".join(tidy).strip() + "\n"
