"""Results of unchanged files, kept between runs in `.newslint_cache/`.

An entry is keyed by the file's path and bytes; the whole cache file is keyed
by a fingerprint of everything else that decides results (newslint's version,
every pack and registry file, the settings). Change any of them and the run
starts from an empty cache. A corrupt or unreadable cache is ignored, never
fatal, and the folder is safe to delete at any time.
"""
from __future__ import annotations

import json
import os
import sys

from . import __version__
from .atomic import atomic_write, remove_stale_temps
from .finding import Finding
from .hashing import blake2b, hex_digest
from .runner import FileResult

CACHE_DIR = ".newslint_cache"


def fingerprint(rule_dirs: list[str], registry_files: list[str], settings_repr: str) -> str:
    digest = blake2b(digest_size=16)
    digest.update(f"{__version__}|{sys.version_info[:2]}|{settings_repr}".encode())
    # The engine's own code decides results too; its files' sizes and times are cheap to read.
    for path in _files_under(os.path.dirname(os.path.realpath(__file__)), (".py",)):
        stat = os.stat(path)
        digest.update(f"{os.path.basename(path)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    for folder in rule_dirs:
        for path in _files_under(folder, (".yaml", ".yml")):
            digest.update(path.encode())
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
    return hex_digest(path.encode() + b"\0" + data)


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
    """Where lint.matcher keeps its pattern analyses, named after the matcher's code."""
    from . import matcher

    stat = os.stat(matcher.__file__)
    tag = hex_digest(f"{__version__}:{stat.st_size}:{stat.st_mtime_ns}".encode(), 6)
    return os.path.join(root, CACHE_DIR, f"prefilters-{tag}.json")


class Cache:
    def __init__(self, root: str, fingerprint: str):
        self.root = root
        self.folder = os.path.join(root, CACHE_DIR)
        self.file = os.path.join(self.folder, f"results-{fingerprint}.json")
        self.entries: dict[str, dict] = {}
        self.used: dict[str, dict] = {}
        try:
            loaded = json.loads(_read(self.file).decode("utf-8"))
            if isinstance(loaded, dict):
                self.entries = loaded
        except (OSError, ValueError):
            pass  # no cache yet, or a damaged one: start empty

    def get(self, key: str) -> FileResult | None:
        raw = self.entries.get(key)
        if raw is None:
            return None
        try:
            features = raw.get("features")
            if features is not None and not isinstance(features, str):
                return None
            result = FileResult(
                raw["path"], [Finding.from_json(f) for f in raw["findings"]],
                list(raw["notes"]), raw.get("error"), dict(raw.get("data", {})), features,
            )
        except (KeyError, TypeError, ValueError, AttributeError):
            return None
        self.used[key] = raw
        return result

    def put(self, key: str, result: FileResult) -> None:
        self.used[key] = {
            "path": result.path, "findings": [f.to_json() for f in result.findings],
            "notes": result.notes, "error": result.error, "data": result.data,
            "features": result.features,
        }

    def corpus_key(self, one_story: bool) -> str:
        """Key of the cross-file result: it depends on every file this run read, and nothing else."""
        files = sorted(k for k in self.used if not k.startswith("corpus:"))
        return "corpus:" + hex_digest(f"{one_story}|{'|'.join(files)}".encode())

    def get_corpus(self, key: str):
        raw = self.entries.get(key)
        try:
            found = ([Finding.from_json(f) for f in raw["findings"]], [list(g) for g in raw["groups"]])
        except (KeyError, TypeError, ValueError):
            return None
        self.used[key] = raw
        return found

    def put_corpus(self, key: str, findings: list[Finding], groups: list[list[str]]) -> None:
        self.used[key] = {"findings": [f.to_json() for f in findings], "groups": groups}

    def _write(self, out) -> None:
        # An entry at a time, each by the C encoder: json.dump streams through the
        # pure-Python one (~0.35 s on 2,225 files), and one json.dumps of the whole
        # cache was +30 MB at peak.
        dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
        out.write("{")
        for n, (key, entry) in enumerate(self.used.items()):
            out.write(("," if n else "") + dumps(key) + ":" + dumps(entry))
        out.write("}")

    def save(self) -> None:
        """Keep what this run used (so the cache cannot grow without bound), atomically."""
        if self.used == self.entries:
            return
        try:
            cache_folder(self.root)
            for name in os.listdir(self.folder):
                stale = os.path.join(self.folder, name)
                if name.startswith("results-") and name.endswith(".json") and stale != self.file:
                    try:
                        os.unlink(stale)
                    except FileNotFoundError:
                        pass   # another run removed it first
            atomic_write(self.file, self._write)
        except OSError:
            pass  # a read-only checkout still lints; it just cannot remember
