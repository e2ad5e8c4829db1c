"""A report to read: each article's text with its flagged spans marked, in one HTML file.

Self-contained (inline CSS and a little JS, nothing fetched), so it can be
mailed or archived beside the copy it describes. Every byte of an article is
untrusted and goes through html.escape. The article text is read again from
the file: results hold positions, not text, and the positions (1-based line
and column in the decoded file) are the ones every other format reports.
"""
from __future__ import annotations

import html
from collections import Counter

from .. import __version__
from .. import reader
from ..finding import Finding
from . import Report

# Categories share a colour *and* a line style, so a reader who cannot tell the
# colours apart still can (and a printout in grey keeps them apart).
STYLES = ("solid", "dashed", "dotted", "double", "wavy")
COLOURS = ("#d9480f", "#1971c2", "#2f9e44", "#9c36b5", "#e67700", "#0c8599", "#c2255c", "#5c940d", "#495057")
OPEN_UP_TO = 20   # files shown open; a bigger run starts collapsed, one <details> a file

CSS = """
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:70rem;padding:1rem;color:#212529}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin:0}table{border-collapse:collapse;margin:.5rem 0}
td,th{border:1px solid #dee2e6;padding:.15rem .5rem;text-align:left;vertical-align:top}
details.file{border:1px solid #ced4da;border-radius:4px;margin:.75rem 0;padding:.5rem;content-visibility:auto}
.text{font:13px/1.6 ui-monospace,monospace;white-space:pre-wrap;word-break:break-word;border-top:1px solid #eee;margin-top:.5rem}
.ln{display:flex}.ln:target{background:#fff3bf}.no{color:#adb5bd;min-width:3.5rem;text-align:right;padding-right:.75rem;user-select:none}
.tx{flex:1}mark{background:none;text-decoration-line:underline;text-decoration-thickness:2px;text-underline-offset:3px;cursor:help}
mark.off{text-decoration:none}.finding.off{display:none}#filters label{margin-right:.75rem}
.s-error{font-weight:bold}.meta{color:#495057}.tip{position:fixed;background:#212529;color:#fff;padding:.3rem .5rem;border-radius:3px;max-width:40rem;font-size:13px;display:none}
"""

JS = """
const shown=()=>{const off=new Set();document.querySelectorAll('#filters input').forEach(i=>{if(!i.checked)off.add(i.value)});return off};
function apply(){const off=shown();const visible=new Set();
 document.querySelectorAll('tr.finding').forEach(r=>{const hide=off.has('c-'+r.dataset.category)||off.has('s-'+r.dataset.severity);
  r.classList.toggle('off',hide);if(!hide)visible.add(r.id)});
 document.querySelectorAll('mark').forEach(m=>{m.classList.toggle('off',!m.dataset.ids.split(' ').some(id=>visible.has(id)))})}
document.querySelectorAll('#filters input').forEach(i=>i.addEventListener('change',apply));
// A big run keeps each closed file's text in a <template>: parsed, never laid out, until opened.
function fill(d){const t=d.querySelector('template.lazy');if(t){t.replaceWith(t.content);apply()}}
document.querySelectorAll('details.file').forEach(d=>d.addEventListener('toggle',()=>{if(d.open)fill(d)}));
const tip=document.getElementById('tip');
function show(m){const lines=m.dataset.ids.split(' ').map(id=>document.getElementById(id)).filter(r=>r&&!r.classList.contains('off')).map(r=>r.dataset.tip);
 if(!lines.length)return;tip.textContent=lines.join('\\n');tip.style.whiteSpace='pre-line';const b=m.getBoundingClientRect();
 tip.style.left=Math.min(b.left,innerWidth-420)+'px';tip.style.top=(b.bottom+4)+'px';tip.style.display='block'}
const hide=()=>tip.style.display='none';
for(const [on,off] of [['mouseover','mouseout'],['focusin','focusout']]){
 document.addEventListener(on,e=>{const m=e.target.closest&&e.target.closest('mark');if(m)show(m)});
 document.addEventListener(off,e=>{if(e.target.closest&&e.target.closest('mark'))hide()})}
document.addEventListener('click',e=>{const a=e.target.closest&&e.target.closest('a[href^="#L-"],a[href^="#file-"]');if(!a)return;
 const id=a.getAttribute('href').slice(1);const d=document.getElementById(id.startsWith('L-')?'file-'+id.split('-')[1]:id);
 if(d){d.open=true;fill(d)}const t=document.getElementById(id);if(t){e.preventDefault();history.pushState(null,'','#'+id);t.scrollIntoView({block:'center'})}});
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def stream(report: Report):
    """One piece: this report shows every file's text with its marks and is held whole
    (an archive's audit reads the JSON or the text instead)."""
    yield render(report)


def render(report: Report) -> str:
    files = sorted(report.files, key=lambda r: r.path)
    anchors = {r.path: index for index, r in enumerate(files)}
    categories = sorted({f.category for r in files for f in r.findings})
    style = {c: (COLOURS[i % len(COLOURS)], STYLES[i % len(STYLES)]) for i, c in enumerate(categories)}
    ids = {id(f): f"f{n}" for n, f in enumerate((f for r in files for f in r.findings), 1)}
    parts = [
        "<!DOCTYPE html><html lang=en><head><meta charset=utf-8>",
        "<meta name=viewport content='width=device-width,initial-scale=1'><title>newslint report</title>",
        "<style>", CSS,
        *(f"mark.c-{_e(c)}{{text-decoration-color:{colour};text-decoration-style:{line}}}"
          f".key.c-{_e(c)}{{text-decoration:underline 2px {line} {colour};text-underline-offset:3px}}" for c, (colour, line) in style.items()),
        "</style></head><body>",
        f"<h1>newslint report</h1><p class=meta>newslint {_e(__version__)}: {len(files)} files, "
        f"{sum(len(r.findings) for r in files)} findings</p>",
        _filters(files, categories),
        _summary(files, categories, anchors),
        _stories(report.stories, anchors),
        *(_file(r, anchors, ids, open_=len(files) <= OPEN_UP_TO) for r in files),
        "<div id=tip class=tip role=tooltip></div><script>", JS, "</script></body></html>",
    ]
    return "".join(parts)


def _filters(files, categories) -> str:
    severities = sorted({f.severity for r in files for f in r.findings})
    boxes = [f"<label><input type=checkbox checked value='c-{_e(c)}'><span class='key c-{_e(c)}'>{_e(c)}</span></label>"
             for c in categories]
    boxes += [f"<label><input type=checkbox checked value='s-{_e(s)}'>{_e(s)}</label>" for s in severities]
    return f"<p id=filters>Show: {''.join(boxes)}</p>"


def _summary(files, categories, anchors) -> str:
    head = "".join(f"<th><span class='key c-{_e(c)}'>{_e(c)}</span></th>" for c in categories)
    rows = []
    for r in files:
        counts = Counter(f.category for f in r.findings)
        score = (r.data.get("sourcing") or {}).get("score", "")
        rows.append(f"<tr><td><a href='#file-{anchors[r.path]}'>{_e(r.path)}</a></td><td>{len(r.findings)}</td>"
                    f"<td>{_e(score)}</td>" + "".join(f"<td>{counts.get(c, '')}</td>" for c in categories) + "</tr>")
    table = f"<table id=summary><tr><th>file</th><th>findings</th><th>sourcing score</th>{head}</tr>{''.join(rows)}</table>"
    open_ = len(files) <= OPEN_UP_TO
    return (f"<details class=file id=file-summary{' open' if open_ else ''}><summary><h2 style='display:inline'>Files</h2></summary>"
            f"<div style='overflow-x:auto'>{_lazy(table, open_)}</div></details>")


def _stories(stories, anchors) -> str:
    if not stories:
        return ""
    items = "".join(
        "<li>" + ", ".join(f"<a href='#file-{anchors[p]}'>{_e(p)}</a>" if p in anchors else _e(p) for p in group) + "</li>"
        for group in stories
    )
    return f"<h2>Read as one story</h2><ul id=stories>{items}</ul>"


def _file(result, anchors, ids, open_: bool) -> str:
    index = anchors[result.path]
    head = f"<summary><h2 style='display:inline'>{_e(result.path)}</h2> <span class=meta>{len(result.findings)} findings</span></summary>"
    body = []
    if result.error:
        body.append(f"<p class=meta>{_e(result.error)}</p>")
    body += [f"<p class=meta>{_e(note)}</p>" for note in result.notes]
    body.append(_findings_table(result, anchors, ids, index))
    body.append(_sourcing(result.data.get("sourcing")))
    body.append(_text(result, ids, index))
    return f"<details class=file id='file-{index}'{' open' if open_ else ''}>{head}{_lazy(''.join(body), open_)}</details>"


def _lazy(content: str, open_: bool) -> str:
    """Content shown now, or kept in a <template> (parsed, never laid out) until its
    <details> is opened: the BBC corpus's 2,225 files open in a browser in ~1 s, not ~3."""
    return content if open_ or not content else f"<template class=lazy>{content}</template>"


def _findings_table(result, anchors, ids, index) -> str:
    if not result.findings:
        return ""
    rows = []
    for f in result.findings:
        related = " ".join(
            f"<a href='#L-{anchors[r.path]}-{r.line}'>{_e(r.path)}:{r.line}</a>" if r.path in anchors else _e(f"{r.path}:{r.line}")
            for r in f.related
        )
        tip = f"{f.rule} {f.name} [{f.severity}]: {f.message}"
        rows.append(
            f"<tr class=finding id='{ids[id(f)]}' data-category='{_e(f.category)}' data-severity='{_e(f.severity)}' "
            f"data-tip='{_e(tip)}'><td><a href='#L-{index}-{f.line}'>{f.line}:{f.column}</a></td>"
            f"<td class=s-{_e(f.severity)}>{_e(f.severity)}</td><td><span class='key c-{_e(f.category)}'>{_e(f.rule)}</span> {_e(f.name)}</td>"
            f"<td>{_e(f.message)}</td><td>{related}</td></tr>"
        )
    return "<table class=findings><tr><th>at</th><th>level</th><th>rule</th><th>message</th><th>see also</th></tr>" + "".join(rows) + "</table>"


def _sourcing(profile) -> str:
    if not profile:
        return ""
    terms = ", ".join(f"{_e(t['term'])} {t['points']:+d}" for t in profile.get("score_terms", []) if t.get("points"))
    sources = "".join(
        f"<tr><td>{_e(s.get('name'))}</td><td>{_e(s.get('type', ''))}</td><td>{_e(s.get('tier', ''))}</td>"
        f"<td>{_e(s.get('cited_as', ''))}</td><td>{_e(s.get('mentions', ''))}</td></tr>"
        for s in profile.get("sources", [])
    )
    provenance = profile.get("provenance") or {}
    origin = f"; {_e(provenance.get('status'))} from {_e(provenance.get('origin'))}" if provenance.get("origin") else ""
    table = ("<table class=sources><tr><th>source</th><th>type</th><th>reliability</th><th>cited as</th><th>mentions</th></tr>"
             + sources + "</table>") if sources else ""
    claims = profile.get("claims") or {}
    counted = (f"; claim sentences: {_e(claims.get('attributed', 0))} attributed, {_e(claims.get('vague', 0))} vague, "
               f"{_e(claims.get('unattributed', 0))} unattributed of {_e(claims.get('sentences', 0))}") if claims else ""
    return (f"<p class=meta>Sourcing score {_e(profile.get('score', ''))}{' (' + terms + ')' if terms else ''}{origin}"
            f"{counted}</p>{table}")


def _text(result, ids, index) -> str:
    try:
        source, _ = reader.decode(reader.read_bytes(result.path), result.path)
    except (reader.InputError, OSError):
        return ""
    lines = source.split("\n")
    marks: dict[int, list[tuple[int, int, Finding]]] = {}
    for f in result.findings:
        for number, start, end in _spans(f, lines):
            marks.setdefault(number, []).append((start, end, f))
    out = ["<div class=text>"]
    for number, line in enumerate(lines, 1):
        out.append(f"<div class=ln id='L-{index}-{number}'><span class=no>{number}</span><span class=tx>")
        out.append(_marked(line, marks.get(number, []), ids))
        out.append("</span></div>")
    out.append("</div>")
    return "".join(out)


def _spans(f: Finding, lines: list[str]):
    """(line number, start, end) pieces of a finding, one per line it covers, 0-based columns.

    A finding with no width (a point, such as a name variant) marks the word it starts."""
    last = min(f.end_line, len(lines))
    for number in range(f.line, last + 1):
        text = lines[number - 1]
        start = f.column - 1 if number == f.line else 0
        end = f.end_column - 1 if number == f.end_line else len(text)
        start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
        if end <= start and number == f.line:
            end = _word_end(text, start)
            if end <= start:       # at the line's end: the whole line is what it is about
                start, end = 0, len(text)
        if end > start:
            yield number, start, end


def _word_end(text: str, start: int) -> int:
    end = start
    while end < len(text) and not text[end].isspace():
        end += 1
    return end


def _marked(line: str, spans: list[tuple[int, int, Finding]], ids) -> str:
    """The line escaped, with each stretch that findings cover in one <mark> naming them all."""
    if not spans:
        return _e(line)
    cuts = sorted({0, len(line), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        covering = [f for s, e, f in spans if s <= a and b <= e]
        piece = _e(line[a:b])
        if covering:
            classes = " ".join(sorted({f"c-{_e(f.category)}" for f in covering}))
            names = " ".join(ids[id(f)] for f in covering)
            label = _e("; ".join(f"{f.rule}: {f.message}" for f in covering))
            piece = f"<mark class='{classes}' data-ids='{names}' tabindex=0 aria-label='{label}'>{piece}</mark>"
        out.append(piece)
    return "".join(out)
