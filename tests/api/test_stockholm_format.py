"""The API serves the Stockholm format beside Minamata's, translated, with nothing to set up."""


def test_the_formats_list_has_stockholm_with_no_cycle_yet(client, partner):
    formats = client.get("/api/v1/formats", headers=partner).get_json()
    stockholm = next(f for f in formats if f["id"] == "stockholm")
    assert stockholm["version"] == "2023.1" and stockholm["cycles"] == []
    assert {"minamata", "stockholm"} <= {f["id"] for f in formats}


def test_the_stockholm_format_has_its_tables_enumerations_and_no_short_report(client, partner):
    fmt = client.get("/api/v1/formats/stockholm/2023.1", headers=partner).get_json()
    questions = {q["key"]: q for p in fmt["parts"] for s in p["sections"] for q in s["questions"]}
    assert len(questions) == 80 and fmt["short_report"] == []
    quantities = questions["art3.production_use.quantities"]
    assert quantities["kind"] == "table"
    assert questions["party.focal_point.telephone"]["personal"] is True
    russian = client.get("/api/v1/formats/stockholm/2023.1?lang=ru", headers=partner).get_json()
    assert russian["title"].startswith("Стокгольмская конвенция")
