"""Find the files to lint and lint each one: the part of a run between CLI and reporters.

Linting a file is a pure function of its bytes, its path and the loaded rules,
which is what lets the cache and the worker processes share it.
"""
from __future__ import annotations

import fnmatch
import json
import os
import stat
from typing import Iterator

from . import reader, selection
from .config import Settings
from .engine import lint_document
from .errors import debugging, internal_error
from .finding import Finding, severity_rank
from .rulepack import Pack, Rule

SKIP_DIRS = frozenset({".git", "node_modules", "__pycache__", ".newslint_cache", "venv", ".venv"})


class FileResult:
    """One file's outcome; the report and the cache read it, read_together adds to it."""

    def __init__(self, path: str, findings: list[Finding] | None = None, notes: list[str] | None = None,
                 error: str | None = None, data: dict | None = None, features: str | None = None,
                 internal: bool = False):
        self.path = path
        self.findings = findings if findings is not None else []
        self.notes = notes if notes is not None else []
        self.error = error
        self.data = data if data is not None else {}   # per-file data kinds reported (Context.report)
        self.features = features   # what the cross-file checks need (lint.corpus), as JSON text
        self.internal = internal   # the error is a bug in newslint: not kept in the cache

    def __repr__(self) -> str:
        return f"FileResult({self.path!r}, {len(self.findings)} findings, error={self.error!r})"


def discover(paths: list[str], settings: Settings) -> tuple[list[str], list[str], list[str]]:
    """Files to lint, in a stable order; one-line errors for paths given that cannot be
    linted; one-line notes for what a folder held that is not a regular file (skipped)."""
    extensions = {e if e.startswith(".") else "." + e for e in settings.extensions} or reader.DEFAULT_EXTENSIONS
    files, errors, skipped = [], [], []
    for given in paths:
        try:
            mode = os.stat(given).st_mode
        except (OSError, ValueError):   # ValueError: a NUL in the name
            errors.append(f"{given}: no such file or folder")
            continue
        if stat.S_ISDIR(mode):
            files.extend(_walk(given, extensions, settings.exclude, skipped))
        elif _excluded(given, settings.exclude):
            continue
        elif stat.S_ISREG(mode):
            files.append(given)
        else:   # named on the command line: say what it is, never wait on it
            errors.append(f"{given}: {reader.what_it_is(mode)}, not a regular file; skipped")
    return list(dict.fromkeys(files)), errors, skipped


def _walk(root: str, extensions: set[str], exclude: list[str], skipped: list[str]) -> list[str]:
    found = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(
            d for d in dirs
            if not d.startswith(".") and d not in SKIP_DIRS and not _excluded(os.path.join(folder, d), exclude)
        )
        for name in sorted(names):
            full = os.path.join(folder, name)
            if not name.startswith(".") and os.path.splitext(name)[1].lower() in extensions and not _excluded(full, exclude):
                kind = _not_regular(full)
                if kind:
                    skipped.append(f"{full}: {kind}, not a regular file; skipped")
                else:
                    found.append(full)
    return found


def _not_regular(path: str) -> str | None:
    """What `path` is when it is no regular file (a FIFO would hang the read); None for a file."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None   # a dangling link: reading it reports the error
    return None if stat.S_ISREG(mode) else reader.what_it_is(mode) or "a folder"


def _excluded(path: str, patterns: list[str]) -> bool:
    normalized = path.replace("\\", "/").removeprefix("./")
    return any(
        fnmatch.fnmatch(normalized, p) or fnmatch.fnmatch(normalized, f"*/{p}") or fnmatch.fnmatch(normalized, f"{p}/*")
        or fnmatch.fnmatch(normalized, f"*/{p}/*")
        for p in patterns
    )


def load_registry(settings: Settings):
    """The shipped source registry, with the config's registry files merged over it."""
    from . import registry

    loaded = registry.default_registry()
    for path in settings.registry:
        loaded = loaded.merged(registry.load_registry(path))
    return loaded


class Linter:
    """The selected rules, with the config's severity overrides applied."""

    def __init__(self, packs: list[Pack], settings: Settings, corpus: bool = True):
        self.settings = settings
        self.known_rules = [rule for pack in packs for rule in pack.rules]
        self.min_rank = severity_rank(settings.min_severity)
        rules = [
            rule._replace(severity=settings.severity.get(rule.code, rule.severity))
            for pack in packs for rule in pack.rules
            if selection.enabled(rule, settings.select, settings.extend_select, settings.ignore)
        ]
        # A rule whose findings would all be hidden by --min-severity need not run.
        if not corpus:
            rules = [r for r in rules if r.kind.name != "corpus"]
        self.rules: list[Rule] = [r for r in rules if severity_rank(r.severity) >= self.min_rank]
        self.corpus_rules = [r for r in self.rules if r.kind.name == "corpus"]
        # Loaded up front (a broken registry must stop the run before any file),
        # but only when a selected rule names sources.
        self.registry = load_registry(settings) if any(r.kind.needs_registry for r in self.rules) else None

    def rules_for(self, path: str) -> list[Rule]:
        if not self.settings.per_path_ignores:
            return self.rules
        source = self.settings.source
        base = os.path.dirname(os.path.abspath(source)) if source else None
        ignored = selection.ignored_for_path(path, self.settings.per_path_ignores, base)
        if not ignored:
            return self.rules
        return [r for r in self.rules if not any(selection.selects(s, r) for s in ignored)]

    def lint_stream(self, path: str, stream, kind: str | None = None) -> FileResult:
        """Lint what `stream` (standard input) holds, reported as `path`."""
        try:
            data = reader.read_limited(stream, path, self.settings.max_file_size)
        except reader.InputError as err:
            return FileResult(path, error=str(err))
        except OSError as err:
            return FileResult(path, error=f"{path}: cannot read ({err.strerror or err})")
        return self.lint_bytes(path, data, kind)

    def lint_bytes(self, path: str, data: bytes, kind: str | None = None, meta: dict | None = None) -> FileResult:
        """One file's result; a bug met on the way is that file's one-line error, never the run's end."""
        try:
            return self._lint_bytes(path, data, kind, meta)
        except Exception as err:
            if debugging():
                raise
            return FileResult(path, error=internal_error(err, path), internal=True)

    def _lint_bytes(self, path: str, data: bytes, kind: str | None, meta: dict | None = None) -> FileResult:
        try:
            doc = reader.parse(path, data, kind, meta)
        except reader.InputError as err:
            return FileResult(path, error=str(err))
        notes = list(doc.notes)
        if not doc.text.strip():
            notes.append("empty file, nothing to lint")
            return FileResult(path, notes=notes)
        found, data = lint_document(doc, self.rules_for(path), self.registry, self.known_rules)
        findings = [f for f in found if severity_rank(f.severity) >= self.min_rank]
        features = None
        if self.corpus_rules:
            from .corpus import extract

            # As JSON text: ~5 KB a file, where the same as Python dicts and
            # lists held in the parent until the end of a run cost ~4x that.
            features = json.dumps(extract(doc, found).to_json(), ensure_ascii=False, separators=(",", ":"))
        return FileResult(path, findings, notes, data=data, features=features)

    def lint_path(self, path: str) -> FileResult:
        try:
            data = reader.read_bytes(path, self.settings.max_file_size)
        except reader.InputError as err:
            return FileResult(path, error=str(err))
        return self.lint_bytes(path, data)


# -- many files: cache, worker processes, progress ---------------------------------

# Below this many files to lint, starting worker processes costs more than it saves.
PARALLEL_MIN_FILES = 48
CHUNK_FILES = 64     # files a worker is sent at a time, at most
WINDOW = 4           # chunks a worker may have waiting

_WORKER_LINTER: Linter | None = None


def _init_worker(linter: Linter) -> None:
    global _WORKER_LINTER
    _WORKER_LINTER = linter


def _lint_chunk(jobs: list[tuple[str, bytes]]) -> list[FileResult]:
    return [_WORKER_LINTER.lint_bytes(path, data) for path, data in jobs]


def default_jobs() -> int:
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def lint_files(linter: Linter, files: list[str], jobs: int, cache=None, on_done=None) -> list[FileResult]:
    """Lint files in order; results are the same, and in the same order, whatever `jobs` is."""
    return list(iter_lint_files(linter, files, jobs, cache, on_done))


def iter_lint_files(linter: Linter, files: list[str], jobs: int, cache=None, on_done=None) -> Iterator[FileResult]:
    """Each file's result, in the order of `files`, as soon as it and those before it are done.

    A file is read when its turn to be linted comes, not before: an archive's
    bytes never sit in memory together, only a few chunks' worth in flight.
    """
    from .cache import entry_key

    def prepared():
        for path in files:
            try:
                data = reader.read_bytes(path, linter.settings.max_file_size)
            except reader.InputError as err:
                yield path, b"", None, FileResult(path, error=str(err))
                continue
            key = entry_key(path, data)
            cached = cache.get(key, path) if cache else None
            yield path, data, key, cached

    def done(result: FileResult, key: str | None, fresh: bool) -> FileResult:
        if fresh and cache and key and not result.internal:
            cache.put(key, result)
        if on_done and key:
            on_done()
        return result

    if jobs <= 1 or len(files) < PARALLEL_MIN_FILES:
        for path, data, key, ready in prepared():
            yield done(ready or linter.lint_bytes(path, data), key, ready is None)
        return
    yield from _in_workers(linter, prepared(), done, jobs, len(files))


class _Chunk:
    """Files sent to a worker together; `future` once sent."""

    def __init__(self) -> None:
        self.jobs: list[tuple[str, bytes]] = []
        self.future = None


def _in_workers(linter: Linter, prepared, done, jobs: int, total: int) -> Iterator[FileResult]:
    import multiprocessing
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    # fork shares the loaded packs with the workers for free where it exists.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    # Small chunks (~35 files for 2,225 on two cores): the last one is what one
    # worker still chews on while the other idles. Three runs each, x8 vs x32
    # chunks a worker: 8.2 s vs 8.0 s on average, within this machine's noise.
    # At most CHUNK_FILES, and WINDOW chunks a worker in flight, so what waits to be
    # linted (the files' bytes) stays a few MB however many files there are.
    size = min(CHUNK_FILES, max(1, total // (jobs * 32)))
    queue: deque = deque()        # in file order: (result, key, fresh) or (chunk, position, key)
    sent: deque = deque()         # chunks sent and not yet read back
    building = _Chunk()
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_init_worker, initargs=(linter,)) as pool:
        def send() -> None:
            nonlocal building
            if building.jobs:
                building.future = pool.submit(_lint_chunk, building.jobs)
                sent.append(building)
                building = _Chunk()

        def drain(until_sent: int) -> Iterator[FileResult]:
            while queue and (len(sent) > until_sent or not isinstance(queue[0][0], _Chunk)):
                head = queue.popleft()
                if not isinstance(head[0], _Chunk):
                    yield done(*head)
                    continue
                chunk, position, key = head
                if chunk.future is None:
                    send()
                results = chunk.future.result()
                if position == len(results) - 1:
                    sent.remove(chunk)
                    chunk.jobs = []
                yield done(results[position], key, True)

        for path, data, key, ready in prepared:
            if ready is not None or key is None:
                queue.append((ready, key, False))
            else:
                queue.append((building, len(building.jobs), key))
                building.jobs.append((path, data))
                if len(building.jobs) >= size:
                    send()
            yield from drain(WINDOW * jobs)
        send()
        yield from drain(0)


def lint_exports(linter: Linter, exports: list[str], errors: list[str], input_format: str | None = None,
                 text_field: str | None = None, id_field: str | None = None) -> list[FileResult]:
    """Every record of every export (lint/records.py), linted as an article; a bad record
    or an unreadable export is a one-line error added to `errors`."""
    return list(iter_exports(linter, exports, errors, input_format, text_field, id_field))


def iter_exports(linter: Linter, exports: list[str], errors: list[str], input_format: str | None = None,
                 text_field: str | None = None, id_field: str | None = None) -> Iterator[FileResult]:
    from .records import Record, format_for, records

    for path in exports:
        try:
            data = reader.read_bytes(path, linter.settings.max_file_size)
        except reader.InputError as err:
            errors.append(str(err))
            continue
        for record in records(path, data, format_for(path, input_format), text_field, id_field):
            if isinstance(record, Record):
                yield linter.lint_bytes(record.name, record.data, record.kind, record.meta)
            else:
                errors.append(record.message)


def store_features(linter: Linter, store, result: FileResult) -> FileResult:
    """Move a result's story features into the store (lint/corpus/store.py); a damaged
    cache entry's are made again by linting the file anew, never fatal."""
    if result.features:
        try:
            store.add(result.features)
        except (ValueError, TypeError, KeyError, AttributeError):
            result = linter.lint_path(result.path)
            if result.features:
                store.add(result.features)
    result.features = None
    return result


def read_stored(linter: Linter, store, one_story: bool = False, cache=None
                ) -> tuple[dict[str, list[Finding]], list[list[str]]]:
    """The cross-file checks over the stored features: (path -> the findings to add to its
    result, the stories).

    With a cache, an unchanged set of files reuses the last result: comparing
    2,225 articles takes seconds, reading the answer does not.
    """
    if not linter.corpus_rules or len(store) < 2:
        return {}, []
    key = cache.corpus_key(one_story) if cache else None
    cached = cache.get_corpus(key) if cache else None
    if cached is None:
        from .corpus import check

        outcome = check(store.light, linter.corpus_rules, one_story, store.full)
        cached = (outcome.findings, outcome.groups)
        if cache:
            cache.put_corpus(key, *cached)
    found, groups = cached
    by_path: dict[str, list[Finding]] = {}
    for finding in found:
        if (severity_rank(finding.severity) >= linter.min_rank
                and any(rule.code == finding.rule for rule in linter.rules_for(finding.path))):
            by_path.setdefault(finding.path, []).append(finding)
    return by_path, groups


def read_together(linter: Linter, results: list[FileResult], one_story: bool = False, cache=None) -> list[list[str]]:
    """Run the cross-file checks over every linted file; add their findings; return the stories."""
    from .corpus.store import FeatureStore

    store = FeatureStore()
    results[:] = [store_features(linter, store, r) for r in results]
    found, groups = read_stored(linter, store, one_story, cache)
    store.close()
    by_path = {r.path: r for r in results}
    for path, findings in found.items():
        if path in by_path:
            by_path[path].findings.extend(findings)
    for result in results:
        result.findings.sort(key=Finding.sort_key)
    return groups
