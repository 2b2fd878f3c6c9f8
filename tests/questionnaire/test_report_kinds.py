"""Report kinds are data of the format file: codes, names, cadence and which questions."""

import pytest
import yaml

from reporting.questionnaire import load_format_file
from reporting.questionnaire.report_kinds import (
    check_cycle_kind,
    cycle_kind_label,
    kind_label,
    report_kind_codes,
)
from tests.questionnaire.test_format_files import _errors, _write


def test_the_minamata_file_declares_a_biennial_short_and_a_quadrennial_full_report(minamata):
    kinds = {k.code: (k.every_years, k.asks_all) for k in minamata.report_kinds}
    assert kinds == {"short": (2, False), "full": (4, True)}
    assert minamata.questions("full") == minamata.questions()
    assert minamata.marked_kind == "short"


def test_a_format_whose_only_kind_asks_everything_leaves_no_question_out(tmp_path):
    def only_annual(d):
        d["report_kinds"] = [
            {"code": "annual", "name": "Annual report", "label": "Annual report", "every_years": 1}
        ]

    fmt = load_format_file(_write(tmp_path, only_annual))
    assert fmt.questions("annual") == fmt.questions()
    assert fmt.marked_kind is None
    with pytest.raises(LookupError):
        fmt.questions("short")


def test_a_format_file_must_declare_its_report_kinds(tmp_path):
    assert any(
        e.startswith("report_kinds:")
        for e in _errors(_write(tmp_path, lambda d: d.pop("report_kinds")))
    )


@pytest.mark.parametrize(
    "mutate, where",
    [
        (lambda d: d["report_kinds"][0].update(questions="some"), "report_kinds[0].questions:"),
        (lambda d: d["report_kinds"][1].update(code="short"), "report_kinds:"),
        (lambda d: d["report_kinds"][0].pop("name"), "report_kinds[0].name:"),
    ],
)
def test_a_bad_report_kind_is_reported_at_its_path(tmp_path, mutate, where):
    assert any(e.startswith(where) for e in _errors(_write(tmp_path, mutate)))


def test_kind_labels_come_from_the_format_in_the_current_language(app, minamata):
    from flask_babel import force_locale

    with app.test_request_context("/"):
        assert kind_label(minamata, "full") == "Full report (every four years)"
        with force_locale("fr"):
            assert kind_label(minamata, "full") not in ("", "Full report (every four years)")
        assert kind_label(minamata, "gone") == "gone"


def test_a_cycle_is_labelled_by_its_formats_kind(app, full_cycle):
    with app.test_request_context("/"):
        assert cycle_kind_label(full_cycle) == "Full report (every four years)"


def test_the_api_kinds_are_those_of_the_loaded_formats(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    kind = spec["components"]["schemas"]["Cycle"]["properties"]["kind"]
    assert kind["enum"] == report_kind_codes() == ["short", "full"]


def test_a_cycle_of_a_kind_its_format_does_not_declare_is_refused(tmp_path):
    from reporting.seed import seed_cycles

    check_cycle_kind("minamata", "2023.1", "short")
    bad = tmp_path / "cycles.yaml"
    bad.write_text(
        yaml.safe_dump(
            [
                {
                    "code": "2029-annual",
                    "year": 2029,
                    "kind": "annual",
                    "period_start": "2027-01-01",
                    "period_end": "2028-12-31",
                    "due_date": "2029-12-31",
                    "format": "minamata",
                    "version": "2023.1",
                }
            ]
        )
    )
    with pytest.raises(LookupError, match="annual"):
        seed_cycles(bad)
