"""Command line: argument parsing only; all behaviour lives in the library."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

KINDS = ("final", "budget", "evaluation")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="transparency",
        description="Turn budget disclosures (部门预算/决算) into validated data packages and a static site.",
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    imp = sub.add_parser(
        "import",
        help="import a source document into a data package",
        description="Import a published disclosure (plain text export) into "
        "<out>/<department-id>/<year>-<kind>/. Department, year and kind are read from "
        "the document unless given; what was inferred is printed.",
    )
    imp.add_argument("source", type=Path, help="the document as published (.txt)")
    imp.add_argument("--out", type=Path, default=Path("data/packages"), help="packages folder (default: data/packages)")
    imp.add_argument("--department", help="department id from data/departments.csv, e.g. 530400-zuzhibu")
    imp.add_argument("--year", type=int, help="fiscal year the disclosure reports on")
    imp.add_argument("--kind", choices=KINDS, help="final (决算), budget (预算) or evaluation (绩效自评)")
    imp.add_argument("--registry", type=Path, default=Path("data/departments.csv"), help="department registry CSV")

    val = sub.add_parser(
        "validate",
        help="check packages: errors (broken package) and findings (the document contradicts itself)",
        description="Validate every package under the given paths. Exit 0 when no package has errors "
        "(findings never fail), 1 when any has errors, 2 on wrong usage.",
    )
    val.add_argument("paths", nargs="*", type=Path, default=[Path("data/packages")], help="package folders or folders holding packages")
    val.add_argument("--format", choices=("text", "json", "github"), default="text", help="text for people, json for machines, github for Actions annotations")

    bld = sub.add_parser("build", help="render all packages into the static site", description="Build the static site from every package under --data.")
    bld.add_argument("--data", type=Path, default=Path("data"), help="data folder holding packages/ and departments.csv")
    bld.add_argument("--out", type=Path, default=Path("site"), help="output folder (replaced only when the build succeeds)")

    srv = sub.add_parser("serve", help="build, then serve the site on localhost for a preview")
    srv.add_argument("--data", type=Path, default=Path("data"))
    srv.add_argument("--out", type=Path, default=Path("site"))
    srv.add_argument("--port", type=int, default=8000)
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "import":
            from generator.ingest.importer import import_document

            return import_document(
                args.source, out=args.out, department=args.department, year=args.year,
                kind=args.kind, registry=args.registry, echo=print,
            )
        if args.command == "validate":
            from generator.validate.api import run_validate

            return run_validate(args.paths, fmt=args.format, echo=print)
        if args.command == "build":
            from generator.site.build import run_build

            return run_build(args.data, args.out, echo=print)
        if args.command == "serve":
            from generator.site.build import run_serve

            return run_serve(args.data, args.out, port=args.port, echo=print)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
