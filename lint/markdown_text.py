"""Markdown -> prose view with the same offsets as the source.

Rules find phrases by offset, and the offset must point at the same place in
the file the user opened. So instead of rendering Markdown we *blank* it: every
character that is markup (or code, URLs, HTML, front matter) becomes a space,
and newlines stay where they are. `view.text` therefore has exactly the length
and the line/column layout of the source, and "**many** hope" reads as
"  many   hope" (phrase patterns use \\s+ between words, so that is harmless).

This is a line-oriented approximation of CommonMark/GFM, good for the simple
Markdown articles are written in, not a full parser. No Markdown library: the
block pass walks the lines with a little state, then each paragraph (a "chunk")
gets a few regex passes for inline markup.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from . import safe_yaml


class MarkdownView(NamedTuple):
    text: str                    # source with non-prose characters replaced by spaces
    meta: dict                   # YAML front matter ({} if none or invalid)
    headings: frozenset[int] = frozenset()     # 0-based lines: ATX lines, setext text lines
    list_items: frozenset[int] = frozenset()   # 0-based lines where a list item starts
    quote_lines: frozenset[int] = frozenset()  # 0-based lines inside a block quote
    meta_error: str | None = None              # one line, when front matter is unusable

    def __hash__(self) -> int:   # meta is a dict: hashed by everything else
        return hash((self.text, self.headings, self.list_items, self.quote_lines, self.meta_error))


# -- front matter --------------------------------------------------------------

_FM_OPEN = re.compile(r"\ufeff?---[ \t]*\r?\n")
_FM_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.M)


def _front_matter(src: str) -> tuple[int, dict, str | None]:
    """(end offset of the front matter block, meta, error); end is 0 when there is none."""
    opening = _FM_OPEN.match(src)
    if not opening:
        return 0, {}, None
    closing = _FM_CLOSE.search(src, opening.end())
    if not closing:  # an unclosed '---' is a thematic break, not front matter
        return 0, {}, None
    meta, error = _parse_yaml(src[opening.end():closing.start()])
    return closing.end(), meta, error


def _parse_yaml(raw: str) -> tuple[dict, str | None]:
    # Dates stay as written: a `date: 2025-07-12` reaches the rules as the author's
    # text (and stays JSON-serialisable), and 2025-13-40 is no error.
    try:
        data = safe_yaml.load(raw, limit=safe_yaml.FRONT_MATTER_LIMIT, dates_as_text=True)
    except safe_yaml.YamlError as err:
        # YAML line 1 is source line 2: the opening '---' is line 1.
        where = f" at line {err.line + 1}" if err.line else ""
        return {}, f"invalid YAML{where}: {err.problem}"
    if data is None:  # empty front matter is fine
        return {}, None
    if not isinstance(data, dict):
        return {}, f"not a mapping of keys to values (got a YAML {type(data).__name__})"
    return data, None


# -- block level ---------------------------------------------------------------
# Block regexes are matched against the line with its indentation stripped
# ("body"); indentation is judged separately (4+ columns = code, outside lists).

_QUOTE = re.compile(r"(?:[ \t]{0,3}>[ \t]?)+")
_FENCE = re.compile(r"(`{3,})[^`]*$|(~{3,})")
_HTML_BLOCK = re.compile(r"<!--|<(script|pre|style|textarea)(?=[\s>]|$)", re.I)
_SETEXT = re.compile(r"(?:=+|-+)[ \t]*$")
_ATX = re.compile(r"#{1,6}(?:[ \t]+|$)")
_ATX_CLOSE = re.compile(r"(?<![^ \t])#+[ \t]*$")  # closing #s need a space before
_HR = re.compile(r"([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_LIST = re.compile(r"(?:[-+*]|([0-9]{1,9})[.)])(?:[ \t]+|$)")
_TASK = re.compile(r"\[[ xX]\](?=[ \t]|$)")
_REF_DEF = re.compile(
    r"\[((?:[^\[\]\\]|\\.)+)\]:[ \t]*(?:<[^<>]*>|\S+)"
    r"(?:[ \t]+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?[ \t]*$"
)
# Lines whose first character cannot start any block construct skip the checks.
_BLOCK_STARTERS = frozenset("`~<=-#*_+[0123456789")


def _label(text: str) -> str:
    return " ".join(text.split()).casefold()


_NOT_NEWLINE = re.compile(r"[^\r\n]")


def _blank(out: list[str], src: str, i: int, j: int) -> None:
    """Replace src[i:j] by spaces in `out`, keeping line breaks."""
    if j <= i:
        return
    seg = src[i:j]
    if "\n" in seg or "\r" in seg:
        out[i:j] = _NOT_NEWLINE.sub(" ", seg)
    else:
        out[i:j] = " " * (j - i)


def _blocks(src, out, start, headings, items, quotes, defs) -> list[list[int]]:
    """Blank block markup; return [start, end] offsets of inline chunks (paragraphs, headings)."""
    chunks: list[list[int]] = []
    fence = None         # (char, min length, opened inside a quote) inside a fenced block
    html_end = None      # closing marker inside a multi-line comment / <pre> / <script> block
    para = False         # the previous line is paragraph text (may be continued)
    para_start = 0       # first line of that paragraph (for setext headings)
    para_plain = False   # ... and it is not a list item's (only plain paragraphs become setext)
    para_quote = False   # ... and it is inside a block quote
    in_list = False      # indented lines are list content, not code

    pos = 0
    for ln, line in enumerate(src.split("\n")):
        lstart = pos
        pos += len(line) + 1
        if lstart < start:  # front matter, already blanked
            continue
        if line.endswith("\r"):
            line = line[:-1]
        end = lstart + len(line)

        if fence:
            if fence[2]:
                quoted = _QUOTE.match(line)
                if quoted:
                    quotes.add(ln)
                    line = line[quoted.end():]
            body = line.strip(" \t")
            if len(body) >= fence[1] and body == fence[0] * len(body):
                fence = None
            _blank(out, src, lstart, end)
            continue
        if html_end:
            if html_end in line.lower():
                html_end = None
            _blank(out, src, lstart, end)
            continue

        i, quoted = 0, False
        if ">" in line:
            m = _QUOTE.match(line)
            if m:
                quoted, i = True, m.end()
                quotes.add(ln)
                _blank(out, src, lstart, lstart + i)
        rest = line[i:]
        body = rest.lstrip(" \t")
        if not body:
            para = False
            continue
        lead = len(rest) - len(body)
        indent = len(rest[:lead].expandtabs(4))
        j = lstart + i + lead  # offset of body
        c = body[0]

        if indent >= 4 and not in_list and not para:  # indented code block
            _blank(out, src, j, end)
            continue
        if (indent < 4 or in_list) and c in _BLOCK_STARTERS:
            if c in "`~":
                m = _FENCE.match(body)
                if m:
                    run = m.group(1) or m.group(2)
                    fence = (run[0], len(run), quoted)
                    _blank(out, src, j, end)
                    para, in_list = False, in_list and indent > 0
                    continue
            if c == "<":
                m = _HTML_BLOCK.match(body)
                if m:
                    closer = "-->" if m.group(1) is None else f"</{m.group(1).lower()}>"
                    # Closed on the same line: leave it to the inline pass, which
                    # keeps any prose around it.
                    if closer not in body[m.end():].lower():
                        html_end = closer
                        _blank(out, src, j, end)
                        para, in_list = False, in_list and indent > 0
                        continue
            if c in "=-" and para and para_plain and quoted == para_quote and _SETEXT.match(body):
                headings.update(range(para_start, ln))
                _blank(out, src, j, end)
                para = False
                continue
            if c == "#":
                m = _ATX.match(body)
                if m:
                    text_start = j + m.end()
                    closing = _ATX_CLOSE.search(body, m.end())
                    text_end = j + closing.start() if closing else end
                    _blank(out, src, j, text_start)
                    _blank(out, src, text_end, end)
                    headings.add(ln)
                    chunks.append([text_start, text_end])
                    para, in_list = False, in_list and indent > 0
                    continue
            if c in "-*_" and _HR.match(body):
                _blank(out, src, j, end)
                para, in_list = False, in_list and indent > 0
                continue
            if c in "-+*0123456789":
                m = _LIST.match(body)
                # Only a non-empty bullet or "1." may interrupt a paragraph, so a
                # wrapped line that happens to begin "2015. " stays prose.
                if m and (
                    not (para and para_plain)
                    or (body[m.end():].strip() and (m.group(1) is None or int(m.group(1)) == 1))
                ):
                    k = m.end()
                    task = _TASK.match(body, k)
                    if task:
                        k = task.end()
                    _blank(out, src, j, j + k)
                    items.add(ln)
                    chunks.append([j + k, end])
                    para, para_start, para_plain, para_quote = True, ln, False, quoted
                    in_list = True
                    continue
            if c == "[" and not para:  # a definition cannot interrupt a paragraph
                m = _REF_DEF.match(body)
                if m:
                    defs.add(_label(m.group(1)))
                    _blank(out, src, j, end)
                    in_list = in_list and indent > 0
                    continue

        # Paragraph text: continue the open paragraph (lazily, for quotes) or start one.
        if para and (quoted == para_quote or not quoted):
            if para_quote and not quoted:
                quotes.add(ln)
            chunks[-1][1] = end
        else:
            if indent == 0 and not para:
                in_list = False
            chunks.append([j, end])
            para, para_start, para_plain, para_quote = True, ln, True, quoted
    return chunks


# -- inline level ----------------------------------------------------------------

_TRIGGER = re.compile(r"[\\`<\[*_~]")
# Left to right, so an escaped backtick does not open a code span and a
# backslash inside a code span is code.  Group 2 set = code span.
_ESCAPE_OR_CODE = re.compile(
    r"\\([!-/:-@\[-`{-~])|\\(?=\r?\n)|(?<!`)(`+)(?!`)(.+?)(?<!`)\2(?!`)", re.S
)
_HTML = re.compile(
    r"<!--.*?-->"
    r"|<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>"             # autolink <https://...>
    r"|<[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)*>"       # autolink <a@b.c>
    r"|</?[A-Za-z][A-Za-z0-9-]*"                              # tag
    r"(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*\s*/?>"
    r"|<![A-Za-z][^>]*>|<\?.*?\?>|<!\[CDATA\[.*?\]\]>",
    re.S,
)
# [text](dest "title") | [text][label] | [text]  -- text may hold one level of [brackets].
# Written so that no two adjacent parts can match the same whitespace (no
# catastrophic backtracking on hostile input).
_LINK_CORE = (
    r"\[((?:[^\[\]]|\[[^\[\]]*\])*)\]"
    r"(?:\(((?:[ \t\n]*|[ \t\n]*(?:<[^<>\n]*>|(?:[^\s()]|\([^\s()]*\))+)"
    r"(?:[ \t\n]+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?[ \t\n]*))\)"
    r"|\[([^\[\]]*)\])?"
)
_IMAGE = re.compile("!" + _LINK_CORE)
_LINK = re.compile(_LINK_CORE)
_RUN = re.compile(r"\*+|_+|~+")
_ESCAPED = "\x01"  # stands in for an escaped character while the inline passes run


def _inline(src: str, out: list[str], a: int, b: int, defs: set[str]) -> None:
    w = "".join(out[a:b])
    if not _TRIGGER.search(w):
        return
    escaped = []
    if "\\" in w or "`" in w:
        for m in _ESCAPE_OR_CODE.finditer(w):
            s = a + m.start()
            if m.group(2):
                _blank(out, src, s, a + m.end())
            else:
                out[s] = " "
                if m.group(1):  # keep the character but hide it from the markup passes
                    out[s + 1] = _ESCAPED
                    escaped.append(s + 1)
        w = "".join(out[a:b])
    if "<" in w:
        for m in _HTML.finditer(w):
            _blank(out, src, a + m.start(), a + m.end())
        w = "".join(out[a:b])
    if "[" in w:
        # Images first, so an image inside link text is blanked too.
        for pattern in ((_IMAGE, _LINK) if "![" in w else (_LINK,)):
            for m in pattern.finditer(w):
                text, dest, label = m.group(1, 2, 3)
                # "[in Pakistan]" is an editorial bracket unless it names a definition.
                if dest is None and label is None and _label(text) not in defs:
                    continue
                if pattern is _IMAGE:
                    _blank(out, src, a + m.start(), a + m.end())
                else:
                    _blank(out, src, a + m.start(), a + m.start() + 1)
                    _blank(out, src, a + m.end(1), a + m.end())
            w = "".join(out[a:b])
    if "*" in w or "_" in w or "~" in w:
        _emphasis(w, src, out, a)
    for p in escaped:
        if out[p] == _ESCAPED:  # not blanked since (e.g. inside a URL)
            out[p] = src[p]


def _emphasis(w: str, src: str, out: list[str], a: int) -> None:
    """Blank matched *, **, _, __, ~~ delimiters (simplified CommonMark delimiter stack).

    Unlike CommonMark, '*' between two letters/digits neither opens nor closes,
    like '_': "2*3*4" and "snake_case_name" stay as written.
    """
    stack: list[list] = []  # [char, start, count] of open delimiter runs
    open_runs = {"*": 0, "_": 0, "~": 0}  # per char, so a hopeless search costs nothing
    size = len(w)
    for m in _RUN.finditer(w):
        s, e = m.span()
        ch, n = w[s], e - s
        if ch == "~" and n != 2:  # "~5%" is prose; only ~~ strikes through
            continue
        before = w[s - 1] if s else " "
        after = w[e] if e < size else " "
        can_open = not after.isspace() and not before.isalnum()
        can_close = not before.isspace() and not after.isalnum()
        while can_close and n and open_runs[ch]:
            k = len(stack) - 1
            while stack[k][0] != ch:
                k -= 1
            for dropped in stack[k + 1:]:  # unmatched openers inside the pair stay literal
                open_runs[dropped[0]] -= 1
            del stack[k + 1:]
            opener = stack[k]
            use = 2 if opener[2] >= 2 and n >= 2 else 1
            opener[2] -= use
            inner = opener[1] + opener[2]  # the opener's delimiters nearest the text
            _blank(out, src, a + inner, a + inner + use)
            _blank(out, src, a + s, a + s + use)
            if not opener[2]:
                stack.pop()
                open_runs[ch] -= 1
            s, n = s + use, n - use
        if n and can_open:
            stack.append([ch, s, n])
            open_runs[ch] += 1


# -- entry point -------------------------------------------------------------------

def markdown_to_view(source: str) -> MarkdownView:
    out = list(source)
    start, meta, meta_error = _front_matter(source)
    if start:
        _blank(out, source, 0, start)
    elif source.startswith("\ufeff"):
        out[0] = " "
    headings: set[int] = set()
    items: set[int] = set()
    quotes: set[int] = set()
    defs: set[str] = set()
    for a, b in _blocks(source, out, start, headings, items, quotes, defs):
        _inline(source, out, a, b, defs)
    return MarkdownView(
        text="".join(out),
        meta=meta,
        headings=frozenset(headings),
        list_items=frozenset(items),
        quote_lines=frozenset(quotes),
        meta_error=meta_error,
    )
