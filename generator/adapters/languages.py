"""A site per language in one MkDocs build (issue 25).

The story's own language is published at the site's root and each of its translations
(story.yml `translations`) under `<tag>/`: the pipeline renders one Site per language,
generator/site/languages.py puts them side by side, and this module makes them one MkDocs
build. Each page then speaks its own language, though MkDocs and Material know one per build:

- Material's interface text, `<html lang>` and the page direction follow the page
  (theme/partials/language.html reads `se_interface` from the page's context);
- the sidebar is the page's language's own navigation, and the header names the story in it;
- the language selector and the `<link rel="alternate" hreflang>` of each page lead to the
  same page in every language (theme/partials/alternate.html, theme/main.html);
- search is per language: Material's one index is split into one per language, and each
  language's pages search from their own root (`base` in Material's page configuration);
- each language has its own sitemap, for Material's instant navigation, which then never
  swaps a page of one language into a page of another (its `lang` and `dir` would stay), and
  every sitemap entry lists its alternates for search engines.

With mkdocs_plugin.py, which calls these functions, the only module that imports MkDocs.
"""

from __future__ import annotations

import dataclasses
import functools
import gzip
import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_build_timestamp
from mkdocs.utils.templates import TemplateContext

from generator.content.i18n import _, direction, script_of, speaking
from generator.site.html import escape
from generator.site.languages import Languages, own_name

SEARCH_INDEX = "search/search_index.json"
SITEMAP = "sitemap.xml"
# The wrapper of a hand-written page that has no translation: its words keep their language
# (after its front matter, if it has one, which MkDocs reads only at the very start).
_FALLBACK = '{front}<div lang="{tag}" dir="{direction}" markdown>\n\n{text}\n\n</div>\n'
_FRONT_MATTER = re.compile(r"\A---\n.*?\n(?:---|\.\.\.)\n", re.DOTALL)


def material_language(tag: str) -> str | None:
    """The closest language Material has interface text for: pt-BR, else pt; None if neither.

    Looked up in the list of Material's language files, never as a path made from the tag. As
    with the catalogs (content/i18n.py), a language's words in another script are none for the
    tag: ar-Latn gets no Arabic-script interface, whose direction would also be the wrong one."""
    base = tag.split("-")[0]
    for candidate in (tag, base):
        if candidate == base != tag and script_of(tag) != script_of(base):
            continue
        if candidate in material_languages():
            return candidate
    return None


@functools.cache
def material_languages() -> frozenset[str]:
    """The languages Material has interface text for, by the names of its language files."""
    import material

    languages = Path(material.__file__).parent / "templates" / "partials" / "languages"
    return frozenset(p.stem for p in languages.glob("*.html") if re.fullmatch(r"[a-z]{2,3}(-[A-Za-z]+)*", p.stem))


def _search_language(tag: str) -> str:
    """The language Material's search (lunr) stems and splits words for, or English when it has none."""
    import material

    lunr = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "lunr" / "min"
    base = tag.split("-")[0]
    return base if re.fullmatch(r"[a-z]{2,3}", base) and (lunr / f"lunr.{base}.min.js").is_file() else "en"


def search_languages(tag: str, default: str) -> list[str]:
    """The languages lunr splits and stems a page in `tag` for: its own, then the story's, which
    its untranslated text falls back to. (Measured on an Arabic story: whole Arabic words are found
    with any of en, ar or both; a word without its article, حكومة for الحكومة, with none.)"""
    return list(dict.fromkeys([_search_language(tag), _search_language(default)]))


_TOGGLES = {"Switch to dark mode": "dark_scheme", "Switch to light mode": "light_scheme"}  # mkdocs.yml's, by word


@dataclass(frozen=True)
class ConfigWords:
    """The words of the configuration that are ours to say, in each page's language: the theme's
    (theme/main.html reads `extra.story_words`), the headings' permanent link title, which
    mkdocs.yml leaves to us, and the colour scheme toggles it names in English. MkDocs and Material
    read them from the one configuration, so each page sets them in its language before it renders
    (the plugin's on_pre_page for its Markdown, page_context for its template)."""

    toc: dict[str, Any] | None  # the toc extension's options, when mkdocs.yml sets no permalink_title
    toggles: tuple[tuple[dict[str, Any], str], ...]  # each toggle mkdocs.yml names in our words, and the word

    @classmethod
    def of(cls, config: MkDocsConfig) -> ConfigWords:
        toc = config.mdx_configs.setdefault("toc", {})
        palettes = config.theme.get("palette") or []
        toggles = []
        for palette in palettes if isinstance(palettes, list) else [palettes]:
            toggle = palette.get("toggle") if isinstance(palette, dict) else None
            if isinstance(toggle, dict) and toggle.get("name") in _TOGGLES:
                toggles.append((toggle, _TOGGLES[toggle["name"]]))
        return cls(None if "permalink_title" in toc else toc, tuple(toggles))

    def speak(self, config: MkDocsConfig, words: dict[str, str]) -> None:
        """Say them in the language of `words` (a Site's, site/theme_words.py)."""
        if self.toc is not None and "permalink" in words:
            self.toc["permalink_title"] = words["permalink"]
        for toggle, word in self.toggles:
            if word in words:
                toggle["name"] = words[word]
        config.extra["story_words"] = dict(words)

    def speak_page(self, config: MkDocsConfig, page: Page, languages: Languages) -> None:
        """Say them in the language of a page."""
        self.speak(config, languages.sites[languages.of_path(page.file.src_uri)].words)


def search_in(config: MkDocsConfig, tag: str) -> bool:
    """Make Material's search stem and split words for a story in one language, `tag`, before it
    writes its index (reading the index back to change its language costs a whole parse of it);
    return whether it could (a search plugin that is not Material's is left as it is)."""
    plugin = config.plugins.get("search") or config.plugins.get("material/search")
    index = getattr(plugin, "search_index", None)  # made by its on_config, when it ran before ours
    if not tag or plugin is None or not isinstance(getattr(index, "config", {}), dict) or "lang" not in plugin.config:
        return False
    plugin.config["lang"] = search_languages(tag, tag)  # read by its on_config, when it runs after ours
    if index is not None:
        index.config["lang"] = plugin.config["lang"]
    return True


def hand_written(files: Files, config: MkDocsConfig, languages: Languages) -> list[File]:
    """The hand-written pages (and their images) of docs_dir for each translation, where the
    translation has none of its own: the original, marked with its language and direction."""
    made = []
    own = [
        f
        for f in files
        if f.src_dir == config.docs_dir
        and languages.of_path(f.src_uri) == languages.default
        and f.inclusion not in (InclusionLevel.EXCLUDED, InclusionLevel.DRAFT)
    ]
    for tag in languages.others:
        for file in own:
            path = languages.prefix(tag) + file.src_uri
            if files.get_file_from_path(path) is not None:
                continue
            if file.is_documentation_page():
                text = file.content_string
                front = _FRONT_MATTER.match(text)
                text = _FALLBACK.format(
                    front=front.group() if front else "",
                    tag=languages.default,
                    direction=direction(languages.default),
                    text=text[front.end() :] if front else text,
                )
                made.append(File.generated(config, path, content=text))
            elif file.abs_src_path is not None:
                made.append(File.generated(config, path, abs_src_path=file.abs_src_path))
    return made


def out_of_nav(files: Files, languages: Languages) -> None:
    """Keep a translation's pages out of the story's own sidebar: each language has its own."""
    for file in files.documentation_pages(inclusion=lambda _: True):
        if languages.of_path(file.src_uri) != languages.default and file.inclusion == InclusionLevel.UNDEFINED:
            file.inclusion = InclusionLevel.NOT_IN_NAV


def navigations(nav: Navigation, files: Files, languages: Languages) -> dict[str, Navigation]:
    """Each translation's sidebar: the story's own (mkdocs.yml `nav`), with each page replaced by
    the same page in that language, and its words in that language where the catalog has them."""
    found = {}
    for tag in languages.others:
        with speaking(tag):
            items = [_translated(item, files, languages.prefix(tag)) for item in nav.items]
        pages = _pages(items)
        for before, page, after in zip([None, *pages[:-1]], pages, [*pages[1:], None], strict=True):
            page.previous_page, page.next_page = before, after
        found[tag] = Navigation(items, pages)
        home = files.get_file_from_path(languages.prefix(tag) + "index.md")
        found[tag].homepage = home.page if home is not None and isinstance(home.page, Page) else None
    return found


def _translated(item: Any, files: Files, prefix: str) -> Any:
    if isinstance(item, Section):
        section = Section(_(item.title), [_translated(child, files, prefix) for child in item.children])
        for child in section.children:
            child.parent = section
        return section
    if isinstance(item, Page):
        file = files.get_file_from_path(prefix + item.file.src_uri)
        if file is not None and isinstance(file.page, Page):
            if item.title:  # as MkDocs titles a page by its entry in `nav`: the entry's words, translated
                file.page.title = _(item.title)
            return file.page
        return Link(item.title or "", item.file.url)  # no such page in this language: the original
    return Link(item.title, item.url)


def _pages(items: list[Any]) -> list[Page]:
    found: list[Page] = []
    for item in items:
        if isinstance(item, Page):
            found.append(item)
        elif isinstance(item, Section):
            found += _pages(item.children)
    return found


@dataclass(frozen=True)
class Alternate:
    """The same page in another language: for the selector and the page's hreflang links."""

    lang: str
    name: str
    link: str  # from the site's root, as Material's `extra.alternate` links are
    current: bool
    same: bool  # the same page; else the language's home (the page has no version in it): no hreflang


def alternates(src_uri: str, files: Files, languages: Languages) -> list[Alternate]:
    """The page in every language that has it (a language that has not leads to its home page)."""
    key, here = languages.key(src_uri), languages.of_path(src_uri)
    found = []
    for tag in languages.tags:
        same = files.get_file_from_path(languages.prefix(tag) + key)
        file = same or files.get_file_from_path(languages.prefix(tag) + "index.md")
        if file is not None:
            found.append(Alternate(tag, own_name(tag), file.url.removeprefix("./"), tag == here, same is not None))
    return found


def page_context(
    context: TemplateContext, page: Page, config: MkDocsConfig, files: Files, languages: Languages, words: ConfigWords
) -> str:
    """Set what the theme needs to speak the page's language; return that language. The header,
    the description, the footer and the theme's words are the story's in that language (pages
    render one at a time)."""
    tag = languages.of_path(page.file.src_uri)
    site = languages.sites[tag]
    words.speak(config, site.words)
    for name, value in (
        ("site_name", site.name),
        ("site_description", site.description),
        ("copyright", site.copyright),
    ):
        if value:  # printed as it is by the theme: escaped here, as the plugin does for the story's own
            config[name] = escape(" ".join(value.split()))
    ours = cast(dict[str, Any], context)  # the theme's own keys, beside MkDocs' typed ones
    ours["se_interface"] = material_language(tag) or "en"
    ours["se_root"] = languages.prefix(tag)  # where this language's feeds and data are
    ours["se_alternates"] = [dataclasses.asdict(a) for a in alternates(page.file.src_uri, files, languages)]
    ours["se_default_language"] = languages.default
    return tag


_HTML = re.compile(r'<html lang="([^"]*)"')
# Material's page configuration: JSON whose keys come sorted, so `base` is found by name.
_BASE = re.compile(r'(<script id="__config" type="application/json">[^<]*?"base": ")([^"]*)(")')


def with_direction(output: str, tag: str) -> str:
    """A page whose <html> names its language by the story's own tag (Material's names the language
    of its interface text, `en` for en-GB, and English for a language it has none for) and carries
    its direction (Material sets it on <body> only), for the whole document and assistive technology."""
    html = _html_tag(tag)
    return _HTML.sub(lambda _: html, output, count=1)


@functools.cache
def _html_tag(tag: str) -> str:
    """The start of <html> for a language: made once, as Babel's look-up of the direction costs
    a tenth of a millisecond, on every page."""
    return f'<html lang="{escape(tag)}" dir="{direction(tag)}"'


def post_page(output: str, page: Page, languages: Languages) -> str:
    """Give the page's <html> its direction, and make a translation's page search its own index
    and navigate within its own sitemap: Material finds both from the `base` of its configuration."""
    tag = languages.of_path(page.file.src_uri)
    output = with_direction(output, tag)
    if tag == languages.default:
        return output
    folder = posixpath.dirname(page.file.url.removeprefix("./").rstrip("/") + "/x")
    if not page.file.use_directory_urls:
        folder = posixpath.dirname(page.file.url)
    base = posixpath.relpath(tag, folder or ".")
    return _BASE.sub(lambda m: m.group(1) + base + m.group(3), output, count=1)


def split_search(site_dir: Path, languages: Languages) -> None:
    """One search index per language: the root's keeps the story's own pages, each translation's
    (`<tag>/search/search_index.json`) its own, with addresses from its root and its language's stemmer."""
    index_path = site_dir / SEARCH_INDEX
    if not index_path.is_file():
        return  # no search plugin
    index = json.loads(index_path.read_text(encoding="utf-8"))
    docs: dict[str, list[dict[str, Any]]] = {tag: [] for tag in languages.tags}
    for doc in index["docs"]:
        tag = languages.of_path(doc["location"])
        docs[tag].append({**doc, "location": doc["location"].removeprefix(languages.prefix(tag))})
    for tag in languages.tags:
        config = dict(index["config"])
        config["lang"] = search_languages(tag, languages.default)
        path = site_dir / languages.prefix(tag) / SEARCH_INDEX
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({**index, "config": config, "docs": docs[tag]}, ensure_ascii=False), "utf-8")


_URL = re.compile(r"<url>\s*<loc>([^<]*)</loc>\s*(?:<lastmod>([^<]*)</lastmod>)?\s*</url>")


def write_sitemaps(site_dir: Path, files: Files, languages: Languages, site_url: str) -> None:
    """A sitemap per language (the root's for the story's own), each entry with its alternates."""
    sitemap = site_dir / SITEMAP
    if not sitemap.is_file() or not site_url:
        return
    root = site_url.rstrip("/") + "/"
    entries: dict[str, list[str]] = {tag: [] for tag in languages.tags}
    by_url = {f.url.removeprefix("./"): f for f in files.documentation_pages()}
    for loc, lastmod in _URL.findall(sitemap.read_text(encoding="utf-8")):
        file = by_url.get(loc.removeprefix(root))
        tag = languages.of_path(file.src_uri) if file is not None else languages.default
        links = []
        if file is not None:
            shown = [a for a in alternates(file.src_uri, files, languages) if a.same]
            links = [_link(a.lang, root + a.link) for a in shown]
            links += [_link("x-default", root + a.link) for a in shown if a.lang == languages.default]
        modified = f"<lastmod>{lastmod}</lastmod>" if lastmod else ""
        entries[tag].append(f"<url><loc>{loc}</loc>{modified}{''.join(links)}</url>")
    for tag in languages.tags:
        text = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
            + "\n".join(entries[tag])
            + "\n</urlset>\n"
        )
        path = site_dir / languages.prefix(tag) / SITEMAP
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    _gzip(sitemap, files)


def _link(lang: str, href: str) -> str:
    return f'<xhtml:link rel="alternate" hreflang="{escape(lang)}" href="{escape(href)}"/>'


def _gzip(sitemap: Path, files: Files) -> None:
    """The root sitemap, gzipped again as MkDocs does, with the build's time (repeatable builds)."""
    timestamp = get_build_timestamp(pages=[f.page for f in files.documentation_pages() if f.page is not None])
    with (
        open(f"{sitemap}.gz", "wb") as out,
        gzip.GzipFile(fileobj=out, filename=f"{sitemap}.gz", mode="wb", mtime=timestamp) as gz,
    ):
        gz.write(sitemap.read_bytes())
