"""benchmarks/results/summary.md from results.json: the machine, every measurement, the targets."""
from __future__ import annotations

from pathlib import Path

KB = 1000


def _by_size(doc: dict) -> dict[int, dict]:
    return {s["disclosures"]: s for s in doc["sizes"]}


def _kb(n: int | None) -> str:
    return "—" if n is None else f"{n / KB:,.1f} KB"


def _mib(n: int) -> str:
    return f"{n / 2**20:,.0f} MiB" if n < 2**30 else f"{n / 2**30:,.2f} GiB"


def _rows(s: dict) -> list[tuple[str, str]]:
    full, base, render = s["full_build"], s["baseline_search"], s["baseline_render"]
    search, rebuilds = s["search"], s["one_change_rebuilds"]
    lh = s.get("lighthouse") or {}
    return [
        ("full build (clean)", f"{full['seconds']} s ({full['cpu_seconds']} CPU-s), peak {full['peak_rss_mib']} MiB; "
                               f"other work on the machine meanwhile: {full['other_cores']} cores"),
        ("rebuild, nothing changed", f"{s['noop_rebuild']['seconds']} s"),
        ("rebuilds, each after one more package changed",
         ", ".join(f"{r['seconds']} s" for r in rebuilds) + f" (other work ≤ {max(r['other_cores'] for r in rebuilds)} cores)"),
        ("baseline: plain mkdocs-material, default search plugin",
         f"{base['seconds']} s ({base['cpu_seconds']} CPU-s; other work {base['other_cores']} cores) → ratio {full['seconds'] / base['seconds']:.2f}"),
        ("baseline: plain mkdocs-material, no search",
         f"{render['seconds']} s ({render['cpu_seconds']} CPU-s; other work {render['other_cores']} cores) → ratio {full['seconds'] / render['seconds']:.2f}"),
        ("validation (all packages)", f"{s['validation']['seconds']} s with {s['validation']['jobs']} processes"),
        ("planted inconsistencies found", f"{s['validation']['planted_found']} of {s['validation']['planted']}; "
                                          f"{s['validation']['unplanted_differences']} other packages with unexpected findings"),
        ("output", f"{_mib(s['output']['bytes'])} in {s['output']['files']:,} files, {s['output']['html_pages']:,} HTML pages"),
        ("disclosure first view (gzip)", f"median {_kb(s['weight']['first_view_median'])}, max {_kb(s['weight']['first_view_max'])}"),
        ("next disclosure page (gzip)", f"median {_kb(s['weight']['next_page_median'])}, max {_kb(s['weight']['next_page_max'])}"),
        ("search, first query (empty cache)", f"{_kb(search[0]['bytes'])} in {search[0]['requests']} requests"),
        ("search, later queries", ", ".join(_kb(q["bytes"]) for q in search[1:])),
        *((f"search from an empty cache, each query ({scope})", _cold(queries)) for scope, queries in s["search_cold"].items()),
        *((("search indexes: disclosures per fiscal year", ", ".join(f"{y}: {c:,}" for y, c in s["search_years"].items())),)
          if "search_years" in s else ()),
        ("Lighthouse mobile (performance / accessibility)", f"{lh.get('performance')} / {lh.get('accessibility')}" if lh else "not run"),
    ]


def _cold(queries: list[dict]) -> str:
    return ", ".join(f"{q['query']} {_kb(q['bytes'])} ({q['results_shown']} shown)" for q in queries)


def _worst_search(s: dict) -> tuple[int, str]:
    """The most bytes a query from an empty cache fetched in the scope the search page opens with
    or in the largest year's (every query of the run, each measured from an empty cache)."""
    scopes = {k: v for k, v in s["search_cold"].items() if k != "all years"}
    return max((q["bytes"], scope) for scope, queries in scopes.items() for q in queries)


def _targets(doc: dict) -> list[tuple[str, str, bool | None]]:
    sizes = _by_size(doc)
    out = []
    if 1000 in sizes:
        s = sizes[1000]
        full = s["full_build"]["seconds"]
        slowest = max(r["seconds"] for r in s["one_change_rebuilds"])
        out += [
            ("1,000: full build ≤ 60 s", f"{full} s", full <= 60),
            ("1,000: ≤ 1.5× plain mkdocs-material (default search plugin)",
             f"{full / s['baseline_search']['seconds']:.2f}×", full <= 1.5 * s["baseline_search"]["seconds"]),
            ("1,000: ≤ 1.5× plain mkdocs-material (no search)",
             f"{full / s['baseline_render']['seconds']:.2f}×", full <= 1.5 * s["baseline_render"]["seconds"]),
            ("1,000: one changed package rebuilt ≤ 5 s (slowest of the rebuilds)", f"{slowest} s", slowest <= 5),
        ]
    if 1000 in sizes and 10000 in sizes:
        per = [sizes[n]["full_build"]["seconds"] / n * 1000 for n in (1000, 10000)]
        out.append(("10,000: build time grows no worse than linearly",
                    f"{per[0]:.1f} → {per[1]:.1f} ms per disclosure", per[1] <= per[0] * 1.05))
    for n, s in sorted(sizes.items()):
        out += [
            (f"{n:,}: disclosure first view ≤ 600 KB", _kb(s["weight"]["first_view_max"]), s["weight"]["first_view_max"] <= 600 * KB),
            (f"{n:,}: next page ≤ 80 KB", _kb(s["weight"]["next_page_max"]), s["weight"]["next_page_max"] <= 80 * KB),
        ]
    if 10000 in sizes:
        worst, scope = _worst_search(sizes[10000])
        out.append(("10,000: a search query ≤ 250 KB (worst of the queries, each from an empty cache, in the "
                    "latest year the search page opens with and in the largest year)", f"{_kb(worst)} ({scope})", worst <= 250 * KB))
    for n, s in sorted(sizes.items()):
        lh = s.get("lighthouse") or {}
        if "performance" in lh:
            out += [(f"{n:,}: Lighthouse mobile performance ≥ 90", f"{lh['performance'] * 100:.0f}", lh["performance"] >= 0.9),
                    (f"{n:,}: Lighthouse accessibility ≥ 95", f"{lh['accessibility'] * 100:.0f}", lh["accessibility"] >= 0.95)]
    return out


def write_summary(doc: dict, path: Path) -> None:
    m = doc["machine"]
    lines = [
        "# Benchmark results", "",
        f"Run {doc['started']} with `python -m benchmarks.run`, {doc['jobs']} build processes. Numbers from "
        "`results.json` beside this file.", "",
        "## Machine", "",
        f"- {m['nproc']} cores ({m['cpu']}), {m['memory_gib']} GiB memory, {m['system']}",
        f"- load average at start {', '.join(f'{x:.2f}' for x in m['load_average'])}"
        + (f"; at end {', '.join(f'{x:.2f}' for x in m['load_average_end'])}" if "load_average_end" in m else ""),
        f"- Python {m['python']}; " + ", ".join(f"{k} {v}" for k, v in m["packages"].items() if v),
        f"- {m['chromium']}; node {m['node']}; Lighthouse {m['lighthouse']}", "",
        "## Targets (issue 5)", "",
        "| target | measured | met |", "|---|---|---|",
        *(f"| {t} | {v} | {'yes' if ok else 'no'} |" for t, v, ok in _targets(doc)), "",
    ]
    for s in doc["sizes"]:
        lines += [f"## {s['disclosures']:,} disclosures", "", "| measurement | value |", "|---|---|",
                  *(f"| {k} | {v} |" for k, v in _rows(s)), "",
                  "Build stages (seconds since start): " + "; ".join(f"{t:g} {what}" for t, what in s["full_build"]["stages"]), "",
                  "Last rebuild's stages: " + "; ".join(f"{t:g} {what}" for t, what in s["one_change_rebuilds"][-1]["stages"]), ""]
    path.write_text("\n".join(lines), encoding="utf-8")
