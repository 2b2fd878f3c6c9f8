"""`ort format export --xlsx` and `ort format import`: the workbook round trip by CLI."""

import yaml

from reporting.questionnaire.workbook import read_catalogs
from reporting.questionnaire.workbook.changes import canonical
from tests.questionnaire.workbook_helpers import (
    copy_translations,
    edit_french_and_add_choice,
    minamata_raw,
    open_book,
    save_book,
    set_field,
)


def _export(runner, tmp_path):
    out = tmp_path / "minamata.xlsx"
    result = runner.invoke(
        args=[
            "ort",
            "format",
            "export",
            "minamata",
            "--version",
            "2023.1",
            "--xlsx",
            "-o",
            str(out),
        ]
    )
    assert result.exit_code == 0, result.output
    assert f"Wrote {out}" in result.output
    return out


def _import(runner, path, tmp_path, *extra):
    return runner.invoke(
        args=[
            "ort",
            "format",
            "import",
            str(path),
            *extra,
            "--formats-dir",
            str(tmp_path / "formats"),
            "--translations-dir",
            str(tmp_path / "translations"),
        ]
    )


def test_export_takes_exactly_one_of_json_and_xlsx(app):
    runner = app.test_cli_runner()
    neither = runner.invoke(args=["ort", "format", "export", "minamata"])
    both = runner.invoke(args=["ort", "format", "export", "minamata", "--json", "--xlsx"])
    assert neither.exit_code == both.exit_code == 2
    assert "exactly one of --json and --xlsx" in neither.output


def test_export_edit_import_writes_the_new_version_and_its_translations(app, tmp_path):
    runner = app.test_cli_runner()
    (tmp_path / "formats").mkdir()
    copy_translations(tmp_path / "translations")
    path = _export(runner, tmp_path)
    edited = tmp_path / "edited.xlsx"
    edited.write_bytes(edit_french_and_add_choice(path.read_bytes()))

    dry = _import(runner, edited, tmp_path, "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "Changes of minamata 2023.2 against 2023.1:" in dry.output
    assert "choice list art9_measures: choice added: e" in dry.output
    assert "question art3.primary_mining: text (fr)" in dry.output
    assert list((tmp_path / "formats").iterdir()) == []

    result = _import(runner, edited, tmp_path)
    assert result.exit_code == 0, result.output
    written = tmp_path / "formats" / "minamata-2023.2.yaml"
    assert f"Wrote {written}" in result.output and "Updated 2 fr translation(s)" in result.output
    expected = minamata_raw()
    expected["version"] = "2023.2"
    expected["enumerations"]["art9_measures"].append(
        {"code": "e", "label": "(e) Monitoring of releases"}
    )
    assert canonical(yaml.safe_load(written.read_text(encoding="utf-8"))) == canonical(expected)
    assert (
        read_catalogs(tmp_path / "translations")["fr"]["(e) Monitoring of releases"]
        == "(e) Surveillance des rejets"
    )
    # The written file passes `ort format check`.
    check = runner.invoke(args=["ort", "format", "check", str(written)])
    assert check.exit_code == 0 and "OK: minamata 2023.2" in check.output


def test_import_of_a_bad_workbook_prints_sheet_row_column_and_exits_1(app, tmp_path):
    runner = app.test_cli_runner()
    path = _export(runner, tmp_path)
    book = open_book(path.read_bytes())
    set_field(book, "id", "Not An Id")
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(save_book(book))
    result = _import(runner, bad, tmp_path)
    assert result.exit_code == 1
    assert "bad.xlsx: Format, row 2, column value: String does not match" in result.output


def test_import_of_the_current_version_with_other_content_says_raise_the_version(app, tmp_path):
    runner = app.test_cli_runner()
    formats = tmp_path / "formats"
    formats.mkdir()
    copy_translations(tmp_path / "translations")
    (formats / "minamata-2023.yaml").write_text(yaml.safe_dump(minamata_raw()))
    path = _export(runner, tmp_path)
    edited = tmp_path / "edited.xlsx"
    edited.write_bytes(edit_french_and_add_choice(path.read_bytes(), version="2023.1"))
    result = _import(runner, edited, tmp_path)
    assert result.exit_code == 1
    assert "raise the version" in result.output


def test_import_of_a_file_that_is_not_a_workbook_exits_1(app, tmp_path):
    text = tmp_path / "format.xlsx"
    text.write_text("id: minamata\n")
    result = _import(app.test_cli_runner(), text, tmp_path)
    assert result.exit_code == 1 and "not an XLSX workbook" in result.output
