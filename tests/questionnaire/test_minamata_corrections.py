"""The known content corrections of the amended Minamata format (2023.1, issue 15)."""

import pytest

from reporting.questionnaire import get_format
from reporting.questionnaire.checks import submission_issues
from reporting.questionnaire.conditions import visibility
from reporting.questionnaire.format_schema import FormatInvalid, build_format
from reporting.questionnaire.report_schema import report_schema
from reporting.questionnaire.samples import sample_answers


@pytest.fixture
def older():
    return get_format("minamata", "2017.1")


def _complete(fmt, **answers):
    """A complete, valid full report, with `answers` (keys with `__` for dots) on top."""
    data = sample_answers(fmt, "full")
    data.update({key.replace("__", "."): answer for key, answer in answers.items()})
    return data


def _submitted(fmt, data):
    """The issues of answers that pass submit mode (which raises on any error)."""
    clean = report_schema(fmt, "full", "submit")().load(data)
    return submission_issues(fmt, clean, "full")


def _issues_at(fmt, data, key):
    return [
        (i.severity, i.field) for i in submission_issues(fmt, data, "full") if i.question_key == key
    ]


# ------------------------------------------------------------------ dental amalgam


def test_the_measures_are_asked_whatever_the_first_answer(minamata):
    measures = minamata.question("art4.dental.measures")
    assert measures.visible_if is None and measures.min_choices is None
    for gate in ("yes", "no"):
        assert visibility(minamata, {"art4.dental": {"value": gate}}, "full")[measures.key]


def test_the_older_version_keeps_its_minimum_of_two(older):
    assert older.question("art4.dental.measures").min_choices == 2


def test_one_measure_is_accepted_with_a_warning(request_ctx, minamata):
    data = _complete(
        minamata, art4__dental={"value": "yes"}, art4__dental__measures={"value": ["ii"]}
    )
    issues = [i for i in _submitted(minamata, data) if i.question_key == "art4.dental.measures"]
    assert [(i.severity, i.field) for i in issues] == [("warning", "rule")]
    assert "at least two measures" in issues[0].message


def test_no_measure_is_accepted_with_a_warning(request_ctx, minamata):
    # The state "none" says that no measure was taken ...
    data = _complete(
        minamata, art4__dental={"value": "no"}, art4__dental__measures={"state": "none"}
    )
    assert [
        (i.severity, i.question_key)
        for i in _submitted(minamata, data)
        if i.question_key.startswith("art4.dental")
    ] == [("warning", "art4.dental.measures")]
    # ... and so does a list left empty after "no".
    data.pop("art4.dental.measures")
    assert ("warning", "rule") in [
        (i.severity, i.field)
        for i in _submitted(minamata, data)
        if i.question_key == "art4.dental.measures"
    ]


def test_two_measures_raise_no_warning(request_ctx, minamata):
    data = _complete(
        minamata, art4__dental={"value": "yes"}, art4__dental__measures={"value": ["i", "viii"]}
    )
    assert _issues_at(minamata, data, "art4.dental.measures") == []


def test_measures_are_required_after_yes(request_ctx, minamata):
    data = _complete(minamata, art4__dental={"value": "yes"})
    data.pop("art4.dental.measures")
    assert ("error", "value") in _issues_at(minamata, data, "art4.dental.measures")


def test_the_changed_first_question_declares_what_it_replaces(minamata):
    [replacement] = minamata.question("art4.dental").replaces
    assert (replacement.key, replacement.how) == ("art4.dental", "split")


# ------------------------------------------------------------------ primary mining

MINING = (
    "art3.primary_mining.end_date",
    "art3.primary_mining.annual_quantity",
    "art3.primary_mining.uses",
)


def _shown(fmt, **answers):
    data = {key.replace("__", "."): {"value": v} for key, v in answers.items()}
    return visibility(fmt, data, "short")


def test_no_mining_asks_nothing_further(minamata):
    shown = _shown(minamata, art3__primary_mining="no")
    assert not shown["art3.primary_mining.at_entry_into_force"]
    assert not any(shown[key] for key in MINING)


def test_mining_asks_first_whether_it_existed_at_entry_into_force(minamata):
    shown = _shown(minamata, art3__primary_mining="yes")
    assert shown["art3.primary_mining.at_entry_into_force"]
    assert not any(shown[key] for key in MINING)
    shown = _shown(
        minamata, art3__primary_mining="yes", art3__primary_mining__at_entry_into_force="yes"
    )
    assert all(shown[key] for key in MINING)


def test_new_mining_is_accepted_with_a_warning(request_ctx, minamata):
    data = _complete(
        minamata,
        art3__primary_mining={"value": "yes"},
        art3__primary_mining__at_entry_into_force={"value": "no"},
    )
    issues = _submitted(minamata, data)
    assert [
        (i.severity, i.question_key) for i in issues if i.question_key.startswith("art3.primary")
    ] == [("warning", "art3.primary_mining.at_entry_into_force")]
    assert "paragraph 3" in next(
        i.message for i in issues if i.question_key == "art3.primary_mining.at_entry_into_force"
    )


def test_existing_mining_raises_no_new_mining_warning_and_needs_its_details(request_ctx, minamata):
    data = _complete(
        minamata,
        art3__primary_mining={"value": "yes"},
        art3__primary_mining__at_entry_into_force={"value": "yes"},
    )
    assert _issues_at(minamata, data, "art3.primary_mining.at_entry_into_force") == []
    data.pop("art3.primary_mining.annual_quantity")
    assert ("error", "value") in _issues_at(minamata, data, "art3.primary_mining.annual_quantity")


def test_the_follow_up_must_be_answered_after_yes(request_ctx, minamata):
    data = _complete(minamata, art3__primary_mining={"value": "yes"})
    data.pop("art3.primary_mining.at_entry_into_force")
    assert ("error", "value") in _issues_at(
        minamata, data, "art3.primary_mining.at_entry_into_force"
    )


def test_both_mining_questions_split_the_older_one_and_stay_in_the_short_report(minamata, older):
    for key in ("art3.primary_mining", "art3.primary_mining.at_entry_into_force"):
        question = minamata.question(key)
        assert [(r.key, r.how) for r in question.replaces] == [("art3.primary_mining", "split")]
        assert question.short
    assert all(minamata.question(key).short for key in MINING)
    assert not older.has_question("art3.primary_mining.at_entry_into_force")


# ------------------------------------------------------------------ Article 5


def test_registered_process_exemptions_are_asked_for_part_i_processes(minamata):
    exemptions = minamata.question("art5.part1.exemptions")
    assert exemptions.kind.name == "multiple_choice" and exemptions.visible_if is None
    assert exemptions.choice_codes == ["chlor_alkali", "acetaldehyde", "polyurethane"]
    part2 = minamata.question("art5.part2.processes").choice_codes
    assert part2 == ["vcm", "methylate_ethylate"]  # polyurethane moved to Part I


def test_efforts_on_alternatives_follow_the_part_ii_measures(request_ctx, minamata):
    key = "art5.part2.alternatives"
    assert key not in _shown(minamata, art5__part2="yes")  # not in the short report
    shown = visibility(minamata, {"art5.part2": {"value": "yes"}}, "full")
    assert shown[key]
    for other in ("no", "na"):
        assert not visibility(minamata, {"art5.part2": {"value": other}}, "full")[key]
    data = _complete(minamata, art5__part2={"value": "yes"})
    data.pop(key)
    assert ("error", "value") in _issues_at(minamata, data, key)


# ------------------------------------------------------------------ Article 3(9)


def test_paragraph_9_is_asked_only_with_a_general_notification(minamata):
    key = "art3.imports_non_parties.paragraph9"
    imports = {"art3.imports_non_parties": {"value": "yes"}}
    assert not visibility(minamata, imports, "short")[key]
    for answer, shown in (("yes", True), ("no", False)):
        data = {**imports, "art3.imports_non_parties.general_notification": {"value": answer}}
        assert visibility(minamata, data, "short")[key] is shown
    no_imports = {
        "art3.imports_non_parties": {"value": "no"},
        "art3.imports_non_parties.general_notification": {"value": "yes"},
    }
    assert not visibility(minamata, no_imports, "short")[key]


def test_paragraph_9_is_required_only_when_shown(request_ctx, minamata):
    data = _complete(
        minamata,
        art3__imports_non_parties={"value": "yes"},
        art3__imports_non_parties__general_notification={"value": "no"},
    )
    data.pop("art3.imports_non_parties.paragraph9")
    assert _issues_at(minamata, data, "art3.imports_non_parties.paragraph9") == []
    data["art3.imports_non_parties.general_notification"] = {"value": "yes"}
    assert ("error", "value") in _issues_at(minamata, data, "art3.imports_non_parties.paragraph9")


# ------------------------------------------------------------------ numbers, fax, follows


def test_every_question_has_an_official_number_unique_in_its_section(minamata):
    for section in (s for part in minamata.parts for s in part.sections):
        numbers = [q.official_number for q in section.questions]
        assert all(numbers), section.key
        assert len(set(numbers)) == len(numbers), section.key
    assert all(q.shown_number == q.official_number for q in minamata.iter_questions())


@pytest.mark.parametrize("who", ["focal_point", "submitter"])
def test_fax_is_optional_and_personal(request_ctx, minamata, who):
    fax = minamata.question(f"party.{who}.fax")
    assert fax.personal and not fax.required and fax.part_key == "A"
    assert fax.key in {q.key for q in minamata.questions("short")}  # Part A is in every report
    data = _complete(minamata)
    data.pop(fax.key, None)
    _submitted(minamata, data)  # no error without a fax


def test_the_amended_version_follows_2017_and_replaces_only_its_questions(minamata, older):
    assert minamata.follows == older.version == "2017.1"
    replaced = [r.key for q in minamata.iter_questions() for r in q.replaces]
    assert replaced and all(older.has_question(key) for key in replaced)


# ------------------------------------------------------------------ count ops in rules


def _format_with_rule(check, kind="multiple_choice"):
    question = {"key": "a.q", "number": "1", "text": "Q", "kind": kind}
    if kind == "multiple_choice":
        question["choices"] = [{"code": "x", "label": "X"}, {"code": "y", "label": "Y"}]
    return build_format(
        {
            "id": "t",
            "version": "1",
            "title": "T",
            "report_kinds": [{"code": "full", "name": "Full", "label": "Full"}],
            "parts": [
                {
                    "key": "A",
                    "title": "A",
                    "sections": [{"key": "a", "title": "A", "questions": [question]}],
                }
            ],
            "rules": [
                {
                    "key": "r",
                    "severity": "warning",
                    "check": check,
                    "message": "Choose two.",
                    "questions": ["a.q"],
                }
            ],
        }
    )


def test_count_rule_counts_chosen_options_none_and_no_answer(request_ctx):
    fmt = _format_with_rule({"left": "a.q", "op": "count_ge", "value": 2})

    def warned(answer):
        return [i.severity for i in submission_issues(fmt, {"a.q": answer} if answer else {})]

    assert warned({"value": ["x", "y"]}) == []
    assert warned({"value": ["x"]}) == ["warning"]
    assert warned({"state": "none"}) == ["warning"]
    assert warned(None) == ["warning"]
    assert warned({"state": "not_available"}) == []  # says nothing about a count
    at_most = _format_with_rule({"left": "a.q", "op": "count_le", "value": 1})
    assert [i.severity for i in submission_issues(at_most, {"a.q": {"value": ["x", "y"]}})] == [
        "warning"
    ]


@pytest.mark.parametrize(
    "check, kind, message",
    [
        ({"left": "a.q", "op": "count_ge", "value": "2"}, "multiple_choice", "whole number"),
        ({"left": "a.q", "op": "count_ge", "value": -1}, "multiple_choice", "whole number"),
        ({"left": "a.q", "op": "count_ge", "value": 2}, "text", "multiple choice question"),
    ],
)
def test_count_rules_are_checked_when_the_format_loads(check, kind, message):
    with pytest.raises(FormatInvalid) as info:
        _format_with_rule(check, kind)
    assert any(message in line for line in info.value.errors)
