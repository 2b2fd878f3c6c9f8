"""The one presenter of answers: labels, units, states, tables, files, languages, and
bidi isolation of values inside right-to-left text (pages and PDFs)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

from flask_babel import force_locale

from reporting.pdf.fonts import SANS, ensure_fonts
from reporting.pdf.text import as_embeddings, visual_lines
from reporting.reports.present import FSI, PDI, isolate, plain, present, value_text
from reporting.web.present import snapshot_answer
from reporting.web.ui import isolated


def test_answers_read_with_labels_units_states_and_table_rows(request_ctx, tiny_format):
    q = tiny_format.question
    assert plain(present(q("art1.mining.tonnes"), {"value": Decimal("12.5")}).text) == "12.5 t"
    colours = present(q("art1.colours"), {"value": ["red", "blue"]})
    assert [plain(line) for line in colours.lines] == ["Red", "Blue"]
    assert plain(colours.text) == "Red; Blue"
    assert plain(present(q("art1.mining"), {"value": "yes"}).text) == "Yes"
    assert plain(present(q("art1.country"), {"value": "KEN"}).text) == "Kenya"
    assert present(q("art1.plan"), {"state": "not_available"}).state == "Information not available"
    assert plain(present(q("about.start"), {"value": date(2024, 3, 5)}).text) == "March 5, 2024"
    assert plain(present(q("art2.share"), {"value": Decimal("12.5")}).text) == "12.5%"
    table = snapshot_answer(
        q("art1.exports"),
        {
            "state": "value",
            "value": [{"country": "DEU", "quantity": "1.50", "consent": "no"}],
            "confidential": True,
        },
    )
    assert table.columns == ("Country", "Quantity (t)", "Consent")  # the unit in the heading
    assert [[plain(c) for c in row] for row in table.rows] == [["Germany", "1.5", "No"]]
    assert table.confidential and table.tabular
    assert present(q("art1.note"), None).empty


def test_input_kept_as_typed_is_shown_as_typed(request_ctx, tiny_format):
    count = tiny_format.question("art1.count")
    assert plain(present(count, {"value": "many", "invalid": True}).text) == "many"
    assert present(count, {"value": "many", "invalid": True}).invalid


def test_a_file_answer_reads_as_its_files_name(request_ctx, tiny_format):
    q = tiny_format.question("art1.file")
    upload = SimpleNamespace(filename="plan.pdf")
    shown = present(q, {"value": "tok123"}, {"tok123": upload})
    assert plain(shown.text) == "plan.pdf" and shown.attachment is upload
    assert plain(present(q, {"value": "gone"}, {}).text) == "gone"


def test_the_presenter_follows_the_language(app, tiny_format):
    with app.test_request_context("/?lang=fr"):
        assert (
            plain(present(tiny_format.question("art1.country"), {"value": "DEU"}).text)
            == "Allemagne"
        )
        assert [
            [plain(c) for c in row]
            for row in present(
                tiny_format.question("art1.exports"), {"value": [{"country": "DEU"}]}
            ).rows
        ] == [["Allemagne", "", ""]]
        tonnes = tiny_format.question("art1.mining.tonnes")
        assert plain(value_text(tonnes, Decimal("1234.5"))) == "1\u202f234,5 t"
    with force_locale("ar"):
        assert plain(value_text(tonnes, Decimal("1234.5"))).startswith("1,234.5 ")


def test_every_value_is_isolated_and_typed_isolates_cannot_unbalance_it(request_ctx, tiny_format):
    text = value_text(tiny_format.question("art1.note"), "a\u2069b")
    assert text == f"{FSI}ab{PDI}"
    assert str(isolated(f"{isolate('x<y')} t")) == "<bdi>x&lt;y</bdi> t"


def test_a_phone_number_keeps_its_order_in_right_to_left_pdf_lines():
    ensure_fonts()
    line = f"هاتف: {isolate('+962 6 000 0000')}"
    (drawn,) = visual_lines(line, 400, SANS, 10, "R")
    assert "+962 6 000 0000" in drawn
    # Without the isolate, the reordering reverses the number's groups.
    (reversed_,) = visual_lines("هاتف: +962 6 000 0000", 400, SANS, 10, "R")
    assert "+962 6 000 0000" not in reversed_


def test_a_number_with_its_unit_keeps_its_order_in_arabic():
    ensure_fonts()
    (drawn,) = visual_lines(f"{isolate('1 234,5')} طن", 400, SANS, 10, "R")
    assert "1 234,5" in drawn


def test_isolates_broken_across_lines_are_closed_and_reopened():
    first, second = as_embeddings([f"a {FSI}b", f"c{PDI} d"])
    assert first == "a \u202ab\u202c" and second == "\u202ac\u202c d"
