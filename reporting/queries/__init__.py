"""Queries on individual answers of a submitted report, seen by both sides.

Domain (`reporting.queries.threads`): `ask(report, user, question_key, text, row_index=None,
column_key=None)`, `reply(query, user, text)`, `follow_up(query, user, text)`,
`resolve(query, user, text=None)`, `report_queries(report)`. Status: open (waiting for the
Party) -> answered (waiting for the secretariat) -> resolved; a follow-up reopens.

Web (blueprint `queries`): the Party's list of a report's threads at
/reports/<id>/queries and the reply form's target /queries/<id>/reply. Templates:
`queries/_report_queries.html` renders the threads of the `report` in its context with
their status and a reply form (include it in a report page); the template global
`query_threads(report)` gives the same threads as view objects.
"""
