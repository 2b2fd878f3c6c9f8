"""Limits in a format file: rows per table and characters per text, with defaults when a
format says nothing and ceilings no format can pass."""

import pytest
import yaml

from reporting.questionnaire import FormatError, load_format_file
from reporting.questionnaire.definition import Limits
from tests.conftest import FIXTURES

TABLE = 14  # index of art1.exports among the questions of the tiny format's article 1
NOTE, LONG = 5, 6


def _load(tmp_path, mutate=lambda d: None):
    data = yaml.safe_load((FIXTURES / "tiny.yaml").read_text())
    mutate(data)
    path = tmp_path / "limits.yaml"
    path.write_text(yaml.safe_dump(data))
    return load_format_file(path)


def _errors(tmp_path, mutate):
    with pytest.raises(FormatError) as info:
        _load(tmp_path, mutate)
    return info.value.errors


def _question(data, index):
    return data["parts"][1]["sections"][0]["questions"][index]


def test_a_format_that_says_nothing_gets_the_default_limits(tmp_path):
    fmt = _load(tmp_path)
    assert fmt.limits == Limits()
    assert fmt.question("art1.exports").max_rows == 200
    assert fmt.question("art1.long").max_length == 20000
    assert fmt.question("art1.note").max_length == 10  # the question's own
    assert fmt.question("art1.count").max_rows is None


def test_a_format_sets_its_own_defaults_and_a_question_its_own_limit(tmp_path):
    def mutate(d):
        d["limits"] = {"table_rows": 50, "text_length": 300, "long_text_length": 4000}
        _question(d, NOTE).pop("max_length")
        _question(d, TABLE)["max_rows"] = 10

    fmt = _load(tmp_path, mutate)
    assert fmt.question("art1.note").max_length == 300
    assert fmt.question("art1.long").max_length == 4000
    assert fmt.question("art1.exports").max_rows == 10
    assert fmt.question("art1.exports").column("country").max_length is None  # not a text


@pytest.mark.parametrize(
    "mutate, where",
    [
        (lambda d: d.update(limits={"table_rows": 100000}), "limits.table_rows"),
        (lambda d: d.update(limits={"rows": 5}), "limits.rows"),
        (lambda d: _question(d, TABLE).update(max_rows=5000), "max_rows"),
        (lambda d: _question(d, TABLE).update(max_rows=0), "max_rows"),
        (lambda d: _question(d, LONG).update(max_length=10**7), "max_length"),
        (lambda d: _question(d, NOTE).update(max_rows=3), "columns"),
        (lambda d: _question(d, TABLE).update(min_rows=5, max_rows=2), "min_rows"),
        (lambda d: _question(d, TABLE).update(min_rows=300), "min_rows"),
    ],
)
def test_limits_beyond_what_pages_stay_fast_with_are_refused(tmp_path, mutate, where):
    errors = _errors(tmp_path, mutate)
    assert any(where in e for e in errors), errors


def test_the_shipped_format_has_limits_on_every_table_and_text(minamata):
    for q in minamata.iter_questions():
        if q.kind.name == "table":
            assert 1 <= q.max_rows <= 1000
        if q.kind.name in ("text", "long_text"):
            assert q.max_length
