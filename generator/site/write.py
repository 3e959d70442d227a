"""Write rendered pages to a folder all at once: a failed run never leaves half a site."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from generator.site.render import Site


def write_pages(site: Site, out: Path) -> int:
    """Write every page under `out`, replacing what was there only once all are written."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        for page in site.pages.values():
            target = staging / page.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(page.text.encode("utf-8"))
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return len(site.pages)


def _swap(staging: Path, out: Path) -> None:
    """Put `staging` in the place of `out`; the old folder is removed only after the swap."""
    if not out.exists():
        os.replace(staging, out)
        return
    retired = out.with_name(f".{out.name}.old-{os.getpid()}")
    os.replace(out, retired)
    os.replace(staging, out)
    shutil.rmtree(retired, ignore_errors=True)
