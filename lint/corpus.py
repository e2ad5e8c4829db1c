"""Reading articles together: per-file story features and the cross-file checks.

Two functions, two moments of a run:

* ``extract(doc, findings=())`` runs in the worker that linted the file, right
  after it. It keeps what the cross-file checks need and nothing else: hashed
  terms for grouping, years and quantities with the words around them, names,
  direct quotes with their speaker, hashed sentence fingerprints, credited
  outlets, inline suppressions. No full text; the result is small, picklable
  and JSON-serialisable (``to_json``/``from_json``), so it can be cached with
  the file's findings. Lines inside page chrome and pasted stories (the file's
  own chrome/off-topic findings, when given) are left out: a TRENDING widget is
  not part of the story.
* ``check(features, rules, one_story=False)`` runs once over every file. It
  folds exact duplicates, groups the articles that report one story
  (sub-quadratic: an inverted index over the terms few files share, then a
  weighted cosine on the candidate pairs, then connected components) and, in
  each group, runs the consistency checks the selected ``corpus`` rules ask
  for. Findings carry ``related`` locations in the other files.

Severity follows the evidence: a value, spelling or wording held by fewer
articles of the group than a conflicting one is reported at the rule's
severity on the articles that hold it; where the articles split evenly nothing
says which is right, and each side gets an ``info`` finding pointing at the
other. See docs/design.md ("Reading articles together") and README.md.
"""
from __future__ import annotations

import binascii
import bisect
import math
import re
import sys
from array import array
from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Iterable, NamedTuple

from .finding import Finding, Related
from .hashing import hex_digest
from .kinds.corpus import CHECKS  # noqa: F401  (the checks a corpus rule may name)
from .lazy_re import compile_lazily
from .mentions import (
    NumberMention, ORG_SUFFIXES, STOP, TITLES, _ANY_DIGIT, _APOS, _DIGITS, _LOWER_WORD,
    _NAME_RUN, compatible, _hash, _numbers, _pair_hash, _split_run, _stem_hashes, _strip_titles,
    _words, names_in, single_names, stem,
)

if TYPE_CHECKING:  # pragma: no cover
    from .document import Document
    from .rulepack import Rule

FEATURES_VERSION = 3


# Hashed terms are kept as 4-byte arrays, not tuples of ints: 2,225 articles
# hold ~3 million of them, 116 MB as Python ints and 12 MB as arrays. In JSON
# (the cache, the trip back from a worker) an array is its bytes in base64.
def _term_array(values: Iterable[int]) -> array:
    return array("I", sorted(values))


def _encode_terms(terms: array) -> str:
    if sys.byteorder == "big":
        terms = array("I", terms)
        terms.byteswap()
    return binascii.b2a_base64(terms.tobytes(), newline=False).decode("ascii")


def _decode_terms(raw) -> array:
    if not isinstance(raw, str):
        return array("I", raw)
    terms = array("I")
    terms.frombytes(binascii.a2b_base64(raw))
    if sys.byteorder == "big":
        terms.byteswap()
    return terms


# ---------------------------------------------------------------------------
# Story features (the mentions themselves: lint/mentions.py)
# ---------------------------------------------------------------------------

class NameMention(NamedTuple):
    form: str       # as written, spaces normalised
    line: int
    count: int = 1
    column: int = 1


class QuoteMention(NamedTuple):
    speaker: str                 # full name as the article gives it ("Haroon Akhtar Khan")
    words: tuple[str, ...]       # the quoted words, lowercased
    excerpt: str
    line: int
    column: int = 1


class SentencePrint(NamedTuple):
    line: int
    terms: array                 # hashed content stems, names and numbers of one sentence
    exact: int = 0               # hash of the sentence's words, for verbatim repeats


TERM_FIELDS = ("terms", "phrases", "surnames", "name_terms")


class StoryFeatures(NamedTuple):
    """What the cross-file checks need from one file (no full text)."""

    path: str
    title: str = ""
    digest: str = ""                          # of the normalised prose: exact duplicates
    words: int = 0
    # Hashed terms for grouping, by weight class: content stems; word pairs and
    # numbers; capitalised single words (surnames, places); multiword names.
    # The empty default is shared: features are never changed once made.
    terms: array = array("I")
    phrases: array = array("I")
    surnames: array = array("I")
    name_terms: array = array("I")
    numbers: tuple[NumberMention, ...] = ()
    names: tuple[NameMention, ...] = ()
    quotes: tuple[QuoteMention, ...] = ()
    sentences: tuple[SentencePrint, ...] = ()
    credits: tuple[str, ...] = ()             # outlets the file credits for its text
    date: str = ""                            # front matter date, when given
    source: str = ""                          # front matter source/publisher, when given
    skip: bool = False                        # newslint: disable-file
    suppressions: tuple[tuple[str, int, int], ...] = ()   # (selector, first line, last line; 0 = end)
    version: int = FEATURES_VERSION

    def to_json(self) -> dict:
        # NamedTuple._asdict would keep the records as tuples: JSON wants their
        # field names. Features hold only flat records and tuples.
        out = {}
        for name in self._fields:
            value = getattr(self, name)
            if name in TERM_FIELDS:
                value = _encode_terms(value)
            elif name == "sentences":
                value = [[s.line, _encode_terms(s.terms), s.exact] for s in value]
            elif isinstance(value, tuple) and value and hasattr(value[0], "_fields"):
                value = [item._asdict() for item in value]
            out[name] = value
        return out

    @classmethod
    def from_json(cls, data: dict) -> "StoryFeatures":
        data = dict(data)
        data["numbers"] = tuple(NumberMention(**{**n, "context": tuple(n["context"])}) for n in data.get("numbers", ()))
        data["names"] = tuple(NameMention(**n) for n in data.get("names", ()))
        data["quotes"] = tuple(QuoteMention(**{**q, "words": tuple(q["words"])}) for q in data.get("quotes", ()))
        data["sentences"] = tuple(SentencePrint(line, _decode_terms(terms), exact)
                                  for line, terms, exact in data.get("sentences", ()))
        data["suppressions"] = tuple(tuple(s) for s in data.get("suppressions", ()))
        for key in TERM_FIELDS:
            data[key] = _decode_terms(data.get(key, ()))
        data["credits"] = tuple(data.get("credits", ()))
        return cls(**data)


class CorpusResult:
    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.groups: list[list[str]] = []   # paths read as one story (2+ files)


# ---------------------------------------------------------------------------
# Extraction
# ---------------------------------------------------------------------------

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
    from . import suppress

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
    for pattern, cue in zip(_CREDIT_PATTERNS, _CREDIT_CUES):
        if cue and not any(c in lowered for c in cue):
            continue
        for match in pattern.finditer(text):
            groups = match.groupdict()
            name = " ".join((groups.get("name") or groups.get("outlet") or "").split()).strip(" .,'’")
            if groups.get("outlet") and name.split()[-1] not in OUTLET_WORDS:
                continue  # "told Reuters", "told Arab News"; not "told Khan"
            if name and name.lower() not in STOP and name not in found:
                found.append(name)
    return tuple(found)


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
    for start, end in doc.paragraphs:
        if start <= offset <= end:
            return start, end
    return doc.lines[doc.line_index(offset)]


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


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# ---------------------------------------------------------------------------
# Grouping: which files report one story
# ---------------------------------------------------------------------------

# A term found in at most this many files counts in full; beyond it, its weight
# falls with log(N/df) and reaches 0 for a term every file has. In a handful of
# files nothing is common, so every term counts.
COMMON_DF = 10
# Weights of the term classes: a shared multiword name says most about which
# story this is, a shared common word least (measured on the seeds against the
# BBC corpus; see tests/test_corpus.py).
WEIGHTS = {"terms": 0.5, "phrases": 1.0, "surnames": 1.0, "name_terms": 2.0}
GROUP_SIMILARITY = 0.33      # a pair this similar may join two groups...
LINK_SIMILARITY = 0.22       # ...when most pairs across them are at least this similar
LINK_SHARE = 0.5


class _Vectors:
    """Weighted term sets of the files, and the document frequency behind the weights.

    A term's weight depends on its class and on how many files hold it, not on
    the file, so one table of weights serves every file, and a file keeps only
    an array of its weighted terms: per-file dicts of floats were ~60 MB on
    2,225 articles. Only terms two files share carry weight.
    """

    def __init__(self, features: list[StoryFeatures]):
        self.n = n = len(features)
        self.df = df = _shared_counts(features)
        scale = math.log(n / COMMON_DF) if n > COMMON_DF else 0.0
        factors = {d: 1.0 if d <= COMMON_DF or not scale else max(0.0, math.log(n / d) / scale)
                   for d in set(df.values())}
        max_df = max(COMMON_DF, int(math.sqrt(n)))
        self.weights: dict[int, float] = {}
        self.terms: list[array] = []         # each file's weighted terms
        self.heavy: list[array] = []         # terms worth indexing: names, word pairs, numbers
        self.norms: list[float] = []
        shared = df.keys()
        classes = sorted(WEIGHTS.items(), key=lambda kv: kv[1])
        for f in features:
            kept: dict[int, float] = {}
            heavy: dict[int, bool] = {}
            for key, base in classes:   # the heaviest class wins
                for t in shared & set(getattr(f, key)):   # most terms are one file's own
                    d = df[t]
                    if factors[d] > 0:
                        kept[t] = base * factors[d]
                        heavy[t] = base >= 1.0 and d <= max_df
            self.weights.update(kept)
            self.terms.append(array("I", kept))
            self.heavy.append(array("I", (t for t, is_heavy in heavy.items() if is_heavy)))
            self.norms.append(math.sqrt(sum(w * w for w in kept.values())) or 1.0)
        self.squares = {t: w * w for t, w in self.weights.items()}
        self._last: tuple[int, set[int]] = (-1, set())

    def _set(self, i: int) -> set[int]:
        if self._last[0] != i:
            self._last = (i, set(self.terms[i]))
        return self._last[1]

    def cosine(self, i: int, j: int) -> float:
        shared = self._set(i).intersection(self.terms[j])
        return sum(map(self.squares.__getitem__, shared)) / (self.norms[i] * self.norms[j])

    def candidates(self, min_similarity: float, min_shared: float = 3.0) -> dict[tuple[int, int], float]:
        """Similarity of the pairs worth comparing, found through an inverted index.

        Only names, word pairs and numbers found in 2..max(10, sqrt(N)) files are
        indexed, so posting lists stay short and the work grows like N * sqrt(N),
        not N * N. A pair is compared when it shares at least `min_shared` of
        their weight (a multiword name and a word pair, three word pairs...).
        One file's partners are counted at a time, so no table of all pairs is
        ever held.
        """
        postings: dict[int, list[int]] = defaultdict(list)
        for i, heavy in enumerate(self.heavy):
            for t in heavy:
                postings[t].append(i)
        out = {}
        weights = self.weights
        for i, heavy in enumerate(self.heavy):
            ones: list[int] = []   # later files sharing a term of weight 1 with file i, once per term
            twos: list[int] = []   # ... of weight 2 (multiword names)
            for t in heavy:
                docs = postings[t]
                at = bisect.bisect_right(docs, i)
                if at < len(docs):
                    (twos if weights[t] >= 2.0 else ones).extend(docs[at:])
            if not ones and not twos:
                continue
            shared = Counter(ones)       # counted in C: this loop was half of grouping
            shared.update(twos)
            shared.update(twos)
            for j in sorted([j for j, weight in shared.items() if weight >= min_shared]):
                similarity = self.cosine(i, j)
                if similarity >= min_similarity:
                    out[(i, j)] = similarity
        return out


def _shared_counts(features: list[StoryFeatures]) -> dict[int, int]:
    """In how many files each term occurs, for the terms two or more files share.

    Counted in 16 slices by the term's top bits, each file's sorted arrays cut
    at the slice bounds and counted in C: a counter of every distinct term
    (most occur once) was the largest object of a run.
    """
    bounds = [k << 28 for k in range(17)]
    slices = [array("I") for _ in range(16)]
    for f in features:
        for key in WEIGHTS:
            terms = getattr(f, key)   # sorted; the classes hash distinct texts, so no term is counted twice
            cut = [bisect.bisect_left(terms, b) for b in bounds]
            for k in range(16):
                if cut[k] < cut[k + 1]:
                    slices[k].extend(terms[cut[k]:cut[k + 1]])
    shared: dict[int, int] = {}
    for part in slices:
        shared.update((t, c) for t, c in Counter(part).items() if c >= 2)
        del part[:]
    return shared


def group_stories(
    features: list[StoryFeatures],
    min_similarity: float = GROUP_SIMILARITY,
    link_similarity: float = LINK_SIMILARITY,
    link_share: float = LINK_SHARE,
):
    """Files that report one story: (groups as lists of indexes, similarity of compared pairs).

    Pairs are joined most similar first. A pair at `min_similarity` or more joins
    its two groups only when at least `link_share` of all pairs across them reach
    `link_similarity`: a chain of articles that each resemble the next (a season
    of match reports) does not become one story, while five outlets' takes on
    one event, all alike, do.
    """
    vectors = _Vectors(features)
    scored = vectors.candidates(link_similarity)
    weak = {p for p, s in scored.items() if s >= link_similarity}
    strong = sorted(((s, p) for p, s in scored.items() if s >= min_similarity), reverse=True)
    root = list(range(len(features)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(features))}
    for _, (i, j) in strong:
        a, b = root[i], root[j]
        if a == b:
            continue
        left, right = members[a], members[b]
        links = sum(1 for x in left for y in right if (min(x, y), max(x, y)) in weak)
        if links < link_share * len(left) * len(right):
            continue
        if len(left) < len(right):
            a, b, left, right = b, a, right, left
        for x in right:
            root[x] = a
        left.extend(right)
        del members[b]
    groups = [sorted(m) for m in members.values() if len(m) > 1]
    return sorted(groups), scored, vectors


# ---------------------------------------------------------------------------
# The checks
# ---------------------------------------------------------------------------

def check(features: list[StoryFeatures], rules: list["Rule"], one_story: bool = False) -> CorpusResult:
    """Cross-file findings over every file's features, and the groups read as one story.

    `rules` are the selected rules (any kind; only `corpus` rules are used).
    With `one_story`, every file is read as one story instead of grouping by
    similarity. Exact duplicates are read once: the copy gets a `duplicate`
    finding, if that rule is selected, and is otherwise left out.
    """
    by_check: dict[str, list] = defaultdict(list)
    for rule in rules:
        if getattr(rule.kind, "name", "") == "corpus":
            by_check[rule.kind.options["check"]].append(rule)
    features = sorted(features, key=lambda f: f.path)
    result = CorpusResult()
    if len(features) < 2:
        return result

    # Exact duplicates: the first path stands for all.
    reps: list[StoryFeatures] = []
    copies: dict[str, list[StoryFeatures]] = defaultdict(list)
    first_of: dict[str, StoryFeatures] = {}
    for f in features:
        if f.digest and f.digest in first_of:
            copies[first_of[f.digest].path].append(f)
        else:
            if f.digest:
                first_of[f.digest] = f
            reps.append(f)
    findings: list[Finding] = []
    for rule in by_check.get("duplicate", ()):
        for original, dups in copies.items():
            for dup in dups:
                findings.append(_finding(
                    rule, dup.path, 1, 1, dup.title,
                    _fill(rule.message, match=dup.title, kind="an exact copy", other=_short(original), share="100%"),
                    (Related(original, 1, "the same text"),),
                    severity=rule.severity,
                ))

    if one_story:
        groups = [list(range(len(reps)))] if len(reps) > 1 else []
        vectors = _Vectors(reps)
    else:
        groups, _, vectors = group_stories(reps)
    for members in groups:
        group = [reps[i] for i in members]
        if by_check.get("number-conflict"):
            findings += _number_conflicts(group, by_check["number-conflict"],
                                          lambda x, y, m=members: vectors.cosine(m[x], m[y]))
        if by_check.get("name-variant"):
            findings += _name_variants(group, by_check["name-variant"])
        if by_check.get("quote-drift"):
            findings += _quote_drift(group, by_check["quote-drift"])
        if by_check.get("uncredited-reuse") or by_check.get("duplicate"):
            findings += _reuse(group, by_check.get("uncredited-reuse", []), by_check.get("duplicate", []),
                               lambda t, cut=max(COMMON_DF, RARE_SHARE * len(reps)): vectors.df.get(t, 0) <= cut)
        paths = [f.path for f in group]
        paths += [c.path for f in group for c in copies.get(f.path, ())]
        result.groups.append(sorted(paths))
    for original, dups in copies.items():
        if not any(original in g for g in result.groups):
            result.groups.append(sorted([original] + [d.path for d in dups]))
    result.groups.sort()

    by_path = {f.path: f for f in features}
    kept = [f for f in findings if not _suppressed(by_path.get(f.path), f)]
    result.findings = sorted(set(kept), key=Finding.sort_key)
    return result


def _suppressed(features: StoryFeatures | None, finding: Finding) -> bool:
    from .selection import selects

    if features is None:
        return False
    if features.skip:
        return True

    class _Rule:  # what selects() reads of a rule
        code, name, category, pack = finding.rule, finding.name, finding.category, finding.pack

    for selector, lo, hi in features.suppressions:
        if lo <= finding.line and (hi == 0 or finding.line <= hi) and (selector == "*" or selects(selector, _Rule)):
            return True
    return False


def _finding(rule, path: str, line: int, column: int, excerpt: str, message: str,
             related: tuple[Related, ...], severity: str) -> Finding:
    return Finding(
        path=path, line=line, column=column, end_line=line, end_column=column,
        rule=rule.code, name=rule.name, category=rule.category, severity=severity,
        message=message, excerpt=_shorten(excerpt, 160), pack=rule.pack, related=related,
        mark=(0, len(_shorten(excerpt, 160))),   # the excerpt is the flagged words themselves
    )


def _fill(template: str, **values) -> str:
    from . import message_template

    return message_template.fill(template, values)


def _short(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def _where(path: str, line: int) -> str:
    return f"{_short(path)}:{line}"


def _severity(rule, mine: int, theirs: int) -> str | None:
    """The rule's severity where this file is outnumbered, info on an even split, else none."""
    if mine < theirs:
        return rule.severity
    if mine == theirs:
        return "info"
    return None


MAX_RELATED = 6
# Quantities need this many more shared context words than years: "took $12.5m"
# and "took $14.7m" in two box-office reports are two films, not one figure.
QUANTITY_CONTEXT = 3


# -- numbers and dates --------------------------------------------------------

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


# -- names ----------------------------------------------------------------------

_PLURAL_OR_DEMONYM = ("s", "es", "n", "an", "ns", "ans", "ian", "ians", "er", "ers", "ese", "ish")


def _edit_distance(a: str, b: str, limit: int = 3) -> int:
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _token_variant(a: str, b: str) -> bool:
    """Two spellings of one word: 'Industries'/'Industrial', 'Muhammad'/'Mohammad'."""
    a, b = a.lower(), b.lower()
    if a == b or not a.isalpha() or not b.isalpha() or a[0] != b[0]:
        return False
    short, long_ = sorted((a, b), key=len)
    if long_.startswith(short) and long_[len(short):] in _PLURAL_OR_DEMONYM:
        return False  # grammatical number or a demonym: 'Mill'/'Mills', 'Africa'/'African'
    if min(len(a), len(b)) >= 6 and a[:5] == b[:5]:
        return True
    distance = _edit_distance(a, b)
    return (distance <= 1 and min(len(a), len(b)) >= 5) or (distance <= 2 and min(len(a), len(b)) >= 8)


def _name_variant(a: str, b: str) -> bool:
    ta, tb = a.split(), b.split()
    if len(ta) != len(tb) or a.lower() == b.lower():
        return False
    same = sum(x.lower() == y.lower() for x, y in zip(ta, tb))
    differ = len(ta) - same
    if same == 0 or differ > (1 if len(ta) <= 2 else 2):
        return False
    return all(x.lower() == y.lower() or _token_variant(x, y) for x, y in zip(ta, tb))


def _name_variants(group: list[StoryFeatures], rules) -> list[Finding]:
    form_rules = [r for r in rules if r.kind.options["variant"] == "form"]
    case_rules = [r for r in rules if r.kind.options["variant"] == "case"]
    # casefolded name -> file index -> first mention
    uses: dict[str, dict[int, NameMention]] = defaultdict(dict)
    for fi, f in enumerate(group):
        for m in f.names:
            uses[m.form.lower()].setdefault(fi, m)
    out: list[Finding] = []

    if form_rules:
        buckets: dict[tuple, list[str]] = defaultdict(list)
        for key in uses:
            tokens = key.split()
            buckets[(len(tokens), "last", tokens[-1])].append(key)
            buckets[(len(tokens), "first", tokens[0])].append(key)
        pairs = set()
        for keys in buckets.values():
            for x in range(len(keys)):
                for y in range(x + 1, len(keys)):
                    if _name_variant(keys[x], keys[y]):
                        pairs.add(tuple(sorted((keys[x], keys[y]))))
        variants_of: dict[str, set[str]] = defaultdict(set)
        for a, b in pairs:
            if set(uses[a]) & set(uses[b]):
                continue  # one article uses both: two different names
            variants_of[a].add(b)
            variants_of[b].add(a)
        for key, others in variants_of.items():
            mine = uses[key]
            theirs = max(len(uses[o]) for o in others)
            for rule in form_rules:
                severity = _severity(rule, len(mine), theirs)
                if severity is None:
                    continue
                for fi, m in mine.items():
                    related, shown = [], []
                    # The most used spelling first; among as many, the one in the first file
                    # (`others` is a set: its own order is the hash seed's).
                    for other in sorted(others, key=lambda o: (-len(uses[o]), min(group[fo].path for fo in uses[o]), o)):
                        places = []
                        for fo, om in sorted(uses[other].items(), key=lambda kv: group[kv[0]].path):
                            places.append(_where(group[fo].path, om.line))
                            if len(related) < MAX_RELATED:
                                related.append(Related(group[fo].path, om.line, om.form))
                        shown.append(f"“{next(iter(uses[other].values())).form}” in {', '.join(places)}")
                    message = _fill(rule.message, match=m.form, others="; ".join(shown[:3]))
                    out.append(_finding(rule, group[fi].path, m.line, m.column, m.form, message,
                                        tuple(related), severity))

    for rule in case_rules:
        for key, files in uses.items():
            spellings: dict[str, list[int]] = defaultdict(list)
            for fi, m in files.items():
                spellings[m.form].append(fi)
            if len(spellings) < 2:
                continue
            # The spelling most files use wins; on a tie, the one with more capitals.
            best = max(spellings, key=lambda s: (len(spellings[s]), sum(c.isupper() for c in s)))
            for form, fis in spellings.items():
                if form == best:
                    continue
                for fi in fis:
                    m = files[fi]
                    related = tuple(Related(group[fo].path, files[fo].line, best) for fo in spellings[best])[:MAX_RELATED]
                    places = ", ".join(_where(group[fo].path, files[fo].line) for fo in spellings[best])
                    message = _fill(rule.message, match=m.form, others=f"“{best}” in {places}")
                    out.append(_finding(rule, group[fi].path, m.line, m.column, m.form, message, related, rule.severity))
    return out


# -- quotes -----------------------------------------------------------------------

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


# -- reuse and versions -------------------------------------------------------------

class _Sentences:
    """The group's sentence fingerprints, and in how many files each term occurs."""

    def __init__(self, group: list[StoryFeatures], rare=None):
        self.rare = rare      # term -> bool: rare in the whole set of files (None: all are)
        self.sets = [[set(s.terms) for s in f.sentences] for f in group]
        self.all = [set().union(*sets) if sets else set() for sets in self.sets]
        self.df: Counter = Counter()
        for terms in self.all:
            self.df.update(terms)

    def reporting(self, x: int) -> list[int]:
        """Sentences of file x that report something another file also reports."""
        return [i for i, terms in enumerate(self.sets[x]) if sum(1 for t in terms if self.df[t] >= 2) >= 2]

    def best_match(self, terms: set[int], y: int, min_overlap: float) -> int:
        """The sentence of y sharing most with `terms` (at least 3 terms and `min_overlap`), or -1."""
        best, best_j = (0, 0.0), -1
        for j, other in enumerate(self.sets[y]):
            shared = len(terms & other)
            if shared < 3:
                continue
            score = (shared, shared / min(len(terms), len(other)))
            if score[1] >= min_overlap and score > best:
                best, best_j = score, j
        return best_j

    def retold(self, x: int, y: int, min_overlap: float) -> list[tuple[int, int]]:
        """Sentences of x that retell y, in y's order.

        Between two files, a sentence retells the other when it shares at least
        `min_overlap` of its terms with one of its sentences. In a group of three
        or more, what every outlet reports proves nothing; a sentence retells y
        when it nearly repeats one of y's sentences (80%), or carries a fact (a
        name, number or word, rare among all the files linted) that of the
        whole group only x and y report.
        """
        if len(self.sets) < 3:
            exclusive: set[int] = set()
        else:
            exclusive = {t for t in self.all[x] & self.all[y] if self.df[t] == 2 and (self.rare is None or self.rare(t))}
            min_overlap = max(min_overlap, NEAR_COPY)
        pairs = []
        for i in self.reporting(x):
            terms = self.sets[x][i]
            j = self.best_match(terms, y, min_overlap)
            if j >= 0:
                pairs.append((i, j, False))
                continue
            own = terms & exclusive
            if len(own) >= MIN_EXCLUSIVE:
                j = max(range(len(self.sets[y])), key=lambda k: (len(own & self.sets[y][k]), -k))
                pairs.append((i, j, True))
        return _longest_increasing(pairs)


NEAR_COPY = 0.8
MIN_EXCLUSIVE = 1
# A fact counts as one outlet's own only when at most this share of all the files
# linted (and at least COMMON_DF of them) mention it: in a folder of a year's
# stories, "closure" or "deputy" are in many and prove nothing about who retold whom.
RARE_SHARE = 0.05


def _longest_increasing(pairs: list[tuple]) -> list[tuple]:
    """The longest run of pairs whose second items never decrease (patience sorting)."""
    tails: list[int] = []
    tails_at: list[int] = []
    previous = [-1] * len(pairs)
    for k, pair in enumerate(pairs):
        j = pair[1]
        pos = bisect.bisect_right(tails, j)
        if pos == len(tails):
            tails.append(j)
            tails_at.append(k)
        else:
            tails[pos] = j
            tails_at[pos] = k
        previous[k] = tails_at[pos - 1] if pos else -1
    out = []
    k = tails_at[-1] if tails_at else -1
    while k >= 0:
        out.append(pairs[k])
        k = previous[k]
    return out[::-1]


def _reuse(group: list[StoryFeatures], reuse_rules, duplicate_rules, rare=None) -> list[Finding]:
    out: list[Finding] = []
    n = len(group)
    sentences = _Sentences(group, rare)

    # Versions of one article: nearly every sentence of the shorter one is in the
    # longer, word for word (an update, a cut-down copy).
    # Files whose front matter names different sources are not versions.
    versions = set()
    near = _option(duplicate_rules, "near_duplicate", 0.8)
    for x in range(n):
        for y in range(x + 1, n):
            if not group[x].sentences or not group[y].sentences:
                continue
            if group[x].source and group[y].source and group[x].source.lower() != group[y].source.lower():
                continue
            short, long_ = (x, y) if len(group[x].sentences) <= len(group[y].sentences) else (y, x)
            verbatim = {s.exact for s in group[long_].sentences}
            contained = sum(s.exact in verbatim for s in group[short].sentences) / len(group[short].sentences)
            if contained < near:
                continue
            versions.add((x, y))
            later, earlier = (y, x) if (group[y].date, group[y].path) >= (group[x].date, group[x].path) else (x, y)
            pct = f"{contained:.0%}"
            for rule in duplicate_rules:
                out.append(_finding(
                    rule, group[later].path, 1, 1, group[later].title,
                    _fill(rule.message, match=group[later].title, kind="another version",
                          other=_short(group[earlier].path), share=pct),
                    (Related(group[earlier].path, 1, f"{pct} of the shorter one's sentences shared"),),
                    severity=rule.severity,
                ))

    for rule in reuse_rules:
        opts = rule.kind.options
        retold = {}
        for x in range(n):
            for y in range(n):
                if x == y or (min(x, y), max(x, y)) in versions:
                    continue
                if group[x].source and group[x].source.lower() == group[y].source.lower():
                    continue  # one outlet reusing its own copy
                retold[(x, y)] = sentences.retold(x, y, opts["sentence_similarity"])
        for x in range(n):
            if group[x].credits:
                continue
            reporting = max(len(sentences.reporting(x)), 1)
            best = None
            for y in range(n):
                pairs = retold.get((x, y))
                if not pairs or _distinct(pairs) < opts["min_sentences"] or _distinct(pairs) / reporting < opts["min_share"]:
                    continue
                # Both retell each other: the later (by front-matter date), else the
                # one retelling more sentences, is the copy.
                back = retold.get((y, x), [])
                back_reporting = max(len(sentences.reporting(y)), 1)
                if _distinct(back) >= opts["min_sentences"] and _distinct(back) / back_reporting >= opts["min_share"]:
                    if group[x].date and group[y].date and group[x].date != group[y].date:
                        if group[x].date < group[y].date:
                            continue
                    elif (_distinct(pairs), _distinct(pairs) / reporting, group[y].path) < (
                            _distinct(back), _distinct(back) / back_reporting, group[x].path):
                        continue
                if best is None or _distinct(pairs) > _distinct(best[1]):
                    best = (y, pairs)
            if best is None:
                continue
            y, pairs = best
            first = group[x].sentences[0]   # the finding is about the whole article
            related = tuple(
                Related(group[y].path, group[y].sentences[j].line, f"retold at line {group[x].sentences[i].line}")
                for i, j, _ in pairs[:MAX_RELATED]
            )
            used = len({p[1] for p in pairs}) / max(len(group[y].sentences), 1)
            message = _fill(rule.message, other=_short(group[y].path), share=f"{_distinct(pairs) / reporting:.0%}",
                            retold=_distinct(pairs), sentences=reporting, used=f"{used:.0%}")
            out.append(_finding(rule, group[x].path, first.line, 1, group[x].title, message, related, rule.severity))
    return out


def _distinct(pairs: list[tuple]) -> int:
    """Sentences retold: a sentence of the origin repeated counts once, however often it is
    echoed; a sentence carrying a fact only the two articles report counts on its own."""
    return len({p[1] for p in pairs if not (len(p) > 2 and p[2])}) + sum(1 for p in pairs if len(p) > 2 and p[2])


def _option(rules, key: str, default):
    return rules[0].kind.options[key] if rules else default
