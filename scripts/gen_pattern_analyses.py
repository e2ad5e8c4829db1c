"""Write lint/pattern_analyses.json: what each built-in pack pattern needs (see lint/matcher.py).

Run after changing a pattern in rules/: `python scripts/gen_pattern_analyses.py`.
A test fails while the file is stale; a stale file only makes loading slower.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lint import matcher  # noqa: E402
from lint.rulepack import builtin_rules_dir, load_packs  # noqa: E402


def analyses() -> list:
    """Every pattern of the built-in packs, analysed afresh."""
    matcher._REMEMBERED.clear()
    matcher._LEARNED.clear()
    load_packs([builtin_rules_dir()])
    return matcher.analyses_rows(matcher._LEARNED)


def main() -> None:
    rows = [json.dumps(row, ensure_ascii=False) for row in analyses()]
    text = "[\n" + ",\n".join(rows) + "\n]\n"   # a row a line: reviewable diffs
    Path(matcher.SHIPPED_ANALYSES).write_text(text, encoding="utf-8")
    print(f"wrote {matcher.SHIPPED_ANALYSES}")


if __name__ == "__main__":
    main()
