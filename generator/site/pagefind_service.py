"""Pagefind's indexer driven through its service protocol, pages given in sorted order.

The `pagefind` command finds the pages by walking a folder, in the order the file system lists
it, and its index depends on that order: two builds of the same pages on two file systems made
different search bundles. Its service mode (`pagefind --service`, the protocol of Pagefind's own
Node and Python APIs) takes the pages one message at a time, so the index depends only on the
pages and the order given here. Pagefind's Python wrapper polls for each answer every 0.1 s
(110 ms a page); this client streams the pages and reads the answers as they come, as fast as the
command (400 pages: 7.7 s against 8.8 s). The bundle comes back in one message (GetFiles) and is
written here, so every file is complete when the call returns.

Protocol: each message is base64 of a JSON object, followed by a comma, both ways; a request is
`{"message_id", "payload": {"type": …}}` and its answer carries the same message_id.
"""
from __future__ import annotations

import base64
import json
import subprocess
import tempfile
import threading
from pathlib import Path

from generator.site.lifeline import command
from generator.site.pagefind_bundle import settle


class PagefindError(RuntimeError):
    """Pagefind failed or is missing; the message says which."""


class _Service:
    def __init__(self, cwd: Path):
        from pagefind.service import get_executable

        binary = get_executable()
        if binary is None:
            raise PagefindError("Pagefind's program is not installed: pip install 'pagefind[extended]'")
        self.errors = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(command([str(binary), "--service"]), stdin=subprocess.PIPE,  # (Pagefind
                                     stdout=subprocess.PIPE, stderr=self.errors, cwd=cwd)  # panics without a cwd)
        self.rest = b""
        self.answers: dict[int, dict] = {}

    def send(self, message_id: int, payload: dict) -> None:
        self.proc.stdin.write(base64.b64encode(json.dumps({"message_id": message_id, "payload": payload})
                                               .encode("utf-8")) + b",")

    def answer(self, message_id: int) -> dict:
        """The answer to a request, reading (and keeping) the answers that come before it."""
        while message_id not in self.answers:
            chunks, tail = [self.rest], self.rest
            while b"," not in tail:
                tail = self.proc.stdout.read1(1 << 20)
                if not tail:
                    self.errors.seek(0)
                    raise PagefindError("Pagefind stopped: " + self.errors.read().decode("utf-8", "replace").strip())
                chunks.append(tail)
            data = b"".join(chunks)
            message, _, self.rest = data.partition(b",")
            reply = json.loads(base64.b64decode(message))
            payload = reply.get("payload") or {}
            if payload.get("type") == "Error":
                raise PagefindError(f"Pagefind: {payload.get('message')}")
            self.answers[reply.get("message_id")] = payload
        return self.answers.pop(message_id)

    def close(self) -> None:
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.errors.close()


def index_pages(site: Path, pages: list[str], out: Path, exclude: list[str], skip=lambda name: False,
                records: list[dict] = (), contents=lambda page, text: text) -> None:
    """Write into `out` Pagefind's bundle of `pages` (paths inside `site`, indexed in sorted order,
    each page's HTML as `contents` makes it of the file's) and `records` (Pagefind's custom
    records: url, content, language, meta, filters; after the pages, in the order given), but for
    the files `skip` names."""
    service = _Service(site)
    try:
        service.send(1, {"type": "NewIndex", "config": {"exclude_selectors": exclude}})
        service.proc.stdin.flush()
        index = service.answer(1)["index_id"]
        ordered = sorted(pages)
        failed: list[BaseException] = []

        def feed() -> None:  # in a thread: the answers are read meanwhile, so no pipe fills up
            try:
                for position, page in enumerate(ordered):
                    service.send(100 + position, {"type": "AddFile", "index_id": index, "file_path": page, "url": None,
                                                  "file_contents": contents(page, (site / page).read_text(encoding="utf-8"))})
                for position, record in enumerate(records):
                    service.send(100 + len(ordered) + position, {"type": "AddRecord", "index_id": index, **record})
                service.proc.stdin.flush()
            except (OSError, ValueError) as exc:
                failed.append(exc)
                service.proc.stdin.close()  # the service ends, and the reader with it

        feeder = threading.Thread(target=feed, daemon=True)
        feeder.start()
        try:
            for position, page in enumerate(ordered + [page_record["url"] for page_record in records]):
                if service.answer(100 + position).get("type") != "IndexedFile":
                    raise PagefindError(f"Pagefind could not index {page}")
        except PagefindError:
            if failed:
                raise PagefindError(f"Pagefind could not be given the pages: {failed[0]}") from None
            raise
        feeder.join()
        service.send(2, {"type": "GetFiles", "index_id": index})
        service.proc.stdin.flush()
        files = service.answer(2).get("files") or []
    finally:
        service.close()
    for file in files:
        if skip(file["path"]):
            continue
        target = out / file["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(base64.b64decode(file["content"]))
    settle(out)  # the filter files in a stable order (Pagefind writes them in a hash map's)
