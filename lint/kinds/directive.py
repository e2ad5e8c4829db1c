"""directive: newslint's own inline directives that do nothing, reported like ruff's RUF100.

A misspelled action (`<!-- newslint: disabel NL401 -->`), a selector that names
no rule (`disable NL4O1`), or a suppression that suppressed nothing would
otherwise leave a gate quietly off or an old excuse in the copy. The engine
runs these rules after every other rule, when it knows which directives were used.
"""
from __future__ import annotations

from ..document import Document
from ..finding import Hit
from ..selection import selects
from ..suppress import ALL
from . import Context, Kind, OptionError

CHECKS = ("unknown", "unused")


class DirectiveCheck(Kind):
    name = "directive"
    OPTIONS = {"check": ""}   # unknown: misspelled or naming no rule; unused: suppressed nothing
    runs_last = True

    def __init__(self, options: dict):
        super().__init__(options)
        if self.options["check"] not in CHECKS:
            raise OptionError("check", f"'{self.options['check']}' is not one of {', '.join(CHECKS)}")

    def find(self, doc: Document, ctx: Context):
        directives = ctx.directives
        if directives is None:
            return
        if self.options["check"] == "unknown":
            for start, end, word in directives.misspelled:
                yield self._hit(doc, start, end, f"unknown newslint directive '{word}' (known: disable, enable, "
                                                 "disable-next-line, ignore, disable-file, skip-file)")
            for directive in directives.directives:
                for selector in directive.selectors:
                    if selector != ALL and not any(selects(selector, r) for r in ctx.known_rules):
                        yield self._hit(doc, directive.start, directive.end,
                                        f"directive names no rule: '{selector}' is not a rule code, prefix, "
                                        "name, pack or category")
            return
        for directive in directives.directives:
            if directive.action in ("enable", "disable-file", "skip-file"):
                continue
            # Only selectors that would have covered a rule that ran: a directive for a
            # rule this run did not select is not stale.
            unused = [s for s in directive.selectors if s not in directive.used and (
                s == ALL or any(selects(s, r) for r in ctx.ran_rules))]
            if unused:
                names = "every rule" if unused == [ALL] else ", ".join(unused)
                yield self._hit(doc, directive.start, directive.end,
                                f"unused suppression: {names} reported nothing here; remove the directive")

    @staticmethod
    def _hit(doc: Document, start: int, end: int, message: str) -> Hit:
        view = doc.view_offset(start)
        return Hit(view, max(view, doc.view_offset(end)), message=message)
