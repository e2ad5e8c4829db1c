"""Any file name, made safe to print.

A file name is bytes to the system and may be anything but "/" and NUL: a
newline (which would start a forged finding line in the text output), an
escape sequence for the terminal, or bytes that are not UTF-8, which Python
hands over as lone surrogates that no output can encode. `legible` turns
those bytes into `\\xNN`, for every format; `escaped` also writes control
characters as escapes, for the formats whose lines a reader splits (text,
JUnit XML, which cannot hold them at all).
"""
from __future__ import annotations

import re

# C0 controls but tab, DEL, C1 controls, and the line and paragraph separators.
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r"}


def legible(text: str) -> str:
    """`text` with each byte that was not UTF-8 (a lone surrogate) written as \\xNN."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:   # a surrogate no byte made: its code point, escaped
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _escape(match: re.Match) -> str:
    char = match[0]
    return _NAMED.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


def escaped(text: str) -> str:
    """`text` on one line: legible, and every control character written as an escape."""
    text = legible(text)
    return _CONTROL.sub(_escape, text) if _CONTROL.search(text) else text
