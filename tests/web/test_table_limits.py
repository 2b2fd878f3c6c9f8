"""Limits in the format: rows per table and characters per text, enforced on save, and a
page that stops offering rows at the limit."""

import time

import pytest
import yaml

from reporting.questionnaire.format_schema import build_format
from tests.conftest import FIXTURES

from .helpers import form_fields, reload

TABLE = "art1.exports"


@pytest.fixture
def tiny_format():
    """The tiny format, its exports table limited to 3 rows (overrides the shared fixture,
    so that `tiny_cycle` and `tiny_report` use it)."""
    raw = yaml.safe_load((FIXTURES / "tiny.yaml").read_text(encoding="utf-8"))
    question = next(
        q
        for part in raw["parts"]
        for s in part["sections"]
        for q in s["questions"]
        if q["key"] == TABLE
    )
    question["max_rows"] = 3
    return build_format(raw, path=str(FIXTURES / "tiny.yaml"))


def _rows(count: int) -> dict:
    fields = {}
    for index in range(count):
        fields[f"q.{TABLE}-value-{index}-c_country"] = "DEU"
        fields[f"q.{TABLE}-value-{index}-c_quantity"] = str(index + 1)
    return fields


def _post(client, report, data, button="save", value=""):
    fields = form_fields(client.get(f"/reports/{report.id}/pages/art1").text)
    fields.update(data)
    fields[button] = value
    return client.post(f"/reports/{report.id}/pages/art1", data=fields)


def _stored_rows(report):
    from reporting.reports.answers import load_answers
    from reporting.reports.workflow import report_format

    report = reload(report)
    return (load_answers(report, report_format(report)).get(TABLE) or {}).get("value")


def test_the_add_row_button_stops_at_the_table_limit(fp_client, tiny_report):
    _post(fp_client, tiny_report, _rows(2), button="add_row", value=TABLE)
    page = fp_client.get(f"/reports/{tiny_report.id}/pages/art1?add={TABLE}").text
    assert f'name="q.{TABLE}-value-2-c_quantity"' in page
    assert f'name="add_row" value="{TABLE}"' not in page  # the third row is the last
    assert "This table takes at most 3 rows." in page
    _post(fp_client, tiny_report, _rows(3), button="add_row", value=TABLE)
    page = fp_client.get(f"/reports/{tiny_report.id}/pages/art1?add={TABLE}").text
    assert f'name="q.{TABLE}-value-3-c_quantity"' not in page  # no fourth row offered
    assert len(_stored_rows(tiny_report)) == 3


def test_a_table_posted_with_more_rows_than_the_limit_is_refused_quickly(fp_client, tiny_report):
    _post(fp_client, tiny_report, _rows(1))
    started = time.perf_counter()
    response = _post(fp_client, tiny_report, {**_rows(5000), "q.art1.count-value": "4"})
    assert time.perf_counter() - started < 10
    assert response.status_code == 400
    assert "Exports: a table can have at most 3 rows. Nothing was saved." in response.text
    assert len(_stored_rows(tiny_report)) == 1  # nothing saved, the answer as it was


def test_too_many_rows_from_elsewhere_are_kept_but_reported(
    request_ctx, tiny_report, tiny_format, focal_point
):
    """A draft keeps what it was given (e.g. a table stored before its limit) and says
    what is wrong; the page still lets such a table shrink."""
    from reporting.reports.answers import save_answers

    rows = [{"country": "DEU", "quantity": str(n)} for n in range(1, 6)]
    issues = save_answers(tiny_report, tiny_format, {TABLE: {"value": rows}}, focal_point)
    assert [i.message for i in issues] == ["A table can have at most 3 rows."]
    assert len(_stored_rows(tiny_report)) == 5


def test_a_table_beyond_its_limit_can_shrink(fp_client, tiny_report, tiny_format, focal_point):
    from reporting.extensions import db
    from reporting.reports.answers import save_answers

    rows = [{"country": "DEU", "quantity": str(n)} for n in range(1, 6)]
    save_answers(tiny_report, tiny_format, {TABLE: {"value": rows}}, focal_point)
    db.session.commit()
    response = _post(fp_client, tiny_report, {}, button="remove_row", value=f"{TABLE}:0")
    assert response.status_code == 302
    assert len(_stored_rows(tiny_report)) == 4


def test_a_text_longer_than_its_limit_is_kept_but_reported(fp_client, tiny_report):
    response = _post(fp_client, tiny_report, {"q.art1.long-value": "x" * 20001})
    assert response.status_code == 302
    page = fp_client.get(response.location).text
    assert "Use at most 20000 characters." in page
