"""Kinds own their behaviour: consumers ask a kind's capabilities, never its name.

The guard scans the application's modules (outside `questionnaire/kinds/`) and templates
for answer-kind names compared with a kind, or listed in tuples, sets or dicts: a new
kind then means one new class, not a hunt through every layer for `== "table"`.
"""

from __future__ import annotations

import ast
import random
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from flask_babel import force_locale

from reporting.questionnaire.definition import Choice, Column, Limits, Question
from reporting.questionnaire.kinds import AnswerKind, get_kind, kind_names
from reporting.questionnaire.kinds.base import PaperBox

ROOT = Path(__file__).resolve().parents[2] / "reporting"
KINDS_DIR = ROOT / "questionnaire" / "kinds"
NAMES = frozenset(kind_names())


# -- the guard -------------------------------------------------------------------------------


def _names_in(node: ast.AST) -> set[str]:
    """Answer-kind names written as a string literal, or in a literal tuple/list/set."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value} & NAMES
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return set().union(*(_names_in(e) for e in node.elts)) if node.elts else set()
    return set()


def _is_kind(node: ast.AST) -> bool:
    """An expression that holds a kind or its name: `kind`, `kind_name`, `x.kind`,
    `x.kind.name`, `x.get("kind")`, `x["kind"]`."""
    if isinstance(node, ast.Name):
        return node.id == "kind" or node.id.endswith("kind_name")
    if isinstance(node, ast.Attribute):
        if node.attr == "name":
            return _is_kind(node.value)
        return node.attr == "kind" or node.attr.endswith("kind_name")
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return (
            node.func.attr == "get"
            and bool(node.args)
            and isinstance(node.args[0], ast.Constant)
            and node.args[0].value == "kind"
        )
    if isinstance(node, ast.Subscript):
        key = node.slice
        return isinstance(key, ast.Constant) and key.value == "kind"
    return False


def name_checks(source: str) -> list[tuple[int, str]]:
    """(line, code) of every answer-kind name check in a module's source."""
    tree = ast.parse(source)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            if any(_is_kind(o) for o in operands) and any(_names_in(o) for o in operands):
                found.append((node.lineno, ast.unparse(node)))
        elif isinstance(node, ast.Dict):
            keys = set().union(*(_names_in(k) for k in node.keys if k is not None))
            if len(keys) >= 2:  # a table by kind name (widths, types, directions ...)
                found.append((node.lineno, ast.unparse(node)[:80]))
    for node in tree.body:  # module-level lists of kinds ("QUANTITY_KINDS = (...)")
        value = node.value if isinstance(node, (ast.Assign, ast.AnnAssign)) else None
        if isinstance(value, ast.Call) and value.args:  # frozenset({...})
            value = value.args[0]
        if value is not None and len(_names_in(value)) >= 2:
            found.append((node.lineno, ast.unparse(node)[:80]))
    return found


def _modules():
    return sorted(p for p in ROOT.rglob("*.py") if KINDS_DIR not in p.parents)


def test_no_module_outside_kinds_checks_an_answer_kinds_name():
    offences = [
        f"{path.relative_to(ROOT.parent)}:{line}: {code}"
        for path in _modules()
        for line, code in name_checks(path.read_text())
    ]
    assert offences == [], "ask the kind's capability instead:\n" + "\n".join(offences)


_TEMPLATE_CHECK = re.compile(r"kind\.name\s*(==|!=|\bin\b|\bnot in\b)")


def test_no_template_checks_an_answer_kinds_name():
    offences = [
        f"{path.relative_to(ROOT.parent)}:{number}: {line.strip()}"
        for path in sorted((ROOT / "templates").rglob("*.html"))
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if _TEMPLATE_CHECK.search(line)
    ]
    assert offences == [], "ask the kind's capability instead:\n" + "\n".join(offences)


@pytest.mark.parametrize(
    "source",
    [
        'if q.kind.name == "table": pass',
        'if info.kind in ("integer", "decimal"): pass',
        'ok = kind != "multiple_choice"',
        'ok = data.get("kind") == "table"',
        'ok = spec["kind"] not in ["text", "long_text"]',
        'QUANTITY_KINDS = ("integer", "decimal")',
        'CHOICES = frozenset({"yes_no", "single_choice"})',
        'WIDTHS = {"text": 2.2, "url": 1.8}',
    ],
)
def test_the_guard_finds_name_checks(source):
    assert name_checks(source)


@pytest.mark.parametrize(
    "source",
    [
        "if q.kind.tabular: pass",
        'ok = kind.storage != "text"',  # a storage column, not a kind's name
        'ok = type_ == "table"',
        'ok = cycle.kind.value == "full"',
        'row = {"text": q.text, "kind": q.kind.name}',
    ],
)
def test_the_guard_lets_capabilities_and_other_strings_pass(source):
    assert name_checks(source) == []


# -- the capabilities of every kind -----------------------------------------------------------

#: What each registered kind declares; a new kind adds its row here.
EXPECTED = {
    #  name:           quantity coded multiple tabular attachment direction export_column   type
    "yes_no": (False, True, False, False, False, None, "value_code", "string"),
    "yes_no_na": (False, True, False, False, False, None, "value_code", "string"),
    "single_choice": (False, True, False, False, False, None, "value_code", "string"),
    "multiple_choice": (False, True, True, False, False, None, "value_code", "string"),
    "integer": (True, False, False, False, False, "ltr", "value_number", "integer"),
    "decimal": (True, False, False, False, False, "ltr", "value_number", "number"),
    "percentage": (True, False, False, False, False, "ltr", "value_number", "number"),
    "year": (False, False, False, False, False, "ltr", "value_number", "integer"),
    "date": (False, False, False, False, False, "ltr", "value_date", "date"),
    "text": (False, False, False, False, False, "auto", "value_text", "string"),
    "long_text": (False, False, False, False, False, "auto", "value_text", "string"),
    "email": (False, False, False, False, False, "ltr", "value_text", "string"),
    "url": (False, False, False, False, False, "ltr", "value_text", "string"),
    "country": (False, False, False, False, False, None, "value_code", "string"),
    "file": (False, False, False, False, True, None, "value_text", "string"),
    "table": (False, False, False, True, False, None, None, "string"),
}


def test_every_registered_kind_declares_its_capabilities():
    assert set(EXPECTED) == NAMES


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_capabilities(name):
    kind = get_kind(name)
    declared = (
        kind.quantity,
        kind.coded,
        kind.multiple,
        kind.tabular,
        kind.attachment,
        kind.text_direction,
        kind.export_column,
        kind.export_type,
    )
    assert declared == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_capabilities_agree_with_storage_and_options(name):
    kind = get_kind(name)
    assert isinstance(kind, AnswerKind)
    assert not (kind.multiple and not kind.coded)  # several codes are codes
    assert not kind.quantity or kind.storage == "number"
    assert not kind.summable or kind.quantity  # sums are of quantities
    assert not kind.has_unit or kind.storage == "number"
    assert not kind.has_choices or kind.coded
    assert not (kind.tabular or kind.multiple) or kind.storage == "json"
    assert not (kind.tabular or kind.multiple or kind.attachment) or not kind.in_tables
    assert kind.pdf_width > 0
    assert isinstance(kind.paper_box, PaperBox)


def test_only_amounts_are_summed():
    assert {n for n in NAMES if get_kind(n).summable} == {"integer", "decimal"}
    assert {n for n in NAMES if get_kind(n).quantity} == {"integer", "decimal", "percentage"}


def test_pdf_widths_give_free_text_room_and_numbers_little():
    width = {name: get_kind(name).pdf_width for name in NAMES}
    assert width["long_text"] > width["text"] > width["country"] > width["integer"]
    assert width["year"] < width["integer"] < width["decimal"]


def test_paper_boxes_of_the_blank_questionnaire(app):
    with app.test_request_context(), force_locale("en"):
        assert str(get_kind("integer").paper_box.hint) == "Whole number"
        assert str(get_kind("date").paper_box.hint) == "Date"
        assert get_kind("text").paper_box == PaperBox(full_width=True)
    assert get_kind("long_text").paper_box.height > get_kind("file").paper_box.height > 22
    assert get_kind("url").paper_box.full_width and not get_kind("email").paper_box.full_width


def test_default_max_length_comes_from_the_formats_limits():
    limits = Limits()
    assert get_kind("text").default_max_length(limits) == limits.text_length
    assert get_kind("long_text").default_max_length(limits) == limits.long_text_length
    assert all(
        get_kind(n).default_max_length(limits) is None for n in NAMES - {"text", "long_text"}
    )


def test_only_countries_have_labels_of_their_own(app):
    with app.test_request_context():
        assert get_kind("country").code_label("FRA", "fr") == "France"
        assert get_kind("country").code_label("DEU", "es") == "Alemania"
        assert all(get_kind(n).code_label("yes", "en") is None for n in NAMES - {"country"})
    assert get_kind("country").datalist
    assert all(get_kind(n).datalist is None for n in NAMES - {"country"})


def _question(name: str, **options) -> Question:
    return Question(key=f"s.{name}", number="1", text="?", kind=get_kind(name), **options)


def test_localized_values(app):
    single = _question("single_choice", choices=(Choice("a", "Alpha"), Choice("b", "Beta")))
    multiple = _question("multiple_choice", choices=single.choices)
    with app.test_request_context(), force_locale("fr"):
        assert (
            get_kind("decimal").localized(_question("decimal"), Decimal("1234.5")) == "1\u202f234,5"
        )
        assert get_kind("integer").localized(_question("integer"), 1234) == "1\u202f234"
        assert get_kind("year").localized(_question("year"), 2024) == "2024"
        assert (
            get_kind("percentage").localized(_question("percentage"), Decimal("12.5"))
            == "12,5\u00a0%"
        )
        assert get_kind("date").localized(_question("date"), date(2024, 3, 5)) == "5 mars 2024"
        assert get_kind("yes_no").localized(_question("yes_no"), "yes") == "Oui"
        assert single.kind.localized(single, "b") == "Beta"
        assert multiple.kind.localized(multiple, ["a", "b"]) == "Alpha; Beta"
        assert get_kind("text").localized(_question("text"), "Texte") == "Texte"


def test_samples_are_valid_values_of_their_kind(app):
    choices = (Choice("a", "Alpha"), Choice("b", "Beta"), Choice("c", "Gamma"))
    columns = (Column("n", "N", get_kind("integer")), Column("c", "C", get_kind("country")))
    specs = {name: _question(name) for name in NAMES}
    specs.update(
        single_choice=_question("single_choice", choices=choices),
        multiple_choice=_question("multiple_choice", choices=choices, min_choices=2),
        table=_question("table", columns=columns),
    )
    rng = random.Random(3)
    with app.test_request_context():
        for name, spec in sorted(specs.items()):
            value = spec.kind.sample(spec, rng, year=2021, rows=3)
            if spec.kind.attachment:
                assert value is None  # no sample upload
                continue
            parsed = spec.kind.field(spec).deserialize(value)
            assert spec.kind.submit_errors(spec, parsed) == [], name
    assert len(get_kind("table").sample(specs["table"], random.Random(1), rows=3)) == 3
    assert get_kind("year").sample(specs["year"], random.Random(1), year=2021) == 2021
