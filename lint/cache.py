"""Results of unchanged files, kept between runs in `.newslint_cache/`.

An entry is keyed by the file's path and bytes; the whole cache file is keyed
by a fingerprint of everything else that decides results (newslint's version,
every pack and registry file, the settings). Change any of them and the run
starts from an empty cache. The folder is safe to delete at any time.

Nothing read from it is trusted: each entry is one line that starts with a
checksum of the rest (lint/hashing.py seal), and an entry whose digest, shape or path is wrong (a
flipped byte, a file cut short, an entry written by hand) is ignored and the
file linted again. A damaged cache costs time, never a crash or a changed
result.
"""
from __future__ import annotations

import json
import os
import sys

from . import __version__
from .atomic import remove_stale_temps
from .finding import Finding
from .hashing import blake2b, hex_digest, seal, unseal
from .runner import FileResult

CACHE_DIR = ".newslint_cache"


def settings_repr(settings) -> str:
    """What of the settings decides results: the config file by its bytes (never by
    what its YAML expands to: an alias bomb is a few KB of bytes and gigabytes of
    repr), and what the command line may set on top of it."""
    try:
        config = hex_digest(_read(settings.source)) if settings.source else "none"
    except OSError:
        config = "unreadable"
    cli = (settings.select, settings.extend_select, settings.ignore, settings.rules,
           settings.min_severity, settings.fail_on, getattr(settings, "max_file_size", None))
    return f"{settings.source}|{config}|{cli!r}"


def fingerprint(rule_dirs: list[str], registry_files: list[str], settings_repr: str) -> str:
    digest = blake2b(digest_size=16)
    digest.update(f"{__version__}|{sys.version_info[:2]}|{settings_repr}".encode())
    # The engine's own code decides results too; its files' sizes and times are cheap to read.
    # So does the learned line model's data (lint/line_model.json), which is no code.
    code = os.path.dirname(os.path.realpath(__file__))
    model = os.path.join(code, "line_model.json")
    for path in _files_under(code, (".py",)) + ([model] if os.path.isfile(model) else []):
        stat = os.stat(path)
        digest.update(f"{os.path.basename(path)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    for folder in rule_dirs:
        for path in _files_under(folder, (".yaml", ".yml")):
            digest.update(os.fsencode(path))
            digest.update(_read(path))
    for path in registry_files:
        digest.update(_read(path) if os.path.isfile(path) else b"missing")
    return digest.hexdigest()


def _files_under(folder: str, suffixes: tuple[str, ...]) -> list[str]:
    return sorted(os.path.join(where, name) for where, _, names in os.walk(folder)
                  for name in names if name.endswith(suffixes))


def _read(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


def entry_key(path: str, data: bytes) -> str:
    # fsencode: a file name that is not valid UTF-8 reaches Python as lone surrogates.
    return hex_digest(os.fsencode(path) + b"\0" + data)


def cache_folder(root: str) -> str:
    """The cache folder, created with the markers that keep it out of git and backups."""
    folder = os.path.join(root, CACHE_DIR)
    if not os.path.isfile(os.path.join(folder, ".gitignore")):
        os.makedirs(folder, exist_ok=True)
        for name, text in ((".gitignore", "# created by newslint\n*\n"),
                           ("CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n")):
            with open(os.path.join(folder, name), "w", encoding="utf-8") as handle:
                handle.write(text)
    remove_stale_temps(folder)
    return folder


def prefilter_file(root: str) -> str:
    """Where lint.matcher keeps its pattern analyses, named after the code that makes and
    guards them (a changed regex guard must look at every pattern again)."""
    here = os.path.dirname(os.path.abspath(__file__))
    # By path, not by import: the guard is imported only when a pattern is new (~5 ms).
    stats = [os.stat(os.path.join(here, name)) for name in ("matcher.py", "regex_guard.py")]
    tag = hex_digest(":".join([__version__, *(f"{s.st_size}:{s.st_mtime_ns}" for s in stats)]).encode(), 6)
    return os.path.join(root, CACHE_DIR, f"prefilters-{tag}.json")


# -- what an entry must look like to be served ------------------------------------

_FINDING_FIELDS = {name: int if name in ("line", "column", "end_line", "end_column") else str
                   for name in Finding._fields if name not in ("related", "mark")}


def _finding(data) -> Finding:
    """A Finding from its JSON, every field of the type it must have; ValueError if not."""
    finding = Finding.from_json(data)
    if any(type(getattr(finding, name)) is not kind for name, kind in _FINDING_FIELDS.items()) or not all(
            type(r.path) is str and type(r.line) is int and type(r.note) is str for r in finding.related) or not (
            len(finding.mark) == 2 and all(type(x) is int for x in finding.mark)):
        raise ValueError("a finding of the wrong shape")
    return finding


def _strings(data) -> list[str]:
    if type(data) is not list or not all(type(x) is str for x in data):
        raise ValueError("not a list of strings")
    return data


def _file_result(raw, path: str) -> FileResult:
    """The cached result of `path`; ValueError if the entry is not one newslint wrote for it."""
    if raw.get("path") != path:
        raise ValueError("another file's entry")
    findings = [_finding(f) for f in raw["findings"]]
    if any(f.path != path for f in findings):
        raise ValueError("another file's finding")
    error, data, features = raw.get("error"), raw.get("data", {}), raw.get("features")
    if not (error is None or type(error) is str) or type(data) is not dict \
            or not (features is None or type(features) is str):
        raise ValueError("a result of the wrong shape")
    return FileResult(path, findings, list(_strings(raw["notes"])), error, dict(data), features)


def _entry_line(dumps, key: str, entry: dict) -> bytes:
    # ensure_ascii: never a raw newline inside, and a file name that is not UTF-8
    # (lone surrogates) is written as escapes and read back the same.
    return seal(dumps([key, entry]).encode("ascii")) + b"\n"


def _entry_index(handle) -> dict[str, tuple[int, int]]:
    """key -> (offset, length) of each entry of a cache file whose checksum holds; the
    others are dropped. Entries are read and parsed again when asked for, not kept."""
    index: dict[str, tuple[int, int]] = {}
    offset = 0
    for line in handle:
        size = len(line)
        line = line.rstrip(b"\n")
        payload = unseal(line)
        if payload:
            try:
                key, entry = json.loads(payload)
            except (ValueError, TypeError):
                key = entry = None
            if type(key) is str and type(entry) is dict:
                index[key] = (offset, len(line))
        offset += size
    return index


class Cache:
    """The results of unchanged files. What a run uses is written to the next cache file as
    it goes (a temporary file renamed at the end), and the last cache file is read an entry
    at a time, so an archive's cache is never held in memory: only the keys are."""

    def __init__(self, root: str, fingerprint: str):
        self.root = root
        self.folder = os.path.join(root, CACHE_DIR)
        self.file = os.path.join(self.folder, f"results-{fingerprint}.jsonl")
        self._last = None          # the last cache file, open: entries are read from it when asked for
        self._index: dict[str, tuple[int, int]] = {}
        self.used: set[str] = set()
        self._changed = False
        self._next = None          # the next cache file, being written; False once it cannot be
        try:
            self._last = open(self.file, "rb")
            self._index = _entry_index(self._last)
        except OSError:
            pass  # no cache yet: start empty

    def _raw(self, key: str):
        where = self._index.get(key)
        if where is None:
            return None, b""
        self._last.seek(where[0])
        line = self._last.read(where[1])
        return json.loads(unseal(line))[1], line

    def _keep(self, key: str, line: bytes, changed: bool) -> None:
        self.used.add(key)
        self._changed = self._changed or changed
        if self._next is None:
            try:
                cache_folder(self.root)
                self._next_path = os.path.join(self.folder, f".tmp-{os.getpid()}-{os.urandom(6).hex()}")
                self._next = open(self._next_path, "xb")
            except OSError:
                self._next = False   # a read-only checkout still lints; it just cannot remember
        if self._next:
            try:
                self._next.write(line + b"\n")
            except OSError:
                self._discard()

    def _discard(self) -> None:
        if self._next:
            self._next.close()
            try:
                os.unlink(self._next_path)
            except OSError:
                pass
        self._next = False

    def get(self, key: str, path: str) -> FileResult | None:
        try:
            raw, line = self._raw(key)
            if raw is None:
                return None
            result = _file_result(raw, path)
        except (KeyError, TypeError, ValueError, AttributeError):
            return None   # not served: the file is linted again and its entry rewritten
        self._keep(key, line, False)
        return result

    def put(self, key: str, result: FileResult) -> None:
        self._put(key, {
            "path": result.path, "findings": [f.to_json() for f in result.findings],
            "notes": result.notes, "error": result.error, "data": result.data,
            "features": result.features,
        })

    def _put(self, key: str, entry: dict) -> None:
        # An entry at a time, each by the C encoder: json.dump streams through the
        # pure-Python one (~0.35 s on 2,225 files).
        self._keep(key, _entry_line(_DUMPS, key, entry).rstrip(b"\n"), True)

    def corpus_key(self, one_story: bool) -> str:
        """Key of the cross-file result: it depends on every file this run read, and nothing else."""
        files = sorted(k for k in self.used if not k.startswith("corpus:"))
        return "corpus:" + hex_digest(f"{one_story}|{'|'.join(files)}".encode())

    def get_corpus(self, key: str):
        try:
            raw, line = self._raw(key)
            found = ([_finding(f) for f in raw["findings"]], [_strings(g) for g in raw["groups"]])
        except (KeyError, TypeError, ValueError, AttributeError):
            return None
        self._keep(key, line, False)
        return found

    def put_corpus(self, key: str, findings: list[Finding], groups: list[list[str]]) -> None:
        self._put(key, {"findings": [f.to_json() for f in findings], "groups": groups})

    def save(self) -> None:
        """Keep what this run used (so the cache cannot grow without bound), atomically."""
        if self._last:
            self._last.close()
        if not self._next:
            return
        if not self._changed and self.used == self._index.keys():
            self._discard()   # the same entries as the last file: nothing to write
            return
        try:
            self._next.close()
            for name in os.listdir(self.folder):
                stale = os.path.join(self.folder, name)
                if name.startswith("results-") and name.endswith((".json", ".jsonl")) and stale != self.file:
                    try:
                        os.unlink(stale)
                    except FileNotFoundError:
                        pass   # another run removed it first
            os.replace(self._next_path, self.file)
        except (OSError, ValueError):
            self._discard()


_DUMPS = json.JSONEncoder(separators=(",", ":")).encode
