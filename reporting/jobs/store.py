"""The job store: the files jobs make, under `ORT_JOB_DIR` (a volume every worker and web
host shares when ORT runs on several), written atomically and removed when they expire."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from flask import current_app


def job_dir() -> Path:
    return Path(current_app.config["ORT_JOB_DIR"])


def job_file(relative: str) -> Path:
    """The absolute path of a job's file (its row keeps the path relative to the store)."""
    return job_dir() / relative


@contextmanager
def atomic_file(relative: str) -> Iterator[BinaryIO]:
    """A binary file written beside `relative` and renamed onto it when the block ends
    without an error; on an error (or a killed process) the target is never half-written
    and the temporary file is removed (or left as `*.part-*`, which the sweep removes)."""
    target = job_file(relative)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f"{target.name}.part-{uuid.uuid4().hex[:8]}")
    try:
        with open(partial, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, target)
    finally:
        if partial.exists():
            partial.unlink()


def remove(relative: str | None) -> None:
    if relative:
        job_file(relative).unlink(missing_ok=True)
