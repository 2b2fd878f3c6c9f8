"""The format workbook round trip: export, edit with openpyxl, read back, validate, list
the changes and write the new version (tests/questionnaire/workbook_helpers.py)."""

import copy

import pytest
import yaml

from reporting.questionnaire.registry import FORMATS_DIR
from reporting.questionnaire.workbook import (
    VersionExists,
    WorkbookInvalid,
    export_workbook,
    list_changes,
    read_catalogs,
    read_workbook,
    write_version,
)
from reporting.questionnaire.workbook.catalogs import merge_catalogs
from reporting.questionnaire.workbook.changes import canonical
from reporting.questionnaire.workbook.read import MOST_BYTES
from tests.questionnaire.workbook_helpers import (
    copy_translations,
    edit_french_and_add_choice,
    minamata_raw,
    open_book,
    row_of,
    save_book,
    set_cell,
    set_field,
)


@pytest.fixture(scope="module")
def catalogs():
    from reporting.config import PROJECT_ROOT

    return read_catalogs(PROJECT_ROOT / "translations")


@pytest.fixture(scope="module")
def exported(catalogs):
    return export_workbook(minamata_raw(), catalogs)


@pytest.mark.parametrize("name", ["minamata-2017", "minamata-2023", "stockholm-2023"])
def test_export_then_import_without_edits_gives_the_same_format(name, catalogs):
    raw = yaml.safe_load((FORMATS_DIR / f"{name}.yaml").read_text(encoding="utf-8"))
    workbook = read_workbook(export_workbook(raw, catalogs), catalogs)
    assert canonical(workbook.raw) == canonical(raw)
    assert list_changes(raw, catalogs, workbook.raw, workbook.translations) == []
    # The translations come back as the catalogs hold them.
    assert workbook.translations["fr"]
    assert all(
        catalogs[lang].get(text) == translated
        for lang, texts in workbook.translations.items()
        for text, translated in texts.items()
    )


def test_the_workbook_has_a_sheet_per_part_of_the_format_and_a_column_per_language(exported):
    book = open_book(exported)
    assert book.sheetnames == [
        "Format",
        "Report kinds",
        "Parts and sections",
        "Questions",
        "Table columns",
        "Choice lists",
        "Rules",
    ]
    headings = [c.value for c in book["Questions"][1]]
    assert {
        "key",
        "section",
        "official_number",
        "kind",
        "required",
        "short",
        "visible_if",
        "unit",
        "choices",
        "text_en",
        "text_ar",
        "help_zh",
    } <= set(headings)
    questions = book["Questions"]
    row = row_of(questions, "key", "art3.primary_mining")
    fr = questions.cell(row, headings.index("text_fr") + 1).value
    assert fr and fr != questions.cell(row, headings.index("text_en") + 1).value
    # Inline choices are a list of their own, named after the question.
    assert row_of(book["Choice lists"], "list", "#art7.nap")


def test_a_french_edit_and_a_new_choice_make_a_version_with_exactly_that_change(
    exported, catalogs, tmp_path
):
    formats_dir = tmp_path / "formats"
    formats_dir.mkdir()
    translations_dir = copy_translations(tmp_path / "translations")
    workbook = read_workbook(edit_french_and_add_choice(exported), catalogs)

    expected = minamata_raw()
    expected["version"] = "2023.2"
    expected["enumerations"]["art9_measures"].append(
        {"code": "e", "label": "(e) Monitoring of releases"}
    )
    assert canonical(workbook.raw) == canonical(expected)

    changes = list_changes(minamata_raw(), catalogs, workbook.raw, workbook.translations)
    assert changes == [
        "format: version '2023.1' → '2023.2'",
        "choice list art9_measures: choice added: e '(e) Monitoring of releases'",
        "choice list art9_measures, choice e: label (fr) — → '(e) Surveillance des rejets'",
        f"question art3.primary_mining: text (fr) "
        f"{catalogs['fr'][expected['parts'][1]['sections'][0]['questions'][0]['text']]!r}"
        " → 'Texte français modifié'",
    ]

    written = write_version(workbook, formats_dir, translations_dir)
    assert written.path == formats_dir / "minamata-2023.2.yaml"
    assert canonical(yaml.safe_load(written.path.read_text(encoding="utf-8"))) == canonical(
        expected
    )
    assert written.translations["fr"] == 2 and written.translations["es"] == 0
    after = read_catalogs(translations_dir)
    text = expected["parts"][1]["sections"][0]["questions"][0]["text"]
    assert after["fr"][text] == "Texte français modifié"
    assert after["fr"]["(e) Monitoring of releases"] == "(e) Surveillance des rejets"
    # Nothing else changed in the catalogs, and the compiled catalog has the new text.
    assert {k: v for k, v in after["fr"].items() if catalogs["fr"].get(k) != v} == {
        text: "Texte français modifié",
        "(e) Monitoring of releases": "(e) Surveillance des rejets",
    }
    assert after["es"] == catalogs["es"]
    from babel.support import Translations

    mo = Translations.load(str(translations_dir), ["fr"], "questionnaire")
    assert mo.gettext(text) == "Texte français modifié"


def test_the_same_version_with_other_content_is_refused(exported, catalogs, tmp_path):
    formats_dir = tmp_path / "formats"
    formats_dir.mkdir()
    (formats_dir / "minamata-2023.yaml").write_text(
        (FORMATS_DIR / "minamata-2023.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    translations_dir = copy_translations(tmp_path / "translations")
    changed = read_workbook(edit_french_and_add_choice(exported, version="2023.1"), catalogs)
    with pytest.raises(VersionExists, match="raise the version"):
        write_version(changed, formats_dir, translations_dir)
    assert sorted(p.name for p in formats_dir.iterdir()) == ["minamata-2023.yaml"]
    # The same content under the same version writes no file (the texts still merge).
    same = read_workbook(exported, catalogs)
    assert write_version(same, formats_dir, translations_dir).path is None


def test_a_bad_row_is_refused_with_its_sheet_row_and_column(exported, catalogs):
    book = open_book(exported)
    questions = book["Questions"]
    row = row_of(questions, "key", "art3.stocks")
    set_cell(questions, row, "kind", "yes_or_no")
    columns = book["Table columns"]
    set_cell(columns, 2, "min", "zero")
    set_field(book, "version", "two")
    choices = book["Choice lists"]
    set_cell(choices, 3, "label_en", None)
    with pytest.raises(WorkbookInvalid) as caught:
        read_workbook(save_book(book), catalogs)
    errors = caught.value.errors
    assert f"Questions, row {row}, column kind: Must be one of: " in "\n".join(errors)
    assert "Table columns, row 2, column min: Must be a number." in errors
    assert "Format, row 3, column value: String does not match expected pattern." in errors
    assert "Choice lists, row 3, column label_en: Missing data for required field." in errors


def test_reference_errors_name_their_row_too(exported, catalogs):
    book = open_book(exported)
    questions = book["Questions"]
    row = row_of(questions, "key", "art3.primary_mining.end_date")
    set_cell(questions, row, "visible_if", '{"question": "art99.nothing", "equals": "yes"}')
    other = row_of(questions, "key", "art3.stocks.details")
    set_cell(questions, other, "section", "no_such_section")
    with pytest.raises(WorkbookInvalid) as caught:
        read_workbook(save_book(book), catalogs)
    text = "\n".join(caught.value.errors)
    assert f"Questions, row {row}, column visible_if: refers to 'art99.nothing'" in text
    assert f"Questions, row {other}, column section: No section no_such_section" in text


def test_a_text_translated_two_ways_keeps_the_changed_translation(exported, catalogs):
    book = open_book(exported)
    sheet = book["Table columns"]
    label = [c.value for c in sheet[1]].index("label_en") + 1
    rows = [
        r for r in range(2, sheet.max_row + 1) if sheet.cell(r, label).value == "Year"
    ]  # the label of many columns
    assert len(rows) == 2
    set_cell(sheet, rows[0], "label_fr", "Exercice")
    workbook = read_workbook(save_book(book), catalogs)
    assert workbook.translations["fr"]["Year"] == "Exercice"
    set_cell(sheet, rows[1], "label_fr", "Millésime")
    with pytest.raises(WorkbookInvalid, match="translations of 'Year' differ"):
        read_workbook(save_book(book), catalogs)


@pytest.mark.parametrize(
    "data, message",
    [
        (b"id,version\nminamata,2\n", "not an XLSX workbook"),
        (b"PK\x03\x04" + b"\x00" * 200, "not an XLSX workbook, or it is damaged"),
        (b"PK\x03\x04" + b"\x00" * (MOST_BYTES + 1), "larger than 10 MB"),
    ],
)
def test_a_file_that_is_not_a_workbook_is_refused_clearly(data, message):
    with pytest.raises(WorkbookInvalid, match=message):
        read_workbook(data)


def test_a_truncated_workbook_is_refused_clearly(exported):
    with pytest.raises(WorkbookInvalid, match="damaged"):
        read_workbook(exported[: len(exported) // 2])


def test_a_workbook_without_a_sheet_says_which(exported, catalogs):
    book = open_book(exported)
    del book["Rules"]
    with pytest.raises(WorkbookInvalid, match="no sheet Rules"):
        read_workbook(save_book(book), catalogs)


def test_formulas_are_not_evaluated_and_texts_starting_with_equals_stay_texts(catalogs):
    raw = minamata_raw()
    raw["parts"][0]["sections"][0]["questions"][0]["help"] = "=SUM(A1:A2) is a text"
    data = export_workbook(raw, catalogs)
    assert canonical(read_workbook(data, catalogs).raw) == canonical(raw)
    book = open_book(data)
    set_field(book, "title_en", "=1+1")  # a formula, with no cached value
    with pytest.raises(WorkbookInvalid, match="Format, row .*, column value: Missing data"):
        read_workbook(save_book(book), catalogs)


def test_merging_translations_keeps_the_other_entries(tmp_path, catalogs):
    translations_dir = copy_translations(tmp_path)
    assert merge_catalogs(translations_dir, {"fr": {"A brand new text": "Un texte neuf"}}) == {
        "fr": 1
    }
    after = read_catalogs(translations_dir)
    assert after["fr"] == {**catalogs["fr"], "A brand new text": "Un texte neuf"}
    assert copy.deepcopy(after["ru"]) == catalogs["ru"]
