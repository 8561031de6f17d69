"""Command line: argument parsing only; all behaviour lives in the library."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

KINDS = ("final", "budget", "evaluation")


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def _year(text: str) -> int:
    from generator.validate.package_files import FIRST_YEAR, last_year

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a year such as 2024") from None
    if not FIRST_YEAR <= value <= last_year():
        raise argparse.ArgumentTypeError(f"{value} is not a fiscal year between {FIRST_YEAR} and {last_year()}")
    return value


def _url(text: str) -> str:
    if not text.startswith(("https://", "http://")) or any(char.isspace() for char in text):
        raise argparse.ArgumentTypeError(f"{text!r} is not a web address such as https://example.gov.cn/x.pdf")
    return text


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="transparency",
        description="Turn budget disclosures (部门预算/决算) into validated data packages and a static site.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    imp = sub.add_parser(
        "import",
        help="import a source document into a data package",
        description="Import a published disclosure (.pdf, .docx, .xlsx or a plain-text export) into "
        "<out>/<department-id>/<year>-<kind>/ (…-unit/ for a budget unit's own disclosure). Department, "
        "year, kind and scope are read from the document unless given; what was inferred is printed. "
        "A disclosure published as several files (narrative and tables) is imported in one go.",
    )
    imp.add_argument("source", type=Path, nargs="+",
                     help="the document as published (.pdf, .docx, .xlsx, .txt); several files of one disclosure "
                     "in reading order")
    imp.add_argument("--out", type=Path, default=Path("data/packages"), help="packages folder (default: data/packages)")
    imp.add_argument("--department", help="department id from data/departments.csv, e.g. 530400-zuzhibu")
    imp.add_argument("--year", type=_year, help="fiscal year the disclosure reports on (1990 to this year + 2)")
    imp.add_argument("--kind", choices=KINDS, help="final (决算), budget (预算) or evaluation (绩效自评)")
    imp.add_argument("--scope", choices=("department", "unit"),
                     help="department (部门, consolidated) or unit (单位, one budget unit's own disclosure)")
    imp.add_argument("--registry", type=Path, default=Path("data/departments.csv"), help="department registry CSV")
    imp.add_argument("--replace", action="store_true",
                     help="replace the package even when the new one has fewer tables, facts or narrative sections "
                     "(without it such an import stops and says what would be lost)")
    imp.add_argument("--source-url", type=_url, help="the address the publisher put the document at (recorded "
                     "in the package, shown on the site and in the downloads)")

    val = sub.add_parser(
        "validate",
        help="check packages: errors (broken package) and findings (the document contradicts itself)",
        description="Validate every package under the given paths. Exit 0 when no package has errors "
        "(findings never fail), 1 when any has errors, 2 on wrong usage.",
    )
    val.add_argument("paths", nargs="*", type=Path, default=[Path("data/packages")], help="package folders or folders holding packages")
    val.add_argument("--format", choices=("text", "json", "github"), default="text", help="text for people, json for machines, github for Actions annotations")

    bld = sub.add_parser("build", help="render all packages into the static site",
                         description="Build the static site from every package under --data. Builds are incremental: "
                         "a cache beside --out (.<out>-build-cache/) lets the next build redo only the packages that "
                         "changed and the pages that list them; a change to the code or templates rebuilds all.")
    bld.add_argument("--data", type=Path, default=Path("data"), help="data folder holding packages/ and departments.csv")
    bld.add_argument("--out", type=Path, default=Path("site"), help="output folder (updated only when the build succeeds)")
    bld.add_argument("--jobs", type=_positive, default=None, help="worker processes (default: all cores)")
    bld.add_argument("--clean", action="store_true", help="ignore the build cache and build everything")

    srv = sub.add_parser("serve", help="build, then serve the site on localhost for a preview",
                         description="Build the site as `build` does, then serve --out on http://127.0.0.1:PORT "
                         "until interrupted (Ctrl-C).")
    srv.add_argument("--data", type=Path, default=Path("data"), help="data folder holding packages/ and departments.csv")
    srv.add_argument("--out", type=Path, default=Path("site"), help="output folder, built and then served")
    srv.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default: 8000)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "import":
            from generator.ingest.importer import import_document

            return import_document(
                args.source, out=args.out, department=args.department, year=args.year,
                kind=args.kind, registry=args.registry, echo=print, scope=args.scope, replace=args.replace,
                source_url=args.source_url,
            )
        if args.command == "validate":
            from generator.validate.api import run_validate

            return run_validate(args.paths, fmt=args.format, echo=print)
        if args.command == "build":
            from generator.site.build import run_build

            return run_build(args.data, args.out, echo=print, jobs=args.jobs, clean=args.clean)
        if args.command == "serve":
            from generator.site.build import run_serve

            return run_serve(args.data, args.out, port=args.port, echo=print)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader of our output went away (`| head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
