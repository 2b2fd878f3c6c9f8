"""The shipped Stockholm format: a second convention loaded from its data file alone."""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from reporting.questionnaire import list_formats
from reporting.questionnaire.registry import FORMATS_DIR
from reporting.questionnaire.report_schema import report_schema
from reporting.questionnaire.samples import sample_answers
from reporting.questionnaire.translate import extract_format

ROOT = Path(__file__).resolve().parents[2]
FILE = FORMATS_DIR / "stockholm-2023.yaml"

#: Annexes A, B and C as amended up to COP-11 (2023), by stable code.
ANNEX_A = {
    "aldrin",
    "alpha_hch",
    "beta_hch",
    "chlordane",
    "chlordecone",
    "decabde",
    "dechlorane_plus",
    "dicofol",
    "dieldrin",
    "endrin",
    "heptachlor",
    "hexabromobiphenyl",
    "hbcdd",
    "hexa_hepta_bde",
    "hcb",
    "hcbd",
    "lindane",
    "methoxychlor",
    "mirex",
    "pecb",
    "pcp",
    "pfhxs",
    "pfoa",
    "pcb",
    "pcn",
    "sccp",
    "endosulfan",
    "tetra_penta_bde",
    "toxaphene",
    "uv_328",
}
ANNEX_B = {"ddt", "pfos"}
ANNEX_C = {"hcb", "hcbd", "pecb", "pcb", "pcdd_pcdf", "pcn"}


def _codes(fmt, name):
    return [c.code for c in fmt.enumerations[name]]


def test_stockholm_format_loads_beside_minamata(stockholm, minamata):
    assert stockholm in list_formats() and minamata in list_formats()
    assert [p.key for p in stockholm.parts] == ["A", "B", "C", "D"]
    assert 40 <= len(stockholm.questions()) <= 80


def test_part_b_follows_the_articles_of_the_convention(stockholm):
    articles = [s.article for p in stockholm.parts if p.key in "BC" for s in p.sections]
    assert articles == ["3", "4", "5", "6", "7", "9", "10", "11", "12", "15", "16"]


def test_there_is_one_full_report_and_no_short_one(stockholm):
    assert not any(q.short for q in stockholm.iter_questions())
    assert not any(p.in_every_report for p in stockholm.parts)
    assert stockholm.report_kind_codes == ["full"] and stockholm.marked_kind is None


def test_contact_details_that_identify_a_person_are_personal(stockholm):
    personal = {q.key for q in stockholm.iter_questions() if q.personal}
    assert personal == {
        "party.focal_point.name",
        "party.focal_point.telephone",
        "party.focal_point.email",
        "party.submitter.name",
        "party.submitter.telephone",
        "party.submitter.email",
    }


def test_enumerations_hold_the_chemicals_of_annexes_a_b_and_c(stockholm):
    assert set(_codes(stockholm, "annex_a_chemicals")) == ANNEX_A
    assert set(_codes(stockholm, "annex_b_chemicals")) == ANNEX_B
    assert set(_codes(stockholm, "annex_c_chemicals")) == ANNEX_C
    assert set(_codes(stockholm, "annex_ab_chemicals")) == ANNEX_A | ANNEX_B
    assert set(_codes(stockholm, "listed_chemicals")) == ANNEX_A | ANNEX_B | ANNEX_C
    assert set(_codes(stockholm, "amended_chemicals")) < ANNEX_A | ANNEX_B
    for name in stockholm.enumerations:
        assert len(_codes(stockholm, name)) == len(set(_codes(stockholm, name))), name


def test_a_chemical_has_one_label_in_every_list(stockholm):
    labels = {}
    for choices in stockholm.enumerations.values():
        for c in choices:
            if c.code in ANNEX_A | ANNEX_B | ANNEX_C:
                assert labels.setdefault(c.code, c.label) == c.label, c.code


def test_quantities_are_tables_per_chemical_in_kg(stockholm):
    table = stockholm.question("art3.production_use.quantities")
    assert table.kind.tabular
    chemical = table.column("chemical")
    assert chemical.kind.coded and set(chemical.choice_codes) == ANNEX_A | ANNEX_B
    assert {c.key: c.unit for c in table.columns if c.unit} == {
        "production": "kg",
        "use": "kg",
        "import": "kg",
        "export": "kg",
    }
    for key in ("art3.imports.list", "art3.exports.list"):
        purposes = stockholm.question(key).column("purpose").choice_codes
        assert purposes == ["disposal", "specific_exemption", "acceptable_purpose"]


def test_follow_ups_are_shown_only_when_their_condition_holds(stockholm):
    from reporting.questionnaire.conditions import visibility

    shown = visibility(stockholm, {"art3.exports": {"value": "no"}})
    assert not shown["art3.exports.list"] and not shown["art3.exports.certification"]
    shown = visibility(stockholm, {"art3.exports": {"value": "yes"}})
    assert shown["art3.exports.list"]
    media = {"art16.monitoring": {"value": "yes"}, "art16.monitoring.media": {"value": ["air"]}}
    assert not visibility(stockholm, media)["art16.monitoring.other_media"]
    media["art16.monitoring.media"]["value"].append("other")
    assert visibility(stockholm, media)["art16.monitoring.other_media"]
    assert visibility(stockholm, {"art4.pfos": {"value": "yes"}})["art4.alternatives"]
    assert not visibility(stockholm, {"art4.ddt": {"value": "no"}, "art4.pfos": {"value": "no"}})[
        "art4.alternatives"
    ]


def _texts():
    with FILE.open("rb") as handle:
        return {message for _line, _fn, message, _comments in extract_format(handle, [], [], {})}


@pytest.mark.parametrize("lang", ["ar", "es", "fr", "ru", "zh"])
def test_every_text_of_the_format_is_translated(lang):
    with (ROOT / "translations" / lang / "LC_MESSAGES" / "questionnaire.po").open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    texts = _texts()
    assert len(texts) > 200
    missing = [t for t in texts if t not in catalog or not catalog[t].string or catalog[t].fuzzy]
    assert missing == []


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_sample_answers_to_every_question_pass_submit_mode(request_ctx, stockholm, seed):
    data = sample_answers(stockholm, None, seed=seed)
    data["party.period_start"] = {"value": "2022-01-01"}
    data["party.period_end"] = {"value": "2025-12-31"}
    answerable = {q.key for q in stockholm.iter_questions() if not q.kind.attachment}
    assert set(data) == answerable
    assert report_schema(stockholm, None, "draft")().load(data).keys() == data.keys()
    assert report_schema(stockholm, None, "submit")().load(data).keys() == data.keys()
