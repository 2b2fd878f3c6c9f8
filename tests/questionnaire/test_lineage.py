"""Format versions follow one another: what each newer question replaces, and how the
answers of an older version are analysed and carried under the newer keys."""

import pytest

from reporting.questionnaire import lineage, registry
from reporting.questionnaire.format_schema import FormatInvalid, build_format
from tests.conftest import FIXTURES


def test_series_keys_follow_renames_recodes_and_merges(versions):
    old, new = versions
    assert lineage.series_key(old, "art1.kept") == "art1.kept"
    assert lineage.series_key(old, "art1.old_name") == "art1.new_name"
    assert lineage.series_key(old, "art1.tonnes") == "art1.quantity"
    assert lineage.series_key(old, "art1.kilos") == "art1.quantity"
    assert lineage.series_key(new, "art1.new_name") == "art1.new_name"


def test_a_split_question_keeps_its_own_series_even_where_the_key_is_reused(versions):
    old, new = versions
    # The newer art1.mining asks something else: the older answers are never counted with it.
    assert lineage.series_key(old, "art1.mining") == "art1.mining@1"
    assert lineage.series_key(new, "art1.mining") == "art1.mining"
    assert lineage.successor(old, "art1.mining") is None
    assert lineage.series_key(old, "art1.dropped") == "art1.dropped"


def test_codes_are_recoded_into_the_newest_version(versions):
    old, _new = versions
    assert lineage.recode(old, "art1.colour", "grn") == "green"
    assert lineage.recode(old, "art1.colour", "red") == "red"
    assert lineage.recodes(old, "art1.colours") == {"grn": "green"}
    assert lineage.recodes(old, "art1.kept") == {}


def test_history_and_origins_say_how(versions):
    old, new = versions
    assert [(s.version, s.key, s.how) for s in lineage.history(old, "art1.old_name")] == [
        ("1", "art1.old_name", "renamed"),
        ("2", "art1.new_name", None),
    ]
    assert [(s.key, s.how) for s in lineage.origins(new, "art1.quantity")] == [
        ("art1.tonnes", "merged"),
        ("art1.kilos", "merged"),
    ]
    assert [(s.key, s.how) for s in lineage.origins(new, "art1.kept")] == [("art1.kept", "same")]
    assert lineage.origins(old, "art1.kept") == []
    assert lineage.is_newer(new, old) and not lineage.is_newer(old, new)


def test_the_shipped_minamata_versions_are_consistent():
    formats = registry.list_formats()
    assert lineage.check_lineage(formats) == []
    new = registry.get_format("minamata", "2023.1")
    assert new.follows == "2017.1"
    assert lineage.is_newer(new, registry.get_format("minamata", "2017.1"))


def _with(raw_new: dict, old):
    return lineage.check_lineage([old, build_format(raw_new)])


def _raw(path):
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_inconsistent_declarations_are_named(versions):
    old, _new = versions
    raw = _raw(FIXTURES / "lineage-2.yaml")
    raw["follows"] = "9"
    assert _with(raw, old) == ["lineage 2: follows 9, which is not a version of lineage"]

    raw = _raw(FIXTURES / "lineage-2.yaml")
    raw["parts"][0]["sections"][0]["questions"][1]["replaces"] = [
        {"key": "art1.nothing", "how": "renamed"}
    ]
    assert _with(raw, old) == [
        "lineage 2: art1.new_name.replaces: art1.nothing is not a question of lineage 1"
    ]

    raw = _raw(FIXTURES / "lineage-2.yaml")
    questions = raw["parts"][0]["sections"][0]["questions"]
    questions.append(
        {
            "key": "art1.kept.more",
            "number": "9",
            "text": "More",
            "kind": "yes_no",
            "replaces": [{"key": "art1.kept", "how": "renamed"}],
        }
    )
    assert _with(raw, old) == [
        "lineage 2: art1.kept is kept as a key but replaced by art1.kept.more: the question "
        "art1.kept must say what it replaces too"
    ]

    raw = _raw(FIXTURES / "lineage-2.yaml")
    raw["parts"][0]["sections"][0]["questions"][5]["replaces"] = [
        {"key": "art1.mining", "how": "renamed"}
    ]
    assert "lineage 2: art1.mining is split, so every question replacing it must say 'split'" in (
        _with(raw, old)
    )


def test_a_replacement_is_checked_by_the_format_schema():
    raw = _raw(FIXTURES / "lineage-2.yaml")
    raw["parts"][0]["sections"][0]["questions"][1]["replaces"] = [
        {"key": "art1.old_name", "how": "moved"}
    ]
    with pytest.raises(FormatInvalid) as caught:
        build_format(raw)
    assert any("replaces[0].how" in line for line in caught.value.errors)
    raw["parts"][0]["sections"][0]["questions"][1]["replaces"] = [
        {"key": "art1.old_name", "how": "renamed", "choices": {"a": "b"}}
    ]
    with pytest.raises(FormatInvalid) as caught:
        build_format(raw)
    assert any(
        "Only a 'recoded' replacement maps 'choices'." in line for line in caught.value.errors
    )


def test_official_number_is_shown_where_given(versions):
    _old, new = versions
    assert new.question("art1.kept").shown_number == "1 (a)"
    assert new.question("art1.new_name").shown_number == "2"
