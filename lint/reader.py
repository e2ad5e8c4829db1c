"""Turn a file's bytes into a Document: decode, detect the format, build the prose view."""
from __future__ import annotations

import os
import re
import stat

from .document import Document

MARKDOWN = frozenset({".md", ".markdown"})
HTML = frozenset({".html", ".htm"})
TEXT = frozenset({".txt"})
DOCX = frozenset({".docx"})   # read by lint/records.py: Word's zip of XML, not text
DEFAULT_EXTENSIONS = MARKDOWN | HTML | TEXT | DOCX


class InputError(Exception):
    """A file that cannot be linted; the message is one line and names the file."""


# Byte order marks of the encodings with NUL bytes in their text, longest first:
# UTF-32's little-endian mark starts with UTF-16's. Each with the codec for what follows it.
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
         (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
_UTF8_BOM = b"\xef\xbb\xbf"


def decode_as_written(data: bytes) -> tuple[str, bytes, str, int | None]:
    """(text, byte order mark, codec, where UTF-8 failed or None): the file's text with
    its mark dropped and its newlines as written. The fixer writes a file back with the
    same mark and codec; `decode` normalises newlines for the linter. Raises
    UnicodeDecodeError for bytes that break the encoding their mark names."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(codec), bom, codec, None
    try:
        bom = _UTF8_BOM if data.startswith(_UTF8_BOM) else b""
        return data[len(bom):].decode("utf-8"), bom, "utf-8", None
    except UnicodeDecodeError as err:
        # Old archives are often Windows-1252; cp1252 leaves five bytes undefined,
        # so latin-1 is the last resort that never fails.
        try:
            return data.decode("cp1252"), b"", "cp1252", err.start + len(bom)
        except UnicodeDecodeError:
            return data.decode("latin-1"), b"", "latin-1", err.start + len(bom)


def decode(data: bytes, path: str) -> tuple[str, tuple[str, ...]]:
    marked = next(((bom, codec) for bom, codec in _BOMS if data.startswith(bom)), None)
    if marked is None and b"\x00" in data[:8192]:
        raise InputError(f"{path}: binary file (contains NUL bytes), skipped")
    try:
        text, _, encoding, bad_at = decode_as_written(data)
    except UnicodeDecodeError as err:
        bom, codec = marked
        raise InputError(f"{path}: not valid {codec[:6].upper()} (byte {err.start + len(bom)}) after its byte "
                         "order mark, skipped") from None
    notes = () if bad_at is None else (f"not valid UTF-8 (byte {bad_at}); decoded as {encoding}",)
    return _newlines(text), notes


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# Past this a file is refused, not linted (config `max-file-size`, --max-file-size):
# far above any article, and a run over a folder with a stray dump in it goes on.
DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024

_SIZE_UNITS = {"": 1, "b": 1, "k": 1024, "kb": 1024, "m": 1024 ** 2, "mb": 1024 ** 2, "g": 1024 ** 3, "gb": 1024 ** 3}


def parse_size(value) -> int:
    """Bytes from `10485760`, "10MB", "500 KB" or "2m" (binary units); ValueError otherwise."""
    if isinstance(value, int) and not isinstance(value, bool):
        number, unit = value, ""
    elif isinstance(value, str):
        match = re.fullmatch(r"\s*(\d+)\s*([a-zA-Z]*)\s*", value)
        if not match or match[2].lower() not in _SIZE_UNITS:
            raise ValueError(f"'{value}' is not a size (bytes, or a number with KB, MB or GB)")
        number, unit = int(match[1]), match[2].lower()
    else:
        raise ValueError(f"'{value}' is not a size (bytes, or a number with KB, MB or GB)")
    if number <= 0:
        raise ValueError(f"'{value}' is not a size above zero")
    return number * _SIZE_UNITS[unit]


def what_it_is(mode: int) -> str | None:
    """What a path that is not a regular file or folder is, in words; None for those two."""
    for test, name in ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device")):
        if test(mode):
            return name
    return None if stat.S_ISREG(mode) or stat.S_ISDIR(mode) else "not a regular file"


def too_big(path: str, size: int, limit: int) -> InputError:
    return InputError(f"{path}: {size:,} bytes, over the max-file-size of {limit:,}; skipped")


def read_bytes(path: str, max_size: int = DEFAULT_MAX_FILE_SIZE) -> bytes:
    """A regular file's bytes; anything else (a FIFO, a device, a file over `max_size`) is an InputError."""
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer that may never come.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror or err})") from None
    with os.fdopen(fd, "rb") as handle:
        try:
            info = os.fstat(fd)
            if stat.S_ISDIR(info.st_mode):
                raise InputError(f"{path}: is a directory")
            kind = what_it_is(info.st_mode)
            if kind:
                raise InputError(f"{path}: {kind}, not a regular file; skipped")
            if info.st_size > max_size:
                raise too_big(path, info.st_size, max_size)
            return read_limited(handle, path, max_size)
        except OSError as err:
            raise InputError(f"{path}: cannot read ({err.strerror or err})") from None


def read_limited(handle, path: str, max_size: int) -> bytes:
    """All of `handle` (a file, standard input), or an InputError once it passes `max_size`."""
    data = handle.read(max_size + 1)   # one byte more tells a file that grew past the limit
    if len(data) > max_size:
        raise too_big(path, len(data), max_size)
    return data


def parse(path: str, data: bytes, kind: str | None = None, meta: dict | None = None) -> Document:
    """Build a Document from raw bytes; `kind` is an extension that overrides the path's;
    `meta` is metadata given beside the text (an export record's other fields)."""
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
        return Document(path, source, text, meta=meta, anchors=tuple(anchors), notes=notes)
    return Document(path, source, source, meta=meta, notes=notes)


def read_document(path: str, kind: str | None = None) -> Document:
    return parse(path, read_bytes(path), kind)
