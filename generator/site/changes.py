"""Which packages changed since the build the cache holds, and their validation and preparation.

Every package is hashed (fingerprint.py); with a previous build most files are known by their
stats, so this runs in the main process. The changed packages are validated in worker processes
— all of them before the cache changes, so that a refused package leaves the cache as it was —
then prepared (prepare.py). A build from nothing has no cache to keep intact: it hashes,
validates and prepares each package in one pass.
"""
from __future__ import annotations

import shutil
from dataclasses import astuple
from pathlib import Path

from generator.site.cache import BuildCache
from generator.site.downloads import package_dir
from generator.site.fingerprint import package_fingerprint
from generator.site.prepare import Job, disclosure_path, prepare, validate


class Refused(Exception):
    """Packages with validation errors; the message lists them."""


def _fingerprint(args):
    return package_fingerprint(*args)


def _validate(path: Path):
    findings, _, error = validate(path)  # (the package stays in the worker: sending it back costs more than a read)
    return findings, error


def _prepare(args):
    return prepare(*args)


def _all_at_once(args):
    """Hash, validate and prepare one package (a build from nothing has no cache to keep intact)."""
    fingerprint, job = args
    findings, package, error = validate(job.path)
    return package_fingerprint(*fingerprint), error, None if error else prepare(job, findings, package)


def _changed(ctx, work: list, jobs: list[Job], rels: list[str], known: dict) -> tuple[list, dict]:
    """(hashes, {index: (summary, page changed)}) of the packages to redo."""
    if not known:
        ctx.cache.begin()
        ctx.echo(f"validating and preparing {len(jobs)} package(s) ({ctx.jobs} job(s))")
        results = ctx.pmap(_all_at_once, list(zip(work, jobs)))
        _refuse([error for _, error, _ in results])
        return [h for h, _, _ in results], {i: r for i, (_, _, r) in enumerate(results)}
    hashes = list(map(_fingerprint, work))
    todo = [i for i, rel in enumerate(rels) if known.get(rel, {}).get("hash") != hashes[i][0]]
    ctx.echo(f"validating {len(todo)} of {len(jobs)} package(s) ({len(jobs) - len(todo)} unchanged)")
    results = ctx.pmap(_validate, [jobs[i].path for i in todo])
    _refuse([error for _, error in results])
    ctx.cache.begin()
    ctx.echo(f"preparing {len(todo)} package(s): downloads, pages ({ctx.jobs} job(s))")
    prepared = ctx.pmap(_prepare, [(jobs[i], findings) for i, (findings, _) in zip(todo, results)])
    return hashes, dict(zip(todo, prepared))


def _refuse(errors: list[str]) -> None:
    if any(errors):
        raise Refused("\n".join(e for e in errors if e))


def packages(ctx, paths: list[Path], registry: dict) -> tuple[list, dict, set[str], set[str]]:
    """(summaries in path order, package state, changed pages, the departments and provinces
    whose packages changed)."""
    known = ctx.state.get("packages", {})
    rels = [p.relative_to(p.parents[1]).as_posix() for p in paths]
    departments = [registry.get(p.parent.name) for p in paths]
    work = [(p, astuple(d) if d else (), known.get(rel, {}).get("files", {})) for p, d, rel in zip(paths, departments, rels)]
    jobs = [Job(p, d.name if d else "", ctx.cache.root) for p, d in zip(paths, departments)]
    hashes, prepared = _changed(ctx, work, jobs, rels, known)
    removed = [v for k, v in known.items() if k not in set(rels)]
    dirty = set()
    for old in removed:
        _forget(ctx.cache, old["name"], old["dir"])
        dirty |= {old["department"], old["department"][:2]}
    cached = ctx.cache.load_summaries() if len(prepared) < len(paths) else {}
    summaries, state, changed = [], {}, {old["page"] for old in removed}
    owners: dict[str, Path] = {}
    for i, rel in enumerate(rels):
        summary, page_changed = prepared[i] if i in prepared else (cached[known[rel]["name"]], False)
        p = summary.package
        page = disclosure_path(p.department_id, p.slug)
        if page_changed:
            changed.add(page)
        if i in prepared:
            dirty |= {p.department_id, p.province_code}
        for key in (p.name, page):
            if owners.setdefault(key, paths[i]) != paths[i]:
                raise Refused(f"  {paths[i]} and {owners[key]} both hold the package {p.name} ({page}): keep one "
                              "(a copy left beside a package, e.g. by a backup, is a second package) and build again")
        summaries.append(summary)
        state[rel] = {"hash": hashes[i][0], "files": hashes[i][1], "name": p.name, "dir": package_dir(p), "page": page,
                      "department": p.department_id}
    return summaries, state, changed, dirty


def _forget(cache: BuildCache, name: str, folder: str) -> None:
    """Drop what the cache holds of a package that is gone."""
    for suffix in (".csv", ".sqlite"):
        (cache.pieces / f"{name}{suffix}").unlink(missing_ok=True)
    shutil.rmtree(cache.files / folder, ignore_errors=True)
