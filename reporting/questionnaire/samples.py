"""Plausible answers generated from a format, for demo data, tests and benchmarks."""

from __future__ import annotations

import random

from .definition import Format


def sample_value(spec, rng: random.Random, year: int = 2024, fill_tables: int = 2):
    """A plausible value of a question or column (None for a file: no sample upload)."""
    return spec.kind.sample(spec, rng, year=year, rows=fill_tables)


def sample_answers(
    fmt: Format,
    kind: str | None = None,
    seed: int = 1,
    year: int = 2024,
    skip: set[str] | None = None,
) -> dict[str, dict]:
    """A complete, valid set of answers (every question of the report kind answered)."""
    rng = random.Random(seed)
    out = {}
    for q in fmt.iter_questions(kind):
        if skip and q.key in skip:
            continue
        value = sample_value(q, rng, year)
        if value is not None:
            out[q.key] = {"value": value}
    return out
