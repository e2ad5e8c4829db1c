"""The one YAML loader for files newslint does not control: front matter, packs,
configs and source registries.

PyYAML's safe loaders build nothing but plain data (no tag constructs an object:
`!!python/object/apply:...` is an error). What they do not bound is size. An
alias (`*a`) is one node in the file but a whole copy of its anchor's tree to
anything that walks the data (str(), json.dumps, a rule's loop), so 3 KB of
nested aliases ("billion laughs") read as 10^9 strings. So the node tree is
composed first, its size counted as if every alias were copied (each node once,
memoised: microseconds for a bomb, since it has few nodes), and a document whose
aliases would add more than MAX_ALIAS_COPY characters is refused before anything
is built from it. A document longer than its caller's limit is refused unread.

libyaml (the C loader) is used where it is installed: ~10x faster, and it stops
at 1,000 levels of nesting itself; the pure-Python fallback gets a depth limit
here (it would otherwise recurse into a RecursionError after seconds).
"""
from __future__ import annotations

import os
import re
import stat

# What aliases may add to one document, counted as characters of copied scalars
# (a mapping or list counts 1): a pack may share a list or two by anchor; a
# bomb adds gigabytes.
MAX_ALIAS_COPY = 1_000_000
MAX_DEPTH = 200   # levels of nesting for the Python loader (libyaml stops at 1,000 itself)
FILE_LIMIT = 4_000_000     # bytes of a pack, config or registry (the shipped ones are under 50 KB)
FRONT_MATTER_LIMIT = 64_000  # characters of an article's front matter (real ones are a few lines)


class YamlError(ValueError):
    """Why a document was refused, in one line, and its 1-based line when known."""

    def __init__(self, problem: str, line: int | None = None):
        super().__init__(problem)
        self.problem = " ".join(problem.split())
        self.line = line

    def at(self, path: str, first_line: int = 1) -> str:
        """'path:line: invalid YAML: problem'; `first_line` is the file line of the text's first line."""
        where = f"{path}:{self.line + first_line - 1}" if self.line else str(path)
        return f"{where}: invalid YAML: {self.problem}"


def read_bytes(path: str, limit: int = FILE_LIMIT) -> bytes:
    """A YAML file's bytes, or YamlError when it is larger than `limit` (the rest is never read)
    or not a regular file (a FIFO named `x.yaml` in a rules folder must not block the run)."""
    # O_NONBLOCK: opening a FIFO must not wait for a writer that may never come.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise YamlError("not a regular file (a FIFO, socket or device)")
        raw = handle.read(limit + 1)
    if len(raw) > limit:
        raise YamlError(f"too large (over {limit:,} bytes)")
    return raw


def load(text: str, limit: int = FILE_LIMIT, dates_as_text: bool = False):
    """The data of one YAML document (None when empty), or YamlError.

    `dates_as_text`: `2025-07-12` stays the string the author wrote instead of a
    datetime.date (which the stock resolver also fails to build for 2025-13-40).
    """
    cls = _loader_class(base=False, dates_as_text=dates_as_text)
    loader = cls(_within(text, limit))
    try:
        node = _checked(loader, text)
        return None if node is None else loader.construct_document(node)
    except YamlError:
        raise
    except Exception as err:  # noqa: BLE001 - yaml.YAMLError, and ValueError/TypeError from constructors
        raise _error(err) from None
    finally:
        loader.dispose()


def compose(text: str, limit: int = FILE_LIMIT):
    """The node tree of one document (every scalar a string, tags ignored), or YamlError:
    for a reader that walks the nodes itself (the source registry keeps their lines)."""
    cls = _loader_class(base=True, dates_as_text=False)
    loader = cls(_within(text, limit))
    try:
        return _checked(loader, text)
    except YamlError:
        raise
    except Exception as err:  # noqa: BLE001 - as in load()
        raise _error(err) from None
    finally:
        loader.dispose()


def _within(text: str, limit: int) -> str:
    if len(text) > limit:
        raise YamlError(f"too large ({len(text):,} characters; at most {limit:,})")
    if not _C_LOADER:
        _check_flow_depth(text)
    return text


def _check_flow_depth(text: str) -> None:
    """For the Python loader: its scanner is quadratic in [ and { nesting (1,000 levels:
    1.4 s) before the composer's depth limit sees any of it. Brackets inside quotes count
    too: only a text of MAX_DEPTH unclosed ones is refused."""
    depth = 0
    for match in _BRACKETS.finditer(text):
        depth += 1 if match.group() in "[{" else -1
        if depth > MAX_DEPTH:
            line = text.count("\n", 0, match.start()) + 1
            raise YamlError(f"exceeded maximum nesting depth ({MAX_DEPTH} levels)", line)


def _checked(loader, text: str):
    node = loader.get_single_node()
    if node is not None and _MAY_ANCHOR.search(text):   # no anchor, no alias: nothing to count
        _check_copies(node)
    return node


def _check_copies(root) -> None:
    """Refuse a tree whose aliases add more than MAX_ALIAS_COPY characters, or that holds itself."""
    copied: dict[int, int] = {}    # id(collection node) -> its characters with every alias copied
    nodes: dict[int, object] = {}
    held = 1                       # the same for the file as written, each node once: the root so far
    seen_scalars: set[int] = set()
    on_path = {id(root)}           # collections whose children are being counted
    stack: list = [(root, _children(root))]
    # Depth-first without recursion (the nesting is the file's to choose); scalars,
    # most of the nodes, are counted where they stand rather than pushed.
    while stack:
        node, children = stack[-1]
        if children:
            child = children.pop()
            if child.id == "scalar":
                if id(child) not in seen_scalars:
                    seen_scalars.add(id(child))
                    held += 1 + len(child.value)
                continue
            key = id(child)
            if key in copied:
                continue
            if key in on_path:
                raise YamlError("an alias refers to a node that holds it (a recursive structure)", _line(child))
            on_path.add(key)
            held += 1
            stack.append((child, _children(child)))
            continue
        stack.pop()
        key = id(node)
        on_path.discard(key)
        nodes[key] = node
        copied[key] = 1 + sum(copied[id(c)] if c.id != "scalar" else 1 + len(c.value) for c in _child_nodes(node))
    if copied[id(root)] - held > MAX_ALIAS_COPY:
        # Name the line of the smallest node that alone is past the budget: the anchor that explodes.
        worst = min((size, key) for key, size in copied.items() if size > MAX_ALIAS_COPY)[1]
        raise YamlError(f"aliases expand to over {MAX_ALIAS_COPY:,} characters of copies "
                        "(a 'billion laughs' document?); write the values out", _line(nodes[worst]))


def _children(node) -> list:
    """A collection's child nodes still to visit (a fresh list: the walk pops it)."""
    return list(_child_nodes(node))


def _child_nodes(node):
    if node.id == "scalar":
        return ()
    if node.id == "sequence":
        return node.value
    return [part for pair in node.value for part in pair]


def _line(node) -> int | None:
    mark = getattr(node, "start_mark", None)
    return mark.line + 1 if mark is not None else None


def _error(err: Exception) -> YamlError:
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    problem = getattr(err, "problem", None) or getattr(err, "context", None) or f"{type(err).__name__}: {err}"
    return YamlError(problem, mark.line + 1 if mark is not None else None)


_CLASSES: dict[tuple[bool, bool], type] = {}
_C_LOADER = True   # until _loader_class finds libyaml missing
_BRACKETS = re.compile(r"[\[\]{}]")
# Where an anchor (&name) could start a node; a text without one holds no alias, and
# counting its nodes is ~30% of loading a pack. An "&" inside a quoted string may match
# too: that only costs the count.
_MAY_ANCHOR = re.compile(r"(?:^|[\s\[{,])&[^\s\[\]{},]", re.M)


def _loader_class(base: bool, dates_as_text: bool) -> type:
    """The C loader where libyaml is installed, else the Python one with a depth limit."""
    cls = _CLASSES.get((base, dates_as_text))
    if cls is not None:
        return cls
    global _C_LOADER
    import yaml  # ~20 ms; only when a document is read

    _C_LOADER = hasattr(yaml, "CSafeLoader")
    if base:
        cls = getattr(yaml, "CBaseLoader", None) or _depth_limited(yaml.BaseLoader)
    else:
        cls = getattr(yaml, "CSafeLoader", None) or _depth_limited(yaml.SafeLoader)
    if dates_as_text:
        cls = type("DatesAsText" + cls.__name__, (cls,), {})
        cls.yaml_implicit_resolvers = {
            first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
            for first, resolvers in cls.yaml_implicit_resolvers.items()
        }
    _CLASSES[(base, dates_as_text)] = cls
    return cls


def _depth_limited(loader: type) -> type:
    class DepthLimited(loader):
        _depth = 0

        def compose_node(self, parent, index):
            self._depth += 1
            try:
                if self._depth > MAX_DEPTH:
                    raise YamlError(f"exceeded maximum nesting depth ({MAX_DEPTH} levels)", self.peek_event().start_mark.line + 1)
                return super().compose_node(parent, index)
            finally:
                self._depth -= 1

    return DepthLimited
