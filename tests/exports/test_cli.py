"""`flask ort export`: the exports from the command line."""

import csv
import io
import json

import frictionless
import openpyxl


def _run(app, *args):
    return app.test_cli_runner().invoke(args=["ort", "export", *args])


def test_exports_long_csv_with_filters_to_a_file(app, reports, tmp_path):
    out = tmp_path / "long.csv"
    result = _run(
        app,
        "--shape",
        "long",
        "--format",
        "csv",
        "--cycle",
        "2025-full",
        "--article",
        "3",
        "--region",
        "latin_america_caribbean",
        "--region",
        "africa",
        "--out",
        str(out),
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    assert {r["party_iso3"] for r in rows} == {"MEX", "KEN"}
    assert {r["article"] for r in rows} == {"3"}
    assert "Wrote" in result.stderr and not (tmp_path / "long.csv.part").exists()


def test_exports_every_shape_and_format(app, reports, tmp_path):
    for shape, file_format in (("wide", "xlsx"), ("codebook", "json"), ("long", "json")):
        out = tmp_path / f"{shape}.{file_format}"
        assert (
            _run(app, "--shape", shape, "--format", file_format, "--out", str(out)).exit_code == 0
        )
    assert openpyxl.load_workbook(tmp_path / "wide.xlsx").sheetnames[0] == "wide"
    assert json.loads((tmp_path / "codebook.json").read_text())["shape"] == "codebook"
    package = tmp_path / "package.zip"
    assert _run(app, "--shape", "datapackage", "--out", str(package)).exit_code == 0
    assert frictionless.validate(str(package)).valid


def test_drafts_statuses_and_party_options(app, reports, tmp_path):
    out = tmp_path / "wide.csv"
    assert (
        _run(
            app,
            "--shape",
            "wide",
            "--include-drafts",
            "--status",
            "draft",
            "--party",
            "fra",
            "--out",
            str(out),
        ).exit_code
        == 0
    )
    rows = list(csv.DictReader(io.StringIO(out.read_text(), newline="")))
    assert [(r["party_iso3"], r["status"]) for r in rows] == [("FRA", "draft")]


def test_published_option_gives_what_partners_see(app, reports, tmp_path):
    out = tmp_path / "wide.csv"
    assert _run(app, "--shape", "wide", "--published", "--out", str(out)).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(), newline="")))
    assert [r["party_iso3"] for r in rows] == ["MEX"]
    assert "party.focal_point.email" not in rows[0]


def test_standard_output(app, reports):
    result = _run(app, "--shape", "codebook", "--question", "art3.exports", "--out", "-")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1].startswith("art3.exports,")


def test_bad_filters_are_usage_errors_and_leave_no_file(app, db, tmp_path):
    out = tmp_path / "x.csv"
    for args in (
        ["--status", "draft"],
        ["--cycle", "1999-full"],
        ["--party", "XXX"],
        ["--lang", "de"],
        ["--published", "--include-confidential"],
    ):
        result = _run(app, "--shape", "long", *args, "--out", str(out))
        assert result.exit_code == 2, args
        assert "Error" in result.stderr
    result = _run(app, "--shape", "datapackage", "--format", "xlsx", "--out", str(out))
    assert result.exit_code == 2 and "zip of CSV" in result.stderr
    assert list(tmp_path.iterdir()) == []
