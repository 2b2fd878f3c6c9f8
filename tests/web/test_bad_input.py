"""Bad input never breaks anything: numbers beyond what a kind takes, a bad number already
stored, NUL characters in text, ids beyond the database's integer in query strings."""

from decimal import Decimal

import pytest
from sqlalchemy import select, update

from reporting.api.clients import create_client
from reporting.extensions import db as _db
from reporting.models import Answer, AnswerCell
from reporting.reports.answers import load_answers
from reporting.reports.workflow import report_format
from tests.exports.factories import make_report

from .helpers import form_fields, login, reload

EXPORTS = {
    "art3.exports": {"value": "yes"},
    "art3.exports.total_quantity": {"value": "5"},
    "art3.exports.list": {
        "value": [
            {
                "country": "DEU",
                "quantity": "1.5",
                "purpose": "Storage",
                "consent": "yes",
                "consent_basis": "shipment",
            }
        ]
    },
}


def _page(client, report, key="art1", **args):
    return client.get(f"/reports/{report.id}/pages/{key}", query_string=args)


def _post(client, report, data, key="art1", button="save"):
    fields = form_fields(_page(client, report, key).text)
    fields.update(data)
    fields[button] = ""
    return client.post(f"/reports/{report.id}/pages/{key}", data=fields)


@pytest.mark.parametrize(
    "typed, message",
    [
        ("1e309", "Enter a number from 0 to 100."),
        ("1e400", "Enter a number from 0 to 100."),
        ("1" * 31, "Enter a number from 0 to 100."),
    ],
)
def test_a_huge_integer_is_refused_with_a_message_and_the_report_still_works(
    fp_client, tiny_report, typed, message
):
    response = _post(fp_client, tiny_report, {"q.art1.count-value": typed})
    assert response.status_code == 302
    page = fp_client.get(response.location)
    assert page.status_code == 200 and message in page.text
    assert f'value="{format(Decimal(typed), "f")}"' in page.text  # kept (written out)
    for url in (f"/reports/{tiny_report.id}", f"/reports/{tiny_report.id}/review"):
        assert fp_client.get(url).status_code == 200


@pytest.mark.parametrize(
    "typed, message",
    [
        ("1e309", "Enter a number of at most 999999999999999."),
        ("123456789012345678,5", "Enter a number of at most 999999999999999."),
        ("0,00000000001", "Use at most 10 digits after the decimal point."),
    ],
)
def test_a_decimal_the_database_would_round_is_refused(
    client, focal_point, tiny_report, typed, message
):
    login(client, focal_point)
    client.get("/?lang=fr")
    response = _post(
        client, tiny_report, {"q.art1.mining-value": "yes", "q.art1.mining.tonnes-value": typed}
    )
    assert response.status_code == 302
    _db.session.expire_all()
    stored = load_answers(reload(tiny_report), report_format(tiny_report))["art1.mining.tonnes"]
    assert stored["invalid"] and stored["value"] != Decimal(0)


def _bad_number():
    return float("inf") if _db.engine.dialect.name == "sqlite" else Decimal("NaN")


def _corrupt(report):
    """A number no number answer takes, written past the application (an old version, a
    direct edit), in a question and in a table cell."""
    number = _bad_number()
    _db.session.execute(
        update(Answer)
        .where(Answer.report_id == report.id, Answer.question_key == "art3.exports.total_quantity")
        .values(value_number=number)
    )
    table = _db.session.scalars(
        select(Answer.id).where(
            Answer.report_id == report.id, Answer.question_key == "art3.exports.list"
        )
    ).one()
    _db.session.execute(
        update(AnswerCell)
        .where(AnswerCell.answer_id == table, AnswerCell.column_key == "quantity")
        .values(value_number=number)
    )
    _db.session.commit()


def test_a_bad_stored_number_is_an_error_on_its_question_not_a_500(
    request_ctx, client, short_cycle, secretariat
):
    draft = make_report("MEX", short_cycle, "draft", overrides=EXPORTS)
    published = make_report("KEN", short_cycle, "accepted", overrides=EXPORTS, reviewer=secretariat)
    _db.session.commit()
    _corrupt(draft)
    _corrupt(published)
    login(client, _focal_point(draft))
    fmt = report_format(draft)
    page_key = next(s.key for s in fmt.sections() if s.key.startswith("art3"))
    page = client.get(f"/reports/{draft.id}/pages/{page_key}")
    assert page.status_code == 200
    assert 'aria-invalid="true"' in page.text
    for url in (f"/reports/{draft.id}", f"/reports/{draft.id}/review", f"/reports/{draft.id}/pdf"):
        assert client.get(url).status_code < 500, url

    login(client, secretariat)
    urls = [f"/secretariat/reports/{r.id}" for r in (draft, published)] + [
        "/secretariat/",
        f"/secretariat/cycles/{short_cycle.code}",
        "/secretariat/analysis/",
        "/secretariat/analysis/questions/art3.exports.total_quantity",
        "/secretariat/analysis/questions/art3.exports.list",
    ]
    for url in urls:
        assert client.get(url).status_code < 500, url

    token = {"Authorization": f"Bearer {create_client('Bad numbers', 'read:all')[1]}"}
    _db.session.commit()
    api = [
        f"/api/v1/reports/{published.id}",
        "/api/v1/reports",
        f"/api/v1/exports/long?cycle={short_cycle.code}",
        f"/api/v1/exports/wide?cycle={short_cycle.code}",
        f"/api/v1/exports/long?cycle={short_cycle.code}&format=xlsx",
        f"/api/v1/exports/wide?cycle={short_cycle.code}&format=xlsx",
        "/api/v1/exports/datapackage",
        "/api/v1/aggregates/numbers",
        "/api/v1/aggregates/series",
    ]
    for url in api:
        response = client.get(url, headers=token)
        body = response.get_data()  # streamed exports fail while streaming, if at all
        response.close()
        assert response.status_code < 500, (url, body[:300])
        assert b"Infinity" not in body and b"NaN" not in body, (
            url,
            body[body.find(b"Infinity") - 300 :][:400],
        )


def _focal_point(report):
    from reporting.models import Role, User

    return _db.session.scalars(
        select(User).where(User.party_id == report.party_id, User.role == Role.focal_point)
    ).first()


NUL_MESSAGE = "Remove the invisible NUL character from this text: it cannot be stored."


@pytest.mark.parametrize(
    "field",
    [
        "q.art1.note-value",
        "q.art1.long-value",
        "q.art1.count-comment",
        "q.art1.exports-value-0-c_country",
    ],
)
def test_a_nul_in_any_answer_is_an_error_at_its_field_and_what_was_typed_stays(
    fp_client, tiny_report, field
):
    response = _post(
        fp_client,
        tiny_report,
        {"q.art1.count-value": "7", "q.art1.email-value": "kept@example.org", field: "bad\x00text"},
    )
    assert response.status_code == 400
    assert NUL_MESSAGE in response.text
    assert "Nothing was saved" in response.text
    assert 'value="7"' in response.text and 'value="kept@example.org"' in response.text
    stored = load_answers(reload(tiny_report), report_format(tiny_report))
    assert "art1.count" not in stored and "art1.email" not in stored


def test_a_nul_in_the_login_form_is_a_message_not_a_500(client, focal_point):
    for data in (
        {"email": "fp.a@example.org\x00", "password": "x"},
        {"email": "fp.a@example.org", "password": "correct\x00horse"},
    ):
        response = client.post("/login", data=data)
        assert 400 <= response.status_code < 500 or response.status_code == 200
        assert NUL_MESSAGE in response.text
        assert 'value="fp.a@example.org' in response.text  # the address typed is kept
    assert client.get("/").status_code == 302  # not logged in


def test_a_nul_in_a_secretariat_form_is_a_field_error(client, secretariat):
    login(client, secretariat)
    fields = form_fields(client.get("/secretariat/users").text)
    fields.update(
        {"email": "new.person@example.org", "name": "New\x00Person", "role": "secretariat"}
    )
    response = client.post("/secretariat/users", data=fields)
    assert response.status_code < 500
    assert NUL_MESSAGE in response.text


@pytest.mark.parametrize(
    "url",
    [
        "/secretariat/users?q=%00",
        "/secretariat/users?role=%00",
        "/?lang=%00",
        "/secretariat/analysis/?cycle=a%00b",
    ],
)
def test_a_nul_in_a_query_string_is_a_bad_request(client, secretariat, url):
    login(client, secretariat)
    assert client.get(url).status_code == 400


def test_a_nul_in_json_sent_to_the_api_is_a_400_problem(client):
    token = create_client("NUL sender", "read:published,webhooks:manage")[1]
    _db.session.commit()
    response = client.post(
        "/api/v1/webhooks",
        data='{"url": "https://example.org/\\u0000", "events": ["report.published"]}',
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    assert "NUL" in response.json["detail"]


@pytest.mark.parametrize(
    "url",
    [
        "/secretariat/users?party=99999999999",
        "/secretariat/users?party=-1",
        "/secretariat/users?party=1e9",
        "/secretariat/outbox?page=99999999999999999999999",
        "/secretariat/outbox?page=-5",
    ],
)
def test_an_integer_parameter_beyond_the_database_integer_is_ignored(client, admin, url):
    login(client, admin)
    assert client.get(url).status_code == 200


def test_version_numbers_beyond_the_integer_range_are_not_a_500(fp_client, report_a, secretariat):
    assert fp_client.get(f"/reports/{report_a.id}/diff?from=99999999999&to=-3").status_code < 500
    login(fp_client, secretariat)
    response = fp_client.get(f"/secretariat/reports/{report_a.id}?version=99999999999")
    assert response.status_code < 500


def test_int_arg_takes_only_integers_in_range(app):
    from reporting.inputs import MAX_ID, int_arg

    cases = {
        "7": 7,
        str(MAX_ID): MAX_ID,
        str(MAX_ID + 1): None,
        "0": None,
        "-1": None,
        "1e3": None,
        "²": None,
        " 8 ": 8,
        "9" * 40: None,
        "": None,
    }
    for text, expected in cases.items():
        with app.test_request_context("/", query_string={"id": text}):
            assert int_arg("id") == expected, text
    with app.test_request_context("/"):
        assert int_arg("id", 3) == 3
