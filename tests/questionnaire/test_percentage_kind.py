"""A percentage is one class in `kinds/`, and every layer takes it: the form, validation,
the PDF in every script, exports, the codebook, the API and the charts.

The tiny test format asks it as `art2.share` (a page of its own).
"""

import re
from decimal import Decimal

import pytest
from flask_babel import force_locale

from reporting.analysis import numeric_summary
from reporting.charts import figures
from reporting.exports import (
    ExportFilters,
    build_plan,
    iter_codebook_rows,
    iter_long_rows,
    iter_wide_rows,
    wide_fields,
)
from reporting.pdf.report import latest_version, render_report
from reporting.questionnaire.report_schema import report_schema
from reporting.reports import workflow
from reporting.reports.answers import load_answers, save_answers
from tests.api.conftest import bearer, partner, partner_token  # noqa: F401  (fixtures)
from tests.exports.factories import make_report
from tests.pdf.helpers import contains, poppler_text, text_of
from tests.web.conftest import fp_client, tiny_report  # noqa: F401  (fixtures)
from tests.web.helpers import form_fields, reload

KEY = "art2.share"
CYCLE = "2099-tiny"
#: Answers that make the tiny format's sample answers submittable (its rule, its limit).
VALID = {
    "about.start": {"value": "2097-01-01"},
    "about.end": {"value": "2098-12-31"},
    "art1.note": {"value": "ok"},
}


def _load(fmt, value, mode="draft"):
    return report_schema(fmt, None, mode)().load({KEY: {"value": value}})[KEY]["value"]


def _messages(fmt, value, mode="draft"):
    from marshmallow import ValidationError

    with pytest.raises(ValidationError) as info:
        _load(fmt, value, mode)
    return info.value.messages[KEY]["value"]


# -- the kind ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "lang, shown",
    [
        ("en", "12.5%"),
        ("fr", "12,5\u00a0%"),
        ("es", "12,5\u00a0%"),
        ("ru", "12,5\u00a0%"),
        ("zh", "12.5%"),
        ("ar", "12.5%"),
    ],
)
def test_a_percentage_is_written_with_the_locales_percent_sign(app, tiny_format, lang, shown):
    q = tiny_format.question(KEY)
    with app.test_request_context(), force_locale(lang):
        assert q.kind.localized(q, Decimal("12.5")) == shown
        assert q.kind.localized(q, Decimal("100")).startswith("100")


def test_a_percentage_takes_0_to_100_with_two_decimals(request_ctx, tiny_format):
    assert _load(tiny_format, "0") == Decimal("0")
    assert _load(tiny_format, "100") == Decimal("100")
    assert _load(tiny_format, "12.25") == Decimal("12.25")
    assert "Enter a percentage from 0 to 100." in _messages(tiny_format, "101")
    assert "Enter a percentage from 0 to 100." in _messages(tiny_format, "-1")
    assert "Use at most 2 digits after the decimal point." in _messages(tiny_format, "12.345")
    assert "Enter a percentage, e.g. 12.5." in _messages(tiny_format, "abc")


def test_a_percentage_is_a_quantity_but_no_sum(tiny_format):
    kind = tiny_format.question(KEY).kind
    assert kind.quantity and not kind.summable and not kind.has_unit
    assert (kind.export_type, kind.export_column, kind.text_direction) == (
        "number",
        "value_number",
        "ltr",
    )


@pytest.mark.parametrize(
    "lang, typed",
    [("fr", "12,5"), ("fr", "12,5 %"), ("en", "12.5%"), ("ru", "12,5"), ("ar", "١٢٫٥")],
)
def test_a_percentage_typed_in_the_users_locale_is_read(app, tiny_format, lang, typed):
    q = tiny_format.question(KEY)
    with app.test_request_context(f"/?lang={lang}"):
        assert Decimal(q.kind.form_value(q, typed)) == Decimal("12.5")


# -- the form and the submission --------------------------------------------------------------


def _post(client, report, data, button="save"):
    page = client.get(f"/reports/{report.id}/pages/art2").text
    fields = {**form_fields(page), **data, button: ""}
    return client.post(f"/reports/{report.id}/pages/art2", data=fields)


def test_the_form_field_is_a_decimal_input_that_keeps_bad_input(fp_client, tiny_report):
    page = fp_client.get(f"/reports/{tiny_report.id}/pages/art2").text
    field = re.search(r'<input[^>]*id="q\.art2\.share-value"[^>]*>', page).group(0)
    assert 'inputmode="decimal"' in field and 'dir="ltr"' in field
    response = _post(fp_client, tiny_report, {"q.art2.share-value": "abc"})
    assert response.status_code == 302  # a draft keeps it, as typed
    page = fp_client.get(response.location).text
    assert 'value="abc"' in page and "Enter a percentage, e.g. 12.5." in page


def test_a_french_user_saves_12_5_percent(fp_client, tiny_report):
    fp_client.get(f"/reports/{tiny_report.id}/pages/art2?lang=fr")
    response = _post(fp_client, tiny_report, {"q.art2.share-value": "12,5"})
    assert response.status_code == 302
    report = reload(tiny_report)
    answer = load_answers(report, workflow.report_format(report))[KEY]
    assert answer["value"] == Decimal("12.5") and not answer.get("invalid")


@pytest.mark.parametrize("typed", ["101", "-1"])
def test_submission_refuses_a_percentage_beyond_0_to_100(
    request_ctx, tiny_report, tiny_format, focal_point, typed
):
    save_answers(tiny_report, tiny_format, {KEY: {"value": typed}}, focal_point)
    issues = workflow.validate_report(tiny_report, tiny_format)
    assert any(
        i.question_key == KEY and i.severity == "error" and "from 0 to 100" in i.message
        for i in issues
    )


# -- reports made of it -----------------------------------------------------------------------


@pytest.fixture
def shares(request_ctx, tiny_cycle, reviewer):
    """Three accepted reports on the tiny format: 12.5 %, 40 % and 100 %."""
    return {
        iso3: make_report(
            iso3,
            tiny_cycle,
            "accepted",
            reviewer=reviewer,
            overrides={**VALID, KEY: {"value": value}},
        )
        for iso3, value in (("MEX", "12.5"), ("KEN", "40"), ("FRA", "100"))
    }


@pytest.mark.parametrize(
    "lang, shown",
    [("en", "12.5%"), ("ar", "12.5%"), ("zh", "12.5%"), ("ru", "12,5 %"), ("fr", "12,5 %")],
)
def test_the_pdf_prints_the_percentage_in_every_script(shares, lang, shown):
    data = render_report(latest_version(shares["MEX"]), lang)
    layer = poppler_text(data) if lang == "ar" else text_of(data)
    assert contains(layer, shown)


def test_exports_carry_the_number_and_the_codebook_the_kind(shares):
    filters = ExportFilters(cycles=[CYCLE], questions=[KEY])
    long = [r for r in iter_long_rows(filters) if r["question_key"] == KEY]
    assert sorted(r["value_number"] for r in long) == [
        Decimal("12.5"),
        Decimal("40"),
        Decimal("100"),
    ]
    field = next(f for f in wide_fields(filters) if f.name == KEY)
    assert field.type == "number"
    assert sorted(r[KEY] for r in iter_wide_rows(filters)) == [
        Decimal("12.5"),
        Decimal("40"),
        Decimal("100"),
    ]
    row = next(r for r in iter_codebook_rows(filters) if r["question_key"] == KEY)
    assert (row["kind"], row["unit"], row["wide_columns"]) == (
        "percentage",
        None,
        f"{KEY};{KEY}:state",
    )


def test_the_api_gives_the_format_and_the_answer(client, shares, partner):  # noqa: F811
    fmt = client.get("/api/v1/formats/tiny/1", headers=partner).get_json()
    question = next(
        q
        for part in fmt["parts"]
        for section in part["sections"]
        for q in section["questions"]
        if q["key"] == KEY
    )
    assert question["kind"] == "percentage" and "unit" not in question
    report = client.get(f"/api/v1/reports/{shares['MEX'].id}", headers=partner).get_json()
    assert report["answers"][KEY]["value"] == 12.5
    spec = client.get("/api/v1/openapi.json").get_json()
    assert "percentage" in spec["components"]["schemas"]["Question"]["properties"]["kind"]["enum"]


def test_the_numbers_have_a_median_and_a_range_but_no_sum(shares):
    rows = numeric_summary(ExportFilters(cycles=[CYCLE], questions=[KEY]))
    overall = next(r for r in rows if r["region"] is None)
    assert (
        overall["parties"],
        overall["sum"],
        overall["median"],
        overall["min"],
        overall["max"],
    ) == (3, None, 40.0, 12.5, 100.0)
    info = build_plan(ExportFilters(cycles=[CYCLE], questions=[KEY])).questions[KEY]
    figure = figures.numbers_figure(info, rows)
    assert "medians by regional group" in figure.title
    assert figure.rows[0][3] is None  # no sum in the table
    assert "<svg" in str(figure.svg) and "40" in str(figure.svg)
    across = figures.numbers_cycles_figure(
        info, {"points": [{"cycle_code": CYCLE, "numbers": [overall]}]}, None
    )
    assert "Sum" not in str(across.svg) and "Median" in str(across.svg)
