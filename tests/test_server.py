"""`newslint server`, driven over stdio as an editor drives it: a small JSON-RPC client.

Each test starts the real server process (`python -m lint server`), speaks LSP
to it (initialize, didOpen/didChange, hover, codeAction, shutdown, exit) and
compares what it publishes with what the CLI reports for the same text.
"""
from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path

import pytest

pytest.importorskip("pygls")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Client:
    def __init__(self, cwd):
        self.process = subprocess.Popen([sys.executable, "-m", "lint", "server"], cwd=cwd,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.messages: queue.Queue = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.process.stdout
        while True:
            header = {}
            while True:
                line = out.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                key, _, value = line.decode().partition(":")
                header[key.strip().lower()] = value.strip()
            self.messages.put(json.loads(out.read(int(header["content-length"]))))

    def send(self, method, params, request=False):
        message = {"jsonrpc": "2.0", "method": method, "params": params}
        if request:
            self.next_id += 1
            message["id"] = self.next_id
        body = json.dumps(message).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()
        return message.get("id")

    def request(self, method, params, timeout=30):
        wanted = self.send(method, params, request=True)
        return self.wait(lambda m: m.get("id") == wanted, timeout)["result"]

    def wait(self, test, timeout=30):
        while True:
            message = self.messages.get(timeout=timeout)
            if test(message):
                return message

    def diagnostics(self, uri, timeout=30):
        return self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri,
                         timeout)["params"]["diagnostics"]

    def open(self, path: Path, text: str):
        self.send("textDocument/didOpen", {"textDocument": {"uri": path.as_uri(), "languageId": "markdown",
                                                             "version": 1, "text": text}})

    def close(self):
        self.request("shutdown", None)
        self.send("exit", None)
        assert self.process.wait(10) == 0


@pytest.fixture
def client(tmp_path):
    c = Client(tmp_path)
    c.request("initialize", {"processId": os.getpid(), "rootUri": tmp_path.as_uri(), "capabilities": {}})
    c.send("initialized", {})
    yield c
    if c.process.poll() is None:
        c.close()


def _cli_findings(path: Path):
    run = subprocess.run([sys.executable, "-m", "lint", str(path), "--format", "json", "--no-cache"],
                         cwd=path.parent, capture_output=True, text=True)
    return json.loads(run.stdout)["findings"]


def test_diagnostics_on_open_match_the_cli(client, tmp_path):
    text = Path(ROOT, "seeds", "004_c7f6f146a6f7f362.txt").read_text(encoding="utf-8")
    path = tmp_path / "story.txt"
    path.write_text(text, encoding="utf-8")
    client.open(path, text)
    got = client.diagnostics(path.as_uri())
    expected = _cli_findings(path)
    assert len(got) == len(expected) >= 10
    severity = {"error": 1, "warning": 2, "info": 3}
    for d, f in zip(sorted(got, key=lambda d: (d["range"]["start"]["line"], d["range"]["start"]["character"], d["code"])),
                    sorted(expected, key=lambda f: (f["line"], f["column"], f["rule"]))):
        assert d["code"] == f["rule"] and d["message"] == f["message"] and d["source"] == "newslint"
        assert d["severity"] == severity[f["severity"]]
        assert d["range"]["start"]["line"] == f["line"] - 1
    client.close()


def test_positions_are_utf16_code_units(client, tmp_path):
    # The emoji is two UTF-16 code units: the finding after it starts one unit later than its code-point column.
    text = "Sport\n\nThe council met on Tuesday \U0001f600 in the café. Critics say the plan will fail.\n"
    path = tmp_path / "a.md"
    client.open(path, text)
    found = [d for d in client.diagnostics(path.as_uri()) if d["code"] == "NL401"]
    assert found, "the vague source should be flagged"
    start = found[0]["range"]["start"]
    assert start["line"] == 2
    assert start["character"] == text.split("\n")[2].index("Critics") + 1


def test_a_change_relints_the_unsaved_buffer(client, tmp_path):
    path = tmp_path / "b.md"
    client.open(path, "The council met on Tuesday and approved the budget.\n")
    assert [d["code"] for d in client.diagnostics(path.as_uri())] == []
    client.send("textDocument/didChange", {"textDocument": {"uri": path.as_uri(), "version": 2},
                                           "contentChanges": [{"text": "Critics say the budget is too small.\n"}]})
    assert "NL401" in [d["code"] for d in client.diagnostics(path.as_uri())]
    assert not path.exists()     # from the buffer, never from (or to) the disk


def test_hover_explains_the_rule_and_code_actions_suppress(client, tmp_path):
    text = "Critics say the budget is too small.\n"
    path = tmp_path / "c.md"
    client.open(path, text)
    diagnostic = next(d for d in client.diagnostics(path.as_uri()) if d["code"] == "NL401")
    hover = client.request("textDocument/hover", {"textDocument": {"uri": path.as_uri()}, "position": diagnostic["range"]["start"]})
    assert "NL401" in hover["contents"]["value"] and "why:" in hover["contents"]["value"]
    actions = client.request("textDocument/codeAction", {
        "textDocument": {"uri": path.as_uri()}, "range": diagnostic["range"],
        "context": {"diagnostics": [diagnostic]}})
    titles = [a["title"] for a in actions]
    assert titles == ["newslint: suppress NL401 on this line", "newslint: suppress NL401 in this file"]
    # Applied, each edit silences the finding in the CLI too.
    for action in actions:
        edit = action["edit"]["changes"][path.as_uri()][0]
        lines = text.split("\n")
        at = edit["range"]["start"]
        lines[at["line"]] = lines[at["line"]][: at["character"]] + edit["newText"] + lines[at["line"]][at["character"]:]
        path.write_text("\n".join(lines), encoding="utf-8")
        assert "NL401" not in [f["rule"] for f in _cli_findings(path)]


def test_the_workspace_config_is_honoured(client, tmp_path):
    (tmp_path / "newslint.yaml").write_text("ignore: [NL401]\n", encoding="utf-8")
    path = tmp_path / "d.md"
    client.open(path, "Critics say the budget is too small.\n")
    assert "NL401" not in [d["code"] for d in client.diagnostics(path.as_uri())]


def test_open_articles_in_a_folder_are_read_together(client, tmp_path):
    seeds = sorted(Path(ROOT, "seeds").iterdir())
    uris = []
    for seed in seeds:
        path = tmp_path / seed.name
        client.open(path, seed.read_text(encoding="utf-8"))
        uris.append(path.as_uri())
    # After the last open, the cross-article findings (NL95x) arrive for the others too.
    seen = {}
    while len([u for u in uris if any(str(d["code"]).startswith("NL95") for d in seen.get(u, []))]) < 3:
        message = client.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics")
        seen[message["params"]["uri"]] = message["params"]["diagnostics"]
    related = [d for ds in seen.values() for d in ds if d.get("relatedInformation")]
    assert related and related[0]["relatedInformation"][0]["location"]["uri"].startswith(tmp_path.as_uri())


ARTICLE = ("The city council approved the new budget on Tuesday after a debate that lasted most of the evening, "
           "the council's finance chair, Maria Lopez, said after the vote.\n\n"
           "Work on the first projects is due to start in March, Lopez said.\n\n"
           "Read more: Mayor wins a second term in a close race\n")


def _apply(text: str, edits) -> str:
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)

    def at(p):   # ASCII text: UTF-16 units are characters
        return offsets[p["line"]] + p["character"]

    for e in sorted(edits, key=lambda e: at(e["range"]["start"]), reverse=True):
        text = text[: at(e["range"]["start"])] + e["newText"] + text[at(e["range"]["end"]):]
    return text


def test_a_rule_s_fix_is_a_code_action_and_fix_all_applies_them(client, tmp_path):
    path = tmp_path / "e.md"
    client.open(path, ARTICLE)
    diagnostic = next(d for d in client.diagnostics(path.as_uri()) if d["code"] == "NL601")
    actions = client.request("textDocument/codeAction", {
        "textDocument": {"uri": path.as_uri()}, "range": diagnostic["range"], "context": {"diagnostics": [diagnostic]}})
    fix = next(a for a in actions if a["title"] == "newslint: fix NL601")
    fixed = _apply(ARTICLE, fix["edit"]["changes"][path.as_uri()])
    assert "Read more" not in fixed and fixed.startswith("The city council approved")
    fix_all = next(a for a in actions if a["title"] == "newslint: fix all in this file")
    wanted = client.send("workspace/executeCommand", {"command": fix_all["command"]["command"],
                                                     "arguments": fix_all["command"]["arguments"]}, request=True)
    apply = client.wait(lambda m: m.get("method") == "workspace/applyEdit")
    assert _apply(ARTICLE, apply["params"]["edit"]["changes"][path.as_uri()]) == fixed
    body = json.dumps({"jsonrpc": "2.0", "id": apply["id"], "result": {"applied": True}}).encode()
    client.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    client.process.stdin.flush()
    assert client.wait(lambda m: m.get("id") == wanted)["result"] == {"edits": 1}
