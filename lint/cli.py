"""Command line: arguments, I/O and the exit status. No linting logic lives here.

Exit status: 0 nothing at or above --fail-on; 1 findings at or above it;
2 a usage, configuration or rule-pack error, a file that could not be read, or
an internal error (a bug in newslint: one line naming the file; the traceback
with NEWSLINT_DEBUG=1).
"""
from __future__ import annotations

import argparse
import os
import sys

from . import __version__, compiled_regex
from .config import ConfigError, Settings, check_declared, find_config, load_config
from .finding import SEVERITIES, severity_rank
from .errors import UserError, debugging, internal_error
from .rulepack import builtin_rules_dir, load_packs

FORMATS = ("text", "json", "json-lines", "github", "sarif", "junit", "gitlab", "html")


def _list(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's own, sized without shutil: argparse makes one per option it adds, and
    shutil's import (with bz2 and lzma) was ~3 ms of every run."""

    def __init__(self, prog: str):
        # shutil.get_terminal_size's rule: $COLUMNS if set, else the terminal, else 80.
        try:
            columns = int(os.environ.get("COLUMNS", "0"))
        except ValueError:
            columns = 0
        if columns <= 0:
            try:
                columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
            except (AttributeError, ValueError, OSError):
                columns = 0
        super().__init__(prog, width=(columns or 80) - 2)


def _size(value: str) -> int:
    from .reader import parse_size

    try:
        return parse_size(value)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="newslint",
        formatter_class=_HelpFormatter,
        description="Lint news articles for republished content, weak attribution, page chrome and more.",
        epilog=(
            "commands: newslint sources PATHS (the sourcing table alone); "
            "newslint check-pack PATH... (validate packs and run their examples). "
            "newslint server (a language server over stdio; pip install 'newslint[lsp]'). "
            "Formats: " + ", ".join(FORMATS) + ". "
            "Exit status: 0 nothing at or above --fail-on, 1 findings at or above it, "
            "2 a usage, config, pack or baseline error, a file that could not be read or an internal error. "
            "Configuration: newslint.yaml, .newslint.yaml or [tool.newslint] in pyproject.toml, "
            "found from the current folder upward (--config FILE to choose one)."
        ),
    )
    p.add_argument("paths", nargs="*", help="files or folders to lint (default: .); '-' reads standard input")
    p.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    p.add_argument("--output-file", "-o", metavar="FILE",
                   help="write the report to FILE (whole or not at all) instead of standard output")
    p.add_argument("--select", type=_list, action="extend", help="only these codes, prefixes, names, packs or categories")
    p.add_argument("--extend-select", type=_list, action="extend", default=[], help="add to the selection")
    p.add_argument("--ignore", type=_list, action="extend", default=[], help="never these")
    p.add_argument("--min-severity", choices=SEVERITIES, help="hide findings below this level")
    p.add_argument("--fail-on", choices=SEVERITIES, help="lowest level that makes the exit status 1 (default: warning)")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    p.add_argument("--fix", action="store_true", help="apply the rules' safe fixes to the files, then report what remains")
    p.add_argument("--diff", action="store_true", help="print the fixes as a unified diff and write nothing")
    p.add_argument("--unsafe-fixes", action="store_true",
                   help="with --fix or --diff, also the fixes an editor should read first, and past the removal limit")
    p.add_argument("--statistics", action="store_true", help="count findings per rule (and stale baseline entries)")
    p.add_argument("--write-baseline", metavar="FILE", help="record every finding of this run in FILE and exit 0")
    p.add_argument("--baseline", metavar="FILE", help="report only findings not recorded in FILE")
    p.add_argument("--list-rules", action="store_true", help="list every rule and exit")
    p.add_argument("--explain", metavar="CODE", help="explain one rule and exit")
    p.add_argument("--rules", metavar="DIR", action="append", default=[], help="extra rule packs (folder)")
    p.add_argument("--config", metavar="FILE", help="configuration file (default: found from . upward)")
    p.add_argument("--stdin-filename", metavar="PATH", help="path to report for '-' (its extension picks the format)")
    p.add_argument("--input-format", choices=("jsonl", "csv", "feed", "docx"),
                   help="read the named files as exports of many articles (default: by extension: .jsonl .ndjson "
                        ".csv .rss .atom .docx)")
    p.add_argument("--text-field", metavar="NAME", help="the record field that holds the article (default: text, body or content)")
    p.add_argument("--id-field", metavar="NAME", help="the record field that names it (default: id, url, guid or slug; else its line)")
    p.add_argument("--quiet", "-q", action="store_true", help="findings only, no excerpts or notes")
    p.add_argument("--max-file-size", metavar="SIZE", type=_size,
                   help="refuse files bigger than this, e.g. 10MB (default: 10MB; config key max-file-size)")
    p.add_argument("--jobs", "-j", type=int, metavar="N", help="worker processes (default: all cores)")
    p.add_argument("--no-cache", action="store_true", help="ignore and do not write .newslint_cache/")
    p.add_argument("--no-corpus", action="store_true", help="do not read the files together (no cross-file checks)")
    p.add_argument("--corpus-only", action="store_true", help="report only the consistency checks")
    p.add_argument("--one-story", action="store_true", help="read all files as one story instead of grouping them")
    p.add_argument("--version", action="version", version=f"newslint {__version__}")
    return p


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "check-pack":
        return _check_pack(argv[1:])
    if argv and argv[0] == "server":
        return _server(argv[1:])
    # `newslint sources PATHS` prints the sourcing table alone, for an editor who wants only that.
    sources_only = bool(argv) and argv[0] == "sources"
    args = build_parser().parse_args(argv[1:] if sources_only else argv)
    args.sources_only = sources_only
    if sources_only and not args.paths and os.path.isdir("sources"):
        print("newslint: note: 'sources' is the sourcing-table command; to lint the folder of that name, "
              "write ./sources", file=sys.stderr)
    try:
        return run(args)
    except UserError as err:
        print(f"newslint: error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("newslint: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1
    except Exception as err:   # a bug: exit 2 with one line, never 1 (which means findings)
        if debugging():
            import traceback

            traceback.print_exc()
        else:
            print(f"newslint: error: {internal_error(err, 'newslint')}", file=sys.stderr)
        return 2


def _check_pack(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="newslint check-pack", formatter_class=_HelpFormatter,
        description="Validate rule packs and run every rule's flag/pass examples against the engine.")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="a pack file or a folder of packs")
    args = parser.parse_args(argv)
    from . import packcheck

    try:
        return packcheck.run(args.paths)
    except UserError as err:
        print(f"newslint: error: {err}", file=sys.stderr)
        return 2


def _server(argv: list[str]) -> int:
    argparse.ArgumentParser(prog="newslint server", description="A language server (LSP) over stdio.").parse_args(argv)
    try:
        from .server import main as serve
    except ImportError as err:
        print(f"newslint: error: the language server needs pygls ({err.name} missing): pip install 'newslint[lsp]'",
              file=sys.stderr)
        return 2
    return serve()


def entry() -> None:
    """The console script: main(), then an exit that skips tearing the interpreter down.

    Freeing every module and object one by one was ~7 ms of a one-file run (a
    pre-commit hook's), with nothing left to do by then: the output is written,
    files are replaced whole, workers are joined. So the process ends at once.
    """
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # newslint ... | head: the reader has what it wanted
        pass
    except ValueError:       # `newslint server`: the LSP exit closed stdout already
        pass
    except OSError as err:  # a full disk: the output is incomplete, and that is an error
        try:
            print(f"newslint: error: cannot write the output: {err.strerror or err}", file=sys.stderr, flush=True)
        except OSError:
            pass
        code = 2
    os._exit(code)


def settings_for(args) -> Settings:
    config_path = args.config or find_config(os.getcwd())
    if args.config and not os.path.isfile(config_path):
        if os.path.exists(config_path):   # a folder or a FIFO: never opened, a FIFO would block
            raise ConfigError(f"{args.config}: cannot read config (not a regular file)")
        raise ConfigError(f"{args.config}: config file not found")
    settings = load_config(config_path)
    if args.select is not None:
        settings.select = args.select
    settings.extend_select += args.extend_select
    settings.ignore += args.ignore
    settings.rules += args.rules
    settings.min_severity = args.min_severity or settings.min_severity
    settings.fail_on = args.fail_on or settings.fail_on
    settings.max_file_size = args.max_file_size or settings.max_file_size
    return settings


def run(args) -> int:
    settings = settings_for(args)
    if args.sources_only:
        settings.select, settings.extend_select = ["sourcing"], []
    from . import matcher

    matcher.remember_shipped()   # shipped with newslint, not a cache: --no-cache uses it too
    keep_patterns = None if args.no_cache or args.list_rules or args.explain else _remember_patterns()
    try:
        packs = load_packs([builtin_rules_dir(), *settings.rules], settings.options, settings.source)
        check_declared(settings, packs)
        _check_selectors(args, packs)
        return _run(args, settings, packs)
    finally:
        if keep_patterns:
            keep_patterns()
        compiled_regex.save()   # kept like bytecode, not a result cache: --no-cache keeps it too


def _terminal_width() -> int | None:
    """The terminal's columns when stdout is one (os, not shutil: shutil imports bz2 and lzma)."""
    try:
        return os.get_terminal_size(sys.stdout.fileno()).columns if sys.stdout.isatty() else None
    except (OSError, ValueError):
        return None


def _fix(linter, files: list[str], args) -> int:
    """--diff: print what the fixes would change (exit 1 when any would); --fix: write them."""
    from .fix import FixError, fix_file

    changed, fixed, failed = 0, 0, False
    for path in files:
        try:
            done = fix_file(linter, path, args.unsafe_fixes, write=args.fix and not args.diff)
        except FixError as err:
            print(f"newslint: error: {err}", file=sys.stderr)
            failed = True
            continue
        if done:
            changed, fixed = changed + 1, fixed + done.count
            if args.diff:
                sys.stdout.write(done.diff)
    verb = "would fix" if args.diff else "fixed"
    print(f"newslint: {verb} {fixed} finding{'s' * (fixed != 1)} in {changed} file{'s' * (changed != 1)}", file=sys.stderr)
    return 2 if failed else (1 if changed else 0)


def _check_selectors(args, packs) -> None:
    """A selector on the command line that picks no rule is a usage error (exit 2)."""
    from .selection import unknown

    rules = [rule for pack in packs for rule in pack.rules]
    for option, values in (("--select", args.select or []), ("--extend-select", args.extend_select),
                           ("--ignore", args.ignore)):
        bad = unknown(values, rules)
        if bad:
            raise UserError(f"{option}: unknown selector '{bad[0]}': not a rule code, code prefix, name, "
                            "pack or category (see newslint --list-rules)")


def _run(args, settings: Settings, packs) -> int:
    if args.list_rules:
        return _print(list_rules_json(packs) if args.format == "json" else list_rules(packs))
    if args.explain:
        text = explain(packs, args.explain)
        if text is None:
            print(f"newslint: error: no rule '{args.explain}' (see --list-rules)", file=sys.stderr)
            return 2
        return _print(text)

    from .report import Report
    from .runner import Linter, default_jobs, discover, iter_exports, iter_lint_files, read_stored, store_features
    from .spool import Spool

    paths = args.paths or ["."]
    stdin = "-" in paths
    files, errors, skipped = discover([p for p in paths if p != "-"], settings)
    if not args.quiet:
        for note in skipped:
            from .report.printable import escaped

            print(f"newslint: note: {escaped(note)}", file=sys.stderr)
    from .records import split_exports

    files, exports = split_exports(files, args.input_format)
    fix_failed = False
    if args.fix or args.diff:
        fixing = _fix(Linter(packs, settings, corpus=False), files, args)
        if args.diff:
            return fixing
        fix_failed = fixing == 2
    # Reading files together needs two of them; one file (pre-commit) skips the work.
    together = not (args.no_corpus or args.sources_only) and (len(files) + stdin >= 2 or bool(exports))
    linter = Linter(packs, settings, corpus=together)
    # Results go to the spool as they come, story features to the store: nothing a file
    # holds waits in memory for the last one (lint/spool.py, lint/corpus/store.py).
    spool = Spool()
    store = None
    if linter.corpus_rules:
        from .corpus.store import FeatureStore

        store = FeatureStore()

    def keep(result) -> None:
        spool.add(store_features(linter, store, result) if store is not None else result)

    if stdin:
        name = args.stdin_filename or "-"
        kind = os.path.splitext(args.stdin_filename)[1] if args.stdin_filename else ".txt"
        keep(linter.lint_stream(name, sys.stdin.buffer, kind))
    cache = _open_cache(settings) if files and not args.no_cache else None
    stories: list[list[str]] = []
    with _progress(len(files), for_people=args.format == "text") as progress:
        if files:
            for result in iter_lint_files(linter, files, args.jobs or default_jobs(), cache, progress.advance):
                keep(result)
        for result in iter_exports(linter, exports, errors, args.input_format, args.text_field, args.id_field):
            keep(result)
        progress.phase("reading the articles together")
        if store is not None:
            # Standard input is never cached, so a result that includes it is not either.
            found, stories = read_stored(linter, store, args.one_story, None if stdin else cache)
            spool.add_findings(found)
            store.close()
    if cache:
        cache.save()
    if args.corpus_only:
        spool.view = _consistency_only

    stale = _apply_baseline(args, spool)
    if args.write_baseline:
        return 2 if errors or spool.errors else 0
    width = _terminal_width() if not args.output_file and args.format == "text" else None
    report = Report(spool, errors, statistics=args.statistics, quiet=args.quiet, stories=stories,
                    rules=linter.rules, baseline_stale=stale, width=width)
    if args.sources_only and args.format == "text":
        from .report.sources import render_table

        return _print("\n".join(render_table((r.path, r.data.get("sourcing")) for r in spool.results()))
                      or "no sources")
    write(args.format, report, args.output_file)
    if errors or fix_failed or spool.errors:
        return 2
    if args.exit_zero:
        return 0
    return 1 if report.max_rank >= severity_rank(settings.fail_on) else 0


def _consistency_only(result):
    result.findings = [f for f in result.findings if f.category == "consistency"]
    return result


def _apply_baseline(args, spool) -> int | None:
    """Write the baseline, or set the spool to drop the findings it accepts; the count of
    its stale entries."""
    if not (args.write_baseline or args.baseline):
        return None
    from . import baseline
    from .finding import Finding

    def findings():   # sorted, as the report has them
        for same in spool.by_path():
            yield from sorted((f for r in same for f in r.findings), key=Finding.sort_key)

    if args.write_baseline:
        found = list(findings())
        baseline.write(args.write_baseline, found)
        print(f"newslint: recorded {len(found)} finding{'s' * (len(found) != 1)} in {args.write_baseline}",
              file=sys.stderr)
        return None
    accepted = baseline.load(args.baseline)
    stale = baseline.stale(findings(), accepted, set(spool.paths()))
    earlier = spool.view

    def unaccepted(result):
        result = earlier(result) if earlier else result
        result.findings = baseline.unaccepted(result.findings, accepted)
        return result

    spool.view = unaccepted
    return stale


def _remember_patterns():
    """Reuse the pattern analyses of earlier runs (the bulk of loading the packs).

    Returns the function that keeps what this run learned, for the end of the run.
    """
    from . import matcher
    from .cache import cache_folder, prefilter_file

    root = os.getcwd()
    path = prefilter_file(root)
    matcher.remember(path)

    def keep() -> None:
        if matcher._LEARNED:
            try:
                cache_folder(root)
            except OSError:
                return
            matcher.keep(path)

    return keep


def _open_cache(settings: Settings):
    from .cache import Cache, fingerprint, settings_repr

    rule_dirs = [builtin_rules_dir(), *settings.rules]
    return Cache(os.getcwd(), fingerprint(rule_dirs, settings.registry, settings_repr(settings)))


class _progress:
    """A rich progress bar on stderr, only for a person at a terminal and a run that takes a while.

    It appears after PROGRESS_AFTER seconds, so quick runs (pre-commit) never
    flash one. Pipes, CI logs and the machine formats (json, github) never get
    one: a tool reading them wants nothing but the output.
    """

    PROGRESS_AFTER = 0.5

    def __init__(self, total: int, for_people: bool = True):
        self.total, self.done, self.bar, self.task = total, 0, None, None
        self.enabled = (
            for_people and sys.stderr.isatty() and not os.environ.get("CI") and not os.environ.get("NO_COLOR")
        )

    def __enter__(self):
        import time

        self.start = time.monotonic()
        return self

    @property
    def advance(self):
        """What to call after each file, or None when no bar may show."""
        return self._advance if self.enabled else None

    def _advance(self) -> None:
        import time

        self.done += 1
        if self.bar is None and time.monotonic() - self.start > self.PROGRESS_AFTER and self.done < self.total:
            from rich.console import Console
            from rich.progress import Progress

            self.bar = Progress(console=Console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task("linting", total=self.total, completed=self.done)
        elif self.bar is not None:
            self.bar.update(self.task, completed=self.done)

    def phase(self, description: str) -> None:
        """A step with no count (comparing the articles): shown only where the bar already is."""
        if self.bar is not None:
            self.bar.update(self.task, completed=self.total)
            self.task = self.bar.add_task(description, total=None)

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.stop()
        return False


def write(fmt: str, report, output_file: str | None = None) -> None:
    """The report, written as it is made (a piece at a time), then a newline if it was not empty."""
    from .report import reporter

    def fill(handle) -> None:
        wrote = False
        for piece in reporter(fmt)(report):
            if piece:
                handle.write(piece)
                wrote = True
        if wrote:
            handle.write("\n")

    if output_file:
        from .atomic import atomic_write

        try:
            atomic_write(output_file, fill, mode=0o644)
        except OSError as err:
            raise UserError(f"{output_file}: cannot write the report ({err.strerror or err})") from None
        return
    if fmt == "text" and _use_colour():
        from rich.console import Console
        from rich.text import Text

        from .report.text import styled

        console = Console(highlight=False, soft_wrap=True)
        for pieces in styled(report):
            console.print(Text.assemble(*pieces))
        return
    fill(sys.stdout)


def _use_colour() -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


def _print(text: str) -> int:
    sys.stdout.write(text + "\n")
    return 0


def list_rules(packs) -> str:
    rows = [f"{'code':7} {'name':38} {'category':15} {'severity':8} pack"]
    for pack in packs:
        for r in pack.rules:
            rows.append(f"{r.code:7} {r.name:38} {r.category:15} {r.severity:8} {r.pack}")
    return "\n".join(rows)


def list_rules_json(packs) -> str:
    import json

    return json.dumps([
        {"code": r.code, "name": r.name, "category": r.category, "severity": r.severity, "pack": r.pack,
         "kind": type(r.kind).name, "message": r.message, "why": r.why, "link": r.link}
        for pack in packs for r in pack.rules
    ], ensure_ascii=False)


def _example(text: str) -> str:
    return "  - " + "\n    ".join(text.strip().splitlines())


def explain(packs, code: str) -> str | None:
    for pack in packs:
        for r in pack.rules:
            if code.upper() == r.code or code.lower() == r.name:
                lines = [
                    f"{r.code} {r.name}",
                    f"pack: {r.pack}   category: {r.category}   severity: {r.severity}   kind: {type(r.kind).name}"
                    + ("" if r.fix is None else f"   fix: {r.fix.action}{'' if r.fix.safe else ' (unsafe)'}"),
                    "",
                    f"message: {r.message}",
                    "",
                    "why:",
                    *("  " + line for line in r.why.splitlines()),
                ]
                if r.link:
                    lines += ["", f"see: {r.link}"]
                lines += ["", "flags:", *(_example(e) for e in r.examples["flag"])]
                lines += ["", "passes:", *(_example(e) for e in r.examples["pass"])]
                return "\n".join(lines)
    return None


if __name__ == "__main__":
    sys.exit(main())
