"""The API's format document and the codebook are one dump of the definition: each
question reads the same in both, in every language."""

import json

import pytest

from reporting.exports import ExportFilters, iter_codebook_rows


def _api_questions(client, partner, lang):
    fmt = client.get(f"/api/v1/formats/minamata/2023.1?lang={lang}", headers=partner).get_json()
    return {q["key"]: q for part in fmt["parts"] for s in part["sections"] for q in s["questions"]}


def _as_codebook(doc: dict) -> dict:
    """What a codebook row says of a question or column, from the API's document."""
    choices = doc.get("choices")
    states = [s for s in doc.get("states", ()) if s != "value"]
    return {
        "text": doc.get("text", doc.get("label")),
        "kind": doc["kind"],
        "unit": doc.get("unit"),
        "choices": json.dumps(choices, ensure_ascii=False) if choices else None,
        "states": ";".join(states) or None,
        "asked_if": json.dumps(doc["visible_if"], sort_keys=True)
        if doc.get("visible_if")
        else None,
    }


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_the_codebook_says_of_each_question_what_the_api_says(client, partner, full_cycle, lang):
    questions = _api_questions(client, partner, lang)
    rows = list(iter_codebook_rows(ExportFilters(cycles=[full_cycle.code], language=lang)))
    assert {r["question_key"] for r in rows} == set(questions)
    for row in rows:
        q = questions[row["question_key"]]
        where = {
            name: row[name]
            for name in ("part", "section", "article", "number", "short", "personal")
        }
        assert where == {
            "part": q["part"],
            "section": q["section"],
            "article": q["article"],
            "number": q["number"],
            "short": q["short"],
            "personal": q.get("personal", False),
        }
        doc = (
            q
            if row["column_key"] is None
            else next(c for c in q["columns"] if c["key"] == row["column_key"])
        )
        said = {
            name: row[name] for name in ("text", "kind", "unit", "choices", "states", "asked_if")
        }
        assert said == _as_codebook(doc), row["question_key"]
