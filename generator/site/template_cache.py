"""Compiled templates kept between processes and builds: jinja2's bytecode cache in the user's
own folder under the system's temporary folder (jinja2 makes it private to the user and keys each
entry by the template's name and checks its source, so an edited template compiles again).

A build compiles its page templates in every worker process and mkdocs compiles the theme's in
every shard: ~0.3 s and ~0.4 s a process, which on a small site is a third of the build."""
from __future__ import annotations

import pickle

from jinja2 import BytecodeCache, FileSystemBytecodeCache


class _Kept(FileSystemBytecodeCache):
    """A cache that cannot fail a build: a full or read-only folder only means compiling again."""

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError, pickle.UnpicklingError):
            bucket.reset()

    def dump_bytecode(self, bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def bytecode_cache() -> BytecodeCache | None:
    """The shared cache, or None where no private temporary folder can be made."""
    try:
        return _Kept()
    except (OSError, RuntimeError):
        return None
