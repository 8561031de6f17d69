"""Import every document waiting in the inbox folder, validate what it gave, and empty the inbox:
the step of .github/workflows/publish-inbox.yml, runnable anywhere (docs/publishing.md).

    python scripts/publish_inbox.py [--inbox inbox] [--out data/packages] [--registry data/departments.csv]
                                    [--summary FILE]

A document in the inbox (.pdf, .docx, .xlsx, .txt) is one disclosure; a folder in the inbox holding
several documents is one disclosure published as several files, read in name order. The publisher's
address of a document may stand beside it in `<name>.url` (for a folder: `source.url` inside it),
one line. Each disclosure is imported (department, year, kind and scope read from the document; a
new department is added to the registry), its package validated with GitHub annotations, and its
document removed from the inbox (the package keeps it, under source/). A document that cannot be
imported stays where it is and gets an error annotation. --summary writes a Markdown summary (the
pull request's description). Exit status: 0 when every disclosure was imported and is valid, 1 otherwise.
"""
from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from generator.errors import TransparencyError
from generator.ingest.importer import import_disclosure
from generator.validate.api import run_validate

DOCUMENTS = (".pdf", ".docx", ".xlsx", ".txt")
KEPT = {"README.md", ".gitkeep"}  # what the inbox holds for people, not for import


def disclosures(inbox: Path) -> list[tuple[list[Path], Path | None]]:
    """(the files of each disclosure in reading order, its address file or None), in name order."""
    found = []
    for entry in sorted(inbox.iterdir()):
        if entry.name in KEPT or entry.name.startswith("."):
            continue
        if entry.is_dir():
            files = sorted(p for p in entry.iterdir() if p.suffix.lower() in DOCUMENTS)
            if files:
                found.append((files, entry / "source.url" if (entry / "source.url").exists() else None))
        elif entry.suffix.lower() in DOCUMENTS:
            url = entry.with_suffix(".url")
            found.append(([entry], url if url.exists() else None))
    return found


def annotate(level: str, path: Path, message: str) -> str:
    """A GitHub workflow command: an annotation on a file (newlines and % escaped as GitHub asks)."""
    text = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::{level} file={path.as_posix()}::{text}"


def _address(url_file: Path | None) -> str | None:
    if url_file is None:
        return None
    lines = [line.strip() for line in url_file.read_text(encoding="utf-8").splitlines() if line.strip()]
    return lines[0] if lines and lines[0].startswith(("https://", "http://")) else None


def _remove(files: list[Path], url_file: Path | None, inbox: Path) -> None:
    for path in files + ([url_file] if url_file else []):
        path.unlink()
    folder = files[0].parent
    if folder != inbox and not any(folder.iterdir()):
        shutil.rmtree(folder)


def publish(inbox: Path, out: Path, registry: Path, echo=print) -> tuple[int, list[str]]:
    """Import and validate every disclosure of the inbox; (exit status, Markdown lines of the summary)."""
    status, summary = 0, []
    waiting = disclosures(inbox) if inbox.is_dir() else []
    if not waiting:
        echo(f"nothing to import in {inbox}")
        return 0, ["收件箱中没有待导入的文件。"]
    for files, url_file in waiting:
        names = " + ".join(p.name for p in files)
        address = _address(url_file)
        if url_file and not address:
            echo(annotate("warning", url_file, "the first line is not an http(s) address: not recorded"))
        try:
            result = import_disclosure(files if len(files) > 1 else files[0], out=out, registry=registry,
                                       source_url=address)
        except TransparencyError as exc:
            echo(annotate("error", files[0], f"cannot import {names}: {exc}"))
            summary.append(f"- ✗ `{names}`：未能导入：{exc}")
            status = 1
            continue
        for line in result.messages():
            echo(line)
        valid = run_validate([result.path], fmt="github", echo=echo) == 0
        status = status if valid else 1
        _remove(files, url_file, inbox)
        summary.append(f"- {'✓' if valid else '✗ 数据包有错误，'} `{names}` → `{result.path.as_posix()}`：{result.summary()}"
                       + (f"；原始地址 {address}" if address else ""))
    return status, summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inbox", type=Path, default=Path("inbox"))
    parser.add_argument("--out", type=Path, default=Path("data/packages"))
    parser.add_argument("--registry", type=Path, default=Path("data/departments.csv"))
    parser.add_argument("--summary", type=Path, help="write a Markdown summary here (the pull request's description)")
    args = parser.parse_args(argv)
    status, lines = publish(args.inbox, args.out, args.registry)
    if args.summary:
        args.summary.write_text("由收件箱（inbox/）中的文件导入：\n\n" + "\n".join(lines) + "\n\n"
                                "合并后，网站由 Pages 工作流重新生成并发布。\n", encoding="utf-8")
    return status


if __name__ == "__main__":
    sys.exit(main())
