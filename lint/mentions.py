"""What one sentence mentions: its words and their hashed stems, the names of
people and organisations, and the years and quantities it ties to an event or
a unit.

Story features for reading articles together (lint/corpus/) are made of
these, and so is the one-article check for contradicting dates
(lint/kinds/contradiction.py), which a one-file run makes without loading the
rest of lint/corpus/.
"""
from __future__ import annotations

import binascii
import bisect
import re
from typing import NamedTuple

from .lazy_re import compile_lazily

# ---------------------------------------------------------------------------
# Words
# ---------------------------------------------------------------------------

# Function words, reporting verbs and the vocabulary of every news story: they
# say nothing about which story this is.
STOP = frozenset(
    """a an the and or nor but if so as at by for from in into of off on onto out over to up with
    about above across after against along amid among around before behind below beneath beside
    besides between beyond down during except inside near outside since than through throughout
    till toward towards under underneath unlike until upon via within without
    this that these those there here where when why how what which who whom whose while whether
    is are was were be been being am do does did done doing have has had having will would shall
    should can could may might must ought not no yes
    i me my mine we us our ours you your yours he him his she her hers it its they them their
    theirs one ones some any all each every both either neither other others another such same
    own only just very too also even still yet already again ever never now then once soon later
    earlier well much many more most less least few lot lots several
    said says say saying told tells tell according added adds stated statement asked
    mr mrs ms dr sir
    new last first second third next year years day days week weeks month months time times
    today yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday
    january february march april june july august september october november december
    get got make made take took give gave go goes went come came like
    two three four five six seven eight nine ten hundred thousand million billion""".split()
)

# Tokens: words (with inner apostrophes and hyphens) and numbers.
_WORD = compile_lazily(r"[A-Za-z][A-Za-z0-9’'\-]*")
_APOS = str.maketrans({"’": "'", "‘": "'"})


def _bare(word: str) -> str:
    """A lowercased word without its possessive and edge apostrophes or hyphens."""
    if word.endswith("'s"):
        word = word[:-2]
    return word.strip("'-")


def _norm_word(token: str) -> str:
    return _bare(token.lower().translate(_APOS))


def _tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, normalised word) of the words of `text`."""
    lowered = text.lower().translate(_APOS)
    if len(lowered) != len(text):  # a character whose lower case is longer: go word by word
        return [(m.start(), m.end(), _norm_word(m.group(0))) for m in _WORD.finditer(text)]
    return [(m.start(), m.end(), _bare(m.group(0))) for m in _LOWER_WORD.finditer(lowered)]


def _words(text: str) -> tuple[str, ...]:
    """The normalised words of `text`: _tokens without the offsets."""
    lowered = text.lower().translate(_APOS)
    if len(lowered) != len(text):
        return tuple(map(_norm_word, _WORD.findall(text)))
    return tuple(map(_bare, _LOWER_WORD.findall(lowered)))


def stem(word: str) -> str:
    """A crude stem: 'restore', 'restoring', 'restored' meet at six letters."""
    return word[:6]


_LOWER_WORD = compile_lazily(r"[a-z][a-z0-9'\-]*")


def _content_stem(word: str) -> str:
    """The stem of a lowercased word, or "" for a word that says nothing about the story."""
    word = _bare(word)
    return word[:6] if len(word) >= 3 and word not in STOP else ""


# A word's stem hash (0: not a content word), and a term's hash. Bounded, so the
# vocabulary of an archive cannot grow a worker without limit; the few
# thousand words of everyday news stay.
_WORD_HASHES: dict[str, int] = {}
_HASHES: dict[str, int] = {}
_CACHE_LIMIT = 50_000


def _stem_hashes(words: list[str]) -> list[int]:
    """Hashed content stems of lowercased words, in order."""
    hashes = list(map(_WORD_HASHES.get, words))   # looked up in C; misses are rare once warm
    if None in hashes:
        if len(_WORD_HASHES) > _CACHE_LIMIT:
            _WORD_HASHES.clear()
        for k, h in enumerate(hashes):
            if h is None:
                stem_ = _content_stem(words[k])
                hashes[k] = _WORD_HASHES[words[k]] = _hash(stem_) if stem_ else 0
    return list(filter(None, hashes))   # 0: not a content word


def _pair_hash(a: int, b: int) -> int:
    """One 32-bit term for two adjacent stems (FNV-style mixing), without building the string."""
    return (a * 0x01000193 ^ b) & 0xFFFFFFFF


def _hash(term: str) -> int:
    """A stable 32-bit hash (the same in every worker process, unlike hash())."""
    h = _HASHES.get(term)
    if h is None:
        if len(_HASHES) > _CACHE_LIMIT:
            _HASHES.clear()
        h = _HASHES[term] = binascii.crc32(term.encode("utf-8"))  # zlib.crc32, without loading zlib
    return h


# ---------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------

# Words that open a capitalised run without being part of a name: titles,
# ranks and roles, nationality adjectives that precede a title.
TITLES = frozenset(
    """mr mrs ms miss dr sir lord lady dame prof professor president vice prime minister ministers
    secretary general director deputy chief executive chairman chairwoman chair special assistant
    ambassador consul consul-general governor senator judge justice king queen prince princess
    captain coach manager foreign federal acting chancellor commissioner spokesman spokeswoman
    spokesperson officer head senior former interim finance interior defence defense home state
    mayor sheikh gen col lt sgt capt maj cmdr adm rev pope bishop archbishop cardinal sen rep gov
    striker midfielder defender goalkeeper winger forward captain skipper boss chancellor leader
    russian pakistani indian chinese american british french german afghan iranian israeli
    palestinian ukrainian us uk eu un sapm ceo cfo md mp""".split()
)
# Sentence openers that are not names (beyond STOP and -ing/-ed/-ly words).
OPENERS = frozenset(
    """despite although though however meanwhile because unless whereas instead besides nonetheless
    built originally initially ultimately finally eventually perhaps indeed yet under""".split()
)
ORG_SUFFIXES = frozenset(
    "llc ltd limited inc corp corporation plc gmbh ag sa jsc pjsc ojsc co company group holdings".split()
)
# A capitalised token, an all-caps acronym, or a hyphenated name (Tehreek-e-Insaf).
_CAP = r"(?:[A-Z][\w’'\-]*[\w])|[A-Z]\.(?=[ \t]+[A-Z])|[A-Z]"
_NAME_RUN = compile_lazily(rf"(?<![\w’'\-])(?:{_CAP})(?:[ \t]+(?:{_CAP}))*")
_POSSESSIVE_ENDS = ("’s", "'s")
# An organisation named by its legal suffix, whatever the case of the words before
# it: "industrial engineering LLC" as well as "Industries Engineering LLC".
_ORG = compile_lazily(
    r"(?<![\w’'\-])((?:[A-Za-z][\w&\-]*[ \t]+){1,4}?)(LLC|Ltd|Limited|Inc|Corp|Corporation|PLC|plc|GmbH|AG|JSC|PJSC|OJSC)\b\.?"
)
_ORG_SUFFIX = compile_lazily(r"\b(?:LLC|Ltd|Limited|Inc|Corp|Corporation|PLC|plc|GmbH|AG|JSC|PJSC|OJSC)\b")
_ORG_STOP = STOP


def _split_run(run: str) -> list[list[str]]:
    """A capitalised run split into name candidates (at possessives and legal suffixes)."""
    parts: list[list[str]] = [[]]
    for token in run.split():
        possessive = token.endswith(_POSSESSIVE_ENDS)
        if possessive:
            token = token[:-2]
        parts[-1].append(token)
        if possessive or token.lower().rstrip(".") in ORG_SUFFIXES:
            parts.append([])
    return [p for p in parts if p]


def _strip_titles(tokens: list[str]) -> list[str]:
    """Drop leading titles and roles ("Special Assistant", "SAPM", "Mr") and sentence openers."""
    tokens = list(tokens)
    while len(tokens) > 1 and (
        tokens[0].lower().rstrip(".") in TITLES
        or tokens[0].lower() in STOP
        or (tokens[0].isupper() and len(tokens[0]) > 1 and len(tokens) > 2)
    ):
        tokens.pop(0)
    return tokens


def names_in(text: str) -> list[tuple[int, str]]:
    """(offset, name) for multiword names and organisations in `text`, titles stripped."""
    found: list[tuple[int, str]] = []
    for match in _NAME_RUN.finditer(text):
        run = match.group(0)
        if " " not in run and "\t" not in run:
            continue  # one capitalised word is no multiword name
        offset = match.start()
        for index, part in enumerate(_split_run(run)):
            if index == 0 and _sentence_start(text, offset) and _opener(part[0]):
                part = part[1:]
            tokens = _strip_titles(part)
            if len(tokens) >= 2 and tokens[-1].lower() not in STOP:
                found.append((offset + run.find(tokens[0]), " ".join(tokens)))
    for match in (_ORG.finditer(text) if _ORG_SUFFIX.search(text) else ()):
        words = match.group(1).split()
        # Keep the words right before the suffix, up to a function word or a possessive.
        kept: list[str] = []
        for word in reversed(words):
            if word.lower() in _ORG_STOP or word.endswith(_POSSESSIVE_ENDS) or word.lower() in TITLES:
                break
            kept.insert(0, word)
        if kept:
            name = " ".join(kept + [match.group(2)])
            found.append((match.start(1) + match.group(1).find(kept[0]), name))
    return found


def _sentence_start(text: str, offset: int) -> bool:
    return not text[:offset].strip(" \t\n“‘\"'(—–-")


def _opener(word: str) -> bool:
    """A capitalised sentence opener that is not a name: "Reviving PSM", "Despite China"."""
    low = word.lower()
    return low in STOP or low.endswith(("ing", "ed", "ly")) or low in OPENERS


_SINGLE_NAME = compile_lazily(r"(?<=[a-z0-9,;:)]\s)([A-Z][a-z][\w’'\-]+)")


def single_names(text: str) -> list[tuple[int, str]]:
    """Capitalised single words that are not a sentence's first word (candidate surnames)."""
    out = []
    for match in _SINGLE_NAME.finditer(text):
        word = match.group(1)
        if word.endswith(_POSSESSIVE_ENDS):
            word = word[:-2]
        low = word.lower()
        if low not in STOP and low not in TITLES:
            out.append((match.start(), word))
    return out


# ---------------------------------------------------------------------------
# Numbers and dates
# ---------------------------------------------------------------------------

# What a year is about: only years tied to one of these events are compared.
ORIGIN_CUES = frozenset(
    """founded established establish built constructed inaugurated commissioned incorporated formed
    operational set-up""".split()
)
END_CUES = frozenset(
    """closed closure closing shut shutdown shuttered halted ceased non-operational defunct collapsed
    bankrupt bankruptcy liquidated liquidation turmoil""".split()
)
SLOT_NAMES = {"origin": "year it was founded, built or began operating", "end": "year it closed or its trouble began"}
FINAL_MARKS = compile_lazily(
    r"\bfor\s+good\b|\bpermanently\b|\bforever\b|\bfor\s+ever\b|\bonce\s+and\s+for\s+all\b|\bnever\s+to\s+(?:re)?open\b",
    re.I,
)
_NUMBER = compile_lazily(
    r"(?<![\w.,$£€:/\-])(?P<cur>[$£€])?(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\d]|[:/\-]\d)"
    r"(?P<dec>s\b|[’']s\b)?"
    r"(?:[ \t]?(?P<scale>bn|billion|mn|m|million|trillion|tn|k)\b)?"
    r"(?P<pct>[ \t]?%|[ \t]per[ \t]?cent\b|[ \t]percent\b)?"
)
_SCALES = {"bn": 1e9, "billion": 1e9, "mn": 1e6, "m": 1e6, "million": 1e6, "trillion": 1e12, "tn": 1e12, "k": 1e3}
_APPROX = compile_lazily(
    r"(?:\b(?P<about>about|around|nearly|almost|roughly|some|approximately|estimated|circa|close\s+to)"
    r"|\b(?P<atleast>more\s+than|over|at\s+least|upwards\s+of)"
    r"|\b(?P<atmost>up\s+to|under|less\s+than|fewer\s+than|as\s+many\s+as|no\s+more\s+than))\s*[$£€]?$",
    re.I,
)
_CONVERSION = compile_lazily(r"\d[\d.,]*\s*(?:bn|m|k|billion|million)?\s*\($")
_ANY_DIGIT = compile_lazily(r"\d")
_DIGITS = compile_lazily(r"(?<![\w.])\d[\d,.]*\d(?![\w])")
_VAGUE_AFTER = compile_lazily(r"^\s*(?:-|\s)?(?:odd|plus|or\s+so|-?something)\b", re.I)


class NumberMention(NamedTuple):
    """A year tied to an event, or a quantity with its unit, where a file states it."""

    value: str            # as written, shortened: "1973", "1970s", "$1.13bn", "76%"
    kind: str             # year | quantity
    slot: str             # year: origin | end; quantity: unit ("%", "$", a counted noun's stem)
    low: float
    high: float
    line: int
    context: tuple[int, ...]   # hashed terms around it (names and content stems)
    excerpt: str               # the words around it, for messages
    final: bool = False        # an ending stated as final ("for good")
    precise: bool = True       # an exact value, not "the 1970s" or "about 300"
    what: str = ""             # what it counts, for messages ("countries", "founding year")
    column: int = 1


def _numbers(text: str, base: int, position, context: set[int]) -> list[NumberMention]:
    return [m for _, _, m in number_spans(text, base, position, context)]


def number_spans(text: str, base: int, position, context: set[int],
                 years_only: bool = False) -> list[tuple[int, int, NumberMention]]:
    """(start, end, mention) of the years tied to an event and the quantities in one sentence
    (`years_only`: of the years alone; a quantity costs as much as a year to read).

    `base` is the sentence's offset in the document's view, `position` maps a
    view offset to a source (line, column), `context` is the sentence's hashed
    terms.
    """
    out = []
    tokens: list = []
    starts: list = []
    for match in _NUMBER.finditer(text):
        if years_only and not _may_be_year(match):
            continue
        if not tokens:
            tokens = _tokens(text) or [(len(text), len(text), "")]
            starts = [t[0] for t in tokens]
        raw = match.group("num")
        if raw.count(".") or "," in raw:
            try:
                value = float(raw.replace(",", ""))
            except ValueError:
                continue
        else:
            value = float(raw)
        cur, dec, scale, pct = match.group("cur"), match.group("dec"), match.group("scale"), match.group("pct")
        before = text[max(0, match.start() - 30):match.start()]
        approx = _APPROX.search(before)
        at = bisect.bisect_left(starts, match.start())
        near = [w for _, _, w in tokens[max(0, at - 8):at + 7]]
        excerpt = _excerpt(text, match.start(), match.end())
        line, column = position(base + match.start() + (1 if cur else 0))
        if not cur and not scale and not pct and raw.isdigit() and len(raw) == 4 and 1800 <= value <= 2099:
            # A year, or a decade ("the 1970s").
            before_words = [w for _, _, w in tokens[max(0, at - 8):at]]
            after_words = [w for _, _, w in tokens[at:at + 10]]
            slot = _event(before_words, after_words)
            if not slot:
                continue
            ctx = tuple(sorted(context - {_hash(stem(w)) for w in near if w in ORIGIN_CUES or w in END_CUES}))
            if dec:
                if value % 10:
                    continue
                out.append((match.start(), match.end(), NumberMention(
                    f"{int(value)}s", "year", slot, value, value + 9, line, ctx, excerpt,
                    precise=False, what=SLOT_NAMES[slot], column=column)))
            else:
                final = slot == "end" and bool(FINAL_MARKS.search(text))
                low, high = value, value
                if approx:
                    low, high = value - 2, value + 2
                out.append((match.start(), match.end(), NumberMention(
                    raw, "year", slot, low, high, line, ctx, excerpt, final=final,
                    precise=not approx, what=SLOT_NAMES[slot], column=column)))
            continue
        if dec:
            continue
        if scale:
            value *= _SCALES[scale.lower()]
        if pct:
            unit, what = "%", "percentage"
        elif cur:
            unit, what = cur, f"amount in {cur}"
        else:
            # A count: the noun right after it ("464,000 subscribers").
            after = [w for s, _, w in tokens[at:at + 2] if s >= match.end()]
            if not after or after[0] in STOP or len(after[0]) < 3 or _VAGUE_AFTER.match(text[match.end():]):
                continue
            if value < 10 and not scale:
                continue  # small counts are spelled out or incidental
            unit, what = "n:" + stem(after[0]), f"number of {after[0]}"
        decimals = len(raw.split(".")[1]) if "." in raw else 0
        step = 10 ** -decimals * (_SCALES[scale.lower()] if scale else 1)
        low, high = value - step / 2, value + step / 2
        precise = True
        if approx:
            precise = False
            if approx.group("about"):
                low, high = value * 0.85, value * 1.15
            elif approx.group("atleast"):
                low, high = value, 1e30
            else:
                low, high = 0.0, value
        if _CONVERSION.search(text, max(0, match.start() - 20), match.start()):
            continue  # a conversion in brackets: "$20bn (£11bn)"
        ctx = tuple(sorted({_hash(stem(w)) for w in near if len(w) >= 3 and w not in STOP} & context))
        shown = (cur or "") + raw + (scale or "") + ("%" if pct else "")
        out.append((match.start(), match.end(), NumberMention(
            shown, "quantity", unit, low, high, line, ctx, excerpt, precise=precise, what=what, column=column)))
    return out


def _may_be_year(match) -> bool:
    """What number_spans reads as a year (or a decade): four digits from 1800 to 2099, bare."""
    raw = match.group("num")
    return (not match.group("cur") and not match.group("scale") and not match.group("pct")
            and raw.isdigit() and len(raw) == 4 and 1800 <= int(raw) <= 2099)


# After these, an origin verb is active and its object is something else: "built
# towards the World Cup", "founded the charity", "formed a partnership".
_ACTIVE_OBJECT = frozenset("towards toward up on into upon around a an the his her their its our my your".split())


def _event(before: list[str], after: list[str]) -> str:
    """origin/end when an event word sits next to the year, nearest first."""
    window = before + after
    year = len(before)    # the year sits between before[-1] and after[0]
    order = sorted(range(len(window)), key=lambda k: year - k if k < year else k - year + 1)
    for k in order:
        word = window[k]
        previous = window[k - 1] if k > 0 and k != year else ""
        following = window[k + 1] if k + 1 < len(window) and k + 1 != year else ""
        if word in END_CUES:
            if previous in ("from", "of", "out", "avoid", "avert", "avoided", "averted"):
                continue  # "emerged from bankruptcy", "fears of closure"
            return "end"
        if word in ORIGIN_CUES:
            if word == "operational" and previous not in ("became", "become", "becoming", "fully"):
                continue
            if following in _ACTIVE_OBJECT:
                continue
            return "origin"
        if word == "up" and previous == "set" and following not in _ACTIVE_OBJECT - {"up"}:
            return "origin"
        if word in ("operations", "operating", "production") and previous in ("began", "started", "commenced"):
            return "origin"
    return ""


def _excerpt(text: str, start: int, end: int, width: int = 40) -> str:
    lo = max(0, start - width)
    hi = min(len(text), end + width)
    piece = text[lo:hi]
    if lo > 0 and " " in piece:
        piece = piece[piece.index(" ") + 1:]
    if hi < len(text) and " " in piece:
        piece = piece[:piece.rindex(" ")]
    return " ".join(piece.split())


def compatible(a: NumberMention, b: NumberMention) -> bool:
    return a.low <= b.high and b.low <= a.high
