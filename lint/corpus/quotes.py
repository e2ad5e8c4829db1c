"""quote-drift: one speaker's statement quoted in different words by different articles."""
from __future__ import annotations

from ..finding import Finding, Related
from ..mentions import stem
from .features import QuoteMention, StoryFeatures
from .report import MAX_RELATED, _fill, _finding, _where

def _same_speaker(a: str, b: str) -> bool:
    ta, tb = a.lower().split(), b.lower().split()
    if ta == tb:
        return True
    short, long_ = sorted((ta, tb), key=len)
    return len(short) >= 2 and long_[-len(short):] == short


def quote_similarity(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[float, bool]:
    """(similarity of two quotations' wording, whether one is a part of the other)."""
    sa, sb = [stem(w) for w in a], [stem(w) for w in b]
    from difflib import SequenceMatcher  # 2 ms to import, for the few files that share sentences

    matcher = SequenceMatcher(None, sa, sb, autojunk=False)
    blocks = matcher.get_matching_blocks()
    longest = max((blk.size for blk in blocks), default=0)
    contained = longest >= 0.9 * min(len(sa), len(sb))
    return matcher.ratio(), contained


def _quote_drift(group: list[StoryFeatures], rules) -> list[Finding]:
    out: list[Finding] = []
    quotes = [(fi, q) for fi, f in enumerate(group) for q in f.quotes]
    for rule in rules:
        low, high = rule.kind.options["min_similarity"], rule.kind.options["max_similarity"]
        for fa, qa in quotes:
            partners: dict[int, tuple[float, QuoteMention]] = {}
            for fb, qb in quotes:
                if fb == fa or not _same_speaker(qa.speaker, qb.speaker):
                    continue
                similarity, contained = quote_similarity(qa.words, qb.words)
                if contained or similarity >= high:
                    continue  # the same words, or a part of them
                if similarity >= low and similarity > partners.get(fb, (0.0, None))[0]:
                    partners[fb] = (similarity, qb)
            if not partners:
                continue
            ranked = sorted(partners.items(), key=lambda kv: group[kv[0]].path)
            related = tuple(
                Related(group[fb].path, qb.line, f"{similarity:.0%} alike: “{qb.excerpt}”")
                for fb, (similarity, qb) in ranked
            )[:MAX_RELATED]
            best = max(s for s, _ in partners.values())
            others = "; ".join(f"{_where(group[fb].path, qb.line)} ({s:.0%} alike)" for fb, (s, qb) in ranked[:4])
            message = _fill(rule.message, speaker=qa.speaker, match=qa.excerpt, others=others,
                            similarity=f"{best:.0%}")
            out.append(_finding(rule, group[fa].path, qa.line, qa.column, qa.excerpt, message, related, rule.severity))
    return out
