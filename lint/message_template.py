"""A rule's message template: `{field}` names filled with what the rule found.

Packs come from newsrooms, so a template is data, never code. `str.format`
would follow `{match.__class__.__mro__[1].__subclasses__}` into Python's
objects, index `{match[a]}` into a traceback and pad `{match:>300000000}` to
300 MB. A template may hold only `{name}` and `{name:N}` / `{name:>N}` (a width
of up to three digits, aligned <, > or ^), for the names the rule's kind
documents (Kind.fields); `check()` says what is wrong when the pack loads, and
`fill()` never does more than that, whatever it is handed.
"""
from __future__ import annotations

import re
from functools import lru_cache

# string.Formatter().parse is this C function; importing `string` itself costs ~1 ms
# of every run (it compiles string.Template's pattern).
from _string import formatter_parser

_WIDTH = re.compile(r"[<>^]?[0-9]{1,3}")


def check(template: str, fields) -> str | None:
    """What is wrong with the template for a kind giving `fields`, or None."""
    try:
        parts = _parts(template)
    except ValueError as err:
        return f"not a message template ({err}); write {{{{ and }}}} for a literal brace"
    known = ", ".join("{" + name + "}" for name in fields)
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if not name.isidentifier():
            return (f"'{{{name}}}' is not a field name: a field is {{name}} alone, "
                    f"without attributes, indexes or positions (known: {known})")
        if name not in fields:
            return f"unknown field '{{{name}}}' (known: {known})"
        if conversion:
            return f"'{{{name}!{conversion}}}': no conversions, only {{{name}}} or a width such as {{{name}:>20}}"
        if spec and not _WIDTH.fullmatch(spec):
            return f"'{{{name}:{spec}}}': a field may only have a width of up to 3 digits, such as {{{name}:>20}}"
    return None


def fill(template: str, values: dict) -> str:
    """The template with each {name} replaced by values[name]; a name with no value, or
    anything check() would refuse, is left as written."""
    try:
        parts = _parts(template)
    except ValueError:
        return template
    out = []
    for literal, name, spec, conversion in parts:
        out.append(literal)
        if name is None:
            continue
        written = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
        if name not in values or not name.isidentifier() or conversion or (spec and not _WIDTH.fullmatch(spec)):
            out.append(written)
        else:
            out.append(format(values[name], spec or ""))
    return "".join(out)


@lru_cache(maxsize=512)   # a rule's template is parsed once, not once per finding
def _parts(template: str) -> tuple:
    return tuple(formatter_parser(template))
