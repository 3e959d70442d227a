"""Any story, any desk: what follows the plugin's `content:` folder wherever it points.

The hand-written pages (the story's pages/ folder) become MkDocs' docs_dir, and the edit
links of those pages and of the generated ones name the files where they are. No MkDocs
import: the configuration is read and set as a mapping.
"""

from __future__ import annotations

import os
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

PAGES = "pages"  # the hand-written pages inside a content folder
CONTENT_ENV = "STORY_EXPLAINER_CONTENT"  # builds another story than mkdocs.yml's `content:`, unedited


def content_path(content: Path, root: Path) -> str:
    """The content folder as a URL path from the repository's root (mkdocs.yml's folder), for edit links;
    its name alone when it lies outside the repository."""
    resolved, base = content.resolve(), root.resolve()
    if not resolved.is_relative_to(base):
        return resolved.name
    return Path(os.path.relpath(resolved, base)).as_posix()


def follow_the_story(config: MutableMapping[str, Any], content: Path, root: Path) -> bool:
    """Serve the story's own hand-written pages, with edit links to where they are; return whether
    docs_dir moved. A story with no pages/ folder keeps mkdocs.yml's docs_dir."""
    pages = content / PAGES
    docs = Path(str(config["docs_dir"]))
    if not pages.is_dir() or pages.resolve() == docs.resolve():
        return False
    config["edit_uri"] = moved_edit_uri(config.get("edit_uri"), content_path(docs, root), content_path(pages, root))
    config["docs_dir"] = str(pages.resolve())
    return True


def moved_edit_uri(edit_uri: str | None, old: str, new: str) -> str | None:
    """mkdocs.yml's edit_uri for hand-written pages, pointed at the pages' new folder when it named the old one."""
    if not edit_uri or not edit_uri.rstrip("/").endswith(old):
        return edit_uri
    return edit_uri.rstrip("/")[: -len(old)] + new + "/"
