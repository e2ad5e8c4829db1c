"""Turn a file's bytes into a Document: decode, detect the format, build the prose view."""
from __future__ import annotations

import os

from .document import Document

MARKDOWN = frozenset({".md", ".markdown"})
HTML = frozenset({".html", ".htm"})
TEXT = frozenset({".txt"})
DEFAULT_EXTENSIONS = MARKDOWN | HTML | TEXT


class InputError(Exception):
    """A file that cannot be linted; the message is one line and names the file."""


def decode(data: bytes, path: str) -> tuple[str, tuple[str, ...]]:
    if b"\x00" in data[:8192]:
        raise InputError(f"{path}: binary file (contains NUL bytes), skipped")
    try:
        text = data.decode("utf-8")
        notes: tuple[str, ...] = ()
    except UnicodeDecodeError as err:
        # Old archives are often Windows-1252; cp1252 leaves five bytes undefined,
        # so latin-1 is the last resort that never fails.
        try:
            text = data.decode("cp1252")
            encoding = "cp1252"
        except UnicodeDecodeError:
            text = data.decode("latin-1")
            encoding = "latin-1"
        notes = (f"not valid UTF-8 (byte {err.start}); decoded as {encoding}",)
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return text, notes


def read_bytes(path: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror or err})") from None


def parse(path: str, data: bytes, kind: str | None = None) -> Document:
    """Build a Document from raw bytes; `kind` is an extension that overrides the path's."""
    source, notes = decode(data, path)
    suffix = (kind or os.path.splitext(path)[1]).lower()
    if suffix in MARKDOWN:
        from .markdown_text import markdown_to_view

        view = markdown_to_view(source)
        if view.meta_error:
            notes += (f"front matter ignored: {view.meta_error}",)
        meta = view.meta if isinstance(view.meta, dict) else {}
        return Document(path, source, view.text, meta=meta, headings=view.headings, notes=notes)
    if suffix in HTML:
        from .html_text import html_to_view

        text, anchors = html_to_view(source)
        return Document(path, source, text, anchors=tuple(anchors), notes=notes)
    return Document(path, source, source, notes=notes)


def read_document(path: str, kind: str | None = None) -> Document:
    return parse(path, read_bytes(path), kind)
