"""Settings from `[tool.newslint]` in pyproject.toml or newslint.yaml, found from the
current folder upward, then overridden by the command line.

    select / ignore / extend-select: [selectors]      fail-on / min-severity: level
    severity: {NL401: info}                            packs: {readability: false}
    per-path-ignores: {"archive/*": [NL7]}              exclude: ["drafts/*"]
    options: {NL801: {above: 14}}                       rules: [extra/packs]
    registry: extra-sources.yaml                        max-file-size: 10MB
"""
from __future__ import annotations

import os

from .errors import UserError
from .finding import SEVERITIES
from .reader import DEFAULT_MAX_FILE_SIZE, parse_size

CONFIG_FILES = ("newslint.yaml", ".newslint.yaml", "pyproject.toml")
KEYS = (
    "select", "ignore", "extend-select", "severity", "packs", "per-path-ignores",
    "exclude", "options", "rules", "registry", "fail-on", "min-severity", "extensions", "max-file-size",
)


class ConfigError(UserError):
    """A bad configuration: the message names the file and the key."""


class Settings:
    """What a run is configured to do: the config file's keys, then the CLI's flags."""

    def __init__(self, *, select=(), ignore=(), extend_select=(), severity=None, per_path_ignores=None,
                 exclude=(), options=None, rules=(), registry=(), fail_on: str = "warning",
                 min_severity: str = "info", extensions=(), source: str | None = None, declared=None,
                 max_file_size: int = DEFAULT_MAX_FILE_SIZE):
        self.select: list[str] = list(select)
        self.ignore: list[str] = list(ignore)
        self.extend_select: list[str] = list(extend_select)
        self.severity: dict[str, str] = dict(severity or {})
        self.per_path_ignores: dict[str, list[str]] = dict(per_path_ignores or {})
        self.exclude: list[str] = list(exclude)
        self.options: dict[str, dict] = dict(options or {})
        self.rules: list[str] = list(rules)
        self.registry: list[str] = list(registry)
        self.fail_on = fail_on
        self.min_severity = min_severity
        self.extensions: list[str] = list(extensions)
        self.max_file_size = max_file_size   # bytes; a bigger file is refused, not read
        self.source = source   # the file these came from
        # config key -> the selectors or codes written under it, checked against the
        # loaded rules once they are known (a misspelled code is an error, not a no-op)
        self.declared: dict[str, list[str]] = dict(declared or {})

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Settings) and vars(self) == vars(other)

    def __repr__(self) -> str:
        return "Settings(" + ", ".join(f"{k}={v!r}" for k, v in vars(self).items()) + ")"


def find_config(start: str) -> str | None:
    folder = os.path.abspath(start)
    while True:
        for name in CONFIG_FILES:
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate) and (name != "pyproject.toml" or _has_newslint_table(candidate)):
                return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _read_text(path: str) -> str:
    from .safe_yaml import YamlError, read_bytes

    try:
        return read_bytes(path).decode("utf-8")
    except YamlError as err:
        raise ConfigError(f"{path}: cannot read config ({err})") from None


def _has_newslint_table(path: str) -> bool:
    try:
        return "[tool.newslint" in _read_text(path)
    except (OSError, UnicodeDecodeError):
        return False


def load_config(path: str | None) -> Settings:
    if path is None:
        return Settings()
    try:
        text = _read_text(path)
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"{path}: cannot read config ({err})") from None
    if os.path.basename(path) == "pyproject.toml":
        import tomllib

        try:
            data = tomllib.loads(text).get("tool", {}).get("newslint", {})
        except tomllib.TOMLDecodeError as err:
            raise ConfigError(f"{path}: invalid TOML: {err}") from None
    else:
        from . import safe_yaml

        try:
            data = safe_yaml.load(text) or {}
        except safe_yaml.YamlError as err:
            raise ConfigError(err.at(path)) from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: configuration must be a mapping")
    return settings_from(data, path)


def settings_from(data: dict, path: str) -> Settings:
    def fail(key: str, problem: str) -> ConfigError:
        return ConfigError(f"{path}: key '{key}': {problem}")

    def strings(key: str) -> list[str]:
        value = data.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail(key, "expected a list of strings")
        return value

    def mapping(key: str) -> dict:
        value = data.get(key, {})
        if not isinstance(value, dict):
            raise fail(key, "expected a mapping")
        return value

    def level(key: str, default: str) -> str:
        value = data.get(key, default)
        if value not in SEVERITIES:
            raise fail(key, f"'{value}' is not one of {', '.join(SEVERITIES)}")
        return value

    for key in data:
        if key not in KEYS:
            raise fail(key, f"unknown key (known: {', '.join(KEYS)})")
    severity = mapping("severity")
    for code, value in severity.items():
        if value not in SEVERITIES:
            raise fail("severity", f"{code}: '{value}' is not one of {', '.join(SEVERITIES)}")
    per_path = mapping("per-path-ignores")
    for glob, selectors in per_path.items():
        if isinstance(selectors, str):
            per_path[glob] = [selectors]
        elif not isinstance(selectors, list):
            raise fail("per-path-ignores", f"{glob}: expected a list of selectors")
    options = mapping("options")
    for code, values in options.items():
        if not isinstance(values, dict):
            raise fail("options", f"{code}: expected a mapping of option: value")
    packs = mapping("packs")
    try:
        max_file_size = parse_size(data.get("max-file-size", DEFAULT_MAX_FILE_SIZE))
    except ValueError as err:
        raise fail("max-file-size", str(err)) from None
    base = os.path.dirname(path)
    return Settings(
        select=strings("select"),
        ignore=strings("ignore") + [pack for pack, on in packs.items() if on is False],
        extend_select=strings("extend-select"),
        severity=severity,
        per_path_ignores=per_path,
        exclude=strings("exclude"),
        options=options,
        rules=[os.path.join(base, p) for p in strings("rules")],
        registry=[os.path.join(base, p) for p in strings("registry")],
        fail_on=level("fail-on", "warning"),
        min_severity=level("min-severity", "info"),
        extensions=strings("extensions"),
        max_file_size=max_file_size,
        source=str(path),
        declared={
            "select": strings("select"), "ignore": strings("ignore"), "extend-select": strings("extend-select"),
            "packs": [str(p) for p in packs], "severity": [str(c) for c in severity],
            "options": [str(c) for c in options],
            "per-path-ignores": [s for selectors in per_path.values() for s in selectors],
        },
    )


# Keys whose entries name one rule by its code; the others take any selector.
CODE_KEYS = ("severity", "options")


def check_declared(settings: Settings, packs) -> None:
    """Every selector and code the config file wrote must name something that exists."""
    from .selection import unknown

    rules = [rule for pack in packs for rule in pack.rules]
    codes = {rule.code for rule in rules}
    pack_ids = {pack.id for pack in packs}
    for key, values in settings.declared.items():
        if key in CODE_KEYS:
            bad = [v for v in values if v not in codes]
            what = "rule code"
        elif key == "packs":
            bad = [v for v in values if v not in pack_ids]
            what = "pack"
        else:
            bad = unknown(values, rules)
            what = "selector (not a rule code, code prefix, name, pack or category)"
        if bad:
            raise ConfigError(f"{settings.source}: key '{key}': unknown {what} '{bad[0]}' (see newslint --list-rules)")
