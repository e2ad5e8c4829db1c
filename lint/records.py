"""Files that hold articles in another shape: CMS exports (JSON Lines, CSV), feeds, Word.

A JSON Lines or CSV export holds one article a record, an RSS or Atom feed one an
item, a .docx one article in Word's XML. Each becomes a Record the linter reads
as it reads a file: named `FILE#ID` (the record's id field, or its line or item
number), with the text as bytes, the kind of text it is (HTML when it looks like
markup, as CMS bodies and feed content usually are), and the other fields as
metadata, like Markdown front matter. A bad record is a one-line error naming
the file and the record, and the rest of the file is still read.
"""
from __future__ import annotations

import json
import os
import re
from typing import Iterator, NamedTuple

FORMATS = ("jsonl", "csv", "feed", "docx")
# Picked by extension when a file is named; only .docx is an article a folder walk picks up
# (a folder's .csv or .xml may be anything).
EXTENSIONS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".rss": "feed", ".atom": "feed", ".docx": "docx"}
TEXT_FIELDS = ("text", "body", "content")     # tried in order when --text-field is not given
ID_FIELDS = ("id", "url", "guid", "slug")
_MARKUP = re.compile(r"<(?:p|div|br|a|span|h[1-6]|ul|ol|li|strong|em|figure|img)\b", re.IGNORECASE)
_ATOM = "{http://www.w3.org/2005/Atom}"
_CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
_WORD = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class Record(NamedTuple):
    name: str          # FILE#ID
    data: bytes
    kind: str          # the extension whose reader reads it: .html or .txt
    meta: dict


class RecordError(NamedTuple):
    message: str       # one line: FILE:WHERE: what is wrong


def format_for(path: str, forced: str | None) -> str | None:
    return forced or EXTENSIONS.get(os.path.splitext(path)[1].lower())


def split_exports(files: list[str], forced: str | None) -> tuple[list[str], list[str]]:
    """(article files, exports), in their order: what the walker found, by what it holds."""
    articles, exports = [], []
    for path in files:
        (exports if format_for(path, forced) else articles).append(path)
    return articles, exports


def records(path: str, data: bytes, fmt: str, text_field: str | None = None,
            id_field: str | None = None) -> Iterator[Record | RecordError]:
    if fmt == "jsonl":
        yield from _jsonl(path, data, text_field, id_field)
    elif fmt == "csv":
        yield from _csv(path, data, text_field, id_field)
    elif fmt == "feed":
        yield from _feed(path, data)
    elif fmt == "docx":
        yield from _docx(path, data, len(data) * 20 + (1 << 20))
    else:
        raise ValueError(fmt)


def _record(path: str, where: str, fields: dict, text_field, id_field) -> Record | RecordError:
    names = [text_field] if text_field else [f for f in TEXT_FIELDS if f in fields]
    if not names or names[0] not in fields:
        wanted = text_field or " or ".join(TEXT_FIELDS)
        return RecordError(f"{path}:{where}: no text field ({wanted}); give --text-field")
    text = fields[names[0]]
    if not isinstance(text, str):
        return RecordError(f"{path}:{where}: field '{names[0]}' is not text")
    ids = [id_field] if id_field else [f for f in ID_FIELDS if f in fields]
    ident = fields.get(ids[0]) if ids else None
    name = f"{path}#{ident if isinstance(ident, (str, int)) and str(ident).strip() else where}"
    meta = {k: v for k, v in fields.items() if k != names[0] and isinstance(v, (str, int, float))}
    return Record(name, text.encode("utf-8"), ".html" if _MARKUP.search(text) else ".txt", meta)


def _jsonl(path, data, text_field, id_field):
    for number, line in enumerate(data.split(b"\n"), 1):
        if not line.strip():
            continue
        try:
            fields = json.loads(line)
        except ValueError as err:
            yield RecordError(f"{path}:{number}: not a JSON record ({str(err).split(':')[0]})")
            continue
        if not isinstance(fields, dict):
            yield RecordError(f"{path}:{number}: a record must be a JSON object")
            continue
        yield _record(path, str(number), fields, text_field, id_field)


def _csv(path, data, text_field, id_field):
    import csv
    import io

    csv.field_size_limit(max(len(data), 1 << 17))   # an article body is longer than csv's 128 KB default allows
    text = data.decode("utf-8-sig", errors="replace")
    rows = csv.DictReader(io.StringIO(text, newline=""))
    try:
        for row in rows:
            yield _record(path, str(rows.line_num), {k: v for k, v in row.items() if k is not None}, text_field, id_field)
    except csv.Error as err:
        yield RecordError(f"{path}:{rows.line_num}: not CSV ({err})")


def _feed(path, data):
    import xml.etree.ElementTree as ET

    try:
        # expat refuses entity expansion past its amplification limit, and
        # ElementTree never fetches external entities.
        root = ET.fromstring(data)
    except ET.ParseError as err:
        yield RecordError(f"{path}: not an RSS or Atom feed ({err})")
        return
    source = (root.findtext("channel/title") or root.findtext(f"{_ATOM}title") or "").strip()
    items = root.findall("channel/item") + root.findall(f"{_ATOM}entry")
    if not items:
        yield RecordError(f"{path}: a feed with no items or entries")
    for number, item in enumerate(items, 1):
        atom = item.tag == f"{_ATOM}entry"
        text = (item.findtext(_CONTENT) or item.findtext("description") if not atom
                else item.findtext(f"{_ATOM}content") or item.findtext(f"{_ATOM}summary")) or ""
        link = item.find(f"{_ATOM}link")
        ident = (item.findtext("guid") or item.findtext("link") if not atom
                 else item.findtext(f"{_ATOM}id") or (link.get("href") if link is not None else None))
        meta = {"title": (item.findtext("title") or item.findtext(f"{_ATOM}title") or "").strip(), "source": source,
                "date": (item.findtext("pubDate") or item.findtext(f"{_ATOM}updated") or "").strip()}
        name = f"{path}#{ident.strip() if ident and ident.strip() else number}"
        yield Record(name, text.encode("utf-8"), ".html", {k: v for k, v in meta.items() if v})


def _docx(path, data, limit):
    import io
    import xml.etree.ElementTree as ET
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            with archive.open("word/document.xml") as handle:
                xml = handle.read(limit + 1)   # a zip bomb stops here
    except (zipfile.BadZipFile, KeyError, OSError, EOFError):
        yield RecordError(f"{path}: not a .docx (a zip holding word/document.xml), skipped")
        return
    if len(xml) > limit:
        yield RecordError(f"{path}: word/document.xml expands past {limit:,} bytes, skipped")
        return
    try:
        root = ET.fromstring(xml)
    except ET.ParseError as err:
        yield RecordError(f"{path}: damaged .docx ({err}), skipped")
        return
    lines = []
    for paragraph in root.iter(f"{_WORD}p"):
        parts = []
        for node in paragraph.iter():
            if node.tag == f"{_WORD}t":
                parts.append(node.text or "")
            elif node.tag == f"{_WORD}tab":
                parts.append("\t")
            elif node.tag in (f"{_WORD}br", f"{_WORD}cr"):
                parts.append(" ")
        lines.append("".join(parts))
    # A .docx is one article: it is named as the file, and its paragraphs are its lines.
    yield Record(path, "\n".join(lines).encode("utf-8"), ".txt", {})
