"""The worker's entry point: `celery -A reporting.tasks.worker worker` (and `beat`).

The same configuration as the web app (environment variables, `instance/`): run it on any
host that reaches the database, the broker and the attachment store.
"""
from reporting import create_app

app = create_app()
celery = app.extensions["celery"]
