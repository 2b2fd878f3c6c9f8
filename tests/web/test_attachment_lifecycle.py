"""Attachments over their life: a quota per report, files replaced or removed are deleted
once nothing refers to them (never a file a submitted version names, never bytes another
upload shares), and a token of another report posted in a form is refused, not linked."""

import secrets
from io import BytesIO

import pytest
from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from reporting.attachments import AttachmentRejected, attachment_path, store_upload
from reporting.extensions import db as _db
from reporting.models import Attachment, Submission
from reporting.reports import workflow
from reporting.reports.snapshot import content_hash

from .test_saving import _page, _post, _stored


def _pdf() -> bytes:
    """A PDF of unique content (the store is shared by the whole test session)."""
    return b"%PDF-1.4\n" + secrets.token_hex(16).encode()


def _upload(data: bytes, name: str = "doc.pdf") -> FileStorage:
    return FileStorage(BytesIO(data), filename=name)


def _attach_on_page(client, report, data: bytes, name: str = "doc.pdf", **kw):
    return _post(
        client,
        report,
        {"q.art1.file-value-upload": (BytesIO(data), name)},
        content_type="multipart/form-data",
        **kw,
    )


def _rows(report):
    _db.session.expire_all()
    return _db.session.scalars(select(Attachment).where(Attachment.report_id == report.id)).all()


# -- quota ----------------------------------------------------------------------------------


def test_a_report_holds_at_most_the_configured_number_of_files(
    request_ctx, app, tiny_report, monkeypatch
):
    monkeypatch.setitem(app.config, "ORT_MAX_REPORT_ATTACHMENTS", 2)
    first = store_upload(tiny_report, "art1.file", _upload(_pdf()))
    store_upload(tiny_report, "art1.file", _upload(_pdf()))
    with pytest.raises(AttachmentRejected, match="already has 2 files"):
        store_upload(tiny_report, "art1.file", _upload(_pdf()))
    # Replacing a file does not count twice.
    assert store_upload(tiny_report, "art1.file", _upload(_pdf()), replaces=first.token)


def test_a_report_holds_at_most_the_configured_bytes(request_ctx, app, tiny_report, monkeypatch):
    monkeypatch.setitem(app.config, "ORT_MAX_REPORT_ATTACHMENT_BYTES", 100)
    store_upload(tiny_report, "art1.file", _upload(_pdf() + b"x" * 30))
    with pytest.raises(AttachmentRejected, match="more than"):
        store_upload(tiny_report, "art1.file", _upload(_pdf() + b"y" * 30))
    assert len(_rows(tiny_report)) == 1


def test_an_upload_over_the_quota_is_an_error_on_its_question(
    app, fp_client, tiny_report, monkeypatch
):
    monkeypatch.setitem(app.config, "ORT_MAX_REPORT_ATTACHMENTS", 0)
    response = _post(
        fp_client,
        tiny_report,
        {"q.art1.note-value": "kept", "q.art1.file-value-upload": (BytesIO(_pdf()), "a.pdf")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    error = response.text.split('id="q.art1.file-error"', 1)[1].split("</div>", 1)[0]
    assert "the most a report can have" in error
    assert _stored(tiny_report, "art1.note")["value"] == "kept"
    assert _rows(tiny_report) == []


# -- replaced and removed files -------------------------------------------------------------


def test_a_replaced_file_is_deleted_with_its_bytes(fp_client, tiny_report):
    old, new = _pdf(), _pdf()
    _attach_on_page(fp_client, tiny_report, old, "old.pdf")
    (first,) = _rows(tiny_report)
    _attach_on_page(fp_client, tiny_report, new, "new.pdf")
    (second,) = _rows(tiny_report)
    assert (
        second.filename == "new.pdf" and _stored(tiny_report, "art1.file")["value"] == second.token
    )
    assert not attachment_path(first.sha256).exists()
    assert attachment_path(second.sha256).read_bytes() == new


def test_a_removed_file_is_deleted(fp_client, tiny_report):
    _attach_on_page(fp_client, tiny_report, _pdf())
    (attachment,) = _rows(tiny_report)
    response = _post(fp_client, tiny_report, {"q.art1.file-value-remove": "y"})
    assert response.status_code == 302
    assert (
        _stored(tiny_report, "art1.file") is None
        or _stored(tiny_report, "art1.file")["value"] is None
    )
    assert _rows(tiny_report) == []
    assert not attachment_path(attachment.sha256).exists()


def test_bytes_shared_with_another_upload_are_kept(request_ctx, fp_client, tiny_report, report_a):
    shared = _pdf()
    elsewhere = store_upload(report_a, "art3.file", _upload(shared))
    _db.session.commit()
    _attach_on_page(fp_client, tiny_report, shared)
    _attach_on_page(fp_client, tiny_report, _pdf())
    assert len(_rows(tiny_report)) == 1  # the replaced row is gone ...
    assert attachment_path(elsewhere.sha256).read_bytes() == shared  # ... not the shared bytes


def test_a_file_named_by_a_submitted_version_is_never_deleted(request_ctx, fp_client, tiny_report):
    _attach_on_page(fp_client, tiny_report, _pdf())
    (attachment,) = _rows(tiny_report)
    content = {"answers": {"art1.file": {"state": "value", "value": attachment.token}}}
    _db.session.add(
        Submission(
            report_id=tiny_report.id,
            version_no=1,
            format_id="tiny",
            format_version="1",
            language="en",
            content=content,
            content_hash=content_hash(content),
        )
    )
    _db.session.commit()
    _attach_on_page(fp_client, tiny_report, _pdf())
    tokens = {a.token for a in _rows(tiny_report)}
    assert attachment.token in tokens and len(tokens) == 2
    assert attachment_path(attachment.sha256).exists()
    download = fp_client.get(f"/reports/{tiny_report.id}/attachments/{attachment.token}")
    assert download.status_code == 200
    download.close()


# -- tokens of other reports ----------------------------------------------------------------


def test_another_reports_attachment_token_is_refused_at_save(
    request_ctx, fp_client, tiny_report, tiny_cycle, party_b, other_focal_point
):
    theirs = workflow.start_report(party_b, tiny_cycle, other_focal_point, carry_over=False)
    foreign = store_upload(theirs, "art1.file", _upload(_pdf(), "their-secret.pdf"))
    _db.session.commit()
    response = _post(
        fp_client,
        tiny_report,
        {"q.art1.note-value": "mine", "q.art1.file-value-current": foreign.token},
    )
    assert response.status_code == 422
    error = response.text.split('id="q.art1.file-error"', 1)[1].split("</div>", 1)[0]
    assert "not one of this report's attachments" in error.replace("&#39;", "'")
    assert _stored(tiny_report, "art1.file") is None
    assert _stored(tiny_report, "art1.note")["value"] == "mine"
    assert "their-secret.pdf" not in _page(fp_client, tiny_report).text


def test_the_reports_own_token_is_kept_on_a_later_save(fp_client, tiny_report):
    _attach_on_page(fp_client, tiny_report, _pdf())
    token = _stored(tiny_report, "art1.file")["value"]
    response = _post(fp_client, tiny_report, {"q.art1.note-value": "later"})
    assert response.status_code == 302
    assert _stored(tiny_report, "art1.file")["value"] == token
