"""Malformed format files are rejected with the file and the path of the bad node."""

import pytest
import yaml

from reporting.questionnaire import FormatError, load_format_file
from tests.conftest import FIXTURES


def _write(tmp_path, mutate):
    data = yaml.safe_load((FIXTURES / "tiny.yaml").read_text())
    mutate(data)
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


def _errors(path):
    with pytest.raises(FormatError) as info:
        load_format_file(path)
    assert info.value.file == str(path)
    return info.value.errors


def test_unknown_answer_kind_is_reported_at_its_path(tmp_path):
    path = _write(
        tmp_path, lambda d: d["parts"][1]["sections"][0]["questions"][2].update(kind="colour")
    )
    errors = _errors(path)
    assert any(e.startswith("parts[1].sections[0].questions[2].kind:") for e in errors)


def test_missing_required_field_is_reported_at_its_path(tmp_path):
    path = _write(tmp_path, lambda d: d["parts"][0]["sections"][0]["questions"][0].pop("text"))
    assert any(e.startswith("parts[0].sections[0].questions[0].text:") for e in _errors(path))


def test_condition_on_unknown_question_is_rejected(tmp_path):
    def mutate(d):
        d["parts"][1]["sections"][0]["questions"][1]["visible_if"] = {
            "question": "nope",
            "equals": "yes",
        }

    errors = _errors(_write(tmp_path, mutate))
    assert any(
        "parts[1].sections[0].questions[1] (art1.mining.tonnes).visible_if" in e and "'nope'" in e
        for e in errors
    )


def test_duplicate_question_key_is_rejected(tmp_path):
    def mutate(d):
        d["parts"][1]["sections"][0]["questions"][2]["key"] = "art1.mining"

    assert any(
        "duplicate question key 'art1.mining'" in e for e in _errors(_write(tmp_path, mutate))
    )


def test_unknown_enumeration_is_rejected(tmp_path):
    def mutate(d):
        d["parts"][1]["sections"][0]["questions"][3]["choices"] = "flavours"

    assert any("unknown enumeration 'flavours'" in e for e in _errors(_write(tmp_path, mutate)))


def test_unknown_attribute_is_rejected(tmp_path):
    def mutate(d):
        d["parts"][1]["sections"][0]["questions"][0]["colour"] = "red"

    errors = _errors(_write(tmp_path, mutate))
    assert any(e.startswith("parts[1].sections[0].questions[0].colour:") for e in errors)


def test_table_without_columns_is_rejected(tmp_path):
    def mutate(d):
        d["parts"][1]["sections"][0]["questions"][-1].pop("columns")

    errors = _errors(_write(tmp_path, mutate))
    assert any(e.startswith("parts[1].sections[0].questions[14].columns:") for e in errors)


def test_rule_on_unknown_question_is_rejected(tmp_path):
    def mutate(d):
        d["rules"][0]["check"]["right"] = "about.middle"

    assert any(e.startswith("rules[0] (period_order)") for e in _errors(_write(tmp_path, mutate)))


def test_file_that_is_not_yaml_is_rejected(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("id: [unclosed")
    assert _errors(path)[0].startswith("(file): cannot be read as YAML")
