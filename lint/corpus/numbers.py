"""number-conflict: years tied to one event, and quantities of one thing, that differ."""
from __future__ import annotations

from collections import defaultdict

from ..finding import Finding, Related
from ..mentions import NumberMention, compatible
from .features import StoryFeatures
from .report import MAX_RELATED, QUANTITY_CONTEXT, _fill, _finding, _severity, _where

def _number_conflicts(group: list[StoryFeatures], rules, similarity) -> list[Finding]:
    """Years tied to one event, and quantities of one thing, that differ between files.

    A year of founding or closure holds across every report of a story; a
    quantity (a share price, a count, an amount) changes from one day's report
    to the next, so quantities are compared only between files reporting the
    same event (similarity at least `quantity_similarity`).
    """
    out: list[Finding] = []
    for rule in rules:
        min_context = rule.kind.options["min_context"]
        threshold = rule.kind.options["quantity_similarity"]

        def same_event(x: int, y: int) -> bool:
            return similarity(x, y) >= threshold

        slots: dict[tuple[str, str], list[tuple[int, NumberMention]]] = defaultdict(list)
        for fi, f in enumerate(group):
            for m in f.numbers:
                slots[(m.kind, m.slot)].append((fi, m))
        for (kind, _slot), mentions in slots.items():
            if len({fi for fi, _ in mentions}) < 2:
                continue
            if kind == "year":
                out += _slot_conflicts(group, rule, mentions, min_context)
            else:
                out += _slot_conflicts(group, rule, mentions, min_context + QUANTITY_CONTEXT, same_event)
    return out


def _slot_conflicts(group, rule, mentions, need: int, similar=None) -> list[Finding]:
    precise = [(fi, m) for fi, m in mentions if m.precise]
    # A file that states two values in this slot says both are true (halted in
    # 2015, officially closed in 2024): between other files they do not conflict.
    per_file: dict[int, list[NumberMention]] = defaultdict(list)
    for fi, m in mentions:
        per_file[fi].append(m)

    def both_stated(a: NumberMention, b: NumberMention) -> bool:
        """Some file states a and b apart (a mention fitting only a, another fitting only b)."""
        return any(
            any(compatible(x, a) and not compatible(x, b) for x in ms)
            and any(compatible(y, b) and not compatible(y, a) for y in ms)
            for ms in per_file.values()
        )

    def stating(value: NumberMention) -> dict[int, NumberMention]:
        """The files that state this value in this slot, with their first such mention."""
        found: dict[int, NumberMention] = {}
        for fi, m in precise:
            if compatible(m, value):
                found.setdefault(fi, m)
        return found

    out = []
    reported: set[tuple[int, str]] = set()
    for fa, a in precise:
        if (fa, a.value) in reported:
            continue
        ctx_a = set(a.context)
        # Mentions elsewhere about the same thing (shared context) that disagree.
        conflicts: dict[str, NumberMention] = {}
        for fb, b in mentions:
            if fb == fa or b.value in conflicts or compatible(a, b) or len(ctx_a.intersection(b.context)) < need:
                continue
            if similar is not None and not similar(fa, fb):
                continue
            if not both_stated(a, b):
                conflicts[b.value] = b
        if not conflicts:
            continue
        reported.add((fa, a.value))
        mine = stating(a)
        if similar is not None:
            mine = {fi: m for fi, m in mine.items() if fi == fa or similar(fa, fi)}
        support: dict[str, dict[int, NumberMention]] = {}
        for value, b in conflicts.items():
            files = stating(b) if b.precise else {}
            if not files:  # a vague value ("the 1980s") stands for itself
                for fb, m in mentions:
                    if m.value == value:
                        files.setdefault(fb, m)
            files.pop(fa, None)
            if similar is not None:
                files = {fb: m for fb, m in files.items() if similar(fa, fb)}
            support[value] = files
        theirs = max(len(files) for files in support.values())
        severity = _severity(rule, len(mine), theirs)
        if severity is None:
            continue
        related, shown = [], []
        for value, files in sorted(support.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            ordered = sorted(files.items(), key=lambda kv: group[kv[0]].path)
            shown.append(f"{value} in {', '.join(_where(group[fb].path, b.line) for fb, b in ordered)}")
            for fb, b in ordered:
                if len(related) < MAX_RELATED:
                    related.append(Related(group[fb].path, b.line, f"{b.value}: {b.excerpt}"))
        message = _fill(rule.message, match=a.value, what=a.what, others="; ".join(shown[:3]),
                        count=len(mine), total=len(mine) + theirs)
        out.append(_finding(rule, group[fa].path, a.line, a.column, a.excerpt, message, tuple(related), severity))
    return out
