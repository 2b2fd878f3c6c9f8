"""The shipped Minamata format: loads, validates, and its short report is the asterisked subset."""

from reporting.questionnaire import get_format, list_formats


def test_minamata_format_loads_with_five_parts(minamata):
    assert [p.key for p in minamata.parts] == ["A", "B", "C", "D", "E"]
    assert minamata in list_formats()


def test_part_b_has_the_43_numbered_questions_under_the_convention_articles(minamata):
    part_b = next(p for p in minamata.parts if p.key == "B")
    articles = [s.article for s in part_b.sections]
    assert articles == [
        "3",
        "4",
        "5",
        "7",
        "8",
        "9",
        "10",
        "11",
        "12",
        "13",
        "14",
        "16",
        "17",
        "18",
        "19",
    ]
    top_level = [q for s in part_b.sections for q in s.questions if q.number.isdigit()]
    assert len(top_level) == 43


def test_short_report_is_exactly_the_asterisked_subset(minamata):
    short = minamata.questions("short")
    part_a = {q.key for q in minamata.iter_questions() if q.part_key == "A"}
    asterisked = {q.key for q in minamata.iter_questions() if q.short}
    assert {q.key for q in short} == part_a | asterisked
    # The asterisk marks four questions, all under Article 3, and their follow-ups.
    top = [q for q in short if q.short and q.number.isdigit()]
    assert len(top) == 4
    assert {q.article for q in short if q.short} == {"3"}


def test_every_question_key_is_unique_and_stable_format(minamata):
    keys = [q.key for q in minamata.iter_questions()]
    assert len(keys) == len(set(keys))


def test_dental_amalgam_measures_list_annex_a_part_ii(minamata):
    # 2017.1 required at least two (min_choices); 2023.1 accepts fewer with a warning
    # (tests/questionnaire/test_minamata_corrections.py).
    older = get_format("minamata", "2017.1")
    assert [q.key for q in older.iter_questions() if q.min_choices == 2] == ["art4.dental.measures"]
    assert not any(q.min_choices == 2 for q in minamata.iter_questions())
    amalgam = minamata.question("art4.dental.measures")
    assert amalgam.kind.name == "multiple_choice"
    assert amalgam.choice_codes == [
        "i",
        "ii",
        "iii",
        "iv",
        "v",
        "vi",
        "vii",
        "viii",
        "ix",
        "x",
        "xi",
    ]
    assert older.question("art4.dental.measures").choice_codes == amalgam.choice_codes[:9]


def test_exports_are_a_table_of_typed_columns(minamata):
    exports = minamata.question("art3.exports.list")
    assert exports.kind.name == "table"
    kinds = {c.key: c.kind.name for c in exports.columns}
    assert "country" in kinds.values() and "decimal" in kinds.values()
