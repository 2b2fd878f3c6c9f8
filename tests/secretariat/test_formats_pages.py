"""The secretariat's "Reporting formats" pages (admins): list, download as a workbook,
upload -> errors or changes -> confirm; the stored version is then served by the
registry, and `qt` uses its translations."""

import io
import re

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from reporting.extensions import db
from reporting.models import FormatVersion
from reporting.questionnaire import get_format, list_formats
from reporting.questionnaire.registry import forget_stored
from reporting.questionnaire.translate import qt
from tests.questionnaire.workbook_helpers import (
    edit_french_and_add_choice,
    open_book,
    save_book,
    set_field,
)
from tests.secretariat.factories import login


@pytest.fixture(autouse=True)
def _forget_stored_versions():
    """The registry caches stored versions per process; each test rolls its rows back."""
    forget_stored()
    yield
    forget_stored()


def _download(client) -> bytes:
    response = client.get("/secretariat/formats/minamata/2023.1.xlsx")
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    assert 'filename="minamata-2023.1.xlsx"' in response.headers["Content-Disposition"]
    return response.data


def _upload(client, data: bytes, name="minamata.xlsx"):
    return client.post(
        "/secretariat/formats/import",
        data={"workbook": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def test_admin_sees_formats_versions_and_cycles(client, admin):
    login(client, admin)
    page = client.get("/secretariat/formats").get_data(as_text=True)
    assert "<h1>Reporting formats</h1>" in page
    assert "2023-short" in page and "stockholm" in page
    assert "/secretariat/formats/minamata/2017.1.xlsx" in page
    assert 'enctype="multipart/form-data"' in page and 'for="workbook"' in page


def test_the_secretariat_may_not_manage_formats(client, secretariat):
    login(client, secretariat)
    assert client.get("/secretariat/formats").status_code == 403
    assert client.get("/secretariat/formats/minamata/2023.1.xlsx").status_code == 403
    assert _upload(client, b"x").status_code == 403
    assert "/secretariat/formats" not in client.get("/secretariat/").get_data(as_text=True)


def test_an_unknown_version_is_not_found(client, admin):
    login(client, admin)
    assert client.get("/secretariat/formats/minamata/1999.xlsx").status_code == 404


@pytest.mark.parametrize(
    "data, message",
    [
        (b"not a workbook", "The file is not an XLSX workbook."),
        (b"PK\x03\x04broken", "The file is not an XLSX workbook, or it is damaged."),
    ],
)
def test_a_bad_file_is_refused_with_a_clear_message(client, admin, data, message):
    login(client, admin)
    response = _upload(client, data)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)


def test_no_file_is_a_field_error(client, admin):
    login(client, admin)
    response = client.post("/secretariat/formats/import", data={})
    assert response.status_code == 200
    assert "Choose a workbook file." in response.get_data(as_text=True)


def test_a_bad_row_is_shown_with_sheet_row_and_column(client, admin):
    login(client, admin)
    book = open_book(_download(client))
    set_field(book, "version", "two")
    response = _upload(client, save_book(book))
    assert response.status_code == 200
    assert (
        "Format, row 3, column value: String does not match expected pattern."
        in response.get_data(as_text=True)
    )
    assert db.session.scalars(select(FormatVersion)).first() is None


def test_upload_preview_confirm_stores_a_version_the_registry_serves(client, admin):
    login(client, admin)
    edited = edit_french_and_add_choice(_download(client))
    preview = _upload(client, edited)
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200
    assert "Changes against version 2023.1" in page
    assert "choice list art9_measures: choice added: e" in page
    assert "question art3.primary_mining: text (fr)" in page
    assert db.session.scalars(select(FormatVersion)).first() is None  # nothing stored yet

    payload = (
        re.search(r'name="payload" type="hidden" value="([^"]+)"', page)
        or re.search(r'type="hidden" name="payload" value="([^"]+)"', page)
        or re.search(r'name="payload"[^>]*value="([^"]+)"', page)
    )
    response = client.post("/secretariat/formats/confirm", data={"payload": payload.group(1)})
    assert response.status_code == 303
    row = db.session.scalars(select(FormatVersion)).one()
    assert (row.format_id, row.version, row.created_by_id) == ("minamata", "2023.2", admin.id)
    # Only the translations the catalogs do not already give are stored.
    assert row.translations == {
        "fr": {
            get_format("minamata", "2023.1")
            .question("art3.primary_mining")
            .text: "Texte français modifié",
            "(e) Monitoring of releases": "(e) Surveillance des rejets",
        }
    }

    forget_stored()  # as another process would: loaded from the database on a miss
    fmt = get_format("minamata", "2023.2")
    assert [c.code for c in fmt.enumerations["art9_measures"]][-1] == "e"
    assert ("minamata", "2023.2") in {(f.id, f.version) for f in list_formats()}
    with force_locale("fr"):
        assert qt(fmt.question("art3.primary_mining").text) == "Texte français modifié"
    with force_locale("es"):
        assert qt(fmt.question("art3.primary_mining").text) != "Texte français modifié"
    page = client.get("/secretariat/formats").get_data(as_text=True)
    assert "/secretariat/formats/minamata/2023.2.xlsx" in page
    # Stored versions are immutable: the same upload again cannot be stored.
    again = _upload(client, edited).get_data(as_text=True)
    assert "exists already and is never replaced" in again
    assert client.get("/secretariat/formats/minamata/2023.2.xlsx").status_code == 200


def test_an_altered_confirmation_is_refused(client, admin):
    login(client, admin)
    response = client.post("/secretariat/formats/confirm", data={"payload": "forged.value"})
    assert response.status_code == 303
    assert db.session.scalars(select(FormatVersion)).first() is None
    page = client.get("/secretariat/formats").get_data(as_text=True)
    assert "expired or was altered" in page
