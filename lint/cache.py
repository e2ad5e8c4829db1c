"""Results of unchanged files, kept between runs in `.newslint_cache/`.

An entry is keyed by the file's path and bytes; the whole cache file is keyed
by a fingerprint of everything else that decides results (newslint's version,
every pack and registry file, the settings). Change any of them and the run
starts from an empty cache. A corrupt or unreadable cache is ignored, never
fatal, and the folder is safe to delete at any time.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from . import __version__
from .atomic import atomic_write, remove_stale_temps
from .finding import Finding
from .hashing import blake2b, hex_digest
from .runner import FileResult

CACHE_DIR = ".newslint_cache"


def fingerprint(rule_dirs: list[Path], registry_files: list[Path], settings_repr: str) -> str:
    digest = blake2b(digest_size=16)
    digest.update(f"{__version__}|{sys.version_info[:2]}|{settings_repr}".encode())
    # The engine's own code decides results too; its files' sizes and times are cheap to read.
    for path in sorted(Path(__file__).resolve().parent.rglob("*.py")):
        stat = path.stat()
        digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    for folder in rule_dirs:
        for path in sorted(Path(folder).rglob("*.y*ml")):
            digest.update(str(path).encode())
            digest.update(path.read_bytes())
    for path in registry_files:
        digest.update(Path(path).read_bytes() if Path(path).is_file() else b"missing")
    return digest.hexdigest()


def entry_key(path: str, data: bytes) -> str:
    return hex_digest(path.encode() + b"\0" + data)


def cache_folder(root: Path) -> Path:
    """The cache folder, created with the markers that keep it out of git and backups."""
    folder = root / CACHE_DIR
    if not (folder / ".gitignore").is_file():
        folder.mkdir(exist_ok=True)
        (folder / ".gitignore").write_text("# created by newslint\n*\n")
        (folder / "CACHEDIR.TAG").write_text("Signature: 8a477f597d28d172789f06886806bc55\n")
    remove_stale_temps(folder)
    return folder


def prefilter_file(root: Path) -> Path:
    """Where lint.matcher keeps its pattern analyses, named after the matcher's code."""
    from . import matcher

    stat = Path(matcher.__file__).stat()
    tag = hex_digest(f"{__version__}:{stat.st_size}:{stat.st_mtime_ns}".encode(), 6)
    return root / CACHE_DIR / f"prefilters-{tag}.json"


class Cache:
    def __init__(self, root: Path, fingerprint: str):
        self.folder = root / CACHE_DIR
        self.file = self.folder / f"results-{fingerprint}.json"
        self.entries: dict[str, dict] = {}
        self.used: dict[str, dict] = {}
        try:
            loaded = json.loads(self.file.read_text(encoding="utf-8"))
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
            cache_folder(self.folder.parent)
            for stale in self.folder.glob("results-*.json"):
                if stale != self.file:
                    stale.unlink(missing_ok=True)
            atomic_write(self.file, self._write)
        except OSError:
            pass  # a read-only checkout still lints; it just cannot remember
