"""Document + rules -> findings. The one gate every hit passes through.

A hit becomes a Finding (positions in the source file, message filled in), then
inline directives may drop it. Selection happened before: rules that are not
selected never run.
"""
from __future__ import annotations

from . import message_template, suppress
from .document import Document
from .finding import Finding, Hit
from .kinds import Context
from .rulepack import Rule

EXCERPT_CHARS = 160


def lint_document(doc: Document, rules: list[Rule], registry=None,
                  known_rules: list[Rule] | None = None) -> tuple[list[Finding], dict]:
    """Findings, and the per-file data kinds reported (see Context.report).

    `known_rules`: every rule loaded, selected or not, so a directive naming a
    rule this run skips is not taken for a typo.
    """
    directives = suppress.parse(doc.source)
    if directives.skip_file:
        return [], {}
    boundaries: set[int] = set()
    for rule in rules:
        boundaries |= rule.kind.markers(doc)
    ctx = Context(frozenset(boundaries), registry)
    findings = []
    last = [rule for rule in rules if rule.kind.runs_last]
    # Kinds that add only where the others found nothing (a learned safety net) run after them.
    after = [rule for rule in rules if rule.kind.reads_findings and not rule.kind.runs_last]
    for rule in rules:
        if rule.kind.runs_last or rule.kind.reads_findings:
            continue
        findings.extend(_gated(doc, rule, ctx, directives))
    if after:
        ctx.findings = tuple(findings)
        for rule in after:
            findings.extend(_gated(doc, rule, ctx, directives))
    if last:
        ctx.directives, ctx.ran_rules = directives, [r for r in rules if not r.kind.runs_last]
        ctx.known_rules = known_rules if known_rules is not None else rules
        findings.extend(make_finding(doc, rule, hit) for rule in last for hit in rule.kind.find(doc, ctx))
    findings.sort(key=Finding.sort_key)
    return fold_into_blocks(findings), ctx.report


def _gated(doc: Document, rule: Rule, ctx: Context, directives) -> list[Finding]:
    """The rule's findings that no inline directive suppresses."""
    out = []
    for hit in rule.kind.find(doc, ctx):
        finding = make_finding(doc, rule, hit)
        if not directives.suppresses(rule, finding.line):
            out.append(finding)
    return out


def fold_into_blocks(findings: list[Finding]) -> list[Finding]:
    """Drop a finding that lies inside a larger block of the same category.

    A site footer is one finding; the newsletter prompt and social links inside
    it are part of it, not news. Different categories stay (chrome inside a
    pasted second story is still worth its own line).
    """
    blocks = [f for f in findings if f.end_line > f.line]
    if not blocks:
        return findings
    import bisect

    # Per category, blocks by first line with the running furthest last line: a finding
    # is inside a larger block when one starting above it ends at or below its end, or
    # one starting on its line ends further down. A sweep, not every pair: a page of
    # thousands of menu lines has thousands of findings.
    starts: dict[str, list[int]] = {}
    reach: dict[str, list[int]] = {}
    same_line_end: dict[tuple[str, int], int] = {}
    for b in sorted(blocks, key=lambda b: (b.category, b.line)):
        starts.setdefault(b.category, []).append(b.line)
        ends = reach.setdefault(b.category, [])
        ends.append(max(ends[-1], b.end_line) if ends else b.end_line)
        key = (b.category, b.line)
        same_line_end[key] = max(same_line_end.get(key, 0), b.end_line)

    def inside(f: Finding) -> bool:
        lines = starts.get(f.category)
        if not lines:
            return False
        above = bisect.bisect_left(lines, f.line)   # blocks starting above this finding
        if above and reach[f.category][above - 1] >= f.end_line:
            return True
        return same_line_end.get((f.category, f.line), 0) > f.end_line

    return [f for f in findings if not inside(f)]


def make_finding(doc: Document, rule: Rule, hit: Hit) -> Finding:
    line, column = doc.position(hit.start)
    end_line, end_column = doc.position(max(hit.end, hit.start))
    matched = " ".join(doc.text[hit.start:hit.end].split())
    fields = {
        "match": _shorten(matched, 80),
        "lines": f"line {line}" if end_line == line else f"lines {line}-{end_line}",
        **dict(hit.values),
    }
    message = hit.message or message_template.fill(rule.message, fields)
    excerpt, mark = _excerpt(doc, hit)
    return Finding(
        path=doc.path, line=line, column=column, end_line=end_line, end_column=end_column,
        rule=rule.code, name=rule.name, category=rule.category, severity=rule.severity,
        message=message, excerpt=excerpt, pack=rule.pack, related=hit.related, mark=mark,
    )


def _excerpt(doc: Document, hit: Hit) -> tuple[str, tuple[int, int]]:
    """The flagged line (stripped), or, when it is longer than EXCERPT_CHARS, the stretch
    of it centred on the match with "…" where it was cut; and where the match lies in it.

    A match at column 268 of a paragraph typed on one line must be in its excerpt."""
    start, end = doc.lines[doc.line_index(hit.start)]
    line = doc.text[start:end]
    lead = len(line) - len(line.lstrip())
    body = line.strip()
    first = min(max(0, hit.start - start - lead), len(body))
    last = min(max(first, hit.end - start - lead), len(body))   # a match over lines: marked to this one's end
    if len(body) <= EXCERPT_CHARS:
        return body, (first, last)
    width = EXCERPT_CHARS - 2                                     # room for the two ellipses
    centre = (first + min(last, first + width)) // 2
    cut = max(0, min(centre - width // 2, len(body) - width))
    text = ("…" if cut else "") + body[cut:cut + width] + ("…" if cut + width < len(body) else "")
    shift = (1 if cut else 0) - cut
    return text, (max(0, first + shift), min(len(text), last + shift))


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
