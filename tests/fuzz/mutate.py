"""Hostile articles made from real ones: the documents the fuzzer feeds newslint.

Each document starts from a real article (the seeds, and the raw HTML pages in
../shared/corpus/html when they are there) and takes a few mutations of the
kinds that reach a linter in the wild: pasted unicode (RTL overrides,
combining marks, zero-width and private-use characters, emoji), markup
fragments, broken Markdown front matter, runs of brackets and quotes, very
long tokens and lines, odd line endings, encodings and stray bytes. A mutation
is chosen by a seeded random generator, so a run is reproducible from its seed.
"""
from __future__ import annotations

import os
import random
from typing import Callable, NamedTuple

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HTML_PAGES = os.path.join(ROOT, "..", "shared", "corpus", "html")

# Characters that break naive text handling: bidi controls, combining marks,
# zero-width joiners, a BOM mid-text, private use, astral emoji, CJK, Arabic.
ODD_CHARS = (
    "\u202e\u202d\u2066\u2067\u2069\u200f\u200e"      # bidi overrides and isolates
    "\u0301\u0308\u0327\u20dd\u0489"                  # combining marks
    "\u200b\u200c\u200d\u2060\ufeff\u00ad"            # zero width, BOM, soft hyphen
    "\ue000\U000f0000\U0001f600\U0001f1fa\U0001f1f8"  # private use, emoji, a flag pair
    "\u4e2d\u6587\u0627\u0644\u0639\u0631\u0628\u064a\u0629\u05e9\u05dc\u05d5\u05dd"
    "\u2028\u2029\u0085\x0b\x0c\x1b\x7f"              # other line breaks and controls
    "“”‘’«»„‚—–…•·"
)
MARKUP = (
    "<div>", "</div>", "<p>", "</p>", "<br>", "<script>", "</script>", "<style>", "</style>",
    "<!--", "-->", "<![CDATA[", "]]>", "&amp;", "&#x202e;", "&#0;", "&#99999999;", "&nbsp;",
    "<a href=\"", "\">", "<img alt=\"x", "<h2>", "</h2>", "<li>", "<table><tr><td>",
    "**", "__", "`", "```", "[link](", ")", "![img](", "> ", "# ", "## ", "- ", "1. ", "|---|", "\\",
)
FRONT_MATTER = (
    "---\ntitle: x\n---\n",
    "---\ntitle: [unclosed\n---\n",
    "---\n- a\n- b\n---\n",
    "---\n: :\n---\n",
    "---\ndate: 2026-13-45\nsource: {a: [1, 2, {b: c}]}\n---\n",
    "---\na: &a [x, x]\nb: [*a, *a]\n---\n",
    "---\nsource: !!python/object/apply:os.system [echo]\n---\n",
    "---\n\tkey: tab\n---\n",
    "---\n---\n",
    "+++\ntitle = 'toml'\n+++\n",
    "---\ntitle: no end\n",
)
BRACKETS = "()[]{}<>\"'“”‘’«»"


class Document(NamedTuple):
    name: str      # the file name the document is linted as (its extension picks the reader)
    data: bytes


def base_texts() -> list[tuple[str, str]]:
    """(extension, text) of every article the mutations start from."""
    texts = []
    seeds = os.path.join(ROOT, "seeds")
    for name in sorted(os.listdir(seeds)):
        with open(os.path.join(seeds, name), encoding="utf-8") as handle:
            texts.append((".txt", handle.read()))
    if os.path.isdir(HTML_PAGES):
        for name in sorted(os.listdir(HTML_PAGES)):
            if name.endswith(".html"):
                with open(os.path.join(HTML_PAGES, name), encoding="utf-8", errors="replace") as handle:
                    texts.append((".html", handle.read()))
    return texts


def _insert(rng: random.Random, text: str, piece: str) -> str:
    at = rng.randrange(len(text) + 1)
    return text[:at] + piece + text[at:]


def odd_unicode(rng, text, long):
    return _insert(rng, text, "".join(rng.choice(ODD_CHARS) for _ in range(rng.randint(1, 40))))


def markup(rng, text, long):
    return _insert(rng, text, "".join(rng.choice(MARKUP) for _ in range(rng.randint(1, 12))))


def deep_nesting(rng, text, long):
    tag = rng.choice(("div", "span", "b", "li", "blockquote"))
    depth = rng.randint(10, 3000)
    return _insert(rng, text, f"<{tag}>" * depth + "x" + (f"</{tag}>" * depth if rng.random() < 0.5 else ""))


def front_matter(rng, text, long):
    return rng.choice(FRONT_MATTER) + text


def bracket_run(rng, text, long):
    char = rng.choice(BRACKETS)
    return _insert(rng, text, char * rng.randint(1, long))


def quote_storm(rng, text, long):
    # Many short quotations, opened and never closed or closed twice.
    return _insert(rng, text, " ".join(rng.choice(("“", "”", '"', "'", "‘")) + "word" for _ in range(rng.randint(5, 500))))


def long_token(rng, text, long):
    alphabet = rng.choice(("a", "abcdefghijklmnopqrstuvwxyz", "aeiouy", "Ab-", "1234567890", "x’"))
    return _insert(rng, text, " " + "".join(rng.choice(alphabet) for _ in range(rng.randint(50, long))) + " ")


def long_line(rng, text, long):
    # Lines joined: the whole article on one line, or a stretch of it.
    if rng.random() < 0.5:
        return text.replace("\n", " ")
    at = rng.randrange(len(text) + 1)
    return text[:at] + text[at:at + long].replace("\n", " ") + text[at + long:]


def blank_run(rng, text, long):
    return _insert(rng, text, rng.choice(("\n", " \n", "\t\n", "\r\n", "\u2028")) * rng.randint(1, long // 4 + 1))


def tiny_lines(rng, text, long):
    return _insert(rng, text, "\n".join(rng.choice(("a", "A.", "-", "•", "1.", ">", "#", "|")) for _ in range(rng.randint(1, long // 4 + 1))))


def repeat_span(rng, text, long):
    if not text:
        return text
    at = rng.randrange(len(text))
    span = text[at:at + rng.randint(1, 200)]
    return _insert(rng, text, span * rng.randint(2, 50))


def delete_span(rng, text, long):
    if not text:
        return text
    at = rng.randrange(len(text))
    return text[:at] + text[at + rng.randint(1, 2000):]


def shuffle_lines(rng, text, long):
    lines = text.split("\n")
    rng.shuffle(lines)
    return "\n".join(lines)


def swap_case(rng, text, long):
    return text.upper() if rng.random() < 0.5 else text.lower()


TEXT_MUTATIONS: tuple[Callable[[random.Random, str, int], str], ...] = (
    odd_unicode, markup, deep_nesting, front_matter, bracket_run, quote_storm, long_token, long_line,
    blank_run, tiny_lines, repeat_span, delete_span, shuffle_lines, swap_case,
)


def encode(rng: random.Random, text: str) -> bytes:
    """The text as a file might hold it: UTF-8 mostly, sometimes with a BOM, CRLF, another encoding or stray bytes."""
    roll = rng.random()
    if roll < 0.08:
        text = text.replace("\n", "\r\n")
    elif roll < 0.12:
        text = text.replace("\n", "\r")
    roll = rng.random()
    if roll < 0.05:
        data = "\ufeff".encode("utf-8") + text.encode("utf-8", "surrogatepass")
    elif roll < 0.08:
        data = text.encode("utf-16")            # with its BOM
    elif roll < 0.10:
        data = text.encode("cp1252", "replace")
    else:
        data = text.encode("utf-8", "surrogatepass")
    if rng.random() < 0.05:
        at = rng.randrange(len(data) + 1)
        data = data[:at] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 8))) + data[at:]
    return data


def documents(seed: int, count: int, long: int = 3000, stretch: int = 20000) -> list[Document]:
    """`count` mutated articles, the same for the same seed; `long` caps the long tokens
    and runs, `stretch` the characters taken from a base article before mutating."""
    rng = random.Random(seed)
    bases = base_texts()
    out = []
    for number in range(count):
        ext, text = rng.choice(bases)
        if rng.random() < 0.2:
            ext = rng.choice((".txt", ".md", ".html"))
        if len(text) > stretch:  # whole pages are big: a stretch of one keeps the run quick
            at = rng.randrange(len(text) - stretch)
            text = text[at:at + stretch]
        for _ in range(rng.randint(1, 4)):
            text = rng.choice(TEXT_MUTATIONS)(rng, text, long)
        out.append(Document(f"fuzz-{seed}-{number}{ext}", encode(rng, text)))
    return out
