"""Load and validate YAML rule packs; every error names the pack file, rule and key.

A pack is one YAML file (or a folder of them, read in name order and merged):

    pack: attribution          # id
    prefix: NL4                # every code in the pack starts with it
    description: ...
    rules:
      - code: NL401
        name: weasel-wording   # kebab-case, names the problem
        category: attribution
        severity: warning
        kind: attribution      # see lint/kinds; the kind's own options sit beside
        message: ...
        why: ...
        link: https://...      # optional
        examples: {flag: [...], pass: [...]}

A pack may also name word lists once and use them in any rule's patterns:

    lexicons:
      vague_group: [analysts, experts, critics]
      say_verb: [say, says, said, warn, warned]
    rules:
      - ...
        patterns: ['\\b{vague_group}\\s+{say_verb}\\b']

`{name}` in a pattern option becomes the list as one group of literal,
whole-word alternatives; a grammar is then a few joining patterns over lists a
newsroom can extend, not a list of every sentence.
"""
from __future__ import annotations

import os
import re
from functools import lru_cache
from typing import NamedTuple

from . import compiled_regex, message_template
from .config import ConfigError
from .errors import UserError
from .finding import SEVERITIES
from .kinds import Kind, OptionError, registry

CATEGORIES = (
    "republished", "credit", "ai-disclosure", "attribution", "editorializing",
    "off-topic", "chrome", "readability", "sourcing", "consistency", "directive",
)
RULE_KEYS = ("code", "name", "category", "severity", "kind", "message", "why", "link", "examples", "fix")
REQUIRED_RULE_KEYS = ("code", "name", "category", "severity", "kind", "message", "why", "examples")
PACK_KEYS = ("pack", "prefix", "description", "lexicons", "categories", "rules")
# Options that hold literal text, never patterns: a lexicon name there is left alone.
LITERAL_OPTIONS = ("phrases",)
_LEXICON_NAME = compiled_regex.compile(r"^[a-z][a-z0-9_]*$")
_LEXICON_REF = compiled_regex.compile(r"\{([a-z][a-z0-9_]*)\}")
_KEBAB = compiled_regex.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
_CODE = compiled_regex.compile(r"^[A-Z]+[0-9]+$")

class PackError(UserError):
    """A broken pack: the message names the file (and line), rule and key."""


class Rule(NamedTuple):
    code: str
    name: str
    category: str
    severity: str
    kind: Kind
    message: str
    why: str
    pack: str
    link: str = ""
    examples: dict = {}   # shared empty default: rules are never changed once made
    options: dict = {}
    fix: object = None    # a lint.fix.Fix, when the pack declares one

    # What a rule says, not its machinery: the kind compares by identity and the
    # examples and options are dicts, which cannot be hashed.
    def _said(self) -> tuple:
        return (self.code, self.name, self.category, self.severity, self.message, self.why, self.pack, self.link)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Rule) and self._said() == other._said()

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash(self._said())

    def __repr__(self) -> str:   # the kind and examples would bury the rule
        return f"Rule(code={self.code!r}, name={self.name!r}, severity={self.severity!r}, pack={self.pack!r})"


class Pack(NamedTuple):
    id: str
    prefix: str
    description: str
    path: str
    rules: tuple[Rule, ...]
    categories: dict = {}   # categories this pack adds to the built-in ones: name -> description


@lru_cache(maxsize=1)   # resolving the path is an lstat per folder above it
def builtin_rules_dir() -> str:
    """The packs shipped with newslint: inside the wheel, or the repo's rules/ in a checkout."""
    here = os.path.dirname(os.path.realpath(__file__))
    packaged = os.path.join(here, "rules")
    return packaged if os.path.isdir(packaged) else os.path.join(os.path.dirname(here), "rules")


def pack_files(directory: str) -> list[str]:
    """Pack files of a rules folder: *.yaml files and sub-folders of them (not sources.yaml)."""
    found = []
    for name in sorted(os.listdir(directory)):
        path = os.path.join(directory, name)
        stem, suffix = os.path.splitext(name)
        if os.path.isdir(path):
            if not name.startswith("."):
                found.append(path)
        elif suffix in (".yaml", ".yml") and stem != "sources":
            found.append(path)
    return found


class Overrides(dict):
    """Rule code -> option values, with the config file they came from (for its errors)."""

    def __init__(self, values: dict, source: str | None):
        super().__init__(values)
        self.source = source or "configuration"


def load_packs(directories: list[str], overrides: dict | None = None, config: str | None = None) -> list[Pack]:
    """Load every pack in the folders; `overrides` maps a code to option values, from the
    `config` file (an error in one names that file, not the pack)."""
    overrides = overrides if isinstance(overrides, Overrides) else Overrides(overrides or {}, config)
    packs, codes = [], {}
    for directory in directories:
        if os.path.isfile(directory) and directory.endswith((".yaml", ".yml")):
            paths = [directory]   # one pack file, as --rules and `rules:` may name
        elif os.path.isdir(directory):
            paths = pack_files(directory)
        else:
            raise PackError(f"{directory}: rules folder or pack file not found")
        for path in paths:
            pack = load_pack(path, overrides)
            for rule in pack.rules:
                if rule.code in codes:
                    raise PackError(f"{path}: rule {rule.code}: key 'code': already used in {codes[rule.code]}")
                codes[rule.code] = path
            packs.append(pack)
    # Code order (NL1 provenance first) reads better in listings than file-name order.
    return sorted(packs, key=lambda pack: _code_key(pack.rules[0].code))


def _code_key(code: str) -> tuple:
    letters = code.rstrip("0123456789")
    return letters, int(code[len(letters):])


def load_pack(path: str, overrides: dict) -> Pack:
    """One pack: a YAML file, or a folder whose YAML files together make one pack."""
    if os.path.isdir(path):
        files = [os.path.join(path, name) for name in sorted(os.listdir(path)) if name.endswith((".yaml", ".yml"))]
    else:
        files = [path]
    data: dict = {}
    for file in files:
        part = _read_yaml(file)
        rules = data.get("rules", []) + (part.get("rules") or [])
        lexicons = {**(data.get("lexicons") or {}), **(part.get("lexicons") or {})} if "lexicons" in part else data.get("lexicons")
        data.update(part)
        data["rules"] = rules
        if lexicons is not None:
            data["lexicons"] = lexicons
    return _build_pack(path, data, overrides)


def _read_yaml(path: str) -> dict:
    from . import safe_yaml, snapshot

    try:
        raw = safe_yaml.read_bytes(path)
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError, safe_yaml.YamlError) as err:
        raise PackError(f"{path}: cannot read pack ({err})") from None
    data = snapshot.parsed(path, raw)
    if data is not None:
        return data
    try:
        data = safe_yaml.load(text)
    except safe_yaml.YamlError as err:
        raise PackError(err.at(path)) from None
    if not isinstance(data, dict):
        raise PackError(f"{path}: a pack must be a mapping with keys {', '.join(PACK_KEYS)}")
    return data


def _build_pack(path: str, data: dict, overrides: dict) -> Pack:
    for key in data:
        if key not in PACK_KEYS:
            raise PackError(f"{path}: key '{key}': unknown pack key (known: {', '.join(PACK_KEYS)})")
    for key in ("pack", "prefix", "rules"):
        if key not in data:
            raise PackError(f"{path}: key '{key}': missing")
    pack_id, prefix = str(data["pack"]), str(data["prefix"])
    if not isinstance(data["rules"], list) or not data["rules"]:
        raise PackError(f"{path}: key 'rules': must be a non-empty list")
    lexicons = _lexicons(path, data.get("lexicons"))
    categories = _categories(path, data.get("categories"))
    rules = tuple(
        _build_rule(path, pack_id, prefix, index, spec, overrides, lexicons, categories)
        for index, spec in enumerate(data["rules"])
    )
    return Pack(pack_id, prefix, str(data.get("description", "")), str(path), rules, categories)


def _categories(path: str, data) -> dict[str, str]:
    """A pack's own categories (a newsroom's "legal" or "style"), each with what it means."""
    if data is None:
        return {}
    if not isinstance(data, dict) or not data:
        raise PackError(f"{path}: key 'categories': must be a mapping of names to descriptions")
    for name, description in data.items():
        if not isinstance(name, str) or not _KEBAB.match(name):
            raise PackError(f"{path}: category {name!r}: a name is kebab-case (like house-style)")
        if name in CATEGORIES:
            raise PackError(f"{path}: category '{name}': already a built-in category")
        if not isinstance(description, str) or not description.strip():
            raise PackError(f"{path}: category '{name}': give a description (what its rules flag)")
    return {name: description.strip() for name, description in data.items()}


def _lexicons(path: str, data) -> dict[str, str]:
    """lexicon name -> the regex group its words make."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise PackError(f"{path}: key 'lexicons': must be a mapping of names to lists of words")
    from .matcher import lexicon_regex

    out = {}
    for name, words in data.items():
        if not isinstance(name, str) or not _LEXICON_NAME.match(name):
            raise PackError(f"{path}: lexicon {name!r}: a name is lower-case letters, digits and _")
        if not isinstance(words, list) or not words or not all(isinstance(w, str) and w.strip() for w in words):
            raise PackError(f"{path}: lexicon '{name}': must be a non-empty list of words or phrases")
        out[name] = lexicon_regex(words)
    return out


def _expand(value, lexicons: dict[str, str], fail, key: str):
    """A pattern option with every {lexicon} replaced by its group."""
    if isinstance(value, list):
        return [_expand(item, lexicons, fail, key) for item in value]
    if not isinstance(value, str) or "{" not in value:
        return value

    def group(match) -> str:
        name = match.group(1)
        if name not in lexicons:
            known = ", ".join(sorted(lexicons)) or "none in this pack"
            raise fail(key, f"unknown lexicon '{{{name}}}' (known: {known})")
        return lexicons[name]

    return _LEXICON_REF.sub(group, value)


def _build_rule(path: str, pack_id: str, prefix: str, index: int, spec, overrides: dict,
                lexicons: dict[str, str] | None = None, categories: dict[str, str] | None = None) -> Rule:
    label = f"rule #{index + 1}"
    if not isinstance(spec, dict):
        raise PackError(f"{path}: {label}: a rule must be a mapping")
    label = f"rule {spec.get('code', label)}"

    def fail(key: str, problem: str) -> UserError:
        if key in overrides.get(str(spec.get("code")), {}):   # the config set this option: its error
            source = getattr(overrides, "source", "configuration")
            return ConfigError(f"{source}: key 'options': {spec.get('code')}: key '{key}': {problem}")
        return PackError(f"{_locate(path, spec.get('code'), key)}: {label}: key '{key}': {problem}")

    for key in REQUIRED_RULE_KEYS:
        if key not in spec:
            raise fail(key, "missing")
    code, name = str(spec["code"]), str(spec["name"])
    if not _CODE.match(code) or not code.startswith(prefix):
        raise fail("code", f"'{code}' must be letters then digits and start with the pack prefix '{prefix}'")
    if not _KEBAB.match(name):
        raise fail("name", f"'{name}' must be kebab-case (like weasel-wording)")
    known = (*CATEGORIES, *(categories or {}))
    if spec["category"] not in known:
        raise fail("category", f"'{spec['category']}' is not one of {', '.join(known)} "
                               "(a pack may add its own under 'categories')")
    if spec["severity"] not in SEVERITIES:
        raise fail("severity", f"'{spec['severity']}' is not one of {', '.join(SEVERITIES)}")
    kinds = registry()
    if spec["kind"] not in kinds:
        raise fail("kind", f"'{spec['kind']}' is not one of {', '.join(sorted(kinds))}")
    _check_examples(spec["examples"], fail)
    options = {k: v for k, v in spec.items() if k not in RULE_KEYS}
    options.update(overrides.get(code, {}))
    if lexicons:
        options = {k: v if k in LITERAL_OPTIONS else _expand(v, lexicons, fail, k) for k, v in options.items()}
    try:
        kind = kinds[spec["kind"]](options)
    except OptionError as err:
        raise fail(err.key, str(err)) from None
    if not isinstance(spec["message"], str):
        raise fail("message", "must be text")
    problem = message_template.check(spec["message"], kind.fields)
    if problem:
        raise fail("message", problem)
    fix = None
    if "fix" in spec:
        from .fix import parse_fix

        fix = parse_fix(spec["fix"], fail)
    return Rule(
        code=code, name=name, category=spec["category"], severity=spec["severity"], kind=kind,
        message=str(spec["message"]), why=str(spec["why"]).strip(), pack=pack_id,
        link=str(spec.get("link", "")), examples=spec["examples"], options=options, fix=fix,
    )


def _check_examples(examples, fail) -> None:
    if not isinstance(examples, dict) or set(examples) - {"flag", "pass"}:
        raise fail("examples", "must be a mapping with 'flag' and 'pass' lists")
    for key in ("flag", "pass"):
        values = examples.get(key)
        if not isinstance(values, list) or not values or not all(isinstance(v, str) for v in values):
            raise fail("examples", f"'{key}' must be a non-empty list of strings")


def _locate(path: str, code, key: str) -> str:
    """file:line of a rule's key, found by reading the text (the C loader keeps no marks)."""
    try:
        with open(path, encoding="utf-8") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return str(path)
    start = next((i for i, line in enumerate(lines) if code and re.search(rf"\bcode:\s*['\"]?{re.escape(str(code))}\b", line)), None)
    if start is None:
        return str(path)
    for i in range(start, len(lines)):
        if i > start and re.match(r"^\s*-\s+\w+:", lines[i]):
            break  # next rule
        if re.match(rf"^\s*-?\s*{re.escape(key)}\s*:", lines[i]):
            return f"{path}:{i + 1}"
    return f"{path}:{start + 1}"


def example_line(path: str, code: str, example: str) -> str:
    """file:line of one of a rule's examples, for a report that it misbehaves."""
    first = next((line.strip() for line in example.splitlines() if line.strip()), "")
    where = _locate(path, code, "examples")
    try:
        with open(path, encoding="utf-8") as handle:
            lines = handle.read().splitlines()
        start = int(where.rsplit(":", 1)[1]) - 1
    except (OSError, ValueError, IndexError):
        return where
    probe = first[:40]
    for i in range(start, len(lines)):
        if probe and probe in lines[i]:
            return f"{path}:{i + 1}"
    return where
