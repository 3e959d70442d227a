"""A lock file beside a content file, held while `new` reads, changes and replaces it.

Without it, two `new` runs at once on one file both read the old records, and the second
replacement drops the first's record. The lock is an advisory lock (flock) on `.NAME.lock`
in the file's folder: the system releases it when its holder ends, however it ends, so a
crashed run leaves no lock held. The loader skips hidden files, so the lock is never content.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: msvcrt's byte-range lock does the same
    fcntl = None  # type: ignore[assignment]
    import msvcrt

WAIT_SECONDS = 30.0  # `new` takes well under a second; a lock held this long is stuck
_POLL_SECONDS = 0.02


class LockTimeout(Exception):
    """The lock stayed held past the wait."""

    def __init__(self, lock: Path, waited: float) -> None:
        super().__init__(
            f"{lock} is held by another run of `new` on {lock.name.removeprefix('.').removesuffix('.lock')} "
            f"(waited {waited:.0f} s); let it finish and run new again, or end the run that holds it"
        )


def lock_path(path: Path) -> Path:
    """The lock file of `path`: hidden, beside it."""
    return path.with_name(f".{path.name}.lock")


@contextlib.contextmanager
def locked(path: Path, wait: float | None = None) -> Iterator[None]:
    """Hold `path`'s lock for the block; raise LockTimeout after `wait` seconds (default WAIT_SECONDS)."""
    wait = WAIT_SECONDS if wait is None else wait
    lock = lock_path(path)
    lock.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait
    while True:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        if _try_lock(fd) and _still_named(lock, fd):
            break
        os.close(fd)
        if time.monotonic() > deadline:
            raise LockTimeout(lock, wait)
        time.sleep(_POLL_SECONDS)
    try:
        yield
    finally:
        # Removed while still held: a run waiting on this file's old inode sees it gone and retries.
        with contextlib.suppress(OSError):
            os.unlink(lock)
        os.close(fd)


def _try_lock(fd: int) -> bool:
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:  # pragma: no cover
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError:
        return False
    return True


def _still_named(lock: Path, fd: int) -> bool:
    """Whether the locked file is still the one at `lock` (its holder may have removed it meanwhile)."""
    try:
        return os.stat(lock).st_ino == os.fstat(fd).st_ino
    except OSError:
        return False
