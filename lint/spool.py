"""A run's results kept out of memory: written as each file is linted, read back in the order a report needs.

An archive audit lints tens of thousands of files, and a report is written only
after the last one (the cross-file findings and the stories come at the end).
Held as objects, results cost ~40 KB an article (findings, notes, the sourcing
profile); here each is pickled into a buffer that moves to an anonymous
temporary file past SPILL_AFTER bytes, and memory keeps one small entry a file:
its path, where its record lies and whether it failed. Reading a result back is
a seek and an unpickle.

Two orders are served: the order the files were given (the `files` list of the
JSON, notes and errors) and path order (findings are sorted by path first, so
the report's sorted findings are each path's findings in turn). Findings added
later (reading the articles together) are kept per path and merged on reading;
`view` is applied to every result read (the --corpus-only filter, a baseline).
"""
from __future__ import annotations

import io
import pickle
from typing import Callable, Iterator

from .finding import Finding
from .runner import FileResult

SPILL_AFTER = 8 << 20   # bytes of records kept in memory before they move to a temporary file


class Spool:
    def __init__(self) -> None:
        self._file: io.BufferedIOBase = io.BytesIO()
        self._spilled = False
        self._end = 0
        self._entries: list[tuple[str, int, int]] = []    # (path, offset, length), in arrival order
        self.errors: list[tuple[str, str]] = []          # (path, error) of the results that failed
        self._added: dict[int, list[Finding]] = {}       # entry -> findings added after the file was linted
        self.view: Callable[[FileResult], FileResult] | None = None

    def add(self, result: FileResult) -> None:
        record = pickle.dumps((result.path, result.findings, result.notes, result.error, result.data,
                               result.internal), protocol=pickle.HIGHEST_PROTOCOL)
        if not self._spilled and self._end + len(record) > SPILL_AFTER:
            self._spill()
        self._file.seek(self._end)
        self._file.write(record)
        self._entries.append((result.path, self._end, len(record)))
        self._end += len(record)
        if result.error:
            self.errors.append((result.path, result.error))

    def _spill(self) -> None:
        import tempfile   # ~6 ms of imports, paid only by a run this big

        disk = tempfile.TemporaryFile(prefix="newslint-results-")
        disk.write(self._file.getbuffer()[:self._end])
        self._file, self._spilled = disk, True

    def add_findings(self, found: dict[str, list[Finding]]) -> None:
        """Findings made after the files were linted, by path; a path linted twice gets them
        on its last result, as a dict of results by path would."""
        last = {path: index for index, (path, _, _) in enumerate(self._entries) if path in found}
        for path, index in last.items():
            self._added.setdefault(index, []).extend(found[path])

    def __len__(self) -> int:
        return len(self._entries)

    def paths(self) -> Iterator[str]:
        return (path for path, _, _ in self._entries)

    def _read(self, index: int, view: bool = True) -> FileResult:
        _, offset, length = self._entries[index]
        self._file.seek(offset)
        path, findings, notes, error, data, internal = pickle.loads(self._file.read(length))
        result = FileResult(path, findings, notes, error, data, None, internal)
        added = self._added.get(index)
        if added:
            result.findings = sorted(findings + added, key=Finding.sort_key)
        return self.view(result) if view and self.view else result

    def results(self) -> Iterator[FileResult]:
        """Every result, in the order the files were added."""
        for index in range(len(self._entries)):
            yield self._read(index)

    def by_path(self, shown: Callable[[str], str] = str) -> Iterator[list[FileResult]]:
        """The results of each path, in the order of the paths as `shown` (a path linted twice,
        e.g. standard input named like a file, gives its results together)."""
        names = [shown(path) for path, _, _ in self._entries]
        order = sorted(range(len(self._entries)), key=names.__getitem__)
        at = 0
        while at < len(order):
            name = names[order[at]]
            same = []
            while at < len(order) and names[order[at]] == name:
                same.append(self._read(order[at]))
                at += 1
            yield same

    def by_first_arrival(self, shown: Callable[[str], str] = str) -> Iterator[list[FileResult]]:
        """The results of each path, the paths (as `shown`) in the order they first arrived."""
        indexes: dict[str, list[int]] = {}
        for index, (path, _, _) in enumerate(self._entries):
            indexes.setdefault(shown(path), []).append(index)
        for same in indexes.values():
            yield [self._read(index) for index in same]

    def close(self) -> None:
        self._file.close()
