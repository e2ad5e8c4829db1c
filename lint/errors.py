"""The errors a run reports: the user's to fix (UserError), and newslint's own (a bug).

Both are one line and make the exit status 2; neither is 1, which means findings.
"""
from __future__ import annotations

import os

# Set (to anything but 0) for the traceback of an internal error instead of its one line.
DEBUG_VARIABLE = "NEWSLINT_DEBUG"


class UserError(Exception):
    """Bad configuration, a broken pack or registry: the message names the file and key."""


def debugging() -> bool:
    return os.environ.get(DEBUG_VARIABLE, "0") not in ("", "0")


def internal_error(err: BaseException, where: str) -> str:
    """One line for a bug in newslint met `where` (a file being linted, a step of the run)."""
    detail = str(err).splitlines()[0][:200] if str(err) else ""
    return (f"{where}: internal error ({type(err).__name__}{': ' + detail if detail else ''}); "
            f"please report it (set {DEBUG_VARIABLE}=1 for the traceback)")
