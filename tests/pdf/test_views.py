"""PDF downloads: who may have them, which version, which language, what file."""

import pytest

from reporting.models import Role
from reporting.reports import workflow

from ..conftest import make_user
from .helpers import contains, get, read, text_of


def test_focal_point_downloads_the_latest_submitted_version(client, submitted_report, focal_point):
    response = get(client, f"/reports/{submitted_report.id}/pdf", focal_point)
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == "inline; filename=MEX-2023-short-v1-en.pdf"
    assert "no-store" in response.headers["Cache-Control"]
    assert contains(text_of(response.data), "Version 1")


@pytest.mark.parametrize("role", [Role.contributor, Role.secretariat, Role.admin])
def test_everyone_entitled_to_view_the_report_gets_its_pdf(client, submitted_report, party_a, role):
    user = make_user(f"{role.value}@example.org", role, party_a if role.is_national else None)
    assert get(client, f"/reports/{submitted_report.id}/pdf", user).status_code == 200


def test_another_partys_user_gets_not_found(client, submitted_report, other_focal_point):
    for url in (
        f"/reports/{submitted_report.id}/pdf",
        f"/reports/{submitted_report.id}/versions/1/receipt.pdf",
    ):
        response = get(client, url, other_focal_point)
        assert response.status_code == 404
        assert not response.data.startswith(b"%PDF")


def test_anonymous_users_get_no_report(client, submitted_report):
    for url in (
        f"/reports/{submitted_report.id}/pdf",
        f"/reports/{submitted_report.id}/versions/1/receipt.pdf",
    ):
        response = get(client, url)
        assert response.status_code in (302, 401)
        assert not response.data.startswith(b"%PDF")
        if response.status_code == 302:
            assert "login" in response.headers["Location"]


def test_a_report_never_submitted_prints_its_draft(client, draft_report, focal_point):
    response = get(client, f"/reports/{draft_report.id}/pdf", focal_point)
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].endswith("MEX-2023-short-draft-en.pdf")
    assert contains(text_of(response.data), "Draft (not submitted)")


def test_version_parameter_chooses_a_version_or_the_draft(
    client, submitted_report, focal_point, secretariat, minamata
):
    workflow.return_for_revision(submitted_report, secretariat, "Please complete.")
    base = f"/reports/{submitted_report.id}/pdf"
    assert contains(text_of(get(client, f"{base}?version=1", focal_point).data), "Version 1")
    assert contains(
        text_of(get(client, f"{base}?version=draft", focal_point).data), "Draft (not submitted)"
    )
    for bad in ("2", "0", "-1", "x", "²", "99999999999999999999"):
        assert get(client, f"{base}?version={bad}", focal_point).status_code == 404, bad


def test_lang_parameter_chooses_the_language(client, submitted_report, focal_point):
    response = get(client, f"/reports/{submitted_report.id}/pdf?lang=ru", focal_point)
    assert response.headers["Content-Disposition"].endswith("-v1-ru.pdf")
    assert contains(text_of(response.data), "Мексика")
    assert read(response.data).root_object["/Lang"] == "ru"
    # An unknown language falls back to the report's own.
    response = get(client, f"/reports/{submitted_report.id}/pdf?lang=xx", focal_point)
    assert response.headers["Content-Disposition"].endswith("-v1-en.pdf")


def test_receipt_of_a_version(client, submitted_report, focal_point):
    response = get(client, f"/reports/{submitted_report.id}/versions/1/receipt.pdf", focal_point)
    assert response.status_code == 200
    assert (
        response.headers["Content-Disposition"]
        == "inline; filename=MEX-2023-short-v1-receipt-en.pdf"
    )
    assert len(read(response.data).pages) == 1
    assert (
        get(
            client, f"/reports/{submitted_report.id}/versions/2/receipt.pdf", focal_point
        ).status_code
        == 404
    )


def test_out_of_range_ids_are_not_found_not_an_error(client, focal_point):
    for url in (
        "/reports/0/pdf",
        "/reports/2147483648/pdf",
        "/reports/99999999999999999999/pdf",
        "/reports/1/versions/0/receipt.pdf",
        "/reports/1/versions/10001/receipt.pdf",
        "/reports/2147483647/pdf",
    ):
        assert get(client, url, focal_point).status_code == 404, url


def test_blank_questionnaire_is_public_and_in_the_chosen_language(client, short_cycle):
    response = get(client, "/cycles/2023-short/questionnaire.pdf?lang=fr")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == (
        "inline; filename=questionnaire-2023-short-fr.pdf"
    )
    assert read(response.data).root_object["/Lang"] == "fr"
    assert contains(text_of(response.data), "31 décembre 2023")  # the due date, in French
    assert get(client, "/cycles/1999-none/questionnaire.pdf").status_code == 404
    assert get(client, "/cycles/" + "x" * 40 + "/questionnaire.pdf").status_code == 404


def test_missing_fonts_give_service_unavailable_and_a_log_naming_the_package(
    client, short_cycle, monkeypatch, caplog
):
    from dataclasses import replace
    from pathlib import Path

    from reporting.pdf import fonts

    gone = replace(fonts.FONT_FILES[0], path=Path("/nonexistent/DejaVuSans.ttf"))
    monkeypatch.setattr(fonts, "FONT_FILES", (gone, *fonts.FONT_FILES[1:]))
    fonts.ensure_fonts.cache_clear()
    try:
        response = get(client, "/cycles/2023-short/questionnaire.pdf")
    finally:
        fonts.ensure_fonts.cache_clear()
    assert response.status_code == 503
    assert "fonts-dejavu-core" in caplog.text
