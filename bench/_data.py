"""Scratch data for the benchmarks: many Parties' filled reports, made fast.

A few template reports per report kind are made the way focal points make them (start,
save sample answers, submit); every other report gets a copy of a template's answers and
table cells by bulk insert (same shape of data, a thousand times faster). Synthetic
Parties ("Q00", "Q01", ...) are added when more Parties are asked for than the seeded
list holds, spread over the regional groups.

Used by exports_memory.py, queue_isolation.py and public_pages.py (run from bench/, which
is on sys.path as the scripts' folder).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG_ADMIN = "host=127.0.0.1 port=5432 user=postgres dbname=postgres"


def app(url: str):
    """The app on the database at `url` (a scratch instance folder unless one is set)."""
    if "ORT_INSTANCE_PATH" not in os.environ:
        os.environ["ORT_INSTANCE_PATH"] = tempfile.mkdtemp(prefix="ort-bench-")
    from reporting import create_app

    return create_app(
        {"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "RATELIMIT_ENABLED": False}
    )


# The generator lives in the package (`flask ort synth` uses it too); imported late, so
# that `app()` sets the instance folder before anything of ORT is imported.


def parties(count: int) -> list:
    """`count` Parties: the seeded ones by ISO3 code, then synthetic ones."""
    from reporting.seed import synthetic

    return synthetic.parties(count)


def template(party, cycle, seed: int):
    """A report filled with sample answers and submitted through the workflow."""
    from reporting.seed import synthetic

    return synthetic.template(party, cycle, seed)


def copy_rows(template_id: int) -> list[dict]:
    from reporting.seed import synthetic

    return synthetic.copy_rows(template_id)


def alternate(index: int, party, cycle) -> str:
    """Every other copied report accepted, the others submitted (the older benchmarks)."""
    return "accepted" if index % 2 else "submitted"


def fill(chosen: list, cycles: list, **options) -> int:
    """`reporting.seed.synthetic.fill`: reports of the `chosen` Parties in `cycles`."""
    from reporting.seed import synthetic

    return synthetic.fill(chosen, cycles, **options)


def dispose() -> None:
    """Close the app's connections (call before leaving its app context)."""
    from reporting.extensions import db

    db.session.remove()
    db.engine.dispose()


# -- scratch databases ----------------------------------------------------------------------


def postgres_url(name: str) -> str | None:
    """A fresh, empty PostgreSQL database `name` on 127.0.0.1 (dropped first if it exists);
    None when no server answers."""
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    except Exception:  # noqa: BLE001  (no server: SQLite only)
        return None
    return f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"


def drop(url: str) -> None:
    """Remove a scratch database (a SQLite file, or a PostgreSQL database)."""
    if url.startswith("sqlite:///"):
        for suffix in ("", "-wal", "-shm"):
            Path(url[len("sqlite:///") :] + suffix).unlink(missing_ok=True)
        return
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')
