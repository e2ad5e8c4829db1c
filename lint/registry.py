"""Source registry: the news outlets an article may cite and how far to trust them.

The shipped registry is ``rules/sources.yaml`` (installed as ``lint/rules/sources.yaml``);
its header comment documents the file format. This module loads and validates such a
file, looks sources up by name, alias or domain, and compiles one regular expression
that finds any of them in text.

Matching rules (``Registry.matcher``):

* word-bounded on both sides (``(?<!\\w)`` / ``(?!\\w)``), so "(Reuters/File)",
  "PTI's" and "www.dawn.com" match but "APPLE" does not match "APP";
* case: an all-caps word of an alias (an acronym: "AP", "PTI", "(PID)", "X") must be
  upper-case in the text, and so must the first letter of the alias (after a leading
  "The") when it is upper-case; every other letter matches in any case. So "an ap of",
  "the sun rose", "at dawn" and "a medium-sized" do not match, while "REUTERS",
  "Dawn news", "Youtube" and "DAWN.COM" do; domains match in any case;
* a leading "The" matches in any case ("according to the Sun");
* a space or hyphen in an alias matches any run of white space (line breaks and
  no-break spaces included) or hyphens: "Al Jazeera" matches "Al-Jazeera";
* where aliases overlap at one position the longest wins ("Dawn News" over "Dawn").

``Registry.source_for(matched_text)`` maps the text of a match back to its source, and
``Registry.needs_context(matched_text)`` says whether that alias is one of the source's
``context_required`` aliases (ambiguous: count it only next to a citation cue).
"""

from __future__ import annotations

import functools
import os
import re
from types import MappingProxyType
from typing import Any, Iterator, Mapping, NamedTuple


from . import compiled_regex
from .errors import UserError

__all__ = [
    "RegistryError",
    "Source",
    "Registry",
    "load_registry",
    "default_registry",
    "TYPES",
    "TIERS",
    "ROLES",
    "is_agency",
]

TYPES = (
    "wire",
    "newspaper",
    "broadcaster",
    "state-media",
    "government",
    "press-release",
    "aggregator",
    "social-platform",
    "blog",
    "magazine",
    "news-site",
)
TIERS = ("generally-reliable", "no-consensus", "generally-unreliable", "deprecated")
# Types of the news outlets a credit can name (not platforms, blogs, press offices).
NEWS_TYPES = ("wire", "newspaper", "broadcaster", "state-media", "magazine", "news-site")
# A state outlet is a news agency when one of its names says so ("Xinhua News Agency",
# "Anadolu Agency", "Agência Brasil", "Maghreb Arabe Presse", "Prensa Latina", "Bangladesh
# Sangbad Sangstha", "Associated Press of Pakistan"); a state broadcaster (CGTN, Press TV) is not.
_AGENCY_WORD_RE = compiled_regex.compile(
    r"(?i)(?<!\w)(?:agency|agence|agencia|agência|agenzia|agentur|ajans[ıi]|presse|prensa|sangstha|samiti"
    r"|associated press|press service|news service)(?!\w)")


def is_agency(src: "Source") -> bool:
    """A news agency: type wire, or state media named as an agency (see _AGENCY_WORD_RE)."""
    return src.type == "wire" or (
        src.type == "state-media" and any(_AGENCY_WORD_RE.search(n) for n in (src.name, *src.aliases))
    )


# Roles a rule pattern can name ({AGENCY}, {OUTLET}, ...; lint/kinds/credit_line.py):
# which entries of the registry a name in each one may belong to.
ROLES = {
    "agency": is_agency,
    "outlet": lambda src: src.type in NEWS_TYPES,
    "aggregator": lambda src: src.type == "aggregator",
    "issuer": lambda src: src.type in ("government", "press-release"),
}

_REQUIRED = ("name", "type", "tier", "rationale")
_ENTRY_KEYS = _REQUIRED + ("aliases", "domains", "country", "reviewed", "context_required")
_TOP_KEYS = ("version", "reviewed", "sources")

_SEP_RE = compiled_regex.compile("[\\s\\-\u2010-\u2013]+")  # a run of white space, hyphens or dashes
_HOST_RE = compiled_regex.compile(r"^(?!-)[a-z0-9-]+(?:\.[a-z0-9-]+)+$")
_COUNTRY_RE = compiled_regex.compile(r"^[A-Z]{2}$")
_DATE_RE = compiled_regex.compile(r"^\d{4}-\d{2}-\d{2}$")
_SCHEME_RE = compiled_regex.compile(r"^[a-z][a-z0-9+.\-]*://")


class RegistryError(UserError, ValueError):
    """A registry file (or a merge of registries) is invalid. The message names the file,
    the line where known, the entry (by name and 1-based index) and the key."""


_KEY_TABLE = str.maketrans({"\u2019": "'", "-": " ", "\u2010": " ", "\u2011": " ", "\u2012": " ", "\u2013": " "})


def _key(text: str) -> str:
    """Normalized lookup key: case-folded, curly apostrophe straightened, runs of white
    space and hyphens collapsed to one space, a leading 'the ' dropped."""
    k = text.casefold()
    if "-" in k or not k.isascii():   # translate only when there is something to change (speed)
        k = k.translate(_KEY_TABLE)
    k = " ".join(k.split())
    return k[4:] if k.startswith("the ") else k


class Source(NamedTuple):
    name: str
    type: str
    tier: str
    rationale: str
    reviewed: str  # ISO date, YYYY-MM-DD
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    country: str | None = None
    context_required: tuple[str, ...] = ()

    def names(self) -> tuple[str, ...]:
        """Name, aliases and domains, without repeats (first spelling kept)."""
        seen: dict[str, str] = {}
        for text in (self.name, *self.aliases, *self.domains):
            seen.setdefault(_key(text), text)
        return tuple(seen.values())


class Registry:
    """The sources newslint knows, with lookup tables derived from them. Equal when
    the sources are; the tables take no part in equality, hashing or repr."""

    __slots__ = ("sources", "_index", "_context_keys", "_matcher")

    def __init__(self, sources: tuple[Source, ...] = ()) -> None:
        sources = tuple(sources)
        index: dict[str, Source] = {}
        for src in sources:
            for text in (src.name, *src.aliases, *src.domains):   # each key once (names() would key twice)
                k = _key(text)
                other = index.get(k)
                if other is not None and other is not src:
                    raise RegistryError(
                        f"source {src.name!r}: {_what(src, text)} {text!r} is also used by "
                        f"source {other.name!r}"
                    )
                index[k] = src
        self.sources = sources
        self._set_index(index)

    @classmethod
    def _checked(cls, sources: tuple[Source, ...], index: dict[str, Source]) -> "Registry":
        """Build from an index the caller has already checked for conflicts."""
        self = object.__new__(cls)
        self.sources = sources
        self._set_index(index)
        return self

    def _set_index(self, index: dict[str, Source]) -> None:
        self._index = MappingProxyType(index)
        self._context_keys = frozenset(_key(a) for src in self.sources for a in src.context_required)
        self._matcher = None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Registry) and self.sources == other.sources

    def __hash__(self) -> int:
        return hash(self.sources)

    def __repr__(self) -> str:
        return f"Registry(sources={self.sources!r})"

    def __len__(self) -> int:
        return len(self.sources)

    def __iter__(self) -> Iterator[Source]:
        return iter(self.sources)

    @property
    def index(self) -> Mapping[str, Source]:
        """Read-only map from normalized name/alias/domain (see ``source_for``) to Source."""
        return self._index

    def lookup(self, name: str) -> Source | None:
        """Source by name, alias or domain: case-insensitive, a leading "the " ignored.
        A URL or host name also works: "https://www.dawn.com/news/1" and
        "images.dawn.com" find Dawn (parent domains are tried)."""
        if not name:
            return None
        text = name.strip().strip("\"'()[]<>")
        src = self._index.get(_key(text))
        if src is not None:
            return src
        host = _host(text)
        while host and "." in host:
            src = self._index.get(host)
            if src is not None:
                return src
            host = host.split(".", 1)[1]
        return None

    def source_for(self, matched_text: str) -> Source | None:
        """The source a match of ``matcher()`` belongs to (``m.group()`` -> Source)."""
        return self._index.get(_key(matched_text))

    def needs_context(self, matched_text: str) -> bool:
        """True if the matched alias is ambiguous (listed in its source's
        ``context_required``) and should count only next to a citation cue."""
        return _key(matched_text) in self._context_keys

    def matcher(self) -> "re.Pattern[str]":
        """One compiled pattern (stdlib ``re``) matching any name, alias or domain (see
        the module doc for the case rules); where aliases overlap the longer one wins.
        Map a match back with ``source_for(m.group())``. Compiled once and cached (and
        kept on the registry: hashing the sources to find it again costs ~1 ms)."""
        if self._matcher is None:
            self._matcher = _compile_matcher(self.sources)
        return self._matcher

    def merged(self, other: "Registry") -> "Registry":
        """A registry with ``other``'s entries replacing same-name entries (compared
        case-insensitively) in place and new ones appended. Raises RegistryError if an
        alias of the result belongs to two entries."""
        out = list(self.sources)
        position = {_key(s.name): i for i, s in enumerate(out)}
        for src in other.sources:
            k = _key(src.name)
            if k in position:
                out[position[k]] = src
            else:
                position[k] = len(out)
                out.append(src)
        return Registry(tuple(out))


def _what(src: Source, text: str) -> str:
    if text == src.name:
        return "name"
    if text in src.domains:
        return "domain"
    return "alias"


def _host(text: str) -> str | None:
    t = _SCHEME_RE.sub("", text.strip().lower())
    for stop in "/?#":
        t = t.split(stop, 1)[0]
    t = t.rsplit("@", 1)[-1].split(":", 1)[0].rstrip(".")
    if t.startswith("www."):
        t = t[4:]
    return t if _HOST_RE.match(t) else None


# ----------------------------------------------------------------------------- matcher
#
# The pattern is a prefix trie of all names, aliases and domains, compiled with the
# stdlib ``re`` under a global (?i); the letters an alias pins (see the module doc) are
# wrapped in (?-i:...). Python's regex parser is pure Python and linear in pattern
# length, so the encoding is kept short: a trie, few pinned letters, one short class
# for separators. That keeps compiling at ~10-15 ms and matching at ~0.1 ms per KB;
# the `regex` module takes several times longer to compile an equivalent pattern.

_SEP_TOKEN = "[-\\s]+"
_END = ""  # trie key marking that an alias ends at this node
# Canonical alias text, one character per trie step: a pinned letter is upper-case, a
# free letter lower-case, "\0" stands for a separator run and "\1" for an apostrophe.
_SEP_MARK, _APOS_MARK = "\0", "\1"
_CANON_TABLE = str.maketrans({"'": _APOS_MARK, "\u2019": _APOS_MARK})


def _canonical(alias: str) -> str:
    words = [w for w in _SEP_RE.split(alias.strip()) if w]
    out = []
    if len(words) > 1 and words[0].lower() == "the":  # a leading "The" matches in any case
        out.append("the")
        words = words[1:]
    for i, word in enumerate(words):
        if word.isupper() or not any(c.islower() or c.isupper() for c in word):
            out.append(word)  # acronym (AP, PTI, (PID), X,): pinned as written
        elif i == 0 and word[0].isupper():
            out.append(word[0] + word[1:].lower())  # first letter pinned
        else:
            out.append(word.lower())
    return _SEP_MARK.join(out).translate(_CANON_TABLE)


def _atom(ch: str) -> str:
    if ch == _SEP_MARK:
        return _SEP_TOKEN
    if ch == _APOS_MARK:
        return "['\u2019]"
    if ch.isupper():
        return f"(?-i:{re.escape(ch)})"
    return re.escape(ch)


def _emit(node: dict, exact: bool) -> str:
    """Regex for a trie node. Greedy optional endings make a longer alias win over a
    shorter one on the same path ("Dawn News" over "Dawn"). The only siblings that can
    match the same character are a free letter, d (domains, "The ..." aliases, names
    written in lower case), and a pinned one, (?-i:D).

    Fast form (exact=False): the free branch goes first. For the shipped registry that
    is the longest match ("Dawn.com" whole, and "Dawn News" falls back to the pinned
    branch); _compile_matcher verifies it and otherwise rebuilds in exact form.
    Exact form: the free aliases are merged into the pinned branch and the free branch
    is pinned lower-case, (?-i:d), so siblings are disjoint and the longest alias always
    wins, at the cost of a longer pattern."""
    split = set()
    if exact:
        split = {k.lower() for k in node if k != _END and k.isupper() and k.lower() in node and k.lower() != k}
    free: list[str] = []
    pinned: list[str] = []
    for key, child in node.items():
        if key == _END:
            continue
        if key in split:  # free letter that also has a pinned sibling: pin it lower-case
            pinned.append(_join(f"(?-i:{re.escape(key)})", _emit(child, exact)))
            continue
        if key.isupper() and key.lower() in split:
            child = _merged(child, node[key.lower()])
        atom = _atom(key)
        if atom.startswith("(?-i:"):
            pinned.append(_join(atom, _emit(child, exact)))
        else:
            free.append(atom + _emit(child, exact))
    branches = sorted(free) + sorted(pinned)
    if not branches:
        return ""
    ends = _END in node
    if len(branches) == 1 and not ends:
        return branches[0]
    body = "(?:" + "|".join(branches) + ")"
    return body + "?" if ends else body


def _merged(a: dict, b: dict) -> dict:
    """A new trie with the aliases of both (inputs untouched: subtrees may be shared)."""
    out = dict(a)
    for key, sub in b.items():
        out[key] = _merged(out[key], sub) if key in out and key != _END else sub
    return out


def _join(pinned: str, rest: str) -> str:
    # "(?-i:P)" + "(?-i:TI)..." -> "(?-i:PTI)...": fewer groups, shorter pattern.
    if rest.startswith("(?-i:"):
        return pinned[:-1] + rest[5:]
    return pinned + rest


@functools.lru_cache(maxsize=8)
def _compile_matcher(sources: tuple[Source, ...]) -> "re.Pattern[str]":
    texts = sorted({t for src in sources for t in (src.name, *src.aliases, *src.domains)})
    return compiled_regex.compile(compiled_regex.built(_matcher_pattern, texts))


def _matcher_pattern(texts: list[str]) -> str:
    root: dict = {}
    for canon in {_canonical(t) for t in texts}:
        node = root
        for ch in canon:
            node = node.setdefault(ch, {})
        node[_END] = {}
    if not root:
        return r"(?!)"
    fast = r"(?i)(?<!\w)" + _emit(root, exact=False) + r"(?!\w)"
    pattern = compiled_regex.compile(fast)
    for text in texts:  # each spelling must be found whole, else use the exact form
        m = pattern.match(text)
        if m is None or m.end() != len(text):
            return r"(?i)(?<!\w)" + _emit(root, exact=True) + r"(?!\w)"
    return fast


# ----------------------------------------------------------------------------- loading

# The base loader (C if available) only parses and composes: no YAML 1.1 implicit
# typing, so "NO" (Norway) stays a string and a date stays text until validated.
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT_RE = compiled_regex.compile(r"^[-+]?[0-9]+$")

Lines = dict  # id(mapping) -> (line of the mapping, {key: line of the key})


class _YamlProblem(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def _parse(text: str) -> tuple[Any, Lines]:
    """YAML text -> Python data, plus the line of every mapping and key.

    The loader only composes the node tree; this walk builds the data, records lines,
    rejects duplicate keys and resolves plain scalars by the YAML 1.2 core rules (null,
    true/false, integers; everything else, dates included, stays a string)."""
    from . import safe_yaml  # only for a registry the snapshot does not hold (lint/snapshot.py)

    node = safe_yaml.compose(text)
    lines: Lines = {}
    data = None if node is None else _walk(node, lines, {})
    return data, lines


def _walk(node, lines: Lines, memo: dict) -> Any:
    if node.id == "scalar":
        value = node.value
        if not node.style:  # plain (unquoted): None from PyYAML, "" from the C parser
            if value in _NULLS:
                return None
            if value in _BOOLS:
                return _BOOLS[value]
            if _INT_RE.match(value):
                return int(value)
        return value
    done = memo.get(id(node))
    if done is not None:  # YAML alias (*anchor): the same node again
        return done
    if node.id == "sequence":
        items: list = []
        memo[id(node)] = items
        items.extend(_walk(n, lines, memo) for n in node.value)
        return items
    data: dict = {}
    memo[id(node)] = data
    key_lines: dict = {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1
        key = _walk(key_node, lines, memo)
        try:
            hash(key)
        except TypeError:
            raise _YamlProblem(line, "a mapping key must be a plain value") from None
        if key in data:
            raise _YamlProblem(line, f"duplicate key {key!r} (first on line {key_lines[key]})")
        data[key] = _walk(value_node, lines, memo)
        key_lines[key] = line
    lines[id(data)] = (node.start_mark.line + 1, key_lines)
    return data


def load_registry(path: str) -> Registry:
    """Load and validate a registry file. Raises RegistryError naming the file, the
    line, the entry and the key for: YAML syntax errors and duplicate keys, unknown
    keys, missing required keys (name, type, tier, rationale), type/tier values
    outside TYPES/TIERS, malformed aliases/domains/country/context_required, a
    missing or invalid review date, and a name/alias/domain used by two entries."""
    from . import snapshot
    from .safe_yaml import YamlError, read_bytes

    label = str(path)
    try:
        raw = read_bytes(path)
        text = raw.decode("utf-8")
    except OSError as e:
        raise RegistryError(f"{label}: cannot read registry: {e.strerror or e}") from e
    except UnicodeDecodeError as e:
        raise RegistryError(f"{label}: cannot read registry: not UTF-8 ({e.reason})") from e
    except YamlError as e:
        raise RegistryError(f"{label}: cannot read registry: {e.problem}") from None
    known = snapshot.parsed(path, raw)
    if known is not None:
        # The shipped registry's entries, validated when the snapshot was made (~4 ms a run).
        try:
            return Registry(tuple(Source(n, t, tier, why, rev, tuple(a), tuple(d), c, tuple(ctx))
                                  for n, t, tier, why, rev, a, d, c, ctx in known))
        except (TypeError, ValueError, RegistryError):
            pass  # a damaged snapshot only costs time: read the YAML
    try:
        data, lines = _parse(text)
    except _YamlProblem as e:
        raise RegistryError(f"{label}:{e.line}: invalid YAML: {e.message}") from None
    except YamlError as e:
        raise RegistryError(e.at(label)) from None
    return _build(data, lines, label)


def _build(data: Any, lines: Lines, label: str) -> Registry:
    def at(line: int | None) -> str:
        return f"{label}:{line}" if line else label

    if not isinstance(data, dict):
        raise RegistryError(f"{at(1)}: expected a mapping with a 'sources' list at the top")
    _, top_keys = lines.get(id(data), (1, {}))
    for key in data:
        if key not in _TOP_KEYS:
            raise RegistryError(
                f"{at(top_keys.get(key))}: unknown top-level key {key!r}{_hint(key, _TOP_KEYS)}"
                f" (allowed: {', '.join(_TOP_KEYS)})"
            )
    version = data.get("version", 1)
    if version != 1 or isinstance(version, bool):
        raise RegistryError(f"{at(top_keys.get('version'))}: version {version!r} is not supported (use 1)")
    default_reviewed: str | None = None
    if data.get("reviewed") is not None:
        default_reviewed = _date(data["reviewed"])
        if default_reviewed is None:
            raise RegistryError(
                f"{at(top_keys.get('reviewed'))}: top-level reviewed {data['reviewed']!r} "
                "is not a date (YYYY-MM-DD)"
            )
    entries = data.get("sources")
    if entries is None:
        entries = []
    if not isinstance(entries, list):
        raise RegistryError(f"{at(top_keys.get('sources'))}: sources must be a list of entries")

    sources: list[Source] = []
    index: dict[str, Source] = {}
    numbers: dict[str, int] = {}  # source name -> entry number
    for number, entry in enumerate(entries, start=1):
        src = _entry(entry, number, lines, label, default_reviewed)
        entry_line, key_lines = lines.get(id(entry), (None, {}))
        for text in (src.name, *src.aliases, *src.domains):
            k = _key(text)
            other = index.get(k)
            if other is None:
                index[k] = src
            elif other is not src:
                what = _what(src, text)
                key = {"name": "name", "domain": "domains", "alias": "aliases"}[what]
                raise RegistryError(
                    f"{at(key_lines.get(key, entry_line))}: source {src.name!r} (entry {number}): "
                    f"{what} {text!r} is also used by source {other.name!r} "
                    f"(entry {numbers[other.name]})"
                )
        numbers[src.name] = number
        sources.append(src)
    return Registry._checked(tuple(sources), index)


def _hint(key: Any, allowed: tuple[str, ...]) -> str:
    import difflib  # only to word an error

    close = difflib.get_close_matches(str(key), allowed, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _date(value: Any) -> str | None:
    import datetime as _dt  # only for registry YAML: the built-in one is read from the snapshot

    if isinstance(value, _dt.datetime):
        return None
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str) and _DATE_RE.match(value.strip()):
        try:
            return _dt.date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            return None
    return None


def _strings(value: Any) -> tuple[str, ...] | None:
    """A list of non-empty strings as a tuple; None if malformed. Missing/null -> ()."""
    if value is None:
        return ()
    if not isinstance(value, list):
        return None
    out = []
    for item in value:
        if not isinstance(item, str) or not item.strip():
            return None
        out.append(item.strip())
    return tuple(out)


def _entry(
    entry: Any,
    number: int,
    lines: Lines,
    label: str,
    default_reviewed: str | None,
) -> Source:
    entry_line, key_lines = lines.get(id(entry), (None, {}))
    name = entry.get("name") if isinstance(entry, dict) else None
    who = (
        f"source {name.strip()!r} (entry {number})"
        if isinstance(name, str) and name.strip()
        else f"entry {number}"
    )

    def fail(key: str | None, message: str) -> RegistryError:
        line = key_lines.get(key, entry_line) if key else entry_line
        loc = f"{label}:{line}" if line else label
        return RegistryError(f"{loc}: {who}: {message}")

    if not isinstance(entry, dict):
        raise fail(None, f"expected a mapping of keys, got {type(entry).__name__}")
    for key in entry:
        if key not in _ENTRY_KEYS:
            raise fail(
                key,
                f"unknown key {key!r}{_hint(key, _ENTRY_KEYS)} (allowed: {', '.join(_ENTRY_KEYS)})",
            )
    for key in _REQUIRED:
        value = entry.get(key)
        if value is None:
            raise fail(None, f"{key} is required")
        if not isinstance(value, str) or not value.strip():
            raise fail(key, f"{key} must be a non-empty string")
    name = entry["name"].strip()
    if not _key(name):
        raise fail("name", f"name {name!r} is empty once normalized")
    if entry["type"] not in TYPES:
        raise fail("type", f"type {entry['type']!r} is not one of {', '.join(TYPES)}")
    if entry["tier"] not in TIERS:
        raise fail("tier", f"tier {entry['tier']!r} is not one of {', '.join(TIERS)}")

    aliases = _strings(entry.get("aliases"))
    if aliases is None:
        raise fail("aliases", "aliases must be a list of non-empty strings")
    for alias in aliases:
        if not _key(alias):
            raise fail("aliases", f"alias {alias!r} is empty once normalized")

    domains = _strings(entry.get("domains"))
    if domains is None:
        raise fail("domains", "domains must be a list of host names")
    for domain in domains:
        if not _HOST_RE.match(domain) or domain.startswith("www."):
            raise fail(
                "domains",
                f"domain {domain!r} must be a bare lower-case host name like dawn.com "
                "(no scheme, path or 'www.')",
            )

    country = entry.get("country")
    if country is not None and (not isinstance(country, str) or not _COUNTRY_RE.match(country)):
        raise fail("country", f"country {country!r} must be an ISO 3166-1 alpha-2 code like PK")

    if entry.get("reviewed") is not None:
        reviewed = _date(entry["reviewed"])
        if reviewed is None:
            raise fail("reviewed", f"reviewed {entry['reviewed']!r} is not a date (YYYY-MM-DD)")
    elif default_reviewed is not None:
        reviewed = default_reviewed
    else:
        raise fail(None, "reviewed is required (no top-level reviewed default)")

    context = _strings(entry.get("context_required"))
    if context is None:
        raise fail("context_required", "context_required must be a list of aliases")
    known = {_key(t) for t in (name, *aliases)}
    for alias in context:
        if _key(alias) not in known:
            raise fail(
                "context_required",
                f"context_required {alias!r} is not the name or one of the aliases",
            )

    return Source(
        name=name,
        type=entry["type"],
        tier=entry["tier"],
        rationale=entry["rationale"].strip(),
        reviewed=reviewed,
        aliases=aliases,
        domains=domains,
        country=country,
        context_required=context,
    )


# ----------------------------------------------------------------------------- shipped

_PACKAGE_RULES = os.path.join(os.path.dirname(__file__), "rules", "sources.yaml")  # installed wheel
_REPO_RULES = os.path.join(os.path.dirname(os.path.dirname(os.path.realpath(__file__))), "rules", "sources.yaml")  # checkout


@functools.lru_cache(maxsize=1)
def default_registry() -> Registry:
    """The shipped registry: lint/rules/sources.yaml inside an installed package, else
    the repository's top-level rules/sources.yaml. Loaded once per process."""
    for path in (_PACKAGE_RULES, _REPO_RULES):
        if os.path.isfile(path):
            return load_registry(path)
    raise RegistryError(f"shipped source registry not found (looked in {_PACKAGE_RULES}, {_REPO_RULES})")
