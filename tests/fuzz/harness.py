"""Run documents through newslint in a worker process with a time limit each.

The worker lints every document as the CLI does (lint.runner.Linter with the
built-in packs, the cross-article reading on for batches of documents) and
checks what comes back: no exception, and every finding points inside its file.
The parent waits for each answer no longer than the document's limit; a worker
that overruns is killed and started again, so a hang costs one limit, not the run.
A document that crashes or overruns can be saved as a
regression case (shrunk first, see `shrink`), named by the digest of its bytes,
for tests/test_fuzz.py to replay.
"""
from __future__ import annotations

import hashlib
import multiprocessing
import os
import time
import traceback
from typing import Iterable, NamedTuple

from .mutate import Document

BATCH = 8   # documents read together, so the cross-article stage meets hostile input too
TOGETHER = "read together"   # the job that reads the documents since the last one against each other


class Outcome(NamedTuple):
    name: str
    size: int
    seconds: float
    problem: str = ""    # "" when the document was linted and every finding checked out


class Report(NamedTuple):
    outcomes: list[Outcome]
    seconds: float
    failed: list[tuple[Outcome, list[Document]]]   # each problem with the documents that show it

    @property
    def problems(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.problem]

    def slowest_per_kb(self) -> tuple[float, str]:
        worst = max(self.outcomes, key=lambda o: o.seconds / max(o.size / 1024, 1.0))
        return worst.seconds / max(worst.size / 1024, 1.0), worst.name


def limit_for(size: int, per_100kb: float) -> float:
    """A document's time limit: `per_100kb` seconds for each 100 KB, never less than that."""
    return per_100kb * max(1.0, size / 100_000)


def check_result(name: str, data: bytes, result) -> str:
    """What is wrong with a FileResult, or ""; every finding must lie inside the decoded file."""
    from lint import reader

    if result.error:
        return "" if result.error.startswith(name) else f"error does not name the file: {result.error!r}"
    try:
        source, _ = reader.decode(data, name)
    except reader.InputError:
        return "linted a file the reader refuses"
    lines = source.split("\n")
    for f in result.findings:
        if not 1 <= f.line <= f.end_line <= len(lines):
            return f"{f.rule} at line {f.line}-{f.end_line} of {len(lines)}"
        if not 1 <= f.column <= len(lines[f.line - 1]) + 1:
            return f"{f.rule} at {f.line}:{f.column}, past the line's end ({len(lines[f.line - 1])})"
        if f.line == f.end_line and f.end_column < f.column:
            return f"{f.rule} ends before it starts ({f.line}:{f.column}-{f.end_column})"
        if "\n" in f.message or "\n" in f.excerpt:
            return f"{f.rule} message or excerpt spans lines"
    return ""


def _worker(conn) -> None:
    from lint.api import default_packs
    from lint.config import Settings
    from lint.runner import Linter, read_together

    linter = Linter(default_packs(), Settings(), corpus=True)
    # Warmed up before the first limit starts: loading packs and the kinds' modules is not the document's time.
    for warm in ("a.txt", "a.md", "a.html"):
        linter.lint_bytes(warm, "Critics say the plan will fail. Read more: x\n".encode())
    conn.send("ready")
    batch: list = []   # (name, data, result) since the last reading together
    while True:
        job = conn.recv()
        if job is None:
            return
        started = time.perf_counter()
        try:
            if job == TOGETHER:
                read_together(linter, [result for _, _, result in batch])
                problem = next(filter(None, (check_result(*entry) for entry in batch)), "")
                batch = []
            else:
                name, data = job
                result = linter.lint_bytes(name, data)
                problem = check_result(name, data, result)
                batch.append((name, data, result))
        except Exception:  # the point of the fuzzer: any exception is a finding of ours
            problem = "crash: " + traceback.format_exc(limit=-3).strip().replace("\n", " | ")
            batch = [] if job == TOGETHER else batch
        conn.send((time.perf_counter() - started, problem))


class _Worker:
    def __init__(self):
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker, args=(child,), daemon=True)
        self.process.start()
        if not self.conn.poll(120) or self.conn.recv() != "ready":
            raise RuntimeError("the fuzzing worker did not start")

    def ask(self, job, limit: float):
        """(seconds, problem) for the job, or None when it overran `limit`."""
        self.conn.send(job)
        if not self.conn.poll(limit):
            return None
        return self.conn.recv()

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                self.process.kill()
        self.process.join(5)


class _Run:
    """One fuzzing run: the worker, the outcomes so far, and where problems are saved."""

    def __init__(self, per_100kb: float):
        self.per_100kb = per_100kb
        self.worker = _Worker()
        self.outcomes: list[Outcome] = []
        self.failed: list[tuple[Outcome, list[Document]]] = []

    def job(self, job, docs: list[Document], name: str) -> None:
        size = sum(len(d.data) for d in docs)
        limit = limit_for(size, self.per_100kb)
        answer = self.worker.ask(job, limit)
        if answer is None:
            self.worker.stop(kill=True)
            self.worker = _Worker()
            answer = (limit, f"over the limit of {limit:.1f} s")
        outcome = Outcome(name, size, *answer)
        if outcome.problem:
            self.failed.append((outcome, docs))
        self.outcomes.append(outcome)


def shrink(doc: Document, per_100kb: float, budget: float = 60.0) -> Document:
    """A smaller document that still crashes or overruns: chunks of lines dropped while
    the problem stays (delta debugging by halves), for at most `budget` seconds. A saved
    case is then a few hostile lines, not a page of someone's article."""
    deadline = time.perf_counter() + budget
    state = _Run(per_100kb)
    lines = doc.data.split(b"\n")
    chunk = max(1, len(lines) // 2)
    try:
        while chunk >= 1 and time.perf_counter() < deadline:
            at, dropped = 0, False
            while at < len(lines) and time.perf_counter() < deadline:
                trial = lines[:at] + lines[at + chunk:]
                if trial and _fails(state, doc._replace(data=b"\n".join(trial))):
                    lines, dropped = trial, True
                else:
                    at += chunk
            if not dropped:
                chunk //= 2
    finally:
        state.worker.stop()
    return doc._replace(data=b"\n".join(lines))


def _fails(state: "_Run", doc: Document) -> bool:
    state.job((doc.name, doc.data), [doc], doc.name)
    return bool(state.outcomes[-1].problem)


def run(docs: Iterable[Document], per_100kb: float = 1.0) -> Report:
    """Lint every document, reading each BATCH of them together; a crash or an overrun
    is an Outcome with `problem`, kept in `failed` with its documents."""
    started = time.perf_counter()
    state = _Run(per_100kb)
    batch: list[Document] = []
    try:
        for doc in docs:
            state.job((doc.name, doc.data), [doc], doc.name)
            batch.append(doc)
            if len(batch) == BATCH:
                state.job(TOGETHER, batch, f"{batch[0].name} .. {batch[-1].name} read together")
                batch = []
    finally:
        state.worker.stop()
    return Report(state.outcomes, time.perf_counter() - started, state.failed)


def save(docs: list[Document], outcome: Outcome, folder: str) -> None:
    """One document as `case-<digest><ext>`; a batch read together as a folder of them."""
    digest = hashlib.sha256(b"".join(d.data for d in docs)).hexdigest()[:16]
    if len(docs) > 1:
        folder = os.path.join(folder, f"case-{digest}")
    os.makedirs(folder, exist_ok=True)
    for doc in docs:
        ext = os.path.splitext(doc.name)[1]
        name = f"case-{hashlib.sha256(doc.data).hexdigest()[:16]}{ext}"
        with open(os.path.join(folder, name), "wb") as handle:
            handle.write(doc.data)
    with open(os.path.join(folder, f"case-{digest}.why"), "w", encoding="utf-8") as handle:
        handle.write(outcome.problem + "\n")
