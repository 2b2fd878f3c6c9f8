"""Numbers are read in the locale they were typed in, and a number kept as typed (out of
its range) is shown in each locale's own writing: changing the interface language never
turns a valid "12,5" typed in French into an error, nor a value into 1000 times itself."""

from decimal import Decimal

from flask import g

from reporting.reports.answers import load_answers
from reporting.reports.workflow import report_format

from .helpers import form_fields, reload


def _page(client, report, lang=None):
    g.pop("_login_user", None)
    query = {"lang": lang} if lang else {}
    return client.get(f"/reports/{report.id}/pages/art1", query_string=query).text


def _post(client, report, fields):
    g.pop("_login_user", None)
    return client.post(f"/reports/{report.id}/pages/art1", data={**fields, "save": ""})


def _stored(report, key):
    report = reload(report)
    return load_answers(report, report_format(report)).get(key)


def test_a_form_typed_in_french_is_read_in_french_after_switching_to_english(
    fp_client, tiny_report
):
    fields = form_fields(_page(fp_client, tiny_report, "fr"))
    assert fields["_input_locale"] == "fr"
    fields.update({"q.art1.mining-value": "yes", "q.art1.mining.tonnes-value": "1 234,5"})
    _page(fp_client, tiny_report, "en")  # the language changes (another tab) before saving
    assert _post(fp_client, tiny_report, fields).status_code == 302
    stored = _stored(tiny_report, "art1.mining.tonnes")
    assert stored["value"] == Decimal("1234.5") and not stored["invalid"]
    # The English page shows it in English.
    assert 'value="1234.5"' in _page(fp_client, tiny_report)


def test_without_the_forms_locale_values_are_read_in_the_current_one(fp_client, tiny_report):
    fields = form_fields(_page(fp_client, tiny_report, "en"))
    fields.pop("_input_locale")
    fields.update({"q.art1.mining-value": "yes", "q.art1.mining.tonnes-value": "12.5"})
    _post(fp_client, tiny_report, fields)
    assert _stored(tiny_report, "art1.mining.tonnes")["value"] == Decimal("12.5")


def test_an_unknown_locale_in_the_form_is_ignored(fp_client, tiny_report):
    fields = form_fields(_page(fp_client, tiny_report, "en"))
    fields.update({"_input_locale": "xx", "q.art1.mining-value": "yes"})
    fields["q.art1.mining.tonnes-value"] = "12.5"
    assert _post(fp_client, tiny_report, fields).status_code == 302
    assert _stored(tiny_report, "art1.mining.tonnes")["value"] == Decimal("12.5")


def test_a_number_kept_as_typed_is_shown_in_each_locale_and_read_back_the_same(
    fp_client, tiny_report
):
    # "1,234" in French is 1.234: not a whole number, so kept as typed (canonically).
    fields = form_fields(_page(fp_client, tiny_report, "fr"))
    fields["q.art1.count-value"] = "1,234"
    _post(fp_client, tiny_report, fields)
    stored = _stored(tiny_report, "art1.count")
    assert stored["invalid"] and stored["value"] == "1.234"
    assert 'value="1,234"' in _page(fp_client, tiny_report, "fr")
    assert 'value="1.234"' in _page(fp_client, tiny_report, "en")
    # In Spanish "1.234" would be read as one thousand two hundred and thirty-four: the
    # page writes 1,234 there, and saving the page unchanged keeps 1.234.
    spanish = _page(fp_client, tiny_report, "es")
    assert 'value="1,234"' in spanish
    assert _post(fp_client, tiny_report, form_fields(spanish)).status_code == 302
    assert _stored(tiny_report, "art1.count")["value"] == "1.234"
    # Corrected in Spanish, it is read in Spanish.
    fields = form_fields(_page(fp_client, tiny_report, "es"))
    fields["q.art1.count-value"] = "12"
    _post(fp_client, tiny_report, fields)
    assert _stored(tiny_report, "art1.count")["value"] == 12


def test_a_stored_number_left_untouched_reads_back_the_same_in_the_forms_locale(app, tiny_format):
    from forms.questionnaire import stored_payload
    from reporting.i18n import read_input_in

    q = tiny_format.question("art1.mining.tonnes")
    with app.test_request_context("/?lang=en"):
        read_input_in("es")  # a Spanish form posted after the language became English
        # Shown as "1,234" (Spanish), read back as 1.234: not a change by the user (and
        # never one thousand two hundred and thirty-four).
        assert stored_payload(q, {"value": Decimal("1.234")})["value"] == "1.234"
