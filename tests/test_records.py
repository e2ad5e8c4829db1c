"""Exports of many articles (JSON Lines, CSV, RSS, Atom) and Word files, made here as a CMS would.

Each record is linted as an article: its findings are named FILE#ID with the
line inside its own text, and a bad record is a one-line error naming the file
and record while the rest of the file is still read.
"""
from __future__ import annotations

import csv
import json
import subprocess
import sys
import zipfile

FLAGGED = "The council approved the budget on Tuesday.\nCritics say the plan will fail.\n"
CLEAN = "The council approved the budget on Tuesday, the mayor, Jane Roe, said.\n"


def _json(*args, cwd):
    run = subprocess.run([sys.executable, "-m", "lint", *args, "--format", "json", "--no-cache"], cwd=cwd,
                         capture_output=True, text=True)
    return run.returncode, json.loads(run.stdout), run.stderr


def _by_path(findings, rule):
    return {(f["path"], f["line"]) for f in findings if f["rule"] == rule}


def test_json_lines_records_are_articles_named_by_id_with_their_own_lines(tmp_path):
    rows = [{"url": "https://example.test/a", "title": "Budget", "body": FLAGGED},
            {"url": "https://example.test/b", "title": "Roads", "body": CLEAN},
            {"title": "No id", "body": "<p>Its schools.</p><p>Critics say the plan will fail.</p>"}]
    (tmp_path / "export.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    code, out, _ = _json("export.jsonl", cwd=tmp_path)
    assert code == 1
    assert _by_path(out["findings"], "NL401") == {("export.jsonl#https://example.test/a", 2), ("export.jsonl#3", 1)}
    assert [f["path"] for f in out["files"]] == ["export.jsonl#https://example.test/a", "export.jsonl#https://example.test/b",
                                                 "export.jsonl#3"]
    # The same body in a .md file is flagged on the same line: the export is not read as one text.
    (tmp_path / "a.md").write_text(FLAGGED, encoding="utf-8")
    assert _by_path(_json("a.md", cwd=tmp_path)[1]["findings"], "NL401") == {("a.md", 2)}


def test_fields_are_chosen_and_a_bad_record_is_an_error_naming_it(tmp_path):
    lines = [json.dumps({"slug": "one", "copy": FLAGGED}), "{not json", json.dumps(["a list"]),
             json.dumps({"slug": "two", "other": "x"}), json.dumps({"slug": "three", "copy": CLEAN})]
    (tmp_path / "cms.ndjson").write_text("\n".join(lines), encoding="utf-8")
    code, out, err = _json("cms.ndjson", "--text-field", "copy", "--id-field", "slug", cwd=tmp_path)
    assert code == 2                                        # bad records are errors, the rest is linted
    assert _by_path(out["findings"], "NL401") == {("cms.ndjson#one", 2)}
    assert "cms.ndjson#three" in [f["path"] for f in out["files"]]
    assert out["errors"] == ["cms.ndjson:2: not a JSON record (Expecting property name enclosed in double quotes)",
                             "cms.ndjson:3: a record must be a JSON object",
                             "cms.ndjson:4: no text field (copy); give --text-field"]


def test_csv_exports_with_long_bodies(tmp_path):
    long_body = ("The council met again. " * 8000) + "\nCritics say the plan will fail.\n"   # past csv's 128 KB default
    with open(tmp_path / "export.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, ["id", "headline", "text"])
        writer.writeheader()
        writer.writerow({"id": "101", "headline": "Budget", "text": FLAGGED})
        writer.writerow({"id": "102", "headline": "Long", "text": long_body})
    _, out, _ = _json("export.csv", cwd=tmp_path)
    assert _by_path(out["findings"], "NL401") == {("export.csv#101", 2), ("export.csv#102", 2)}


def test_rss_and_atom_items_are_articles_with_their_html_reduced_to_text(tmp_path):
    rss = f"""<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Example Times</title>
<item><title>Budget</title><guid>urn:example:1</guid><content:encoded><![CDATA[<p>The council met.</p>
<p>Critics say the plan will fail.</p>]]></content:encoded></item>
<item><title>Roads</title><link>https://example.test/roads</link><description>&lt;p&gt;{CLEAN}&lt;/p&gt;</description></item>
</channel></rss>"""
    (tmp_path / "feed.rss").write_text(rss, encoding="utf-8")
    atom = """<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Example</title>
<entry><id>tag:example.test,2026:7</id><title>Budget</title><content type="html">&lt;p&gt;Critics say the plan
will fail.&lt;/p&gt;</content></entry></feed>"""
    (tmp_path / "feed.atom").write_text(atom, encoding="utf-8")
    _, out, _ = _json("feed.rss", "feed.atom", cwd=tmp_path)
    assert {p for p, _ in _by_path(out["findings"], "NL401")} == {"feed.rss#urn:example:1", "feed.atom#tag:example.test,2026:7"}
    assert "feed.rss#https://example.test/roads" in [f["path"] for f in out["files"]]
    (tmp_path / "bad.rss").write_text("<rss><channel><item>", encoding="utf-8")
    code, out, _ = _json("bad.rss", cwd=tmp_path)
    assert code == 2 and out["errors"][0].startswith("bad.rss: not an RSS or Atom feed")


def _docx(path, paragraphs):
    body = "".join(f"<w:p><w:r><w:t xml:space='preserve'>{p}</w:t></w:r></w:p>" for p in paragraphs)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document xmlns:w='http://schemas.openxmlformats.org/"
                         f"wordprocessingml/2006/main'><w:body>{body}</w:body></w:document>")


def test_a_word_file_is_one_article_its_paragraphs_its_lines_and_a_folder_walk_finds_it(tmp_path):
    _docx(tmp_path / "draft.docx", ["The council approved the budget on Tuesday.", "Critics say the plan will fail."])
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    code, out, _ = _json(".", cwd=tmp_path)
    assert _by_path(out["findings"], "NL401") == {("./draft.docx", 2)}
    assert code == 2 and out["errors"] == ["./broken.docx: not a .docx (a zip holding word/document.xml), skipped"]


def test_the_api_reads_exports_as_their_records(tmp_path):
    import lint

    (tmp_path / "export.jsonl").write_text(json.dumps({"id": "a1", "text": FLAGGED}) + "\n", encoding="utf-8")
    _docx(tmp_path / "draft.docx", ["The council approved the budget.", "Critics say the plan will fail."])
    results = lint.lint_paths([str(tmp_path / "export.jsonl"), str(tmp_path / "draft.docx")])
    assert {(r.path.rsplit("/", 1)[-1], tuple(f.line for f in r.findings if f.rule == "NL401")) for r in results} == {
        ("export.jsonl#a1", (2,)), ("draft.docx", (2,))}
