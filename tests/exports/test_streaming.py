"""Exports stream: rows are read in chunks while bytes are written (see also bench/)."""

import pytest
from sqlalchemy import event

from reporting.exports import (
    ExportFilters,
    build_plan,
    export_stream,
    iter_long_rows,
    source,
    writers,
)
from reporting.extensions import db


@pytest.fixture
def statements(app):
    seen = []

    def record(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    yield seen
    event.remove(db.engine, "before_cursor_execute", record)


def _answer_queries(statements):
    return [s for s in statements if "FROM answer" in s and "answer_cell.row_index" in s]


def test_answers_are_read_one_batch_of_reports_at_a_time(reports, statements, monkeypatch):
    monkeypatch.setattr(source, "REPORT_BATCH", 1)
    plan = build_plan(ExportFilters())
    rows = iter_long_rows(plan)
    assert _answer_queries(statements) == []  # nothing is read before it is asked for
    first = next(rows)
    assert first["party_iso3"] == "CHN" and len(_answer_queries(statements)) == 1
    rest = list(rows)
    assert {r["party_iso3"] for r in rest} == {"CHN", "KEN", "MEX"}
    assert len(_answer_queries(statements)) == 3  # one per batch (here: per report)


def test_bytes_are_written_in_chunks_as_rows_arrive(reports, monkeypatch, statements):
    monkeypatch.setattr(writers, "CHUNK_SIZE", 1024)
    monkeypatch.setattr(source, "REPORT_BATCH", 1)
    export = export_stream("long", "csv", ExportFilters())
    first = next(export.chunks)
    assert 1024 <= len(first) < 1024 * 4
    assert len(_answer_queries(statements)) == 1  # the first chunk needed the first report only
    assert len(list(export.chunks)) > 10


def test_an_export_streams_as_a_flask_response(app, reports):
    """What a view does with `export_stream` (the example in reporting/exports/__init__.py)."""
    from flask import Response, stream_with_context

    with app.test_request_context("/"):
        export = export_stream("long", "csv", ExportFilters(parties=["MEX"]))
        response = Response(
            stream_with_context(export.chunks),
            mimetype=export.media_type,
            headers={"Content-Disposition": f"attachment; filename={export.filename}"},
        )
        assert response.is_streamed and response.mimetype == "text/csv"
    body = b"".join(response.response)
    assert body.startswith(b"party_iso3,") and b"\r\nMEX,Mexico," in body
