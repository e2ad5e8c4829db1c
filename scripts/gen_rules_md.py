"""Write docs/rules.md from the shipped packs: `python scripts/gen_rules_md.py`.

The reference is generated so it cannot drift from the rules; a test fails
when the committed file is stale.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lint.rulepack import builtin_rules_dir, load_packs  # noqa: E402

TARGET = ROOT / "docs" / "rules.md"


def render() -> str:
    packs = load_packs([builtin_rules_dir()])
    out = [
        "# Rules reference",
        "",
        "Generated from `rules/*.yaml` by `python scripts/gen_rules_md.py`; do not edit by hand.",
        "",
        "| code | name | category | severity | pack |",
        "|---|---|---|---|---|",
    ]
    for pack in packs:
        for r in pack.rules:
            out.append(f"| [{r.code}](#{r.code.lower()}-{r.name}) | {r.name} | {r.category} | {r.severity} | {r.pack} |")
    for pack in packs:
        out += ["", f"## Pack `{pack.id}` ({pack.prefix})", "", pack.description]
        for r in pack.rules:
            out += [
                "",
                f"### {r.code} {r.name}",
                "",
                f"category `{r.category}`, severity `{r.severity}`, kind `{type(r.kind).name}`"
                + ("" if r.fix is None else f", fix `{r.fix.action}`{'' if r.fix.safe else ' (unsafe: --unsafe-fixes)'}"),
                "",
                r.why,
            ]
            if r.link:
                out += ["", f"See: {r.link}"]
            out += ["", "Flags:", ""] + [_example(e) for e in r.examples["flag"]]
            out += ["", "Passes:", ""] + [_example(e) for e in r.examples["pass"]]
    return "\n".join(out) + "\n"


def _example(text: str) -> str:
    lines = text.strip("\n").splitlines()
    if len(lines) == 1:
        return f"- `{lines[0].strip()}`"
    return "- ```text\n" + "\n".join("  " + line for line in lines) + "\n  ```"


if __name__ == "__main__":
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
