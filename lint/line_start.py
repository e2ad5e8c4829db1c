"""Bound the white space a pattern allows after a line start (`^\\s*`) to one line break.

Under MULTILINE, `^` holds at every line start and `\\s` also matches a
newline. So `^\\s*foo`, tried at the first of 10,000 blank lines, runs over
all of them before it fails, and then the same again from the second: the
cost is quadratic in the run (10,000 newlines: 19 s over the shipped packs).
A rule means "a line that begins with foo", or, with `^[\\s•*|-]*`, a line
whose bullet or pipe may stand alone on the line above ("-" then "Breaking
News" in a pasted menu). So the loop is rewritten to cross one line break at
most: `[ws]*(?:\\n[ws]*)?`, where `ws` is the loop's class without the
newline. Each line start is then tried over two lines at most: linear time.
The match begins on the line above at most, where a kind's line (its first
character after the white space, lines.matching_lines) is the same line.

The rewrite works on the pattern's text, with a small scanner that knows
escapes and character classes, so the pattern compiles with whichever engine
it needs; only `*` loops right after `^` change (the shipped packs' only
form), everything else is left as written.
"""
from __future__ import annotations

# Every character str.isspace() (and the engines' \s) takes, except the newline.
_SPACE_NOT_NEWLINE = r"\t\x0b-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"


def on_its_line(pattern: str) -> str:
    """`pattern` with each loop over `\\s` right after `^` crossing one newline at most."""
    out: list[str] = []
    i, size = 0, len(pattern)
    while i < size:
        char = pattern[i]
        if char == "\\":
            out.append(pattern[i:i + 2])
            i += 2
        elif char == "[":
            end = _class_end(pattern, i)
            out.append(pattern[i:end])
            i = end
        elif char == "^":
            out.append(char)
            i += 1
            i = _narrow_loop(pattern, i, out)
        else:
            out.append(char)
            i += 1
    return "".join(out)


def _narrow_loop(pattern: str, i: int, out: list[str]) -> int:
    """Copy the loop at `i` (just after a `^`) into `out`, bounded to one newline when it is `\\s*` or `[\\s...]*`."""
    if pattern.startswith("\\s*", i):
        body, end = _SPACE_NOT_NEWLINE, i + 3
    elif pattern[i:i + 1] == "[" and pattern[i + 1:i + 2] != "^":
        close = _class_end(pattern, i)
        body, end = _class_without_newline(pattern[i + 1:close - 1]), close + 1
        if body is None or pattern[close:close + 1] != "*":
            return i
    else:
        return i
    if pattern[end:end + 1] in ("?", "+"):   # a lazy or possessive loop: left as written
        return i
    out.append(f"[{body}]*(?:\\n[{body}]*)?")
    return end


def _class_without_newline(body: str) -> str | None:
    """A class body with `\\s` spelled as the white space but the newline; None without `\\s`, or
    with a newline some other way."""
    parts, i, changed = [], 0, False
    while i < len(body):
        if body[i] == "\\":
            escape = body[i:i + 2]
            if escape == "\\s":
                parts.append(_SPACE_NOT_NEWLINE)
                changed = True
            elif escape in ("\\n", "\\S", "\\W", "\\D"):   # a newline some other way: leave the class alone
                return None
            else:
                parts.append(escape)
            i += 2
        else:
            parts.append(body[i])
            i += 1
    return "".join(parts) if changed else None


def _class_end(pattern: str, start: int) -> int:
    """The offset just past the character class that opens at `start`."""
    i = start + 1
    if pattern[i:i + 1] == "^":
        i += 1
    if pattern[i:i + 1] == "]":   # a ']' first is a literal
        i += 1
    while i < len(pattern):
        if pattern[i] == "\\":
            i += 2
            continue
        if pattern[i] == "]":
            return i + 1
        i += 1
    return len(pattern)   # unclosed: the engine will say so
