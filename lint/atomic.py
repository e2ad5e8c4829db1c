"""Write a file whole or not at all: a temporary file beside it, then one rename.

A reader sees the old file or the new one, never half of one. A run killed
mid-write leaves a `.tmp-*` file; remove_stale_temps clears those later. Not
tempfile: it imports shutil, bz2 and lzma, ~6 ms of every run.
"""
from __future__ import annotations

import os
from typing import Callable, IO


# A temporary file older than this was left by a run that was killed mid-write.
STALE_TEMP_SECONDS = 3600


def remove_stale_temps(folder) -> None:
    """Delete the `.tmp-*` files killed runs left in `folder` (not those of runs still writing)."""
    import time

    try:
        names = [n for n in os.listdir(folder) if n.startswith(".tmp-")]
    except OSError:
        return
    for name in names:
        path = os.path.join(folder, name)
        try:
            if time.time() - os.stat(path).st_mtime > STALE_TEMP_SECONDS:
                os.unlink(path)
        except OSError:
            pass  # another run's file, gone or in use: not ours to worry about


def atomic_write(path, fill: Callable[[IO], None], binary: bool = False, mode: int = 0o600) -> None:
    """Create or replace `path` with what `fill(handle)` writes. Raises OSError.

    `mode` is the new file's permissions, less the umask."""
    folder = os.path.dirname(os.fspath(path)) or "."
    tmp = os.path.join(folder, f".tmp-{os.getpid()}-{os.urandom(6).hex()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        with os.fdopen(fd, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8"})) as handle:
            fill(handle)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
