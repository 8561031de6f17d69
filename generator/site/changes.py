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
        return [digest for digest, _, _ in results], {index: prepared_result for index, (_, _, prepared_result) in enumerate(results)}
    hashes = list(map(_fingerprint, work))
    todo = [index for index, rel in enumerate(rels) if known.get(rel, {}).get("hash") != hashes[index][0]]
    ctx.echo(f"validating {len(todo)} of {len(jobs)} package(s) ({len(jobs) - len(todo)} unchanged)")
    results = ctx.pmap(_validate, [jobs[index].path for index in todo])
    _refuse([error for _, error in results])
    ctx.cache.begin()
    ctx.echo(f"preparing {len(todo)} package(s): downloads, pages ({ctx.jobs} job(s))")
    prepared = ctx.pmap(_prepare, [(jobs[index], findings) for index, (findings, _) in zip(todo, results)])
    return hashes, dict(zip(todo, prepared))


def _refuse(errors: list[str]) -> None:
    if any(errors):
        raise Refused("\n".join(error for error in errors if error))


def packages(ctx, paths: list[Path], registry: dict) -> tuple[list, dict, set[str], set[str]]:
    """(summaries in path order, package state, changed pages, the departments and provinces
    whose packages changed)."""
    known = ctx.state.get("packages", {})
    rels = [path.relative_to(path.parents[1]).as_posix() for path in paths]
    departments = [registry.get(path.parent.name) for path in paths]
    work = [(path, astuple(department) if department else (), known.get(rel, {}).get("files", {})) for path, department, rel in zip(paths, departments, rels)]
    jobs = [Job(path, department.name if department else "", ctx.cache.root) for path, department in zip(paths, departments)]
    hashes, prepared = _changed(ctx, work, jobs, rels, known)
    removed = [entry for known_rel, entry in known.items() if known_rel not in set(rels)]
    dirty = set()
    for old in removed:
        _forget(ctx.cache, old["name"], old["dir"])
        dirty |= {old["department"], old["department"][:2]}
    cached = ctx.cache.load_summaries() if len(prepared) < len(paths) else {}
    summaries, state, changed = [], {}, {old["page"] for old in removed}
    owners: dict[str, Path] = {}
    for index, rel in enumerate(rels):
        summary, page_changed = prepared[index] if index in prepared else (cached[known[rel]["name"]], False)
        package = summary.package
        page = disclosure_path(package.department_id, package.slug)
        if page_changed:
            changed.add(page)
        if index in prepared:
            dirty |= {package.department_id, package.province_code}
        for key in (package.name, page):
            if owners.setdefault(key, paths[index]) != paths[index]:
                raise Refused(f"  {paths[index]} and {owners[key]} both hold the package {package.name} ({page}): keep one "
                              "(a copy left beside a package, e.g. by a backup, is a second package) and build again")
        summaries.append(summary)
        state[rel] = {"hash": hashes[index][0], "files": hashes[index][1], "name": package.name, "dir": package_dir(package), "page": page,
                      "department": package.department_id}
    return summaries, state, changed, dirty


def _forget(cache: BuildCache, name: str, folder: str) -> None:
    """Drop what the cache holds of a package that is gone."""
    for suffix in (".csv", ".sqlite"):
        (cache.pieces / f"{name}{suffix}").unlink(missing_ok=True)
    shutil.rmtree(cache.files / folder, ignore_errors=True)
