"""The attachment store (content-addressed, typed by content) and the signed replay."""

from io import BytesIO

import pytest
from werkzeug.datastructures import FileStorage

from reporting.attachments import AttachmentRejected, attachment_path, find_attachment, store_upload
from reporting.web import replay


def _upload(data: bytes, name: str) -> FileStorage:
    return FileStorage(BytesIO(data), filename=name)


def test_files_are_stored_once_under_their_hash(request_ctx, tiny_report):
    first = store_upload(tiny_report, "art1.file", _upload(b"%PDF-1.7 same", "a.pdf"))
    second = store_upload(tiny_report, "art1.file", _upload(b"%PDF-1.7 same", "b.pdf"))
    assert first.sha256 == second.sha256 and first.token != second.token
    path = attachment_path(first.sha256)
    assert path.read_bytes() == b"%PDF-1.7 same"
    assert path.parent.parent.name == first.sha256[:2]
    assert not [p for p in path.parent.parent.parent.rglob(".upload-*")]  # no temporary left


@pytest.mark.parametrize(
    "data, name",
    [
        (b"MZ\x90\x00", "tool.exe"),  # a type that is not accepted
        (b"MZ\x90\x00", "tool.pdf"),  # a name that lies about the content
        (b"PK\x03\x04" + b"\x00" * 10, "sheet.pdf"),
        (b"\xff\xfe\x00\x00binary", "notes.txt"),
        (b"", "empty.pdf"),
    ],
)
def test_unaccepted_or_disguised_files_are_refused(request_ctx, tiny_report, data, name):
    with pytest.raises(AttachmentRejected):
        store_upload(tiny_report, "art1.file", _upload(data, name))


def test_office_documents_and_text_in_any_script_are_accepted(request_ctx, tiny_report):
    for data, name, content_type in [
        (
            b"PK\x03\x04rest",
            "inventaire.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("الزئبق\n".encode(), "ملاحظات.txt", "text/plain"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old", "report.doc", "application/msword"),
    ]:
        attachment = store_upload(tiny_report, "art1.file", _upload(data, name))
        assert (attachment.filename, attachment.content_type) == (name, content_type)


def test_an_upload_over_the_limit_is_refused_before_it_is_stored(
    request_ctx, tiny_report, app, monkeypatch
):
    monkeypatch.setitem(app.config, "ORT_MAX_ATTACHMENT_BYTES", 100)
    with pytest.raises(AttachmentRejected, match="larger than"):
        store_upload(tiny_report, "art1.file", _upload(b"%PDF-" + b"x" * 200, "big.pdf"))


def test_a_token_finds_only_its_own_reports_file(request_ctx, tiny_report, report_a):
    attachment = store_upload(tiny_report, "art1.file", _upload(b"%PDF-1.7", "a.pdf"))
    assert find_attachment(tiny_report, attachment.token) == attachment
    assert find_attachment(report_a, attachment.token) is None


@pytest.mark.parametrize(
    "headers, expected",
    [
        ({"Sec-Fetch-Site": "same-origin"}, True),
        ({"Sec-Fetch-Site": "cross-site", "Origin": "http://localhost"}, False),
        ({"Origin": "http://localhost"}, True),
        ({"Origin": "http://localhost.evil.example"}, False),
        ({}, False),
    ],
)
def test_only_posts_from_our_own_pages_count_as_same_origin(app, headers, expected):
    with app.test_request_context("/", method="POST", headers=headers):
        assert replay.same_origin_post() is expected


def test_a_replay_is_saved_only_in_the_browser_that_captured_it(app):
    with app.test_request_context(
        "/reports/1/pages/A",
        method="POST",
        data={"a": "1", "csrf_token": "x"},
        headers={"Sec-Fetch-Site": "same-origin"},
    ):
        token = replay.capture()
        nonce = replay.take_nonce()
    carried = replay.release(token, nonce)
    assert carried.url == "/reports/1/pages/A" and carried.pairs == [("a", "1")]
    assert carried.mode == replay.SAVE
    assert replay.release(token, "another browser").mode == replay.REVIEW
    assert replay.release(token, None).mode == replay.REVIEW
    assert replay.release(token[:-3] + "abc", nonce) is None
