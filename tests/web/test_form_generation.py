"""The questionnaire form is generated from the format: one field per answer kind, values
travel as typed, and a stored answer shown and sent back unchanged is the same answer."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from werkzeug.datastructures import FileStorage, MultiDict

from forms.questionnaire import (
    answer_payload,
    field_name,
    fingerprint,
    initial_data,
    keep_unknown_choices,
    page_form_class,
    stored_payload,
)
from reporting.questionnaire.kinds import kind_names

#: The WTForms field each kind of the tiny format becomes.
EXPECTED_FIELDS = {
    "about.start": "StringField",  # date: a text field with a date picker
    "art1.mining": "RadioField",  # yes_no
    "art1.plan": "RadioField",  # yes_no_na
    "art1.colour": "RadioField",  # single_choice, three options
    "art1.colours": "SelectMultipleField",  # multiple_choice: check boxes
    "art1.note": "StringField",  # text
    "art1.long": "TextAreaField",  # long_text
    "art1.count": "StringField",  # integer, typed in the user's locale
    "art1.mining.tonnes": "StringField",  # decimal
    "art1.year": "StringField",  # year
    "art1.country": "SelectField",  # country
    "art1.email": "StringField",  # email
    "art1.url": "StringField",  # url
    "art1.file": "FormField",  # file: upload, current token, remove box
    "art1.exports": "FieldList",  # table: rows of column fields
}


def _form(fmt, formdata=None, data=None, rows=None):
    return page_form_class(fmt.questions(), rows=rows)(formdata=formdata, data=data)


def test_the_tiny_format_covers_every_answer_kind(tiny_format):
    assert {q.kind.name for q in tiny_format.questions()} == set(kind_names())


def test_every_answer_kind_becomes_its_field(request_ctx, tiny_format):
    form = _form(tiny_format)
    for key, field_type in EXPECTED_FIELDS.items():
        assert form.answer(key).value.type == field_type, key


@pytest.mark.parametrize(
    "key, html",
    [
        ("about.start", 'type="date"'),
        ("art1.count", 'inputmode="numeric"'),
        ("art1.mining.tonnes", 'inputmode="decimal"'),
        ("art1.email", 'type="email"'),
        ("art1.url", 'type="url"'),
        ("art1.mining", 'type="radio"'),
        ("art1.colours", 'type="checkbox"'),
    ],
)
def test_inputs_are_rendered_for_their_kind(request_ctx, tiny_format, key, html):
    assert html in _form(tiny_format).answer(key).value()


def test_choice_labels_and_states_follow_the_definition(request_ctx, tiny_format):
    form = _form(tiny_format)
    assert [c.value for c in form.answer("art1.colour").value.choices] == ["red", "green", "blue"]
    assert [c.value for c in form.answer("art1.plan").value.choices] == ["yes", "no", "na"]
    # Part A allows no states; other questions offer the three states besides a value.
    assert "state" not in form.answer("about.start")
    assert [c.value for c in form.answer("art1.mining").state.choices] == [
        "value",
        "not_applicable",
        "none",
        "not_available",
    ]


def test_field_names_are_prefixed_so_no_key_clashes_with_the_form(request_ctx, tiny_format):
    form = _form(tiny_format)
    assert field_name("art1.note") == "q.art1.note"
    assert form.answer("art1.note").value.name == "q.art1.note-value"
    assert (
        form.answer("art1.exports").value.entries[0].form["c_quantity"].name
        == "q.art1.exports-value-0-c_quantity"
    )


def test_posted_values_become_a_save_payload_as_typed(request_ctx, tiny_format):
    form = _form(
        tiny_format,
        MultiDict(
            [
                ("q.art1.note-value", "  typed  "),
                ("q.art1.count-value", "twelve"),
                ("q.art1.colours-value", "blue"),
                ("q.art1.colours-value", "red"),
                ("q.art1.mining-value", "yes"),
                ("q.art1.mining-confidential", "y"),
                ("q.art1.mining-comment", "Checked\r\nwith customs"),
                ("q.art1.plan-state", "not_available"),
                ("q.art1.exports-value-0-c_country", "Germany"),
                ("q.art1.exports-value-0-c_quantity", "1.5"),
                ("q.art1.exports-value-1-c_country", ""),
                ("q.art1.exports-value-1-c_quantity", ""),
            ]
        ),
    )
    payload = {q.key: answer_payload(q, form.answer(q.key)) for q in tiny_format.questions()}
    assert payload["art1.note"]["value"] == "typed"
    assert payload["art1.count"]["value"] == "twelve"  # kept as typed for the schema to flag
    assert payload["art1.colours"]["value"] == ["red", "blue"]  # in the order of the options
    assert payload["art1.mining"] == {
        "state": "value",
        "value": "yes",
        "confidential": True,
        "comment": "Checked\nwith customs",
    }
    assert payload["art1.plan"]["state"] == "not_available"
    # A country cell takes a name or a code; a blank row is no row.
    assert payload["art1.exports"]["value"] == [
        {"country": "DEU", "quantity": "1.5", "consent": None}
    ]
    assert payload["art1.long"]["value"] is None


def test_numbers_are_read_in_the_users_locale(app, tiny_format):
    with app.test_request_context("/?lang=fr"):
        form = _form(
            tiny_format,
            MultiDict([("q.art1.mining.tonnes-value", "1 234,5"), ("q.art1.count-value", "12")]),
        )
        q = tiny_format.question("art1.mining.tonnes")
        assert answer_payload(q, form.answer(q.key))["value"] == "1234.5"


def test_country_cells_accept_names_in_the_users_language(app, tiny_format):
    with app.test_request_context("/?lang=fr"):
        column = tiny_format.question("art1.exports").column("country")
        assert column.kind.form_value(column, "Allemagne") == "DEU"
        assert column.kind.form_value(column, "Germany") == "DEU"
        assert column.kind.form_value(column, "deu") == "DEU"
        assert column.kind.form_value(column, "Atlantis") == "Atlantis"  # kept, then flagged
        assert column.kind.form_data(column, "DEU") == "Allemagne"


def test_country_cells_take_the_un_name_and_the_common_name(app, tiny_format):
    with app.test_request_context("/?lang=fr"):
        column = tiny_format.question("art1.exports").column("country")
        assert column.kind.form_value(column, "Bolivie (État plurinational de)") == "BOL"
        assert column.kind.form_value(column, "Bolivia (Plurinational State of)") == "BOL"
        assert column.kind.form_value(column, "Bolivie") == "BOL"
        assert column.kind.form_value(column, "Russie") == "RUS"
        assert column.kind.form_value(column, "United Kingdom") == "GBR"
        assert column.kind.form_data(column, "BOL") == "Bolivie (État plurinational de)"


STORED = {
    "about.start": {"state": "value", "value": date(2021, 1, 1)},
    "art1.mining": {"state": "value", "value": "yes", "comment": "From the 2022 inventory"},
    "art1.mining.tonnes": {"state": "value", "value": Decimal("12.5"), "confidential": True},
    "art1.plan": {"state": "not_applicable", "value": None},
    "art1.colour": {"state": "value", "value": "green"},
    "art1.colours": {"state": "value", "value": ["blue", "red"]},
    "art1.note": {"state": "value", "value": "Short"},
    "art1.long": {"state": "value", "value": "Line one\nLine two"},
    "art1.count": {"state": "value", "value": 0},
    "art1.year": {"state": "value", "value": 2024},
    "art1.country": {"state": "value", "value": "KEN"},
    "art1.email": {"state": "value", "value": "a@example.org"},
    "art1.url": {"state": "value", "value": "https://example.org"},
    "art1.file": {"state": "value", "value": "A" * 32},
    "art1.exports": {
        "state": "value",
        "value": [{"country": "DEU", "quantity": Decimal("1.25"), "consent": "yes"}],
    },
    "art1.details": {"state": "value", "value": "about 3 t"},  # raw text kept as typed
}


def test_a_stored_answer_sent_back_unchanged_is_the_same_answer(request_ctx, tiny_format):
    """What the page shows, posted back as a browser would, has the stored fingerprint."""
    data = {field_name(k): initial_data(tiny_format.question(k), a) for k, a in STORED.items()}
    shown = _form(tiny_format, data=data, rows={"art1.exports": 1})
    posted = MultiDict()
    for field in shown:
        for name, value in _browser_values(field):
            posted.add(name, value)
    again = _form(tiny_format, posted, rows={"art1.exports": 0})
    for key, answer in STORED.items():
        q = tiny_format.question(key)
        assert fingerprint(answer_payload(q, again.answer(key))) == fingerprint(
            stored_payload(q, answer)
        ), key
    # and a change is a different answer
    posted.setlist("q.art1.count-value", ["1"])
    changed = _form(tiny_format, posted, rows={"art1.exports": 0})
    q = tiny_format.question("art1.count")
    assert fingerprint(answer_payload(q, changed.answer(q.key))) != fingerprint(
        stored_payload(q, STORED["art1.count"])
    )


def _browser_values(field):
    """Name/value pairs a browser posts for a rendered field (textareas with CRLF)."""
    from wtforms import FormField
    from wtforms.fields import (
        BooleanField,
        FieldList,
        RadioField,
        SelectField,
        SelectMultipleField,
        TextAreaField,
    )

    if isinstance(field, (FormField, FieldList)):
        for sub in field.form if isinstance(field, FormField) else field.entries:
            yield from _browser_values(sub)
    elif isinstance(field, SelectMultipleField):
        for value in field.data or []:
            yield field.name, value
    elif isinstance(field, (RadioField, SelectField)):
        if field.data not in (None, "") or not isinstance(field, RadioField):
            yield field.name, field.data or ""
    elif isinstance(field, BooleanField):
        if field.data:
            yield field.name, "y"
    elif isinstance(field, TextAreaField):
        yield field.name, (field._value() or "").replace("\n", "\r\n")
    elif field.type != "CSRFTokenField" and field.type != "FileField":
        yield field.name, field._value()


def test_a_new_upload_is_always_a_change_and_removing_clears_the_file(request_ctx, tiny_format):
    q = tiny_format.question("art1.file")
    upload = FileStorage(BytesIO(b"%PDF-1.4"), filename="a.pdf")
    form = _form(
        tiny_format,
        MultiDict([("q.art1.file-value-current", "A" * 32), ("q.art1.file-value-upload", upload)]),
    )
    assert answer_payload(q, form.answer(q.key))["value"] is upload
    removed = _form(
        tiny_format,
        MultiDict([("q.art1.file-value-current", "A" * 32), ("q.art1.file-value-remove", "y")]),
    )
    assert answer_payload(q, removed.answer(q.key))["value"] is None


def test_a_stored_value_not_among_the_options_is_kept_as_an_option(request_ctx, tiny_format):
    data = {
        field_name("art1.colour"): initial_data(
            tiny_format.question("art1.colour"), {"value": "purple"}
        )
    }
    form = _form(tiny_format, data=data)
    keep_unknown_choices(form)
    choices = [c.value for c in form.answer("art1.colour").value.choices]
    assert "purple" in choices and "checked" in form.answer("art1.colour").value()


def test_a_table_shows_the_rows_asked_for(request_ctx, tiny_format):
    form = _form(tiny_format, rows={"art1.exports": 3})
    assert len(form.answer("art1.exports").value.entries) == 3
    assert [f.type for f in form.answer("art1.exports").value.entries[0].form] == [
        "StringField",
        "StringField",
        "SelectField",
    ]  # country (name), quantity, yes/no


@pytest.mark.parametrize(
    "lang, shown",
    [
        ("es", "2,125"),
        ("fr", "2,125"),
        ("en", "2.125"),
        ("ar", "2.125"),
        ("zh", "2.125"),
        ("ru", "2,125"),
    ],
)
def test_a_stored_decimal_reads_back_as_the_same_number_in_every_language(
    app, tiny_format, lang, shown
):
    """In Spanish "2.125" means 2125: a decimal is shown with the locale's own sign."""
    q = tiny_format.question("art1.mining.tonnes")
    with app.test_request_context(f"/?lang={lang}"):
        assert q.kind.form_data(q, Decimal("2.125")) == shown
        assert Decimal(q.kind.form_value(q, shown)) == Decimal("2.125")
