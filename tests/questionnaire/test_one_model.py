"""The definition dataclasses are the one model of a format: the loader builds them from
their own field names, one schema set dumps them, and the answer states and units each
have one home."""

import ast
import dataclasses
from pathlib import Path

import pytest

from reporting.models.answer import AnswerState
from reporting.questionnaire import definition, format_schema, load_format_file, states
from reporting.questionnaire.kinds.number import UNITS
from schemas import formats as documents
from tests.conftest import FIXTURES

ROOT = Path(__file__).resolve().parents[2]

#: Each dataclass and the schema that dumps it.
DUMPED_BY = {
    definition.Question: documents.QuestionSchema,
    definition.Column: documents.ColumnSchema,
    definition.Section: documents.SectionSchema,
    definition.Part: documents.PartSchema,
    definition.Rule: documents.RuleSchema,
    definition.Choice: documents.ChoiceSchema,
    definition.Format: documents.FormatSchema,
}
#: Each dataclass and the loader's schema of the same node of a format file.
LOADED_BY = {
    definition.Question: format_schema.QuestionSchema,
    definition.Column: format_schema.ColumnSchema,
    definition.Section: format_schema.SectionSchema,
    definition.Part: format_schema.PartSchema,
    definition.Rule: format_schema.RuleSchema,
    definition.Choice: format_schema.ChoiceSchema,
    definition.Limits: format_schema.LimitsSchema,
    definition.Format: format_schema.FormatFileSchema,
}
#: Fields of the format document that are not the format's: added by `FormatInUse`.
DOCUMENT_ONLY = {"cycles", "language", "short_report"}


def _field_names(cls) -> set[str]:
    return {f.name for f in dataclasses.fields(cls)}


@pytest.mark.parametrize("cls", list(DUMPED_BY), ids=lambda c: c.__name__)
def test_every_field_of_the_definition_is_dumped_or_excluded_on_purpose(cls):
    schema = DUMPED_BY[cls]()
    dumped = {field.attribute or name for name, field in schema.fields.items()}
    excluded = documents.NOT_DUMPED[cls.__name__]
    assert _field_names(cls) - dumped == excluded
    # What the document reads that is no field is a property of the definition itself.
    extra = dumped - _field_names(cls) - (DOCUMENT_ONLY if cls is definition.Format else set())
    assert all(isinstance(getattr(cls, name, None), property) for name in extra), extra


@pytest.mark.parametrize("cls", list(LOADED_BY), ids=lambda c: c.__name__)
def test_the_loader_takes_the_definitions_own_field_names(cls):
    assert set(LOADED_BY[cls]().fields) <= _field_names(cls)


def test_a_loaded_question_keeps_every_attribute_of_its_file():
    fmt = load_format_file(FIXTURES / "tiny.yaml")
    q = fmt.question("art1.mining.tonnes")
    assert (q.unit, q.min, q.short, q.visible_if, q.part_key, q.section_key, q.article) == (
        "t",
        0,
        True,
        {"question": "art1.mining", "equals": "yes"},
        "B",
        "art1",
        "1",
    )
    assert q.states == ("value", *states.DEFAULT_STATES)


def test_the_question_document_holds_what_the_definition_says(app):
    fmt = load_format_file(FIXTURES / "tiny.yaml")
    with app.test_request_context():
        doc = documents.QuestionSchema().dump(fmt.question("art1.mining.tonnes"))
        yes_no = documents.QuestionSchema().dump(fmt.question("art1.mining"))
    assert doc == {
        "key": "art1.mining.tonnes",
        "number": "1.1",
        "text": "How much?",
        "kind": "decimal",
        "part": "B",
        "section": "art1",
        "article": "1",
        "required": True,
        "short": True,
        "unit": "t",
        "min": 0.0,
        "visible_if": {"question": "art1.mining", "equals": "yes"},
        "states": ["value", "not_applicable", "none", "not_available"],
    }
    assert yes_no["choices"] == [{"code": "yes", "label": "Yes"}, {"code": "no", "label": "No"}]


def test_contents_walk_the_report_kind_and_leave_out_empty_sections():
    fmt = load_format_file(FIXTURES / "tiny.yaml")
    short = fmt.contents("short")
    assert [q.key for _p, sections in short for _s, qs in sections for q in qs] == [
        q.key for q in fmt.iter_questions("short")
    ]
    assert all(qs for _p, sections in short for _s, qs in sections)
    only_mining = fmt.contents(keep=lambda q: q.key.startswith("art1.mining"))
    assert [
        (p.key, [(s.key, [q.key for q in qs]) for s, qs in sections]) for p, sections in only_mining
    ] == [("B", [("art1", ["art1.mining", "art1.mining.tonnes"])])]
    assert fmt.sections("short") == [s for _p, ss in short for s, _qs in ss]


def test_the_answer_states_are_the_stored_ones():
    assert states.STATES == tuple(s.value for s in AnswerState)
    assert set(states.STATE_LABELS) == set(states.DEFAULT_STATES)


def test_every_list_of_state_names_is_the_one_list():
    from forms.questionnaire import STATE_LABELS as FORM_LABELS
    from reporting.exports.plan import STATE_LABELS as EXPORT_LABELS
    from reporting.reports.present import STATE_LABELS as PRESENTER_LABELS
    from reporting.secretariat.labels import ANSWER_STATE_LABELS

    assert PRESENTER_LABELS is ANSWER_STATE_LABELS is states.STATE_LABELS
    for labels in (FORM_LABELS, EXPORT_LABELS):
        assert {k: v for k, v in labels.items() if k != states.VALUE} == states.STATE_LABELS


def _literals(word: str, allowed: set[str]) -> list[str]:
    """Python modules of the application, other than `allowed`, holding `word` as a string."""
    found = []
    for top in ("reporting", "forms", "schemas"):
        for path in (ROOT / top).rglob("*.py"):
            name = str(path.relative_to(ROOT))
            if name in allowed:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            if any(
                isinstance(node, ast.Constant) and node.value == word for node in ast.walk(tree)
            ):
                found.append(name)
    return found


def test_state_codes_are_listed_in_one_module():
    home = {"reporting/questionnaire/states.py", "reporting/models/answer.py"}
    assert _literals("not_available", home) == []


def test_units_are_listed_in_one_module():
    assert _literals("t/yr", {"reporting/questionnaire/kinds/number.py"}) == []
    unit = format_schema.QuestionSchema().fields["unit"]
    assert list(unit.validators[0].choices) == list(UNITS)
