"""`newslint server`: a Language Server (LSP over stdio), built on pygls.

Diagnostics come from the unsaved buffer, through the same Linter the CLI
runs, so codes, severities and positions match `newslint FILE`. Positions are
converted to UTF-16 code units, which is what LSP counts. Linting runs on one
worker thread, off the event loop, so a keystroke is never waited on; changes
are debounced. The files open in one folder are also read together (the
cross-article checks) after each lint, in the background.
"""
from __future__ import annotations

import asyncio
import os
from concurrent.futures import ThreadPoolExecutor

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from . import __version__
from .config import find_config, load_config, check_declared
from .errors import UserError
from .rulepack import builtin_rules_dir, load_packs
from .runner import FileResult, Linter, read_together

DEBOUNCE_SECONDS = 0.3
LANGUAGES = (".md", ".markdown", ".txt", ".html", ".htm")
SEVERITY = {"error": lsp.DiagnosticSeverity.Error, "warning": lsp.DiagnosticSeverity.Warning,
            "info": lsp.DiagnosticSeverity.Information}


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, which LSP positions count (an emoji is two)."""
    return len(text.encode("utf-16-le")) // 2


def utf16_column(line: str, column: int) -> int:
    """A 1-based code-point column as LSP's 0-based UTF-16 offset."""
    return utf16_len(line[: column - 1])


class Workspace:
    """The rules for each config file in use, and the last per-file result of each open document."""

    def __init__(self):
        self.linters: dict[str | None, tuple[Linter, list]] = {}
        self.results: dict[str, tuple[FileResult, list[str]]] = {}   # uri -> (result, source lines)

    def linter_for(self, path: str) -> tuple[Linter, list]:
        config = find_config(os.path.dirname(os.path.abspath(path)))
        if config not in self.linters:
            settings = load_config(config)
            packs = load_packs([builtin_rules_dir(), *settings.rules], settings.options)
            check_declared(settings, packs)
            self.linters[config] = (Linter(packs, settings, corpus=True), packs)
        return self.linters[config]

    def lint(self, uri: str, text: str) -> list[lsp.Diagnostic]:
        path = to_fs_path(uri) or uri
        linter, _ = self.linter_for(path)
        result = linter.lint_bytes(path, text.encode("utf-8"))
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        self.results[uri] = (result, lines)
        return diagnostics(result, lines)

    def together(self, uri: str) -> dict[str, list[lsp.Diagnostic]]:
        """Every open document in `uri`'s folder with the cross-article findings added."""
        folder = os.path.dirname(to_fs_path(uri) or uri)
        group = {u: entry for u, entry in self.results.items() if os.path.dirname(to_fs_path(u) or u) == folder}
        if len(group) < 2:
            return {}
        linter, _ = self.linter_for(to_fs_path(uri) or uri)
        copies = {u: FileResult(r.path, list(r.findings), r.notes, r.error, r.data, r.features) for u, (r, _) in group.items()}
        read_together(linter, list(copies.values()))
        return {u: diagnostics(copies[u], group[u][1]) for u in group}


def diagnostics(result: FileResult, lines: list[str]) -> list[lsp.Diagnostic]:
    if result.error:
        return [lsp.Diagnostic(range=_range(lines, 1, 1, 1, 1), message=result.error, source="newslint",
                               severity=lsp.DiagnosticSeverity.Error)]
    out = []
    for f in result.findings:
        related = [
            lsp.DiagnosticRelatedInformation(
                location=lsp.Location(uri=_uri(r.path), range=lsp.Range(lsp.Position(r.line - 1, 0), lsp.Position(r.line - 1, 0))),
                message=r.note or f"{os.path.basename(r.path)}:{r.line}")
            for r in f.related
        ]
        out.append(lsp.Diagnostic(
            range=_range(lines, f.line, f.column, f.end_line, f.end_column),
            message=f.message, severity=SEVERITY[f.severity], code=f.rule, source="newslint",
            related_information=related or None, data={"name": f.name},
        ))
    return out


def _range(lines: list[str], line: int, column: int, end_line: int, end_column: int) -> lsp.Range:
    def position(n: int, c: int) -> lsp.Position:
        n = max(1, min(n, len(lines)))
        return lsp.Position(line=n - 1, character=utf16_column(lines[n - 1], c))

    return lsp.Range(start=position(line, column), end=position(end_line, end_column))


def _uri(path: str) -> str:
    from pathlib import Path

    return Path(os.path.abspath(path)).as_uri()


def suppress_actions(uri: str, text: str, diagnostic: lsp.Diagnostic) -> list[lsp.CodeAction]:
    """"Suppress on this line" and "in this file", as the directives lint/suppress.py reads."""
    code = str(diagnostic.code)
    line = diagnostic.range.start.line
    lines = text.split("\n")
    if uri.endswith(".txt"):
        # Plain text has no comments: the directive goes at the end of the flagged line.
        end = utf16_len(lines[line]) if line < len(lines) else 0
        here = lsp.TextEdit(range=lsp.Range(lsp.Position(line, end), lsp.Position(line, end)), new_text=f"  newslint: ignore {code}")
    else:
        here = lsp.TextEdit(range=lsp.Range(lsp.Position(line, 0), lsp.Position(line, 0)),
                            new_text=f"<!-- newslint: disable-next-line {code} -->\n")
    top = _after_front_matter(lines)
    whole = lsp.TextEdit(range=lsp.Range(lsp.Position(top, 0), lsp.Position(top, 0)), new_text=f"<!-- newslint: disable {code} -->\n")
    return [
        lsp.CodeAction(title=f"newslint: suppress {code} on this line", kind=lsp.CodeActionKind.QuickFix,
                       diagnostics=[diagnostic], edit=lsp.WorkspaceEdit(changes={uri: [here]})),
        lsp.CodeAction(title=f"newslint: suppress {code} in this file", kind=lsp.CodeActionKind.QuickFix,
                       diagnostics=[diagnostic], edit=lsp.WorkspaceEdit(changes={uri: [whole]})),
    ]


FIX_ALL = "newslint.fixAll"


def fix_edits(uri: str, text: str, result: FileResult, linter: Linter, only: lsp.Diagnostic | None = None) -> list[lsp.TextEdit]:
    """The rules' safe fixes for the buffer (for one diagnostic, or all), as LSP edits."""
    import bisect

    from .fix import Source, edits_for

    fixes = {rule.code: rule.fix for rule in linter.rules_for(result.path) if rule.fix is not None}
    findings = [f for f in result.findings if only is None or (f.rule == str(only.code) and f.line - 1 == only.range.start.line)]
    source = Source(text, "utf-8", b"")
    starts = source.line_starts()
    is_html = uri.lower().endswith((".html", ".htm"))

    def position(offset: int) -> lsp.Position:
        line = bisect.bisect_right(starts, offset) - 1
        return lsp.Position(line=line, character=utf16_len(text[starts[line]:offset]))

    return [lsp.TextEdit(range=lsp.Range(position(e.start), position(e.end)), new_text=e.text)
            for e in edits_for(source, findings, fixes, is_html, unsafe=False)]


def _after_front_matter(lines: list[str]) -> int:
    """The first line after Markdown front matter (0 when there is none): a directive above it would break it."""
    if lines and lines[0].strip() == "---":
        for number, line in enumerate(lines[1:], 1):
            if line.strip() in ("---", "..."):
                return number + 1
    return 0


def build() -> LanguageServer:
    server = LanguageServer("newslint", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Full)
    workspace = Workspace()
    pool = ThreadPoolExecutor(max_workers=1)   # one at a time: a Linter keeps per-run caches
    pending: dict[str, asyncio.Task] = {}

    def publish(uri: str, found: list[lsp.Diagnostic]) -> None:
        server.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=found))

    async def lint(uri: str, delay: float = 0.0) -> None:
        if delay:
            await asyncio.sleep(delay)
        if not uri.endswith(LANGUAGES):
            return
        text = server.workspace.get_text_document(uri).source
        loop = asyncio.get_running_loop()
        try:
            found = await loop.run_in_executor(pool, workspace.lint, uri, text)
        except UserError as err:   # a broken config or pack: said once, on the document
            publish(uri, [lsp.Diagnostic(range=lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)), message=str(err),
                                         source="newslint", severity=lsp.DiagnosticSeverity.Error)])
            return
        publish(uri, found)
        for other, more in (await loop.run_in_executor(pool, workspace.together, uri)).items():
            publish(other, more)

    def schedule(uri: str, delay: float) -> None:
        if uri in pending:
            pending[uri].cancel()
        pending[uri] = asyncio.ensure_future(lint(uri, delay))

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls, params: lsp.DidOpenTextDocumentParams):
        schedule(params.text_document.uri, 0.0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls, params: lsp.DidChangeTextDocumentParams):
        schedule(params.text_document.uri, DEBOUNCE_SECONDS)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls, params: lsp.DidSaveTextDocumentParams):
        schedule(params.text_document.uri, 0.0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls, params: lsp.DidCloseTextDocumentParams):
        workspace.results.pop(params.text_document.uri, None)
        publish(params.text_document.uri, [])

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover(ls, params: lsp.HoverParams):
        from .cli import explain

        entry = workspace.results.get(params.text_document.uri)
        if entry is None:
            return None
        result, lines = entry
        at = params.position
        for d in diagnostics(result, lines):
            if (d.range.start.line, d.range.start.character) <= (at.line, at.character) <= (d.range.end.line, d.range.end.character):
                _, packs = workspace.linter_for(result.path)
                text = explain(packs, str(d.code))
                if text:
                    return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=f"```text\n{text}\n```"),
                                     range=d.range)
        return None

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION)
    def code_action(ls, params: lsp.CodeActionParams):
        uri = params.text_document.uri
        text = server.workspace.get_text_document(uri).source
        entry = workspace.results.get(uri)
        actions = []
        for d in params.context.diagnostics:
            if d.source != "newslint" or not d.code:
                continue
            if entry is not None:
                edits = fix_edits(uri, text, entry[0], workspace.linter_for(entry[0].path)[0], only=d)
                if edits:
                    actions.append(lsp.CodeAction(title=f"newslint: fix {d.code}", kind=lsp.CodeActionKind.QuickFix,
                                                  diagnostics=[d], is_preferred=True,
                                                  edit=lsp.WorkspaceEdit(changes={uri: edits})))
            actions += suppress_actions(uri, text, d)
        if entry is not None and any(a.title.startswith("newslint: fix") for a in actions):
            actions.append(lsp.CodeAction(title="newslint: fix all in this file", kind=lsp.CodeActionKind.SourceFixAll,
                                          command=lsp.Command(title="fix all", command=FIX_ALL, arguments=[uri])))
        return actions

    @server.command(FIX_ALL)
    def fix_all(ls, uri: str):
        """Every safe fix in the document, applied through the editor (undo works there)."""
        entry = workspace.results.get(uri)
        if entry is None:
            return None
        text = server.workspace.get_text_document(uri).source
        edits = fix_edits(uri, text, entry[0], workspace.linter_for(entry[0].path)[0])
        if edits:
            server.workspace_apply_edit(lsp.ApplyWorkspaceEditParams(edit=lsp.WorkspaceEdit(changes={uri: edits}),
                                                                    label="newslint: fix all"))
        return {"edits": len(edits)}

    return server


def main() -> int:
    build().start_io()
    return 0
