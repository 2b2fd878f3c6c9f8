"""Progress is written often enough for a person to see it move."""

from reporting.jobs import engine


def test_with_a_known_total_progress_is_written_at_least_every_percent(app, monkeypatch):
    writes = []
    monkeypatch.setattr(engine, "_write", lambda job_id, **values: writes.append(values))
    with app.app_context():
        progress = engine.Progress(job_id=7, every=500)
        progress.set_total(200)
        for _ in range(6):
            progress.add()
    assert [w["progress_done"] for w in writes if "progress_done" in w] == [2, 4, 6]


def test_without_a_total_it_is_written_every_n_units(app, monkeypatch):
    writes = []
    monkeypatch.setattr(engine, "_write", lambda job_id, **values: writes.append(values))
    with app.app_context():
        progress = engine.Progress(job_id=7, every=3)
        for _ in range(7):
            progress.add()
    assert [w["progress_done"] for w in writes] == [3, 6]
