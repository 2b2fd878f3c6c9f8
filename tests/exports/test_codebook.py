"""The codebook: every question key and table column, with what its answers mean."""

import json

from flask_babel import force_locale

from reporting.exports import ExportFilters, iter_codebook_rows, wide_fields
from reporting.questionnaire import get_format
from reporting.questionnaire.translate import qt


def _questions(**filters):
    return {
        r["question_key"]: r
        for r in iter_codebook_rows(ExportFilters(**filters))
        if r["column_key"] is None
    }


def test_every_question_and_table_column_once(app, db, minamata):
    rows = list(iter_codebook_rows(ExportFilters()))
    # The newest version's questions, then the 2017.1 questions it split (their own series).
    assert [r["question_key"] for r in rows if r["column_key"] is None] == [
        q.key for q in minamata.iter_questions()
    ] + ["art3.primary_mining@2017.1", "art4.dental@2017.1"]
    columns = {
        (r["question_key"], r["column_key"])
        for r in rows
        if r["column_key"] and "@" not in r["question_key"]
    }
    assert columns == {(q.key, c.key) for q in minamata.iter_questions() for c in q.columns}


def test_entries_say_where_the_question_is_and_what_it_holds(app, db):
    entry = _questions()["art3.exports.total_quantity"]
    assert (entry["article"], entry["number"], entry["kind"], entry["unit"]) == (
        "3",
        "4.2",
        "decimal",
        "t",
    )
    assert json.loads(entry["asked_if"]) == {"question": "art3.exports", "equals": "yes"}
    assert entry["states"] == "not_applicable;none;not_available"
    choices = json.loads(_questions()["art3.exports"]["choices"])
    assert choices == [{"code": "yes", "label": "Yes"}, {"code": "no", "label": "No"}]


def test_cycles_that_asked_each_question(app, db):
    entries = _questions()
    assert (
        entries["art3.exports"]["cycles"] == "2019-short;2021-full;2023-short;2025-full;2027-short"
    )
    assert entries["art4.dental"]["cycles"] == "2025-full"  # not asterisked
    assert entries["art4.dental@2017.1"]["cycles"] == "2021-full"  # split by 2023.1
    assert entries["art4.dental"]["short"] is False
    assert (
        _questions(cycles=["2023-short", "2025-full"])["art3.exports"]["cycles"]
        == "2023-short;2025-full"
    )
    assert "art4.dental" not in _questions(cycles=["2023-short"])


def test_texts_and_labels_in_the_chosen_language(app, db):
    french = _questions(language="fr")["art3.exports"]
    with app.test_request_context(), force_locale("fr"):
        expected = qt(get_format("minamata", "2023.1").question("art3.exports").text)
    assert french["text"] == expected != _questions()["art3.exports"]["text"]
    column = next(
        r
        for r in iter_codebook_rows(ExportFilters(language="fr"))
        if r["column_key"] == "consent_basis"
    )
    labels = {c["code"]: c["label"] for c in json.loads(column["choices"])}
    assert labels["shipment"] == "Consentement donné pour l'expédition considérée"


def test_wide_columns_match_the_wide_export(app, db):
    names = {f.name for f in wide_fields(ExportFilters())}
    listed = [
        name
        for r in iter_codebook_rows(ExportFilters())
        if r["wide_columns"]
        for name in r["wide_columns"].split(";")
    ]
    assert set(listed) == {n for n in names if ":" in n or n in _questions()}
    assert "art3.exports.list:quantity:sum" in listed


def test_personal_questions_are_marked(app, db):
    entries = _questions()
    assert entries["party.focal_point.email"]["personal"] is True
    assert entries["party.focal_point.institution"]["personal"] is False
