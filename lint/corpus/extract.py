"""Extraction: the story features of one linted document (lint/corpus/features.py).

Runs in the worker that linted the file, right after it. Lines inside page chrome
and pasted stories (the file's own chrome/off-topic findings, when given) are left
out: a TRENDING widget is not part of the story.
"""
from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING, Iterable

from .. import compiled_regex, lead_search
from ..finding import Finding
from ..hashing import hex_digest
from ..lazy_re import compile_lazily
from ..mentions import (
    NumberMention, ORG_SUFFIXES, STOP, TITLES, _ANY_DIGIT, _APOS, _DIGITS, _LOWER_WORD,
    _NAME_RUN, _hash, _numbers, _pair_hash, _split_run, _stem_hashes, _strip_titles,
    _words, names_in, single_names,
)
from .features import NameMention, QuoteMention, SentencePrint, StoryFeatures, _term_array
from .report import _shorten

if TYPE_CHECKING:  # pragma: no cover
    from ..document import Document

# Per-document findings whose lines are not part of the story.
EXCLUDED_CATEGORIES = frozenset({"chrome", "off-topic"})

_CREDIT_PATTERNS = [
    compile_lazily(r"\(\s*with\s+(?:inputs?\s+from\s+)?(?P<name>[^()\n]{2,40}?)(?:\s+inputs?)?\s*\)", re.I),
    compile_lazily(
        r"\b(?:copied|taken|reproduced|republished|reprinted|adapted|lifted|extracted|syndicated)\s+"
        r"(?:verbatim\s+)?from\s+(?:the\s+)?(?P<name>[A-Z][\w.&’'-]*(?:\s+[A-Z][\w.&’'-]*){0,4})"
    ),
    compile_lazily(
        r"\b(?:originally|first)\s+(?:published|appeared|ran|posted|aired)\s+(?:on|in|at|by|with)\s+(?:the\s+)?"
        r"(?P<name>[A-Z][\w.&’'-]*(?:\s+[A-Z][\w.&’'-]*){0,4})"
    ),
    compile_lazily(r"\b(?:courtesy(?:\s+of)?|source|via)\s*:?\s+(?:the\s+)?(?P<name>[A-Z][\w.&’'-]*(?:\s+[A-Z][\w.&’'-]*){0,3})"),
    compile_lazily(r"\b(?:a\s+)?report\s+(?:on|in|by|from)\s+(?:the\s+)?(?P<name>[A-Z][\w.&’'-]*(?:\s+[A-Z][\w.&’'-]*){0,3})"),
    compile_lazily(
        r"(?P<name>\b[A-Z][\w.&’'-]*(?:\s+[A-Z][\w.&’'-]*){0,3}|\b(?:state|local|official)\s+(?:media|television|tv|news\s+agency|radio))"
        r"\s+(?:news\s+agency\s+|newspaper\s+|daily\s+|broadcaster\s+|channel\s+)?(?:reported|reports|quoted)\b"
    ),
    compile_lazily(
        r"\baccording\s+to\s+(?:the\s+)?(?P<name>[A-Z][\w.&’'-]*(?:\s+[A-Z][\w.&’'-]*){0,3})\s+"
        r"(?:news\s+agency|newspaper|daily|broadcaster|channel|television|tv|radio|website|news)\b",
        re.I,
    ),
    compile_lazily(r"\btold\s+(?:the\s+)?(?P<outlet>[A-Z][\w.&’'-]*(?:\s+[A-Z][\w.&’'-]*){0,3})"),
    compile_lazily(r"\((?P<name>Reuters|AP|AFP|PTI|IANS|ANI|APP|Xinhua|Bloomberg|UNI|dpa|EFE|ANSA|Kyodo|Yonhap|TASS|RIA)\)"),
    compile_lazily(r"\b(?:reporting|additional\s+reporting|writing)\s+by\s+(?P<name>[A-Z][\w.&’'-]*(?:\s+[A-Z][\w.&’'-]*){0,3})"),
]

# The last word of an outlet's name, where a verb alone ("told X") does not say X is one.
OUTLET_WORDS = frozenset(
    """News Times Post TV Radio BBC Reuters Press Journal Telegraph Guardian Agency Daily Tribune Dawn
    Herald Express Channel CNN Wire AFP AP PTI Bloomberg Mail Mirror Standard Independent Observer
    Gazette Chronicle Today Network Television Online""".split()
)

# A word each credit pattern needs, to skip the pattern cheaply when it cannot match.
_CREDIT_CUES = (
    ("input",), ("from",), ("published", "appeared", "ran ", "posted", "aired"), ("courtesy", "source", "via"),
    ("report",), ("report", "quoted"), ("according",), ("told",), ("(",), ("by",),
)

_SAID = (
    r"said|says|say|added|adds|remarked|told|tells|stated|states|explained|noted|insisted|argued|warned|"
    r"declared|wrote|writes|commented|recalled|continued|maintained|stressed|acknowledged|admitted"
)
_SPEAKER_AFTER = compile_lazily(rf"^[\s,.;:—–-]*(?P<pre>[^.!?\n“”\"]{{0,80}}?)\b(?:{_SAID})\b(?P<post>[^!?\n“”\"]{{0,120}})")
_SAID_WORD = compile_lazily(rf"\b(?:{_SAID}|according\s+to)\b")
_PRONOUN = compile_lazily(r"^\s*(?:he|she|they)\s*$", re.I)


def extract(doc: "Document", findings: Iterable[Finding] = ()) -> StoryFeatures:
    """The story features of one document; `findings` are its own per-document findings."""
    from .. import suppress

    source_line = _source_lines(doc)
    excluded: set[int] = set()
    for f in findings:
        if f.category in EXCLUDED_CATEGORIES:
            excluded.update(range(f.line, f.end_line + 1))

    directives = suppress.parse(doc.source)
    suppressions = tuple(
        [(sel, line, line) for line, pairs in sorted(directives.by_line.items()) for sel in sorted({s for _, s in pairs})]
        + [(sel, lo, hi or 0) for _, sel, lo, hi in directives.ranges]
    )

    terms: set[int] = set()
    phrases: set[int] = set()
    surnames: set[int] = set()
    name_terms: set[int] = set()
    numbers: list[NumberMention] = []
    names: dict[str, list] = {}                 # form -> [first (line, column), count]
    sentences: list[SentencePrint] = []
    prose: list[str] = []
    persons: list[tuple[int, list[str]]] = []   # (view offset, name tokens), for speakers

    for start, end in doc.sentences:
        line = source_line(start)
        if line in excluded:
            continue
        text = doc.text[start:end]
        prose.append(text)
        words = _LOWER_WORD.findall(text.lower().translate(_APOS))
        stems = _stem_hashes(words)
        sentence_terms = set(stems)
        terms.update(sentence_terms)
        phrases.update(map(_pair_hash, stems, stems[1:]))
        has_digit = _ANY_DIGIT.search(text) is not None
        if has_digit:
            phrases.update(_hash("#" + m.group(0)) for m in _DIGITS.finditer(text))
        found_names = names_in(text)
        for offset, name in found_names:
            key = " ".join(name.lower().split())
            h = _hash("n:" + key)
            name_terms.add(h)
            sentence_terms.add(h)
            form = " ".join(name.split())
            seen = names.get(form)
            if seen is None:
                names[form] = [doc.position(start + offset), 1]   # where it first appears
            else:
                seen[1] += 1
            tokens = name.split()
            if tokens[-1].lower() not in ORG_SUFFIXES:
                persons.append((start + offset, tokens))
        singles = {_hash("n:" + n.lower()) for _, n in single_names(text)}
        surnames.update(singles)
        context = sentence_terms | singles
        for mention in _numbers(text, start, doc.position, context) if has_digit else ():
            numbers.append(mention)
            if mention.precise:
                sentence_terms.add(_hash("#" + mention.value))
        if len(sentence_terms) >= 4:
            exact = _hash(" ".join(words))
            sentences.append(SentencePrint(line, _term_array(sentence_terms), exact))

    normalised = " ".join(" ".join(prose).split())
    title = next((doc.line_text(i).strip() for i in doc.nonblank if source_line(doc.lines[i][0]) not in excluded), "")
    credits = _credits(doc.text)
    source = doc.meta_text("source", "publisher", "outlet", "site")
    if source:
        credits = tuple(c for c in credits if c.lower() != source.lower())
    return StoryFeatures(
        path=doc.path,
        title=title[:120],
        digest=hex_digest(normalised.encode("utf-8")) if normalised else "",
        words=len(normalised.split()),
        terms=_term_array(terms),
        phrases=_term_array(phrases),
        surnames=_term_array(surnames),
        name_terms=_term_array(name_terms),
        numbers=tuple(numbers),
        names=tuple(NameMention(form, first[0], count, first[1]) for form, (first, count) in names.items()),
        quotes=tuple(_quotes(doc, source_line, excluded, persons)),
        sentences=tuple(sentences),
        credits=credits,
        date=doc.meta_text("date"),
        source=source,
        skip=directives.skip_file,
        suppressions=suppressions,
    )


def _source_lines(doc: "Document"):
    """view offset -> 1-based source line, cached per view line."""
    cache: dict[int, int] = {}

    def line_of(offset: int) -> int:
        index = doc.line_index(offset)
        if index not in cache:
            cache[index] = doc.position(doc.lines[index][0])[0] if doc.anchors else index + 1
        return cache[index]

    return line_of


def _credits(text: str) -> tuple[str, ...]:
    found: list[str] = []
    lowered = text.lower()
    for k, (pattern, cue) in enumerate(zip(_CREDIT_PATTERNS, _CREDIT_CUES)):
        if cue and not any(c in lowered for c in cue):
            continue
        for match in _matches(k, pattern, text, lowered):
            groups = match.groupdict()
            name = " ".join((groups.get("name") or groups.get("outlet") or "").split()).strip(" .,'’")
            if groups.get("outlet") and name.split()[-1] not in OUTLET_WORDS:
                continue  # "told Reuters", "told Arab News"; not "told Khan"
            if name and name.lower() not in STOP and name not in found:
                found.append(name)
    return tuple(found)


_PLANS: dict[int, object] = {}


def _matches(k: int, pattern, text: str, lowered: str):
    """pattern.finditer(text), searched from the pattern's lead words where it has them
    (lint/lead_search.py): most open with \\b and a word list, tried at every character."""
    plan = _PLANS.get(k, _PLANS)
    if plan is _PLANS:
        plan = _PLANS[k] = lead_search.plan(pattern.pattern, pattern.flags,
                                            lambda part: compiled_regex.compile(part, pattern.flags), lambda: pattern)
    if plan is None or len(lowered) != len(text):
        yield from pattern.finditer(text)
        return
    for start, _ in lead_search.finditer(plan, text, lowered, 0, len(text)):
        yield pattern.match(text, start)   # the match finditer finds there, with its groups


def _quotes(doc: "Document", source_line, excluded: set[int], persons) -> list[QuoteMention]:
    out: list[QuoteMention] = []
    person_offsets = [o for o, _ in persons]
    last_speaker, last_offset = "", -10_000
    for q_start, q_end in doc.quotes:
        line = source_line(q_start)
        if line in excluded:
            continue
        inner = doc.text[q_start + 1:q_end - 1] if q_end - q_start > 2 else ""
        words = _words(inner)
        if len(words) < 6:
            continue
        p_start, p_end = _paragraph_of(doc, q_start)
        after = doc.text[q_end:min(p_end, q_end + 200)]
        before = doc.text[max(p_start, q_start - 160):q_start]
        speaker = _speaker_after(after) or _speaker_before(before)
        if speaker and _PRONOUN.match(speaker):
            speaker = last_speaker if q_start - last_offset < 800 else ""
        elif speaker:
            speaker = _resolve(speaker, q_start, persons, person_offsets)
        if not speaker:
            continue
        last_speaker, last_offset = speaker, q_start
        out.append(QuoteMention(speaker, words, _shorten(" ".join(inner.split()), 90), line,
                                doc.position(q_start)[1]))
    return out


def _paragraph_of(doc: "Document", offset: int) -> tuple[int, int]:
    return doc.paragraph_at(offset) or doc.lines[doc.line_index(offset)]


def _speaker_after(after: str) -> str:
    match = _SPEAKER_AFTER.match(after)
    if not match:
        return ""
    pre, post = match.group("pre").strip(" ,"), match.group("post").split(",")[0]
    if _PRONOUN.match(pre):
        return pre
    return _last_person(pre) or (_last_person(post) if not pre else "")


def _speaker_before(before: str) -> str:
    """The speaker named before a quotation: 'Khan said: “...'."""
    clause = before[max(before.rfind(c) for c in ".!?\n“”\"") + 1:]
    verbs = list(_SAID_WORD.finditer(clause))
    if not verbs or len(clause) - verbs[-1].end() > 60:
        return ""
    pre = clause[:verbs[-1].start()].strip(" ,")
    if _PRONOUN.match(pre):
        return pre
    return _last_person(pre[-100:])


def _last_person(text: str) -> str:
    runs = [part for m in _NAME_RUN.finditer(text) for part in _split_run(m.group(0))]
    if not runs:
        return ""
    tokens = _strip_titles(runs[-1])
    if tokens[-1].lower() in ORG_SUFFIXES or tokens[-1].lower() in STOP or tokens[-1].lower() in TITLES:
        return ""
    if len(tokens) == 1 and (tokens[0].isupper() or len(tokens[0]) < 3):
        return ""
    return " ".join(tokens)


def _resolve(speaker: str, offset: int, persons, person_offsets) -> str:
    """A surname ("Khan", "Mr Parsons") becomes the full name the article gave it."""
    tokens = speaker.split()
    if len(tokens) >= 2:
        return speaker
    surname = tokens[0].lower()
    i = bisect.bisect_left(person_offsets, offset)
    for _, name in reversed(persons[:i]):
        if len(name) >= 2 and name[-1].lower() == surname:
            return " ".join(name)
    for _, name in persons[i:]:
        if len(name) >= 2 and name[-1].lower() == surname:
            return " ".join(name)
    return ""
