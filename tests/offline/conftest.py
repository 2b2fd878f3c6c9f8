"""Reports with answers of every kind, the helpers to open their workbooks, and a report of
the tiny format (every answer kind) to upload workbooks into."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from reporting.extensions import db as _db
from reporting.models import Report
from reporting.reports import workflow
from tests.exports.factories import filled_report, focal_point_of, party
from tests.web.helpers import login


def open_workbook(data: bytes):
    return load_workbook(io.BytesIO(data))


def question_rows(ws) -> dict[str, int]:
    """Row number by the key in column A (questions, tables' rows)."""
    return {
        ws.cell(row, 1).value: row
        for row in range(1, ws.max_row + 1)
        if isinstance(ws.cell(row, 1).value, str)
    }


def sheet_of(wb, page_key: str):
    return next(ws for ws in wb.worksheets if ws["A1"].value == page_key)


@pytest.fixture
def tiny_filled(request_ctx, tiny_cycle):
    """MEX's draft on the tiny format (every answer kind), with known answers."""
    p = party("MEX")
    report = filled_report(
        p,
        tiny_cycle,
        focal_point_of(p),
        seed=3,
        overrides={
            "art1.mining": {"value": "yes"},
            "art1.mining.tonnes": {"value": "1234.5"},
            "art1.colour": {"value": "red"},
            "art1.colours": {"value": ["red", "blue"]},
            "art1.count": {"value": "42", "comment": "Estimated"},
            "art1.plan": {"state": "not_available"},
            "about.start": {"value": "2097-03-05"},
            "art1.exports": {
                "value": [
                    {"country": "DEU", "quantity": "1.5", "consent": "no"},
                    {"country": "KEN", "quantity": "20", "consent": "yes"},
                ]
            },
        },
    )
    _db.session.commit()
    return report


@pytest.fixture
def tiny_report(request_ctx, tiny_cycle, party_a, focal_point) -> Report:
    report = workflow.start_report(party_a, tiny_cycle, focal_point, carry_over=False)
    _db.session.commit()
    return report


@pytest.fixture
def fp_client(client, focal_point):
    login(client, focal_point)
    return client
