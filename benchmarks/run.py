"""The benchmark: `python -m benchmarks.run --sizes 100 1000 10000` (see benchmarks/README.md).

For each size N: N synthetic disclosures (synth.py), their validation and audit, a clean build,
a rebuild with nothing changed, three rebuilds each after one more package changed, output size,
page weight, search bytes (chromium; the site as the rebuilds left it, its search overlay
included), Lighthouse, and plain mkdocs-material building the same pages as the baseline. Results go to
benchmarks/results/results.json and summary.md (written again after every size).
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import shutil
import statistics
import sys
import time
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

from benchmarks import browser, synth
from benchmarks.audit import audit
from benchmarks.baseline import write_baseline
from benchmarks.machine import describe
from benchmarks.measure import run, tree_size
from benchmarks.summary import write_summary
from benchmarks.weight import disclosure_pages, first_view, next_page
from generator.site.search import split

RESULTS = Path(__file__).with_name("results")
QUERIES = ["公务接待", "人才工作经费", "一般公共服务", "政府采购"]
WEIGHT_SAMPLE = 300  # disclosure pages whose weight is measured (spread over the site)
CHANGES = 3  # one-package rebuilds measured, each after another package changed


def _build(data: Path, out: Path, jobs: int, *extra: str) -> dict:
    r = run([sys.executable, "-m", "generator", "build", "--data", str(data), "--out", str(out),
             "--jobs", str(jobs), *extra])
    if r.status != 0:
        raise RuntimeError(f"build failed:\n{r.output[-4000:]}")
    stages = [(float(m.group(1)), m.group(2)) for m in re.finditer(r"^\s*([\d.]+) s  (.+)$", r.output, re.M)]
    return {"seconds": round(r.seconds, 2), "cpu_seconds": round(r.cpu_seconds, 1), "other_cores": round(r.other_cores, 2),
            "peak_rss_mib": round(r.peak_rss / 2**20), "stages": stages}


def _change_one(packages: Path, n: int, k: int = 0) -> str:
    """Append a sentence to the narrative of the k-th package of those spread over the middle; its name."""
    path = sorted(packages.glob("*/*/sections.csv"))[(n // 2 + k * (n // 7)) % n]
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    rows[-1]["text"] += "（基准测试：修改了一句话。）"
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path.parent.relative_to(packages).as_posix()


def _weights(site: Path) -> dict:
    pages = disclosure_pages(site)
    step = max(1, len(pages) // WEIGHT_SAMPLE)
    sample = pages[::step]
    first = {p: first_view(site, p) for p in sample}
    nxt = [next_page(site, a, b) for a, b in zip(sample, sample[1:])] or [0]
    return {"pages_measured": len(sample), "first_view_median": int(statistics.median(first.values())),
            "first_view_max": max(first.values()), "heaviest_page": max(first, key=first.get),
            "next_page_median": int(statistics.median(nxt)), "next_page_max": max(nxt)}


def _baseline(cache_config: Path, packages: Path, work: Path, search: bool) -> dict:
    config = write_baseline(cache_config, packages, work, search)
    r = run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", str(config)],
            env={"NO_MKDOCS_2_WARNING": "1"})
    if r.status != 0:
        raise RuntimeError(f"baseline failed:\n{r.output[-4000:]}")
    size, files = tree_size(work / "site")
    return {"seconds": round(r.seconds, 2), "cpu_seconds": round(r.cpu_seconds, 1), "other_cores": round(r.other_cores, 2),
            "peak_rss_mib": round(r.peak_rss / 2**20), "bytes": size, "files": files}


def bench(n: int, work: Path, jobs: int, lighthouse: bool, echo) -> dict:
    shutil.rmtree(work, ignore_errors=True)
    data, out = work / "data", work / "site"
    result: dict = {"disclosures": n}
    started = time.monotonic()
    plans = synth.generate(n, data, jobs)
    result["generate_seconds"] = round(time.monotonic() - started, 2)
    echo(f"N={n}: generated in {result['generate_seconds']} s; validating")
    started = time.monotonic()
    checked = audit(plans, data / "packages", jobs)
    result["validation"] = {"seconds": round(time.monotonic() - started, 2), "jobs": jobs, "summary": checked.summary(),
                            "packages": checked.packages, "errors": checked.errors, "findings": checked.findings,
                            "planted": checked.planted, "planted_found": checked.planted_found,
                            "unplanted_differences": len(checked.unexpected)}
    echo(f"N={n}: {checked.summary()}; full build")
    result["full_build"] = _build(data, out, jobs, "--clean")
    result["noop_rebuild"] = _build(data, out, jobs)
    result["changed_packages"], result["one_change_rebuilds"] = [], []
    for k in range(CHANGES):  # one package after another, each followed by a rebuild
        result["changed_packages"].append(_change_one(data / "packages", n, k))
        result["one_change_rebuilds"].append(_build(data, out, jobs))
    size, files = tree_size(out)
    result["output"] = {"bytes": size, "files": files, "html_pages": sum(1 for _ in out.rglob("*.html"))}
    result["weight"] = _weights(out)
    echo(f"N={n}: built in {result['full_build']['seconds']} s; search and Lighthouse")
    result["search"] = browser.search_bytes(out, QUERIES)
    result["search_cold"] = {"default": browser.search_bytes(out, QUERIES, fresh=True)}
    if split(n):  # one index per year: the default scope is the latest year; measure the largest and all too
        years = Counter(p.year for p in plans)
        result["search_years"] = {str(y): c for y, c in sorted(years.items())}
        largest = str(max(years, key=lambda y: (years[y], y)))
        result["search_cold"][f"year {largest}"] = browser.search_bytes(out, QUERIES, year=largest, fresh=True)
        result["search_cold"]["all years"] = browser.search_bytes(out, QUERIES, year="all", fresh=True)
    if lighthouse:
        result["lighthouse"] = browser.lighthouse(out, result["weight"]["heaviest_page"], work / "lighthouse.json")
    cache_config = out.parent / f".{out.name}-build-cache" / "mkdocs.yml"
    echo(f"N={n}: baseline (plain mkdocs-material)")
    result["baseline_search"] = _baseline(cache_config, data / "packages", work / "baseline-search", True)
    result["baseline_render"] = _baseline(cache_config, data / "packages", work / "baseline-render", False)
    return result


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000], help="numbers of disclosures")
    p.add_argument("--jobs", type=int, default=os.cpu_count(), help="build and validation processes (default: all cores)")
    p.add_argument("--work", type=Path, default=Path("/tmp/transparency-benchmark"), help="scratch folder (large)")
    p.add_argument("--results", type=Path, default=RESULTS, help="where results.json and summary.md go")
    p.add_argument("--no-lighthouse", action="store_true", help="skip the Lighthouse run")
    p.add_argument("--keep", action="store_true", help="keep the scratch folder of every size")
    args = p.parse_args(argv)
    args.results.mkdir(parents=True, exist_ok=True)
    doc = {"started": datetime.now(timezone.utc).isoformat(timespec="seconds"), "jobs": args.jobs,
           "machine": describe(browser.chromium(), browser.LIGHTHOUSE), "sizes": []}
    for n in args.sizes:
        work = args.work / f"n{n}"
        doc["sizes"].append(bench(n, work, args.jobs, not args.no_lighthouse, lambda m: print(m, flush=True)))
        doc["machine"]["load_average_end"] = os.getloadavg()
        (args.results / "results.json").write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        write_summary(doc, args.results / "summary.md")
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print((args.results / "summary.md").read_text(encoding="utf-8"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
