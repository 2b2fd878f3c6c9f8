"""Plausible answers generated from a format, for demo data, tests and benchmarks."""
from __future__ import annotations

import random

from .definition import Format

#: Text answers whose meaning the key's last part gives away, so demo data reads sensibly.
TEXT_BY_KEY_END = {
    "institution": "Ministry of Environment",
    "address": "Department of Chemicals and Waste, 1 Environment Street, Capital City",
    "telephone": "+41 22 917 00 00",
    "location": "Central hazardous waste storage facility",
    "description": "Decommissioned chlor-alkali plant",
    "purpose": "Environmentally sound interim storage",
    "category": "Wastewater from gold processing",
}


def sample_value(spec, rng: random.Random, year: int = 2024, fill_tables: int = 2):
    kind = spec.kind.name
    low = spec.min if spec.min is not None else 0
    high = spec.max if spec.max is not None else low + 500
    if kind in ("yes_no", "yes_no_na"):
        return rng.choice(["yes", "yes", "no"])
    if kind == "single_choice":
        return rng.choice(spec.choice_codes)
    if kind == "multiple_choice":
        count = max(getattr(spec, "min_choices", None) or 1, min(2, len(spec.choices)))
        return sorted(rng.sample(spec.choice_codes, count))
    if kind == "text":
        text = rng.choice(["Ministry of Environment", "National chemicals office", "See annex"])
        return TEXT_BY_KEY_END.get(spec.key.rpartition(".")[2], text)
    if kind == "long_text":
        text = rng.choice([
            "Measures were adopted by decree and are enforced by customs and inspectors.",
            "An inventory was completed with the Toolkit; results are published online.",
            "Implementation is under way with support from the Specific International Programme.",
        ])
        # The same draw either way, so that the answers after it do not change.
        return TEXT_BY_KEY_END.get(spec.key.rpartition(".")[2], text)
    if kind == "integer":
        return rng.randint(int(low), int(min(high, low + 50)))
    if kind == "decimal":
        return f"{rng.uniform(float(low), float(min(high, low + 40))):.2f}"
    if kind == "date":
        return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    if kind == "year":
        return year
    if kind == "country":
        return rng.choice(["DEU", "IND", "BRA", "CHN", "KEN", "FRA"])
    if kind == "email":
        return "focal.point@example.org"
    if kind == "url":
        return "https://www.example.org/mercury"
    if kind == "table":
        return [
            {c.key: sample_value(c, rng, year) for c in spec.columns}
            for _ in range(fill_tables)
        ]
    return None  # file: no sample upload


def sample_answers(fmt: Format, kind: str | None = None, seed: int = 1, year: int = 2024,
                   skip: set[str] | None = None) -> dict[str, dict]:
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
