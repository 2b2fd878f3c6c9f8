"""The worker's entry point: `celery -A reporting.tasks.worker worker` (and `beat`).

The same configuration as the web app (environment variables, `instance/`): run it on any
host that reaches the database, the broker and the attachment store. (Celery looks for
`app`, then `celery` here: the Flask app is `flask_app` so that it finds the Celery one.)
"""

from reporting import create_app
from reporting.tasks.forking import register as forget_parent_connections_in_children

flask_app = create_app()
celery = flask_app.extensions["celery"]
forget_parent_connections_in_children(flask_app)
