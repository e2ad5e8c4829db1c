"""Text for people, in the manner of ruff: path:line:col: CODE [severity] message.

`render` returns plain text; `styled` returns the same lines as (text, style)
pieces so the CLI can colour them with rich on a terminal.
"""
from __future__ import annotations

from collections import Counter

from typing import Iterator

from . import Report, joined
from .printable import escaped

Piece = tuple[str, str]  # (text, rich style; "" for none)

_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def styled(report: Report) -> Iterator[list[Piece]]:
    """The report's lines, one at a time; what the summary counts is counted on the way."""
    stats: Counter = Counter()
    # Every text from a file or its name is escaped (report/printable.py): one line
    # stays one line, whatever a file name holds.
    for f in report.findings:
        stats[(f.rule, f.name, f.severity, f.category)] += 1
        yield [
            (escaped(f.path), "bold"), (f":{f.line}:{f.column}: ", ""), (f.rule, "bold magenta"),
            (" [", ""), (f.severity, _SEVERITY_STYLE[f.severity]), ("] ", ""), (escaped(f.message), ""),
        ]
        if report.quiet:
            continue
        if f.excerpt:
            excerpt, caret = _excerpt_lines(f.excerpt, f.mark, report.width)
            yield [("    | ", "dim"), (excerpt, "dim")]
            if caret:
                yield [("    | ", "dim"), (caret, "bold red")]
        for r in f.related:
            note = f" ({r.note})" if r.note else ""
            yield [("    ↳ ", "dim"), (escaped(f"{r.path}:{r.line}{note}"), "dim")]
    checked = failed = 0
    profiled: list[tuple[str, dict]] = []   # up to one past the table's limit: then only counted
    profiled_count = 0
    for r in report.files:
        if r.error:
            failed += 1
            yield [("error: ", "bold red"), (escaped(r.error), "")]
        else:
            checked += 1
            if r.notes and not report.quiet:
                for note in r.notes:
                    yield [("note: ", "cyan"), (escaped(f"{r.path}: {note}"), "")]
        if r.data.get("sourcing"):
            profiled_count += 1
            if len(profiled) <= SOURCES_TABLE_FILES:
                profiled.append((r.path, r.data["sourcing"]))
    for error in report.errors:
        yield [("error: ", "bold red"), (escaped(error), "")]
    if report.statistics:
        yield from _statistics(stats)
        if report.baseline_stale:
            n = report.baseline_stale
            yield [(f"{n:5d}  ", "bold"), (f"stale baseline entr{'ies' if n != 1 else 'y'}: ", ""),
                   ("no longer match a finding; rewrite the baseline to drop them", "dim")]
    if not report.quiet:   # --quiet: the findings (and errors) only, as ruff -q
        yield from _summary(report, stats, checked, failed + len(report.errors), profiled, profiled_count)


def _excerpt_lines(excerpt: str, mark: tuple[int, int], width: int | None) -> tuple[str, str]:
    """The excerpt (escaped, cut to the terminal around the flagged words) and a caret
    line under those words, as ruff and rustc mark a span."""
    first, last = mark
    room = (width - 6) if width else None   # after the "    | " gutter
    if room and len(excerpt) > room > 20:
        cut = max(0, min((first + last) // 2 - room // 2, len(excerpt) - room + 1))
        head = "…" if cut else ""
        tail = "…" if cut + room - 1 < len(excerpt) else ""
        body = excerpt[cut:cut + room - len(head) - len(tail)]
        first, last = first - cut + len(head), last - cut + len(head)
        excerpt = head + body + tail
    shown = escaped(excerpt)
    first, last = max(0, min(first, len(excerpt))), max(0, min(last, len(excerpt)))
    if last <= first and not (0 < first <= len(excerpt)):
        return shown, ""
    start = _cells(escaped(excerpt[:first]))
    return shown, " " * start + "^" * max(1, _cells(escaped(excerpt[first:last])))


def _cells(text: str) -> int:
    """Terminal columns: East Asian wide characters take two, combining marks none."""
    import unicodedata

    if text.isascii():
        return len(text)
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _statistics(stats: Counter) -> list[list[Piece]]:
    counts: Counter = Counter()
    for (rule, name, sev, _), n in stats.items():
        counts[(rule, name, sev)] += n
    return [
        [(f"{n:5d}  ", "bold"), (f"{rule:7s} ", "bold magenta"), (f"{name} ", ""), (f"[{sev}]", _SEVERITY_STYLE[sev])]
        for (rule, name, sev), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def _summary(report: Report, stats: Counter, checked: int, errors: int, profiled, profiled_count: int
             ) -> list[list[Piece]]:
    found = sum(stats.values())
    if not found:
        if errors:  # not "all clear": some of what was asked for was never read
            return [[(f"No findings in {checked} file{'s' * (checked != 1)} checked; "
                      f"{errors} error{'s' * (errors != 1)} above.", "bold red")]]
        return [[(f"All clear: no findings in {checked} file{'s' * (checked != 1)}.", "bold green")]]
    severities: Counter = Counter()
    categories: Counter = Counter()
    for (_, _, severity, category), n in stats.items():
        severities[severity] += n
        categories[category] += n
    head = f"Found {found} finding{'s' * (found != 1)} in {checked} file{'s' * (checked != 1)} checked"
    by_sev = ", ".join(f"{n} {s}" for s, n in sorted(severities.items(), key=lambda kv: -["info", "warning", "error"].index(kv[0])))
    by_cat = ", ".join(f"{c} {n}" for c, n in sorted(categories.items(), key=lambda kv: (-kv[1], kv[0])))
    lines = [[("", "")], [(head, "bold"), (f" ({by_sev}).", "")], [("  by category: ", "dim"), (by_cat, "")]]
    if errors:
        lines.append([(f"  {errors} error{'s' * (errors != 1)} above: not every file was read", "bold red")])
    for story in report.stories:
        lines.append([("  read as one story: ", "dim"), (escaped(", ".join(story)), "")])
    lines.extend(_sources(report, profiled, profiled_count))
    return lines


# Past this many files the per-file sourcing table would swamp the summary.
SOURCES_TABLE_FILES = 20


def _sources(report: Report, profiled, profiled_count: int) -> list[list[Piece]]:
    from .sources import render_table

    if not profiled or report.quiet:
        return []
    if profiled_count > SOURCES_TABLE_FILES:
        return [[("  sourcing: ", "dim"), (f"{profiled_count} files profiled; `newslint sources PATHS` prints the table", "")]]
    return [[("", "")]] + [[(line, "")] for line in render_table(profiled)]


def stream(report: Report) -> Iterator[str]:
    return joined(("".join(text for text, _ in line) for line in styled(report)), "\n")


def render(report: Report) -> str:
    return "".join(stream(report))
