"""The store of story features: compact in memory, the rest on disk until its story is read.

Grouping reads every file at once, but only a few things of each: the path, the
digest, the front-matter date and source, suppressions, and the four arrays of
hashed terms (~1.3 KB an article on the BBC corpus). That is what stays in
memory, as a StoryFeatures whose mentions are left empty. The mentions
themselves (numbers with their context, names, quotes, sentence prints: ~4 KB
an article as JSON) are needed only for the files of one story group at a time,
and only for the ~40% of files that share a story; they wait on disk, as the
JSON text the worker made, and are parsed again when asked for. Memory then
grows by ~2 KB an article instead of ~40, whatever the text holds.
"""
from __future__ import annotations

import io
import json
from collections import OrderedDict

from .features import StoryFeatures

SPILL_AFTER = 8 << 20     # bytes of JSON kept in memory before they move to a temporary file
RECENT = 256              # full features kept parsed (an original is checked against each of its versions)


class FeatureStore:
    def __init__(self) -> None:
        self.light: list[StoryFeatures] = []      # every file's grouping features, in the order added
        self._where: dict[int, tuple[int, int]] = {}   # id(light record) -> (offset, length) of its JSON
        self._file: io.BufferedIOBase = io.BytesIO()
        self._spilled = False
        self._end = 0
        self._recent: OrderedDict[int, StoryFeatures] = OrderedDict()

    def add(self, text: str) -> None:
        """One file's features as the JSON text the worker made; ValueError (or TypeError,
        KeyError, AttributeError) when it is not one: the caller lints the file again."""
        full = StoryFeatures.from_json(json.loads(text))
        light = full._replace(numbers=(), names=(), quotes=(), sentences=(), credits=())
        raw = text.encode("utf-8")
        if not self._spilled and self._end + len(raw) > SPILL_AFTER:
            import tempfile   # ~6 ms of imports, paid only by a run this big

            disk = tempfile.TemporaryFile(prefix="newslint-features-")
            disk.write(self._file.getbuffer()[:self._end])
            self._file, self._spilled = disk, True
        self._file.seek(self._end)
        self._file.write(raw)
        self._where[id(light)] = (self._end, len(raw))
        self._end += len(raw)
        self.light.append(light)

    def __len__(self) -> int:
        return len(self.light)

    def full(self, light: StoryFeatures) -> StoryFeatures:
        """The complete features of a file, from its grouping record."""
        key = id(light)
        found = self._recent.get(key)
        if found is not None:
            self._recent.move_to_end(key)
            return found
        offset, length = self._where[key]
        self._file.seek(offset)
        found = StoryFeatures.from_json(json.loads(self._file.read(length)))
        self._recent[key] = found
        if len(self._recent) > RECENT:
            self._recent.popitem(last=False)
        return found

    def close(self) -> None:
        self._file.close()
