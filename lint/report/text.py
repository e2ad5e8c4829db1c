"""Text for people, in the manner of ruff: path:line:col: CODE [severity] message.

`render` returns plain text; `styled` returns the same lines as (text, style)
pieces so the CLI can colour them with rich on a terminal.
"""
from __future__ import annotations

from collections import Counter

from . import Report
from .printable import escaped

Piece = tuple[str, str]  # (text, rich style; "" for none)

_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def styled(report: Report) -> list[list[Piece]]:
    lines: list[list[Piece]] = []
    findings = report.findings
    # Every text from a file or its name is escaped (report/printable.py): one line
    # stays one line, whatever a file name holds.
    for f in findings:
        lines.append([
            (escaped(f.path), "bold"), (f":{f.line}:{f.column}: ", ""), (f.rule, "bold magenta"),
            (" [", ""), (f.severity, _SEVERITY_STYLE[f.severity]), ("] ", ""), (escaped(f.message), ""),
        ])
        if report.quiet:
            continue
        if f.excerpt:
            excerpt, caret = _excerpt_lines(f.excerpt, f.mark, report.width)
            lines.append([("    | ", "dim"), (excerpt, "dim")])
            if caret:
                lines.append([("    | ", "dim"), (caret, "bold red")])
        for r in f.related:
            note = f" ({r.note})" if r.note else ""
            lines.append([("    ↳ ", "dim"), (escaped(f"{r.path}:{r.line}{note}"), "dim")])
    for r in report.files:
        if r.error:
            lines.append([("error: ", "bold red"), (escaped(r.error), "")])
        elif r.notes and not report.quiet:
            for note in r.notes:
                lines.append([("note: ", "cyan"), (escaped(f"{r.path}: {note}"), "")])
    for error in report.errors:
        lines.append([("error: ", "bold red"), (escaped(error), "")])
    if report.statistics:
        lines.extend(_statistics(findings))
        if report.baseline_stale:
            n = report.baseline_stale
            lines.append([(f"{n:5d}  ", "bold"), (f"stale baseline entr{'ies' if n != 1 else 'y'}: ", ""),
                          ("no longer match a finding; rewrite the baseline to drop them", "dim")])
    if not report.quiet:   # --quiet: the findings (and errors) only, as ruff -q
        lines.extend(_summary(report, findings))
    return lines


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


def _statistics(findings) -> list[list[Piece]]:
    counts = Counter((f.rule, f.name, f.severity) for f in findings)
    return [
        [(f"{n:5d}  ", "bold"), (f"{rule:7s} ", "bold magenta"), (f"{name} ", ""), (f"[{sev}]", _SEVERITY_STYLE[sev])]
        for (rule, name, sev), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def _summary(report: Report, findings) -> list[list[Piece]]:
    checked = sum(1 for r in report.files if not r.error)
    errors = len(report.errors) + sum(1 for r in report.files if r.error)
    if not findings:
        if errors:  # not "all clear": some of what was asked for was never read
            return [[(f"No findings in {checked} file{'s' * (checked != 1)} checked; "
                      f"{errors} error{'s' * (errors != 1)} above.", "bold red")]]
        return [[(f"All clear: no findings in {checked} file{'s' * (checked != 1)}.", "bold green")]]
    severities = Counter(f.severity for f in findings)
    categories = Counter(f.category for f in findings)
    head = f"Found {len(findings)} finding{'s' * (len(findings) != 1)} in {checked} file{'s' * (checked != 1)} checked"
    by_sev = ", ".join(f"{n} {s}" for s, n in sorted(severities.items(), key=lambda kv: -["info", "warning", "error"].index(kv[0])))
    by_cat = ", ".join(f"{c} {n}" for c, n in sorted(categories.items(), key=lambda kv: (-kv[1], kv[0])))
    lines = [[("", "")], [(head, "bold"), (f" ({by_sev}).", "")], [("  by category: ", "dim"), (by_cat, "")]]
    if errors:
        lines.append([(f"  {errors} error{'s' * (errors != 1)} above: not every file was read", "bold red")])
    for story in report.stories:
        lines.append([("  read as one story: ", "dim"), (escaped(", ".join(story)), "")])
    lines.extend(_sources(report))
    return lines


# Past this many files the per-file sourcing table would swamp the summary.
SOURCES_TABLE_FILES = 20


def _sources(report: Report) -> list[list[Piece]]:
    from .sources import render_table

    profiled = [(r.path, r.data["sourcing"]) for r in report.files if r.data.get("sourcing")]
    if not profiled or report.quiet:
        return []
    if len(profiled) > SOURCES_TABLE_FILES:
        return [[("  sourcing: ", "dim"), (f"{len(profiled)} files profiled; `newslint sources PATHS` prints the table", "")]]
    return [[("", "")]] + [[(line, "")] for line in render_table(profiled)]


def render(report: Report) -> str:
    return "\n".join("".join(text for text, _ in line) for line in styled(report))
