"""The aggregates benchmark runs end to end on a tiny data set (synthetic reports, a real
gunicorn, a partner's token) and reports only answers it checked."""

import socket

from bench import aggregates


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_short_run_reports_every_question_asked(capsys):
    port = str(_free_port())
    result = aggregates.main(
        ["--parties", "6", "--cycles", "2", "--seconds", "0.5", "--clients", "2", "--port", port]
    )
    assert result["failed"] == 0 and result["healthz"]["per_second"] > 0
    asked = {(a["endpoint"], a["question"]) for a in result["asked"]}
    assert asked == set(aggregates.ASKED)
    assert all(a["rows"] > 0 and a["p95"] >= a["p50"] > 0 for a in result["asked"])
    assert "| numbers | `art3.chlor_alkali.quantity` |" in capsys.readouterr().out
